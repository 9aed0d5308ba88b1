"""``bg_paragraphs`` layout rules: headings start sentences, hard-wrapped lines do not.

The Docs are built by hand (words, spaces, tags) so that only the layout rules
decide; every name is invented.
"""

from __future__ import annotations

import spacy
from spacy.tokens import Doc

from boardgraph.nlp.components.sentences import (
    ParagraphBoundaries,
    continues_lower,
    ends_open,
    title_before,
    would_not_fit,
    wrap_width,
)

NLP = spacy.blank("en")


def tagged(text: str, tags: dict[str, str] | None = None) -> Doc:
    """``text`` tokenised, every word tagged NNP unless ``tags`` says otherwise."""
    doc = NLP.make_doc(text)
    for tok in doc:
        tok.tag_ = (tags or {}).get(tok.text, "_SP" if tok.is_space else "NNP")
    return doc


def starts(doc: Doc) -> list[str]:
    """The tokens ``bg_paragraphs`` marks as sentence starts."""
    ParagraphBoundaries()(doc)
    return [t.text for t in doc if t.is_sent_start is True and t.i > 0]


WRAPPED = "\n".join(
    [
        "Present: Ann Bell, Sue Clark, Dan Ross, Tom Hale, Kim Roe, Robert",
        "Preston, Ada Stone, Jim Moss, Bill Ray, Pam Lowe and Joe Clay said",
    ]
    + ["the members had met on the day to go over the plan for the new green"] * 10
)


def test_a_wrapped_text_has_a_wrap_width_and_unwrapped_text_none() -> None:
    assert wrap_width(WRAPPED) is not None
    unwrapped = "Heading\n\n" + "A long paragraph on one line. " * 20 + "\n\nAnother heading\nShort"
    assert wrap_width(unwrapped) is None


def test_a_name_cut_by_the_wrapping_stays_in_one_sentence() -> None:
    doc = tagged(WRAPPED)
    assert "Preston" not in starts(doc)


def test_a_short_heading_in_a_wrapped_text_still_starts_a_sentence() -> None:
    text = "Village green\nThe members had met on the day to go over the plan for the new green\n"
    doc = tagged(text + WRAPPED)
    assert "The" in starts(doc)


def test_the_next_word_would_have_fitted_after_a_short_line() -> None:
    doc = tagged("Dan Ross")
    assert would_not_fit("Present: Ann Bell, Sue Clark, Dan Ross, Tom Hale, Robert", doc[0], 58)
    assert not would_not_fit("Village green", doc[0], 58)
    assert not would_not_fit("Present: Ann Bell, Sue Clark, Dan Ross, Tom Hale, Robert", doc[0], None)


def test_a_line_ending_in_a_preposition_runs_on() -> None:
    doc = tagged("Apologies were received from\nAnn Bell", {"from": "IN", "were": "VBD", "received": "VBN"})
    assert ends_open(doc[3])
    assert "Ann" not in starts(doc)


def test_a_line_ending_in_a_title_runs_on_into_the_name() -> None:
    doc = tagged("I met the Minister, together with Cllr\nSarah Bell, our Vice-Chair.")
    assert "Sarah" not in starts(doc)


def test_a_heading_ending_in_a_noun_starts_a_sentence() -> None:
    doc = tagged("Matters arising\nAnn Bell met the Clerk.")
    assert "Ann" in starts(doc)


def test_a_line_going_on_in_lower_case_runs_on() -> None:
    doc = tagged("The burglary at the Old Mill was reported to the\nvillage police", {"village": "NN"})
    assert continues_lower(doc, doc[11])
    assert "village" not in starts(doc)


def test_a_lower_case_list_item_is_not_a_run_on_line() -> None:
    doc = tagged("Correspondence\ni) Letter from the Board")
    assert not continues_lower(doc, doc[2])


def test_a_title_full_stop_does_not_end_the_sentence() -> None:
    doc = tagged("Apologies from Cllr. Ann Bell and Mr. Dan Ross.")
    assert title_before(doc, doc[3]) and title_before(doc, doc[7])
    assert not title_before(doc, doc[10])
    ParagraphBoundaries()(doc)
    assert doc[4].is_sent_start is False and doc[8].is_sent_start is False
