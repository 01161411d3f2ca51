//! The words a reader sees in raw HTML written in markdown (a `<figure>`
//! with its caption, a table or a `<details>` written as HTML), for the
//! search index: entities decoded, tags dropped, an image's `alt` kept.
//!
//! The rules are those of `search-pages.js`'s `partText`, which reads the
//! same words from the published page, so that the two agree: a block
//! element ends a word, and scripts, styles, templates, controls, a
//! template's header, footer, navigation and asides, and anything
//! `hidden` are not the page's words. Tokenised by html5ever (the parser
//! under ammonia), which knows HTML's entities, comments and raw text.
//!
//! Each piece of raw HTML is read alone, after ammonia has made it whole
//! (closed what browsers close implicitly): markdown written between the
//! HTML block that opens an element and the one that closes it is read as
//! the page's text, whatever the element. On a site with `unsafe_html`,
//! HTML is read as written, and an element closed only implicitly (`<p
//! hidden>a<p>b`) hides what follows it too.

use std::cell::RefCell;

use html5ever::tendril::StrTendril;
use html5ever::tokenizer::states::RawKind;
use html5ever::tokenizer::{
    BufferQueue, Tag, TagKind, Token, TokenSink, TokenSinkResult, Tokenizer, TokenizerOpts,
};

/// Elements whose content is not text a reader sees (`partText`'s `SKIP`).
const SKIP: [&str; 10] = [
    "script", "style", "template", "noscript", "svg", "button", "nav", "header", "footer", "aside",
];

/// Elements that end a word where they start (`partText`'s `BLOCK`, and
/// the headings, which the page's parts are split at).
fn is_block(name: &str) -> bool {
    matches!(
        name,
        "p" | "li"
            | "td"
            | "th"
            | "tr"
            | "dd"
            | "dt"
            | "dl"
            | "ol"
            | "ul"
            | "blockquote"
            | "pre"
            | "div"
            | "br"
            | "table"
            | "hr"
            | "h1"
            | "h2"
            | "h3"
            | "h4"
            | "h5"
            | "h6"
    ) || name.starts_with("fig")
}

/// Elements with no end tag: they never hold what follows them.
fn is_void(name: &str) -> bool {
    matches!(
        name,
        "area"
            | "base"
            | "br"
            | "col"
            | "embed"
            | "hr"
            | "img"
            | "input"
            | "link"
            | "meta"
            | "source"
            | "track"
            | "wbr"
    )
}

/// Elements whose content the tokenizer must read as text up to their end
/// tag, as a browser does (a `</div>` in a script ends nothing).
fn raw_kind(name: &str) -> Option<RawKind> {
    match name {
        "script" => Some(RawKind::ScriptData),
        "style" | "xmp" | "iframe" | "noembed" | "noframes" | "noscript" => Some(RawKind::Rawtext),
        "textarea" | "title" => Some(RawKind::Rcdata),
        _ => None,
    }
}

#[derive(Default)]
struct Sink {
    text: RefCell<String>,
    /// Whether only the tags count (their `alt`, the spaces of blocks).
    tags_only: bool,
    /// The element whose content is skipped, and how deep in it we are
    /// (the same element nested in it).
    skipping: RefCell<Option<(String, usize)>>,
}

impl Sink {
    fn tag(&self, tag: &Tag) -> TokenSinkResult<()> {
        let name: &str = &tag.name;
        // `/>` closes only a void element (and SVG's, which are foreign):
        // browsers read `<div/>` as `<div>`.
        let opens =
            tag.kind == TagKind::StartTag && !is_void(name) && !(tag.self_closing && name == "svg");
        let after = match raw_kind(name) {
            Some(kind) if tag.kind == TagKind::StartTag => TokenSinkResult::RawData(kind),
            _ => TokenSinkResult::Continue,
        };
        let mut skipping = self.skipping.borrow_mut();
        if let Some((skipped, depth)) = skipping.as_mut() {
            if *skipped == name {
                match tag.kind {
                    TagKind::StartTag if opens => *depth += 1,
                    TagKind::EndTag if *depth == 0 => *skipping = None,
                    TagKind::EndTag => *depth -= 1,
                    TagKind::StartTag => {}
                }
            }
            return after;
        }
        let hidden =
            tag.kind == TagKind::StartTag && tag.attrs.iter().any(|a| &*a.name.local == "hidden");
        if tag.kind == TagKind::StartTag && (SKIP.contains(&name) || hidden) {
            if opens {
                *skipping = Some((name.to_string(), 0));
            }
            // A hidden image's description is not shown either.
            return after;
        }
        let mut text = self.text.borrow_mut();
        if is_block(name) {
            text.push(' ');
        }
        if name == "img" && tag.kind == TagKind::StartTag {
            if let Some(alt) = tag.attrs.iter().find(|a| &*a.name.local == "alt") {
                text.push_str(&alt.value);
            }
        }
        after
    }
}

impl TokenSink for Sink {
    type Handle = ();

