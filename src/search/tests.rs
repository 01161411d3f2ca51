//! Tests of the index as a whole: format, ranking, determinism, tiering.
//! (Words, folding and stemming are tested in `text`; digests in `digest`.)

use std::collections::BTreeMap;

use super::digest::{stem_hash, Lexicon};
use super::format::{self, read_postings, Group, Input, Posting, VlqReader};
use super::records::{self, Kind, Record, Shown};

fn record(title: &str, body: &str) -> Record {
    Record {
        shown: Shown {
            title: title.into(),
            url: format!("/{}/", title.to_lowercase().replace(' ', "-")),
            text: Some(body.into()),
            context: String::new(),
        },
        title: vec![title.into()],
        body: vec![body.into()],
        topics: Vec::new(),
        status: None,
    }
}

/// An index built in memory: every file by name, and the manifest.
struct Built {
    files: BTreeMap<String, Vec<u8>>,
    manifest: serde_json::Value,
}

/// The index's input for `groups`, digested into `written`.
fn input<'a>(
    lex: &'a Lexicon,
    groups: &[(Kind, Vec<Record>)],
    written: &'a [records::Written],
) -> Input<'a> {
    Input {
        synonyms: Default::default(),
        names: Default::default(),
        lexicon: lex,
        groups: groups
            .iter()
            .zip(written)
            .enumerate()
            .map(|(id, ((kind, recs), w))| Group {
                id: id as u32,
                kind: *kind,
                digest: &w.digest,
                topics: Vec::new(),
                docs: if *kind == Kind::Fact {
                    recs.iter().map(|_| (vec![0], 1)).collect()
                } else {
                    Vec::new()
                },
            })
            .collect(),
        topics: vec!["Privacy".into()],
        statuses: super::STATUSES.to_vec(),
        docs_hash: 0,
        snippets_from_pages: false,
    }
}

fn digested(lex: &Lexicon, groups: &[(Kind, Vec<Record>)]) -> Vec<records::Written> {
    groups
        .iter()
        .map(|(_, r)| records::group(lex, r, None))
        .collect()
}

fn build(lex: &Lexicon, groups: &[(Kind, Vec<Record>)]) -> Built {
    let written = digested(lex, groups);
    let input = input(lex, groups, &written);
    let mut files = BTreeMap::new();
    let out = format::build(&input, &mut |name, data| {
        assert!(
            files.insert(name.to_string(), data.to_vec()).is_none(),
            "{name} twice"
        );
    });
    Built {
        files,
        manifest: serde_json::from_str(&out.manifest).unwrap(),
    }
}

impl Built {
    fn json(&self, name: &str) -> serde_json::Value {
        serde_json::from_slice(&self.files[name]).unwrap_or_else(|e| panic!("{name}: {e}"))
    }

    /// What search.js does to find a word: its shard, its stem entry.
    /// Returns (df, hash, pack, idx, whole) of the word's stem.
    fn stem_of(&self, word: &str) -> Option<[u64; 5]> {
        let bounds: Vec<String> = serde_json::from_value(self.manifest["vocab"].clone()).unwrap();
        let shard = bounds.iter().filter(|b| b.as_str() <= word).count();
        let v = self.json(&format!("v/{shard}.json"));
        let words: Vec<&str> = v["w"].as_str().unwrap().split(' ').collect();
        let at = words.iter().position(|w| *w == word)?;
        let mut s = VlqReader::new(v["s"].as_str().unwrap());
        let local = (0..=at).map(|_| s.num()).last().unwrap();
        let mut t = VlqReader::new(v["t"].as_str().unwrap());
        let mut entry = [0u64; 5];
        for _ in 0..=local {
            for x in &mut entry {
                *x = t.num();
            }
        }
        Some(entry)
    }

