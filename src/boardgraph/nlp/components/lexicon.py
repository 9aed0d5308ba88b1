"""What the pipeline knows about words: the lemmatizer's dictionary, and which
words a report also writes in lower case."""

from __future__ import annotations

import re

from spacy.language import Language
from spacy.tokens import Doc, Token

from boardgraph.lexicons import words
from boardgraph.lexicons.names import (
    CALENDAR_WORDS,
    COUNCIL_TIERS,
    GENERIC_WORDS,
    NAME_CONNECTORS,
    ROLE_WORDS,
)
from boardgraph.nlp.components.chunks import NAMED_HEADS

# Words that are ordinary even in capitals: days, months, heads, roles, tiers.
ORDINARY_WORDS = CALENDAR_WORDS | GENERIC_WORDS | ROLE_WORDS | NAMED_HEADS | NAME_CONNECTORS | COUNCIL_TIERS


class Lexicon:
    """What the entity rules know about words: the lemmatizer's dictionary, the
    given names and the ordinary English words (both passed in from
    ``pipeline.cfg``), and which words a report writes in lower case."""

    def __init__(
        self,
        nlp: Language | None = None,
        given_names: frozenset[str] | None = None,
        common_words: frozenset[str] | None = None,
    ):
        self._nlp = nlp
        self.given_names = words("entities_given_names") if given_names is None else given_names
        self.common_words = words("entities_common_words") if common_words is None else common_words
        self._dictionary: frozenset[str] | None = None
        self._lower_doc: Doc | None = None
        self._lower_words: set[str] = set()

    @property
    def dictionary(self) -> frozenset[str]:
        """English words the lemmatizer knows (its index of nouns, verbs, adjectives, adverbs)."""
        if self._dictionary is None:
            words: set[str] = set()
            if self._nlp is not None and "lemmatizer" in self._nlp.pipe_names:
                lookups = getattr(self._nlp.get_pipe("lemmatizer"), "lookups", None)
                if lookups is not None and lookups.has_table("lemma_index"):
                    for entries in lookups.get_table("lemma_index").values():
                        words.update(entries)
            self._dictionary = frozenset(words)
        return self._dictionary

    def written_lower(self, doc: Doc, word: str) -> bool:
        """Whether the report also writes ``word`` (lower case) in lower case somewhere."""
        if self._lower_doc is not doc:
            self._lower_doc = doc
            self._lower_words = {t.text for t in doc if t.text.islower() and t.is_alpha}
        return word in self._lower_words

    def is_word(self, word: str) -> bool:
        """An ordinary English word ("storm", "municipal"), not a name the lemmatizer
        also lists ("owen", "williams", "harrison")."""
        return word.lower() in self.common_words

    def is_word_token(self, tok: Token, plurals: bool = True) -> bool:
        """An ordinary word in any inflection ("returned", "deposits"); with
        ``plurals=False`` a plural stays a possible name ("Borders", "Fields")."""
        low = tok.lower_
        if self.is_word(low) or (tok.lemma_.lower() != low and self.is_word(tok.lemma_)):
            return True
        # a capitalised word is often tagged a proper noun and left unlemmatised
        endings = ("ies", "es", "s", "ed", "d", "ing") if plurals else ("ed", "d", "ing")
        stems = [low[: -len(end)] for end in endings if low.endswith(end)]
        return any(
            self.is_word(s) or self.is_word(s + "e") or self.is_word(s + "y") for s in stems if len(s) > 2
        )

    def is_given_name(self, word: str) -> bool:
        return word.lower() in self.given_names

    def word_in_capitals(self, doc: Doc, tok: Token) -> bool:
        """ "MONDAY 3 JULY", "AGREED", "MINUTES": an ordinary word set in capitals, not an acronym.

        A word is ordinary when it is a day, a month or one of the known heads and
        role words, or when the same report also writes it in lower case.
        """
        low = tok.lower_
        if low in ORDINARY_WORDS:
            return True
        if self.written_lower(doc, low):
            return True
        # An English word in capitals ("PRESENT", "TOTAL", "RISK") is a heading or a
        # table label where the line around it is in capitals too, or a colon
        # follows it. Elsewhere it may be a body that spells a word (NICE, UNISON).
        if low not in self.dictionary and tok.lemma_.lower() not in self.dictionary:
            return False
        line_start = doc.text.rfind("\n", 0, tok.idx) + 1
        line_end = doc.text.find("\n", tok.idx)
        line = doc.text[line_start : line_end if line_end >= 0 else len(doc.text)]
        words = re.findall(r"[A-Za-z]{2,}", line)
        caps = sum(w.isupper() for w in words)
        follows = doc[tok.i + 1].text if tok.i + 1 < len(doc) else ""
        return follows == ":" or (caps >= 2 and caps * 2 >= len(words)) or len(words) == 1
