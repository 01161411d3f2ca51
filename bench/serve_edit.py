#!/usr/bin/env python3
"""Measure `casefile serve` rebuilding after an edit, on a generated corpus.

    python3 bench/serve_edit.py --pages 10000 [--edits 10] [--casefile PATH]
                                [--workdir /dev/shm] [--seed 1] [--report PATH]

Copies the casefile site of the corpus (`WORKDIR/casefile-bench-N/casefile`,
generated with gen_corpus.py when missing) to `WORKDIR/casefile-serve-N/site`,
starts `casefile serve --root SITE --port 0` with TMPDIR on the same RAM disk
(serve builds into a folder under the temp dir), waits for its
"Serving ... at http://127.0.0.1:PORT/" line, and then edits one article
again and again:

- body:  appends a sentence to the first paragraph (the summary, which the
         section and term lists show for a page without a description);
- title: changes the title (shown on the page, the section list, the term
         pages and the previous/next links of its neighbours).

For each edit it records

- what casefile printed: "Changed ...: rebuilt N files in X ms" (the
  incremental path) or "Changed ...: rebuilt <full build summary>" (a full
  build), and when that line arrived after the write;
- end to end: the time from the write until the HTTP server returns the new
  text for every page that must show it (the article, page 1 of its section,
  the pager of each of its topics that lists it, and for a title edit the
  previous and next articles), polled every --poll-ms.

The article is chosen from page 1 of its section's list (so the section's
first list page lists it) among those a topic's first term page also lists;
the pagers of its other topics that list it are found by following the
pagination's rel="next" links.
Before measuring, its `description` is removed from the front matter (lists
show the description when there is one, else the summary), and the server is
left alone for --idle seconds to count rebuilds nobody asked for.

Every wait is bounded (--start-timeout, --timeout per edit); the script talks
to 127.0.0.1 only and stops the server at the end, whatever happens.

Standard library only.
"""

from __future__ import annotations

import argparse
import datetime as dt
import html
import http.client
import json
import os
import random
import re
import shutil
import statistics
import subprocess
import sys
import threading
import time
from pathlib import Path

BENCH_DIR = Path(__file__).resolve().parent
REPO = BENCH_DIR.parent
sys.path.insert(0, str(BENCH_DIR))
import gen_corpus  # noqa: E402

SERVING_RE = re.compile(r"^Serving (.*) at (http://([0-9.]+):(\d+)/)")
BUILT_RE = re.compile(r"^Built (.*) in (\d+) ms")
INCR_RE = re.compile(r"^Changed (.*): rebuilt (\d+) files in (\d+) ms\s*$")
SLACK = 0.05  # s: see measure_edit
FULL_RE = re.compile(r"^Changed (.*): rebuilt (.*) in (\d+) ms")


def cpu_busy() -> float | None:
    """Seconds of CPU the whole machine has been busy, from /proc/stat."""
    try:
        f = [int(x) for x in Path("/proc/stat").read_text().splitlines()[0].split()[1:]]
    except (OSError, ValueError, IndexError):
        return None
    user, nice, system, _idle, _iowait, irq, softirq, steal = (f + [0] * 8)[:8]
    return (user + nice + system + irq + softirq + steal) / os.sysconf("SC_CLK_TCK")


