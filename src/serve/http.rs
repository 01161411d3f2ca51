//! The HTTP/1.1 server under `casefile serve`, on a plain
//! [`std::net::TcpListener`].
//!
//! It answers one request per connection (`Connection: close` on every
//! response), GET and HEAD only, and only requests addressed to it by name:
//! the `Host` header must be `127.0.0.1`, `localhost` or `[::1]` with the
//! port it listens on ([`host_is_loopback`]). A web page on another origin
//! can make a browser send requests here by DNS rebinding (its own name
//! re-pointed at 127.0.0.1), but those carry that page's name as `Host`, so
//! they get a `421` and never a page or a build error.
//!
//! It keeps every resource a client can hold bounded, so that nothing
//! another program or a web page does to the port can exhaust the machine
//! or keep the preview from answering:
//!
//! - at most [`MAX_CONNECTIONS`] connections are handled at once, each on its
//!   own thread; when all are taken, a new connection gets a quick `503` from
//!   one small rejecting thread and is closed, and when even that one is
//!   behind, it is closed at once;
//! - the whole request head must arrive within [`HEAD_TIMEOUT`] of the
//!   connection being accepted, however slowly its bytes trickle in (`408`),
//!   and may be at most [`MAX_HEAD_BYTES`] long (`431`);
//! - a response must be read by the client within [`WRITE_TIMEOUT`];
//! - after a response, unread request bytes are drained for a short while
//!   before closing, so the client reads the response rather than a reset.
//!
//! What a request asks for is the handler's business ([`super`]); this
//! module owns the wire: reading and checking the head, writing the
//! response, and the bounds.

use std::io::{self, Read, Write};
use std::net::{Shutdown, SocketAddr, TcpListener, TcpStream};
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{mpsc, Arc};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

/// Connections handled at once; further ones get a `503` and are closed.
pub const MAX_CONNECTIONS: usize = 64;
/// The longest a client may take to send its whole request head.
pub const HEAD_TIMEOUT: Duration = Duration::from_secs(10);
/// The largest request head (request line and headers) read.
pub const MAX_HEAD_BYTES: usize = 16 * 1024;
/// The longest a client may take to read a response.
pub const WRITE_TIMEOUT: Duration = Duration::from_secs(30);
/// How long, and how many bytes, are drained from a client after its
/// response before the connection is closed.
const LINGER: Duration = Duration::from_secs(2);
const LINGER_BYTES: usize = 64 * 1024;
/// Refused connections waiting for their `503`; more are closed at once.
const REFUSED_QUEUE: usize = 16;

/// The methods served; any other gets a `405`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Method {
    /// `GET`.
    Get,
    /// `HEAD`: the headers of the `GET` response, without its body.
    Head,
}

/// A request whose head was read and checked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Request {
    /// GET or HEAD.
    pub method: Method,
    /// The request target as sent: a path starting with `/`, with an
    /// optional `?query`, in visible ASCII only.
    pub target: String,
    /// The `Host` header (trimmed): one of the loopback names with the
    /// server's port.
    pub host: String,
}

/// A response: status, headers and a body held in memory.
#[derive(Debug, Clone)]
pub struct Response {
    status: u16,
    headers: Vec<(&'static str, String)>,
    body: Vec<u8>,
}

impl Response {
    /// A response with a `Content-Type`.
    pub fn new(status: u16, content_type: &str, body: impl Into<Vec<u8>>) -> Response {
        Response {
            status,
            headers: vec![("Content-Type", content_type.to_string())],
            body: body.into(),
        }
    }

    /// A plain-text response: `text` and a newline.
    pub fn text(status: u16, text: &str) -> Response {
        Response::new(status, "text/plain; charset=utf-8", format!("{text}\n"))
    }

    /// Adds a header. Values with control characters are never written
    /// (the response becomes a `500`), so no header can be split.
    pub fn header(mut self, name: &'static str, value: impl Into<String>) -> Response {
        self.headers.push((name, value.into()));
        self
    }

    /// The status code.
    pub fn status(&self) -> u16 {
        self.status
    }

    /// The value of header `name`, if set.
    pub fn header_value(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }

