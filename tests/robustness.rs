//! No content can make casefile panic: odd, broken and hostile inputs give
//! a site or diagnostics, never a crash.
//!
//! Each case is the `minimal` fixture plus one or more odd files (written
//! here, as bytes, so that line endings, BOMs and invalid UTF-8 survive
//! version control).

mod common;

use std::panic::{catch_unwind, AssertUnwindSafe};

use casefile::site::{self, BuildOptions};
use common::copy_fixture;

/// A page with valid front matter and `body` as its markdown.
fn page(title: &str, body: &str) -> Vec<u8> {
    let quoted = title.replace('\\', "\\\\").replace('"', "\\\"");
    format!("+++\ntitle = \"{quoted}\"\n+++\n\n{body}").into_bytes()
}

/// Files to add under `content/`: (path, bytes).
type Files = Vec<(String, Vec<u8>)>;

fn cases() -> Vec<(&'static str, Files)> {
    let one = |rel: &str, bytes: Vec<u8>| vec![(rel.to_string(), bytes)];
    let nested_list: String = (0..1000)
        .map(|i| format!("{}- level {i}\n", "  ".repeat(i)))
        .collect();
    let nested_quotes = format!("{} deep\n", ">".repeat(5000));
    let nested_brackets = format!("{}x{}", "[".repeat(5000), "](".repeat(5000));
    let emphasis_soup = "*_".repeat(20_000);
    let huge_heading = format!("# {}\n", "word ".repeat(50_000));
    vec![
        ("empty file", one("empty.md", Vec::new())),
        ("only +++", one("plus.md", b"+++".to_vec())),
        ("only +++ and a newline", one("plus.md", b"+++\n".to_vec())),
        ("empty front matter", one("blank.md", b"+++\n+++\n".to_vec())),
        ("empty _index.md", one("_index.md", Vec::new())),
        (
            "invalid UTF-8",
            one(
                "binary.md",
                b"+++\ntitle = \"bin\"\n+++\n\xff\xfe\x00\x80binary".to_vec(),
            ),
        ),
        (
            "invalid UTF-8 in front matter",
            one("binary.md", b"+++\ntitle = \"\xc3\x28\"\n+++\n".to_vec()),
        ),
        (
            "NUL and control bytes",
            one("nul.md", page("nul", "\0\0\x01\x02\x1b[31m\u{7f}")),
        ),
        (
            "byte order mark",
            one(
                "bom.md",
                "\u{feff}+++\ntitle = \"bom\"\n+++\nBody\n".into(),
            ),
        ),
        ("only a byte order mark", one("bom.md", "\u{feff}".into())),
        (
            "CRLF line endings",
            one(
                "crlf.md",
                b"+++\r\ntitle = \"crlf\"\r\ndate = 2026-01-01\r\n+++\r\n\r\n## Heading\r\n\r\nSee [it](#heading).\r\n\r\n```rust\r\nfn x() {}\r\n```\r\n"
                    .to_vec(),
            ),
        ),
        (
            "CR line endings",
            one("cr.md", b"+++\rtitle = \"cr\"\r+++\rBody".to_vec()),
        ),
        (
            "CRLF with an error",
            one("crlf.md", b"+++\r\ntitel = \"crlf\"\r\n+++\r\n".to_vec()),
        ),
        ("deeply nested lists", one("lists.md", page("lists", &nested_list))),
        (
            "deeply nested quotes",
            one("quotes.md", page("quotes", &nested_quotes)),
        ),
        (
            "deeply nested brackets",
            one("brackets.md", page("brackets", &nested_brackets)),
        ),
        ("emphasis soup", one("soup.md", page("soup", &emphasis_soup))),
        (
            "unclosed code fences",
            vec![
                ("fence.md".into(), page("fence", "```rust\nfn main() {\n")),
                ("tilde.md".into(), page("tilde", "~~~\n<b>&\n")),
                ("nolang.md".into(), page("nolang", "```\n")),
                (
                    "weird-lang.md".into(),
                    page("weird", "```{=html} \" <x> ,\nx\n```\n"),
                ),
            ],
        ),
        (
            "headings with only punctuation",
            one(
                "punct.md",
                page(
                    "punct",
                    "# ...\n\n## ???\n\n## !!!\n\n### #\n\n[a](#section) [b](#section-1)\n",
                ),
            ),
        ),
        (
            "empty and duplicate heading ids",
            one(
                "ids.md",
                page("ids", "## A {#x}\n\n## B {#x}\n\n## C {#}\n\n##\n\n#\n"),
            ),
        ),
        ("huge heading", one("huge.md", page("huge", &huge_heading))),
        (
            "links with empty paths",
            one(
                "links.md",
                page(
                    "links",
                    "[a](@/) [b](@/#x) [c](@/#) [d](#) [e](@) [f](@/.md) [g](<>) [h](@/_index.md#)\n",
                ),
            ),
        ),
        (
            "links that climb out of content",
            one(
                "climb.md",
                page(
                    "climb",
                    "[a](@/../casefile.toml) [b](@//etc/passwd) [c](@/climb.md#climb)\n",
                ),
            ),
        ),
        (
            "images without a source",
            one("img.md", page("img", "![alt]() ![]() ![](<>)\n")),
        ),
        (
            "more marker in odd places",
            one(
                "more.md",
                page(
                    "more",
                    "- item\n  <!-- more -->\n\n| a | b |\n|---|---|\n| <!-- more --> | x |\n\n> <!-- more -->\n",
                ),
            ),
        ),
        (
            "footnotes that loop",
            one(
                "notes.md",
                page("notes", "Text[^a] and [^missing].\n\n[^a]: See [^a].\n\n[^b]: Unused.\n"),
            ),
        ),
        (
            "raw HTML and template syntax in content",
            one(
                "html.md",
                page(
                    "html {{ site.title }}",
                    "<script>alert(1)</script>\n\n{{ page.title }} {% if x %}\n\n<div\n",
                ),
            ),
        ),
        (
            "emoji everywhere",
            vec![
                (
                    "party.md".into(),
                    "+++\ntitle = \"🎉 Party 🎉\"\ndescription = \"👩‍👩‍👧 family\"\n\n[taxonomies]\ntopics = [\"🎉\", \"Party 🎉\"]\n+++\n\n## 🎉\n\n[x](#)\n"
                        .into(),
                ),
                ("🎉.md".into(), page("only emoji in the file name", "x")),
                ("rtl.md".into(), page("\u{202e}txet\u{200b}", "\u{202e}")),
            ],
        ),
        (
            "odd front matter values",
            vec![
                ("a.md".into(), b"+++\ntitle = 5\n+++\n".to_vec()),
                (
                    "b.md".into(),
                    b"+++\ntitle = \"b\"\ndate = 12:00:00\n+++\n".to_vec(),
                ),
                (
                    "c.md".into(),
                    b"+++\ntitle = \"c\"\ndate = 1979-05-27T00:32:00.999999999-07:00\nupdated = 1979-05-26\n+++\n"
                        .to_vec(),
                ),
                (
                    "d.md".into(),
                    b"+++\ntitle = \"d\"\nweight = -9223372036854775808\nslug = \"../../etc\"\n+++\n"
                        .to_vec(),
                ),
                ("e.md".into(), b"+++\ntitle = \"e\"\nslug = \"\"\n+++\n".to_vec()),
                (
                    "f.md".into(),
                    b"+++\ntitle = \"f\"\n[taxonomies]\ntopics = [\"\", \"  \", \"!!!\"]\n+++\n"
                        .to_vec(),
                ),
                (
                    "g.md".into(),
                    b"+++\ntitle = \"g\"\ntemplate = \"../../etc/passwd\"\n+++\n".to_vec(),
                ),
                (
                    "h.md".into(),
                    b"+++\ntitle = \"h\"\ndate = 0001-01-01T00:00:00+23:59\n[extra]\na = { b = [1, { c = 2 }] }\n+++\n"
                        .to_vec(),
                ),
                ("i.md".into(), b"+++\ntitle = \"   \"\n+++\n".to_vec()),
                ("j.md".into(), b"+++\n+++ trailing\n+++\n".to_vec()),
            ],
        ),
        (
            "odd files and folders",
            vec![
                ("index.md".into(), page("root index", "x")),
                ("-.md".into(), page("dash", "x")),
                ("a/b/c/d/e/deep.md".into(), page("deep", "x")),
                ("My Folder/Some Page.md".into(), page("spaces", "x")),
                ("_index.xx.md".into(), page("unknown language", "x")),
                ("page.fr.md".into(), page("unknown language page", "x")),
                ("notes.txt".into(), b"not markdown".to_vec()),
            ],
        ),
        (
            "a folder name without letters",
            vec![
                ("---/_index.md".into(), page("dashes", "x")),
                ("---/page.md".into(), page("in dashes", "x")),
                ("---/image.png".into(), b"\x89PNG".to_vec()),
            ],
        ),
        (
            "the home page is a draft",
            vec![
                (
                    "_index.md".into(),
                    b"+++\ntitle = \"Home\"\ndraft = true\n+++\n".to_vec(),
                ),
                ("a.md".into(), page("a", "[home](@/_index.md)")),
            ],
        ),
        (
            "section sorting on missing keys",
            vec![
                (
                    "s/_index.md".into(),
                    b"+++\ntitle = \"S\"\nsort_by = \"weight\"\npaginate_by = 1\n+++\n".to_vec(),
                ),
                ("s/a.md".into(), page("a", "x")),
                ("s/b.md".into(), page("b", "x")),
                ("s/c.md".into(), page("c", "x")),
            ],
        ),
    ]
}