    fn process_token(&self, token: Token, _line: u64) -> TokenSinkResult<()> {
        match token {
            Token::TagToken(tag) => return self.tag(&tag),
            Token::CharacterTokens(s) if !self.tags_only && self.skipping.borrow().is_none() => {
                self.text.borrow_mut().push_str(&s);
            }
            _ => {}
        }
        TokenSinkResult::Continue
    }
}

/// The text of an HTML fragment as a reader sees it (spaces not squashed).
pub fn text_of(html: &str) -> String {
    read(html, false)
}

/// What the tags of inline HTML add to the text around them: an image's
/// `alt`, a space for a line break. Inline raw HTML is tags only (markdown
/// gives the text between them as text), and the inline HTML the passes
/// write (citation marks) is not the page's words.
pub fn tags_text_of(html: &str) -> String {
    // Most inline HTML (every citation mark) has neither: not tokenised.
    let adds = html.split('<').skip(1).any(|t| {
        let name: String = t
            .trim_start_matches('/')
            .chars()
            .take_while(char::is_ascii_alphanumeric)
            .map(|c| c.to_ascii_lowercase())
            .collect();
        name == "img" || is_block(&name)
    });
    match adds {
        true => read(html, true),
        false => String::new(),
    }
}

fn read(html: &str, tags_only: bool) -> String {
    let sink = Sink {
        tags_only,
        ..Sink::default()
    };
    let tokenizer = Tokenizer::new(sink, TokenizerOpts::default());
    let input = BufferQueue::default();
    input.push_back(StrTendril::from_slice(html));
    let _ = tokenizer.feed(&input);
    tokenizer.end();
    tokenizer.sink.text.take()
}

#[cfg(test)]
mod tests {
    use super::text_of;

    fn squashed(html: &str) -> String {
        text_of(html)
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ")
    }

    #[test]
    fn entities_are_decoded_and_tags_dropped() {
        assert_eq!(
            squashed("<p>Medicaid &amp; CHIP &eacute;l&#233; &#x2014; it&rsquo;s</p>"),
            "Medicaid & CHIP élé — it\u{2019}s"
        );
        assert_eq!(
            squashed("<b>bold</b> and <a href=\"/x\">linked</a>"),
            "bold and linked"
        );
    }

    #[test]
    fn a_block_element_ends_a_word_and_an_inline_one_does_not() {
        assert_eq!(squashed("<p>one</p><p>two</p>"), "one two");
        assert_eq!(squashed("<td>a</td><td>b</td>"), "a b");
        assert_eq!(squashed("one<br>two"), "one two");
        assert_eq!(squashed("wo<b>rd</b>"), "word");
        assert_eq!(
            squashed("<figure><img src=\"m.png\" alt=\"Map of the states\"><figcaption>Where it applies</figcaption></figure>"),
            "Map of the states Where it applies"
        );
    }

    #[test]
    fn what_a_reader_does_not_see_is_left_out() {
        assert_eq!(
            squashed("a<!-- a comment -->b <script>if (x < y) { var z = '</p>'; }</script> c"),
            "ab c"
        );
        assert_eq!(squashed("<style>p { color: red }</style>text"), "text");
        assert_eq!(
            squashed("<div hidden>secret <div>deeper</div> still</div>shown"),
            "shown"
        );
        assert_eq!(squashed("<nav><nav>x</nav>y</nav>z"), "z");
        assert_eq!(squashed("<button>Press</button>after"), "after");
        assert_eq!(squashed("<img hidden alt=\"secret\">shown"), "shown");
        // `/>` does not close an element that has content, as in browsers.
        assert_eq!(squashed("<div hidden/>secret</div>shown"), "shown");
        // Text that looks like a tag in a script or a text area is text.
        assert_eq!(
            squashed("<div hidden><script>var s = \"</div>\";</script>secret</div>shown"),
            "shown"
        );
        assert_eq!(
            squashed("<textarea><div hidden></textarea>typed"),
            "<div hidden>typed"
        );
        // Attributes are not text, but for an image's description.
        assert_eq!(
            squashed("<a title=\"hover\" href=\"/secret\">link</a>"),
            "link"
        );
    }

    #[test]
    fn inline_tags_add_only_an_images_description() {
        use super::tags_text_of;
        assert_eq!(
            tags_text_of("<img src=\"a.png\" alt=\"A chart\">"),
            "A chart"
        );
        assert_eq!(tags_text_of("<br>"), " ");
        assert_eq!(tags_text_of("<IMG ALT=\"Upper\">"), "Upper");
        assert_eq!(tags_text_of("</P>"), " ");
        assert_eq!(
            tags_text_of("<sup class=\"citation\"><a href=\"#note-1\">[1]</a></sup>"),
            ""
        );
    }

    #[test]
    fn a_tag_across_lines_and_an_unclosed_fragment_are_read() {
        assert_eq!(
            squashed("<img\n  src=\"a.png\"\n  alt=\"A chart\">\n<details>\n<summary>Read more"),
            "A chart Read more"
        );
    }
}
