"""A reviewer's judgements: read, applied at resolution, reported when stale, part of the cache key."""

from __future__ import annotations

from pathlib import Path

import pytest
from rdflib import Literal

from boardgraph.build.cache import GraphMemo
from boardgraph.build.runner import assemble
from boardgraph.errors import BoardgraphError
from boardgraph.graph.judgements import Side, judgements_from_dict, load_judgements
from boardgraph.graph.rdf import GraphWriter, entity_iri
from boardgraph.graph.resolve import Resolver
from boardgraph.graph.vocab import BG
from boardgraph.model import ORGANISATION, PERSON, ExtractedReport, Mention, ReportMeta, SourceDocument, Span

BOARD = "Coastal Towns Board"


def mention(
    rid: str, type_: str, name: str, text: str | None = None, titles: tuple[str, ...] = ()
) -> Mention:
    text = text or name
    return Mention(rid, Span(0, len(text)), text, type_, name, Span(0, 1), titles=titles, rule="test")


def report(rid: str, mentions: list[Mention], board: str | None = None) -> ExtractedReport:
    doc = SourceDocument(
        path=Path(f"{rid}.txt"), identifier=rid, format="txt", raw_text="x", text="x", sha256="0"
    )
    return ExtractedReport(document=doc, meta=ReportMeta(identifier=rid, board=board), mentions=mentions)


def _reports():
    a = report(
        "a",
        [
            mention("a", PERSON, "Jo Ray", "Cllr Jo Ray", ("Cllr",)),
            mention("a", ORGANISATION, "Northshire Landlords Forum"),
            mention("a", PERSON, "Ray", "Cllr Ray", ("Cllr",)),
        ],
        board=BOARD,
    )
    b = report("b", [mention("b", PERSON, "Jo Ray"), mention("b", ORGANISATION, "NLF Group")], board=BOARD)
    c = report("c", [mention("c", PERSON, "Jo Ray")], board=BOARD)
    return [a, b, c]


def _resolve(data: dict):
    resolver = Resolver(judgements=judgements_from_dict(data, "j.yaml"))
    entities, me, warnings = resolver.resolve(_reports())
    return entities, me, warnings


def test_sides_name_an_entity_or_its_mention_in_one_report():
    assert Side.parse("Jo Ray @ rep-1") == Side("Jo Ray", "rep-1")
    assert Side.parse("Jo Ray") == Side("Jo Ray")
    assert Side.parse("A @ B @ r") == Side("A @ B", "r")


def test_same_makes_one_node_with_a_note():
    entities, me, warnings = _resolve({"same": [["Northshire Landlords Forum", "NLF Group"]]})
    assert me[("a", 1)] == me[("b", 1)]
    assert any(
        "reviewer's judgement (j.yaml)" in n and "are the same" in n for n in entities[me[("a", 1)]].notes
    )
    assert warnings == []


def test_different_splits_one_name_by_report():
    entities, me, _ = _resolve({"different": [["Jo Ray @ a", "Cllr Jo Ray @ b"]]})
    assert me[("a", 0)] != me[("b", 0)]
    # the surname in report a stays with report a's Jo Ray, and report c's with the
    # first side: the name's shared identity; the second side alone is another person
    assert me[("a", 2)] == me[("a", 0)] == me[("c", 0)]
    assert any("are different" in n for n in entities[me[("b", 0)]].notes)


def test_no_rule_joins_what_a_reviewer_kept_apart():
    # without the judgement, the surname joins the full name in its report
    _, me, _ = _resolve({})
    assert me[("a", 2)] == me[("a", 0)]
    _, me, _ = _resolve({"different": [["Ray @ a", "Jo Ray @ a"]]})
    assert me[("a", 2)] != me[("a", 0)]


def test_a_judgement_that_matches_nothing_is_reported():
    _, _, warnings = _resolve({"same": [["Nobody Known", "Jo Ray"]]})
    assert warnings == ["j.yaml: same [Nobody Known, Jo Ray]: 'Nobody Known' matches nothing in this corpus"]


def test_same_against_different_is_reported_not_applied():
    _, me, warnings = _resolve(
        {
            "different": [["Jo Ray", "Northshire Landlords Forum"]],
            "same": [["Jo Ray", "Northshire Landlords Forum"]],
        }
    )
    assert me[("a", 0)] != me[("a", 1)]
    assert any("contradicts" in w for w in warnings)


def test_notes_are_written_as_resolution_notes():
    reports = _reports()
    corpus = assemble(
        reports,
        "test",
        judgements_from_dict({"same": [["Northshire Landlords Forum", "NLF Group"]]}, "j.yaml"),
    )
    g = GraphWriter(corpus).build()
    node = entity_iri(corpus.mention_entity[("a", 1)])
    notes = [str(o) for o in g.objects(node, BG.resolutionNote)]
    assert any("reviewer's judgement" in n for n in notes)
    assert (node, BG.resolutionNote, Literal(next(n for n in notes if "reviewer" in n))) in g


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("same: [[a]]\n", "same entry 1 must be a pair of names"),
        ("maybe: []\n", "only 'same' and 'different'"),
        ("same: [[a, b\n", "invalid YAML at line"),
        ("- a\n", "only 'same' and 'different'"),
    ],
)
def test_bad_files_are_one_line_naming_the_file(tmp_path: Path, text: str, message: str):
    path = tmp_path / "judged.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(BoardgraphError, match=message) as info:
        load_judgements(path)
    assert str(info.value).startswith(f"{path}: ") or str(info.value).startswith("judged.yaml: ")
    assert "\n" not in str(info.value)


def test_missing_file(tmp_path: Path):
    with pytest.raises(BoardgraphError, match="judgements file not found"):
        load_judgements(tmp_path / "none.yaml")


def test_judgements_are_part_of_the_graph_cache_key(tmp_path: Path):
    a, b = tmp_path / "a.yaml", tmp_path / "b.yaml"
    a.write_text("same: [[X, Y]]\n", encoding="utf-8")
    b.write_text("different: [[X, Y]]\n", encoding="utf-8")
    ka, kb = load_judgements(a).digest, load_judgements(b).digest
    assert ka != kb
    keys = {GraphMemo.key(["e1"], [], "turtle", j) for j in ("", ka, kb)}
    assert len(keys) == 3


def test_a_side_names_the_entity_as_resolved_in_that_report():
    # report x names only "Cllr Ray", which resolution joins to Jo Ray: "Jo Ray @ x" is that
    x = report("x", [mention("x", PERSON, "Ray", "Cllr Ray", ("Cllr",))], board=BOARD)
    y = report("y", [mention("y", PERSON, "Jo Ray")], board=BOARD)
    z = report("z", [mention("z", PERSON, "Jo Ray")], board=BOARD)
    _, me, _ = Resolver().resolve([x, y, z])
    assert me[("x", 0)] == me[("y", 0)] == me[("z", 0)]
    judged = judgements_from_dict({"different": [["Jo Ray @ x", "Jo Ray @ y"]]}, "j.yaml")
    entities, me, warnings = Resolver(judgements=judged).resolve([x, y, z])
    assert warnings == []
    assert me[("x", 0)] == me[("z", 0)] != me[("y", 0)]
    assert len(entities) == 2
