"""PDF pages back into the report's paragraphs.

A PDF holds positioned words, not paragraphs: lines break wherever the column
ended, words are split at line ends with a hyphen, and every page repeats its
header, footer and number. pdfplumber (on pdfminer.six) gives each word with
its box, font and size, which is what the layout needs; pypdf's text keeps
every line break and no positions. The same layout rules read OCR'd pages,
whose words come with boxes from Tesseract (see :mod:`boardgraph.ingest.ocr`).

The text produced here *is* the report's raw text: furniture is left out and
hyphens at line ends are undone here, before any offset is taken, so every
offset in the graph points into exactly this text.
"""

from __future__ import annotations

import difflib
import io
import itertools
import re
import statistics
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any, TypedDict

# Characters that open a list item when they start a line (U+F0B7 and friends
# are Symbol/Wingdings bullets as Word exports them, private-use code points).
BULLETS = frozenset("•●▪◦▫■□➢➤✓·\uf0b7\uf0a7\uf0d8\uf076\uf0fc\uf0a8-*")
_NUMBERED = re.compile(r"^\(?(?:\d{1,3}(?:\.\d{1,3})*|[a-z]|[ivx]{1,4})[.)](?:\s|$)")
_PAGE_NUMBER = re.compile(r"(?i)(?:page\s*)?\d{1,4}(?:\s*(?:of|/)\s*\d{1,4})?|[-–]\s*\d{1,4}\s*[-–]")
_TERMINAL = ".!?:;"
_URL_BROKEN = re.compile(r"(?:https?://|www\.)\S*/$")
CELL = "\t"  # between the cells of a table row: a row stays one line of its own


@dataclass
class Word:
    text: str
    x0: float
    x1: float
    top: float
    bottom: float
    size: float  # font size (or, from OCR, an estimate from the box)
    bold: bool = False

    @property
    def middle(self) -> float:
        return (self.top + self.bottom) / 2


@dataclass
class Line:
    words: list[Word]
    region: int = 0  # lines of one column (or one OCR block) share a region
    cells: list[str] = field(default_factory=list)  # set when the line is a table row
    ocr: bool = False  # read from a picture: sizes are estimates, regions are Tesseract's blocks

    @property
    def x0(self) -> float:
        return min(w.x0 for w in self.words)

    @property
    def x1(self) -> float:
        return max(w.x1 for w in self.words)

    @property
    def top(self) -> float:
        return min(w.top for w in self.words)

    @property
    def bottom(self) -> float:
        return max(w.bottom for w in self.words)

    @property
    def middle(self) -> float:
        return (self.top + self.bottom) / 2

    @property
    def size(self) -> float:
        return statistics.median(w.size for w in self.words)

    @property
    def bold(self) -> bool:
        return all(w.bold for w in self.words)

    @property
    def text(self) -> str:
        if self.cells:
            return CELL.join(self.cells)
        return _join_words(self.words)


@dataclass
class Page:
    number: int  # 1-based
    width: float
    height: float
    lines: list[Line]  # in reading order
    ocr: bool = False
    confidence: float | None = None  # mean OCR word confidence, 0..1
    pictures: int = 0  # images drawn on the page
    picture_cover: float = 0.0  # share of the page the largest image covers


def _join_words(words: list[Word]) -> str:
    out: list[str] = []
    prev: Word | None = None
    for w in words:
        # Words split only by a change of font (a superscript "th") touch.
        if prev is not None and w.x0 - prev.x1 > 0.1 * min(w.size, prev.size):
            out.append(" ")
        out.append(w.text)
        prev = w
    return "".join(out)


# ------------------------------------------------------------ words → lines


def group_rows(words: Iterable[Word]) -> list[list[Word]]:
    """Words on one baseline, top to bottom, each row left to right."""
    rows: list[list[Word]] = []
    for w in sorted(words, key=lambda w: (w.middle, w.x0)):
        if rows:
            row = rows[-1]
            middle = statistics.median(x.middle for x in row)
            if abs(w.middle - middle) <= 0.45 * max(w.size, row[0].size):
                row.append(w)
                continue
        rows.append([w])
    return [sorted(r, key=lambda w: w.x0) for r in rows]


