"""Resolution stage: which mentions, within and across reports, are one entity.

Evidence is weighed within its context first. A full name is an identity in
itself; a surname alone, a first initial with a surname, initials, or a
generic body name ("Village Hall Committee") is not, so it resolves within its
report, then within the reports of the same issuing body (the report's board,
else the council it is mostly about), and never across bodies by itself:
there the pair is recorded as a doubt (``bg:possibleSameAs``, with a score and
the reason) for a reviewer, not merged. Every join is kept as a
``bg:resolutionNote``.

The rules, each a small function over one :class:`Context`:

* councils are one entity per register code;
* a person's spelling variants ("Clare" / "Claire"), short forms ("Sue" /
  "Susan") and "initial + surname" join the full name in the same report or
  body;
* a surname alone joins the only full name with that surname in the same
  report, else in the same body, unless their titles contradict;
* a surname alone in several reports of one body is one person;
* initials read from a roster ("Jo Bloggs (JB)") are that person wherever
  they are used in the same report (speakers, action columns);
* reports naming the same three or more people are of one body (a roster);
* generic body names take their owner into their identity, and join the body
  named in full with the owner's place or initials;
* an acronym joins the name it was defined for, or the name whose initials it
  is in the same report or body ("LGG" ↔ "Local Government Group"), a council
  in the register anywhere; the owner's initial before another acronym, or a
  head word the name lost ("XHA" beside "X Housing"), only nearby;
* a body's one-word short name ("Acme" ↔ "Acme Bank"), programme name
  variants, and renamed bodies (one name's words within the other's, same
  head noun); a longer name that adds an owner is only a doubt across bodies;
* an arrangement named as a body and as a programme nearby ("X Partnership" /
  "X Partnership Project") is one programme;
* one body's head said two ways ("X Housing" / "X Homes") in one body's
  reports is one body, unless X is a place;
* a councillor named once by a surname no one of the body bears is the one
  councillor of the report whose surname it truncates or misspells;
* a generic body named with another council's tier ("Parish Council Planning
  Committee", or right after "the Parish Council") is that council's, which one
  implicit, so it stays within its report.

A reviewer's judgements (``judgements.py``) are applied last and win.
"""

from __future__ import annotations

import bisect
import functools
import re
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from boardgraph import lexicons
from boardgraph.graph.judgements import Judgements
from boardgraph.lexicons.names import PROGRAMME_HEADS, fold, heading_case, is_acronym, name_key, slug
from boardgraph.lexicons.register import Register, default_register
from boardgraph.model import (
    COUNCIL,
    ORGANISATION,
    PERSON,
    PROGRAMME,
    TYPE_BY_NAME,
    Entity,
    ExtractedReport,
    Mention,
    PossibleSame,
    Span,
)

PEER_TITLES = {"lord", "lady", "baroness", "baron"}
NATION_WORDS = {"england", "wales", "scotland", "uk", "cymru", "ireland", "britain"}
COUNCILLOR_TITLES = {"cllr", "cllrs", "councillor", "councillors"}
# Words of a council's name that say what kind of council it is, not where
BODY_KIND_WORDS = {
    "parish",
    "town",
    "community",
    "city",
    "county",
    "borough",
    "district",
    "council",
    "councils",
    "board",
    "committee",
    "the",
    "of",
    "metropolitan",
    "royal",
}
_THE = re.compile(r"^the\s+", re.IGNORECASE)
_QUALIFIER = re.compile(r"\s+(for|of)\s+[a-z].*$")
# "Jo Bloggs (JB)", "Cllr. J. Bloggs (JB)", "J Bloggs – Chair (JB)"
_ROSTER = re.compile(
    r"(?P<name>(?:[A-Z][A-Za-z'\u2019\-]+|[A-Z]\.?)(?:\s+[A-Z][A-Za-z'\u2019\-]+){1,2})"
    r"(?:\s*[\u2013\u2014,-]\s*[A-Z][a-z]+)?\s*\((?P<ini>[A-Z]{2,3})\)"
)

Key = str
DoubtList = list[tuple[Key, Key, float, str]]


class UnionFind:
    """Union-find whose unions can be forbidden (a reviewer's "different")."""

    def __init__(self) -> None:
        self.parent: dict[str, str] = {}
        self.apart: list[tuple[frozenset[str], frozenset[str]]] = []

    def find(self, x: str) -> str:
        self.parent.setdefault(x, x)
        while self.parent[x] != x:
            self.parent[x] = self.parent[self.parent[x]]
            x = self.parent[x]
        return x

    def forbid(self, a: Iterable[str], b: Iterable[str]) -> None:
        self.apart.append((frozenset(a), frozenset(b)))

    def allowed(self, a: str, b: str) -> bool:
        ra, rb = self.find(a), self.find(b)
        for xs, ys in self.apart:
            in_a = {self.find(x) for x in xs}
            in_b = {self.find(y) for y in ys}
            if (ra in in_a and rb in in_b) or (rb in in_a and ra in in_b):
                return False
        return True

    def union(self, a: str, b: str) -> bool:
        ra, rb = self.find(a), self.find(b)
        if ra == rb:
            return True
        if self.apart and not self.allowed(a, b):
            return False
        # deterministic representative: the smaller key
        lo, hi = sorted((ra, rb))
        self.parent[hi] = lo
        return True


# ------------------------------------------------------------------ names


def _plain(name: str) -> str:
    # "André" and "Andre" are one spelling with and without its accent
    plain = unicodedata.normalize("NFKD", fold(name)).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z\- ]", "", plain.lower()).strip()


def _person_key(name: str) -> str:
    return "person:" + _plain(name)


def _title_class(titles: tuple[str, ...]) -> str | None:
    low = {t.lower().rstrip(".") for t in titles}
    if low & PEER_TITLES:
        return "peer"
    if low & COUNCILLOR_TITLES:
        return "councillor"
    return None


PRINCIPAL_TIERS = frozenset({"borough", "county", "district", "city"})


def _principal_tier(titles: tuple[str, ...]) -> str | None:
    """ "Borough Councillor", "County Cllr": a member of a principal council, who sits
    for several parishes and is named in the minutes of each."""
    low = [t.lower().rstrip(".") for t in titles]
    if not set(low) & COUNCILLOR_TITLES:
        return None
    return next((t for t in low if t in PRINCIPAL_TIERS), None)


def person_form(name: str) -> str:
    """ "full" (Jo Bloggs), "initial" (J Bloggs), "surname" (Bloggs) or "initials" (JB)."""
    words = name.replace(".", " ").split()
    if len(words) == 1:
        return "initials" if is_acronym(words[0]) and len(words[0]) <= 3 else "surname"
    if all(len(w) == 1 for w in words[:-1]):
        return "initial"
    return "full"


def _first_last(name: str) -> tuple[str, str]:
    words = _plain(name).replace(".", " ").split()
    return (words[0] if len(words) > 1 else "", words[-1] if words else "")


def signature(name: str) -> str:
    """Initials, where a word that is itself an acronym gives all its letters ("LG Group" → "LGG")."""
    out = []
    for w in re.split(r"[\s\-]+", fold(name)):
        w = w.strip("'’().,")
        if not w or w.lower() in {"of", "for", "and", "&", "the", "on", "in"}:
            continue
        out.append(w if is_acronym(w) else w[0].upper())
    return "".join(out)


