//! The digest's fast paths through text: words of ASCII letters and digits
//! found eight bytes at a time, lowercased with a table and packed into an
//! integer (two for a word of 9 to 16 bytes), to be looked up in a
//! [`super::wordtable::KeyTable`]. Anything else
//! takes the general way ([`super::text`]); a test in `digest` holds the two
//! to the same words.

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
