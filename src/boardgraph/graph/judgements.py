"""A reviewer's decisions on identity, applied on every build.

A judgements file is YAML with two lists of pairs::

    same:
      - ["Local Government Group", "LGA"]
    different:
      - ["Jo Bloggs @ report-a", "Jo Bloggs @ report-b"]

A side is a name (titles ignored) or "NAME @ REPORT-ID": the entity as it is
mentioned in that one report. "different" is applied before the resolution
rules (a side named in one report is taken out of its name's shared identity,
and no rule may join the two sides again); "same" after them (the two sides'
entities become one). Each applied judgement is written as a
``bg:resolutionNote``; one that matches nothing is reported as a warning.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

import yaml

from boardgraph.errors import BoardgraphError
from boardgraph.graph import lookup
from boardgraph.model import Mention

if TYPE_CHECKING:
    from boardgraph.graph.resolve import Context

KINDS = ("same", "different")


def normalise(name: str) -> str:
    """A name as a reviewer may write it: the look-up's key (case, punctuation, titles do not matter)."""
    return lookup.key(name)


@dataclass(frozen=True)
class Side:
    name: str
    report: str | None = None

    @classmethod
    def parse(cls, text: str) -> Side:
        name, sep, report = text.rpartition(" @ ")
        if sep and name.strip() and report.strip():
            return cls(name.strip(), report.strip())
        return cls(text.strip())

    def __str__(self) -> str:
        return f"{self.name} @ {self.report}" if self.report else self.name


@dataclass(frozen=True)
class Judgement:
    kind: str  # same | different
    a: Side
    b: Side

    def __str__(self) -> str:
        return f"{self.kind} [{self.a}, {self.b}]"


def side_matches(side: Side, rid: str, m: Mention) -> bool:
    if side.report is not None and side.report != rid:
        return False
    want = normalise(side.name)
    return bool(want) and want in {normalise(m.name), normalise(m.text)}


