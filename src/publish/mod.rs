//! Stage 7, publish: everything beyond the pages that a newsroom needs to
//! publish a change and that any web server or CDN needs to serve it.
//!
//! | file | writes |
//! |---|---|
//! | [`feeds`] | `/updates/atom.xml` (Atom) and `/updates/feed.json` (JSON Feed 1.1) of updates and corrections |
//! | [`data`] | open data under `/data/`: facts (JSON, its JSON Schema, CSV), timeline (JSON, iCalendar), lawsuits (CSV), sources (JSON) |
//! | [`sitemap`] | `/sitemap.xml` (every page) and `/robots.txt` (unless `static/` has its own) |
//! | [`image`] | `/share.png`, the Open Graph and Twitter card image, drawn at build time |
//! | [`compress`] | `FILE.gz` and `FILE.br` beside every text file, when `[output] precompress` asks |
//! | [`git`] | last-commit dates of content files, for pages' `updated` (one `git log` for the whole site) |
//!
//! Everything is derived from `content/` and the configuration only, and
//! every file is deterministic: same input, same bytes (no build time, gzip
//! headers without time or name, records in the model's order).

pub mod compress;
pub mod data;
pub mod feeds;
pub mod git;
pub mod image;
pub mod sitemap;

use crate::diagnostics::Diagnostic;
use crate::output::Sink;
use crate::render::Renderer;

/// Runs the stage after every page and asset is in `sink`: feeds, open
/// data, share image, sitemap and robots.txt, then precompression if
/// `precompress` (the pipeline passes `false` for `serve`, which wants
/// speed, and when the build has failed already and will be thrown away;
/// `check`'s sink keeps nothing to compress).
/// A file the site's `static/` already provides (`robots.txt`,
/// `sitemap.xml`, `share.png`) is left as the site wrote it.
/// `share_png` is the share image if it was drawn already (see
/// [`image::share_png_of`]); it is drawn here otherwise.
pub fn run(
    renderer: &Renderer<'_>,
    sink: &dyn Sink,
    precompress: bool,
    share_png: Option<Vec<u8>>,
) -> Vec<Diagnostic> {
    let site = renderer.site;
    let mut files = feeds::files(renderer);
    files.extend(data::files(site, renderer.urls()));
    let provided = sink.files();
    let has = |rel: &str| provided.iter().any(|f| f == rel);
    if !has("share.png") {
        let png = share_png.unwrap_or_else(|| image::share_png(site));
        files.push(("share.png".into(), png));
    }
    let mut diags: Vec<Diagnostic> = files
        .iter()
        .filter_map(|(rel, bytes)| sink.write(rel, bytes).err())
        .collect();

    // The sitemap lists what is in the sink now, so it comes last.
    if !has("sitemap.xml") {
        for (rel, bytes) in
            sitemap::sitemaps(site, renderer.urls(), renderer.alternates(), &sink.files())
        {
            diags.extend(sink.write(&rel, &bytes).err());
        }
    }
    if !has("robots.txt") {
        let robots = sitemap::robots(renderer.urls());
        diags.extend(sink.write("robots.txt", robots.as_bytes()).err());
    }

    let formats = &site.config.output.precompress;
    if precompress && !formats.is_empty() {
        diags.extend(compress::all(sink, formats));
    }
    diags
}