def programme_core(name: str) -> str:
    """ "the Future X Programme" → "future x"; "X Academy for members" → "x academy"."""
    key = name_key(name)
    key = _QUALIFIER.sub("", key) if " academy " in f" {key} " or " programme " in f" {key} " else key
    words = key.split()
    while len(words) > 1 and words[-1] in {"programme", "program", "campaign", "scheme", "initiative"}:
        words.pop()
    return " ".join(words)


def _subsequence(short: list[str], long: list[str]) -> bool:
    it = iter(long)
    return all(w in it for w in short)


def edit_distance(a: str, b: str, limit: int = 2) -> int:
    """Levenshtein distance, giving up (returning limit + 1) once past ``limit``."""
    if abs(len(a) - len(b)) > limit:
        return limit + 1
    prev = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        cur = [i]
        for j, cb in enumerate(b, 1):
            cur.append(min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (ca != cb)))
        if min(cur) > limit:
            return limit + 1
        prev = cur
    return prev[-1]


@functools.cache
def short_forms() -> dict[str, set[str]]:
    """first name → the names it is a short or formal form of."""
    table: dict[str, set[str]] = defaultdict(set)
    for line in lexicons.lines("resolve_short_forms"):
        formal, *shorts = line.lower().split()
        for s in shorts:
            table[s].add(formal)
            table[formal].add(s)
    return table


def first_names_agree(a: str, b: str, forms: dict[str, set[str]]) -> str | None:
    """Why two first names may be one person's, or None: "short form", "spelling"."""
    if a == b:
        return "same"
    # one the short form of the other, or both short forms of one formal name only
    if b in forms.get(a, set()) or len(forms.get(a, set()) & forms.get(b, set())) == 1:
        return "short form"
    if min(len(a), len(b)) >= 4 and edit_distance(a, b, 1) <= 1:
        return "spelling"
    return None


def surnames_agree(a: str, b: str) -> bool:
    return a == b or (min(len(a), len(b)) >= 6 and edit_distance(a, b, 1) <= 1)


@functools.cache
def generic_fillers() -> frozenset[str]:
    return frozenset(e[7:] for e in lexicons.words("resolve_generic_bodies") if e.startswith("filler:"))


@functools.cache
def generic_vocabulary() -> tuple[frozenset[str], frozenset[str]]:
    heads, words = set(), set()
    for entry in lexicons.words("resolve_generic_bodies"):
        if entry.startswith("head:"):
            heads.add(entry[5:])
        elif entry.startswith("filler:"):
            words.add(entry[7:])
        else:
            words.add(entry)
    return frozenset(heads), frozenset(words)


def is_generic_body(name: str) -> bool:
    """ "Village Hall Committee", "Planning Committee", "Area Partnership": a kind, not one body."""
    heads, vocab = generic_vocabulary()
    words = re.sub(r"[^a-z\- ]", " ", fold(name).lower()).split()
    if len(words) < 2 or words[-1] not in heads:
        return False
    return all(w in vocab for w in words[:-1])


def owner_place(body: str) -> str:
    """The place in a body's name: "X Community Council" → "X"."""
    words = [w for w in squash_words(body) if w.lower() not in BODY_KIND_WORDS]
    return " ".join(words)


def squash_words(text: str) -> list[str]:
    return fold(text).replace(",", " ").split()


# ------------------------------------------------------------------ context


@dataclass
class Context:
    """Everything the rules share: mention keys, the union-find, notes and doubts."""

    reports: list[ExtractedReport]
    register: Register
    mkey: dict[tuple[str, int], Key] = field(default_factory=dict)
    uf: UnionFind = field(default_factory=UnionFind)
    notes: dict[Key, list[str]] = field(default_factory=lambda: defaultdict(list))
    doubts: DoubtList = field(default_factory=list)
    body_of: dict[str, str | None] = field(default_factory=dict)  # report id → issuing body key
    owner_of: dict[Key, str] = field(default_factory=dict)  # generic body key → owner's place
    rosters: UnionFind = field(default_factory=UnionFind)  # report ids whose people say one body
    warnings: list[str] = field(default_factory=list)
    type_of: dict[Key, str] = field(default_factory=dict)  # a type a rule decided for a key's entity
    tier_owned: dict[Key, str] = field(default_factory=dict)  # generic body key → its owner's tier

    def mentions(self, etype: str | None = None) -> Iterable[tuple[str, int, Mention, Key]]:
        for rep in self.reports:
            rid = rep.document.identifier
            for i, m in enumerate(rep.mentions):
                if etype is None or m.type == etype:
                    yield rid, i, m, self.mkey[(rid, i)]

    def join(self, a: Key, b: Key, note: str) -> bool:
        if self.uf.find(a) == self.uf.find(b):
            return False
        if self.uf.union(a, b):
            self.notes[b].append(note)
            return True
        self.notes[a].append(f"{note} — not joined: a reviewer judged them different")
        return False

    def doubt(self, a: Key, b: Key, score: float, reason: str) -> None:
        self.doubts.append((a, b, score, reason))

    def same_body(self, r1: str, r2: str) -> bool:
        if self.rosters.find(r1) == self.rosters.find(r2):
            return True
        b1, b2 = self.body_of.get(r1), self.body_of.get(r2)
        return b1 is not None and b2 is not None and self.uf.find(b1) == self.uf.find(b2)


LOCAL_TIERS = {"parish", "town", "community", "village", "neighbourhood"}


def _own_council(rep: ExtractedReport) -> Mention | None:
    """The council a report is most about: of the councils it names, a parish, town or
    community council first (minutes name their own council, and the county above it),
    then the one named most, if named more than any other."""
    councils = [
        m
        for m in rep.mentions
        if m.type == COUNCIL or (m.type == ORGANISATION and m.name.lower().endswith(" council"))
    ]
    local = [m for m in councils if LOCAL_TIERS & set(m.name.lower().split())]
    for pool in (local, councils):
        counts = Counter(m.name for m in pool)
        ranked = counts.most_common(2)
        if ranked and (len(ranked) == 1 or ranked[0][1] > ranked[1][1]):
            return next(m for m in pool if m.name == ranked[0][0])
    return None


def issuing_body(rep: ExtractedReport) -> str | None:
    """The key of the report's issuing body: its board as read from its header, else its own council.

    It is a mention key, so bodies found to be one (a renamed board) are one context.
    """
    if rep.meta.board:
        return f"organisation:{name_key(rep.meta.board)}"
    own = _own_council(rep)
    return mention_key(own, rep.document.identifier) if own else None


def body_label(rep: ExtractedReport) -> str | None:
    if rep.meta.board:
        # a heading in capitals names the body as any other mention does
        return heading_case(rep.meta.board)
    own = _own_council(rep)
    return own.name if own else None


# ------------------------------------------------------------------ keys


def mention_key(m: Mention, rid: str) -> Key:
    """A provisional identity: global for names that identify, report-scoped for those that do not."""
    if m.type == COUNCIL and m.key:
        return f"council:{m.key}"
    if m.type == PERSON:
        if person_form(m.name) == "full":
            return _person_key(m.name)
        return f"person@{rid}:{_plain(m.name)}"
    if m.type == PROGRAMME:
        return f"programme:{programme_core(m.name)}"
    if m.type == ORGANISATION and is_generic_body(m.name):
        return f"organisation@{rid}:{name_key(m.name)}"
    return f"organisation:{name_key(m.name)}"


