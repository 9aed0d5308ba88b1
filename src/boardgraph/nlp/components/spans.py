"""What the finders share: the span extensions, the candidate record, and the
choice among overlapping candidates."""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Doc, Span

SPAN_KEY = "bg"

for _name, _default in (
    ("bg_name", ""),
    ("bg_titles", ()),
    ("bg_rule", ""),
    ("bg_key", None),
    ("bg_acronym", None),
    ("bg_chair", False),
    ("bg_alias_of", None),
):
    if not Span.has_extension(_name):
        Span.set_extension(_name, default=_default)
for _name in ("bg_context", "bg_relations", "bg_roles"):
    if not Doc.has_extension(_name):
        Doc.set_extension(_name, default=None)


@dataclass
class Candidate:
    start: int  # token offsets
    end: int
    label: str
    rule: str
    priority: int
    name: str = ""
    titles: tuple[str, ...] = ()
    key: str | None = None
    chair: bool = False
    acronym: str | None = None
    alias_of: int | None = None  # token start of a candidate naming the same thing
    nested: bool = False  # may sit inside another mention ("X Employers" in "X Employers' Network")


def select(cands: list[Candidate]) -> list[Candidate]:
    """Keep the best non-overlapping candidates: priority, then length."""
    ordered = sorted(
        (c for c in cands if not c.nested), key=lambda c: (-c.priority, -(c.end - c.start), c.start)
    )
    taken: set[int] = set()
    chosen: list[Candidate] = []
    for c in ordered:
        if c.end <= c.start or any(k in taken for k in range(c.start, c.end)):
            continue
        chosen.append(c)
        taken.update(range(c.start, c.end))
    # nested names survive where the name they sit in was kept
    for c in cands:
        if c.nested and any(
            o.start <= c.start and c.end <= o.end and o.end - o.start > c.end - c.start for o in chosen
        ):
            chosen.append(c)
    return sorted(chosen, key=lambda c: (c.start, c.end))
