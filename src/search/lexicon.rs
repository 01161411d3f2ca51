//! Interned words and stems of one language, for one build: every word in
//! a lexicon is a word of its build, so the index's vocabulary is the whole
//! lexicon, and it is freed with the build (`serve`'s next build starts
//! another). Ids are assigned in whatever order the threads meet the words;
//! the index renumbers everything by sorted text, so the output does not
//! depend on that order.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};

use super::text::Language;

/// A folded word, its stem and the stem's hash, as interned.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct WordRef {
    /// Word id (in its build's lexicon of the language).
    pub word: u32,
    /// Stem id (in its build's lexicon of the language).
    pub stem: u32,
    /// The stem's 6-bit hash, 1..=63 (see [`stem_hash`]).
    pub hash: u8,
}

/// The 6-bit hash of a stem that follower marks use: FNV-1a, folded into
/// 1..=63 (0 means "no follower").
pub fn stem_hash(stem: &str) -> u8 {
    let mut h: u32 = 0x811c_9dc5;
    for b in stem.bytes() {
        h ^= u32::from(b);
        h = h.wrapping_mul(0x0100_0193);
    }
    (h % 63) as u8 + 1
}

const SHARDS: usize = 32;

#[derive(Default)]
struct Tables {
    /// Word id → (folded word, stem id). The texts are shared with the
    /// maps (one copy of each word of the site).
    words: Vec<(Arc<str>, u32)>,
    /// Stem id → stem.
    stems: Vec<Arc<str>>,
    stem_ids: FxMap<Arc<str>, u32>,
}

/// Word id → (folded word, stem id).
pub type WordTable = Vec<(Arc<str>, u32)>;

/// Interned words and stems of one language.
pub struct Lexicon {
    /// Stemmer and stop words.
    pub lang: Language,
    /// Unique in the process (keys the render threads' caches).
    pub(super) id: u64,
    /// Set by [`Self::finish_interning`].
    finished: std::sync::atomic::AtomicBool,
    shards: Vec<Mutex<FxMap<Arc<str>, WordRef>>>,
    tables: Mutex<Tables>,
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
            id: IDS.fetch_add(1, std::sync::atomic::Ordering::Relaxed),
            finished: Default::default(),
            shards: (0..SHARDS).map(|_| Mutex::default()).collect(),
            tables: Mutex::default(),
        }
    }

    /// The ids of a folded word, interning it (and its stem) if new.
    ///
    /// # Panics
    /// After [`Self::finish_interning`]: the word could get a second id.
    pub fn intern(&self, folded: &str) -> WordRef {
        let shard = (fxhash(folded) as usize) % SHARDS;
        let mut map = lock(&self.shards[shard]);
        assert!(
            !self.finished.load(std::sync::atomic::Ordering::Relaxed),
            "a word interned after its build's lexicon was finished"
        );
        if let Some(r) = map.get(folded) {
            return *r;
        }
        let stem = self.lang.stem(folded);
        let mut t = lock(&self.tables);
        let stem_id = match t.stem_ids.get(stem.as_ref()) {
            Some(&id) => id,
            None => {
                let id = t.stems.len() as u32;
                // One copy of the text for the table and the map.
                let text: Arc<str> = stem.as_ref().into();
                t.stems.push(text.clone());
                t.stem_ids.insert(text, id);
                id
            }
        };
        let r = WordRef {
            word: t.words.len() as u32,
            stem: stem_id,
            hash: stem_hash(&stem),
        };
        let text: Arc<str> = folded.into();
        t.words.push((text.clone(), stem_id));
        drop(t);
        map.insert(text, r);
        r
    }

    /// Frees what only interning needs (the maps from text to id: 8 MB at
    /// 10,000 pages), keeping the tables, once a build's every record is
    /// digested.
    pub fn finish_interning(&self) {
        self.finished
            .store(true, std::sync::atomic::Ordering::Relaxed);
        for shard in &self.shards {
            *lock(shard) = FxMap::default();
        }
        lock(&self.tables).stem_ids = FxMap::default();
    }

    /// The word table (word id → folded word, stem id) and the stem table
    /// (stem id → stem): taken out if interning is finished ([`Self::finish_interning`]: nothing
    /// needs them here any more, and the index sorts them in place), else
    /// copied.
    pub fn tables(&self) -> (WordTable, Vec<Arc<str>>) {
        let mut t = lock(&self.tables);
        if self.finished.load(std::sync::atomic::Ordering::Relaxed) {
            (std::mem::take(&mut t.words), std::mem::take(&mut t.stems))
        } else {
            (t.words.clone(), t.stems.clone())
        }
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
