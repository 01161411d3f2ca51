//! The index format: postings, vocabulary shards, facets and the manifest.
//!
//! Everything is JSON (the browser parses it natively, under any
//! Content-Security-Policy), with the long lists packed into strings of
//! base-64 digits: [`Vlq`] numbers (5 bits a digit, the 6th says "more
//! follows", like source maps) and single-digit values. See the module docs
//! of [`crate::search`] for the layout of each file and why.

use serde::Serialize;

pub use super::encoding::{Fnv, Vlq, VlqReader, DIGITS};
pub use super::postings::{
    bm25, idf, postings, quantise, read_postings, Posting, PostingsWriter, Quantiser, B,
    IMPACT_BASE, K1, TITLE_WEIGHT,
};

use super::digest::{Digest, Lexicon};
use super::records::Kind;
use super::vocab::{reverse_shards, vocab_shards, StemFiles};
pub use super::vocab::{REVERSE_MIN_CHARS, REVERSE_SHARD_BYTES, VOCAB_SHARD_BYTES};

/// A postings file packs stems up to about this many bytes.
pub const POSTINGS_FILE_BYTES: usize = 8 * 1024;
/// A stem whose postings are longer than this also gets a short list of
/// its best records (see [`TOP`]), so that a one-word query on a very
/// common word fetches that instead of the whole list.
pub const BIG_POSTINGS: usize = 12 * 1024;
/// How many records the short list of a common stem holds.
pub const TOP: usize = 200;
/// When `facets.json` (every record's topics and status) is larger than
/// this, every stem's pack entry carries its counts by kind, topic and
/// status, as a common stem's does: a one-word query then never fetches
/// the facets. Below, a one-word query on a word that is not common
/// fetches the facets alongside its pack, once a visit (at 10,000 pages:
/// 54 KB, 21 KB gzipped), and the index is spared counts in every entry
/// (there: 4 MB, a tenth of it). This is about 25,000 pages.
pub const INLINE_COUNTS_ABOVE: usize = 128 * 1024;

/// What one group of records brings to the index.
#[derive(Debug)]
pub struct Group<'a> {
    /// Group id: its result file is `d/ID.json`.
    pub id: u32,
    /// The kind of every record in it.
    pub kind: Kind,
    /// Its words.
    pub digest: &'a Digest,
    /// Topic ids of the whole group (a page's sections share its topics).
    pub topics: Vec<u32>,
    /// Per record: topic ids and status (facts only; else empty).
    pub docs: Vec<(Vec<u32>, u8)>,
}

/// A glossary term or person: its record `(group, place)` and its names
/// (folded phrases). In the manifest: `[[group, place], [name, ...]]`.
#[derive(Debug, Clone, Serialize)]
pub struct NameGroup(pub (u32, u32), pub Vec<String>);

/// Everything the index of one language is built from.
#[derive(Debug)]
pub struct Input<'a> {
    /// Phrase → what it also finds (folded phrases, see
    /// [`super::text::Language::phrase`]).
    pub synonyms: std::collections::BTreeMap<String, Vec<String>>,
    /// Glossary terms and people, each with every name it goes by.
    pub names: Vec<NameGroup>,
    /// The words.
    pub lexicon: &'a Lexicon,
    /// Groups, by ascending id.
    pub groups: Vec<Group<'a>>,
    /// Topic names, by id.
    pub topics: Vec<String>,
    /// Status keys, by index (`reported`...).
    pub statuses: Vec<&'static str>,
    /// A hash of the result files written while rendering.
    pub docs_hash: u64,
    /// Whether pages' result files leave their text to the pages.
    pub snippets_from_pages: bool,
}

/// What [`build`] wrote, and the manifest.
#[derive(Debug, Default)]
pub struct Output {
    /// The manifest, JSON, embedded in the search page.
    pub manifest: String,
    /// Records indexed.
    pub docs: u32,
    /// Distinct words.
    pub words: usize,
    /// Distinct stems.
    pub stems: usize,
    /// Files written.
    pub files: usize,
    /// Their bytes.
    pub bytes: usize,
}

