//! The layers of the source: no file of `src/` depends on itself through
//! others, and no module depends on one of its own layer or a higher one.
//!
//! A file depends on another when its non-test code names it by path:
//! `crate::a::b`, `super::x`, `self::x`, the members of `use crate::{...}`
//! groups (nested braces too), in a module with children the paths that
//! start with a child's name (`links::rewrite` in `markdown/mod.rs`), and the
//! paths that start with a name a `use` brought in (`markdown::links::X`
//! after `use crate::markdown;`). A path goes to the deepest module it
//! names: `crate::evidence::quote::Folded` is `src/evidence/quote.rs`,
//! `crate::model::Site` is `src/model/mod.rs`. Comments, string literals and
//! items under `#[cfg(test)]` (test modules, and the files only they
//! declare) are skipped, so tests may reach anywhere. A method call names
//! no path and is not counted.
//!
//! The layer order is the list between `<!-- layers -->` and
//! `<!-- /layers -->` in ARCHITECTURE.md: one layer a line, lowest first,
//! each line naming modules in backticks: top-level modules (`model`), or a
//! file of a folder that sits apart from the rest of it (`search/text`); a
//! file belongs to the longest name that holds it. `lib` and `main` need no
//! line. A module may use the modules of lower layers only.
//!
//! Set `LAYERS_GRAPH=1` to print every edge found
//! (`cargo test --test layers -- --nocapture`).

use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

/// One token of Rust source: an identifier or keyword, `::`, or one
/// punctuation character. Literals are dropped (numbers come out as
/// identifiers, which is harmless here).
#[derive(Clone, Debug, PartialEq)]
enum Tok {
    Ident(String),
    Colons,
    Punct(char),
}

/// Splits source into tokens with their 1-based line, dropping whitespace,
/// comments (nested block comments too), and string, byte-string, raw-string
/// and character literals.
fn tokenize(src: &str) -> Vec<(Tok, usize)> {
    let b = src.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    let mut line = 1;
    let count_lines = |from: usize, to: usize| b[from..to].iter().filter(|&&c| c == b'\n').count();
    while i < b.len() {
        let c = b[i];
        if c == b'\n' {
            line += 1;
            i += 1;
        } else if c.is_ascii_whitespace() {
            i += 1;
        } else if b[i..].starts_with(b"//") {
            while i < b.len() && b[i] != b'\n' {
                i += 1;
            }
        } else if b[i..].starts_with(b"/*") {
            let start = i;
            let mut depth = 0;
            while i < b.len() {
                if b[i..].starts_with(b"/*") {
                    depth += 1;
                    i += 2;
                } else if b[i..].starts_with(b"*/") {
                    depth -= 1;
                    i += 2;
                    if depth == 0 {
                        break;
                    }
                } else {
                    i += 1;
                }
            }
            line += count_lines(start, i);
        } else if let Some(end) = raw_string_end(b, i) {
            line += count_lines(i, end);
            i = end;
        } else if c == b'"' || ((c == b'b' || c == b'c') && b.get(i + 1) == Some(&b'"')) {
            let start = i;
            i += if c == b'"' { 1 } else { 2 };
            while i < b.len() && b[i] != b'"' {
                i += if b[i] == b'\\' { 2 } else { 1 };
            }
            i += 1;
            line += count_lines(start, i.min(b.len()));
        } else if c == b'\'' || (c == b'b' && b.get(i + 1) == Some(&b'\'')) {
            // A character literal ('a', '\n', '\u{1F600}', b'x') or a
            // lifetime ('a, 'static), which has no closing quote.
            let q = if c == b'b' { i + 1 } else { i };
            if b.get(q + 1) == Some(&b'\\') {
                let mut j = q + 2;
                while j < b.len() && b[j] != b'\'' {
                    j += 1;
                }
                i = j + 1;
            } else {
                let ch_len = src[q + 1..].chars().next().map_or(1, char::len_utf8);
                if b.get(q + 1 + ch_len) == Some(&b'\'') {
                    i = q + 2 + ch_len;
                } else {
                    i = q + 1; // a lifetime: its name follows as an identifier
                }
            }
        } else if c.is_ascii_alphanumeric() || c == b'_' || c >= 0x80 {
            let start = i;
            while i < b.len() && (b[i].is_ascii_alphanumeric() || b[i] == b'_' || b[i] >= 0x80) {
                i += 1;
            }
            out.push((Tok::Ident(src[start..i].to_string()), line));
        } else if b[i..].starts_with(b"::") {
            out.push((Tok::Colons, line));
            i += 2;
        } else {
            out.push((Tok::Punct(c as char), line));
            i += 1;
        }
    }
    out
}

