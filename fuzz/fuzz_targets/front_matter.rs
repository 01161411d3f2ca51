//! Front matter: `split`, then `parse_page` and `parse_section`, on any
//! text. Never panics; the split's parts are where it says they are; every
//! diagnostic is placed inside the file and printable.

#![no_main]

use casefile::diagnostics::SourceFile;
use casefile::front_matter::{key_offset, parse_page, parse_section, split};
use libfuzzer_sys::fuzz_target;

#[path = "../../tests/harness/mod.rs"]
mod harness;

fuzz_target!(|data: &[u8]| {
    let file = SourceFile::new(
        "content/page.md",
        String::from_utf8_lossy(data).into_owned(),
    );
    let split = match split(&file) {
        Ok(split) => split,
        Err(d) => return harness::check_diagnostic(&d, Some(&file)),
    };
    assert_eq!(&file.text[split.range()], split.front_matter);
    assert_eq!(&file.text[split.body_offset..], split.body);
    assert!(split.range().end <= split.body_offset);
    if let Err(d) = parse_page(&file, &split) {
        harness::check_diagnostic(&d, Some(&file));
    }
    if let Err(d) = parse_section(&file, &split) {
        harness::check_diagnostic(&d, Some(&file));
    }
    for key in ["title", "date", "taxonomies", "extra"] {
        let at = key_offset(&file.text, split.range(), key);
        assert!(split.range().contains(&at) || at == split.range().start);
    }
});
