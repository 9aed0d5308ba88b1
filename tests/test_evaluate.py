"""``boardgraph evaluate`` gives the official scorer's figures, and fails cleanly."""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path
from types import ModuleType

import pytest
import yaml
from rdflib import RDF, RDFS, SKOS, XSD, Graph, Literal, Namespace, URIRef
from rdflib.namespace import DCTERMS, PROV

from boardgraph.cli import main
from boardgraph.errors import BoardgraphError
from boardgraph.graph.evaluate import evaluate_files, format_report, load_gold, normalise_name

BG = Namespace("https://w3id.org/boardgraph/ontology#")
X = Namespace("http://example.org/")
SCORER = Path(__file__).resolve().parents[2] / "shared" / "tools" / "score_graph.py"

# --------------------------------------------------------------------------- fixtures: gold + graphs

GOLD = {
    "entities": {
        "ann-lee": {"type": "Person", "name": "Ann Lee", "aliases": ["Cllr Ann Lee", "Councillor Lee"]},
        "lee-other": {"type": "Person", "name": "Lee", "aliases": []},
        "tom-reed": {"type": "Person", "name": "Tom Reed", "aliases": ["Tom Reed MP", "Reed"]},
        "kent": {"type": "Council", "name": "Kent County Council", "aliases": ["Kent"]},
        "leeds": {"type": "Council", "name": "Leeds City Council", "aliases": ["Leeds"]},
        "board": {"type": "Organisation", "name": "Resources Board", "aliases": ["LGA Resources Board"]},
        "treasury": {"type": "Organisation", "name": "HM Treasury", "aliases": ["Treasury"]},
        "party": {"type": "Organisation", "name": "Green Party", "aliases": []},
        "pilot": {"type": "Programme", "name": "Digital Pilot", "aliases": ["Digital Pilot programme"]},
        "scheme": {"type": "Programme", "name": "Green Homes Scheme", "aliases": []},
    },
    "documents": {
        "r1": {
            "date": "2013-05-01", "tolerance_days": 0, "board": "board", "chair": "ann-lee",
            "mentions": ["ann-lee", "tom-reed", "kent", "leeds", "board", "treasury", "pilot"],
            "optional": ["party", "scheme"],
            "worked_with": [["ann-lee", "tom-reed"], ["board", "treasury"]],
            "worked_with_optional": [["ann-lee", "treasury"]],
            "participates": [["kent", "pilot"], ["leeds", "pilot"]],
            "participates_optional": [["board", "pilot"]],
        },
        "r2": {
            "date": "2014-02-10", "tolerance_days": 30, "board": "board", "chair": "ann-lee",
            "mentions": ["ann-lee", "lee-other", "scheme", "treasury"],
            "worked_with": [["lee-other", "treasury"]],
            "participates": [],
        },
        "r3": {  # not in the graph at all
            "date": "2015-01-01", "tolerance_days": 60, "board": "board", "chair": "ann-lee",
            "mentions": ["ann-lee", "kent", "pilot"],
            "worked_with": [["ann-lee", "tom-reed"]],
            "participates": [["kent", "pilot"]],
        },
    },
}  # fmt: skip


def _entity(g: Graph, name: str, types: list[str], label: str | None, *alts: str) -> URIRef:
    node = X[name]
    for t in types:
        g.add((node, RDF.type, BG[t]))
    if label is not None:
        g.add((node, RDFS.label, Literal(label)))
    for a in alts:
        g.add((node, SKOS.altLabel, Literal(a)))
    return node


def _report(g: Graph, ident: str, date: str | None, *mentions: URIRef) -> URIRef:
    node = X[f"report/{ident}"]
    g.add((node, RDF.type, BG.Report))
    g.add((node, DCTERMS.identifier, Literal(ident)))
    if date:
        g.add((node, DCTERMS.date, Literal(date, datatype=XSD.date)))
    for m in mentions:
        g.add((node, BG.mentions, m))
    return node


