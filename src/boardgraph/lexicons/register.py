"""The register of UK local authorities (mySociety, CC BY 4.0).

"UK Local Authority Names and Codes, mySociety, CC BY 4.0" — see
``data/uk_local_authorities/SOURCE.md``. The register gives each council its
official name, the names it goes by, its GSS code and the dates it existed,
so that a place name becomes a council only when the text calls it one and
only while that council existed.
"""

from __future__ import annotations

import csv
import datetime as dt
import functools
import re
from dataclasses import dataclass, field
from pathlib import Path

from boardgraph.lexicons.names import fold
from boardgraph.resources import data_dir

# Words that qualify "Council" in an official name; dropping them gives the
# short forms people write ("Bolton Council" for the Metropolitan Borough).
COUNCIL_QUALIFIERS = (
    "metropolitan borough council",
    "royal borough council",
    "borough council",
    "city council",
    "county council",
    "district council",
    "county borough council",
    "city and district council",
    "council of the",
    "council",
    "combined authority",
    "london borough of",
    "royal borough of",
    "city of",
    "county of",
    "ua",
    "mbc",
    "bc",
    "cc",
    "dc",
)


@dataclass(frozen=True)
class Council:
    code: str  # the register's three-letter code
    official_name: str
    nice_name: str
    gss: str | None
    start: dt.date | None
    end: dt.date | None
    names: frozenset[str] = field(default_factory=frozenset)  # folded lower-case variants

    def existed_on(self, day: dt.date | None) -> bool:
        if day is None:
            return True
        if self.start and day < self.start:
            return False
        return not (self.end and day > self.end)


def _norm(name: str) -> str:
    s = fold(name).lower().replace("&", " and ")
    s = re.sub(r"[\s\-]+", " ", s)
    s = re.sub(r"[^a-z0-9 ]", "", s)
    return re.sub(r"\s+", " ", s).strip()


def _date(text: str) -> dt.date | None:
    try:
        return dt.date.fromisoformat(text) if text else None
    except ValueError:
        return None


def _core(name: str) -> str:
    """The place part of a council's name: "Bolton Metropolitan Borough Council" → "bolton"."""
    s = _norm(name)
    changed = True
    while changed:
        changed = False
        if s in COUNCIL_QUALIFIERS:  # "city of": qualifiers and no place
            return ""
        for q in COUNCIL_QUALIFIERS:
            if s.endswith(" " + q):
                s = s[: -len(q) - 1].strip()
                changed = True
            if s.startswith(q + " "):
                s = s[len(q) + 1 :].strip()
                changed = True
    return s


class Register:
    """Look councils up by any of their names."""

    def __init__(self, councils: list[Council]):
        self.councils = {c.code: c for c in councils}
        self._by_name: dict[str, set[str]] = {}
        self._by_core: dict[str, set[str]] = {}
        for c in councils:
            for n in c.names:
                self._by_name.setdefault(n, set()).add(c.code)
                self._by_core.setdefault(_core(n), set()).add(c.code)

    @classmethod
    def load(cls, folder: Path | None = None) -> Register:
        folder = folder or data_dir() / "uk_local_authorities"
        names: dict[str, set[str]] = {}
        with open(folder / "lookup_name_to_registry.csv", encoding="utf-8", newline="") as fh:
            for row in csv.DictReader(fh):
                names.setdefault(row["local-authority-code"], set()).add(_norm(row["la-name"]))
        councils = []
        with open(folder / "uk_local_authorities_current.csv", encoding="utf-8", newline="") as fh:
            for row in csv.DictReader(fh):
                code = row["local-authority-code"]
                variants = set(names.get(code, set()))
                variants |= {_norm(row["official-name"]), _norm(row["nice-name"])}
                variants |= {_norm(a) for a in row["alt-names"].split(",") if a.strip()}
                variants.discard("")
                # a variant that is only qualifiers ("city of") names no place
                variants = {v for v in variants if _core(v)}
                councils.append(
                    Council(
                        code=code,
                        official_name=row["official-name"],
                        nice_name=row["nice-name"],
                        gss=row["gss-code"] or None,
                        start=_date(row["start-date"]),
                        end=_date(row["end-date"]),
                        names=frozenset(variants),
                    )
                )
        return cls(councils)

    def _pick(self, codes: set[str], day: dt.date | None) -> Council | None:
        alive = sorted(c for c in codes if self.councils[c].existed_on(day))
        if len(alive) == 1:
            return self.councils[alive[0]]
        # Several councils share a name across a reorganisation: the one in
        # office on the day wins; a true tie stays unresolved.
        return None

    def lookup(self, name: str, day: dt.date | None = None) -> Council | None:
        """A council named in full ("Gedling Borough Council", "Bolton Council")."""
        key = _norm(name)
        if key in self._by_name:
            return self._pick(self._by_name[key], day)
        core = _core(key)
        if core != key and core in self._by_core:
            return self._pick(self._by_core[core], day)
        return None

    def knows(self, name: str) -> bool:
        """Whether ``name`` is one of the register's names, whatever the date."""
        return _norm(name) in self._by_name

    def lookup_place(self, place: str, day: dt.date | None = None) -> Council | None:
        """A council named by its place alone, in a context that says it is a council.

        Used for shared-head lists ("Leeds, Bradford and Kirklees Councils")
        and "X Council" short forms. A unique leading part of a hyphenated
        name counts ("Newcastle" for Newcastle upon Tyne), as people write it.
        """
        key = _norm(place)
        if not key:
            return None
        for table in (self._by_name, self._by_core):
            if key in table:
                found = self._pick(table[key], day)
                if found:
                    return found
        prefix = {
            code for core, codes in self._by_core.items() if core.startswith(key + " ") for code in codes
        }
        return self._pick(prefix, day) if prefix else None

    def place_names(self) -> set[str]:
        """Every place core, for the matcher's first pass."""
        return set(self._by_core)


@functools.cache
def default_register() -> Register:
    return Register.load()
