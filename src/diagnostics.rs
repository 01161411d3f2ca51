//! Diagnostics: every problem a build finds, with the place it was found.
//!
//! A [`Diagnostic`] names the file (relative to the site root), the line and
//! column (both 1-based), what is wrong and, where we know it, how to fix it.
//! Stages push diagnostics into a [`Diagnostics`] collector and carry on, so a
//! contributor sees every error of a build at once rather than one per run.

use std::fmt;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

/// How bad a diagnostic is. Errors fail the build; warnings do not.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Severity {
    /// The build fails and writes nothing.
    Error,
    /// Printed, but the build succeeds.
    Warning,
}

/// One problem, with its place.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    /// Error or warning.
    pub severity: Severity,
    /// Path relative to the site root, with `/` separators (`content/a.md`).
    pub file: String,
    /// 1-based line; 0 when the problem concerns the whole file.
    pub line: usize,
    /// 1-based column (in characters); 0 when unknown.
    pub column: usize,
    /// What is wrong, in one sentence.
    pub message: String,
    /// How to fix it.
    pub help: Option<String>,
    /// The offending source line, shown under the location (around the
    /// column, if the line is long: see [`SourceFile::snippet_at`]).
    pub snippet: Option<String>,
    /// The column of the line where the snippet starts (1: the whole line;
    /// 32 bits keep a diagnostic within 120 bytes).
    pub snippet_column: u32,
}

impl Diagnostic {
    /// An error at `file:line:column`.
    pub fn error(
        file: impl Into<String>,
        line: usize,
        column: usize,
        message: impl Into<String>,
    ) -> Self {
        Self {
            severity: Severity::Error,
            file: file.into(),
            line,
            column,
            message: message.into(),
            help: None,
            snippet: None,
            snippet_column: 1,
        }
    }

    /// A warning at `file:line:column`.
    pub fn warning(
        file: impl Into<String>,
        line: usize,
        column: usize,
        message: impl Into<String>,
    ) -> Self {
        Self {
            severity: Severity::Warning,
            ..Self::error(file, line, column, message)
        }
    }

    /// An error located by a byte offset into `source`.
    pub fn error_at(file: &SourceFile, offset: usize, message: impl Into<String>) -> Self {
        let (line, column) = file.line_col(offset);
        Self::error(file.rel_path.clone(), line, column, message).with_snippet_at(file, offset)
    }

    /// A warning located by a byte offset into `source`.
    pub fn warning_at(file: &SourceFile, offset: usize, message: impl Into<String>) -> Self {
        let (line, column) = file.line_col(offset);
        Self::warning(file.rel_path.clone(), line, column, message).with_snippet_at(file, offset)
    }

    fn with_snippet_at(mut self, file: &SourceFile, offset: usize) -> Self {
        if let Some((snippet, column)) = file.snippet_at(offset, self.line, self.column) {
            self.snippet = Some(snippet);
            self.snippet_column = u32::try_from(column).unwrap_or(u32::MAX);
        }
        self
    }

    /// Adds a "how to fix it" line.
    pub fn with_help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }

    /// Adds the source line to show under the location.
    pub fn with_snippet(mut self, snippet: Option<String>) -> Self {
        self.snippet = snippet;
        self.snippet_column = 1;
        self
    }

    /// `file:line:column`, as editors and CI annotations expect.
    pub fn location(&self) -> String {
        match (self.line, self.column) {
            (0, _) => self.file.clone(),
            (l, 0) => format!("{}:{l}", self.file),
            (l, c) => format!("{}:{l}:{c}", self.file),
        }
    }

    /// Whether this diagnostic fails the build.
    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }

    /// A GitHub Actions workflow command (`::error file=...,line=...,col=...::message`),
    /// which GitHub shows as an annotation on the line of the pull request.
    /// `prefix` is the site folder's path in the repository (`""` or `site/`).
    pub fn github_annotation(&self, prefix: &str) -> String {
        fn data(s: &str) -> String {
            s.replace('%', "%25")
                .replace('\r', "%0D")
                .replace('\n', "%0A")
        }
        fn property(s: &str) -> String {
            data(s).replace(':', "%3A").replace(',', "%2C")
        }
        let level = match self.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
        };
        let mut props = vec![format!(
            "file={}",
            property(&format!("{prefix}{}", self.file))
        )];
        if self.line > 0 {
            props.push(format!("line={}", self.line));
            if self.column > 0 {
                props.push(format!("col={}", self.column));
            }
        }
        props.push("title=casefile".to_string());
        let mut message = self.message.clone();
        if let Some(help) = &self.help {
            message.push_str("\nhelp: ");
            message.push_str(help);
        }
        format!("::{level} {}::{}", props.join(","), data(&message))
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let label = match self.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
        };
        writeln!(f, "{label}: {}", self.message)?;
        write!(f, "  --> {}", self.location())?;
        if let Some(snippet) = &self.snippet {
            let num = self.line.to_string();
            let pad = " ".repeat(num.len());
            write!(f, "\n {pad} |\n {num} | {snippet}")?;
            if self.column > 0 {
                let caret_pad: String = snippet
                    .chars()
                    .take(self.column.saturating_sub(self.snippet_column as usize))
                    .map(|c| if c == '\t' { '\t' } else { ' ' })
                    .collect();
                write!(f, "\n {pad} | {caret_pad}^")?;
            }
        }
        if let Some(help) = &self.help {
            write!(f, "\n  = help: {help}")?;
        }
        Ok(())
    }
}

