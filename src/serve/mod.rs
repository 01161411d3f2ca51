//! `casefile serve`: build, serve on 127.0.0.1, rebuild on change, reload.
//!
//! The site is built into a private folder under the system temp dir
//! (`folder.rs`: removed when the server stops, or by the next serve if
//! this one was killed) and served from there by a small HTTP server of our
//! own ([`http`]: bounded connections, timeouts, GET and HEAD only, the
//! `Host` checked) bound to loopback only. A watcher (notify) sees changes
//! to content/, templates/, static/, i18n/ and casefile.toml; edits to
//! existing pages take the incremental path ([`crate::incremental`]),
//! anything else a full build. Every served HTML page loads
//! `/__casefile/livereload.js`, which long-polls `/__casefile/poll` and
//! reloads when a build succeeds, or shows the errors over the page when one
//! fails; the last good site stays served.

mod folder;
pub mod http;
mod path;

use std::net::{SocketAddr, TcpListener};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc;
use std::sync::{Arc, Condvar, Mutex};
use std::time::{Duration, Instant};

use notify::{RecursiveMode, Watcher};

use folder::ServeFolder;
pub use folder::LOCK_FILE;
use http::{Request, Response, Server, Slots};
use path::SitePath;

use crate::incremental::{self, Outcome};
use crate::output::{DirSink, Staging};
use crate::site::{self, BuildOptions, State};

/// The live-reload client, served at `/__casefile/livereload.js`.
pub const LIVERELOAD_JS: &str = include_str!("../render/builtin/static/livereload.js");

/// Live-reload long-polls (`/__casefile/poll`, held up to [`POLL_WAIT`])
/// answered at once, fewer than [`http::MAX_CONNECTIONS`] so that open tabs
/// never take every connection from page loads; more get a `503`.
pub const MAX_POLLS: usize = 16;
/// How long a long-poll waits for a build before answering anyway.
pub const POLL_WAIT: Duration = Duration::from_secs(20);

/// Options of `casefile serve`.
#[derive(Debug, Clone)]
pub struct ServeOptions {
    /// The site folder.
    pub root: PathBuf,
    /// Port on 127.0.0.1 (0: any free port).
    pub port: u16,
    /// Open a browser.
    pub open: bool,
    /// Include drafts.
    pub drafts: bool,
    /// A site of more markdown files than this is shown before it is
    /// indexed for search: its first build leaves the index out, and the
    /// watcher makes it right after (default [`DEFER_SEARCH_ABOVE`]).
    pub defer_search_above: usize,
}

impl Default for ServeOptions {
    fn default() -> Self {
        Self {
            root: PathBuf::from("."),
            port: 0,
            open: false,
            drafts: false,
            defer_search_above: DEFER_SEARCH_ABOVE,
        }
    }
}

/// Build status shared with the HTTP threads.
#[derive(Debug, Default)]
struct Status {
    version: u64,
    error: Option<String>,
}

struct Shared {
    status: Mutex<Status>,
    changed: Condvar,
    out_dir: PathBuf,
    stop: AtomicBool,
    polls: Arc<Slots>,
}

impl Shared {
    fn publish(&self, error: Option<String>) {
        let mut s = self.status.lock().unwrap_or_else(|e| e.into_inner());
        s.version += 1;
        s.error = error;
        self.changed.notify_all();
    }
}

/// A running server; dropping it stops the server and removes its folder.
pub struct Handle {
    /// Where it listens.
    pub addr: SocketAddr,
    shared: Arc<Shared>,
    server: Option<Server>,
    watcher: Option<std::thread::JoinHandle<()>>,
    // Dropped after `drop` below has stopped the threads that write to it.
    folder: ServeFolder,
}

impl Handle {
    /// `http://127.0.0.1:PORT/`.
    pub fn url(&self) -> String {
        format!("http://{}/", self.addr)
    }

    /// The build version: increases after each build, good or bad.
    pub fn version(&self) -> u64 {
        self.shared.status.lock().map(|s| s.version).unwrap_or(0)
    }

    /// Connections being read or answered now, long-polls included (at
    /// most [`http::MAX_CONNECTIONS`]).
    pub fn connections(&self) -> usize {
        self.server.as_ref().map_or(0, Server::connections)
    }

    /// Live-reload long-polls waiting now (at most [`MAX_POLLS`]).
    pub fn polls(&self) -> usize {
        self.shared.polls.taken()
    }

    /// The private folder the site is built into (`casefile-serve-XXXXXX`
    /// in the temp dir, holding [`LOCK_FILE`] and the site in `site/`);
    /// removed when the handle drops.
    pub fn folder(&self) -> &Path {
        self.folder.path()
    }
}

