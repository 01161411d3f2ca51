//! Stage 2, model: pages, sections and taxonomies, with their URLs and order.
//!
//! Pure: takes what `load` read and the configuration, does no I/O. Every
//! collection is sorted with a total order (ties broken by content path), so
//! the model is the same whatever order files were read in.

mod taxonomies;
mod translations;
mod types;

use std::collections::{BTreeMap, HashMap, HashSet};
use std::ops::Range;

use rayon::prelude::*;

use crate::config::Config;
use crate::date::Date;
use crate::diagnostics::{Diagnostic, SourceFile};
use crate::evidence::Evidence;
use crate::front_matter::{self, PageFrontMatter, SectionFrontMatter};
use crate::load::ContentFile;
use crate::text::slugify;
pub use translations::lang_rel;
use translations::{base_rel, check_translations};
use types::lang_prefix;
pub use types::*;

/// Splits `name.es.md` into (`name`, Some(`es`)).
fn split_lang<'a>(stem: &'a str, config: &Config) -> (&'a str, Option<&'a str>) {
    if let Some((base, suffix)) = stem.rsplit_once('.') {
        if config.languages.contains_key(suffix) || suffix == config.language {
            return (base, Some(suffix));
        }
    }
    (stem, None)
}

#[derive(Clone)]
struct Parsed<T> {
    file: ContentFile,
    split_body: usize,
    meta: T,
    fm: Range<usize>,
}

/// The first words of the body `casefile new article` writes: a page
/// that still holds them gets a warning while it is a draft and an error
/// once published.
pub const ARTICLE_PLACEHOLDER: &str = "Write the article here.";

impl Site {
    /// Takes every page's file out of the model, leaving its front matter
    /// (all that diagnostics after the pages stage point into): a build
    /// renders each page from the file it is handed and then drops it
    /// ([`crate::render::Renderer::pages_from`]), so that the lists and the
    /// search index are not built beside every page's text (68 MB at
    /// 10,000 pages). `serve` keeps them for its next build. [`Page::body`]
    /// is empty afterwards. Returns the files, indexed like `self.pages`.
    pub fn take_page_bodies(&mut self) -> Vec<SourceFile> {
        self.pages
            .par_iter_mut()
            .map(|p| {
                let head: std::sync::Arc<str> = p.source.text[..p.body_offset].into();
                let head = SourceFile::new(p.source.rel_path.clone(), head);
                std::mem::replace(&mut p.source, head)
            })
            .collect()
    }

    /// When section `si` last changed, as every pager of its list shows it:
    /// the latest `updated` (or date) of its pages and of the section.
    pub fn section_updated(&self, si: usize) -> Option<&Date> {
        let sec = &self.sections[si];
        sec.pages
            .iter()
            .filter_map(|&pi| self.pages[pi].last_changed())
            .chain(sec.updated.as_ref())
            .max()
    }

    /// Builds the model from the loaded content files.
    pub fn build(
        config: Config,
        files: Vec<ContentFile>,
        include_drafts: bool,
    ) -> (Site, Vec<Diagnostic>) {
        Self::build_reusing(config, files, include_drafts, None)
    }

