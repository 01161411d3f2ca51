//! Front matter: the TOML block between `+++` lines at the top of a content
//! file, parsed strictly into [`PageFrontMatter`] or [`SectionFrontMatter`].
//!
//! Only TOML is accepted (see ARCHITECTURE.md for why not YAML); a file that
//! starts with `---` gets an error that shows how to convert it.

use std::collections::BTreeMap;

use serde::Deserialize;

use crate::diagnostics::{from_toml_error, Diagnostic, SourceFile};

/// Front matter of a page (any `.md` file other than `_index.md`).
#[derive(Debug, Clone, Deserialize, Default, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct PageFrontMatter {
    /// The page title (required).
    pub title: String,
    /// One-sentence description, used in lists, feeds and `<meta>`.
    #[serde(default)]
    pub description: Option<String>,
    /// When the page was first published.
    #[serde(default)]
    pub date: Option<toml::value::Datetime>,
    /// When the page last changed in substance.
    #[serde(default)]
    pub updated: Option<toml::value::Datetime>,
    /// Drafts are built only with `--drafts`.
    #[serde(default)]
    pub draft: bool,
    /// Overrides the slug taken from the file name.
    #[serde(default)]
    pub slug: Option<String>,
    /// Position when the section sorts by weight (lower first).
    #[serde(default)]
    pub weight: Option<i64>,
    /// Template to render with instead of `page.html`.
    #[serde(default)]
    pub template: Option<String>,
    /// Terms per taxonomy, e.g. `topics = ["privacy"]`.
    #[serde(default)]
    pub taxonomies: BTreeMap<String, Vec<String>>,
    /// Free-form values for templates (`page.extra`).
    #[serde(default)]
    pub extra: toml::Table,
    /// In a translation (`x.es.md`): which version of the original it
    /// translates, as `casefile translated` writes it.
    #[serde(default)]
    pub translates: Option<String>,
}

/// How a section orders its pages.
#[derive(Debug, Clone, Copy, Deserialize, Default, PartialEq, Eq)]
#[serde(rename_all = "lowercase")]
pub enum SortBy {
    /// Newest first; undated pages last.
    #[default]
    Date,
    /// Lowest `weight` first; pages without a weight last.
    Weight,
    /// Alphabetically by title.
    Title,
}

/// Front matter of a section (`_index.md`).
#[derive(Debug, Clone, Deserialize, Default, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct SectionFrontMatter {
    /// The section title (required).
    pub title: String,
    /// One-sentence description.
    #[serde(default)]
    pub description: Option<String>,
    /// Order of the pages listed.
    #[serde(default)]
    pub sort_by: SortBy,
    /// Pages per list page; 0 lists all on one page.
    #[serde(default)]
    pub paginate_by: usize,
    /// Template for the section page instead of `section.html` (`index.html` for the home page).
    #[serde(default)]
    pub template: Option<String>,
    /// Default template for the section's pages.
    #[serde(default)]
    pub page_template: Option<String>,
    /// Position among sibling sections (lower first).
    #[serde(default)]
    pub weight: Option<i64>,
    /// When the section's own text last changed.
    #[serde(default)]
    pub updated: Option<toml::value::Datetime>,
    /// Drafts are built only with `--drafts`.
    #[serde(default)]
    pub draft: bool,
    /// Free-form values for templates (`section.extra`).
    #[serde(default)]
    pub extra: toml::Table,
    /// In a translation (`_index.es.md`): which version of the original it
    /// translates, as `casefile translated` writes it.
    #[serde(default)]
    pub translates: Option<String>,
}

/// A content file split into front matter and body.
#[derive(Debug, Clone)]
pub struct Split<'a> {
    /// The TOML text between the `+++` lines.
    pub front_matter: &'a str,
    /// Byte offset of `front_matter` in the file.
    pub front_matter_offset: usize,
    /// The markdown after the closing `+++` line.
    pub body: &'a str,
    /// Byte offset of `body` in the file.
    pub body_offset: usize,
}

