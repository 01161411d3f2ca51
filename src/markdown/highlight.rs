//! Pass: fenced code blocks highlighted by syntect, with CSS classes.
//!
//! The syntax set is loaded once, lazily, the first time a page has code, so
//! a site without code never pays for it. Output uses classes (`hl-*`), not
//! inline styles, so it works under a strict Content-Security-Policy; the
//! matching stylesheet comes from [`theme_css`].
//!
//! Parsing a line is most of the cost of a page with code (about a quarter of
//! a million instructions a line), and documentation repeats lines: imports,
//! closing braces, the same call in every example. So each thread keeps a
//! bounded memo of the lines it has highlighted, keyed by the line's text and
//! the exact parser state and scope stack before it; a line is reused only
//! when all three are equal, which makes the reused HTML and the state after
//! it the same as parsing again would give. Output never depends on what the
//! memo holds, so it is byte-identical at any thread count.

use std::cell::RefCell;
use std::collections::HashMap;
use std::rc::Rc;
use std::sync::OnceLock;

use pulldown_cmark::{CodeBlockKind, CowStr, Event, Tag, TagEnd};
use syntect::highlighting::ThemeSet;
use syntect::html::{css_for_theme_with_class_style, line_tokens_to_classed_spans, ClassStyle};
use syntect::parsing::{ParseState, ScopeStack, SyntaxSet};
use syntect::util::LinesWithEndings;

use super::events::Spanned;
use crate::text::escape_attr;

const CLASS_STYLE: ClassStyle = ClassStyle::SpacedPrefixed { prefix: "hl-" };

fn syntaxes() -> &'static SyntaxSet {
    static SET: OnceLock<SyntaxSet> = OnceLock::new();
    SET.get_or_init(SyntaxSet::load_defaults_newlines)
}

fn themes() -> &'static ThemeSet {
    static SET: OnceLock<ThemeSet> = OnceLock::new();
    SET.get_or_init(ThemeSet::load_defaults)
}

/// The themes syntect comes with, by name: what `highlight_theme` can be.
/// Written out so that checking the configuration does not unpack them all
/// (a millisecond a build: only a site with code needs them); a test holds
/// the list to syntect's.
const THEME_NAMES: [&str; 7] = [
    "InspiredGitHub",
    "Solarized (dark)",
    "Solarized (light)",
    "base16-eighties.dark",
    "base16-mocha.dark",
    "base16-ocean.dark",
    "base16-ocean.light",
];

/// Names of the themes that can be configured.
pub fn theme_names() -> Vec<&'static str> {
    THEME_NAMES.to_vec()
}

/// Replaces code blocks with highlighted HTML, in place (a block's HTML
/// takes the room of its events). Returns whether any was found.
pub fn code_blocks(events: &mut Vec<Spanned<'_>>) -> bool {
    let mut found = false;
    let (mut read, mut write) = (0, 0);
    while read < events.len() {
        let Event::Start(Tag::CodeBlock(kind)) = &events[read].0 else {
            events.swap(write, read);
            write += 1;
            read += 1;
            continue;
        };
        let lang = match kind {
            CodeBlockKind::Fenced(info) => {
                info.split([' ', ',', '{']).next().unwrap_or("").to_string()
            }
            CodeBlockKind::Indented => String::new(),
        };
        let start = events[read].1.start;
        let mut end = events[read].1.end;
        let mut code = String::new();
        read += 1;
        while read < events.len() {
            read += 1;
            match &events[read - 1] {
                (Event::Text(t), _) => code.push_str(t),
                (Event::End(TagEnd::CodeBlock), r) => {
                    end = r.end;
                    break;
                }
                _ => {}
            }
        }
        found = true;
        events[write] = (
            Event::Html(CowStr::from(highlight(&code, &lang))),
            start..end,
        );
        write += 1;
    }
    events.truncate(write);
    found
}

/// One block of code as `<pre><code>` with classed spans.
pub fn highlight(code: &str, lang: &str) -> String {
    let set = syntaxes();
    let syntax = (!lang.is_empty())
        .then(|| set.find_syntax_by_token(lang))
        .flatten()
        .unwrap_or_else(|| set.find_syntax_plain_text());
    let Some(body) = LINES.with(|memo| {
        let mut memo = memo.borrow_mut();
        let mut lines = Lines {
            state: Rc::new(State {
                parse: ParseState::new(syntax),
                scopes: ScopeStack::new(),
            }),
            html: String::with_capacity(code.len() * 3),
            open_spans: 0,
        };
        for line in LinesWithEndings::from(code) {
            lines.push(line, set, &mut memo)?;
        }
        Some(lines.finish())
    }) else {
        return plain(code, lang);
    };
    if lang.is_empty() {
        format!("<pre class=\"code\"><code>{body}</code></pre>\n")
    } else {
        format!(
            "<pre class=\"code\" data-lang=\"{0}\"><code class=\"language-{0}\">{body}</code></pre>\n",
            escape_attr(lang)
        )
    }
}

