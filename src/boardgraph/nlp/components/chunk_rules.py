"""What a title-case chunk names, decided by small named rules over one context.

A chunk ("Department for Communities and Local Government", "the Bright Y
programme", "Remembrance Service") goes through :data:`STOP_RULES` first:
any that fires says the chunk names no entity (a generic word, a month, an
agenda item, a thing, an occasion). Then :data:`LABEL_RULES` in order: the
first that fires gives the label and the rule's name. Each rule reads only
the :class:`ChunkContext`, so each can be tested on a hand-built Doc.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from spacy.tokens import Doc, Span, Token

from boardgraph.lexicons import words
from boardgraph.lexicons.names import (
    COUNCIL_TIERS,
    DOCUMENT_HEADS,
    EVENT_HEADS,
    GENERIC_WORDS,
    HONOURS_UPPER,
    MONTHS,
    NAME_CONNECTORS,
    NON_ORG_ACRONYMS,
    ORGANISATION_HEADS,
    PARTIES,
    PROGRAMME_CUES,
    PROGRAMME_HEADS,
    STRONG_TITLES,
    fold,
    initials,
    is_acronym,
    squash,
)
from boardgraph.model import ORGANISATION, PROGRAMME
from boardgraph.nlp.components.chunks import (
    POSSESSIVES,
    TABLE_HEADINGS,
    after_possessive,
    head_word,
    is_generic,
    is_namey,
    strip_role_suffix,
    trim,
    words_of,
)
from boardgraph.nlp.components.lexicon import Lexicon
from boardgraph.nlp.components.programmes import inner_name
from boardgraph.nlp.components.spans import Candidate

MEETING_ITEMS = words("entities_meeting_items")
EVENT_QUALIFIERS = words("entities_event_qualifiers")
THING_QUALIFIERS = words("entities_thing_qualifiers")
FIRM_HEADS = words("entities_firm_heads")
DEPARTMENT_HEADS = words("entities_department_heads")
GOVERNMENT_ADJECTIVES = words("entities_government_adjectives")
NATIONS = frozenset({"england", "wales", "scotland", "uk", "cymru", "ireland", "britain"})
COMPASS = frozenset({"north", "south", "east", "west", "north-east", "north-west", "south-east", "south-west",
                     "northern", "southern", "eastern", "western", "central", "great", "rural", "urban", "-",
                     "the", "of", "and", "midlands"})  # fmt: skip
# Heads that name an occasion when an occasion's word stands before them.
OCCASION_HEADS = frozenset({"service", "services", "party"})
# Words before a document's head that belong to the document, not to the body
# that wrote it ("X Panel for Wales Draft Annual Report").
DOCUMENT_MODIFIERS = frozenset(
    {"draft", "annual", "final", "interim", "quarterly", "monthly", "new", "latest"}
)


@dataclass
class ChunkContext:
    """One chunk and what the rules read about it."""

    doc: Doc
    chunk: Span
    lexicon: Lexicon
    words: list[str]
    core: Span  # the chunk less a role after it ("X Board Chair" → "X Board")
    cwords: list[str]  # the core's words, lower case
    head: str  # the word that says what it is
    cued: bool  # a programme cue follows ("the X programme")
    nxt: str  # the word after the core, as written
    acronym: str | None = None  # "(NAO)" after the name, when it spells the name
    extra: list[Candidate] = field(default_factory=list)

    @property
    def lone_sentence_word(self) -> bool:
        # spaCy leaves is_sent_start None where no sentence boundary was set: not a start
        return len(self.cwords) == 1 and bool(self.doc[self.core.start].is_sent_start)

    @property
    def before(self) -> str:
        return determiner_before(self.doc, self.core.start)


Verdict = tuple[str, str]  # (label, rule)
StopRule = Callable[[ChunkContext], bool]
LabelRule = Callable[[ChunkContext], Verdict | None]


def context(doc: Doc, chunk: Span, lexicon: Lexicon) -> ChunkContext | None:
    words = words_of(chunk)
    if not words:
        return None
    after = doc[chunk.end] if chunk.end < len(doc) else None
    # "the Street Champions scheme": before a programme cue, a role word is the
    # programme's own name, not an office after a body's name
    cued = after is not None and after.lower_ in PROGRAMME_CUES and after.text.islower()
    core = chunk if cued else strip_role_suffix(chunk)
    # "DCLG's Fire Kills campaign": what follows the possessive is what is named
    head = head_word((after_possessive(core) or core) if cued else core)
    nxt = doc[core.end].text if core.end < len(doc) else ""
    return ChunkContext(doc, chunk, lexicon, words, core, words_of(core), head, cued, nxt,
                        acronym=defined_acronym(doc, chunk))  # fmt: skip


def defined_acronym(doc: Doc, chunk: Span) -> str | None:
    """ "National Audit Office (NAO)": the initials in brackets after a name that spell it."""
    e = chunk.end
    if e + 2 < len(doc) and doc[e].text == "(" and doc[e + 2].text == ")" and is_acronym(doc[e + 1].text):
        acr = doc[e + 1].text
        spelled = initials(chunk.text.replace(",", " "))
        # "Department for Business, Innovation and Skills (BIS)": the head word may be left out
        if (spelled.startswith(acr[0]) or spelled[1:] == acr.upper()) and len(acr) >= 2:
            return acr
    return None


def determiner_before(doc: Doc, i: int) -> str:
    """The word before position i, over emphasis marks ("the **X roadshow")."""
    k = i - 1
    while k >= 0 and (doc[k].is_space or doc[k].text.strip("*_\"'\u2018\u201c") == ""):
        k -= 1
    return doc[k].lower_ if k >= 0 else ""


def person_like(span: Span) -> bool:
    return any(e.label_ == "PERSON" for e in span.ents) or any(
        t.lower_ in STRONG_TITLES for t in span.doc[max(0, span.start - 1) : span.start + 1]
    )


# ---------------------------------------------------------------------------
# Stop rules: the chunk names nothing


def generic_name(ctx: ChunkContext) -> bool:
    """ "the Board", "Programme Boards", "Parish Council": no one in particular."""
    return is_generic(ctx.cwords)


def date_words(ctx: ChunkContext) -> bool:
    """ "August Meeting", "Next Meeting", "Annual Report": a date or an edition."""
    # "the Next Horizons programme": before a programme's cue it is the programme's name
    return ctx.cwords[0] in MONTHS or (
        len(ctx.cwords) == 2 and ctx.cwords[0] in {"next", "last", "previous", "annual"} and not ctx.cued
    )


def meeting_item(ctx: ChunkContext) -> bool:
    """ "Open Forum", "Matters Arising": a standing item of the agenda."""
    return " ".join(ctx.cwords) in MEETING_ITEMS


def thing_or_facility(ctx: ChunkContext) -> bool:
    """ "Bottle Bank", "Community Centre", "Village Hall Committee": a thing, or a
    facility of no named place, under a body's head noun."""
    content = [w for w in ctx.cwords if w not in NAME_CONNECTORS]
    return (
        len(content) >= 2
        and content[-1] in ORGANISATION_HEADS
        and all(w in THING_QUALIFIERS for w in content[:-1])
    )


