//! What search keeps of a record between rendering and writing the index:
//! its words, counted, in a few bytes.
//!
//! Pages are rendered in parallel and streamed out, so their text cannot wait
//! for the index stage: at 10,000 pages it would hold the whole site's text
//! in memory. Instead each render worker turns a page's sections into a
//! [`Digest`] straight away (one per page, kept in its `PageInfo`) and
//! writes the sections' text to the page's result file at once.
//!
//! A digest holds, per record, the lengths of its title and body and one
//! entry per stem: how often it is in the title and in the body, and which
//! stem follows its first occurrence (as a 6-bit hash, for the phrase
//! boost). Stems are delta-coded LEB128 varints, counts and follower one
//! to three bytes (`write_entry`): about two and a half bytes a stem a
//! record.
//!
//! Words are interned in a [`Lexicon`] (see [`mod@super::lexicon`]) and
//! found in the text by the fast paths of `scan`.
use super::lexicon::FxMap;
pub use super::lexicon::{stem_hash, Lexicon, WordRef};
use super::scan::{ascii_words, eight, prefetch, short_word, ASCII_WORD, HIGH};
use super::text;
use super::wordtable::Tables;

/// One stem of one record.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Entry {
    /// Stem id.
    pub stem: u32,
    /// Occurrences in the title (saturates at 255).
    pub title: u8,
    /// Occurrences in the body (saturates at 255).
    pub body: u8,
    /// Hash of the stem after its first occurrence, 0 if none.
    pub follower: u8,
}

/// One record's counts, read back from a digest.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DocStats {
    /// Words in the title (stop words left out).
    pub title_len: u32,
    /// Words in the body.
    pub body_len: u32,
    /// Its stems, by stem id.
    pub entries: Vec<Entry>,
}

/// The words of a page's records (or of any group of records), counted.
#[derive(Debug, Clone, Default)]
pub struct Digest {
    /// How many records.
    pub docs: u32,
    /// Per record: title length, body length, entry count, entries.
    stats: Box<[u8]>,
}

impl Digest {
    /// Each record's counts, in order.
    pub fn docs(&self) -> impl Iterator<Item = DocStats> + '_ {
        let mut pos = 0usize;
        let b = &self.stats;
        (0..self.docs).map(move |_| {
            let title_len = read_varint(b, &mut pos);
            let body_len = read_varint(b, &mut pos);
            let n = read_varint(b, &mut pos);
            let mut stem = 0u32;
            let entries = (0..n)
                .map(|_| {
                    stem += read_varint(b, &mut pos);
                    read_entry(stem, b, &mut pos)
                })
                .collect();
            DocStats {
                title_len,
                body_len,
                entries,
            }
        })
    }

    /// Calls `f(record, title_len, body_len, entry)` for every entry of
    /// every record, in order, without allocating.
    pub fn visit(&self, mut f: impl FnMut(u32, u32, u32, Entry)) {
        let b = &self.stats;
        let mut pos = 0usize;
        for doc in 0..self.docs {
            let title_len = read_varint(b, &mut pos);
            let body_len = read_varint(b, &mut pos);
            let n = read_varint(b, &mut pos);
            let mut stem = 0u32;
            for _ in 0..n {
                stem += read_varint(b, &mut pos);
                f(doc, title_len, body_len, read_entry(stem, b, &mut pos));
            }
        }
    }

    /// Bytes held (for tests of memory use).
    pub fn heap_size(&self) -> usize {
        self.stats.len()
    }
}

/// A piece of a record's text: title or body.
#[derive(Debug, Clone, Copy)]
pub struct Piece<'t> {
    /// Counts as title (ranked higher) rather than body.
    pub title: bool,
    /// The text (plain, no markup). Phrases do not cross pieces.
    pub text: &'t str,
}

impl<'t> Piece<'t> {
    /// A title piece.
    pub fn title(text: &'t str) -> Self {
        Self { title: true, text }
    }
    /// A body piece.
    pub fn body(text: &'t str) -> Self {
        Self { title: false, text }
    }
}

