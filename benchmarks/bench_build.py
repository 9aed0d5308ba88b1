"""Build-speed benchmark for issue 6: prints one table of targets and results.

    .venv/bin/python benchmarks/bench_build.py                 # N = 100, 1,000, 10,000 (~30 min, 2 cores)
    .venv/bin/python benchmarks/bench_build.py --sizes 100,1000
    .venv/bin/python benchmarks/bench_build.py --quick         # a couple of minutes, small N

Every build is the real CLI in a fresh process (model loading and graph
writing included), on a seeded corpus from benchmarks/benchcorpus.py. Numbers
are measurements, not assertions: nothing here fails on a missed target.
"""

from __future__ import annotations

import argparse
import filecmp
import json
import shutil
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
WORK = ROOT / "bench-out" / "build"

# Runs one build in this process and reports its peak RSS. Pool workers are
# the forkserver's children, not ours, so RUSAGE_CHILDREN cannot see them:
# their RSS is the model's (~0.3 GiB each) and does not grow with N.
RUNNER = """
import json, resource, sys, time
from boardgraph.cli import main
t = time.perf_counter()
code = main(sys.argv[1:])
wall = time.perf_counter() - t
own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
kids = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
print(json.dumps({"code": code, "wall": wall, "rss_kib": own, "worker_rss_kib": kids}), file=sys.stderr)
"""

BARE = """
import json, sys, time
from pathlib import Path
import spacy
from boardgraph.nlp.pipeline import model_setting
texts = [p.read_text(encoding="utf-8") for p in sorted(Path(sys.argv[1]).glob("*.txt"))]
nlp = spacy.load(model_setting(None))
t = time.perf_counter()
for _ in nlp.pipe(texts, batch_size=16):
    pass
print(json.dumps({"wall": time.perf_counter() - t, "n": len(texts)}))
"""


@dataclass
class Run:
    wall: float
    rss_mib: float
    worker_rss_mib: float


def corpus(n: int, seed: int = 0) -> Path:
    from benchcorpus import write_corpus

    path = WORK / f"corpus-{n}"
    if not path.is_dir() or len(list(path.glob("*.txt"))) != n:
        shutil.rmtree(path, ignore_errors=True)
        write_corpus(path, n, seed)
    return path


def build(src: Path, out: Path, *extra: str) -> Run:
    cmd = [sys.executable, "-c", RUNNER, "build", str(src), "-o", str(out), "-q", *extra]
    proc = subprocess.run(cmd, capture_output=True, text=True, cwd=ROOT)
    stats = json.loads(proc.stderr.strip().splitlines()[-1])
    if stats["code"] != 0:
        raise SystemExit(f"build failed ({' '.join(extra)}):\n{proc.stderr}")
    return Run(stats["wall"], stats["rss_kib"] / 1024, stats["worker_rss_kib"] / 1024)


def bare_pipe(src: Path) -> float:
    proc = subprocess.run([sys.executable, "-c", BARE, str(src)], capture_output=True, text=True, check=True)
    data = json.loads(proc.stdout)
    return data["n"] / data["wall"]


