//! Tera 2 templates: casefile's built-in defaults, overridden by the site's.
//!
//! Built-in templates are compiled into the binary, so a new site renders
//! with no `templates/` folder at all. A file in the site's `templates/` with
//! the same name replaces the built-in one; other names add templates. Tera
//! errors are turned into diagnostics at `templates/NAME:line:column`.

use std::collections::HashMap;

use tera::{Context, ErrorKind, Tera};

use crate::diagnostics::{Diagnostic, SourceFile};

/// The built-in templates, `(name, text)`.
pub const BUILTIN: &[(&str, &str)] = &[
    ("base.html", include_str!("builtin/templates/base.html")),
    ("index.html", include_str!("builtin/templates/index.html")),
    (
        "section.html",
        include_str!("builtin/templates/section.html"),
    ),
    ("page.html", include_str!("builtin/templates/page.html")),
    (
        "taxonomy_list.html",
        include_str!("builtin/templates/taxonomy_list.html"),
    ),
    (
        "taxonomy_term.html",
        include_str!("builtin/templates/taxonomy_term.html"),
    ),
    ("404.html", include_str!("builtin/templates/404.html")),
    ("search.html", include_str!("builtin/templates/search.html")),
    (
        "partials/page_list.html",
        include_str!("builtin/templates/partials/page_list.html"),
    ),
    (
        "partials/pagination.html",
        include_str!("builtin/templates/partials/pagination.html"),
    ),
    (
        "partials/toc.html",
        include_str!("builtin/templates/partials/toc.html"),
    ),
    (
        "partials/meta.html",
        include_str!("builtin/templates/partials/meta.html"),
    ),
    (
        "partials/search_form.html",
        include_str!("builtin/templates/partials/search_form.html"),
    ),
    (
        "partials/quote.html",
        include_str!("builtin/templates/partials/quote.html"),
    ),
    (
        "partials/languages.html",
        include_str!("builtin/templates/partials/languages.html"),
    ),
    (
        "partials/translation.html",
        include_str!("builtin/templates/partials/translation.html"),
    ),
    (
        "partials/head.html",
        include_str!("builtin/templates/partials/head.html"),
    ),
    (
        "partials/footer.html",
        include_str!("builtin/templates/partials/footer.html"),
    ),
    ("facts.html", include_str!("builtin/templates/facts.html")),
    ("fact.html", include_str!("builtin/templates/fact.html")),
    (
        "sources.html",
        include_str!("builtin/templates/sources.html"),
    ),
    ("source.html", include_str!("builtin/templates/source.html")),
    (
        "timeline.html",
        include_str!("builtin/templates/timeline.html"),
    ),
    (
        "lawsuits.html",
        include_str!("builtin/templates/lawsuits.html"),
    ),
    (
        "lawsuit.html",
        include_str!("builtin/templates/lawsuit.html"),
    ),
    ("people.html", include_str!("builtin/templates/people.html")),
    (
        "glossary.html",
        include_str!("builtin/templates/glossary.html"),
    ),
    (
        "updates.html",
        include_str!("builtin/templates/updates.html"),
    ),
    (
        "redirect.html",
        include_str!("builtin/templates/redirect.html"),
    ),
    (
        "partials/fact.html",
        include_str!("builtin/templates/partials/fact.html"),
    ),
    (
        "partials/fact_meta.html",
        include_str!("builtin/templates/partials/fact_meta.html"),
    ),
    (
        "partials/citations.html",
        include_str!("builtin/templates/partials/citations.html"),
    ),
    (
        "partials/page_updates.html",
        include_str!("builtin/templates/partials/page_updates.html"),
    ),
    (
        "partials/security.html",
        include_str!("builtin/templates/partials/security.html"),
    ),
    (
        "partials/breadcrumbs.html",
        include_str!("builtin/templates/partials/breadcrumbs.html"),
    ),
    (
        "partials/map.html",
        include_str!("builtin/templates/partials/map.html"),
    ),
    (
        "partials/events.html",
        include_str!("builtin/templates/partials/events.html"),
    ),
    (
        "partials/timeline_graphic.html",
        include_str!("builtin/templates/partials/timeline_graphic.html"),
    ),
];