def proc_cpu(pid: int) -> float | None:
    """Seconds of CPU (user + system) process pid has used."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
    except (OSError, ValueError, IndexError):
        return None


def self_cpu() -> float:
    t = os.times()
    return t.user + t.system


def die(msg: str) -> None:
    print(f"\nerror: {msg}", file=sys.stderr)
    sys.exit(1)


def log(msg: str) -> None:
    print(msg, file=sys.stderr, flush=True)


# --------------------------------------------------------------------------
# The server process

class Server:
    """`casefile serve`, with its stdout and stderr read by threads."""

    def __init__(self, exe: str, site: Path, port: int, tmpdir: Path):
        env = dict(os.environ, TMPDIR=str(tmpdir))
        self.cmd = [exe, "serve", "--root", str(site), "--port", str(port)]
        self.proc = subprocess.Popen(self.cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                                     stdin=subprocess.DEVNULL, env=env)
        self.lock = threading.Lock()
        self.cond = threading.Condition(self.lock)
        self.lines: list[dict] = []  # stdout lines, parsed
        self.errors: list[tuple[float, str]] = []  # stderr lines
        self.threads = [
            threading.Thread(target=self._read_stdout, daemon=True),
            threading.Thread(target=self._read_stderr, daemon=True),
        ]
        for t in self.threads:
            t.start()

    def _read_stdout(self) -> None:
        for raw in self.proc.stdout:
            now = time.perf_counter()
            line = raw.decode("utf-8", "replace").rstrip("\n")
            rec = {"t": now, "text": line[:300] + ("…" if len(line) > 300 else "")}
            if m := SERVING_RE.match(line):
                rec.update(kind="serving", url=m.group(2), host=m.group(3), port=int(m.group(4)))
            elif m := BUILT_RE.match(line):
                rec.update(kind="built", ms=int(m.group(2)))
            elif m := INCR_RE.match(line):
                names = m.group(1).split(", ")
                rec.update(kind="incremental", names=names, files=int(m.group(2)),
                           ms=int(m.group(3)))
            elif m := FULL_RE.match(line):
                names = m.group(1).split(", ")
                rec.update(kind="full", names=names, summary=m.group(2), ms=int(m.group(3)))
            else:
                rec.update(kind="other")
            with self.cond:
                self.lines.append(rec)
                self.cond.notify_all()

    def _read_stderr(self) -> None:
        for raw in self.proc.stderr:
            line = raw.decode("utf-8", "replace").rstrip("\n")
            with self.cond:
                self.errors.append((time.perf_counter(), line[:500]))
                self.cond.notify_all()

    def wait_line(self, pred, start_index: int, deadline: float) -> tuple[int, dict] | None:
        """The first stdout line from start_index on matching pred, waiting until deadline."""
        with self.cond:
            i = start_index
            while True:
                while i < len(self.lines):
                    if pred(self.lines[i]):
                        return i, self.lines[i]
                    i += 1
                remaining = deadline - time.perf_counter()
                if remaining <= 0 or self.proc.poll() is not None:
                    return None
                self.cond.wait(min(remaining, 0.5))

    def count(self) -> int:
        with self.lock:
            return len(self.lines)

    def snapshot(self, start: int = 0) -> list[dict]:
        with self.lock:
            return list(self.lines[start:])

    def stop(self) -> None:
        if self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait(timeout=10)
        for t in self.threads:
            t.join(timeout=5)


# --------------------------------------------------------------------------
# HTTP (127.0.0.1 only)

class Client:
    def __init__(self, port: int):
        self.port = port

    def get(self, path: str, timeout: float = 5.0) -> tuple[int, str]:
        assert path.startswith("/"), path
        conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=timeout)
        try:
            conn.request("GET", path, headers={"Connection": "close"})
            r = conn.getresponse()
            return r.status, r.read().decode("utf-8", "replace")
        except (OSError, http.client.HTTPException):
            return 0, ""
        finally:
            conn.close()


def poll_until(client: Client, checks: dict[str, str], t0: float, deadline: float,
               interval: float) -> dict[str, float | None]:
    """Seconds from t0 until each URL first returned a body containing its text."""
    seen: dict[str, float | None] = {url: None for url in checks}
    while time.perf_counter() < deadline:
        for url, text in checks.items():
            if seen[url] is not None:
                continue
            status, body = client.get(url)
            if status == 200 and text in body:
                seen[url] = time.perf_counter() - t0
        if all(v is not None for v in seen.values()):
            break
        time.sleep(interval)
    return seen


# --------------------------------------------------------------------------
# The article

LIST_LINK_RE = re.compile(r'<h[23][^>]*><a href="(/[^"]+/)">')
TERMS_RE = re.compile(r'<footer class="terms">(.*?)</footer>', re.S)
HREF_RE = re.compile(r'href="(/[^"]+/)"')
PREV_RE = re.compile(r'<a href="(/[^"]+/)" rel="prev">')
NEXT_RE = re.compile(r'<a href="(/[^"]+/)" rel="next">')


def find_pager(client: Client, first: str, href: str, limit: int = 500) -> str | None:
    """The pager of the list starting at `first` that links to href, following
    the pagination's rel="next" links (at most `limit` pagers)."""
    url = first
    for _ in range(limit):
        st, body = client.get(url)
        if st != 200:
            return None
        if f'href="{href}"' in body:
            return url
        nav = body.split('class="pagination"', 1)
        m = NEXT_RE.search(nav[1]) if len(nav) > 1 else None
        if not m:
            return None
        url = m.group(1)
    return None


