"""discover / read_document over every supported format, and clear refusals."""

from __future__ import annotations

import hashlib
import html
from pathlib import Path

import pytest

from boardgraph.errors import BoardgraphError
from boardgraph.ingest.read import SUPPORTED_SUFFIXES, IngestError, discover, read_document

ROOT = Path(__file__).resolve().parents[1]
REPORTS = ROOT / "data" / "reports"
EXTRA = ROOT.parent / "shared" / "corpus-extra"

HAND_MADE = (
    "Audit Panel – report from Councillor Jane Roe (Chair)\n\n"
    "1. The panel met on 4 March 2019 to review the accounts.\n\n"
    "2. The next meeting will be held in June.\n\n"
    "Contact officer: Sam Hill\n"
)


def sample_text() -> str:
    path = next(REPORTS.glob("004_*.txt"), None)
    return path.read_text(encoding="utf-8") if path else HAND_MADE


def paragraphs(text: str) -> list[str]:
    return [" ".join(p.split()) for p in text.split("\n\n") if p.strip()]


def one_line(exc: pytest.ExceptionInfo[IngestError]) -> str:
    message = str(exc.value)
    assert "\n" not in message
    return message


# -- discover


def test_discover_folders_files_sorted_unique(tmp_path: Path) -> None:
    (tmp_path / "b").mkdir()
    (tmp_path / "b" / "z.txt").write_text("z")
    (tmp_path / "b" / "a.md").write_text("a")
    (tmp_path / "b" / "skip.xlsx").write_bytes(b"x")
    (tmp_path / "b" / ".hidden.txt").write_text("h")
    (tmp_path / "b" / "~$lock.docx").write_bytes(b"x")
    (tmp_path / "c.HTML").write_text("<p>c</p>")
    explicit = tmp_path / "odd.xlsx"
    explicit.write_bytes(b"x")
    found = discover([tmp_path / "b", tmp_path / "b" / "z.txt", str(tmp_path / "c.HTML"), explicit])
    assert [p.name for p in found] == ["a.md", "z.txt", "c.HTML", "odd.xlsx"]
    assert discover([tmp_path]) == sorted(discover([tmp_path]))


def test_discover_missing_path(tmp_path: Path) -> None:
    with pytest.raises(IngestError) as exc:
        discover([tmp_path / "nope"])
    assert "nope" in one_line(exc)
    assert isinstance(exc.value, BoardgraphError)  # the CLI reports it as one line


def test_supported_suffixes() -> None:
    assert SUPPORTED_SUFFIXES == (".txt", ".md", ".pdf", ".docx", ".html", ".htm")


# -- text formats


def test_txt_utf8_with_bom_and_crlf(tmp_path: Path) -> None:
    path = tmp_path / "r1.txt"
    data = "\ufeffBoard – report\r\n\r\nCaf\u00e9 line\r\n".encode()
    path.write_bytes(data)
    doc = read_document(path)
    assert doc.identifier == "r1"
    assert doc.format == "txt"
    assert doc.encoding == "utf-8"
    assert doc.raw_text == "Board – report\n\nCafé line\n"
    assert len(doc.text) == len(doc.raw_text)
    assert doc.sha256 == hashlib.sha256(data).hexdigest()


def test_txt_windows_1252_fallback(tmp_path: Path) -> None:
    path = tmp_path / "old.txt"
    path.write_bytes("Councillor\u2019s report \u2013 \u00a3500".encode("cp1252"))
    doc = read_document(path)
    assert doc.encoding == "cp1252"
    assert doc.raw_text == "Councillor\u2019s report \u2013 \u00a3500"


def test_md_is_cleaned_but_same_length(tmp_path: Path) -> None:
    path = tmp_path / "notes.md"
    path.write_text("## **Heading**\n\n- 1. [Item](http://x.org)\n", encoding="utf-8")
    doc = read_document(path)
    assert doc.format == "md"
    assert len(doc.text) == len(doc.raw_text)
    assert paragraphs(doc.text) == ["Heading", "Item"]


