"""Find report files and read them into :class:`SourceDocument` records.

Each format is reduced to plain text with paragraphs separated by blank
lines; the cleaned text (same length) is what later stages read.
"""

from __future__ import annotations

import hashlib
import io
import re
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING

from boardgraph.errors import BoardgraphError
from boardgraph.ingest.clean import clean_text
from boardgraph.ingest.pdf import OcrFields, PdfProblem, PdfRead, read_pdf
from boardgraph.limits import BYTES_PER_CHAR, LimitExceeded, Limits, check_docx, check_html, check_text_like
from boardgraph.model import SourceDocument

if TYPE_CHECKING:
    from pypdf import PdfReader

SUPPORTED_SUFFIXES = (".txt", ".md", ".pdf", ".docx", ".html", ".htm")


class IngestError(BoardgraphError):
    """A file that cannot be read as a report; the message is one line naming it."""

    def __init__(self, path: Path | str, problem: str) -> None:
        super().__init__(f"{path}: {problem}")
        self.path = Path(path)
        self.problem = problem


def discover(paths: Iterable[Path | str]) -> list[Path]:
    """Report files under ``paths`` (files or folders, recursively), sorted and unique."""
    found: dict[Path, Path] = {}
    for given in paths:
        path = Path(given)
        if not path.exists():
            raise IngestError(path, "no such file or folder")
        if path.is_dir():
            candidates = [p for p in path.rglob("*") if p.is_file() and _is_report_name(p, path)]
        else:
            # An explicit file is passed on whatever its suffix, so that
            # read_document can say exactly why it is refused.
            candidates = [path]
        for candidate in candidates:
            found.setdefault(candidate.resolve(), candidate)
    return sorted(found.values(), key=lambda p: (p.as_posix(), str(p.resolve())))


def _is_report_name(path: Path, root: Path) -> bool:
    if path.suffix.lower() not in SUPPORTED_SUFFIXES:
        return False
    # Hidden files and Office lock files ("~$report.docx") are never reports.
    parts = path.relative_to(root).parts
    return not any(part.startswith((".", "~$")) for part in parts)


def read_document(path: Path | str, limits: Limits | None = None) -> SourceDocument:
    """Read one report; raise :class:`IngestError` with a one-line reason if it can't be.

    ``limits`` bound what one file may cost (bytes before reading, characters
    after); a file over them is refused with the limit it broke.
    """
    path = Path(path)
    limits = limits or Limits()
    suffix = path.suffix.lower()
    if suffix not in SUPPORTED_SUFFIXES:
        raise IngestError(path, f"unsupported file type {suffix or '(no suffix)'}")
    data = _read_bytes(path, suffix, limits)
    try:
        raw, fmt, encoding, pdf_read = _read_text(path, suffix, data)
        raw = raw.replace("\r\n", "\n").replace("\r", "\n")
        if not raw.strip():
            raise IngestError(path, "no text in file")
        check_text_like(raw)
        limits.check_chars(raw)
    except LimitExceeded as exc:
        raise IngestError(path, str(exc)) from None
    except RecursionError:
        raise IngestError(path, "nested too deeply to read") from None
    except MemoryError:
        raise IngestError(path, "too large to read in memory") from None
    ocr: OcrFields = pdf_read.ocr_fields() if pdf_read else {}
    return SourceDocument(
        path=path,
        identifier=path.stem,
        format=fmt,
        raw_text=raw,
        text=clean_text(raw),
        sha256=hashlib.sha256(data).hexdigest(),
        encoding=encoding,
        **ocr,
    )


_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f\x7f]")


def _read_bytes(path: Path, suffix: str, limits: Limits) -> bytes:
    try:
        if not path.is_dir():
            limits.check_size(path.stat().st_size, BYTES_PER_CHAR.get(suffix))
        data = path.read_bytes()
    except LimitExceeded as exc:
        raise IngestError(path, str(exc)) from None
    except IsADirectoryError:
        raise IngestError(path, "is a folder, not a file") from None
    except OSError as exc:
        raise IngestError(path, f"cannot read file ({exc.strerror or exc})") from None
    if not data.strip():
        raise IngestError(path, "empty file")
    return data


def _read_text(path: Path, suffix: str, data: bytes) -> tuple[str, str, str | None, PdfRead | None]:
    """The file's text, its format, the text encoding (plain text only) and the PDF reading (PDF only)."""
    if suffix in (".txt", ".md"):
        raw, encoding = _decode_text(path, data)
        return raw, suffix[1:], encoding, None
    if suffix == ".pdf":
        pdf_read = _read_pdf(path, data)
        return pdf_read.text, "pdf", None, pdf_read
    if suffix == ".docx":
        check_docx(data)
        return _read_docx(path, data), "docx", None, None
    check_html(data)
    return _read_html(path, data), "html", None, None


