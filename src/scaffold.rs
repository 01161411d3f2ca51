//! `casefile init` and `casefile new`: a new site builds at once and a new
//! article passes `check --drafts` at once; every other new record holds
//! placeholders that `check` refuses, each by name, until they are filled
//! in.
//!
//! `new` checks what it is given against the site before it writes
//! anything: the facts and pages an update names must exist (a page's
//! address is recognised and its content path suggested), an id must be
//! well formed and new, a topic must have a name.

use std::path::{Path, PathBuf};

use crate::config::{Config, CONFIG_FILE};
use crate::diagnostics::closest;
use crate::evidence::records::SOURCE_PLACEHOLDER;
use crate::model::{Site, Target};

pub use crate::model::ARTICLE_PLACEHOLDER;

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
        (
            ".gitignore".to_string(),
            "# The built site: casefile build writes it, the next build replaces it.\n/public/\n".to_string(),
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

/// An update or correction to write.
#[derive(Debug, Clone, Default)]
pub struct UpdateRequest<'a> {
    /// What changed and why (the entry's text).
    pub text: &'a str,
    /// A short title for feeds and lists (default: the text's first sentence).
    pub title: Option<&'a str>,
    /// Facts it changed, by id.
    pub facts: &'a [String],
    /// Pages it changed, by content path (`articles/x.md`).
    pub pages: &'a [String],
    /// Facts it took off the site, by their old ids.
    pub removed: &'a [String],
}