@pytest.mark.parametrize(
    ("name", "data", "problem"),
    [
        ("empty.txt", b"", "empty file"),
        ("blank.md", b"  \n\t\n", "empty file"),
        ("bin.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary file, not a report"),
        ("noise.txt", bytes(range(1, 32)) * 50, "binary file, not a report"),
        ("sheet.xlsx", b"PK\x03\x04", "unsupported file type .xlsx"),
        ("noext", b"text", "unsupported file type"),
        ("broken.pdf", b"%PDF-1.4 not really a pdf", "corrupt or unreadable PDF"),
        ("broken.docx", b"not a zip file", "corrupt or unreadable DOCX"),
        ("empty.html", b"<html><head><title>t</title></head><body> </body></html>", "no text in file"),
    ],
)
def test_refusals_are_one_clear_line(tmp_path: Path, name: str, data: bytes, problem: str) -> None:
    path = tmp_path / name
    path.write_bytes(data)
    with pytest.raises(IngestError) as exc:
        read_document(path)
    message = one_line(exc)
    assert message.startswith(f"{path}: ")
    assert problem in message


def test_folder_is_refused(tmp_path: Path) -> None:
    folder = tmp_path / "reports.txt"
    folder.mkdir()
    with pytest.raises(IngestError):
        read_document(folder)


# -- containers built from a sample report's text


def _pdf(path: Path, text: str, *, password: str | None = None, owner_only: bool = False) -> None:
    fpdf = pytest.importorskip("fpdf")
    pdf = fpdf.FPDF()
    pdf.set_auto_page_break(True, margin=15)
    pdf.add_page()
    pdf.set_font("Helvetica", size=10)
    safe = text.translate(str.maketrans({"–": "-", "—": "-", "’": "'", "‘": "'", "“": '"', "”": '"'}))
    safe = safe.encode("latin-1", "replace").decode("latin-1")
    for para in safe.split("\n"):
        pdf.multi_cell(0, 5, para or " ", new_x="LMARGIN", new_y="NEXT")
    if password is not None or owner_only:
        pdf.set_encryption(owner_password="owner", user_password=password or "")
    pdf.output(str(path))


def test_pdf_from_sample_text(tmp_path: Path) -> None:
    text = sample_text()
    path = tmp_path / "report.pdf"
    _pdf(path, text)
    doc = read_document(path)
    assert doc.format == "pdf"
    assert doc.encoding is None
    assert len(doc.text) == len(doc.raw_text)
    words = " ".join(doc.raw_text.split())
    assert "Contact officer" in words
    assert "Improvement Programme Board" in words or "Audit Panel" in words


def test_pdf_with_empty_user_password_is_read(tmp_path: Path) -> None:
    path = tmp_path / "owner.pdf"
    _pdf(path, HAND_MADE, owner_only=True)
    assert "Sam Hill" in read_document(path).raw_text


def test_encrypted_pdf_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "locked.pdf"
    _pdf(path, HAND_MADE, password="secret")
    with pytest.raises(IngestError) as exc:
        read_document(path)
    assert "encrypted PDF, cannot read text" in one_line(exc)


def test_pdf_without_text_layer(tmp_path: Path) -> None:
    fpdf = pytest.importorskip("fpdf")
    pdf = fpdf.FPDF()
    pdf.add_page()
    pdf.rect(20, 20, 50, 50, style="F")  # a "scan": marks but no text
    path = tmp_path / "scan.pdf"
    pdf.output(str(path))
    with pytest.raises(IngestError) as exc:
        read_document(path)
    assert "PDF has no text layer (scanned?)" in one_line(exc)


def test_docx_paragraphs_and_tables_in_order(tmp_path: Path) -> None:
    docx = pytest.importorskip("docx")
    text = sample_text()
    document = docx.Document()
    paras = [p for p in text.split("\n") if p.strip()]
    for para in paras[:3]:
        document.add_paragraph(para)
    table = document.add_table(rows=2, cols=2)
    table.cell(0, 0).text = "Contact officer:"
    table.cell(0, 1).text = "Sam Hill"
    table.cell(1, 0).text = "Phone no:"
    table.cell(1, 1).text = "020 7946 0000"
    document.add_paragraph(paras[3])
    path = tmp_path / "report.docx"
    document.save(str(path))
    doc = read_document(path)
    assert doc.format == "docx"
    got = paragraphs(doc.raw_text)
    assert got[:3] == [" ".join(p.split()) for p in paras[:3]]
    assert got[3:7] == ["Contact officer:", "Sam Hill", "Phone no:", "020 7946 0000"]
    assert got[7] == " ".join(paras[3].split())