def occasion(ctx: ChunkContext) -> bool:
    """ "Remembrance Service", "Xmas Eve Service", "Coronation Party", "Two Services
    on Palm Sunday": a service or party of an occasion is an event, not a body."""
    if ctx.cwords[-1] in OCCASION_HEADS or ctx.head in OCCASION_HEADS:
        return any(w in EVENT_QUALIFIERS for w in ctx.cwords)
    return any(w in OCCASION_HEADS for w in ctx.cwords) and any(
        w in MONTHS or w.endswith("day") for w in ctx.cwords
    )


def department_of_no_body(ctx: ChunkContext) -> bool:
    """ "Housing Team", "Highways Department": a function's department with no body named."""
    toks = [t for t in ctx.core if t.is_alpha and t.lower_ not in NAME_CONNECTORS]
    cw = [t.lower_ for t in toks]
    return (
        len(cw) >= 2
        and cw[-1] in DEPARTMENT_HEADS
        and all(ctx.lexicon.is_word_token(t) for t in toks[:-1])
        and not any(t.text.isupper() and len(t.text) > 1 for t in ctx.core)
        and " ".join(cw) != "cabinet office"
    )


def shouted_heading(ctx: ChunkContext) -> bool:
    """ "BUDGET REVIEW", "COMMUNITY COUNCIL ORGANISATION": a heading in capitals made
    of ordinary words (a body's name in capitals has a name word: "FENWICK …")."""
    toks = [t for t in ctx.core if t.is_alpha]
    return (
        len(toks) >= 2
        and all(t.text.isupper() for t in toks)
        and all(ctx.lexicon.word_in_capitals(ctx.doc, t) or t.lower_ in COUNCIL_TIERS for t in toks)
    )