def _collab(g: Graph, name: str, report: URIRef, *participants: URIRef) -> None:
    node = X[f"collab/{name}"]
    g.add((node, RDF.type, BG.Collaboration))
    g.add((node, PROV.wasDerivedFrom, report))
    for p in participants:
        g.add((node, BG.participant, p))


def _part(g: Graph, name: str, report: URIRef, member: URIRef, programme: URIRef) -> None:
    node = X[f"part/{name}"]
    g.add((node, RDF.type, BG.Participation))
    g.add((node, PROV.wasDerivedFrom, report))
    g.add((node, BG.member, member))
    g.add((node, BG.programme, programme))


def messy_graph() -> Graph:
    """Hits each rule of the scorer: aliases, optional, wrong type, splits, tolerance…"""
    g = Graph()
    ann = _entity(g, "ann", ["Person"], "Cllr Ann Lee")  # title ignored
    ann2 = _entity(g, "ann2", ["Person"], "Councillor Lee")  # alias of ann-lee: a split
    tom = _entity(g, "tom", ["Person"], None, "Tom Reed MP")  # alt label only
    kent = _entity(g, "kent", ["Council", "Organisation"], "Kent")  # council wins
    leeds = _entity(g, "leeds", ["Organisation"], "Leeds City Council")  # wrong type
    board = _entity(g, "board", ["Organisation"], "LGA Resources Board")
    treasury = _entity(g, "treasury", ["Organisation"], "H.M. Treasury", "Treasury")
    party = _entity(g, "party", ["Organisation"], "Green Party")  # optional in r1
    pilot = _entity(g, "pilot", ["Programme"], "Digital Pilot Programme")  # not a gold name
    pilot_alt = _entity(g, "pilot2", ["Programme"], "Pilot", "Digital Pilot")
    nobody = _entity(g, "nobody", ["Person"], "Zed Unknown")
    untyped = _entity(g, "thing", [], "Kent")  # no bg: type: ignored
    lee = _entity(g, "lee", ["Person"], "Lee")  # r2 names both "Lee"s
    scheme = _entity(g, "scheme", ["Programme"], "Green Homes Scheme")
    event = _entity(g, "event", ["Event"], "Annual Conference")  # a bg: class that is not scored

    r1 = _report(
        g,
        "r1",
        "2013-05-01",
        ann,
        ann2,
        tom,
        kent,
        leeds,
        board,
        treasury,
        party,
        pilot,
        pilot_alt,
        nobody,
        untyped,
        event,
    )
    g.add((r1, BG.board, board))
    g.add((r1, BG.chair, tom))  # wrong chair
    _collab(g, "c1", r1, ann, tom, nobody)  # one right pair, two spurious with "?…"
    _collab(g, "c2", r1, treasury, ann)  # optional pair
    _collab(g, "c3", r1, board, treasury)
    _part(g, "p1", r1, kent, pilot_alt)
    _part(g, "p2", r1, leeds, pilot)  # pilot does not resolve
    _part(g, "p3", r1, board, pilot_alt)  # optional

    r2 = _report(g, "r2", "2014-03-20", ann, lee, scheme, treasury)  # 38 days off: outside 30
    g.add((r2, BG.chair, ann2))
    g.add((r2, BG.board, kent))  # wrong board
    _collab(g, "c4", r2, lee, treasury)
    _part(g, "p4", r2, kent, scheme)  # spurious
    _report(g, "unscored", "2010-01-01", ann)  # not in the gold: ignored
    return g