    /// [`Site::build`], taking the parsed front matter of every page whose
    /// text is the very text `old` holds (the same shared string: not
    /// compared byte by byte) from `old` instead of parsing it again: what
    /// `serve` does after an edit, where all but the edited files are
    /// unchanged. The result is the same as [`Site::build`]'s.
    pub fn build_reusing(
        config: Config,
        files: Vec<ContentFile>,
        include_drafts: bool,
        old: Option<&Site>,
    ) -> (Site, Vec<Diagnostic>) {
        let tz = config.time_zone();
        // Pages of `old` that are their file as read (not a language's
        // stand-in for an untranslated page), by content path.
        let reusable: HashMap<&str, &Page> = old
            .map(|o| {
                o.pages
                    .iter()
                    .filter(|p| !p.fallback)
                    .map(|p| (p.rel.as_str(), p))
                    .collect()
            })
            .unwrap_or_default();
        let mut diags = Vec::new();

        let (evidence_files, files): (Vec<ContentFile>, Vec<ContentFile>) = files
            .into_iter()
            .partition(|f| crate::evidence::is_evidence_path(&f.rel));
        let langs: Vec<String> = config.languages.keys().cloned().collect();
        let (evidence, errs) = Evidence::build_in(evidence_files, &tz, &langs);
        diags.extend(errs);

        // Parse front matter in parallel; keep file order.
        enum Either {
            Page(Box<Parsed<PageFrontMatter>>),
            Section(Box<Parsed<SectionFrontMatter>>),
        }
        let parsed: Vec<Result<Either, Diagnostic>> = files
            .into_par_iter()
            .map(|file| {
                let split = front_matter::split(&file.source)?;
                let fm = split.range();
                let body = split.body_offset;
                let is_section = file.rel == "_index.md"
                    || file.rel.ends_with("/_index.md")
                    || file
                        .rel
                        .rsplit('/')
                        .next()
                        .is_some_and(|n| n.starts_with("_index."));
                if is_section {
                    let meta = front_matter::parse_section(&file.source, &split)?;
                    Ok(Either::Section(Box::new(Parsed {
                        file,
                        split_body: body,
                        meta,
                        fm,
                    })))
                } else {
                    let meta = match reusable.get(file.rel.as_str()) {
                        Some(o) if std::sync::Arc::ptr_eq(&o.source.text, &file.source.text) => {
                            debug_assert_eq!((o.body_offset, &o.front_matter), (body, &fm));
                            o.meta.clone()
                        }
                        _ => front_matter::parse_page(&file.source, &split)?,
                    };
                    Ok(Either::Page(Box::new(Parsed {
                        file,
                        split_body: body,
                        meta,
                        fm,
                    })))
                }
            })
            .collect();

        let mut raw_pages = Vec::new();
        let mut raw_sections = Vec::new();
        for p in parsed {
            match p {
                Ok(Either::Page(p)) => raw_pages.push(*p),
                Ok(Either::Section(s)) => raw_sections.push(*s),
                Err(d) => diags.push(d),
            }
        }

        // A page or section with no translation in another language is
        // shown there as it is, with a notice: never a missing page.
        let mut fallback_rels: HashSet<String> = Default::default();
        if !config.languages.is_empty() {
            let existing: HashSet<String> = raw_pages
                .iter()
                .map(|p| p.file.rel.clone())
                .chain(raw_sections.iter().map(|s| s.file.rel.clone()))
                .collect();
            let is_original = |rel: &str| base_rel(rel, &config) == rel;
            let mut extra_pages = Vec::new();
            let mut extra_sections = Vec::new();
            for lang in config.languages.keys() {
                for p in raw_pages.iter().filter(|p| is_original(&p.file.rel)) {
                    let rel = lang_rel(&p.file.rel, lang);
                    if !existing.contains(&rel) {
                        let mut copy = p.clone();
                        copy.file.rel = rel.clone();
                        copy.meta.translates = None;
                        fallback_rels.insert(rel);
                        extra_pages.push(copy);
                    }
                }
                for s in raw_sections.iter().filter(|s| is_original(&s.file.rel)) {
                    let rel = lang_rel(&s.file.rel, lang);
                    if !existing.contains(&rel) {
                        let mut copy = s.clone();
                        copy.file.rel = rel.clone();
                        copy.meta.translates = None;
                        fallback_rels.insert(rel);
                        extra_sections.push(copy);
                    }
                }
            }
            raw_pages.extend(extra_pages);
            raw_sections.extend(extra_sections);
        }

        let key_at = |file: &SourceFile, fm: &Range<usize>, key: &str| -> usize {
            front_matter::key_offset(&file.text, fm.clone(), key)
        };

        // Sections first: their folders decide where pages belong.
        let mut drafts = Vec::new();
        let mut draft_dirs: Vec<(String, String)> = Vec::new();
        let mut sections: Vec<Section> = Vec::new();
        for s in raw_sections {
            let rel = s.file.rel.clone();
            let (dir, name) = match rel.rsplit_once('/') {
                Some((d, n)) => (d.to_string(), n),
                None => (String::new(), rel.as_str()),
            };
            let stem = name.trim_end_matches(".md");
            let (_, lang) = split_lang(stem, &config);
            if let Some(suffix) = stem.strip_prefix("_index.") {
                if lang.is_none() {
                    diags.push(unknown_language(&s.file.source, suffix, &config));
                    continue;
                }
            }
            let lang = lang.unwrap_or(&config.language).to_string();
            if s.meta.draft && !include_drafts {
                drafts.push(rel.clone());
                draft_dirs.push((lang.clone(), dir.clone()));
                continue;
            }
            let updated = match &s.meta.updated {
                Some(d) => match Date::from_toml(d, &tz) {
                    Ok(d) => Some(d),
                    Err(e) => {
                        diags.push(bad_date(
                            &s.file.source,
                            key_at(&s.file.source, &s.fm, "updated"),
                            "updated",
                            &e,
                        ));
                        None
                    }
                },
                None => None,
            };
            if let Some(d) = empty_segment(&s.file.source, &dir) {
                diags.push(d);
                continue;
            }
            let path = dir_path(&dir, &lang, &config);
            sections.push(Section {
                base_rel: base_rel(&rel, &config),
                fallback: fallback_rels.contains(&rel),
                stale: Vec::new(),
                rel,
                source: s.file.source,
                body_offset: s.split_body,
                lang,
                meta: s.meta,
                path,
                parent: None,
                pages: Vec::new(),
                subsections: Vec::new(),
                updated,
                dir,
            });
        }
        if draft_dirs.iter().any(|(_, d)| d.is_empty()) {
            diags.push(
                Diagnostic::warning(
                    "content/_index.md",
                    0,
                    0,
                    "the home page is a draft, so every page of the site is left out",
                )
                .with_help("set draft = false in content/_index.md, or build with --drafts"),
            );
        }
        // Sections under a draft section are drafts too.
        sections.retain(|s| {
            let hidden = draft_dirs.iter().any(|(l, d)| {
                *l == s.lang && (d.is_empty() || s.dir.starts_with(&format!("{d}/")))
            });
            if hidden {
                drafts.push(s.rel.clone());
            }
            !hidden
        });
        // Every language has a home, even without an _index.md.
        for lang in config.all_languages() {
            if !sections.iter().any(|s| s.lang == lang && s.dir.is_empty()) {
                let rel = if lang == config.language {
                    "_index.md".to_string()
                } else {
                    format!("_index.{lang}.md")
                };
                sections.push(Section {
                    base_rel: "_index.md".to_string(),
                    fallback: lang != config.language,
                    stale: Vec::new(),
                    rel: rel.clone(),
                    source: SourceFile::new(format!("content/{rel}"), String::new()),
                    body_offset: 0,
                    lang: lang.to_string(),
                    meta: SectionFrontMatter {
                        title: config.title.clone(),
                        ..Default::default()
                    },
                    path: lang_prefix(lang, &config) + "/",
                    parent: None,
                    pages: Vec::new(),
                    subsections: Vec::new(),
                    updated: None,
                    dir: String::new(),
                });
            }
        }
        sections.sort_by(|a, b| a.rel.cmp(&b.rel));

        let section_of = |sections: &[Section], lang: &str, dir: &str| -> usize {
            // The nearest ancestor folder with a section in the same language.
            let mut d = dir.to_string();
            loop {
                if let Some(i) = sections.iter().position(|s| s.lang == lang && s.dir == d) {
                    return i;
                }
                match d.rfind('/') {
                    Some(i) => d.truncate(i),
                    None if !d.is_empty() => d.clear(),
                    None => break,
                }
            }
            sections
                .iter()
                .position(|s| s.lang == lang && s.dir.is_empty())
                .unwrap_or(0)
        };
        let parents: Vec<Option<usize>> = sections
            .iter()
            .map(|s| {
                if s.dir.is_empty() {
                    None
                } else {
                    let parent_dir = s.dir.rsplit_once('/').map(|x| x.0).unwrap_or("");
                    Some(section_of(&sections, &s.lang, parent_dir))
                }
            })
            .collect();
        for (i, p) in parents.into_iter().enumerate() {
            sections[i].parent = p;
            if let Some(p) = p {
                sections[p].subsections.push(i);
            }
        }

        // Pages. Whether each still holds the placeholder text is a search
        // through every body (68 MB at 10,000 pages, 40 ms with `str::find`
        // on one thread, which every title edit in `serve` waited for):
        // vectorised (memchr's `memmem`), on every thread.
        let placeholder = memchr::memmem::Finder::new(ARTICLE_PLACEHOLDER);
        let placeholders: Vec<Option<usize>> = raw_pages
            .par_iter()
            .map(|p| placeholder.find(&p.file.source.text.as_bytes()[p.split_body..]))
            .collect();
        let mut pages: Vec<Page> = Vec::new();
        for (p, placeholder) in raw_pages.into_iter().zip(placeholders) {
            let rel = p.file.rel.clone();
            let (dir, name) = match rel.rsplit_once('/') {
                Some((d, n)) => (d.to_string(), n.to_string()),
                None => (String::new(), rel.clone()),
            };
            let stem = name.trim_end_matches(".md");
            let (base, lang) = split_lang(stem, &config);
            if lang.is_none() {
                if let Some((_, suffix)) = stem.rsplit_once('.') {
                    if suffix.len() == 2 && suffix.chars().all(|c| c.is_ascii_lowercase()) {
                        diags.push(unknown_language(&p.file.source, suffix, &config));
                        continue;
                    }
                }
            }
            let lang = lang.unwrap_or(&config.language).to_string();
            let hidden_by_section = draft_dirs.iter().any(|(l, d)| {
                *l == lang && (d.is_empty() || dir == *d || dir.starts_with(&format!("{d}/")))
            });
            if (p.meta.draft && !include_drafts) || hidden_by_section {
                drafts.push(rel);
                continue;
            }
            // `folder/index.md` is a page bundle: the page is the folder.
            let (page_dir, file_slug) = if base == "index" && !dir.is_empty() {
                match dir.rsplit_once('/') {
                    Some((d, n)) => (d.to_string(), n.to_string()),
                    None => (String::new(), dir.clone()),
                }
            } else {
                (dir.clone(), base.to_string())
            };
            let slug = match &p.meta.slug {
                Some(s) => {
                    let clean = slugify(s);
                    if clean != *s {
                        diags.push(
                            Diagnostic::error_at(
                                &p.file.source,
                                key_at(&p.file.source, &p.fm, "slug"),
                                format!("the slug `{s}` cannot be used in a URL as written"),
                            )
                            .with_help(format!("write slug = \"{clean}\"")),
                        );
                    }
                    clean
                }
                None => slugify(&file_slug),
            };
            if let Some(why) = crate::output::segment_problem(&slug) {
                let offset = match p.meta.slug {
                    Some(_) => key_at(&p.file.source, &p.fm, "slug"),
                    None => 0,
                };
                diags.push(
                    Diagnostic::error_at(
                        &p.file.source,
                        offset,
                        format!("the page's URL name `{slug}` {why}"),
                    )
                    .with_help("set slug = \"...\" to another name, or rename the file"),
                );
                continue;
            }
            if slug.is_empty() {
                diags.push(
                    match p.meta.slug {
                        Some(_) => Diagnostic::error_at(
                            &p.file.source,
                            key_at(&p.file.source, &p.fm, "slug"),
                            "the slug is empty",
                        )
                        .with_help("write slug = \"...\" with letters or digits, or remove it to use the file name"),
                        None => Diagnostic::error_at(
                            &p.file.source,
                            0,
                            "the file name gives an empty URL slug",
                        )
                        .with_help("rename the file with letters or digits, or set slug = \"...\""),
                    },
                );
                continue;
            }
            let mut dates = [None, None];
            for (i, (key, value)) in [("date", &p.meta.date), ("updated", &p.meta.updated)]
                .into_iter()
                .enumerate()
            {
                if let Some(v) = value {
                    match Date::from_toml(v, &tz) {
                        Ok(d) => dates[i] = Some(d),
                        Err(e) => diags.push(bad_date(
                            &p.file.source,
                            key_at(&p.file.source, &p.fm, key),
                            key,
                            &e,
                        )),
                    }
                }
            }
            let [date, updated] = dates;
            if let (Some(d), Some(u)) = (&date, &updated) {
                if u < d {
                    diags.push(
                        Diagnostic::error_at(
                            &p.file.source,
                            key_at(&p.file.source, &p.fm, "updated"),
                            format!("updated ({}) is before date ({})", u.iso(), d.iso()),
                        )
                        .with_help("an update cannot come before publication; check both dates"),
                    );
                }
            }
            if let Some(d) = empty_segment(&p.file.source, &page_dir) {
                diags.push(d);
                continue;
            }
            if let Some(at) = placeholder {
                let offset = p.split_body + at;
                let (message, help) = (
                    "the page still holds the placeholder text of `casefile new article`",
                    "write the article in place of \"Write the article here. ...\"",
                );
                diags.push(if p.meta.draft {
                    Diagnostic::warning_at(&p.file.source, offset, message).with_help(help)
                } else {
                    Diagnostic::error_at(&p.file.source, offset, message).with_help(help)
                });
            }
            let section = section_of(&sections, &lang, &page_dir);
            let path = format!("{}{}/", dir_path(&page_dir, &lang, &config), slug);
            pages.push(Page {
                base_rel: base_rel(&rel, &config),
                fallback: fallback_rels.contains(&rel),
                stale: Vec::new(),
                rel,
                source: p.file.source,
                body_offset: p.split_body,
                front_matter: p.fm.clone(),
                lang,
                meta: p.meta,
                slug,
                path,
                date,
                updated,
                section,
                terms: Vec::new(),
                previous: None,
                next: None,
            });
        }
        pages.sort_by(|a, b| a.rel.cmp(&b.rel));

        // Two things at one URL. The later page is reported and left out,
        // so it is not rendered over the first (and reported again).
        let mut by_path: BTreeMap<&str, &str> = BTreeMap::new();
        let mut collisions = Vec::new();
        let mut lost: Vec<(String, String)> = Vec::new();
        for (path, rel, file, page) in sections
            .iter()
            .map(|s| (s.path.as_str(), s.rel.as_str(), &s.source, None))
            .chain(
                pages
                    .iter()
                    .map(|p| (p.path.as_str(), p.rel.as_str(), &p.source, Some(p))),
            )
        {
            let other = *by_path.entry(path).or_insert(rel);
            if other != rel {
                let offset = match page {
                    Some(p) if p.meta.slug.is_some() => key_at(file, &p.front_matter, "slug"),
                    _ => 0,
                };
                collisions.push(
                    Diagnostic::error_at(
                        file,
                        offset,
                        format!("`{rel}` and `{other}` would both be published at {path}"),
                    )
                    .with_help("rename one of the files or give one a different slug"),
                );
                if page.is_some() {
                    lost.push((rel.to_string(), other.to_string()));
                }
            }
        }
        diags.extend(collisions);
        pages.retain(|p| !lost.iter().any(|(rel, _)| *rel == p.rel));

        // Section membership and order.
        for (i, p) in pages.iter().enumerate() {
            sections[p.section].pages.push(i);
        }
        for s in 0..sections.len() {
            let sort_by = sections[s].meta.sort_by;
            let mut list = std::mem::take(&mut sections[s].pages);
            list.sort_by(|&a, &b| compare_pages(&pages[a], &pages[b], sort_by));
            for (pos, &pi) in list.iter().enumerate() {
                pages[pi].previous = pos.checked_sub(1).map(|p| list[p]);
                pages[pi].next = list.get(pos + 1).copied();
            }
            sections[s].pages = list;
            let mut subs = std::mem::take(&mut sections[s].subsections);
            subs.sort_by(|&a, &b| {
                let (x, y) = (&sections[a], &sections[b]);
                (x.meta.weight.unwrap_or(i64::MAX), &x.meta.title, &x.rel).cmp(&(
                    y.meta.weight.unwrap_or(i64::MAX),
                    &y.meta.title,
                    &y.rel,
                ))
            });
            sections[s].subsections = subs;
        }

        // Taxonomies.
        let taxonomies = taxonomies::build(&config, &mut pages, &mut diags);

        let mut lookup = HashMap::new();
        for (i, s) in sections.iter().enumerate() {
            if !s.source.text.is_empty() {
                lookup.insert(s.rel.clone(), Target::Section(i));
            }
        }
        for (i, p) in pages.iter().enumerate() {
            lookup.insert(p.rel.clone(), Target::Page(i));
        }
        // Links to a page left out above go where it would have been.
        for (rel, other) in lost {
            if let Some(&t) = lookup.get(&other) {
                lookup.insert(rel, t);
            }
        }
        drafts.sort();

        // Updates name the pages they changed.
        for u in &evidence.updates {
            for page in &u.pages {
                if !lookup.contains_key(page.get_ref()) {
                    let help = match crate::diagnostics::closest(
                        page.get_ref(),
                        lookup.keys().map(String::as_str),
                    ) {
                        Some(c) => format!("did you mean `{c}`?"),
                        None => {
                            "name a file under content/, e.g. \"articles/the-agreement.md\"".into()
                        }
                    };
                    diags.push(
                        Diagnostic::error_at(
                            &u.file,
                            page.span().start,
                            format!(
                                "the update names the page `{}`, which does not exist",
                                page.get_ref()
                            ),
                        )
                        .with_help(help),
                    );
                }
            }
        }

        diags.extend(check_translations(&mut pages, &mut sections, &config));

        let mut config = config;
        // Pages of this size and more take their search snippets from the
        // published pages (see `Snippets`).
        let markdown: usize = pages
            .iter()
            .map(|p| p.body().len())
            .chain(sections.iter().map(|s| s.body().len()))
            .sum();
        config.search.snippets = config.search.snippets.resolve(markdown);
        let mut site = Site {
            config,
            pages,
            sections,
            taxonomies,
            lookup,
            drafts,
            evidence: std::sync::Arc::new(evidence),
            history: Default::default(),
        };
        site.date_by_updates();
        (site, diags)
    }

