//! `casefile translated`: records in translation files which version of
//! their originals they translate, as it is now (the stamps of
//! [`crate::evidence::stamp`]).

use crate::diagnostics::{Diagnostic, SourceFile};
use crate::evidence::stamp::{page_parts, stamp};

/// One translation file marked by [`mark`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Marked {
    /// The translation, `content/...`.
    pub file: String,
    /// The original it translates.
    pub original: String,
    /// How many records it now stamps, in a file of records (none for a
    /// page, section, update or source).
    pub records: Option<usize>,
}

/// `casefile translated PATH...`: records in each translation file (or
/// every translation file under a folder) which version of its original
/// it translates, as it is now. Pages, sections, updates and sources get
/// `translates` in their front matter; record files (`facts/x.es.toml`,
/// `timeline.es.toml`...) get it on each record. Everything else in the
/// files is kept as written (comments, order, spacing).
pub fn mark(
    root: &std::path::Path,
    targets: &[std::path::PathBuf],
) -> Result<Vec<Marked>, Vec<Diagnostic>> {
    let config = crate::config::Config::load(root)?;
    let langs: Vec<String> = config.languages.keys().cloned().collect();
    if langs.is_empty() {
        return Err(vec![Diagnostic::error(
            crate::config::CONFIG_FILE,
            0,
            0,
            "the site has no other language, so it has no translations to mark",
        )
        .with_help(
            "add a language to casefile.toml, e.g. `[languages.es]` with its `title`",
        )]);
    }
    let (loaded, _) = crate::load::site(root);
    let rels = targets_in(root, targets, &langs)?;
    let (site, _) = crate::model::Site::build(config, loaded.content.clone(), true);
    let mut errors = Vec::new();
    let mut marked = Vec::new();
    for rel in rels {
        let Some(file) = loaded.content.iter().find(|f| f.rel == rel) else {
            continue;
        };
        match mark_file(&site, &file.source, &rel, &langs) {
            Ok((text, m)) => match std::fs::write(root.join("content").join(&rel), text) {
                Ok(()) => marked.push(m),
                Err(e) => errors.push(Diagnostic::error(
                    &file.source.rel_path,
                    0,
                    0,
                    format!("could not write the file: {e}"),
                )),
            },
            Err(e) => errors.extend(e),
        }
    }
    if errors.is_empty() {
        Ok(marked)
    } else {
        Err(errors)
    }
}

/// The translation files (paths relative to `content/`) that `targets`
/// name: files, or folders searched for them.
fn targets_in(
    root: &std::path::Path,
    targets: &[std::path::PathBuf],
    langs: &[String],
) -> Result<Vec<String>, Vec<Diagnostic>> {
    let content = root.join("content");
    let content_abs = content.canonicalize().map_err(|e| {
        vec![Diagnostic::error(
            "content",
            0,
            0,
            format!("cannot read `content/`: {e}"),
        )]
    })?;
    let is_translation =
        |rel: &str| crate::evidence::translations::split_translation(rel, langs).is_some();
    let mut out = Vec::new();
    let mut errors = Vec::new();
    for t in targets {
        let shown = t.display().to_string();
        // A path as given, else as relative to the site folder.
        let abs = t.canonicalize().or_else(|_| root.join(t).canonicalize());
        let inside = abs.as_ref().ok().and_then(|a| {
            a.strip_prefix(&content_abs)
                .ok()
                .map(std::path::Path::to_path_buf)
        });
        let Some(inside) = inside else {
            errors.push(
                Diagnostic::error(&shown, 0, 0, "not a file or folder inside the site's `content/`")
                    .with_help("name a translation, e.g. content/articles/the-agreement.es.md, or a folder of them"),
            );
            continue;
        };
        let rel_of = |p: &std::path::Path| {
            p.components()
                .map(|c| c.as_os_str().to_string_lossy().into_owned())
                .collect::<Vec<_>>()
                .join("/")
        };
        let abs = abs.expect("checked");
        if abs.is_dir() {
            let before = out.len();
            for entry in walkdir::WalkDir::new(&abs)
                .sort_by_file_name()
                .into_iter()
                .filter_map(Result::ok)
                .filter(|e| e.file_type().is_file())
            {
                if let Ok(r) = entry.path().strip_prefix(&content_abs) {
                    let rel = rel_of(r);
                    if is_translation(&rel) {
                        out.push(rel);
                    }
                }
            }
            if out.len() == before {
                errors.push(
                    Diagnostic::error(&shown, 0, 0, "this folder holds no translation")
                        .with_help(format!("a translation has the language before its extension, e.g. the-agreement.{}.md", langs[0])),
                );
            }
        } else {
            let rel = rel_of(&inside);
            if is_translation(&rel) {
                out.push(rel);
            } else {
                errors.push(
                    Diagnostic::error(
                        &shown,
                        0,
                        0,
                        "this is not a translation: its name has no language before the extension",
                    )
                    .with_help(format!(
                        "mark the translation, e.g. {}",
                        crate::model::lang_rel(&rel, &langs[0])
                    )),
                );
            }
        }
    }
    out.sort();
    out.dedup();
    if errors.is_empty() {
        Ok(out)
    } else {
        Err(errors)
    }
}

