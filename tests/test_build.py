"""The backbone CLI: ``boardgraph build INPUTS -o OUT [-q]``.

Exit codes: 0 built; 1 built but some inputs skipped (one stderr line each);
2 error (one line) and no output written.
"""

from __future__ import annotations

import io
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from rdflib import RDF, RDFS, Graph, URIRef
from rdflib.namespace import DCTERMS, PROV

from boardgraph.cli import main
from boardgraph.graph.formats import BUILD_FORMATS, format_named
from boardgraph.graph.load import load_graph
from boardgraph.graph.vocab import BG, OA
from boardgraph.ingest.read import read_document

ROOT = Path(__file__).resolve().parents[1]
SMALL = ROOT / "data" / "reports" / "003_a42dea7c73077fef.txt"  # the shortest sample


def build(capsys: pytest.CaptureFixture[str], *args: str | Path) -> tuple[int, str]:
    code = main(["build", *map(str, args), "-q", "--no-cache"])
    return code, capsys.readouterr().err


def _pdf_with_text() -> bytes:
    from fpdf import FPDF

    pdf = FPDF()
    pdf.add_page()
    pdf.set_font("Helvetica", size=12)
    pdf.multi_cell(0, 10, "Improvement Board - report from Cllr Ann Smith (Chair).")
    return bytes(pdf.output())


def _encrypted_pdf(path: Path) -> Path:
    import pypdf

    reader = pypdf.PdfReader(io.BytesIO(_pdf_with_text()))
    writer = pypdf.PdfWriter()
    for page in reader.pages:
        writer.add_page(page)
    writer.encrypt("secret")
    with path.open("wb") as fh:
        writer.write(fh)
    return path


def _scanned_pdf(path: Path) -> Path:
    import pypdf

    writer = pypdf.PdfWriter()
    writer.add_blank_page(width=595, height=842)
    with path.open("wb") as fh:
        writer.write(fh)
    return path


BAD_FILES = {
    "empty.txt": ("empty file", lambda p: p.write_bytes(b"")),
    "binary.txt": ("binary", lambda p: p.write_bytes(bytes(range(256)) * 8)),
    "sheet.xlsx": ("unsupported file type .xlsx", lambda p: p.write_bytes(b"PK\x03\x04not a workbook")),
    "locked.pdf": ("encrypted", _encrypted_pdf),
    "scan.pdf": ("no text layer", _scanned_pdf),
}


@pytest.mark.parametrize("name", sorted(BAD_FILES))
def test_bad_file_is_skipped_with_one_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], name: str
) -> None:
    reason, make = BAD_FILES[name]
    bad = tmp_path / name
    make(bad)
    out = tmp_path / "graph.ttl"
    code, err = build(capsys, SMALL, bad, "-o", out)
    assert code == 1
    lines = err.strip().splitlines()
    assert len(lines) == 1, err
    assert str(bad) in lines[0] and reason in lines[0] and "skipped" in lines[0]
    assert len(Graph().parse(out)) > 0  # the good report is still in the graph


def test_all_inputs_bad_is_an_error_and_writes_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bads = []
    for name, (_, make) in BAD_FILES.items():
        make(tmp_path / name)
        bads.append(tmp_path / name)
    out = tmp_path / "new.ttl"
    code, err = build(capsys, *bads, "-o", out)
    assert code == 2
    assert err.count("boardgraph: error:") == 1 and "no readable reports" in err
    assert not out.exists()
    assert not list(tmp_path.glob(".*.part"))  # no temporary left behind either

    old = tmp_path / "old.ttl"
    old.write_text("# a previous graph\n")
    assert build(capsys, *bads, "-o", old)[0] == 2
    assert old.read_text() == "# a previous graph\n"


