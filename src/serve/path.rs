//! Request paths in `casefile serve`: percent-decoded, checked and
//! normalised into segments before they name a file, and encoded back into
//! the `Location` of a redirect.
//!
//! Empty and `.` segments are dropped (`//articles`, `/%2Farticles` and
//! `/./articles` are all `/articles`); `..`, a backslash, a control
//! character, a bad percent-encoding or a segment the file system would read
//! as more than one name is refused. A redirect's `Location` is built from
//! the segments alone, so it always starts with exactly one `/` followed by
//! a segment (never `//` or `/\`, which browsers read as another host) and
//! stays on this server.

use std::fmt::Write as _;
use std::path::{Component, Path, PathBuf};

/// A request path, decoded and normalised.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SitePath {
    /// The segments, each one plain file name: never empty, `.` or `..`.
    segments: Vec<String>,
    /// Whether the path ended with `/` (or is the root).
    dir: bool,
}

impl SitePath {
    /// Decodes and checks the path part of a request target (without its
    /// `?query`); the error says what is wrong with it.
    pub fn parse(path: &str) -> Result<SitePath, &'static str> {
        let decoded = percent_decode(path)
            .ok_or("the path has a `%` not followed by two hex digits, or is not UTF-8")?;
        if decoded.contains('\\') {
            return Err("the path has a backslash");
        }
        if decoded.chars().any(char::is_control) {
            return Err("the path has a control character");
        }
        let mut segments = Vec::new();
        for segment in decoded.split('/') {
            match segment {
                "" | "." => {}
                ".." => return Err("the path has a `..` segment"),
                s => {
                    let mut parts = Path::new(s).components();
                    if !matches!(
                        (parts.next(), parts.next()),
                        (Some(Component::Normal(_)), None)
                    ) {
                        return Err("the path has a segment that is not a plain file name");
                    }
                    segments.push(s.to_string());
                }
            }
        }
        let dir = segments.is_empty() || decoded.ends_with('/');
        Ok(SitePath { segments, dir })
    }

    /// Whether the path ended with `/`.
    pub fn is_dir(&self) -> bool {
        self.dir
    }

    /// The file or folder it names under `root`.
    pub fn under(&self, root: &Path) -> PathBuf {
        let mut file = root.to_path_buf();
        file.extend(&self.segments);
        file
    }

    /// The normalised path, percent-encoded where a URL needs it: `/`, the
    /// segments joined by `/`, and a final `/` for a folder.
    pub fn href(&self) -> String {
        let mut href = String::from("/");
        for (i, segment) in self.segments.iter().enumerate() {
            if i > 0 {
                href.push('/');
            }
            encode_segment(segment, &mut href);
        }
        if self.dir && !self.segments.is_empty() {
            href.push('/');
        }
        href
    }

    /// The `Location` that sends a folder asked for without its final `/`
    /// to the folder, keeping the query: an absolute path on this server.
    pub fn folder_location(&self, query: &str) -> String {
        let mut folder = self.clone();
        folder.dir = true;
        let mut location = folder.href();
        if !query.is_empty() {
            location.push('?');
            location.push_str(query);
        }
        location
    }
}

/// Decodes `%XX` escapes (exactly two hex digits each); `None` if one is
/// malformed or the result is not UTF-8.
fn percent_decode(s: &str) -> Option<String> {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            let hex = |b: Option<&u8>| (*b? as char).to_digit(16);
            let (hi, lo) = (hex(bytes.get(i + 1))?, hex(bytes.get(i + 2))?);
            out.push((hi * 16 + lo) as u8);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8(out).ok()
}

/// Appends `segment`, with every byte that is not an unreserved or
/// sub-delimiter character of a URL path percent-encoded (so `/`, `\`, `%`,
/// `?`, `#`, spaces and non-ASCII letters all are).
fn encode_segment(segment: &str, out: &mut String) {
    for b in segment.bytes() {
        if b.is_ascii_alphanumeric() || b"-._~!$&'()*+,;=:@".contains(&b) {
            out.push(b as char);
        } else {
            let _ = write!(out, "%{b:02X}");
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn href(path: &str) -> Result<String, &'static str> {
        SitePath::parse(path).map(|p| p.href())
    }

    #[test]
    fn empty_and_dot_segments_are_dropped_also_when_encoded() {
        for path in [
            "/articles",
            "//articles",
            "///articles",
            "/%2Farticles",
            "/%2farticles",
            "/%2F%2Farticles",
            "//%2F/articles",
            "/./articles",
            "/articles/.",
            "/%2E/articles",
        ] {
            assert_eq!(href(path).as_deref(), Ok("/articles"), "{path}");
        }
        assert_eq!(href("/articles//x").as_deref(), Ok("/articles/x"));
        assert_eq!(href("/articles%2F%2Fx/").as_deref(), Ok("/articles/x/"));
        assert_eq!(href("/").as_deref(), Ok("/"));
        assert_eq!(href("//").as_deref(), Ok("/"));
        assert_eq!(href("/%2F").as_deref(), Ok("/"));
        assert!(SitePath::parse("//").unwrap().is_dir());
    }

    #[test]
    fn dot_dot_backslashes_controls_and_bad_escapes_are_refused() {
        for path in [
            "/..",
            "/a/../b",
            "/%2e%2e/etc",
            "/a/%2E%2E",
            "/..%2Fetc",
            "/\\articles",
            "/%5Carticles",
            "/%5carticles",
            "/a%5C..%5Cb",
            "/%00",
            "/a%0D%0ASet-Cookie:%20x=1",
            "/%7F",
            "/%",
            "/%2",
            "/%zz",
            "/%+1",
            "/%c3",
            "/%ff",
        ] {
            assert!(SitePath::parse(path).is_err(), "{path}");
        }
    }

    #[test]
    fn a_folder_location_is_one_absolute_path_on_this_server() {
        let location =
            |path: &str, query: &str| SitePath::parse(path).unwrap().folder_location(query);
        assert_eq!(location("//articles", ""), "/articles/");
        assert_eq!(location("/%2Farticles", ""), "/articles/");
        assert_eq!(location("/articles//first", ""), "/articles/first/");
        assert_eq!(location("/search", "q=a%20b"), "/search/?q=a%20b");
        assert_eq!(location("/a%20b/%C3%A9", ""), "/a%20b/%C3%A9/");
        assert_eq!(location("/a%3Fb%23c%25", ""), "/a%3Fb%23c%25/");
    }

    proptest! {
        /// Whatever the path, an accepted one names no parent folder, its
        /// href and redirect start with exactly one `/` and carry no
        /// character a header or a URL would read differently, and reading
        /// the href again gives the same path.
        #[test]
        fn every_accepted_path_gives_a_same_origin_location(
            path in "/[/\\\\%.a2fFcC5e0dD ?#é]{0,12}"
        ) {
            if let Ok(p) = SitePath::parse(&path) {
                prop_assert!(p.segments.iter().all(|s| !s.is_empty() && s != "." && s != ".."));
                for location in [p.href(), p.folder_location("")] {
                    prop_assert!(location.starts_with('/'));
                    prop_assert!(!location.starts_with("//"));
                    prop_assert!(!location.starts_with("/\\"));
                    prop_assert!(location.bytes().all(|b| b.is_ascii_graphic() && b != b'\\'));
                    prop_assert_eq!(&SitePath::parse(&location).unwrap().segments, &p.segments);
                }
            }
        }
    }
}
