//! The checks' shared tools: the diagnostics collector with its id, date
//! and front-matter helpers, and id resolution with "did you mean".

use std::collections::HashMap;

use serde::de::DeserializeOwned;
use toml::Spanned;

use crate::diagnostics::{closest, from_toml_error, Diagnostic, SourceFile};
use crate::front_matter;

use super::date::{self, PartialDate, Precision};

pub(super) fn parse_toml<T: DeserializeOwned>(
    file: &SourceFile,
    what: &str,
) -> Result<T, Diagnostic> {
    toml::from_str(&file.text).map_err(|e| from_toml_error(file, 0, &e, what))
}

/// Why `id`, the id of a record with a page of its own (`/facts/ID/`,
/// `/sources/ID/`, `/lawsuits/ID/`, `/facts/topics/ID/`), cannot be a folder
/// name on every host, or `None` (see [`crate::output::segment_problem`]).
pub(super) fn page_id_problem(id: &str) -> Option<String> {
    crate::output::segment_problem(id).map(|why| format!("as a page's folder name, it {why}"))
}

pub(super) fn is_id(s: &str) -> bool {
    !s.is_empty()
        && s.chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
        && !s.starts_with('-')
        && !s.ends_with('-')
}

pub(super) struct Ctx {
    pub(super) diags: Vec<Diagnostic>,
}