def choose_article(client: Client, site: Path, section_url: str, max_candidates: int = 10) -> dict:
    """An article on page 1 of its section that is also on page 1 of one of its
    terms, with the pager of every other term that lists it."""
    status, body = client.get(section_url)
    if status != 200:
        die(f"GET {section_url} returned {status}")
    main = body.split('<ul class="page-list"', 1)[-1]
    candidates = LIST_LINK_RE.findall(main)[:max_candidates]
    if not candidates:
        die(f"no articles listed on {section_url}")
    for url in candidates:
        src = site / "content" / (url.strip("/") + ".md")
        if not src.is_file():
            continue
        status, page = client.get(url)
        if status != 200:
            continue
        m = TERMS_RE.search(page)
        terms = HREF_RE.findall(m.group(1)) if m else []
        terms = [t for t in terms if t.count("/") >= 3]  # /topics/topic-07/, not /topics/
        on_first = []
        for t in reversed(terms):  # the rarer topics come last
            st, tbody = client.get(t)
            if st == 200 and f'href="{url}"' in tbody:
                on_first.append(t)
        if not on_first:
            continue
        term_pagers = []
        for t in terms:
            pager = t if t in on_first else find_pager(client, t, url)
            if pager is None:
                die(f"{url} is on none of the pagers of {t}")
            term_pagers.append(pager)
        after_nav = page.split('class="prev-next"', 1)[-1]
        prev, nxt = PREV_RE.search(after_nav), NEXT_RE.search(after_nav)
        return {"url": url, "src": src, "section": section_url, "term": on_first[0],
                "term_pagers": term_pagers,
                "prev": prev.group(1) if prev else None,
                "next": nxt.group(1) if nxt else None}
    die(f"none of the first {len(candidates)} articles on {section_url} is on page 1 of a term")
    raise AssertionError


def split_front_matter(text: str) -> tuple[str, str]:
    if not text.startswith("+++\n"):
        die("expected TOML front matter (+++)")
    end = text.index("\n+++\n", 4)
    return text[: end + 5], text[end + 5:]


def fm_value(fm: str, key: str) -> str | None:
    m = re.search(rf"^{key} = (\".*\")$", fm, re.M)
    return json.loads(m.group(1)) if m else None


def without_description(text: str) -> str:
    fm, body = split_front_matter(text)
    fm = re.sub(r"^description = .*\n", "", fm, flags=re.M)
    return fm + body


def with_body_sentence(text: str, sentence: str) -> str:
    """Appends a sentence to the first paragraph of the body."""
    fm, body = split_front_matter(text)
    lead = body[: len(body) - len(body.lstrip("\n"))]
    rest = body.lstrip("\n")
    first, sep, tail = rest.partition("\n")
    return fm + lead + first + " " + sentence + sep + tail


def with_title(text: str, title: str) -> str:
    fm, body = split_front_matter(text)
    fm = re.sub(r"^title = .*$", "title = " + json.dumps(title), fm, count=1, flags=re.M)
    return fm + body


def write_file(path: Path, text: str) -> None:
    # In place, as most editors save (open, truncate, write, close).
    with open(path, "w", encoding="utf-8") as f:
        f.write(text)


