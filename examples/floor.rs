//! The floor of a build on this machine: what reading a site's markdown,
//! parsing and rendering it with pulldown-cmark, and writing the bytes
//! casefile wrote for it cost at the least, with nothing else (no front
//! matter, templates, links, evidence, lists or search). BENCHMARKS.md
//! compares casefile's build with it.
//!
//! ```sh
//! cargo run --release --example floor -- CONTENT_DIR BUILT_SITE OUT_DIR [RUNS]
//! ```
//!
//! `BUILT_SITE` is casefile's output for the same content: its files are
//! read into memory first (not timed), then written again under `OUT_DIR`
//! (emptied before each run), file for file, on all threads.

use std::path::{Path, PathBuf};
use std::time::Instant;

use pulldown_cmark::{html, Options, Parser};
use rayon::prelude::*;

fn files(dir: &Path, ext: Option<&str>) -> Vec<PathBuf> {
    let mut out: Vec<PathBuf> = walkdir::WalkDir::new(dir)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
        .map(|e| e.into_path())
        .filter(|p| ext.is_none_or(|x| p.extension().is_some_and(|e| e == x)))
        .collect();
    out.sort();
    out
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let [content, built, out] = [0, 1, 2].map(|i| {
        PathBuf::from(args.get(i).unwrap_or_else(|| {
            eprintln!("usage: floor CONTENT_DIR BUILT_SITE OUT_DIR [RUNS]");
            std::process::exit(2)
        }))
    });
    let runs: usize = args.get(3).and_then(|r| r.parse().ok()).unwrap_or(5);

    let sources = files(&content, Some("md"));
    let outputs: Vec<(PathBuf, Vec<u8>)> = files(&built, None)
        .into_par_iter()
        .map(|p| {
            let bytes = std::fs::read(&p).expect("read the built site");
            (p.strip_prefix(&built).expect("inside").to_path_buf(), bytes)
        })
        .collect();
    let out_bytes: usize = outputs.iter().map(|(_, b)| b.len()).sum();
    let mut dirs: Vec<PathBuf> = outputs
        .iter()
        .filter_map(|(p, _)| p.parent().map(Path::to_path_buf))
        .collect();
    dirs.sort();
    dirs.dedup();

    let options = Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TASKLISTS
        | Options::ENABLE_HEADING_ATTRIBUTES
        | Options::ENABLE_SMART_PUNCTUATION;
    println!(
        "{} markdown files; {} files, {:.1} MB to write; {} threads",
        sources.len(),
        outputs.len(),
        out_bytes as f64 / 1e6,
        rayon::current_num_threads()
    );
    for run in 0..=runs {
        let _ = std::fs::remove_dir_all(&out);
        let t0 = Instant::now();
        let texts: Vec<String> = sources
            .par_iter()
            .map(|p| std::fs::read_to_string(p).expect("read markdown"))
            .collect();
        let read = t0.elapsed();
        let t1 = Instant::now();
        let html_bytes: usize = texts
            .par_iter()
            .map(|t| {
                let mut s = String::with_capacity(t.len() * 3 / 2);
                html::push_html(&mut s, Parser::new_ext(t, options));
                s.len()
            })
            .sum();
        let render = t1.elapsed();
        let t2 = Instant::now();
        for d in &dirs {
            std::fs::create_dir_all(out.join(d)).expect("create a folder");
        }
        outputs.par_iter().for_each(|(p, b)| {
            std::fs::write(out.join(p), b).expect("write");
        });
        let write = t2.elapsed();
        let ms = |d: std::time::Duration| d.as_secs_f64() * 1000.0;
        println!(
            "{}: read {:.0} ms, parse+render {:.0} ms ({:.1} MB of HTML), write {:.0} ms, total {:.0} ms",
            if run == 0 {
                "warm-up".to_string()
            } else {
                format!("run {run}")
            },
            ms(read),
            ms(render),
            html_bytes as f64 / 1e6,
            ms(write),
            ms(t0.elapsed())
        );
    }
}
