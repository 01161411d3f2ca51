//! Quote verification: is a quote really in its source?
//!
//! Both texts are *folded* before comparing: runs of whitespace become one
//! space, curly quotes and apostrophes become straight ones, and dash
//! variants become `-`. Nothing else is forgiven: not case, not a missing
//! word, not a changed comma. A match is reported as a byte range of the
//! original source text, so the source page can highlight it; a miss finds
//! the closest passage and names the first difference.
//!
//! Memory and time are linear in the source: the folded text is a string
//! with a map back to the original that has an entry only where the two
//! stop moving in step (a folded dash, a run of spaces), not offsets per
//! character (which made a 50 MB source take 1.2 GB); a quote is found by
//! a linear substring search; the closest passage is anchored on the
//! longest run of the quote's words found in the source, by one pass of a
//! suffix automaton of the quote, then aligned word by word from there.

use std::collections::HashMap;
use std::ops::Range;

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

/// A folded text, with the way back to byte offsets of the original.
#[derive(Debug, Clone, Default)]
pub struct Folded {
    /// The folded text: no space at either end, never two in a row.
    text: String,
    /// `(folded offset, original offset)` where each stretch of text that
    /// folding left byte for byte starts; sorted. Within a stretch, both
    /// advance together.
    steps: Vec<(usize, usize)>,
    /// Where the last folded character ends in the original.
    end: usize,
}

impl Folded {
    /// Folds `text`. Leading and trailing whitespace is dropped.
    pub fn new(text: &str) -> Folded {
        let mut out = String::with_capacity(text.len());
        let mut steps = Vec::new();
        // Where the folded text's next byte maps to if in step, if ever.
        let mut in_step: Option<usize> = None;
        let mut step = |folded: usize, original: usize, next_original: usize, folded_len: usize| {
            if in_step != Some(original) {
                steps.push((folded, original));
            }
            in_step = (next_original - original == folded_len).then_some(next_original);
        };
        let mut pending_space: Option<usize> = None;
        let mut end = 0;
        for (i, c) in text.char_indices() {
            match fold_char(c) {
                None => {
                    if !out.is_empty() && pending_space.is_none() {
                        pending_space = Some(i);
                    }
                }
                Some(f) => {
                    if let Some(s) = pending_space.take() {
                        step(out.len(), s, i, 1);
                        out.push(' ');
                    }
                    step(out.len(), i, i + c.len_utf8(), f.len_utf8());
                    out.push(f);
                    end = i + c.len_utf8();
                }
            }
        }
        Folded {
            text: out,
            steps,
            end,
        }
    }

    /// The folded text.
    pub fn text(&self) -> &str {
        &self.text
    }

    /// Whether nothing but whitespace was folded.
    pub fn is_empty(&self) -> bool {
        self.text.is_empty()
    }

    /// Where the folded character at byte `at` starts in the original.
    fn original(&self, at: usize) -> usize {
        let i = self.steps.partition_point(|s| s.0 <= at) - 1;
        let (folded, original) = self.steps[i];
        original + (at - folded)
    }

    /// Byte range in the original text of the folded bytes `from..to`
    /// (character boundaries, `from < to`). Folded characters are contiguous
    /// in the original, so one ends where the next starts.
    pub fn original_range(&self, from: usize, to: usize) -> Range<usize> {
        let end = if to >= self.text.len() {
            self.end
        } else {
            self.original(to)
        };
        self.original(from)..end
    }
}

/// Whether `c` is part of a word: a quote may not start or end inside one.
fn is_word_char(c: char) -> bool {
    c.is_alphanumeric()
}

/// Whether the folded bytes `at..at + len` of `text` start and end on word
/// boundaries: a quote starting with a letter or digit is not preceded by
/// one, and one ending with a letter or digit is not followed by one (so
/// "legal aliens" is not found in "illegal aliens", nor "79 million" in
/// "879 million"). Punctuation at either end of the quote is its own
/// boundary.
fn on_word_boundaries(text: &str, at: usize, len: usize) -> bool {
    let quoted = &text[at..at + len];
    let cuts = |inside: Option<char>, outside: Option<char>| {
        inside.is_some_and(is_word_char) && outside.is_some_and(is_word_char)
    };
    !cuts(quoted.chars().next(), text[..at].chars().next_back())
        && !cuts(quoted.chars().next_back(), text[at + len..].chars().next())
}