/// The longest line shown whole under a diagnostic's location; a longer
/// one is shown as this many characters around the column.
pub const SNIPPET_WIDTH: usize = 160;

/// A text file that diagnostics can point into.
#[derive(Debug, Clone)]
pub struct SourceFile {
    /// Path relative to the site root, `/`-separated.
    pub rel_path: String,
    /// The whole text: shared, so that a copy of the file (the model
    /// `serve` builds again after an edit) does not copy the text.
    pub text: std::sync::Arc<str>,
    /// Where each line starts, worked out at the first diagnostic that
    /// needs it (most files have none: at 10,000 pages the tables took
    /// 7 MB and a pass over every file), and shared by the file's copies.
    line_starts: std::sync::Arc<std::sync::OnceLock<Box<[usize]>>>,
}

impl SourceFile {
    /// Wraps `text`, read from `rel_path`.
    pub fn new(rel_path: impl Into<String>, text: impl Into<std::sync::Arc<str>>) -> Self {
        Self {
            rel_path: rel_path.into(),
            text: text.into(),
            line_starts: Default::default(),
        }
    }

    /// Byte offsets where each line starts.
    fn line_starts(&self) -> &[usize] {
        self.line_starts.get_or_init(|| {
            std::iter::once(0)
                .chain(self.text.match_indices('\n').map(|(i, _)| i + 1))
                .collect()
        })
    }

    /// 1-based line and column (in characters) of a byte offset.
    pub fn line_col(&self, offset: usize) -> (usize, usize) {
        let offset = offset.min(self.text.len());
        let starts = self.line_starts();
        let line_idx = match starts.binary_search(&offset) {
            Ok(i) => i,
            Err(i) => i - 1,
        };
        let start = starts[line_idx];
        let mut end = offset;
        while !self.text.is_char_boundary(end) {
            end -= 1;
        }
        let column = self.text[start..end].chars().count() + 1;
        (line_idx + 1, column)
    }

    /// The text to show under the location of byte `offset` (at `line` and
    /// `column`, from [`line_col`](Self::line_col)): its whole line if that
    /// has at most [`SNIPPET_WIDTH`] characters, else that many around the
    /// offset with `…` where the line was cut, so that 10,000 errors on one
    /// line of a megabyte do not copy the line 10,000 times. Returns the
    /// text and the column its first character stands at.
    pub fn snippet_at(&self, offset: usize, line: usize, column: usize) -> Option<(String, usize)> {
        let starts = self.line_starts();
        let start = *starts.get(line.checked_sub(1)?)?;
        let end = starts.get(line).copied().unwrap_or(self.text.len());
        let text = self.text[start..end].trim_end_matches(['\n', '\r']);
        if text.len() <= SNIPPET_WIDTH || text.chars().nth(SNIPPET_WIDTH).is_none() {
            return Some((text.to_string(), 1));
        }
        let mut at = offset.clamp(start, start + text.len()) - start;
        while !text.is_char_boundary(at) {
            at -= 1;
        }
        let half = SNIPPET_WIDTH / 2;
        let from = text[..at]
            .char_indices()
            .rev()
            .take(half)
            .last()
            .map_or(at, |(i, _)| i);
        let to = text[at..]
            .char_indices()
            .nth(half)
            .map_or(text.len(), |(i, _)| at + i);
        let (cut_before, cut_after) = (from > 0, to < text.len());
        let shown = format!(
            "{}{}{}",
            if cut_before { "…" } else { "" },
            &text[from..to],
            if cut_after { "…" } else { "" }
        );
        let first = column - text[from..at].chars().count() - usize::from(cut_before);
        Some((shown, first))
    }

    /// The text of a 1-based line, without its line break.
    pub fn line_text(&self, line: usize) -> Option<String> {
        let starts = self.line_starts();
        let start = *starts.get(line.checked_sub(1)?)?;
        let end = starts.get(line).copied().unwrap_or(self.text.len());
        Some(
            self.text[start..end]
                .trim_end_matches(['\n', '\r'])
                .to_string(),
        )
    }
}