    /// A word, or else its first completion (as search.js does).
    fn resolve(&self, word: &str) -> [u64; 5] {
        if let Some(e) = self.stem_of(word) {
            return e;
        }
        let v = self.json("v/0.json");
        let w = v["w"]
            .as_str()
            .unwrap()
            .split(' ')
            .find(|w| w.starts_with(word));
        self.stem_of(w.unwrap_or_else(|| panic!("no {word}")))
            .unwrap()
    }

    /// The postings of a word's stem (the whole list).
    fn postings(&self, word: &str) -> Vec<Posting> {
        let [_, _, pack, idx, whole] = self.resolve(word);
        if whole > 0 {
            let s: String =
                serde_json::from_value(self.json(&format!("w/{}.json", whole - 1))).unwrap();
            return read_postings(&s);
        }
        let p = self.json(&format!("p/{pack}.json"));
        let entry = &p[idx as usize];
        read_postings(entry.as_str().or_else(|| entry[0].as_str()).unwrap())
    }

    /// search.js's score, in short: the sum over words of each record's
    /// impact, ×1.5 when a word's follower is the next word; records
    /// matching every word, best first, ties by record order.
    fn search(&self, words: &[&str]) -> Vec<(u32, u32)> {
        let base = self.manifest["impact_base"].as_f64().unwrap();
        type Matches = Vec<Option<(f64, u8)>>;
        let mut scores: BTreeMap<(u32, u32), Matches> = BTreeMap::new();
        for (k, w) in words.iter().enumerate() {
            for p in self.postings(w) {
                let e = scores
                    .entry((p.group, p.idx))
                    .or_insert_with(|| vec![None; words.len()]);
                e[k] = Some((2f64.powf(f64::from(p.impact) / base), p.follower));
            }
        }
        let mut hits: Vec<((u32, u32), f64)> = scores
            .into_iter()
            .filter(|(_, m)| m.iter().all(Option::is_some))
            .map(|(doc, m)| {
                let mut s: f64 = m.iter().flatten().map(|x| x.0).sum();
                for k in 0..words.len().saturating_sub(1) {
                    let next = self.resolve(words[k + 1])[1] as u8;
                    if m[k].unwrap().1 == next {
                        s *= 1.5;
                    }
                }
                (doc, s)
            })
            .collect();
        hits.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
        hits.into_iter().map(|h| h.0).collect()
    }
}

#[test]
fn vlq_and_postings_round_trip() {
    let mut v = format::Vlq::default();
    for n in [0u64, 1, 31, 32, 1023, 1024, 1 << 40] {
        v.num(n);
    }
    v.digit(63);
    let mut r = VlqReader::new(&v.0);
    for n in [0u64, 1, 31, 32, 1023, 1024, 1 << 40] {
        assert_eq!(r.num(), n);
    }
    assert_eq!(r.digit(), 63);
    assert!(r.done());
    assert!(v.0.bytes().all(|b| format::DIGITS.contains(&b)));

    let postings = vec![
        Posting {
            group: 0,
            idx: 0,
            impact: 5,
            follower: 0,
        },
        Posting {
            group: 0,
            idx: 3,
            impact: 63,
            follower: 12,
        },
        Posting {
            group: 7,
            idx: 1,
            impact: 0,
            follower: 63,
        },
        Posting {
            group: 4000,
            idx: 0,
            impact: 9,
            follower: 1,
        },
    ];
    let mut w = format::PostingsWriter::default();
    postings.iter().for_each(|&p| w.push(p));
    assert_eq!(read_postings(&w.finish()), postings);

    // Lists of every shape (groups next to each other or far apart, places
    // large and small): read back as written.
    let mut seed = 7u64;
    let mut next = |n: u64| {
        seed = seed
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        (seed >> 33) % n
    };
    for _ in 0..200 {
        let mut list = Vec::new();
        let mut group = next(3) as u32;
        let mut idx = next(40) as u32;
        for _ in 0..1 + next(30) {
            list.push(Posting {
                group,
                idx,
                impact: next(64) as u8,
                follower: next(64) as u8,
            });
            match next(4) {
                0 => idx += 1 + next(20) as u32,
                1 => {
                    group += 1;
                    idx = next(12) as u32;
                }
                _ => {
                    group += 1 + next(5000) as u32;
                    idx = next(40) as u32;
                }
            }
        }
        let mut whole = format::PostingsWriter::default();
        list.iter().for_each(|&p| whole.push(p));
        let one = whole.finish();
        assert_eq!(read_postings(&one), list);
        // A writer cleared and reused writes the same bytes.
        let mut reused = format::PostingsWriter::default();
        reused.push(list[0]);
        reused.clear();
        list.iter().for_each(|&p| reused.push(p));
        assert_eq!(reused.as_str(), one);
    }
    // A posting in the group after the previous one's takes one digit
    // before its impact and follower.
    let mut w = format::PostingsWriter::default();
    for group in 0..3 {
        w.push(Posting {
            group: 10 + group,
            idx: 2,
            impact: 1,
            follower: 1,
        });
    }
    assert_eq!(w.finish().len(), 4 + 3 + 3);
}

