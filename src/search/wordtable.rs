//! The tables from words to their ids that digesting looks up every word
//! of the site in: a word of ASCII letters and digits, packed into one
//! integer (two for 9 to 16 bytes, see `scan`), finds its [`WordRef`] in
//! an open-addressing [`KeyTable`]. A build's lexicon holds one
//! [`Packed`] table of each kind, shared by every thread that digests
//! ([`super::lexicon::Lexicon::words`]).

use super::scan::prefetch;

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

/// A [`WordRef`] in the eight bytes a [`KeyTable`] slot has for it: the
/// word id, then 26 bits of stem id and the 6-bit hash (a slot of 16 bytes
/// for a short word, 24 for a long one: 24 and 32 with the struct, so that
/// fewer of the lookups every word of the site makes miss the cache). A
/// stem id of all 26 ones stands for `u32::MAX` (the stop-word mark); a
/// word whose stem id is larger than that is not cached.
#[derive(Clone, Copy, Default)]
struct Packed(u64);

const STEM_BITS: u32 = 26;
const STEM_MAX: u32 = (1 << STEM_BITS) - 1;

impl Packed {
    fn new(r: WordRef) -> Option<Self> {
        let stem = match r.stem {
            u32::MAX => STEM_MAX,
            s if s < STEM_MAX => s,
            _ => return None,
        };
        debug_assert!(r.hash < 64);
        Some(Self(
            u64::from(r.word) << 32 | u64::from(stem) << 6 | u64::from(r.hash & 63),
        ))
    }

    fn get(self) -> WordRef {
        let stem = (self.0 >> 6) as u32 & STEM_MAX;
        WordRef {
            word: (self.0 >> 32) as u32,
            stem: if stem == STEM_MAX { u32::MAX } else { stem },
            hash: (self.0 & 63) as u8,
        }
    }
}

/// A key a [`KeyTable`] takes: never all zeros (0 marks a free slot).
pub(super) trait Key: Copy + Eq + Default {
    /// A well-mixed hash of the key.
    fn mix(self) -> u64;
    /// Whether this is the free slot's key.
    fn is_free(self) -> bool {
        self == Self::default()
    }
}

impl Key for u64 {
    fn mix(self) -> u64 {
        self.wrapping_mul(0x9e37_79b9_7f4a_7c15)
    }
}

impl Key for (u64, u64) {
    fn mix(self) -> u64 {
        (self.0 ^ self.1.rotate_left(29).wrapping_mul(0xc2b2_ae3d_27d4_eb4f))
            .wrapping_mul(0x9e37_79b9_7f4a_7c15)
    }
}

/// A hash table from packed words to word ids: open addressing with linear
/// probing over one array, the key's multiplicative hash picking the slot.
/// Keys are never 0 (a word has no zero byte), so 0 marks a free slot.
/// Digesting looks up every word of the site here; a general hash map's
/// hashing and string comparisons cost about twice as much.
pub(super) struct KeyTable<K: Key> {
    slots: Vec<(K, Packed)>,
    len: usize,
}

impl<K: Key> Default for KeyTable<K> {
    fn default() -> Self {
        Self {
            slots: Vec::new(),
            len: 0,
        }
    }
}

/// Words of up to 8 bytes, by [`short_word`] key.
pub(super) type ShortTable = KeyTable<u64>;
/// Words of 9 to 16 bytes: their first eight bytes and the rest, packed.
pub(super) type LongTable = KeyTable<(u64, u64)>;

impl<K: Key> KeyTable<K> {
    fn at(&self, key: K) -> usize {
        let bits = self.slots.len().trailing_zeros();
        (key.mix() >> (64 - bits)) as usize
    }

    /// Asks the processor to bring `key`'s slot into the cache, so that a
    /// [`Self::get`] soon after does not wait for memory.
    pub(super) fn prefetch(&self, key: K) {
        if !self.slots.is_empty() {
            prefetch(&self.slots, self.at(key));
        }
    }

    pub(super) fn get(&self, key: K) -> Option<WordRef> {
        if self.slots.is_empty() {
            return None;
        }
        let mask = self.slots.len() - 1;
        let mut i = self.at(key);
        loop {
            let (k, r) = self.slots[i];
            if k == key {
                return Some(r.get());
            }
            if k.is_free() {
                return None;
            }
            i = (i + 1) & mask;
        }
    }