# ------------------------------------------------------------------ rules: people


@dataclass
class _Person:
    rid: str
    key: Key
    name: str
    form: str
    first: str
    last: str
    title: str | None
    text: str
    tier: str | None = None  # "borough" for a Borough Councillor: a principal council's member


def _people(ctx: Context) -> list[_Person]:
    out = []
    for rid, _i, m, key in ctx.mentions(PERSON):
        if m.rule == "chair-pronoun":
            continue
        first, last = _first_last(m.name)
        out.append(
            _Person(
                rid,
                key,
                m.name,
                person_form(m.name),
                first,
                last,
                _title_class(m.titles),
                m.text.strip(),
                _principal_tier(m.titles),
            )
        )
    return out


def _titles_contradict(a: _Person, b: _Person) -> bool:
    return a.title is not None and b.title is not None and a.title != b.title


def _scoped(ctx: Context, p: _Person, pool: Iterable[_Person]) -> tuple[list[_Person], str]:
    """The pool narrowed to p's report, else to its body; with the scope's name."""
    pool = list(pool)
    local = [q for q in pool if q.rid == p.rid]
    if local:
        return local, "in the same report"
    body = [q for q in pool if ctx.same_body(q.rid, p.rid)]
    return body, "in reports of the same body"


def _clusters(ctx: Context, people: list[_Person]) -> dict[str, _Person]:
    """One representative per current cluster (the first seen)."""
    out: dict[str, _Person] = {}
    for q in people:
        out.setdefault(ctx.uf.find(q.key), q)
    return out


def rule_full_name_variants(ctx: Context) -> None:
    """Spelling variants and short forms of one full name, in one report or body."""
    forms = short_forms()
    full = sorted(
        {(p.rid, p.key): p for p in _people(ctx) if p.form == "full"}.values(), key=lambda p: (p.key, p.rid)
    )
    for i, a in enumerate(full):
        for b in full[i + 1 :]:
            if a.key == b.key or not surnames_agree(a.last, b.last) or _titles_contradict(a, b):
                continue
            why = first_names_agree(a.first, b.first, forms)
            if why is None or (why == "same" and a.last == b.last):
                continue
            kind = why if a.last == b.last else ("spelling" if why == "same" else f"{why} and spelling")
            if a.rid == b.rid or ctx.same_body(a.rid, b.rid):
                scope = "in the same report" if a.rid == b.rid else "in reports of the same body"
                ctx.join(
                    a.key,
                    b.key,
                    f"'{a.name}' and '{b.name}' taken as one person ({kind} variant "
                    f"{scope}: {a.rid}, {b.rid})",
                )
            elif ctx.uf.find(a.key) != ctx.uf.find(b.key):
                ctx.doubt(
                    a.key,
                    b.key,
                    0.6,
                    f"'{a.name}' and '{b.name}' are {kind} variants of one name, "
                    f"in reports of different bodies",
                )


def rule_initial_with_full_name(ctx: Context) -> None:
    """ "J Bloggs" is the only "Jo Bloggs" (or "Jan Bloggs") of its report, else of its body."""
    people = _people(ctx)
    full = [q for q in people if q.form == "full"]
    for p in people:
        if p.form != "initial":
            continue
        initial = p.name.replace(".", " ").split()[0].lower()
        fits = [
            q
            for q in full
            if q.last == p.last and q.first.startswith(initial) and not _titles_contradict(p, q)
        ]
        _join_unique(ctx, p, fits, f"initial {initial.upper()} and surname {p.last.title()}")


def rule_surname_with_full_name(ctx: Context) -> None:
    """A surname alone is the only full name with that surname in its report, else its body."""
    people = _people(ctx)
    named = [q for q in people if q.form in {"full", "initial"}]
    for p in people:
        if p.form != "surname":
            continue
        fits = [q for q in named if q.last == p.last and not _titles_contradict(p, q)]
        _join_unique(ctx, p, fits, f"surname {p.name}")


def _join_unique(ctx: Context, p: _Person, fits: list[_Person], what: str) -> None:
    scoped, scope = _scoped(ctx, p, fits)
    clusters = _clusters(ctx, scoped)
    if len(clusters) > 1 and p.title is not None:
        # "County Cllr J. Bloggs" beside "Councillor Joe Bloggs" and "Mrs Jan Bloggs":
        # only one of them holds the same kind of title
        titled = {ctx.uf.find(q.key) for q in scoped if q.title == p.title}
        if len(titled) == 1:
            clusters = {k: q for k, q in clusters.items() if k in titled}
            scope = f"{scope} with the same kind of title"
    if len(clusters) == 1:
        (target,) = clusters.values()
        ctx.join(p.key, target.key, f"'{p.text}' ({p.rid}) joined as the only person with {what} {scope}")
        return
    if len(clusters) > 1:
        ctx.notes[p.key].append(
            f"'{p.text}' ({p.rid}) left apart: {len(clusters)} people with {what} {scope}"
        )
        return
    if _principal_member(ctx, p, fits, what):
        return
    # Nothing in context: anyone further afield is a doubt for a reviewer, never a join.
    for q in _clusters(ctx, fits).values():
        if ctx.uf.find(q.key) != ctx.uf.find(p.key):
            ctx.doubt(
                p.key,
                q.key,
                0.5 if p.title == q.title else 0.3,
                f"{what}: '{p.text}' ({p.rid}) and '{q.text}' ({q.rid}) are in reports of different bodies",
            )


def _principal_member(ctx: Context, p: _Person, fits: list[_Person], what: str) -> bool:
    """ "Borough Councillor C Smith" in one parish's minutes and "Borough Councillor Colin
    Smith" in another's: a principal council's member attends several parishes' meetings;
    the only one of the corpus with that tier, initial and surname is one person."""
    if p.tier is None:
        return False
    same = {ctx.uf.find(q.key): q for q in fits if q.tier == p.tier}
    if len(same) != 1 or len(_clusters(ctx, fits)) != 1:
        return False
    (target,) = same.values()
    ctx.join(
        p.key,
        target.key,
        f"'{p.text}' ({p.rid}) and '{target.text}' ({target.rid}): the only {p.tier} councillor "
        f"with {what} in the corpus (a principal council's member sits for several parishes)",
    )
    return True


def rule_surname_across_body(ctx: Context) -> None:
    """The same surname alone, with no contradicting titles, in reports of one body: one person."""
    by_surname: dict[str, list[_Person]] = defaultdict(list)
    for p in _people(ctx):
        if p.form in {"surname", "initial"}:
            by_surname[p.name.lower()].append(p)
    for name, group in sorted(by_surname.items()):
        reps: dict[Key, _Person] = {}
        for p in group:
            reps.setdefault(ctx.uf.find(p.key), p)
        items = sorted(reps.values(), key=lambda p: p.rid)
        for i, a in enumerate(items):
            for b in items[i + 1 :]:
                if ctx.uf.find(a.key) == ctx.uf.find(b.key):
                    continue
                if ctx.same_body(a.rid, b.rid) and not _titles_contradict(a, b):
                    ctx.join(
                        a.key,
                        b.key,
                        f"'{a.text}' ({a.rid}) and '{b.text}' ({b.rid}): the same name "
                        f"in reports of the same body",
                    )
                else:
                    score = 0.5 if a.title == b.title else 0.3
                    ctx.doubt(
                        a.key,
                        b.key,
                        score,
                        f"the same name {name.title()!r} in reports of different bodies ({a.rid}, {b.rid})",
                    )