def perfect_graph() -> Graph:
    g = Graph()
    ann = _entity(g, "ann", ["Person"], "Ann Lee")
    tom = _entity(g, "tom", ["Person"], "Tom Reed")
    kent = _entity(g, "kent", ["Council"], "Kent County Council")
    leeds = _entity(g, "leeds", ["Council"], "Leeds City Council")
    board = _entity(g, "board", ["Organisation"], "Resources Board")
    treasury = _entity(g, "treasury", ["Organisation"], "HM Treasury")
    pilot = _entity(g, "pilot", ["Programme"], "Digital Pilot")
    r1 = _report(g, "r1", "2013-05-01", ann, tom, kent, leeds, board, treasury, pilot)
    g.add((r1, BG.board, board))
    g.add((r1, BG.chair, ann))
    _collab(g, "c1", r1, ann, tom)
    _collab(g, "c2", r1, board, treasury)
    _part(g, "p1", r1, kent, pilot)
    _part(g, "p2", r1, leeds, pilot)
    return g


GRAPHS = {"messy": messy_graph, "perfect": perfect_graph, "empty": Graph}


@pytest.fixture
def gold_file(tmp_path: Path) -> Path:
    path = tmp_path / "gold.yaml"
    path.write_text(yaml.safe_dump(GOLD, sort_keys=False), encoding="utf-8")
    return path


def _write(g: Graph, path: Path, fmt: str = "turtle") -> Path:
    path.write_text(g.serialize(format=fmt), encoding="utf-8")  # text: rdflib's nt writer warns on bytes
    return path


@pytest.fixture(scope="module")
def scorer() -> ModuleType:
    if not SCORER.is_file():
        pytest.skip("../shared/tools/score_graph.py is not beside the repository")
    spec = importlib.util.spec_from_file_location("shared_score_graph", SCORER)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def run_scorer(scorer: ModuleType, gold: Path, graph: Path, tmp_path: Path, capsys) -> tuple[dict, list[str]]:
    out = tmp_path / "shared.json"
    capsys.readouterr()
    assert scorer.main([str(gold), str(graph), "--json", str(out)]) == 0
    printed = capsys.readouterr().out.strip().splitlines()
    return json.loads(out.read_text()), printed


def assert_same(ours: dict, theirs: dict) -> None:
    """Every figure the scorer reports is ours too (our JSON only adds keys)."""
    for key, value in theirs.items():
        if key == "details":
            assert set(ours["details"]) == set(value)
            for stem, d in value.items():
                for k, v in d.items():
                    mine = ours["details"][stem][k]
                    if k == "spurious":  # the scorer lists them in set order; ours are sorted
                        mine, v = sorted(mine), sorted(v)
                    assert mine == v, (stem, k)
        else:
            assert ours[key] == value, key


# --------------------------------------------------------------------------- equivalence


@pytest.mark.parametrize("name", sorted(GRAPHS))
def test_same_figures_as_shared_scorer(name, scorer, gold_file, tmp_path, capsys):
    graph = _write(GRAPHS[name](), tmp_path / f"{name}.ttl")
    theirs, printed = run_scorer(scorer, gold_file, graph, tmp_path, capsys)
    result = evaluate_files(gold_file, graph)
    assert_same(result.to_dict(), theirs)
    report = format_report(result, verbose=False).splitlines()
    assert report[-2:] == printed[-2:]  # splits/dates line and the headline, verbatim
    assert report[:4] == printed[:4]  # the per-type lines


def test_same_figures_on_other_serialisations(scorer, gold_file, tmp_path, capsys):
    nt = _write(messy_graph(), tmp_path / "messy.nt", "nt")
    theirs, _ = run_scorer(scorer, gold_file, nt, tmp_path, capsys)
    assert_same(evaluate_files(gold_file, nt).to_dict(), theirs)


def test_same_figures_on_sample_gold(scorer, shared_dir, tmp_path, capsys):
    # The real gold file with the hand-made graph: everything missing or spurious.
    gold = shared_dir / "gold" / "seeds.yaml"
    graph = _write(messy_graph(), tmp_path / "messy.ttl")
    theirs, printed = run_scorer(scorer, gold, graph, tmp_path, capsys)
    result = evaluate_files(gold, graph)
    assert_same(result.to_dict(), theirs)
    assert format_report(result, False).splitlines()[-1] == printed[-1]


# --------------------------------------------------------------------------- semantics, scorer-free


