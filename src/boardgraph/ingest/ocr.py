"""Text for PDF pages that are pictures: Tesseract OCR, one page at a time.

Pages are rendered with PDFium (pypdfium2) and handed to the ``tesseract``
program (Debian's ``tesseract-ocr`` and ``tesseract-ocr-eng``), which returns
every word with its box and confidence. The words become
:class:`boardgraph.ingest.pdf.Line` s, so scanned pages go through the same layout
rules as text-layer pages: paragraphs joined, furniture dropped.

Pages are read in parallel, one Tesseract process per page and one core each
(``OMP_THREAD_LIMIT=1``: Tesseract's own threads only fight each other on a
busy machine). The number of pages at once follows ``--jobs``: the build sets
it with :func:`set_jobs`, through the environment so that worker processes
started afterwards see it too.
"""

from __future__ import annotations

import functools
import io
import os
import re
import shutil
import statistics
import subprocess
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass

from boardgraph.ingest.pdf import Line, Page, Word, make_line

ENGINE = "tesseract"
DPI = 300  # scans are often 150 dpi; Tesseract reads small type better upsampled
CONFIDENCE_FLOOR = 0.70  # a page whose mean word confidence is below this is named in the summary
JOBS_VARIABLE = "BOARDGRAPH_OCR_JOBS"
_TIMEOUT = 300  # seconds for one page


class OcrUnavailable(RuntimeError):
    """Tesseract is not installed (or its English data is missing)."""


@dataclass
class OcrResult:
    pages: dict[int, Page]  # page number → its OCR'd lines
    engine: str  # "tesseract 5.3.0"

    @property
    def confidence(self) -> float | None:
        """Mean word confidence over every OCR'd page, 0..1."""
        scores = [p.confidence for p in self.pages.values() if p.confidence is not None]
        weights = [
            sum(len(ln.words) for ln in p.lines) for p in self.pages.values() if p.confidence is not None
        ]
        if not scores or not sum(weights):
            return None
        return sum(s * w for s, w in zip(scores, weights, strict=True)) / sum(weights)

    def low_pages(self, floor: float = CONFIDENCE_FLOOR) -> list[int]:
        return sorted(n for n, p in self.pages.items() if p.confidence is not None and p.confidence < floor)


def set_jobs(jobs: int) -> None:
    os.environ[JOBS_VARIABLE] = str(max(1, jobs))


def jobs() -> int:
    try:
        return max(1, int(os.environ.get(JOBS_VARIABLE, "1")))
    except ValueError:
        return 1


@functools.cache
def engine_version() -> str:
    """``"tesseract 5.3.0"``; raises :class:`OcrUnavailable` when it is not installed."""
    exe = shutil.which("tesseract")
    if exe is None:
        raise OcrUnavailable("Tesseract is not installed (Debian: apt-get install tesseract-ocr)")
    out = subprocess.run([exe, "--version"], capture_output=True, text=True, timeout=30, check=False)
    first = (out.stdout or out.stderr).strip().splitlines()[:1]
    m = re.search(r"(\d+(?:\.\d+)+)", first[0] if first else "")
    langs = subprocess.run([exe, "--list-langs"], capture_output=True, text=True, timeout=30, check=False)
    if "eng" not in (langs.stdout + langs.stderr).split():
        raise OcrUnavailable("Tesseract has no English data (Debian: apt-get install tesseract-ocr-eng)")
    return f"{ENGINE} {m.group(1) if m else 'unknown'}"


def render(data: bytes, numbers: list[int], dpi: int = DPI) -> dict[int, bytes]:
    """The given pages (1-based) as greyscale PNG bytes."""
    import pypdfium2 as pdfium
    from PIL import ImageFilter

    images: dict[int, bytes] = {}
    pdf = pdfium.PdfDocument(data)
    try:
        for n in numbers:
            page = pdf[n - 1]
            bitmap = page.render(scale=dpi / 72, grayscale=True)
            # A 3×3 median takes out a scan's specks (and the marks OCR would
            # read into them) while strokes, wider than a speck, stay.
            image = bitmap.to_pil().convert("L").filter(ImageFilter.MedianFilter(3))
            buf = io.BytesIO()
            image.save(buf, format="PNG")
            images[n] = buf.getvalue()
            page.close()
    finally:
        pdf.close()
    return images


