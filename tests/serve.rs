//! `casefile serve` through its library entry point, over raw TCP:
//! pages are served with live reload, edits are picked up, a broken edit
//! keeps the last good site and reports the error, a template edit rebuilds
//! everything, and missing paths get the 404 page; idle, slow, oversize and
//! non-GET clients are bounded or refused; requests for other hosts are
//! refused; paths are normalised; serve's folder is removed when it stops,
//! also on Ctrl+C, and by the next serve when it was killed.

mod common;

use std::io::{Read, Write};
use std::net::{SocketAddr, TcpStream};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use casefile::serve::http::{HEAD_TIMEOUT, MAX_CONNECTIONS};
use casefile::serve::{self, Handle, ServeOptions, LOCK_FILE, MAX_POLLS};
use common::copy_fixture;

/// How long to wait for a rebuild to be served before failing.
const PATIENCE: Duration = Duration::from_secs(10);

/// A bound for the server to close a connection it must close: generous,
/// a liveness check and not a measure of speed.
const CUT_OFF: Duration = Duration::from_secs(30);

struct Response {
    status: u16,
    headers: String,
    body: String,
}

impl Response {
    /// The value of header `name` (case-insensitive), if sent.
    fn header(&self, name: &str) -> Option<&str> {
        self.headers.lines().skip(1).find_map(|line| {
            let (n, v) = line.split_once(':')?;
            n.eq_ignore_ascii_case(name).then_some(v.trim())
        })
    }
}

/// Starts serve on a copy of the `full` fixture.
fn start(root: &Path) -> Handle {
    serve::start(&ServeOptions {
        root: root.to_path_buf(),
        port: 0,
        open: false,
        drafts: false,
        ..Default::default()
    })
    .expect("serve starts")
}

/// Sends `head` (and whatever follows it) on a new connection.
fn send(addr: SocketAddr, head: &[u8]) -> TcpStream {
    let mut stream = TcpStream::connect(addr).expect("connect");
    // The poll endpoint holds a request for up to 20 s when nothing changes.
    stream.set_read_timeout(Some(CUT_OFF)).unwrap();
    stream.write_all(head).unwrap();
    stream
}

