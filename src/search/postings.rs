//! Postings: which records hold a stem and how well (BM25 scores quantised
//! to one digit), encoded as VLQ strings.

use super::encoding::{Vlq, VlqReader};

/// Impacts are stored as `q` in 0..=63 and read as `2^(q / IMPACT_BASE)`.
pub const IMPACT_BASE: f64 = 8.0;

/// BM25's term-frequency saturation.
pub const K1: f64 = 1.2;
/// BM25's length normalisation.
pub const B: f64 = 0.75;
/// A word in a title or a fact's statement counts this many times one in
/// the body.
pub const TITLE_WEIGHT: f64 = 4.0;

/// One posting: a record, how well it matches a stem, and the follower
/// hash of the stem's first occurrence in it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Posting {
    /// The record's group (a page, or a chunk of evidence records).
    pub group: u32,
    /// The record's place in its group.
    pub idx: u32,
    /// Quantised score, 0..=63.
    pub impact: u8,
    /// Hash of the following stem, 0 for none.
    pub follower: u8,
}

/// Encodes postings, in record order.
///
/// Each posting starts with one number `v`, then the impact digit and the
/// follower digit:
/// - `v = idx_delta * 2`: the same group as the previous posting,
///   `idx_delta` places further;
/// - `v = idx * 4 + 1`: the next group (the previous one's plus one), at
///   place `idx`: most postings of a common stem, one digit;
/// - `v = idx * 4 + 3`, then `VLQ(group_delta)`: any other group,
///   `group_delta` from the previous one (from 0 at the start).
#[derive(Debug, Default, Clone)]
pub struct PostingsWriter {
    out: Vlq,
    group: Option<u32>,
    idx: u32,
    /// Postings written.
    pub len: u32,
}

impl PostingsWriter {
    /// A writer with room for `bytes` of encoded postings.
    pub fn with_capacity(bytes: usize) -> Self {
        Self {
            out: Vlq(String::with_capacity(bytes)),
            ..Self::default()
        }
    }

    /// Appends one posting; postings must come in record order.
    pub fn push(&mut self, p: Posting) {
        match self.group {
            Some(g) if g == p.group => {
                self.out.num(u64::from(p.idx - self.idx) * 2);
            }
            Some(g) if g + 1 == p.group => {
                self.out.num(u64::from(p.idx) * 4 + 1);
                self.group = Some(p.group);
            }
            prev => {
                self.out.num(u64::from(p.idx) * 4 + 3);
                self.out.num(u64::from(p.group - prev.unwrap_or(0)));
                self.group = Some(p.group);
            }
        }
        self.idx = p.idx;
        self.out.digit(p.impact);
        self.out.digit(p.follower);
        self.len += 1;
    }
    /// Empties the writer for another list, keeping its room.
    pub fn clear(&mut self) {
        self.out.0.clear();
        self.group = None;
        self.idx = 0;
        self.len = 0;
    }

    /// The encoded string.
    pub fn finish(self) -> String {
        let mut s = self.out.0;
        // Lists are held until their batch is packed: give back what
        // growing left over, if it is much.
        if s.capacity() > s.len() + s.len() / 8 + 16 {
            s.shrink_to_fit();
        }
        s
    }
    /// The list so far, encoded.
    pub fn as_str(&self) -> &str {
        &self.out.0
    }
    /// Bytes so far.
    pub fn bytes(&self) -> usize {
        self.out.0.len()
    }
}

/// Decodes what [`PostingsWriter`] wrote.
pub fn read_postings(s: &str) -> Vec<Posting> {
    postings(s).collect()
}

/// The postings [`PostingsWriter`] wrote, decoded one by one (nothing is
/// held: the index counts every list this way).
pub fn postings(s: &str) -> impl Iterator<Item = Posting> + '_ {
    let mut r = VlqReader::new(s);
    let (mut group, mut idx) = (0u32, 0u32);
    std::iter::from_fn(move || {
        if r.done() {
            return None;
        }
        let v = r.num();
        match v & 3 {
            1 => {
                group += 1;
                idx = (v >> 2) as u32;
            }
            3 => {
                group += r.num() as u32;
                idx = (v >> 2) as u32;
            }
            _ => idx += (v >> 1) as u32,
        }
        let impact = r.digit();
        let follower = r.digit();
        Some(Posting {
            group,
            idx,
            impact,
            follower,
        })
    })
}

/// BM25F weight of one stem in one record.
pub fn bm25(
    idf: f64,
    title_tf: u8,
    body_tf: u8,
    title_len: u32,
    body_len: u32,
    avg_title: f64,
    avg_body: f64,
) -> f64 {
    let norms = (norm(title_len, avg_title), norm(body_len, avg_body));
    bm25_normed(idf, title_tf, body_tf, norms)
}

/// BM25's length normalisation of a field of `len` words, where fields
/// average `avg`: the same for every stem of a record, so the index
/// computes it once a record.
pub fn norm(len: u32, avg: f64) -> f64 {
    if avg > 0.0 {
        1.0 - B + B * f64::from(len) / avg
    } else {
        1.0
    }
}

/// [`bm25`] with the record's title and body [`norm`]s given.
pub fn bm25_normed(idf: f64, title_tf: u8, body_tf: u8, (title, body): (f64, f64)) -> f64 {
    let tf = TITLE_WEIGHT * f64::from(title_tf) / title + f64::from(body_tf) / body;
    idf * tf * (K1 + 1.0) / (tf + K1)
}

/// Inverse document frequency (BM25's, never negative).
pub fn idf(docs: u32, df: u32) -> f64 {
    (1.0 + (f64::from(docs) - f64::from(df) + 0.5) / (f64::from(df) + 0.5)).ln()
}

/// Quantises a score to 0..=63 against the best score possible, on a log
/// scale (each step about 9 % above the last; scores more than 2^(63 /
/// IMPACT_BASE), about 235 times, below the best are all 0).
pub fn quantise(score: f64, max: f64) -> u8 {
    if score <= 0.0 || max <= 0.0 {
        return 0;
    }
    let q = 63.0 + IMPACT_BASE * (score / max).log2();
    q.round().clamp(0.0, 63.0) as u8
}

/// [`quantise`] for many scores against one best score: the 63 scores where
/// the quantised value steps up, found by binary search instead of a
/// logarithm per posting (the index computes one per posting).
#[derive(Debug, Clone)]
pub struct Quantiser {
    steps: [f64; 63],
}

impl Quantiser {
    /// Steps for scores against `max`.
    pub fn new(max: f64) -> Self {
        let mut steps = [f64::INFINITY; 63];
        if max > 0.0 {
            for (k, s) in steps.iter_mut().enumerate() {
                // round(63 + base * log2(score / max)) >= k + 1
                *s = max * ((k as f64 + 0.5 - 63.0) / IMPACT_BASE).exp2();
            }
        }
        Self { steps }
    }

    /// The quantised score, as [`quantise`] gives it.
    pub fn get(&self, score: f64) -> u8 {
        if score <= 0.0 {
            return 0;
        }
        self.steps.partition_point(|&s| s <= score) as u8
    }
}
