//! Stage 3, markdown: pulldown-cmark events through a chain of small passes.
//!
//! [`render`] parses a body into a vector of `(Event, byte range)` pairs and
//! runs each pass over it in turn:
//!
//! 1. [`merge_text`] joins adjacent text events, so later passes can match
//!    on whole strings.
//! 2. [`headings::assign_ids`] gives every heading a stable, unique id and
//!    builds the table of contents.
//! 3. [`citations::mark`] turns `[@fact-id]` into numbered citation marks.
//! 4. [`glossary::mark_first_uses`] marks each glossary term's first use.
//! 5. [`links::rewrite`] resolves internal links (`@/articles/x.md#anchor`),
//!    checks same-page anchors, and marks external links.
//! 6. [`images::check_alt`] requires alt text on every image.
//! 7. [`highlight::code_blocks`] turns fenced code into classed HTML.
//! 8. [`sanitize::check`] (run first, on the contributor's own events)
//!    refuses unsafe link schemes and active raw HTML; a body with raw HTML
//!    is cleaned by [`sanitize::clean`] once it is HTML.
//!
//! Each pass is a plain function over the vector and is tested alone. The
//! byte ranges let every pass report problems at file:line:column.

pub mod citations;
mod context;
mod events;
pub mod glossary;
pub mod headings;
pub mod highlight;
mod html_text;
pub mod images;
pub mod links;
pub mod sanitize;

use std::ops::Range;

pub use context::{Context, LinkProblem, MarkdownConfig, Resolver};
pub use events::{plain_text, Spanned};
pub use glossary::GlossaryEntry;
pub use headings::TocEntry;
pub use links::AnchorRef;
use pulldown_cmark::{html, CowStr, Event, Options, Parser, Tag, TagEnd};

/// What rendering a markdown body produced.
#[derive(Debug, Clone, Default)]
pub struct Rendered {
    /// The body as HTML.
    pub html: String,
    /// The part before `<!-- more -->`, or else the first paragraph, as HTML.
    pub summary: Option<String>,
    /// Nested table of contents.
    pub toc: Vec<TocEntry>,
    /// Every heading id on the page (for checking links to anchors).
    pub ids: Vec<String>,
    /// Links to anchors of other pages, checked once every page is rendered.
    pub anchor_refs: Vec<AnchorRef>,
    /// Words of text (for reading time).
    pub word_count: usize,
    /// Whether any code block was highlighted (the page needs syntax.css).
    pub has_code: bool,
    /// Canonical ids of the facts cited, in order of first citation.
    pub cited: Vec<String>,
    /// The text of each part of the body, from one heading to the next
    /// (for search; not kept after the page is rendered).
    pub sections: Vec<SectionText>,
}

/// The plain text of one part of a body: before the first heading, or from
/// a heading up to the next one.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SectionText {
    /// The heading's id; empty for the part before the first heading.
    pub id: String,
    /// The heading's text; empty for the part before the first heading.
    pub title: String,
    /// The part's text: words of paragraphs, lists, tables, quotes and
    /// code, one space between blocks; no markup, no citation marks.
    pub text: String,
}

/// The markdown extensions casefile enables.
pub fn options(config: &MarkdownConfig) -> Options {
    let mut o = Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TASKLISTS
        | Options::ENABLE_HEADING_ATTRIBUTES;
    if config.smart_punctuation {
        o |= Options::ENABLE_SMART_PUNCTUATION;
    }
    o
}

