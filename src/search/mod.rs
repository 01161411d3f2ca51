//! Stage 6, search: an index of every record, built with the site and
//! searched in the reader's browser by `search.js`, with no server, no
//! third party, no WebAssembly and no `eval`.
//!
//! # What is found
//!
//! Every fact (statement, attribution, quotes, topics, status), every part
//! of every page (from one heading to the next, linked by the heading's
//! anchor), every timeline event, lawsuit, person and glossary term: see
//! [`records`]. Each is a **record** with a title, a body, a URL, and
//! facets (kind, topics, status) for the filters.
//!
//! # How words match
//!
//! [`text`] splits, folds (case, accents, apostrophes) and drops stop
//! words; a Snowball stemmer of the page's language groups the forms of a
//! word (`lawsuits`, `lawsuit`). The index maps every folded word that
//! occurs to its stem. The browser reads a query the same way (see
//! `search.js`):
//!
//! 1. **Question and function words** ("what", "can", "my": see
//!    `text::QUERY_WORDS`) are dropped, those of the site's language and,
//!    for a query holding more of another known language's, of that one;
//!    unless quoted, or unless nothing else is left.
//! 2. **Synonyms.** A run of words that the manifest's synonyms know (keys
//!    stemmed: "social security numbers" meets "social security number") is
//!    one concept that also finds each of its synonyms, with all their
//!    words. Synonyms are the site's `[search] synonyms` and every name of
//!    a glossary term or person (term, expansion, aliases; name, aliases).
//! 3. Each word is matched, in this order:
//!    1. **exactly**, if it is a word of the site (`lawsuit` also finds
//!       `lawsuits`: same stem);
//!    2. else **by its stem**, for languages whose stemmer `search.js` has
//!       (English and Spanish, tested against the build's on every word of
//!       a standard list in `tests/stemmers.rs`): `arrested` is stemmed to
//!       `arrest`, and the words of the site starting with it that have
//!       that stem are the site's forms of it;
//!    3. else **as a prefix**, for the word being typed (`medic` finds
//!       `medicaid`, `medical`): the three most frequent completions, or the
//!       most frequent alone if it is a very common word (so typing never
//!       fetches several long lists);
//!    4. else, for words of five letters or more, **with one typo** (one
//!       letter added, dropped, changed, or two swapped): `medicad` finds
//!       `medicaid`, and `medical` weighed by how much rarer it is. A typo
//!       after the first two letters keeps them, so it is looked for among
//!       the words that share them; a typo in the first two letters keeps
//!       the rest of the word, so it is looked for in a second vocabulary of
//!       the words spelt backwards (`nedicaid`, `edicaid`, `emdicaid` find
//!       `medicaid`). The count line names the word it was read as.
//!
//! # How records rank
//!
//! A BM25F score, computed at build time per stem and record (an
//! *impact*): `k1 = 1.2`, `b = 0.75`, and a word in a title or a fact's
//! statement weighs [`format::TITLE_WEIGHT`] times a word in the body. In
//! the browser every word is optional: a record's score is the sum over the
//! query's concepts of the impact of the best stem each matched (a prefix
//! completion counts 0.7, a typo 0.5 at most, a synonym 0.9), times 1.5 for
//! each pair of query words that follow each other in the record (the
//! **phrase boost**), times the square of the share of the query's concepts
//! it holds (the **coordination**: a typo counts 0.3 of a word, a
//! completion 0.5, so a corrected word never outweighs the words the site
//! does hold), times a prior by kind (facts and glossary terms 1.05,
//! people, events and lawsuits 1.02, page parts 1). The glossary term or
//! person that the query names exactly (by any of its names; the manifest's
//! `names`) is boosted to the top. Equal scores keep record order
//! (evidence first, then pages in site order), so ranking is stable.
//!
//! The phrase boost needs to know which word follows which, without
//! storing positions (which would double the index): each posting carries
//! the 6-bit hash of the stem that follows the stem's *first* occurrence in
//! the record ([`digest::stem_hash`]). "social security" is boosted in a
//! record whose first "social" is followed by "security".
//!
//! # The files, and what a query fetches
//!
//! Everything is in `search/` (`LANG/search/` for other languages), all
//! JSON, long lists packed as base-64 digits ([`format::Vlq`]):
//!
//! | file | holds | fetched |
//! |---|---|---|
//! | the search page | the manifest: vocabulary shard bounds (both ways), kinds by group range, topic names, stop words, the query stemmer's language, version | once |
//! | `words.json` and `search-stem-LANG.js` | question words by language, synonyms, names of terms and people; the query stemmer | at the first keystroke (or query in the address), cached across visits |
//! | `v/N.json` | a shard of the sorted vocabulary (~2 KB): each word's stem, the stem's document frequency, hash and where its postings are | the shard(s) holding the typed words |
//! | `r/N.json` | a shard of the vocabulary spelt backwards (~2 KB), words only | for a typo in a word's first two letters |
//! | `p/N.json` | packs of postings lists (~8 KB), in stem order | the packs holding the query's stems |
//! | `w/N.json` | the whole postings list of a very common stem | only when the short list is not enough |
//! | `facets.json` | topics of each page, topic and status of each fact | when counts must be computed |
//! | `d/N.json` | a group's results: title, URL, text, context (a page's, with `snippets = "pages"`: titles and anchors only, the text read from the page) | only for the results shown |
//!
//! A postings list is, per record holding the stem, in record order: the
//! record (delta-coded group and place in the group; a record of the group
//! right after the last one's takes one digit), its impact (one digit:
//! `2^(q/8)`) and its follower hash (one digit) — three or four bytes a
//! posting before compression ([`format::PostingsWriter`]).
//!
//! A stem found in very many records (a list over [`format::BIG_POSTINGS`]
//! bytes) gets, in its pack, a **short list** of its [`format::TOP`] best
//! records and the counts of all its records by kind, topic and status; its
//! whole list goes to a `w/` file. A one-word query on a common word
//! fetches the short list and shows exact counts; the whole list is
//! fetched only for several words, a filter, or reading past the short
//! list. So no query fetches more than the lists of its own words, and a
//! query on a common word fetches a few kilobytes.
//!
//! Counts for the filters otherwise come from `facets.json`, every record's
//! topics and status: a few hundred bytes for this explainer, 54 KB (21 KB
//! gzipped) at 10,000 pages, fetched once a visit alongside the first
//! pack that needs it. When it is over [`format::INLINE_COUNTS_ABOVE`]
//! (some 25,000 pages), every stem's pack entry carries its counts as a
//! common stem's does (the manifest's `counts`), so a one-word query never
//! fetches it; only several words or a filter do.
//!
//! # Building it
//!
//! Page text cannot wait for the index (10,000 pages of text would sit in
//! memory), so each render worker digests its page's parts as soon as the
//! markdown is rendered ([`digest`]: counts per stem, a few bytes each) and
//! writes the page's result file at once. This stage then counts document
//! frequencies, computes impacts, and writes postings, vocabulary and
//! facets ([`format::build`]), a batch of stems at a time so that only part
//! of the postings is ever in memory. The output depends only on the site:
//! words and stems are renumbered by sorted text, records by group, and
//! every file name and byte is deterministic. The manifest carries a hash
//! of all of it, which the script adds to every URL, so a reader never
//! mixes files of two builds.
//!
//! `casefile serve`'s incremental rebuilds rewrite an edited page's result
//! file (its text in results is current at once) but not the postings: the
//! words an edit adds or removes are indexed at the next full build.

