//! The query stemmers readers get (`search-stem-en.js` and
//! `search-stem-es.js`, written by the build from `stemmers.js`) against the build's (rust-stemmers,
//! through `search::text::Language`): they must agree on every word, or a
//! reader's word would be looked up under another stem than the index gave
//! it. Checked on every folded word of the explainer's content, on the
//! standard lists in `tests/stemmer-words/` (Snowball's English and Spanish
//! test vocabularies, sampled, and words of the benchmark corpus), folded
//! and, for Spanish, also as written with accents. Runs `tests/stem/stem.mjs`
//! with node (installed with apt-get if missing).

mod common;

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::process::Command;

use casefile::search::text::{words, Language};

fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn content_words(dir: &Path, out: &mut BTreeSet<String>) {
    for entry in std::fs::read_dir(dir).expect("read content") {
        let path = entry.expect("entry").path();
        if path.is_dir() {
            content_words(&path, out);
        } else if let Ok(text) = std::fs::read_to_string(&path) {
            out.extend(words(&text).map(|(_, w)| w.into_owned()));
        }
    }
}

fn list(name: &str) -> Vec<String> {
    let text =
        std::fs::read_to_string(repo().join("tests/stemmer-words").join(name)).expect("word list");
    text.lines()
        .filter(|l| !l.starts_with('#') && !l.is_empty())
        .map(str::to_string)
        .collect()
}

#[test]
fn search_js_stems_every_word_as_the_build_does() {
    common::browser_tools::ensure_node();
    let mut all = BTreeSet::new();
    content_words(&repo().join("content"), &mut all);
    let site_words = all.len();
    assert!(site_words > 500, "only {site_words} words in content/");
    for name in ["en.txt", "es.txt"] {
        for w in list(name) {
            // As the build folds it, and as written (lowercase, accents kept).
            all.extend(words(&w).map(|(_, f)| f.into_owned()));
            all.insert(w.to_lowercase());
        }
    }
    // Edge cases of the algorithms' rules, whatever the lists hold.
    for w in [
        "",
        "a",
        "ab",
        "abc",
        "yes",
        "ayyyy",
        "'s",
        "skies",
        "news",
        "dying",
        "cries",
        "ties",
        "generously",
        "communism",
        "arsenal",
        "succeeded",
        "inning",
        "innings",
        "bleed",
        "hopping",
        "hoped",
        "luxuriating",
        "sky's",
        "東京",
        "straße",
        "𝔘𝔫𝔦𝔠𝔬𝔡𝔢s",
        "x𐐷ies",
        "dándoselos",
        "cantándole",
        "haciéndolo",
        "arguyendo",
        "averigüe",
        "lógicamente",
    ] {
        all.insert(w.to_string());
    }
    let words: Vec<&String> = all.iter().filter(|w| !w.contains('\n')).collect();

    let tmp = tempfile::tempdir().expect("temp dir");
    let input = tmp.path().join("words.txt");
    let text: String = words.iter().map(|w| format!("{w}\n")).collect();
    std::fs::write(&input, text).expect("write words");
    // The files as the build writes them, one per language.
    let scripts = tmp.path().join("stem");
    std::fs::create_dir_all(&scripts).unwrap();
    assert_eq!(casefile::site::stemmer_languages(), ["en", "es"]);
    for lang in ["en", "es"] {
        let js = casefile::site::stemmer_script(lang).expect("a stemmer");
        let other = if lang == "en" {
            "function spanish"
        } else {
            "function english"
        };
        assert!(
            !js.contains(other),
            "search-stem-{lang}.js holds only its language"
        );
        std::fs::write(scripts.join(format!("search-stem-{lang}.js")), js).unwrap();
    }
    let output = Command::new("node")
        .arg(repo().join("tests/stem/stem.mjs"))
        .arg(scripts.join("search-stem-en.js"))
        .arg(scripts.join("search-stem-es.js"))
        .arg(&input)
        .output()
        .expect("run node tests/stem/stem.mjs");
    assert!(
        output.status.success(),
        "stem.mjs failed: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    let stdout = String::from_utf8(output.stdout).expect("UTF-8");
    let js: Vec<&str> = stdout.lines().collect();
    // Empty words are skipped by the script.
    let words: Vec<&String> = words.into_iter().filter(|w| !w.is_empty()).collect();
    assert_eq!(js.len(), words.len(), "one line per word");

    let (en, es) = (Language::new("en"), Language::new("es"));
    let mut wrong = Vec::new();
    for (w, line) in words.iter().zip(&js) {
        let (js_en, js_es) = line.split_once('\t').expect("two stems");
        let (rs_en, rs_es) = (en.stem(w), es.stem(w));
        if js_en != rs_en {
            wrong.push(format!("en {w:?}: search.js {js_en:?}, build {rs_en:?}"));
        }
        if js_es != rs_es {
            wrong.push(format!("es {w:?}: search.js {js_es:?}, build {rs_es:?}"));
        }
    }
    println!(
        "{} words ({site_words} from content/), {} disagreements",
        words.len(),
        wrong.len()
    );
    assert!(
        wrong.is_empty(),
        "{} of {} words stem differently:\n{}",
        wrong.len(),
        words.len(),
        wrong[..wrong.len().min(60)].join("\n")
    );
}
