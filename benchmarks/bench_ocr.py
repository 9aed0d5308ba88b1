"""What OCR costs: seconds per scanned page on one core, and a scanned build with -j 2 against -j 1.

The scans are the sample reports rendered by fpdf2 (running header, footer,
page numbers) and turned into page images only (150 dpi, turned a little,
speckled), as in ``bench_formats.py``. Builds run with ``--no-cache``.

    .venv/bin/python benchmarks/bench_ocr.py [--corpus ../shared/corpus]
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from bench_formats import SHARED, render_fpdf2, scan  # noqa: E402


def _build(folder: Path, jobs: int) -> float:
    start = time.perf_counter()
    subprocess.run(
        [sys.executable, "-m", "boardgraph", "build", str(folder), "-o", str(folder.with_suffix(".ttl")),
         "--no-cache", "-q", "-j", str(jobs)],
        check=False, capture_output=True,
    )  # fmt: skip
    return time.perf_counter() - start


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--corpus", type=Path, default=SHARED / "corpus")
    ap.add_argument("--work", type=Path, default=Path("/tmp/boardgraph-bench-ocr"))
    args = ap.parse_args(argv)
    if shutil.which("tesseract") is None:
        print("tesseract not installed (make install); OCR benchmark skipped")
        return 0
    from boardgraph.ingest import ocr
    from boardgraph.ingest.pdf import read_pages

    texts = sorted(args.corpus.glob("*.txt"))
    pdfs, scans = args.work / "pdf", args.work / "scan"
    for folder in (pdfs, scans):
        shutil.rmtree(folder, ignore_errors=True)
        folder.mkdir(parents=True)
    for t in texts:
        render_fpdf2(t, pdfs / f"{t.stem}.pdf")
        scan(pdfs / f"{t.stem}.pdf", scans / f"{t.stem}.pdf")

    # One core: pages one after another, Tesseract held to one thread.
    pages = 0
    start = time.perf_counter()
    for path in sorted(scans.glob("*.pdf")):
        data = path.read_bytes()
        numbers = [p.number for p in read_pages(data)]
        result = ocr.ocr_pages(data, numbers, workers=1)
        pages += len(result.pages)
    one_core = time.perf_counter() - start
    print(f"{ocr.engine_version()}, {ocr.DPI} dpi render, {len(texts)} reports, {pages} pages")
    print(f"OCR on one core: {one_core / pages:.2f} s per page ({one_core:.1f} s in all)")

    # The same pages two at a time (what --jobs 2 does inside a report).
    start = time.perf_counter()
    for path in sorted(scans.glob("*.pdf")):
        data = path.read_bytes()
        ocr.ocr_pages(data, [p.number for p in read_pages(data)], workers=2)
    two = time.perf_counter() - start
    print(f"OCR two pages at a time: {two:.1f} s in all (speed-up {one_core / two:.2f}x)")

    j1 = _build(scans, 1)
    j2 = _build(scans, 2)
    print(f"build of the scanned reports: -j 1 {j1:.1f} s, -j 2 {j2:.1f} s (speed-up {j1 / j2:.2f}x)")
    # Speed-ups need idle cores: say how busy the machine was.
    print(f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")
    return 0


if __name__ == "__main__":
    sys.exit(main())