/// Where a quote occurs in the folded source, word boundaries or not:
/// the first occurrence on word boundaries if there is one (`Ok`), else
/// the first that cuts a word (`Err`).
fn occurrence(source: &Folded, q: &Folded) -> Option<Result<usize, usize>> {
    let (text, needle) = (source.text.as_str(), q.text.as_str());
    let mut cut = None;
    let mut from = 0;
    // Linear searches (two-way), each from just after the last
    // occurrence: linear in the source plus the occurrences' lengths.
    while let Some(i) = text[from..].find(needle) {
        let at = from + i;
        if on_word_boundaries(text, at, needle.len()) {
            return Some(Ok(at));
        }
        cut.get_or_insert(at);
        from = at + text[at..].chars().next().map_or(1, char::len_utf8);
    }
    cut.map(Err)
}

/// Where a quote was found, as a byte range of the source text. The quote
/// must be whole words of the source: its first and last words may not be
/// parts of longer ones.
pub fn find(source: &Folded, quote: &str) -> Option<Range<usize>> {
    let q = Folded::new(quote);
    if q.is_empty() {
        return None;
    }
    let at = occurrence(source, &q)?.ok()?;
    Some(source.original_range(at, at + q.text.len()))
}

/// A quote whose words are in the source only as part of longer words:
/// the source's words it starts or ends inside.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CutWords {
    /// The whole source word the quote starts inside, if it does.
    pub start: Option<String>,
    /// The whole source word the quote ends inside, if it does.
    pub end: Option<String>,
}

/// If `quote` is not in the source on word boundaries but is there inside
/// longer words, which words it cuts (for the error message).
pub fn cut_words(source: &Folded, quote: &str) -> Option<CutWords> {
    let q = Folded::new(quote);
    if q.is_empty() {
        return None;
    }
    let at = occurrence(source, &q)?.err()?;
    let text = source.text.as_str();
    let end = at + q.text.len();
    let word_around = |i: usize| {
        let start = text[..i]
            .char_indices()
            .rev()
            .take_while(|&(_, c)| is_word_char(c))
            .last()
            .map_or(i, |(j, _)| j);
        let stop = text[i..]
            .char_indices()
            .find(|&(_, c)| !is_word_char(c))
            .map_or(text.len(), |(j, _)| i + j);
        text[start..stop].to_string()
    };
    let before = text[..at].chars().next_back();
    let first = q.text.chars().next();
    let after = text[end..].chars().next();
    let last = q.text.chars().next_back();
    let both = |a: Option<char>, b: Option<char>| {
        a.is_some_and(is_word_char) && b.is_some_and(is_word_char)
    };
    Some(CutWords {
        start: both(before, first).then(|| word_around(at)),
        end: both(last, after).then(|| word_around(end - last.map_or(1, char::len_utf8))),
    })
}

/// The passage of the source closest to a quote that was not found, and
/// where they first differ.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NearMiss {
    /// Byte range of the closest passage in the original source text.
    pub range: Range<usize>,
    /// The first word of the quote that differs from the passage.
    pub quote_word: Option<String>,
    /// The source's word at that place (None: the passage ended).
    pub source_word: Option<String>,
    /// How many of the quote's words the passage has, in order.
    pub matched_words: usize,
    /// How many words the quote has.
    pub quote_words: usize,
}

/// The words of a folded text with their byte offsets.
fn words(f: &Folded) -> impl Iterator<Item = (usize, &str)> {
    let text = f.text.as_str();
    text.split(' ')
        .filter(|w| !w.is_empty())
        .map(move |w| (w.as_ptr() as usize - text.as_ptr() as usize, w))
}