#[derive(Default, Clone, Copy)]
struct Acc {
    title: u8,
    body: u8,
    follower: u8,
}

/// A stop word in a thread's cache.
const STOP: WordRef = WordRef {
    word: u32::MAX,
    stem: u32::MAX,
    hash: 0,
};

/// What a thread keeps between the records it digests, per lexicon: the
/// words that are not packed that it has met, and each stem's place in the
/// current record. (Packed words, most words, are in the lexicon's table
/// that all threads share: one copy, where a copy a thread took 6 MB at
/// 10,000 pages.)
#[derive(Default)]
struct ThreadCache {
    lexicon: u64,
    /// Packed words this thread looked up in the lexicon and has not yet
    /// added to its packed table: added [`FLUSH`] at a time, so that
    /// digesting rarely waits for the table's write lock.
    pending: Tables,
    /// Other words, by folded text.
    words: FxMap<Box<str>, WordRef>,
    /// Stem id → its place in the current record's entries (valid only if
    /// that entry is this stem's: no clearing between records).
    slots: Vec<u32>,
}

thread_local! {
    static CACHES: std::cell::RefCell<Vec<ThreadCache>> = const { std::cell::RefCell::new(Vec::new()) };
}

/// The ids of a packed word, if the lexicon's table or the thread's words
/// not yet added to it (`pending`) have it.
fn known(table: &Tables, pending: &Tables, t: Token) -> Option<WordRef> {
    match t {
        Token::Short(k) => table.short.get(k).or_else(|| pending.short.get(k)),
        Token::Long(a, b) => table.long.get((a, b)).or_else(|| pending.long.get((a, b))),
        Token::Other(..) | Token::Skip => None,
    }
}

/// A thread adds the words it looked up to the lexicon's packed table
/// once it holds this many, if no other thread is using the table at that
/// moment (waiting for it costs more than looking a word up again), and
/// at four times as many whatever.
const FLUSH: usize = 4096;

/// Drops this thread's caches of words (every word of the site it met:
/// megabytes on a large site). The next digest on the thread starts them
/// again from the lexicon.
pub fn forget_thread_caches() {
    CACHES.with(|c| c.borrow_mut().clear());
}

/// Builds the digest of a group of records, one [`Self::doc`] call each.
pub struct DigestBuilder<'l> {
    lex: &'l Lexicon,
    cache: ThreadCache,
    stats: Vec<u8>,
    docs: u32,
    acc: Vec<(u32, Acc)>,
    /// The current record's entries packed for sorting (kept for reuse).
    packed: Vec<u64>,
    /// The current piece's words, in order (kept for reuse).
    tokens: Vec<Token>,
    /// The folded text of the current piece's [`Token::Other`] words.
    others: String,
    /// The current piece's indexed words, looked up (kept for reuse).
    refs: Vec<WordRef>,
    /// The current piece's words not in the lexicon's packed table yet:
    /// their place in `refs`, and the word (kept for reuse).
    misses: Vec<(u32, Token)>,
}

/// A word as the scanner found it, before it is looked up.
#[derive(Clone, Copy)]
enum Token {
    /// An ASCII word of up to 8 bytes, packed ([`short_word`]).
    Short(u64),
    /// An ASCII word of 9 to 16 bytes: its two packed halves.
    Long(u64, u64),
    /// Any other word: its folded text in `others`, by byte range.
    Other(u32, u32),
    /// Not indexed: empty or too long once folded.
    Skip,
}

