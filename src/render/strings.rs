//! Interface strings per language.
//!
//! The built-in templates never contain English: they read `t.KEY` from a
//! strings table. English ships inside casefile (`builtin/i18n/en.toml`); a
//! site overrides any key in `i18n/LANG.toml`, and adds a language by
//! translating every key. A missing key is an error naming the file.

use std::collections::BTreeMap;

use crate::diagnostics::{from_toml_error, Diagnostic, SourceFile};

/// Built-in string tables, by language.
const BUILTIN: &[(&str, &str)] = &[
    ("en", include_str!("builtin/i18n/en.toml")),
    ("es", include_str!("builtin/i18n/es.toml")),
];

/// The strings of one language.
#[derive(Debug, Clone, Default, serde::Serialize)]
#[serde(transparent)]
pub struct Strings(pub BTreeMap<String, String>);

impl Strings {
    /// One string, or the key itself if missing (never panics).
    pub fn get<'a>(&'a self, key: &'a str) -> &'a str {
        self.0.get(key).map(String::as_str).unwrap_or(key)
    }

    /// A date in this language's format, e.g. "May 1, 2026".
    pub fn format_date(&self, year: i16, month: i8, day: i8) -> String {
        use std::fmt::Write;
        const MONTHS: [&str; 12] = [
            "month_1", "month_2", "month_3", "month_4", "month_5", "month_6", "month_7", "month_8",
            "month_9", "month_10", "month_11", "month_12",
        ];
        let key;
        let month_key = match usize::try_from(month)
            .ok()
            .and_then(|m| MONTHS.get(m.wrapping_sub(1)))
        {
            Some(k) => *k,
            None => {
                key = format!("month_{month}");
                &key
            }
        };
        // One pass over the format (a page's cards each have a date or two:
        // three `replace`s a date were 1 % of a large site's build).
        let format = self.get("date_format");
        let mut out = String::with_capacity(format.len() + 16);
        let mut rest = format;
        while let Some(at) = rest.find('{') {
            out.push_str(&rest[..at]);
            rest = &rest[at..];
            if let Some(r) = rest.strip_prefix("{month}") {
                out.push_str(self.get(month_key));
                rest = r;
            } else if let Some(r) = rest.strip_prefix("{day}") {
                let _ = write!(out, "{day}");
                rest = r;
            } else if let Some(r) = rest.strip_prefix("{year}") {
                let _ = write!(out, "{year}");
                rest = r;
            } else {
                out.push('{');
                rest = &rest[1..];
            }
        }
        out.push_str(rest);
        out
    }
}

fn parse(file: &SourceFile) -> Result<BTreeMap<String, String>, Diagnostic> {
    toml::from_str(&file.text).map_err(|e| from_toml_error(file, 0, &e, "strings file"))
}

