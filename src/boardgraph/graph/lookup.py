"""Forgiving look-up of an entity by what a user types.

One rule set for every command that takes a name (``explain``, ``network
--ego/--path``, ``query --param``): titles and honours are ignored ("Cllr
Quayle" is "Quayle"), case and punctuation do not matter, a label beats an
alternative name, and a surname alone finds the people with that surname. A
name that fits several entities lists them ("Davies: 6 people — …"); one that
fits none suggests the nearest names.
"""

from __future__ import annotations

import difflib
import functools
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from boardgraph import lexicons
from boardgraph.errors import BoardgraphError
from boardgraph.model import PERSON, TYPE_BY_NAME

# A council tier is part of a councillor's title ("County Cllr X").
_TIERS = frozenset({"county", "district", "borough", "parish", "town", "city", "community"})
_LISTED = 6  # candidates named in a message before "…"


@dataclass(frozen=True)
class Named:
    """Something a user may look up: its key (IRI, node id), label, other names and type."""

    key: str
    label: str
    names: tuple[str, ...] = ()
    type: str | None = None


class Ambiguous(BoardgraphError):
    """A name that fits several entities; ``candidates`` lets a caller offer them."""

    def __init__(self, query: str, candidates: list[Named]) -> None:
        self.query = query
        self.candidates = candidates
        super().__init__(describe_candidates(query, candidates))


class NotFound(BoardgraphError):
    def __init__(self, query: str, nearest: list[str], what: str = "entity") -> None:
        self.query = query
        self.nearest = nearest
        hint = f"; nearest: {', '.join(repr(n) for n in nearest)}" if nearest else ""
        super().__init__(f"no {what} called {query!r}{hint}")


@functools.cache
def _titles() -> frozenset[str]:
    return lexicons.words("titles") | lexicons.words("honours") | {"the", "rt", "hon"}


def key(text: str) -> str:
    """The comparison form of a name: lower case, no punctuation, no titles or honours."""
    s = text.casefold().replace("&", " and ").replace("\u2019", "'")
    s = re.sub(r"'s\b", "", s)
    words = re.sub(r"[^\w]+", " ", s).replace("_", " ").split()
    titles = _titles()
    out = []
    for i, w in enumerate(words):
        if w in titles or (w in _TIERS and i + 1 < len(words) and words[i + 1] in titles):
            continue
        out.append(w)
    return " ".join(out)


def _plural(etype: str | None, n: int) -> str:
    """ "person"/"people" for ``n`` of type ``etype``; "entity"/"entities" when the types are mixed."""
    known = TYPE_BY_NAME.get(etype or "")
    if known is None:
        return "entity" if n == 1 else "entities"
    return known.singular if n == 1 else known.plural


def describe_candidates(query: str, candidates: Sequence[Named]) -> str:
    """ "Davies: 6 people — Ann Davies, Bo Davies, …" """
    types = {c.type for c in candidates}
    kind = _plural(types.pop() if len(types) == 1 else None, len(candidates))
    shown = ", ".join(f"{c.label} <{c.key}>" for c in candidates[:_LISTED])
    more = f", … +{len(candidates) - _LISTED} more" if len(candidates) > _LISTED else ""
    return f"{query}: {len(candidates)} {kind} — {shown}{more}"


def candidates(query: str, items: Iterable[Named]) -> list[Named]:
    """Everything ``query`` may mean, best evidence first; empty when nothing fits."""
    items = list(items)
    for item in items:
        if query == item.key:
            return [item]
    want = key(query)
    if not want:
        return []
    tiers = (
        lambda it: key(it.label) == want,
        # another name, or a surname alone: everyone it may be ("Cllr Ash" may be one
        # Ash's other name, and still mean the other Ash)
        lambda it: (
            any(key(n) == want for n in it.names)
            or (" " not in want and it.type in (None, PERSON) and key(it.label).split()[-1:] == [want])
        ),
        lambda it: re.search(rf"\b{re.escape(want)}\b", key(it.label)) is not None,
    )
    for fits in tiers:
        hits = sorted({it.key: it for it in items if fits(it)}.values(), key=lambda it: (it.label, it.key))
        if hits:
            return hits
    return []


def nearest(query: str, items: Iterable[Named], n: int = 3) -> list[str]:
    labels = sorted({it.label for it in items})
    by_key: dict[str, str] = {}
    for label in labels:
        by_key.setdefault(key(label), label)
    close = difflib.get_close_matches(key(query), list(by_key), n=n, cutoff=0.6)
    return [by_key[c] for c in close]


def find(query: str, items: Iterable[Named], what: str = "entity") -> Named:
    """The one item ``query`` names; :class:`Ambiguous` or :class:`NotFound` otherwise."""
    items = list(items)
    if not key(query) and not any(query == it.key for it in items):
        raise BoardgraphError(f"{query!r} is not a name (nothing left once titles are dropped)")
    found = candidates(query, items)
    if len(found) == 1:
        return found[0]
    if found:
        raise Ambiguous(query, found)
    raise NotFound(query, nearest(query, items), what)
