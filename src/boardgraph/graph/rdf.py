"""RDF stage: map resolved records to the boardgraph ontology.

Every IRI is derived from the input (report identifiers, character offsets,
entity slugs, a hash of the participants), never from a counter or a clock,
so the same input gives the same graph. See docs/graph.md for the shape.
"""

from __future__ import annotations

import hashlib
from decimal import Decimal

from rdflib import OWL, RDF, RDFS, SKOS, XSD, BNode, Dataset, Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, FOAF, PROV

from boardgraph import __version__
from boardgraph.graph import iri
from boardgraph.graph.vocab import BG, BG_IRI, ID, ID_IRI, OA, ONS_GEOGRAPHY, ORG, PREFIXES, prefixes
from boardgraph.lexicons.names import slug
from boardgraph.model import (
    PARTICIPATES,
    PERSON,
    TYPES,
    WORKED_WITH,
    Entity,
    ExtractedReport,
    PossibleSame,
    Relation,
    ResolvedCorpus,
    Role,
    SourceDocument,
)
from boardgraph.model import Span as CharSpan
from boardgraph.resources import shipped

# Each entity type's bg: class is named after it (model.EntityType); BG is strict, so a new type
# without a class in vocab.BG fails here, at import.
CLASS_OF = {t.name: BG[t.name] for t in TYPES}
GRAPH_ENTITIES = ID["graph/entities"]
GRAPH_BUILD = ID["graph/build"]
GRAPH_ONTOLOGY = ID["graph/ontology"]
QUOTE_CONTEXT = 32  # characters of prefix/suffix kept in a TextQuoteSelector

# Terms written once per mention, looked up once: rdflib's namespace attribute
# access builds a new URIRef on every call, which dominated large builds.
A = RDF.type
T_MENTION, T_EVIDENCE = BG.Mention, BG.Evidence
T_ANNOTATION, T_SPECIFIC, T_POSITION, T_QUOTE = (
    OA.Annotation,
    OA.SpecificResource,
    OA.TextPositionSelector,
    OA.TextQuoteSelector,
)
P_MENTIONS, P_ENTITY_TYPE, P_RULE, P_EVIDENCE = BG.mentions, BG.entityType, BG.rule, BG.evidence
P_MOTIVATED, P_BODY, P_TARGET, P_SOURCE, P_SELECTOR = (
    OA.motivatedBy,
    OA.hasBody,
    OA.hasTarget,
    OA.hasSource,
    OA.hasSelector,
)
P_START, P_END, P_EXACT, P_PREFIX, P_SUFFIX = OA.start, OA.end, OA.exact, OA.prefix, OA.suffix
IDENTIFYING = OA.identifying


def report_iri(report_id: str) -> URIRef:
    # the identifier is a file stem: any character may be in it (iri.segment)
    return URIRef(f"{ID_IRI}report/{iri.segment(report_id)}")


def entity_iri(entity_id: str) -> URIRef:
    return URIRef(ID_IRI + iri.path(entity_id))


def _digest(*parts: str) -> str:
    return hashlib.sha256("\x1f".join(parts).encode()).hexdigest()[:12]


def new_graph() -> Graph:
    g = Graph()
    for prefix, ns in {**PREFIXES, **prefixes("dcterms", "foaf", "prov", "skos", "owl")}.items():
        g.bind(prefix, ns)
    return g


