//! `casefile serve` through its library entry point, over plain HTTP/1.0:
//! pages are served with live reload, edits are picked up, a broken edit
//! keeps the last good site and reports the error, a template edit rebuilds
//! everything, and missing paths get the 404 page.

mod common;

use std::io::{Read, Write};
use std::net::{SocketAddr, TcpStream};
use std::path::Path;
use std::time::{Duration, Instant};

use casefile::serve::{self, ServeOptions};
use common::copy_fixture;

/// How long to wait for a rebuild to be served before failing.
const PATIENCE: Duration = Duration::from_secs(10);

struct Response {
    status: u16,
    headers: String,
    body: String,
}

fn get(addr: SocketAddr, path: &str) -> Response {
    let mut stream = TcpStream::connect(addr).expect("connect");
    // The poll endpoint holds a request for up to 20 s when nothing changes.
    stream
        .set_read_timeout(Some(Duration::from_secs(30)))
        .unwrap();
    write!(stream, "GET {path} HTTP/1.0\r\nHost: {addr}\r\n\r\n").unwrap();
    let mut raw = Vec::new();
    stream.read_to_end(&mut raw).expect("read response");
    let raw = String::from_utf8_lossy(&raw).into_owned();
    let (head, body) = raw.split_once("\r\n\r\n").unwrap_or((&raw, ""));
    let status = head
        .split_whitespace()
        .nth(1)
        .and_then(|s| s.parse().ok())
        .unwrap_or_else(|| panic!("no status line in {head:?}"));
    Response {
        status,
        headers: head.to_string(),
        body: body.to_string(),
    }
}

/// Fetches `path` until its body contains `text`, for at most [`PATIENCE`].
fn wait_for(addr: SocketAddr, path: &str, text: &str) -> Response {
    let deadline = Instant::now() + PATIENCE;
    loop {
        let r = get(addr, path);
        if r.status == 200 && r.body.contains(text) {
            return r;
        }
        assert!(
            Instant::now() < deadline,
            "{path} never served {text:?}; last response ({}):\n{}",
            r.status,
            r.body
        );
        std::thread::sleep(Duration::from_millis(50));
    }
}

/// The build status: (version, error).
fn poll(addr: SocketAddr, since: i64) -> (i64, Option<String>) {
    let r = get(addr, &format!("/__casefile/poll?since={since}"));
    assert_eq!(r.status, 200, "{}", r.body);
    let v: serde_json::Value = serde_json::from_str(&r.body).expect("poll answers JSON");
    (
        v["version"].as_i64().expect("version"),
        v["error"].as_str().map(str::to_string),
    )
}

/// Polls for builds after `since` until one's error satisfies `want`.
fn wait_for_status(
    addr: SocketAddr,
    mut since: i64,
    want: impl Fn(Option<&str>) -> bool,
) -> (i64, Option<String>) {
    let deadline = Instant::now() + PATIENCE;
    loop {
        let (version, error) = poll(addr, since);
        if version != since && want(error.as_deref()) {
            return (version, error);
        }
        assert!(
            Instant::now() < deadline,
            "no build reported the wanted status; last: v{version} {error:?}"
        );
        since = version;
    }
}

fn edit(path: &Path, from: &str, to: &str) {
    let text = std::fs::read_to_string(path).unwrap();
    assert!(text.contains(from), "{from:?} not in {}", path.display());
    std::fs::write(path, text.replace(from, to)).unwrap();
}

#[test]
fn serve_rebuilds_on_change_and_keeps_the_last_good_site() {
    let (_tmp, root) = copy_fixture("full");
    let handle = serve::start(&ServeOptions {
        root: root.clone(),
        port: 0,
        open: false,
        drafts: false,
    })
    .expect("serve starts");
    let addr = handle.addr;
    assert_eq!(handle.url(), format!("http://{addr}/"));

    // A page, with the live-reload script, which is served too.
    let page = get(addr, "/articles/first/");
    assert_eq!(page.status, 200);
    assert!(page.headers.contains("text/html"), "{}", page.headers);
    assert!(page.body.contains("<h1>The First Article</h1>"));
    assert!(
        page.body
            .contains("<script src=\"/__casefile/livereload.js\"></script></body>"),
        "{}",
        page.body
    );
    let js = get(addr, "/__casefile/livereload.js");
    assert_eq!(js.status, 200);
    assert!(js.body.contains("/__casefile/poll?since="));
    let (_, error) = poll(addr, -1);
    assert_eq!(error, None, "the first build succeeded");

    // A path without its trailing slash is redirected; a missing one is a 404
    // with the site's 404 page.
    let redirect = get(addr, "/articles/first");
    assert_eq!(redirect.status, 301);
    assert!(redirect.headers.contains("Location: /articles/first/"));
    let missing = get(addr, "/no/such/page/");
    assert_eq!(missing.status, 404);
    assert!(
        missing.body.contains("<h1>Page not found</h1>"),
        "{}",
        missing.body
    );

    // Edit the page's markdown: the new text is served.
    let md = root.join("content/articles/first.md");
    edit(
        &md,
        "What the terms say.",
        "What the terms say, edited live.",
    );
    wait_for(addr, "/articles/first/", "What the terms say, edited live.");
    let (version, _) = poll(addr, -1);

    // Break it: the error names the file, and the last good page stays.
    let good = std::fs::read_to_string(&md).unwrap();
    std::fs::write(&md, good.replacen("+++", "+++\ntitel = 1", 1)).unwrap();
    let (version, error) = wait_for_status(addr, version, |e| {
        e.is_some_and(|e| e.contains("unknown key `titel`"))
    });
    let error = error.unwrap();
    assert!(error.contains("content/articles/first.md:2:1"), "{error}");
    let still = get(addr, "/articles/first/");
    assert_eq!(still.status, 200);
    assert!(still.body.contains("What the terms say, edited live."));

    // Fix it: served again, and the error is gone.
    std::fs::write(&md, good.replace("edited live", "fixed")).unwrap();
    wait_for(addr, "/articles/first/", "What the terms say, fixed.");
    wait_for_status(addr, version, |e| e.is_none());

    // Edit a template: every page is rendered again.
    edit(
        &root.join("templates/partials/footer.html"),
        "Every claim on this fixture site is made up.",
        "Footer edited while serving.",
    );
    wait_for(addr, "/articles/first/", "Footer edited while serving.");
    wait_for(addr, "/", "Footer edited while serving.");
    let topics = wait_for(addr, "/topics/", "Footer edited while serving.");
    assert!(topics.body.contains("All topics"));
    let (_, error) = poll(addr, -1);
    assert_eq!(error, None);

    drop(handle);
}

