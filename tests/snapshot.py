"""Fingerprints of everything boardgraph writes, for a corpus: the byte-identity snapshot.

    python tests/snapshot.py [--shared ../shared] [--update]

Builds the samples and corpus-extra from scratch, then runs every command that
writes a file (exports in each syntax, network exports, the HTML page, the
review's judgements file, every library query as CSV) and records the SHA-256
of each output in ``tests/data/output_snapshot.json``. ``test_output_snapshot``
checks the current code still writes exactly those bytes, so a refactor that
changes an output fails; a change that is meant to alter outputs re-runs this
with ``--update`` (``make snapshot``) and the diff of the JSON shows what moved.

Pictures (PNG/SVG) are left out: their bytes depend on the installed fonts and
matplotlib, not on boardgraph.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import shutil
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SNAPSHOT = ROOT / "tests" / "data" / "output_snapshot.json"


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def corpus_outputs(sources: Path, work: Path, run: Callable[[list[str]], int]) -> dict[str, str]:
    """SHA-256 of each output written from the ``.txt`` reports in ``sources``."""
    reports = work / "reports"
    reports.mkdir()
    for path in sorted(sources.glob("*.txt")):
        shutil.copy(path, reports / path.name)
    out = work / "out"
    out.mkdir()
    graph = out / "graph.ttl"
    steps: list[list[str]] = [
        ["build", str(reports), "-o", str(graph), "--no-cache", "--quiet"],
        ["export", "--graph", str(graph), "--format", "nt", "-o", str(out / "graph.nt")],
        ["export", "--graph", str(graph), "--format", "jsonld", "-o", str(out / "graph.jsonld")],
        ["export", "--graph", str(graph), "--format", "trig", "-o", str(out / "graph.trig")],
        ["export", "--graph", str(graph), "--format", "trig", "--ontology", "-o", str(out / "full.trig")],
        ["network", "--graph", str(graph), "--export", "graphml", "-o", str(out / "network.graphml")],
        ["network", "--graph", str(graph), "--export", "gexf", "-o", str(out / "network.gexf")],
        ["network", "--graph", str(graph), "--export", "csv", "-o", str(out / "network.csv")],
        ["visualise", "--graph", str(graph), "-o", str(out / "network.html"), "--reports", str(reports)],
        ["review", "--graph", str(graph), "--write-judgements", str(out / "judgements.yaml")],
    ]
    for query in sorted((ROOT / "queries").glob("*.rq")):
        csv = out / f"{query.stem}.csv"
        steps.append(["query", str(query), "--graph", str(graph), "--format", "csv", "-o", str(csv)])
    for argv in steps:
        code = run(argv)
        if code not in (0, 1):
            raise SystemExit(f"snapshot: `boardgraph {' '.join(argv)}` exited {code}")
    return {path.name: _digest(path) for path in sorted(out.iterdir()) if path.is_file()}


def snapshot(shared: Path) -> dict[str, dict[str, str]]:
    from contextlib import redirect_stdout
    from io import StringIO

    from boardgraph.cli import main

    def run(argv: list[str]) -> int:
        with redirect_stdout(StringIO()):
            return main(argv)

    result: dict[str, dict[str, str]] = {}
    for name, folder in (("samples", shared / "corpus"), ("corpus-extra", shared / "corpus-extra")):
        with tempfile.TemporaryDirectory() as tmp:
            result[name] = corpus_outputs(folder, Path(tmp), run)
    return result


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    parser.add_argument("--update", action="store_true", help=f"write {SNAPSHOT.relative_to(ROOT)}")
    args = parser.parse_args()
    current = snapshot(args.shared)
    if args.update:
        SNAPSHOT.parent.mkdir(parents=True, exist_ok=True)
        SNAPSHOT.write_text(json.dumps(current, indent=2, sort_keys=True) + "\n", encoding="utf-8")
        print(f"wrote {SNAPSHOT.relative_to(ROOT)}")
        return 0
    recorded = json.loads(SNAPSHOT.read_text(encoding="utf-8"))
    changed = [
        f"{corpus}/{name}"
        for corpus in sorted(set(current) | set(recorded))
        for name in sorted(set(current.get(corpus, {})) | set(recorded.get(corpus, {})))
        if current.get(corpus, {}).get(name) != recorded.get(corpus, {}).get(name)
    ]
    print("\n".join(changed) or "all outputs identical")
    return 1 if changed else 0


if __name__ == "__main__":
    sys.exit(main())