def row(rows: list[tuple[str, str, str, str]], what: str, value: str, target: str, ok: bool | None) -> None:
    rows.append((what, value, target, "-" if ok is None else ("met" if ok else "MISSED")))
    print(f"  … {what}: {value}", file=sys.stderr, flush=True)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--sizes", default="100,1000,10000", help="corpus sizes for the scaling curve")
    ap.add_argument("--throughput-n", type=int, default=200, help="reports for the throughput comparisons")
    ap.add_argument("--cache-n", type=int, default=1000, help="reports for the cached re-build")
    ap.add_argument("--jobs", type=int, default=2, help="parallel jobs for the curve and the cache test")
    ap.add_argument("--quick", action="store_true", help="small sizes: a smoke run of every measurement")
    args = ap.parse_args()
    if args.quick:
        args.sizes, args.throughput_n, args.cache_n = "50,200", 50, 200
    sizes = [int(s) for s in args.sizes.split(",") if s]
    WORK.mkdir(parents=True, exist_ok=True)
    rows: list[tuple[str, str, str, str]] = []
    started = time.perf_counter()
    nc = ["--no-cache"]

    # 1. bare nlp.pipe vs the whole build, one process each
    src = corpus(args.throughput_n)
    bare = bare_pipe(src)
    j1 = build(src, WORK / "tp-j1.ttl", *nc)
    e2e = args.throughput_n / j1.wall
    row(rows, f"bare nlp.pipe, N={args.throughput_n}", f"{bare:.2f} reports/s", "", None)
    row(
        rows,
        "end-to-end build -j1 (incl. model load)",
        f"{e2e:.2f} reports/s = {e2e / bare:.2f}× bare",
        "≥ 0.70×",
        e2e / bare >= 0.7,
    )

    # 2. parallel: the process pool (default) and spaCy's n_process
    j2 = build(src, WORK / "tp-j2.ttl", *nc, "-j", "2")
    sp = build(src, WORK / "tp-sp.ttl", *nc, "-j", "2", "--executor", "spacy")
    row(rows, "-j2 (process pool) vs -j1", f"{j1.wall / j2.wall:.2f}×", "≥ 1.7×", j1.wall / j2.wall >= 1.7)
    row(rows, "-j2 --executor spacy (n_process) vs -j1", f"{j1.wall / sp.wall:.2f}×", "(compare)", None)
    same = filecmp.cmp(WORK / "tp-j1.ttl", WORK / "tp-j2.ttl", shallow=False) and filecmp.cmp(
        WORK / "tp-j1.ttl", WORK / "tp-sp.ttl", shallow=False
    )
    row(rows, "serial / pool / n_process Turtle identical", "yes" if same else "NO", "identical", same)

    # 3. scaling curve
    per_report = []
    for n in sizes:
        r = build(corpus(n), WORK / f"curve-{n}.ttl", *nc, "-j", str(args.jobs))
        per_report.append(r.wall / n)
        row(
            rows,
            f"N={n:>6,} -j{args.jobs}",
            f"{r.wall:7.1f} s, {1000 * r.wall / n:6.1f} ms/report, "
            f"peak RSS {r.rss_mib:,.0f} MiB (main process)",
            "RSS < 4 GiB",
            r.rss_mib < 4096,
        )
    if len(per_report) > 1:
        growth = per_report[-1] / per_report[0]
        row(
            rows,
            "time/report, largest N vs smallest",
            f"{growth:.2f}×",
            "not growing (≤ 1.1×)",
            growth <= 1.1,
        )

    # 4. incremental
    src = corpus(args.cache_n)
    work = WORK / f"cache-corpus-{args.cache_n}"
    shutil.rmtree(work, ignore_errors=True)
    shutil.copytree(src, work)
    cache = WORK / "cache"
    shutil.rmtree(cache, ignore_errors=True)
    jobs = ["-j", str(args.jobs), "--cache", str(cache)]
    first = build(work, WORK / "cache-first.ttl", *jobs)
    again = build(work, WORK / "cache-again.ttl", *jobs)
    row(
        rows,
        f"re-build unchanged N={args.cache_n:,} (cached) vs first",
        f"{first.wall:.1f} s → {again.wall:.1f} s = {first.wall / again.wall:.1f}×",
        "≥ 20×",
        first.wall / again.wall >= 20,
    )
    victim = sorted(work.glob("*.txt"))[len(list(work.glob("*.txt"))) // 2]
    victim.write_text(victim.read_text(encoding="utf-8").replace("Board", "Panel", 1), encoding="utf-8")
    changed = build(work, WORK / "cache-changed.ttl", *jobs)
    clean = build(work, WORK / "cache-clean.ttl", "--no-cache", "-j", str(args.jobs))
    equal = filecmp.cmp(WORK / "cache-changed.ttl", WORK / "cache-clean.ttl", shallow=False)
    row(
        rows,
        "one report changed: cached build == clean build",
        f"{'identical' if equal else 'DIFFERENT'} ({changed.wall:.1f} s vs {clean.wall:.1f} s clean)",
        "identical",
        equal,
    )

    width = [max(len(r[i]) for r in [*rows, ("measurement", "result", "target", "")]) for i in range(4)]
    print(
        f"\nboardgraph build benchmark ({time.perf_counter() - started:.0f} s; "
        f"{' '.join(sys.argv[1:]) or 'defaults'})"
    )
    header = ("measurement", "result", "target", "")
    for r in [header, tuple("-" * w for w in width), *rows]:
        print("  ".join(c.ljust(w) for c, w in zip(r, width, strict=True)).rstrip())
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