class GraphWriter:
    """Writes a corpus's triples into an rdflib Graph, or into any sink with
    ``add`` and ``in`` (the build's on-disk store, for example)."""

    def __init__(self, corpus: ResolvedCorpus, sink: Graph | None = None):
        self.corpus = corpus
        self.g = sink if sink is not None else new_graph()
        self._texts = {r.document.identifier: r.document.text for r in corpus.reports}
        self._evidence_done: set[URIRef] = set()

    def build(self) -> Graph:
        build = self._build()
        for ent in sorted(self.corpus.entities.values(), key=lambda e: e.id):
            self._entity(ent)
        for rep in sorted(self.corpus.reports, key=lambda r: r.document.identifier):
            self._report(rep, build)
        for rel in self.corpus.relations:
            self._relation(rel)
        for role in self.corpus.roles:
            self._role(role)
        for doubt in self.corpus.possible_same:
            self._possible_same(doubt)
        return self.g

    # -- doubtful identities: recorded for a reviewer, never merged
    def _possible_same(self, doubt: PossibleSame) -> None:
        g = self.g
        a, b = entity_iri(doubt.a), entity_iri(doubt.b)
        g.add((a, BG.possibleSameAs, b))
        node = ID[f"candidate/{_digest(doubt.a, doubt.b)}"]
        g.add((node, RDF.type, BG.SameAsCandidate))
        g.add((node, BG.candidate, a))
        g.add((node, BG.candidate, b))
        score = format(Decimal(f"{doubt.score:.2f}").normalize(), "f")
        g.add((node, BG.score, Literal(score, datatype=XSD.decimal)))
        g.add((node, BG.reason, Literal(doubt.reason)))

    # -- provenance of the build
    def _build(self) -> URIRef:
        g = self.g
        pipeline = self.corpus.pipeline or "unknown"
        pipe = ID[f"pipeline/{slug(pipeline)}"]
        software = ID[f"software/boardgraph-{__version__}"]
        inputs = sorted(f"{r.document.identifier}:{r.document.sha256}" for r in self.corpus.reports)
        build = ID[f"build/{_digest(pipeline, __version__, *inputs)}"]
        g.add((pipe, RDF.type, BG.Pipeline))
        g.add((pipe, RDF.type, PROV.SoftwareAgent))
        g.add((pipe, RDFS.label, Literal(pipeline)))
        name, _, version = pipeline.partition(" ")
        g.add((pipe, FOAF.name, Literal(name)))
        if version:
            g.add((pipe, PROV.value, Literal(version)))
        g.add((software, RDF.type, PROV.SoftwareAgent))
        g.add((software, RDFS.label, Literal(f"boardgraph {__version__}")))
        g.add((build, RDF.type, BG.Build))
        g.add((build, RDF.type, PROV.Activity))
        g.add((build, RDFS.label, Literal(f"boardgraph build of {len(inputs)} report(s)")))
        g.add((build, PROV.used, pipe))
        g.add((build, PROV.wasAssociatedWith, software))
        g.add((build, PROV.wasAssociatedWith, pipe))
        return build

    # -- entities
    def _entity(self, ent: Entity) -> None:
        g = self.g
        node = entity_iri(ent.id)
        g.add((node, RDF.type, CLASS_OF[ent.type]))
        g.add((node, RDFS.label, Literal(ent.label)))
        if ent.type == PERSON:
            g.add((node, FOAF.name, Literal(ent.label)))
        for alt in sorted(ent.alt_labels):
            g.add((node, SKOS.altLabel, Literal(alt)))
        if ent.code:
            g.add((node, BG.registerCode, Literal(ent.code)))
        if ent.gss:
            g.add((node, BG.gssCode, Literal(ent.gss)))
            g.add((node, OWL.sameAs, ONS_GEOGRAPHY[ent.gss]))
        for note in ent.notes:
            g.add((node, BG.resolutionNote, Literal(note)))

    # -- reports, their mentions and evidence
    def _report(self, rep: ExtractedReport, build: URIRef) -> None:
        g = self.g
        rid = rep.document.identifier
        node = report_iri(rid)
        meta = rep.meta
        g.add((node, RDF.type, BG.Report))
        g.add((node, DCTERMS.identifier, Literal(rid)))
        if meta.title:
            g.add((node, DCTERMS.title, Literal(meta.title)))
        if meta.date:
            g.add((node, DCTERMS.date, Literal(meta.date.isoformat(), datatype=XSD.date)))
        g.add((node, BG.dateMethod, Literal(meta.date_method)))
        # the canonical lexical form ("0.6", "1"), as a triple store would write it back
        confidence = format(Decimal(f"{meta.date_confidence:.2f}").normalize(), "f")
        g.add((node, BG.dateConfidence, Literal(confidence, datatype=XSD.decimal)))
        if meta.date_evidence:
            g.add((node, BG.dateEvidence, Literal(meta.date_evidence)))
        g.add((node, BG.sourceFormat, Literal(rep.document.format)))
        g.add((node, BG.sha256, Literal(rep.document.sha256)))
        if rep.document.ocr_engine:
            self._ocr(node, rep.document)
        g.add((node, DCTERMS.source, Literal(rep.document.path.name)))
        g.add((node, PROV.wasGeneratedBy, build))
        for key, prop in (
            (self.corpus.board_of, BG.board),
            (self.corpus.chair_of, BG.chair),
            (self.corpus.contact_of, BG.contactOfficer),
        ):
            if rid in key:
                g.add((node, prop, entity_iri(key[rid])))
        text = rep.document.text
        base = str(node)
        for i, m in enumerate(rep.mentions):
            eid = self.corpus.mention_entity.get((rid, i))
            if eid is None:
                continue
            ent = entity_iri(eid)
            g.add((node, P_MENTIONS, ent))
            ann = URIRef(f"{base}/mention/{m.span.start}-{m.span.end}")
            g.add((ann, A, T_MENTION))
            g.add((ann, A, T_ANNOTATION))
            g.add((ann, P_MOTIVATED, IDENTIFYING))
            g.add((ann, P_BODY, ent))
            g.add((ann, P_ENTITY_TYPE, Literal(m.type)))
            g.add((ann, P_RULE, Literal(m.rule.split("|")[0])))
            target = URIRef(f"{ann}/target")
            g.add((ann, P_TARGET, target))
            self._selectors(target, node, m.span, text, T_SPECIFIC)
            g.add((ann, P_EVIDENCE, self._evidence(rid, m.sentence, text)))

    def _ocr(self, node: URIRef, doc: SourceDocument) -> None:
        g = self.g
        g.add((node, BG.readByOcr, Literal(True)))
        g.add((node, BG.ocrEngine, Literal(doc.ocr_engine)))
        if doc.ocr_confidence is not None:
            confidence = format(Decimal(f"{doc.ocr_confidence:.2f}").normalize(), "f")
            g.add((node, BG.ocrConfidence, Literal(confidence, datatype=XSD.decimal)))
        for n in doc.ocr_pages:
            g.add((node, BG.ocrPage, Literal(n)))
        for n in doc.ocr_low_pages:
            g.add((node, BG.ocrLowConfidencePage, Literal(n)))

    def _selectors(self, node: URIRef, report: URIRef, span: CharSpan, text: str, rdf_type: URIRef) -> None:
        g = self.g
        g.add((node, A, rdf_type))
        g.add((node, P_SOURCE, report))
        pos = URIRef(f"{node}/position")
        quote = URIRef(f"{node}/quote")
        g.add((node, P_SELECTOR, pos))
        g.add((node, P_SELECTOR, quote))
        g.add((pos, A, T_POSITION))
        # xsd:integer rather than the WA context's nonNegativeInteger: triple
        # stores (Oxigraph) canonicalise derived integer types, and a graph
        # must read back from a store exactly as it was written.
        g.add((pos, P_START, Literal(span.start, datatype=XSD.integer)))
        g.add((pos, P_END, Literal(span.end, datatype=XSD.integer)))
        g.add((quote, A, T_QUOTE))
        g.add((quote, P_EXACT, Literal(text[span.start : span.end])))
        prefix = text[max(0, span.start - QUOTE_CONTEXT) : span.start]
        suffix = text[span.end : span.end + QUOTE_CONTEXT]
        if prefix:
            g.add((quote, P_PREFIX, Literal(prefix)))
        if suffix:
            g.add((quote, P_SUFFIX, Literal(suffix)))

    def _evidence(self, rid: str, sentence: CharSpan, text: str) -> URIRef:
        node = URIRef(f"{report_iri(rid)}/sentence/{sentence.start}-{sentence.end}")
        if node not in self._evidence_done:
            self._evidence_done.add(node)
            self._selectors(node, report_iri(rid), sentence, text, T_EVIDENCE)
            self.g.add((node, A, T_SPECIFIC))
            self.g.add((node, RDF.value, Literal(" ".join(sentence.text(text).split()))))
        return node

    def _evidence_in(self, rid: str, sentence: CharSpan) -> URIRef:
        return self._evidence(rid, sentence, self._text_of(rid))

    def _text_of(self, rid: str) -> str:
        return self._texts.get(rid, "")

    # -- relations
    def _relation(self, rel: Relation) -> None:
        g = self.g
        kind = "collaboration" if rel.kind == WORKED_WITH else "participation"
        key = _digest(*rel.participants, str(rel.evidence.start))
        node = URIRef(f"{report_iri(rel.report_id)}/{kind}/{key}")
        g.add((node, RDF.type, BG.Collaboration if rel.kind == WORKED_WITH else BG.Participation))
        g.add((node, RDF.type, PROV.Activity))
        if rel.kind == WORKED_WITH:
            for p in rel.participants:
                g.add((node, BG.participant, entity_iri(p)))
        elif rel.kind == PARTICIPATES:
            g.add((node, BG.member, entity_iri(rel.participants[0])))
            g.add((node, BG.programme, entity_iri(rel.participants[1])))
        g.add((node, PROV.wasDerivedFrom, report_iri(rel.report_id)))
        if rel.date:
            g.add((node, DCTERMS.date, Literal(rel.date.isoformat(), datatype=XSD.date)))
        g.add((node, BG.trigger, Literal(rel.trigger)))
        g.add((node, BG.relationType, Literal(relation_type(rel))))
        g.add((node, BG.evidence, self._evidence_in(rel.report_id, rel.evidence)))

    def _role(self, role: Role) -> None:
        g = self.g
        key = _digest(role.person, role.role, str(role.evidence.start))
        node = URIRef(f"{report_iri(role.report_id)}/membership/{key}")
        role_node = ID[f"role/{slug(role.role)}"]
        g.add((node, RDF.type, ORG.Membership))
        g.add((node, ORG.member, entity_iri(role.person)))
        g.add((node, ORG.role, role_node))
        g.add((role_node, RDF.type, ORG.Role))
        g.add((role_node, RDFS.label, Literal(role.role)))
        if role.organisation:
            g.add((node, ORG.organization, entity_iri(role.organisation)))
        g.add((node, PROV.wasDerivedFrom, report_iri(role.report_id)))
        if role.date:
            g.add((node, DCTERMS.date, Literal(role.date.isoformat(), datatype=XSD.date)))
        g.add((node, BG.evidence, self._evidence_in(role.report_id, role.evidence)))