def test_missing_input_is_an_error(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, err = build(capsys, tmp_path / "nope", "-o", tmp_path / "g.ttl")
    assert code == 2 and len(err.strip().splitlines()) == 1


def test_two_builds_give_identical_bytes(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    a, b = tmp_path / "a.ttl", tmp_path / "b.ttl"
    assert build(capsys, ROOT / "data" / "reports", "-o", a)[0] == 0
    assert build(capsys, ROOT / "data" / "reports", "-o", b)[0] == 0
    assert a.read_bytes() == b.read_bytes()


def test_every_build_format_holds_the_same_graph(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    # --format choices are graph/formats.py's BUILD_FORMATS; json-ld is the old, unlisted spelling of jsonld.
    graphs = {}
    for fmt in (*BUILD_FORMATS, "json-ld"):
        out = tmp_path / f"{fmt}{format_named(fmt).suffixes[0]}"
        assert build(capsys, SMALL, "-o", out, "--format", fmt)[0] == 0
        graphs[fmt] = set(load_graph(out))
    assert len(graphs["turtle"]) > 50
    assert all(triples == graphs["turtle"] for triples in graphs.values())
    assert (tmp_path / "jsonld.jsonld").read_bytes() == (tmp_path / "json-ld.jsonld").read_bytes()
    with pytest.raises(SystemExit):
        build(capsys, SMALL, "-o", tmp_path / "g.trig", "--format", "trig")
    assert "invalid choice: 'trig'" in capsys.readouterr().err


@pytest.mark.slow
def test_output_does_not_depend_on_hash_seed(tmp_path: Path) -> None:
    """Set and dict order must never reach the output: vary PYTHONHASHSEED."""
    src = tmp_path / "reports"
    shutil.copytree(ROOT / "data" / "reports", src)
    outputs = []
    for seed in ("1", "4242"):
        out = tmp_path / f"g{seed}.ttl"
        env = {**os.environ, "PYTHONHASHSEED": seed}
        subprocess.run(
            [sys.executable, "-m", "boardgraph", "build", str(src), "-o", str(out), "-q", "--no-cache"],
            check=True,
            env=env,
            cwd=tmp_path,
        )
        outputs.append(out.read_bytes())
    assert outputs[0] == outputs[1]


# ------------------------------------------------------------ the graph contract


@pytest.fixture(scope="module")
def graph(demo_graph: Path) -> Graph:
    return Graph().parse(demo_graph)


def test_reports_carry_identifier_date_board_chair_mentions(graph: Graph) -> None:
    reports = set(graph.subjects(RDF.type, BG.Report))
    assert len(reports) == 5
    for rep in reports:
        for prop in (DCTERMS.identifier, DCTERMS.date, BG.board, BG.chair, BG.mentions):
            assert graph.value(rep, prop) is not None, (rep, prop)


def test_entities_have_classes_and_labels(graph: Graph) -> None:
    for cls in (BG.Person, BG.Council, BG.Organisation, BG.Programme):
        members = set(graph.subjects(RDF.type, cls))
        assert members, cls
        assert all(graph.value(m, RDFS.label) for m in members)


def test_collaborations_and_participations(graph: Graph) -> None:
    collabs = set(graph.subjects(RDF.type, BG.Collaboration))
    assert collabs
    for c in collabs:
        assert len(set(graph.objects(c, BG.participant))) >= 2
        assert graph.value(c, PROV.wasDerivedFrom) is not None
    assert set(graph.subjects(RDF.type, BG.Participation))


def test_build_activity_names_the_pipeline(graph: Graph) -> None:
    import spacy

    from boardgraph.nlp.pipeline import model_setting

    meta = spacy.util.get_model_meta(spacy.util.get_package_path(model_setting()))
    builds = set(graph.subjects(RDF.type, BG.Build))
    assert len(builds) == 1
    (build,) = builds
    assert (build, RDF.type, PROV.Activity) in graph
    agents = {str(graph.value(p, RDFS.label)) for p in graph.objects(build, PROV.wasAssociatedWith)}
    assert any(meta["name"] in a and meta["version"] in a for a in agents), agents


def test_every_mention_has_position_and_quote_selectors_matching_the_source(graph: Graph) -> None:
    texts = {}
    for rep in graph.subjects(RDF.type, BG.Report):
        name = str(graph.value(rep, DCTERMS.source))
        texts[rep] = read_document(ROOT / "data" / "reports" / name).text
    mentions = list(graph.subjects(RDF.type, BG.Mention))
    assert mentions
    for ann in mentions:
        target = graph.value(ann, OA.hasTarget)
        source = graph.value(target, OA.hasSource)
        selectors = list(graph.objects(target, OA.hasSelector))
        pos = next(s for s in selectors if (s, RDF.type, OA.TextPositionSelector) in graph)
        quote = next(s for s in selectors if (s, RDF.type, OA.TextQuoteSelector) in graph)
        start, end = int(graph.value(pos, OA.start)), int(graph.value(pos, OA.end))
        assert str(graph.value(quote, OA.exact)) == texts[source][start:end], ann
        assert isinstance(source, URIRef)
