//! The postings stage of the index: every record's digest read back, a
//! batch of stems at a time, into each stem's postings list (see
//! [`super::format::build`], which packs them).

use super::format::{Group, Input, Stats};
use super::postings::{bm25_normed, idf, norm, Posting, PostingsWriter, Quantiser, K1};

/// Postings are encoded this many bytes (roughly) at a time. Each batch is
/// one more pass over the digests (about 25 ms at 10,000 pages); its lists
/// are held until packed, at the top of the build's memory (16 MB batches
/// held 5 MiB more at 10,000 pages, for two passes fewer).
const BATCH_BYTES: u64 = 8 << 20;

/// Consecutive ranges of stems whose postings take about [`BATCH_BYTES`]
/// (four bytes a posting).
fn batches_of(df: &[u32]) -> Vec<std::ops::Range<usize>> {
    let mut out = Vec::new();
    let (mut start, mut acc) = (0usize, 0u64);
    for (stem, &n) in df.iter().enumerate() {
        acc += u64::from(n) * 4;
        if acc >= BATCH_BYTES {
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

/// Stems in at most this many records are encoded from a flat list of
/// postings rather than a writer of their own ([`Input::postings`]).
const RARE: u32 = 8;

impl Stats {
    /// Consecutive ranges of stems whose postings take about
    /// [`BATCH_BYTES`].
    pub(super) fn batches(&self) -> Vec<std::ops::Range<usize>> {
        batches_of(&self.df)
    }
}

impl Input<'_> {
    /// Document frequencies (by final stem id) and average lengths, in one
    /// pass over the digests.
    pub(super) fn stats(&self, stem_of_interim: &[u32], n_stems: usize) -> Stats {
        use rayon::prelude::*;
        // Integer sums, so the order threads add them in does not matter. One
        // chunk of groups per thread, so that one count per stem is held per
        // thread (rayon's fold would make one per split: dozens).
        let per = self.groups.len() / rayon::current_num_threads().max(1) + 1;
        let (df, docs, title, body) = self
            .groups
            .par_chunks(per)
            .map(|groups| {
                // Counted by the digests' own stem ids (one lookup fewer an
                // entry), renumbered below.
                let (mut df, mut docs, mut title, mut body) =
                    (vec![0u32; n_stems], 0u32, 0u64, 0u64);
                for g in groups {
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
                (df, docs, title, body)
            })
            .reduce(
                || (vec![0u32; n_stems], 0, 0, 0),
                |mut a, b| {
                    a.0.iter_mut().zip(&b.0).for_each(|(x, y)| *x += y);
                    (a.0, a.1 + b.1, a.2 + b.2, a.3 + b.3)
                },
            );
        let n = f64::from(docs.max(1));
        let mut by_final = vec![0u32; n_stems];
        for (interim, count) in df.into_iter().enumerate() {
            by_final[stem_of_interim[interim] as usize] = count;
        }
        Stats {
            docs,
            df: by_final,
            avg_title: title as f64 / n,
            avg_body: body as f64 / n,
        }
    }

    /// The postings of the stems in `range`, encoded. The groups are split
    /// among the threads by digest size, in order; each reads its own groups'
    /// digests once and encodes their postings of every stem in the range, and
    /// each stem's lists are then joined in group order
    /// ([`PostingsWriter::append`]): one pass over the digests per batch,
    /// whatever the number of threads.
    pub(super) fn postings(
        &self,
        stats: &Stats,
        stem_of_interim: &[u32],
        range: std::ops::Range<usize>,
    ) -> Vec<String> {
        use rayon::prelude::*;
        let threads = rayon::current_num_threads().clamp(1, 8);
        let total: usize = self.groups.iter().map(|g| g.digest.heap_size()).sum();
        let per = (total / threads).max(1);
        let mut chunks: Vec<&[Group<'_>]> = Vec::new();
        let (mut start, mut acc) = (0usize, 0usize);
        for (i, g) in self.groups.iter().enumerate() {
            acc += g.digest.heap_size();
            if acc >= per && chunks.len() + 1 < threads {
                chunks.push(&self.groups[start..=i]);
                start = i + 1;
                acc = 0;
            }
        }
        chunks.push(&self.groups[start..]);
        let idfs: Vec<f64> = stats.df[range.clone()]
            .iter()
            .map(|&df| idf(stats.docs, df))
            .collect();
        let quantiser = Quantiser::new(idf(stats.docs, 1) * (K1 + 1.0));
        // Which stems are in the range, by the digests' own ids: a bit each,
        // so that the three quarters of the entries a pass skips are skipped
        // without looking their stem up (a miss of the cache each).
        let mut in_range = vec![0u64; stem_of_interim.len().div_ceil(64)];
        for (interim, &stem) in stem_of_interim.iter().enumerate() {
            if range.contains(&(stem as usize)) {
                in_range[interim / 64] |= 1 << (interim % 64);
            }
        }
        // A writer per stem and thread costs about 70 bytes before its first
        // posting, and most stems of a large site are in a record or two: those
        // go to one flat list per thread instead, 16 bytes a posting.
        let mut slot = vec![u32::MAX; range.len()];
        let mut common_df = Vec::new();
        for (i, &df) in stats.df[range.clone()].iter().enumerate() {
            if df > RARE {
                slot[i] = common_df.len() as u32;
                common_df.push(df);
            }
        }
        type Part = (Vec<PostingsWriter>, Vec<(u32, Posting)>);
        let parts: Vec<Part> = chunks
            .into_par_iter()
            .map(|groups| {
                // Room for this chunk's share of each common stem's postings
                // (about four bytes each), so that most lists are allocated
                // once.
                let mut writers: Vec<PostingsWriter> = common_df
                    .iter()
                    .map(|&df| PostingsWriter::with_capacity(df as usize * 4 / threads + 4))
                    .collect();
                let mut rare = Vec::new();
                for g in groups {
                    // The record's length norms, computed at its first posting.
                    let mut norms = (u32::MAX, (1.0, 1.0));
                    g.digest.visit(|idx, title_len, body_len, e| {
                        let interim = e.stem as usize;
                        if in_range[interim / 64] & (1 << (interim % 64)) == 0 {
                            return;
                        }
                        let local = stem_of_interim[interim] as usize - range.start;
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
                        let p = Posting {
                            group: g.id,
                            idx,
                            impact: quantiser.get(score),
                            follower: e.follower,
                        };
                        match slot[local] {
                            u32::MAX => rare.push((local as u32, p)),
                            s => writers[s as usize].push(p),
                        }
                    });
                }
                (writers, rare)
            })
            .collect();
        let mut parts = parts.into_iter();
        let (mut lists, mut rare) = parts.next().unwrap_or_default();
        for (part, more) in parts {
            lists
                .par_iter_mut()
                .zip(part)
                .for_each(|(list, next)| list.append(next));
            rare.extend(more);
        }
        // The threads' lists follow each other in record order, so a stable
        // sort by stem leaves each stem's postings in record order.
        rare.sort_by_key(|r| r.0);
        let mut common = lists.into_iter();
        let mut rare = rare.into_iter().peekable();
        (0..range.len() as u32)
            .map(|i| {
                if slot[i as usize] != u32::MAX {
                    return common
                        .next()
                        .map(PostingsWriter::finish)
                        .unwrap_or_default();
                }
                let mut w =
                    PostingsWriter::with_capacity(stats.df[range.start + i as usize] as usize * 6);
                while let Some((_, p)) = rare.next_if(|r| r.0 == i) {
                    w.push(p);
                }
                w.finish()
            })
            .collect()
    }
}
