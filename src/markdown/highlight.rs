//! Pass: fenced code blocks highlighted by syntect, with CSS classes.
//!
//! The syntax set is loaded once, lazily, the first time a page has code, so
//! a site without code never pays for it. Output uses classes (`hl-*`), not
//! inline styles, so it works under a strict Content-Security-Policy; the
//! matching stylesheet comes from [`theme_css`].

use std::sync::OnceLock;

use pulldown_cmark::{CodeBlockKind, CowStr, Event, Tag, TagEnd};
use syntect::highlighting::ThemeSet;
use syntect::html::{css_for_theme_with_class_style, ClassStyle, ClassedHTMLGenerator};
use syntect::parsing::SyntaxSet;
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
    let mut gen = ClassedHTMLGenerator::new_with_class_style(syntax, set, CLASS_STYLE);
    for line in LinesWithEndings::from(code) {
        if gen
            .parse_html_for_line_which_includes_newline(line)
            .is_err()
        {
            return plain(code, lang);
        }
    }
    let body = gen.finalize();
    if lang.is_empty() {
        format!("<pre class=\"code\"><code>{body}</code></pre>\n")
    } else {
        format!(
            "<pre class=\"code\" data-lang=\"{0}\"><code class=\"language-{0}\">{body}</code></pre>\n",
            escape_attr(lang)
        )
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
