//! The postings stage of the index: every record's digest read back, a
//! batch of stems at a time, into each stem's postings list (see
//! [`super::format::build`], which packs them).
//!
//! A batch is made in two steps. Each thread reads its own groups' digests
//! and drops every posting of the batch's stems, packed into a `u64`, into
//! its slot of one flat array (four bytes a posting, eight on a site of
//! more than a million records), laid out stem by stem: the statistics pass
//! counted how many postings each stem has in each thread's groups, so
//! every stem's run starts where the previous one's ends and nothing grows
//! or is copied. Then each stem's runs (one a thread, in group order, so
//! in record order) are encoded one after the other, stem by stem, in
//! parallel. The flat array is written in one place a posting and read in
//! order; a writer a stem, which this replaced, took a miss of the cache
//! for the writer and another for its list at every posting.

use super::format::{Input, Stats};
use super::postings::{bm25_normed, idf, norm, Posting, PostingsWriter, Quantiser, K1};

/// Postings are made about this many postings at a time: a batch's flat
/// arrays take four bytes each (eight on a site of more than a million
/// records), held at the top of the build's memory while the batch's lists
/// are encoded and packed a [`CHUNK`] at a time. Each batch is one more
/// pass over the digests (about 40 ms at 10,000 pages).
const BATCH_POSTINGS: u64 = 4 << 20;

/// A batch's lists are encoded and handed on about this many postings at
/// a time (about four bytes each once encoded).
const CHUNK: u64 = 1 << 19;

/// Consecutive ranges of stems with about `limit` postings each, as many
/// as needed and as even as their stems allow.
fn ranges_of(df: &[u32], limit: u64) -> Vec<std::ops::Range<usize>> {
    let total: u64 = df.iter().map(|&n| u64::from(n)).sum();
    let each = total.div_ceil(total.div_ceil(limit.max(1)).max(1)).max(1);
    let mut out = Vec::new();
    let (mut start, mut acc) = (0usize, 0u64);
    for (stem, &n) in df.iter().enumerate() {
        acc += u64::from(n);
        if acc >= each {
            out.push(start..stem + 1);
            start = stem + 1;
            acc = 0;
        }
    }
    if start < df.len() || out.is_empty() {
        out.push(start..df.len());
    }
    out
}

impl Stats {
    /// Consecutive ranges of stems with about [`BATCH_POSTINGS`] postings
    /// each.
    pub(super) fn batches(&self) -> Vec<std::ops::Range<usize>> {
        ranges_of(&self.df, BATCH_POSTINGS)
    }
}

/// One posting in a flat array: the record's number in the whole index
/// (`Input::groups`' records one after the other), its impact and its
/// follower (six bits each).
pub(super) trait Slot: Copy + Default + Send + Sync {
    /// Records this slot can number.
    const DOCS: u64;
    fn pack(doc: u32, impact: u8, follower: u8) -> Self;
    /// `(doc, impact, follower)`.
    fn unpack(self) -> (u32, u8, u8);
}

/// Four bytes a posting, for an index of at most 2^20 records (about
/// 100,000 pages): half the memory of a batch.
impl Slot for u32 {
    const DOCS: u64 = 1 << 20;
    fn pack(doc: u32, impact: u8, follower: u8) -> Self {
        (doc << 12) | (u32::from(impact & 63) << 6) | u32::from(follower & 63)
    }
    fn unpack(self) -> (u32, u8, u8) {
        (self >> 12, (self >> 6) as u8 & 63, self as u8 & 63)
    }
}

/// Eight bytes a posting, for any index.
impl Slot for u64 {
    const DOCS: u64 = 1 << 32;
    fn pack(doc: u32, impact: u8, follower: u8) -> Self {
        (u64::from(doc) << 12) | (u64::from(impact & 63) << 6) | u64::from(follower & 63)
    }
    fn unpack(self) -> (u32, u8, u8) {
        ((self >> 12) as u32, (self >> 6) as u8 & 63, self as u8 & 63)
    }
}

