//! The digest's tests: counts, followers, the one-pass scanner against
//! the general split and fold, the entry and varint encodings.

use super::*;

#[test]
fn counts_title_and_body_and_skips_stop_words() {
    let lex = Lexicon::new("en");
    let mut b = DigestBuilder::new(&lex);
    b.doc(&[
        Piece::title("The lawsuits"),
        Piece::body("Twenty states sued. The lawsuit is ongoing; states say so."),
    ]);
    let d = b.finish();
    let docs: Vec<DocStats> = d.docs().collect();
    assert_eq!(docs.len(), 1);
    assert_eq!(docs[0].title_len, 1);
    // twenty states sued lawsuit ongoing states say so
    assert_eq!(docs[0].body_len, 8);
    let stem = |w: &str| lex.intern(w).stem;
    let e = |s: u32| *docs[0].entries.iter().find(|e| e.stem == s).unwrap();
    assert_eq!(e(stem("lawsuit")).title, 1);
    assert_eq!(e(stem("lawsuit")).body, 1);
    assert_eq!(e(stem("states")).body, 2);
    assert!(docs[0].entries.iter().all(|x| x.stem != stem("the")));
}

#[test]
fn follower_is_the_stem_after_the_first_occurrence_within_a_piece() {
    let lex = Lexicon::new("en");
    let mut b = DigestBuilder::new(&lex);
    b.doc(&[
        Piece::title("Social Security numbers"),
        Piece::body("social media and security"),
    ]);
    let d = b.finish();
    let doc = d.docs().next().unwrap();
    let r = |w: &str| lex.intern(w);
    let e = |w: &str| *doc.entries.iter().find(|e| e.stem == r(w).stem).unwrap();
    assert_eq!(e("social").follower, r("security").hash);
    assert_eq!(e("security").follower, r("numbers").hash);
    // Last word of a piece: no follower (pieces do not join).
    assert_eq!(e("numbers").follower, 0);
    // "and" is a stop word: "media" is followed by "security".
    assert_eq!(e("media").follower, r("security").hash);
}

#[test]
fn digest_round_trips_and_interns_each_word_once() {
    let lex = Lexicon::new("en");
    let mut b = DigestBuilder::new(&lex);
    b.doc(&[Piece::body("alpha beta alpha")]);
    b.doc(&[Piece::title("beta gamma"), Piece::body("")]);
    let d = b.finish();
    assert_eq!(d.docs, 2);
    let docs: Vec<_> = d.docs().collect();
    assert_eq!(docs[1].title_len, 2);
    assert_eq!(docs[1].body_len, 0);
    // Each word is in the lexicon once (the index's vocabulary is the
    // whole lexicon), whatever how often it occurs.
    let mut words = lex
        .tables()
        .0
        .iter()
        .map(|(w, _)| w.to_string())
        .collect::<Vec<_>>();
    words.sort_unstable();
    assert_eq!(words, ["alpha", "beta", "gamma"]);
}

#[test]
fn short_words_get_the_same_ids_as_folded_ones() {
    let lex = Lexicon::new("en");
    let mut b = DigestBuilder::new(&lex);
    // Short ASCII words take the packed path, the others the general
    // one; "ICE" and "ice", "Médicaid" and "medicaid" must still meet.
    b.doc(&[Piece::body(
        "ICE ice Medicaid MEDICAID Médicaid enrollees’ The 79",
    )]);
    let d = b.finish();
    let doc = d.docs().next().unwrap();
    let e = |w: &str| {
        let s = lex.intern(w).stem;
        *doc.entries.iter().find(|e| e.stem == s).unwrap()
    };
    assert_eq!(e("ice").body, 2);
    assert_eq!(e("medicaid").body, 3);
    assert_eq!(e("enrollees").body, 1);
    assert_eq!(e("79").body, 1);
    // "The" is a stop word on both paths.
    assert_eq!(doc.body_len, 7);
    assert_eq!(short_word(b"Hello9"), short_word(b"hello9"));
    assert_eq!(short_word(b"don't"), None);
    assert_eq!(short_word(b"medicaids"), None);
}