/// Reads a response to its end (the server closes every connection).
fn read_response(mut stream: TcpStream) -> Response {
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

/// Sends `head` and reads the response.
fn request(addr: SocketAddr, head: &str) -> Response {
    read_response(send(addr, head.as_bytes()))
}

fn get(addr: SocketAddr, path: &str) -> Response {
    request(
        addr,
        &format!("GET {path} HTTP/1.0\r\nHost: {addr}\r\n\r\n"),
    )
}

/// Waits until `done()`, for at most [`PATIENCE`].
fn wait_until(what: &str, done: impl Fn() -> bool) {
    let deadline = Instant::now() + PATIENCE;
    while !done() {
        assert!(Instant::now() < deadline, "never happened: {what}");
        std::thread::sleep(Duration::from_millis(20));
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
        ..Default::default()
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
        ..Default::default()
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
fn an_edit_of_an_original_shows_its_translation_out_of_date_at_once() {
    let (_tmp, root) = copy_fixture("bilingual");
    let handle = start(&root);
    let addr = handle.addr;
    let es = "/es/articles/the-contract/";
    let current = wait_for(addr, es, "translation-note");
    assert!(
        !current.body.contains("translation-note notice"),
        "{}",
        current.body
    );
    // A body edit of the English: the Spanish page says it changed, and the
    // page shown from the English until translated shows the new words.
    let page = root.join("content/articles/the-contract.md");
    let text = std::fs::read_to_string(&page).unwrap();
    std::fs::write(
        &page,
        format!("{text}\nA sentence added to the original.\n"),
    )
    .unwrap();
    let stale = wait_for(addr, es, "translation-note notice");
    assert!(
        stale.body.contains("href=\"/articles/the-contract/\""),
        "{}",
        stale.body
    );
    let background = root.join("content/articles/background.md");
    let text = std::fs::read_to_string(&background).unwrap();
    std::fs::write(&background, format!("{text}\nNew background words.\n")).unwrap();
    wait_for(addr, "/es/articles/background/", "New background words.");
}

#[test]
fn only_requests_for_the_loopback_name_and_port_are_answered() {
    let (_tmp, root) = copy_fixture("full");
    let handle = start(&root);
    let addr = handle.addr;
    let port = addr.port();
    let other = if port == u16::MAX { port - 1 } else { port + 1 };
    let with_host = |path: &str, host: Option<&str>| {
        let host = host.map(|h| format!("Host: {h}\r\n")).unwrap_or_default();
        request(addr, &format!("GET {path} HTTP/1.1\r\n{host}\r\n"))
    };
    let page = "/articles/first/";
    let poll = "/__casefile/poll?since=-1";

    for host in [
        format!("127.0.0.1:{port}"),
        format!("localhost:{port}"),
        format!("LocalHost:{port}"),
        format!("[::1]:{port}"),
    ] {
        let r = with_host(page, Some(&host));
        assert_eq!(r.status, 200, "{host}: {}", r.body);
        assert!(r.body.contains("<h1>The First Article</h1>"), "{host}");
        let r = with_host(poll, Some(&host));
        assert_eq!(r.status, 200, "{host}: {}", r.body);
        assert!(r.body.contains("\"version\""), "{host}: {}", r.body);
    }

    // What a page on another origin sends after DNS rebinding, and every
    // near miss: no page, no build status, only the reason.
    let refused = [
        None,
        Some(String::new()),
        Some(format!("127.0.0.1:{other}")),
        Some(format!("localhost:{other}")),
        Some("127.0.0.1".to_string()),
        Some("localhost".to_string()),
        Some("evil.example".to_string()),
        Some(format!("evil.example:{port}")),
        Some(format!("127.0.0.1.evil.example:{port}")),
        Some(format!("localhost.evil:{port}")),
        Some(format!("localhost.:{port}")),
        Some(format!("localhost:{port}.evil.example")),
        Some(format!("user@localhost:{port}")),
        Some(format!("127.1:{port}")),
        Some(format!("[::ffff:127.0.0.1]:{port}")),
    ];
    for host in &refused {
        for path in [page, poll, "/__casefile/livereload.js"] {
            let r = with_host(path, host.as_deref());
            assert_eq!(r.status, 421, "{host:?} {path}: {}", r.body);
            assert!(
                r.body.contains(&format!(
                    "answers only requests for http://127.0.0.1:{port}/ or http://localhost:{port}/"
                )),
                "{host:?} {path}: {}",
                r.body
            );
            assert!(!r.body.contains("<h1>") && !r.body.contains("\"version\""));
        }
    }
    // Two Host headers, one of them right, are refused too.
    let two = request(
        addr,
        &format!("GET {page} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nHost: evil.example\r\n\r\n"),
    );
    assert_eq!(two.status, 400, "{}", two.body);
    // So is a target naming a host, which would override the header.
    let absolute = request(
        addr,
        &format!("GET http://127.0.0.1:{port}{page} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\n\r\n"),
    );
    assert_eq!(absolute.status, 400, "{}", absolute.body);
}

#[test]
fn paths_are_normalised_and_redirects_stay_on_the_server() {
    let (_tmp, root) = copy_fixture("full");
    let handle = start(&root);
    let addr = handle.addr;

    // A folder asked for without its final slash: one redirect, to one
    // absolute path on this server, whatever slashes the request had.
    for (path, location) in [
        ("/articles", "/articles/"),
        ("//articles", "/articles/"),
        ("///articles", "/articles/"),
        ("/%2Farticles", "/articles/"),
        ("/%2f%2Farticles", "/articles/"),
        ("//%2F/articles", "/articles/"),
        ("/./articles", "/articles/"),
        ("/articles/.", "/articles/"),
        ("/articles//first", "/articles/first/"),
        ("//articles//first", "/articles/first/"),
        ("/articles/%2Ffirst", "/articles/first/"),
        ("/articles?page=2", "/articles/?page=2"),
    ] {
        let r = get(addr, path);
        assert_eq!(r.status, 301, "{path}: {}", r.body);
        let sent = r.header("Location").expect("a Location");
        assert_eq!(sent, location, "{path}");
        assert!(
            sent.starts_with('/') && !sent.starts_with("//") && !sent.starts_with("/\\"),
            "{path} sends {sent}"
        );
    }

    // Extra slashes elsewhere name the same file.
    for path in [
        "/articles/first//",
        "//articles/first/",
        "/articles%2Ffirst/",
    ] {
        let r = get(addr, path);
        assert_eq!(r.status, 200, "{path}");
        assert!(r.body.contains("<h1>The First Article</h1>"), "{path}");
    }
    let poll = get(addr, "//__casefile//poll?since=-1");
    assert_eq!(poll.status, 200);
    assert!(poll.body.contains("\"version\""));

    // Parent folders, backslashes, controls (a header injection) and bad
    // escapes are refused, and say why.
    for path in [
        "/..",
        "/../etc/passwd",
        "/articles/../../x",
        "/%2e%2e/x",
        "/..%2Fx",
        "/\\articles",
        "/%5Carticles",
        "/%5C%5Cevil.example",
        "/articles%0D%0ALocation:%20//evil.example",
        "/%00",
        "/%zz",
        "/%c3",
    ] {
        let r = get(addr, path);
        assert_eq!(r.status, 400, "{path}: {}", r.body);
        assert!(
            r.body.starts_with("bad request: the path has"),
            "{path}: {}",
            r.body
        );
        assert!(r.header("Location").is_none(), "{path}");
    }
}

#[test]
fn idle_connections_and_long_polls_do_not_starve_page_loads() {
    let (_tmp, root) = copy_fixture("full");
    let handle = start(&root);
    let addr = handle.addr;
    let (version, _) = poll(addr, -1);
    wait_until("the first poll's connection is closed", || {
        handle.connections() == 0
    });

    // As many long-polls as allowed, each waiting for a build that does not
    // come; one more is refused at once.
    let poll_head =
        format!("GET /__casefile/poll?since={version} HTTP/1.0\r\nHost: {addr}\r\n\r\n");
    let polls: Vec<TcpStream> = (0..MAX_POLLS)
        .map(|_| send(addr, poll_head.as_bytes()))
        .collect();
    wait_until("every poll waits", || handle.polls() == MAX_POLLS);
    let refused = request(addr, &poll_head);
    assert_eq!(refused.status, 503, "{}", refused.body);
    assert!(refused.body.contains("live-reload"), "{}", refused.body);
    assert_eq!(refused.header("Retry-After"), Some("1"));

    // Idle connections that never send a byte, up to one short of the bound:
    // a page is still served, beside them and the polls.
    let mut idle: Vec<TcpStream> = (0..MAX_CONNECTIONS - MAX_POLLS - 1)
        .map(|_| TcpStream::connect(addr).expect("connect"))
        .collect();
    wait_until("every idle connection is accepted", || {
        handle.connections() == MAX_CONNECTIONS - 1
    });
    let page = get(addr, "/articles/first/");
    assert_eq!(page.status, 200);
    assert!(page.body.contains("<h1>The First Article</h1>"));

    // With every connection taken, a new one gets a quick 503, not a queue.
    wait_until("the page's connection is closed", || {
        handle.connections() == MAX_CONNECTIONS - 1
    });
    idle.push(TcpStream::connect(addr).expect("connect"));
    wait_until("the last idle connection is accepted", || {
        handle.connections() == MAX_CONNECTIONS
    });
    let busy = get(addr, "/articles/first/");
    assert_eq!(busy.status, 503, "{}", busy.body);
    assert!(busy.body.contains("too many connections"), "{}", busy.body);

    // Connections closed by their clients give their place back.
    drop(idle);
    wait_until("the idle connections are let go", || {
        handle.connections() == MAX_POLLS
    });
    assert_eq!(get(addr, "/articles/first/").status, 200);
    drop(polls);
}

#[test]
fn a_slow_or_silent_client_is_cut_off() {
    let (_tmp, root) = copy_fixture("full");
    let handle = start(&root);
    let addr = handle.addr;

    // A silent connection is closed without an answer.
    let silent = std::thread::spawn(move || {
        let mut s = TcpStream::connect(addr).expect("connect");
        s.set_read_timeout(Some(CUT_OFF)).unwrap();
        let started = Instant::now();
        let mut buf = Vec::new();
        let read = s.read_to_end(&mut buf);
        (read.map_err(|e| e.kind()), buf, started.elapsed())
    });

    // A client that sends its head one byte a second would take minutes to
    // finish it; every byte comes well within any per-read timeout, so only
    // a bound on the whole head stops it.
    let mut stream = TcpStream::connect(addr).expect("connect");
    let mut reader = stream.try_clone().unwrap();
    reader.set_read_timeout(Some(CUT_OFF)).unwrap();
    let started = Instant::now();
    let trickle = std::thread::spawn(move || {
        let head = format!(
            "GET / HTTP/1.1\r\nHost: {addr}\r\nX-Slow: {}",
            "a".repeat(3 * HEAD_TIMEOUT.as_secs() as usize)
        );
        for b in head.bytes() {
            if stream.write_all(&[b]).is_err() {
                return true;
            }
            std::thread::sleep(Duration::from_secs(1));
        }
        false
    });
    let mut buf = Vec::new();
    let read = reader.read_to_end(&mut buf);
    let elapsed = started.elapsed();
    assert!(
        !matches!(
            read.as_ref().map_err(|e| e.kind()),
            Err(std::io::ErrorKind::WouldBlock | std::io::ErrorKind::TimedOut)
        ),
        "the slow client was still connected after {CUT_OFF:?}"
    );
    assert!(elapsed < CUT_OFF, "cut off only after {elapsed:?}");
    let text = String::from_utf8_lossy(&buf);
    assert!(text.starts_with("HTTP/1.1 408 "), "{text}");
    assert!(text.contains("did not arrive within"), "{text}");
    drop(reader);
    assert!(
        trickle.join().unwrap(),
        "the server still took bytes after its answer"
    );

    let (read, buf, elapsed) = silent.join().unwrap();
    assert_eq!(read, Ok(0), "the silent connection was not closed");
    assert!(
        buf.is_empty(),
        "a silent connection gets no answer: {buf:?}"
    );
    assert!(elapsed < CUT_OFF, "closed only after {elapsed:?}");
    assert_eq!(get(addr, "/").status, 200);
}

#[test]
fn an_oversize_head_gets_431_and_a_large_one_is_served() {
    let (_tmp, root) = copy_fixture("full");
    let handle = start(&root);
    let addr = handle.addr;
    let with_header = |size: usize| {
        format!(
            "GET / HTTP/1.1\r\nHost: {addr}\r\nX-Big: {}\r\n\r\n",
            "a".repeat(size)
        )
    };
    let big = request(addr, &with_header(20 * 1024));
    assert_eq!(big.status, 431, "{}", big.body);
    assert!(big.body.contains("larger than 16 KiB"), "{}", big.body);
    // Far larger: the server stops reading at the limit, answers and closes;
    // the client may see the answer or, still writing, a reset, but is not
    // left waiting.
    let mut stream = TcpStream::connect(addr).expect("connect");
    stream.set_read_timeout(Some(CUT_OFF)).unwrap();
    let mut writer = stream.try_clone().unwrap();
    let huge = with_header(8 * 1024 * 1024);
    let flood = std::thread::spawn(move || {
        let _ = writer.write_all(huge.as_bytes());
    });
    let mut buf = Vec::new();
    match stream.read_to_end(&mut buf) {
        Ok(_) => {
            let text = String::from_utf8_lossy(&buf);
            assert!(text.starts_with("HTTP/1.1 431 "), "{text}");
        }
        Err(e) => assert_eq!(e.kind(), std::io::ErrorKind::ConnectionReset, "{e}"),
    }
    drop(stream);
    flood.join().unwrap();
    let large = request(addr, &with_header(15 * 1024));
    assert_eq!(large.status, 200, "{}", large.body);
}

#[test]
fn only_get_and_head_are_answered() {
    let (_tmp, root) = copy_fixture("full");
    let handle = start(&root);
    let addr = handle.addr;
    let post = request(
        addr,
        &format!("POST /articles/first/ HTTP/1.1\r\nHost: {addr}\r\nContent-Length: 3\r\n\r\na=1"),
    );
    assert_eq!(post.status, 405, "{}", post.body);
    assert_eq!(post.header("Allow"), Some("GET, HEAD"));
    assert!(post.body.contains("GET and HEAD only"), "{}", post.body);
    for method in ["PUT", "DELETE", "OPTIONS", "PATCH", "TRACE"] {
        let r = request(
            addr,
            &format!("{method} / HTTP/1.1\r\nHost: {addr}\r\n\r\n"),
        );
        assert_eq!(r.status, 405, "{method}");
    }

    // HEAD: the headers of the GET, with its length, and no body.
    let page = get(addr, "/articles/first/");
    let head = request(
        addr,
        &format!("HEAD /articles/first/ HTTP/1.1\r\nHost: {addr}\r\n\r\n"),
    );
    assert_eq!(head.status, 200);
    assert_eq!(head.header("Content-Type"), page.header("Content-Type"));
    assert_eq!(
        head.header("Content-Length"),
        Some(page.body.len().to_string().as_str())
    );
    assert_eq!(head.body, "");
    assert_eq!(page.header("Connection"), Some("close"));
    assert_eq!(page.header("Cache-Control"), Some("no-store"));
    let css = get(addr, "/style.css");
    assert_eq!(css.status, 200);
    assert_eq!(css.header("Content-Type"), Some("text/css; charset=utf-8"));
}

#[test]
fn dropping_the_handle_removes_its_folder() {
    let (_tmp, root) = copy_fixture("full");
    let handle = start(&root);
    let folder = handle.folder().to_path_buf();
    assert_eq!(folder.parent(), Some(std::env::temp_dir().as_path()));
    let name = folder.file_name().unwrap().to_string_lossy().into_owned();
    assert!(name.starts_with("casefile-serve-"), "{name}");
    assert!(folder.join("site/index.html").is_file());
    // Held for the server's life, so no other serve takes the folder for
    // a stale one.
    let lock = std::fs::File::open(folder.join(LOCK_FILE)).expect("a lock file");
    assert!(lock.try_lock().is_err(), "the lock is not held");
    drop(lock);
    // Only the site and the lock: the build's staging folder, made beside
    // site/ inside this folder, is gone once the build is committed.
    let entries: Vec<String> = std::fs::read_dir(&folder)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert!(
        entries.iter().all(|e| e == "site" || e == LOCK_FILE),
        "{entries:?}"
    );
    drop(handle);
    assert!(!folder.exists(), "{} is left behind", folder.display());
}

/// A `casefile-serve-*` folder planted in the temp dir, removed at the end
/// of the test whatever happens.
struct Planted(PathBuf);

impl Planted {
    /// As a serve leaves it: a site, and a lock file unless `lock_file` is
    /// false.
    fn new(lock_file: bool) -> Planted {
        let dir = tempfile::Builder::new()
            .prefix("casefile-serve-")
            .tempdir()
            .unwrap()
            .keep();
        std::fs::create_dir(dir.join("site")).unwrap();
        std::fs::write(dir.join("site/index.html"), "an old build").unwrap();
        if lock_file {
            std::fs::write(dir.join(LOCK_FILE), "").unwrap();
        }
        Planted(dir)
    }
}

impl Drop for Planted {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

#[test]
fn a_killed_serves_folder_is_removed_by_the_next_and_a_live_ones_kept() {
    // A serve killed with -9: its lock file is there, and nobody holds it.
    let stale = Planted::new(true);
    // A running serve: its lock is held (here by this test).
    let live = Planted::new(true);
    let held = std::fs::File::open(live.0.join(LOCK_FILE)).unwrap();
    held.lock().unwrap();
    // No lock file: a serve creating its folder, or one from before locks.
    let unknown = Planted::new(false);

    let (_tmp, root) = copy_fixture("full");
    let handle = start(&root);
    assert!(!stale.0.exists(), "the stale folder is still there");
    assert!(
        live.0.join("site/index.html").exists(),
        "a live serve's folder was removed"
    );
    assert!(unknown.0.join("site/index.html").exists());
    assert!(handle.folder().exists());
    drop(handle);
    drop(held);
}

/// The `casefile-serve-*` folders in `dir`.
#[cfg(unix)]
fn serve_folders(dir: &Path) -> Vec<PathBuf> {
    std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| {
            p.file_name()
                .unwrap()
                .to_string_lossy()
                .starts_with("casefile-serve-")
        })
        .collect()
}

#[cfg(unix)]
#[test]
fn ctrl_c_and_sigterm_stop_the_binary_and_remove_its_folder() {
    use std::io::{BufRead, BufReader};
    use std::process::{Command, Stdio};

    for signal in ["INT", "TERM"] {
        let (_tmp, root) = copy_fixture("full");
        // A temp dir of its own, so this serve's folder is the only one.
        let temp = tempfile::tempdir().unwrap();
        let mut child = Command::new(env!("CARGO_BIN_EXE_casefile"))
            .arg("serve")
            .arg("--root")
            .arg(&root)
            .args(["--port", "0"])
            .env("TMPDIR", temp.path())
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .expect("run casefile serve");
        let stdout = child.stdout.take().unwrap();
        let (lines_tx, lines) = std::sync::mpsc::channel();
        let reader = std::thread::spawn(move || {
            for line in BufReader::new(stdout).lines().map_while(Result::ok) {
                let _ = lines_tx.send(line);
            }
        });
        let serving = loop {
            match lines.recv_timeout(Duration::from_secs(120)) {
                Ok(line) if line.starts_with("Serving ") => break line,
                Ok(_) => {}
                Err(e) => {
                    let _ = child.kill();
                    panic!("serve never said it was serving: {e}");
                }
            }
        };
        let url = &serving[serving.find("http://").expect("a URL") + "http://".len()..];
        let addr: SocketAddr = url.split('/').next().unwrap().parse().expect("an address");
        assert_eq!(get(addr, "/articles/first/").status, 200);
        let folders = serve_folders(temp.path());
        assert_eq!(folders.len(), 1, "{folders:?}");
        assert!(folders[0].join("site/index.html").is_file());

        let kill = Command::new("kill")
            .arg(format!("-{signal}"))
            .arg(child.id().to_string())
            .status()
            .expect("run kill");
        assert!(kill.success());
        let deadline = Instant::now() + CUT_OFF;
        let status = loop {
            if let Some(status) = child.try_wait().unwrap() {
                break status;
            }
            if Instant::now() > deadline {
                let _ = child.kill();
                panic!("SIG{signal}: serve still runs after {CUT_OFF:?}");
            }
            std::thread::sleep(Duration::from_millis(50));
        };
        assert!(status.success(), "SIG{signal}: {status}");
        reader.join().unwrap();
        let rest: Vec<String> = lines.try_iter().collect();
        assert!(
            rest.iter().any(|l| l.starts_with("Stopped; removed")),
            "SIG{signal}: {rest:?}"
        );
        assert!(
            !folders[0].exists(),
            "SIG{signal}: {} is left behind",
            folders[0].display()
        );
        assert!(serve_folders(temp.path()).is_empty());
    }
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
            // (Not its title: the footer's site map shows that on every
            // page, which takes a full build.)
            // Nor the spelling that names a term: "Data Sharing" stays.
            (
                "topics = [\"Privacy\", \"Data Sharing\"]",
                "topics = [\"Data Sharing\"]",
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

/// A correction written while serve runs dates what it corrects in the
/// preview too (serve reads no git): the page says Updated, the fact says
/// it was corrected.
#[test]
fn a_new_correction_dates_its_page_and_fact_in_the_preview() {
    let (_tmp, root) = copy_fixture("evidence");
    let handle = start(&root);
    let addr = handle.addr;
    std::fs::write(
        root.join("content/updates/2026-02-03-payments.md"),
        "+++\ndate = 2026-02-03T10:00:00-05:00\nkind = \"correction\"\nfacts = [\"payments-start\"]\npages = [\"articles/money.md\"]\n+++\nPayments start in September, not August.\n",
    )
    .unwrap();
    wait_for(
        addr,
        "/articles/money/",
        "Updated <time datetime=\"2026-02-03T10:00:00-05:00\">",
    );
    let fact = wait_for(
        addr,
        "/facts/payments-start/",
        "This fact has been corrected",
    );
    assert!(fact
        .body
        .contains("Payments start in September, not August."));
}

/// The preview shows drafts by default, each marked as one, so a new
/// article is there at once; `build` still leaves it out.
#[test]
fn the_preview_shows_a_new_draft_marked_as_a_draft() {
    let (_tmp, root) = copy_fixture("full");
    let handle = serve::start(&ServeOptions {
        root: root.clone(),
        port: 0,
        open: false,
        drafts: true,
        ..Default::default()
    })
    .expect("serve starts");
    let req = casefile::scaffold::NewRequest::Article("Breaking news");
    casefile::scaffold::new_record(&root, &req).expect("new article");
    let page = wait_for(
        handle.addr,
        "/articles/breaking-news/",
        "<h1>Breaking news</h1>",
    );
    assert!(page.body.contains("class=\"draft-note\""), "{}", page.body);
    assert!(page.body.contains("This page is not published"));
    drop(handle);
    casefile::site::build(&casefile::site::BuildOptions::new(&root)).unwrap();
    assert!(!root
        .join("public/articles/breaking-news/index.html")
        .exists());
}

/// What `serve` does after an edit of `changed`, on `state` and the site
/// in `live`: the incremental rebuild, or a full one when it asks for it.
/// Returns whether it was incremental.
fn rebuild_as_serve_does(
    state: &mut casefile::site::State,
    opts: &casefile::site::BuildOptions,
    changed: &[PathBuf],
    live: &Path,
) -> bool {
    use casefile::incremental::{rebuild_pages, Outcome};
    use casefile::output::DirSink;
    match rebuild_pages(state, opts, changed, &DirSink::new(live.to_path_buf())).expect("rebuilds")
    {
        Outcome::Rebuilt { .. } => true,
        Outcome::NeedsFull => {
            let _ = std::fs::remove_dir_all(live);
            std::fs::create_dir_all(live).unwrap();
            *state = casefile::site::run(opts, &DirSink::new(live.to_path_buf()))
                .expect("builds")
                .1;
            false
        }
    }
}

/// Builds the site afresh into `fresh` and asserts that every page and list
/// in `live` is the same (the search index and feeds wait for a full build
/// in serve); `what` names the edit in a failure.
fn assert_same_as_a_full_build(
    opts: &casefile::site::BuildOptions,
    live: &Path,
    fresh: &Path,
    what: &str,
) {
    use casefile::output::DirSink;
    std::fs::create_dir_all(fresh).unwrap();
    casefile::site::run(opts, &DirSink::new(fresh.to_path_buf())).expect("builds");
    let files: Vec<String> = common::list_files(fresh)
        .into_iter()
        .filter(|f| f.ends_with(".html") && !f.starts_with("search/"))
        .collect();
    assert!(files.len() > 10, "{files:?}");
    for f in &files {
        let want = std::fs::read_to_string(fresh.join(f)).unwrap();
        let got = std::fs::read_to_string(live.join(f)).unwrap_or_default();
        assert!(got == want, "{what}: {f} differs from a full build's");
    }
    let _ = std::fs::remove_dir_all(fresh);
}

/// After any front matter or body edit, what `serve` rebuilt (incrementally
/// or not) leaves every page and list as a full build makes them: the
/// files it rewrote and the ones it left alone. Once with the articles in
/// the footer's site map (a title there is on every page), once with
/// enough articles that they are not. (The search index and the feeds wait
/// for the next full build, as documented in `incremental`.)
#[test]
fn incremental_rebuilds_leave_the_same_site_as_a_full_build() {
    use casefile::incremental::{rebuild_pages, Outcome};
    use casefile::output::DirSink;
    use casefile::site::{self, BuildOptions};

    for extra in [0, 14] {
        let (tmp, root) = copy_fixture("full");
        for n in 0..extra {
            std::fs::write(
                root.join(format!("content/articles/extra-{n:02}.md")),
                format!("+++\ntitle = \"Extra {n}\"\ndate = 2025-0{}-1{}\n\n[taxonomies]\ntopics = [\"Privacy\"]\n+++\n\nExtra article {n}.\n", 1 + n % 9, n % 10),
            )
            .unwrap();
        }
        let opts = BuildOptions {
            serve: true,
            ..BuildOptions::new(&root)
        };
        let live = tmp.path().join("live");
        std::fs::create_dir_all(&live).unwrap();
        let (_, mut state) = site::run(&opts, &DirSink::new(live.clone())).expect("builds");
        let first = root.join("content/articles/first.md");
        let second = root.join("content/articles/second.md");
        // A title (lists and neighbours show it), a body, a date that moves
        // the page in its lists, a topic taken away, the title again; and
        // two broken links (in a body, then with a new title), which fail
        // and must leave the last good state to rebuild from once fixed.
        let broken = " See [nothing](@/nope.md).";
        let body = "is the summary of the first article.";
        let body_broken = format!("{body}{broken}");
        let summary = "is its new summary.";
        let summary_broken = format!("{summary}{broken}");
        let edits: [(&Path, &str, &str); 9] = [
            (
                &first,
                "title = \"The First Article\"",
                "title = \"The First, Retitled\"",
            ),
            (&second, "is its summary.", summary),
            (&second, summary, &summary_broken),
            (&second, &summary_broken, summary),
            (&first, "date = 2026-01-10", "date = 2025-03-20"),
            (&second, "topics = [\"Privacy\"]", "topics = []"),
            (&first, body, &body_broken),
            (
                &first,
                "title = \"The First, Retitled\"",
                "title = \"The First Article\"",
            ),
            (&first, &body_broken, body),
        ];
        let mut incremental = 0;
        for (i, (page, from, to)) in edits.into_iter().enumerate() {
            edit(page, from, to);
            let changed = [page.to_path_buf()];
            if std::fs::read_to_string(page).unwrap().contains(broken) {
                // Refused, or left to a full build, which refuses it: serve
                // keeps the last good state either way.
                let live = DirSink::new(live.clone());
                if let Ok(o) = rebuild_pages(&mut state, &opts, &changed, &live) {
                    assert!(matches!(o, Outcome::NeedsFull), "edit {i}: {o:?}");
                    let scratch = tmp.path().join("scratch");
                    std::fs::create_dir_all(&scratch).unwrap();
                    assert!(site::run(&opts, &DirSink::new(scratch)).is_err());
                }
                continue;
            }
            if rebuild_as_serve_does(&mut state, &opts, &changed, &live) {
                incremental += 1;
            }
            assert_same_as_a_full_build(
                &opts,
                &live,
                &tmp.path().join("fresh"),
                &format!("{extra} extra articles, edit {i} ({to})"),
            );
        }
        if extra > 0 {
            assert!(
                incremental >= 4,
                "these edits are incremental: {incremental} were"
            );
        }
    }
}

/// A large site (here: a threshold of 3 markdown files) is served before
/// it is indexed for search, then indexed without anyone asking, and edits
/// keep working on the indexed site.
#[test]
fn a_large_site_is_served_first_and_indexed_for_search_right_after() {
    let (_tmp, root) = copy_fixture("full");
    let handle = serve::start(&ServeOptions {
        root: root.clone(),
        defer_search_above: 3,
        ..Default::default()
    })
    .expect("serve starts");
    let addr = handle.addr;
    // Up at once, every page there.
    assert_eq!(get(addr, "/articles/first/").status, 200);
    // The index follows, and the pages then carry the search form.
    wait_for(addr, "/search/", "search");
    wait_for(addr, "/articles/first/", "site-search");
    edit(
        &root.join("content/articles/first.md"),
        "The background of",
        "The indexed background of",
    );
    wait_for(addr, "/articles/first/", "The indexed background of");
    assert!(get(addr, "/articles/first/").body.contains("site-search"));
}

/// The same, over a long run of mixed edits (titles, dates that reorder
/// the lists, descriptions and summaries, topics added and removed, bodies)
/// of generated articles, chosen by a fixed pseudo-random sequence: after
/// each, the incrementally rebuilt site is the one a full build makes.
#[test]
fn mixed_edits_rebuilt_incrementally_match_a_full_build() {
    use casefile::output::DirSink;
    use casefile::site::{self, BuildOptions};

    #[derive(Clone)]
    struct Article {
        title: String,
        date: String,
        description: Option<String>,
        /// Topics, by index in `TOPICS`, and which of its two spellings.
        topics: Vec<(usize, usize)>,
        body: String,
    }
    impl Article {
        fn text(&self) -> String {
            let mut s = format!("+++\ntitle = \"{}\"\ndate = {}\n", self.title, self.date);
            if let Some(d) = &self.description {
                s.push_str(&format!("description = \"{d}\"\n"));
            }
            let topics: Vec<String> = self
                .topics
                .iter()
                .map(|&(t, spelling)| format!("\"{}\"", TOPICS[t][spelling]))
                .collect();
            s.push_str(&format!(
                "\n[taxonomies]\ntopics = [{}]\n+++\n\n{}\n",
                topics.join(", "),
                self.body
            ));
            s
        }
    }
    // Two spellings of each: a term is shown as the first of the spellings
    // its pages use.
    const TOPICS: [[&str; 2]; 3] = [
        ["Privacy", "PRIVACY"],
        ["Data Sharing", "data sharing"],
        ["Courts", "COURTS"],
    ];
    let mut seed = 0x9e37_79b9_7f4a_7c15u64;
    let mut next = move |n: u64| {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        seed % n
    };
    for count in [5usize, 16] {
        let (tmp, root) = copy_fixture("full");
        let mut articles: Vec<Article> = (0..count)
            .map(|i| Article {
                title: format!("Generated {i}"),
                date: format!("2025-{:02}-{:02}", 1 + i % 12, 1 + i % 28),
                description: None,
                topics: vec![(i % 3, 0)],
                body: format!("Generated article {i}, first paragraph.\n\nSecond paragraph."),
            })
            .collect();
        let path = |i: usize| root.join(format!("content/articles/gen-{i:02}.md"));
        for (i, a) in articles.iter().enumerate() {
            std::fs::write(path(i), a.text()).unwrap();
        }
        // An update naming all of them but the first (the updates page lists
        // their titles; a page it names is updated when it is, whatever its
        // date); a section template that shows the section's last update
        // on every pager; and a page of another section dated later than
        // any article, so that the site's last update stays put while the
        // section's moves.
        std::fs::create_dir_all(root.join("content/updates")).unwrap();
        let named: Vec<String> = (1..count)
            .map(|i| format!("\"articles/gen-{i:02}.md\""))
            .collect();
        std::fs::write(
            root.join("content/updates/2026-03-01-note.md"),
            format!(
                "+++\ndate = 2026-03-01T09:00:00Z\nkind = \"update\"\npages = [{}]\n+++\nA note.\n",
                named.join(", ")
            ),
        )
        .unwrap();
        std::fs::write(
            root.join("content/guides/later.md"),
            "+++\ntitle = \"A later guide\"\ndate = 2030-01-01\n+++\n\nLater.\n",
        )
        .unwrap();
        std::fs::write(
            root.join("templates/section.html"),
            "<!doctype html><html lang=\"en\"><title>{{ section.title }}</title><main><h1>{{ section.title }}</h1>\
             {% if section.updated %}<p>Updated {{ section.updated.iso }}</p>{% endif %}\
             <ul>{% for p in section.pages %}<li><a href=\"{{ p.url }}\">{{ p.title }}</a></li>{% endfor %}</ul></main></html>\n",
        )
        .unwrap();
        let opts = BuildOptions {
            serve: true,
            ..BuildOptions::new(&root)
        };
        let live = tmp.path().join("live");
        std::fs::create_dir_all(&live).unwrap();
        let (_, mut state) = site::run(&opts, &DirSink::new(live.clone())).expect("builds");
        let mut incremental = 0;
        for step in 0..34 {
            let (mut i, mut what) = (next(count as u64) as usize, next(7));
            // Last, two dates: the first puts an article at the top of its
            // lists; the second keeps it there (the order is the same) but
            // moves the section's last update.
            if step >= 32 {
                (i, what) = (0, 7);
            }
            let a = &mut articles[i];
            match what {
                7 => a.date = format!("2029-06-0{}", step - 31),
                0 => a.title = format!("Retitled {step}"),
                1 => a.date = format!("20{}-{:02}-{:02}", 24 + next(3), 1 + next(12), 1 + next(28)),
                2 => a.description = a.description.take().xor(Some(format!("Dek {step}"))),
                3 => {
                    let t = next(3) as usize;
                    match a.topics.iter().position(|x| x.0 == t) {
                        Some(p) => {
                            a.topics.remove(p);
                        }
                        None => a.topics.push((t, 0)),
                    }
                }
                6 => {
                    if let Some(t) = a.topics.first_mut() {
                        t.1 = 1 - t.1;
                    }
                }
                4 => a.body = format!("Edited summary {step}.\n\nSecond paragraph."),
                _ => a.body.push_str(&format!("\n\nA later paragraph {step}.")),
            }
            std::fs::write(path(i), a.text()).unwrap();
            if rebuild_as_serve_does(&mut state, &opts, &[path(i)], &live) {
                incremental += 1;
            }
            assert_same_as_a_full_build(
                &opts,
                &live,
                &tmp.path().join("fresh"),
                &format!("{count} articles, step {step} (edit {what} of gen-{i:02})"),
            );
        }
        if count > 12 {
            assert!(
                incremental > 12,
                "most edits are incremental: {incremental} of 34"
            );
        }
    }
}