/// Where a raw string literal starting at `i` (`r"..."`, `r#"..."#`,
/// `br#"..."#`) ends, if one starts there.
fn raw_string_end(b: &[u8], i: usize) -> Option<usize> {
    if i > 0 && (b[i - 1].is_ascii_alphanumeric() || b[i - 1] == b'_') {
        return None;
    }
    let mut j = i;
    if b.get(j) == Some(&b'b') || b.get(j) == Some(&b'c') {
        j += 1;
    }
    if b.get(j) != Some(&b'r') {
        return None;
    }
    j += 1;
    let mut hashes = 0;
    while b.get(j) == Some(&b'#') {
        hashes += 1;
        j += 1;
    }
    if b.get(j) != Some(&b'"') {
        return None;
    }
    j += 1;
    let close: Vec<u8> = std::iter::once(b'"')
        .chain(std::iter::repeat_n(b'#', hashes))
        .collect();
    while j < b.len() {
        if b[j..].starts_with(&close) {
            return Some(j + close.len());
        }
        j += 1;
    }
    Some(b.len())
}

/// What one file names: the module paths (absolute, from the crate root)
/// with the line where each is named, and the child modules it declares
/// outside `#[cfg(test)]` and under it.
#[derive(Default)]
struct Scan {
    paths: Vec<(Vec<String>, usize)>,
    children: BTreeSet<String>,
    test_children: BTreeSet<String>,
}

/// Where a path starts: at a module of the crate (`crate::`, `super::`,
/// `self::`, a child module), or at some other name, which is a module of
/// the crate only if a `use` of the file made it one (`use crate::markdown;`
/// then `markdown::links::X`).
enum Start {
    Rooted(Vec<String>),
    Bare(String),
}

/// One path as written: where it starts, the segments after that, the
/// name it brings in if it is (a member of) a `use`, and its line.
struct Written {
    start: Start,
    rest: Vec<String>,
    alias: Option<String>,
    line: usize,
}

