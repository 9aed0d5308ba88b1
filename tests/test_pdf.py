"""PDF layout: paragraphs, hyphenation, furniture, bullets, columns and table rows.

The PDFs are typeset here with fpdf2, line by line, so that every line break,
hyphen and page break is where the test says it is.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from boardgraph.ingest import pdf
from boardgraph.ingest.pdf import Line, Page, Word, layout_text
from boardgraph.ingest.read import read_document

fpdf = pytest.importorskip("fpdf")

LEADING = 5.0  # mm between lines of a paragraph
HEADER = "Anyshire Fire Authority – Audit Panel"


class _Doc:
    """Pages with a running header, a page-number footer, and a pen that sets one line at a time."""

    def __init__(self, furniture: bool = True) -> None:
        outer = self

        class Report(fpdf.FPDF):
            def header(self) -> None:
                if outer.furniture:
                    self.set_font("Helvetica", size=8)
                    self.set_xy(20, 10)
                    self.cell(170, 5, HEADER.replace("–", "-"))

            def footer(self) -> None:
                if outer.furniture:
                    self.set_font("Helvetica", size=8)
                    self.set_xy(20, 282)
                    self.cell(170, 5, f"Page {self.page_no()}", align="C")

        self.furniture = furniture
        self.pdf = Report()
        self.pdf.set_auto_page_break(False)
        self.y = 0.0
        self.page()

    def page(self) -> None:
        self.pdf.add_page()
        self.y = 25.0

    def line(self, text: str, x: float = 20, bold: bool = False, font: str = "Helvetica") -> None:
        self.pdf.set_font(font, "B" if bold else "", 10)
        self.pdf.set_xy(x, self.y)
        self.pdf.cell(0, 5, text)
        self.y += LEADING

    def cells(self, texts: list[str], xs: list[float]) -> None:
        self.pdf.set_font("Helvetica", "", 10)
        for text, x in zip(texts, xs, strict=True):
            self.pdf.set_xy(x, self.y)
            self.pdf.cell(0, 5, text)
        self.y += LEADING

    def gap(self) -> None:
        self.y += LEADING

    def save(self, path: Path) -> Path:
        self.pdf.output(str(path))
        return path


# A paragraph as a typesetter would break it, filling a 170 mm measure.
PARA_A = [
    "The panel met on 4 March 2019 with Councillor Jane Roe, the Chair of the Resources Committee, and",
    "the Chief Fire Officer to review the accounts for the year and the plans for the coming year. We dis-",
    "cussed the sector-led approach to assurance and agreed that the authority would take part in the",
]
PARA_A_NEXT_PAGE = [
    "regional pilot of the new peer review, which begins in June.",
]


def _furnished(path: Path) -> Path:
    doc = _Doc()
    doc.line("Audit Panel report from Councillor Jane Roe (Chair)", bold=True)
    doc.gap()
    for text in PARA_A:
        doc.line(text)
    doc.page()
    for text in PARA_A_NEXT_PAGE:
        doc.line(text)
    doc.gap()
    doc.line("2. A second paragraph with a compound broken at its hyphen: the sector-")
    doc.line("led approach, as above.")
    doc.gap()
    doc.page()
    doc.line("3. The final paragraph, on the last page.")
    return doc.save(path)


def test_lines_join_into_paragraphs_across_pages_without_furniture(tmp_path: Path) -> None:
    document = read_document(_furnished(tmp_path / "panel.pdf"))
    text = document.raw_text
    paras = text.split("\n\n")
    assert paras[0] == "Audit Panel report from Councillor Jane Roe (Chair)"
    # one paragraph, across the page break, with the running head and page number left out
    assert paras[1].startswith("The panel met on 4 March 2019 with Councillor Jane Roe,")
    assert paras[1].endswith("take part in the regional pilot of the new peer review, which begins in June.")
    assert "Anyshire" not in text and "Page 2" not in text and "Page 1" not in text
    assert "\n" not in paras[1]
    # hyphenation at a line end undone; a compound's own hyphen kept
    assert "We discussed the sector-led approach" in paras[1]
    assert "the sector-led approach, as above." in paras[2]
    assert paras[3] == "3. The final paragraph, on the last page."
    # offsets: the cleaned text is the same length as the text read
    assert len(document.text) == len(text)
    assert document.format == "pdf" and document.ocr_engine is None


def test_symbol_font_bullets_are_list_items(tmp_path: Path) -> None:
    doc = _Doc(furniture=False)
    doc.line("The panel agreed to:")
    for first, second in (("review the budget with the Treasurer and report back", "in June;"),
                          ("write to Councillor Ann Lee about the new", "station;")):  # fmt: skip
        doc.pdf.set_font("Symbol", size=10)
        doc.pdf.set_xy(25, doc.y)
        doc.pdf.cell(4, 5, "\u00b7")  # the Symbol font's bullet, as Word writes list items
        doc.line(first, x=31)
        doc.line(second, x=31)
    doc.line("and then closed the meeting.", x=20)
    text = read_document(doc.save(tmp_path / "bullets.pdf")).raw_text
    paras = text.split("\n\n")
    assert paras[0] == "The panel agreed to:"
    assert paras[1] == "• review the budget with the Treasurer and report back in June;"
    assert paras[2] == "• write to Councillor Ann Lee about the new station;"


def test_private_use_bullet_starts_an_item() -> None:
    # Word's Symbol bullet arrives as U+F0B7 when the PDF maps it to Unicode.
    def words(y: float, *texts: tuple[str, float]) -> list[Word]:
        return [Word(t, x, x + 6 * len(t), y, y + 10, 10) for t, x in texts]

    lines = [
        Line(
            words(
                100, ("Members", 50), ("agreed", 100), ("to", 145), ("ask", 160), ("the", 185), ("board", 210)
            )
        ),
        Line(
            words(
                112, ("\uf0b7", 50), ("Cllr", 70), ("Ray", 100), ("Soto", 125), ("to", 155), ("report", 170)
            )
        ),
        Line(words(124, ("\uf0b7", 50), ("the", 70), ("clerk", 90), ("to", 125), ("write", 140))),
    ]
    text = layout_text([Page(1, 400, 800, lines)])
    assert text.split("\n\n") == [
        "Members agreed to ask the board",
        "\uf0b7 Cllr Ray Soto to report",
        "\uf0b7 the clerk to write",
    ]


def test_two_columns_read_one_after_the_other(tmp_path: Path) -> None:
    doc = _Doc(furniture=False)
    doc.line("Two-column newsletter from the Chair", bold=True)
    doc.gap()
    left = [
        "The board met the new Police and Crime", "Commissioner, Dana Whitfield, to discuss",
        "the joint estates plan for the county and", "the shared control room it will need.", "",
        "We also agreed a timetable for the", "review of the fire cover across the",
        "county, to report in the autumn.",
    ]  # fmt: skip
    right = [
        "Councillor Omar Patel has joined the", "board as its Vice Chair, bringing his",
        "experience of the combined authority", "and its transport committee.", "",
        "Our thanks go to Councillor Ruth Ng,", "who stood down after six years on the",
        "board, for all her work for it.",
    ]  # fmt: skip
    for a, b in zip(left, right, strict=True):
        doc.cells([a, b], [20, 110])
    text = read_document(doc.save(tmp_path / "columns.pdf")).raw_text
    paras = text.split("\n\n")
    assert paras[1] == " ".join(left[:4])
    assert paras[2] == " ".join(left[5:])
    assert paras[3] == " ".join(right[:4])
    assert paras[4] == " ".join(right[5:])
    assert "Police and Crime Commissioner, Dana Whitfield" in text


def test_table_rows_stay_together(tmp_path: Path) -> None:
    doc = _Doc(furniture=False)
    doc.line("Members present:")
    doc.gap()
    xs = [20, 80, 140]
    rows = [
        ["Cllr Amy Hart", "Chair", "Northtown Council"],
        ["Cllr Ben Cole", "Vice Chair", "Southby Council"],
        ["Dr Cara Holt", "Adviser", "Health Board"],
    ]
    for row in rows:
        doc.cells(row, xs)
    doc.gap()
    doc.line("The meeting opened at 10am.")
    text = read_document(doc.save(tmp_path / "table.pdf")).raw_text
    paras = text.split("\n\n")
    assert paras[0] == "Members present:"
    assert paras[1:4] == ["\t".join(r) for r in rows]
    assert paras[4] == "The meeting opened at 10am."


def test_bare_page_numbers_and_small_print_of_a_single_page_are_furniture(tmp_path: Path) -> None:
    doc = _Doc()
    doc.line("Only one page, with a header and a page number.")
    text = read_document(doc.save(tmp_path / "one.pdf")).raw_text
    assert text == "Only one page, with a header and a page number."


def test_justified_line_is_not_a_table_row() -> None:
    # every space stretched alike: one line of text, not cells
    spread = (("a", 0), ("justified", 60), ("line", 120), ("of", 180), ("text", 240), ("here", 300))
    row = [Word(t, x, x + 30, 0, 10, 10) for t, x in spread]
    assert pdf.make_line(row, 0).cells == []
    spaced = (("Cllr", 0), ("Amy", 27), ("Chair", 120), ("Hart", 300))
    cells = [Word(t, x, x + 25, 0, 10, 10) for t, x in spaced]
    assert pdf.make_line(cells, 0).cells == ["Cllr Amy", "Chair", "Hart"]


def test_a_page_sized_picture_with_a_stamped_line_is_a_scan() -> None:
    stamp = [Line([Word("Ref", 10, 30, 5, 15, 8), Word("AB/123", 35, 80, 5, 15, 8)])]
    assert pdf.is_scan(Page(1, 600, 800, stamp, pictures=1, picture_cover=0.95))
    assert not pdf.is_scan(Page(1, 600, 800, stamp, pictures=0))
    prose = [Line([Word("word" * 3, x, x + 40, y, y + 10, 10) for x in range(0, 400, 45)])
             for y in range(0, 300, 12)]  # fmt: skip
    # a page of text with its logo
    assert not pdf.is_scan(Page(1, 600, 800, prose, pictures=1, picture_cover=0.95))


def test_first_line_indent_opens_a_paragraph(tmp_path: Path) -> None:
    doc = _Doc(furniture=False)
    doc.line("The first paragraph runs over two lines of the page and its last line", x=20)
    doc.line("reaches all the way across the measure of the column before it finally ends.", x=20)
    doc.line("The second paragraph has no space above it, indented instead,", x=28)
    doc.line("and it ends on this line.", x=20)
    text = read_document(doc.save(tmp_path / "indent.pdf")).raw_text
    paras = text.split("\n\n")
    assert len(paras) == 2
    assert paras[1].startswith("The second paragraph has no space above it")
