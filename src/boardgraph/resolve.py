"""Resolution stage: which mentions, within and across reports, are one entity.

Rules, each general and each explained in the entity's resolution notes:

* councils are one entity per register code;
* "I" in a chair's report is the chair;
* a person's surname alone joins the full name with that surname in the same
  report, else the only full name with that surname in the corpus, unless
  their titles contradict (a peer is not a councillor of the same surname);
* an acronym joins the name it was defined for ("National X Authority (NXA)"),
  or the only name in the corpus whose initials it is ("LGG" ↔ "Local
  Government Group", also "LG Group");
* a programme's name with or without its head ("X Programme", "the 'X'
  programme", "X Innovation Programme") or a dropped middle word
  ("Leading Places" / "Leading Better Places") is one
  programme; two names joined by a dash are one programme;
* a body whose name's words contain another's with the same head noun is the
  same body renamed ("Housing Board" / "Housing Programme Board" /
  "Housing & Planning Board").
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter, defaultdict

from boardgraph.model import (
    COUNCIL,
    ORGANISATION,
    PERSON,
    PROGRAMME,
    Entity,
    ExtractedReport,
    Mention,
)
from boardgraph.names import PROGRAMME_HEADS, fold, is_acronym, name_key, slug
from boardgraph.register import Register, default_register

PEER_TITLES = {"lord", "lady", "baroness", "baron"}
NATION_WORDS = {"england", "wales", "scotland", "uk", "cymru", "ireland", "britain"}
COUNCILLOR_TITLES = {"cllr", "cllrs", "councillor", "councillors"}
_QUALIFIER = re.compile(r"\s+(for|of)\s+[a-z].*$")


class UnionFind:
    def __init__(self) -> None:
        self.parent: dict[str, str] = {}

    def find(self, x: str) -> str:
        self.parent.setdefault(x, x)
        while self.parent[x] != x:
            self.parent[x] = self.parent[self.parent[x]]
            x = self.parent[x]
        return x

    def union(self, a: str, b: str) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            # deterministic representative: the smaller key
            lo, hi = sorted((ra, rb))
            self.parent[hi] = lo


def _person_key(name: str) -> str:
    # "André" and "Andre" are one spelling with and without its accent
    plain = unicodedata.normalize("NFKD", fold(name)).encode("ascii", "ignore").decode()
    return "person:" + re.sub(r"[^a-z\- ]", "", plain.lower()).strip()


def _title_class(titles: tuple[str, ...]) -> str | None:
    low = {t.lower().rstrip(".") for t in titles}
    if low & PEER_TITLES:
        return "peer"
    if low & COUNCILLOR_TITLES:
        return "councillor"
    return None


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


class Resolver:
    def __init__(self, register: Register | None = None):
        self.register = register or default_register()

    def resolve(
        self, reports: list[ExtractedReport]
    ) -> tuple[dict[str, Entity], dict[tuple[str, int], str], list[str]]:
        uf = UnionFind()
        notes: dict[str, list[str]] = defaultdict(list)
        warnings: list[str] = []
        mkey: dict[tuple[str, int], str] = {}
        type_of: dict[str, str] = {}

        # 1. a provisional key per mention
        for rep in reports:
            rid = rep.document.identifier
            for i, m in enumerate(rep.mentions):
                key = self._key(m)
                mkey[(rid, i)] = key
                type_of.setdefault(key, m.type)
                uf.find(key)

        # 2. people: surnames join full names
        self._people(reports, mkey, uf, notes)
        # 3. bodies and programmes
        self._names(reports, mkey, type_of, uf, notes)

        # 4. one entity per cluster
        clusters: dict[str, list[tuple[str, int, Mention]]] = defaultdict(list)
        for rep in reports:
            rid = rep.document.identifier
            for i, m in enumerate(rep.mentions):
                clusters[uf.find(mkey[(rid, i)])].append((rid, i, m))
        entities: dict[str, Entity] = {}
        mention_entity: dict[tuple[str, int], str] = {}
        used_ids: set[str] = set()
        for root in sorted(clusters):
            members = clusters[root]
            ent = self._entity(members, used_ids)
            keys = sorted({mkey[(rid, i)] for rid, i, _ in members})
            ent.notes = sorted(set(notes.get(root, [])) | {n for k in keys for n in notes.get(k, [])})
            entities[ent.id] = ent
            for rid, i, _ in members:
                mention_entity[(rid, i)] = ent.id
        return entities, mention_entity, warnings

    # -- keys
    @staticmethod
    def _key(m: Mention) -> str:
        if m.type == COUNCIL and m.key:
            return f"council:{m.key}"
        if m.type == PERSON:
            return _person_key(m.name)
        prefix = "programme" if m.type == PROGRAMME else "organisation"
        if m.type == PROGRAMME:
            return f"{prefix}:{programme_core(m.name)}"
        return f"{prefix}:{name_key(m.name)}"

    # -- people
    def _people(self, reports: list[ExtractedReport], mkey: dict, uf: UnionFind, notes: dict) -> None:
        full_by_surname: dict[str, set[str]] = defaultdict(set)
        titles_of: dict[str, set[str | None]] = defaultdict(set)
        local_full: dict[str, dict[str, set[str]]] = defaultdict(lambda: defaultdict(set))
        for rep in reports:
            rid = rep.document.identifier
            for i, m in enumerate(rep.mentions):
                if m.type != PERSON:
                    continue
                words = m.name.split()
                titles_of[mkey[(rid, i)]].add(_title_class(m.titles))
                if len(words) >= 2:
                    surname = words[-1].lower()
                    full_by_surname[surname].add(mkey[(rid, i)])
                    local_full[rid][surname].add(mkey[(rid, i)])
        for rep in reports:
            rid = rep.document.identifier
            for i, m in enumerate(rep.mentions):
                if m.type != PERSON or len(m.name.split()) != 1:
                    continue
                key = mkey[(rid, i)]
                surname = m.name.lower()
                own = _title_class(m.titles)
                local = local_full[rid].get(surname, set())
                candidates = local if len(local) == 1 else full_by_surname.get(surname, set())
                scope = "in the same report" if len(local) == 1 else "in the corpus"
                candidates = {c for c in candidates if not self._contradicts(own, titles_of[c])}
                if len(candidates) == 1:
                    (target,) = candidates
                    uf.union(key, target)
                    notes[target].append(
                        f"'{m.text.strip()}' ({rid}) joined as the only person surnamed {m.name} {scope}"
                    )
                elif len(candidates) > 1:
                    notes[key].append(
                        f"'{m.text.strip()}' ({rid}) left apart: {len(candidates)} people are "
                        f"surnamed {m.name}"
                    )

    @staticmethod
    def _contradicts(own: str | None, others: set[str | None]) -> bool:
        known = {o for o in others if o}
        return own is not None and bool(known) and own not in known

    # -- organisations and programmes
    def _names(
        self, reports: list[ExtractedReport], mkey: dict, type_of: dict, uf: UnionFind, notes: dict
    ) -> None:
        names_by_type: dict[str, dict[str, str]] = {ORGANISATION: {}, PROGRAMME: {}}  # key → a surface name
        acronym_defs: dict[str, str] = {}
        council_sigs: dict[str, set[str]] = defaultdict(set)  # initials → council keys named in the corpus
        for rep in reports:
            rid = rep.document.identifier
            for i, m in enumerate(rep.mentions):
                if m.type == COUNCIL and m.key and m.rule.startswith("register-council"):
                    council = self.register.councils.get(m.key)
                    for text in {m.text, council.official_name if council else ""} - {""}:
                        council_sigs[signature(text)].add(mkey[(rid, i)])
                if m.type not in names_by_type:
                    continue
                key = mkey[(rid, i)]
                names_by_type[m.type].setdefault(key, m.name)
                if m.acronym:
                    acronym_defs[m.acronym.lower()] = key
                alias = re.search(r"\|alias:(\d+)", m.rule)
                if alias:
                    other = mkey[(rid, int(alias.group(1)))]
                    uf.union(key, other)
                    notes[key].append(
                        f"'{m.text}' and '{rep.mentions[int(alias.group(1))].text}' are written as "
                        f"one name with a dash ({rid})"
                    )
        orgs = names_by_type[ORGANISATION]
        # "LG Group" ↔ "Local Government Group": same signature, one with an acronym word
        by_sig: dict[str, list[str]] = defaultdict(list)
        for key, name in sorted(orgs.items()):
            if len(name.split()) >= 2:
                by_sig[signature(name)].append(key)
        for keys in by_sig.values():
            with_acr = [k for k in keys if any(is_acronym(w) for w in orgs[k].split())]
            without = [k for k in keys if k not in with_acr]
            if with_acr and len(without) == 1:
                for k in with_acr:
                    uf.union(k, without[0])
                    notes[k].append(f"'{orgs[k]}' is '{orgs[without[0]]}' with its first words abbreviated")
        # acronyms: defined in a text, else by initials across the corpus
        for key, name in sorted(orgs.items()):
            if not is_acronym(name):
                continue
            low = name.lower()
            if low in acronym_defs:
                uf.union(key, acronym_defs[low])
                notes[key].append(
                    f"acronym {name} defined in a report for {orgs.get(acronym_defs[low], '?')}"
                )
                continue
            matches = sorted(
                k for k, n in orgs.items() if k != key and len(n.split()) >= 2 and signature(n) == name
            )
            if len({uf.find(k) for k in matches}) == 1:
                uf.union(key, matches[0])
                notes[key].append(f"acronym {name} read as the initials of {orgs[matches[0]]}")
            elif not matches and len(council_sigs.get(name, set())) == 1:
                # "SBC" in one set of minutes, "Scottish Borders Council" in another: the
                # only council the corpus names with those initials
                (council_key,) = council_sigs[name]
                uf.union(key, council_key)
                notes[key].append(
                    f"acronym {name} read as the initials of the only council so named in the "
                    f"corpus ({council_key.split(':', 1)[1]})"
                )
        # renamed bodies: same head noun, one name's words within the other's; a
        # nation after the name is not part of it ("X Council" / "X Council England")
        def words(key: str) -> list[str]:
            ws = [w for w in key.split(":", 1)[1].split() if w not in {"lga", "and"}]
            return ws[:-1] if len(ws) > 2 and ws[-1] in NATION_WORDS else ws

        okeys = sorted(orgs)
        for a in okeys:
            wa = words(a)
            for b in okeys:
                if a >= b:
                    continue
                wb = words(b)
                if len(wa) < 2 or len(wb) < 2 or wa[-1] != wb[-1]:
                    continue
                small, big = (wa, wb) if len(wa) <= len(wb) else (wb, wa)
                if set(small) < set(big) or set(small) == set(big):
                    uf.union(a, b)
                    notes[a].append(
                        f"'{orgs[a]}' and '{orgs[b]}' taken as one body (one name's words within "
                        f"the other's, same head '{wa[-1]}')"
                    )
        # programmes: with or without the head, or with a dropped middle word
        pkeys = sorted(names_by_type[PROGRAMME])
        for a in pkeys:
            wa = a.split(":", 1)[1].split()
            for b in pkeys:
                if a >= b:
                    continue
                wb = b.split(":", 1)[1].split()
                small, big = (wa, wb) if len(wa) <= len(wb) else (wb, wa)
                if len(small) < 2 and not (
                    len(small) == 1 and small[0] not in PROGRAMME_HEADS and len(big) <= 2
                ):
                    continue
                if big[: len(small)] == small or (
                    _subsequence(small, big) and small[0] == big[0] and small[-1] == big[-1]
                ):
                    uf.union(a, b)
                    names = names_by_type[PROGRAMME]
                    notes[a].append(
                        f"'{names[a]}' and '{names[b]}' taken as one programme (one name extends the other)"
                    )

    # -- the entity record for a cluster
    def _entity(self, members: list[tuple[str, int, Mention]], used_ids: set[str]) -> Entity:
        types = Counter(m.type for _, _, m in members if m.rule != "chair-pronoun")
        etype = types.most_common(1)[0][0] if types else members[0][2].type
        if any(m.type == COUNCIL for _, _, m in members):
            etype = COUNCIL
        names = [m.name for _, _, m in members if m.type == etype and m.rule != "chair-pronoun"] or [
            m.name for _, _, m in members
        ]
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
            base = slug(label)
        prefix = {PERSON: "person", COUNCIL: "council", ORGANISATION: "organisation", PROGRAMME: "programme"}[
            etype
        ]
        ident = f"{prefix}/{base}"
        n = 2
        while ident in used_ids:
            ident = f"{prefix}/{base}-{n}"
            n += 1
        used_ids.add(ident)
        alts = {fold(m.text).strip() for _, _, m in members if m.rule != "chair-pronoun"}
        alts |= {m.name for _, _, m in members if m.rule != "chair-pronoun"}
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