    /// The body.
    pub fn body(&self) -> &[u8] {
        &self.body
    }
}

fn reason(status: u16) -> &'static str {
    match status {
        200 => "OK",
        301 => "Moved Permanently",
        400 => "Bad Request",
        404 => "Not Found",
        405 => "Method Not Allowed",
        408 => "Request Timeout",
        421 => "Misdirected Request",
        431 => "Request Header Fields Too Large",
        500 => "Internal Server Error",
        503 => "Service Unavailable",
        505 => "HTTP Version Not Supported",
        _ => "",
    }
}

/// A counting semaphore that never waits: [`Slots::try_take`] gives a slot,
/// released when dropped, or `None` when all are taken.
#[derive(Debug)]
pub struct Slots {
    taken: AtomicUsize,
    max: usize,
}

/// One slot of a [`Slots`], given back when dropped.
#[derive(Debug)]
pub struct Slot(Arc<Slots>);

impl Slots {
    /// `max` slots.
    pub fn new(max: usize) -> Arc<Slots> {
        Arc::new(Slots {
            taken: AtomicUsize::new(0),
            max,
        })
    }

    /// A slot, or `None` if all `max` are taken.
    pub fn try_take(self: &Arc<Self>) -> Option<Slot> {
        self.taken
            .fetch_update(Ordering::AcqRel, Ordering::Acquire, |n| {
                (n < self.max).then_some(n + 1)
            })
            .ok()
            .map(|_| Slot(self.clone()))
    }

    /// How many slots are taken.
    pub fn taken(&self) -> usize {
        self.taken.load(Ordering::Acquire)
    }
}

impl Drop for Slot {
    fn drop(&mut self) {
        self.0.taken.fetch_sub(1, Ordering::AcqRel);
    }
}

/// A running server; dropping it stops accepting connections (those being
/// answered finish on their own, within the bounds above).
#[derive(Debug)]
pub struct Server {
    addr: SocketAddr,
    stop: Arc<AtomicBool>,
    connections: Arc<Slots>,
    accept: Option<JoinHandle<()>>,
}

impl Server {
    /// Serves `listener` with `handler` on a thread of its own.
    pub fn start<H>(listener: TcpListener, handler: H) -> io::Result<Server>
    where
        H: Fn(&Request) -> Response + Send + Sync + 'static,
    {
        let addr = listener.local_addr()?;
        let stop = Arc::new(AtomicBool::new(false));
        let (refuse, refused) = mpsc::sync_channel::<TcpStream>(REFUSED_QUEUE);
        std::thread::Builder::new()
            .name("casefile-serve-busy".into())
            .spawn(move || {
                for stream in refused {
                    let busy = Response::text(
                        503,
                        "casefile serve is busy: too many connections at once. Reload in a moment.",
                    )
                    .header("Retry-After", "1");
                    respond(stream, &busy, false);
                }
            })?;
        let connections = Slots::new(MAX_CONNECTIONS);
        let accept = {
            let stop = stop.clone();
            let handler = Arc::new(handler);
            let connections = connections.clone();
            std::thread::Builder::new()
                .name("casefile-serve-accept".into())
                .spawn(move || accept_loop(&listener, handler, &connections, &stop, &refuse))?
        };
        Ok(Server {
            addr,
            stop,
            connections,
            accept: Some(accept),
        })
    }

    /// Where it listens.
    pub fn addr(&self) -> SocketAddr {
        self.addr
    }

    /// Connections being read or answered now (at most [`MAX_CONNECTIONS`]).
    pub fn connections(&self) -> usize {
        self.connections.taken()
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::SeqCst);
        // Wake the accept loop, which then sees `stop`.
        let _ = TcpStream::connect_timeout(&self.addr, Duration::from_secs(1));
        if let Some(t) = self.accept.take() {
            let _ = t.join();
        }
    }
}

