"""Scanned pages: OCR with Tesseract, the same layout rules, and OCR provenance in the graph.

The scans are made here: text drawn with Pillow, turned a little and
speckled, saved as a PDF of page images only (no text layer).
"""

from __future__ import annotations

import random
import shutil
from pathlib import Path

import pytest
from rdflib import Literal

from boardgraph.build.runner import assemble
from boardgraph.graph.rdf import report_iri, to_graph
from boardgraph.graph.vocab import BG
from boardgraph.ingest import ocr
from boardgraph.ingest.read import IngestError, read_document
from boardgraph.model import ExtractedReport, ReportMeta, SourceDocument

FONT = Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")
needs_tesseract = pytest.mark.skipif(shutil.which("tesseract") is None, reason="tesseract-ocr not installed")

PAGES = [
    [
        "Audit Panel report from Councillor Jane Roe (Chair)",
        "",
        "1. The panel met on 4 March 2019 with Councillor",
        "Omar Patel and the Chief Fire Officer to review",
        "the accounts for the year.",
    ],
    [
        "2. I also met with Dana Whitfield, the Police and",
        "Crime Commissioner, about the joint control room.",
    ],
]


def _scan(path: Path, pages: list[list[str]], dpi: int = 150, seed: int = 1) -> Path:
    from PIL import Image, ImageDraw, ImageFont

    if not FONT.exists():
        pytest.skip("DejaVu font not installed")
    rng = random.Random(seed)
    body = ImageFont.truetype(str(FONT), 22)
    small = ImageFont.truetype(str(FONT), 15)
    images = []
    for number, lines in enumerate(pages, start=1):
        img = Image.new("L", (874, 1240), 255)  # A5 at 150 dpi
        draw = ImageDraw.Draw(img)
        draw.text((70, 40), "Northtown Borough Council - Audit Panel", font=small, fill=0)
        y = 110
        for line in lines:
            draw.text((70, y), line, font=body, fill=0)
            y += 34
        draw.text((410, 1180), f"Page {number}", font=small, fill=0)
        img = img.rotate(rng.uniform(-0.7, 0.7), resample=Image.BICUBIC, fillcolor=255)
        px = img.load()
        for _ in range(300):  # speckle
            px[rng.randrange(874), rng.randrange(1240)] = rng.randrange(0, 80)
        images.append(img)
    images[0].save(path, "PDF", save_all=True, append_images=images[1:], resolution=dpi)
    return path


def test_parse_tsv_groups_lines_and_averages_confidence() -> None:
    header = "level\tpage_num\tblock_num\tpar_num\tline_num\tword_num\tleft\ttop\twidth\theight\tconf\ttext"
    rows = [
        "1\t1\t0\t0\t0\t0\t0\t0\t1000\t1400\t-1\t",
        "5\t1\t1\t1\t1\t1\t100\t100\t80\t30\t96\tCllr",
        "5\t1\t1\t1\t1\t2\t190\t100\t80\t30\t90\tAnn",
        "5\t1\t1\t1\t2\t1\t100\t140\t80\t30\t84\tLee",
        "5\t1\t1\t1\t2\t2\t300\t140\t5\t5\t10\t~",  # a speck read as a mark
        "5\t1\t2\t1\t1\t1\t100\t300\t80\t30\t70\tNext",
    ]
    page = ocr.parse_tsv("\n".join([header, *rows]), 3)
    assert page.number == 3 and page.ocr and (page.width, page.height) == (1000, 1400)
    assert [ln.text for ln in page.lines] == ["Cllr Ann", "Lee", "Next"]
    assert page.lines[0].region == page.lines[1].region != page.lines[2].region
    assert page.confidence == pytest.approx((96 + 90 + 84 + 70) / 4 / 100)


@needs_tesseract
def test_scanned_report_is_read_by_ocr_page_by_page(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(ocr.JOBS_VARIABLE, "2")  # both pages at once
    document = read_document(_scan(tmp_path / "scan.pdf", PAGES))
    assert document.ocr_engine and document.ocr_engine.startswith("tesseract ")
    assert document.ocr_pages == (1, 2)
    assert document.ocr_confidence is not None and document.ocr_confidence > 0.7
    assert document.ocr_low_pages == ()
    paras = [" ".join(p.split()) for p in document.raw_text.split("\n\n")]
    assert paras[0] == "Audit Panel report from Councillor Jane Roe (Chair)"
    # lines joined into the paragraph; pages in order; running head and page numbers left out
    assert paras[1].startswith("1. The panel met on 4 March 2019 with Councillor")
    assert "Omar Patel and the Chief Fire Officer to review the accounts for the year." in paras[1]
    assert "Dana Whitfield, the Police and Crime Commissioner" in document.raw_text
    assert document.raw_text.index("Omar Patel") < document.raw_text.index("Dana Whitfield")
    assert "Northtown" not in document.raw_text and "Page 1" not in document.raw_text
    assert len(document.text) == len(document.raw_text)


def test_without_tesseract_a_scan_is_refused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = _scan(tmp_path / "scan.pdf", PAGES[:1])
    monkeypatch.setattr(ocr.shutil, "which", lambda name: None)
    ocr.engine_version.cache_clear()
    try:
        with pytest.raises(IngestError) as exc:
            read_document(path)
    finally:
        ocr.engine_version.cache_clear()
    message = str(exc.value)
    assert "\n" not in message and "scan.pdf" in message and "Tesseract is not installed" in message


def _ocr_report(low_pages: tuple[int, ...]) -> ExtractedReport:
    text = "Audit Panel report.\n\nThe panel met."
    doc = SourceDocument(path=Path("scan.pdf"), identifier="scan", format="pdf", raw_text=text, text=text,
                         sha256="0" * 64, ocr_engine="tesseract 5.3.0", ocr_pages=(1, 2),
                         ocr_confidence=0.8123, ocr_low_pages=low_pages)  # fmt: skip
    return ExtractedReport(document=doc, meta=ReportMeta(identifier="scan"))


def test_low_confidence_page_is_named_in_the_build_summary() -> None:
    corpus = assemble([_ocr_report((2,))])
    assert any("scan: page 2 was read by OCR with low confidence" in w for w in corpus.warnings)
    assert not any("OCR" in w for w in assemble([_ocr_report(())]).warnings)


def test_graph_records_ocr_engine_and_confidence() -> None:
    g = to_graph(assemble([_ocr_report((2,))]))
    node = report_iri("scan")
    assert (node, BG.readByOcr, Literal(True)) in g
    assert (node, BG.ocrEngine, Literal("tesseract 5.3.0")) in g
    assert str(g.value(node, BG.ocrConfidence)) == "0.81"
    assert {int(o) for o in g.objects(node, BG.ocrPage)} == {1, 2}
    assert {int(o) for o in g.objects(node, BG.ocrLowConfidencePage)} == {2}
    # a report read from its text layer says nothing about OCR
    text = _ocr_report(())
    text.document.ocr_engine, text.document.ocr_pages, text.document.ocr_confidence = None, (), None
    assert g.value(report_iri("other"), BG.readByOcr) is None
    assert to_graph(assemble([text])).value(report_iri("scan"), BG.readByOcr) is None