/// `words.json`: what the search script needs to read a query, fetched
/// with the query stemmer at the reader's first keystroke (so a visit that
/// never searches does not download it, and a new visit finds it cached).
#[derive(Debug, Serialize)]
pub struct QueryWords<'a> {
    /// Question and function words dropped from queries (folded), by
    /// language: the site's, and the others' for queries in them.
    pub qstop: std::collections::BTreeMap<&'static str, &'static [&'static str]>,
    /// Synonyms: phrase → phrases it also finds.
    pub syn: &'a std::collections::BTreeMap<String, Vec<String>>,
    /// Glossary terms and people: `[[group, place], [name, ...]]`, names
    /// folded as [`super::text::Language::phrase`] folds them.
    pub names: &'a [NameGroup],
}

/// The manifest: what the search script needs before its first fetch.
#[derive(Debug, Serialize)]
pub struct Manifest<'a> {
    /// Format version.
    pub format: u32,
    /// Changes whenever any index file changes; the script adds it to
    /// every URL it fetches so that a new build is never mixed with an old
    /// cached file.
    pub version: String,
    /// Language code.
    pub lang: &'a str,
    /// Stop words (folded).
    pub stop: &'a [&'static str],
    /// The stemmer `search.js` applies to query words (`en`, `es`), if it
    /// has this language's.
    pub stem: Option<&'static str>,
    /// First word of each vocabulary shard but the first.
    pub vocab: Vec<String>,
    /// First (reversed) word of each reverse vocabulary shard but the
    /// first.
    pub rvocab: Vec<String>,
    /// `[kind, first group, end group]`, in group order.
    pub kinds: Vec<(&'static str, u32, u32)>,
    /// Topic names by id.
    pub topics: &'a [String],
    /// Status keys by index.
    pub statuses: &'a [&'static str],
    /// Impact `q` is read as `2 ^ (q / impact_base)`.
    pub impact_base: f64,
    /// Records.
    pub docs: u32,
    /// Whether every stem's pack entry carries its counts
    /// ([`INLINE_COUNTS_ABOVE`]); if not, only common stems' do.
    pub counts: bool,
    /// Whether pages' result files leave their text to be read from the
    /// pages (`[search] snippets`): the script then loads
    /// `search-pages.js`.
    pub pages: bool,
}

/// Whether every pack entry carries its counts, given the facets file.
fn inline_counts(facets_file: &str) -> bool {
    facets_file.len() > INLINE_COUNTS_ABOVE
}

/// What every record's digest adds up to ([`Input::stats`]).
pub(super) struct Stats {
    pub(super) docs: u32,
    pub(super) df: Vec<u32>,
    pub(super) avg_title: f64,
    pub(super) avg_body: f64,
    /// The groups split among the threads (ranges of `Input::groups`).
    pub(super) parts: Vec<std::ops::Range<usize>>,
    /// Per part, the document frequency of each stem (by final id) in its
    /// groups.
    pub(super) part_df: Vec<Vec<u32>>,
}

/// Writes one index file: `(path under the search folder, bytes)`.
pub type Write<'w> = dyn FnMut(&str, &[u8]) + 'w;