/// Pages of made-up words, a few common and most rare (as in any text),
/// in groups of one to eight records.
fn random_site(seed: u64) -> Vec<(Kind, Vec<Record>)> {
    let mut seed = seed;
    let mut next = move |n: u64| {
        seed = seed
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        (seed >> 33) % n
    };
    let syllables = [
        "ka", "lo", "mi", "ren", "sta", "vu", "dor", "ing", "ed", "s",
    ];
    let word = |next: &mut dyn FnMut(u64) -> u64| {
        // Zipf-like: small numbers far more often than large ones.
        let n = next(600) * next(600) / 600;
        let mut w = String::new();
        let mut k = n + 1;
        while k > 0 {
            w.push_str(syllables[(k % 10) as usize]);
            k /= 10;
        }
        w
    };
    (0..60)
        .map(|_| {
            let recs = (0..1 + next(8))
                .map(|_| {
                    let title: Vec<String> = (0..1 + next(3)).map(|_| word(&mut next)).collect();
                    let body: Vec<String> = (0..next(80)).map(|_| word(&mut next)).collect();
                    record(&title.join(" "), &body.join(" "))
                })
                .collect();
            (if next(3) == 0 { Kind::Fact } else { Kind::Page }, recs)
        })
        .collect()
}

#[test]
fn postings_are_every_record_of_a_stem_in_order_whatever_the_threads() {
    let site = random_site(3);
    let lex = Lexicon::new("en");
    let written = digested(&lex, &site);
    let input = input(&lex, &site, &written);
    let (_, stems) = lex.tables();
    let ids: Vec<u32> = (0..stems.len() as u32).collect();
    let in_pool = |threads: usize, f: &(dyn Fn() -> Vec<Vec<String>> + Sync)| {
        rayon::ThreadPoolBuilder::new()
            .num_threads(threads)
            .build()
            .unwrap()
            .install(f)
    };
    let lists = |wide: bool| {
        let stats = input.stats(&ids, ids.len());
        // In batches of 37 stems (a large site's are of millions of
        // postings): each pass skips the other batches' stems.
        assert_eq!(stats.batches(), vec![0..ids.len()]);
        (0..ids.len())
            .step_by(37)
            .map(|start| start..(start + 37).min(ids.len()))
            .map(|b| {
                let mut lists = Vec::new();
                let mut add = |first: usize, chunk: Vec<String>| {
                    assert_eq!(first, b.start + lists.len(), "chunks in order");
                    lists.extend(chunk);
                };
                match wide {
                    false => input.postings_in::<u32>(&stats, &ids, b.clone(), &mut add),
                    true => input.postings_in::<u64>(&stats, &ids, b.clone(), &mut add),
                }
                assert_eq!(lists.len(), b.len());
                lists
            })
            .collect::<Vec<_>>()
    };
    let one: Vec<String> = in_pool(1, &|| lists(false)).concat();
    // What the lists must hold, worked out the plain way: each stem's
    // records in order, scored one by one.
    let stats = input.stats(&ids, ids.len());
    let max = format::idf(stats.docs, 1) * (format::K1 + 1.0);
    let mut want = vec![Vec::new(); ids.len()];
    for g in &input.groups {
        g.digest.visit(|idx, title_len, body_len, e| {
            let idf = format::idf(stats.docs, stats.df[e.stem as usize]);
            let score = format::bm25(
                idf,
                e.title,
                e.body,
                title_len,
                body_len,
                stats.avg_title,
                stats.avg_body,
            );
            want[e.stem as usize].push(Posting {
                group: g.id,
                idx,
                impact: format::quantise(score, max),
                follower: e.follower,
            });
        });
    }
    assert!(want.iter().any(|l| l.len() > 20), "some stems are common");
    for (stem, list) in one.iter().enumerate() {
        assert_eq!(read_postings(list), want[stem], "stem {}", stems[stem]);
    }
    // Split among threads (a thread's groups, one after the other), with
    // postings of four bytes or eight: the same bytes.
    for threads in [2, 3, 5, 8] {
        for wide in [false, true] {
            let lists = in_pool(threads, &|| lists(wide)).concat();
            assert!(lists == one, "{threads} threads, wide: {wide}");
        }
    }
}

