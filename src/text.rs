//! Small text functions every layer shares: the slug of a name, the one
//! escaping function per format that every attribute and XML value goes
//! through ([`escape_attr`] for HTML, [`xml_escape`] for XML), and counting
//! words.

/// Slug for a path segment or a term: lowercase ASCII, digits and hyphens.
pub fn slugify(s: &str) -> String {
    slug::slugify(s)
}

/// Escapes text for an HTML attribute value.
pub fn escape_attr(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    pulldown_cmark_escape_attr(&mut out, s);
    out
}

fn pulldown_cmark_escape_attr(out: &mut String, s: &str) {
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '"' => out.push_str("&quot;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
}

/// Escapes text for XML content and attribute values.
pub fn xml_escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            // Characters XML 1.0 does not allow at all.
            c if (c as u32) < 0x20 && !matches!(c, '\n' | '\r' | '\t') => {}
            c => out.push(c),
        }
    }
    out
}

/// How many words `text` has: `text.split_whitespace().count()`, without
/// the splitting (a page's word count read every byte of its text that way,
/// 3 % of the CPU of a 10,000-page build). ASCII text is read eight bytes
/// at a time ([`spaces`]): a bit per byte for "space", and a word starts
/// where a set bit is followed by a clear one.
pub fn count_words(text: &str) -> usize {
    if !text.is_ascii() {
        return text.split_whitespace().count();
    }
    let b = text.as_bytes();
    let mut words = 0usize;
    // Whether the byte before the chunk is a space (the start counts as one).
    let mut before = 1u64;
    for chunk in b.chunks(64) {
        let mut space = 0u64;
        let mut words8 = chunk.chunks_exact(8);
        for (w, eight) in words8.by_ref().enumerate() {
            let x = u64::from_le_bytes(eight.try_into().unwrap_or_default());
            space |= spaces(x) << (8 * w);
        }
        let done = chunk.len() - words8.remainder().len();
        for (k, &c) in words8.remainder().iter().enumerate() {
            let white = (c == b' ') | (c.wrapping_sub(b'\t') < 5);
            space |= u64::from(white) << (done + k);
        }
        let n = chunk.len();
        let inside = if n == 64 { u64::MAX } else { (1u64 << n) - 1 };
        let starts = !space & ((space << 1) | before) & inside;
        words += starts.count_ones() as usize;
        before = (space >> (n - 1)) & 1;
    }
    words
}

/// Of eight ASCII bytes (the first in the low byte of `x`), which are
/// whitespace to `char::is_whitespace` (' ', and '\t' to '\r'): bit `i`
/// for byte `i`. No byte's arithmetic carries into the next: each is below
/// 0x80.
fn spaces(x: u64) -> u64 {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGH: u64 = 0x8080_8080_8080_8080;
    const LOW7: u64 = 0x7f7f_7f7f_7f7f_7f7f;
    // A byte's high bit: set where it is not ' ' (after the xor, non-zero).
    let y = x ^ (ONES * u64::from(b' '));
    let not_space = ((y & LOW7) + LOW7) | y;
    // Set where it is at least 9, and where it is at least 14.
    let from_tab = (x | HIGH) - ONES * 9;
    let past_cr = (x | HIGH) - ONES * 14;
    let white = ((!not_space) | (from_tab & !past_cr)) & HIGH;
    // Each byte's high bit gathered into the top byte, in order.
    ((white >> 7).wrapping_mul(0x0102_0408_1020_4080)) >> 56
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        /// The same count as splitting, on any text: ASCII and Unicode
        /// spaces (no-break, ideographic, line separator, NEL), control
        /// characters, letters of every width.
        #[test]
        fn count_words_is_split_whitespace(
            text in "[ a\t\n\r\u{b}\u{c}\u{1c}\u{85}\u{a0}\u{1680}\u{2000}\u{2028}\u{202f}\u{3000}é—𝐀x.]{0,40}",
            ascii in "[ a\\t\\n\\r\\u{b}\\u{c}\\u{1c}\\u{8}\\u{e}\\u{7f}x.]{0,300}",
        ) {
            prop_assert_eq!(count_words(&text), text.split_whitespace().count());
            prop_assert_eq!(count_words(&ascii), ascii.split_whitespace().count());
        }
    }

    #[test]
    fn count_words_knows_every_ascii_byte_at_every_place() {
        for c in 0u8..128 {
            for at in 0..70 {
                let mut text = vec![b'y'; 70];
                text[at] = c;
                let text = String::from_utf8(text).unwrap();
                assert_eq!(
                    count_words(&text),
                    text.split_whitespace().count(),
                    "byte {c} at {at}"
                );
            }
        }
    }

    #[test]
    fn count_words_counts_words() {
        assert_eq!(count_words(""), 0);
        assert_eq!(count_words("  one\ttwo\n three "), 3);
        assert_eq!(count_words("ICE\u{a0}and\u{3000}CMS"), 3);
        // U+001C separates "words" for Python, not for Unicode.
        assert_eq!(count_words("a\u{1c}b"), 1);
    }

    #[test]
    fn xml_escaping() {
        assert_eq!(xml_escape("a<b & \"c\"\u{1}"), "a&lt;b &amp; &quot;c&quot;");
    }
}