/// Builds the index of one language, handing each file to `write` as soon
/// as it is made (nothing is held that is already written).
pub fn build(input: &Input<'_>, write: &mut Write<'_>) -> Output {
    // The build's words (its lexicon holds no others) and their stems,
    // renumbered by sorted text so that the output does not depend on the
    // order threads met them.
    let (words, stems, stem_of_interim) = {
        let (mut words, stem_table) = input.lexicon.tables();
        let n_stems = stem_table.len();
        let mut stems: Vec<(&str, u32)> = stem_table
            .into_iter()
            .enumerate()
            .map(|(s, text)| (text, s as u32))
            .collect();
        sort_by_text(&mut stems);
        let mut stem_of_interim = vec![u32::MAX; n_stems];
        for (final_id, (_, interim)) in stems.iter().enumerate() {
            stem_of_interim[*interim as usize] = final_id as u32;
        }
        for (_, stem) in &mut words {
            *stem = stem_of_interim[*stem as usize];
        }
        sort_by_text(&mut words);
        let mut stems: Vec<&str> = stems.into_iter().map(|(s, _)| s).collect();
        stems.shrink_to_fit();
        (words, stems, stem_of_interim)
    };

    let mut version = Fnv::default();
    version.write(&input.docs_hash.to_le_bytes());
    // Synonyms and names change what a query finds: part of the version.
    version.write(
        serde_json::to_string(&(&input.synonyms, &input.names))
            .unwrap_or_default()
            .as_bytes(),
    );
    let (mut files, mut bytes) = (0usize, 0usize);
    let mut emit = |name: &str, data: &[u8]| {
        version.write(name.as_bytes());
        version.write(data);
        files += 1;
        bytes += data.len();
        write(name, data);
    };

    // The vocabulary spelt backwards needs only the words: it is made on
    // another thread while the postings are, and written after them, as
    // always (the index's version does not depend on the threads).
    let mut reverse = None;
    let (stats, vocab, facets_file) = rayon::in_place_scope(|scope| {
        let (words, reverse) = (&words, &mut reverse);
        scope.spawn(move |_| *reverse = Some(reverse_shards(words)));
        let stats = input.stats(&stem_of_interim, stems.len());
        // Postings are encoded a batch of stems at a time and written at
        // once, so that only one batch is ever held.
        let facets = Facets::new(input);
        let facets_file = facets.file();
        let mut packer = Packer {
            counts: inline_counts(&facets_file),
            ..Packer::default()
        };
        for batch in stats.batches() {
            input.postings(&stats, &stem_of_interim, batch, &mut |first, lists| {
                packer.add(first, lists, &facets, &mut emit);
            });
        }
        let where_ = packer.finish(&mut emit);
        let vocab = vocab_shards(words, &stems, &stats.df, &where_, &mut emit);
        (stats, vocab, facets_file)
    });
    let (rvocab, rfiles) = reverse.unwrap_or_default();
    for (name, data) in &rfiles {
        emit(name, data);
    }
    emit("facets.json", facets_file.as_bytes());
    let query_words = QueryWords {
        qstop: super::text::QUERY_WORDS.iter().copied().collect(),
        syn: &input.synonyms,
        names: &input.names,
    };
    emit(
        "words.json",
        serde_json::to_string(&query_words)
            .unwrap_or_default()
            .as_bytes(),
    );

    let manifest = Manifest {
        format: 5,
        version: format!("{:016x}", version.0),
        lang: &input.lexicon.lang.code,
        stop: input.lexicon.lang.stop_words(),
        stem: input.lexicon.lang.browser_stemmer(),
        vocab,
        rvocab,
        kinds: kind_ranges(input),
        topics: &input.topics,
        statuses: &input.statuses,
        impact_base: IMPACT_BASE,
        docs: stats.docs,
        counts: inline_counts(&facets_file),
        pages: input.snippets_from_pages,
    };
    Output {
        manifest: serde_json::to_string(&manifest).unwrap_or_default(),
        docs: stats.docs,
        words: words.len(),
        stems: stems.len(),
        files,
        bytes,
    }
}

/// Sorts `(text, id)` pairs as `sort` would (the texts are unique), but
/// mostly by the texts' first eight bytes ([`super::vocab::sort_by_prefix`]: tens of
/// milliseconds less for a large site's vocabulary).
fn sort_by_text(items: &mut Vec<(&str, u32)>) {
    super::vocab::sort_by_prefix(
        items,
        |(t, _)| {
            let mut b = [0u8; 8];
            let n = t.len().min(8);
            b[..n].copy_from_slice(&t.as_bytes()[..n]);
            u64::from_be_bytes(b)
        },
        |a, b| a.cmp(b),
    );
}