impl<'l> DigestBuilder<'l> {
    /// A builder interning into `lex`.
    pub fn new(lex: &'l Lexicon) -> Self {
        let cache = CACHES
            .with(|c| {
                let mut c = c.borrow_mut();
                let at = c.iter().position(|x| x.lexicon == lex.id)?;
                Some(c.swap_remove(at))
            })
            .unwrap_or_else(|| ThreadCache {
                lexicon: lex.id,
                ..Default::default()
            });
        Self {
            lex,
            cache,
            stats: Vec::new(),
            docs: 0,
            acc: Vec::new(),
            packed: Vec::new(),
            tokens: Vec::new(),
            others: String::new(),
            refs: Vec::new(),
            misses: Vec::new(),
        }
    }

    /// The ids of a folded word, or [`STOP`] for a stop word (stop words
    /// are cached too, so each word costs one lookup).
    fn word(&mut self, folded: &str) -> WordRef {
        let r = match self.cache.words.get(folded) {
            Some(r) => *r,
            None => {
                let r = self.lookup(folded);
                self.cache.words.insert(folded.into(), r);
                r
            }
        };
        r
    }

    /// The ids of a packed word that is not in the lexicon's packed table
    /// yet, from the lexicon (the same ids as its text would get).
    fn packed_slow(&self, t: Token) -> WordRef {
        let mut bytes = [0u8; 16];
        let len = match t {
            Token::Short(key) => {
                bytes[..8].copy_from_slice(&key.to_le_bytes());
                8 - (key.leading_zeros() / 8) as usize
            }
            Token::Long(a, b) => {
                bytes[..8].copy_from_slice(&a.to_le_bytes());
                bytes[8..].copy_from_slice(&b.to_le_bytes());
                16 - (b.leading_zeros() / 8) as usize
            }
            Token::Other(..) | Token::Skip => return STOP,
        };
        let folded = std::str::from_utf8(&bytes[..len]).unwrap_or_default();
        self.lookup(folded)
    }

    /// Looks up the words of the current piece that the packed table did
    /// not have (`misses`: their places in `refs`), adds them to it, and
    /// drops the stop words from `refs`.
    fn resolve_misses(&mut self, refs: &mut Vec<WordRef>, misses: &[(u32, Token)]) {
        for &(at, t) in misses {
            let r = self.packed_slow(t);
            let pending = &mut self.cache.pending;
            match t {
                Token::Short(k) => pending.short.insert(k, r),
                Token::Long(a, b) => pending.long.insert((a, b), r),
                Token::Other(..) | Token::Skip => {}
            }
            refs[at as usize] = r;
        }
        refs.retain(|&r| r != STOP);
        let pending = self.cache.pending.len();
        if pending >= FLUSH {
            self.flush(pending >= 4 * FLUSH);
        }
    }

    /// Adds the words this thread looked up to the lexicon's packed table
    /// (if `wait`, waiting for the table if another thread uses it; else
    /// only if none does).
    fn flush(&mut self, wait: bool) {
        if self.cache.pending.len() > 0 {
            if let Some(mut table) = self.lex.words_mut(wait) {
                self.cache.pending.drain_into(&mut table);
            }
        }
    }

    /// The ids of a word the general way found, by its folded text in
    /// `others`.
    fn other(&mut self, start: u32, end: u32) -> WordRef {
        let others = std::mem::take(&mut self.others);
        let r = self.word(&others[start as usize..end as usize]);
        self.others = others;
        r
    }

    /// A word's ids from the lexicon ([`STOP`] for a stop word).
    fn lookup(&self, folded: &str) -> WordRef {
        if self.lex.lang.is_stop(folded) {
            STOP
        } else {
            self.lex.intern(folded)
        }
    }

    /// This record's entry for `stem`, and whether it is new.
    fn slot(&mut self, stem: u32) -> (usize, bool) {
        let s = stem as usize;
        if self.cache.slots.len() <= s {
            self.cache.slots.resize(s + 1, u32::MAX);
        }
        let i = self.cache.slots[s] as usize;
        if i < self.acc.len() && self.acc[i].0 == stem {
            return (i, false);
        }
        self.cache.slots[s] = self.acc.len() as u32;
        self.acc.push((stem, Acc::default()));
        (self.acc.len() - 1, true)
    }

