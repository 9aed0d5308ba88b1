"""Time: periods of dates, the network as it was in one, and how it changed between two."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

import networkx as nx

from boardgraph.errors import BoardgraphError
from boardgraph.graph.records import Collaboration
from boardgraph.network.build import refresh_edges


@dataclass(frozen=True, order=True)
class Period:
    """A closed interval of dates, e.g. ``Period.parse("2011")`` is the year 2011."""

    start: dt.date
    end: dt.date

    @property
    def label(self) -> str:
        if (self.start.month, self.start.day, self.end.month, self.end.day) == (1, 1, 12, 31):
            if self.start.year == self.end.year:
                return str(self.start.year)
            return f"{self.start.year}–{self.end.year}"
        return f"{self.start.isoformat()} – {self.end.isoformat()}"

    def __contains__(self, date: object) -> bool:
        return isinstance(date, dt.date) and self.start <= date <= self.end

    @classmethod
    def year(cls, year: int) -> Period:
        return cls(dt.date(year, 1, 1), dt.date(year, 12, 31))

    @classmethod
    def parse(cls, text: str) -> Period:
        """``2011``, ``2011-06``, ``2011-06-30`` or a range ``2011:2013`` / ``2011..2013``."""
        for sep in (":", "..", "/"):
            if sep in text:
                a, b = text.split(sep, 1)
                return cls.between(a or None, b or None)
        return cls(_bound(text, start=True), _bound(text, start=False))

    @classmethod
    def between(cls, start: str | None, end: str | None) -> Period:
        period = cls(
            _bound(start, start=True) if start else dt.date.min,
            _bound(end, start=False) if end else dt.date.max,
        )
        if period.start > period.end:
            raise BoardgraphError(f"period starts after it ends: {start} > {end}")
        return period


def _bound(text: str, *, start: bool) -> dt.date:
    text = text.strip()
    try:
        if re.fullmatch(r"\d{4}", text):
            return dt.date(int(text), 1, 1) if start else dt.date(int(text), 12, 31)
        if re.fullmatch(r"\d{4}-\d{1,2}", text):
            y, m = map(int, text.split("-"))
            if start:
                return dt.date(y, m, 1)
            nxt = dt.date(y + (m == 12), m % 12 + 1, 1)
            return nxt - dt.timedelta(days=1)
        return dt.date.fromisoformat(text)
    except ValueError:
        pass
    raise BoardgraphError(f"not a year or date: {text!r} (use e.g. 2011, 2011-06 or 2011-06-30)")


def snapshot(g: nx.Graph, period: Period) -> nx.Graph:
    """The network of the collaborations dated inside ``period`` (undated ones are left out)."""
    out: nx.Graph = nx.Graph(**g.graph)
    out.graph["period"] = period
    kept: list[tuple[str, str, list[Collaboration]]] = []
    for a, b, d in g.edges(data=True):
        collabs = [c for c in d["collaborations"] if c.date in period]
        if collabs:
            kept.append((a, b, collabs))
    for node in sorted({n for a, b, _ in kept for n in (a, b)}):
        out.add_node(node, **{k: v for k, v in g.nodes[node].items() if k not in ("first", "last")})
    for a, b, collabs in kept:
        out.add_edge(a, b, collaborations=collabs)
    refresh_edges(out)
    return out


def cumulative(g: nx.Graph, until: dt.date | int) -> nx.Graph:
    """Everything dated up to ``until`` (a date, or the end of a year)."""
    end = dt.date(until, 12, 31) if isinstance(until, int) else until
    return snapshot(g, Period(dt.date.min, end))


def years(g: nx.Graph) -> list[int]:
    return sorted({y for _, _, d in g.edges(data=True) for y in d["years"]})


def yearly_snapshots(g: nx.Graph, *, cumulative_view: bool = False) -> dict[int, nx.Graph]:
    return {y: cumulative(g, y) if cumulative_view else snapshot(g, Period.year(y)) for y in years(g)}


@dataclass(frozen=True)
class Change:
    """How the network changed from one period to the next."""

    joined: tuple[str, ...]
    left: tuple[str, ...]
    stayed: tuple[str, ...]
    new_ties: tuple[tuple[str, str], ...]
    lost_ties: tuple[tuple[str, str], ...]
    kept_ties: tuple[tuple[str, str], ...]


def ties(g: nx.Graph) -> set[tuple[str, str]]:
    return {(a, b) if a <= b else (b, a) for a, b in g.edges()}


def compare(before: nx.Graph, after: nx.Graph) -> Change:
    a_nodes, b_nodes = set(before), set(after)
    a_ties, b_ties = ties(before), ties(after)
    return Change(
        joined=tuple(sorted(b_nodes - a_nodes)),
        left=tuple(sorted(a_nodes - b_nodes)),
        stayed=tuple(sorted(a_nodes & b_nodes)),
        new_ties=tuple(sorted(b_ties - a_ties)),
        lost_ties=tuple(sorted(a_ties - b_ties)),
        kept_ties=tuple(sorted(a_ties & b_ties)),
    )
