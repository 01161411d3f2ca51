//! Snapshots of whole rendered pages of the `full` and `evidence` fixtures,
//! so that any change to what readers get (markup, order, wording) shows up
//! in review.
//!
//! The snapshots live in `tests/snapshots/`. After an intended change, run
//! `INSTA_UPDATE=always cargo test --test snapshots` (or `cargo insta
//! review`) and read the diff of the `.snap` files before committing them.
//! In CI (`CI=true`) a differing or missing snapshot fails and nothing is
//! written.

mod common;

use common::build;

#[test]
fn page() {
    let site = build("full");
    insta::assert_snapshot!("page", site.read("articles/second/index.html"));
}

#[test]
fn section_with_pagination() {
    let site = build("full");
    insta::assert_snapshot!("section_page_2", site.read("articles/page/2/index.html"));
}

#[test]
fn taxonomy_term() {
    let site = build("full");
    insta::assert_snapshot!("taxonomy_term", site.read("topics/privacy/index.html"));
}

#[test]
fn not_found() {
    let site = build("full");
    insta::assert_snapshot!("not_found", site.read("404.html"));
}

// The evidence pages of the `evidence` fixture.

#[test]
fn fact_index() {
    let site = build("evidence");
    insta::assert_snapshot!("fact_index", site.read("facts/index.html"));
}

#[test]
fn fact_page() {
    let site = build("evidence");
    insta::assert_snapshot!("fact_page", site.read("facts/contract-value/index.html"));
}

#[test]
fn timeline() {
    let site = build("evidence");
    insta::assert_snapshot!("timeline", site.read("timeline/index.html"));
}

#[test]
fn lawsuit_tracker() {
    let site = build("evidence");
    insta::assert_snapshot!("lawsuit_tracker", site.read("lawsuits/index.html"));
}