def _split_cells(row: list[Word]) -> list[list[Word]]:
    """Runs of words separated by gaps wider than any stretched space.

    A justified line stretches every space alike, so a row is only cut into
    cells where its wide gaps stand out from its narrow ones (or where every
    cell is a single word, as in a column of figures).
    """
    gaps = [w.x0 - prev.x1 for prev, w in itertools.pairwise(row)]
    size = statistics.median(w.size for w in row)
    wide = [g > 1.8 * size for g in gaps]
    lead = row[0].text
    if wide and len(lead) == 1 and (not lead.isalnum() or _OCR_BULLET.match(f"{lead} X")):
        wide[0] = False  # a bullet and its tab stop
    if not any(wide):
        return [row]
    narrow = [g for g, is_wide in zip(gaps, wide, strict=True) if not is_wide]
    if narrow and max(narrow) > 0.5 * min(g for g, is_wide in zip(gaps, wide, strict=True) if is_wide):
        return [row]
    if not narrow and len(row) > 4:
        return [row]
    runs = [[row[0]]]
    for w, is_wide in zip(row[1:], wide, strict=True):
        if is_wide:
            runs.append([w])
        else:
            runs[-1].append(w)
    return runs


def _crosses(row: list[Word], x: float) -> bool:
    if any(w.x0 < x < w.x1 for w in row):
        return True
    left = [w for w in row if w.x1 <= x]
    right = [w for w in row if w.x0 >= x]
    # Words close on both sides of x: the line runs across, x is no gutter.
    return bool(left and right) and right[0].x0 - left[-1].x1 < 1.0 * row[0].size


def find_gutter(rows: list[list[Word]], width: float) -> float | None:
    """The x of a gutter between two columns of running text, if the page has one."""
    if len(rows) < 6:
        return None
    best: list[tuple[int, float]] = []
    x = 0.3 * width
    while x <= 0.7 * width:
        best.append((sum(_crosses(r, x) for r in rows), x))
        x += 1.0
    fewest = min(c for c, _ in best)
    if fewest > 0.4 * len(rows):
        return None
    # The middle of the widest run of equally free positions.
    runs: list[list[float]] = []
    for c, x in best:
        if c == fewest:
            if runs and x - runs[-1][-1] <= 1.01:
                runs[-1].append(x)
            else:
                runs.append([x])
    run = max(runs, key=len)
    gutter = (run[0] + run[-1]) / 2
    free = [r for r in rows if not _crosses(r, gutter)]
    both = [r for r in free if any(w.x1 <= gutter for w in r) and any(w.x0 >= gutter for w in r)]
    if len(both) < 4:
        return None
    # Running text fills its column: most left halves end near the column's
    # edge, and both sides hold phrases. A table's cells are short and ragged.
    left_edge = min(w.x0 for r in rows for w in r)
    reach = [max(w.x1 for w in r if w.x1 <= gutter) for r in both]
    edge = max(reach)
    near = sum(edge - x1 < 0.3 * (edge - left_edge) for x1 in reach)
    left_words = statistics.median(sum(w.x1 <= gutter for w in r) for r in both)
    right_words = statistics.median(sum(w.x0 >= gutter for w in r) for r in both)
    if near >= 0.6 * len(both) and min(left_words, right_words) >= 4:
        return gutter
    return None


def make_line(words: list[Word], region: int, ocr: bool = False) -> Line:
    """A line; a row of cells set apart by wide gaps is a table row."""
    line = Line(words=words, region=region, ocr=ocr)
    cells = _split_cells(words)
    if len(cells) >= 2:
        line.cells = [_join_words(c) for c in cells]
    return line


def order_lines(words: list[Word], width: float) -> list[Line]:
    """Lines in reading order: full-width lines as they come, columns one after the other."""
    rows = group_rows(words)
    if not rows:
        return []
    gutter = find_gutter(rows, width)
    if gutter is None:
        return [make_line(r, 0) for r in rows]
    out: list[Line] = []
    left: list[Line] = []
    right: list[Line] = []

    def flush() -> None:
        out.extend(left)
        out.extend(right)
        left.clear()
        right.clear()

    for row in rows:
        if _crosses(row, gutter):
            flush()
            out.append(make_line(row, 0))
            continue
        lpart = [w for w in row if w.x1 <= gutter]
        rpart = [w for w in row if w.x0 >= gutter]
        if lpart:
            left.append(make_line(lpart, 1))
        if rpart:
            right.append(make_line(rpart, 2))
    flush()
    return out


# ------------------------------------------------------------ the text layer


def _is_bold(fontname: str) -> bool:
    return bool(re.search(r"(?i)bold|black|heavy|semibold|demi", fontname or ""))