mod batch;
pub mod digest;
pub mod encoding;
pub mod format;
pub mod lexicon;
pub mod postings;
pub mod records;
mod scan;
pub mod text;
mod vocab;
mod wordtable;

use std::collections::BTreeMap;

use crate::diagnostics::Diagnostic;
use crate::model::Site;
use crate::output::Sink;
pub use digest::{Digest, Lexicon};
pub use records::{Kind, Plain, Written};

/// The search index of one language.
#[derive(Debug)]
pub struct Index {
    /// Language code.
    pub lang: String,
    /// Site path of the search page: `/search/`, `/es/search/`.
    pub path: String,
    /// The manifest (JSON) for the search page.
    pub manifest: String,
    /// Records indexed.
    pub docs: u32,
    /// The query stemmer the page loads (`search-stem-LANG.js`), if
    /// `search.js` has one for the language.
    pub stemmer: Option<&'static str>,
    /// Distinct words.
    pub words: usize,
    /// Files written, and their bytes in all (result files excluded).
    pub files: usize,
    /// Bytes of the index files (result files excluded).
    pub bytes: usize,
}

/// Site path of the search page of `lang`: `/search/` or `/LANG/search/`.
pub fn path(site: &Site, lang: &str) -> String {
    format!("{}search/", site.sections[site.home(lang)].path)
}