#[test]
fn impacts_rank_titles_above_bodies_and_rare_words_above_common_ones() {
    let idf_rare = format::idf(1000, 2);
    let idf_common = format::idf(1000, 500);
    assert!(idf_rare > idf_common && idf_common > 0.0);
    let title = format::bm25(idf_common, 1, 0, 5, 100, 5.0, 100.0);
    let body = format::bm25(idf_common, 0, 1, 5, 100, 5.0, 100.0);
    assert!(title > 1.5 * body, "{title} vs {body}");
    let thrice = format::bm25(idf_common, 0, 3, 5, 100, 5.0, 100.0);
    assert!(title > thrice, "one title match beats three in the body");
    let short = format::bm25(idf_common, 0, 1, 5, 20, 5.0, 100.0);
    assert!(short > body, "a shorter body ranks higher");
    let max = format::idf(1000, 1) * (format::K1 + 1.0);
    assert_eq!(format::quantise(max, max), 63);
    assert!(format::quantise(title, max) > format::quantise(body, max));
    assert_eq!(format::quantise(0.0, max), 0);
    // The index quantises with steps found by binary search: the same values.
    let q = format::Quantiser::new(max);
    for i in 0..2000 {
        let s = max * (i as f64 / 1000.0).powi(3) / 8.0;
        assert_eq!(q.get(s), format::quantise(s, max), "{s}");
    }
    assert_eq!(q.get(max * 2.0), 63);
}

#[test]
fn a_statement_match_ranks_first_and_phrases_are_boosted() {
    let lex = Lexicon::new("en");
    let built = build(
        &lex,
        &[
            (
                Kind::Fact,
                vec![
                    record("Twenty states have filed lawsuits", "the report says"),
                    record(
                        "ICE may obtain the Social Security numbers of Medicaid recipients",
                        "the report says",
                    ),
                ],
            ),
            (
                Kind::Page,
                vec![
                    record("What data", "Security of the social services data is a worry. Names, addresses and more."),
                    record("Social programs", "Security and social care; the social security of enrollees."),
                ],
            ),
        ],
    );
    let hits = built.search(&["social", "security"]);
    assert_eq!(hits[0], (0, 1), "{hits:?}");
    // The page whose first "social" is followed by "security" beats the
    // one where they are apart.
    let social_page = hits.iter().position(|h| *h == (1, 1)).unwrap();
    let apart_page = hits.iter().position(|h| *h == (1, 0)).unwrap();
    assert!(social_page < apart_page, "{hits:?}");
    // Stemmed: "lawsuit" finds "lawsuits".
    assert_eq!(built.search(&["lawsuit"]), vec![(0, 0)]);
    assert_eq!(
        built.stem_of("lawsuit"),
        None,
        "only words that occur are listed"
    );
    assert_eq!(built.stem_of("lawsuits").unwrap()[0], 1, "df");
    assert_eq!(
        built.stem_of("security").unwrap()[1],
        u64::from(stem_hash("secur"))
    );
}