# --------------------------------------------------------------------------
# Measuring one edit

def measure_edit(server: Server, client: Client, art: dict, text: str,
                 checks: dict[str, str], args) -> dict:
    rel = "content/" + art["url"].strip("/") + ".md"
    start_line = server.count()
    t0 = time.perf_counter()
    write_file(art["src"], text)
    deadline = t0 + args.timeout
    seen = poll_until(client, checks, t0, deadline, args.poll_ms / 1000)
    visible = all(v is not None for v in seen.values())
    # casefile's own line for the rebuild that made the edit visible. The files
    # are in place just before the line is printed (a full build also deletes the
    # previous output first), so it is the first rebuild line naming the file
    # that arrived after the first URL showed the edit, less a little slack for
    # the polling. Lines before that come from builds already under way when the
    # file was written.
    first = min((v for v in seen.values() if v is not None), default=None)
    after = t0 + (first if first is not None else 0.0) - SLACK
    found = server.wait_line(
        lambda r: r["kind"] in ("incremental", "full") and rel in r["names"] and r["t"] >= after,
        start_line, time.perf_counter() + 10.0)
    rec: dict = {"visible": visible, "urls": seen,
                 "end_to_end_ms": max(seen.values()) * 1000 if visible else None}
    if found:
        idx, line = found
        rec.update(kind=line["kind"], cf_ms=line["ms"], files=line.get("files"),
                   line_after_ms=(line["t"] - t0) * 1000, names=len(line["names"]))
        lines = server.snapshot(start_line)[: idx - start_line]
    else:
        rec.update(kind=None, cf_ms=None, files=None, line_after_ms=None, names=None)
        lines = server.snapshot(start_line)
    # Rebuilds that finished between the write and the one that showed the edit.
    rec["earlier_rebuilds"] = sum(1 for r in lines if r["kind"] in ("incremental", "full"))
    return rec


def med(xs):
    xs = [x for x in xs if x is not None]
    return statistics.median(xs) if xs else None


def fmt_ms(x) -> str:
    return "n/a" if x is None else f"{x:.0f}"


# --------------------------------------------------------------------------