impl Input<'_> {
    /// The groups split among the threads by digest size, in order: the
    /// statistics and every batch of postings use the same parts.
    fn parts(&self) -> Vec<std::ops::Range<usize>> {
        let threads = rayon::current_num_threads().clamp(1, 8);
        let total: usize = self.groups.iter().map(|g| g.digest.heap_size()).sum();
        let per = (total / threads).max(1);
        let mut parts = Vec::new();
        let (mut start, mut acc) = (0usize, 0usize);
        for (i, g) in self.groups.iter().enumerate() {
            acc += g.digest.heap_size();
            if acc >= per && parts.len() + 1 < threads {
                parts.push(start..i + 1);
                start = i + 1;
                acc = 0;
            }
        }
        parts.push(start..self.groups.len());
        parts
    }

    /// Document frequencies (by final stem id, in all and in each part of
    /// the groups) and average lengths, in one pass over the digests.
    pub(super) fn stats(&self, stem_of_interim: &[u32], n_stems: usize) -> Stats {
        use rayon::prelude::*;
        let parts = self.parts();
        // Integer sums, so the order threads add them in does not matter.
        // Counted by the digests' own stem ids (one lookup fewer an entry),
        // renumbered below.
        let counted: Vec<(Vec<u32>, u32, u64, u64)> = parts
            .par_iter()
            .map(|range| {
                let (mut df, mut docs, mut title, mut body) =
                    (vec![0u32; n_stems], 0u32, 0u64, 0u64);
                for g in &self.groups[range.clone()] {
                    docs += g.digest.docs;
                    let mut last = u32::MAX;
                    g.digest.visit(|doc, title_len, body_len, e| {
                        if doc != last {
                            last = doc;
                            title += u64::from(title_len);
                            body += u64::from(body_len);
                        }
                        df[e.stem as usize] += 1;
                    });
                }
                let mut by_final = vec![0u32; n_stems];
                for (interim, count) in df.into_iter().enumerate() {
                    by_final[stem_of_interim[interim] as usize] = count;
                }
                (by_final, docs, title, body)
            })
            .collect();
        let mut df = vec![0u32; n_stems];
        let (mut docs, mut title, mut body) = (0u32, 0u64, 0u64);
        let mut part_df = Vec::with_capacity(counted.len());
        for (d, n, t, b) in counted {
            df.iter_mut().zip(&d).for_each(|(x, y)| *x += y);
            docs += n;
            title += t;
            body += b;
            part_df.push(d);
        }
        let n = f64::from(docs.max(1));
        Stats {
            docs,
            df,
            avg_title: title as f64 / n,
            avg_body: body as f64 / n,
            parts,
            part_df,
        }
    }

    /// The postings of the stems in `range`, encoded: one pass over the
    /// digests into flat arrays, then the lists (see the module's docs),
    /// handed to `lists` a chunk of consecutive stems at a time, in order:
    /// `(first stem, lists)`.
    pub(super) fn postings(
        &self,
        stats: &Stats,
        stem_of_interim: &[u32],
        range: std::ops::Range<usize>,
        lists: &mut dyn FnMut(usize, Vec<String>),
    ) {
        if u64::from(stats.docs) <= u32::DOCS {
            self.postings_in::<u32>(stats, stem_of_interim, range, lists);
        } else {
            self.postings_in::<u64>(stats, stem_of_interim, range, lists);
        }
    }

    /// [`Self::postings`], with flat arrays of `S` (which must number
    /// every record).
    pub(super) fn postings_in<S: Slot>(
        &self,
        stats: &Stats,
        stem_of_interim: &[u32],
        range: std::ops::Range<usize>,
        lists: &mut dyn FnMut(usize, Vec<String>),
    ) {
        assert!(u64::from(stats.docs) <= S::DOCS, "too many records");
        use rayon::prelude::*;
        let idfs: Vec<f64> = stats.df[range.clone()]
            .iter()
            .map(|&df| idf(stats.docs, df))
            .collect();
        let quantiser = Quantiser::new(idf(stats.docs, 1) * (K1 + 1.0));
        // The batch's stems by the digests' own ids: their place in the
        // batch, `u32::MAX` for the stems of other batches (three quarters of
        // the entries a pass meets, skipped with one lookup).
        let mut local_of = vec![u32::MAX; stem_of_interim.len()];
        for (interim, &stem) in stem_of_interim.iter().enumerate() {
            if range.contains(&(stem as usize)) {
                local_of[interim] = stem - range.start as u32;
            }
        }
        // Each part's record numbers start where the previous part's end.
        let mut first_doc = Vec::with_capacity(stats.parts.len());
        let mut at = 0u32;
        for part in &stats.parts {
            first_doc.push(at);
            at += self.groups[part.clone()]
                .iter()
                .map(|g| g.digest.docs)
                .sum::<u32>();
        }
        // Where each stem's run starts in each part's array: the prefix
        // sums of the part's counts (one more at the end: the array's size).
        let starts: Vec<Vec<u32>> = stats
            .part_df
            .iter()
            .map(|df| {
                let mut sum = 0u32;
                let mut starts: Vec<u32> = df[range.clone()]
                    .iter()
                    .map(|&n| {
                        let s = sum;
                        sum += n;
                        s
                    })
                    .collect();
                starts.push(sum);
                starts
            })
            .collect();
        let arrays: Vec<Vec<S>> = stats
            .parts
            .par_iter()
            .zip(&starts)
            .zip(&first_doc)
            .map(|((part, starts), &first)| {
                let size = *starts.last().unwrap_or(&0) as usize;
                let mut array = vec![S::default(); size];
                let mut next: Vec<u32> = starts[..starts.len() - 1].to_vec();
                let mut doc = first;
                for g in &self.groups[part.clone()] {
                    // The record's length norms, computed at its first
                    // posting.
                    let mut norms = (u32::MAX, (1.0, 1.0));
                    g.digest.visit(|idx, title_len, body_len, e| {
                        let local = local_of[e.stem as usize];
                        if local == u32::MAX {
                            return;
                        }
                        let local = local as usize;
                        if norms.0 != idx {
                            norms = (
                                idx,
                                (
                                    norm(title_len, stats.avg_title),
                                    norm(body_len, stats.avg_body),
                                ),
                            );
                        }
                        let score = bm25_normed(idfs[local], e.title, e.body, norms.1);
                        let slot = &mut next[local];
                        array[*slot as usize] =
                            S::pack(doc + idx, quantiser.get(score), e.follower);
                        *slot += 1;
                    });
                    doc += g.digest.docs;
                }
                array
            })
            .collect();
        // Record number → (group id, place in the group).
        let mut place = Vec::with_capacity(stats.docs as usize);
        for g in &self.groups {
            place.extend((0..g.digest.docs).map(|idx| (g.id, idx)));
        }
        for chunk in ranges_of(&stats.df[range.clone()], CHUNK) {
            let first = range.start + chunk.start;
            lists(first, encode(&arrays, &starts, &place, chunk));
        }
    }
}

