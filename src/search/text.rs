//! Words: splitting text into words, folding them, stop words and stemming.
//!
//! The same rules run twice: here at build time over every record, and in
//! `search.js` over what the reader types. They must agree character for
//! character, so they are kept few and written so that both languages have
//! them built in:
//!
//! 1. **Split.** A word is a run of characters that are alphabetic, numeric
//!    or combining marks (Unicode's `Alphabetic`, `N` and `M`; in
//!    JavaScript `/[\p{Alphabetic}\p{N}\p{M}'’]/u`), with apostrophes
//!    (`'` and `’`) allowed inside. Everything else separates words, so
//!    `de-identified` is two words and `2025-06-16` three.
//! 2. **Fold.** Lowercase (Unicode's full lowercase mapping), drop a final
//!    possessive `'s`, decompose compatibly (NFKD), then keep only the
//!    alphabetic and numeric characters. That removes accents
//!    (`Médicaid` → `medicaid`), apostrophes (`don't` → `dont`) and
//!    ligatures (`ﬁ` → `fi`). Words longer than [`MAX_WORD`] characters are
//!    dropped: they are codes and addresses, not words a reader types.
//! 3. **Stop words.** Very common words of the language (`the`, `of`) are
//!    skipped: they would be in every record and rank nothing. The list
//!    ships in the index, so the browser needs no list of its own.
//! 4. **Stem.** A Snowball stemmer of the page's language (the
//!    `rust-stemmers` crate) maps `lawsuits`, `suing` and `sued` to their
//!    stems (`lawsuit`, `sue`). Only the build stems: the index maps every
//!    folded word to its stem, so the browser looks a word up instead of
//!    stemming it, and needs no stemmer for any language.

use std::borrow::Cow;

use rust_stemmers::{Algorithm, Stemmer};
use unicode_normalization::char::is_combining_mark;
use unicode_normalization::UnicodeNormalization;

/// Words longer than this many characters (after folding) are not indexed.
pub const MAX_WORD: usize = 40;

/// Whether `c` can be part of a word (apostrophes are handled apart).
pub fn is_word_char(c: char) -> bool {
    if c.is_ascii() {
        return c.is_ascii_alphanumeric();
    }
    c.is_alphabetic() || c.is_numeric() || is_combining_mark(c)
}

/// The char at byte `i` of `text` (which must be a char boundary).
fn char_at(text: &str, i: usize) -> char {
    text[i..].chars().next().unwrap_or(' ')
}

/// The words of `text` as byte ranges, before folding.
///
/// Apostrophes belong to a word only between two word characters.
pub fn split(text: &str) -> impl Iterator<Item = std::ops::Range<usize>> + '_ {
    let bytes = text.as_bytes();
    let mut i = 0usize;
    // Whether a word character starts at byte `at`.
    let word_at = move |at: usize| -> bool {
        match bytes.get(at) {
            None => false,
            Some(b) if b.is_ascii() => b.is_ascii_alphanumeric(),
            Some(_) => is_word_char(char_at(text, at)),
        }
    };
    std::iter::from_fn(move || {
        // Skip to the next word character.
        while i < bytes.len() && !word_at(i) {
            i += if bytes[i].is_ascii() {
                1
            } else {
                char_at(text, i).len_utf8()
            };
        }
        if i >= bytes.len() {
            return None;
        }
        let start = i;
        while i < bytes.len() {
            let b = bytes[i];
            if b.is_ascii() {
                if b.is_ascii_alphanumeric() || (b == b'\'' && word_at(i + 1)) {
                    i += 1;
                    continue;
                }
                break;
            }
            let c = char_at(text, i);
            let n = c.len_utf8();
            if is_word_char(c) || (c == '\u{2019}' && word_at(i + n)) {
                i += n;
                continue;
            }
            break;
        }
        Some(start..i)
    })
}

/// Folds one word (as [`split`] returns it): lowercase, no final `'s`, no
/// accents, apostrophes or other marks. May return an empty string.
pub fn fold(word: &str) -> Cow<'_, str> {
    if word.is_ascii() {
        let needs_change = word.bytes().any(|b| b.is_ascii_uppercase() || b == b'\'');
        if !needs_change {
            return Cow::Borrowed(word);
        }
        let mut w = word.to_ascii_lowercase();
        if w.ends_with("'s") {
            w.truncate(w.len() - 2);
        }
        w.retain(|c| c != '\'');
        return Cow::Owned(w);
    }
    let mut lower = word.to_lowercase();
    for suffix in ["'s", "\u{2019}s"] {
        if lower.ends_with(suffix) {
            lower.truncate(lower.len() - suffix.len());
            break;
        }
    }
    Cow::Owned(
        lower
            .nfkd()
            .filter(|c| c.is_alphabetic() || c.is_numeric())
            .collect(),
    )
}

