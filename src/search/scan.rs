//! The digest's fast paths through text: words of ASCII letters and digits
//! found eight bytes at a time, lowercased with a table, packed into an
//! integer (two for a word of 9 to 16 bytes) and looked up in a small
//! open-addressing table. Anything else
//! takes the general way ([`super::text`]); a test in `digest` holds the two
//! to the same words.

use super::lexicon::WordRef;

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

/// Per byte: its lowercase form if it is an ASCII letter or digit, else 0
/// (the scanner's one lookup per byte).
pub(super) static ASCII_WORD: [u8; 256] = {
    let mut t = [0u8; 256];
    let mut b = 0;
    while b < 128 {
        let c = b as u8;
        if c.is_ascii_alphanumeric() {
            t[b] = c.to_ascii_lowercase();
        }
        b += 1;
    }
    t
};

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

/// Asks the processor to bring `items[i]` into the cache (nothing if `i`
/// is out of bounds): a later read of it then need not wait for memory.
pub(super) fn prefetch<T>(items: &[T], i: usize) {
    if let Some(item) = items.get(i) {
        #[cfg(target_arch = "x86_64")]
        // SAFETY: a prefetch is only a hint to the cache: it reads nothing
        // the program sees and cannot fault (and the address is in bounds).
        unsafe {
            use std::arch::x86_64::{_mm_prefetch, _MM_HINT_T0};
            _mm_prefetch::<_MM_HINT_T0>(std::ptr::from_ref(item).cast());
        }
        #[cfg(not(target_arch = "x86_64"))]
        let _ = item;
    }
}

/// A word of one to eight ASCII letters and digits (no apostrophe), folded
/// (lowercased) and packed into an integer, its first byte lowest (no
/// letter or digit is a zero byte, so the zero bytes at the top give the
/// length). `None` for any other word, which is folded the general way
/// ([`text::fold_into`]).
pub(super) fn short_word(raw: &[u8]) -> Option<u64> {
    if raw.is_empty() || raw.len() > 8 {
        return None;
    }
    let mut key = 0u64;
    for (k, &b) in raw.iter().enumerate() {
        let c = ASCII_WORD[usize::from(b)];
        if c == 0 {
            return None;
        }
        key |= u64::from(c) << (8 * k);
    }
    Some(key)
}

/// Every byte of a `u64` set to `b`.
const fn rep(b: u8) -> u64 {
    b as u64 * 0x0101_0101_0101_0101
}
/// The high bit of every byte.
pub(super) const HIGH: u64 = rep(0x80);

/// Eight bytes of text at once (little-endian: the first byte lowest):
/// the high bit of each byte that is an ASCII letter or digit, and the
/// bytes lowercased (meaningful for letters and digits only). Each byte is
/// tested by adding to it, with no carry between bytes since the high bits
/// are cleared first (a byte with its high bit set is not ASCII).
pub(super) fn ascii_words(x: u64) -> (u64, u64) {
    let v = x & !HIGH;
    let lower = v | rep(0x20);
    // High bit set where a byte is >= lo, or > hi.
    let at_least = |w: u64, lo: u8| w + rep(0x80 - lo);
    let above = |w: u64, hi: u8| w + rep(0x7f - hi);
    let letter = at_least(lower, b'a') & !above(lower, b'z');
    let digit = at_least(v, b'0') & !above(v, b'9');
    ((letter | digit) & !x & HIGH, lower)
}

/// The eight bytes of `bytes` from `i`, if there are eight.
pub(super) fn eight(bytes: &[u8], i: usize) -> Option<u64> {
    let b: [u8; 8] = bytes.get(i..i + 8)?.try_into().ok()?;
    Some(u64::from_le_bytes(b))
}

#[cfg(test)]
mod tests {
    use super::*;

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

    #[test]
    fn short_words_are_lowercased_and_packed_first_byte_lowest() {
        assert_eq!(short_word(b"Hello9"), short_word(b"hello9"));
        assert_eq!(
            short_word(b"ab"),
            Some(u64::from(b'a') | u64::from(b'b') << 8)
        );
        assert_eq!(short_word(b"don't"), None);
        assert_eq!(short_word(b"medicaids"), None);
        let (word, lower) = ascii_words(u64::from_le_bytes(*b"aZ9 -\xc3\xa9x"));
        assert_eq!(word, 0x80 | 0x80 << 8 | 0x80 << 16 | 0x80 << 56);
        assert_eq!(lower & 0xff_ffff, u64::from_le_bytes(*b"az9\0\0\0\0\0"));
    }
}
