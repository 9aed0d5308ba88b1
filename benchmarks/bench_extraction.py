"""Extraction accuracy on every corpus that has gold: the table in the README.

    python benchmarks/bench_extraction.py [--shared ../shared] [--json OUT] [--verbose]

Builds each corpus from scratch (no cache) and scores the graph with the
shared scorer (``shared/tools/score_graph.py``), which reads only the terms
in ``shared/CONTRACT.md``. Rows:

* samples       shared/corpus (5 LGA Improvement Board chair's reports) against gold/seeds.yaml
* corpus-extra  shared/corpus-extra (18 parish/community council minutes and columns)
* combined      both in one build, scored against both gold files at once: what
                cross-report resolution does when unrelated bodies share a graph
* own held-out  tests/heldout (4 reports we wrote gold for; used while fixing, so an upper bound)

The texts are read in place; nothing is copied into the repository.
"""

from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
BOARDGRAPH = [sys.executable, "-m", "boardgraph"]


@dataclass(frozen=True)
class Corpus:
    name: str
    sources: tuple[Path, ...]  # folders whose .txt files are the reports
    golds: tuple[Path, ...]


def corpora(shared: Path) -> list[Corpus]:
    seeds = Corpus("samples", (shared / "corpus",), (shared / "gold" / "seeds.yaml",))
    extra = Corpus("corpus-extra", (shared / "corpus-extra",), (shared / "gold" / "corpus-extra.yaml",))
    both = Corpus("combined", seeds.sources + extra.sources, seeds.golds + extra.golds)
    heldout = ROOT / "tests" / "heldout"
    own = Corpus("own held-out", (heldout / "reports",), (heldout / "gold.yaml",))
    return [seeds, extra, both, own]


def merged_gold(golds: tuple[Path, ...], into: Path) -> Path:
    """One gold file from several: entities and documents unioned (their ids do not collide)."""
    if len(golds) == 1:
        return golds[0]
    merged: dict[str, dict] = {"entities": {}, "documents": {}}
    for path in golds:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        for key in merged:
            merged[key].update(data.get(key) or {})
    into.write_text(yaml.safe_dump(merged, allow_unicode=True, sort_keys=True), encoding="utf-8")
    return into


def build_and_score(corpus: Corpus, scorer: Path, work: Path, verbose: bool) -> dict:
    reports = work / "reports"
    reports.mkdir(parents=True)
    for folder in corpus.sources:
        for path in sorted(folder.glob("*.txt")):
            shutil.copy(path, reports / path.name)
    graph = work / "graph.ttl"
    started = time.perf_counter()
    subprocess.run([*BOARDGRAPH, "build", str(reports), "-o", str(graph), "--no-cache", "-q"], check=False)
    seconds = time.perf_counter() - started
    if not graph.is_file():
        raise SystemExit(f"bench_extraction: the build of {corpus.name} wrote no graph")
    gold = merged_gold(corpus.golds, work / "gold.yaml")
    out = work / "score.json"
    cmd = [sys.executable, str(scorer), str(gold), str(graph), "--json", str(out)]
    if verbose:
        cmd.append("--verbose")
    result = subprocess.run(cmd, capture_output=True, text=True, check=True)
    if verbose:
        print(f"== {corpus.name}\n{result.stdout}")
    score = json.loads(out.read_text(encoding="utf-8"))
    score["seconds"] = seconds
    score["reports"] = len(list(reports.iterdir()))
    return score


COLUMNS = (
    "set",
    "n",
    "entity F1",
    "Person",
    "Council",
    "Org",
    "Programme",
    "worked_with",
    "participates",
    "dates",
    "chairs",
    "boards",
    "splits / merges",
)


def row(name: str, s: dict) -> list[str]:
    ent = s["entities"]

    def f(v: float) -> str:
        return f"{v:.3f}"

    def frac(key: str) -> str:
        return f"{s[key + '_ok']}/{s[key + '_n']}"

    return [
        name,
        str(s["reports"]),
        f(s["entity_f1"]),
        *(f"{ent[t]['f1']:.2f}" for t in ("Person", "Council", "Organisation", "Programme")),
        f(s["worked_with_f1"]),
        f(s["participates_f1"]),
        frac("dates"),
        frac("chairs"),
        frac("boards"),
        f"{s['resolution_splits']} / {s.get('resolution_merges', 0)}",
    ]


def markdown(rows: list[list[str]]) -> str:
    lines = ["| " + " | ".join(COLUMNS) + " |", "|" + "---|" * len(COLUMNS)]
    lines += ["| " + " | ".join(r) + " |" for r in rows]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    ap.add_argument("--json", type=Path, help="write every score here")
    ap.add_argument("--verbose", action="store_true", help="print the scorer's lists of misses")
    args = ap.parse_args(argv)
    scorer = args.shared / "tools" / "score_graph.py"
    if not scorer.is_file():
        print(f"bench_extraction: {scorer} is missing (the shared folder must sit beside the repository)")
        return 2
    scores: dict[str, dict] = {}
    rows = []
    for corpus in corpora(args.shared):
        if not all(p.is_dir() for p in corpus.sources) or not all(g.is_file() for g in corpus.golds):
            print(f"bench_extraction: {corpus.name}: not here, skipped")
            continue
        with tempfile.TemporaryDirectory(prefix="bg-bench-extraction-") as tmp:
            scores[corpus.name] = build_and_score(corpus, scorer, Path(tmp), args.verbose)
        rows.append(row(corpus.name, scores[corpus.name]))
    print(markdown(rows))
    for name, s in scores.items():
        print(f"{name}: {s['reports']} reports built in {s['seconds']:.1f} s")
    if args.json:
        for s in scores.values():
            s.pop("details", None)
        args.json.write_text(json.dumps(scores, indent=2, sort_keys=True), encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