/// Splits `file` into front matter and body.
pub fn split(file: &SourceFile) -> Result<Split<'_>, Diagnostic> {
    let text = &*file.text;
    let bom = if text.starts_with('\u{feff}') { 3 } else { 0 };
    let rest = &text[bom..];
    let first_line_end = rest.find('\n').map(|i| i + 1).unwrap_or(rest.len());
    let first = rest[..first_line_end].trim_end();
    if first == "---" {
        return Err(
            Diagnostic::error_at(file, bom, "YAML front matter (`---`) is not supported")
                .with_help(
                    "use TOML between `+++` lines, e.g. `+++` / `title = \"My page\"` / `+++`",
                ),
        );
    }
    if first != "+++" {
        return Err(
            Diagnostic::error_at(file, bom, "missing front matter").with_help(
                "start the file with a `+++` line, then `title = \"...\"`, then another `+++` line",
            ),
        );
    }
    let fm_start = bom + first_line_end;
    let mut pos = fm_start;
    for line in text[fm_start..].split_inclusive('\n') {
        if line.trim_end() == "+++" {
            let body_offset = pos + line.len();
            return Ok(Split {
                front_matter: &text[fm_start..pos],
                front_matter_offset: fm_start,
                body: &text[body_offset..],
                body_offset,
            });
        }
        pos += line.len();
    }
    Err(
        Diagnostic::error_at(file, bom, "the front matter is never closed")
            .with_help("add a line with only `+++` after the front matter"),
    )
}

/// Parses a page's front matter.
pub fn parse_page(file: &SourceFile, split: &Split<'_>) -> Result<PageFrontMatter, Diagnostic> {
    let fm: PageFrontMatter = toml::from_str(split.front_matter)
        .map_err(|e| from_toml_error(file, split.front_matter_offset, &e, "front matter"))?;
    if fm.title.trim().is_empty() {
        return Err(
            Diagnostic::error_at(file, split.front_matter_offset, "the title is empty")
                .with_help("give the page a title: title = \"...\""),
        );
    }
    Ok(fm)
}

/// Parses a section's front matter.
pub fn parse_section(
    file: &SourceFile,
    split: &Split<'_>,
) -> Result<SectionFrontMatter, Diagnostic> {
    toml::from_str(split.front_matter)
        .map_err(|e| from_toml_error(file, split.front_matter_offset, &e, "section front matter"))
}

/// Byte offset of the line defining `key` inside the front matter that
/// spans `range` of `text`, for errors found after parsing (bad dates,
/// unknown taxonomies...). Falls back to the start of the front matter.
pub fn key_offset(text: &str, range: std::ops::Range<usize>, key: &str) -> usize {
    let mut pos = range.start;
    for line in text[range.clone()].split_inclusive('\n') {
        let t = line.trim_start();
        if let Some(rest) = t.strip_prefix(key) {
            if rest.trim_start().starts_with(['=', ']', '.']) {
                return pos + (line.len() - t.len());
            }
        }
        pos += line.len();
    }
    range.start
}

impl Split<'_> {
    /// The byte range of the front matter in the file.
    pub fn range(&self) -> std::ops::Range<usize> {
        self.front_matter_offset..self.front_matter_offset + self.front_matter.len()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn file(s: &str) -> SourceFile {
        SourceFile::new("content/a.md", s.to_string())
    }

    #[test]
    fn splits_front_matter_and_body() {
        let f = file("+++\ntitle = \"A\"\n+++\nHello\n");
        let s = split(&f).unwrap();
        assert_eq!(s.front_matter, "title = \"A\"\n");
        assert_eq!(s.body, "Hello\n");
        assert_eq!(&f.text[s.body_offset..], "Hello\n");
        assert_eq!(parse_page(&f, &s).unwrap().title, "A");
    }

    #[test]
    fn yaml_is_refused_with_a_fix() {
        let f = file("---\ntitle: A\n---\n");
        let e = split(&f).unwrap_err();
        assert!(e.message.contains("YAML"));
        assert!(e.help.unwrap().contains("+++"));
    }

    #[test]
    fn unknown_key_points_at_its_line() {
        let f = file("+++\ntitle = \"A\"\ndrafts = true\n+++\n");
        let s = split(&f).unwrap();
        let e = parse_page(&f, &s).unwrap_err();
        assert_eq!((e.line, e.column), (3, 1));
        assert_eq!(e.help.as_deref(), Some("did you mean `draft`?"));
    }

    #[test]
    fn unclosed_front_matter() {
        let f = file("+++\ntitle = \"A\"\n");
        assert!(split(&f).unwrap_err().message.contains("never closed"));
    }
}