/// Output file of a group's results.
pub fn result_path(site: &Site, lang: &str, group: u32) -> String {
    format!("{}d/{group}.json", path(site, lang).trim_start_matches('/'))
}

/// Frees every thread's cache of the words it digested (tens of MB on a
/// large site): call once every page is digested. A later digest starts
/// its thread's cache again from the lexicon.
pub fn forget_thread_caches() {
    rayon::broadcast(|_| digest::forget_thread_caches());
    digest::forget_thread_caches();
}

/// The lexicons a build's words are interned into, one per language: its
/// own, freed with it (every word in them is one of the build's).
#[derive(Debug)]
pub struct Lexicons(BTreeMap<String, Lexicon>);

impl Lexicons {
    /// An empty lexicon for each language.
    pub fn new<'l>(languages: impl IntoIterator<Item = &'l str>) -> Self {
        Self(
            languages
                .into_iter()
                .map(|l| (l.to_string(), Lexicon::new(l)))
                .collect(),
        )
    }

    /// The lexicon of `lang` (a language of the site).
    pub fn get(&self, lang: &str) -> &Lexicon {
        &self.0[lang]
    }
}

/// Whether page parts' snippets are taken from the published pages
/// (`[search] snippets`, resolved by the model).
fn from_pages(site: &Site) -> bool {
    site.config.search.snippets == crate::config::Snippets::Pages
}

/// Digests a page's parts and prepares its result file.
pub fn page(
    site: &Site,
    lex: &Lexicon,
    pi: usize,
    url: &str,
    sections: Vec<crate::markdown::SectionText>,
) -> Written {
    let started = std::time::Instant::now();
    let p = &site.pages[pi];
    let mut w = parts(
        site,
        lex,
        (&p.meta.title, p.meta.description.as_deref()),
        url,
        sections,
    );
    w.path = result_path(site, &p.lang, records::page_group(site, pi));
    w.nanos = started.elapsed().as_nanos() as u64;
    w
}

/// The parts of a page or section body at `url`, with its title and
/// description, digested, and their result file.
fn parts(
    site: &Site,
    lex: &Lexicon,
    (title, description): (&str, Option<&str>),
    url: &str,
    sections: Vec<crate::markdown::SectionText>,
) -> Written {
    let from_page = from_pages(site);
    let recs = records::page_records(title, description, url, sections, from_page);
    records::group(lex, &recs, from_page.then_some((url, title)))
}

/// Writes a re-rendered page's result file, if not yet written (`serve`'s
/// incremental rebuilds; a full build writes them as pages are rendered).
/// The index itself is rebuilt by the next full build: until then an
/// edited page shows its new text in results but is found by its old words.
pub fn write_results(w: &mut Written, sink: &dyn Sink) -> Result<(), Diagnostic> {
    match w.file.take() {
        Some(bytes) => sink.write(&w.path, &bytes),
        None => Ok(()),
    }
}

/// Digests a section body's parts and prepares its result file.
pub fn section(
    site: &Site,
    lex: &Lexicon,
    si: usize,
    url: &str,
    sections: Vec<crate::markdown::SectionText>,
) -> Written {
    let s = &site.sections[si];
    let mut w = parts(
        site,
        lex,
        (&s.meta.title, s.meta.description.as_deref()),
        url,
        sections,
    );
    w.path = result_path(site, &s.lang, records::section_group(site, si));
    w
}