def relation_type(rel: Relation) -> str:
    """A coarse, queryable kind for the trigger words (or the one relate() decided)."""
    if rel.relation_type:
        return rel.relation_type
    t = rel.trigger.lower()
    table = (
        ("met", "met"),
        ("meet", "met"),
        ("conjunction", "jointly"),
        ("along", "jointly"),
        ("together", "jointly"),
        ("partner", "partnered"),
        ("collaborat", "partnered"),
        ("work", "worked-with"),
        ("select", "selected"),
        ("chos", "selected"),
        ("bid", "bid"),
        ("part", "joined"),
        ("join", "joined"),
        ("pilot", "piloting"),
        ("run", "runs"),
        ("organis", "organised"),
        ("deliver", "delivers"),
        ("lead", "leads"),
    )
    for needle, kind in table:
        if needle in t:
            return kind
    return "acted-together" if rel.kind == WORKED_WITH else "takes-part"


def to_graph(corpus: ResolvedCorpus) -> Graph:
    return GraphWriter(corpus).build()


# ------------------------------------------------------------ named graphs


def graph_name_for(subject: URIRef) -> URIRef:
    """The named graph a subject's triples belong to (see docs/graph.md)."""
    iri = str(subject)
    if iri.startswith(BG_IRI) or iri == BG_IRI.rstrip("#"):
        return GRAPH_ONTOLOGY
    if iri.startswith(ID_IRI):
        parts = iri[len(ID_IRI) :].split("/")
        if parts[0] == "report" and len(parts) > 1 and parts[1]:
            return ID[f"graph/report/{parts[1]}"]
        if parts[0] in {"build", "pipeline", "software"}:
            return GRAPH_BUILD
    # entities, roles and anything not owned by one report are shared
    return GRAPH_ENTITIES