    /// The next word of `text` from byte `at` (moved past it), not yet
    /// looked up: `None` at the end, [`Token::Skip`] for a word that is
    /// empty or too long once folded (stop words are found by the lookup).
    ///
    /// The same words as [`text::split`] and [`text::fold_into`] give, in
    /// one pass for the common case: a word of ASCII letters and digits
    /// followed by neither an apostrophe nor a non-ASCII character is
    /// lowercased and packed as it is scanned. Any other word is split and
    /// folded the general way.
    fn next_token(&mut self, text: &str, at: &mut usize, buf: &mut String) -> Option<Token> {
        let bytes = text.as_bytes();
        let mut i = *at;
        // Skip ASCII separators here, eight at a time while there are
        // eight; anything else goes the general way.
        while let Some(x) = eight(bytes, i) {
            let stop = ascii_words(x).0 | (x & HIGH);
            if stop != 0 {
                i += (stop.trailing_zeros() / 8) as usize;
                break;
            }
            i += 8;
        }
        while i < bytes.len() && bytes[i] < 0x80 && ASCII_WORD[usize::from(bytes[i])] == 0 {
            i += 1;
        }
        if i >= bytes.len() {
            *at = i;
            return None;
        }
        let start = i;
        if bytes[i] < 0x80 {
            let mut key = 0u64;
            // Bytes 9 to 16 of the word, packed, when it has 9 to 16.
            let mut key2 = 0u64;
            if let Some(x) = eight(bytes, i) {
                // The word's first eight bytes at once.
                let (word, lower) = ascii_words(x);
                let n = (!word & HIGH).trailing_zeros() / 8;
                key = if n == 8 {
                    lower
                } else {
                    lower & ((1u64 << (8 * n)) - 1)
                };
                i += n as usize;
                if n == 8 {
                    // The next eight bytes at once too: a word of up to
                    // sixteen is packed whole (most words of news text).
                    match eight(bytes, i) {
                        Some(y) => {
                            let (word2, lower2) = ascii_words(y);
                            let n2 = (!word2 & HIGH).trailing_zeros() / 8;
                            if n2 < 8 {
                                key2 = lower2 & ((1u64 << (8 * n2)) - 1);
                                i += n2 as usize;
                            } else {
                                i += 8;
                                while i < bytes.len() && ASCII_WORD[usize::from(bytes[i])] != 0 {
                                    i += 1;
                                }
                            }
                        }
                        None => {
                            while i < bytes.len() && ASCII_WORD[usize::from(bytes[i])] != 0 {
                                i += 1;
                            }
                        }
                    }
                }
            } else {
                while i < bytes.len() {
                    let c = ASCII_WORD[usize::from(bytes[i])];
                    if c == 0 {
                        break;
                    }
                    key |= u64::from(c) << (8 * ((i - start) & 7));
                    i += 1;
                }
            }
            let ends_here = i >= bytes.len() || (bytes[i] < 0x80 && bytes[i] != b'\'');
            if ends_here && i - start <= 8 {
                *at = i;
                return Some(Token::Short(key));
            }
            if ends_here && key2 != 0 && i - start <= 16 {
                *at = i;
                return Some(Token::Long(key, key2));
            }
            if ends_here {
                *at = i;
                let folded = text::fold_into(&text[start..i], buf);
                return Some(if folded.len() > text::MAX_WORD {
                    Token::Skip
                } else {
                    self.other_word(folded)
                });
            }
        }
        // The general way, from the word's start (or the non-ASCII
        // character where the skipping stopped).
        let Some(range) = text::split(&text[start..]).next() else {
            *at = bytes.len();
            return None;
        };
        *at = start + range.end;
        let raw = &text[start + range.start..start + range.end];
        let folded = text::fold_into(raw, buf);
        if folded.is_empty()
            || (folded.len() > text::MAX_WORD && folded.chars().count() > text::MAX_WORD)
        {
            return Some(Token::Skip);
        }
        Some(match short_word(folded.as_bytes()) {
            Some(key) => Token::Short(key),
            None => self.other_word(folded),
        })
    }

