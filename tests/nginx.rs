//! A real web server serves a built site: Debian's nginx, started on a
//! loopback port with the server block shipped in `deploy/nginx.conf` (the
//! documented way to self-host), checked for pretty URLs, the 404 page,
//! content types and the precompressed `.gz` and `.br` files.
//!
//! When nginx is missing, the test installs it (with its Brotli module)
//! from Debian's packages if it runs as root; otherwise it is skipped, and
//! says so where `cargo test` shows it: this test binary has its own
//! `main` (`harness = false` in Cargo.toml), so its report line is never
//! captured. In CI (`CI` set) a missing nginx fails the test.

mod common;

use std::io::{Read, Write};
use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use common::build_fixture;

const BROTLI_MODULE: &str = "/usr/lib/nginx/modules/ngx_http_brotli_static_module.so";

fn nginx_binary() -> Option<PathBuf> {
    ["/usr/sbin/nginx", "/usr/local/sbin/nginx", "/usr/bin/nginx"]
        .iter()
        .map(PathBuf::from)
        .find(|p| p.is_file())
}

/// nginx, installed from Debian's packages if missing and we may.
fn nginx() -> Option<PathBuf> {
    if nginx_binary().is_none() || !Path::new(BROTLI_MODULE).exists() {
        let root = Command::new("id")
            .arg("-u")
            .output()
            .is_ok_and(|o| String::from_utf8_lossy(&o.stdout).trim() == "0");
        if root {
            let _ = Command::new("apt-get")
                .args(["update", "-qq"])
                .env("DEBIAN_FRONTEND", "noninteractive")
                .stdout(Stdio::null())
                .stderr(Stdio::null())
                .status();
            let _ = Command::new("apt-get")
                .args([
                    "install",
                    "-y",
                    "-qq",
                    "nginx",
                    "libnginx-mod-http-brotli-static",
                ])
                .env("DEBIAN_FRONTEND", "noninteractive")
                .stdout(Stdio::null())
                .stderr(Stdio::null())
                .status();
        }
    }
    nginx_binary()
}

/// Stops nginx when the test ends, however it ends.
struct Server(Child);

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

struct Response {
    status: u16,
    headers: Vec<(String, String)>,
    body: Vec<u8>,
}

impl Response {
    fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }
}

fn get(port: u16, path: &str, accept_encoding: Option<&str>) -> Response {
    let mut stream = TcpStream::connect(("127.0.0.1", port)).expect("connect to nginx");
    stream
        .set_read_timeout(Some(Duration::from_secs(10)))
        .unwrap();
    let mut req = format!("GET {path} HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n");
    if let Some(enc) = accept_encoding {
        req.push_str(&format!("Accept-Encoding: {enc}\r\n"));
    }
    req.push_str("\r\n");
    stream.write_all(req.as_bytes()).unwrap();
    let mut raw = Vec::new();
    stream.read_to_end(&mut raw).unwrap();
    let split = raw
        .windows(4)
        .position(|w| w == b"\r\n\r\n")
        .expect("a complete response");
    let head = String::from_utf8_lossy(&raw[..split]).into_owned();
    let mut lines = head.split("\r\n");
    let status = lines
        .next()
        .and_then(|l| l.split(' ').nth(1))
        .and_then(|s| s.parse().ok())
        .expect("a status line");
    let headers = lines
        .filter_map(|l| l.split_once(':'))
        .map(|(n, v)| (n.trim().to_string(), v.trim().to_string()))
        .collect();
    Response {
        status,
        headers,
        body: raw[split + 4..].to_vec(),
    }
}

fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

/// Writes the main config around the shipped server block and starts nginx.
fn start(nginx: &Path, dir: &Path, site: &Path, brotli: bool) -> (Server, u16) {
    let shipped =
        std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("deploy/nginx.conf"))
            .unwrap();
    let port = free_port();
    let mut server_block = shipped
        .replace("@LISTEN@", &format!("127.0.0.1:{port}"))
        .replace("@ROOT@", site.to_str().unwrap());
    if !brotli {
        server_block = server_block
            .lines()
            .filter(|l| !l.trim_start().starts_with("brotli_static"))
            .collect::<Vec<_>>()
            .join("\n");
    }
    std::fs::write(dir.join("site.conf"), server_block).unwrap();
    let d = dir.display();
    let load = if brotli {
        format!("load_module {BROTLI_MODULE};\n")
    } else {
        String::new()
    };
    let main = format!(
        "{load}daemon off;\nmaster_process off;\npid {d}/nginx.pid;\nerror_log {d}/error.log warn;\n\
         events {{ worker_connections 64; }}\n\
         http {{\n  access_log off;\n  client_body_temp_path {d}/body;\n  proxy_temp_path {d}/proxy;\n\
           fastcgi_temp_path {d}/fastcgi;\n  uwsgi_temp_path {d}/uwsgi;\n  scgi_temp_path {d}/scgi;\n\
           include {d}/site.conf;\n}}\n"
    );
    std::fs::write(dir.join("nginx.conf"), main).unwrap();
    let test = Command::new(nginx)
        .args(["-t", "-q", "-e", &format!("{d}/error.log"), "-p"])
        .arg(dir)
        .arg("-c")
        .arg(dir.join("nginx.conf"))
        .output()
        .unwrap();
    assert!(
        test.status.success(),
        "nginx -t: {}{}",
        String::from_utf8_lossy(&test.stderr),
        std::fs::read_to_string(dir.join("error.log")).unwrap_or_default()
    );
    let child = Command::new(nginx)
        .args(["-e", &format!("{d}/error.log"), "-p"])
        .arg(dir)
        .arg("-c")
        .arg(dir.join("nginx.conf"))
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("start nginx");
    let server = Server(child);
    let deadline = Instant::now() + Duration::from_secs(10);
    while TcpStream::connect(("127.0.0.1", port)).is_err() {
        assert!(
            Instant::now() < deadline,
            "nginx did not start: {}",
            std::fs::read_to_string(dir.join("error.log")).unwrap_or_default()
        );
        std::thread::sleep(Duration::from_millis(50));
    }
    (server, port)
}