impl Ctx {
    /// Splits and parses a record's front matter, reporting what is wrong.
    pub(super) fn front_matter<'f, T: DeserializeOwned>(
        &mut self,
        file: &'f SourceFile,
        what: &str,
    ) -> Option<(front_matter::Split<'f>, T)> {
        let split = match front_matter::split(file) {
            Ok(s) => s,
            Err(d) => {
                self.diags.push(d);
                return None;
            }
        };
        match toml::from_str(split.front_matter) {
            Ok(meta) => Some((split, meta)),
            Err(e) => {
                self.diags
                    .push(from_toml_error(file, split.front_matter_offset, &e, what));
                None
            }
        }
    }

    /// Checks that `id` is well formed and not yet in `seen`; records it.
    /// Returns false (after reporting) if the record must be skipped.
    pub(super) fn new_id(
        &mut self,
        file: &SourceFile,
        seen: &mut HashMap<String, ()>,
        id: &Spanned<String>,
        what: &str,
    ) -> bool {
        let name = id.get_ref();
        if !is_id(name) {
            self.err(
                file,
                id.span().start,
                format!("`{name}` cannot be a {what} id"),
                "use lowercase letters, digits and hyphens, e.g. \"hhs-lawyer\"",
            );
            return false;
        }
        if what == "lawsuit" {
            if let Some(why) = page_id_problem(name) {
                self.err(
                    file,
                    id.span().start,
                    format!("`{name}` cannot be a {what} id: {why}"),
                    "choose another id",
                );
                return false;
            }
        }
        if seen.insert(name.clone(), ()).is_some() {
            self.err(
                file,
                id.span().start,
                format!("duplicate {what} id `{name}`"),
                "ids must be unique; rename one",
            );
            return false;
        }
        true
    }

    /// An error for each field of `record` that is required and empty, or
    /// optional and written empty (`court = ""`): a placeholder left by
    /// `casefile new`, or a field someone meant to fill in.
    pub(super) fn filled(
        &mut self,
        file: &SourceFile,
        offset: usize,
        record: &str,
        required: &[(&str, &str)],
        optional: &[(&str, Option<&str>)],
    ) -> bool {
        let mut ok = true;
        for (name, value) in required {
            if value.trim().is_empty() {
                ok = false;
                self.err(
                    file,
                    offset,
                    format!("{record} has an empty `{name}`"),
                    format!("fill in {name} = \"...\" (see the README for what it holds)"),
                );
            }
        }
        for (name, value) in optional {
            if value.is_some_and(|v| v.trim().is_empty()) {
                ok = false;
                self.err(
                    file,
                    offset,
                    format!("{record} has an empty `{name}`"),
                    format!("fill it in, or delete the `{name}` line if our sources do not say"),
                );
            }
        }
        ok
    }

    /// A record's `aliases` (other names search finds it by), checked: each
    /// must hold a word search can find, and say something the record's own
    /// `name` and the other aliases do not (compared as search folds them).
    pub(super) fn aliases(
        &mut self,
        file: &SourceFile,
        record: &str,
        name: &str,
        aliases: Vec<Spanned<String>>,
    ) -> Vec<String> {
        let key = |s: &str| {
            crate::search::text::words(s)
                .map(|(_, w)| w.into_owned())
                .collect::<Vec<_>>()
                .join(" ")
        };
        let mut seen = vec![key(name)];
        let mut out = Vec::with_capacity(aliases.len());
        for a in aliases {
            let k = key(a.get_ref());
            if k.is_empty() {
                self.err(
                    file,
                    a.span().start,
                    format!("{record} has an alias with no word in it"),
                    "write the word or words readers search for, or delete it",
                );
            } else if seen.contains(&k) {
                self.err(
                    file,
                    a.span().start,
                    format!("{record} lists `{}` twice (among its name and aliases, whatever the case and accents)", a.get_ref()),
                    "delete the repeated alias",
                );
            } else {
                seen.push(k);
                out.push(a.into_inner());
            }
        }
        out
    }

    pub(super) fn err(
        &mut self,
        file: &SourceFile,
        offset: usize,
        msg: impl Into<String>,
        help: impl Into<String>,
    ) {
        self.diags
            .push(Diagnostic::error_at(file, offset, msg).with_help(help));
    }

    pub(super) fn date(
        &mut self,
        file: &SourceFile,
        input: &Spanned<date::DateInput>,
        precision: Option<&Spanned<Precision>>,
    ) -> Option<PartialDate> {
        match PartialDate::parse(input.get_ref()) {
            Ok(d) => {
                if let Some(p) = precision {
                    if *p.get_ref() != d.precision() {
                        self.err(
                            file,
                            p.span().start,
                            format!(
                                "the date `{}` is a {}, but precision says {}",
                                d.iso(),
                                d.precision().name(),
                                p.get_ref().name()
                            ),
                            match p.get_ref() {
                                Precision::Year => "for a year, write date = \"2025\"",
                                Precision::Month => {
                                    "for a month, write date = \"2025-06\" (without a day)"
                                }
                                Precision::Day => "for a day, write date = \"2025-06-16\"",
                            },
                        );
                    }
                }
                Some(d)
            }
            Err(e) => {
                self.err(
                    file,
                    input.span().start,
                    format!("impossible date: {e}"),
                    "if the source gives no date, leave `date` out and put its words in `when` (when = \"Monday\")",
                );
                None
            }
        }
    }
}

/// Resolves ids with "did you mean" for unknown ones.
pub(super) fn resolve<'a>(
    cx: &mut Ctx,
    file: &SourceFile,
    ids: &HashMap<String, usize>,
    id: &Spanned<String>,
    what: &str,
    known: impl Fn() -> Vec<&'a str>,
) -> Option<usize> {
    if let Some(&i) = ids.get(id.get_ref()) {
        return Some(i);
    }
    let candidates = known();
    let help = match closest(id.get_ref(), candidates.iter().copied()) {
        Some(c) => format!("did you mean `{c}`?"),
        None if candidates.is_empty() => format!("there is no {what} yet; add one first"),
        None if candidates.len() <= 12 => format!(
            "use the id of an existing {what}: {}",
            candidates
                .iter()
                .map(|c| format!("`{c}`"))
                .collect::<Vec<_>>()
                .join(", ")
        ),
        None => format!("use the id of an existing {what}"),
    };
    cx.err(
        file,
        id.span().start,
        format!("unknown {what} `{}`", id.get_ref()),
        help,
    );
    None
}