/// The marked text of one translation file.
fn mark_file(
    site: &crate::model::Site,
    file: &SourceFile,
    rel: &str,
    langs: &[String],
) -> Result<(String, Marked), Vec<Diagnostic>> {
    use crate::evidence::stamp as tr;
    let (_, original) =
        crate::evidence::translations::split_translation(rel, langs).expect("a translation");
    let ev = &site.evidence;
    let not_found = |what: &str| {
        vec![Diagnostic::error_at(
            file,
            0,
            format!("`content/{rel}` translates `content/{original}`, which has no {what}"),
        )
        .with_help(format!(
            "create content/{original} first, or rename the translation after its original"
        ))]
    };
    let marked = |records| Marked {
        file: format!("content/{rel}"),
        original: format!("content/{original}"),
        records,
    };
    let front = |parts: Vec<(String, String)>| -> Result<(String, Marked), Vec<Diagnostic>> {
        let parts: Vec<(&str, &str)> = parts
            .iter()
            .map(|(a, b)| (a.as_str(), b.as_str()))
            .collect();
        set_front_matter(file, &stamp(&parts)).map(|t| (t, marked(None)))
    };
    if !crate::evidence::is_evidence_path(rel) {
        let doc = site
            .pages
            .iter()
            .find(|p| p.rel == original)
            .map(|p| page_parts(&p.meta.title, p.meta.description.as_deref(), p.body()))
            .or_else(|| {
                site.sections
                    .iter()
                    .find(|s| s.rel == original && !s.source.text.is_empty())
                    .map(|s| page_parts(&s.meta.title, s.meta.description.as_deref(), s.body()))
            });
        let Some(parts) = doc else {
            return Err(not_found("page"));
        };
        return front(
            parts
                .iter()
                .map(|(a, b)| (a.to_string(), b.to_string()))
                .collect(),
        );
    }
    if let Some(id) = original
        .strip_prefix("updates/")
        .and_then(|u| u.strip_suffix(".md"))
    {
        let u = ev
            .updates
            .iter()
            .find(|u| u.id == id)
            .ok_or_else(|| not_found("update"))?;
        return front(tr::update_parts(u));
    }
    if let Some(id) = original
        .strip_prefix("sources/")
        .and_then(|u| u.strip_suffix(".md"))
    {
        let s = ev
            .sources
            .iter()
            .find(|s| s.id == id)
            .ok_or_else(|| not_found("source"))?;
        return front(tr::source_parts(s));
    }
    // A file of records: each `[[kind]]` with an `id`.
    type Parts<'e> = Box<dyn Fn(&str) -> Option<Vec<(String, String)>> + 'e>;
    let (kind, parts): (&str, Parts<'_>) = if original.starts_with("facts/") {
        (
            "fact",
            Box::new(|id| ev.fact(id).map(|i| tr::fact_parts(&ev.facts[i]))),
        )
    } else if original == "timeline.toml" {
        (
            "event",
            Box::new(|id| ev.events.iter().find(|e| e.id == id).map(tr::event_parts)),
        )
    } else if original == "people.toml" {
        (
            "person",
            Box::new(|id| ev.people.iter().find(|p| p.id == id).map(tr::person_parts)),
        )
    } else if original == "glossary.toml" {
        (
            "term",
            Box::new(|id| ev.terms.iter().find(|t| t.id == id).map(tr::term_parts)),
        )
    } else if original == "lawsuits.toml" {
        (
            "lawsuit",
            Box::new(|id| {
                ev.lawsuits
                    .iter()
                    .find(|l| l.input.id.get_ref() == id)
                    .map(tr::lawsuit_parts)
            }),
        )
    } else {
        return Err(vec![Diagnostic::error_at(
            file,
            0,
            format!("casefile does not know what `content/{rel}` translates"),
        )]);
    };
    let mut doc: toml_edit::DocumentMut =
        file.text.parse().map_err(|e: toml_edit::TomlError| {
            let at = e.span().map_or(0, |s| s.start);
            vec![Diagnostic::error_at(
                file,
                at,
                format!("not valid TOML: {}", e.message()),
            )]
        })?;
    let mut errors = Vec::new();
    let mut n = 0;
    if let Some(records) = doc.get_mut(kind).and_then(|x| x.as_array_of_tables_mut()) {
        for record in records.iter_mut() {
            let Some(id) = record
                .get("id")
                .and_then(|v| v.as_str())
                .map(str::to_string)
            else {
                continue;
            };
            match parts(&id) {
                Some(p) => {
                    let p: Vec<(&str, &str)> =
                        p.iter().map(|(a, b)| (a.as_str(), b.as_str())).collect();
                    record.insert("translates", toml_edit::value(stamp(&p)));
                    n += 1;
                }
                None => errors.push(
                    Diagnostic::error_at(
                        file,
                        0,
                        format!("no {kind} `{id}` in `content/{original}`"),
                    )
                    .with_help("translate only records the original has, under the same id"),
                ),
            }
        }
    }
    if !errors.is_empty() {
        return Err(errors);
    }
    Ok((doc.to_string(), marked(Some(n))))
}

/// `text` with `translates = "STAMP"` set in its `+++` front matter.
fn set_front_matter(file: &SourceFile, stamp: &str) -> Result<String, Vec<Diagnostic>> {
    let split = crate::front_matter::split(file).map_err(|d| vec![d])?;
    let range = split.range();
    let fm = &file.text[range.clone()];
    let mut doc: toml_edit::DocumentMut = fm.parse().map_err(|e: toml_edit::TomlError| {
        let at = range.start + e.span().map_or(0, |s| s.start);
        vec![Diagnostic::error_at(
            file,
            at,
            format!("the front matter is not valid TOML: {}", e.message()),
        )]
    })?;
    doc.insert("translates", toml_edit::value(stamp));
    let mut new_fm = doc.to_string();
    if !new_fm.ends_with('\n') {
        new_fm.push('\n');
    }
    Ok(format!(
        "{}{}{}",
        &file.text[..range.start],
        new_fm,
        &file.text[range.end..]
    ))
}
