//! What the unit tests of several modules share.

/// A xorshift64 generator: random test input that is the same on every
/// run, with no dependency.
pub(crate) struct Xorshift(pub u64);

impl Xorshift {
    /// The next number (the state moves on first).
    pub(crate) fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
}