def rule_roster_initials(ctx: Context) -> None:
    """ "Jo Bloggs (JB)" in a roster: "JB" used in the same report is that person."""
    for rep in ctx.reports:
        text = rep.document.text
        people = [(i, m) for i, m in enumerate(rep.mentions) if m.type == PERSON]
        roster: dict[str, tuple[int, Mention, int]] = {}
        for match in _ROSTER.finditer(text):
            hit = _person_at(rep, people, match.start("name"), match.end("name"))
            ini = match.group("ini")
            if hit is None or not _initials_fit(ini, hit[1].name):
                continue
            if ini in roster and roster[ini][0] != hit[0] and roster[ini][1].name != hit[1].name:
                roster[ini] = (-1, hit[1], match.end())  # two people, one set of initials: neither
                continue
            roster.setdefault(ini, (hit[0], hit[1], match.end()))
        for ini, (index, person, _end) in sorted(roster.items()):
            if index < 0:
                continue
            _initial_mentions(ctx, rep, ini, index, person)


def _person_at(
    rep: ExtractedReport, people: list[tuple[int, Mention]], start: int, end: int
) -> tuple[int, Mention] | None:
    """The full name a roster entry's name is (a mention inside it, titles allowed before)."""
    for i, m in people:
        if (
            start - 12 <= m.span.start < end
            and m.span.end <= end + 1
            and person_form(m.name) in {"full", "initial"}
        ):
            return i, m
    return None


def _initials_fit(ini: str, name: str) -> bool:
    # initials that are also a title or honour ("MP", "OBE") are read as those elsewhere
    if ini.lower() in lexicons.words("titles") | lexicons.words("honours"):
        return False
    words = name.split()
    return bool(words) and (ini[0] == words[0][0].upper() or ini[-1] == words[-1][0].upper())


def _initial_mentions(ctx: Context, rep: ExtractedReport, ini: str, index: int, person: Mention) -> None:
    rid = rep.document.identifier
    target = ctx.mkey[(rid, index)]
    taken = {(m.span.start, m.span.end): j for j, m in enumerate(rep.mentions)}
    for match in re.finditer(rf"(?<![\w(\-]){ini}(?![\w)\-])", rep.document.text):
        span = Span(match.start(), match.end())
        j = taken.get((span.start, span.end))
        if j is None:
            sentence = next((s for s in rep.sentences if s.start <= span.start < s.end), span)
            rep.mentions.append(
                Mention(
                    report_id=rid,
                    span=span,
                    text=ini,
                    type=PERSON,
                    name=person.name,
                    sentence=sentence,
                    rule=f"roster-initials|{person.text.strip()}",
                )
            )
            j = len(rep.mentions) - 1
            ctx.mkey[(rid, j)] = f"person@{rid}:initials {ini.lower()}"
        ctx.join(
            ctx.mkey[(rid, j)],
            target,
            f"initials {ini} ({rid}) are '{person.text.strip()}', as the report's roster gives them",
        )


# ------------------------------------------------------------------ generic bodies of another council


COUNCIL_TIERS = (
    "parish",
    "town",
    "community",
    "village",
    "neighbourhood",
    "district",
    "county",
    "borough",
    "city",
)
# "the Parish Council" named by its tier alone, not by its place ("Eastmoor Parish Council")
_TIERS = "|".join(COUNCIL_TIERS)
_TIER_ALONE = re.compile(rf"\bthe\s+(?P<tier>{_TIERS})\s+council\b(?!\s+of\b)", re.IGNORECASE)
_TIER_NAMED = re.compile(
    rf"^(?:the\s+)?(?P<tier>{_TIERS})\s+council(?:'s|s')?\s+(?P<rest>.+)$", re.IGNORECASE
)


@functools.cache
def tier_acronyms() -> dict[str, str]:
    return dict(line.lower().split() for line in lexicons.lines("resolve_council_tier_acronyms"))


def tier_named_body(name: str) -> tuple[str, str] | None:
    """ "Parish Council Planning Committee", "PC Planning Committee" → ("parish", "Planning Committee"):
    a generic body that names its owner by the owner's tier alone."""
    words = fold(name).split()
    if len(words) >= 3 and words[0].lower() in tier_acronyms():
        tier, rest = tier_acronyms()[words[0].lower()], " ".join(words[1:])
    else:
        match = _TIER_NAMED.match(fold(name))
        if match is None:
            return None
        tier, rest = match.group("tier").lower(), match.group("rest")
    return (tier, rest) if is_generic_body(rest) else None


def _body_tier(rep: ExtractedReport) -> str | None:
    """The tier of the report's own council, from its board's name or the council it is most about."""
    own = _own_council(rep)
    for name in (body_label(rep), own.name if own else None):
        words = set(name.lower().split()) if name else set()
        tier = next((t for t in COUNCIL_TIERS if t in words), None)
        if tier and "council" in words:  # a "Community Wellbeing Board" has no tier
            return tier
    return None


def _tier_just_before(rep: ExtractedReport, m: Mention, starts: list[int], councils: list[int]) -> str | None:
    """A council named by its tier alone in the mention's sentence or the one before, with no
    other council named in between: "reviewed by the Parish Council. The Planning Committee …".
    ``starts``: where the report's sentences start; ``councils``: where it names councils."""
    here = bisect.bisect_right(starts, m.sentence.start) - 1
    start = rep.sentences[here - 1].start if here >= 1 else m.sentence.start
    hits = list(_TIER_ALONE.finditer(rep.document.text, start, m.span.start))
    if not hits:
        return None
    named_between = bisect.bisect_left(councils, hits[-1].end()) < bisect.bisect_left(councils, m.span.start)
    return None if named_between else hits[-1].group("tier").lower()


def _tier_owned_bodies(ctx: Context) -> None:
    """A generic body of another tier's council than the report's own body is that council's,
    not the report's: named so ("Parish Council Planning Committee", "PC Planning Committee")
    or right after "the Parish Council". Which parish the text leaves implicit, so the body
    stays within its report, keyed by the tier."""
    for rep in ctx.reports:
        rid = rep.document.identifier
        own_tier = _body_tier(rep)
        starts = [s.start for s in rep.sentences]
        councils = sorted(o.span.start for o in rep.mentions if o.type == COUNCIL)
        for i, m in enumerate(rep.mentions):
            if m.type != ORGANISATION:
                continue
            named = tier_named_body(m.name)
            if named is None and own_tier and ctx.mkey[(rid, i)].startswith("organisation@"):
                # only when the report's own tier is known: "the Community Council" in a
                # community council's minutes is the body itself
                tier = _tier_just_before(rep, m, starts, councils)
                named = (tier, m.name) if tier else None
            if named is None or named[0] == own_tier:
                continue
            key = f"organisation@{rid}:{named[0]} council {name_key(named[1])}"
            ctx.mkey[(rid, i)] = key
            ctx.uf.find(key)
            ctx.tier_owned[key] = named[0]
            ctx.owner_of[key] = f"{named[0].title()} Council"  # "Parish Council Planning Committee"


# ------------------------------------------------------------------ rules: bodies and programmes


