//! The vocabulary files of the index: `v/N.json`, the sorted words with
//! their stems and where each stem's postings are, and `r/N.json`, the
//! words spelt backwards (for a typo in a word's first letters), each in
//! shards of about 2 KB. Written by [`super::format::build`].

use super::encoding::Vlq;

/// A vocabulary shard holds about this many bytes: small, because a later
/// query fetches the shard of each new word it types (the manifest lists
/// one bound per shard, a few bytes each).
pub const VOCAB_SHARD_BYTES: usize = 2 * 1024;
/// A reverse vocabulary shard (words spelt backwards, for typos in a
/// word's first letters) holds about this many bytes.
pub const REVERSE_SHARD_BYTES: usize = 2 * 1024;
/// Words shorter than this are not in the reverse vocabulary: typos are
/// looked for only in words of five letters or more, and one edit takes a
/// letter away at most.
pub const REVERSE_MIN_CHARS: usize = 4;

/// Where a stem's postings are: the pack and place of its first list (the
/// whole list, or the short list of a common stem), and the file of the
/// whole list of a common stem.
#[derive(Debug, Clone, Copy, Default)]
pub(super) struct StemFiles {
    pub(super) pack: u32,
    pub(super) idx: u32,
    pub(super) whole: Option<u32>,
}

/// A `v/N.json` file, its keys in the order they have always been written.
#[derive(serde::Serialize)]
struct Shard<'a> {
    s: &'a str,
    t: &'a str,
    w: &'a str,
}

/// An `r/N.json` file.
#[derive(serde::Serialize)]
struct ReverseShard<'a> {
    w: &'a str,
}

