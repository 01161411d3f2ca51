//! The rules for file names every host accepts, and the output file of a
//! site path. The model checks every slug, id, term and folder against
//! them first, at the line it comes from; the sinks check again.

/// The longest file or folder name casefile writes, in bytes. File systems
/// allow 255; precompressed copies add `.gz` or `.br`, and some hosts and
/// archive tools allow less.
pub const MAX_NAME: usize = 200;

/// Why `seg`, one segment of a path casefile generates (a slug, an id, a
/// term), cannot be a file or folder name on every common host, or `None`:
/// too long, or a name Windows reserves (`con`, `aux`, `nul`, `com1`...).
pub fn segment_problem(seg: &str) -> Option<String> {
    if seg.len() > MAX_NAME {
        return Some(format!(
            "is {} characters long, more than the {MAX_NAME} a file name can safely have",
            seg.chars().count()
        ));
    }
    let stem = seg.split('.').next().unwrap_or("").to_ascii_lowercase();
    let reserved = matches!(stem.as_str(), "con" | "prn" | "aux" | "nul")
        || ((stem.starts_with("com") || stem.starts_with("lpt"))
            && stem.len() == 4
            && stem.as_bytes()[3].is_ascii_digit());
    reserved.then(|| match seg.len() == stem.len() {
        true => "is a name Windows reserves".to_string(),
        false => format!("starts with `{stem}`, a name Windows reserves"),
    })
}

/// Why `name` (one file or folder name) is not safe on every common host,
/// or `None` if it is. Safe names use ASCII letters, digits, `-`, `_`, `.`
/// and `~` only: spaces, `%`, `#`, `?`, `+`, quotes, backslashes and
/// non-ASCII letters are refused or rewritten by some static hosts, object
/// stores or CDNs; and see [`segment_problem`].
pub fn unsafe_name(name: &str) -> Option<String> {
    if let Some(c) = name
        .chars()
        .find(|c| !(c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.' | '~')))
    {
        let shown = match c {
            ' ' => "a space".to_string(),
            c if c.is_control() => format!("the control character U+{:04X}", c as u32),
            c => format!("`{c}`"),
        };
        return Some(format!("has {shown}"));
    }
    if let Some(why) = segment_problem(name) {
        return Some(why);
    }
    if name.ends_with('.') {
        return Some("ends with a dot".into());
    }
    None
}

/// A safe name to suggest instead of `name`: slugified stem and extension.
pub fn safe_name(name: &str) -> String {
    let (stem, ext) = match name.rsplit_once('.') {
        Some((s, e)) if !s.is_empty() => (s, Some(e)),
        _ => (name, None),
    };
    let mut stem = slug::slugify(stem);
    if stem.is_empty() || unsafe_name(&stem).is_some() {
        stem = format!("file-{stem}").trim_end_matches('-').to_string();
    }
    match ext.map(slug::slugify).filter(|e| !e.is_empty()) {
        Some(e) => format!("{stem}.{e}"),
        None => stem,
    }
}

/// The output file of a site path: `/a/b/` → `a/b/index.html`.
pub fn path_to_file(path: &str) -> String {
    let trimmed = path.trim_start_matches('/');
    if trimmed.is_empty() {
        "index.html".into()
    } else if trimmed.ends_with('/') {
        format!("{trimmed}index.html")
    } else {
        trimmed.to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_map_to_index_files() {
        assert_eq!(path_to_file("/"), "index.html");
        assert_eq!(path_to_file("/a/b/"), "a/b/index.html");
        assert_eq!(path_to_file("/style.css"), "style.css");
    }

    #[test]
    fn unsafe_names_are_named_and_get_a_safe_suggestion() {
        assert_eq!(unsafe_name("chart-2.svg"), None);
        assert_eq!(unsafe_name("a b.png").as_deref(), Some("has a space"));
        assert_eq!(unsafe_name("50%.png").as_deref(), Some("has `%`"));
        assert_eq!(unsafe_name("résumé.pdf").as_deref(), Some("has `é`"));
        assert!(unsafe_name("aux.txt").unwrap().contains("Windows"));
        assert!(unsafe_name("com1").is_some());
        assert_eq!(unsafe_name("com.svg"), None);
        assert_eq!(safe_name("My Chart (1).PNG"), "my-chart-1.png");
        assert_eq!(safe_name("aux.txt"), "file-aux.txt");
    }
}