def account_line(ctx: ChunkContext) -> bool:
    """ "Balance in Bank", "Total for Year": a table's label, not a name."""
    return len(ctx.cwords) >= 3 and ctx.cwords[0] in TABLE_HEADINGS and ctx.cwords[1] in NAME_CONNECTORS


def acronym_in_name_of_thing(ctx: ChunkContext) -> bool:
    """ "TV Company", "IT Team": a word in capitals that is no body's initials, before a head."""
    return (
        len(ctx.cwords) == 2 and ctx.core[0].text.upper() in NON_ORG_ACRONYMS and ctx.core[0].text.isupper()
    )


STOP_RULES: tuple[StopRule, ...] = (generic_name, date_words, meeting_item, thing_or_facility, occasion,
                                    acronym_in_name_of_thing, department_of_no_body, shouted_heading,
                                    account_line)  # fmt: skip


# ---------------------------------------------------------------------------
# Label rules: the first that fires says what the chunk is


def national_body(ctx: ChunkContext) -> Verdict | None:
    """ "Public Health England", "Sport Wales": national bodies are named for their
    nation ("North East England" is a region, not a body)."""
    cw = ctx.cwords
    if (len(cw) >= 2 and ctx.head in NATIONS and not set(cw[:-1]) <= COMPASS
            and not any(w in NAME_CONNECTORS for w in cw)):  # fmt: skip
        return ORGANISATION, "national-body"
    return None


def friends_group(ctx: ChunkContext) -> Verdict | None:
    """ "Friends of X Park", "Friends of the Y Library": the volunteer groups named for
    what they look after are bodies, whatever the place's head noun says."""
    cw = ctx.cwords
    if len(cw) >= 3 and cw[0] == "friends" and cw[1] == "of":
        return ORGANISATION, "friends-of"
    return None


def lottery_distributor(ctx: ChunkContext) -> Verdict | None:
    """The lottery distributors ("Heritage Lottery Fund") are grant-making bodies."""
    if ctx.head == "fund" and "lottery" in ctx.cwords:
        return ORGANISATION, "head-organisation"
    return None


def programme_head(ctx: ChunkContext) -> Verdict | None:
    """ "… Programme", "… Academy", "… Fund", "… Scheme"."""
    # before a programme's cue ("X Council's Deal for Communities programme") the cue rule
    # reads the name, past any owner
    if ctx.head not in PROGRAMME_HEADS or ctx.cued:
        return None
    # "Grant of Planning Permission", "Review of X": an act named by its head first
    if len(ctx.cwords) > 2 and ctx.cwords[0] == ctx.head and ctx.cwords[1] in {"of", "for", "on"}:
        return "", "act-of"
    return PROGRAMME, "head-programme"


def organisation_head(ctx: ChunkContext) -> Verdict | None:
    """ "… Board", "… Trust", "Employers' …": a body's head noun. Not a gerund's title
    ("Improving Services"); nouns in -ing name what a body deals with ("Housing
    Board") after an article or "of"."""
    head = ctx.head
    if not (head in ORGANISATION_HEADS or head.endswith("'") or head == "employers"):
        return None
    # "the Walk to School campaign": before a programme cue, "to/for <head>" is the
    # programme's own name
    if ctx.cued and len(ctx.cwords) >= 2 and ctx.cwords[-2] in {"to", "for", "at", "in"}:
        return None
    first = ctx.doc[ctx.core.start]
    if first.tag_ == "VBG" or (
        first.lower_.endswith("ing") and len(first.lower_) > 5
        and ctx.before not in {"the", "of", "a", "an", "'s", "\u2019s"}
    ):  # fmt: skip
        return "", "gerund-title"
    return ORGANISATION, "head-organisation"


def government(ctx: ChunkContext) -> Verdict | None:
    """ "the Scottish Government", "HM Government": a government named for its nation."""
    cw = ctx.cwords
    if len(cw) >= 2 and cw[-1] == "government" and all(w in GOVERNMENT_ADJECTIVES for w in cw[:-1]):
        return ORGANISATION, "government"
    return None