/// Reads the paths a file names. `module` is the file's module path from
/// the crate root; `root` is the name that means the crate root besides
/// `crate` (`casefile` in `main.rs`).
fn scan(src: &str, module: &[String], root: Option<&str>) -> Scan {
    let toks = tokenize(src);
    // The child modules this file declares (`mod x;`), found first: a path
    // may start with a child's name anywhere in the file.
    let mut result = Scan::default();
    let mut skip = vec![false; toks.len()];
    let mut i = 0;
    while i < toks.len() {
        if let Some(end) = test_attribute_end(&toks, i) {
            let item_end = item_end(&toks, end);
            if let (Some(Tok::Ident(m)), Some(Tok::Ident(name)), Some(Tok::Punct(';'))) = (
                toks.get(end).map(|t| &t.0),
                toks.get(end + 1).map(|t| &t.0),
                toks.get(end + 2).map(|t| &t.0),
            ) {
                if m == "mod" {
                    result.test_children.insert(name.clone());
                }
            }
            for s in &mut skip[i..item_end] {
                *s = true;
            }
            i = item_end;
            continue;
        }
        if let (Tok::Ident(m), Some(Tok::Ident(name)), Some(Tok::Punct(';'))) = (
            &toks[i].0,
            toks.get(i + 1).map(|t| &t.0),
            toks.get(i + 2).map(|t| &t.0),
        ) {
            if m == "mod" {
                result.children.insert(name.clone());
            }
        }
        i += 1;
    }

    // Every path, with the inline modules (`mod erased { ... }`) open at
    // each point (by the brace depth at which each closes) and whether it
    // is in a `use`.
    let mut written: Vec<Written> = Vec::new();
    let mut inline: Vec<(String, usize)> = Vec::new();
    let mut depth = 0usize;
    let mut in_use = false;
    let mut i = 0;
    while i < toks.len() {
        if skip[i] {
            i += 1;
            continue;
        }
        let here: Vec<String> = module
            .iter()
            .cloned()
            .chain(inline.iter().map(|(m, _)| m.clone()))
            .collect();
        let prev_is_colons = i > 0 && matches!(toks[i - 1].0, Tok::Colons);
        match &toks[i].0 {
            Tok::Punct('{') => depth += 1,
            Tok::Punct('}') => {
                depth = depth.saturating_sub(1);
                if inline.last().is_some_and(|&(_, d)| d == depth) {
                    inline.pop();
                }
            }
            Tok::Punct(';') => in_use = false,
            Tok::Ident(u) if u == "use" && !prev_is_colons => in_use = true,
            Tok::Ident(m) if m == "mod" => {
                if let (Some(Tok::Ident(name)), Some(Tok::Punct('{'))) =
                    (toks.get(i + 1).map(|t| &t.0), toks.get(i + 2).map(|t| &t.0))
                {
                    inline.push((name.clone(), depth));
                    depth += 1;
                    i += 3;
                    continue;
                }
            }
            Tok::Ident(first) if !prev_is_colons && (in_use || followed_by_colons(&toks, i)) => {
                let start = match first.as_str() {
                    "crate" => Start::Rooted(Vec::new()),
                    "super" => Start::Rooted(here[..here.len().saturating_sub(1)].to_vec()),
                    "self" => Start::Rooted(here.clone()),
                    name if root == Some(name) => Start::Rooted(Vec::new()),
                    // A path from a child module this file declares.
                    name if inline.is_empty() && result.children.contains(name) => {
                        let mut p = here.clone();
                        p.push(name.to_string());
                        Start::Rooted(p)
                    }
                    name => Start::Bare(name.to_string()),
                };
                let line = toks[i].1;
                let mut trees = Vec::new();
                let end = if followed_by_colons(&toks, i) {
                    path_tree(&toks, i + 2, Vec::new(), &mut trees)
                } else {
                    // `use name;` or `use name as other;`
                    let (alias, end) = alias_after(&toks, i + 1, Some(first.clone()));
                    trees.push((Vec::new(), alias));
                    end
                };
                for (rest, alias) in trees {
                    let start = match &start {
                        Start::Rooted(p) => Start::Rooted(p.clone()),
                        Start::Bare(n) => Start::Bare(n.clone()),
                    };
                    let alias = alias.filter(|_| in_use);
                    written.push(Written {
                        start,
                        rest,
                        alias,
                        line,
                    });
                }
                i = end;
                continue;
            }
            _ => {}
        }
        i += 1;
    }

    // The names `use` brings in, by what they stand for (a `use` may go
    // through a name another one brought in), then every path made absolute.
    let mut aliases: BTreeMap<String, Vec<String>> = BTreeMap::new();
    loop {
        let before = aliases.len();
        for w in &written {
            let Some(alias) = &w.alias else { continue };
            if let Some(abs) = absolute(w, &aliases) {
                aliases.entry(alias.clone()).or_insert(abs);
            }
        }
        if aliases.len() == before {
            break;
        }
    }
    result.paths = written
        .iter()
        .filter_map(|w| Some((absolute(w, &aliases)?, w.line)))
        .collect();
    result
}

fn followed_by_colons(toks: &[(Tok, usize)], i: usize) -> bool {
    matches!(toks.get(i + 1), Some((Tok::Colons, _)))
}

/// The absolute path `w` names, if it is a path of the crate.
fn absolute(w: &Written, aliases: &BTreeMap<String, Vec<String>>) -> Option<Vec<String>> {
    let mut p = match &w.start {
        Start::Rooted(p) => p.clone(),
        Start::Bare(name) => aliases.get(name)?.clone(),
    };
    for seg in &w.rest {
        match seg.as_str() {
            "super" => {
                p.pop();
            }
            "self" => {}
            _ => p.push(seg.clone()),
        }
    }
    Some(p)
}

/// The name a `use` brings in: what follows `as` at `i`, else `named`;
/// and the index after it.
fn alias_after(toks: &[(Tok, usize)], i: usize, named: Option<String>) -> (Option<String>, usize) {
    if let (Some(Tok::Ident(kw)), Some(Tok::Ident(name))) =
        (toks.get(i).map(|t| &t.0), toks.get(i + 1).map(|t| &t.0))
    {
        if kw == "as" {
            return ((name != "_").then(|| name.clone()), i + 2);
        }
    }
    (named, i)
}