impl Drop for Handle {
    fn drop(&mut self) {
        self.shared.stop.store(true, Ordering::SeqCst);
        self.shared.changed.notify_all();
        drop(self.server.take());
        if let Some(t) = self.watcher.take() {
            let _ = t.join();
        }
        // Then `folder` drops, removing the folder.
    }
}

fn build_options(opts: &ServeOptions, addr: SocketAddr) -> BuildOptions {
    BuildOptions {
        root: opts.root.clone(),
        base_url: Some(format!("http://{addr}")),
        drafts: opts.drafts,
        serve: true,
        ..Default::default()
    }
}

/// Above this many markdown files, `serve` shows the site before it indexes
/// it for search (see [`ServeOptions::defer_search_above`]): at 10,000
/// pages the preview is up in about 2 s instead of 4.
pub const DEFER_SEARCH_ABOVE: usize = 2000;

/// The markdown files under `content` (a cheap measure of the site's size,
/// before it is built).
fn count_pages(content: &Path) -> usize {
    walkdir::WalkDir::new(content)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file() && e.path().extension().is_some_and(|x| x == "md"))
        .count()
}

/// A full build into the serve folder; the previous site stays on failure.
fn full_build(bopts: &BuildOptions, out: &Path) -> Result<(State, String), String> {
    let staging = Staging::new(out).map_err(|d| d.to_string())?;
    let (summary, state) = site::run(bopts, staging.sink()).map_err(|f| f.to_string())?;
    staging.commit().map_err(|d| d.to_string())?;
    for w in &summary.warnings {
        eprintln!("{w}\n");
    }
    Ok((state, summary.to_string()))
}

/// Starts the server and the watcher; returns once the first build is done.
pub fn start(opts: &ServeOptions) -> Result<Handle, String> {
    let root =
        std::fs::canonicalize(&opts.root).map_err(|e| format!("{}: {e}", opts.root.display()))?;
    let opts = ServeOptions {
        root,
        ..opts.clone()
    };
    let listener = TcpListener::bind(("127.0.0.1", opts.port)).map_err(|e| {
        format!(
            "cannot listen on 127.0.0.1:{}: {e}; pick another port with --port N (0 for any free one)",
            opts.port
        )
    })?;
    let addr = listener
        .local_addr()
        .map_err(|e| format!("cannot read the address listened on: {e}"))?;
    let temp = std::env::temp_dir();
    let folder = ServeFolder::create(&temp).map_err(|e| {
        format!(
            "cannot create a folder to build into in {}: {e}; point TMPDIR at a writable folder",
            temp.display()
        )
    })?;
    let stale = folder.remove_stale();
    if !stale.is_empty() {
        println!(
            "Removed {} folder{} left by a serve that was killed",
            stale.len(),
            if stale.len() == 1 { "" } else { "s" }
        );
    }
    let out_dir = folder.site();
    let shared = Arc::new(Shared {
        status: Mutex::new(Status::default()),
        changed: Condvar::new(),
        out_dir: out_dir.clone(),
        stop: AtomicBool::new(false),
        polls: Slots::new(MAX_POLLS),
    });

    let bopts = build_options(&opts, addr);
    // A large site is shown first without its search index, which the
    // watcher makes right after (a full build, as after any edit that
    // needs one): the preview is up a couple of seconds sooner.
    let defer_search = site::load_config(&bopts).is_ok_and(|c| c.search.enabled)
        && count_pages(&opts.root.join("content")) > opts.defer_search_above;
    let first = BuildOptions {
        without_search: defer_search,
        ..bopts.clone()
    };
    let state = match full_build(&first, &out_dir) {
        Ok((state, summary)) => {
            println!("Built {summary}");
            shared.publish(None);
            Some(state)
        }
        Err(e) => {
            eprintln!("{e}");
            std::fs::create_dir_all(&out_dir)
                .map_err(|e| format!("cannot create {}: {e}", out_dir.display()))?;
            shared.publish(Some(e));
            None
        }
    };

    // Watcher.
    let (tx, rx) = mpsc::channel();
    let mut watcher = notify::recommended_watcher(move |res: notify::Result<notify::Event>| {
        // Only changes count: reads (the build's own, or the watcher's walk)
        // and metadata updates must not trigger a rebuild, or every build
        // would trigger the next.
        if let Ok(ev) = res {
            if is_change(&ev.kind) {
                for p in ev.paths {
                    let _ = tx.send(p);
                }
            }
        }
    })
    .map_err(|e| format!("cannot watch files: {e}"))?;
    for dir in ["content", "templates", "static", "i18n"] {
        let p = opts.root.join(dir);
        if p.is_dir() {
            watcher
                .watch(&p, RecursiveMode::Recursive)
                .map_err(|e| format!("cannot watch {}: {e}", p.display()))?;
        }
    }
    watcher
        .watch(&opts.root, RecursiveMode::NonRecursive)
        .map_err(|e| format!("cannot watch {}: {e}", opts.root.display()))?;

    let server = {
        let shared = shared.clone();
        Server::start(listener, move |req| handle(req, &shared))
            .map_err(|e| format!("cannot start the HTTP server: {e}"))?
    };
    let watcher = {
        let shared = shared.clone();
        let root = opts.root.clone();
        std::thread::spawn(move || {
            let _watcher = watcher;
            let state = if defer_search && state.is_some() && !shared.stop.load(Ordering::SeqCst) {
                // The state of the first build is not needed again: free it
                // before building the next.
                drop(state);
                crate::site::release_free_memory();
                match full_build(&bopts, &shared.out_dir) {
                    Ok((state, summary)) => {
                        println!("Indexed for search: {summary}");
                        shared.publish(None);
                        Some(state)
                    }
                    Err(e) => {
                        eprintln!("{e}\nStill serving the last good build.");
                        shared.publish(Some(e));
                        None
                    }
                }
            } else {
                state
            };
            watch_loop(rx, &root, &bopts, state, &shared);
        })
    };
    Ok(Handle {
        addr,
        shared,
        server: Some(server),
        watcher: Some(watcher),
        folder,
    })
}