/// Splits the sorted vocabulary into `v/N.json` shards of about
/// [`VOCAB_SHARD_BYTES`]; returns the first word of every shard but the
/// first, and the files.
///
/// A shard is `{"w": "word word ...", "s": VLQ per word: index into the
/// shard's stems, "t": VLQ per stem: df, hash, pack, place in the pack,
/// whole-list file + 1 (0: the list in the pack is whole)}`.
pub(super) fn vocab_shards(
    words: &[(&str, u32)],
    stems: &[&str],
    df: &[u32],
    files: &[StemFiles],
    emit: &mut dyn FnMut(&str, &[u8]),
) -> Vec<String> {
    let mut bounds = Vec::new();
    let mut n = 0usize;
    let mut start = 0usize;
    while start < words.len() {
        let mut end = start;
        let mut bytes = 0usize;
        while end < words.len() && (bytes < VOCAB_SHARD_BYTES || end == start) {
            // Word, its stem index and (roughly) a share of a stem entry.
            bytes += words[end].0.len() + 1 + 2 + 8;
            end += 1;
        }
        let shard = &words[start..end];
        let mut local: Vec<u32> = shard.iter().map(|w| w.1).collect();
        local.sort_unstable();
        local.dedup();
        let mut w = String::new();
        let mut s = Vlq::default();
        for (i, (word, stem)) in shard.iter().enumerate() {
            if i > 0 {
                w.push(' ');
            }
            w.push_str(word);
            s.num(local.binary_search(stem).unwrap_or(0) as u64);
        }
        let mut t = Vlq::default();
        for &stem in &local {
            let f = files[stem as usize];
            t.num(u64::from(df[stem as usize]));
            t.num(u64::from(super::digest::stem_hash(stems[stem as usize])));
            t.num(u64::from(f.pack));
            t.num(u64::from(f.idx));
            t.num(f.whole.map_or(0, |x| u64::from(x) + 1));
        }
        if start > 0 {
            bounds.push(shard[0].0.to_string());
        }
        let body = serde_json::to_string(&Shard {
            s: &s.0,
            t: &t.0,
            w: &w,
        })
        .unwrap_or_default();
        emit(&format!("v/{n}.json"), body.as_bytes());
        n += 1;
        start = end;
    }
    if n == 0 {
        emit("v/0.json", br#"{"s":"","t":"","w":""}"#);
    }
    bounds
}

/// Splits the vocabulary, each word spelt backwards, into `r/N.json` shards
/// of about [`REVERSE_SHARD_BYTES`], sorted; returns the first (reversed)
/// word of every shard but the first.
///
/// The forward shards find a typo after a word's first two letters (the
/// script scans the words that share them). A typo in the first two
/// letters leaves the rest of the word intact, so the script looks up the
/// typed word's end here, among words that end the same way, and then
/// their forward shards. A shard is `{"w": "drow drow ..."}`; only words
/// of [`REVERSE_MIN_CHARS`] characters or more are listed.
pub(super) fn reverse_shards(words: &[(&str, u32)]) -> (Vec<String>, Vec<(String, Vec<u8>)>) {
    let mut files = Vec::new();
    let mut emit = |name: &str, data: &[u8]| files.push((name.to_string(), data.to_vec()));
    // Sorted by their words spelt backwards, compared a character at a time
    // from the end (the order of the reversed strings), so that no reversed
    // copy of the vocabulary is held.
    let mut rev: Vec<&str> = words
        .iter()
        .map(|(w, _)| &**w)
        .filter(|w| w.chars().nth(REVERSE_MIN_CHARS - 1).is_some())
        .collect();
    // Mostly by the first eight bytes of each reversed word's UTF-8 (which
    // sorts as its characters do).
    sort_by_prefix(
        &mut rev,
        |w| {
            let mut b = [0u8; 8];
            let mut n = 0;
            for c in w.chars().rev() {
                let mut utf8 = [0u8; 4];
                for &x in c.encode_utf8(&mut utf8).as_bytes() {
                    if n == 8 {
                        return u64::from_be_bytes(b);
                    }
                    b[n] = x;
                    n += 1;
                }
            }
            u64::from_be_bytes(b)
        },
        |a, b| a.chars().rev().cmp(b.chars().rev()),
    );
    let reversed = |w: &str| w.chars().rev().collect::<String>();
    let mut bounds = Vec::new();
    let (mut n, mut start) = (0usize, 0usize);
    while start < rev.len() {
        let (mut end, mut bytes) = (start, 0usize);
        while end < rev.len() && (bytes < REVERSE_SHARD_BYTES || end == start) {
            bytes += rev[end].len() + 1;
            end += 1;
        }
        if start > 0 {
            bounds.push(reversed(rev[start]));
        }
        let mut list = String::with_capacity(bytes);
        for (i, w) in rev[start..end].iter().enumerate() {
            if i > 0 {
                list.push(' ');
            }
            list.extend(w.chars().rev());
        }
        let body = serde_json::to_string(&ReverseShard { w: &list }).unwrap_or_default();
        emit(&format!("r/{n}.json"), body.as_bytes());
        n += 1;
        start = end;
    }
    if n == 0 {
        emit("r/0.json", br#"{"w":""}"#);
    }
    (bounds, files)
}

/// Sorts `items` as `cmp` orders them, mostly by the `u64` that `prefix`
/// gives each, held beside it, so that most comparisons follow no pointer
/// to a text. `prefix` must order items as `cmp` does wherever two
/// prefixes differ (the first bytes of what `cmp` compares, big-endian,
/// zero-padded); equal prefixes are decided by `cmp`.
pub(super) fn sort_by_prefix<T: Copy>(
    items: &mut Vec<T>,
    prefix: impl Fn(&T) -> u64,
    cmp: impl Fn(&T, &T) -> std::cmp::Ordering,
) {
    let mut keyed: Vec<(u64, T)> = items.iter().map(|item| (prefix(item), *item)).collect();
    keyed.sort_unstable_by(|a, b| a.0.cmp(&b.0).then_with(|| cmp(&a.1, &b.1)));
    items.clear();
    items.extend(keyed.into_iter().map(|(_, item)| item));
    // Collected in place: give back the room the keys took.
    items.shrink_to_fit();
}
