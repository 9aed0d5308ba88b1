"""Size limits that keep one hostile or broken file from stalling a build.

Every limit here turns a file into a one-line skip ("too large", "not text",
"zip bomb") rather than an exception, so the rest of the corpus still builds.
The checks run before the expensive work they protect: byte sizes before a
file is read, declared part sizes before a DOCX is unzipped, tag depth before
an HTML page is parsed into a tree.
"""

from __future__ import annotations

import io
import unicodedata
import zipfile
from dataclasses import dataclass
from html.parser import HTMLParser

# Characters of text after reading. A year of a busy council's minutes is
# well under a million. Memory grows with a report (a 2 MB text needs ~5 GiB
# today), so the default stops at 2.5 million; --max-chars raises it.
DEFAULT_MAX_CHARS = 2_500_000
# Bytes of any input file before it is read: generous for PDFs full of images.
DEFAULT_MAX_FILE_BYTES = 256 * 1024 * 1024
# How many bytes of a file one character of its text may take, by suffix.
BYTES_PER_CHAR = {".txt": 4, ".md": 4, ".html": 20, ".htm": 20}
# A DOCX is a zip: these bound what unzipping and parsing it can cost.
DOCX_MAX_XML_PART_BYTES = 48 * 1024 * 1024  # one XML part, uncompressed
DOCX_MAX_TOTAL_BYTES = 512 * 1024 * 1024  # all parts, uncompressed
DOCX_MAX_RATIO = 200  # legitimate XML deflates ~10-30:1; bombs 1000:1 and more
DOCX_MAX_PARTS = 10_000
# Real pages nest a few dozen levels; parsers go quadratic on deep nesting.
HTML_MAX_DEPTH = 512
# Share of characters that no text carries (C0/C1 controls other than
# whitespace, U+FFFD, noncharacters) above which a file is not a report.
MAX_JUNK_RATIO = 0.02
# spaCy's models are trained on sentences, not megabytes: long texts are
# processed in pieces of at most this many characters (spaCy's own limit is
# 1,000,000), cut at paragraph breaks, with offsets kept into the whole text.
CHUNK_CHARS = 200_000


class LimitExceeded(ValueError):
    """The reason a file is skipped, one line."""


@dataclass(frozen=True)
class Limits:
    max_chars: int = DEFAULT_MAX_CHARS
    max_file_bytes: int = DEFAULT_MAX_FILE_BYTES

    def check_size(self, size: int, bytes_per_char: int | None = None) -> None:
        """Refuse a file by its size alone, before it is read.

        ``bytes_per_char`` bounds how many bytes of the file one character of
        text can take: 4 for plain text (UTF-8), more for HTML (markup, and
        pictures inlined by word processors); None where no bound holds (PDF, DOCX).
        """
        if size > self.max_file_bytes:
            raise LimitExceeded(f"file too large ({size:,} bytes; limit {self.max_file_bytes:,})")
        if bytes_per_char and size > bytes_per_char * self.max_chars:
            raise LimitExceeded(f"text too long (over {self.max_chars:,} characters; raise --max-chars)")

    def check_chars(self, text: str) -> None:
        if len(text) > self.max_chars:
            raise LimitExceeded(
                f"text too long ({len(text):,} characters; limit {self.max_chars:,}, raise --max-chars)"
            )


def check_docx(data: bytes) -> None:
    """Refuse a DOCX whose parts would unzip to more than the limits allow.

    Declared sizes are enough: Python's zipfile never returns more bytes than
    a member declares (a lying header fails its CRC check instead).
    """
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            infos = zf.infolist()
    except (zipfile.BadZipFile, ValueError, OSError):
        return  # not a zip at all: the DOCX reader says so in its own words
    if len(infos) > DOCX_MAX_PARTS:
        raise LimitExceeded(f"DOCX has {len(infos):,} parts (limit {DOCX_MAX_PARTS:,}); a zip bomb?")
    total = 0
    for info in infos:
        total += info.file_size
        xml = info.filename.endswith((".xml", ".rels"))
        if xml and info.file_size > DOCX_MAX_XML_PART_BYTES:
            raise LimitExceeded(
                f"DOCX part {info.filename} unzips to {info.file_size:,} bytes "
                f"(limit {DOCX_MAX_XML_PART_BYTES:,})"
            )
        if info.file_size > 1_000_000 and info.file_size > DOCX_MAX_RATIO * max(info.compress_size, 1):
            ratio = info.file_size // max(info.compress_size, 1)
            raise LimitExceeded(f"DOCX part {info.filename} expands {ratio:,}-fold; a zip bomb?")
    if total > DOCX_MAX_TOTAL_BYTES:
        raise LimitExceeded(f"DOCX unzips to {total:,} bytes (limit {DOCX_MAX_TOTAL_BYTES:,})")