/// Builds the table for `lang` from the built-in file and the site's
/// `i18n/LANG.toml`, if any.
pub fn for_language(
    lang: &str,
    site_files: &[(String, SourceFile)],
) -> Result<Strings, Vec<Diagnostic>> {
    let english = parse(&SourceFile::new(
        "(built-in) i18n/en.toml",
        BUILTIN[0].1.to_string(),
    ))
    .map_err(|d| vec![d])?;
    let mut table = match BUILTIN.iter().find(|(l, _)| *l == lang) {
        Some((l, text)) => parse(&SourceFile::new(
            format!("(built-in) i18n/{l}.toml"),
            text.to_string(),
        ))
        .map_err(|d| vec![d])?,
        None => BTreeMap::new(),
    };
    let site = site_files.iter().find(|(l, _)| l == lang);
    if let Some((_, file)) = site {
        table.extend(parse(file).map_err(|d| vec![d])?);
    }
    // Every language needs every built-in key, and every key any of the
    // site's own strings files adds (a site template may use it).
    let mut required: std::collections::BTreeSet<String> = english.keys().cloned().collect();
    for (_, f) in site_files {
        if let Ok(t) = parse(f) {
            required.extend(t.into_keys());
        }
    }
    let missing: Vec<&str> = required
        .iter()
        .filter(|k| !table.contains_key(*k))
        .map(String::as_str)
        .collect();
    if !missing.is_empty() {
        let file = format!("i18n/{lang}.toml");
        return Err(vec![Diagnostic::error(
            site.map(|(_, f)| f.rel_path.clone())
                .unwrap_or(file.clone()),
            0,
            0,
            format!(
                "the interface strings for `{lang}` are missing {} key(s): {}",
                missing.len(),
                missing.join(", ")
            ),
        )
        .with_help(format!(
            "add each missing key to {file} with its translation, one per line, e.g. {} = \"...\"{}",
            missing[0],
            english
                .get(missing[0])
                .map(|en| format!(" (in English: {en:?})"))
                .unwrap_or_default()
        ))]);
    }
    Ok(Strings(table))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn english_is_built_in_and_formats_dates() {
        let s = for_language("en", &[]).unwrap();
        assert_eq!(s.format_date(2026, 5, 1), "May 1, 2026");
    }

    #[test]
    fn a_site_date_format_is_filled_as_written() {
        let strings = |format: &str| {
            Strings(BTreeMap::from([
                ("date_format".to_string(), format.to_string()),
                ("month_12".to_string(), "December".to_string()),
            ]))
        };
        let s = strings("{day}/{month}/{year} {weekday} {day");
        assert_eq!(s.format_date(2026, 12, 2), "2/December/2026 {weekday} {day");
        assert_eq!(strings("{year}").format_date(-44, 3, 15), "-44");
        // A month the table lacks shows its key, as any missing string does.
        assert_eq!(strings("{month}").format_date(2026, 13, 1), "month_13");
        assert_eq!(strings("").format_date(2026, 1, 1), "");
    }

    #[test]
    fn every_built_in_language_has_every_key_and_its_dates() {
        let en = for_language("en", &[]).unwrap();
        for (lang, _) in BUILTIN {
            let s = for_language(lang, &[]).unwrap();
            let keys: Vec<&String> = s.0.keys().collect();
            assert_eq!(keys, en.0.keys().collect::<Vec<_>>(), "{lang}");
            for (k, v) in &s.0 {
                // The same placeholders as the English.
                let holes = |t: &str| {
                    let mut h: Vec<String> = t
                        .split('{')
                        .skip(1)
                        .filter_map(|p| p.split_once('}').map(|x| x.0.to_string()))
                        .collect();
                    h.sort();
                    h
                };
                assert_eq!(holes(v), holes(en.get(k)), "{lang}: {k}");
            }
        }
        let es = for_language("es", &[]).unwrap();
        assert_eq!(es.format_date(2026, 5, 1), "1 de mayo de 2026");
    }

    #[test]
    fn site_file_overrides_a_key() {
        let f = SourceFile::new("i18n/en.toml", "home = \"Start\"\n".to_string());
        let s = for_language("en", &[("en".into(), f)]).unwrap();
        assert_eq!(s.get("home"), "Start");
        assert_eq!(s.get("next"), "Next");
    }

    #[test]
    fn a_key_the_site_adds_is_required_in_every_language() {
        let en = SourceFile::new("i18n/en.toml", "disclaimer = \"Not advice\"\n".to_string());
        let es = SourceFile::new("i18n/es.toml", "home = \"Inicio\"\n".to_string());
        let files = [("en".to_string(), en), ("es".to_string(), es)];
        assert_eq!(
            for_language("en", &files).unwrap().get("disclaimer"),
            "Not advice"
        );
        let e = for_language("es", &files).unwrap_err();
        assert!(e[0].message.contains("disclaimer"));
    }

    #[test]
    fn new_language_must_translate_every_key() {
        // A language casefile has no strings of its own for.
        let f = SourceFile::new("i18n/fr.toml", "home = \"Accueil\"\n".to_string());
        let e = for_language("fr", &[("fr".into(), f)]).unwrap_err();
        assert_eq!(e[0].file, "i18n/fr.toml");
        assert!(e[0].message.contains("missing"));
    }
}