    /// A word of the general way, kept in `others` until it is looked up.
    fn other_word(&mut self, folded: &str) -> Token {
        let start = self.others.len() as u32;
        self.others.push_str(folded);
        Token::Other(start, self.others.len() as u32)
    }

    /// The ids of a word the scanner found; `None` for a word that is not
    /// indexed.
    #[cfg(test)]
    fn resolve(&mut self, t: Token) -> Option<WordRef> {
        let found = match t {
            Token::Short(..) | Token::Long(..) => known(&self.lex.words(), &self.cache.pending, t),
            Token::Other(start, end) => Some(self.other(start, end)),
            Token::Skip => return None,
        };
        let r = match found {
            Some(r) => r,
            None => {
                let mut refs = vec![STOP];
                self.resolve_misses(&mut refs, &[(0, t)]);
                refs.first().copied().unwrap_or(STOP)
            }
        };
        (r != STOP).then_some(r)
    }

    /// The next word of `text` from byte `at`, looked up (the tests' view
    /// of [`Self::next_token`] and [`Self::resolve`]).
    #[cfg(test)]
    fn next_word(
        &mut self,
        text: &str,
        at: &mut usize,
        buf: &mut String,
    ) -> Option<Option<WordRef>> {
        self.others.clear();
        let t = self.next_token(text, at, buf)?;
        Some(self.resolve(t))
    }