/// If an attribute `#[cfg(test)]` starts at `i`, the index after it.
fn test_attribute_end(toks: &[(Tok, usize)], i: usize) -> Option<usize> {
    let want = [
        Tok::Punct('#'),
        Tok::Punct('['),
        Tok::Ident("cfg".into()),
        Tok::Punct('('),
        Tok::Ident("test".into()),
        Tok::Punct(')'),
        Tok::Punct(']'),
    ];
    let found = toks.get(i..i + want.len())?;
    found
        .iter()
        .map(|t| &t.0)
        .eq(want.iter())
        .then_some(i + want.len())
}

/// The index after the item (or statement) that starts at `i`: its further
/// attributes, then everything up to a `;` (or a field's `,`) outside
/// brackets, the end of its first top-level `{ ... }` block, or the end of
/// the block it is in.
fn item_end(toks: &[(Tok, usize)], mut i: usize) -> usize {
    let mut depth = 0i32;
    while i < toks.len() {
        match toks[i].0 {
            Tok::Punct('(') | Tok::Punct('[') => depth += 1,
            Tok::Punct(')') | Tok::Punct(']') => depth -= 1,
            Tok::Punct(';') | Tok::Punct(',') if depth == 0 => return i + 1,
            Tok::Punct('}') if depth == 0 => return i,
            Tok::Punct('{') if depth == 0 => {
                let mut braces = 0;
                while i < toks.len() {
                    match toks[i].0 {
                        Tok::Punct('{') => braces += 1,
                        Tok::Punct('}') => {
                            braces -= 1;
                            if braces == 0 {
                                return i + 1;
                            }
                        }
                        _ => {}
                    }
                    i += 1;
                }
                return i;
            }
            _ => {}
        }
        i += 1;
    }
    i
}

/// Reads the rest of a path from `i` (just after a `::`), pushing every
/// full path it names onto `out` (a `{a::b, c}` group names several) with
/// the name a `use` of it would bring in, and returns the index after it.
/// Segments are kept as written (`super` and `self` too).
fn path_tree(
    toks: &[(Tok, usize)],
    mut i: usize,
    mut prefix: Vec<String>,
    out: &mut Vec<(Vec<String>, Option<String>)>,
) -> usize {
    loop {
        match toks.get(i).map(|t| &t.0) {
            Some(Tok::Ident(seg)) => {
                prefix.push(seg.clone());
                i += 1;
                if matches!(toks.get(i), Some((Tok::Colons, _))) {
                    i += 1;
                    continue;
                }
                // `self` in a group brings in the module the group is in.
                let named = match seg.as_str() {
                    "self" => prefix.iter().rev().nth(1).cloned(),
                    "super" => None,
                    _ => Some(seg.clone()),
                };
                let (alias, end) = alias_after(toks, i, named);
                out.push((prefix, alias));
                return end;
            }
            Some(Tok::Punct('{')) => {
                i += 1;
                loop {
                    match toks.get(i).map(|t| &t.0) {
                        None => return i,
                        Some(Tok::Punct('}')) => return i + 1,
                        Some(Tok::Punct(',')) => i += 1,
                        Some(Tok::Punct('*')) => {
                            out.push((prefix.clone(), None));
                            i += 1;
                        }
                        Some(Tok::Ident(_)) | Some(Tok::Punct('{')) => {
                            i = path_tree(toks, i, prefix.clone(), out);
                        }
                        Some(_) => i += 1,
                    }
                }
            }
            _ => {
                // `*`, `<`, or the end: the path named so far.
                out.push((prefix, None));
                return i;
            }
        }
    }
}

/// The source files of the crate by module path (`lib.rs` is the root,
/// `main.rs` the binary's), found on disk.
fn source_files(src: &Path) -> BTreeMap<Vec<String>, PathBuf> {
    fn walk(dir: &Path, module: &[String], out: &mut BTreeMap<Vec<String>, PathBuf>) {
        let mut entries: Vec<_> = std::fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap().path())
            .collect();
        entries.sort();
        for path in entries {
            let name = path.file_name().unwrap().to_str().unwrap().to_string();
            if path.is_dir() {
                let mut m = module.to_vec();
                m.push(name);
                walk(&path, &m, out);
            } else if let Some(stem) = name.strip_suffix(".rs") {
                let mut m = module.to_vec();
                if stem != "mod" && !(module.is_empty() && stem == "lib") {
                    m.push(stem.to_string());
                }
                if !(module.is_empty() && stem == "main") {
                    out.insert(m, path);
                }
            }
        }
    }
    let mut out = BTreeMap::new();
    walk(src, &[], &mut out);
    out
}

