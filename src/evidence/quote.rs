//! Quote verification: is a quote really in its source?
//!
//! Both texts are *folded* before comparing: runs of whitespace become one
//! space, curly quotes and apostrophes become straight ones, and dash
//! variants become `-`. Nothing else is forgiven: not case, not a missing
//! word, not a changed comma. A match is reported as a byte range of the
//! original source text, so the source page can highlight it; a miss finds
//! the closest passage and names the first difference.

/// Folds one character; `None` for whitespace.
fn fold_char(c: char) -> Option<char> {
    match c {
        c if c.is_whitespace() => None,
        '\u{2018}' | '\u{2019}' | '\u{201A}' | '\u{201B}' | '\u{2032}' | '`' | '\u{00B4}' => {
            Some('\'')
        }
        '\u{201C}' | '\u{201D}' | '\u{201E}' | '\u{201F}' | '\u{2033}' | '\u{00AB}'
        | '\u{00BB}' => Some('"'),
        '\u{2010}' | '\u{2011}' | '\u{2012}' | '\u{2013}' | '\u{2014}' | '\u{2015}'
        | '\u{2212}' => Some('-'),
        c => Some(c),
    }
}

/// A folded text with, for each folded char, the byte range it came from.
#[derive(Debug, Clone)]
pub struct Folded {
    /// The folded characters.
    pub chars: Vec<char>,
    /// Byte offset in the original where each folded char starts.
    starts: Vec<usize>,
    /// Byte offset in the original where each folded char ends.
    ends: Vec<usize>,
}

impl Folded {
    /// Folds `text`. Leading and trailing whitespace is dropped.
    pub fn new(text: &str) -> Folded {
        let mut chars = Vec::with_capacity(text.len());
        let mut starts = Vec::with_capacity(text.len());
        let mut ends = Vec::with_capacity(text.len());
        let mut pending_space: Option<usize> = None;
        for (i, c) in text.char_indices() {
            match fold_char(c) {
                None => {
                    if !chars.is_empty() && pending_space.is_none() {
                        pending_space = Some(i);
                    }
                }
                Some(f) => {
                    if let Some(s) = pending_space.take() {
                        chars.push(' ');
                        starts.push(s);
                        ends.push(i);
                    }
                    chars.push(f);
                    starts.push(i);
                    ends.push(i + c.len_utf8());
                }
            }
        }
        Folded {
            chars,
            starts,
            ends,
        }
    }

    /// The folded text as a string.
    pub fn as_string(&self) -> String {
        self.chars.iter().collect()
    }

    /// Byte range in the original text of folded chars `from..to`.
    pub fn original_range(&self, from: usize, to: usize) -> std::ops::Range<usize> {
        self.starts[from]..self.ends[to - 1]
    }
}

/// Where a quote was found, as a byte range of the source text.
pub fn find(source: &Folded, quote: &str) -> Option<std::ops::Range<usize>> {
    let q = Folded::new(quote);
    if q.chars.is_empty() || q.chars.len() > source.chars.len() {
        return None;
    }
    let n = q.chars.len();
    source
        .chars
        .windows(n)
        .position(|w| w == q.chars.as_slice())
        .map(|i| source.original_range(i, i + n))
}

/// The passage of the source closest to a quote that was not found, and
/// where they first differ.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NearMiss {
    /// Byte range of the closest passage in the original source text.
    pub range: std::ops::Range<usize>,
    /// The first word of the quote that differs from the passage.
    pub quote_word: Option<String>,
    /// The source's word at that place (None: the passage ended).
    pub source_word: Option<String>,
    /// How many of the quote's words the passage has, in order.
    pub matched_words: usize,
    /// How many words the quote has.
    pub quote_words: usize,
}

/// One folded word: its text and its folded-char range.
struct Word {
    text: String,
    start: usize,
    end: usize,
}

fn words(f: &Folded) -> Vec<Word> {
    let mut out = Vec::new();
    let mut start = None;
    for (i, c) in f.chars.iter().enumerate() {
        if *c == ' ' {
            if let Some(s) = start.take() {
                out.push(Word {
                    text: f.chars[s..i].iter().collect(),
                    start: s,
                    end: i,
                });
            }
        } else if start.is_none() {
            start = Some(i);
        }
    }
    if let Some(s) = start {
        out.push(Word {
            text: f.chars[s..].iter().collect(),
            start: s,
            end: f.chars.len(),
        });
    }
    out
}