    /// Raises the `updated` date of every page and section an update or
    /// correction names to the update's date, whatever the front matter or
    /// git says: a correction must never look older than it is. (Facts get
    /// theirs in [`Evidence::build`].)
    pub fn date_by_updates(&mut self) {
        fn raise(slot: &mut Option<Date>, date: &Date) {
            if slot.as_ref().is_none_or(|d| d < date) {
                *slot = Some(date.clone());
            }
        }
        let evidence = self.evidence.clone();
        for u in &evidence.updates {
            for page in &u.pages {
                match self.lookup.get(page.get_ref()) {
                    Some(&Target::Page(i)) => raise(&mut self.pages[i].updated, &u.date),
                    Some(&Target::Section(i)) => raise(&mut self.sections[i].updated, &u.date),
                    None => {}
                }
            }
        }
    }

    /// The section chain from the home down to (not including) `section`.
    pub fn ancestors(&self, mut section: usize) -> Vec<usize> {
        let mut chain = Vec::new();
        while let Some(p) = self.sections[section].parent {
            chain.push(p);
            section = p;
        }
        chain.reverse();
        chain
    }

    /// The site-relative path of a content path.
    pub fn path_of(&self, target: Target) -> &str {
        match target {
            Target::Page(i) => &self.pages[i].path,
            Target::Section(i) => &self.sections[i].path,
        }
    }

