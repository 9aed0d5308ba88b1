"""Score a graph against gold annotations, reading only the evaluation contract.

The figures are, by design, exactly those of ``shared/tools/score_graph.py``
(the official scorer): same name normalisation, same handling of optional
entities and pairs, same precision/recall conventions, same date tolerance.
It is re-implemented here (not imported) so that ``boardgraph evaluate`` works
without ``../shared`` beside the repository; ``tests/test_evaluate.py`` keeps
the two in step on hand-made graphs.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import rdflib
import yaml
from rdflib.term import Node

from boardgraph.errors import BoardgraphError
from boardgraph.graph.load import load_graph  # also what cli/review.py imports from here
from boardgraph.graph.vocab import BG_IRI, namespaces
from boardgraph.model import PARTICIPATES, TYPE_PRECEDENCE, WORKED_WITH

# Most specific first (model.TYPE_PRECEDENCE): a node typed both Council and Organisation is a council.
ENTITY_TYPES = TYPE_PRECEDENCE
# Words dropped when names are compared: titles, honours and "the".
TITLES = frozenset({
    "cllr", "cllrs", "ciir", "clir", "councillor", "councillors", "lord", "lady", "baroness",
    "sir", "dame", "mp", "mep", "cbe", "obe", "mbe", "dbe", "kbe", "dr", "mr", "mrs", "ms",
    "miss", "the", "rt", "hon", "honourable", "right",
})  # fmt: skip
RELATIONS = (WORKED_WITH, PARTICIPATES)

_NS = namespaces("bg", "dcterms", "rdfs", "skos", "prov")


def normalise_name(label: str) -> str:
    """The comparison key of a name: lower case, no punctuation, no titles."""
    s = label.lower().replace("&", " and ").replace("\u2019", "'")
    s = re.sub(r"'s\b", "", s)
    s = re.sub(r"[^a-z0-9]+", " ", s)
    return " ".join(w for w in s.split() if w not in TITLES)


# --------------------------------------------------------------------------- inputs


@dataclass(frozen=True)
class Gold:
    """A gold file: entity records and per-document annotations (seeds.yaml form)."""

    entities: dict[str, dict[str, Any]]
    documents: dict[str, dict[str, Any]]
    # normalised name or alias -> gold ids that go by it
    index: dict[str, frozenset[str]]

    def type_of(self, gid: str) -> str:
        return self.entities[gid]["type"]

    def ids_for(self, label: str) -> frozenset[str]:
        return self.index.get(normalise_name(label), frozenset())


def load_gold(path: Path | str) -> Gold:
    """Read and check a gold YAML file; any problem is one BoardgraphError line."""
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise BoardgraphError(f"{path}: gold file not found") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise BoardgraphError(f"{path}: cannot read gold file ({exc})") from None
    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        where = getattr(exc, "problem_mark", None)
        at = f" at line {where.line + 1}" if where is not None else ""
        raise BoardgraphError(f"{path}: invalid YAML{at}") from None
    return gold_from_dict(data, source=str(path))


def gold_from_dict(data: Any, source: str = "gold") -> Gold:
    if (
        not isinstance(data, dict)
        or not isinstance(data.get("entities"), dict)
        or not isinstance(data.get("documents"), dict)
    ):
        raise BoardgraphError(f"{source}: not a gold file (needs 'entities' and 'documents' mappings)")
    entities: dict[str, dict[str, Any]] = {}
    index: dict[str, set[str]] = defaultdict(set)
    for gid, ent in data["entities"].items():
        gid = str(gid)
        if not isinstance(ent, dict) or "name" not in ent:
            raise BoardgraphError(f"{source}: entity {gid!r} needs a name")
        if ent.get("type") not in ENTITY_TYPES:
            raise BoardgraphError(
                f"{source}: entity {gid!r} has type {ent.get('type')!r}, not one of {', '.join(ENTITY_TYPES)}"
            )
        entities[gid] = ent
        for name in [ent["name"], *(ent.get("aliases") or [])]:
            index[normalise_name(str(name))].add(gid)
    documents: dict[str, dict[str, Any]] = {}
    for stem, doc in data["documents"].items():
        stem = str(stem)
        if not isinstance(doc, dict) or not isinstance(doc.get("mentions"), list):
            raise BoardgraphError(f"{source}: document {stem!r} needs a 'mentions' list")
        unknown = [gid for gid in doc["mentions"] if gid not in entities]
        if unknown:
            raise BoardgraphError(
                f"{source}: document {stem!r} mentions unknown entities: {', '.join(unknown)}"
            )
        documents[stem] = doc
    return Gold(entities, documents, {k: frozenset(v) for k, v in index.items()})


# --------------------------------------------------------------------------- what the graph says


@dataclass
class SystemView:
    """The contract terms of a graph, and nothing else."""

    reports: dict[str, Node]  # identifier -> report node
    types: dict[Node, set[str]]  # node -> local names of its bg: classes
    labels: dict[Node, list[str]]
    alt_labels: dict[Node, list[str]]
    mentions: dict[Node, set[Node]]  # report -> entities
    dates: dict[Node, str]
    boards: dict[Node, list[Node]]
    chairs: dict[Node, list[Node]]
    collaborations: dict[tuple[Node, Node], set[Node]]  # (collaboration, report) -> participants
    participations: list[tuple[Node, Node, Node]]  # (member, programme, report)

    def first_label(self, node: Node) -> str:
        return (self.labels.get(node) or [str(node)])[0]


def _rows(graph: rdflib.Graph, query: str) -> list[Any]:
    return list(graph.query(query, initNs=_NS))


def read_system(graph: rdflib.Graph) -> SystemView:
    # The queries (and so the order rows come in) are the scorer's: where a
    # report has two dates, the last row wins in both.
    by_node: dict[Node, str] = {}
    for r, ident in _rows(graph, "SELECT ?r ?id WHERE { ?r a bg:Report ; dcterms:identifier ?id }"):
        by_node[r] = str(ident)
    reports = {ident: r for r, ident in by_node.items()}
    types: dict[Node, set[str]] = defaultdict(set)
    for e, t in _rows(graph, "SELECT ?e ?t WHERE { ?e a ?t FILTER(STRSTARTS(STR(?t), STR(bg:))) }"):
        types[e].add(str(t)[len(BG_IRI) :])
    labels: dict[Node, list[str]] = defaultdict(list)
    alts: dict[Node, list[str]] = defaultdict(list)
    for e, lab in _rows(graph, "SELECT ?e ?l WHERE { ?e rdfs:label ?l }"):
        labels[e].append(str(lab))
    for e, lab in _rows(graph, "SELECT ?e ?l WHERE { ?e skos:altLabel ?l }"):
        alts[e].append(str(lab))
    mentions: dict[Node, set[Node]] = defaultdict(set)
    for r, e in _rows(graph, "SELECT ?r ?e WHERE { ?r a bg:Report ; bg:mentions ?e }"):
        mentions[r].add(e)
    dates: dict[Node, str] = {}
    for r, d in _rows(graph, "SELECT ?r ?d WHERE { ?r a bg:Report ; dcterms:date ?d }"):
        dates[r] = str(d)
    boards: dict[Node, list[Node]] = defaultdict(list)
    for r, b in _rows(graph, "SELECT ?r ?b WHERE { ?r a bg:Report ; bg:board ?b }"):
        boards[r].append(b)
    chairs: dict[Node, list[Node]] = defaultdict(list)
    for r, c in _rows(graph, "SELECT ?r ?c WHERE { ?r a bg:Report ; bg:chair ?c }"):
        chairs[r].append(c)
    collabs: dict[tuple[Node, Node], set[Node]] = defaultdict(set)
    for c, p, r in _rows(
        graph,
        """SELECT ?c ?p ?r WHERE {
            ?c a bg:Collaboration ; bg:participant ?p ; prov:wasDerivedFrom ?r }""",
    ):
        collabs[(c, r)].add(p)
    parts = [
        (m, g, r)
        for m, g, r in _rows(
            graph,
            """SELECT ?m ?g ?r WHERE {
            ?x a bg:Participation ; bg:member ?m ; bg:programme ?g ; prov:wasDerivedFrom ?r }""",
        )
    ]
    return SystemView(reports, types, labels, alts, mentions, dates, boards, chairs, collabs, parts)


def specific_type(types: Iterable[str]) -> str | None:
    found = set(types)
    return next((t for t in ENTITY_TYPES if t in found), None)


# --------------------------------------------------------------------------- figures


@dataclass
class Score:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    # An empty side counts as perfect, except precision with nothing found
    # while something was expected (the scorer's convention).
    @property
    def precision(self) -> float:
        if self.tp + self.fp:
            return self.tp / (self.tp + self.fp)
        return 1.0 if self.fn == 0 else 0.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def __add__(self, other: Score) -> Score:
        return Score(self.tp + other.tp, self.fp + other.fp, self.fn + other.fn)

    def to_dict(self) -> dict[str, float | int]:
        return {
            "p": self.precision, "r": self.recall, "f1": self.f1, "tp": self.tp, "fp": self.fp, "fn": self.fn,
        }  # fmt: skip

    def line(self, name: str) -> str:
        # The scorer's per-type line, so the two outputs can be compared by eye.
        return (
            f"{name:13s} P {self.precision:.2f}  R {self.recall:.2f}  F1 {self.f1:.2f}   "
            f"(tp {self.tp}, fp {self.fp}, fn {self.fn})"
        )


@dataclass
class DocumentResult:
    """What one report of the gold got right and wrong."""

    missed: list[str]  # gold ids
    spurious: list[str]  # "Type:label"
    worked_with_missed: list[str]  # "a-b", gold ids
    worked_with_spurious: list[str]
    participates_missed: list[str]
    participates_spurious: list[str]
    date: str | None
    date_ok: bool | None  # None: the gold does not say
    chair_ok: bool | None
    board_ok: bool | None

    def to_dict(self) -> dict[str, Any]:
        return {
            "missed": self.missed, "spurious": self.spurious,
            "worked_with_missed": self.worked_with_missed, "worked_with_spurious": self.worked_with_spurious,
            "date": self.date, "date_ok": self.date_ok, "chair_ok": self.chair_ok, "board_ok": self.board_ok,
            "participates_missed": self.participates_missed,
            "participates_spurious": self.participates_spurious,
        }  # fmt: skip


@dataclass
class EvaluationResult:
    documents: int
    missing_documents: list[str]
    entities: dict[str, Score]  # by type, in ENTITY_TYPES order
    relations: dict[str, Score]  # worked_with, participates
    dates_ok: int = 0
    dates_n: int = 0
    chairs_ok: int = 0
    chairs_n: int = 0
    boards_ok: int = 0
    boards_n: int = 0
    resolution_splits: int = 0
    resolution_merges: int = 0
    # graph entity -> the gold ids it stood for, where it stood for more than one
    merged: dict[str, list[str]] = field(default_factory=dict)
    merged_labels: dict[str, str] = field(default_factory=dict)
    details: dict[str, DocumentResult] = field(default_factory=dict)

    @property
    def entity_total(self) -> Score:
        return sum(self.entities.values(), Score())

    @property
    def headline(self) -> str:
        tot = self.entity_total
        return (
            f"entity F1 {tot.f1:.3f} (P {tot.precision:.3f} R {tot.recall:.3f}); "
            f"worked_with F1 {self.relations['worked_with'].f1:.3f}; "
            f"participates F1 {self.relations['participates'].f1:.3f}"
        )

    def to_dict(self) -> dict[str, Any]:
        """JSON form: the official scorer's keys, plus relation counts."""
        tot = self.entity_total
        return {
            "documents": self.documents,
            "missing_documents": self.missing_documents,
            "entities": {t: s.to_dict() for t, s in self.entities.items()},
            "entity_f1": tot.f1,
            "entity_p": tot.precision,
            "entity_r": tot.recall,
            "worked_with_f1": self.relations["worked_with"].f1,
            "participates_f1": self.relations["participates"].f1,
            "dates_ok": self.dates_ok, "chairs_ok": self.chairs_ok, "boards_ok": self.boards_ok,
            "dates_n": self.dates_n, "chairs_n": self.chairs_n, "boards_n": self.boards_n,
            "resolution_splits": self.resolution_splits,
            "resolution_merges": self.resolution_merges,
            "merged": self.merged,
            "details": {stem: d.to_dict() for stem, d in self.details.items()},
            "relations": {k: s.to_dict() for k, s in self.relations.items()},
        }  # fmt: skip


