"""``bg_paragraphs``: sentence starts at paragraph breaks and after headings.

Reports are laid out in headed, numbered paragraphs; the parser alone glues a
heading onto the sentence below it, and then the heading's words look like the
sentence's subject. So a short line without final punctuation starts a new
sentence after it, unless the line is a hard-wrapped line of running text: a
sentence cut there loses its parties to two halves ("… Jo Bloggs, Robert" /
"Preston, Ann Lee …"). Each sign of wrapping is a small named test.
"""

from __future__ import annotations

import itertools

from spacy.language import Language
from spacy.tokens import Doc, Token

from boardgraph.lexicons.names import ADDRESS_TITLES, PLURAL_TITLES

# Tags of words that cannot end a heading: a line ending in one ("… received
# from", "… the", "… and") runs on into the next line.
OPEN_TAGS = frozenset({"DT", "CC", "IN", "TO", "PRP$", "POS", "WDT"})
# Lower-case enumerators that begin list items ("i)", "ii.", "a)"), not run-on text.
ENUMERATORS = frozenset(
    {"i", "ii", "iii", "iv", "v", "vi", "vii", "viii", "ix", "x", "a", "b", "c", "d", "e"}
)
TITLES = ADDRESS_TITLES | PLURAL_TITLES
# Hard wrapping: at least this many lines inside paragraphs, and at least this
# share of them within WRAP_BAND characters of the wrap width.
WRAP_MIN_LINES = 10
WRAP_SHARE = 0.5
WRAP_BAND = 15


@Language.factory("bg_paragraphs", assigns=["token.is_sent_start"], default_config={"heading_max_chars": 90})
def make_paragraphs(nlp: Language, name: str, heading_max_chars: int) -> ParagraphBoundaries:
    return ParagraphBoundaries(heading_max_chars)


def wrap_width(text: str) -> int | None:
    """The width a hard-wrapped text was wrapped at, or None when its lines are not wrapped.

    Lines inside a paragraph (followed by another non-blank line) of wrapped
    prose bunch just under one width; headings and list items do not.
    """
    lines = text.split("\n")
    pairs = itertools.pairwise(lines)
    inner = sorted(len(line.rstrip()) for line, nxt in pairs if line.strip() and nxt.strip())
    if len(inner) < WRAP_MIN_LINES:
        return None
    width = inner[int(len(inner) * 0.75)]
    near = sum(1 for n in inner if width - WRAP_BAND <= n <= width + 5)
    return width if near >= WRAP_SHARE * len(inner) else None


def last_word(doc: Doc, tok: Token) -> Token:
    """The last token of the line ``tok`` ends (``tok`` may be the line break itself)."""
    while tok.is_space and tok.i > 0:
        tok = doc[tok.i - 1]
    return tok


def ends_open(word: Token) -> bool:
    """The line ends in a word that needs one after it: a determiner, conjunction, preposition."""
    return word.tag_ in OPEN_TAGS and word.is_alpha


def continues_lower(doc: Doc, nxt: Token) -> bool:
    """The next line goes on in lower case ("… the alleged" / "burglary at …"), not as a list item."""
    if not (nxt.is_alpha and nxt.is_lower):
        return False
    after = doc[nxt.i + 1] if nxt.i + 1 < len(doc) else None
    return not (nxt.text in ENUMERATORS and after is not None and after.text in {")", "."})


def would_not_fit(line: str, nxt: Token, width: int | None) -> bool:
    """In a hard-wrapped text, the next line's first word would not have fitted on this line:
    the break is the wrapping's, not the writer's."""
    return width is not None and len(line) + 1 + len(nxt.text) > width


def title_before(doc: Doc, tok: Token) -> bool:
    """``tok`` is, or ends, an abbreviated title ("Cllr.", "Cllrs.", "Dr."): the name goes on."""
    if "\n" in tok.whitespace_:
        return False
    if tok.text == ".":
        return tok.i > 0 and not doc[tok.i - 1].whitespace_ and doc[tok.i - 1].lower_ in TITLES
    return tok.text.endswith(".") and tok.lower_.rstrip(".") in TITLES


class ParagraphBoundaries:
    """Start a sentence after a blank line, and after a heading line; never inside a
    wrapped line's sentence, nor after a title's full stop."""

    def __init__(self, heading_max_chars: int = 90):
        self.heading_max_chars = heading_max_chars

    def __call__(self, doc: Doc) -> Doc:
        text = doc.text
        width = wrap_width(text)
        for i, tok in enumerate(doc[:-1]):
            nxt = doc[i + 1]
            if title_before(doc, tok) and nxt.text[:1].isupper():
                nxt.is_sent_start = False
                continue
            if "\n" not in tok.text and "\n" not in tok.whitespace_:
                continue
            if nxt.is_space:
                continue
            if self.breaks_sentence(doc, tok, width):
                nxt.is_sent_start = True
        return doc

    def breaks_sentence(self, doc: Doc, tok: Token, width: int | None) -> bool:
        """Whether the line break in or after ``tok`` ends a sentence: a blank line, final
        punctuation, a numbered paragraph, or a heading that is not a wrapped line."""
        text, nxt = doc.text, doc[tok.i + 1]
        newlines = tok.text.count("\n") + tok.whitespace_.count("\n")
        line_start = text.rfind("\n", 0, tok.idx) + 1
        raw = text[line_start : tok.idx + len(tok.text)].rstrip()
        line = raw.strip()
        if newlines >= 2 or (tok.is_space and not line):
            return True
        ends_sentence = bool(line) and line[-1] in ".:;!?)"
        heading = bool(line) and len(line) <= self.heading_max_chars and line[-1] not in ",-–"
        # cleaning blanks paragraph numbers ("2.", "- 3.1"), leaving an indent
        gap = (tok.text + tok.whitespace_).rsplit("\n", 1)[-1]
        numbered = len(gap) >= 2 and nxt.text[:1].isupper()
        end_word = last_word(doc, tok)
        # "… together with Cllr" / "Sarah Bloggs, …": a title never ends a line's sentence
        title_last = end_word.lower_.rstrip(".") in TITLES and nxt.text[:1].isupper()
        runs_on = ends_open(end_word) or title_last or continues_lower(doc, nxt)
        wrapped = runs_on or would_not_fit(raw, nxt, width)
        return ends_sentence or (numbered and not runs_on) or (heading and not wrapped)