/// [`fold`] into a reusable buffer: no allocation for ASCII words.
pub fn fold_into<'a>(word: &'a str, buf: &'a mut String) -> &'a str {
    if word.is_ascii() && !word.bytes().any(|b| b.is_ascii_uppercase() || b == b'\'') {
        return word;
    }
    buf.clear();
    if word.is_ascii() {
        buf.extend(word.bytes().map(|b| char::from(b.to_ascii_lowercase())));
        if buf.ends_with("'s") {
            buf.truncate(buf.len() - 2);
        }
        buf.retain(|c| c != '\'');
    } else {
        buf.push_str(&fold(word));
    }
    buf
}

/// Folds every word of `text`, keeping where each was: `(range, folded)`.
/// Empty and over-long words are left out.
pub fn words(text: &str) -> impl Iterator<Item = (std::ops::Range<usize>, Cow<'_, str>)> {
    split(text).filter_map(move |r| {
        let w = fold(&text[r.clone()]);
        let ok = !w.is_empty() && (w.len() <= MAX_WORD || w.chars().count() <= MAX_WORD);
        ok.then_some((r, w))
    })
}

/// What search knows of a language: its stemmer and stop words.
pub struct Language {
    /// The language code (`en`).
    pub code: String,
    stemmer: Option<Stemmer>,
    stop: &'static [&'static str],
    query_stop: &'static [&'static str],
    /// The stop words packed into integers, sorted (see [`short_key`]).
    stop_keys: Vec<u64>,
}

/// A word of at most 8 bytes packed into an integer (for quick lookups).
fn short_key(w: &str) -> Option<u64> {
    (w.len() <= 8).then(|| {
        w.bytes()
            .fold(0u64, |k, b| (k << 8) | u64::from(b))
            .wrapping_add((w.len() as u64) << 56)
    })
}

impl std::fmt::Debug for Language {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Language")
            .field("code", &self.code)
            .field("stems", &self.stemmer.is_some())
            .finish()
    }
}

/// English stop words: Lucene's classic list, the words so common that they
/// rank nothing. Kept short on purpose: "who", "where" and "not" stay
/// searchable.
const STOP_EN: &[&str] = &[
    "a", "an", "and", "are", "as", "at", "be", "but", "by", "for", "if", "in", "into", "is", "it",
    "no", "of", "on", "or", "such", "that", "the", "their", "then", "there", "these", "they",
    "this", "to", "was", "will", "with",
];

/// English words a reader's query is better without: questions ("what
/// is", "how can I"), pronouns and auxiliaries, so that "what does HIPAA
/// mean" searches for "hipaa". They are indexed like any other word (only
/// [`STOP_EN`] is not): a quoted query keeps them, and so does a query made
/// of nothing else.
const QUERY_EN: &[&str] = &[
    "about",
    "am",
    "any",
    "anyone",
    "anything",
    "been",
    "being",
    "can",
    "cant",
    "could",
    "did",
    "didnt",
    "do",
    "does",
    "doesnt",
    "dont",
    "get",
    "gets",
    "getting",
    "go",
    "goes",
    "going",
    "got",
    "had",
    "happen",
    "happened",
    "happens",
    "has",
    "have",
    "having",
    "he",
    "her",
    "here",
    "him",
    "his",
    "how",
    "i",
    "im",
    "is",
    "its",
    "know",
    "many",
    "may",
    "me",
    "mean",
    "means",
    "might",
    "mine",
    "much",
    "must",
    "my",
    "our",
    "ours",
    "please",
    "shall",
    "she",
    "should",
    "some",
    "someone",
    "something",
    "tell",
    "them",
    "us",
    "we",
    "were",
    "what",
    "whats",
    "when",
    "where",
    "which",
    "who",
    "whom",
    "whose",
    "why",
    "would",
    "you",
    "your",
    "yours",
];

