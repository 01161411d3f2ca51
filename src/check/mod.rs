//! Checks over the site's own files that are not about any one page.
//!
//! [`privacy`]: no resource from another site in content, templates or
//! static files.

pub mod privacy;

use std::path::Path;

use crate::config::Config;
use crate::diagnostics::Diagnostic;
use crate::load::{self, Loaded};
use privacy::Kind;

/// Every third-party resource in the site's content, templates and static
/// markup and styles.
pub fn privacy(root: &Path, loaded: &Loaded, config: &Config) -> Vec<Diagnostic> {
    let origin = privacy::Origin::new(&config.base_url);
    let markup = load::markup_texts(root, loaded);
    let mut files = Vec::new();
    for c in &loaded.content {
        if c.rel.starts_with("sources/") {
            continue; // Archived documents: shown as text, never as markup.
        }
        if c.rel.ends_with(".toml") {
            files.push((&c.source, Kind::Data));
        } else if let Ok(split) = crate::front_matter::split(&c.source) {
            files.push((&c.source, Kind::Markdown(split.body_offset)));
        }
    }
    for (_, t) in &loaded.templates {
        files.push((t, Kind::Html));
    }
    for f in &markup {
        let css = f.rel_path.to_ascii_lowercase().ends_with(".css");
        files.push((f, if css { Kind::Css } else { Kind::Html }));
    }
    privacy::check(&files, &origin)
}