def firm_head(ctx: ChunkContext) -> Verdict | None:
    """ "Anglian Water", "Border Buses", "X Landscapes": a firm's or utility's name ends in
    an ordinary word after a name ("Surface Water" is a thing: its first word is ordinary)."""
    cw = ctx.cwords
    if len(cw) < 2 or cw[-1] not in FIRM_HEADS:
        return None
    # "Returned Allotment Deposit X Water", "Jo for X Housing": the firm's name is the
    # run of name words before the head
    k = ctx.core.end - 1
    while k > ctx.core.start and _name_word(ctx, ctx.doc[k - 1]):
        k -= 1
    if ctx.core.start < k < ctx.core.end - 1:
        ctx.core = ctx.doc[k : ctx.core.end]
    first = ctx.core[0]
    if (
        ctx.lexicon.is_word_token(first, plurals=False)
        or first.lower_ in GENERIC_WORDS | THING_QUALIFIERS
        or ctx.lexicon.is_given_name(first.text)
        or len(first.text.rstrip(".")) == 1  # "Mr J Smith Maintenance": a payee, not a firm
    ):
        return None
    return ORGANISATION, "firm-head"


def _name_word(ctx: ChunkContext, tok: Token) -> bool:
    """A capitalised word that is part of a name: not a connector, an ordinary word
    or someone's given name."""
    return (
        tok.is_alpha
        and tok.text[:1].isupper()
        and tok.lower_ not in NAME_CONNECTORS
        and not ctx.lexicon.is_word_token(tok)
        and not ctx.lexicon.is_given_name(tok.text)
    )


def cue_programme(ctx: ChunkContext) -> Verdict | None:
    """ "the Effective X programme", "the LGG's Leadership programmes": named before a cue,
    after any possessive; "the Community Council's initiative" names only the owner."""
    nxt = ctx.nxt
    if not (nxt and nxt.lower() in PROGRAMME_CUES) or ctx.lone_sentence_word:
        return None
    core = after_possessive(ctx.core)
    if core is None or is_generic(words_of(core)) or core[-1].text in POSSESSIVES:
        return "", "owner-only"
    ctx.core = _name_over_article_phrase(core)
    return PROGRAMME, "cue-programme"


def _name_over_article_phrase(core: Span) -> Span:
    """ "the Design in the Public Sector programme": a programme's name may hold "in the",
    which ends a chunk; the capitalised words before it, after an article, belong to it."""
    doc, s = core.doc, core.start
    if s < 4 or doc[s - 1].lower_ != "the" or doc[s - 2].lower_ not in {"in", "for", "on", "of"}:
        return core
    k = s - 2
    while (
        k > s - 5
        and is_namey(doc[k - 1])
        and doc[k - 1].lower_ != "the"
        and "\n" not in doc[k - 1].whitespace_
    ):
        k -= 1
    if k == s - 2 or k == 0 or doc[k - 1].lower_ not in {"the", "a", "our", "its", "their"}:
        return core
    return doc[k : core.end]


def event_cue_programme(ctx: ChunkContext) -> Verdict | None:
    """ "the X roadshow": X names the campaign the event belongs to, unless X is a
    body ("the LGA annual conference") or an edition."""
    nxt = ctx.nxt
    if (
        not nxt
        or nxt.lower() not in EVENT_HEADS
        or not nxt.islower()
        or ctx.lone_sentence_word
        or ctx.before not in {"the", "'s", "\u2019s", "this", "our", "their"}
    ):
        return None
    if any(w in ORGANISATION_HEADS or w in {"annual", "national", "regional"} for w in ctx.cwords) or any(
        is_acronym(t.text) for t in ctx.core
    ):
        return "", "body-event"
    return PROGRAMME, "event-cue-programme"


def possessive_organisation(ctx: ChunkContext) -> Verdict | None:
    """ "Housing North's approach": a body that owns something."""
    if (
        ctx.nxt in {"'s", "\u2019s"}
        and len(ctx.cwords) >= 2
        and not person_like(ctx.core)
        and any(w in GENERIC_WORDS | ORGANISATION_HEADS for w in ctx.cwords)
    ):
        return ORGANISATION, "possessive-organisation"
    return None


LABEL_RULES: tuple[LabelRule, ...] = (
    friends_group,
    national_body,
    lottery_distributor,
    government,
    programme_head,
    organisation_head,
    firm_head,
    cue_programme,
    event_cue_programme,
    possessive_organisation,
)


# ---------------------------------------------------------------------------
# Chunks that are not classified by the rules above


def party(ctx: ChunkContext) -> list[Candidate] | None:
    name = PARTIES.get(" ".join(ctx.words))
    if name is None:
        return None
    return [Candidate(ctx.chunk.start, ctx.chunk.end, ORGANISATION, "party", 70, name)]