/// Finds the source passage most like `quote` (by words in common, in
/// order), for the error message when a quote is not in its source.
pub fn nearest(source: &Folded, quote: &str) -> Option<NearMiss> {
    let qw = words(&Folded::new(quote));
    let sw = words(source);
    if qw.is_empty() || sw.is_empty() {
        return None;
    }
    // Long quotes are compared on their first 60 words, and only windows
    // starting on a word of the quote's first few are scored: this keeps a
    // long quote against a long source fast (it only runs on errors).
    let qw = &qw[..qw.len().min(60)];
    let n = qw.len();
    let firsts: std::collections::HashSet<&str> =
        qw.iter().take(5).map(|w| w.text.as_str()).collect();
    let mut best: Option<(usize, usize)> = None; // (score, start word)
    let anywhere = sw.len() * n * (n + 2) < 20_000_000;
    for start in 0..sw.len() {
        if !firsts.contains(sw[start].text.as_str()) && !anywhere {
            continue;
        }
        let end = (start + n + 2).min(sw.len());
        let score = lcs(qw, &sw[start..end]);
        // Prefer windows that start on the quote's first word.
        let bonus = usize::from(sw[start].text == qw[0].text);
        let score = score * 2 + bonus;
        if best.is_none_or(|(s, _)| score > s) {
            best = Some((score, start));
        }
    }
    let (score, start) = best?;
    let end = (start + n).min(sw.len());
    let mut quote_word = None;
    let mut source_word = None;
    for (i, w) in qw.iter().enumerate() {
        let s = sw.get(start + i).filter(|_| start + i < end + 2);
        if s.map(|x| x.text.as_str()) != Some(w.text.as_str()) {
            quote_word = Some(w.text.clone());
            source_word = s.map(|x| x.text.clone());
            break;
        }
    }
    Some(NearMiss {
        range: source.original_range(sw[start].start, sw[end - 1].end),
        quote_word,
        source_word,
        matched_words: score / 2,
        quote_words: n,
    })
}

fn lcs(a: &[Word], b: &[Word]) -> usize {
    let mut prev = vec![0usize; b.len() + 1];
    let mut cur = vec![0usize; b.len() + 1];
    for x in a {
        for (j, y) in b.iter().enumerate() {
            cur[j + 1] = if x.text == y.text {
                prev[j] + 1
            } else {
                cur[j].max(prev[j + 1])
            };
        }
        std::mem::swap(&mut prev, &mut cur);
    }
    prev[b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;

    const SRC: &str = "ICE officials will gain access to the personal data of over 79 million\n  Medicaid enrollees. An HHS lawyer responded that DOJ was \u{201c}comfortable with CMS proceeding.\u{201d} Limited hours\u{2014}9 a.m. to 5 p.m.";

    #[test]
    fn finds_quote_across_line_breaks() {
        let f = Folded::new(SRC);
        let r = find(&f, "data of over 79 million Medicaid enrollees").unwrap();
        assert_eq!(&SRC[r], "data of over 79 million\n  Medicaid enrollees");
    }

    #[test]
    fn folds_curly_quotes_and_dashes_only() {
        let f = Folded::new(SRC);
        assert!(find(&f, "DOJ was \"comfortable with CMS proceeding.\"").is_some());
        assert!(find(&f, "hours-9 a.m.").is_some());
        assert!(
            find(&f, "hours - 9 a.m.").is_none(),
            "spaces are not invented"
        );
        assert!(find(&f, "ice officials").is_none(), "case matters");
        assert!(find(&f, "data of over 80 million").is_none());
    }

    #[test]
    fn near_miss_names_the_changed_word() {
        let f = Folded::new(SRC);
        let m = nearest(&f, "gain access to the private data of over 79 million").unwrap();
        assert_eq!(m.quote_word.as_deref(), Some("private"));
        assert_eq!(m.source_word.as_deref(), Some("personal"));
        assert!(SRC[m.range].starts_with("gain access"));
    }
}
