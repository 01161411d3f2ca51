//! The index's number encoding: base-64 digits, [`Vlq`] numbers (5 bits a
//! digit, the 6th says "more follows", like source maps), and the [`Fnv`]
//! hash that versions the index.

/// The 64 digits, URL- and JSON-safe.
pub const DIGITS: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

/// Appends base-64 VLQ numbers to a string.
#[derive(Debug, Default, Clone)]
pub struct Vlq(pub String);

impl Vlq {
    /// Appends `v`.
    pub fn num(&mut self, mut v: u64) {
        loop {
            let digit = (v & 31) as usize;
            v >>= 5;
            if v == 0 {
                self.0.push(DIGITS[digit] as char);
                return;
            }
            self.0.push(DIGITS[digit | 32] as char);
        }
    }
    /// Appends a single digit (0..=63).
    pub fn digit(&mut self, d: u8) {
        self.0.push(DIGITS[usize::from(d & 63)] as char);
    }
}

/// Reads what [`Vlq`] wrote (tests and the tiering of common stems).
#[derive(Debug, Clone)]
pub struct VlqReader<'a> {
    bytes: &'a [u8],
    pub(super) pos: usize,
}

fn digit_value(b: u8) -> u64 {
    match b {
        b'A'..=b'Z' => u64::from(b - b'A'),
        b'a'..=b'z' => u64::from(b - b'a') + 26,
        b'0'..=b'9' => u64::from(b - b'0') + 52,
        b'-' => 62,
        _ => 63,
    }
}

impl<'a> VlqReader<'a> {
    /// Reads `s` from the start.
    pub fn new(s: &'a str) -> Self {
        Self {
            bytes: s.as_bytes(),
            pos: 0,
        }
    }
    /// Whether everything was read.
    pub fn done(&self) -> bool {
        self.pos >= self.bytes.len()
    }
    /// The next number.
    pub fn num(&mut self) -> u64 {
        let mut v = 0u64;
        let mut shift = 0;
        loop {
            let d = digit_value(self.bytes[self.pos]);
            self.pos += 1;
            v |= (d & 31) << shift;
            if d < 32 {
                return v;
            }
            shift += 5;
        }
    }
    /// The next single digit.
    pub fn digit(&mut self) -> u8 {
        let d = digit_value(self.bytes[self.pos]) as u8;
        self.pos += 1;
        d
    }
}

/// A 64-bit hash for the index version: FNV-1a over 8-byte words (fast
/// over megabytes of index; it only has to change when the files do).
#[derive(Debug, Clone, Copy)]
pub struct Fnv(pub u64);

impl Default for Fnv {
    fn default() -> Self {
        Self(0xcbf2_9ce4_8422_2325)
    }
}

impl Fnv {
    /// Adds bytes.
    pub fn write(&mut self, bytes: &[u8]) {
        const PRIME: u64 = 0x0100_0000_01b3;
        let mut chunks = bytes.chunks_exact(8);
        for c in &mut chunks {
            let v = u64::from_le_bytes([c[0], c[1], c[2], c[3], c[4], c[5], c[6], c[7]]);
            self.0 = (self.0 ^ v).wrapping_mul(PRIME).rotate_left(29);
        }
        for &b in chunks.remainder() {
            self.0 = (self.0 ^ u64::from(b)).wrapping_mul(PRIME);
        }
        self.0 ^= bytes.len() as u64;
    }
}