fn accept_loop<H>(
    listener: &TcpListener,
    handler: Arc<H>,
    connections: &Arc<Slots>,
    stop: &AtomicBool,
    refuse: &mpsc::SyncSender<TcpStream>,
) where
    H: Fn(&Request) -> Response + Send + Sync + 'static,
{
    let port = listener.local_addr().map_or(0, |a| a.port());
    for stream in listener.incoming() {
        if stop.load(Ordering::SeqCst) {
            break;
        }
        let stream = match stream {
            Ok(s) => s,
            Err(_) => {
                // Out of file descriptors or a connection reset before it
                // was accepted: let the moment pass.
                std::thread::sleep(Duration::from_millis(20));
                continue;
            }
        };
        let Some(slot) = connections.try_take() else {
            // A full queue: closed without an answer.
            let _ = refuse.try_send(stream);
            continue;
        };
        let handler = handler.clone();
        // If the thread cannot be spawned, the closure (the stream and the
        // slot) is dropped: the connection is closed and the slot given back.
        let _ = std::thread::Builder::new()
            .name("casefile-serve-http".into())
            .spawn(move || {
                let _slot = slot;
                serve_connection(stream, &*handler, port);
            });
    }
}

/// Why no request head was read.
#[derive(Debug, PartialEq, Eq)]
enum HeadError {
    /// The client closed the connection, or it failed.
    Closed,
    /// Nothing arrived within the time allowed: closed without an answer
    /// (browsers open connections ahead of need).
    Idle,
    /// Part of a head arrived, not all of it in time.
    TimedOut,
    /// No end of the head within [`MAX_HEAD_BYTES`].
    TooLarge,
}

fn serve_connection<H>(mut stream: TcpStream, handler: &H, port: u16)
where
    H: Fn(&Request) -> Response,
{
    let accepted = Instant::now();
    let _ = stream.set_nodelay(true);
    let (response, head_only) = match read_head(&mut stream, accepted + HEAD_TIMEOUT) {
        Ok(head) => match parse_head(&head, port) {
            Ok(request) => (handler(&request), request.method == Method::Head),
            Err(refusal) => (refusal, false),
        },
        Err(HeadError::Closed | HeadError::Idle) => return,
        Err(HeadError::TimedOut) => (
            Response::text(
                408,
                &format!(
                    "the request head did not arrive within {} seconds",
                    HEAD_TIMEOUT.as_secs()
                ),
            ),
            false,
        ),
        Err(HeadError::TooLarge) => (
            Response::text(
                431,
                &format!(
                    "the request head is larger than {} KiB",
                    MAX_HEAD_BYTES / 1024
                ),
            ),
            false,
        ),
    };
    respond(stream, &response, head_only);
}

/// Reads up to the empty line that ends a request head, by `deadline`.
fn read_head(stream: &mut TcpStream, deadline: Instant) -> Result<Vec<u8>, HeadError> {
    let mut buf = vec![0u8; MAX_HEAD_BYTES];
    let mut len = 0;
    loop {
        let left = deadline.saturating_duration_since(Instant::now());
        if left.is_zero() {
            return Err(if len == 0 {
                HeadError::Idle
            } else {
                HeadError::TimedOut
            });
        }
        stream
            .set_read_timeout(Some(left))
            .map_err(|_| HeadError::Closed)?;
        match stream.read(&mut buf[len..]) {
            Ok(0) => return Err(HeadError::Closed),
            Ok(n) => {
                let from = len.saturating_sub(2);
                len += n;
                if let Some(end) = head_end(&buf[..len], from) {
                    buf.truncate(end);
                    return Ok(buf);
                }
                if len == MAX_HEAD_BYTES {
                    return Err(HeadError::TooLarge);
                }
            }
            Err(e)
                if matches!(
                    e.kind(),
                    io::ErrorKind::Interrupted
                        | io::ErrorKind::WouldBlock
                        | io::ErrorKind::TimedOut
                ) =>
            {
                continue
            }
            Err(_) => return Err(HeadError::Closed),
        }
    }
}

/// The length of the head in `buf` (up to and including the empty line,
/// `\r\n` or a bare `\n`), looking for its end from `from` on.
fn head_end(buf: &[u8], from: usize) -> Option<usize> {
    (from..buf.len()).find_map(|i| {
        if buf[i] != b'\n' {
            return None;
        }
        match &buf[i + 1..] {
            [b'\n', ..] => Some(i + 2),
            [b'\r', b'\n', ..] => Some(i + 3),
            _ => None,
        }
    })
}

fn bad_request(why: &str) -> Response {
    Response::text(400, why)
}