/// Counted pack entries are made this many bytes of lists at a time.
const COUNT_CHUNK_BYTES: usize = 2 << 20;

fn kind_ranges(input: &Input<'_>) -> Vec<(&'static str, u32, u32)> {
    let mut out: Vec<(&'static str, u32, u32)> = Vec::new();
    for g in &input.groups {
        match out.last_mut() {
            Some(last) if last.0 == g.kind.key() => last.2 = g.id + 1,
            _ => out.push((g.kind.key(), g.id, g.id + 1)),
        }
    }
    out
}

/// Topics and statuses of every record, for counts.
struct Facets<'a> {
    input: &'a Input<'a>,
    /// Group id → index in `input.groups`.
    by_id: Vec<u32>,
    kinds: Vec<(&'static str, u32, u32)>,
    /// Group id → where the topics of all its records are in `topics`
    /// (start, length); `u32::MAX` for a group whose records have their
    /// own (facts). Counting reads this for every posting of every stem:
    /// two small arrays, not each group's own list.
    spans: Vec<(u32, u32)>,
    topics: Vec<u32>,
}

impl<'a> Facets<'a> {
    fn new(input: &'a Input<'a>) -> Self {
        let end = input.groups.last().map_or(0, |g| g.id as usize + 1);
        let mut by_id = vec![u32::MAX; end];
        let mut spans = vec![(u32::MAX, 0); end];
        let mut topics = Vec::new();
        for (i, g) in input.groups.iter().enumerate() {
            by_id[g.id as usize] = i as u32;
            if g.docs.is_empty() {
                spans[g.id as usize] = (topics.len() as u32, g.topics.len() as u32);
                topics.extend_from_slice(&g.topics);
            }
        }
        Self {
            input,
            by_id,
            kinds: kind_ranges(input),
            spans,
            topics,
        }
    }

    /// Topics and status of a record.
    fn of(&self, group: u32, idx: u32) -> (&[u32], Option<u8>) {
        let (start, len) = self.spans[group as usize];
        if start != u32::MAX {
            return (&self.topics[start as usize..(start + len) as usize], None);
        }
        let g = &self.input.groups[self.by_id[group as usize] as usize];
        match g.docs.get(idx as usize) {
            Some((topics, status)) => (topics, Some(*status)),
            None => (&g.topics, None),
        }
    }

    /// `facets.json`: for each group, `VLQ(group_delta)`, then for a group
    /// with per-record facets (facts) `VLQ(n)` and per record
    /// `VLQ(status) VLQ(topic count) VLQ(topic)...`; for any other group
    /// `VLQ(0) VLQ(topic count) VLQ(topic)...`.
    fn file(&self) -> String {
        let mut v = Vlq::default();
        let mut last = 0u32;
        for g in &self.input.groups {
            if g.topics.is_empty() && g.docs.is_empty() {
                continue;
            }
            v.num(u64::from(g.id - last));
            last = g.id;
            v.num(g.docs.len() as u64);
            if g.docs.is_empty() {
                v.num(g.topics.len() as u64);
                for &t in &g.topics {
                    v.num(u64::from(t));
                }
            }
            for (topics, status) in &g.docs {
                v.num(u64::from(*status));
                v.num(topics.len() as u64);
                for &t in topics {
                    v.num(u64::from(t));
                }
            }
        }
        format!("{{\"f\":\"{}\"}}", v.0)
    }

    /// Counts of the records in `postings` by kind, status and topic:
    /// `[total, "kinds", "statuses", "topics"]`, each string VLQ numbers
    /// (kinds in manifest order; statuses by index; topics as pairs of id
    /// delta and count). `scratch` holds the counters between calls (one
    /// stem after another on a thread: most have a record or two, so
    /// neither allocating nor clearing every topic's counter per stem).
    fn counts<'s>(
        &self,
        postings: impl IntoIterator<Item = Posting>,
        scratch: &'s mut Scratch,
    ) -> Counts<'s> {
        let Scratch {
            by_kind,
            by_status,
            by_topic,
            touched,
            kinds: kv,
            statuses: sv,
            topics: tv,
        } = scratch;
        by_kind.clear();
        by_kind.resize(self.kinds.len(), 0);
        by_status.clear();
        by_status.resize(self.input.statuses.len(), 0);
        by_topic.resize(self.input.topics.len(), 0);
        touched.clear();
        let (mut k, mut total) = (0usize, 0usize);
        for p in postings {
            total += 1;
            while k + 1 < self.kinds.len() && p.group >= self.kinds[k].2 {
                k += 1;
            }
            by_kind[k] += 1;
            let (topics, status) = self.of(p.group, p.idx);
            if let Some(s) = status {
                by_status[usize::from(s)] += 1;
            }
            for &t in topics {
                if by_topic[t as usize] == 0 {
                    touched.push(t);
                }
                by_topic[t as usize] += 1;
            }
        }
        kv.0.clear();
        by_kind.iter().for_each(|&n| kv.num(n));
        sv.0.clear();
        by_status.iter().for_each(|&n| sv.num(n));
        tv.0.clear();
        touched.sort_unstable();
        let mut last = 0u32;
        for &id in touched.iter() {
            tv.num(u64::from(id - last));
            tv.num(by_topic[id as usize]);
            by_topic[id as usize] = 0;
            last = id;
        }
        Counts {
            total,
            kinds: &kv.0,
            statuses: &sv.0,
            topics: &tv.0,
        }
    }
}