class _Resolver:
    """Maps graph nodes to gold ids the way the scorer does."""

    def __init__(self, gold: Gold, view: SystemView) -> None:
        self.gold = gold
        self.view = view

    def __call__(self, node: Node, doc: dict[str, Any] | None = None) -> str | None:
        # Labels first; alt labels only when no label names a gold entity.
        for pool in (self.view.labels.get(node, []), self.view.alt_labels.get(node, [])):
            cands: set[str] = set()
            for lab in pool:
                cands |= self.gold.ids_for(lab)
            if not cands:
                continue
            if doc is not None:
                # A name two gold entities share is read as the one this report names.
                local = cands & (set(doc["mentions"]) | set(doc.get("optional") or []))
                if local:
                    cands = local
            return min(cands)
        return None


def _pairs(doc: dict[str, Any], key: str) -> tuple[set[frozenset[str]], set[frozenset[str]]]:
    required = {frozenset(p) for p in (doc.get(key) or [])}
    optional = {frozenset(p) for p in (doc.get(key + "_optional") or [])}
    return required, optional


def _pair_names(pairs: Iterable[frozenset[str]]) -> list[str]:
    return sorted("-".join(sorted(p)) for p in pairs)


def _date_ok(got: str | None, doc: dict[str, Any]) -> bool:
    try:
        have = dt.date.fromisoformat((got or "")[:10])
        want = dt.date.fromisoformat(str(doc["date"]))
        return abs((have - want).days) <= int(doc.get("tolerance_days") or 0)
    except ValueError:
        return False