    /// Caches `r` for `key` (unless its stem id is too large to pack:
    /// then the word is looked up in the lexicon each time).
    pub(super) fn insert(&mut self, key: K, r: WordRef) {
        if let Some(p) = Packed::new(r) {
            self.put(key, p);
        }
    }

    /// Moves every entry into `other`, leaving this table empty (with
    /// its room kept).
    pub(super) fn drain_into(&mut self, other: &mut Self) {
        if self.len == 0 {
            return;
        }
        for slot in &mut self.slots {
            if !slot.0.is_free() {
                other.put(slot.0, slot.1);
                *slot = (K::default(), Packed::default());
            }
        }
        self.len = 0;
    }

    /// How many words it holds.
    pub(super) fn len(&self) -> usize {
        self.len
    }

    fn put(&mut self, key: K, r: Packed) {
        if (self.len + 1) * 2 > self.slots.len() {
            let old = std::mem::take(&mut self.slots);
            self.slots = vec![(K::default(), Packed::default()); (old.len() * 2).max(1024)];
            self.len = 0;
            for (k, r) in old {
                if !k.is_free() {
                    self.put(k, r);
                }
            }
        }
        let mask = self.slots.len() - 1;
        let mut i = self.at(key);
        while !self.slots[i].0.is_free() && self.slots[i].0 != key {
            i = (i + 1) & mask;
        }
        if self.slots[i].0.is_free() {
            self.len += 1;
        }
        self.slots[i] = (key, r);
    }
}

/// The packed words of a lexicon: every thread's lookups, in one table of
/// each kind.
#[derive(Default)]
pub(super) struct Tables {
    /// Words of up to 8 bytes, ASCII, by [`super::scan::short_word`] key.
    pub(super) short: ShortTable,
    /// Words of 9 to 16 bytes, ASCII, by their two packed halves.
    pub(super) long: LongTable,
}

impl Tables {
    /// Moves every word into `other`.
    pub(super) fn drain_into(&mut self, other: &mut Self) {
        self.short.drain_into(&mut other.short);
        self.long.drain_into(&mut other.long);
    }

    /// How many words it holds.
    pub(super) fn len(&self) -> usize {
        self.short.len() + self.long.len()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::search::scan::short_word;

    #[test]
    fn long_table_finds_every_key_it_was_given() {
        let mut t = LongTable::default();
        let r = |i: u64| WordRef {
            word: i as u32,
            stem: i as u32,
            hash: 2,
        };
        for i in 1..3000u64 {
            t.insert((i, i * 7 + 1), r(i));
        }
        for i in 1..3000u64 {
            assert_eq!(t.get((i, i * 7 + 1)), Some(r(i)));
            assert_eq!(t.get((i, i * 7 + 2)), None);
        }
    }

    #[test]
    fn short_table_finds_every_key_it_was_given() {
        let mut t = ShortTable::default();
        assert_eq!(t.get(1), None);
        let key = |i: u64| short_word(format!("w{i}").as_bytes()).unwrap();
        let r = |i: u64| WordRef {
            word: i as u32,
            stem: i as u32 / 2,
            hash: 1,
        };
        for i in 0..5000 {
            t.insert(key(i), r(i));
        }
        t.insert(key(7), r(7));
        assert_eq!(t.len, 5000);
        for i in 0..5000 {
            assert_eq!(t.get(key(i)), Some(r(i)), "{i}");
        }
        assert_eq!(t.get(key(5000)), None);
    }

    #[test]
    fn a_table_gives_back_every_word_ref_it_can_pack_and_drops_the_rest() {
        let mut t = ShortTable::default();
        let stop = WordRef {
            word: u32::MAX,
            stem: u32::MAX,
            hash: 0,
        };
        let widest = WordRef {
            word: u32::MAX - 1,
            stem: STEM_MAX - 1,
            hash: 63,
        };
        // A stem id too large to pack: not cached, so the digest asks the
        // lexicon again, and never gets a wrong stem back.
        let too_big = WordRef {
            word: 3,
            stem: STEM_MAX,
            hash: 5,
        };
        t.insert(1, stop);
        t.insert(2, widest);
        t.insert(3, too_big);
        assert_eq!(t.get(1), Some(stop));
        assert_eq!(t.get(2), Some(widest));
        assert_eq!(t.get(3), None);
    }
}