/// Counters that [`Facets::counts`] reuses from one stem to the next.
#[derive(Default)]
struct Scratch {
    by_kind: Vec<u64>,
    by_status: Vec<u64>,
    /// Zero between calls but for the topics in `touched`.
    by_topic: Vec<u64>,
    touched: Vec<u32>,
    /// The counts of the last call, encoded (reused: no allocation a stem).
    kinds: Vlq,
    statuses: Vlq,
    topics: Vlq,
}

/// A list's counts by kind, status and topic ([`Facets::counts`]), encoded
/// in the [`Scratch`] they were counted with.
struct Counts<'s> {
    total: usize,
    kinds: &'s str,
    statuses: &'s str,
    topics: &'s str,
}

impl Counts<'_> {
    /// The pack entry of `list` with these counts.
    fn entry(&self, list: &str) -> String {
        use std::fmt::Write as _;
        let Counts {
            total,
            kinds,
            statuses,
            topics,
        } = self;
        let mut out =
            String::with_capacity(list.len() + kinds.len() + statuses.len() + topics.len() + 32);
        let _ = write!(
            out,
            "[\"{list}\",{total},\"{kinds}\",\"{statuses}\",\"{topics}\"]"
        );
        out
    }
}

/// A pack entry with counts: `list` itself if it is short, else its best
/// [`TOP`] postings; then the counts of all of them.
fn counted_entry(list: &str, facets: &Facets<'_>, scratch: &mut Scratch) -> String {
    if list.len() <= BIG_POSTINGS {
        return facets.counts(postings(list), scratch).entry(list);
    }
    let all = read_postings(list);
    let counts = facets.counts(all.iter().copied(), scratch);
    let mut best = all;
    let order = |a: &Posting, b: &Posting| {
        b.impact
            .cmp(&a.impact)
            .then(a.group.cmp(&b.group))
            .then(a.idx.cmp(&b.idx))
    };
    if best.len() > TOP {
        best.select_nth_unstable_by(TOP, order);
        best.truncate(TOP);
    }
    best.sort_unstable_by_key(|p| (p.group, p.idx));
    let mut w = PostingsWriter::default();
    best.into_iter().for_each(|p| w.push(p));
    counts.entry(&w.finish())
}