def test_html_blocks_become_paragraphs(tmp_path: Path) -> None:
    page = """<!DOCTYPE html><html><head><title>Not this</title><style>p{}</style></head>
    <body><nav>Home | Menu</nav><script>var x = 1;</script>
    <h1>Audit Panel &ndash; report from Councillor Jane Roe</h1>
    <p>The panel met on
       4 March 2019 to review <b>the accounts</b>.</p><!-- a comment -->
    <ul><li>First point</li><li>Second point</li></ul>
    <p>Line one<br>Line two</p>
    <table><tr><td>Contact officer:</td><td>Sam Hill</td></tr></table>
    </body></html>"""
    path = tmp_path / "page.htm"
    path.write_text(page, encoding="utf-8")
    doc = read_document(path)
    assert doc.format == "html"
    assert paragraphs(doc.raw_text) == [
        "Audit Panel – report from Councillor Jane Roe",
        "The panel met on 4 March 2019 to review the accounts.",
        "First point",
        "Second point",
        "Line one Line two",
        "Contact officer: Sam Hill",
    ]
    assert "Contact officer:\tSam Hill" in doc.raw_text
    assert "Line one\nLine two" in doc.raw_text
    assert "Not this" not in doc.raw_text and "var x" not in doc.raw_text and "Menu" not in doc.raw_text


def test_html_tables_read_as_rows_and_lists_as_items(tmp_path: Path) -> None:
    page = """<html><body><p>Members present:</p>
    <table><thead><tr><th>Name</th><th>Role</th><th>Council</th></tr></thead>
    <tbody><tr><td>Cllr Amy Hart</td><td>Chair</td><td><p>Northtown Council</p></td></tr>
    <tr><td>Cllr Ben Cole</td><td></td><td>Southby Council</td></tr></tbody></table>
    <ol><li>Apologies from <b>Cllr Cara Holt</b></li><li>Minutes agreed</li></ol></body></html>"""
    path = tmp_path / "minutes.html"
    path.write_text(page, encoding="utf-8")
    paras = read_document(path).raw_text.split("\n\n")
    assert paras[0] == "Members present:"
    assert paras[1] == "Name\tRole\tCouncil"
    assert paras[2] == "Cllr Amy Hart\tChair\tNorthtown Council"
    assert "Cllr Ben Cole\tSouthby Council" in paras
    assert paras[-2:] == ["Apologies from Cllr Cara Holt", "Minutes agreed"]


def test_html_from_sample_text(tmp_path: Path) -> None:
    text = sample_text()
    body = "".join(f"<p>{html.escape(p)}</p>\n" for p in text.split("\n") if p.strip())
    path = tmp_path / "sample.html"
    path.write_text(f"<html><body>{body}</body></html>", encoding="utf-8")
    doc = read_document(path)
    assert paragraphs(doc.raw_text) == [" ".join(p.split()) for p in text.split("\n") if p.strip()]


def test_sample_reports_read() -> None:
    paths = discover([REPORTS]) if REPORTS.is_dir() else []
    if not paths:
        pytest.skip("sample reports not present")
    for path in paths:
        doc = read_document(path)
        assert doc.identifier == path.stem
        assert len(doc.text) == len(doc.raw_text)


def test_extra_texts_read_without_error() -> None:
    if not EXTRA.is_dir():
        pytest.skip("../shared/corpus-extra not present")
    paths = [p for p in discover([EXTRA]) if p.suffix == ".txt"]
    assert len(paths) >= 10
    for path in paths:
        doc = read_document(path)
        assert len(doc.text) == len(doc.raw_text)