# Elements whose end tag may be left out, and void elements: counting them
# as nesting would make ordinary unclosed <p> and <li> look deep.
_NOT_NESTING = frozenset((
    "p", "li", "dt", "dd", "tr", "td", "th", "thead", "tbody", "tfoot", "colgroup", "caption", "option",
    "optgroup", "rb", "rt", "rtc", "rp", "html", "head", "body", "area", "base", "br", "col", "embed", "hr",
    "img", "input", "link", "meta", "source", "track", "wbr", "param", "keygen", "command", "basefont",
    "frame", "isindex",
))  # fmt: skip


class _DepthProbe(HTMLParser):
    def __init__(self, limit: int) -> None:
        super().__init__(convert_charrefs=False)
        self.limit = limit
        self.depth = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag not in _NOT_NESTING:
            self.depth += 1
            if self.depth > self.limit:
                raise LimitExceeded(f"HTML nested deeper than {self.limit} elements")

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        pass

    def handle_endtag(self, tag: str) -> None:
        if tag not in _NOT_NESTING and self.depth:
            self.depth -= 1


def check_html(data: bytes) -> None:
    """Refuse HTML nested deeper than :data:`HTML_MAX_DEPTH` (a linear scan, before parsing)."""
    probe = _DepthProbe(HTML_MAX_DEPTH)
    text = data.decode("latin-1")  # byte-transparent; only tag structure matters here
    try:
        probe.feed(text)
        probe.close()
    except AssertionError:
        # html.parser's declaration scanner raises this on a malformed "<![…": the page is
        # the reader's to judge, which parses it again and says what is wrong
        return


def _is_junk(char: str) -> bool:
    if char in "\t\n\r\f\v":
        return False
    code = ord(char)
    if code < 0x20 or 0x7F <= code < 0xA0 or char == "\ufffd":
        return True
    return (0xFDD0 <= code <= 0xFDEF) or (code & 0xFFFE) == 0xFFFE or unicodedata.category(char) == "Cs"


def junk_ratio(text: str, sample: int = 200_000) -> float:
    """Share of characters in (a sample of) ``text`` that no report carries."""
    if len(text) > sample:  # beginning, middle and end
        third = sample // 3
        mid = len(text) // 2
        text = text[:third] + text[mid - third // 2 : mid + third // 2] + text[-third:]
    if not text:
        return 0.0
    return sum(1 for c in text if _is_junk(c)) / len(text)


def check_text_like(text: str) -> None:
    ratio = junk_ratio(text)
    if ratio > MAX_JUNK_RATIO:
        raise LimitExceeded(f"not text: {ratio:.0%} control or replacement characters (binary or damaged?)")


def chunk_bounds(text: str, size: int = CHUNK_CHARS) -> list[tuple[int, int]]:
    """``(start, end)`` pieces covering ``text`` exactly, each at most ``size`` characters.

    A piece ends after the last paragraph break inside the window, else the
    last line break, else the last sentence end, else the last space; only a
    text with none of these is cut mid-word.
    """
    bounds: list[tuple[int, int]] = []
    start, n = 0, len(text)
    while n - start > size:
        window_end = start + size
        cut = -1
        for sep in ("\n\n", "\n", ". ", " "):
            at = text.rfind(sep, start + size // 4, window_end)
            if at != -1:
                cut = at + len(sep)
                break
        if cut <= start:
            cut = window_end
        bounds.append((start, cut))
        start = cut
    bounds.append((start, n))
    return bounds