/// What `casefile new` writes.
#[derive(Debug, Clone)]
pub enum NewRequest<'a> {
    /// A draft article titled so.
    Article(&'a str),
    /// A source record titled so.
    Source(&'a str),
    /// A fact with this id, in this topic's facts file.
    Fact {
        /// Its id.
        id: &'a str,
        /// The topic (the facts file's name).
        topic: &'a str,
    },
    /// An update.
    Update(UpdateRequest<'a>),
    /// A correction: it must name what it corrects.
    Correction(UpdateRequest<'a>),
    /// A timeline event with this id.
    Event(&'a str),
    /// A lawsuit with this id.
    Lawsuit(&'a str),
    /// A person or organisation with this id.
    Person(&'a str),
    /// A glossary term with this id.
    Term(&'a str),
}

/// Writes a new record; returns the file written (or appended to). Every
/// error says what is wrong and how to fix it.
pub fn new_record(root: &Path, req: &NewRequest<'_>) -> Result<PathBuf, String> {
    let config = Config::load(root).map_err(|d| {
        d.iter()
            .map(ToString::to_string)
            .collect::<Vec<_>>()
            .join("\n")
    })?;
    let now = jiff::Zoned::now().with_time_zone(config.time_zone());
    let stamp = now.strftime("%Y-%m-%dT%H:%M:%S%:z").to_string();
    let today = now.strftime("%Y-%m-%d").to_string();
    let content = root.join("content");
    let site = load_site(root, config);
    match req {
        NewRequest::Article(title) => {
            let slug = file_slug(title)?;
            write_new(
                &content.join("articles").join(format!("{slug}.md")),
                format!(
                    "+++\ntitle = {:?}\ndescription = \"\"\ndate = {stamp}\ndraft = true\n\n[taxonomies]\ntopics = []\n+++\n\n{ARTICLE_PLACEHOLDER} Cite facts after each claim with `[@fact-id]`. Set draft = false to publish it.\n",
                    title.trim()
                ),
                Some(("articles/_index.md", "+++\ntitle = \"Articles\"\nsort_by = \"date\"\n+++\n")),
                &content,
            )
        }
        NewRequest::Source(title) => {
            let slug = file_slug(title)?;
            if site.evidence.sources.iter().any(|s| s.id == slug) {
                return Err(format!(
                    "there is already a source `{slug}`; give the new one another title"
                ));
            }
            write_new(
                &content.join("sources").join(format!("{slug}.md")),
                format!(
                    "+++\ntitle = {:?}\npublisher = \"\"   # the publisher, or the kind of document (\"news report\", \"court filing\")\n# reporting = \"\"  # whose reporting, if not the publisher's\n# date = \"YYYY-MM-DD\"  # only if the document gives one\n# url = \"https://\"    # only if you know it\narchived = {today}\n+++\n{SOURCE_PLACEHOLDER}\n",
                    title.trim()
                ),
                None,
                &content,
            )
        }
        NewRequest::Fact { id, topic } => {
            let id = new_id(id, "fact", site.evidence.fact(id).is_some())?;
            let topic = topic.trim();
            let slug = slug::slugify(topic);
            if slug.is_empty() {
                return Err(format!(
                    "`--topic {topic:?}` has no letters or digits to name a facts file\n  = help: name the topic, e.g. --topic the-agreement (the facts go into content/facts/the-agreement.toml); topics: {}",
                    topic_list(&site)
                ));
            }
            append(
                &content.join("facts").join(format!("{slug}.toml")),
                &format!(
                    "\n[[fact]]\nid = {id:?}\nstatement = \"\"    # one plain sentence\nattribution = \"\"  # who says it, as the source does (\"according to the agreement\")\nsource = \"\"       # a source id from content/sources/\nquote = \"\"        # the source's exact words\n# when = \"Monday\"  # the source's words for when, if it gives no date\n"
                ),
            )
        }
        NewRequest::Update(u) | NewRequest::Correction(u) => {
            let kind = match req {
                NewRequest::Correction(_) => "correction",
                _ => "update",
            };
            if kind == "correction"
                && u.facts.is_empty()
                && u.pages.is_empty()
                && u.removed.is_empty()
            {
                return Err("a correction must say what it corrects\n  = help: add --fact ID, --page articles/x.md or --removed ID (see casefile new correction --help)".into());
            }
            check_update(&site, u)?;
            let slug = file_slug(u.text)?;
            let short: String = slug.split('-').take(6).collect::<Vec<_>>().join("-");
            let mut path = content.join("updates").join(format!("{today}-{short}.md"));
            let mut n = 2;
            while path.exists() {
                path = content
                    .join("updates")
                    .join(format!("{today}-{short}-{n}.md"));
                n += 1;
            }
            let mut front = format!("+++\ndate = {stamp}\nkind = {kind:?}\n");
            if let Some(t) = u.title.map(str::trim).filter(|t| !t.is_empty()) {
                front.push_str(&format!("title = {t:?}\n"));
            }
            front.push_str(&format!(
                "facts = {}\npages = {}\n",
                toml_list(u.facts),
                toml_list(u.pages)
            ));
            if !u.removed.is_empty() {
                front.push_str(&format!("removed = {}\n", toml_list(u.removed)));
            }
            write_new(
                &path,
                format!("{front}+++\n{}\n", u.text.trim()),
                None,
                &content,
            )
        }
        NewRequest::Event(id) => {
            let id = new_id(
                id,
                "event",
                site.evidence.events.iter().any(|e| e.id == *id),
            )?;
            append(
                &content.join("timeline.toml"),
                &format!("\n[[event]]\nid = {id:?}\ntitle = \"\"         # what happened, in a few words\n# date = \"YYYY-MM-DD\" # only as precise as the source: \"YYYY\", \"YYYY-MM\" or \"YYYY-MM-DD\"\n# when = \"Monday\"     # the source's words, when it gives no date\n# text = \"\"          # a sentence or two\nfacts = []           # the facts that report it\n"),
            )
        }
        NewRequest::Lawsuit(id) => {
            let id = new_id(
                id,
                "lawsuit",
                site.evidence
                    .lawsuits
                    .iter()
                    .any(|l| l.input.id.get_ref() == *id),
            )?;
            append(
                &content.join("lawsuits.toml"),
                &format!("\n[[lawsuit]]\nid = {id:?}\ntitle = \"\"          # e.g. \"Lawsuit by twenty states\"\nfacts = []            # the facts that report it\n# Leave out what the sources do not say: it shows as \"not reported in our sources\".\n# case_name = \"\"\n# court = \"\"\n# docket = \"\"\n# filed = \"YYYY-MM-DD\"  # or \"YYYY-MM\", \"YYYY\"\n# plaintiffs = \"\"\n# defendants = \"\"\n# claims = \"\"\n# status = \"\"\n# latest = \"\"\n# documents = []       # source ids of court documents\n"),
            )
        }
        NewRequest::Person(id) => {
            let id = new_id(
                id,
                "person",
                site.evidence.people.iter().any(|p| p.id == *id),
            )?;
            append(
                &content.join("people.toml"),
                &format!("\n[[person]]\nid = {id:?}\nname = \"\"\nrole = \"\"        # as the source gives it\nkind = \"person\"  # or \"organization\"\n"),
            )
        }
        NewRequest::Term(id) => {
            let id = new_id(
                id,
                "glossary term",
                site.evidence.terms.iter().any(|t| t.id == *id),
            )?;
            append(
                &content.join("glossary.toml"),
                &format!("\n[[term]]\nid = {id:?}\nterm = \"\"         # the word as articles use it, e.g. \"CMS\"\n# expansion = \"\"   # what an abbreviation stands for\ndefinition = \"\"   # one or two plain sentences\n"),
            )
        }
    }
}

/// The site as it is now (errors aside), to check names against.
fn load_site(root: &Path, config: Config) -> Site {
    let (loaded, _) = crate::load::site(root);
    Site::build(config, loaded.content, false).0
}

fn file_slug(text: &str) -> Result<String, String> {
    let slug = slug::slugify(text.trim());
    if slug.is_empty() {
        return Err(format!(
            "`{}` has no letters or digits to make a file name from",
            text.trim()
        ));
    }
    Ok(slug)
}

/// Checks a new record's id: well formed and not taken.
fn new_id<'a>(id: &'a str, what: &str, taken: bool) -> Result<&'a str, String> {
    let slug = slug::slugify(id);
    if slug != id || id.is_empty() {
        let hint = if slug.is_empty() {
            "e.g. `ice-access-hours`".to_string()
        } else {
            format!("e.g. `{slug}`")
        };
        return Err(format!("`{id}` cannot be the id of a new {what}\n  = help: use lowercase letters, digits and hyphens, {hint}"));
    }
    if taken {
        return Err(format!("the id `{id}` is already taken by another {what}\n  = help: ids are never reused: choose another"));
    }
    Ok(id)
}

fn topic_list(site: &Site) -> String {
    let t: Vec<&str> = site
        .evidence
        .topics
        .iter()
        .map(|t| t.slug.as_str())
        .collect();
    if t.is_empty() {
        "none yet".into()
    } else {
        t.join(", ")
    }
}

/// Checks the facts and pages an update names against the site.
fn check_update(site: &Site, u: &UpdateRequest<'_>) -> Result<(), String> {
    let ev = &site.evidence;
    let ids = || ev.facts.iter().map(|f| f.id.as_str());
    for id in u.facts {
        if ev.fact(id).is_none() {
            let help = match closest(id, ids()) {
                Some(c) => format!("did you mean `{c}`?"),
                None => "name a fact by its id in content/facts/".into(),
            };
            return Err(format!("there is no fact `{id}`\n  = help: {help}"));
        }
    }
    for id in u.removed {
        if ev.fact(id).is_some() {
            return Err(format!("fact `{id}` is still on the site\n  = help: --removed is for a fact taken out of content/facts/; to say it changed, use --fact {id}"));
        }
        if slug::slugify(id) != *id {
            return Err(format!("`{id}` cannot be a fact id\n  = help: give the removed fact's id as it was, e.g. `old-claim`"));
        }
    }
    for page in u.pages {
        if site.lookup.contains_key(page.as_str()) {
            continue;
        }
        // An address instead of a content path: find the page it names.
        let path = page
            .split_once("://")
            .map(|(_, rest)| rest.find('/').map_or("/", |i| &rest[i..]))
            .unwrap_or(page);
        let path = path.strip_prefix(site.config.base_path()).unwrap_or(path);
        let by_url = site.lookup.iter().find(|(_, t)| {
            let p = match t {
                Target::Page(i) => &site.pages[*i].path,
                Target::Section(i) => &site.sections[*i].path,
            };
            p.trim_end_matches('/') == path.trim_end_matches('/') && path.starts_with('/')
        });
        let help = match by_url {
            Some((rel, _)) => format!("name the page by its content path: --page {rel}"),
            None => match closest(page, site.lookup.keys().map(String::as_str)) {
                Some(c) => format!("did you mean --page {c}?"),
                None => {
                    "name a page by its file under content/, e.g. --page articles/the-agreement.md"
                        .into()
                }
            },
        };
        return Err(format!(
            "there is no page `{page}` in content/\n  = help: {help}"
        ));
    }
    Ok(())
}

fn toml_list(items: &[String]) -> String {
    let quoted: Vec<String> = items.iter().map(|i| format!("{i:?}")).collect();
    format!("[{}]", quoted.join(", "))
}

/// Appends a record to a TOML file (created if missing).
fn append(path: &Path, entry: &str) -> Result<PathBuf, String> {
    use std::io::Write;
    if let Some(p) = path.parent() {
        std::fs::create_dir_all(p).map_err(|e| format!("{}: {e}", p.display()))?;
    }
    let mut f = std::fs::OpenOptions::new()
        .create(true)
        .append(true)
        .open(path)
        .map_err(|e| format!("{}: {e}", path.display()))?;
    f.write_all(entry.as_bytes())
        .map_err(|e| format!("{}: {e}", path.display()))?;
    Ok(path.to_path_buf())
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