#[test]
fn ties_keep_record_order() {
    let lex = Lexicon::new("en");
    let same = || record("Alpha", "beta");
    let built = build(&lex, &[(Kind::Page, vec![same(), same(), same()])]);
    assert_eq!(built.search(&["alpha"]), vec![(0, 0), (0, 1), (0, 2)]);
}

#[test]
fn the_index_is_deterministic_whatever_order_words_were_met() {
    let groups = || {
        vec![
            (
                Kind::Fact,
                vec![
                    record("Zebra crossing", "yak"),
                    record("Apple", "mango zebra"),
                ],
            ),
            (Kind::Page, vec![record("Mango", "apple yak quince")]),
        ]
    };
    let a = Lexicon::new("en");
    let b = Lexicon::new("en");
    // b meets the words in another order first.
    for w in ["yak", "quince", "zebra", "mango", "apple"] {
        b.intern(w);
    }
    let (x, y) = (build(&a, &groups()), build(&b, &groups()));
    assert_eq!(x.files, y.files);
    assert_eq!(x.manifest, y.manifest);
}

#[test]
fn a_word_interned_after_the_lexicon_is_finished_is_a_bug_not_a_second_id() {
    // Once every record is digested, a build's lexicon lets go of what
    // interning needs (the maps from text to id).
    let lex = Lexicon::new("en");
    let first = lex.intern("medicaid");
    assert_eq!(lex.intern("medicaid"), first);
    lex.finish_interning();
    let again = std::panic::catch_unwind(|| lex.intern("medicaid"));
    assert!(again.is_err());
}

#[test]
fn common_stems_get_a_short_list_with_counts() {
    let lex = Lexicon::new("en");
    let n = 6000;
    let mut facts = Vec::new();
    for i in 0..n {
        // Every record has "common"; every 10th has it in its title.
        let r = if i % 10 == 0 {
            record(&format!("Common thing {i}"), "filler")
        } else {
            record(&format!("Thing {i}"), "common filler words")
        };
        facts.push(r);
    }
    let built = build(&lex, &[(Kind::Fact, facts)]);
    let [df, _, pack, idx, whole] = built.stem_of("common").unwrap();
    assert_eq!(df, n as u64);
    assert!(whole > 0, "a whole-list file for a common stem");
    let all = built.postings("common");
    assert_eq!(all.len(), n);
    let p = built.json(&format!("p/{pack}.json"));
    let entry = &p[idx as usize];
    let short = read_postings(entry[0].as_str().unwrap());
    assert_eq!(short.len(), format::TOP);
    // The short list holds the best: every title match is in it.
    let best = all.iter().map(|p| p.impact).max().unwrap();
    assert!(short.iter().all(|p| p.impact
        >= all
            .iter()
            .filter(|q| !short.contains(q))
            .map(|q| q.impact)
            .max()
            .unwrap()));
    assert!(short.iter().any(|p| p.impact == best));
    assert_eq!(entry[1], n as u64, "total");
    // Counts: all facts, all "reported" (status 1 here), all topic 0.
    let kinds = VlqReader::new(entry[2].as_str().unwrap()).num();
    assert_eq!(kinds, n as u64);
    let mut st = VlqReader::new(entry[3].as_str().unwrap());
    let statuses: Vec<u64> = (0..4).map(|_| st.num()).collect();
    assert_eq!(statuses, [0, n as u64, 0, 0]);
    let mut tp = VlqReader::new(entry[4].as_str().unwrap());
    assert_eq!((tp.num(), tp.num()), (0, n as u64));
}

