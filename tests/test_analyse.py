"""Network analysis: known answers on a small hand-made graph, then the sample corpus."""

from __future__ import annotations

import csv
import datetime as dt
import re
import xml.etree.ElementTree as ET
from pathlib import Path

import networkx as nx
import pytest

from boardgraph.cli import main
from boardgraph.errors import BoardgraphError
from boardgraph.network import build, exports, measures, read, search
from boardgraph.network import time as ntime

# A small graph in the shape of docs/graph.md.
#
#   Dave Oak ── Alice Ash ── Bob Birch          (Alice–Bob: 2011, 2012, 2015)
#                    ╲        ╱                 (Bob–Carol: 2012, 2015)
#                    Carol Cedar                (Alice–Carol: 2015, a three-way collaboration)
#                        │
#                   Test Agency                 (2013)
#                        │
#               Testshire County Council        (2013; dated only by its report)
#
# Dave–Alice comes from an undated report. Testshire and Test Agency take part
# in the "Better Places" programme.
SMALL_TTL = """
@prefix bg:      <https://w3id.org/boardgraph/ontology#> .
@prefix bgid:    <https://w3id.org/boardgraph/id/> .
@prefix dcterms: <http://purl.org/dc/terms/> .
@prefix oa:      <http://www.w3.org/ns/oa#> .
@prefix org:     <http://www.w3.org/ns/org#> .
@prefix prov:    <http://www.w3.org/ns/prov#> .
@prefix rdf:     <http://www.w3.org/1999/02/22-rdf-syntax-ns#> .
@prefix rdfs:    <http://www.w3.org/2000/01/rdf-schema#> .
@prefix skos:    <http://www.w3.org/2004/02/skos/core#> .
@prefix xsd:     <http://www.w3.org/2001/XMLSchema#> .

bgid:person/alice-ash a bg:Person ; rdfs:label "Alice Ash" ; skos:altLabel "Cllr Ash" .
bgid:person/bob-birch a bg:Person ; rdfs:label "Bob Birch" .
bgid:person/carol-cedar a bg:Person ; rdfs:label "Carol Cedar" .
bgid:person/dave-oak a bg:Person ; rdfs:label "Dave Oak" .
bgid:organisation/test-agency a bg:Organisation ; rdfs:label "Test Agency" .
bgid:organisation/test-board a bg:Organisation ; rdfs:label "Test Board" .
bgid:council/tst a bg:Council , bg:Organisation ; rdfs:label "Testshire County Council" ;
    skos:altLabel "Testshire" ; bg:registerCode "TST" .
bgid:programme/better-places a bg:Programme ; rdfs:label "Better Places" .
bgid:role/vice-chair a org:Role ; rdfs:label "Vice Chair" .

bgid:report/r1 a bg:Report ; dcterms:identifier "r1" ; dcterms:title "Report one" ;
    dcterms:date "2011-03-01"^^xsd:date ; bg:board bgid:organisation/test-board ;
    bg:chair bgid:person/alice-ash ; bg:mentions bgid:person/bob-birch .
bgid:report/r2 a bg:Report ; dcterms:identifier "r2" ; dcterms:title "Report two" ;
    dcterms:date "2012-05-01"^^xsd:date ; bg:chair bgid:person/bob-birch .
bgid:report/r3 a bg:Report ; dcterms:identifier "r3" ; dcterms:title "Report three" ;
    dcterms:date "2013-01-10"^^xsd:date ; bg:chair bgid:person/carol-cedar .
bgid:report/r4 a bg:Report ; dcterms:identifier "r4" ; dcterms:title "Report four" ;
    dcterms:date "2015-06-01"^^xsd:date ; bg:chair bgid:person/alice-ash .
bgid:report/r5 a bg:Report ; dcterms:identifier "r5" ; dcterms:title "Report five (undated)" .

bgid:report/r1/sentence/0-40 a bg:Evidence , oa:SpecificResource ;
    oa:hasSource bgid:report/r1 ;
    oa:hasSelector bgid:report/r1/sentence/0-40/position , bgid:report/r1/sentence/0-40/quote ;
    rdf:value "I met with Bob Birch to discuss housing." .
bgid:report/r1/sentence/0-40/position a oa:TextPositionSelector ; oa:start 0 ; oa:end 40 .
bgid:report/r1/sentence/0-40/quote a oa:TextQuoteSelector ;
    oa:exact "I met with Bob Birch to discuss housing." .
bgid:report/r1/mention/11-20 a bg:Mention , oa:Annotation ;
    oa:hasBody bgid:person/bob-birch ; oa:hasTarget bgid:report/r1/mention/11-20/target ;
    bg:evidence bgid:report/r1/sentence/0-40 .
bgid:report/r1/mention/11-20/target a oa:SpecificResource ; oa:hasSource bgid:report/r1 ;
    oa:hasSelector bgid:report/r1/mention/11-20/quote .
bgid:report/r1/mention/11-20/quote a oa:TextQuoteSelector ; oa:exact "Bob Birch" .
bgid:report/r1/collaboration/c1 a bg:Collaboration ;
    bg:participant bgid:person/alice-ash , bgid:person/bob-birch ;
    prov:wasDerivedFrom bgid:report/r1 ; dcterms:date "2011-03-01"^^xsd:date ;
    bg:relationType "met" ; bg:trigger "met with" ; bg:evidence bgid:report/r1/sentence/0-40 .

bgid:report/r2/sentence/0-30 a bg:Evidence ; rdf:value "Alice Ash and I wrote jointly." .
bgid:report/r2/sentence/31-60 a bg:Evidence ; rdf:value "I met Carol Cedar in Leeds." .
bgid:report/r2/collaboration/c2 a bg:Collaboration ;
    bg:participant bgid:person/alice-ash , bgid:person/bob-birch ;
    prov:wasDerivedFrom bgid:report/r2 ; dcterms:date "2012-05-01"^^xsd:date ;
    bg:relationType "jointly" ; bg:evidence bgid:report/r2/sentence/0-30 .
bgid:report/r2/collaboration/c3 a bg:Collaboration ;
    bg:participant bgid:person/bob-birch , bgid:person/carol-cedar ;
    prov:wasDerivedFrom bgid:report/r2 ; dcterms:date "2012-05-01"^^xsd:date ;
    bg:relationType "met" ; bg:evidence bgid:report/r2/sentence/31-60 .
bgid:report/r2/membership/m1 a org:Membership ; org:member bgid:person/carol-cedar ;
    org:organization bgid:organisation/test-board ; org:role bgid:role/vice-chair ;
    prov:wasDerivedFrom bgid:report/r2 ; dcterms:date "2012-05-01"^^xsd:date .

bgid:report/r3/sentence/0-50 a bg:Evidence ; rdf:value "I worked closely with the Test Agency." .
bgid:report/r3/sentence/51-99 a bg:Evidence ;
    rdf:value "The Test Agency partnered with Testshire on Better Places." .
bgid:report/r3/collaboration/c4 a bg:Collaboration ;
    bg:participant bgid:person/carol-cedar , bgid:organisation/test-agency ;
    prov:wasDerivedFrom bgid:report/r3 ; dcterms:date "2013-01-10"^^xsd:date ;
    bg:relationType "partnered" ; bg:evidence bgid:report/r3/sentence/0-50 .
bgid:report/r3/collaboration/c5 a bg:Collaboration ;
    bg:participant bgid:organisation/test-agency , bgid:council/tst ;
    prov:wasDerivedFrom bgid:report/r3 ;
    bg:relationType "partnered" ; bg:evidence bgid:report/r3/sentence/51-99 .
bgid:report/r3/participation/p1 a bg:Participation ;
    bg:member bgid:council/tst ; bg:programme bgid:programme/better-places ;
    prov:wasDerivedFrom bgid:report/r3 ; bg:relationType "runs" ;
    bg:evidence bgid:report/r3/sentence/51-99 .
bgid:report/r3/participation/p2 a bg:Participation ;
    bg:member bgid:organisation/test-agency ; bg:programme bgid:programme/better-places ;
    prov:wasDerivedFrom bgid:report/r3 ; bg:evidence bgid:report/r3/sentence/51-99 .

bgid:report/r4/sentence/0-60 a bg:Evidence ;
    rdf:value "Bob Birch, Carol Cedar and I presented together." .
bgid:report/r4/collaboration/c6 a bg:Collaboration ;
    bg:participant bgid:person/alice-ash , bgid:person/bob-birch , bgid:person/carol-cedar ;
    prov:wasDerivedFrom bgid:report/r4 ; dcterms:date "2015-06-01"^^xsd:date ;
    bg:relationType "co-presented" ; bg:evidence bgid:report/r4/sentence/0-60 .

bgid:report/r5/sentence/0-30 a bg:Evidence ; rdf:value "Dave Oak and Cllr Ash met." .
bgid:report/r5/collaboration/c7 a bg:Collaboration ;
    bg:participant bgid:person/dave-oak , bgid:person/alice-ash ;
    prov:wasDerivedFrom bgid:report/r5 ; bg:relationType "met" ;
    bg:evidence bgid:report/r5/sentence/0-30 .
"""