const TEST: &str = "nginx_serves_the_built_site_with_the_shipped_config";

/// Runs the test and reports it in `cargo test`'s own words, skip included.
fn main() {
    println!("\nrunning 1 test");
    let Some(nginx) = nginx() else {
        if std::env::var_os("CI").is_some() {
            println!("test {TEST} ... FAILED\n\nnginx is not installed and could not be installed; CI must run this test");
            std::process::exit(101);
        }
        println!("test {TEST} ... SKIPPED: nginx is not installed and could not be installed (as root: apt-get install nginx libnginx-mod-http-brotli-static)");
        println!("\ntest result: ok. 0 passed; 0 failed; 1 skipped\n");
        return;
    };
    match std::panic::catch_unwind(|| nginx_serves_the_built_site_with_the_shipped_config(&nginx)) {
        Ok(()) => println!("test {TEST} ... ok\n\ntest result: ok. 1 passed; 0 failed\n"),
        Err(_) => {
            println!("test {TEST} ... FAILED\n\ntest result: FAILED. 0 passed; 1 failed\n");
            std::process::exit(101);
        }
    }
}

fn nginx_serves_the_built_site_with_the_shipped_config(nginx: &Path) {
    let nginx = nginx.to_path_buf();
    let brotli = Path::new(BROTLI_MODULE).exists();
    if !brotli {
        eprintln!("note: {BROTLI_MODULE} is missing; testing gzip_static only");
    }
    let site = build_fixture("evidence", common::Mode::Build, |opts| {
        let cfg = opts.root.join("casefile.toml");
        let mut text = std::fs::read_to_string(&cfg).unwrap();
        text.push_str("\n[output]\nprecompress = [\"gzip\", \"brotli\"]\n");
        std::fs::write(cfg, text).unwrap();
    });
    site.summary();
    let conf = tempfile::tempdir().unwrap();
    let (_server, port) = start(&nginx, conf.path(), &site.out, brotli);

    // Pretty URLs: a folder's index.html, and a redirect to add the slash.
    let page = get(port, "/articles/money/", None);
    assert_eq!(page.status, 200);
    assert_eq!(
        page.header("Content-Type"),
        Some("text/html; charset=utf-8")
    );
    assert!(page.body == site.bytes("articles/money/index.html"));
    let home = get(port, "/", None);
    assert_eq!(home.status, 200);
    assert!(home.body == site.bytes("index.html"));
    let no_slash = get(port, "/articles/money", None);
    assert_eq!(no_slash.status, 301);
    assert_eq!(no_slash.header("Location"), Some("/articles/money/"));

    // The site's own 404 page, with a 404 status.
    let missing = get(port, "/no/such/page/", None);
    assert_eq!(missing.status, 404);
    assert!(missing.body == site.bytes("404.html"));

    // Content types.
    for (path, ty) in [
        ("/style.css", "text/css; charset=utf-8"),
        ("/share.png", "image/png"),
        ("/sitemap.xml", "text/xml; charset=utf-8"),
        ("/robots.txt", "text/plain; charset=utf-8"),
        ("/updates/atom.xml", "application/atom+xml; charset=utf-8"),
        ("/updates/feed.json", "application/json; charset=utf-8"),
        ("/data/facts.json", "application/json; charset=utf-8"),
        ("/data/facts.csv", "text/csv; charset=utf-8"),
        ("/data/timeline.ics", "text/calendar; charset=utf-8"),
    ] {
        let r = get(port, path, None);
        assert_eq!(r.status, 200, "{path}");
        assert_eq!(r.header("Content-Type"), Some(ty), "{path}");
        assert!(r.header("Content-Encoding").is_none(), "{path}: identity");
        assert!(r.body == site.bytes(path.trim_start_matches('/')), "{path}");
    }

    // Precompressed responses: the .gz and .br files the build wrote.
    let gz = get(port, "/articles/money/", Some("gzip"));
    assert_eq!(gz.header("Content-Encoding"), Some("gzip"));
    assert_eq!(gz.header("Content-Type"), Some("text/html; charset=utf-8"));
    assert_eq!(gz.header("Vary"), Some("Accept-Encoding"));
    assert!(gz.body == site.bytes("articles/money/index.html.gz"));
    let css = get(port, "/style.css", Some("gzip, deflate"));
    assert_eq!(css.header("Content-Encoding"), Some("gzip"));
    assert!(css.body == site.bytes("style.css.gz"));
    if brotli {
        let br = get(port, "/articles/money/", Some("br, gzip"));
        assert_eq!(br.header("Content-Encoding"), Some("br"));
        assert!(br.body == site.bytes("articles/money/index.html.br"));
        let feed = get(port, "/updates/atom.xml", Some("br"));
        assert_eq!(feed.header("Content-Encoding"), Some("br"));
        assert_eq!(
            feed.header("Content-Type"),
            Some("application/atom+xml; charset=utf-8")
        );
    }
    // Images are served as they are.
    let png = get(port, "/share.png", Some("gzip, br"));
    assert!(png.header("Content-Encoding").is_none());
}
