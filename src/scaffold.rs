//! `casefile init` and `casefile new`: a new site builds at once and a new
//! article passes `check --drafts` at once; new records (source, fact,
//! update, correction) pass `check` once their placeholders are filled in.

use std::path::{Path, PathBuf};

use crate::config::{Config, CONFIG_FILE};

/// The kinds of content `casefile new` can create.
pub const KINDS: &[&str] = &["article", "source", "fact", "update", "correction"];

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

/// What `casefile new` should write.
#[derive(Debug, Clone, Default)]
pub struct NewRequest<'a> {
    /// One of [`KINDS`].
    pub kind: &'a str,
    /// The title (article, source), the id (fact) or the text (update, correction).
    pub text: &'a str,
    /// Facts an update or correction changed.
    pub facts: &'a [String],
    /// Pages (content paths) an update or correction changed.
    pub pages: &'a [String],
    /// The facts file a new fact goes into.
    pub topic: Option<&'a str>,
}

/// Writes a new content file of `kind` titled `name` under `root`.
pub fn new_content(root: &Path, kind: &str, name: &str) -> Result<PathBuf, String> {
    new_record(
        root,
        &NewRequest {
            kind,
            text: name,
            ..Default::default()
        },
    )
}

fn toml_list(items: &[String]) -> String {
    let quoted: Vec<String> = items.iter().map(|i| format!("{i:?}")).collect();
    format!("[{}]", quoted.join(", "))
}

/// Writes a new record; returns the file written (or appended to).
pub fn new_record(root: &Path, req: &NewRequest<'_>) -> Result<PathBuf, String> {
    let config = Config::load(root).map_err(|d| {
        d.iter()
            .map(ToString::to_string)
            .collect::<Vec<_>>()
            .join("\n")
    })?;
    let text = req.text.trim();
    let slug = slug::slugify(text);
    if slug.is_empty() {
        return Err(format!(
            "`{text}` has no letters or digits to make a file name from"
        ));
    }
    let now = jiff::Zoned::now().with_time_zone(config.time_zone());
    let stamp = now.strftime("%Y-%m-%dT%H:%M:%S%:z").to_string();
    let today = now.strftime("%Y-%m-%d").to_string();
    let content = root.join("content");
    match req.kind {
        "article" => write_new(
            &content.join("articles").join(format!("{slug}.md")),
            format!(
                "+++\ntitle = {text:?}\ndescription = \"\"\ndate = {stamp}\ndraft = true\n\n[taxonomies]\ntopics = []\n+++\n\nWrite the article here. Cite facts after each claim with `[@fact-id]`. Set draft = false to publish it.\n"
            ),
            Some(("articles/_index.md", "+++\ntitle = \"Articles\"\nsort_by = \"date\"\n+++\n")),
            &content,
        ),
        "source" => write_new(
            &content.join("sources").join(format!("{slug}.md")),
            format!(
                "+++\ntitle = {text:?}\npublisher = \"\"   # the publisher, or the kind of document\n# reporting = \"\"  # whose reporting\n# date = \"YYYY-MM-DD\"  # only if the document gives one\n# url = \"https://\"    # only if you know it\narchived = {today}\n+++\nReplace this line with the document's full text, exactly as published.\n"
            ),
            None,
            &content,
        ),
        "fact" => {
            if slug != text {
                return Err(format!("`{text}` cannot be a fact id; use lowercase letters, digits and hyphens, e.g. `{slug}`"));
            }
            let topic = slug::slugify(req.topic.unwrap_or("general"));
            let path = content.join("facts").join(format!("{topic}.toml"));
            if let Ok(existing) = std::fs::read_to_string(&path) {
                if existing.contains(&format!("id = {text:?}")) {
                    return Err(format!("{} already has a fact `{text}`", path.display()));
                }
            }
            let entry = format!(
                "\n[[fact]]\nid = {text:?}\nstatement = \"\"    # one plain sentence\nattribution = \"\"  # who says it, as the source does\nsource = \"\"       # a source id from content/sources/\nquote = \"\"        # the source's exact words\n"
            );
            if let Some(p) = path.parent() {
                std::fs::create_dir_all(p).map_err(|e| format!("{}: {e}", p.display()))?;
            }
            use std::io::Write;
            let mut f = std::fs::OpenOptions::new()
                .create(true)
                .append(true)
                .open(&path)
                .map_err(|e| format!("{}: {e}", path.display()))?;
            f.write_all(entry.as_bytes())
                .map_err(|e| format!("{}: {e}", path.display()))?;
            Ok(path)
        }
        "update" | "correction" => {
            let short: String = slug.split('-').take(6).collect::<Vec<_>>().join("-");
            let mut path = content.join("updates").join(format!("{today}-{short}.md"));
            let mut n = 2;
            while path.exists() {
                path = content.join("updates").join(format!("{today}-{short}-{n}.md"));
                n += 1;
            }
            write_new(
                &path,
                format!(
                    "+++\ndate = {stamp}\nkind = {:?}\nfacts = {}\npages = {}\n+++\n{text}\n",
                    req.kind,
                    toml_list(req.facts),
                    toml_list(req.pages)
                ),
                None,
                &content,
            )
        }
        other => Err(format!(
            "unknown kind `{other}`; {}",
            crate::diagnostics::suggestion(other, KINDS)
        )),
    }
}

/// Writes a file that must not exist yet, and a section index if missing.
fn write_new(
    path: &Path,
    text: String,
    section: Option<(&str, &str)>,
    content: &Path,
) -> Result<PathBuf, String> {
    if path.exists() {
        return Err(format!("{} already exists", path.display()));
    }
    if let Some(p) = path.parent() {
        std::fs::create_dir_all(p).map_err(|e| format!("{}: {e}", p.display()))?;
    }
    if let Some((rel, index)) = section {
        let section = content.join(rel);
        if !section.exists() {
            std::fs::write(&section, index).map_err(|e| format!("{}: {e}", section.display()))?;
        }
    }
    std::fs::write(path, text).map_err(|e| format!("{}: {e}", path.display()))?;
    Ok(path.to_path_buf())
}