/// Packs postings into `p/N.json` files, in stem order, and writes the
/// whole lists of common stems to `w/N.json`.
///
/// A pack is a JSON array. Its entries are the whole postings string of a
/// stem or, for a common stem, `[short list, total, kinds, statuses,
/// topics]` (see [`Facets::counts`]); with `counts`, every stem's entry is
/// such an array (`[whole list, ...]` for a stem that is not common). A `w/`
/// file is a JSON string.
#[derive(Default)]
struct Packer {
    /// Counts in every entry (see [`INLINE_COUNTS_ABOVE`]).
    counts: bool,
    where_: Vec<StemFiles>,
    pack: String,
    in_pack: u32,
    packs: u32,
    wholes: u32,
}

impl Packer {
    /// Adds the postings of stems `first..` in order.
    fn add(
        &mut self,
        first: usize,
        lists: Vec<String>,
        facets: &Facets<'_>,
        emit: &mut dyn FnMut(&str, &[u8]),
    ) {
        use rayon::prelude::*;
        debug_assert_eq!(self.where_.len(), first);
        // Entries with counts (the short lists of common stems), in
        // parallel, a chunk of lists at a time: each counted entry copies
        // its list, so the whole batch at once would hold it twice.
        let mut lists = lists.into_iter();
        loop {
            let mut chunk: Vec<String> = Vec::new();
            let mut bytes = 0usize;
            for list in lists.by_ref() {
                bytes += list.len();
                chunk.push(list);
                if bytes >= COUNT_CHUNK_BYTES {
                    break;
                }
            }
            if chunk.is_empty() {
                break;
            }
            let shorts: Vec<Option<String>> = chunk
                .par_iter()
                .map_init(Scratch::default, |scratch, list| {
                    (self.counts || list.len() > BIG_POSTINGS)
                        .then(|| counted_entry(list, facets, scratch))
                })
                .collect();
            for (list, short) in chunk.into_iter().zip(shorts) {
                self.push(list, short, emit);
            }
        }
    }

    /// Adds one stem's entry (its list, and its counted entry if any).
    fn push(&mut self, list: String, short: Option<String>, emit: &mut dyn FnMut(&str, &[u8])) {
        let mut at = StemFiles::default();
        // The entry: a counted one, or the list itself, quoted (written
        // straight into the pack, not copied first).
        let entry = match short {
            Some(counted) if list.len() <= BIG_POSTINGS => Some(counted),
            Some(short) => {
                let mut whole = String::with_capacity(list.len() + 2);
                whole.push('"');
                whole.push_str(&list);
                whole.push('"');
                emit(&format!("w/{}.json", self.wholes), whole.as_bytes());
                at.whole = Some(self.wholes);
                self.wholes += 1;
                Some(short)
            }
            None => None,
        };
        let len = entry.as_ref().map_or(list.len() + 2, String::len);
        if self.in_pack > 0 && self.pack.len() + len > POSTINGS_FILE_BYTES {
            self.flush(emit);
        }
        self.pack.push(if self.in_pack == 0 { '[' } else { ',' });
        at.pack = self.packs;
        at.idx = self.in_pack;
        match entry {
            Some(entry) => self.pack.push_str(&entry),
            None => {
                self.pack.push('"');
                self.pack.push_str(&list);
                self.pack.push('"');
            }
        }
        self.in_pack += 1;
        self.where_.push(at);
    }

    fn flush(&mut self, emit: &mut dyn FnMut(&str, &[u8])) {
        self.pack.push(']');
        emit(&format!("p/{}.json", self.packs), self.pack.as_bytes());
        self.packs += 1;
        self.in_pack = 0;
        self.pack.clear();
    }

    /// Writes the last pack; returns where every stem's postings are.
    fn finish(mut self, emit: &mut dyn FnMut(&str, &[u8])) -> Vec<StemFiles> {
        if self.in_pack > 0 {
            self.flush(emit);
        }
        self.where_
    }
}