/// A thread-safe collector of diagnostics.
#[derive(Debug, Default)]
pub struct Diagnostics {
    items: Mutex<Vec<Diagnostic>>,
}

impl Diagnostics {
    /// An empty collector.
    pub fn new() -> Self {
        Self::default()
    }

    /// Records one diagnostic.
    pub fn push(&self, d: Diagnostic) {
        self.items.lock().unwrap_or_else(|e| e.into_inner()).push(d);
    }

    /// Records many.
    pub fn extend(&self, ds: impl IntoIterator<Item = Diagnostic>) {
        self.items
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .extend(ds);
    }

    /// Whether any error (not warning) has been recorded.
    pub fn has_errors(&self) -> bool {
        self.items
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .iter()
            .any(Diagnostic::is_error)
    }

    /// All diagnostics, sorted by file, line and column so that output is
    /// the same whatever order parallel stages finished in.
    pub fn into_sorted(self) -> Vec<Diagnostic> {
        let mut items = self.items.into_inner().unwrap_or_else(|e| e.into_inner());
        items.sort_by(|a, b| {
            (a.severity, &a.file, a.line, a.column, &a.message)
                .cmp(&(b.severity, &b.file, b.line, b.column, &b.message))
        });
        items.dedup();
        items
    }
}

/// The closest of `candidates` to `word`, if any is close enough to be a
/// plausible typo. Used for "did you mean" hints everywhere.
pub fn closest<'a>(word: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    let mut best: Option<(f64, &str)> = None;
    for c in candidates {
        let score = strsim::jaro_winkler(&word.to_lowercase(), &c.to_lowercase());
        if score >= 0.8 && best.is_none_or(|(s, b)| score > s || (score == s && c < b)) {
            best = Some((score, c));
        }
    }
    best.map(|(_, c)| c)
}

/// "did you mean `x`?" or a list of what is allowed.
pub fn suggestion(word: &str, candidates: &[&str]) -> String {
    match closest(word, candidates.iter().copied()) {
        Some(c) => format!("did you mean `{c}`?"),
        None if candidates.is_empty() => "remove it".to_string(),
        None => format!(
            "expected one of {}",
            candidates
                .iter()
                .map(|c| format!("`{c}`"))
                .collect::<Vec<_>>()
                .join(", ")
        ),
    }
}

/// Separates a message from its help in the errors of values parsed with
/// `serde(try_from)` (such as [`crate::config::BaseUrl`]); [`from_toml_error`]
/// splits them.
pub const HELP_MARK: &str = "\n= help: ";

/// Turns a TOML/serde error from text that starts at byte `base` of `file`
/// into a diagnostic, adding a "did you mean" for unknown keys and variants.
pub fn from_toml_error(
    file: &SourceFile,
    base: usize,
    err: &toml::de::Error,
    what: &str,
) -> Diagnostic {
    let offset = base + err.span().map(|s| s.start).unwrap_or(0);
    let raw = err.message().trim();
    let (message, help) = match raw.split_once(HELP_MARK) {
        Some((m, h)) => (m.to_string(), Some(h.to_string())),
        None => explain_serde_message(raw, what),
    };
    let d = Diagnostic::error_at(file, offset, message);
    match help {
        Some(h) => d.with_help(h),
        None => d,
    }
}

/// Rewrites serde's terse messages ("unknown field `x`, expected one of ...")
/// into a plain sentence and a fix.
fn explain_serde_message(raw: &str, what: &str) -> (String, Option<String>) {
    let first_tick = |s: &str| -> Option<String> {
        let start = s.find('`')? + 1;
        let end = start + s[start..].find('`')?;
        Some(s[start..end].to_string())
    };
    let expected = |s: &str| -> Vec<String> {
        let Some(idx) = s.find("expected") else {
            return Vec::new();
        };
        s[idx..]
            .split('`')
            .skip(1)
            .step_by(2)
            .map(str::to_string)
            .collect()
    };
    for (prefix, noun) in [("unknown field", "key"), ("unknown variant", "value")] {
        if raw.starts_with(prefix) {
            if let Some(name) = first_tick(raw) {
                let allowed = expected(raw);
                let refs: Vec<&str> = allowed.iter().map(String::as_str).collect();
                return (
                    format!("unknown {noun} `{name}` in {what}"),
                    Some(suggestion(&name, &refs)),
                );
            }
        }
    }
    if raw.starts_with("missing field") {
        if let Some(name) = first_tick(raw) {
            return (
                format!("missing required key `{name}` in {what}"),
                Some(format!("add `{name} = ...` to the {what}")),
            );
        }
    }
    if raw.starts_with("invalid type") {
        return (
            format!("wrong type of value in {what}: {raw}"),
            Some(
                "check the quotes and brackets: text needs \"quotes\"; numbers, dates and true/false take none; lists need [brackets]"
                    .into(),
            ),
        );
    }
    // Everything else is a TOML syntax error; say how to write it right.
    let help = if raw.contains("date") || raw.contains("time") {
        "write a real calendar date as YYYY-MM-DD (date = 2026-05-01), or with a time: date = 2026-05-01T09:00:00-04:00"
    } else if raw.contains("duplicate key") {
        "a key can be given only once; remove one of the two"
    } else {
        "write one `key = value` per line, text in \"double quotes\" closed on the same line, lists in [brackets]"
    };
    (format!("invalid {what}: {raw}"), Some(help.into()))
}