/// Odd evidence: sources, facts, quotes, citations, records and updates.
fn evidence_cases() -> Vec<(&'static str, Files)> {
    let source = |body: &str| -> Vec<u8> {
        format!("+++\ntitle = \"Source\"\npublisher = \"P\"\narchived = 2026-01-01\n+++\n{body}")
            .into_bytes()
    };
    // A fact `f` quoting source `s`.
    let fact = |quote: &str| -> Vec<u8> {
        let quote = quote.replace('\\', "\\\\").replace('"', "\\\"");
        format!(
            "[[fact]]\nid = \"f\"\nstatement = \"S.\"\nattribution = \"a\"\nsource = \"s\"\nquote = \"{quote}\"\n"
        )
        .into_bytes()
    };
    let citing = |body: &str| -> (String, Vec<u8>) { ("a.md".into(), page("cites", body)) };
    let unicode =
        "Ünïcödé “quotes” — dashes… 👩‍👩‍👧 e\u{301} 中文 עברית \u{202e}x\u{200b}y\n\n\tand  spaces";
    vec![
        ("empty data files", {
            ["facts/a.toml", "timeline.toml", "lawsuits.toml", "people.toml", "glossary.toml"]
                .iter()
                .map(|f| (f.to_string(), Vec::new()))
                .collect()
        }),
        ("data files that are not TOML", {
            ["facts/a.toml", "timeline.toml", "lawsuits.toml", "people.toml", "glossary.toml", "other.toml"]
                .iter()
                .map(|f| (f.to_string(), b"[[[ \xff \x00".to_vec()))
                .collect()
        }),
        (
            "empty source and update",
            vec![
                ("sources/s.md".into(), Vec::new()),
                ("sources/t.md".into(), source("")),
                ("updates/u.md".into(), Vec::new()),
                ("updates/v.md".into(), b"+++\n+++\n".to_vec()),
            ],
        ),
        (
            "quotes in unicode text",
            vec![
                ("sources/s.md".into(), source(unicode)),
                ("facts/t.toml".into(), fact("“quotes” - dashes...")),
                ("facts/u.toml".into(), fact("e\u{301} 中文 עברית")),
                citing("[@f]\n"),
            ],
        ),
        (
            "odd quotes",
            vec![
                ("sources/s.md".into(), source("Short text.")),
                ("facts/a.toml".into(), fact("")),
                ("facts/b.toml".into(), fact("   ")),
                ("facts/c.toml".into(), fact(&"much longer than the source ".repeat(50))),
                ("facts/d.toml".into(), fact("\u{0}")),
                ("facts/e.toml".into(), fact("Short text. Short text.")),
            ],
        ),
        (
            "odd citations",
            vec![
                ("sources/s.md".into(), source("Text.")),
                ("facts/t.toml".into(), fact("Text.")),
                citing("[@] [@;] [@ ; @f] [@f] [@@f] [@f](#x) [see @f] [@f][@f] [@f;;@f] [@\u{1f389}] [@f]: x\n"),
            ],
        ),
        (
            "odd record links",
            vec![
                ("sources/s.md".into(), source("Text.")),
                ("facts/t.toml".into(), fact("Text.")),
                citing("[a](@fact/) [b](@source/) [c](@fact/f#x) [d](@nope/x) [e](@/fact/f) [f](@fact/f/extra) [g](@fact) [h](@term/) [i](@event/x)\n"),
            ],
        ),
        (
            "odd glossary terms",
            vec![
                (
                    "glossary.toml".into(),
                    b"[[term]]\nid = \"e\"\nterm = \"\"\ndefinition = \"d\"\n\n[[term]]\nid = \"q\"\nterm = \"???\"\ndefinition = \"d\"\n\n[[term]]\nid = \"u\"\nterm = \"\xc3\xa9t\xc3\xa9\"\nexpansion = \"<b>\"\ndefinition = \"d\"\n"
                        .to_vec(),
                ),
                citing("Un été ??? à l'été. `été` [été](#x)\n\n# été\n\nword\n"),
            ],
        ),
        (
            "odd timeline, lawsuits and people",
            vec![
                ("sources/s.md".into(), source("Text.")),
                ("facts/t.toml".into(), fact("Text.")),
                (
                    "timeline.toml".into(),
                    b"[[event]]\nid = \"a\"\ntitle = \"\"\ndate = \"2025-02-30\"\nfacts = [\"f\"]\n\n[[event]]\nid = \"b\"\ntitle = \"b\"\ndate = \"+123\"\nfacts = []\n\n[[event]]\nid = \"c\"\ntitle = \"c\"\ndate = 2025-01-01T10:00:00\nfacts = [\"nope\"]\n"
                        .to_vec(),
                ),
                (
                    "lawsuits.toml".into(),
                    b"[[lawsuit]]\nid = \"\"\ntitle = \"t\"\nfacts = [\"f\", \"f\"]\ndocuments = [\"nope\"]\nfiled = \"-1\"\n".to_vec(),
                ),
                (
                    "people.toml".into(),
                    b"[[person]]\nid = \"p\"\nname = \"\"\nrole = \"r\"\nkind = \"robot\"\n\n[[person]]\nid = \"p\"\nname = \"n\"\nrole = \"r\"\n".to_vec(),
                ),
            ],
        ),
        (
            "odd facts",
            vec![
                ("sources/s.md".into(), source("Text.")),
                (
                    "facts/t.toml".into(),
                    b"[[fact]]\nid = \"f\"\nstatement = \"S\"\nattribution = \"a\"\nsource = \"s\"\nquote = \"Text.\"\nstatus = \"superseded\"\nsuperseded_by = \"f\"\naliases = [\"f\", \"\"]\ndate = \"2025-13\"\nprecision = \"day\"\ntopics = [\"t\", \"nope\", \"\"]\n\n[[fact.cite]]\nsource = \"\"\nquote = \"\"\n"
                        .to_vec(),
                ),
                ("facts/Bad Name.toml".into(), b"[[fact]]\nid = \"-\"\n".to_vec()),
            ],
        ),
        (
            "odd updates",
            vec![
                (
                    "updates/a.md".into(),
                    b"+++\ndate = 2026-01-01\nkind = \"retraction\"\nfacts = [\"nope\"]\npages = [\"\", \"../x.md\"]\n+++\n".to_vec(),
                ),
                (
                    "updates/b.md".into(),
                    b"+++\ndate = 2026-01-01T00:00:00Z\nkind = \"correction\"\nfacts = []\npages = []\n+++\n\xff".to_vec(),
                ),
            ],
        ),
    ]
}