/// Whether `host`, a `Host` header, names a server on loopback at `port`:
/// `127.0.0.1:PORT`, `localhost:PORT` (in any case) or `[::1]:PORT`, the
/// port left out only when it is 80. Nothing else: no other port, no name
/// that merely starts with a loopback one, no other spelling of the address.
pub fn host_is_loopback(host: &str, port: u16) -> bool {
    let (name, rest, bracketed) = match host.strip_prefix('[') {
        Some(inner) => match inner.split_once(']') {
            Some((ip, rest)) => (ip, rest, true),
            None => return false,
        },
        None => match host.find(':') {
            Some(i) => (&host[..i], &host[i..], false),
            None => (host, "", false),
        },
    };
    let name_ok = if bracketed {
        name == "::1"
    } else {
        name == "127.0.0.1" || name.eq_ignore_ascii_case("localhost")
    };
    let port_ok = match rest.strip_prefix(':') {
        Some(p) => p == port.to_string(),
        None => rest.is_empty() && port == 80,
    };
    name_ok && port_ok
}

/// Checks a request head for a server at `port`; a refusal is the response
/// to send. The `Host` is checked before the method, so a request from
/// another origin learns nothing.
fn parse_head(head: &[u8], port: u16) -> Result<Request, Response> {
    let text =
        std::str::from_utf8(head).map_err(|_| bad_request("the request head is not UTF-8"))?;
    let mut lines = text.split('\n').map(|l| l.strip_suffix('\r').unwrap_or(l));
    let request_line = lines.next().unwrap_or_default();
    let parts: Vec<&str> = request_line.split(' ').collect();
    let [method, target, version] = parts[..] else {
        return Err(bad_request(
            "the request line is not `METHOD /path HTTP/1.1`",
        ));
    };
    match version {
        "HTTP/1.1" | "HTTP/1.0" => {}
        v if v.starts_with("HTTP/") => {
            return Err(Response::text(505, "only HTTP/1.0 and HTTP/1.1 are served"))
        }
        _ => {
            return Err(bad_request(
                "the request line is not `METHOD /path HTTP/1.1`",
            ))
        }
    }
    if !target.starts_with('/') {
        return Err(bad_request(
            "the request target must be a path starting with `/`",
        ));
    }
    if !target.bytes().all(|b| b.is_ascii_graphic()) {
        return Err(bad_request(
            "the request target has a character that must be percent-encoded",
        ));
    }
    let mut host = None;
    for line in lines {
        if line.is_empty() {
            break;
        }
        if line.starts_with([' ', '\t']) {
            return Err(bad_request("folded header lines are not accepted"));
        }
        let Some((name, value)) = line.split_once(':') else {
            return Err(bad_request("a header line has no `:`"));
        };
        let token = |b: u8| b.is_ascii_alphanumeric() || b"!#$%&'*+-.^_`|~".contains(&b);
        if name.is_empty() || !name.bytes().all(token) {
            return Err(bad_request("a header name is not a token"));
        }
        let value = value.trim_matches([' ', '\t']);
        if value.bytes().any(|b| b.is_ascii_control() && b != b'\t') {
            return Err(bad_request("a header value has a control character"));
        }
        if name.eq_ignore_ascii_case("host") {
            if host.is_some() {
                return Err(bad_request("the request has more than one Host header"));
            }
            host = Some(value.to_string());
        }
    }
    let host = host.unwrap_or_default();
    if !host_is_loopback(&host, port) {
        let sent = if host.is_empty() {
            "this one has no Host header".to_string()
        } else {
            format!("this one was for `{host}`")
        };
        return Err(Response::text(
            421,
            &format!(
                "casefile serve answers only requests for http://127.0.0.1:{port}/ or http://localhost:{port}/ ({sent}); open one of those addresses"
            ),
        ));
    }
    let method = match method {
        "GET" => Method::Get,
        "HEAD" => Method::Head,
        _ => {
            return Err(
                Response::text(405, "casefile serve answers GET and HEAD only")
                    .header("Allow", "GET, HEAD"),
            )
        }
    };
    Ok(Request {
        method,
        target: target.to_string(),
        host,
    })
}

