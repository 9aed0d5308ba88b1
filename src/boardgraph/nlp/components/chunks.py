"""Title-case name chunks and what their head noun says they are.

"Department for Communities and Local Government", "District Council's
Network", "Members' Programme": maximal runs of capitalised words, with
connectors and possessives inside, trimmed of articles and roles.
"""

from __future__ import annotations

from collections.abc import Iterator

from spacy.tokens import Doc, Span, Token

from boardgraph.lexicons import words
from boardgraph.lexicons.names import (
    CALENDAR_WORDS,
    COUNCIL_TIERS,
    DOCUMENT_HEADS,
    EVENT_HEADS,
    GENERIC_WORDS,
    NAME_CONNECTORS,
    ORGANISATION_HEADS,
    PEOPLE_NOUNS,
    PROGRAMME_HEADS,
    ROLE_WORDS,
)

# Parts of speech that never begin a name; they are capitalised only because a
# sentence starts with them ("Whilst the Committee …").
FUNCTION_POS = frozenset({"SCONJ", "ADV", "ADP", "PRON", "DET", "CCONJ", "INTJ", "AUX", "PART"})
# Participles used as prepositions: "Following the Spending Review, …".
PARTICIPLE_PREPOSITIONS = frozenset({"following", "including", "regarding", "concerning", "excluding"})
TABLE_HEADINGS = words("entities_table_headings")
OPENING_HEADS = words("entities_opening_heads")
OPENING_ADJECTIVES = words("entities_opening_adjectives")
POSSESSIVES = frozenset({"'s", "'", "\u2019s", "\u2019"})
NAMED_HEADS = ORGANISATION_HEADS | PROGRAMME_HEADS | DOCUMENT_HEADS | EVENT_HEADS


def is_namey(tok: Token) -> bool:
    t = tok.text
    if not t or (not t[0].isalpha() and not t[0].isdigit()):
        return t in {"&"}
    if tok.like_url or tok.like_email:
        return False
    if t[0].isdigit():
        return False
    return t[0].isupper() or (tok.pos_ == "PROPN" and t[0].isupper())


def name_chunks(sent: Span) -> Iterator[Span]:
    """Maximal runs of title-case words, allowing connectors inside.

    "Department for Communities and Local Government", "District Council's
    Network", "Newcastle-upon-Tyne", "Members' Programme".
    """
    doc = sent.doc
    i = sent.start
    while i < sent.end:
        tok = doc[i]
        if not is_namey(tok) or tok.text == "&":
            i += 1
            continue
        j = _chunk_end(doc, i, sent.end)
        yield doc[i:j]
        i = j


def _chunk_end(doc: Doc, start: int, end: int) -> int:
    """Where the name that starts at ``start`` ends, at the latest at end."""
    j = start + 1
    while j < end:
        t = doc[j]
        if _opens_new_line_or_phrase(doc, j):
            return j
        if is_namey(t) and "\n" not in t.text:
            j += 1
            continue
        if _new_phrase_after(doc, j, end) and not _opening_head_runs_on(doc, start, j):
            return j
        past = _past_connector(doc, j, end)
        if past is None:
            return j
        j = past
    return j


def _opens_new_line_or_phrase(doc: Doc, j: int) -> bool:
    t = doc[j]
    # "Footbridge The Council": a capitalised article starts a new phrase
    return "\n" in doc[j - 1].whitespace_ or t.is_space or t.text == "The"


def _new_phrase_after(doc: Doc, j: int, end: int) -> bool:
    """The connector at j leads out of the name, not on to more of it."""
    if j + 1 >= end:
        return False
    t, nxt = doc[j], doc[j + 1]
    # "Planning Committee on Monday": a name never runs on into a day or a month
    if t.lower_ in NAME_CONNECTORS and nxt.lower_ in CALENDAR_WORDS:
        return True
    # "Leaders on the Strong Scrutiny programme": a preposition
    # with an article starts a new phrase, not the same name
    return t.lower_ in {"on", "at", "in", "to", "with", "for", "from", "by", "and"} and nxt.lower_ == "the"


def _opening_head_runs_on(doc: Doc, start: int, j: int) -> bool:
    """ "Society for the Protection of X", "Royal Society for the …": a body's head that
    opens its name runs on through "for the"."""
    return (
        doc[j].lower_ == "for"
        and j + 1 < len(doc)
        and doc[j + 1].lower_ == "the"
        and doc[j - 1].lower_ in OPENING_HEADS
        and all(t.lower_ in OPENING_ADJECTIVES for t in doc[start : j - 1])
    )


def _past_connector(doc: Doc, j: int, end: int) -> int | None:
    """Past the connectors or possessive at j and the name word after them; None when no
    name word follows (connectors and possessives must be followed by another one)."""
    t = doc[j]
    if not (t.lower_ in NAME_CONNECTORS or t.text in POSSESSIVES or t.text == "-") or j + 1 >= end:
        return None
    k = j + 1
    while k < end and doc[k].lower_ in NAME_CONNECTORS and doc[k].text != "&":
        k += 1
    # "St Cuthbert's and the Wolfson Trust": "and the" starts a second name
    if any(doc[x].lower_ in {"and", "or"} and doc[x + 1].lower_ == "the" for x in range(j, k - 1)):
        return None
    if k >= end or not is_namey(doc[k]) or doc[k].is_space:
        return None
    # a hyphen with a space beside it is a dash between phrases, not inside a name
    if t.text == "-" and (doc[j - 1].whitespace_ or t.whitespace_):
        return None
    return k + 1


