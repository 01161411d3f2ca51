//! `casefile init` and `casefile new`: files that pass `check` from the start.

use std::path::{Path, PathBuf};

use crate::config::{Config, CONFIG_FILE};

/// The kinds of content `casefile new` can create.
pub const KINDS: &[&str] = &["article"];

/// Creates a new, empty site in `dir` (which must not exist or be empty).
pub fn init(dir: &Path) -> Result<Vec<PathBuf>, String> {
    if dir.exists() && dir.read_dir().map_err(|e| e.to_string())?.next().is_some() {
        return Err(format!(
            "{} already exists and is not empty; choose a new folder",
            dir.display()
        ));
    }
    let title = dir
        .file_name()
        .map(|n| n.to_string_lossy().replace(['-', '_'], " "))
        .filter(|t| !t.trim().is_empty())
        .unwrap_or_else(|| "My explainer".into());
    let files = [
        (
            CONFIG_FILE.to_string(),
            format!(
                "# casefile site configuration. Every key is documented in casefile's README.\n\
                 title = {title:?}\n\
                 base_url = \"https://example.org\"\n\
                 language = \"en\"\n\
                 description = \"\"\n\
                 author = \"\"\n\
                 timezone = \"UTC\"\n"
            ),
        ),
        (
            "content/_index.md".to_string(),
            format!("+++\ntitle = {title:?}\n+++\n\nWelcome. Add articles with `casefile new article \"Title\"`.\n"),
        ),
        ("templates/.gitkeep".to_string(), String::new()),
        ("static/.gitkeep".to_string(), String::new()),
    ];
    let mut written = Vec::new();
    for (rel, text) in files {
        let path = dir.join(rel);
        if let Some(p) = path.parent() {
            std::fs::create_dir_all(p).map_err(|e| format!("{}: {e}", p.display()))?;
        }
        std::fs::write(&path, text).map_err(|e| format!("{}: {e}", path.display()))?;
        written.push(path);
    }
    Ok(written)
}

/// Writes a new content file of `kind` titled `name` under `root`.
/// Returns its path.
pub fn new_content(root: &Path, kind: &str, name: &str) -> Result<PathBuf, String> {
    let config = Config::load(root).map_err(|d| {
        d.iter()
            .map(ToString::to_string)
            .collect::<Vec<_>>()
            .join("\n")
    })?;
    let slug = slug::slugify(name);
    if slug.is_empty() {
        return Err(format!(
            "`{name}` has no letters or digits to make a file name from"
        ));
    }
    let now = jiff::Zoned::now().with_time_zone(config.time_zone());
    let date = now.strftime("%Y-%m-%dT%H:%M:%S%:z").to_string();
    let (path, text) = match kind {
        "article" => (
            root.join("content/articles").join(format!("{slug}.md")),
            format!(
                "+++\ntitle = {name:?}\ndescription = \"\"\ndate = {date}\ndraft = true\n\n[taxonomies]\ntopics = []\n+++\n\nWrite the article here. Set draft = false to publish it.\n"
            ),
        ),
        other => {
            return Err(format!(
                "unknown kind `{other}`; {}",
                crate::diagnostics::suggestion(other, KINDS)
            ))
        }
    };
    if path.exists() {
        return Err(format!("{} already exists", path.display()));
    }
    if let Some(p) = path.parent() {
        std::fs::create_dir_all(p).map_err(|e| format!("{}: {e}", p.display()))?;
    }
    let section = path.parent().map(|p| p.join("_index.md"));
    if let Some(section) = section.filter(|s| !s.exists()) {
        std::fs::write(
            &section,
            "+++\ntitle = \"Articles\"\nsort_by = \"date\"\n+++\n",
        )
        .map_err(|e| format!("{}: {e}", section.display()))?;
    }
    std::fs::write(&path, text).map_err(|e| format!("{}: {e}", path.display()))?;
    Ok(path)
}