/// Odd `casefile.toml` files (with the minimal fixture's content).
fn configs() -> Vec<(&'static str, &'static str)> {
    vec![
        ("empty config", ""),
        ("config that is not TOML", "\u{0}\u{1}[[["),
        (
            "base_url without a host",
            "title = \"t\"\nbase_url = \"https://\"\n",
        ),
        (
            "empty time zone and language",
            "title = \"t\"\nbase_url = \"https://e.org\"\ntimezone = \"\"\nlanguage = \"\"\n",
        ),
        (
            "odd taxonomies",
            "title = \"t\"\nbase_url = \"https://e.org\"\n[[taxonomies]]\nname = \"\"\n[[taxonomies]]\nname = \"Tags & Things\"\npaginate_by = 1\n",
        ),
        (
            "an extra language without strings",
            "title = \"t\"\nbase_url = \"https://e.org\"\n[languages.es]\n[languages.en]\n",
        ),
        (
            "unknown highlight theme",
            "title = \"t\"\nbase_url = \"https://e.org\"\n[markdown]\nhighlight_theme = \"\"\n",
        ),
    ]
}

/// Builds one site; `Err` describes a panic or an error without diagnostics.
fn build_without_panic(name: &str, edit: impl FnOnce(&std::path::Path)) -> Result<(), String> {
    let (_tmp, root) = copy_fixture("minimal");
    edit(&root);
    let opts = BuildOptions::new(&root);
    let result = catch_unwind(AssertUnwindSafe(|| site::build(&opts)));
    match result {
        Err(panic) => {
            let msg = panic
                .downcast_ref::<String>()
                .cloned()
                .or_else(|| panic.downcast_ref::<&str>().map(|s| s.to_string()))
                .unwrap_or_default();
            Err(format!("{name}: panicked: {msg}"))
        }
        Ok(Ok(_summary)) => Ok(()),
        Ok(Err(failure)) => {
            if failure.errors().next().is_none() {
                return Err(format!("{name}: failed without an error"));
            }
            for d in &failure.diagnostics {
                if d.file.is_empty() || d.message.is_empty() {
                    return Err(format!("{name}: diagnostic without a place: {d:?}"));
                }
            }
            // Printing must not panic either.
            let _ = failure.to_string();
            if opts.output_dir().exists() {
                return Err(format!("{name}: a failed build wrote output"));
            }
            Ok(())
        }
    }
}

