//! Interned words and stems of one language, for one build: every word in
//! a lexicon is a word of its build, so the index's vocabulary is the whole
//! lexicon, and it is freed with the build (`serve`'s next build starts
//! another). Ids are assigned in whatever order the threads meet the words;
//! the index renumbers everything by sorted text, so the output does not
//! depend on that order.
//!
//! The texts are kept in arenas, one string per shard holding its words one
//! after another, with a table of small indices into it: about 45 bytes a
//! word, where a map of one allocation per word took about 130 (at 10,000
//! pages, 145,000 words: the largest thing search holds while the pages
//! render).

use std::collections::HashMap;
use std::sync::atomic::{AtomicBool, AtomicU32, Ordering};
use std::sync::{Mutex, OnceLock, RwLock, RwLockReadGuard, RwLockWriteGuard};

use hashbrown::HashTable;

use super::text::Language;
use super::wordtable::Tables;
pub use super::wordtable::{stem_hash, WordRef};

const SHARDS: usize = 32;

/// A word as its shard holds it: where its text is in the shard's arena,
/// and its ids.
#[derive(Debug, Clone, Copy)]
struct Entry {
    start: u32,
    end: u32,
    r: WordRef,
}

/// The words whose hash falls in one shard.
#[derive(Default)]
struct Shard {
    /// The texts of the shard's words, one after another.
    text: String,
    entries: Vec<Entry>,
    /// Index into `entries`, by the hash of the word's text (dropped by
    /// [`Lexicon::finish_interning`]).
    table: HashTable<u32>,
}

impl Entry {
    /// Its text, in its shard's `arena`.
    fn text(self, arena: &str) -> &str {
        &arena[self.start as usize..self.end as usize]
    }
}

/// Every stem, in one arena.
#[derive(Default)]
struct Stems {
    /// The stems' texts, one after another, by id.
    text: String,
    /// Stem id → where its text ends in `text` (it starts where the one
    /// before ends).
    ends: Vec<u32>,
    /// Stem ids by the hash of their text (dropped by
    /// [`Lexicon::finish_interning`]).
    table: HashTable<u32>,
}

/// Where stem `id`'s text is in the stems' arena, by the ends of every
/// stem's text.
fn span(ends: &[u32], id: u32) -> std::ops::Range<usize> {
    let i = id as usize;
    let start = if i == 0 { 0 } else { ends[i - 1] as usize };
    start..ends[i] as usize
}

impl Stems {
    fn get(&self, id: u32) -> &str {
        &self.text[span(&self.ends, id)]
    }

    /// The id of `stem`, added if new.
    fn id(&mut self, stem: &str) -> u32 {
        let hash = fxhash(stem);
        let Self { text, ends, table } = self;
        if let Some(&id) = table.find(hash, |&id| &text[span(ends, id)] == stem) {
            return id;
        }
        let id = ends.len() as u32;
        text.push_str(stem);
        ends.push(text.len() as u32);
        table.insert_unique(hash, id, |&id| fxhash(&text[span(ends, id)]));
        id
    }
}

/// What the index reads once interning is finished.
struct Frozen {
    shards: Vec<Shard>,
    stems: Stems,
    words: u32,
}

/// Word id → (folded word, stem id).
pub type WordTable<'l> = Vec<(&'l str, u32)>;

/// Interned words and stems of one language.
pub struct Lexicon {
    /// Stemmer and stop words.
    pub lang: Language,
    /// Unique in the process (keys the render threads' caches).
    pub(super) id: u64,
    /// Set by [`Self::finish_interning`].
    finished: AtomicBool,
    /// The next word id.
    next_word: AtomicU32,
    shards: Vec<Mutex<Shard>>,
    stems: Mutex<Stems>,
    /// Packed ASCII words → ids: what the digesting threads look words up
    /// in first, all in one table (read under a lock taken once a piece of
    /// text; written only for the words a piece meets first).
    packed: RwLock<Tables>,
    /// The words and stems, moved here by [`Self::finish_interning`].
    frozen: OnceLock<Frozen>,
}

impl std::fmt::Debug for Lexicon {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Lexicon").field("lang", &self.lang).finish()
    }
}

fn lock<T>(m: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    m.lock().unwrap_or_else(|e| e.into_inner())
}

impl Lexicon {
    /// A new, empty lexicon, for one build.
    pub fn new(lang: &str) -> Self {
        static IDS: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(0);
        Self {
            lang: Language::new(lang),
            id: IDS.fetch_add(1, Ordering::Relaxed),
            finished: Default::default(),
            next_word: Default::default(),
            shards: (0..SHARDS).map(|_| Mutex::default()).collect(),
            stems: Mutex::default(),
            packed: RwLock::default(),
            frozen: OnceLock::new(),
        }
    }