def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--pages", type=int, default=10000)
    ap.add_argument("--edits", type=int, default=10, help="measured edits per kind (default 10)")
    ap.add_argument("--casefile", default=str(REPO / "target" / "release" / "casefile"))
    ap.add_argument("--workdir", type=Path, default=Path("/dev/shm"))
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--section", type=int, default=1, help="section of the edited article (default 1)")
    ap.add_argument("--port", type=int, default=0, help="port on 127.0.0.1 (default 0: a free one)")
    ap.add_argument("--poll-ms", type=float, default=5.0, help="HTTP polling interval (default 5)")
    ap.add_argument("--timeout", type=float, default=20.0, help="seconds to wait per edit (default 20)")
    ap.add_argument("--start-timeout", type=float, default=180.0,
                    help="seconds to wait for the server to start (default 180)")
    ap.add_argument("--idle", type=float, default=5.0,
                    help="seconds to watch the idle server before editing (default 5)")
    ap.add_argument("--gap", type=float, default=0.5, help="seconds between edits (default 0.5)")
    ap.add_argument("--report", type=Path, default=BENCH_DIR / "serve-results.md")
    ap.add_argument("--json", type=Path, default=None, help="also write the raw results as JSON")
    ap.add_argument("--keep", action="store_true", help="keep the copied site afterwards")
    args = ap.parse_args()
    if not 1 <= args.edits <= 200:
        ap.error("--edits must be between 1 and 200")

    exe = str(Path(args.casefile).resolve())
    if not os.access(exe, os.X_OK):
        die(f"casefile binary not found at {exe}: run `cargo build --release`")

    corpus = args.workdir / f"casefile-bench-{args.pages}"
    mpath = corpus / "manifest.json"
    ok = False
    if mpath.exists() and (corpus / "casefile" / "casefile.toml").exists():
        m = json.loads(mpath.read_text())
        ok = m.get("pages") == args.pages and m.get("seed") == args.seed
    if not ok:
        log(f"== generating {args.pages} pages into {corpus}")
        gen_corpus.generate(args.pages, corpus, args.seed)

    work = args.workdir / f"casefile-serve-{args.pages}"
    site, tmpdir = work / "site", work / "tmp"
    if work.exists():
        shutil.rmtree(work)
    shutil.copytree(corpus / "casefile", site)
    tmpdir.mkdir(parents=True)

    server = None
    results: dict = {"body": [], "title": []}
    meta: dict = {
        "date": dt.datetime.now(dt.timezone.utc).strftime("%Y-%m-%d %H:%M UTC"),
        "command": "python3 bench/serve_edit.py " + " ".join(sys.argv[1:]),
        "pages": args.pages,
    }
    try:
        log(f"== starting: $ TMPDIR={tmpdir} {exe} serve --root {site} --port {args.port}")
        t_start = time.perf_counter()
        server = Server(exe, site, args.port, tmpdir)
        found = server.wait_line(lambda r: r["kind"] == "serving", 0,
                                 time.perf_counter() + args.start_timeout)
        if not found:
            errs = "\n".join(e for _, e in server.errors[-40:])
            die(f"no 'Serving ... at' line within {args.start_timeout} s "
                f"(exit {server.proc.poll()}):\n{errs}")
        serving = found[1]
        if serving["host"] != "127.0.0.1":
            die(f"server is not on 127.0.0.1: {serving['url']}")
        built = [r for r in server.snapshot() if r["kind"] == "built"]
        meta["startup_s"] = serving["t"] - t_start
        meta["initial_build_ms"] = built[0]["ms"] if built else None
        meta["url"] = serving["url"]
        log(f"   {serving['text']}  (after {meta['startup_s']:.2f} s; "
            f"initial build {meta['initial_build_ms']} ms)")
        client = Client(serving["port"])

        # Leave it alone for a while: does it rebuild without any edit?
        idle_from = server.count()
        time.sleep(args.idle)
        idle = [r for r in server.snapshot(idle_from) if r["kind"] in ("incremental", "full")]
        meta["idle_s"] = args.idle
        meta["idle_rebuilds"] = len(idle)
        meta["idle_full"] = sum(1 for r in idle if r["kind"] == "full")
        meta["idle_example"] = idle[0]["text"][:300] if idle else None
        meta["idle_ms"] = [r["ms"] for r in idle]
        log(f"   idle {args.idle:.0f} s: {len(idle)} rebuilds nobody asked for "
            f"({meta['idle_full']} full)" + (f", e.g. {idle[0]['text'][:160]}" if idle else ""))

        section_url = f"/section-{args.section:02d}/"
        art = choose_article(client, site, section_url)
        meta["article"] = {k: (str(v) if isinstance(v, Path) else v) for k, v in art.items()}
        log(f"   article {art['url']} (listed on {section_url} and "
            f"{', '.join(art['term_pagers'])}; "
            f"prev {art['prev']}, next {art['next']})")

        original = art["src"].read_text(encoding="utf-8")
        fm, _ = split_front_matter(original)
        title = fm_value(fm, "title")
        description = fm_value(fm, "description")
        if title is None:
            die(f"no title in {art['src']}")
        base = without_description(original)

        # Preparation (not measured): drop the description so lists show the summary.
        if description is not None:
            write_file(art["src"], base)
            t0 = time.perf_counter()
            desc_html = html.escape(description, quote=False)
            ok = False
            while time.perf_counter() - t0 < args.timeout:
                st, body = client.get(section_url)
                if st == 200 and desc_html not in body:
                    ok = True
                    break
                time.sleep(0.02)
            if not ok:
                die(f"{section_url} still shows the description {args.timeout} s after removing it")
            log(f"   removed the description: lists show the summary after "
                f"{(time.perf_counter() - t0) * 1000:.0f} ms")
            time.sleep(max(args.gap, 0.5))

        # CPU accounting over the measured edits: the server's, this script's
        # (HTTP polling) and the rest of the machine's (other work skews the times).
        acct0 = (time.perf_counter(), cpu_busy(), proc_cpu(server.proc.pid), self_cpu())
        token = f"{random.Random(args.seed).randrange(16**6):06x}"
        for kind in ("body", "title"):
            for k in range(1, args.edits + 1):
                tag = f"cfb{token}{kind[0]}{k:02d}"
                if kind == "body":
                    marker = f"Serve benchmark sentence {tag} was added."
                    text = with_body_sentence(base, marker)
                    checks = {art["url"]: marker, section_url: marker}
                    checks.update({t: marker for t in art["term_pagers"]})
                else:
                    marker = f"{title} revised {tag}"
                    text = with_title(base, marker)
                    checks = {art["url"]: f"<h1>{marker}</h1>", section_url: marker}
                    checks.update({t: marker for t in art["term_pagers"]})
                    for nb in (art["prev"], art["next"]):
                        if nb:
                            checks[nb] = marker
                rec = measure_edit(server, client, art, text, checks, args)
                results[kind].append(rec)
                urls = ", ".join(f"{u} {fmt_ms(None if v is None else v * 1000)}"
                                 for u, v in rec["urls"].items())
                log(f"   {kind} edit {k}/{args.edits}: casefile {rec['kind']} "
                    f"{fmt_ms(rec['cf_ms'])} ms ({rec['files']} files), line after "
                    f"{fmt_ms(rec['line_after_ms'])} ms; end to end {fmt_ms(rec['end_to_end_ms'])} ms "
                    f"[{urls}]; earlier rebuilds {rec['earlier_rebuilds']}")
                time.sleep(args.gap)
        acct1 = (time.perf_counter(), cpu_busy(), proc_cpu(server.proc.pid), self_cpu())
        if None not in acct0 and None not in acct1:
            wall = acct1[0] - acct0[0]
            srv, me = acct1[2] - acct0[2], acct1[3] - acct0[3]
            meta["cpu"] = {"wall_s": wall, "server_s": srv, "script_s": me,
                           "rest_s": max(0.0, acct1[1] - acct0[1] - srv - me)}
            log(f"   CPU over {wall:.1f} s of edits: server {srv:.1f} s, this script {me:.1f} s, "
                f"rest of the machine {meta['cpu']['rest_s']:.1f} s")
        # Put the article back as it was.
        write_file(art["src"], original)
        time.sleep(args.gap)
    finally:
        if server is not None:
            try:  # peak resident memory of the server, before stopping it
                st = Path(f"/proc/{server.proc.pid}/status").read_text()
                m = re.search(r"^VmHWM:\s+(\d+) kB", st, re.M)
                meta["server_peak_mb"] = int(m.group(1)) / 1024 if m else None
            except OSError:
                meta["server_peak_mb"] = None
            server.stop()
            meta["server_exit"] = server.proc.returncode
            meta["stderr_tail"] = [e for _, e in server.errors[-20:]]
            meta["rebuild_lines_total"] = sum(
                1 for r in server.snapshot() if r["kind"] in ("incremental", "full"))
        if not args.keep and work.exists():
            shutil.rmtree(work, ignore_errors=True)

    text = report(results, meta, args)
    print("\n" + text)
    args.report.parent.mkdir(parents=True, exist_ok=True)
    args.report.write_text(text)
    log(f"report written to {args.report}")
    if args.json:
        args.json.write_text(json.dumps({"meta": meta, "results": results}, indent=2, default=str))
    return 0