def _after_post(doc: Doc, s: int, e: int) -> int:
    """ "Cabinet Member for Adult Care and Chair of the Health Board": a post held is
    not a body; the body is what the last "<post> of" names, or nothing. Only where
    the name opens with the post ("Association of Directors of X" is a body's name)."""
    k = s + 1 if s + 1 < e and doc[s + 1].lower_ in ROLE_WORDS else s  # "Cabinet Member"
    if doc[k].lower_ not in ROLE_WORDS:
        return s
    while k < e and doc[k].lower_ in ROLE_WORDS:
        k += 1
    if k >= e or doc[k].lower_ not in {"for", "of", "to"}:
        return s
    body = k + 1 if doc[k].lower_ != "for" else e
    for j in range(k, e - 1):
        if doc[j].lower_ in ROLE_WORDS and doc[j + 1].lower_ in {"of", "to"}:
            body = j + 2
    return body


def trim(span: Span) -> Span | None:
    doc = span.doc
    s, e = span.start, span.end
    # "Members of the X Council", "Secretary of X Trust", "Dear X": the role or the
    # greeting is not part of the body's name
    k = s
    while k < e and (
        doc[k].lower_ in ROLE_WORDS
        or doc[k].lower_ in PEOPLE_NOUNS
        or doc[k].lower_ in {"dear", "associate", "and", "&", "-"}
    ):
        k += 1
    # "Clerk's May Salary": what a post holder has is not a body either
    if k > s and k + 1 < e and (doc[k].lower_ in {"of", "to"} or doc[k].text in POSSESSIVES):
        s = k + 1
    elif k > s and k < e and doc[s].lower_ == "dear":
        s = k
    s = _after_post(doc, s, e)
    # "Report to Council", "Letter from the X Board": a document's title names its addressee
    if s + 2 < e and doc[s].lower_ in DOCUMENT_HEADS and doc[s + 1].lower_ in {"to", "from"}:
        s += 2
    # "Payee Cheque No Net VAT Gross Remarks X Association": a table's header row
    # flattened into the text before the first name
    k = s
    while k < e and doc[k].lower_ in TABLE_HEADINGS:
        k += 1
    if k - s >= 2:
        if k == e:  # the header row alone ("Role Councillor Authority")
            return None
        s = k
    while s < e and (
        doc[s].lower_ in {"the", "a", "an", "our", "their", "its", "this"}
        or doc[s].lower_ in PARTICIPLE_PREPOSITIONS
        or doc[s].lower_ in NAME_CONNECTORS
        or (doc[s].pos_ in FUNCTION_POS and doc[s].tag_ not in {"NNP", "NNPS"})
    ):
        s += 1
    while e > s and (
        doc[e - 1].lower_ in NAME_CONNECTORS
        or doc[e - 1].text in POSSESSIVES
        or doc[e - 1].text in {"-", "&"}
    ):
        e -= 1
    return doc[s:e] if e > s else None


def words_of(span: Span) -> list[str]:
    return [t.lower_ for t in span if not t.is_punct]


def head_word(span: Span) -> str:
    """The word that says what a name is: the last, or the one before "of/for/on"."""
    words = words_of(span)
    if not words:
        return ""
    for i, w in enumerate(words[1:], start=1):
        if w in {"of", "for", "on"}:
            before = words[i - 1]
            if before in NAMED_HEADS:
                return before
            break
    return words[-1]


def after_possessive(span: Span) -> Span | None:
    for t in reversed(span):
        if t.text in POSSESSIVES and t.i < span.end - 1:
            return span.doc[t.i + 1 : span.end]
    return span


def is_generic(words: list[str]) -> bool:
    """ "the Board", "Programme Boards", "Leaders and Chief Executives": no one in particular.

    Several generic words together can still be a name ("Cabinet Office",
    "Housing Board"), unless the last is a plural or all are roles.
    """
    content = [w for w in words if w not in NAME_CONNECTORS and w not in POSSESSIVES]
    if not content:
        return True
    # "the City Council", "Parish Council", "Full Council", "Local Authority": a council of
    # no named place
    if content[-1] in {"council", "councils", "authority", "authorities"} and all(
        w in COUNCIL_TIERS for w in content[:-1]
    ):
        return True
    if len(content) == 1:
        return content[0] in GENERIC_WORDS or content[0] in ROLE_WORDS
    if all(w in ROLE_WORDS for w in content):
        return True
    known = GENERIC_WORDS | ROLE_WORDS

    def generic(w: str) -> bool:
        return w in known or (w.endswith("s") and w[:-1] in known)

    last = content[-1]
    return all(generic(w) for w in content) and last.endswith("s") and generic(last[:-1])


def strip_role_suffix(span: Span) -> Span:
    """ "European and International Board Chair" → "European and International Board".

    Not when the name is "<Body> of <members>" ("Society of Local Authority Chief
    Executives"): there the role words say who the body's members are.
    """
    words = [t.lower_ for t in span]
    if "of" in words[1:] and words[words.index("of", 1) - 1] in ORGANISATION_HEADS:
        return span
    e = span.end
    while (
        e - 1 > span.start
        and span.doc[e - 1].lower_ in ROLE_WORDS
        and span.doc[e - 2].lower_ not in NAME_CONNECTORS
    ):
        e -= 1
    return span.doc[span.start : e]


def looks_like_org(span: Span) -> bool:
    words = words_of(span)
    return bool(words) and (words[-1] in NAMED_HEADS or all(w in GENERIC_WORDS for w in words))