def test_messy_graph_figures(gold_file, tmp_path):
    r = evaluate_files(gold_file, _write(messy_graph(), tmp_path / "g.ttl"))
    person, council = r.entities["Person"], r.entities["Council"]
    # r1: Ann Lee (two nodes), Tom Reed by alt label only, Zed spurious. r2: the
    # bare "Lee" fits both gold Lees named there and goes to the first id, so
    # lee-other is missed. r3 is missing: its Ann Lee is missed.
    assert (person.tp, person.fp, person.fn) == (3, 1, 2)
    assert r.details["r2"].missed == ["lee-other"]
    # kent typed Council+Organisation counts as a council; leeds typed Organisation is wrong.
    assert (council.tp, council.fp, council.fn) == (1, 0, 2)
    assert r.details["r1"].spurious == ["Organisation:Leeds City Council", "Person:Zed Unknown"]
    # Ann Lee has three nodes, the pilot programme two (its label is a gold alias).
    assert r.resolution_splits == 3
    assert r.missing_documents == ["r3"]
    assert r.details["r1"].date_ok is True and r.details["r2"].date_ok is False  # 38 days > 30
    assert (r.dates_ok, r.dates_n, r.chairs_ok, r.chairs_n, r.boards_ok, r.boards_n) == (1, 3, 1, 3, 1, 3)
    assert r.details["r1"].chair_ok is False and r.details["r2"].chair_ok is True
    ww = r.relations["worked_with"]
    assert (ww.tp, ww.fp, ww.fn) == (2, 3, 2)  # the optional ann-treasury pair is not counted
    assert "?http://example.org/nobody-tom-reed" in r.details["r1"].worked_with_spurious
    pa = r.relations["participates"]
    assert (pa.tp, pa.fp, pa.fn) == (2, 1, 1)
    assert r.details["r2"].participates_spurious == ["kent-scheme"]


def test_optional_entities_are_neither_rewarded_nor_punished(gold_file, tmp_path):
    g = perfect_graph()
    base = evaluate_files(gold_file, _write(g, tmp_path / "a.ttl"))
    party = _entity(g, "party", ["Organisation"], "Green Party")
    g.add((X["report/r1"], BG.mentions, party))
    with_optional = evaluate_files(gold_file, _write(g, tmp_path / "b.ttl"))
    assert with_optional.entities == base.entities
    assert "party" not in with_optional.details["r1"].spurious


def test_perfect_report_and_missing_ones(gold_file, tmp_path):
    r = evaluate_files(gold_file, _write(perfect_graph(), tmp_path / "g.ttl"))
    d = r.details["r1"]
    assert d.missed == [] and d.spurious == [] and d.worked_with_spurious == []
    assert (d.date_ok, d.chair_ok, d.board_ok) == (True, True, True)
    assert r.missing_documents == ["r2", "r3"]
    # Missing reports count all their gold as missed, never as spurious.
    assert r.entities["Person"].fp == 0 and r.entities["Person"].fn == 1 + 2
    assert r.relations["worked_with"].fn == 2
    assert r.entities["Organisation"].precision == 1.0


def test_empty_graph_scores_zero_not_crash(gold_file, tmp_path):
    r = evaluate_files(gold_file, _write(Graph(), tmp_path / "g.ttl"))
    assert r.missing_documents == ["r1", "r2", "r3"]
    assert r.entity_total.f1 == 0.0 and r.entity_total.precision == 0.0
    assert "reports missing from the graph: r1, r2, r3" in format_report(r, False)


SURNAME_GOLD = {
    "entities": {
        "ann-lee": {"type": "Person", "name": "Ann Lee", "aliases": ["Lee"]},
        "bo-lee": {"type": "Person", "name": "Bo Lee", "aliases": ["Lee"]},
    },
    "documents": {"a": {"mentions": ["ann-lee"]}, "b": {"mentions": ["bo-lee"]}},
}