def rule_generic_bodies(ctx: Context) -> None:
    """A generic body name is its report's body's; the same one in reports of that body is one."""
    first_of: dict[tuple[str, str], Key] = {}
    for rid, _i, m, key in ctx.mentions(ORGANISATION):
        body = ctx.body_of.get(rid)
        if not key.startswith("organisation@") or body is None or key in ctx.tier_owned:
            continue  # another council's, which one implicit: it stays within its report
        seen = first_of.setdefault((ctx.uf.find(body), name_key(m.name)), key)
        if seen != key:
            ctx.join(
                key,
                seen,
                f"'{m.name}' of one body ({ctx.owner_of.get(key) or body}) in several of its reports",
            )


ROSTER_OVERLAP = 3  # people named alike in two reports that make them one body's


def _shared_rosters(ctx: Context) -> None:
    """Reports that name the same several people (by full name or by surname alone) are of
    one body, whatever their headers say: a renamed council, minutes without a header.
    One shared name is a coincidence; three are a roster."""
    names: dict[str, set[str]] = defaultdict(set)
    for p in _people(ctx):
        if p.form == "full":
            names[p.rid].add(p.key)
        elif p.form == "surname":
            names[p.rid].add(f"surname:{p.last}")
    rids = sorted(names)
    for i, a in enumerate(rids):
        for b in rids[i + 1 :]:
            shared = names[a] & names[b]
            if len(shared) >= ROSTER_OVERLAP:
                ctx.rosters.union(a, b)


def _owners(ctx: Context) -> None:
    """Each generic body name's owner: the place in its report's body's name."""
    for rep in ctx.reports:
        owner = body_label(rep)
        place = owner_place(owner) if owner else ""
        if not place:
            continue
        rid = rep.document.identifier
        for i, m in enumerate(rep.mentions):
            key = ctx.mkey[(rid, i)]
            if m.type == ORGANISATION and key.startswith("organisation@"):
                ctx.owner_of[key] = place


def _org_names(ctx: Context) -> dict[str, dict[Key, tuple[str, str]]]:
    """type → key → (a surface name, the first report naming it)."""
    out: dict[str, dict[Key, tuple[str, str]]] = {ORGANISATION: {}, PROGRAMME: {}}
    for rid, _i, m, key in ctx.mentions():
        if m.type in out:
            out[m.type].setdefault(key, (m.name, rid))
        elif m.type == COUNCIL and key.startswith("organisation:"):
            # a council the register does not know ("XDC") is named like any body
            out[ORGANISATION].setdefault(key, (m.name, rid))
    return out


def _reports_of(ctx: Context) -> dict[Key, set[str]]:
    out: dict[Key, set[str]] = defaultdict(set)
    for rid, _i, _m, key in ctx.mentions():
        out[key].add(rid)
    return out


def _near(ctx: Context, reports_of: dict[Key, set[str]], a: Key, b: Key) -> bool:
    """Named in one report, or in reports of one body."""
    ra, rb = reports_of.get(a, set()), reports_of.get(b, set())
    return bool(ra & rb) or any(ctx.same_body(x, y) for x in ra for y in rb)


def rule_dash_aliases(ctx: Context) -> None:
    """Two names joined by a dash are one (the extractor marks the second "|alias:N")."""
    for rep in ctx.reports:
        rid = rep.document.identifier
        for i, m in enumerate(rep.mentions):
            alias = re.search(r"\|alias:(\d+)", m.rule)
            if alias:
                other = int(alias.group(1))
                ctx.join(
                    ctx.mkey[(rid, other)],
                    ctx.mkey[(rid, i)],
                    f"'{m.text}' and '{rep.mentions[other].text}' are written as one name with a "
                    f"dash ({rid})",
                )


def rule_abbreviated_words(ctx: Context) -> None:
    """ "LG Group" ↔ "Local Government Group": same signature, one with an acronym word."""
    orgs = _org_names(ctx)[ORGANISATION]
    reports_of = _reports_of(ctx)
    by_sig: dict[str, list[Key]] = defaultdict(list)
    for key, (name, _rid) in sorted(orgs.items()):
        if len(name.split()) >= 2 and not key.startswith("organisation@"):
            by_sig[signature(name)].append(key)
    for keys in by_sig.values():
        with_acr = [k for k in keys if any(is_acronym(w) for w in orgs[k][0].split())]
        without = [k for k in keys if k not in with_acr]
        if with_acr and len(without) == 1:
            for k in with_acr:
                note = f"'{orgs[k][0]}' is '{orgs[without[0]][0]}' with its first words abbreviated"
                _join_or_doubt(ctx, reports_of, k, without[0], note, 0.7)


def _join_or_doubt(
    ctx: Context, reports_of: dict[Key, set[str]], a: Key, b: Key, note: str, score: float
) -> None:
    if _near(ctx, reports_of, a, b):
        ctx.join(a, b, note)
    elif ctx.uf.find(a) != ctx.uf.find(b):
        ctx.doubt(a, b, score, f"{note}, but in reports of different bodies")


def rule_acronyms(ctx: Context) -> None:
    """An acronym is the name it was defined for; else the name (or council) with its initials nearby."""
    orgs = _org_names(ctx)[ORGANISATION]
    reports_of = _reports_of(ctx)
    defined, council_sigs = _acronym_sources(ctx)
    for key, (name, _rid) in sorted(orgs.items()):
        if not is_acronym(name):
            continue
        if name.lower() in defined:
            ctx.join(
                key,
                defined[name.lower()],
                f"acronym {name} defined in a report for {orgs.get(defined[name.lower()], ('?',))[0]}",
            )
            continue
        # a council in the register, anywhere in the corpus ("XCC" is the city council, not a
        # community council); one the register does not know, only nearby
        known = {
            ctx.uf.find(k)
            for k in council_sigs.get(name, set())
            if k.startswith("council:") or ctx.register.knows(k.split(":", 1)[1])
        }
        councils = known or {
            ctx.uf.find(k) for k in council_sigs.get(name, set()) if _near(ctx, reports_of, key, k)
        }
        if _owned_acronym(ctx, key, name, orgs, reports_of):
            continue
        all_councils = {ctx.uf.find(k) for k in council_sigs.get(name, set())}
        matches = sorted(
            k
            for k, (n, _r) in orgs.items()
            if k != key
            and len(n.split()) >= 2
            and signature(n) == name
            and (ctx.uf.find(k) not in all_councils or not councils)
        )
        near = [k for k in matches if _near(ctx, reports_of, key, k)]
        if len({ctx.uf.find(k) for k in near}) == 1:
            ctx.join(key, near[0], f"acronym {name} read as the initials of {orgs[near[0]][0]}, named nearby")
        elif not near and len({ctx.uf.find(k) for k in matches}) == 1:
            ctx.doubt(
                key,
                matches[0],
                0.5,
                f"acronym {name} has the initials of {orgs[matches[0]][0]}, "
                f"named only in reports of other bodies",
            )
        elif not matches and _head_dropped(ctx, key, name, orgs, reports_of):
            continue
        elif not matches and len(councils) == 1:
            # "XBC" in one set of minutes, "X Borough Council" in another: the only
            # council the corpus names with those initials
            council_key = min(councils)
            ctx.join(
                key,
                council_key,
                f"acronym {name} read as the initials of the only council so named "
                f"in the corpus ({council_key.split(':', 1)[1]})",
            )