def evaluate(gold: Gold, graph: rdflib.Graph) -> EvaluationResult:
    return _Scoring(gold, read_system(graph)).run()


class _Scoring:
    """One evaluation: the gold documents, report by report, then the resolution errors."""

    def __init__(self, gold: Gold, view: SystemView) -> None:
        self.gold = gold
        self.view = view
        self.resolve = _Resolver(gold, view)
        self.result = EvaluationResult(
            documents=len(gold.documents),
            missing_documents=[],
            entities={t: Score() for t in ENTITY_TYPES},
            relations={k: Score() for k in RELATIONS},
        )
        self.nodes_of_gold: dict[str, set[Node]] = defaultdict(set)
        # graph entity -> the gold ids it stands for, document by document
        self.gold_of_node: dict[Node, set[str]] = defaultdict(set)

    def run(self) -> EvaluationResult:
        for stem, doc in self.gold.documents.items():
            self._count_expected(doc)
            report = self.view.reports.get(stem)
            if report is None:
                self._missing_report(stem, doc)
            else:
                self.result.details[stem] = self._report(doc, report)
        self._resolution_errors()
        return self.result

    def _count_expected(self, doc: dict[str, Any]) -> None:
        self.result.dates_n += bool(doc.get("date"))
        self.result.chairs_n += bool(doc.get("chair"))
        self.result.boards_n += bool(doc.get("board"))

    def _missing_report(self, stem: str, doc: dict[str, Any]) -> None:
        # A report the graph lacks: all it should have said is missed.
        self.result.missing_documents.append(stem)
        for gid in doc["mentions"]:
            self.result.entities[self.gold.type_of(gid)].fn += 1
        for key in RELATIONS:
            self.result.relations[key].fn += len(doc.get(key) or [])

    def _report(self, doc: dict[str, Any], report: Node) -> DocumentResult:
        missed, spurious = self._entities(doc, report)
        ww = _score_pairs(
            self.result.relations["worked_with"], self._worked_with(doc, report), *_pairs(doc, "worked_with")
        )
        pa = _score_pairs(
            self.result.relations["participates"],
            self._participations(doc, report),
            *_pairs(doc, "participates"),
        )
        date, date_ok, chair_ok, board_ok = self._metadata(doc, report)
        return DocumentResult(
            missed=missed,
            spurious=sorted(spurious),
            worked_with_missed=ww[0],
            worked_with_spurious=ww[1],
            participates_missed=pa[0],
            participates_spurious=pa[1],
            date=date,
            date_ok=date_ok,
            chair_ok=chair_ok,
            board_ok=board_ok,
        )

    def _entities(self, doc: dict[str, Any], report: Node) -> tuple[list[str], list[str]]:
        """Score the report's entities; return (missed gold ids, spurious "Type:label")."""
        gold, view, entities = self.gold, self.view, self.result.entities
        required = set(doc["mentions"])
        optional = set(doc.get("optional") or [])
        found: set[str] = set()
        spurious: list[str] = []
        for node in view.mentions.get(report, ()):
            etype = specific_type(view.types.get(node, ()))
            if etype is None:
                continue  # untyped: not an entity under the contract
            gid = self.resolve(node, doc)
            if gid is not None:
                self.nodes_of_gold[gid].add(node)
            self._note_local_identity(node, required | optional)
            if gid is not None and gid in required and gold.type_of(gid) == etype:
                found.add(gid)
            elif gid not in optional:
                entities[etype].fp += 1
                spurious.append(f"{etype}:{view.first_label(node)}")
        for gid in found:
            entities[gold.type_of(gid)].tp += 1
        missed = sorted(required - found)
        for gid in missed:
            entities[gold.type_of(gid)].fn += 1
        return missed, spurious

    def _note_local_identity(self, node: Node, named_here: set[str]) -> None:
        # Only a name that means exactly one entity of this report says
        # which gold entity the node stood for here (the scorer's rule).
        local: set[str] = set()
        for lab in self.view.labels.get(node, []) + self.view.alt_labels.get(node, []):
            local |= self.gold.ids_for(lab)
        local &= named_here
        if len(local) == 1:
            self.gold_of_node[node] |= local

    def _worked_with(self, doc: dict[str, Any], report: Node) -> set[frozenset[str]]:
        """Every pair of participants of each collaboration of the report."""
        pairs: set[frozenset[str]] = set()
        for (_c, src), participants in self.view.collaborations.items():
            if src != report:
                continue
            ids = sorted({self.resolve(p, doc) or f"?{p}" for p in participants})
            pairs.update(frozenset((a, b)) for i, a in enumerate(ids) for b in ids[i + 1 :])
        return pairs

    def _participations(self, doc: dict[str, Any], report: Node) -> set[frozenset[str]]:
        resolve = self.resolve
        return {
            frozenset((resolve(m, doc) or f"?{m}", resolve(g, doc) or f"?{g}"))
            for m, g, src in self.view.participations
            if src == report
        }

    def _metadata(
        self, doc: dict[str, Any], report: Node
    ) -> tuple[str | None, bool | None, bool | None, bool | None]:
        view, result = self.view, self.result
        date = view.dates.get(report)
        date_ok = chair_ok = board_ok = None
        if doc.get("date"):
            date_ok = _date_ok(date, doc)
            result.dates_ok += date_ok
        if doc.get("chair"):
            chair_ok = any(self.resolve(c) == doc["chair"] for c in view.chairs.get(report, []))
            result.chairs_ok += chair_ok
        if doc.get("board"):
            board_ok = any(self.resolve(b) == doc["board"] for b in view.boards.get(report, []))
            result.boards_ok += board_ok
        return date, date_ok, chair_ok, board_ok

    def _resolution_errors(self) -> None:
        result, view = self.result, self.view
        # One gold entity reached through several nodes: a resolution failure.
        result.resolution_splits = sum(len(v) - 1 for v in self.nodes_of_gold.values() if len(v) > 1)
        # One node standing for several gold entities (in different reports): a merge.
        merged = {node: sorted(v) for node, v in self.gold_of_node.items() if len(v) > 1}
        result.merged = {str(node): v for node, v in merged.items()}
        result.merged_labels = {str(node): view.first_label(node) for node in merged}
        result.resolution_merges = sum(len(v) - 1 for v in merged.values())


