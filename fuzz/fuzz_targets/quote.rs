//! Quote matching: `Folded`, `find` and `nearest` on any source and quote
//! (the input is `SOURCE\0QUOTE`, or only a source).
//!
//! Oracle: never panics; substrings of the source cut at char boundaries
//! (eight, chosen from the input) are found, at a range of the source that
//! folds to the same text; whatever `find` and `nearest` return for the
//! quote lies inside the source at char boundaries.

#![no_main]

use casefile::evidence::quote::{find, nearest, Folded};
use libfuzzer_sys::fuzz_target;

fn inside(text: &str, range: &std::ops::Range<usize>) -> bool {
    range.start <= range.end && text.get(range.clone()).is_some()
}

fuzz_target!(|data: &[u8]| {
    let input = String::from_utf8_lossy(data);
    let (source, quote) = input.split_once('\0').unwrap_or((&input, ""));
    let folded = Folded::new(source);
    assert!(!folded.text().contains("  ") && folded.text().trim() == folded.text());

    // Substrings of the source, at places drawn from the input's bytes.
    let bounds: Vec<usize> = source
        .char_indices()
        .map(|(i, _)| i)
        .chain([source.len()])
        .collect();
    let mut seed = data.iter().fold(0x9e37_79b9_7f4a_7c15u64, |h, &b| {
        (h ^ u64::from(b)).wrapping_mul(0x100_0000_01b3)
    });
    for _ in 0..8 {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        let a = bounds[(seed as usize) % bounds.len()];
        let b = bounds[((seed >> 32) as usize) % bounds.len()];
        let sub = &source[a.min(b)..a.max(b)];
        let wanted = Folded::new(sub).text().to_string();
        match find(&folded, sub) {
            Some(range) => {
                assert!(inside(source, &range), "{range:?} for {sub:?}");
                assert_eq!(
                    Folded::new(&source[range]).text().to_string(),
                    wanted,
                    "{sub:?}"
                );
            }
            None => assert!(wanted.is_empty(), "{sub:?} is in the source but not found"),
        }
    }

    if let Some(range) = find(&folded, quote) {
        assert!(inside(source, &range));
        assert_eq!(
            Folded::new(&source[range]).text().to_string(),
            Folded::new(quote).text().to_string()
        );
    }
    if let Some(miss) = nearest(&folded, quote) {
        assert!(inside(source, &miss.range), "{miss:?}");
        assert!(miss.matched_words <= miss.quote_words, "{miss:?}");
    }
});