#[test]
fn the_one_pass_scanner_sees_the_words_split_and_fold_see() {
    let lex = Lexicon::new("en");
    let texts = [
        "Plain words, ICE and Medicaid: 79 million enrollees.",
        "“Hold DHS Access — URGENT” don't states' CMS’s O’Brien",
        "Médicaid naïve café ﬁle 2025-06-16 x1y2 ABCDEFGHIJ",
        "  leading and trailing  ",
        "a-b c—d e…f 'quoted' ‘curly’ what's",
        "supercalifragilisticexpialidocious-and-a-word-longer-than-forty-characters-for-sure",
        "ÉCOLE école Ünïcödé 東京 مرحبا",
        "abcdefghijabcdefghijabcdefghijabcdefghijabcdefghij is too long",
        "Medicaid12 ABCDEFGH abcdefgh1 ........ ;;;;;;;;;;;;;;;;word x",
        "12345678 1234567 @[`{ AZaz09 Z@ z[ 0/9:",
        "eightchr",
        "NINECHARS TenLetters elevenchars SixteenLetters16 seventeenletters 16charsexactly!",
        "ABCDEFGHIJKLMNOP's abcdefghijklmnopé Abcdefghi’ ninechars",
        "tail end",
        "",
    ];
    for text in texts {
        // Stop words and over-long words are not indexed either way.
        let expected: Vec<u32> = text::words(text)
            .filter(|(_, w)| !lex.lang.is_stop(w))
            .map(|(_, w)| lex.intern(&w).word)
            .collect();
        let mut b = DigestBuilder::new(&lex);
        let (mut at, mut buf, mut got) = (0usize, String::new(), Vec::new());
        while let Some(r) = b.next_word(text, &mut at, &mut buf) {
            got.extend(r.map(|r| r.word));
        }
        assert_eq!(got, expected, "{text}");
    }
}

#[test]
fn the_one_pass_scanner_agrees_with_split_and_fold_on_random_text() {
    // Random mixes of letters, digits, separators, apostrophes and
    // non-ASCII characters, at every alignment the eight-byte steps meet.
    let alphabet: Vec<char> = "aZ9 .,;-'’ \n\téÉ—“ﬁ東bcdXYz0".chars().collect();
    let lex = Lexicon::new("en");
    let mut rng = crate::testing::Xorshift(0x2545_f491_4f6c_dd1d);
    for _ in 0..3000 {
        let len = (rng.0 >> 59) as usize + (rng.0 >> 40 & 31) as usize;
        let text: String = (0..len)
            .map(|_| alphabet[(rng.next() % alphabet.len() as u64) as usize])
            .collect();
        let expected: Vec<u32> = text::words(&text)
            .filter(|(_, w)| !lex.lang.is_stop(w))
            .map(|(_, w)| lex.intern(&w).word)
            .collect();
        let mut b = DigestBuilder::new(&lex);
        let (mut at, mut buf, mut got) = (0usize, String::new(), Vec::new());
        while let Some(r) = b.next_word(&text, &mut at, &mut buf) {
            got.extend(r.map(|r| r.word));
        }
        assert_eq!(got, expected, "{text:?}");
    }
}

#[test]
fn entries_round_trip_in_one_to_three_bytes() {
    let mut v = Vec::new();
    let cases = [
        (0u8, 1u8, 5u8),
        (0, 7, 63),
        (1, 0, 0),
        (1, 255, 1),
        (3, 2, 9),
        (255, 255, 63),
    ];
    for (t, b, f) in cases {
        write_entry(&mut v, t, b, f);
    }
    // Once in the body: one byte; the rest two, two, two, three, three.
    assert_eq!(v.len(), 1 + 2 + 2 + 2 + 3 + 3);
    let end = v.len();
    v.extend_from_slice(&[0, 0]); // the padding digests carry
    let mut pos = 0;
    for (i, (t, b, f)) in cases.into_iter().enumerate() {
        let e = read_entry(i as u32, &v, &mut pos);
        assert_eq!((e.stem, e.title, e.body, e.follower), (i as u32, t, b, f));
    }
    assert_eq!(pos, end);
}