/// The loaded template set.
pub struct Templates {
    tera: Tera,
    /// Site templates by name, for error locations.
    user: HashMap<String, String>,
    /// Templates with a `<link rel="canonical">` of their own.
    canonical: std::collections::HashSet<String>,
    /// The size of the last output of a template whose name hashes to each
    /// slot: the room an output starts with, an eighth more (Tera starts
    /// from the template's own size, and a page grew by doubling, copied
    /// each time).
    sizes: [std::sync::atomic::AtomicUsize; 32],
}

impl std::fmt::Debug for Templates {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Templates")
            .field("user", &self.user.keys())
            .finish()
    }
}

impl Templates {
    /// Loads the built-in templates and the site's over them.
    pub fn load(user: &[(String, SourceFile)]) -> Result<Templates, Vec<Diagnostic>> {
        let user_map: HashMap<String, String> = user
            .iter()
            .map(|(name, f)| (name.clone(), f.rel_path.clone()))
            .collect();
        let mut all: Vec<(String, &str)> = BUILTIN
            .iter()
            .filter(|(name, _)| !user_map.contains_key(*name))
            .map(|(n, t)| (n.to_string(), *t))
            .collect();
        all.extend(user.iter().map(|(n, f)| (n.clone(), &*f.text)));

        let mut tera = Tera::new();
        tera.autoescape_on(vec![".html", ".xml", ".svg"]);
        let templates = Templates {
            tera: Tera::new(),
            user: user_map,
            canonical: all
                .iter()
                .filter(|(_, text)| text.contains("rel=\"canonical\""))
                .map(|(name, _)| name.clone())
                .collect(),
            sizes: Default::default(),
        };
        if let Err(e) = tera.add_raw_templates(all.iter().map(|(n, t)| (n.as_str(), *t))) {
            // Tera stops at the first error; parse each template alone to
            // report every syntax error at once.
            let mut errors: Vec<Diagnostic> = Vec::new();
            for (name, text) in &all {
                let mut single = Tera::new();
                if let Err(e) = single.add_raw_template(name, text) {
                    if matches!(e.kind(), ErrorKind::SyntaxError(_)) {
                        errors.push(templates.diagnostic(&e, Some(name)));
                    }
                }
            }
            if errors.is_empty() {
                errors.push(templates.diagnostic(&e, None));
            }
            return Err(errors);
        }
        Ok(Templates { tera, ..templates })
    }

    /// Whether a template with this name exists.
    pub fn has(&self, name: &str) -> bool {
        self.tera.contains_template(name)
    }

    /// All template names, sorted.
    pub fn names(&self) -> Vec<&str> {
        let mut v: Vec<&str> = self.tera.get_template_names().collect();
        v.sort();
        v
    }

    /// Renders `name` with a serialisable context, plus `has_canonical`:
    /// whether the template has a `<link rel="canonical">` of its own (if
    /// not, `partials/meta.html` adds one).
    pub fn render<T: serde::Serialize>(&self, name: &str, value: &T) -> Result<String, Diagnostic> {
        self.render_with(name, value, &[])
    }