def _score_pairs(
    score: Score, found: set[frozenset[str]], required: set[frozenset[str]], optional: set[frozenset[str]]
) -> tuple[list[str], list[str]]:
    """Add one report's pairs to ``score``; return (missed, spurious) names."""
    spurious = found - required - optional
    missed = required - found
    score.tp += len(found & required)
    score.fp += len(spurious)
    score.fn += len(missed)
    return _pair_names(missed), _pair_names(spurious)


def evaluate_files(gold_path: Path | str, graph_path: Path | str) -> EvaluationResult:
    gold = load_gold(gold_path)
    return evaluate(gold, load_graph(graph_path))


# --------------------------------------------------------------------------- output


def _flag(ok: bool | None) -> str:
    return {True: "ok", False: "WRONG", None: "-"}[ok]


def format_report(result: EvaluationResult, verbose: bool = False) -> str:
    """Terminal report; the last line is the official scorer's headline, verbatim."""
    lines = [s.line(t) for t, s in result.entities.items()]
    lines += [s.line(key) for key, s in result.relations.items()]
    if verbose:
        for stem, d in result.details.items():
            lines.append(
                f"-- {stem}: date {d.date} {_flag(d.date_ok)}; "
                f"chair {_flag(d.chair_ok)}; board {_flag(d.board_ok)}"
            )
            for name, items in (
                ("missed", d.missed),
                ("spurious", d.spurious),
                ("worked_with missed", d.worked_with_missed),
                ("worked_with spurious", d.worked_with_spurious),
                ("participates missed", d.participates_missed),
                ("participates spurious", d.participates_spurious),
            ):
                lines.append(f"   {name}: {', '.join(items) or '-'}")
    if result.missing_documents:
        lines.append(f"reports missing from the graph: {', '.join(result.missing_documents)}")
    if verbose:
        for node, ids in sorted(result.merged.items()):
            label = result.merged_labels.get(node, node)
            lines.append(f"-- merged into one entity {label!r}: {', '.join(ids)}")
    lines.append(
        f"resolution splits {result.resolution_splits}, merges {result.resolution_merges}; "
        f"dates {result.dates_ok}/{result.dates_n}; "
        f"chairs {result.chairs_ok}/{result.chairs_n}; boards {result.boards_ok}/{result.boards_n}"
    )
    lines.append(result.headline)
    return "\n".join(lines)