#[test]
fn varints_round_trip() {
    let mut v = Vec::new();
    for n in [0u32, 1, 127, 128, 300, u32::MAX] {
        write_varint(&mut v, n);
    }
    let mut pos = 0;
    for n in [0u32, 1, 127, 128, 300, u32::MAX] {
        assert_eq!(read_varint(&v, &mut pos), n);
    }
}

#[test]
fn threads_digesting_the_same_words_share_their_ids() {
    // Each thread looks words up in the lexicon's one packed table, adding
    // the ones it met first a batch at a time: a word met on two threads at
    // once, or on one thread before another thread's batch is added, still
    // has one id and one stem.
    let lex = Lexicon::new("en");
    let text: Vec<String> = (0..3 * FLUSH)
        .map(|i| format!("word{i} medicaid enrollees informationally{i}"))
        .collect();
    let digests: Vec<Digest> = std::thread::scope(|s| {
        let jobs: Vec<_> = (0..3)
            .map(|t| {
                let (lex, text) = (&lex, &text);
                s.spawn(move || {
                    let mut b = DigestBuilder::new(lex);
                    // Each thread goes through the words in its own order.
                    for i in 0..text.len() {
                        let piece = &text[(i * (t + 1) * 7) % text.len()];
                        b.doc(&[Piece::body(piece)]);
                    }
                    b.finish()
                })
            })
            .collect();
        jobs.into_iter().map(|j| j.join().unwrap()).collect()
    });
    let (words, stems) = lex.tables();
    assert_eq!(words.len(), 2 * 3 * FLUSH + 2, "every word once");
    let mut seen: Vec<&str> = words.iter().map(|w| w.0).collect();
    seen.sort_unstable();
    seen.dedup();
    assert_eq!(seen.len(), words.len());
    assert_eq!(stems.len(), words.len(), "these words have a stem each");
    // A word's stem is the same in every thread's digest.
    let medicaid = words.iter().find(|w| w.0 == "medicaid").unwrap().1;
    for d in &digests {
        let mut docs = 0;
        for doc in d.docs() {
            assert!(doc.entries.iter().any(|e| e.stem == medicaid));
            docs += 1;
        }
        assert_eq!(docs, 3 * FLUSH);
    }
}

#[test]
fn entries_are_each_stem_once_in_stem_order_with_its_counts() {
    // Records of many words (their stems' ids far apart), in a shuffled
    // order, some repeated, each record after one with other words: every
    // entry comes out once, by stem id, counted as a plain count counts it.
    let lex = Lexicon::new("en");
    let mut b = DigestBuilder::new(&lex);
    let mut rng = crate::testing::Xorshift(0x9e37_79b9);
    let mut expected = Vec::new();
    for record in 0..6 {
        let n = [3, 9000, 40, 5000, 1, 12000][record];
        let words: Vec<String> = (0..n)
            .map(|_| {
                format!(
                    "w{}x",
                    rng.next() % (2 * n as u64 + 7) + record as u64 * 100
                )
            })
            .collect();
        let text = words.join(" ");
        b.doc(&[Piece::title(&words[0]), Piece::body(&text)]);
        let mut counts = std::collections::BTreeMap::<u32, (u8, u8)>::new();
        counts.entry(lex.intern(&words[0]).stem).or_default().0 += 1;
        for w in &words {
            let c = counts.entry(lex.intern(w).stem).or_default();
            c.1 = c.1.saturating_add(1);
        }
        expected.push(counts);
    }
    let d = b.finish();
    for (doc, want) in d.docs().zip(&expected) {
        let got: Vec<(u32, (u8, u8))> = doc
            .entries
            .iter()
            .map(|e| (e.stem, (e.title, e.body)))
            .collect();
        let want: Vec<(u32, (u8, u8))> = want.iter().map(|(&s, &c)| (s, c)).collect();
        assert_eq!(got, want);
    }
}