    /// [`Self::render`] with values already made for Tera added to the
    /// context (shared, not copied: a Tera value's lists and maps are
    /// reference-counted), such as the `site` and `t` every page has.
    pub fn render_with<T: serde::Serialize>(
        &self,
        name: &str,
        value: &T,
        shared: &[(&'static str, &tera::Value)],
    ) -> Result<String, Diagnostic> {
        let mut context =
            Context::from_serialize(value).map_err(|e| self.diagnostic(&e, Some(name)))?;
        for (key, v) in shared {
            context.insert_value(*key, (*v).clone());
        }
        context.insert("has_canonical", &self.canonical.contains(name));
        use std::sync::atomic::Ordering::Relaxed;
        let hash = name.bytes().fold(0usize, |h, b| {
            h.wrapping_mul(31).wrapping_add(usize::from(b))
        });
        let slot = &self.sizes[hash % 32];
        let last = slot.load(Relaxed);
        let mut out = Vec::with_capacity(last + last / 8);
        self.tera
            .render_to(name, &context, &mut out)
            .map_err(|e| self.diagnostic(&e, Some(name)))?;
        slot.store(out.len(), Relaxed);
        // An output kept (a page others link into) keeps no more room
        // than it would have had.
        if out.capacity() > 2 * out.len() + 4096 {
            out.shrink_to_fit();
        }
        String::from_utf8(out).map_err(|e| {
            Diagnostic::error(
                self.file_of(name),
                0,
                0,
                format!("template output is not UTF-8: {e}"),
            )
        })
    }

    fn file_of(&self, name: &str) -> String {
        match self.user.get(name) {
            Some(path) => path.clone(),
            None => format!("(built-in template) {name}"),
        }
    }

    /// A Tera error as a diagnostic at the template's line and column.
    fn diagnostic(&self, e: &tera::Error, name: Option<&str>) -> Diagnostic {
        match e.kind() {
            ErrorKind::SyntaxError(r) | ErrorKind::RenderingError(r) => {
                let template = if r.filename().is_empty() {
                    name.unwrap_or("")
                } else {
                    r.filename()
                };
                let span = r.span();
                let what = if matches!(e.kind(), ErrorKind::SyntaxError(_)) {
                    "template syntax error"
                } else {
                    "template error"
                };
                Diagnostic::error(
                    self.file_of(template),
                    span.start_line,
                    span.start_col + 1,
                    format!("{what} in `{template}`: {}", r.message()),
                )
                .with_help(
                    "fix the template at this place; the variables templates can use are listed in README.md (Templates)",
                )
            }
            ErrorKind::MissingParent { current, parent } => Diagnostic::error(
                self.file_of(current),
                1,
                1,
                format!("`{current}` extends `{parent}`, which does not exist"),
            )
            .with_help(format!(
                "{} (templates: {})",
                crate::diagnostics::suggestion(parent, &self.names()),
                self.names().join(", ")
            )),
            _ => {
                // Errors found when templates are linked (an include of a
                // template that does not exist...) carry their place only
                // in the text: "--> name:line:col".
                let text = e.to_string();
                let place = text.lines().find_map(|l| {
                    let rest = l.trim_start().strip_prefix("--> ")?;
                    let mut parts = rest.rsplitn(3, ':');
                    let col: usize = parts.next()?.parse().ok()?;
                    let line: usize = parts.next()?.parse().ok()?;
                    Some((parts.next()?.to_string(), line, col))
                });
                let first = text
                    .lines()
                    .next()
                    .unwrap_or("")
                    .trim_start_matches("error: ");
                match place {
                    Some((tpl, line, col)) => Diagnostic::error(
                        self.file_of(&tpl),
                        line,
                        col,
                        format!("template error in `{tpl}`: {first}"),
                    )
                    .with_help(format!("templates that exist: {}", self.names().join(", "))),
                    None => Diagnostic::error(
                        name.map(|n| self.file_of(n))
                            .unwrap_or_else(|| "templates".into()),
                        0,
                        0,
                        format!("template error: {text}"),
                    ),
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn user(name: &str, text: &str) -> Vec<(String, SourceFile)> {
        vec![(
            name.to_string(),
            SourceFile::new(format!("templates/{name}"), text.to_string()),
        )]
    }

    #[test]
    fn builtins_load() {
        let t = Templates::load(&[]).unwrap();
        assert!(t.has("page.html") && t.has("404.html"));
    }

    #[test]
    fn syntax_error_names_file_and_line() {
        let errs = Templates::load(&user("page.html", "<p>\n{{ page.title \n</p>")).unwrap_err();
        assert_eq!(errs[0].file, "templates/page.html");
        assert_eq!(errs[0].line, 3, "{errs:?}");
        assert!(errs[0].message.contains("page.html"));
    }

    #[test]
    fn render_error_names_file_and_line() {
        let t = Templates::load(&user("x.html", "a\nb {{ nope.field }}\n")).unwrap();
        let e = t.render("x.html", &serde_json::json!({})).unwrap_err();
        assert_eq!((e.file.as_str(), e.line), ("templates/x.html", 2), "{e:?}");
    }
}