#[test]
fn an_idle_server_does_not_rebuild_and_a_body_edit_is_incremental() {
    let (_tmp, root) = copy_fixture("full");
    let handle = serve::start(&ServeOptions {
        root: root.clone(),
        port: 0,
        open: false,
        drafts: false,
    })
    .expect("serve starts");
    let addr = handle.addr;
    // The build's own reads must not count as changes: with nothing edited,
    // the build version stays where the first build left it.
    let first = handle.version();
    std::thread::sleep(Duration::from_millis(1500));
    assert_eq!(
        handle.version(),
        first,
        "the server rebuilt with nothing edited"
    );

    // An edit of a page's body (front matter untouched) is served after one
    // rebuild.
    let page = root.join("content/articles/first.md");
    let text = std::fs::read_to_string(&page).unwrap();
    let split = text.match_indices("+++").nth(1).expect("front matter").0 + 3;
    let (front, body) = text.split_at(split);
    std::fs::write(
        &page,
        format!("{front}\n\nA brand new first paragraph.\n{body}"),
    )
    .unwrap();
    wait_for(addr, "/articles/first/", "A brand new first paragraph.");
    assert_eq!(handle.version(), first + 1, "one rebuild for one edit");
}

#[test]
fn incremental_rebuilds_write_search_results_only_when_search_is_on() {
    use casefile::incremental::{rebuild_pages, Outcome};
    use casefile::output::DirSink;
    use casefile::site::{self, BuildOptions};

    for enabled in [true, false] {
        let (tmp, root) = copy_fixture("full");
        if !enabled {
            let config = root.join("casefile.toml");
            let text = std::fs::read_to_string(&config).unwrap();
            std::fs::write(&config, format!("{text}\n[search]\nenabled = false\n")).unwrap();
        }
        let opts = BuildOptions {
            serve: true,
            ..BuildOptions::new(&root)
        };
        let full = tmp.path().join("full");
        std::fs::create_dir_all(&full).unwrap();
        let (_, mut state) = site::run(&opts, &DirSink::new(full.clone())).expect("builds");
        assert_eq!(full.join("search").exists(), enabled);

        // Both incremental paths: a body edit (the model stays), then a
        // front matter edit (the model is rebuilt). Each writes into an
        // empty folder, so that what it wrote is all there is.
        let page = root.join("content/articles/first.md");
        for (i, (from, to)) in [
            ("The background of", "The new background of"),
            (
                "title = \"The First Article\"",
                "title = \"The First Article, Edited\"",
            ),
        ]
        .into_iter()
        .enumerate()
        {
            edit(&page, from, to);
            let out = tmp.path().join(format!("edit-{i}"));
            std::fs::create_dir_all(&out).unwrap();
            let changed = std::slice::from_ref(&page);
            let outcome = rebuild_pages(&mut state, &opts, changed, &DirSink::new(out.clone()))
                .expect("rebuilds");
            assert!(matches!(outcome, Outcome::Rebuilt { .. }), "{outcome:?}");
            let files = common::list_files(&out);
            assert!(
                files.contains(&"articles/first/index.html".to_string()),
                "{files:?}"
            );
            assert_eq!(
                files.iter().any(|f| f.starts_with("search/")),
                enabled,
                "search on: {enabled}, edit {i} wrote {files:?}"
            );
            let html = std::fs::read_to_string(out.join("articles/first/index.html")).unwrap();
            assert_eq!(html.contains("site-search"), enabled);
        }
    }
}