/// The lists of the batch's stems `chunk` (places in the batch), from the
/// parts' flat arrays and where each stem's run starts in them.
fn encode<S: Slot>(
    arrays: &[Vec<S>],
    starts: &[Vec<u32>],
    place: &[(u32, u32)],
    chunk: std::ops::Range<usize>,
) -> Vec<String> {
    use rayon::prelude::*;
    chunk
        .into_par_iter()
        .with_min_len(64)
        .map_init(PostingsWriter::default, |w, i| {
            w.clear();
            for (array, starts) in arrays.iter().zip(starts) {
                for &p in &array[starts[i] as usize..starts[i + 1] as usize] {
                    let (doc, impact, follower) = p.unpack();
                    let (group, idx) = place[doc as usize];
                    w.push(Posting {
                        group,
                        idx,
                        impact,
                        follower,
                    });
                }
            }
            w.as_str().to_owned()
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::ranges_of;

    #[test]
    fn batches_cover_every_stem_once_in_even_ranges() {
        let df: Vec<u32> = (0..1000u32).map(|i| 1 + (i * 7919) % 50).collect();
        let total: u64 = df.iter().map(|&n| u64::from(n)).sum();
        for limit in [1, 100, 1000, 5000, total, 10 * total] {
            let ranges = ranges_of(&df, limit);
            assert_eq!(ranges.first().map(|r| r.start), Some(0));
            assert_eq!(ranges.last().map(|r| r.end), Some(df.len()));
            assert!(ranges.windows(2).all(|w| w[0].end == w[1].start));
            let sums: Vec<u64> = ranges
                .iter()
                .map(|r| df[r.clone()].iter().map(|&n| u64::from(n)).sum())
                .collect();
            // As few ranges as the limit allows, none much over it.
            let needed = total.div_ceil(limit) as usize;
            assert!(
                ranges.len() <= needed.max(1) + 1,
                "{limit}: {}",
                ranges.len()
            );
            assert!(sums
                .iter()
                .all(|&s| s < limit.max(total.div_ceil(needed as u64)) + 50));
        }
        // One stem larger than the limit is a range of its own.
        assert_eq!(ranges_of(&[1, 900, 1], 100), vec![0..2, 2..3]);
        assert_eq!(ranges_of(&[], 100), vec![0..0]);
    }
}