    /// Adds one record made of `pieces`.
    pub fn doc(&mut self, pieces: &[Piece<'_>]) {
        self.acc.clear();
        let (mut title_len, mut body_len) = (0u32, 0u32);
        let mut buf = String::new();
        for piece in pieces {
            // The entry whose first occurrence waits for its follower.
            let mut pending: Option<usize> = None;
            // First every word of the piece, its slot in the packed table
            // fetched into the cache ahead (most lookups of rare words miss
            // it), then each looked up: the misses overlap. The table is
            // read under one lock for the piece.
            let mut at = 0usize;
            let mut tokens = std::mem::take(&mut self.tokens);
            tokens.clear();
            self.others.clear();
            let mut refs = std::mem::take(&mut self.refs);
            refs.clear();
            let mut misses = std::mem::take(&mut self.misses);
            misses.clear();
            {
                let lex = self.lex;
                let table = lex.words();
                while let Some(t) = self.next_token(piece.text, &mut at, &mut buf) {
                    match t {
                        Token::Short(k) => table.short.prefetch(k),
                        Token::Long(a, b) => table.long.prefetch((a, b)),
                        Token::Other(..) | Token::Skip => {}
                    }
                    tokens.push(t);
                }
                for &t in &tokens {
                    let found = match t {
                        Token::Short(..) | Token::Long(..) => known(&table, &self.cache.pending, t),
                        Token::Other(start, end) => Some(self.other(start, end)),
                        Token::Skip => continue,
                    };
                    match found {
                        Some(r) if r == STOP => {}
                        Some(r) => refs.push(r),
                        None => {
                            misses.push((refs.len() as u32, t));
                            refs.push(STOP);
                        }
                    }
                }
            }
            if !misses.is_empty() {
                self.resolve_misses(&mut refs, &misses);
            }
            self.misses = misses;
            self.tokens = tokens;
            // Then each word counted, the record's mark for its stem
            // fetched ahead.
            for r in &refs {
                prefetch(&self.cache.slots, r.stem as usize);
            }
            for &r in &refs {
                if let Some(p) = pending.take() {
                    self.acc[p].1.follower = r.hash;
                }
                let (i, new) = self.slot(r.stem);
                let a = &mut self.acc[i].1;
                if piece.title {
                    a.title = a.title.saturating_add(1);
                    title_len += 1;
                } else {
                    a.body = a.body.saturating_add(1);
                    body_len += 1;
                }
                if new {
                    pending = Some(i);
                }
            }
            self.refs = refs;
        }
        // Entries packed into integers sort by stem fastest.
        let mut packed = std::mem::take(&mut self.packed);
        packed.clear();
        packed.extend(self.acc.iter().map(|&(stem, a)| {
            u64::from(stem) << 24
                | u64::from(a.title) << 16
                | u64::from(a.body) << 8
                | u64::from(a.follower)
        }));
        packed.sort_unstable();
        write_varint(&mut self.stats, title_len);
        write_varint(&mut self.stats, body_len);
        write_varint(&mut self.stats, packed.len() as u32);
        let mut last = 0u32;
        for &e in &packed {
            let stem = (e >> 24) as u32;
            write_varint(&mut self.stats, stem - last);
            last = stem;
            write_entry(&mut self.stats, (e >> 16) as u8, (e >> 8) as u8, e as u8);
        }
        self.packed = packed;
        self.docs += 1;
    }

    /// The digest.
    pub fn finish(mut self) -> Digest {
        // Two bytes of padding for read_entry.
        self.stats.extend_from_slice(&[0, 0]);
        Digest {
            docs: self.docs,
            stats: std::mem::take(&mut self.stats).into_boxed_slice(),
        }
    }
}

impl Drop for DigestBuilder<'_> {
    fn drop(&mut self) {
        // The words it looked up become every thread's, if there are a
        // good many and the table is free (the lexicon's table is gone once
        // interning is finished: nothing to add to). The rest wait in the
        // thread's cache for its next digest.
        if !self.lex.is_finished() && self.cache.pending.len() >= FLUSH / 4 {
            self.flush(false);
        }
        // Give the thread its cache back (a few lexicons at most).
        let cache = std::mem::take(&mut self.cache);
        CACHES.with(|c| {
            let mut c = c.borrow_mut();
            if c.len() >= 4 {
                c.remove(0);
            }
            c.push(cache);
        });
    }
}
/// An entry's counts and follower, in one to three bytes: the follower
/// hash (6 bits) and a 2-bit form in the first byte. Form 0: once in the
/// body, not in the title (most entries); 1: the body count follows, not in
/// the title; 2: once in the title, the body count follows; 3: the title
/// count and the body count follow.
fn write_entry(out: &mut Vec<u8>, title: u8, body: u8, follower: u8) {
    debug_assert!(follower < 64);
    match (title, body) {
        (0, 1) => out.push(follower),
        (0, _) => out.extend_from_slice(&[follower | 1 << 6, body]),
        (1, _) => out.extend_from_slice(&[follower | 2 << 6, body]),
        _ => out.extend_from_slice(&[follower | 3 << 6, title, body]),
    }
}

/// Reads what [`write_entry`] wrote, without branching on the form (the
/// index reads every entry three times). `b` must have two bytes after the
/// last entry: a digest's stats are padded.
fn read_entry(stem: u32, b: &[u8], pos: &mut usize) -> Entry {
    let (first, x1, x2) = (b[*pos], b[*pos + 1], b[*pos + 2]);
    let form = usize::from(first >> 6);
    *pos += [1, 2, 2, 3][form];
    Entry {
        stem,
        title: [0, 0, 1, x1][form],
        body: [1, x1, x1, x2][form],
        follower: first & 63,
    }
}

fn write_varint(out: &mut Vec<u8>, mut v: u32) {
    while v >= 0x80 {
        out.push((v as u8) | 0x80);
        v >>= 7;
    }
    out.push(v as u8);
}

fn read_varint(b: &[u8], pos: &mut usize) -> u32 {
    let mut v = 0u32;
    let mut shift = 0;
    loop {
        let byte = b[*pos];
        *pos += 1;
        v |= u32::from(byte & 0x7f) << shift;
        if byte < 0x80 {
            return v;
        }
        shift += 7;
    }
}

#[cfg(test)]
mod tests;