/// The same for Spanish (folded: no accents). Words that are also everyday
/// English ("son", "hay", "con") are left out: the list also tells a
/// Spanish query on an English site (see [`QUERY_WORDS`]).
const QUERY_ES: &[&str] = &[
    "a",
    "al",
    "como",
    "cual",
    "cuales",
    "cuando",
    "de",
    "del",
    "donde",
    "el",
    "en",
    "es",
    "esta",
    "estan",
    "este",
    "eso",
    "esto",
    "fue",
    "la",
    "las",
    "le",
    "les",
    "lo",
    "los",
    "me",
    "mi",
    "mis",
    "mucho",
    "muchos",
    "nos",
    "o",
    "para",
    "pasa",
    "por",
    "porque",
    "puede",
    "pueden",
    "puedo",
    "que",
    "quien",
    "quienes",
    "se",
    "ser",
    "si",
    "significa",
    "su",
    "sus",
    "tengo",
    "tiene",
    "tienen",
    "u",
    "un",
    "una",
    "unas",
    "unos",
    "usted",
    "ustedes",
    "y",
    "yo",
];

/// The question and function words of every language `search.js` knows,
/// by language code. The index carries them all: a query is read in the
/// site's language, or in another whose function words it holds more of
/// (a Spanish question on an English site), and those words are dropped.
pub const QUERY_WORDS: &[(&str, &[&str])] = &[("en", QUERY_EN), ("es", QUERY_ES)];

/// The Snowball algorithm for a language code (the part before any `-`).
pub fn algorithm(code: &str) -> Option<Algorithm> {
    let base = code.split(['-', '_']).next().unwrap_or(code);
    Some(match base.to_ascii_lowercase().as_str() {
        "ar" => Algorithm::Arabic,
        "da" => Algorithm::Danish,
        "nl" => Algorithm::Dutch,
        "en" => Algorithm::English,
        "fi" => Algorithm::Finnish,
        "fr" => Algorithm::French,
        "de" => Algorithm::German,
        "el" => Algorithm::Greek,
        "hu" => Algorithm::Hungarian,
        "it" => Algorithm::Italian,
        "no" | "nb" | "nn" => Algorithm::Norwegian,
        "pt" => Algorithm::Portuguese,
        "ro" => Algorithm::Romanian,
        "ru" => Algorithm::Russian,
        "es" => Algorithm::Spanish,
        "sv" => Algorithm::Swedish,
        "ta" => Algorithm::Tamil,
        "tr" => Algorithm::Turkish,
        _ => return None,
    })
}