#[test]
fn odd_content_never_panics() {
    let mut problems = Vec::new();
    for (name, files) in cases() {
        let outcome = build_without_panic(name, |root| {
            for (rel, bytes) in &files {
                let path = root.join("content").join(rel);
                std::fs::create_dir_all(path.parent().unwrap()).unwrap();
                std::fs::write(&path, bytes).unwrap();
            }
        });
        problems.extend(outcome.err());
    }
    assert!(problems.is_empty(), "{problems:#?}");
}

#[test]
fn odd_evidence_never_panics() {
    let mut problems = Vec::new();
    for (name, files) in evidence_cases() {
        let outcome = build_without_panic(name, |root| {
            for (rel, bytes) in &files {
                let path = root.join("content").join(rel);
                std::fs::create_dir_all(path.parent().unwrap()).unwrap();
                std::fs::write(&path, bytes).unwrap();
            }
        });
        problems.extend(outcome.err());
    }
    assert!(problems.is_empty(), "{problems:#?}");
}

#[test]
fn an_empty_glossary_term_is_an_error_not_a_hang() {
    let (_tmp, root) = copy_fixture("minimal");
    let content = root.join("content");
    std::fs::write(
        content.join("glossary.toml"),
        "[[term]]\nid = \"blank\"\nterm = \"\"\ndefinition = \"d\"\n",
    )
    .unwrap();
    std::fs::write(content.join("a.md"), page("a", "word\n")).unwrap();
    let failure = site::build(&BuildOptions::new(&root)).unwrap_err();
    let d = failure.errors().next().expect("an error");
    assert_eq!(
        (d.file.as_str(), d.line, d.column),
        ("content/glossary.toml", 2, 6)
    );
    assert_eq!(d.message, "glossary entry `blank` has an empty term");
    assert!(d.help.is_some());
}