def _acronym_sources(ctx: Context) -> tuple[dict[str, Key], dict[str, set[Key]]]:
    """Acronyms spelt out somewhere ("Xshire Landlords (XL)"), and councils by their initials."""
    defined: dict[str, Key] = {}
    council_sigs: dict[str, set[Key]] = defaultdict(set)
    for _rid, _i, m, key in ctx.mentions():
        if m.acronym and m.name != m.acronym:
            defined.setdefault(m.acronym.lower(), key)
        if m.type == COUNCIL and len(m.name.split()) >= 2:
            council = ctx.register.councils.get(m.key) if m.key else None
            for text in {m.name, council.official_name if council else ""} - {""}:
                council_sigs[signature(text)].add(key)
    return defined, council_sigs


def _owned_acronym(
    ctx: Context, key: Key, name: str, orgs: dict[Key, tuple[str, str]], reports_of: dict[Key, set[str]]
) -> bool:
    """ "XPCC" beside "PCC" in the minutes of X's council: the owner's initial and the acronym."""
    for rid in sorted(reports_of.get(key, set())):
        rep = next(r for r in ctx.reports if r.document.identifier == rid)
        owner = body_label(rep)
        if not owner:  # a report naming no body of its own owns no acronym
            continue
        lead = signature(owner_place(owner))
        rest = name[len(lead) :]
        if not lead or not name.startswith(lead) or len(rest) < 2:
            continue
        for other, (n, _r) in sorted(orgs.items()):
            if n == rest and other != key and _near(ctx, reports_of, key, other):
                ctx.join(key, other, f"acronym {name} is {rest} of {owner_place(owner)} ({rid})")
                return True
    return False


def _head_dropped(
    ctx: Context, key: Key, name: str, orgs: dict[Key, tuple[str, str]], reports_of: dict[Key, set[str]]
) -> bool:
    """ "XYA" beside "X Y" or "XY" in one body's reports: the name with its head word dropped
    ("... Association", "... Executive"); only when exactly one name fits."""
    heads = lexicons.words("resolve_body_heads")
    stem = name[:-1]
    if len(stem) < 2 or not any(h[0] == name[-1].lower() for h in heads):
        return False
    fits = {
        ctx.uf.find(k)
        for k, (n, _r) in orgs.items()
        if k != key
        and (
            n == stem or (len(n.split()) >= 2 and signature(n) == stem and n.split()[-1].lower() not in heads)
        )
        and _near(ctx, reports_of, key, k)
    }
    if len(fits) != 1:
        return False
    (target,) = fits
    ctx.join(key, target, f"acronym {name} read as {stem} with its head word's initial, named nearby")
    return True


def _body_words(key: Key) -> list[str]:
    # a nation after the name is not part of it ("X Council" / "X Council England")
    ws = [w for w in key.split(":", 1)[1].split() if w not in {"lga", "and"}]
    return ws[:-1] if len(ws) > 2 and ws[-1] in NATION_WORDS else ws


def rule_renamed_bodies(ctx: Context) -> None:
    """Same head noun, one name's words within the other's: one body renamed, if named nearby."""
    orgs = _org_names(ctx)[ORGANISATION]
    reports_of = _reports_of(ctx)
    places = ctx.register.place_names()  # once: the register builds the set on each call
    okeys = sorted(orgs)
    for i, a in enumerate(okeys):
        wa = _body_words(a)
        for b in okeys[i + 1 :]:
            wb = _body_words(b)
            if len(wa) < 2 or len(wb) < 2 or wa[-1] != wb[-1]:
                continue
            small, big = (wa, wb) if len(wa) <= len(wb) else (wb, wa)
            if not set(small) <= set(big):
                continue
            note = (
                f"'{orgs[a][0]}' and '{orgs[b][0]}' taken as one body (one name's words within "
                f"the other's, same head '{wa[-1]}')"
            )
            if a.startswith("organisation@") or b.startswith("organisation@"):
                # Generic names of one body differ for a reason ("Planning Committee",
                # "Planning Control Committee"), unless only by a filler word
                # another council's (tier-owned) only within one report: which council is implicit
                near = (
                    reports_of.get(a, set()) & reports_of.get(b, set())
                    if a in ctx.tier_owned or b in ctx.tier_owned
                    else _near(ctx, reports_of, a, b)
                )
                same_owner = ctx.owner_of.get(a) == ctx.owner_of.get(b)
                if set(big) - set(small) <= generic_fillers() and near and same_owner:
                    ctx.join(a, b, note)
                continue
            # a place among the added words is the body's owner too ("Kent Fire and Rescue
            # Service" is one fire service)
            adds_place = bool((set(big) - set(small)) & places)
            if (big[-len(small) :] == small or adds_place) and not _near(ctx, reports_of, a, b):
                # words before a name are its owner ("X Park Cricket Club" is one cricket
                # club): nearby they are the same body, further afield only perhaps
                ctx.doubt(
                    a,
                    b,
                    0.5,
                    f"{note}, but the longer name adds its owner and they are named "
                    f"in reports of different bodies",
                )
                continue
            ctx.join(a, b, note)


def rule_short_names(ctx: Context) -> None:
    """One word that begins exactly one longer body's name is that body ("Acme" / "Acme Bank"):
    the one named nearby, else the only one in the corpus (a body's name is not a surname)."""
    orgs = _org_names(ctx)[ORGANISATION]
    reports_of = _reports_of(ctx)
    for key, (name, _rid) in sorted(orgs.items()):
        word = name.strip()
        if " " in word or len(word) < 3 or not word[0].isupper() or key.startswith("organisation@"):
            continue
        fits = [
            k
            for k, (n, _r) in orgs.items()
            if k != key
            and n.split()[0] == word
            and len(n.split()) >= 2
            and not k.startswith("organisation@")
            and not _owners_sub_body(word, n)
        ]
        near = {ctx.uf.find(k) for k in fits if _near(ctx, reports_of, key, k)}
        longer = near or {ctx.uf.find(k) for k in fits}
        if len(longer) == 1:
            (target,) = longer
            where = "named nearby" if near else "the only body so named in the corpus"
            ctx.join(
                key, target, f"'{word}' is the short name of '{orgs.get(target, (target,))[0]}', {where}"
            )


@functools.cache
def _same_body_suffixes() -> frozenset[str]:
    return lexicons.words("resolve_legal_forms") | lexicons.words("entities_firm_heads")


def _owners_sub_body(word: str, name: str) -> bool:
    """ "LGA Leadership Board", "NHS England": a body's initials before more words name
    another body of its own (a board, a national arm); a legal form or a firm's trade
    after them ("X Ltd", "X Systems") leaves the same body."""
    rest = {w.lower().strip(".") for w in name.split()[1:]}
    return is_acronym(word) and not rest <= _same_body_suffixes()


def rule_generic_body_named_in_full(ctx: Context) -> None:
    """A generic body name is the body named with its owner's place or initials ("XDC Planning Committee")."""
    orgs = _org_names(ctx)[ORGANISATION]
    by_key = {k: k for k in orgs}
    for rep in ctx.reports:
        owner = body_label(rep)
        if not owner:
            continue
        rid = rep.document.identifier
        prefixes = {owner_place(owner), signature(owner)} - {""}
        for i, m in enumerate(rep.mentions):
            key = ctx.mkey[(rid, i)]
            if m.type != ORGANISATION or not key.startswith("organisation@") or key in ctx.tier_owned:
                continue
            for prefix in sorted(prefixes):
                full = f"organisation:{name_key(f'{prefix} {m.name}')}"
                if full in by_key:
                    ctx.join(key, full, f"'{m.name}' of {owner} is '{orgs[full][0]}'")