def partition(graph: Graph, *, with_ontology: bool = False) -> Dataset:
    """Split a graph into its named graphs, optionally adding the ontology as its own.

    A blank node has no IRI to decide by, so its triples follow the graph of
    the first IRI subject (in IRI order) that reaches it.
    """
    ds = Dataset()
    for prefix, ns in PREFIXES.items():
        ds.bind(prefix, ns)
    bnode_graph: dict[BNode, URIRef] = {}
    for s in sorted({s for s in graph.subjects() if isinstance(s, URIRef)}):
        name = graph_name_for(s)
        stack = [o for o in graph.objects(s) if isinstance(o, BNode)]
        while stack:
            node = stack.pop()
            if node not in bnode_graph:
                bnode_graph[node] = name
                stack.extend(o for o in graph.objects(node) if isinstance(o, BNode))
    for subject, p, o in graph:
        if isinstance(subject, URIRef):
            owner = graph_name_for(subject)
        else:  # a blank node (or, in a malformed graph, a literal: shared)
            owner = bnode_graph.get(subject, GRAPH_ENTITIES) if isinstance(subject, BNode) else GRAPH_ENTITIES
        ds.graph(owner).add((subject, p, o))
    if with_ontology:
        onto = ds.graph(GRAPH_ONTOLOGY)
        for triple in load_ontology():
            onto.add(triple)
    return ds


def load_ontology() -> Graph:
    return Graph().parse(shipped("ontology", "boardgraph.ttl"), format="turtle")