/// Whether a file-system event changes content (not a read or a
/// metadata-only update).
fn is_change(kind: &notify::EventKind) -> bool {
    use notify::event::{EventKind, ModifyKind};
    match kind {
        EventKind::Create(_) | EventKind::Remove(_) | EventKind::Any => true,
        EventKind::Modify(ModifyKind::Metadata(_)) => false,
        EventKind::Modify(_) => true,
        EventKind::Access(_) | EventKind::Other => false,
    }
}

/// The changed paths for a log line: the first few, then a count.
fn describe(names: &[String]) -> String {
    const SHOWN: usize = 5;
    if names.len() <= SHOWN {
        names.join(", ")
    } else {
        format!(
            "{} and {} more",
            names[..SHOWN].join(", "),
            names.len() - SHOWN
        )
    }
}

fn watch_loop(
    rx: mpsc::Receiver<PathBuf>,
    root: &Path,
    bopts: &BuildOptions,
    mut state: Option<State>,
    shared: &Shared,
) {
    // The root itself is watched non-recursively; the dirs it holds may appear later.
    while !shared.stop.load(Ordering::SeqCst) {
        let first = match rx.recv_timeout(Duration::from_millis(200)) {
            Ok(p) => p,
            Err(mpsc::RecvTimeoutError::Timeout) => continue,
            Err(mpsc::RecvTimeoutError::Disconnected) => break,
        };
        // Debounce: editors write a file in several steps (a temporary file,
        // a rename, a change of times), a few milliseconds apart. Wait until
        // no event came for QUIET, but never more than MAX in all (a tool
        // that keeps writing still gets a rebuild).
        const QUIET: Duration = Duration::from_millis(20);
        const MAX: Duration = Duration::from_millis(250);
        let mut changed = vec![first];
        let started = Instant::now();
        while let Ok(p) = rx.recv_timeout(QUIET.min(MAX.saturating_sub(started.elapsed()))) {
            changed.push(p);
            if started.elapsed() >= MAX {
                break;
            }
        }
        changed.retain(|p| incremental::is_relevant(root, p));
        changed.sort();
        changed.dedup();
        if changed.is_empty() {
            continue;
        }
        let t = Instant::now();
        let names: Vec<String> = changed
            .iter()
            .map(|p| crate::diagnostics::rel_path(root, p))
            .collect();
        let incremental = match state.as_mut() {
            Some(st) => {
                let sink = DirSink::new(shared.out_dir.clone());
                incremental::rebuild_pages(st, bopts, &changed, &sink)
            }
            None => Ok(Outcome::NeedsFull),
        };
        match incremental {
            Ok(Outcome::Rebuilt { files }) => {
                println!(
                    "Changed {}: rebuilt {files} files in {} ms",
                    describe(&names),
                    t.elapsed().as_millis()
                );
                shared.publish(None);
            }
            Ok(Outcome::NeedsFull) => match full_build(bopts, &shared.out_dir) {
                Ok((st, summary)) => {
                    println!("Changed {}: rebuilt {summary}", describe(&names));
                    state = Some(st);
                    shared.publish(None);
                }
                Err(e) => {
                    eprintln!("{e}\nStill serving the last good build.");
                    shared.publish(Some(e));
                }
            },
            Err(f) => {
                let e = f.to_string();
                eprintln!("{e}\nStill serving the last good build.");
                shared.publish(Some(e));
            }
        }
    }
}