/// A suffix automaton of a sequence of word numbers: walking the source's
/// words through it gives, at each word, the longest run of the quote
/// ending there, in time linear in both.
struct Automaton {
    states: Vec<State>,
}

struct State {
    /// Length of the longest run this state stands for.
    len: usize,
    /// The state of its longest suffix standing for other runs.
    link: usize,
    next: HashMap<u32, usize>,
    /// Index of the quote word where its runs first end.
    first_end: usize,
}

impl Automaton {
    fn new(seq: &[u32]) -> Automaton {
        let mut states = vec![State {
            len: 0,
            link: usize::MAX,
            next: HashMap::new(),
            first_end: 0,
        }];
        let mut last = 0;
        for (pos, &c) in seq.iter().enumerate() {
            let cur = states.len();
            states.push(State {
                len: states[last].len + 1,
                link: 0,
                next: HashMap::new(),
                first_end: pos,
            });
            let mut p = last;
            while p != usize::MAX && !states[p].next.contains_key(&c) {
                states[p].next.insert(c, cur);
                p = states[p].link;
            }
            if p != usize::MAX {
                let q = states[p].next[&c];
                if states[p].len + 1 == states[q].len {
                    states[cur].link = q;
                } else {
                    let clone = states.len();
                    states.push(State {
                        len: states[p].len + 1,
                        link: states[q].link,
                        next: states[q].next.clone(),
                        first_end: states[q].first_end,
                    });
                    while p != usize::MAX && states[p].next.get(&c) == Some(&q) {
                        states[p].next.insert(c, clone);
                        p = states[p].link;
                    }
                    states[q].link = clone;
                    states[cur].link = clone;
                }
            }
            last = cur;
        }
        Automaton { states }
    }
}

/// A run of quote words found in the source: its length and where it ends
/// in the quote and in the source (word indices).
#[derive(Debug, Clone, Copy)]
struct Run {
    len: usize,
    quote_end: usize,
    source_end: usize,
}

/// How many of the longest runs (on different alignments) are tried.
const CANDIDATES: usize = 8;

/// How far ahead the word by word alignment looks to get back in step
/// after a word differs (words left out or added).
const RESYNC: usize = 8;

/// Aligns `q` with `s` from their starts, word by word: equal words are
/// matched; at a difference, the nearest place where two words agree
/// again (within [`RESYNC`] words of each) is where both go on, or else
/// one word of each is taken as changed. Returns the matched index pairs.
fn align(q: &[&str], s: &[&str]) -> Vec<(usize, usize)> {
    let mut pairs = Vec::new();
    let (mut i, mut k) = (0, 0);
    let agree = |i: usize, k: usize| {
        q.get(i).is_some()
            && q.get(i) == s.get(k)
            && (i + 1 == q.len() || q.get(i + 1) == s.get(k + 1))
    };
    // Words to skip in the quote and in the source to get back in step,
    // fewest first; at equal numbers, changed words before added or left
    // out ones.
    let mut shifts: Vec<(usize, usize)> = (0..=RESYNC)
        .flat_map(|a| (0..=RESYNC).map(move |b| (a, b)))
        .filter(|&shift| shift != (0, 0))
        .collect();
    shifts.sort_by_key(|&(a, b)| (a + b, a.abs_diff(b), a));
    while i < q.len() && k < s.len() {
        if q[i] == s[k] {
            pairs.push((i, k));
            i += 1;
            k += 1;
            continue;
        }
        let resync = shifts.iter().find(|&&(a, b)| agree(i + a, k + b));
        let &(a, b) = resync.unwrap_or(&(1, 1));
        i += a;
        k += b;
    }
    pairs
}