def read_pages(data: bytes) -> list[Page]:
    """Every page of the PDF with its text-layer lines (empty for a page that is an image)."""
    import pdfplumber

    pages: list[Page] = []
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        for number, page in enumerate(pdf.pages, start=1):
            raw = page.extract_words(
                keep_blank_chars=False, use_text_flow=False, extra_attrs=["fontname", "size"]
            )
            words = [
                Word(
                    text=w["text"],
                    x0=float(w["x0"]),
                    x1=float(w["x1"]),
                    top=float(w["top"]),
                    bottom=float(w["bottom"]),
                    size=float(w["size"]) or 10.0,
                    bold=_is_bold(w.get("fontname", "")),
                )
                for w in raw
                if w["text"].strip()
            ]
            width, height = float(page.width), float(page.height)
            pages.append(
                Page(
                    number,
                    width,
                    height,
                    order_lines(words, width),
                    pictures=len(page.images),
                    picture_cover=_largest_picture(page.images, width * height),
                )
            )
            page.flush_cache()
    return pages


def _largest_picture(images: list[dict[str, Any]], area: float) -> float:
    sizes = [abs(float(i["x1"]) - float(i["x0"])) * abs(float(i["bottom"]) - float(i["top"])) for i in images]
    return min(1.0, max(sizes, default=0.0) / area) if area else 0.0


def has_text(page: Page) -> bool:
    """A page whose text layer holds the page's text (else it is a picture of text)."""
    chars = sum(len(w.text) for line in page.lines for w in line.words)
    # A scan may carry a stamped page number or a reference added after
    # scanning: a page-sized picture with a line or two of text is still a scan.
    return chars >= (200 if page.picture_cover > 0.5 else 20)


def is_scan(page: Page) -> bool:
    return page.pictures > 0 and not has_text(page)


# ------------------------------------------------------------ furniture


def _furniture_key(text: str) -> str:
    return re.sub(r"\d+", "#", re.sub(r"[^a-z0-9]+", "", text.lower()))


def _zone_lines(page: Page) -> list[int]:
    """Indices of the lines in the top and bottom bands of a page, where furniture lives."""
    if not page.lines:
        return []
    by_top = sorted(range(len(page.lines)), key=lambda i: page.lines[i].top)
    top = [i for i in by_top[:3] if page.lines[i].bottom < 0.14 * page.height]
    bottom = [i for i in by_top[-3:] if page.lines[i].top > 0.86 * page.height]
    return sorted(set(top + bottom))


def _body_size(page: Page) -> float:
    """The size most of a page's text is set in (the median by characters)."""
    sizes = sorted((line.size, sum(len(w.text) for w in line.words)) for line in page.lines)
    half, seen = sum(n for _, n in sizes) / 2, 0
    for size, n in sizes:
        seen += n
        if seen >= half:
            return size
    return 0.0


def _similar(a: str, b: str) -> bool:
    # OCR reads the same running head a little differently on every page.
    return a == b or (len(a) > 8 and difflib.SequenceMatcher(None, a, b).ratio() >= 0.8)