/// The search stage: indexes every record of every language and writes the
/// index files (and the result files of evidence and section bodies; the
/// pages' were written as they were rendered). `pages` and `sections` are
/// what [`page`] and [`section`] returned while rendering, indexed like
/// `site.pages` and `site.sections`. Call [`forget_thread_caches`] first:
/// the render threads' word caches are not needed here.
pub fn build(
    site: &Site,
    lexicons: &Lexicons,
    pages: &[&Written],
    sections: &[&Written],
    plain: &dyn Plain,
    sink: &dyn Sink,
) -> (Vec<Index>, Vec<Diagnostic>) {
    let mut diags = Vec::new();
    let mut out = Vec::new();
    let write = |path: &str, bytes: &[u8], diags: &mut Vec<Diagnostic>| {
        diags.extend(sink.write(path, bytes).err());
    };
    for lang in site.config.all_languages() {
        let lex = lexicons.get(lang);
        let dir = path(site, lang);
        let prefix = dir.trim_start_matches('/').to_string();
        let mut topics = Topics::default();

        // The evidence in this language: translated where it is, the
        // original's words where not (as its pages show them).
        let translated = site.evidence.in_language(lang);
        let ev = translated.as_ref().unwrap_or(&site.evidence);
        let in_lang = plain.in_language(lang);
        let plain: &dyn Plain = in_lang.as_ref();
        let mut evidence: Vec<EvidenceGroup> = Vec::new();
        let mut first_group: BTreeMap<Kind, u32> = BTreeMap::new();
        {
            let mut id = 0u32;
            for (kind, recs) in records::evidence_records(ev, plain) {
                first_group.insert(kind, id);
                for chunk in recs.chunks(records::GROUP) {
                    let mut w = records::group(lex, chunk, None);
                    w.path = result_path(site, lang, id);
                    if let Some(f) = w.file.take() {
                        write(&w.path, &f, &mut diags);
                    }
                    let docs = if kind == Kind::Fact {
                        chunk
                            .iter()
                            .map(|r| {
                                let t = r.topics.iter().map(|t| topics.id(t)).collect();
                                let s = STATUSES
                                    .iter()
                                    .position(|s| Some(*s) == r.status)
                                    .unwrap_or(0) as u8;
                                (t, s)
                            })
                            .collect()
                    } else {
                        Vec::new()
                    };
                    evidence.push(EvidenceGroup {
                        id,
                        kind,
                        written: w,
                        docs,
                    });
                    id += 1;
                }
            }
        }

        // Every record of the language is digested now.
        lex.finish_interning();
        let mut groups: Vec<format::Group<'_>> = evidence
            .iter()
            .map(|e| format::Group {
                id: e.id,
                kind: e.kind,
                digest: &e.written.digest,
                topics: Vec::new(),
                docs: e.docs.clone(),
            })
            .collect();
        let mut docs_hash = format::Fnv::default();
        for e in &evidence {
            docs_hash.write(&e.written.hash.to_le_bytes());
        }
        for (pi, p) in site.pages.iter().enumerate() {
            if p.lang != *lang {
                continue;
            }
            let Some(page) = pages.get(pi) else { continue };
            // A page term that names a fact topic (same slug: "eligibility"
            // and facts/eligibility.toml) is that topic: one filter.
            let names: Vec<String> = p
                .terms
                .iter()
                .flat_map(|(ti, terms)| {
                    terms.iter().map(|&t| {
                        let term = &site.taxonomies[*ti].terms[t];
                        let topic = ev.topics.iter().find(|x| x.slug == term.slug);
                        match topic {
                            Some(topic) => plain.plain(&topic.title),
                            None => term.name.clone(),
                        }
                    })
                })
                .collect();
            let mut ids: Vec<u32> = names.iter().map(|n| topics.id(n)).collect();
            ids.sort_unstable();
            ids.dedup();
            docs_hash.write(&page.hash.to_le_bytes());
            groups.push(format::Group {
                id: records::page_group(site, pi),
                kind: Kind::Page,
                digest: &page.digest,
                topics: ids,
                docs: Vec::new(),
            });
        }
        for (si, s) in site.sections.iter().enumerate() {
            if s.lang != *lang {
                continue;
            }
            let Some(body) = sections.get(si) else {
                continue;
            };
            if let Some(f) = &body.file {
                write(&body.path, f, &mut diags);
            }
            docs_hash.write(&body.hash.to_le_bytes());
            groups.push(format::Group {
                id: records::section_group(site, si),
                kind: Kind::Page,
                digest: &body.digest,
                topics: Vec::new(),
                docs: Vec::new(),
            });
        }

        // Topic ids were handed out in order of appearance; the index
        // lists topics by name, so renumber.
        let (names, renumber) = topics.sorted();
        for g in &mut groups {
            for t in g
                .topics
                .iter_mut()
                .chain(g.docs.iter_mut().flat_map(|d| d.0.iter_mut()))
            {
                *t = renumber[*t as usize];
            }
            g.topics.sort_unstable();
        }

        // Each glossary term and person: its record and every name it goes
        // by (a query for one finds the others, and names the record).
        let mut name_groups: Vec<format::NameGroup> = Vec::new();
        for ((kind, i), forms) in records::names_of(ev, plain) {
            let Some(&first) = first_group.get(&kind) else {
                continue;
            };
            let at = (
                first + (i / records::GROUP) as u32,
                (i % records::GROUP) as u32,
            );
            let mut phrases: Vec<String> = Vec::new();
            for f in forms {
                let p = lex.lang.phrase(&f);
                if !p.is_empty() && !phrases.contains(&p) {
                    phrases.push(p);
                }
            }
            name_groups.push(format::NameGroup(at, phrases));
        }
        let synonyms = records::synonyms(&site.config.search.synonyms, &lex.lang);

        let input = format::Input {
            synonyms,
            names: name_groups,
            lexicon: lex,
            groups,
            topics: names,
            statuses: STATUSES.to_vec(),
            docs_hash: docs_hash.0,
            snippets_from_pages: from_pages(site),
        };
        // The index's files are written on a thread of their own (a few
        // thousand files at 10,000 pages), while the index goes on, in the
        // order they are made.
        let built = std::thread::scope(|scope| {
            let (tx, rx) = std::sync::mpsc::sync_channel::<(String, Vec<u8>)>(64);
            let writer = scope.spawn(move || {
                let mut diags = Vec::new();
                for (path, bytes) in rx {
                    diags.extend(sink.write(&path, &bytes).err());
                }
                diags
            });
            let built = format::build(&input, &mut |name, data| {
                // Fails only if the writer panicked: its join says so.
                let _ = tx.send((format!("{prefix}{name}"), data.to_vec()));
            });
            drop(tx);
            match writer.join() {
                Ok(d) => diags.extend(d),
                Err(panic) => std::panic::resume_unwind(panic),
            }
            built
        });
        out.push(Index {
            lang: lang.to_string(),
            stemmer: lex.lang.browser_stemmer(),
            path: dir,
            manifest: built.manifest,
            docs: built.docs,
            words: built.words,
            files: built.files,
            bytes: built.bytes,
        });
    }
    (out, diags)
}