def report(results: dict, meta: dict, args) -> str:
    art = meta["article"]
    lines = ["# casefile serve: rebuild after an edit", ""]
    lines.append(f"Run on {meta['date']} with `{meta['command']}`; {meta['pages']:,} pages; "
                 f"site and serve output on {args.workdir}.")
    lines.append("")
    lines.append(f"- Server start to \"Serving\" line: {meta['startup_s']:.2f} s "
                 f"(initial build reported {meta['initial_build_ms']} ms)")
    if meta.get("server_peak_mb"):
        lines.append(f"- Peak resident memory of casefile serve (VmHWM): "
                     f"{meta['server_peak_mb']:.0f} MiB")
    lines.append(f"- Idle for {meta['idle_s']:.0f} s with no edit: {meta['idle_rebuilds']} rebuilds "
                 f"({meta['idle_full']} full)")
    if meta.get("cpu"):
        c = meta["cpu"]
        lines.append(f"- CPU over the {c['wall_s']:.1f} s of measured edits: casefile serve "
                     f"{c['server_s']:.1f} s, this script (polling) {c['script_s']:.1f} s, the rest of "
                     f"the machine {c['rest_s']:.1f} s ({c['rest_s'] / c['wall_s']:.0%} of one CPU)")
    pagers = ", ".join(f"`{t}`" for t in art["term_pagers"])
    lines.append(f"- Edited `{art['url']}` (listed on `{art['section']}` and on {pagers}; "
                 f"neighbours `{art['prev']}`, `{art['next']}`), {args.edits} edits per kind, "
                 f"polled every {args.poll_ms:g} ms")
    lines.append("")
    lines.append("| Edit | casefile path | casefile ms (median, min-max) | files | "
                 "line after write ms | end to end ms (median, min-max) | all visible | earlier rebuilds |")
    lines.append("| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: |")
    for kind, recs in results.items():
        if not recs:
            continue
        kinds = sorted({str(r["kind"]) for r in recs})
        cf = [r["cf_ms"] for r in recs if r["cf_ms"] is not None]
        e2e = [r["end_to_end_ms"] for r in recs if r["end_to_end_ms"] is not None]
        files = sorted({r["files"] for r in recs if r["files"] is not None})
        rng = lambda xs: f" ({min(xs):.0f}-{max(xs):.0f})" if xs else ""  # noqa: E731
        lines.append(
            f"| {kind} | {', '.join(kinds)} | {fmt_ms(med(cf))}{rng(cf)} | "
            f"{', '.join(map(str, files)) or 'n/a'} | "
            f"{fmt_ms(med(r['line_after_ms'] for r in recs))} | "
            f"{fmt_ms(med(e2e))}{rng(e2e)} | {sum(r['visible'] for r in recs)}/{len(recs)} | "
            f"{sum(r['earlier_rebuilds'] for r in recs)} |")
    lines.append("")
    lines.append("casefile ms is what casefile printed; line after write is when that line "
                 "arrived; end to end is until the last of the URLs below showed the edit; "
                 "earlier rebuilds counts rebuilds that finished after the write without "
                 "showing it (builds already under way), over all edits.")
    lines.append("")
    lines.append("Per URL, median ms from the write until it showed the new text:")
    lines.append("")
    for kind, recs in results.items():
        if not recs:
            continue
        urls = list(recs[0]["urls"])
        parts = []
        for u in urls:
            vals = [r["urls"][u] * 1000 for r in recs if r["urls"].get(u) is not None]
            parts.append(f"`{u}` {fmt_ms(med(vals))}")
        lines.append(f"- {kind}: " + ", ".join(parts))
    lines.append("")
    lines.append("<details><summary>All edits (casefile path/ms, end to end ms, "
                 "rebuilds that finished after the write but before the one that showed "
                 "the edit)</summary>")
    lines.append("")
    for kind, recs in results.items():
        lines.append(f"- {kind}: " + ", ".join(
            f"{r['kind']}/{fmt_ms(r['cf_ms'])}, {fmt_ms(r['end_to_end_ms'])}, {r['earlier_rebuilds']}"
            for r in recs))
    if meta.get("idle_example"):
        lines.append(f"- first idle rebuild line: `{meta['idle_example'][:200]}…`")
        lines.append(f"- idle rebuild times (ms): {meta['idle_ms']}")
    lines.append("")
    lines.append("</details>")
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    sys.exit(main())