@dataclass
class Judgements:
    items: list[Judgement]
    source: str = "judgements"
    digest: str = ""  # sha256 of the file's bytes: part of the build's cache key
    unmatched: list[str] = field(default_factory=list)

    located: dict[Side, set[tuple[str, int]]] = field(default_factory=dict)
    cluster_of: dict[Side, set[tuple[str, int]]] = field(default_factory=dict)  # the first pass's entity

    # -- applied by the resolver
    def needs_first_pass(self) -> bool:
        return any(j.kind == "different" and (j.a.report or j.b.report) for j in self.items)

    def locate(self, ctx: Context) -> None:
        """After a first resolution: the mentions, in its report, of the entity each
        "NAME @ REPORT" side names ("Jo Ray @ r1" is also the "Ray" of r1 that is Jo Ray)."""
        for j in self.items:
            for side in (j.a, j.b):
                if j.kind != "different" or side.report is None:
                    continue
                named = Side(side.name)
                roots = {ctx.uf.find(k) for k in self._keys(ctx, named)}
                cluster = {(rid, i) for rid, i, _m, key in ctx.mentions() if ctx.uf.find(key) in roots}
                self.cluster_of[side] = cluster
                self.located[side] = {at for at in cluster if at[0] == side.report}

    def _mentions_of(self, ctx: Context, side: Side) -> list[tuple[str, int]]:
        if side in self.located:
            return sorted(self.located[side])
        return sorted((rid, i) for rid, i, m, _key in ctx.mentions() if side_matches(side, rid, m))

    def _keys(self, ctx: Context, side: Side) -> list[str]:
        if side in self.located:
            return sorted({ctx.mkey[at] for at in self.located[side]})
        keys = set()
        for rid, _i, m, key in ctx.mentions():
            owner = ctx.owner_of.get(key)
            # a generic body is named with its owner ("X Village Hall Committee")
            if side_matches(side, rid, m) or (
                owner
                and (side.report in (None, rid))
                and normalise(side.name) == normalise(f"{owner} {m.name}")
            ):
                keys.add(key)
        return sorted(keys)

    def separate(self, ctx: Context) -> None:
        """Before the rules: sides named in one report get their own identity; the two stay apart."""
        for j in self.items:
            if j.kind != "different":
                continue
            # The side named in one report leaves its name's shared identity; when both
            # are, the first keeps it (with the name's other reports) and the second leaves.
            moving = j.b if j.b.report is not None else j.a
            sides = [self._keys(ctx, j.a), self._keys(ctx, j.b)]
            if not self._report_unmatched(ctx, j, sides):
                continue
            moved: set[tuple[str, int]] = set()
            if moving.report is not None:
                moved = set(self._mentions_of(ctx, moving))
                for rid, i in moved:
                    ctx.mkey[(rid, i)] = f"{ctx.mkey[(rid, i)]}#judged@{rid}"
                    ctx.uf.find(ctx.mkey[(rid, i)])
            staying = j.a if moving is j.b else j.b
            sides = [self._keys(ctx, j.a), self._keys(ctx, j.b)]
            # the side that stays keeps the rest of the entity it was part of
            rest = sorted({ctx.mkey[at] for at in self.cluster_of.get(staying, set()) - moved})
            for key in rest:
                ctx.uf.union(rest[0], key)
            ctx.uf.forbid(sides[0], sides[1])
            shared = set(sides[0]) & set(sides[1])
            if shared:
                ctx.warnings.append(
                    f"{self.source}: {j}: both sides are the same name; say '@ REPORT-ID' to tell them apart"
                )
                continue
            note = f"reviewer's judgement ({self.source}): '{j.a}' and '{j.b}' are different"
            for key in sides[0] + sides[1]:
                ctx.uf.find(key)
                ctx.notes[key].append(note)

    def join(self, ctx: Context) -> None:
        """After the rules: the two sides' entities become one."""
        for j in self.items:
            if j.kind != "same":
                continue
            sides = [self._keys(ctx, j.a), self._keys(ctx, j.b)]
            if not self._report_unmatched(ctx, j, sides):
                continue
            note = f"reviewer's judgement ({self.source}): '{j.a}' and '{j.b}' are the same"
            for key in sides[0][1:] + sides[1]:
                if not ctx.uf.union(sides[0][0], key):
                    ctx.warnings.append(
                        f"{self.source}: {j} contradicts a 'different' judgement; not applied"
                    )
                    break
            else:
                ctx.notes[sides[0][0]].append(note)

    def _report_unmatched(self, ctx: Context, j: Judgement, sides: list[list[str]]) -> bool:
        missing = [str(s) for s, keys in zip((j.a, j.b), sides, strict=True) if not keys]
        for name in missing:
            line = f"{self.source}: {j}: '{name}' matches nothing in this corpus"
            self.unmatched.append(line)
            ctx.warnings.append(line)
        return not missing


def judgements_from_dict(data: Any, source: str = "judgements") -> Judgements:
    if data is None:
        data = {}
    if not isinstance(data, dict) or set(data) - set(KINDS):
        raise BoardgraphError(f"{source}: a judgements file has only 'same' and 'different' lists")
    items: list[Judgement] = []
    for kind in KINDS:
        pairs = data.get(kind) or []
        if not isinstance(pairs, list):
            raise BoardgraphError(f"{source}: '{kind}' must be a list of pairs")
        for n, pair in enumerate(pairs, 1):
            if not (
                isinstance(pair, list)
                and len(pair) == 2
                and all(isinstance(x, str) and x.strip() for x in pair)
            ):
                raise BoardgraphError(f"{source}: {kind} entry {n} must be a pair of names, got {pair!r}")
            items.append(Judgement(kind, Side.parse(pair[0]), Side.parse(pair[1])))
    return Judgements(items, source=source)


