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
//! | [`meta`] | the schema.org JSON-LD that `partials/meta.html` puts in every page's head |
//!
//! Everything is derived from `content/` and the configuration only, and
//! every file is deterministic: same input, same bytes (no build time, gzip
//! headers without time or name, records in the model's order).

pub mod compress;
pub mod data;
pub mod feeds;
pub mod git;
pub mod image;
pub mod meta;
pub mod sitemap;

use crate::diagnostics::Diagnostic;
use crate::output::Sink;
use crate::render::Renderer;
use crate::site::BuildOptions;

/// Site path of the Atom feed.
pub const ATOM_FEED: &str = "/updates/atom.xml";
/// Site path of the JSON Feed.
pub const JSON_FEED: &str = "/updates/feed.json";
/// Site path of the share image.
pub const SHARE_IMAGE: &str = "/share.png";

/// Runs the stage after every page and asset is in `sink`: feeds, open
/// data, share image, sitemap and robots.txt, then precompression (not
/// for `serve`, which wants speed, nor for `check`, which writes nothing,
/// nor when the build has `failed` already and will be thrown away).
/// A file the site's `static/` already provides (`robots.txt`,
/// `sitemap.xml`, `share.png`) is left as the site wrote it.
pub fn run(
    renderer: &Renderer<'_>,
    sink: &dyn Sink,
    opts: &BuildOptions,
    failed: bool,
) -> Vec<Diagnostic> {
    let site = renderer.site;
    let mut files = feeds::files(renderer);
    files.extend(data::files(site, renderer.urls()));
    let provided = sink.files();
    let has = |rel: &str| provided.iter().any(|f| f == rel);
    if !has("share.png") {
        files.push(("share.png".into(), image::share_png(site)));
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
    if !opts.serve && !failed && !formats.is_empty() {
        diags.extend(compress::all(sink, formats));
    }
    diags
}

/// The origin of the site (`https://example.org`): what root-relative URLs
/// (which include the base path) are appended to.
pub fn origin<'a>(urls: &crate::render::view::Urls<'a>) -> &'a str {
    urls.base_url
        .strip_suffix(urls.base_path)
        .unwrap_or(urls.base_url)
}

/// Makes root-relative links in `html` absolute, for feeds (whose readers
/// show entries away from the site).
pub fn absolute_links(html: &str, origin: &str) -> String {
    let mut out = String::with_capacity(html.len());
    let mut rest = html;
    while let Some(i) = ["href=\"/", "src=\"/"]
        .iter()
        .filter_map(|p| rest.find(p).map(|i| i + p.len()))
        .min()
    {
        // `i` is just after the slash; `//host` is protocol-relative.
        out.push_str(&rest[..i - 1]);
        if !rest[i..].starts_with('/') {
            out.push_str(origin);
        }
        out.push('/');
        rest = &rest[i..];
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn links_become_absolute() {
        assert_eq!(
            absolute_links(
                "<a href=\"/x/\">x</a> <a href=\"https://o.org/\">o</a> <img src=\"/i.png\"> <a href=\"//cdn.org/\">c</a>",
                "https://e.org"
            ),
            "<a href=\"https://e.org/x/\">x</a> <a href=\"https://o.org/\">o</a> <img src=\"https://e.org/i.png\"> <a href=\"//cdn.org/\">c</a>"
        );
    }
}