def surname_graph() -> Graph:
    g = Graph()
    _report(g, "a", None, _entity(g, "lee-a", ["Person"], "Councillor Lee"))
    _report(g, "b", None, _entity(g, "lee-b", ["Person"], "Cllr LEE"))
    return g


def test_surname_alias_resolves_to_the_report_local_entity(tmp_path):
    # "Lee" is an alias of Ann Lee and the name of another person: inside a
    # report that names only one of them, the node means that one.
    gold_path = tmp_path / "gold.yaml"
    gold_path.write_text(yaml.safe_dump(SURNAME_GOLD), encoding="utf-8")
    r = evaluate_files(gold_path, _write(surname_graph(), tmp_path / "g.ttl"))
    assert r.entities["Person"].tp == 2 and r.entities["Person"].fp == 0
    assert r.resolution_splits == 0


def test_surname_alias_same_as_shared_scorer(scorer, tmp_path, capsys):
    gold_path = tmp_path / "gold.yaml"
    gold_path.write_text(yaml.safe_dump(SURNAME_GOLD), encoding="utf-8")
    graph = _write(surname_graph(), tmp_path / "g.ttl")
    theirs, printed = run_scorer(scorer, gold_path, graph, tmp_path, capsys)
    result = evaluate_files(gold_path, graph)
    assert_same(result.to_dict(), theirs)
    assert format_report(result, False).splitlines()[-1] == printed[-1]


@pytest.mark.parametrize(
    ("label", "key"),
    [
        ("Cllr Jill Shortland", "jill shortland"),
        ("District Council\u2019s Network", "district council network"),
        ("Improvement & Innovation Board", "improvement and innovation board"),
        ("The Rt Hon Lord Young of Graffham", "young of graffham"),
        ("Stoke-on-Trent", "stoke on trent"),
    ],
)
def test_normalise_name(label, key):
    assert normalise_name(label) == key


def test_trig_graph_is_read_across_named_graphs(gold_file, tmp_path):
    # N-Triples lines are valid TriG: the whole graph inside one named graph.
    path = tmp_path / "g.trig"
    path.write_text(
        "<http://example.org/graph/r1> {\n" + perfect_graph().serialize(format="nt") + "}\n", encoding="utf-8"
    )
    r = evaluate_files(gold_file, path)
    assert r.entities["Person"].tp == 2 and r.missing_documents == ["r2", "r3"]


# --------------------------------------------------------------------------- bad input


def test_gold_errors_are_one_line(tmp_path):
    bad = tmp_path / "bad.yaml"
    bad.write_text("entities: {a: [unclosed\n", encoding="utf-8")
    with pytest.raises(BoardgraphError, match="invalid YAML"):
        load_gold(bad)
    with pytest.raises(BoardgraphError, match="not found"):
        load_gold(tmp_path / "nope.yaml")
    odd = tmp_path / "odd.yaml"
    odd.write_text("- just\n- a list\n", encoding="utf-8")
    with pytest.raises(BoardgraphError, match="not a gold file"):
        load_gold(odd)
    typo = tmp_path / "typo.yaml"
    typo.write_text(yaml.safe_dump({"entities": {"a": {"type": "Persn", "name": "A"}}, "documents": {}}))
    with pytest.raises(BoardgraphError, match="Persn"):
        load_gold(typo)
    dangling = tmp_path / "dangling.yaml"
    dangling.write_text(yaml.safe_dump({"entities": {}, "documents": {"d": {"mentions": ["ghost"]}}}))
    with pytest.raises(BoardgraphError, match="ghost"):
        load_gold(dangling)


def test_cli_evaluate(gold_file, tmp_path, capsys):
    graph = _write(messy_graph(), tmp_path / "g.ttl")
    out = tmp_path / "res" / "score.json"
    assert main(["evaluate", "--gold", str(gold_file), str(graph), "--json", str(out), "--verbose"]) == 0
    text = capsys.readouterr().out
    expected = evaluate_files(gold_file, graph)
    assert text.strip().splitlines()[-1] == expected.headline
    assert "-- r1: date 2013-05-01 ok; chair WRONG; board ok" in text
    assert "spurious: Organisation:Leeds City Council, Person:Zed Unknown" in text
    assert "worked_with   P 0.40  R 0.50  F1 0.44   (tp 2, fp 3, fn 2)" in text
    assert "reports missing from the graph: r3" in text
    assert json.loads(out.read_text())["entity_f1"] == expected.entity_total.f1