    /// The URL prefix of a language: `""` for the site's own, `/es` for
    /// another.
    pub fn lang_prefix(&self, lang: &str) -> String {
        lang_prefix(lang, &self.config)
    }

    /// The home section of a language.
    pub fn home(&self, lang: &str) -> usize {
        self.sections
            .iter()
            .position(|s| s.lang == lang && s.parent.is_none())
            .unwrap_or(0)
    }
}

fn dir_path(dir: &str, lang: &str, config: &Config) -> String {
    let mut path = lang_prefix(lang, config);
    path.push('/');
    for seg in dir.split('/').filter(|s| !s.is_empty()) {
        path.push_str(&slugify(seg));
        path.push('/');
    }
    path
}

/// An error if a folder on the way to a file has no letters or digits (its
/// URL segment would be empty) or a name no host can take.
fn empty_segment(file: &SourceFile, dir: &str) -> Option<Diagnostic> {
    dir.split('/')
        .filter(|seg| !seg.is_empty())
        .find_map(|seg| {
            let slug = slugify(seg);
            if slug.is_empty() {
                return Some(
                    Diagnostic::error_at(
                        file,
                        0,
                        format!("the folder `{seg}` has no letters or digits to make a URL from"),
                    )
                    .with_help("rename the folder with letters or digits, e.g. content/articles/"),
                );
            }
            let why = crate::output::segment_problem(&slug)?;
            Some(
                Diagnostic::error_at(
                    file,
                    0,
                    format!("the folder `{seg}` cannot be a URL: its name `{slug}` {why}"),
                )
                .with_help("rename the folder"),
            )
        })
}

fn unknown_language(file: &SourceFile, suffix: &str, config: &Config) -> Diagnostic {
    Diagnostic::error_at(
        file,
        0,
        format!("the file name says language `{suffix}`, which the site does not publish"),
    )
    .with_help(format!(
        "add [languages.{suffix}] to casefile.toml, or rename the file (languages: {})",
        config.all_languages().join(", ")
    ))
}

fn bad_date(file: &SourceFile, offset: usize, key: &str, why: &str) -> Diagnostic {
    Diagnostic::error_at(file, offset, format!("impossible {key}: {why}")).with_help(format!(
        "write {key} = YYYY-MM-DD, or with a time: {key} = 2026-05-01T09:00:00-04:00"
    ))
}