ID = "https://w3id.org/boardgraph/id/"
ALICE, BOB, CAROL, DAVE = (f"{ID}person/{s}" for s in ("alice-ash", "bob-birch", "carol-cedar", "dave-oak"))
AGENCY, TESTSHIRE = f"{ID}organisation/test-agency", f"{ID}council/tst"
PROGRAMME = f"{ID}programme/better-places"


# Turtle's prefixed names cannot hold "/", so write the data IRIs out in full.
SMALL_TTL = re.sub(r"\bbgid:([\w/-]+)", rf"<{ID}\1>", SMALL_TTL)


def write_small_graph(path: Path) -> Path:
    path.write_text(SMALL_TTL, encoding="utf-8")
    return path


def tie(a: str, b: str) -> tuple[str, str]:
    return (a, b) if a <= b else (b, a)


@pytest.fixture(scope="module")
def small_ttl(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return write_small_graph(tmp_path_factory.mktemp("small") / "graph.ttl")


@pytest.fixture()
def net(small_ttl: Path) -> nx.Graph:
    return build.collaboration_network(small_ttl)


# ------------------------------------------------------------ the network


def test_nodes_are_typed_and_labelled(net: nx.Graph) -> None:
    assert sorted(net) == sorted([ALICE, BOB, CAROL, DAVE, AGENCY, TESTSHIRE])
    assert net.nodes[ALICE]["label"] == "Alice Ash"
    assert net.nodes[ALICE]["alt_labels"] == ("Cllr Ash",)
    assert net.nodes[AGENCY]["type"] == "Organisation"
    # Typed both Council and Organisation: read as a council (the contract).
    assert net.nodes[TESTSHIRE]["type"] == "Council"


def test_edges_carry_every_dated_collaboration_with_evidence(net: nx.Graph) -> None:
    ab = net.edges[ALICE, BOB]
    assert ab["weight"] == 3
    assert [c.date for c in ab["collaborations"]] == [
        dt.date(2011, 3, 1),
        dt.date(2012, 5, 1),
        dt.date(2015, 6, 1),
    ]
    assert ab["years"] == (2011, 2012, 2015)
    first = ab["collaborations"][0]
    assert first.report_id == "r1" and first.relation_type == "met" and first.trigger == "met with"
    assert first.evidence[0].text == "I met with Bob Birch to discuss housing."
    assert (first.evidence[0].start, first.evidence[0].end) == (0, 40)
    # The three-way collaboration links every pair of its participants.
    assert net.has_edge(ALICE, CAROL) and net.edges[ALICE, CAROL]["weight"] == 1
    assert net.number_of_edges() == 6


def test_a_collaboration_without_a_date_takes_its_reports(net: nx.Graph) -> None:
    (c5,) = net.edges[AGENCY, TESTSHIRE]["collaborations"]
    assert c5.date == dt.date(2013, 1, 10)
    (c7,) = net.edges[ALICE, DAVE]["collaborations"]
    assert c7.date is None
    assert net.graph["undated"] == 1


def test_programme_network_is_bipartite(small_ttl: Path) -> None:
    prog = build.programme_network(small_ttl)
    assert sorted(prog) == sorted([AGENCY, TESTSHIRE, PROGRAMME])
    assert nx.is_bipartite(prog)
    assert prog.nodes[PROGRAMME]["bipartite"] == 1 and prog.nodes[TESTSHIRE]["bipartite"] == 0
    assert prog.nodes[PROGRAMME]["label"] == "Better Places"
    (p1,) = prog.edges[TESTSHIRE, PROGRAMME]["collaborations"]
    assert p1.relation_type == "runs" and p1.date == dt.date(2013, 1, 10)


def test_graph_data_has_mentions_roles_and_reports(small_ttl: Path) -> None:
    data = read.as_data(small_ttl)
    assert data.reports[f"{ID}report/r1"].chair == "Alice Ash"
    assert data.reports[f"{ID}report/r1"].board == "Test Board"
    bob = [m for m in data.mentions if m.entity == BOB]
    assert any(m.text == "Bob Birch" and m.evidence and "housing" in m.evidence.text for m in bob)
    (role,) = data.roles
    assert (role.person, role.role, role.organisation) == (CAROL, "Vice Chair", "Test Board")


def test_reads_trig_too(tmp_path: Path, small_ttl: Path) -> None:
    import pyoxigraph as ox

    store = ox.Store()
    store.load(path=str(small_ttl), format=ox.RdfFormat.TURTLE, to_graph=ox.NamedNode(f"{ID}graph/all"))
    trig = tmp_path / "graph.trig"
    store.dump(str(trig), format=ox.RdfFormat.TRIG)
    assert sorted(build.collaboration_network(trig)) == sorted(build.collaboration_network(small_ttl))


def test_missing_or_broken_graph_is_a_one_line_error(tmp_path: Path) -> None:
    with pytest.raises(BoardgraphError, match="not found"):
        read.as_data(tmp_path / "nope.ttl")
    bad = tmp_path / "bad.ttl"
    bad.write_text("this is not turtle", encoding="utf-8")
    with pytest.raises(BoardgraphError, match="cannot parse"):
        read.as_data(bad)


# ------------------------------------------------------------------ measures


def test_degree_weighted_degree_and_betweenness(net: nx.Graph) -> None:
    m = measures.compute_measures(net)
    assert {n: m[n]["degree"] for n in net} == {ALICE: 3, BOB: 2, CAROL: 3, DAVE: 1, AGENCY: 2, TESTSHIRE: 1}
    assert m[ALICE]["weighted_degree"] == 5  # Bob 3 + Carol 1 + Dave 1
    assert m[BOB]["weighted_degree"] == 5  # Alice 3 + Carol 2
    assert m[ALICE]["collaborations"] == 4  # c1, c2, c6, c7
    # Brokers: Carol is on 6 of the 10 shortest paths between pairs of others,
    # Alice (for Dave) and the agency (for Testshire) on 4 each; Bob on none.
    assert m[CAROL]["betweenness"] == pytest.approx(0.6)
    assert m[ALICE]["betweenness"] == pytest.approx(0.4)
    assert m[AGENCY]["betweenness"] == pytest.approx(0.4)
    assert m[BOB]["betweenness"] == 0


def test_pagerank_matches_networkx_reference(net: nx.Graph) -> None:
    from networkx.algorithms.link_analysis.pagerank_alg import _pagerank_python

    ours = measures.pagerank(net)
    ref = _pagerank_python(net, weight="weight", tol=1e-13, max_iter=10_000)
    assert ours == pytest.approx(ref, abs=1e-8)
    assert sum(ours.values()) == pytest.approx(1.0)
    # On a star the hub ranks highest and the leaves are equal.
    star = measures.pagerank(nx.star_graph(4))
    assert star[0] > star[1] == pytest.approx(star[4])


def test_louvain_communities_are_seeded_and_stable(net: nx.Graph, small_ttl: Path) -> None:
    comm = measures.communities(net)
    assert comm[ALICE] == comm[BOB] == comm[CAROL] == comm[DAVE] == 1  # the largest is numbered 1
    assert comm[AGENCY] == comm[TESTSHIRE] == 2
    again = [measures.communities(build.collaboration_network(small_ttl)) for _ in range(3)]
    assert all(c == comm for c in again)


def test_ranking_orders_by_the_chosen_measure(net: nx.Graph) -> None:
    measures.compute_measures(net)
    assert measures.ranking(net, "betweenness")[0] == CAROL
    # Alice and Bob both have weighted degree 5; Alice brokers more, so she is first.
    assert measures.ranking(net)[:2] == [ALICE, BOB]
    with pytest.raises(BoardgraphError, match="unknown measure"):
        measures.ranking(net, "fame")


def test_ego_network(net: nx.Graph) -> None:
    ego = search.ego_network(net, "Carol Cedar")
    assert sorted(ego) == sorted([ALICE, BOB, CAROL, AGENCY])
    assert ego.has_edge(ALICE, BOB)  # ties among the neighbours are kept
    assert sorted(search.ego_network(net, "Testshire", radius=2)) == sorted([TESTSHIRE, AGENCY, CAROL])


def test_find_node_by_name_alias_slug_or_unique_part(net: nx.Graph) -> None:
    assert search.find_node(net, "alice ash") == ALICE
    assert search.find_node(net, "Cllr Ash") == ALICE
    assert search.find_node(net, "carol-cedar") == CAROL
    assert search.find_node(net, "Birch") == BOB
    with pytest.raises(BoardgraphError, match="did you mean 'Alice Ash'"):
        search.find_node(net, "Alice Asch")
    two_ashes = net.copy()
    two_ashes.add_node("x", label="Bob Ash", type="Person")
    with pytest.raises(BoardgraphError, match="more than one node: Alice Ash, Bob Ash"):
        search.find_node(two_ashes, "Ash")


def test_shortest_path_with_evidence_per_hop(net: nx.Graph) -> None:
    hops = search.shortest_path(net, "Dave Oak", "Testshire County Council")
    assert [(h.source, h.target) for h in hops] == [
        (DAVE, ALICE),
        (ALICE, CAROL),
        (CAROL, AGENCY),
        (AGENCY, TESTSHIRE),
    ]
    assert hops[1].collaborations[0].evidence[0].text == "Bob Birch, Carol Cedar and I presented together."
    assert hops[1].collaborations[0].report_id == "r4"
    lonely = net.copy()
    lonely.add_node("x", label="Xavier Yew", type="Person")
    with pytest.raises(BoardgraphError, match="no chain"):
        search.shortest_path(lonely, "Alice Ash", "Xavier Yew")


# ---------------------------------------------------------------------- time


def test_period_parsing() -> None:
    assert ntime.Period.parse("2011") == ntime.Period(dt.date(2011, 1, 1), dt.date(2011, 12, 31))
    assert ntime.Period.parse("2012-02").end == dt.date(2012, 2, 29)
    assert ntime.Period.parse("2011:2013").label == "2011–2013"
    assert ntime.Period.between("2011", None).end == dt.date.max
    with pytest.raises(BoardgraphError, match="not a year or date"):
        ntime.Period.parse("last year")
    with pytest.raises(BoardgraphError, match="starts after"):
        ntime.Period.between("2014", "2012")


def test_yearly_snapshots(net: nx.Graph) -> None:
    snaps = ntime.yearly_snapshots(net)
    assert sorted(snaps) == [2011, 2012, 2013, 2015]
    assert ntime.ties(snaps[2011]) == {tie(ALICE, BOB)}
    assert ntime.ties(snaps[2012]) == {tie(ALICE, BOB), tie(BOB, CAROL)}
    assert ntime.ties(snaps[2013]) == {tie(CAROL, AGENCY), tie(AGENCY, TESTSHIRE)}
    assert ntime.ties(snaps[2015]) == {tie(ALICE, BOB), tie(BOB, CAROL), tie(ALICE, CAROL)}
    # A snapshot keeps only that period's collaborations on each edge.
    assert snaps[2012].edges[ALICE, BOB]["weight"] == 1
    # Undated collaborations are in no snapshot.
    assert all(DAVE not in s for s in snaps.values())


def test_cumulative_view(net: nx.Graph) -> None:
    upto = ntime.cumulative(net, 2012)
    assert ntime.ties(upto) == {tie(ALICE, BOB), tie(BOB, CAROL)}
    assert upto.edges[ALICE, BOB]["weight"] == 2
    assert ntime.cumulative(net, 2010).number_of_nodes() == 0


def test_change_between_periods(net: nx.Graph) -> None:
    snaps = ntime.yearly_snapshots(net)
    change = ntime.compare(snaps[2012], snaps[2013])
    assert change.joined == tuple(sorted([AGENCY, TESTSHIRE]))
    assert change.left == tuple(sorted([ALICE, BOB]))
    assert change.stayed == (CAROL,)
    assert set(change.new_ties) == {tie(CAROL, AGENCY), tie(AGENCY, TESTSHIRE)}
    assert set(change.lost_ties) == {tie(ALICE, BOB), tie(BOB, CAROL)}
    assert ntime.compare(snaps[2011], snaps[2012]).joined == (CAROL,)


# ------------------------------------------------------------------- exports


def test_graphml_parses_back_with_dates_and_measures(net: nx.Graph, tmp_path: Path) -> None:
    (out,) = exports.export(net, "graphml", tmp_path / "n.graphml")
    back = nx.read_graphml(out)
    assert sorted(back) == sorted(net)
    assert back.nodes[ALICE]["label"] == "Alice Ash" and back.nodes[ALICE]["type"] == "Person"
    assert back.nodes[CAROL]["betweenness"] == pytest.approx(0.6)
    ab = back.edges[ALICE, BOB]
    assert ab["weight"] == 3 and ab["first"] == "2011-03-01" and ab["last"] == "2015-06-01"
    assert ab["start"] == "2011-01-01" and ab["end"] == "2015-12-31"
    assert "housing" in ab["evidence"] and "r1" in ab["reports"]


def test_gexf_is_dynamic_with_spells(net: nx.Graph, tmp_path: Path) -> None:
    (out,) = exports.export(net, "gexf", tmp_path / "n.gexf")
    back = nx.read_gexf(out)
    assert sorted(back) == sorted(net)
    assert back.graph["mode"] == "dynamic"
    root = ET.parse(out).getroot()
    ns = {"g": "http://www.gexf.net/1.2draft"}
    graph_el = root.find("g:graph", ns)
    assert graph_el is not None and graph_el.get("timeformat") == "date"
    assert "lastmodifieddate" not in out.read_text(encoding="utf-8")  # no run date: stable output
    # Alice–Bob: 2011–2012 run together into one spell, 2015 is another.
    spells = back.edges[ALICE, BOB]["spells"]
    assert spells == [("2011-01-01", "2012-12-31"), ("2015-01-01", "2015-12-31")]
    assert back.edges[ALICE, BOB]["weight"] == 3
    assert back.nodes[TESTSHIRE]["label"] == "Testshire County Council"


def test_csv_edges_and_nodes_for_gephi(net: nx.Graph, tmp_path: Path) -> None:
    edges_path, nodes_path = exports.export(net, "csv", tmp_path / "n.csv")
    assert nodes_path.name == "n.nodes.csv"
    edges = list(csv.DictReader(edges_path.open(encoding="utf-8")))
    nodes = list(csv.DictReader(nodes_path.open(encoding="utf-8")))
    assert len(edges) == 6 and len(nodes) == 6
    ab = next(e for e in edges if {e["Source"], e["Target"]} == {ALICE, BOB})
    assert ab["Weight"] == "3" and ab["Interval"] == "<[2011-01-01, 2012-12-31]; [2015-01-01, 2015-12-31]>"
    assert {n["Label"] for n in nodes} >= {"Alice Ash", "Testshire County Council"}


def test_exports_are_deterministic(small_ttl: Path, tmp_path: Path) -> None:
    for fmt in exports.EXPORT_FORMATS:
        a = exports.export(build.collaboration_network(small_ttl), fmt, tmp_path / f"a.{fmt}")
        b = exports.export(build.collaboration_network(small_ttl), fmt, tmp_path / f"b.{fmt}")
        assert [p.read_bytes() for p in a] == [p.read_bytes() for p in b]


def test_unknown_export_format(net: nx.Graph, tmp_path: Path) -> None:
    with pytest.raises(BoardgraphError, match="unknown export format"):
        exports.export(net, "dot", tmp_path / "n.dot")


# ----------------------------------------------------------------------- CLI


def test_cli_network_tables(small_ttl: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["network", "--graph", str(small_ttl), "--top", "3"]) == 0
    out = capsys.readouterr().out
    assert "Alice Ash" in out and "Carol Cedar" in out
    assert "Dave Oak" not in out.split("Communities")[0].split("Most connected")[1]  # only the top 3
    assert "2013" in out  # the per-year table


def test_cli_network_period_ego_path_and_export(
    small_ttl: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out_file = tmp_path / "sub" / "net.graphml"
    code = main(
        [
            "network",
            "--graph",
            str(small_ttl),
            "--from",
            "2011",
            "--to",
            "2012",
            "--ego",
            "Bob Birch",
            "--path",
            "Alice Ash",
            "Carol Cedar",
            "--export",
            "graphml",
            "-o",
            str(out_file),
        ]
    )
    assert code == 0
    out = capsys.readouterr().out
    assert "Test Agency" not in out  # 2013 is outside the period
    assert "I met Carol Cedar in Leeds." in out  # the path's evidence
    assert "Most connected" not in out and "Communities" not in out  # only what was asked
    back = nx.read_graphml(out_file)
    assert sorted(back) == sorted([ALICE, BOB, CAROL])


def test_cli_compare_and_programmes(small_ttl: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["network", "--graph", str(small_ttl), "--compare", "2012", "2013"]) == 0
    out = capsys.readouterr().out
    assert "Joined" in out and "Test Agency" in out
    assert "Most connected" not in out
    assert main(["network", "--graph", str(small_ttl), "--programmes"]) == 0
    out = capsys.readouterr().out
    assert "Better Places" in out and "Testshire County Council" in out


def test_cli_errors_are_one_line(small_ttl: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["network", "--graph", str(tmp_path / "missing.ttl")]) == 2
    assert "graph file not found" in capsys.readouterr().err
    assert main(["network", "--graph", str(small_ttl), "--ego", "Nobody"]) == 2
    err = capsys.readouterr().err
    assert err.startswith("boardgraph: error: no one called 'Nobody'") and err.count("\n") == 1


# ------------------------------------------------------------- sample corpus


@pytest.fixture(scope="module")
def demo_net(demo_graph: Path) -> nx.Graph:
    return build.collaboration_network(demo_graph)


def test_sample_fleming_shortland_tie_over_time(demo_net: nx.Graph) -> None:
    fleming = search.find_node(demo_net, "Peter Fleming")
    shortland = search.find_node(demo_net, "Jill Shortland")
    snaps = ntime.yearly_snapshots(demo_net)
    assert snaps[2012].has_edge(fleming, shortland)
    assert snaps[2015].has_edge(fleming, shortland)
    before = ntime.snapshot(demo_net, ntime.Period.between(None, "2010"))
    assert not before.has_edge(fleming, shortland)
    # Each of the tie's collaborations cites a sentence naming Shortland.
    for collab in demo_net.edges[fleming, shortland]["collaborations"]:
        assert any("Shortland" in e.text for e in collab.evidence)


def test_sample_exports_parse_back(demo_net: nx.Graph, tmp_path: Path) -> None:
    (gml,) = exports.export(demo_net, "graphml", tmp_path / "n.graphml")
    (gexf,) = exports.export(demo_net, "gexf", tmp_path / "n.gexf")
    for back in (nx.read_graphml(gml), nx.read_gexf(gexf)):
        assert back.number_of_nodes() == demo_net.number_of_nodes()
        assert back.number_of_edges() == demo_net.number_of_edges()
    labels = {d["label"] for _, d in nx.read_graphml(gml).nodes(data=True)}
    assert {"Peter Fleming", "Jill Shortland"} <= labels


def test_sample_cli_demo_flags(demo_graph: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out_file = tmp_path / "network.graphml"
    args = ["network", "--graph", str(demo_graph), "--top", "10", "--export", "graphml", "-o", str(out_file)]
    assert main(args) == 0
    out = capsys.readouterr().out
    assert out.startswith("wrote ") and out.count("\n") == 1  # the export, not the whole report
    assert nx.read_graphml(out_file).number_of_nodes() > 5
