//! Evidence: `Evidence::build` over a few files cut from one input (a line
//! `==> NAME` starts the file `content/NAME`; see `tests/harness`).
//!
//! Oracle: never panics; every diagnostic is placed in its file; every
//! verified citation points at a range of its source's text that folds to
//! the quote, and every cross-reference is an index that exists.

#![no_main]

use casefile::diagnostics::SourceFile;
use casefile::evidence::quote::Folded;
use casefile::evidence::Evidence;
use libfuzzer_sys::fuzz_target;

#[path = "../../tests/harness/mod.rs"]
mod harness;

fuzz_target!(|data: &[u8]| {
    let files = harness::evidence_files(&String::from_utf8_lossy(data));
    let sources: Vec<SourceFile> = files.iter().map(|f| f.source.clone()).collect();
    let (ev, diagnostics) = Evidence::build(files, &jiff::tz::TimeZone::UTC);
    for d in &diagnostics {
        harness::check_diagnostic(d, sources.iter().find(|s| s.rel_path == d.file));
    }
    for fact in &ev.facts {
        assert!(fact.topic < ev.topics.len());
        assert!(fact.superseded_by.is_none_or(|i| i < ev.facts.len()));
        assert!(fact.supersedes.iter().all(|&i| i < ev.facts.len()));
        assert!(fact.people.iter().all(|&i| i < ev.people.len()));
        for c in &fact.citations {
            let text = ev.sources[c.source].text();
            let found = text
                .get(c.range.clone())
                .unwrap_or_else(|| panic!("{:?} is not in a text of {}", c.range, text.len()));
            assert_eq!(
                Folded::new(found).text().to_string(),
                Folded::new(&c.quote).text().to_string(),
                "the range does not hold the quote"
            );
        }
    }
    for source in &ev.sources {
        for (range, fact) in &source.quoted {
            assert!(source.text().get(range.clone()).is_some());
            assert!(*fact < ev.facts.len());
        }
    }
});