/// Writes `response` (its head only for HEAD), then closes gently.
fn respond(mut stream: TcpStream, response: &Response, head_only: bool) {
    let safe = response
        .headers
        .iter()
        .all(|(_, v)| !v.bytes().any(|b| b.is_ascii_control()));
    let fallback;
    let response = if safe {
        response
    } else {
        fallback = Response::text(500, "casefile serve made a header it cannot send");
        &fallback
    };
    let mut head = format!(
        "HTTP/1.1 {} {}\r\n",
        response.status,
        reason(response.status)
    );
    for (name, value) in &response.headers {
        head.push_str(&format!("{name}: {value}\r\n"));
    }
    head.push_str(&format!(
        "Content-Length: {}\r\nX-Content-Type-Options: nosniff\r\nConnection: close\r\n\r\n",
        response.body.len()
    ));
    let deadline = Instant::now() + WRITE_TIMEOUT;
    let body: &[u8] = if head_only { &[] } else { &response.body };
    if write_by(&mut stream, head.as_bytes(), deadline).is_ok()
        && write_by(&mut stream, body, deadline).is_ok()
    {
        linger(stream);
    }
}

/// Writes all of `bytes` by `deadline`.
fn write_by(stream: &mut TcpStream, mut bytes: &[u8], deadline: Instant) -> io::Result<()> {
    while !bytes.is_empty() {
        let left = deadline.saturating_duration_since(Instant::now());
        if left.is_zero() {
            return Err(io::ErrorKind::TimedOut.into());
        }
        stream.set_write_timeout(Some(left))?;
        match stream.write(&bytes[..bytes.len().min(64 * 1024)]) {
            Ok(0) => return Err(io::ErrorKind::WriteZero.into()),
            Ok(n) => bytes = &bytes[n..],
            Err(e)
                if matches!(
                    e.kind(),
                    io::ErrorKind::Interrupted
                        | io::ErrorKind::WouldBlock
                        | io::ErrorKind::TimedOut
                ) => {}
            Err(e) => return Err(e),
        }
    }
    Ok(())
}