impl Language {
    /// The stemmer and stop words for a language code. A language without
    /// a Snowball stemmer is searched by whole words (and prefixes).
    pub fn new(code: &str) -> Self {
        let base = code.split(['-', '_']).next().unwrap_or(code);
        let (stop, query_stop): (&'static [&'static str], &'static [&'static str]) =
            match base.to_ascii_lowercase().as_str() {
                "en" => (STOP_EN, QUERY_EN),
                "es" => (&[], QUERY_ES),
                _ => (&[], &[]),
            };
        let mut stop_keys: Vec<u64> = stop.iter().filter_map(|w| short_key(w)).collect();
        stop_keys.sort_unstable();
        Self {
            code: code.to_string(),
            stemmer: algorithm(code).map(Stemmer::create),
            stop,
            query_stop,
            stop_keys,
        }
    }

    /// Question and function words dropped from queries (see [`QUERY_EN`]).
    pub fn query_stop_words(&self) -> &'static [&'static str] {
        self.query_stop
    }

    /// The stemmer `search.js` applies to query words, if it has this
    /// language's (`en`, `es`): the same Snowball algorithm as [`Self::stem`].
    pub fn browser_stemmer(&self) -> Option<&'static str> {
        let base = self.code.split(['-', '_']).next().unwrap_or(&self.code);
        match base.to_ascii_lowercase().as_str() {
            "en" => Some("en"),
            "es" => Some("es"),
            _ => None,
        }
    }

    /// A phrase as `search.js` looks it up among synonyms and names: its
    /// words as [`Self::phrase`] gives them, each stemmed if the browser
    /// stems this language (so that "social security numbers" meets
    /// "social security number").
    pub fn phrase_key(&self, text: &str) -> String {
        let phrase = self.phrase(text);
        if self.browser_stemmer().is_none() {
            return phrase;
        }
        phrase
            .split(' ')
            .map(|w| self.stem(w).into_owned())
            .collect::<Vec<_>>()
            .join(" ")
    }

    /// A phrase as search matches it: its folded words without stop words,
    /// joined by one space (how `search.js` reads a query).
    pub fn phrase(&self, text: &str) -> String {
        words(text)
            .filter(|(_, w)| !self.is_stop(w))
            .map(|(_, w)| w.into_owned())
            .collect::<Vec<_>>()
            .join(" ")
    }

    /// Whether a folded word is a stop word.
    pub fn is_stop(&self, folded: &str) -> bool {
        short_key(folded).is_some_and(|k| self.stop_keys.binary_search(&k).is_ok())
    }

    /// The stop words, for the index.
    pub fn stop_words(&self) -> &'static [&'static str] {
        self.stop
    }

    /// The stem of a folded word.
    pub fn stem<'w>(&self, folded: &'w str) -> Cow<'w, str> {
        match &self.stemmer {
            Some(s) => s.stem(folded),
            None => Cow::Borrowed(folded),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn folded(text: &str) -> Vec<String> {
        words(text).map(|(_, w)| w.into_owned()).collect()
    }

    #[test]
    fn splits_on_anything_but_letters_digits_and_inner_apostrophes() {
        assert_eq!(
            folded("De-identified data, 79 million (2025-06-16)."),
            [
                "de",
                "identified",
                "data",
                "79",
                "million",
                "2025",
                "06",
                "16"
            ]
        );
        assert_eq!(
            folded("'quoted' states' ICE’s don't"),
            ["quoted", "states", "ice", "dont"]
        );
        assert_eq!(
            folded("“Hold DHS Access — URGENT”"),
            ["hold", "dhs", "access", "urgent"]
        );
    }

    #[test]
    fn folds_case_and_diacritics() {
        assert_eq!(fold("Médicaid"), "medicaid");
        assert_eq!(fold("ÉTAT"), "etat");
        assert_eq!(fold("naïve"), "naive");
        assert_eq!(fold("Ångström"), "angstrom");
        assert_eq!(fold("ﬁle"), "file");
        // A decomposed accent stays inside its word and is dropped.
        assert_eq!(folded("Me\u{301}dicaid"), ["medicaid"]);
        assert_eq!(fold("straße"), "straße");
    }

    #[test]
    fn ascii_fast_path_agrees_with_the_general_one() {
        for w in ["ICE's", "Don't", "plain", "MiXeD", "it's"] {
            let general: String = {
                let mut lower = w.to_lowercase();
                if lower.ends_with("'s") {
                    lower.truncate(lower.len() - 2);
                }
                lower
                    .nfkd()
                    .filter(|c| c.is_alphabetic() || c.is_numeric())
                    .collect()
            };
            assert_eq!(fold(w), general, "{w}");
        }
    }

    #[test]
    fn fold_into_agrees_with_fold() {
        let mut buf = String::new();
        for w in ["plain", "ICE's", "Don't", "Médicaid", "ÉTAT’s", "x"] {
            assert_eq!(fold_into(w, &mut buf), fold(w), "{w}");
        }
    }

    #[test]
    fn drops_overlong_words() {
        let long = "a".repeat(MAX_WORD + 1);
        assert_eq!(folded(&format!("short {long} end")), ["short", "end"]);
    }

    #[test]
    fn english_stems_with_snowball() {
        let en = Language::new("en");
        assert_eq!(en.stem("lawsuits"), "lawsuit");
        assert_eq!(en.stem("lawsuit"), "lawsuit");
        assert_eq!(en.stem("suing"), en.stem("sued"));
        assert_eq!(en.stem("sues"), "sue");
        assert_eq!(en.stem("enrollees"), en.stem("enrollee"));
        assert_eq!(en.stem("security"), "secur");
        assert!(en.is_stop("the"));
        assert!(!en.is_stop("who"));
    }

    #[test]
    fn stop_words_are_found_and_only_them() {
        assert!(STOP_EN.iter().all(|w| w.len() <= 8));
        let en = Language::new("en");
        assert!(STOP_EN.iter().all(|w| en.is_stop(w)));
        assert!(
            !en.is_stop("thee")
                && !en.is_stop("states")
                && !en.is_stop("")
                && !en.is_stop("theirselves")
        );
    }

    #[test]
    fn split_handles_any_script_and_edges() {
        let t = "ÉTAT’s 'x' a’ 東京 ...end";
        let got: Vec<&str> = split(t).map(|r| &t[r]).collect();
        assert_eq!(got, ["ÉTAT’s", "x", "a", "東京", "end"]);
        assert_eq!(split("").count(), 0);
        assert_eq!(split("—").count(), 0);
    }

    #[test]
    fn stemmer_follows_the_language() {
        assert_eq!(Language::new("es").stem("demandas"), "demand");
        assert_eq!(Language::new("en-US").stem("states"), "state");
        // No Snowball stemmer: words are kept whole.
        let ja = Language::new("ja");
        assert_eq!(ja.stem("states"), "states");
        assert!(!ja.is_stop("the"));
    }
}
