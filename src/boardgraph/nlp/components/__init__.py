"""boardgraph's own spaCy components before relations, and the rules they use.

* ``sentences``: ``bg_paragraphs``, sentence starts at paragraph breaks and headings.
* ``entities``: ``bg_entities``, which runs the finders below, keeps the best
  non-overlapping candidates and writes them to ``doc.spans["bg"]``.
* finders: ``people``, ``councils``, ``bodies`` (organisations and programmes
  by head noun), ``programmes`` (quoted, dash-aliased, recurring programmes);
* shared: ``chunks`` (title-case name chunks and their heads), ``lexicon``
  (words in capitals), ``spans`` (span extensions, candidates, selection).

Importing the package registers the factories. ``boardgraph.nlp.extract`` turns
the processed Docs into records.
"""

from __future__ import annotations

from boardgraph.nlp.components.entities import EntityFinder, make_entities
from boardgraph.nlp.components.sentences import ParagraphBoundaries, make_paragraphs
from boardgraph.nlp.components.spans import SPAN_KEY, Candidate

__all__ = [
    "SPAN_KEY",
    "Candidate",
    "EntityFinder",
    "ParagraphBoundaries",
    "make_entities",
    "make_paragraphs",
]
