"""``boardgraph explain``: an entity's mentions and relations, each with its sentence."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from rdflib import RDF, RDFS, SKOS, XSD, Graph, Literal, Namespace, URIRef
from rdflib.namespace import DCTERMS, OWL, PROV

from boardgraph.cli import main
from boardgraph.errors import BoardgraphError
from boardgraph.graph.explain import AmbiguousEntity, explain, find_entity

BG = Namespace("https://w3id.org/boardgraph/ontology#")
ID = Namespace("https://w3id.org/boardgraph/id/")
OA = Namespace("http://www.w3.org/ns/oa#")
ORG = Namespace("http://www.w3.org/ns/org#")

# Two reports; offsets are into these texts, as the pipeline's would be.
TEXT_A = "Intro line. I met with Sam Hale MP, Minister for Towns, to discuss Kent. Ends here."
TEXT_B = "Kent Council joined the Town Deal Pilot. Cllr Hale and I spoke at the summit."


class GraphBuilder:
    """Writes the shapes of docs/graph.md, so the test reads like the graph."""

    def __init__(self) -> None:
        self.g = Graph()
        self._n = 0

    def entity(self, path: str, type_: str, label: str, *alts: str, **props: str) -> URIRef:
        node = ID[path]
        self.g.add((node, RDF.type, BG[type_]))
        self.g.add((node, RDFS.label, Literal(label)))
        for a in alts:
            self.g.add((node, SKOS.altLabel, Literal(a)))
        for prop, value in props.items():
            obj = URIRef(value) if prop == "sameAs" else Literal(value)
            self.g.add((node, OWL.sameAs if prop == "sameAs" else BG[prop], obj))
        return node

    def report(self, ident: str, date: str, title: str, chair: URIRef, board: URIRef) -> URIRef:
        node = ID[f"report/{ident}"]
        g = self.g
        g.add((node, RDF.type, BG.Report))
        g.add((node, DCTERMS.identifier, Literal(ident)))
        g.add((node, DCTERMS.title, Literal(title)))
        g.add((node, DCTERMS.date, Literal(date, datatype=XSD.date)))
        g.add((node, BG.chair, chair))
        g.add((node, BG.board, board))
        return node

    def sentence(self, report: URIRef, text: str, start: int, end: int) -> URIRef:
        node = URIRef(f"{report}/sentence/{start}-{end}")
        g = self.g
        g.add((node, RDF.type, BG.Evidence))
        g.add((node, RDF.type, OA.SpecificResource))
        g.add((node, OA.hasSource, report))
        g.add((node, RDF.value, Literal(text[start:end])))
        pos, quote = URIRef(f"{node}/position"), URIRef(f"{node}/quote")
        g.add((node, OA.hasSelector, pos))
        g.add((node, OA.hasSelector, quote))
        g.add((pos, RDF.type, OA.TextPositionSelector))
        g.add((pos, OA.start, Literal(start)))
        g.add((pos, OA.end, Literal(end)))
        g.add((quote, RDF.type, OA.TextQuoteSelector))
        g.add((quote, OA.exact, Literal(text[start:end])))
        return node

    def mention(self, report: URIRef, text: str, exact: str, entity: URIRef, sentence: URIRef) -> None:
        start = text.index(exact)
        end = start + len(exact)
        node = URIRef(f"{report}/mention/{start}-{end}")
        target = URIRef(f"{node}/target")
        g = self.g
        g.add((report, BG.mentions, entity))
        g.add((node, RDF.type, BG.Mention))
        g.add((node, RDF.type, OA.Annotation))
        g.add((node, OA.motivatedBy, OA.identifying))
        g.add((node, OA.hasBody, entity))
        g.add((node, OA.hasTarget, target))
        g.add((node, BG.rule, Literal("title-person")))
        g.add((node, BG.evidence, sentence))
        g.add((target, RDF.type, OA.SpecificResource))
        g.add((target, OA.hasSource, report))
        pos, quote = URIRef(f"{node}/position"), URIRef(f"{node}/quote")
        g.add((target, OA.hasSelector, pos))
        g.add((target, OA.hasSelector, quote))
        g.add((pos, OA.start, Literal(start)))
        g.add((pos, OA.end, Literal(end)))
        g.add((quote, OA.exact, Literal(exact)))
        g.add((quote, OA.prefix, Literal(text[max(0, start - 10) : start])))

    def relation(
        self,
        kind: str,
        report: URIRef,
        sentence: URIRef,
        trigger: str,
        rtype: str,
        **links: URIRef | list[URIRef],
    ) -> URIRef:
        self._n += 1
        node = URIRef(f"{report}/{kind.lower()}/{self._n}")
        g = self.g
        g.add((node, RDF.type, ORG.Membership if kind == "Membership" else BG[kind]))
        g.add((node, PROV.wasDerivedFrom, report))
        g.add((node, DCTERMS.date, g.value(report, DCTERMS.date)))
        g.add((node, BG.trigger, Literal(trigger)))
        g.add((node, BG.relationType, Literal(rtype)))
        g.add((node, BG.evidence, sentence))
        for prop, objs in links.items():
            ns = ORG if kind == "Membership" else BG
            for obj in objs if isinstance(objs, list) else [objs]:
                g.add((node, ns[prop], obj))
        return node


def sample_graph() -> Graph:
    b = GraphBuilder()
    g = b.g
    chair = b.entity("person/pat-moss", "Person", "Pat Moss", "Cllr Pat Moss")
    hale = b.entity(
        "person/sam-hale",
        "Person",
        "Sam Hale",
        "Sam Hale MP",
        "Cllr Hale",
        resolutionNote="'Cllr Hale' joined 'Sam Hale' (one candidate, same years)",
    )
    other_hale = b.entity("person/hale", "Person", "Hale")  # someone else, kept apart
    b.entity("person/ruth-hale", "Person", "Ruth Hale", "Cllr Hale")  # shares an alias
    kent = b.entity(
        "council/knt",
        "Council",
        "Kent County Council",
        "Kent Council",
        "Kent",
        registerCode="KEN",
        gssCode="E10000016",
        sameAs="http://statistics.data.gov.uk/id/statistical-geography/E10000016",
    )
    board = b.entity("organisation/towns-board", "Organisation", "Towns Board")
    pilot = b.entity("programme/town-deal-pilot", "Programme", "Town Deal Pilot")
    minister = ID["role/minister-for-towns"]
    g.add((minister, RDF.type, ORG.Role))
    g.add((minister, RDFS.label, Literal("Minister for Towns")))

    # The later report first, so that sorting by date is really exercised.
    rb = b.report("rep-b", "2014-06-01", "Towns Board – report from Cllr Pat Moss", chair, board)
    sb1 = b.sentence(rb, TEXT_B, 0, 40)
    sb2 = b.sentence(rb, TEXT_B, 41, len(TEXT_B))
    b.mention(rb, TEXT_B, "Kent Council", kent, sb1)
    b.mention(rb, TEXT_B, "Town Deal Pilot", pilot, sb1)
    b.mention(rb, TEXT_B, "Cllr Hale", hale, sb2)
    b.relation("Participation", rb, sb1, "joined", "joined", member=kent, programme=pilot)
    b.relation("Collaboration", rb, sb2, "and I spoke", "co-presented", participant=[hale, chair])

    ra = b.report("rep-a", "2013-02-01", "Towns Board – report from Cllr Pat Moss", chair, board)
    sa = b.sentence(ra, TEXT_A, 12, 72)
    b.mention(ra, TEXT_A, "Sam Hale MP", hale, sa)
    b.mention(ra, TEXT_A, "Kent", kent, sa)
    b.relation("Collaboration", ra, sa, "met with", "met", participant=[chair, hale])
    b.relation("Membership", ra, sa, "Minister for Towns", "apposition", member=hale, role=minister)
    g.add((ra, BG.mentions, other_hale))  # listed without an annotation
    return g


@pytest.fixture
def graph() -> Graph:
    return sample_graph()


@pytest.fixture
def graph_file(tmp_path: Path) -> Path:
    path = tmp_path / "graph.ttl"
    sample_graph().serialize(path, format="turtle")
    return path


# --------------------------------------------------------------------------- finding the entity


@pytest.mark.parametrize(
    "query",
    [
        "Sam Hale",
        "sam hale",
        "Sam Hale MP",
        "Cllr Sam Hale",
        "SAM  HALE",
        "https://w3id.org/boardgraph/id/person/sam-hale",
        "bgid:person/sam-hale",
        "person/sam-hale",
    ],
)
def test_find_by_label_alias_or_iri(graph, query):
    assert find_entity(graph, query) == ID["person/sam-hale"]


def test_label_beats_alias(graph):
    # "Hale" is one node's label and, as "Cllr Hale", two others' alias.
    assert find_entity(graph, "Hale") == ID["person/hale"]


def test_shared_alias_is_ambiguous():
    b = GraphBuilder()
    b.entity("person/jo-ray", "Person", "Jo Ray", "Cllr Ray")
    b.entity("person/al-ray", "Person", "Al Ray", "Councillor Ray")
    with pytest.raises(AmbiguousEntity) as info:
        find_entity(b.g, "Ray")
    assert [c.label for c in info.value.candidates] == ["Al Ray", "Jo Ray"]


def test_ambiguous_name_lists_candidates():
    b = GraphBuilder()
    b.entity("person/jo-ray-1", "Person", "Jo Ray")
    b.entity("person/jo-ray-2", "Person", "Jo Ray", "Cllr Jo Ray")
    with pytest.raises(AmbiguousEntity) as info:
        find_entity(b.g, "cllr jo ray")
    assert [c.iri for c in info.value.candidates] == [str(ID["person/jo-ray-1"]), str(ID["person/jo-ray-2"])]
    assert str(info.value).startswith("cllr jo ray: 2 people — Jo Ray <")


def test_unknown_and_empty_names(graph):
    with pytest.raises(BoardgraphError, match="no entity called 'Nobody Atall'"):
        find_entity(graph, "Nobody Atall")
    with pytest.raises(BoardgraphError, match="not a name"):
        find_entity(graph, "Cllr")
    with pytest.raises(BoardgraphError, match="no entity"):
        find_entity(graph, "bgid:report/rep-a")  # an IRI, but not an entity


# --------------------------------------------------------------------------- what is gathered


def test_explanation_of_a_person(graph):
    ex = explain(graph, "Sam Hale")
    assert ex.type == "Person" and ex.label == "Sam Hale"
    assert ex.alt_labels == ["Cllr Hale", "Sam Hale MP"]
    assert ex.resolution_notes == ["'Cllr Hale' joined 'Sam Hale' (one candidate, same years)"]
    groups = ex.by_report()
    assert [g.report.identifier for g in groups] == ["rep-a", "rep-b"]  # by date, not insertion
    first = groups[0]
    (mention,) = first.mentions
    assert mention.exact == "Sam Hale MP"
    assert (mention.start, mention.end) == (23, 34)
    assert TEXT_A[mention.start : mention.end] == mention.exact
    assert mention.evidence.text == TEXT_A[12:72] and mention.evidence.start == 12
    kinds = {r.kind: r for r in first.relations}
    met = kinds["collaboration"]
    assert met.trigger == "met with" and met.relation_type == "met"
    assert [p.label for p in met.others] == ["Pat Moss"]
    assert "I met with Sam Hale MP" in met.evidence.text
    assert kinds["membership"].role == "Minister for Towns"
    second = groups[1]
    assert [r.trigger for r in second.relations] == ["and I spoke"]
    assert second.mentions[0].exact == "Cllr Hale"


def test_explanation_of_a_council(graph):
    ex = explain(graph, "kent")  # alias, lower case
    assert ex.type == "Council"
    assert ex.register_codes == ["KEN"] and ex.gss_codes == ["E10000016"]
    assert ex.same_as == ["http://statistics.data.gov.uk/id/statistical-geography/E10000016"]
    (part,) = ex.relations
    assert part.kind == "participation" and part.trigger == "joined"
    assert [(p.label, p.role) for p in part.others] == [("Town Deal Pilot", "programme")]
    assert part.report.identifier == "rep-b"


def test_programme_sees_its_members(graph):
    (part,) = explain(graph, "Town Deal Pilot").relations
    assert [(p.label, p.type, p.role) for p in part.others] == [("Kent County Council", "Council", "member")]


def test_chair_and_board_roles_and_unannotated_mentions(graph):
    chair = explain(graph, "Pat Moss")
    assert sorted(r.kind for r in chair.relations if r.kind == "chair") == ["chair", "chair"]
    assert {p.label for r in chair.relations if r.kind == "collaboration" for p in r.others} == {"Sam Hale"}
    hale = explain(graph, "Hale")
    (m,) = hale.mentions
    assert m.exact is None and m.report.identifier == "rep-a"


# --------------------------------------------------------------------------- the command


def test_cli_explain_plain_text(graph_file, capsys):
    assert main(["explain", "Sam Hale MP", "--graph", str(graph_file)]) == 0
    out = capsys.readouterr().out
    assert "\x1b[" not in out  # no colour codes when not a terminal
    lines = out.splitlines()
    assert lines[0] == "Sam Hale  (Person)"
    assert "resolution:    'Cllr Hale' joined 'Sam Hale' (one candidate, same years)" in out
    # Reports in date order, each followed by what it says.
    a, b = out.index("2013-02-01  report rep-a"), out.index("2014-06-01  report rep-b")
    assert a < b
    section_a = out[a:b]
    assert 'mention "Sam Hale MP" [23-34]' in section_a
    assert 'worked with Pat Moss (Person) [met, "met with"]' in section_a
    assert "sentence [12-72] I met with Sam Hale MP, Minister for Towns, to discuss Kent." in section_a
    assert "role: Minister for Towns" in section_a
    assert '[co-presented, "and I spoke"]' in out[b:]


def test_cli_explain_json(graph_file, capsys):
    assert main(["explain", "bgid:council/knt", "--graph", str(graph_file), "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["label"] == "Kent County Council" and data["gss_codes"] == ["E10000016"]
    assert {m["exact"] for m in data["mentions"]} == {"Kent", "Kent Council"}


def test_cli_explain_unknown_exits_2(graph_file, capsys):
    assert main(["explain", "Nobody Atall", "--graph", str(graph_file)]) == 2
    err = capsys.readouterr().err
    assert err == "boardgraph: error: no entity called 'Nobody Atall'\n"


def test_cli_explain_ambiguous_lists_candidates(tmp_path, capsys):
    b = GraphBuilder()
    b.entity("person/jo-ray-1", "Person", "Jo Ray")
    b.entity("person/jo-ray-2", "Person", "Jo Ray")
    path = tmp_path / "g.ttl"
    b.g.serialize(path, format="turtle")
    assert main(["explain", "Jo Ray", "--graph", str(path)]) == 2
    err = capsys.readouterr().err.splitlines()
    assert err[0] == "boardgraph: error: Jo Ray: 2 people —"
    assert err[1].endswith("person/jo-ray-1") and err[2].endswith("person/jo-ray-2")


def test_cli_explain_missing_graph_exits_2(tmp_path, capsys):
    assert main(["explain", "Sam Hale", "--graph", str(tmp_path / "none.ttl")]) == 2
    assert "graph file not found" in capsys.readouterr().err


# --------------------------------------------------------------------------- the demo graph


@pytest.mark.slow
def test_demo_graph_explains_bob_neill(demo_graph, capsys):
    assert main(["explain", "Bob Neill", "--graph", str(demo_graph)]) == 0
    out = capsys.readouterr().out
    assert out.startswith("Bob Neill  (Person)")
    assert "met with" in out
    assert "I recently met with Bob Neill MP" in " ".join(out.split())


# --------------------------------------------------------------------------- forgiving look-up


def _people_graph() -> GraphBuilder:
    b = GraphBuilder()
    b.entity("person/ann-webb", "Person", "Ann Webb", "Cllr Webb")
    b.entity("person/bo-webb", "Person", "Bo Webb")
    b.entity("person/cy-marsh", "Person", "Cy Marsh", "County Cllr Marsh")
    b.entity("organisation/webb-trust", "Organisation", "Webb Trust")
    return b


def test_titles_are_ignored():
    g = _people_graph().g
    assert find_entity(g, "Councillor Cy Marsh") == ID["person/cy-marsh"]
    assert find_entity(g, "Cllr Marsh") == ID["person/cy-marsh"]
    assert find_entity(g, "District Cllr Bo Webb") == ID["person/bo-webb"]


def test_surname_is_ambiguous_even_when_one_has_it_as_alias():
    # "Cllr Webb" is Ann Webb's other name, but may as well mean Bo Webb
    with pytest.raises(AmbiguousEntity) as info:
        find_entity(_people_graph().g, "Cllr Webb")
    assert [c.label for c in info.value.candidates] == ["Ann Webb", "Bo Webb"]


def test_surname_alone_lists_the_people_with_it():
    b = GraphBuilder()
    b.entity("person/ann-webb", "Person", "Ann Webb")
    b.entity("person/bo-webb", "Person", "Bo Webb")
    b.entity("organisation/webb-trust", "Organisation", "Webb Trust")
    with pytest.raises(AmbiguousEntity) as info:
        find_entity(b.g, "Webb")
    assert [c.label for c in info.value.candidates] == ["Ann Webb", "Bo Webb"]
    assert str(info.value).startswith("Webb: 2 people — Ann Webb <")


def test_a_name_of_several_types_counts_entities():
    b = GraphBuilder()
    b.entity("person/ann-webb", "Person", "Ann Webb")
    b.entity("organisation/ann-webb", "Organisation", "Ann Webb")
    with pytest.raises(AmbiguousEntity) as info:
        find_entity(b.g, "Ann Webb")
    assert str(info.value).startswith("Ann Webb: 2 entities — Ann Webb <")


def test_explain_shares_the_read_records():
    from boardgraph.graph import explain as explain_module
    from boardgraph.graph import records

    # One Evidence for every reader of the graph (explain, the network, the page).
    assert explain_module.Evidence is records.Evidence
    assert records.Evidence(" two\n lines ").sentence == "two lines"


def test_unknown_name_suggests_the_nearest():
    with pytest.raises(BoardgraphError, match="nearest: 'Cy Marsh'"):
        find_entity(_people_graph().g, "Cy Marssh")


def test_query_param_looks_names_up_the_same_way(tmp_path):
    from boardgraph.sparql.query import run_query

    path = tmp_path / "g.ttl"
    _people_graph().g.serialize(path, format="turtle")
    text = (
        "# people\n# @param person (entity): who\n"
        "SELECT ?label WHERE { ?person <http://www.w3.org/2000/01/rdf-schema#label> ?label }"
    )
    found = run_query(text, [("person", None, "Councillor Cy Marsh")], graph=path, with_ontology=False)
    assert [str(r[0]) for r in found.rows] == ["Cy Marsh"]
    found = run_query(text, [("person", None, "Webb")], graph=path, with_ontology=False)
    assert found.rows == [] and any("Webb: 2 people" in w for w in found.warnings)
    found = run_query(text, [("person", None, "Cy Marssh")], graph=path, with_ontology=False)
    assert found.rows == [] and any("nearest: 'Cy Marsh'" in w for w in found.warnings)
