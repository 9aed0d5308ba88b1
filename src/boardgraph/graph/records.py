"""What is read back from a built graph, as plain records.

The build writes :mod:`boardgraph.model` records as RDF (docs/graph.md); these
are the other direction: what ``explain``, the network analysis and the page
read out of a graph file, whoever wrote it. One set, so that a sentence quoted
as evidence is the same thing wherever it is shown.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field


@dataclass(frozen=True)
class Evidence:
    """A sentence of a report that supports a statement, and where it is in the report's text."""

    text: str | None  # None: the graph names the evidence but quotes no sentence
    start: int | None = None
    end: int | None = None

    @property
    def sentence(self) -> str:
        """The quoted sentence on one line (a report's line breaks folded to spaces)."""
        return " ".join((self.text or "").split())


@dataclass(frozen=True)
class Report:
    iri: str
    identifier: str
    title: str = ""
    date: dt.date | None = None
    board: str = ""  # label of the board entity
    chair: str = ""  # label of the chair entity
    source_format: str = ""  # txt, md, pdf …: the source file is <identifier>.<source_format>


@dataclass(frozen=True)
class Entity:
    iri: str
    type: str  # a model.TYPES name
    label: str
    alt_labels: tuple[str, ...] = ()


@dataclass(frozen=True)
class Collaboration:
    """One joint activity as the graph states it (a bg:Collaboration or bg:Participation)."""

    iri: str
    participants: tuple[str, ...]  # entity IRIs; for a participation: (member, programme)
    report: str  # report IRI
    report_id: str
    date: dt.date | None  # the statement's own date, else its report's
    relation_type: str = ""
    trigger: str = ""
    evidence: tuple[Evidence, ...] = ()

    @property
    def year(self) -> int | None:
        return self.date.year if self.date else None


@dataclass(frozen=True)
class MentionRecord:
    entity: str
    report: str
    text: str  # the words as written
    evidence: Evidence | None


@dataclass(frozen=True)
class RoleRecord:
    person: str
    role: str
    organisation: str  # label, may be empty
    report: str
    date: dt.date | None


@dataclass
class GraphData:
    """What the RDF graph says, as records: the single input of every network and picture."""

    entities: dict[str, Entity] = field(default_factory=dict)
    reports: dict[str, Report] = field(default_factory=dict)
    collaborations: list[Collaboration] = field(default_factory=list)
    participations: list[Collaboration] = field(default_factory=list)
    mentions: list[MentionRecord] = field(default_factory=list)
    roles: list[RoleRecord] = field(default_factory=list)