/// The file graph: each file (relative to the crate, `src/...`) and the
/// files it names, with the line and path of every mention of each.
type Graph = BTreeMap<String, BTreeMap<String, Vec<(usize, String)>>>;

fn dependency_graph() -> Graph {
    let crate_dir = Path::new(env!("CARGO_MANIFEST_DIR"));
    let src = crate_dir.join("src");
    let files = source_files(&src);
    let rel = |p: &Path| {
        p.strip_prefix(crate_dir)
            .unwrap()
            .to_string_lossy()
            .replace('\\', "/")
    };

    // Scan from the root down, so that a file declared only by a test
    // module (`#[cfg(test)] mod tests;`) is left out with its children.
    let mut scans: BTreeMap<String, Scan> = BTreeMap::new();
    let mut modules: BTreeMap<String, Vec<String>> = BTreeMap::new();
    let mut queue: Vec<(Vec<String>, PathBuf, Option<&str>)> =
        vec![(Vec::new(), src.join("lib.rs"), None)];
    if src.join("main.rs").exists() {
        queue.push((
            vec!["<main>".to_string()],
            src.join("main.rs"),
            Some("casefile"),
        ));
    }
    while let Some((module, path, root)) = queue.pop() {
        let text = std::fs::read_to_string(&path).unwrap();
        let module_for_paths: Vec<String> = if root.is_some() {
            Vec::new()
        } else {
            module.clone()
        };
        let s = scan(&text, &module_for_paths, root);
        if root.is_none() {
            for child in &s.children {
                let mut m = module.clone();
                m.push(child.clone());
                if let Some(p) = files.get(&m) {
                    queue.push((m, p.clone(), None));
                }
            }
        }
        modules.insert(rel(&path), module);
        scans.insert(rel(&path), s);
    }

    let by_module: BTreeMap<Vec<String>, String> = modules
        .iter()
        .filter(|(_, m)| m.first().map(String::as_str) != Some("<main>"))
        .map(|(f, m)| (m.clone(), f.clone()))
        .collect();
    let mut graph = Graph::new();
    for (file, s) in &scans {
        let edges = graph.entry(file.clone()).or_default();
        for (path, line) in &s.paths {
            // The deepest module the path names.
            let mut m: Vec<String> = Vec::new();
            for seg in path {
                m.push(seg.clone());
                if !by_module.contains_key(&m) {
                    m.pop();
                    break;
                }
            }
            let target = &by_module[&m];
            if target != file {
                let named = std::iter::once("crate").chain(path.iter().map(String::as_str));
                edges
                    .entry(target.clone())
                    .or_default()
                    .push((*line, named.collect::<Vec<_>>().join("::")));
            }
        }
    }
    graph
}

/// The strongly connected components of more than one file (Tarjan).
fn cycles(graph: &Graph) -> Vec<Vec<String>> {
    struct Tarjan<'g> {
        graph: &'g Graph,
        index: BTreeMap<&'g str, usize>,
        low: BTreeMap<&'g str, usize>,
        stack: Vec<&'g str>,
        on_stack: BTreeSet<&'g str>,
        found: Vec<Vec<String>>,
    }
    impl<'g> Tarjan<'g> {
        fn visit(&mut self, v: &'g str) {
            let n = self.index.len();
            self.index.insert(v, n);
            self.low.insert(v, n);
            self.stack.push(v);
            self.on_stack.insert(v);
            for w in self.graph.get(v).into_iter().flat_map(|e| e.keys()) {
                let w = w.as_str();
                if !self.index.contains_key(w) {
                    self.visit(w);
                    let low = self.low[v].min(self.low[w]);
                    self.low.insert(v, low);
                } else if self.on_stack.contains(w) {
                    let low = self.low[v].min(self.index[w]);
                    self.low.insert(v, low);
                }
            }
            if self.low[v] == self.index[v] {
                let mut component = Vec::new();
                loop {
                    let w = self.stack.pop().unwrap();
                    self.on_stack.remove(w);
                    component.push(w.to_string());
                    if w == v {
                        break;
                    }
                }
                if component.len() > 1 {
                    component.sort();
                    self.found.push(component);
                }
            }
        }
    }
    let mut t = Tarjan {
        graph,
        index: BTreeMap::new(),
        low: BTreeMap::new(),
        stack: Vec::new(),
        on_stack: BTreeSet::new(),
        found: Vec::new(),
    };
    for v in graph.keys() {
        if !t.index.contains_key(v.as_str()) {
            t.visit(v);
        }
    }
    t.found.sort();
    t.found
}

