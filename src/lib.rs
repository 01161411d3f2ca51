//! # casefile
//!
//! A static site generator for evidence-backed public explainers.
//!
//! casefile turns a folder of markdown (`content/`), Tera templates
//! (`templates/`, optional: built-in defaults serve until overridden) and
//! static files (`static/`) into a static site. The pipeline reads as a list
//! of stages, each its own module:
//!
//! | stage | module | owns |
//! |---|---|---|
//! | config | [`config`] | `casefile.toml`, strictly parsed |
//! | load | [`load`] | every read from disk |
//! | check | [`check`] | no third-party resource in content, templates or static files |
//! | model | [`model`], [`front_matter`] | pages, sections, taxonomies, URLs, order (no I/O) |
//! | markdown | [`markdown`] | pulldown-cmark events through small passes |
//! | render | [`render`] | Tera templates over view structs, in parallel |
//! | publish | [`publish`] | git dates, feeds, open data, sitemap, share image, precompression |
//! | search | [`search`] | the search index: words, stems, postings, shards |
//! | output | [`output`] | staging folder, atomic swap |
//!
//! [`site`] strings the stages together; [`serve`] adds a watcher, an HTTP
//! server and incremental rebuilds; [`scaffold`] writes new sites and files.
//!
//! ```no_run
//! let opts = casefile::site::BuildOptions::new("path/to/site");
//! match casefile::site::build(&opts) {
//!     Ok(summary) => println!("{summary}"),
//!     Err(failure) => eprintln!("{failure}"),
//! }
//! ```

#![warn(missing_docs)]

pub mod check;
pub mod config;
pub mod date;
pub mod diagnostics;
pub mod evidence;
pub mod front_matter;
pub mod git;
pub mod history;
pub mod incremental;
pub mod load;
pub mod markdown;
pub mod model;
pub mod output;
pub mod publish;
pub mod render;
pub mod scaffold;
pub mod search;
pub mod serve;
pub mod site;
#[cfg(test)]
mod testing;
pub mod text;
pub mod translate;