/// The quote's words `qw` matched with the source's words `around` (which
/// start at the source's word `offset`), extending `run` backwards and
/// forwards: pairs of a quote word's index and an index into `around`.
fn aligned(qw: &[&str], around: &[(usize, &str)], run: &Run, offset: usize) -> Vec<(usize, usize)> {
    let s: Vec<&str> = around.iter().map(|(_, w)| *w).collect();
    let quote_start = run.quote_end + 1 - run.len;
    let source_start = run.source_end + 1 - run.len - offset;
    let q_before: Vec<&str> = qw[..quote_start].iter().rev().copied().collect();
    let s_before: Vec<&str> = s[..source_start].iter().rev().copied().collect();
    let mut pairs: Vec<(usize, usize)> = align(&q_before, &s_before)
        .into_iter()
        .rev()
        .map(|(i, k)| (quote_start - 1 - i, source_start - 1 - k))
        .collect();
    pairs.extend((0..run.len).map(|j| (quote_start + j, source_start + j)));
    let after = source_start + run.len;
    pairs.extend(
        align(&qw[run.quote_end + 1..], s.get(after..).unwrap_or_default())
            .into_iter()
            .map(|(i, k)| (run.quote_end + 1 + i, after + k)),
    );
    pairs
}

/// Finds the source passage most like `quote`, for the error message when
/// a quote is not in its source: the longest runs of the quote's words in
/// the source are candidates, each is aligned word by word in both
/// directions, and the one matching most words wins (ties: the longer run,
/// then the earlier place). Linear in the source; any length of quote and
/// source is compared whole.
pub fn nearest(source: &Folded, quote: &str) -> Option<NearMiss> {
    let quote = Folded::new(quote);
    let qw: Vec<&str> = words(&quote).map(|(_, w)| w).collect();
    if qw.is_empty() || source.is_empty() {
        return None;
    }
    let mut numbers: HashMap<&str, u32> = HashMap::new();
    let seq: Vec<u32> = qw
        .iter()
        .map(|w| {
            let n = numbers.len() as u32;
            *numbers.entry(w).or_insert(n)
        })
        .collect();
    let automaton = Automaton::new(&seq);
    let states = &automaton.states;

    // Pass 1: the longest runs, one per alignment.
    let mut best: Vec<Run> = Vec::new();
    let (mut v, mut len) = (0, 0);
    for (t, (_, w)) in words(source).enumerate() {
        let Some(&c) = numbers.get(w) else {
            (v, len) = (0, 0);
            continue;
        };
        while v != 0 && !states[v].next.contains_key(&c) {
            v = states[v].link;
            len = states[v].len;
        }
        match states[v].next.get(&c) {
            Some(&next) => {
                v = next;
                len += 1;
            }
            None => {
                (v, len) = (0, 0);
                continue;
            }
        }
        let run = Run {
            len,
            quote_end: states[v].first_end,
            source_end: t,
        };
        let diagonal = |r: &Run| r.source_end as isize - r.quote_end as isize;
        if let Some(same) = best.iter_mut().find(|r| diagonal(r) == diagonal(&run)) {
            if run.len > same.len {
                *same = run;
            }
        } else if best.len() < CANDIDATES {
            best.push(run);
        } else if let Some(weakest) = best
            .iter_mut()
            .min_by_key(|r| (r.len, usize::MAX - r.source_end))
        {
            if run.len > weakest.len {
                *weakest = run;
            }
        }
    }
    if best.is_empty() {
        return None;
    }

    // Pass 2: the source's words around each candidate, far enough for
    // the alignment to reach both ends of the quote with as many words
    // added as the quote has (a passage that needs more is no match).
    let m = qw.len();
    let windows: Vec<Range<usize>> = best
        .iter()
        .map(|r| {
            let quote_start = r.quote_end + 1 - r.len;
            let source_start = r.source_end + 1 - r.len;
            let before = quote_start * 2 + RESYNC;
            let after = (m - 1 - r.quote_end) * 2 + RESYNC;
            source_start.saturating_sub(before)..r.source_end + 1 + after
        })
        .collect();
    let mut around: Vec<Vec<(usize, &str)>> = vec![Vec::new(); best.len()];
    let last = windows.iter().map(|w| w.end).max().unwrap_or(0);
    for (t, word) in words(source).enumerate().take(last) {
        for (w, window) in windows.iter().enumerate() {
            if window.contains(&t) {
                around[w].push(word);
            }
        }
    }

    // Align each candidate; keep the one matching most words (then the
    // longer run, then the earlier place).
    let (c, pairs) = best
        .iter()
        .enumerate()
        .map(|(c, run)| (c, aligned(&qw, &around[c], run, windows[c].start)))
        .max_by_key(|(c, pairs)| {
            let run = &best[*c];
            (pairs.len(), run.len, std::cmp::Reverse(run.source_end))
        })?;
    let s = &around[c];
    let (i0, k0) = pairs[0];
    let (i1, k1) = pairs[pairs.len() - 1];
    let start = k0.saturating_sub(i0);
    let end = (k1 + (m - 1 - i1)).min(s.len() - 1);

    // The first difference, reading from the passage's start.
    let (mut ei, mut ek) = (0, start);
    for &(i, k) in &pairs {
        if (i, k) != (ei, ek) {
            break;
        }
        ei += 1;
        ek += 1;
    }
    let (quote_word, source_word) = match ei < m {
        true => (
            Some(qw[ei].to_string()),
            s.get(ek).map(|(_, w)| w.to_string()),
        ),
        false => (None, None),
    };
    let (from, _) = s[start];
    let (last_at, last_word) = s[end];
    Some(NearMiss {
        range: source.original_range(from, last_at + last_word.len()),
        quote_word,
        source_word,
        matched_words: pairs.len(),
        quote_words: m,
    })
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;

    /// Folding as it first was, with two offsets per folded character: the
    /// reference for the map of steps.
    fn per_char(text: &str) -> (Vec<char>, Vec<usize>, Vec<usize>) {
        let (mut chars, mut starts, mut ends) = (Vec::new(), Vec::new(), Vec::new());
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
        (chars, starts, ends)
    }

    /// A text of `n` words from a vocabulary of 5,000, in lines of twelve,
    /// the same every run (a linear congruential generator).
    fn generated(n: usize) -> String {
        let mut state: u64 = 42;
        let mut next = move || {
            state = state
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            (state >> 33) as usize
        };
        let vocabulary: Vec<String> = (0..5000)
            .map(|_| {
                let len = 2 + next() % 8;
                (0..len)
                    .map(|_| (b'a' + (next() % 26) as u8) as char)
                    .collect()
            })
            .collect();
        let mut text = String::new();
        for i in 0..n {
            // Zipf-like: common words often, rare ones seldom.
            let r = next() % vocabulary.len();
            text.push_str(&vocabulary[r * r / vocabulary.len()]);
            text.push(if i % 12 == 11 { '\n' } else { ' ' });
        }
        text
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(2000))]
        /// The map of steps gives the same folded text and the same byte
        /// ranges as two offsets per character did, on texts of spaces,
        /// line breaks, tabs, non-breaking spaces, curly quotes, dashes and
        /// letters of one to four bytes.
        #[test]
        fn folding_maps_back_as_offsets_per_character_did(
            text in "[a é€😀 \n\t\u{a0}\u{2019}\u{201c}\u{2014}`-]{0,24}",
        ) {
            let f = Folded::new(&text);
            let (chars, starts, ends) = per_char(&text);
            prop_assert_eq!(f.text().chars().collect::<Vec<_>>(), chars.clone());
            let bytes: Vec<usize> = f.text().char_indices().map(|(i, _)| i).collect();
            for from in 0..chars.len() {
                for to in from + 1..=chars.len() {
                    let to_byte = bytes.get(to).copied().unwrap_or(f.text().len());
                    prop_assert_eq!(f.original_range(bytes[from], to_byte), starts[from]..ends[to - 1]);
                }
            }
        }

        /// A quote is found where the first window of folded characters
        /// equal to it and not cutting a word (a letter inside, a letter
        /// outside, at either end) was, even in texts made of few letters.
        #[test]
        fn finds_what_comparing_every_window_found(
            text in "[ab \u{2019}']{0,30}",
            quote in "[ab \u{2019}']{1,6}",
        ) {
            let f = Folded::new(&text);
            let (chars, starts, ends) = per_char(&text);
            let q = per_char(&quote).0;
            let letter = |c: Option<&char>| c.is_some_and(|c| c.is_alphanumeric());
            let whole = |i: usize| {
                let end = i + q.len();
                let cut_start = letter(q.first()) && i > 0 && letter(chars.get(i - 1));
                let cut_end = letter(q.last()) && letter(chars.get(end));
                !cut_start && !cut_end
            };
            let expected = (!q.is_empty() && q.len() <= chars.len())
                .then(|| {
                    chars
                        .windows(q.len())
                        .enumerate()
                        .position(|(i, w)| w == q.as_slice() && whole(i))
                })
                .flatten()
                .map(|i| starts[i]..ends[i + q.len() - 1]);
            prop_assert_eq!(find(&f, &quote), expected);
        }
    }

    /// Memory linear in the source: ordinary text (single spaces and line
    /// breaks, letters of any length) folds byte for byte, so its map back
    /// has one entry however long it is; each place folding changes
    /// lengths (a curly quote, two spaces) adds one.
    #[test]
    fn the_map_back_has_an_entry_only_where_lengths_change() {
        let text = generated(100_000).replace("ab", "äb");
        assert_eq!(Folded::new(&text).steps.len(), 1);
        let changed = format!("{text}  it\u{2019}s");
        assert_eq!(Folded::new(&changed).steps.len(), 1 + 2);
    }

    /// The closest passage in a large source (1.5 MB, 250,000 words) to a
    /// 200-word quote of it with one word changed in the middle, one
    /// changed at its start, one left out and one added: the passage is the
    /// quoted one, and the word named is the one changed. (Only the first
    /// 60 words were compared, from windows starting on one of the quote's
    /// first five words, so the change at word 100 was "they differ".)
    #[test]
    fn the_closest_passage_of_a_large_source_names_the_word_changed() {
        let text = generated(250_000);
        let f = Folded::new(&text);
        let words: Vec<(usize, &str)> = words(&f).collect();
        let at = 125_000;
        let passage = |n: usize| {
            let (first, _) = words[at];
            let (last, w) = words[at + n - 1];
            first..last + w.len()
        };
        let quote_of = |edit: &dyn Fn(&mut Vec<&str>)| {
            let mut q: Vec<&str> = words[at..at + 200].iter().map(|(_, w)| *w).collect();
            edit(&mut q);
            q.join(" ")
        };
        let original = |i: usize| Some(words[at + i].1.to_string());

        let m = nearest(&f, &quote_of(&|q| q[100] = "CHANGED")).unwrap();
        assert_eq!(
            (m.quote_word.as_deref(), m.source_word),
            (Some("CHANGED"), original(100))
        );
        assert_eq!(
            (m.range, m.matched_words, m.quote_words),
            (passage(200), 199, 200)
        );

        let m = nearest(&f, &quote_of(&|q| q[0] = "CHANGED")).unwrap();
        assert_eq!(
            (m.quote_word.as_deref(), m.source_word),
            (Some("CHANGED"), original(0))
        );
        assert_eq!(m.range, passage(200));

        // A word left out: the quote has the next one where the source
        // still has it.
        let m = nearest(
            &f,
            &quote_of(&|q| {
                q.remove(150);
            }),
        )
        .unwrap();
        assert_eq!(m.quote_word, original(151));
        assert_eq!(m.source_word, original(150));
        assert_eq!(m.matched_words, 199);

        // A word added: the quote has it where the source goes on.
        let m = nearest(&f, &quote_of(&|q| q.insert(50, "ADDED"))).unwrap();
        assert_eq!(
            (m.quote_word.as_deref(), m.source_word),
            (Some("ADDED"), original(50))
        );
        assert_eq!(m.matched_words, 200);
    }

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