/// A group of evidence records, digested.
struct EvidenceGroup {
    id: u32,
    kind: Kind,
    written: Written,
    /// Per record: topic ids and status (facts only).
    docs: Vec<(Vec<u32>, u8)>,
}

/// Fact statuses, in the order the index numbers them.
pub const STATUSES: [&str; 4] = ["reported", "confirmed", "disputed", "superseded"];

/// Topic names, merged case-insensitively (a fact topic "Privacy" and a
/// page topic "privacy" are one filter) and shown with a capital. A page
/// term whose slug is a fact topic's comes in under that topic's title.
#[derive(Default)]
struct Topics {
    ids: BTreeMap<String, u32>,
    names: Vec<String>,
}

impl Topics {
    fn id(&mut self, name: &str) -> u32 {
        let key = text::words(name)
            .map(|(_, w)| w.into_owned())
            .collect::<Vec<_>>()
            .join(" ");
        if let Some(&id) = self.ids.get(&key) {
            return id;
        }
        let id = self.names.len() as u32;
        self.ids.insert(key, id);
        // Shown as a filter label: with a capital, whatever the term's case.
        let mut chars = name.chars();
        let shown = match chars.next() {
            Some(first) => first.to_uppercase().chain(chars).collect(),
            None => String::new(),
        };
        self.names.push(shown);
        id
    }

    /// Names sorted by their folded key, and old id → new id.
    fn sorted(self) -> (Vec<String>, Vec<u32>) {
        let mut renumber = vec![0u32; self.names.len()];
        let mut names = Vec::with_capacity(self.names.len());
        for (new, (_, &old)) in self.ids.iter().enumerate() {
            renumber[old as usize] = new as u32;
            names.push(self.names[old as usize].clone());
        }
        (names, renumber)
    }
}

#[cfg(test)]
mod tests;