/// A site-root-relative path with `/` separators, for messages.
pub fn rel_path(root: &Path, path: &Path) -> String {
    let rel: PathBuf = path.strip_prefix(root).unwrap_or(path).to_path_buf();
    rel.components()
        .map(|c| c.as_os_str().to_string_lossy())
        .collect::<Vec<_>>()
        .join("/")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn github_annotations_escape_and_place() {
        let d = Diagnostic::error("content/a, b.md", 3, 7, "50% wrong: x\ny").with_help("fix it");
        assert_eq!(
            d.github_annotation("site/"),
            "::error file=site/content/a%2C b.md,line=3,col=7,title=casefile::50%25 wrong: x%0Ay%0Ahelp: fix it"
        );
        let w = Diagnostic::warning("casefile.toml", 0, 0, "w");
        assert_eq!(
            w.github_annotation(""),
            "::warning file=casefile.toml,title=casefile::w"
        );
    }

    #[test]
    fn line_col_counts_characters_not_bytes() {
        let f = SourceFile::new("a.md", "ab\nçd x\n".to_string());
        assert_eq!(f.line_col(0), (1, 1));
        assert_eq!(f.line_col(3), (2, 1));
        // 'x' is after "çd " (ç is two bytes)
        assert_eq!(f.line_col(7), (2, 4));
        assert_eq!(f.line_text(2).as_deref(), Some("çd x"));
    }

    #[test]
    fn suggests_close_names_only() {
        assert_eq!(closest("titel", ["title", "date"]), Some("title"));
        assert_eq!(closest("zzz", ["title", "date"]), None);
    }

    /// A long line is shown around the column, with the caret under the
    /// right character; a short one whole. 10,000 errors on one line of
    /// 190 KB kept 1.9 GB of copies of it and printed 2.8 GB.
    #[test]
    fn a_long_line_is_shown_around_the_column() {
        let line = format!("{}TARGET{}", "é".repeat(100_000), "x".repeat(100_000));
        let f = SourceFile::new("content/a.md", format!("+++\n{line}\n"));
        let offset = 4 + "é".len() * 100_000;
        let d = Diagnostic::error_at(&f, offset, "here");
        assert_eq!((d.line, d.column), (2, 100_001));
        let snippet = d.snippet.as_deref().unwrap();
        assert_eq!(snippet.chars().count(), SNIPPET_WIDTH + 2, "{snippet}");
        assert!(
            snippet.starts_with("…é") && snippet.ends_with("x…"),
            "{snippet}"
        );
        let shown = d.to_string();
        let mut lines = shown.lines().skip(3);
        let (code, caret) = (lines.next().unwrap(), lines.next().unwrap());
        let under = caret.chars().count() - 1;
        assert_eq!(code.chars().nth(under), Some('T'), "{shown}");
        assert!(code
            .chars()
            .skip(under)
            .collect::<String>()
            .starts_with("TARGET"));

        let near_start = Diagnostic::error_at(&f, 4 + 2 * 3, "here");
        let snippet = near_start.snippet.as_deref().unwrap();
        assert!(
            snippet.starts_with("éé") && snippet.ends_with('…'),
            "{snippet}"
        );
        assert_eq!(near_start.snippet_column, 1);

        let short = SourceFile::new("content/b.md", "+++\ntitel = 1\n".to_string());
        let d = Diagnostic::error_at(&short, 6, "here");
        assert_eq!(
            (d.snippet.as_deref(), d.snippet_column),
            (Some("titel = 1"), 1)
        );
        assert!(d.to_string().ends_with("| titel = 1\n   |   ^"), "{d}");
    }

    #[test]
    fn display_shows_location_snippet_and_help() {
        let f = SourceFile::new("content/a.md", "+++\ntitel = 1\n+++\n".to_string());
        let d =
            Diagnostic::error_at(&f, 4, "unknown key `titel`").with_help("did you mean `title`?");
        let s = d.to_string();
        assert!(s.contains("content/a.md:2:1"), "{s}");
        assert!(s.contains("titel = 1"), "{s}");
        assert!(s.contains("help: did you mean `title`?"), "{s}");
    }
}