def furniture(pages: list[Page]) -> dict[int, set[int]]:
    """Running headers, footers and page numbers: page number → indices of its furniture lines.

    A line in a page's top or bottom band is furniture when the same text
    (digits aside) recurs there on at least half the pages, or when it is a
    bare page number, or small print. The first page's copy goes too: a running head names
    the publisher or the document, which the title block says again.
    """
    zones = {p.number: _zone_lines(p) for p in pages}
    keys = {p.number: [_furniture_key(p.lines[i].text) for i in zones[p.number]] for p in pages}
    need = max(2, (len(pages) + 1) // 2)
    found: dict[int, set[int]] = {}
    for p in pages:
        body = _body_size(p)
        for i, key in zip(zones[p.number], keys[p.number], strict=True):
            line = p.lines[i]
            text = line.text.strip()
            pages_with = sum(any(_similar(key, k) for k in keys[q.number]) for q in pages)
            repeated = pages_with >= need
            is_number = bool(_PAGE_NUMBER.fullmatch(text))
            # Small print in the top band (or a short line in the bottom one) is
            # the furniture of a page even when there is no other page to compare.
            small = line.size <= 0.85 * body and (line.top < 0.5 * p.height or len(line.words) <= 8)
            if not (repeated or is_number or small):
                continue
            found.setdefault(p.number, set()).add(i)
    return found


# ------------------------------------------------------------ lines → paragraphs


# OCR reads a bullet as a letter or a mark: "e 2. With …", "° The …".
_OCR_BULLET = re.compile(r"^[eo°«¢©@*+»] (?=[A-Z0-9(])")


def _starts_item(text: str, ocr: bool = False) -> bool:
    head = text.lstrip()
    if not head:
        return False
    if ocr and _OCR_BULLET.match(head):
        return True
    if head[0] in BULLETS and (len(head) == 1 or head[1].isspace() or head[0] > "\uefff"):
        return True
    return bool(_NUMBERED.match(head))


def _region_right(lines: list[Line]) -> dict[int, float]:
    """Where each region's lines end; a table row may reach past the text and is left out."""
    right: dict[int, float] = {}
    for line in lines:
        if not line.cells or line.region not in right:
            right[line.region] = max(right.get(line.region, 0.0), line.x1)
    return right


def _column_right(lines: list[Line], line: Line, width: float) -> float:
    """Where the lines that start where ``line`` does end: its column's edge on a scanned page.

    Tesseract's blocks may cut a paragraph or hold a lone heading, so on a
    scan the column is found from the left margins instead.
    """
    near = [ln.x1 for ln in lines if abs(ln.x0 - line.x0) < 0.08 * width and not ln.cells]
    return max(near, default=line.x1)


def _pitch(lines: list[Line]) -> float:
    pitches = [
        b.middle - a.middle
        for a, b in itertools.pairwise(lines)
        if (a.region == b.region or a.ocr) and not a.cells and not b.cells and b.middle > a.middle
    ]
    return statistics.median(pitches) if pitches else 0.0


@dataclass
class _Flow:
    """A line in the document's flow, with what the paragraph rules need to know of it."""

    line: Line
    page: int
    short: bool  # ends well before its column does: a paragraph's last line
    gap_before: bool  # more space above it than between the lines of a paragraph


def _flow(pages: list[Page]) -> list[_Flow]:
    skip = furniture(pages)
    flow: list[_Flow] = []
    for page in pages:
        body = [ln for i, ln in enumerate(page.lines) if i not in skip.get(page.number, set())]
        right = _region_right(body)
        pitch = _pitch(body)
        prev: Line | None = None
        for k, line in enumerate(body):
            nxt = body[k + 1] if k + 1 < len(body) else None
            edge = _column_right(body, line, page.width) if line.ocr else right[line.region]
            short = False
            if nxt is not None and (nxt.region == line.region or line.ocr) and not nxt.cells:
                # The next line's first word would have fitted on this one.
                first = nxt.words[0]
                short = line.x1 + (first.x1 - first.x0) + 0.5 * line.size < edge
            elif nxt is None:
                short = edge - line.x1 > 0.15 * max(edge - line.x0, 1.0)
            gap = (
                prev is not None
                and (prev.region == line.region or line.ocr)
                and pitch > 0
                and line.middle - prev.middle > 1.35 * pitch
            )
            flow.append(_Flow(line, page.number, short, bool(gap)))
            prev = line
    return flow


def _breaks(prev: _Flow, cur: _Flow) -> bool:
    """Does ``cur`` start a new paragraph rather than continue ``prev``'s?"""
    a, b = prev.line, cur.line
    text_a, text_b = a.text.rstrip(), b.text.lstrip()
    if a.cells or b.cells or _starts_item(text_b, b.ocr):
        return True
    if not (a.ocr or b.ocr) and (a.bold != b.bold or abs(a.size - b.size) > 0.12 * max(a.size, b.size)):
        return True  # a heading: its own font
    if cur.gap_before:
        return True  # a paragraph's space, whatever case the next line starts in
    if text_b[:1].islower() or text_a.endswith(("-", "\u00ad", ",")):
        return False
    if cur.page != prev.page or b.region != a.region:
        # Across a page or column: the sentence runs on unless it had ended.
        return text_a[-1:] in _TERMINAL or prev.short
    if text_a[-1:] in ".!?" and b.x0 - a.x0 > 0.8 * b.size and not _starts_item(text_a, a.ocr):
        # A first-line indent opens a paragraph set without space between
        # (a list item's hanging indent, after its bullet line, does not).
        return True
    return prev.short


def _vocabulary(flow: list[_Flow]) -> tuple[set[str], set[str]]:
    """Words of the document as written within lines: plain, and hyphenated compounds."""
    plain: set[str] = set()
    hyphened: set[str] = set()
    for f in flow:
        for token in re.findall(r"[A-Za-z]+(?:-[A-Za-z]+)*", f.line.text):
            if "-" in token:
                hyphened.add(token.lower())
                plain.update(p.lower() for p in token.split("-"))
            else:
                plain.add(token.lower())
    return plain, hyphened


def _dehyphenate(head: str, tail: str, vocab: tuple[set[str], set[str]]) -> str:
    """Join ``head`` (ending in a hyphen) to ``tail``: undo the break, or keep a compound's hyphen."""
    plain, hyphened = vocab
    stem = head[:-1]
    m_head = re.search(r"[A-Za-z]+$", stem)
    m_tail = re.match(r"[A-Za-z]+", tail)
    if head.endswith("\u00ad") or not (m_head and m_tail):
        return stem + tail if head.endswith("\u00ad") else head + tail
    left, right = m_head.group(0).lower(), m_tail.group(0).lower()
    if f"{left}-{right}" in hyphened and left + right not in plain:
        return head + tail  # a compound the report writes with its hyphen ("sector-led")
    if left + right in plain or tail[:1].islower():
        return stem + tail
    return head + tail


def layout_text(pages: list[Page]) -> str:
    """The pages' lines as paragraphs separated by blank lines; list items and table rows on their own."""
    flow = _flow(pages)
    vocab = _vocabulary(flow)
    paragraphs: list[str] = []
    current = ""
    prev: _Flow | None = None
    item = False
    for f in flow:
        text = re.sub(r"\s+", " ", f.line.text).strip() if not f.line.cells else f.line.text
        if f.line.ocr:
            text = _OCR_BULLET.sub("• ", text)  # the bullet the picture showed
        if not text:
            continue
        # A line back out at the margin ends a list item, whatever its case.
        # (A scan's line starts wander with specks and skew: allow it an em.)
        slack = (1.0 if f.line.ocr else 0.3) * f.line.size
        outdent = item and prev is not None and f.line.x0 < prev.line.x0 - slack
        if prev is None or outdent or _breaks(prev, f):
            if current:
                paragraphs.append(current)
            current = text
            item = _starts_item(text, f.line.ocr)
        elif current.endswith(("-", "\u00ad")) and current[-2:-1].isalpha():
            current = _dehyphenate(current, text, vocab)
        elif _URL_BROKEN.search(current):
            current += text  # a web address broken after a slash has no space in it
        else:
            current = f"{current} {text}"
        prev = f
    if current:
        paragraphs.append(current)
    return "\n\n".join(paragraphs)


# ------------------------------------------------------------ the whole file


class PdfProblem(Exception):
    """Why a PDF gives no text, in a few words (the reader names the file)."""


class OcrFields(TypedDict, total=False):
    """The OCR provenance fields of :class:`~boardgraph.model.SourceDocument`."""

    ocr_engine: str | None
    ocr_pages: tuple[int, ...]
    ocr_confidence: float | None
    ocr_low_pages: tuple[int, ...]


@dataclass
class PdfRead:
    text: str
    ocr_engine: str | None = None
    ocr_pages: tuple[int, ...] = ()
    ocr_confidence: float | None = None
    ocr_low_pages: tuple[int, ...] = ()

    def ocr_fields(self) -> OcrFields:
        """The OCR provenance as :class:`~boardgraph.model.SourceDocument` keyword arguments."""
        return {
            "ocr_engine": self.ocr_engine,
            "ocr_pages": self.ocr_pages,
            "ocr_confidence": self.ocr_confidence,
            "ocr_low_pages": self.ocr_low_pages,
        }


def read_pdf(data: bytes) -> PdfRead:
    """The report's text from a PDF: text-layer pages laid out, picture-only pages OCR'd."""
    pages = read_pages(data)
    scans = [p.number for p in pages if is_scan(p)]
    if not scans:
        if not any(ln.words for p in pages for ln in p.lines):
            raise PdfProblem("PDF has no text layer (scanned?)")
        return PdfRead(layout_text(pages))
    from boardgraph.ingest import ocr

    try:
        result = ocr.ocr_pages(data, scans)
    except ocr.OcrUnavailable as exc:
        if any(has_text(p) for p in pages):
            return PdfRead(layout_text(pages))
        raise PdfProblem(f"PDF has no text layer and OCR is not possible: {exc}") from None
    pages = [result.pages.get(p.number, p) for p in pages]
    if not any(ln.words for p in pages for ln in p.lines):
        raise PdfProblem("PDF has no text layer and OCR found no text")
    confidence = result.confidence
    return PdfRead(
        layout_text(pages),
        ocr_engine=result.engine,
        ocr_pages=tuple(scans),
        ocr_confidence=None if confidence is None else round(confidence, 4),
        ocr_low_pages=tuple(result.low_pages()),
    )
