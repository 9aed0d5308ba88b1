"""Plain records that flow one way through the pipeline.

ingest → :class:`SourceDocument` (+ :class:`ReportMeta` from ``metadata``)
extract → :class:`ExtractedReport` (mentions, relation and role candidates)
resolve → :class:`Entity` records and a mention → entity map
relate → :class:`Relation` and :class:`Role` records between entities
rdf     → an rdflib graph

All character offsets are into :attr:`SourceDocument.text`, which has the
same length as the text read from the file (cleaning never shifts offsets),
so a span can always be shown against what the reader sees.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path


@dataclass(frozen=True)
class EntityType:
    """One kind of entity, declared once for every stage that names, stores or draws it.

    ``name`` is the label used in records and the local name of its ``bg:``
    class; ``path`` is the IRI segment of its entities (``…/id/person/…``);
    ``colour``/``shape``/``marker`` draw it on the page (vis-network) and in
    pictures (matplotlib), in Okabe–Ito colours that stay distinguishable with
    colour-blindness.
    """

    name: str
    path: str
    singular: str
    plural: str
    colour: str
    shape: str
    marker: str
    agent: bool  # can act: meet, work with someone, hold a role

    def count(self, n: int) -> str:
        """ "1 person", "3 people" """
        return f"{n} {self.singular if n == 1 else self.plural}"


PERSON_TYPE = EntityType("Person", "person", "person", "people", "#0072B2", "dot", "o", True)
COUNCIL_TYPE = EntityType("Council", "council", "council", "councils", "#009E73", "square", "s", True)
ORGANISATION_TYPE = EntityType(
    "Organisation", "organisation", "organisation", "organisations", "#E69F00", "triangle", "^", True
)
PROGRAMME_TYPE = EntityType(
    "Programme", "programme", "programme", "programmes", "#CC79A7", "diamond", "D", False
)

# The four scored entity types, in display order.
TYPES: tuple[EntityType, ...] = (PERSON_TYPE, COUNCIL_TYPE, ORGANISATION_TYPE, PROGRAMME_TYPE)
TYPE_BY_NAME: dict[str, EntityType] = {t.name: t for t in TYPES}
PERSON, COUNCIL, ORGANISATION, PROGRAMME = (t.name for t in TYPES)
ENTITY_TYPES = tuple(t.name for t in TYPES)
AGENT_TYPES = tuple(t.name for t in TYPES if t.agent)
# Which type an entity is read as when the graph gives it several: a council is
# also an org:Organization (CONTRACT.md), so Council comes before Organisation.
TYPE_PRECEDENCE = (COUNCIL, PROGRAMME, PERSON, ORGANISATION)


WORKED_WITH = "worked_with"
PARTICIPATES = "participates"


@dataclass(frozen=True, order=True)
class Span:
    start: int
    end: int

    def text(self, source: str) -> str:
        return source[self.start : self.end]


@dataclass
class SourceDocument:
    """A report as read from disk, before any NLP."""

    path: Path
    identifier: str  # file stem: the report's dcterms:identifier
    format: str  # txt, md, pdf, docx, html
    raw_text: str  # text as read (decoded / extracted from the container)
    text: str  # cleaned, same length as raw_text
    sha256: str  # of the file's bytes
    encoding: str | None = None  # for text formats: the encoding that decoded it
    ocr_engine: str | None = None  # "tesseract 5.3.0" when some pages were OCR'd
    ocr_pages: tuple[int, ...] = ()  # 1-based numbers of the pages read by OCR
    ocr_confidence: float | None = None  # mean OCR word confidence over those pages, 0..1
    ocr_low_pages: tuple[int, ...] = ()  # OCR'd pages whose mean confidence is below the floor


@dataclass
class ContactOfficer:
    name: str
    span: Span | None = None
    position: str | None = None
    phone: str | None = None
    email: str | None = None


@dataclass
class ReportMeta:
    identifier: str
    title: str | None = None
    board: str | None = None  # board name as written ("Improvement & Innovation Board")
    board_span: Span | None = None
    chair: str | None = None  # chair's name as written, titles stripped ("Jo Bloggs")
    chair_span: Span | None = None
    chair_role: str | None = None  # "Chairman", "Chair" … where stated
    contact: ContactOfficer | None = None
    date: dt.date | None = None
    date_method: str = "none"  # stated | estimated | none
    date_confidence: float = 0.0  # 0..1
    date_evidence: str = ""  # human-readable account of how the date was decided
    date_span: Span | None = None  # where the stated date is, when stated
    board_type: str | None = None  # COUNCIL or ORGANISATION, from the board's head noun
    header_evidence: str = ""  # which rules found the board and the chair, for explain
    warnings: list[str] = field(default_factory=list)  # what could not be read, and why


@dataclass
class Mention:
    """One occurrence of a named entity in a report."""

    report_id: str
    span: Span
    text: str  # exact text at span
    type: str  # one of ENTITY_TYPES
    name: str  # normalised name: titles/honours stripped, whitespace folded
    sentence: Span
    titles: tuple[str, ...] = ()  # Cllr, MP, Lord, CBE … as found
    rule: str = ""  # which component/rule produced it (for explain)
    key: str | None = None  # a hard identity where known: register code for councils
    acronym: str | None = None  # "NFA" when written "National Fraud Authority (NFA)"
    is_chair: bool = False  # "I" in a chair's report, or the chair's own name


@dataclass
class RelationCandidate:
    """A relation found in the text, between mentions (indices into mentions)."""

    kind: str  # WORKED_WITH | PARTICIPATES
    args: tuple[int, ...]  # worked_with: ≥2 participants; participates: (member, programme)
    trigger: str  # the verb or phrase that licenses it ("met with", "selected")
    sentence: Span
    rule: str = ""


@dataclass
class RoleCandidate:
    """A person holding a role, as stated in apposition or a contact block."""

    person: int  # mention index
    role: str  # "Vice Chair", "Parliamentary Under Secretary of State"
    organisation: int | None  # mention index of the body, if stated
    sentence: Span


@dataclass
class ExtractedReport:
    document: SourceDocument
    meta: ReportMeta
    mentions: list[Mention] = field(default_factory=list)
    relations: list[RelationCandidate] = field(default_factory=list)
    roles: list[RoleCandidate] = field(default_factory=list)
    sentences: list[Span] = field(default_factory=list)
    pipeline: str = ""  # "name version" of the spaCy pipeline that read it


@dataclass
class Entity:
    """One real-world entity, shared across reports."""

    id: str  # deterministic slug, stable for the same input
    type: str
    label: str  # canonical name
    alt_labels: set[str] = field(default_factory=set)
    code: str | None = None  # register code (councils)
    gss: str | None = None  # ONS GSS code (councils)
    notes: list[str] = field(default_factory=list)  # resolution decisions, for explain


@dataclass
class Relation:
    kind: str  # WORKED_WITH | PARTICIPATES
    participants: tuple[str, ...]  # entity ids; participates: (member, programme)
    report_id: str
    date: dt.date | None
    trigger: str
    evidence: Span  # the sentence
    evidence_text: str
    relation_type: str = ""  # met, jointly, engaged, liaised … (empty: read off the trigger)


@dataclass
class Role:
    person: str  # entity id
    role: str
    organisation: str | None  # entity id
    report_id: str
    date: dt.date | None
    evidence: Span
    evidence_text: str


@dataclass(frozen=True)
class PossibleSame:
    """Two entities that may be one: recorded for a reviewer, not merged."""

    a: str  # entity id (a < b)
    b: str
    score: float  # 0..1, how likely they are one
    reason: str


@dataclass
class ResolvedCorpus:
    """Everything the RDF stage needs, after resolution and relation building."""

    reports: list[ExtractedReport]
    entities: dict[str, Entity]
    mention_entity: dict[tuple[str, int], str]  # (report id, mention index) → entity id
    relations: list[Relation]
    roles: list[Role]
    board_of: dict[str, str] = field(default_factory=dict)  # report id → entity id
    chair_of: dict[str, str] = field(default_factory=dict)  # report id → entity id
    contact_of: dict[str, str] = field(default_factory=dict)  # report id → entity id
    pipeline: str = ""
    warnings: list[str] = field(default_factory=list)
    possible_same: list[PossibleSame] = field(default_factory=list)  # doubtful pairs, most likely first
