"""``bg_paragraphs``: sentence starts at paragraph breaks and after headings."""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc


@Language.factory(
    "bg_paragraphs", assigns=["token.is_sent_start"], default_config={"heading_max_chars": 90}
)
def make_paragraphs(nlp: Language, name: str, heading_max_chars: int) -> ParagraphBoundaries:
    return ParagraphBoundaries(heading_max_chars)


class ParagraphBoundaries:
    """Start a sentence after a blank line, and after a heading line.

    Reports are laid out in headed, numbered paragraphs; the parser alone
    glues a heading onto the sentence below it, and then the heading's words
    look like the sentence's subject.
    """

    def __init__(self, heading_max_chars: int = 90):
        self.heading_max_chars = heading_max_chars

    def __call__(self, doc: Doc) -> Doc:
        text = doc.text
        for i, tok in enumerate(doc[:-1]):
            if "\n" not in tok.text and "\n" not in tok.whitespace_:
                continue
            nxt = doc[i + 1]
            if nxt.is_space:
                continue
            newlines = tok.text.count("\n") + tok.whitespace_.count("\n")
            line_start = text.rfind("\n", 0, tok.idx) + 1
            line = text[line_start : tok.idx + len(tok.text)].strip()
            ends_sentence = bool(line) and line[-1] in ".:;!?)"
            heading = bool(line) and len(line) <= self.heading_max_chars and line[-1] not in ",-–"
            # cleaning blanks paragraph numbers ("2.", "- 3.1"), leaving an indent
            gap = (tok.text + tok.whitespace_).rsplit("\n", 1)[-1]
            numbered = len(gap) >= 2 and nxt.text[:1].isupper()
            if newlines >= 2 or ends_sentence or heading or numbered or (tok.is_space and not line):
                nxt.is_sent_start = True
        return doc