#[test]
fn odd_configuration_never_panics() {
    let mut problems = Vec::new();
    for (name, config) in configs() {
        let outcome = build_without_panic(name, |root| {
            std::fs::write(root.join("casefile.toml"), config).unwrap();
        });
        problems.extend(outcome.err());
    }
    assert!(problems.is_empty(), "{problems:#?}");
}

/// `casefile.toml` that is not UTF-8 is reported like any content file: at
/// the line and column of the first bad byte, with the fix.
#[test]
fn a_configuration_that_is_not_utf8_is_reported_at_the_bad_byte() {
    let (_tmp, root) = copy_fixture("minimal");
    std::fs::write(
        root.join("casefile.toml"),
        b"title = \"t\"\nbase_url = \"https://e.org\"\ndescription = \"caf\xe9 \xff\"\n",
    )
    .unwrap();
    let failure = site::build(&BuildOptions::new(&root)).unwrap_err();
    let errors: Vec<_> = failure.errors().collect();
    assert_eq!(errors.len(), 1, "{failure}");
    let d = errors[0];
    assert_eq!(
        (d.file.as_str(), d.line, d.column, d.message.as_str()),
        ("casefile.toml", 3, 19, "the file is not valid UTF-8 text"),
        "{failure}"
    );
    assert_eq!(d.help.as_deref(), Some("save the file as UTF-8"));
    assert!(d
        .snippet
        .as_deref()
        .is_some_and(|s| s.starts_with("description")));
}