/// How many highlighted lines a thread remembers before it starts again:
/// enough for the lines a site's examples share, small enough (a few MiB)
/// not to show in the build's peak memory.
const MEMO_LINES: usize = 4096;

/// Where the highlighter is between two lines: the parser's state and the
/// scopes of the spans open. A kilobyte or so, so shared: the state after
/// one line is the state before the next, and a block read from the memo
/// walks from one shared state to the next without copying any.
#[derive(Clone, PartialEq, Eq)]
struct State {
    parse: ParseState,
    scopes: ScopeStack,
}

/// A line highlighted once: the state it was parsed in, its HTML, and the
/// state after it.
struct Memo {
    before: Rc<State>,
    html: Box<str>,
    span_delta: isize,
    after: Rc<State>,
}

#[derive(Default)]
struct LineMemo {
    lines: HashMap<Box<str>, Vec<Memo>>,
    len: usize,
}

thread_local! {
    static LINES: RefCell<LineMemo> = RefCell::default();
}

/// Empties the memo of every rendering thread (and this one's): once a
/// build's pages are rendered, so that the lists, the index and, under
/// `serve`, the site kept for the next build have the memory.
pub fn forget_lines() {
    fn forget() {
        LINES.with(|m| *m.borrow_mut() = LineMemo::default());
    }
    rayon::broadcast(|_| forget());
    forget();
}

/// The highlighter within one block: what syntect's `ClassedHTMLGenerator`
/// keeps, with the memo in front of its parser.
struct Lines {
    state: Rc<State>,
    html: String,
    open_spans: isize,
}

impl Lines {
    /// Highlights one line (with its newline); `None` if syntect fails.
    fn push(&mut self, line: &str, set: &SyntaxSet, memo: &mut LineMemo) -> Option<()> {
        // `Rc`'s equality looks at the pointers first: a state shared with
        // the memo is equal without being compared.
        if let Some(seen) = memo
            .lines
            .get(line)
            .and_then(|seen| seen.iter().find(|m| m.before == self.state))
        {
            self.html.push_str(&seen.html);
            self.open_spans += seen.span_delta;
            self.state = Rc::clone(&seen.after);
            return Some(());
        }
        let mut next = State::clone(&self.state);
        let ops = next.parse.parse_line(line, set).ok()?;
        let (html, span_delta) =
            line_tokens_to_classed_spans(line, &ops, CLASS_STYLE, &mut next.scopes).ok()?;
        self.html.push_str(&html);
        self.open_spans += span_delta;
        let after = if next == *self.state {
            Rc::clone(&self.state)
        } else {
            Rc::new(next)
        };
        let before = std::mem::replace(&mut self.state, Rc::clone(&after));
        if memo.len >= MEMO_LINES {
            memo.lines.clear();
            memo.len = 0;
        }
        memo.len += 1;
        memo.lines.entry(line.into()).or_default().push(Memo {
            before,
            html: html.into(),
            span_delta,
            after,
        });
        Some(())
    }

    /// The block's HTML with every span still open closed.
    fn finish(mut self) -> String {
        for _ in 0..self.open_spans {
            self.html.push_str("</span>");
        }
        self.html
    }
}

fn plain(code: &str, lang: &str) -> String {
    let mut escaped = String::new();
    for c in code.chars() {
        match c {
            '&' => escaped.push_str("&amp;"),
            '<' => escaped.push_str("&lt;"),
            '>' => escaped.push_str("&gt;"),
            c => escaped.push(c),
        }
    }
    format!(
        "<pre class=\"code\" data-lang=\"{}\"><code>{escaped}</code></pre>\n",
        escape_attr(lang)
    )
}