/// A shortest cycle through the first file of a component, as
/// `a -> b -> ... -> a` with the path that makes each step.
fn describe_cycle(graph: &Graph, component: &[String]) -> String {
    let members: BTreeSet<&str> = component.iter().map(String::as_str).collect();
    let start = component[0].as_str();
    let mut came_from: BTreeMap<&str, &str> = BTreeMap::new();
    let mut queue = std::collections::VecDeque::from([start]);
    'search: while let Some(v) = queue.pop_front() {
        for w in graph[v]
            .keys()
            .map(String::as_str)
            .filter(|w| members.contains(w))
        {
            if w == start {
                came_from.insert(start, v);
                break 'search;
            }
            if let std::collections::btree_map::Entry::Vacant(e) = came_from.entry(w) {
                e.insert(v);
                queue.push_back(w);
            }
        }
    }
    let mut steps = vec![start];
    let mut at = came_from[start];
    while at != start {
        steps.push(at);
        at = came_from[at];
    }
    steps.push(start);
    steps.reverse();
    let mut s = steps.join(" -> ");
    for pair in steps.windows(2) {
        let (line, path) = &graph[pair[0]][pair[1]][0];
        let _ = write!(s, "\n    {}:{line} names {path} ({})", pair[0], pair[1]);
    }
    let _ = write!(s, "\n  (all files of this cycle: {})", component.join(", "));
    s
}

/// The module a file is, as ARCHITECTURE.md names modules:
/// `src/render/view.rs` is `render/view`, `src/search/mod.rs` is `search`,
/// `src/lib.rs` is `lib`.
fn module_name(file: &str) -> String {
    let rest = file.strip_prefix("src/").unwrap();
    let rest = rest.strip_suffix(".rs").unwrap_or(rest);
    rest.strip_suffix("/mod").unwrap_or(rest).to_string()
}

/// The entry of the layers a module belongs to: the longest one that is
/// the module or a folder holding it (`search/text` for `search/text`,
/// `search` for `search/records`).
fn layer_entry<'l>(module: &str, layers: &'l BTreeMap<String, usize>) -> Option<&'l str> {
    layers
        .keys()
        .filter(|e| module == e.as_str() || module.starts_with(&format!("{e}/")))
        .max_by_key(|e| e.len())
        .map(String::as_str)
}

/// The layers from ARCHITECTURE.md's `<!-- layers -->` block, lowest
/// first: every module named on a line of it (words in backticks) with the
/// number of that line's layer.
fn documented_layers() -> BTreeMap<String, usize> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("ARCHITECTURE.md");
    let text = std::fs::read_to_string(path).unwrap();
    let start = text
        .find("<!-- layers -->")
        .expect("ARCHITECTURE.md has a <!-- layers --> block");
    let end = text[start..]
        .find("<!-- /layers -->")
        .expect("the layers block is closed by <!-- /layers -->")
        + start;
    let mut layers = BTreeMap::new();
    let mut n = 0;
    for line in text[start..end].lines().skip(1) {
        let names: Vec<&str> = line.split('`').skip(1).step_by(2).collect();
        if names.is_empty() {
            continue;
        }
        n += 1;
        for name in names {
            let name = name.trim_end_matches('/').trim_end_matches(".rs");
            assert!(
                layers.insert(name.to_string(), n).is_none(),
                "`{name}` is in two layers of ARCHITECTURE.md"
            );
        }
    }
    assert!(n > 1, "the layers block of ARCHITECTURE.md lists no layers");
    layers
}