#[test]
fn manifest_and_facets_describe_the_groups() {
    let lex = Lexicon::new("en");
    let built = build(
        &lex,
        &[
            (Kind::Fact, vec![record("One", "x"), record("Two", "y")]),
            (Kind::Event, vec![record("Three", "z")]),
            (Kind::Page, vec![record("Four", "w")]),
        ],
    );
    assert_eq!(
        built.manifest["kinds"],
        serde_json::json!([["fact", 0, 1], ["event", 1, 2], ["page", 2, 3]])
    );
    assert_eq!(built.manifest["docs"], 4);
    assert_eq!(built.manifest["stop"][0], "a");
    assert_eq!(built.manifest["version"].as_str().unwrap().len(), 16);
    // Facts: group 0, 2 records, each status 1 with topic 0.
    let f = built.json("facets.json");
    let mut r = VlqReader::new(f["f"].as_str().unwrap());
    assert_eq!([r.num(), r.num()], [0, 2]);
    assert_eq!([r.num(), r.num(), r.num()], [1, 1, 0]);
    assert_eq!([r.num(), r.num(), r.num()], [1, 1, 0]);
    assert!(r.done());
}

#[test]
fn vocabulary_shards_split_a_large_vocabulary_in_order() {
    let lex = Lexicon::new("en");
    let words: Vec<String> = (0..3000).map(|i| format!("w{i:05}x")).collect();
    let built = build(
        &lex,
        &[(Kind::Page, vec![record("Words", &words.join(" "))])],
    );
    let bounds: Vec<String> = serde_json::from_value(built.manifest["vocab"].clone()).unwrap();
    assert!(bounds.len() >= 2, "{} shards", bounds.len() + 1);
    assert!(bounds.windows(2).all(|w| w[0] < w[1]));
    for w in ["w00000x", "w01500x", "w02999x"] {
        assert!(built.stem_of(w).is_some(), "{w}");
    }
    for (name, data) in &built.files {
        if name.starts_with("v/") {
            assert!(
                data.len() < 2 * format::VOCAB_SHARD_BYTES,
                "{name}: {}",
                data.len()
            );
        }
    }
}

/// Every word the reverse vocabulary lists, shard after shard.
fn reverse_listed(built: &Built, bounds: &[String]) -> Vec<String> {
    (0..=bounds.len())
        .flat_map(|n| {
            let v = built.json(&format!("r/{n}.json"));
            v["w"]
                .as_str()
                .unwrap()
                .split(' ')
                .map(String::from)
                .collect::<Vec<_>>()
        })
        .collect()
}

#[test]
fn reverse_shards_list_words_backwards_for_typos_in_the_first_letters() {
    let lex = Lexicon::new("en");
    let mut words: Vec<String> = (0..1500).map(|i| format!("w{i:04}x")).collect();
    words.extend(["medicaid", "ice", "enrollees"].map(String::from));
    let built = build(
        &lex,
        &[(Kind::Page, vec![record("Words", &words.join(" "))])],
    );
    let bounds: Vec<String> = serde_json::from_value(built.manifest["rvocab"].clone()).unwrap();
    assert!(bounds.len() >= 2, "{} reverse shards", bounds.len() + 1);
    assert!(bounds.windows(2).all(|w| w[0] < w[1]));
    // What search.js does with "nedicaid": the shard of "diacid" (its
    // letters after the first two, backwards) lists "diacidem".
    let shard = |key: &str| bounds.iter().filter(|b| b.as_str() <= key).count();
    let listed = |key: &str| -> Vec<String> {
        let v = built.json(&format!("r/{}.json", shard(key)));
        v["w"]
            .as_str()
            .unwrap()
            .split(' ')
            .map(String::from)
            .collect()
    };
    assert!(listed("diacid").contains(&"diacidem".to_string()));
    assert!(listed("seellor").contains(&"seellorne".to_string()));
    // Words too short to be a one-edit reading of five letters are left out.
    let all = reverse_listed(&built, &bounds);
    assert!(!all.contains(&"eci".to_string()));
    // 1,500 generated words, medicaid, enrollees and the title's `words`.
    assert_eq!(all.len(), 1503);
    let mut sorted = all.clone();
    sorted.sort();
    assert_eq!(all, sorted);
}