#[test]
fn odd_inputs_that_are_errors_are_reported_at_their_place() {
    // A few of the cases above, with what the contributor is told.
    let (_tmp, root) = copy_fixture("minimal");
    let content = root.join("content");
    std::fs::write(content.join("empty.md"), "").unwrap();
    std::fs::write(
        content.join("binary.md"),
        b"+++\ntitle = \"x\"\n+++\nok \xff",
    )
    .unwrap();
    std::fs::write(content.join("crlf.md"), b"+++\r\ntitel = \"x\"\r\n+++\r\n").unwrap();
    std::fs::write(
        content.join("links.md"),
        page("links", "[a](@/) [b](@/#x)\n"),
    )
    .unwrap();
    std::fs::write(
        content.join("slug.md"),
        "+++\ntitle = \"s\"\nslug = \"\"\n+++\n",
    )
    .unwrap();
    std::fs::write(
        content.join("terms.md"),
        "+++\ntitle = \"t\"\n\n[taxonomies]\ntopics = [\"!!!\"]\n+++\n",
    )
    .unwrap();
    let failure = site::build(&BuildOptions::new(&root)).unwrap_err();
    let got: Vec<(String, usize, usize, String)> = failure
        .errors()
        .map(|d| (d.file.clone(), d.line, d.column, d.message.clone()))
        .collect();
    let expect = |f: &str, l: usize, c: usize, m: &str| (f.to_string(), l, c, m.to_string());
    assert_eq!(
        got,
        [
            expect(
                "content/binary.md",
                4,
                4,
                "the file is not valid UTF-8 text"
            ),
            expect(
                "content/crlf.md",
                2,
                1,
                "unknown key `titel` in front matter"
            ),
            expect("content/empty.md", 1, 1, "missing front matter"),
            expect(
                "content/links.md",
                5,
                1,
                "broken internal link: `content/` does not exist"
            ),
            expect(
                "content/links.md",
                5,
                9,
                "broken internal link: `content/` does not exist"
            ),
            expect("content/slug.md", 3, 1, "the slug is empty"),
            expect(
                "content/terms.md",
                5,
                1,
                "the topics term `!!!` has no letters or digits"
            ),
        ],
        "{failure}"
    );
}

#[test]
fn odd_configuration_errors_are_reported_at_their_place() {
    let (_tmp, root) = copy_fixture("minimal");
    std::fs::write(
        root.join("casefile.toml"),
        "title = \"t\"\nbase_url = \"https://e.org\"\n\n[[taxonomies]]\nname = \"\"\n\n[markdown]\nhighlight_theme_dark = \"base16-ocean.dark\"\nhighlight_theme = \"InspiredGithub\"\n",
    )
    .unwrap();
    let failure = site::build(&BuildOptions::new(&root)).unwrap_err();
    let errors: Vec<_> = failure.errors().collect();
    assert_eq!(errors.len(), 2, "{failure}");
    assert_eq!(
        (errors[0].line, errors[0].message.as_str()),
        (5, "taxonomy name `` cannot be used in a URL"),
        "{failure}"
    );
    assert_eq!(
        (errors[1].line, errors[1].message.as_str()),
        (9, "unknown highlight theme `InspiredGithub`"),
        "{failure}"
    );
    assert_eq!(
        errors[1].help.as_deref(),
        Some("did you mean `InspiredGitHub`?")
    );
}