#[test]
fn no_file_depends_on_itself() {
    let graph = dependency_graph();
    if std::env::var_os("LAYERS_GRAPH").is_some() {
        for (file, edges) in &graph {
            for (to, mentions) in edges {
                for (line, path) in mentions {
                    println!("{file} -> {to}   ({file}:{line}: {path})");
                }
            }
        }
    }
    let found = cycles(&graph);
    let report: Vec<String> = found.iter().map(|c| describe_cycle(&graph, c)).collect();
    assert!(
        found.is_empty(),
        "{} cycle(s) between the files of src/:\n\n{}\n",
        found.len(),
        report.join("\n\n")
    );
}

#[test]
fn no_module_depends_on_a_higher_layer() {
    let graph = dependency_graph();
    let layers = documented_layers();
    let modules: BTreeSet<String> = graph.keys().map(|f| module_name(f)).collect();
    let stale: Vec<&String> = layers
        .keys()
        .filter(|e| {
            !modules
                .iter()
                .any(|m| m == *e || m.starts_with(&format!("{e}/")))
        })
        .collect();
    assert!(
        stale.is_empty(),
        "the layers of ARCHITECTURE.md name modules src/ does not have: {stale:?}"
    );
    let mut problems = BTreeSet::new();
    let mut undocumented = BTreeSet::new();
    for (file, edges) in &graph {
        let from_module = module_name(file);
        if from_module == "lib" || from_module == "main" {
            continue;
        }
        let Some(from) = layer_entry(&from_module, &layers) else {
            undocumented.insert(from_module);
            continue;
        };
        for (to_file, mentions) in edges {
            let (line, path) = &mentions[0];
            let to_module = module_name(to_file);
            let Some(to) = layer_entry(&to_module, &layers) else {
                undocumented.insert(to_module);
                continue;
            };
            if to == from {
                continue;
            }
            let (from_layer, to_layer) = (layers[from], layers[to]);
            if to_layer >= from_layer {
                problems.insert(format!(
                    "{file}:{line} names {path}: `{from}` (layer {from_layer}) uses `{to}` \
                     (layer {to_layer}), which is not below it"
                ));
            }
        }
    }
    assert!(
        undocumented.is_empty(),
        "modules in no layer of ARCHITECTURE.md (add them to the <!-- layers --> block): \
         {undocumented:?}"
    );
    assert!(
        problems.is_empty(),
        "modules that use a module of their own layer or a higher one \
         (ARCHITECTURE.md, <!-- layers -->):\n{}",
        problems.into_iter().collect::<Vec<_>>().join("\n")
    );
}

#[test]
fn the_scanner_reads_paths_as_written() {
    let m = |s: &[&str]| s.iter().map(|x| x.to_string()).collect::<Vec<_>>();
    let src = r##"
        use crate::{a::{b, c::D}, e as f, self as g};
        use super::x::Y;
        use crate::alias::{self as al, other};
        use std::io;
        // crate::commented::out
        /* crate::block /* nested */ crate::out */
        const S: &str = "crate::in_a_string";
        const R: &str = r#"crate::raw"#;
        fn f<'a>(c: char) { let _ = 'x'; let _ = '\''; crate::h::i(); }
        mod child;
        #[cfg(test)]
        mod tests { use crate::only_tests; }
        #[cfg(test)]
        mod test_file;
        struct T { #[cfg(test)] tried: usize, kept: crate::k::K }
        fn g() { child::run(); al::deeper::Z; io::stdin(); other::thing(); }
        mod inline { fn h() { super::super::up::U; } }
    "##;
    let s = scan(src, &m(&["p", "q"]), None);
    let found: BTreeSet<Vec<String>> = s.paths.into_iter().map(|(p, _)| p).collect();
    let want: BTreeSet<Vec<String>> = [
        m(&["a", "b"]),
        m(&["a", "c", "D"]),
        m(&["e"]),
        m(&[]),
        m(&["p", "x", "Y"]),
        m(&["alias"]),
        m(&["alias", "other"]),
        m(&["h", "i"]),
        m(&["k", "K"]),
        m(&["p", "q", "child", "run"]),
        m(&["alias", "deeper", "Z"]),
        m(&["alias", "other", "thing"]),
        m(&["p", "up", "U"]),
    ]
    .into_iter()
    .collect();
    assert_eq!(found, want);
    assert_eq!(s.children, BTreeSet::from(["child".to_string()]));
    assert_eq!(s.test_children, BTreeSet::from(["test_file".to_string()]));
}