def load_judgements(path: Path | str) -> Judgements:
    """Read a judgements file; any problem is one BoardgraphError line naming it."""
    path = Path(path)
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise BoardgraphError(f"{path}: judgements file not found") from None
    except OSError as exc:
        raise BoardgraphError(f"{path}: cannot read judgements file ({exc.strerror})") from None
    try:
        parsed = yaml.safe_load(data.decode("utf-8"))
    except (yaml.YAMLError, UnicodeDecodeError) as exc:
        where = getattr(exc, "problem_mark", None)
        at = f" at line {where.line + 1}" if where is not None else ""
        raise BoardgraphError(f"{path}: invalid YAML{at}") from None
    result = judgements_from_dict(parsed, source=path.name)
    result.digest = hashlib.sha256(data).hexdigest()
    return result


# ------------------------------------------------------------------ review: the doubts in a graph


@dataclass
class Party:
    """One side of a doubtful pair, as a reviewer needs to see it."""

    iri: str
    label: str
    type: str | None
    reports: list[str]  # identifiers of the reports that mention it
    evidence: list[str]  # a few sentences that mention it

    @property
    def side(self) -> str:
        """How a judgements file names it: the label, in its one report where it has one."""
        return f"{self.label} @ {self.reports[0]}" if len(self.reports) == 1 else self.label


@dataclass
class Doubt:
    score: float
    reason: str
    a: Party
    b: Party

    def to_dict(self) -> dict[str, Any]:
        def party(p: Party) -> dict[str, Any]:
            return {
                "name": p.label,
                "type": p.type,
                "iri": p.iri,
                "reports": p.reports,
                "evidence": p.evidence,
            }

        return {"score": self.score, "reason": self.reason, "a": party(self.a), "b": party(self.b)}


def doubtful_pairs(graph: Any, evidence_per_side: int = 2) -> list[Doubt]:
    """The graph's ``bg:SameAsCandidate`` pairs, most likely first, with their evidence."""
    from rdflib import RDF, RDFS
    from rdflib.namespace import DCTERMS

    from boardgraph.graph.vocab import BG, BG_IRI, OA

    def party(node: Any) -> Party:
        types = sorted(
            str(t)[len(BG_IRI) :] for t in graph.objects(node, RDF.type) if str(t).startswith(BG_IRI)
        )
        reports = sorted({str(graph.value(r, DCTERMS.identifier)) for r in graph.subjects(BG.mentions, node)})
        sentences: list[str] = []
        for ann in sorted(graph.subjects(OA.hasBody, node)):
            ev = graph.value(ann, BG.evidence)
            text = graph.value(ev, RDF.value) if ev is not None else None
            if text is not None and str(text) not in sentences:
                sentences.append(str(text))
            if len(sentences) >= evidence_per_side:
                break
        label = graph.value(node, RDFS.label)
        return Party(
            str(node),
            str(label) if label is not None else str(node),
            types[0] if types else None,
            reports,
            sentences,
        )

    out = []
    for cand in graph.subjects(RDF.type, BG.SameAsCandidate):
        pair = sorted(graph.objects(cand, BG.candidate))
        if len(pair) != 2:
            continue
        score = graph.value(cand, BG.score)
        reason = graph.value(cand, BG.reason)
        out.append(
            Doubt(
                float(score) if score is not None else 0.0, str(reason or ""), party(pair[0]), party(pair[1])
            )
        )
    return sorted(out, key=lambda d: (-d.score, d.a.label, d.b.label, d.a.iri, d.b.iri))


def judgements_template(doubts: list[Doubt]) -> str:
    """A judgements file listing every doubt, commented out, for a reviewer to move into place."""
    lines = [
        "# boardgraph judgements: uncomment a pair under 'same' or 'different', then",
        "# build with --judgements THIS-FILE. A side is a name, or 'NAME @ REPORT-ID'.",
        f"# {len(doubts)} doubtful pair(s), most likely first.",
        "same:",
    ]
    for d in doubts:
        pair = yaml.safe_dump(
            [d.a.side, d.b.side], default_flow_style=True, width=1000, allow_unicode=True
        ).strip()
        lines.append(f"#  - {pair}   # {d.score:.2f}: {d.reason}")
    lines += ["different:", ""]
    return "\n".join(lines)