fn content_type(path: &Path) -> &'static str {
    match path.extension().and_then(|e| e.to_str()).unwrap_or("") {
        "html" | "htm" => "text/html; charset=utf-8",
        "css" => "text/css; charset=utf-8",
        "js" | "mjs" => "text/javascript; charset=utf-8",
        "json" => "application/json",
        "xml" => "application/xml",
        "svg" => "image/svg+xml",
        "png" => "image/png",
        "jpg" | "jpeg" => "image/jpeg",
        "gif" => "image/gif",
        "webp" => "image/webp",
        "ico" => "image/x-icon",
        "woff2" => "font/woff2",
        "txt" => "text/plain; charset=utf-8",
        "pdf" => "application/pdf",
        _ => "application/octet-stream",
    }
}

fn handle(req: &Request, shared: &Shared) -> Response {
    let (path, query) = req.target.split_once('?').unwrap_or((&req.target, ""));
    let response = match SitePath::parse(path) {
        Err(why) => Response::text(400, &format!("bad request: {why}")),
        Ok(site_path) => match site_path.href().as_str() {
            "/__casefile/livereload.js" => {
                Response::new(200, "text/javascript; charset=utf-8", LIVERELOAD_JS)
            }
            "/__casefile/poll" => poll(query, shared),
            _ => serve_file(&site_path, query, shared),
        },
    };
    response.header("Cache-Control", "no-store")
}

/// Answers when the build version differs from `since=` in `query`, or
/// after [`POLL_WAIT`], with the version and the last build's error.
fn poll(query: &str, shared: &Shared) -> Response {
    let Some(_slot) = shared.polls.try_take() else {
        return Response::text(
            503,
            &format!(
                "more than {MAX_POLLS} live-reload connections at once: close some tabs of this site"
            ),
        )
        .header("Retry-After", "1");
    };
    let since: i64 = query
        .split('&')
        .find_map(|kv| kv.strip_prefix("since="))
        .and_then(|v| v.parse().ok())
        .unwrap_or(-1);
    let deadline = Instant::now() + POLL_WAIT;
    let mut status = shared.status.lock().unwrap_or_else(|e| e.into_inner());
    while status.version as i64 == since
        && Instant::now() < deadline
        && !shared.stop.load(Ordering::SeqCst)
    {
        status = shared
            .changed
            .wait_timeout(status, Duration::from_millis(500))
            .unwrap_or_else(|e| e.into_inner())
            .0;
    }
    let body = serde_json::json!({ "version": status.version, "error": status.error }).to_string();
    drop(status);
    Response::new(200, "application/json", body)
}

/// The file `path` names in the output, a redirect to the folder when a
/// folder is asked for without its final `/`, or the 404 page.
fn serve_file(path: &SitePath, query: &str, shared: &Shared) -> Response {
    let mut file = path.under(&shared.out_dir);
    if file.is_dir() {
        if !path.is_dir() {
            return Response::new(301, "text/plain; charset=utf-8", "")
                .header("Location", path.folder_location(query));
        }
        file = file.join("index.html");
    }
    let (status, file) = if file.is_file() {
        (200, file)
    } else {
        (404, shared.out_dir.join("404.html"))
    };
    let body = std::fs::read(&file).unwrap_or_else(|_| b"not found".to_vec());
    Response::new(status, content_type(&file), body)
}

/// Runs `casefile serve` until Ctrl+C, SIGTERM or SIGHUP, then stops the
/// server and removes its folder. A second Ctrl+C while stopping exits at
/// once (the next serve removes the folder).
pub fn serve(opts: &ServeOptions) -> Result<(), String> {
    let (stop_tx, stop_rx) = mpsc::channel();
    let mut asked = false;
    ctrlc::set_handler(move || {
        if asked {
            std::process::exit(130);
        }
        asked = true;
        let _ = stop_tx.send(());
    })
    .map_err(|e| format!("cannot watch for Ctrl+C: {e}"))?;
    let handle = start(opts)?;
    let url = handle.url();
    println!("Serving {} at {url} (Ctrl+C to stop)", opts.root.display());
    if opts.open {
        let opener = if cfg!(target_os = "macos") {
            "open"
        } else if cfg!(windows) {
            "explorer"
        } else {
            "xdg-open"
        };
        if std::process::Command::new(opener)
            .arg(&url)
            .spawn()
            .is_err()
        {
            eprintln!("could not open a browser; visit {url}");
        }
    }
    let _ = stop_rx.recv();
    let folder = handle.folder().to_path_buf();
    drop(handle);
    println!("Stopped; removed {}", folder.display());
    Ok(())
}
