//! Precompression: `FILE.gz` and `FILE.br` beside every text file, so that
//! nginx (`gzip_static on; brotli_static on;`) or a CDN serves compressed
//! bytes without compressing on every request.
//!
//! Asked for in `casefile.toml` with `[output] precompress = ["gzip",
//! "brotli"]`. gzip at level 9 with an empty header (no file name, mtime 0)
//! and Brotli at quality 11 (its highest) with a 4 MiB window: both are
//! deterministic, so two builds give the same bytes. Files are compressed
//! in parallel, after everything else is written, by reading them back from
//! the output.

use std::io::Write;

use rayon::prelude::*;

use crate::config::Compression;
use crate::diagnostics::Diagnostic;
use crate::output::Sink;

/// Extensions of the text files that are compressed.
pub const TEXT_EXTENSIONS: &[&str] = &[
    "html",
    "css",
    "js",
    "mjs",
    "json",
    "xml",
    "txt",
    "svg",
    "csv",
    "ics",
    "md",
    "map",
    "webmanifest",
];

/// Whether the output file `rel` is text worth compressing.
pub fn is_text(rel: &str) -> bool {
    rel.rsplit_once('.')
        .is_some_and(|(_, ext)| TEXT_EXTENSIONS.contains(&ext.to_ascii_lowercase().as_str()))
}

/// gzip at level 9, with no name and a zero mtime in the header.
pub fn gzip(bytes: &[u8]) -> Vec<u8> {
    let mut enc = flate2::GzBuilder::new()
        .mtime(0)
        .write(Vec::new(), flate2::Compression::best());
    // Writing to a Vec cannot fail.
    let _ = enc.write_all(bytes);
    enc.finish().unwrap_or_default()
}

/// Brotli at quality 11.
pub fn brotli(bytes: &[u8]) -> Vec<u8> {
    let params = brotli::enc::BrotliEncoderParams {
        quality: 11,
        lgwin: 22,
        size_hint: bytes.len(),
        ..Default::default()
    };
    let mut out = Vec::with_capacity(bytes.len() / 3 + 64);
    let _ = brotli::BrotliCompress(&mut &bytes[..], &mut out, &params);
    out
}

/// Compresses one file's bytes.
pub fn compress(format: Compression, bytes: &[u8]) -> Vec<u8> {
    match format {
        Compression::Gzip => gzip(bytes),
        Compression::Brotli => brotli(bytes),
    }
}

/// Writes the compressed copies of every text file in `sink`.
pub fn all(sink: &dyn Sink, formats: &[Compression]) -> Vec<Diagnostic> {
    let mut formats = formats.to_vec();
    formats.sort();
    formats.dedup();
    let files: Vec<String> = sink.files().into_iter().filter(|f| is_text(f)).collect();
    files
        .par_iter()
        .flat_map_iter(|rel| {
            let Some(bytes) = sink.read_back(rel) else {
                return Vec::new();
            };
            formats
                .iter()
                .filter_map(|&f| {
                    let name = format!("{rel}.{}", f.extension());
                    sink.write(&name, &compress(f, &bytes)).err()
                })
                .collect()
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Read;

    #[test]
    fn both_round_trip_and_are_deterministic() {
        let text = "<p>Hello, casefile.</p>\n".repeat(50);
        let gz = gzip(text.as_bytes());
        assert_eq!(gz, gzip(text.as_bytes()));
        assert_eq!(&gz[4..8], &[0, 0, 0, 0], "mtime 0");
        assert_eq!(gz[3] & 0x08, 0, "no file name");
        let mut back = String::new();
        flate2::read::GzDecoder::new(&gz[..])
            .read_to_string(&mut back)
            .unwrap();
        assert_eq!(back, text);

        let br = brotli(text.as_bytes());
        assert!(br.len() < text.len() / 10);
        let mut back = Vec::new();
        brotli::BrotliDecompress(&mut &br[..], &mut back).unwrap();
        assert_eq!(back, text.as_bytes());
    }

    #[test]
    fn only_text_is_compressed() {
        assert!(is_text("a/index.html") && is_text("data/facts.csv") && is_text("x.SVG"));
        assert!(!is_text("share.png") && !is_text("index.html.gz") && !is_text("README"));
    }
}