@pytest.mark.parametrize(
    ("content", "name", "message"),
    [
        (None, "absent.ttl", "graph file not found"),
        ("@prefix : <http://x/> . :a :b", "broken.ttl", "cannot parse as turtle"),
        ("<rdf:RDF", "broken.rdf", "cannot parse as xml"),
    ],
)
def test_cli_evaluate_bad_graph_exits_2(content, name, message, gold_file, tmp_path, capsys):
    graph = tmp_path / name
    if content is not None:
        graph.write_text(content, encoding="utf-8")
    assert main(["evaluate", "--gold", str(gold_file), str(graph)]) == 2
    err = capsys.readouterr().err
    assert message in err and len(err.strip().splitlines()) == 1


def test_cli_evaluate_bad_gold_exits_2(tmp_path, capsys):
    gold = tmp_path / "gold.yaml"
    gold.write_text("documents: [\n", encoding="utf-8")
    graph = _write(perfect_graph(), tmp_path / "g.ttl")
    assert main(["evaluate", "--gold", str(gold), str(graph)]) == 2
    err = capsys.readouterr().err
    assert err.startswith("boardgraph: error:") and "invalid YAML" in err
    assert len(err.strip().splitlines()) == 1


# --------------------------------------------------------------------------- the demo graph


@pytest.mark.slow
def test_demo_graph_headline_matches_scorer(demo_graph, scorer, shared_dir, tmp_path, capsys):
    gold = shared_dir / "gold" / "seeds.yaml"
    theirs, printed = run_scorer(scorer, gold, demo_graph, tmp_path, capsys)
    assert main(["evaluate", "--gold", str(gold), str(demo_graph)]) == 0
    ours = capsys.readouterr().out.strip().splitlines()
    assert ours[-1] == printed[-1]
    assert ours[-2] == printed[-2]
    assert_same(evaluate_files(gold, demo_graph).to_dict(), theirs)


def merged_graph() -> Graph:
    # one node named "Councillor Lee" mentioned by both reports: it stands for Ann Lee in
    # one and Bo Lee in the other
    g = Graph()
    lee = _entity(g, "lee", ["Person"], "Councillor Lee")
    _report(g, "a", None, lee)
    _report(g, "b", None, lee)
    return g


def test_one_node_for_two_gold_entities_is_a_merge(tmp_path):
    gold_path = tmp_path / "gold.yaml"
    gold_path.write_text(yaml.safe_dump(SURNAME_GOLD), encoding="utf-8")
    r = evaluate_files(gold_path, _write(merged_graph(), tmp_path / "g.ttl"))
    assert r.resolution_merges == 1
    assert list(r.merged.values()) == [["ann-lee", "bo-lee"]]
    assert "splits 0, merges 1;" in format_report(r, verbose=True)
    assert "-- merged into one entity 'Councillor Lee': ann-lee, bo-lee" in format_report(r, verbose=True)


def test_merges_same_as_shared_scorer(scorer, tmp_path, capsys):
    gold_path = tmp_path / "gold.yaml"
    gold_path.write_text(yaml.safe_dump(SURNAME_GOLD), encoding="utf-8")
    graph = _write(merged_graph(), tmp_path / "g.ttl")
    theirs, printed = run_scorer(scorer, gold_path, graph, tmp_path, capsys)
    result = evaluate_files(gold_path, graph)
    assert theirs["resolution_merges"] == 1
    assert_same(result.to_dict(), theirs)
    assert format_report(result, False).splitlines()[-2:] == printed[-2:]