#[test]
fn with_large_facets_every_stem_carries_its_counts() {
    let facts = |n: usize| -> Vec<Record> {
        (0..n)
            .map(|i| record(&format!("Fact {i}"), &format!("rare{i} shared")))
            .collect()
    };
    // Fewer records: facets.json is small (up to some 25,000 pages), a
    // rare word's entry is its list.
    let small = build(&Lexicon::new("en"), &[(Kind::Fact, facts(3000))]);
    assert!(small.files["facets.json"].len() <= format::INLINE_COUNTS_ABOVE);
    let [_, _, pack, idx, _] = small.stem_of("rare3").unwrap();
    assert!(small.json(&format!("p/{pack}.json"))[idx as usize].is_string());

    // Many records: facets.json is large, so every entry is
    // [list, total, kinds, statuses, topics] and a one-word query needs no
    // facets; a rare word's list is whole (no w/ file).
    let big = build(&Lexicon::new("en"), &[(Kind::Fact, facts(45_000))]);
    assert!(big.files["facets.json"].len() > format::INLINE_COUNTS_ABOVE);
    let [df, _, pack, idx, whole] = big.stem_of("rare1234").unwrap();
    assert_eq!((df, whole), (1, 0));
    let entry = &big.json(&format!("p/{pack}.json"))[idx as usize];
    let list = read_postings(entry[0].as_str().unwrap());
    assert_eq!(list.len(), 1);
    assert_eq!((list[0].group, list[0].idx), (0, 1234));
    assert_eq!(entry[1], 1, "total");
    assert_eq!(
        VlqReader::new(entry[2].as_str().unwrap()).num(),
        1,
        "one fact"
    );
    let mut st = VlqReader::new(entry[3].as_str().unwrap());
    let statuses: Vec<u64> = (0..4).map(|_| st.num()).collect();
    assert_eq!(statuses, [0, 1, 0, 0]);
    assert_eq!(big.postings("shared").len(), 45_000);
    // The script learns which it is from the manifest: with counts in
    // every entry it fetches no facets for one word.
    assert_eq!(small.manifest["counts"], false);
    assert_eq!(big.manifest["counts"], true);
}

#[test]
fn reverse_shards_are_in_the_order_of_the_words_backwards() {
    // Words sharing their last eight bytes and more, and letters of two to
    // four bytes, where a key of the first bytes cannot decide.
    let lex = Lexicon::new("es");
    let words: Vec<String> = [
        "inmigración",
        "emigración",
        "inmigraciones",
        "ñandúes",
        "canción",
        "acción",
        "reacción",
        "transacción",
        "sección",
        "sucesión",
        "ciudadanía",
        "ciudadanías",
        "señoras",
        "señores",
        "𝐀lfa𝐀lfa",
        "beta𝐀lfa",
        "ابتثجح",
        "ааааааааа",
        "бааааааааа",
    ]
    .iter()
    .map(|w| w.to_string())
    .collect();
    let built = build(
        &lex,
        &[(Kind::Page, vec![record("Words", &words.join(" "))])],
    );
    let bounds: Vec<String> = serde_json::from_value(built.manifest["rvocab"].clone()).unwrap();
    let listed = reverse_listed(&built, &bounds);
    assert!(listed.len() >= 15, "{listed:?}");
    assert!(
        listed.windows(2).all(|w| w[0] < w[1]),
        "not in order: {listed:?}"
    );
}