/// The stylesheet for highlighted code: the light theme, and the dark one
/// under `prefers-color-scheme: dark`. `None` if a theme does not exist.
pub fn theme_css(light: &str, dark: &str) -> Result<String, String> {
    let set = themes();
    let get = |name: &str| {
        set.themes.get(name).ok_or_else(|| {
            format!(
                "unknown highlight theme `{name}`; {}",
                crate::diagnostics::suggestion(name, &theme_names())
            )
        })
    };
    let light_css =
        css_for_theme_with_class_style(get(light)?, CLASS_STYLE).map_err(|e| e.to_string())?;
    let dark_css =
        css_for_theme_with_class_style(get(dark)?, CLASS_STYLE).map_err(|e| e.to_string())?;
    Ok(format!(
        "/* Generated by casefile from the syntect themes {light} and {dark}. */\n{light_css}\n@media (prefers-color-scheme: dark) {{\n{dark_css}\n}}\n"
    ))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::markdown::testing::render_md;

    #[test]
    fn the_theme_names_are_syntects() {
        let mut names: Vec<&str> = themes().themes.keys().map(String::as_str).collect();
        names.sort_unstable();
        assert_eq!(names, theme_names());
    }

    #[test]
    fn code_gets_classes_not_styles() {
        let (r, _) = render_md("```rust\nfn main() {}\n```\n");
        assert!(r.has_code);
        assert!(r.html.contains("data-lang=\"rust\""));
        assert!(r.html.contains("class=\"hl-"), "{}", r.html);
        assert!(!r.html.contains("style="));
    }

    /// What syntect's own generator makes of a block: the memo must never
    /// change a byte of it.
    fn reference(code: &str, lang: &str) -> String {
        use syntect::html::ClassedHTMLGenerator;
        let set = syntaxes();
        let syntax = set
            .find_syntax_by_token(lang)
            .unwrap_or_else(|| set.find_syntax_plain_text());
        let mut gen = ClassedHTMLGenerator::new_with_class_style(syntax, set, CLASS_STYLE);
        for line in LinesWithEndings::from(code) {
            gen.parse_html_for_line_which_includes_newline(line)
                .unwrap();
        }
        gen.finalize()
    }

    #[test]
    fn remembered_lines_highlight_as_syntect_does_in_every_state() {
        // The same lines recur in different parser states: inside and
        // outside a string or comment, in another language, at the top of a
        // block (where `first_line` rules apply) and deeper in it.
        let blocks = [
            ("python", "x = 1\n\"\"\"\nx = 1\n\"\"\"\nx = 1\n"),
            ("python", "\"\"\"\nx = 1\n"),
            ("python", "def f():\n    return 1\n"),
            ("rust", "}\n/*\n}\n*/\n}\n"),
            ("rust", "fn main() {\n    let s = \"\n}\n\";\n}\n"),
            ("rust", "}\n"),
            ("js", "}\n`\n}\n`\n}\n"),
            (
                "bash",
                "#!/usr/bin/env bash\nx=1\ncat <<EOF\nx=1\nEOF\nx=1\n",
            ),
            ("bash", "x=1\n#!/usr/bin/env bash\n"),
            ("html", "<p>\n<script>\nx = 1\n</script>\nx = 1\n"),
            ("md", "x = 1\n```python\nx = 1\n```\nx = 1\n"),
            ("json", "{\n  \"a\": \"}\n}\n"),
            ("", "x = 1\n}\n"),
        ];
        // Twice over, so that the second round comes from the memo.
        for round in 0..2 {
            for (lang, code) in blocks {
                let ours = highlight(code, lang);
                let theirs = reference(code, lang);
                assert!(
                    ours.contains(&format!(
                        "<code{}>{theirs}</code>",
                        if lang.is_empty() {
                            String::new()
                        } else {
                            format!(" class=\"language-{lang}\"")
                        }
                    )),
                    "round {round}, {lang}: {code:?}\nours:   {ours}\ntheirs: {theirs}"
                );
            }
        }
    }

    /// A remembered line is not reused under another scope stack, even with
    /// the same parser state: the spans still open after it would be wrong.
    #[test]
    fn the_memo_tells_scope_stacks_apart() {
        use syntect::parsing::{Scope, ScopeStackOp};
        let set = syntaxes();
        let python = set.find_syntax_by_token("python").unwrap();
        let start = |extra: bool| {
            let mut scopes = ScopeStack::new();
            if extra {
                let op = ScopeStackOp::Push(Scope::new("markup.raw").unwrap());
                scopes.apply(&op).unwrap();
            }
            Lines {
                state: Rc::new(State {
                    parse: ParseState::new(python),
                    scopes,
                }),
                html: String::new(),
                open_spans: 0,
            }
        };
        let mut memo = LineMemo::default();
        let mut plain = start(false);
        plain.push("x = 1\n", set, &mut memo).unwrap();
        let mut other = start(true);
        other.push("x = 1\n", set, &mut memo).unwrap();
        assert_eq!(memo.len, 2, "the second line was parsed, not reused");
        assert_eq!(
            other.state.scopes.scopes.first(),
            Some(&Scope::new("markup.raw").unwrap())
        );
        assert_ne!(other.state.scopes, plain.state.scopes);
    }

    #[test]
    fn the_memo_stays_bounded_and_right_when_it_starts_again() {
        let code: String = (0..MEMO_LINES + 100)
            .map(|i| format!("let x{i} = \"{i}\";\n"))
            .collect();
        let ours = highlight(&code, "rust");
        assert!(ours.contains(&reference(&code, "rust")));
        LINES.with(|m| assert!(m.borrow().len <= MEMO_LINES));
        assert_eq!(highlight(&code, "rust"), ours);
    }

    #[test]
    fn unknown_language_is_plain_and_escaped() {
        let (r, _) = render_md("```nosuchlang\n<b>&\n```\n");
        assert!(r.html.contains("&lt;b&gt;&amp;"), "{}", r.html);
    }

    #[test]
    fn theme_css_has_both_schemes() {
        let css = theme_css("InspiredGitHub", "base16-ocean.dark").unwrap();
        assert!(css.contains(".hl-"));
        assert!(css.contains("prefers-color-scheme: dark"));
        assert!(theme_css("Nope", "base16-ocean.dark").is_err());
    }
}