def rule_branch_of_place(ctx: Context) -> None:
    """ "Tesco Ashby" in the minutes of Ashby's council is its local Tesco: the body
    named with the report's own place after it, when reports of the same issuing
    body also name the body alone."""
    bare: dict[tuple[str, str], Key] = {}
    for rep in ctx.reports:
        rid = rep.document.identifier
        body = ctx.body_of[rid]
        for i, m in enumerate(rep.mentions):
            if m.type == ORGANISATION and body and ctx.mkey[(rid, i)] not in ctx.tier_owned:
                bare.setdefault((body, name_key(m.name)), ctx.mkey[(rid, i)])
    for rep in ctx.reports:
        owner = body_label(rep)
        place = owner_place(owner).lower() if owner else ""
        rid = rep.document.identifier
        body = ctx.body_of[rid]
        if not place or not body:
            continue
        for i, m in enumerate(rep.mentions):
            if m.type != ORGANISATION or not m.name.lower().endswith(f" {place}"):
                continue
            stem = m.name[: -len(place) - 1].strip()
            other = bare.get((body, name_key(stem))) if stem else None
            if other is not None and other != ctx.mkey[(rid, i)]:
                ctx.join(ctx.mkey[(rid, i)], other, f"'{m.name}' is the {owner} branch of '{stem}' ({rid})")


def rule_programme_variants(ctx: Context) -> None:
    """A programme's name with or without its head, or with a dropped middle word."""
    names = _org_names(ctx)[PROGRAMME]
    pkeys = sorted(names)
    for i, a in enumerate(pkeys):
        wa = a.split(":", 1)[1].split()
        for b in pkeys[i + 1 :]:
            wb = b.split(":", 1)[1].split()
            small, big = (wa, wb) if len(wa) <= len(wb) else (wb, wa)
            if len(small) < 2 and not (len(small) == 1 and small[0] not in PROGRAMME_HEADS and len(big) <= 2):
                continue
            if big[: len(small)] == small or (
                _subsequence(small, big) and small[0] == big[0] and small[-1] == big[-1]
            ):
                ctx.join(
                    a,
                    b,
                    f"'{names[a][0]}' and '{names[b][0]}' taken as one programme (one name "
                    f"extends the other)",
                )


@functools.cache
def arrangement_heads() -> frozenset[str]:
    return lexicons.words("resolve_arrangement_heads")


def rule_arrangement_typed_twice(ctx: Context) -> None:
    """ "X Partnership" as a body and "X Partnership Project" as a programme, in one report or
    body: one arrangement typed two ways. The name with the programme head says what it is."""
    names = _org_names(ctx)
    reports_of = _reports_of(ctx)
    bodies = {name_key(n): k for k, (n, _r) in names[ORGANISATION].items()}
    for pkey, (pname, _rid) in sorted(names[PROGRAMME].items()):
        words = name_key(pname).split()
        if len(words) < 3 or words[-1] not in PROGRAMME_HEADS or words[-2] not in arrangement_heads():
            continue
        okey = bodies.get(" ".join(words[:-1]))
        if okey is None or not _near(ctx, reports_of, okey, pkey):
            continue
        ctx.join(
            okey,
            pkey,
            f"'{names[ORGANISATION][okey][0]}' and '{pname}' taken as one arrangement, "
            f"named as a body and as a programme nearby",
        )
        if ctx.uf.find(okey) == ctx.uf.find(pkey):
            ctx.type_of[okey] = ctx.type_of[pkey] = PROGRAMME


@functools.cache
def head_synonyms() -> dict[str, frozenset[str]]:
    """A body's head word → the head words that say the same kind of body (name_key forms)."""
    table: dict[str, frozenset[str]] = {}
    for line in lexicons.lines("resolve_head_synonyms"):
        group = frozenset(name_key(w) for w in line.split())
        for w in group:
            table[w] = group
    return table


def _names_a_place(
    ctx: Context,
    stem: str,
    keys: tuple[Key, Key],
    orgs: dict[Key, tuple[str, str]],
    reports_of: dict[Key, set[str]],
) -> bool:
    """Whether a body's distinctive words are a place: a council's place in the register, the
    place of the issuing body of a report naming it, or the first words of other bodies nearby."""
    if stem in ctx.register.place_names():
        return True
    rids = set().union(*(reports_of.get(k, set()) for k in keys))
    for rep in ctx.reports:
        owner = body_label(rep) if rep.document.identifier in rids else None
        if owner and name_key(owner_place(owner)) == stem:
            return True
    return any(
        name_key(n).startswith(stem + " ") and any(_near(ctx, reports_of, k, other) for k in keys)
        for other, (n, _r) in orgs.items()
        if other not in keys
    )


def rule_synonymous_heads(ctx: Context) -> None:
    """ "X Housing" and "X Homes" in one body's reports: one body whose head is said two ways,
    unless X is a place (a town's two landlords); in different bodies' reports only a doubt."""
    orgs = _org_names(ctx)[ORGANISATION]
    reports_of = _reports_of(ctx)
    synonyms = head_synonyms()
    by_stem: dict[str, list[Key]] = defaultdict(list)
    for key, (name, _rid) in sorted(orgs.items()):
        words = name_key(name).split()
        if len(words) >= 2 and words[-1] in synonyms and not key.startswith("organisation@"):
            by_stem[" ".join(words[:-1])].append(key)
    for stem, keys in sorted(by_stem.items()):
        for i, a in enumerate(keys):
            for b in keys[i + 1 :]:
                ha, hb = name_key(orgs[a][0]).split()[-1], name_key(orgs[b][0]).split()[-1]
                if ha == hb or hb not in synonyms[ha] or _names_a_place(ctx, stem, (a, b), orgs, reports_of):
                    continue
                note = f"'{orgs[a][0]}' and '{orgs[b][0]}' taken as one body (same name, synonymous head)"
                _join_or_doubt(ctx, reports_of, a, b, note, 0.5)


SURNAME_PREFIX_MIN = 5  # "Dawkins" for "Dawkinson"; a shorter stem ("Rob") begins too many names


def _misspelt_surname(a: str, b: str) -> bool:
    """One surname a slip for the other beyond the single-edit variants: a truncation
    ("Dawkins" / "Dawkinson") or two edits in a long name."""
    if a == b:
        return False
    if min(len(a), len(b)) >= SURNAME_PREFIX_MIN and (a.startswith(b) or b.startswith(a)):
        return True
    return min(len(a), len(b)) >= 7 and edit_distance(a, b, 2) <= 2


def rule_councillor_surname_slip(ctx: Context) -> None:
    """A councillor named once by a surname no one in the report's body bears is the one
    councillor named in full in that report whose surname it misspells."""
    people = _people(ctx)
    surnames: dict[str, set[str]] = defaultdict(set)  # surname → reports naming someone so
    councillors: dict[str, list[_Person]] = defaultdict(list)  # report → its councillors named in full
    mentions = Counter((p.rid, p.last) for p in people)
    for p in people:
        surnames[p.last].add(p.rid)
        if p.form == "full" and p.title == "councillor":
            councillors[p.rid].append(p)
    for p in people:
        if p.form != "surname" or p.title != "councillor" or mentions[(p.rid, p.last)] != 1:
            continue
        if any(r != p.rid and ctx.same_body(r, p.rid) for r in surnames[p.last]):
            continue  # the name is real in this body
        fits = {ctx.uf.find(q.key): q for q in councillors[p.rid] if _misspelt_surname(p.last, q.last)}
        if len(fits) == 1:
            (q,) = fits.values()
            ctx.join(
                p.key,
                q.key,
                f"'{p.text}' ({p.rid}) taken as '{q.text}', the only councillor of the "
                f"report whose surname it misspells; no one of its body is {p.name}",
            )