def _decode_text(path: Path, data: bytes) -> tuple[str, str]:
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16"), "utf-16"
        except UnicodeDecodeError:
            raise IngestError(path, "binary file, not a report") from None
    if b"\x00" in data[:8192]:
        raise IngestError(path, "binary file, not a report")
    try:
        text, encoding = data.decode("utf-8-sig"), "utf-8"
    except UnicodeDecodeError:
        try:
            text, encoding = data.decode("cp1252"), "cp1252"
        except UnicodeDecodeError:
            # cp1252 leaves five bytes undefined; latin-1 decodes anything.
            text, encoding = data.decode("latin-1"), "latin-1"
    sample = text[:20000]
    if len(_CONTROL.findall(sample)) > 0.05 * max(len(sample), 1):
        raise IngestError(path, "binary file, not a report")
    return text, encoding


def _read_pdf(path: Path, data: bytes) -> PdfRead:
    from pypdf import PdfReader

    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted and not _opens_without_password(reader):
            raise IngestError(path, "encrypted PDF, cannot read text")
        return read_pdf(data)
    except IngestError:
        raise
    except PdfProblem as exc:
        raise IngestError(path, str(exc)) from None
    except Exception as exc:  # the PDF libraries raise many types on damaged files
        raise IngestError(path, f"corrupt or unreadable PDF ({type(exc).__name__})") from None


def _opens_without_password(reader: PdfReader) -> bool:
    """Many PDFs are encrypted only to set permissions, with an empty user password."""
    from pypdf import PasswordType
    from pypdf.errors import PyPdfError

    try:
        return reader.decrypt("") != PasswordType.NOT_DECRYPTED
    except (PyPdfError, NotImplementedError, ValueError):
        return False  # an encryption pypdf does not support, or needs a missing package for


def _read_docx(path: Path, data: bytes) -> str:
    import docx
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    try:
        document = docx.Document(io.BytesIO(data))
    except Exception as exc:
        raise IngestError(path, f"corrupt or unreadable DOCX ({type(exc).__name__})") from None
    blocks: list[str] = []
    # Walk the body in order so that tables stay where they were written.
    for child in document.element.body.iterchildren():
        tag = child.tag.rsplit("}", 1)[-1]
        if tag == "p":
            blocks.append(Paragraph(child, document).text)
        elif tag == "tbl":
            blocks.extend(_table_cells(Table(child, document)))
    return "\n\n".join(b.strip() for b in blocks if b.strip())


def _table_cells(table: object) -> list[str]:
    cells: list[str] = []
    seen: set[object] = set()
    for row in table.rows:  # type: ignore[attr-defined]
        for cell in row.cells:
            # Merged cells are returned once per grid column; keep one copy.
            if cell._tc in seen:
                continue
            seen.add(cell._tc)  # holding the element keeps its identity stable
            cells.extend(p.text for p in cell.paragraphs)
    return cells


_BLOCK_TAGS = (
    "p", "div", "section", "article", "main", "aside", "header", "footer", "blockquote", "pre",
    "h1", "h2", "h3", "h4", "h5", "h6", "ul", "ol", "li", "dl", "dt", "dd", "table", "thead",
    "tbody", "tfoot", "tr", "td", "th", "caption", "form", "fieldset", "figure", "figcaption",
    "address", "hr", "details", "summary",
)  # fmt: skip
_DROP_TAGS = ("script", "style", "nav", "head", "noscript", "template", "svg", "iframe", "button")
_PARA = "\ue000"  # private-use sentinels, swapped for newlines after whitespace is folded
_BREAK = "\ue001"
_CELL = "\ue002"  # between the cells of a table row, which stays one line
_CELL_TAGS = ("td", "th")


def _read_html(path: Path, data: bytes) -> str:
    from bs4 import BeautifulSoup
    from bs4.element import Comment, Declaration, Doctype, NavigableString, ProcessingInstruction

    try:
        soup = BeautifulSoup(data, "html.parser")
    except Exception as exc:
        raise IngestError(path, f"unreadable HTML ({type(exc).__name__})") from None
    for tag in soup.find_all(_DROP_TAGS):
        tag.decompose()
    for node in soup.find_all(
        string=lambda s: isinstance(s, Comment | Declaration | Doctype | ProcessingInstruction)
    ):
        node.extract()
    for br in soup.find_all("br"):
        br.replace_with(NavigableString(_BREAK))
    for tag in soup.find_all(_CELL_TAGS):
        tag.insert_before(NavigableString(_CELL))
    for tag in soup.find_all([t for t in _BLOCK_TAGS if t not in _CELL_TAGS]):
        # Blocks inside a cell (<td><p>…</p></td>) must not cut its row in two.
        mark = " " if tag.find_parent(_CELL_TAGS) else _PARA
        tag.insert_before(NavigableString(mark))
        tag.append(NavigableString(mark))
    text = soup.get_text()
    text = re.sub(r"[ \t\r\n\f\v]+", " ", text)
    text = re.sub(rf" *{_BREAK} *", "\n", text)
    text = re.sub(rf"[ \n]*{_PARA}[{_PARA} \n]*", "\n\n", text)
    # A row reads "cell<TAB>cell": no tab before its first cell or after its last.
    text = re.sub(rf"(?:[ \t]*{_CELL}[ \t]*)+", "\t", text)
    text = re.sub(r"(?m)^\t+|\t+$", "", text)
    return text.strip()