def recognise(png: bytes, number: int = 1, dpi: int = DPI) -> Page:
    """One page image → a :class:`Page` of OCR'd lines, in Tesseract's reading order."""
    exe = shutil.which("tesseract")
    if exe is None:
        raise OcrUnavailable("Tesseract is not installed")
    env = {**os.environ, "OMP_THREAD_LIMIT": "1"}
    out = subprocess.run(
        [exe, "stdin", "stdout", "-l", "eng", "--psm", "3", "--dpi", str(dpi), "tsv"],
        input=png, capture_output=True, env=env, timeout=_TIMEOUT, check=False,
    )  # fmt: skip
    if out.returncode != 0:
        last = out.stderr.decode("utf-8", "replace").strip().splitlines()[-1:]
        raise RuntimeError(f"tesseract failed on page {number}: {last[0] if last else out.returncode}")
    return parse_tsv(out.stdout.decode("utf-8", "replace"), number)


def parse_tsv(tsv: str, number: int = 1) -> Page:
    """Tesseract's TSV (level, block, paragraph, line, word, box, confidence, text) as a Page."""
    width = height = 0.0
    grouped: dict[tuple[int, int, int], list[tuple[Word, float]]] = {}
    for row in tsv.splitlines()[1:]:
        cols = row.split("\t")
        if len(cols) < 12:
            continue
        level, block, par, line = int(cols[0]), int(cols[2]), int(cols[3]), int(cols[4])
        left, top, w, h = (float(c) for c in cols[6:10])
        if level == 1:
            width, height = w, h
            continue
        text, conf = cols[11].strip(), float(cols[10])
        if level != 5 or not text or conf < 0:
            continue
        # Specks read as marks: no letter or digit and little confidence.
        if not re.search(r"[A-Za-z0-9]", text) and conf < 75:
            continue
        word = Word(text=text, x0=left, x1=left + w, top=top, bottom=top + h, size=h)
        grouped.setdefault((block, par, line), []).append((word, conf))
    lines: list[Line] = []
    confidences: list[float] = []
    for (block, _par, _line), items in grouped.items():
        items = _drop_stray_marks(items)
        if not items:
            continue
        words = [w for w, _ in items]
        size = statistics.median(_em(word) for word in words)
        for word in words:
            word.size = size
        lines.append(make_line(words, block, ocr=True))
        confidences.extend(c for _, c in items)
    confidence = sum(confidences) / len(confidences) / 100 if confidences else None
    return Page(number, width, height, lines, ocr=True, confidence=confidence)


def _em(word: Word) -> float:
    """The font size a word's box implies: its height over the share of the em its letters reach.

    A box spans from the tallest letter to the lowest, so "IMPROVEMENT" (caps
    only) is shorter than "policy" (ascender and descender) in the same type.
    """
    text = word.text
    tall = any(c.isupper() or c.isdigit() or c in "bdfhiklt'\"()/!?[]{}" for c in text)
    low = any(c in "gjpqy(),;[]{}" for c in text)
    return (word.bottom - word.top) / ((0.73 if tall else 0.55) + (0.22 if low else 0.0))


def _drop_stray_marks(items: list[tuple[Word, float]]) -> list[tuple[Word, float]]:
    """Marks (no letter or digit) standing apart from the line's words are specks, not text."""
    if not items:
        return items
    far = 1.5 * statistics.median(w.bottom - w.top for w, _ in items)
    kept: list[tuple[Word, float]] = []
    for k, (w, conf) in enumerate(items):
        if not re.search(r"[A-Za-z0-9]", w.text):
            before = items[k - 1][0] if k else None
            after = items[k + 1][0] if k + 1 < len(items) else None
            if (before is None or w.x0 - before.x1 > far) and (after is None or after.x0 - w.x1 > far):
                continue
        kept.append((w, conf))
    return kept


def ocr_pages(data: bytes, numbers: list[int], workers: int | None = None) -> OcrResult:
    """OCR the given pages of a PDF, ``workers`` (default: ``--jobs``) pages at a time."""
    engine = engine_version()
    images = render(data, numbers)
    workers = max(1, min(workers or jobs(), len(numbers) or 1))
    if workers == 1:
        pages = {n: recognise(images[n], n) for n in numbers}
    else:
        with ThreadPoolExecutor(workers) as pool:
            done = pool.map(lambda n: recognise(images[n], n), numbers)
            pages = dict(zip(numbers, done, strict=True))
    return OcrResult(pages=pages, engine=engine)