Rule = Callable[[Context], None]
# Order matters: bodies settle first (a renamed board is one context for the people
# of its reports), then full names, so that a surname has clusters to join.
RULES: tuple[Rule, ...] = (
    rule_dash_aliases,
    rule_abbreviated_words,
    rule_acronyms,
    rule_renamed_bodies,
    rule_short_names,
    rule_generic_bodies,
    rule_generic_body_named_in_full,
    rule_branch_of_place,
    rule_programme_variants,
    rule_arrangement_typed_twice,
    rule_synonymous_heads,
    rule_full_name_variants,
    rule_initial_with_full_name,
    rule_surname_with_full_name,
    rule_surname_across_body,
    rule_councillor_surname_slip,
    rule_roster_initials,
)


# ------------------------------------------------------------------ the resolver


class Resolver:
    def __init__(
        self,
        register: Register | None = None,
        judgements: Judgements | None = None,
        rules: tuple[Rule, ...] = RULES,
    ):
        self.register = register or default_register()
        self.judgements = judgements
        self.rules = rules
        self.possible_same: list[PossibleSame] = []

    def resolve(
        self, reports: list[ExtractedReport]
    ) -> tuple[dict[str, Entity], dict[tuple[str, int], str], list[str]]:
        if self.judgements and self.judgements.needs_first_pass():
            # "NAME @ REPORT" names an entity as resolved: find it, then resolve again apart
            self.judgements.locate(self._run(reports, None))
        ctx = self._run(reports, self.judgements)
        entities, mention_entity, entity_of_key = self._entities(ctx)
        self.possible_same = self._doubts(ctx, entity_of_key)
        return entities, mention_entity, ctx.warnings

    def _run(self, reports: list[ExtractedReport], judgements: Judgements | None) -> Context:
        ctx = Context(reports=reports, register=self.register)
        for rep in reports:
            rid = rep.document.identifier
            ctx.body_of[rid] = issuing_body(rep)
            for i, m in enumerate(rep.mentions):
                ctx.mkey[(rid, i)] = mention_key(m, rid)
                ctx.uf.find(ctx.mkey[(rid, i)])
        _owners(ctx)
        _tier_owned_bodies(ctx)
        _shared_rosters(ctx)
        if judgements:
            judgements.separate(ctx)
        for rule in self.rules:
            rule(ctx)
        if judgements:
            judgements.join(ctx)
        return ctx

    def _entities(self, ctx: Context) -> tuple[dict[str, Entity], dict[tuple[str, int], str], dict[Key, str]]:
        clusters: dict[str, list[tuple[str, int, Mention]]] = defaultdict(list)
        for rid, i, m, key in ctx.mentions():
            clusters[ctx.uf.find(key)].append((rid, i, m))
        entities: dict[str, Entity] = {}
        mention_entity: dict[tuple[str, int], str] = {}
        entity_of_key: dict[Key, str] = {}
        used_ids: set[str] = set()
        for root in sorted(clusters):
            members = clusters[root]
            keys = sorted({ctx.mkey[(rid, i)] for rid, i, _ in members})
            owner = next((ctx.owner_of[k] for k in keys if k in ctx.owner_of), None)
            decided = next((ctx.type_of[k] for k in keys if k in ctx.type_of), None)
            ent = self._entity(members, used_ids, owner, decided)
            ent.notes = sorted(set(ctx.notes.get(root, [])) | {n for k in keys for n in ctx.notes.get(k, [])})
            entities[ent.id] = ent
            for k in keys:
                entity_of_key[k] = ent.id
            for rid, i, _ in members:
                mention_entity[(rid, i)] = ent.id
        return entities, mention_entity, entity_of_key

    @staticmethod
    def _doubts(ctx: Context, entity_of_key: dict[Key, str]) -> list[PossibleSame]:
        best: dict[tuple[str, str], PossibleSame] = {}
        for a, b, score, reason in ctx.doubts:
            ea, eb = entity_of_key.get(ctx.uf.find(a)) or entity_of_key.get(a), entity_of_key.get(b)
            if ea is None or eb is None or ea == eb:
                continue
            lo, hi = sorted((ea, eb))
            old = best.get((lo, hi))
            if old is None or (score, reason) > (old.score, old.reason):
                best[(lo, hi)] = PossibleSame(lo, hi, score, reason)
        return sorted(best.values(), key=lambda d: (-d.score, d.a, d.b))

    # -- the entity record for a cluster
    def _entity(
        self,
        members: list[tuple[str, int, Mention]],
        used_ids: set[str],
        owner: str | None = None,
        decided: str | None = None,
    ) -> Entity:
        own = [m for _, _, m in members if m.rule != "chair-pronoun" and not m.rule.startswith("roster-")]
        types = Counter(m.type for m in own)
        etype = types.most_common(1)[0][0] if types else members[0][2].type
        if any(m.type == COUNCIL for _, _, m in members):
            etype = COUNCIL
        elif decided:
            etype = decided
        names = [m.name for m in own if m.type == etype] or [m.name for _, _, m in members]
        code = gss = None
        if etype == COUNCIL:
            code = next((m.key for _, _, m in members if m.key), None)
            council = self.register.councils.get(code) if code else None
            label = council.official_name if council else Counter(names).most_common(1)[0][0]
            gss = council.gss if council else None
            base = (code or slug(label)).lower()
        else:
            label = self._label(names, etype)
            if etype == PERSON and len(label.split()) == 1:
                # a peer known by title and surname is named so ("Lord X", not "X")
                peer = next((t for _, _, m in members for t in m.titles if t.lower() in PEER_TITLES), None)
                if peer:
                    label = f"{peer.capitalize()} {label}"
            if owner and is_generic_body(label):
                # "Village Hall Committee" of X is "X Village Hall Committee", its own node
                label = f"{owner} {_THE.sub('', label)}"
            base = slug(label)
        prefix = TYPE_BY_NAME[etype].path
        ident = f"{prefix}/{base}"
        n = 2
        while ident in used_ids:
            ident = f"{prefix}/{base}-{n}"
            n += 1
        used_ids.add(ident)
        alts = {fold(m.text).strip() for m in own}
        alts |= {m.name for m in own}
        alts = {re.sub(r"\s+", " ", a) for a in alts if a}
        alts.discard(label)
        return Entity(id=ident, type=etype, label=label, alt_labels=alts, code=code, gss=gss)

    @staticmethod
    def _label(names: list[str], etype: str) -> str:
        if etype == PERSON:
            return max(names, key=lambda n: (len(n.split()), len(n), n))
        full = [n for n in names if not is_acronym(n)]
        pool = full or names
        counts = Counter(pool)
        return max(counts, key=lambda n: (counts[n] if etype != PROGRAMME else 0, len(n.split()), n))
