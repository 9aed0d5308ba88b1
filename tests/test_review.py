"""``boardgraph review``: doubtful pairs from the graph, as a table, YAML and a judgements file."""

from __future__ import annotations

from pathlib import Path

import yaml

from boardgraph.build.runner import assemble
from boardgraph.cli import main
from boardgraph.graph.judgements import load_judgements
from boardgraph.graph.rdf import GraphWriter
from boardgraph.graph.vocab import BG
from boardgraph.model import PERSON, ExtractedReport, Mention, ReportMeta, SourceDocument, Span

TEXT = "Councillor Quill met the panel."


def _report(rid: str, board: str, text: str = TEXT) -> ExtractedReport:
    doc = SourceDocument(
        path=Path(f"{rid}.txt"), identifier=rid, format="txt", raw_text=text, text=text, sha256="0"
    )
    m = Mention(
        rid,
        Span(0, 17),
        "Councillor Quill",
        PERSON,
        "Quill",
        Span(0, len(text)),
        titles=("Councillor",),
        rule="test",
    )
    return ExtractedReport(
        document=doc,
        meta=ReportMeta(identifier=rid, board=board),
        mentions=[m],
        sentences=[Span(0, len(text))],
    )


def _graph_file(tmp_path: Path) -> Path:
    corpus = assemble([_report("nat-1", "Coastal Towns Board"), _report("par-1", "Fenland Parish Council")])
    g = GraphWriter(corpus).build()
    path = tmp_path / "g.ttl"
    g.serialize(path, format="turtle")
    return path


def test_the_graph_records_the_doubt(tmp_path):
    corpus = assemble([_report("nat-1", "Coastal Towns Board"), _report("par-1", "Fenland Parish Council")])
    assert len(corpus.possible_same) == 1
    g = GraphWriter(corpus).build()
    (cand,) = g.subjects(predicate=BG.score)
    assert len(list(g.objects(cand, BG.candidate))) == 2
    assert len(list(g.subject_objects(BG.possibleSameAs))) == 1


def test_review_table_lists_the_pair_with_evidence(tmp_path, capsys):
    assert main(["review", str(_graph_file(tmp_path))]) == 0
    out = capsys.readouterr().out
    assert "Quill  ?=  Quill" in out and "different bodies" in out
    assert "nat-1" in out and "par-1" in out and TEXT in out
    assert out.rstrip().endswith("1 doubtful pair(s)")


def test_review_yaml_and_judgements_file(tmp_path, capsys):
    graph = _graph_file(tmp_path)
    out = tmp_path / "judged.yaml"
    assert main(["review", str(graph), "--format", "yaml", "--write-judgements", str(out)]) == 0
    (pair,) = yaml.safe_load(capsys.readouterr().out)
    assert pair["a"]["reports"] == ["nat-1"] and pair["b"]["evidence"] == [TEXT]
    # the file is valid as it is (every pair commented out), and a pair uncommented applies
    assert load_judgements(out).items == []
    text = out.read_text(encoding="utf-8").replace("#  - ", "  - ", 1)
    out.write_text(text, encoding="utf-8")
    (judged,) = load_judgements(out).items
    assert judged.kind == "same" and {str(judged.a), str(judged.b)} == {"Quill @ nat-1", "Quill @ par-1"}
    corpus = assemble(
        [_report("nat-1", "Coastal Towns Board"), _report("par-1", "Fenland Parish Council")],
        judgements=load_judgements(out),
    )
    assert len(set(corpus.mention_entity.values())) == 1 and corpus.possible_same == []


def test_review_of_a_graph_without_doubts(tmp_path, capsys):
    corpus = assemble([_report("nat-1", "Coastal Towns Board")])
    path = tmp_path / "g.ttl"
    GraphWriter(corpus).build().serialize(path, format="turtle")
    assert main(["review", str(path)]) == 0
    assert capsys.readouterr().out.strip() == "no doubtful pairs"
