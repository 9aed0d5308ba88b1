"""Relation stage: who worked with whom, who took part in which programme,
who holds which role.

The spaCy component ``bg_relations`` reads the parse around the mentions that
``bg_entities`` found and writes candidates to ``doc._.bg_relations`` and
``doc._.bg_roles`` (plain dicts, so Docs can cross process boundaries).
:func:`relate` turns candidates into :class:`Relation` and :class:`Role`
records between resolved entities, after resolution.

Being named in the same sentence is not working together: a collaboration
needs a comitative construction ("met with", "in conjunction with", "along
with", "working with"), a coordinated group acting together ("X, Y and I
endorsed"), or a meeting verb with its object.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from boardgraph.model import (
    COUNCIL,
    ORGANISATION,
    PARTICIPATES,
    PERSON,
    PROGRAMME,
    WORKED_WITH,
    ExtractedReport,
    Relation,
    Role,
)
from boardgraph.names import PEOPLE_NOUNS, PLURAL_TITLES, ROLE_WORDS

SPAN_KEY = "bg"

# Words that head a "with" phrase meaning joint action.
COMITATIVE_HEADS = frozenset(
    {
        "meet",
        "met",
        "meeting",
        "work",
        "working",
        "worked",
        "collaborate",
        "collaboration",
        "partner",
        "partnership",
        "conjunction",
        "along",
        "together",
        "jointly",
        "alongside",
        "liaise",
        "liaising",
        "engage",
        "engaging",
        "cooperate",
        "co-operate",
        "cooperation",
        "campaign",
        "campaigning",
        "join",
        "speak",
        "spoke",
        "talk",
        "talks",
        "discussion",
        "discussions",
        "discuss",
        "session",
        "roundtable",
        "co-chair",
        "co-host",
        "team",
        "closely",
    }
)
# Adverbs that make an action joint: "runs jointly with", "are working together".
JOINT_ADVERBS = frozenset({"jointly", "together"})
# Verbs whose object is met in person: "I joined Cllr X at the launch".
MEETING_OBJECT_VERBS = frozenset({"meet", "join", "accompany"})
# Heads for which "with" is not company: "agree with", "provide X with Y", "pleased with".
NON_COMITATIVE_HEADS = frozenset(
    {"agree", "disagree", "compare", "deal", "contrast", "provide", "present", "supply", "furnish", "credit",
     "charge", "replace", "associate", "familiar", "concern", "please", "disappoint", "satisfy", "comply",
     "consistent", "line", "accord", "equip", "fill", "cope", "struggle", "identify", "correspond"}
)
# Verbs by which a group acts together when several of them are its subject.
GROUP_ACTION_EXCLUDE = frozenset({"be", "have", "receive", "attend", "contact", "thank"})
PARTICIPATION_TRIGGERS = frozenset(
    {
        "select",
        "choose",
        "shortlist",
        "join",
        "participate",
        "part",
        "pilot",
        "run",
        "deliver",
        "lead",
        "organise",
        "organize",
        "host",
        "sign",
        "bid",
        "apply",
        "enrol",
        "enroll",
        "win",
        "award",
        "involve",
        "chosen",
        "selected",
        "successful",
        "partner",
        "fund",
        "commission",
        "launch",
        "trial",
        "test",
        "adopt",
        "implement",
        "sponsor",
        "support",
        "take",
        "become",
    }
)
# Lower-case nouns by which a sentence refers back to a programme ("joined the campaign").
PROGRAMME_NOUNS = frozenset(
    {"programme", "programmes", "campaign", "scheme", "initiative", "pilot", "project"}
)
AGENT_TYPES = {PERSON, ORGANISATION, COUNCIL}
MEMBER_TYPES = {ORGANISATION, COUNCIL}


@Language.factory("bg_relations")
def make_relations(nlp: Language, name: str) -> RelationFinder:
    return RelationFinder()


def _root(span: Span) -> Token:
    return span.root


def _sentence_span(sent: Span) -> list[int]:
    text = sent.text
    lead = len(text) - len(text.lstrip())
    trail = len(text) - len(text.rstrip())
    return [sent.start_char + lead, sent.end_char - trail]


class RelationFinder:
    def __call__(self, doc: Doc) -> Doc:
        spans = list(doc.spans[SPAN_KEY]) if SPAN_KEY in doc.spans else []
        token_mention: dict[int, int] = {}
        for idx, s in enumerate(spans):
            for t in s:
                token_mention[t.i] = idx
        relations: list[dict] = []
        roles: list[dict] = []
        by_sent: dict[int, list[int]] = {}
        for idx, s in enumerate(spans):
            by_sent.setdefault(s.sent.start, []).append(idx)
        previous: list[int] = []  # the programmes of the sentence before
        for sent in doc.sents:
            idxs = by_sent.get(sent.start, [])
            if idxs:
                relations += self._comitative(doc, sent, spans, idxs, token_mention)
                relations += self._groups(doc, sent, spans, idxs, token_mention)
                relations += self._listed_subject(doc, sent, spans, idxs, token_mention)
                relations += self._participation(doc, sent, spans, idxs, token_mention, previous)
                relations += self._owners(doc, sent, spans, idxs, token_mention)
                roles += self._appositive_roles(doc, sent, spans, idxs, token_mention)
            if sent.text.strip():
                previous = [m for m in idxs if spans[m].label_ == PROGRAMME]
        doc._.bg_relations = _dedupe(relations)
        doc._.bg_roles = roles
        return doc

    # -- helpers over the parse
    @staticmethod
    def _mentions_in(tokens: Iterable[Token], token_mention: dict[int, int]) -> list[int]:
        seen: list[int] = []
        for t in tokens:
            m = token_mention.get(t.i)
            if m is not None and m not in seen:
                seen.append(m)
        return seen

    @staticmethod
    def _people_after(tok: Token, spans: list[Span], tm: dict[int, int]) -> list[int]:
        """People listed right after ``tok`` ("with Cllr A, Cllr B and Sir C MP")."""
        doc = tok.doc
        out: list[int] = []
        i = tok.i + 1
        while i < len(doc) and i < tok.sent.end:
            m = tm.get(i)
            if m is not None and spans[m].label_ == PERSON and spans[m].start == i:
                out.append(m)
                i = spans[m].end
                continue
            if out and doc[i].lower_ in {",", "and", "&"}:
                i += 1
                continue
            if not out and doc[i].lower_ in {"the", "fellow", "my", "our"}:
                i += 1
                continue
            break
        return out

    def _phrase_agents(self, head: Token, spans: list[Span], token_mention: dict[int, int]) -> list[int]:
        """Agents in the phrase headed by ``head``, without appositions and clauses.

        "Jo Bloggs MP, Parliamentary Under Secretary of State, Department for …"
        is one person: the department is his role, not a second party.
        """
        keep: list[Token] = []
        # "officials from the X Unit", "representatives of Y": the people stand for their body
        represented: list[Token] = []
        # "the Minister for X, Jo Bloggs MP": a role named first, the person in apposition
        role_holders: list[Token] = []

        def walk(tok: Token) -> None:
            keep.append(tok)
            for child in tok.children:
                if child.dep_ == "appos" and tok.lower_ in ROLE_WORDS and tok.i not in token_mention:
                    role_holders.extend(child.subtree)
                if (
                    child.dep_ == "prep"
                    and child.lower_ in {"from", "of"}
                    and tok.lower_ in PEOPLE_NOUNS
                    and tok.i not in token_mention
                ):
                    represented.extend(t for o in child.children if o.dep_ == "pobj" for t in o.subtree)
                    continue
                if child.dep_ in {
                    "appos",
                    "relcl",
                    "acl",
                    "advcl",
                    "prep",
                    "punct",
                    "cc",
                    "det",
                    "amod",
                    "prt",
                } and not (child.dep_ == "prep" and child.lower_ in {"of"} and tok.i in token_mention):
                    if (
                        child.dep_ == "prep"
                        and child.head.i in token_mention
                        and token_mention.get(child.i) == token_mention.get(child.head.i)
                    ):
                        walk(child)
                    continue
                walk(child)

        walk(head)
        found = [
            m
            for m in self._mentions_in(sorted(keep, key=lambda t: t.i), token_mention)
            if spans[m].label_ in AGENT_TYPES
        ]
        if not found:
            found = [m for m in self._mentions_in(sorted(role_holders, key=lambda t: t.i), token_mention)
                     if spans[m].label_ == PERSON]
        # A person's appended role ("Councillor X, the Y Board Chair") is not another party:
        # when the phrase names people, bodies in it are their roles.
        if any(spans[m].label_ == PERSON for m in found):
            found = [m for m in found if spans[m].label_ == PERSON]
        bodies = [
            m
            for m in self._mentions_in(sorted(represented, key=lambda t: t.i), token_mention)
            if spans[m].label_ in MEMBER_TYPES
        ]
        return list(dict.fromkeys(found + bodies))

    def _subject_agents(self, verb: Token, spans: list[Span], token_mention: dict[int, int]) -> list[int]:
        for tok in [verb, *verb.ancestors]:
            subjects = [c for c in tok.children if c.dep_ in {"nsubj", "nsubjpass", "csubj"}]
            if subjects:
                out: list[int] = []
                for s in subjects:
                    out += self._phrase_agents(s, spans, token_mention)
                return out
            if tok.dep_ not in {
                "xcomp",
                "conj",
                "advcl",
                "pcomp",
                "prep",
                "pobj",
                "ccomp",
                "acl",
                "advmod",
                "npadvmod",
            }:
                break
        return []

    def _passive_agents(self, tok: Token, spans: list[Span], token_mention: dict[int, int]) -> list[int]:
        """ "run by the LGA in partnership with X": the agent of the passive verb above."""
        for anc in [tok, *tok.ancestors]:
            agents = [c for c in anc.children if c.dep_ == "agent"]
            if agents:
                out: list[int] = []
                for a in agents:
                    for o in a.children:
                        out += self._phrase_agents(o, spans, token_mention)
                return out
            if anc.pos_ in {"VERB", "AUX"}:
                break
        return []

    # -- "met with X", "in conjunction with X", "working with X", "along with X"
    def _comitative(
        self, doc: Doc, sent: Span, spans: list[Span], idxs: list[int], tm: dict[int, int]
    ) -> list[dict]:
        out: list[dict] = []
        for tok in sent:
            partners: list[int] = []
            governor: Token | None = None
            trigger = ""
            if tok.lower_ in {"with", "alongside"} and tok.dep_ in {"prep", "advmod", "cc"}:
                head = tok.head
                if head.lemma_.lower() in NON_COMITATIVE_HEADS or head.pos_ == "ADJ":
                    continue
                objects = [c for c in tok.children if c.dep_ in {"pobj", "dobj"}]
                for o in objects:
                    partners += self._phrase_agents(o, spans, tm)
                # the parser loses odd surnames ("Cllr Ann Pike" as an interjection):
                # the people written straight after "with" are the partners
                partners = partners or self._people_after(tok, spans, tm)
                # "which the LGA runs jointly with X": the adverb makes any verb joint
                joint = any(c.lower_ in JOINT_ADVERBS for c in head.children)
                comitative = joint or {head.lemma_.lower(), head.lower_} & COMITATIVE_HEADS
                # "hosted a roundtable with Cllr X": with a named person, "with" is company
                if not comitative and not any(spans[m].label_ == PERSON for m in partners):
                    continue
                governor = head
                trigger = f"{head.text} {tok.text}"
            elif tok.lemma_ in MEETING_OBJECT_VERBS and tok.pos_ == "VERB":
                objects = [c for c in tok.children if c.dep_ == "dobj"]
                for o in objects:
                    partners += self._phrase_agents(o, spans, tm)
                # "Along with X, I met Y": X met Y too
                for c in tok.children:
                    if c.lower_ in {"along", "together"}:
                        for w in c.children:
                            if w.lower_ == "with":
                                for o in w.children:
                                    partners += self._phrase_agents(o, spans, tm)
                governor = tok
                trigger = tok.text
            if not partners or governor is None:
                continue
            # "I hosted a roundtable with X": the event's host is the verb's subject
            event_object = governor.pos_ == "NOUN" and governor.dep_ in {"dobj", "attr"}
            anchor = governor.head if event_object else governor
            subjects = self._subject_agents(anchor, spans, tm) or self._passive_agents(anchor, spans, tm)
            # "I, along with X, …": the phrase "along with" hangs off the first party
            for anc in tok.ancestors:
                m = tm.get(anc.i)
                if m is not None and spans[m].label_ in AGENT_TYPES:
                    subjects.insert(0, m)
                    break
                if anc.pos_ in {"VERB", "AUX"}:
                    break
            parties = list(dict.fromkeys(subjects + partners))
            if len(parties) >= 2:
                out.append(
                    {
                        "kind": WORKED_WITH,
                        "args": parties,
                        "trigger": trigger,
                        "sentence": _sentence_span(sent),
                        "rule": "comitative",
                    }
                )
        return out

    # -- "Councillors A, B, C and I were pleased to endorse …"
    def _groups(
        self, doc: Doc, sent: Span, spans: list[Span], idxs: list[int], tm: dict[int, int]
    ) -> list[dict]:
        out: list[dict] = []
        for tok in sent:
            if tok.pos_ not in {"VERB", "AUX"} or (tok.lemma_ in GROUP_ACTION_EXCLUDE and tok.dep_ != "ROOT"):
                continue
            # "A and B are members of X" is a state; "A and B were pleased to endorse" an act
            if tok.lemma_ in {"be", "have"} and not any(
                t.dep_ == "xcomp" and t.pos_ == "VERB" for t in tok.subtree
            ):
                continue
            subjects = [c for c in tok.children if c.dep_ in {"nsubj", "nsubjpass"}]
            for subj in subjects:
                group = [
                    subj,
                    *[
                        t
                        for t in subj.subtree
                        if t.dep_ == "conj" and t.head.i in {x.i for x in subj.subtree}
                    ],
                ]
                members = self._mentions_in(sorted(group, key=lambda t: t.i), tm)
                # a plural title list ("Councillors A, B and C") parses as one phrase
                members = list(
                    dict.fromkeys(
                        members
                        + [m for m in self._mentions_in(subj.subtree, tm) if spans[m].label_ == PERSON]
                    )
                )
                people = [m for m in members if spans[m].label_ == PERSON]
                # "The X Agency and the LGA are working together": bodies act jointly too
                if any(c.lower_ in JOINT_ADVERBS for c in tok.children):
                    people = [m for m in members if spans[m].label_ in AGENT_TYPES]
                if len(people) >= 2:
                    out.append(
                        {
                            "kind": WORKED_WITH,
                            "args": people,
                            "trigger": _action_of(tok),
                            "sentence": _sentence_span(sent),
                            "rule": "joint-subject",
                        }
                    )
        return out

    # -- "Cllr A, the Board's Vice Chair, and I jointly wrote …", read off the surface
    def _listed_subject(
        self, doc: Doc, sent: Span, spans: list[Span], idxs: list[int], tm: dict[int, int]
    ) -> list[dict]:
        """People listed at the head of a sentence and then a verb act together.

        The parser often misreads such lists ("Councillors A, B and I gave
        evidence" parsed with "A" as the root), so the list is read as text: person
        mentions separated by commas, "and", or an apposition naming a role.
        """
        if sum(spans[m].label_ == PERSON for m in idxs) < 2:
            return []
        i = sent.start
        while i < sent.end and (doc[i].is_space or doc[i].is_punct or doc[i].lower_ in PLURAL_TITLES):
            i += 1
        members: list[int] = []
        while i < sent.end:
            m = tm.get(i)
            if m is None or spans[m].label_ != PERSON or spans[m].start != i:
                break
            members.append(m)
            i = j = spans[m].end
            if j < sent.end and doc[j].text == ",":
                k = j + 1
                # the apposition may name the role's body: ", Chairman of the X Board,"
                while k < sent.end and k - j <= 10 and doc[k].text != "," and (
                    tm.get(k) is None or spans[tm[k]].label_ != PERSON
                ):
                    k += 1
                role = any(t.lower_ in ROLE_WORDS for t in doc[j + 1 : k])
                if k < sent.end and doc[k].text == "," and role:
                    j = k  # ", the Board's Vice Chair,"
                j += 1
            if j < sent.end and doc[j].lower_ in {"and", "&"}:
                j += 1
            if j == i:
                break
            i = j
        if len(members) < 2:
            return []
        k = i
        while k < sent.end and doc[k].pos_ == "ADV":
            k += 1
        if k >= sent.end or doc[k].pos_ not in {"VERB", "AUX"} or doc[k].tag_ in {"VBG", "VBN"}:
            return []
        verb = doc[k]
        if verb.lemma_ in GROUP_ACTION_EXCLUDE:
            # "were pleased to endorse": the action is the verb after "to"
            rest = doc[k + 1 : min(k + 5, sent.end)]
            if verb.lemma_ not in {"be", "have"} or not any(
                t.lower_ == "to" and t.i + 1 < sent.end and doc[t.i + 1].pos_ == "VERB" for t in rest
            ):
                return []
        return [
            {
                "kind": WORKED_WITH,
                "args": members,
                "trigger": verb.lemma_,
                "sentence": _sentence_span(sent),
                "rule": "listed-subject",
            }
        ]

    # -- councils and bodies in programmes
    def _participation(
        self,
        doc: Doc,
        sent: Span,
        spans: list[Span],
        idxs: list[int],
        tm: dict[int, int],
        previous: list[int] | None = None,
    ) -> list[dict]:
        programmes = [m for m in idxs if spans[m].label_ == PROGRAMME]
        triggers = [
            t
            for t in sent
            if t.lemma_.lower() in PARTICIPATION_TRIGGERS and t.pos_ in {"VERB", "NOUN", "ADJ"}
        ]
        if not programmes and previous and self._refers_back(sent, bool(triggers)):
            # "… has selected ten projects. They include X and Y": the programme of the
            # sentence before
            programmes = list(previous)
            triggers = triggers or [t for t in sent if t.lemma_ == "include"]
        if not programmes or not triggers:
            return []
        members: list[int] = [m for m in idxs if spans[m].label_ == COUNCIL]
        for trig in triggers:
            subj = self._subject_agents(trig, spans, tm)
            members += [m for m in subj if spans[m].label_ in MEMBER_TYPES]
            # "organised by X" (passive agent), "working with X to pilot …"
            for child in trig.children:
                if child.dep_ == "agent":
                    for o in child.children:
                        members += [
                            m for m in self._phrase_agents(o, spans, tm) if spans[m].label_ in MEMBER_TYPES
                        ]
            # "which the LGA runs jointly with X", "run … in partnership with X"
            near = [trig, *(o for c in trig.children if c.dep_ == "prep" for o in c.children)]
            for tok in near:
                joint = tok.lemma_.lower() in COMITATIVE_HEADS or any(
                    c.lower_ in JOINT_ADVERBS for c in tok.children
                )
                withs = [c for c in tok.children if c.lower_ == "with"] if joint else []
                for o in (o for w in withs for o in w.children):
                    agents = self._phrase_agents(o, spans, tm)
                    members += [m for m in agents if spans[m].label_ in MEMBER_TYPES]
            for anc in trig.ancestors:
                for child in anc.children:
                    if child.lower_ == "with" and anc.lemma_.lower() in COMITATIVE_HEADS:
                        for o in child.children:
                            members += [
                                m
                                for m in self._phrase_agents(o, spans, tm)
                                if spans[m].label_ in MEMBER_TYPES
                            ]
        members = [m for m in dict.fromkeys(members) if m not in programmes]
        out = []
        for member, prog in itertools.product(members, programmes):
            out.append(
                {
                    "kind": PARTICIPATES,
                    "args": [member, prog],
                    "trigger": triggers[0].text,
                    "sentence": _sentence_span(sent),
                    "rule": "participation",
                }
            )
        return out

    @staticmethod
    def _refers_back(sent: Span, triggered: bool) -> bool:
        """ "They include …", "… have joined the campaign": the sentence speaks of a
        programme named just before."""
        words = [t for t in sent if not t.is_space and not t.is_punct]
        if not words:
            return False
        if words[0].lower_ in {"they", "these", "those"} and any(t.lemma_ == "include" for t in words[1:3]):
            return True
        return triggered and any(
            t.lower_ in PROGRAMME_NOUNS and t.text.islower() and t.nbor(-1).lower_ in {"the", "this"}
            for t in words
            if t.i > 0
        )

    # -- "VisitEngland's X campaign": a body runs its own programme
    def _owners(
        self, doc: Doc, sent: Span, spans: list[Span], idxs: list[int], tm: dict[int, int]
    ) -> list[dict]:
        out: list[dict] = []
        for m in idxs:
            if spans[m].label_ != PROGRAMME:
                continue
            k = spans[m].start - 1
            while k > sent.start and doc[k].text.strip("*_\"'\u2018\u201c") == "":
                k -= 1
            if doc[k].text not in {"'s", "\u2019s"} or k == sent.start:
                continue
            owner = tm.get(k - 1)
            if owner is not None and spans[owner].label_ in MEMBER_TYPES:
                out.append(
                    {
                        "kind": PARTICIPATES,
                        "args": [owner, m],
                        "trigger": doc[k].text,
                        "sentence": _sentence_span(sent),
                        "rule": "programme-owner",
                    }
                )
        return out

    # -- "Cllr X, the Board's Vice Chair, …"
    def _appositive_roles(
        self, doc: Doc, sent: Span, spans: list[Span], idxs: list[int], tm: dict[int, int]
    ) -> list[dict]:
        out: list[dict] = []
        for m in idxs:
            if spans[m].label_ != PERSON:
                continue
            # the parser may split one apposition in two ("Vice" / "Chair" around a hyphen)
            appos = [c for c in spans[m].root.children if c.dep_ == "appos"]
            tokens = sorted({t for c in appos for t in c.subtree}, key=lambda t: t.i)
            words = [t for t in tokens if not t.is_punct]
            if not any(t.lower_ in ROLE_WORDS for t in words):
                continue
            orgs = [x for x in self._mentions_in(words, tm) if spans[x].label_ in MEMBER_TYPES]
            role = self._role_phrase(doc, tokens, tm)
            if role:
                out.append(
                    {
                        "person": m,
                        "role": role,
                        "organisation": orgs[0] if orgs else None,
                        "sentence": _sentence_span(sent),
                    }
                )
        return out

    @staticmethod
    def _role_phrase(doc: Doc, tokens: list[Token], tm: dict[int, int]) -> str:
        """The office itself, around its first role word: "Parliamentary Under Secretary of
        State", "Policy Officer", "the Board's Vice Chair" → "Vice Chair".

        At most two title-case modifiers before it (not a person's name, not
        initials), role words after it, and an "of/for X" complement; a body
        named in the phrase is the organisation, not part of the role.
        """
        inside = {t.i for t in tokens}

        def free(i: int) -> bool:
            return i in inside and tm.get(i) is None

        first = next(t for t in tokens if t.lower_ in ROLE_WORDS)
        s = first.i
        modifiers = 0
        while free(s - 1) and modifiers < 2:
            p = doc[s - 1]
            if p.lower_ in ROLE_WORDS:
                s -= 1
                continue
            if p.is_alpha and p.text[:1].isupper() and not p.text.isupper() and p.ent_type_ != "PERSON":
                s -= 1
                modifiers += 1
                continue
            break
        e = first.i + 1
        while free(e):
            t = doc[e]
            if t.lower_ in ROLE_WORDS:
                e += 1
            elif t.text == "-" and e + 1 < len(doc) and doc[e + 1].lower_ in ROLE_WORDS:  # "Vice-Chair"
                e += 2
            elif t.lower_ in {"of", "for"} and free(e + 1) and doc[e + 1].text[:1].isupper():
                e += 2
                while free(e) and (
                    (doc[e].text[:1].isupper() and doc[e].is_alpha)
                    or (doc[e].lower_ in {"and", "&"} and free(e + 1) and doc[e + 1].text[:1].isupper())
                ):
                    e += 1
                break
            else:
                break
        while e > s + 1 and doc[e - 1].lower_ in {"and", "&", "of", "for"}:
            e -= 1
        return " ".join(doc[s:e].text.split())


def _action_of(verb: Token) -> str:
    """The verb that says what a group did: "were pleased to endorse" → "endorse"."""
    while verb.lemma_ in {"be", "have", "help"} or any(c.dep_ == "acomp" for c in verb.children):
        nxt = next((t for t in verb.subtree if t.dep_ == "xcomp" and t.pos_ == "VERB"), None)
        if nxt is None:
            break
        verb = nxt
    return verb.lemma_


def _dedupe(relations: list[dict]) -> list[dict]:
    seen = set()
    out = []
    for r in relations:
        key = (
            r["kind"],
            tuple(sorted(r["args"])) if r["kind"] == WORKED_WITH else tuple(r["args"]),
            tuple(r["sentence"]),
        )
        if key in seen:
            continue
        seen.add(key)
        out.append(r)
    return out


# ------------------------------------------------------------ after resolution


def relate(
    reports: list[ExtractedReport], mention_entity: dict[tuple[str, int], str], entity_types: dict[str, str]
) -> tuple[list[Relation], list[Role]]:
    """Relations and roles between resolved entities, one per (kind, parties, sentence)."""
    relations: list[Relation] = []
    roles: list[Role] = []
    for rep in reports:
        rid = rep.document.identifier
        text = rep.document.text
        seen: set[tuple] = set()
        for cand in rep.relations:
            ents = [mention_entity.get((rid, a)) for a in cand.args]
            if any(e is None for e in ents):
                continue
            parts = tuple(dict.fromkeys(e for e in ents if e is not None))
            if cand.kind == WORKED_WITH:
                parts = tuple(sorted(parts))
                if len(parts) < 2:
                    continue
            elif len(parts) != 2 or entity_types.get(parts[1]) != PROGRAMME:
                continue
            key = (cand.kind, parts, cand.sentence)
            if key in seen:
                continue
            seen.add(key)
            relations.append(
                Relation(
                    kind=cand.kind,
                    participants=parts,
                    report_id=rid,
                    date=rep.meta.date,
                    trigger=cand.trigger,
                    evidence=cand.sentence,
                    evidence_text=cand.sentence.text(text),
                )
            )
        for role in rep.roles:
            person = mention_entity.get((rid, role.person))
            org = mention_entity.get((rid, role.organisation)) if role.organisation is not None else None
            if person is None:
                continue
            roles.append(
                Role(
                    person=person,
                    role=role.role,
                    organisation=org,
                    report_id=rid,
                    date=rep.meta.date,
                    evidence=role.sentence,
                    evidence_text=role.sentence.text(text),
                )
            )
    return relations, roles