/// Renders one markdown body through every pass.
pub fn render(body: &str, cx: &mut Context<'_>) -> Rendered {
    let mut events: Vec<Spanned<'_>> =
        Parser::new_with_broken_link_callback(body, options(cx.config), Some(citations::callback))
            .into_offset_iter()
            .collect();

    merge_text(&mut events);
    // Before any pass adds markup of its own.
    let raw_html = sanitize::check(&mut events, cx);
    let (toc, ids) = headings::assign_ids(&mut events, cx);
    let cited = citations::mark(&mut events, cx);
    // After citations (their marks are not text), before the glossary and
    // highlighting (which turn words and code into HTML).
    let sections = if cx.search_text {
        section_texts(&events, raw_html)
    } else {
        Vec::new()
    };
    glossary::mark_first_uses(&mut events, cx.resolver.glossary());
    let anchor_refs = links::rewrite(&mut events, &ids, cx);
    images::check_alt(&events, cx);
    let has_code = cx.config.highlight_code && highlight::code_blocks(&mut events);

    let word_count = events
        .iter()
        .filter_map(|(e, _)| match e {
            Event::Text(t) => Some(crate::text::count_words(t)),
            _ => None,
        })
        .sum();

    let clean = |html: String| match raw_html {
        true => sanitize::clean(&html),
        false => html,
    };
    let summary = summary_range(&events).map(|r| clean(to_html(&events[r])));
    let html = clean(to_html(&events));
    Rendered {
        html,
        summary,
        toc,
        ids,
        anchor_refs,
        word_count,
        has_code,
        cited,
        sections,
    }
}