def lone_acronym(ctx: ChunkContext) -> list[Candidate] | None:
    """A single word in capitals is a body's initials unless it is an ordinary word,
    an honour or a known non-body acronym. One never expanded and seen once is still
    kept: reports name bodies by bare initials all the time, and nothing in one
    mention tells a body's initials from a scheme's."""
    chunk = ctx.chunk
    if len(chunk) != 1 or not is_acronym(chunk.text):
        return None
    text = chunk.text
    if (
        len(text) >= 3
        and text.upper() not in NON_ORG_ACRONYMS
        and text.upper() not in HONOURS_UPPER
        and not ctx.lexicon.word_in_capitals(ctx.doc, chunk[0])
    ):
        return [Candidate(chunk.start, chunk.end, ORGANISATION, "acronym", 60, text)]
    return []


def named_occasion(ctx: ChunkContext) -> list[Candidate] | None:
    """ "X Panel for Wales Draft Annual Report", "Bank of Y Accounts": a document or
    event of a body names the body; "the Bright Y Camp" names a programme (kept
    only if the report names it)."""
    heads = EVENT_HEADS | DOCUMENT_HEADS
    if ctx.head not in heads and not (ctx.cwords[-1] in heads and ctx.head in ORGANISATION_HEADS):
        return None
    doc, core = ctx.doc, ctx.core
    e = core.end
    while e > core.start and (doc[e - 1].lower_ in DOCUMENT_HEADS | EVENT_HEADS | DOCUMENT_MODIFIERS):
        e -= 1
    owner = trim(doc[core.start : e]) if e > core.start else None
    if owner is not None and owner.end < core.end and len(words_of(owner)) >= 2:
        owner_ctx = context(doc, owner, ctx.lexicon)
        if (
            owner_ctx is not None
            and owner_ctx.head in ORGANISATION_HEADS
            and not any(r(owner_ctx) for r in STOP_RULES)
        ):
            return [
                Candidate(
                    owner.start, owner.end, ORGANISATION, "body-of-document", 65, squash(fold(owner.text))
                )
            ]
    inner = inner_name(core)
    if inner is not None:
        return [Candidate(inner.start, inner.end, PROGRAMME, "event-of", 30, squash(fold(inner.text)))]
    return []


def classify_chunk(doc: Doc, chunk: Span, lexicon: Lexicon) -> list[Candidate]:
    """The candidates a title-case chunk yields: none, or one (and its possessor)."""
    ctx = context(doc, chunk, lexicon)
    if ctx is None:
        return []
    for special in (party, lone_acronym):
        found = special(ctx)
        if found is not None:
            return found
    if any(stop(ctx) for stop in STOP_RULES):
        return []
    found = named_occasion(ctx)
    if found is not None:
        return found
    for rule in LABEL_RULES:
        verdict = rule(ctx)
        if verdict is not None:
            break
    else:
        return []
    label, rule_name = verdict
    if not label or (len(ctx.cwords) == 1 and ctx.cwords[0] in PROGRAMME_HEADS | ORGANISATION_HEADS):
        return []
    core = ctx.core
    out = [
        Candidate(core.start, core.end, label, rule_name, 70, squash(fold(core.text)), acronym=ctx.acronym)
    ]
    return out + possessor(doc, core)


def possessor(doc: Doc, core: Span) -> list[Candidate]:
    """ "South East Employers' Local … Network": the possessor is a body too (nested)."""
    for t in core:
        # "Association of Directors of Children's Services": one word after the
        # possessive is the name's own head, not a second body's name
        # "Borough Council of King's Lynn": a possessive one word after "of" is a
        # place's own ("King's Lynn"), and the name is not cut there
        if t.text in POSSESSIVES and t.i >= 2 and doc[t.i - 2].lower_ == "of":
            break
        if t.text in POSSESSIVES and core.start + 1 < t.i < core.end - 2:
            owner = trim(doc[core.start : t.i])
            if (
                owner is not None
                and len(owner) >= 2
                and not is_generic(words_of(owner))
                and (words_of(owner)[-1] not in GENERIC_WORDS or head_word(owner) in ORGANISATION_HEADS)
                and not person_like(owner)
            ):
                name = squash(fold(owner.text))
                return [Candidate(owner.start, owner.end, ORGANISATION, "possessor", 65, name, nested=True)]
            break
    return []