    /// The ids of a folded word, interning it (and its stem) if new.
    ///
    /// # Panics
    /// After [`Self::finish_interning`]: the word could get a second id.
    pub fn intern(&self, folded: &str) -> WordRef {
        let hash = fxhash(folded);
        // The shard from the hash's top bits; the table probes with its low
        // bits and its top seven.
        let mut guard = lock(&self.shards[(hash >> 32) as usize % SHARDS]);
        assert!(
            !self.finished.load(Ordering::Relaxed),
            "a word interned after its build's lexicon was finished"
        );
        let Shard {
            text,
            entries,
            table,
        } = &mut *guard;
        if let Some(&i) = table.find(hash, |&i| entries[i as usize].text(text) == folded) {
            return entries[i as usize].r;
        }
        let stem = self.lang.stem(folded);
        let r = WordRef {
            word: self.next_word.fetch_add(1, Ordering::Relaxed),
            stem: lock(&self.stems).id(&stem),
            hash: stem_hash(&stem),
        };
        let start = text.len() as u32;
        text.push_str(folded);
        entries.push(Entry {
            start,
            end: text.len() as u32,
            r,
        });
        let i = entries.len() as u32 - 1;
        table.insert_unique(hash, i, |&i| fxhash(entries[i as usize].text(text)));
        r
    }

    /// Whether [`Self::finish_interning`] was called.
    pub(super) fn is_finished(&self) -> bool {
        self.finished.load(Ordering::Relaxed)
    }

    /// The packed words, to read (see [`Self::words_mut`] to add some).
    pub(super) fn words(&self) -> RwLockReadGuard<'_, Tables> {
        self.packed.read().unwrap_or_else(|e| e.into_inner())
    }

    /// The packed words, to add to: at once if `wait`, else only if no
    /// other thread is reading or writing them.
    pub(super) fn words_mut(&self, wait: bool) -> Option<RwLockWriteGuard<'_, Tables>> {
        if wait {
            return Some(self.packed.write().unwrap_or_else(|e| e.into_inner()));
        }
        match self.packed.try_write() {
            Ok(t) => Some(t),
            Err(std::sync::TryLockError::Poisoned(e)) => Some(e.into_inner()),
            Err(std::sync::TryLockError::WouldBlock) => None,
        }
    }

    /// Frees what only interning needs (the tables from text to id, a few
    /// MB at 10,000 pages) and keeps the words and stems for the index,
    /// once a build's every record is digested.
    pub fn finish_interning(&self) {
        self.finished.store(true, Ordering::Relaxed);
        if let Some(mut t) = self.words_mut(true) {
            *t = Tables::default();
        }
        self.frozen.get_or_init(|| {
            let shards = self
                .shards
                .iter()
                .map(|s| {
                    let mut s = std::mem::take(&mut *lock(s));
                    s.table = HashTable::new();
                    s.text.shrink_to_fit();
                    s.entries.shrink_to_fit();
                    s
                })
                .collect();
            let mut stems = std::mem::take(&mut *lock(&self.stems));
            stems.table = HashTable::new();
            Frozen {
                shards,
                stems,
                words: self.next_word.load(Ordering::Relaxed),
            }
        });
    }

    /// The word table (word id → folded word, stem id) and the stem table
    /// (stem id → stem), borrowed from the lexicon. Finishes interning
    /// ([`Self::finish_interning`]) if it is not finished: the tables are
    /// what a build's every word makes.
    pub fn tables(&self) -> (WordTable<'_>, Vec<&str>) {
        self.finish_interning();
        let Some(f) = self.frozen.get() else {
            return Default::default();
        };
        let mut words: WordTable<'_> = vec![("", 0); f.words as usize];
        for s in &f.shards {
            for e in &s.entries {
                words[e.r.word as usize] = (e.text(&s.text), e.r.stem);
            }
        }
        let stems = (0..f.stems.ends.len() as u32)
            .map(|id| f.stems.get(id))
            .collect();
        (words, stems)
    }
}

fn fxhash(s: &str) -> u64 {
    use std::hash::Hasher;
    let mut h = Fx::default();
    h.write(s.as_bytes());
    h.finish()
}

/// The Fx hash (rustc's): fast on short keys like words and ids; hash
/// flooding is no concern for a site's own text.
#[derive(Debug, Default, Clone, Copy)]
pub struct Fx(u64);

const FX_K: u64 = 0x517c_c1b7_2722_0a95;

impl std::hash::Hasher for Fx {
    fn write(&mut self, bytes: &[u8]) {
        const K: u64 = FX_K;
        let mut chunks = bytes.chunks_exact(8);
        for c in &mut chunks {
            let v = u64::from_le_bytes([c[0], c[1], c[2], c[3], c[4], c[5], c[6], c[7]]);
            self.0 = (self.0.rotate_left(5) ^ v).wrapping_mul(K);
        }
        for &b in chunks.remainder() {
            self.0 = (self.0.rotate_left(5) ^ u64::from(b)).wrapping_mul(K);
        }
    }
    fn write_u32(&mut self, v: u32) {
        self.0 = (self.0.rotate_left(5) ^ u64::from(v)).wrapping_mul(FX_K);
    }
    fn write_u64(&mut self, v: u64) {
        self.0 = (self.0.rotate_left(5) ^ v).wrapping_mul(FX_K);
    }
    fn finish(&self) -> u64 {
        self.0
    }
}

pub(super) type FxMap<K, V> = HashMap<K, V, std::hash::BuildHasherDefault<Fx>>;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stem_hash_is_in_range_and_stable() {
        for s in ["", "secur", "social", "medicaid"] {
            let h = stem_hash(s);
            assert!((1..=63).contains(&h));
        }
        assert_eq!(stem_hash("secur"), stem_hash("secur"));
    }
}