/// Splits the body's text at its headings (after [`headings::assign_ids`]).
///
/// Raw HTML counts with the words a reader sees in it (see `html_text`),
/// read from what the page will show: cleaned when `clean` (the body has
/// raw HTML and the site does not allow unsafe HTML).
pub fn section_texts(events: &[Spanned<'_>], clean: bool) -> Vec<SectionText> {
    let mut out = vec![SectionText::default()];
    let mut in_heading = false;
    // An HTML block's lines, read as one when it ends (a tag can span lines).
    let mut block = String::new();
    let text_of = |html: &str| match clean {
        true => html_text::text_of(&sanitize::clean(html)),
        false => html_text::text_of(html),
    };
    for (e, _) in events {
        if let Event::Start(Tag::Heading { id, .. }) = e {
            in_heading = true;
            out.push(SectionText {
                id: id.as_deref().unwrap_or_default().to_string(),
                ..Default::default()
            });
            continue;
        }
        let Some(current) = out.last_mut() else {
            continue;
        };
        let target = if in_heading {
            &mut current.title
        } else {
            &mut current.text
        };
        match e {
            Event::End(TagEnd::Heading(_)) => in_heading = false,
            Event::Text(t) | Event::Code(t) | Event::InlineMath(t) | Event::DisplayMath(t) => {
                push_squashed(target, t)
            }
            Event::Html(h) => block.push_str(h),
            Event::End(TagEnd::HtmlBlock) => {
                push_squashed(target, &text_of(&block));
                block.clear();
                if !target.is_empty() && !target.ends_with(' ') {
                    target.push(' ');
                }
            }
            // An inline tag has no text of its own but an image's `alt`
            // (a line break ends a word); a citation mark is not text.
            Event::InlineHtml(h) => push_squashed(target, &html_text::tags_text_of(h)),
            Event::SoftBreak | Event::HardBreak => push_squashed(target, " "),
            // A block ends a word, where it starts as where it ends: a
            // tight list item's text runs straight into a list or a quote
            // nested in it.
            Event::Start(
                Tag::Paragraph
                | Tag::Item
                | Tag::List(_)
                | Tag::BlockQuote(_)
                | Tag::CodeBlock(_)
                | Tag::Table(_)
                | Tag::TableRow
                | Tag::TableCell
                | Tag::FootnoteDefinition(_)
                | Tag::DefinitionList
                | Tag::DefinitionListTitle
                | Tag::DefinitionListDefinition
                | Tag::HtmlBlock,
            )
            | Event::End(
                TagEnd::Paragraph
                | TagEnd::Item
                | TagEnd::List(_)
                | TagEnd::BlockQuote(_)
                | TagEnd::CodeBlock
                | TagEnd::TableCell
                | TagEnd::FootnoteDefinition
                | TagEnd::DefinitionListTitle
                | TagEnd::DefinitionListDefinition,
            )
            | Event::Rule
                if !target.is_empty() && !target.ends_with(' ') =>
            {
                target.push(' ')
            }
            _ => {}
        }
    }
    for s in &mut out {
        s.title = s.title.trim().to_string();
        let t = s.text.trim_end().len();
        s.text.truncate(t);
    }
    out
}

/// Appends `t` with every run of whitespace as one space, and none at the
/// start of `out`.
fn push_squashed(out: &mut String, t: &str) {
    let space = |out: &mut String| {
        if !out.is_empty() && !out.ends_with(' ') {
            out.push(' ');
        }
    };
    // Most text is ASCII with single spaces between words: copy it as it is.
    let simple = t.bytes().all(|b| (b' '..0x80).contains(&b)) && !t.contains("  ");
    if simple {
        let inner = t.trim_matches(' ');
        if t.starts_with(' ') {
            space(out);
        }
        out.push_str(inner);
        if t.ends_with(' ') {
            space(out);
        }
        return;
    }
    if t.starts_with(char::is_whitespace) {
        space(out);
    }
    for (i, w) in t.split_whitespace().enumerate() {
        if i > 0 {
            out.push(' ');
        }
        out.push_str(w);
    }
    if t.ends_with(char::is_whitespace) {
        space(out);
    }
}

/// Renders events to HTML.
///
/// pulldown-cmark writes table column alignment as inline styles, which a
/// strict Content-Security-Policy blocks; they become classes instead.
pub fn to_html(events: &[Spanned<'_>]) -> String {
    let mut out = String::with_capacity(events.len() * 16);
    html::push_html(&mut out, events.iter().map(|(e, _)| e.clone()));
    if out.contains(" style=\"text-align: ") {
        for align in ["left", "center", "right"] {
            out = out.replace(
                &format!(" style=\"text-align: {align}\""),
                &format!(" class=\"align-{align}\""),
            );
        }
    }
    out
}

/// Pass 1: joins runs of `Text` events into one, in place. A run is
/// gathered in one string (copying the text so far at each event made a
/// paragraph of 200,000 escaped characters take seconds).
pub fn merge_text(events: &mut Vec<Spanned<'_>>) {
    let mut write = 0;
    // The text of the run ending at `write - 1`, once it has two parts.
    let mut run: Option<String> = None;
    for read in 0..events.len() {
        let joins = write > 0
            && matches!(events[read].0, Event::Text(_))
            && matches!(events[write - 1].0, Event::Text(_));
        if joins {
            let (done, rest) = events.split_at_mut(read);
            let ((Event::Text(prev), prev_range), (Event::Text(t), range)) =
                (&mut done[write - 1], &rest[0])
            else {
                unreachable!("checked to be text");
            };
            run.get_or_insert_with(|| prev.to_string()).push_str(t);
            prev_range.end = range.end;
            continue;
        }
        if let Some(text) = run.take() {
            events[write - 1].0 = Event::Text(CowStr::from(text));
        }
        events.swap(write, read);
        write += 1;
    }
    if let Some(text) = run.take() {
        events[write - 1].0 = Event::Text(CowStr::from(text));
    }
    events.truncate(write);
}

/// Events making up the summary: before `<!-- more -->`, else the first
/// paragraph.
fn summary_range(events: &[Spanned<'_>]) -> Option<Range<usize>> {
    let more = events.iter().position(|(e, _)| match e {
        Event::Html(h) | Event::InlineHtml(h) => h.trim() == "<!-- more -->",
        _ => false,
    });
    if let Some(i) = more {
        return Some(0..i);
    }
    let start = events
        .iter()
        .position(|(e, _)| matches!(e, Event::Start(Tag::Paragraph)))?;
    let mut depth = 0usize;
    for (i, (e, _)) in events.iter().enumerate().skip(start) {
        match e {
            Event::Start(_) => depth += 1,
            Event::End(_) => {
                depth -= 1;
                if depth == 0 && matches!(e, Event::End(TagEnd::Paragraph)) {
                    return Some(start..i + 1);
                }
            }
            _ => {}
        }
    }
    None
}

#[cfg(test)]
pub(crate) mod testing {
    use super::*;
    use crate::diagnostics::{Diagnostic, SourceFile};

    /// Resolves `@/a.md` and `@/b.md`, facts `f-one` (alias `old-one`) and
    /// `f-two`, the source `src`, and the glossary term CMS.
    pub struct TwoPages;
    impl Resolver for TwoPages {
        fn fact(&self, id: &str) -> Result<(String, String), LinkProblem> {
            let canonical = match id {
                "f-one" | "old-one" => "f-one",
                "f-two" => "f-two",
                _ => {
                    return Err(LinkProblem::NotFound {
                        suggestion: crate::diagnostics::closest(id, ["f-one", "f-two"])
                            .map(str::to_string),
                    })
                }
            };
            Ok((canonical.to_string(), format!("/facts/{canonical}/")))
        }
        fn resolve_record(&self, kind: &str, id: &str) -> Result<String, LinkProblem> {
            match (kind, id) {
                ("source", "src") => Ok("/sources/src/".into()),
                ("fact", _) => self.fact(id).map(|(_, url)| url),
                _ => Err(LinkProblem::NotFound { suggestion: None }),
            }
        }
        fn glossary(&self) -> &glossary::Glossary {
            static GLOSSARY: std::sync::OnceLock<glossary::Glossary> = std::sync::OnceLock::new();
            GLOSSARY.get_or_init(|| {
                glossary::Glossary::new(vec![
                    GlossaryEntry {
                        term: "CMS".into(),
                        url: "/glossary/#cms".into(),
                        expansion: Some("Centers for Medicare and Medicaid Services".into()),
                    },
                    GlossaryEntry {
                        term: "Medicaid".into(),
                        url: "/glossary/#medicaid".into(),
                        expansion: None,
                    },
                ])
            })
        }
        fn resolve(&self, path: &str) -> Result<String, LinkProblem> {
            match path {
                "a.md" => Ok("/a/".into()),
                "b.md" => Ok("/b/".into()),
                "draft.md" => Err(LinkProblem::Draft),
                _ => Err(LinkProblem::NotFound {
                    suggestion: crate::diagnostics::closest(path, ["a.md", "b.md"])
                        .map(str::to_string),
                }),
            }
        }
    }

    /// Renders `md` as the body of `content/t.md` (front matter of 1 line).
    pub fn render_md(md: &str) -> (Rendered, Vec<Diagnostic>) {
        render_md_with(md, |_| {})
    }

    /// [`render_md`] with the markdown options changed by `tweak`.
    pub fn render_md_with(
        md: &str,
        tweak: impl FnOnce(&mut MarkdownConfig),
    ) -> (Rendered, Vec<Diagnostic>) {
        let mut config = MarkdownConfig::default();
        tweak(&mut config);
        let text = format!("+++\n{md}");
        let file = SourceFile::new("content/t.md", text);
        let mut cx = Context {
            config: &config,
            file: &file,
            body_offset: 4,
            resolver: &TwoPages,
            search_text: true,
            diagnostics: Vec::new(),
        };
        let r = render(md, &mut cx);
        (r, cx.diagnostics)
    }
}

#[cfg(test)]
mod tests {
    use super::testing::render_md;

    #[test]
    fn search_text_squashes_whitespace_on_both_paths() {
        // Plain ASCII with single spaces is copied; anything else (tabs,
        // newlines, double spaces, non-ASCII) goes word by word. Both
        // must give one space between words and none at the start.
        let cases: &[(&[&str], &str)] = &[
            (&["Plain words here."], "Plain words here."),
            (&[" lead", "trail ", " both "], "leadtrail both "),
            (&["a\tb\n c", "  d  "], "a b c d "),
            (&["Médicaid\u{a0}data ", "ICE"], "Médicaid data ICE"),
            (&[" ", " ", "x"], "x"),
            (&["two  spaces"], "two spaces"),
            (
                &["\u{201c}Quoted,\u{201d} she said\u{2009}\u{2009}", "x"],
                "\u{201c}Quoted,\u{201d} she said x",
            ),
            (
                &["\u{3000}\u{85}wide\u{2028}line\u{e9}\u{1680}"],
                "wide line\u{e9} ",
            ),
            (&["ctl\u{1}char\u{7f}"], "ctl\u{1}char\u{7f}"),
        ];
        for (parts, want) in cases {
            let mut out = String::new();
            for p in *parts {
                super::push_squashed(&mut out, p);
            }
            assert_eq!(out, *want, "{parts:?}");
        }
    }

    #[test]
    fn search_text_squashes_as_splitting_on_whitespace_does() {
        // Random pieces of ASCII, control characters, accented letters,
        // curly quotes and every kind of Unicode whitespace, appended one
        // after the other: the same as the words of each piece split on
        // whitespace and joined by one space, a space between pieces where
        // either side has whitespace, and none at the start.
        let alphabet: Vec<char> = "ab Z9\t\n\r\u{b}\u{c}\u{1}\u{7f}\u{85}\u{a0}\u{c2}\u{e9}\u{1680}\u{1e9e}\u{2000}\u{200a}\u{200b}\u{201c}\u{2028}\u{2029}\u{202f}\u{205f}\u{2060}\u{3000}\u{3001}\u{e3}"
            .chars()
            .collect();
        let mut rng = crate::testing::Xorshift(0x2545_f491_4f6c_dd1d);
        let mut next = move || rng.next();
        for _ in 0..3000 {
            let pieces: Vec<String> = (0..next() % 4 + 1)
                .map(|_| {
                    (0..next() % 12)
                        .map(|_| alphabet[(next() % alphabet.len() as u64) as usize])
                        .collect()
                })
                .collect();
            let mut got = String::new();
            let mut want = String::new();
            for p in &pieces {
                super::push_squashed(&mut got, p);
                let lead = p.starts_with(char::is_whitespace);
                let trail = p.ends_with(char::is_whitespace);
                if lead && !want.is_empty() && !want.ends_with(' ') {
                    want.push(' ');
                }
                want.push_str(&p.split_whitespace().collect::<Vec<_>>().join(" "));
                if trail && !want.is_empty() && !want.ends_with(' ') {
                    want.push(' ');
                }
            }
            assert_eq!(got, want, "{pieces:?}");
        }
    }

    #[test]
    fn search_text_keeps_words_of_nested_blocks_apart() {
        // Tight list items hold their text without a paragraph: a list or
        // quote nested in one must not glue its first word to the item's
        // last one.
        let (r, _) = render_md(
            "- listitemtwo\n  - nestedthree\n- item one\n  > quoted word\n\n| a | b |\n|---|---|\n| c | d |\n\nlast\n\n---\n\nrule\n",
        );
        let text = &r.sections[0].text;
        for words in [
            "listitemtwo nestedthree",
            "item one quoted word",
            "a b c d",
            "last rule",
        ] {
            assert!(text.contains(words), "{words:?} in {text:?}");
        }
        assert!(!text.contains("  "), "{text:?}");
    }

    #[test]
    fn extensions_are_on() {
        let (r, d) = render_md("| a | b |\n|---|---|\n| 1 | 2 |\n\n~~x~~ \"q\"\n\n- [x] done\n\nA[^1].\n\n[^1]: Note.\n");
        assert!(d.is_empty(), "{d:?}");
        assert!(r.html.contains("<table>"));
        assert!(r.html.contains("<del>x</del>"));
        assert!(
            r.html.contains("\u{201c}q\u{201d}"),
            "smart quotes: {}",
            r.html
        );
        assert!(r.html.contains("type=\"checkbox\""));
        assert!(r.html.contains("footnote-definition"));
    }

    #[test]
    fn summary_is_first_paragraph_or_before_more() {
        let (r, _) = render_md("# T\n\nFirst para.\n\nSecond.\n");
        assert_eq!(r.summary.as_deref(), Some("<p>First para.</p>\n"));
        let (r, _) = render_md("One.\n\nTwo.\n\n<!-- more -->\n\nThree.\n");
        assert_eq!(r.summary.as_deref(), Some("<p>One.</p>\n<p>Two.</p>\n"));
    }

    #[test]
    fn table_alignment_is_a_class_not_a_style() {
        let (r, _) = render_md("| a | b | c |\n|:--|:-:|--:|\n| 1 | 2 | 3 |\n");
        assert!(!r.html.contains("style="), "{}", r.html);
        assert!(
            r.html.contains("<td class=\"align-left\">1</td>"),
            "{}",
            r.html
        );
        assert!(
            r.html.contains("<th class=\"align-center\">b</th>"),
            "{}",
            r.html
        );
        assert!(
            r.html.contains("<td class=\"align-right\">3</td>"),
            "{}",
            r.html
        );
    }

    #[test]
    fn sections_split_at_headings_with_their_ids() {
        let (r, _) = render_md(
            "Intro *text*.\n\n## First {#one}\n\nA [link](https://x.org) and `code`.\n\n- item\n- two\n\n## Second\n\n```\nlet x = 1;\n```\n",
        );
        let s = &r.sections;
        assert_eq!(s.len(), 3, "{s:?}");
        assert_eq!(s[0].id, "");
        assert_eq!(s[0].text, "Intro text.");
        assert_eq!(s[1].id, "one");
        assert_eq!(s[1].title, "First");
        assert_eq!(s[1].text, "A link and code. item two");
        assert_eq!(s[2].id, "second");
        assert_eq!(s[2].text, "let x = 1;");
        let (r, _) = render_md("Two  spaces\nand a line.\n\n```\na\n\n  b\n```\n");
        assert_eq!(r.sections[0].text, "Two spaces and a line. a b");
    }

    #[test]
    fn section_text_leaves_out_citation_marks_and_keeps_glossary_terms() {
        let (r, d) = render_md("The CMS gets data.[@f-one] More.\n");
        assert!(d.is_empty(), "{d:?}");
        assert!(r.html.contains("<abbr"), "{}", r.html);
        assert_eq!(r.sections[0].text, "The CMS gets data. More.");
    }

    /// Linear, by size: 500,000 text events in a row join in a quarter of
    /// a second of a debug build; copying the text joined so far at each
    /// (250 GB here) took nearly five minutes. And in place: the vector is
    /// not copied.
    #[test]
    fn merge_text_is_linear_and_in_place() {
        use pulldown_cmark::{CowStr, Event, Tag, TagEnd};
        let n = 500_000;
        let mut events: Vec<super::Spanned<'_>> = vec![(Event::Start(Tag::Paragraph), 0..0)];
        events.extend((0..n).map(|i| (Event::Text(CowStr::Borrowed("ab")), 2 * i..2 * i + 2)));
        events.push((Event::End(TagEnd::Paragraph), 2 * n..2 * n));
        events.push((Event::Text(CowStr::Borrowed("x")), 2 * n..2 * n + 1));
        let at = events.as_ptr();
        super::merge_text(&mut events);
        assert_eq!(events.as_ptr(), at, "merged in place");
        assert_eq!(events.len(), 4);
        match &events[1] {
            (Event::Text(t), r) => {
                assert_eq!((t.len(), r.clone()), (2 * n, 0..2 * n));
                assert!(t.starts_with("abab"));
            }
            e => panic!("{e:?}"),
        }
        assert!(matches!(&events[3].0, Event::Text(t) if t.as_ref() == "x"));
    }

    /// The passes that replace a run of events by one (citations, code
    /// blocks) work in the vector they get, never in a second one: a 9 MB
    /// table is some 12 million events, 1.2 GB a copy.
    #[test]
    fn citations_and_code_blocks_are_replaced_in_place() {
        use super::*;
        use crate::diagnostics::SourceFile;
        let md = "Cited.[@f-one] And [@f-two; @f-one].\n\n```rust\nfn main() {}\n```\n\nEnd.\n";
        let (config, file) = (
            MarkdownConfig::default(),
            SourceFile::new("t.md", md.to_string()),
        );
        let mut cx = Context {
            config: &config,
            file: &file,
            body_offset: 0,
            resolver: &testing::TwoPages,
            search_text: false,
            diagnostics: Vec::new(),
        };
        let mut events: Vec<Spanned<'_>> =
            Parser::new_with_broken_link_callback(md, options(&config), Some(citations::callback))
                .into_offset_iter()
                .collect();
        merge_text(&mut events);
        let at = events.as_ptr();
        let cited = citations::mark(&mut events, &mut cx);
        assert!(highlight::code_blocks(&mut events));
        assert_eq!(events.as_ptr(), at, "replaced in place");
        assert_eq!(cited, ["f-one", "f-two"]);
        let html = to_html(&events);
        assert_eq!(html.matches("class=\"cite-ref\"").count(), 3, "{html}");
        assert!(html.contains("<pre class=\"code\""), "{html}");
        assert!(html.ends_with("<p>End.</p>\n"), "{html}");
    }

    #[test]
    fn counts_words() {
        let (r, _) = render_md("Three little words.\n\n## Two more\n");
        assert_eq!(r.word_count, 5);
    }
}
