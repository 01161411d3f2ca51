//! Reading the tags of raw HTML the way a browser's tokenizer does (well
//! enough to report on them: the cleaner uses a real parser): comments as
//! the tokenizer ends them, attribute values with their character
//! references decoded.

/// A tag found in raw HTML.
#[derive(Debug, PartialEq, Eq)]
pub(super) struct TagSeen {
    /// Lowercased.
    pub(super) name: String,
    pub(super) closing: bool,
    /// Lowercased names, values as written (unquoted).
    pub(super) attributes: Vec<(String, Option<String>)>,
    /// Byte offset of its `<`.
    pub(super) at: usize,
}

/// The tags in `html`, read the way an HTML tokenizer reads them (well
/// enough to report on; the cleaner uses a real parser). Comments,
/// doctypes and processing instructions are skipped.
pub(super) fn scan(html: &str) -> Vec<TagSeen> {
    let b = html.as_bytes();
    let mut tags = Vec::new();
    let mut i = 0;
    while let Some(off) = b[i..].iter().position(|&c| c == b'<') {
        let start = i + off;
        i = start + 1;
        if b[start..].starts_with(b"<!--") {
            i = comment_end(b, start + 4);
            continue;
        }
        if matches!(b.get(i), Some(b'!' | b'?')) {
            i = find(b, i, b">").map_or(b.len(), |e| e + 1);
            continue;
        }
        let closing = b.get(i) == Some(&b'/');
        if closing {
            i += 1;
        }
        let name_start = i;
        if !b.get(i).is_some_and(u8::is_ascii_alphabetic) {
            continue;
        }
        while b
            .get(i)
            .is_some_and(|c| c.is_ascii_alphanumeric() || matches!(c, b'-' | b':'))
        {
            i += 1;
        }
        let name = html[name_start..i].to_ascii_lowercase();
        let mut attributes = Vec::new();
        loop {
            while b
                .get(i)
                .is_some_and(|c| c.is_ascii_whitespace() || *c == b'/')
            {
                i += 1;
            }
            match b.get(i) {
                None => break,
                Some(b'>') => {
                    i += 1;
                    break;
                }
                _ => {}
            }
            let a = i;
            while b
                .get(i)
                .is_some_and(|c| !c.is_ascii_whitespace() && !matches!(c, b'=' | b'>' | b'/'))
            {
                i += 1;
            }
            if i == a {
                // A stray `=`.
                i += 1;
                continue;
            }
            let attr = html[a..i].to_ascii_lowercase();
            while b.get(i).is_some_and(u8::is_ascii_whitespace) {
                i += 1;
            }
            let mut value = None;
            if b.get(i) == Some(&b'=') {
                i += 1;
                while b.get(i).is_some_and(u8::is_ascii_whitespace) {
                    i += 1;
                }
                match b.get(i) {
                    Some(&q @ (b'"' | b'\'')) => {
                        let end = b[i + 1..]
                            .iter()
                            .position(|&c| c == q)
                            .map_or(b.len(), |p| i + 1 + p);
                        value = Some(decode_entities(&html[i + 1..end]));
                        i = (end + 1).min(b.len());
                    }
                    _ => {
                        let v = i;
                        while b
                            .get(i)
                            .is_some_and(|c| !c.is_ascii_whitespace() && *c != b'>')
                        {
                            i += 1;
                        }
                        value = Some(decode_entities(&html[v..i]));
                    }
                }
            }
            attributes.push((attr, value));
        }
        tags.push(TagSeen {
            name,
            closing,
            attributes,
            at: start,
        });
    }
    tags
}

/// Where a comment whose text starts at `from` (after `<!--`) ends, as the
/// HTML tokenizer reads it: `<!-->` and `<!--->` are whole (empty)
/// comments, and `--!>` closes one as `-->` does. Reading further than a
/// browser would hide the tags after the comment from the report and,
/// with no other tag, from the cleaner.
fn comment_end(b: &[u8], from: usize) -> usize {
    let rest = &b[from..];
    if rest.starts_with(b">") {
        return from + 1;
    }
    if rest.starts_with(b"->") {
        return from + 2;
    }
    let dashes = find(b, from, b"-->").map(|e| e + 3);
    let bang = find(b, from, b"--!>").map(|e| e + 4);
    match (dashes, bang) {
        (Some(a), Some(c)) => a.min(c),
        (a, c) => a.or(c).unwrap_or(b.len()),
    }
}

fn find(b: &[u8], from: usize, needle: &[u8]) -> Option<usize> {
    b.get(from..)?
        .windows(needle.len())
        .position(|w| w == needle)
        .map(|p| from + p)
}

/// Decodes the character references a browser would in an attribute
/// value (`&#106;avascript:` is `javascript:`): numeric ones and the few
/// named ones that matter for addresses.
fn decode_entities(s: &str) -> String {
    if !s.contains('&') {
        return s.to_string();
    }
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(p) = rest.find('&') {
        out.push_str(&rest[..p]);
        rest = &rest[p..];
        let end = rest[1..]
            .find(|c: char| !(c.is_ascii_alphanumeric() || c == '#'))
            .map_or(rest.len(), |e| e + 1);
        let name = &rest[1..end];
        let decoded = if let Some(num) = name.strip_prefix('#') {
            let n = match num.strip_prefix(['x', 'X']) {
                Some(hex) => u32::from_str_radix(hex, 16).ok(),
                None => num.parse().ok(),
            };
            n.and_then(char::from_u32)
        } else {
            match name {
                "colon" => Some(':'),
                "Tab" => Some('\t'),
                "NewLine" => Some('\n'),
                "amp" => Some('&'),
                "quot" => Some('"'),
                "apos" => Some('\''),
                "lt" => Some('<'),
                "gt" => Some('>'),
                _ => None,
            }
        };
        match decoded {
            Some(c) => {
                out.push(c);
                rest = &rest[end..];
                if rest.starts_with(';') {
                    rest = &rest[1..];
                }
            }
            None => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    out
}