/// Ends the response and reads what the client still sends (a body, the
/// rest of an oversize head) until it closes, for a bounded time: closing
/// with unread bytes would reset the connection, and the client could lose
/// the response.
fn linger(mut stream: TcpStream) {
    if stream.shutdown(Shutdown::Write).is_err() {
        return;
    }
    let deadline = Instant::now() + LINGER;
    let mut buf = [0u8; 4096];
    let mut drained = 0;
    while drained < LINGER_BYTES {
        let left = deadline.saturating_duration_since(Instant::now());
        if left.is_zero() || stream.set_read_timeout(Some(left)).is_err() {
            return;
        }
        match stream.read(&mut buf) {
            Ok(0) => return,
            Ok(n) => drained += n,
            Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
            Err(_) => return,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const PORT: u16 = 1111;

    fn parse(head: &str) -> Result<Request, u16> {
        parse_head(head.as_bytes(), PORT).map_err(|r| r.status())
    }

    #[test]
    fn a_head_ends_at_the_first_empty_line() {
        assert_eq!(
            head_end(b"GET / HTTP/1.1\r\nHost: a\r\n\r\nbody", 0),
            Some(27)
        );
        assert_eq!(head_end(b"GET / HTTP/1.0\n\n", 0), Some(16));
        assert_eq!(head_end(b"GET / HTTP/1.1\r\nHost: a\r\n", 0), None);
        assert_eq!(head_end(b"GET / HTTP/1.1\r\n\r", 0), None);
    }

    #[test]
    fn a_well_formed_head_is_read() {
        let r = parse("GET /a/b?c=d HTTP/1.1\r\nHost:  127.0.0.1:1111 \r\nAccept: */*\r\n\r\n")
            .unwrap();
        assert_eq!(r.method, Method::Get);
        assert_eq!(r.target, "/a/b?c=d");
        assert_eq!(r.host, "127.0.0.1:1111");
        let r = parse("HEAD / HTTP/1.0\nhost:LOCALHOST:1111\n\n").unwrap();
        assert_eq!(
            (r.method, r.host.as_str()),
            (Method::Head, "LOCALHOST:1111")
        );
    }

    #[test]
    fn other_methods_get_405_with_allow() {
        let head = b"POST / HTTP/1.1\r\nHost: localhost:1111\r\n\r\n";
        let refusal = parse_head(head, PORT).unwrap_err();
        assert_eq!(refusal.status(), 405);
        assert_eq!(refusal.header_value("allow"), Some("GET, HEAD"));
        for m in ["PUT", "DELETE", "OPTIONS", "get", "CONNECT"] {
            let head = format!("{m} / HTTP/1.1\r\nHost: 127.0.0.1:1111\r\n\r\n");
            assert_eq!(parse(&head).unwrap_err(), 405, "{m}");
        }
    }

    #[test]
    fn malformed_heads_are_refused() {
        for (head, status) in [
            ("GET /\r\n\r\n", 400),
            ("GET  / HTTP/1.1\r\n\r\n", 400),
            ("GET / HTTP/1.1 x\r\n\r\n", 400),
            ("GET / HTTP/2.0\r\n\r\n", 505),
            ("GET / FTP/1.0\r\n\r\n", 400),
            (
                "GET http://127.0.0.1:1111/ HTTP/1.1\r\nHost: 127.0.0.1:1111\r\n\r\n",
                400,
            ),
            ("GET * HTTP/1.1\r\n\r\n", 400),
            ("GET /a\tb HTTP/1.1\r\n\r\n", 400),
            ("GET /é HTTP/1.1\r\n\r\n", 400),
            (
                "GET / HTTP/1.1\r\nHost: localhost:1111\r\nHost: evil.example\r\n\r\n",
                400,
            ),
            ("GET / HTTP/1.1\r\nHost : localhost:1111\r\n\r\n", 400),
            ("GET / HTTP/1.1\r\nNo colon\r\n\r\n", 400),
            ("GET / HTTP/1.1\r\nX: a\r\n folded\r\n\r\n", 400),
            ("GET / HTTP/1.1\r\nX: a\rb\r\n\r\n", 400),
        ] {
            assert_eq!(parse(head).unwrap_err(), status, "{head:?}");
        }
        let not_utf8 = parse_head(b"GET /\xff HTTP/1.1\r\n\r\n", PORT).unwrap_err();
        assert_eq!(not_utf8.status(), 400);
    }

    #[test]
    fn only_loopback_names_at_the_port_are_hosts() {
        for host in [
            "127.0.0.1:1111",
            "localhost:1111",
            "LocalHost:1111",
            "[::1]:1111",
        ] {
            assert!(host_is_loopback(host, PORT), "{host}");
        }
        for host in [
            "",
            "127.0.0.1",
            "localhost",
            "[::1]",
            "127.0.0.1:1112",
            "127.0.0.1:01111",
            "127.0.0.1:+1111",
            "127.0.0.1:1111:1111",
            "127.0.0.1.evil.example:1111",
            "localhost.evil:1111",
            "localhost.:1111",
            "localhost:1111.evil.example",
            "evil.example:1111",
            "user@localhost:1111",
            "127.1:1111",
            "2130706433:1111",
            "[::ffff:127.0.0.1]:1111",
            "[::1:1111",
            "[127.0.0.1]:1111",
            "::1:1111",
        ] {
            assert!(!host_is_loopback(host, PORT), "{host:?}");
        }
        // Browsers leave out port 80.
        assert!(host_is_loopback("localhost", 80));
        assert!(host_is_loopback("[::1]", 80));
        assert!(!host_is_loopback("localhost:", 80));
    }

    #[test]
    fn a_request_for_another_host_is_refused_before_its_method() {
        for head in [
            "GET / HTTP/1.1\r\nHost: evil.example:1111\r\n\r\n",
            "POST / HTTP/1.1\r\nHost: evil.example:1111\r\n\r\n",
            "GET / HTTP/1.0\r\n\r\n",
        ] {
            assert_eq!(parse(head).unwrap_err(), 421, "{head:?}");
        }
    }

    #[test]
    fn slots_are_bounded_and_given_back() {
        let slots = Slots::new(2);
        let a = slots.try_take().unwrap();
        let b = slots.try_take().unwrap();
        assert!(slots.try_take().is_none());
        assert_eq!(slots.taken(), 2);
        drop(a);
        let c = slots.try_take().expect("a dropped slot is free again");
        drop((b, c));
        assert_eq!(slots.taken(), 0);
    }
}
