"""The relation rules of ``bg_relations`` (boardgraph.nlp.components.relations).

Where the parse decides the answer, the Doc is built by hand (words, heads,
dependencies, tags), so a test fails only when the rule breaks, never because
the statistical parser changed its mind. A few cases go through the real
pipeline to show the lexicons arrive from ``pipeline.cfg``. Every name here is
invented.
"""

from __future__ import annotations

import pytest
import spacy
from spacy.tokens import Doc

import boardgraph.nlp.components  # noqa: F401  (registers the span and Doc extensions)
from boardgraph.model import COUNCIL, ORGANISATION, PARTICIPATES, PERSON, PROGRAMME, WORKED_WITH
from boardgraph.nlp.components.relations import (
    RELATION_RULES,
    Lexicon,
    RelationFinder,
    office_holders,
    pronoun_referents,
)

Tok = tuple[str, str, str, str, int, str]  # word, lemma, pos, tag, head (absolute index), dep
VOCAB = spacy.blank("en").vocab  # English lexical attributes (lower-case forms) for hand-built Docs


def build(
    tokens: list[Tok],
    mentions: list[tuple[int, int, str, str]],
    ctx: dict | None = None,
    rule: dict[int, str] | None = None,
) -> Doc:
    """A parsed Doc from a token table, with ``mentions`` (start, end, label, name) as bg spans."""
    doc = Doc(
        VOCAB,
        words=[t[0] for t in tokens],
        lemmas=[t[1] for t in tokens],
        pos=[t[2] for t in tokens],
        tags=[t[3] for t in tokens],
        heads=[t[4] for t in tokens],
        deps=[t[5] for t in tokens],
    )
    spans = []
    for k, (start, end, label, name) in enumerate(mentions):
        span = doc[start:end]
        span.label_ = label
        span._.bg_name = name
        span._.bg_rule = (rule or {}).get(k, "test")
        spans.append(span)
    doc.spans["bg"] = spans
    doc._.bg_context = ctx or {"id": "t", "chair": None, "board": None}
    return doc


def pairs(doc: Doc) -> set[tuple[str, tuple[str, ...]]]:
    RelationFinder()(doc)
    spans = list(doc.spans["bg"])
    out = set()
    for r in doc._.bg_relations:
        names = [spans[a]._.bg_name for a in r["args"]]
        out.add((r["kind"], tuple(sorted(names)) if r["kind"] == WORKED_WITH else tuple(names)))
    return out


def ww(*names: str) -> tuple[str, tuple[str, ...]]:
    return (WORKED_WITH, tuple(sorted(names)))


# "Jo Pike asked Ann Lee to raise it with Tom Hart."
ASKED = [
    ("Jo", "Jo", "PROPN", "NNP", 1, "compound"),
    ("Pike", "Pike", "PROPN", "NNP", 2, "nsubj"),
    ("asked", "ask", "VERB", "VBD", 2, "ROOT"),
    ("Ann", "Ann", "PROPN", "NNP", 4, "compound"),
    ("Lee", "Lee", "PROPN", "NNP", 2, "dobj"),
    ("to", "to", "PART", "TO", 6, "aux"),
    ("raise", "raise", "VERB", "VB", 2, "xcomp"),
    ("it", "it", "PRON", "PRP", 6, "dobj"),
    ("with", "with", "ADP", "IN", 6, "prep"),
    ("Tom", "Tom", "PROPN", "NNP", 10, "compound"),
    ("Hart", "Hart", "PROPN", "NNP", 8, "pobj"),
    (".", ".", "PUNCT", ".", 2, "punct"),
]
ASKED_PEOPLE = [(0, 2, PERSON, "Jo Pike"), (3, 5, PERSON, "Ann Lee"), (9, 11, PERSON, "Tom Hart")]


def test_the_one_asked_acts_with_the_third_party_not_the_one_asking():
    found = pairs(build(ASKED, ASKED_PEOPLE))
    assert found == {ww("Ann Lee", "Tom Hart")}


# "Ann Lee nominated by Tom Hart and Sue Bell will take the post."
NOMINATED = [
    ("Ann", "Ann", "PROPN", "NNP", 1, "compound"),
    ("Lee", "Lee", "PROPN", "NNP", 10, "nsubj"),
    ("nominated", "nominate", "VERB", "VBN", 1, "acl"),
    ("by", "by", "ADP", "IN", 2, "agent"),
    ("Tom", "Tom", "PROPN", "NNP", 5, "compound"),
    ("Hart", "Hart", "PROPN", "NNP", 3, "pobj"),
    ("and", "and", "CCONJ", "CC", 5, "cc"),
    ("Sue", "Sue", "PROPN", "NNP", 8, "compound"),
    ("Bell", "Bell", "PROPN", "NNP", 5, "conj"),
    ("will", "will", "AUX", "MD", 10, "aux"),
    ("take", "take", "VERB", "VB", 10, "ROOT"),
    ("the", "the", "DET", "DT", 12, "det"),
    ("post", "post", "NOUN", "NN", 10, "dobj"),
    (".", ".", "PUNCT", ".", 10, "punct"),
]


def test_being_nominated_is_not_working_together():
    people = [(0, 2, PERSON, "Ann Lee"), (4, 6, PERSON, "Tom Hart"), (7, 9, PERSON, "Sue Bell")]
    assert pairs(build(NOMINATED, people)) == set()


# "Ann Lee and Tom Hart remain in post."
REMAIN = [
    ("Ann", "Ann", "PROPN", "NNP", 1, "compound"),
    ("Lee", "Lee", "PROPN", "NNP", 5, "nsubj"),
    ("and", "and", "CCONJ", "CC", 1, "cc"),
    ("Tom", "Tom", "PROPN", "NNP", 4, "compound"),
    ("Hart", "Hart", "PROPN", "NNP", 1, "conj"),
    ("remain", "remain", "VERB", "VBP", 5, "ROOT"),
    ("in", "in", "ADP", "IN", 5, "prep"),
    ("post", "post", "NOUN", "NN", 6, "pobj"),
    (".", ".", "PUNCT", ".", 5, "punct"),
]


# "The path was managed by Ann Lee and Tom Hart."
MANAGED_BY = [
    ("The", "the", "DET", "DT", 1, "det"),
    ("path", "path", "NOUN", "NN", 3, "nsubjpass"),
    ("was", "be", "AUX", "VBD", 3, "auxpass"),
    ("managed", "manage", "VERB", "VBN", 3, "ROOT"),
    ("by", "by", "ADP", "IN", 3, "agent"),
    ("Ann", "Ann", "PROPN", "NNP", 6, "compound"),
    ("Lee", "Lee", "PROPN", "NNP", 4, "pobj"),
    ("and", "and", "CCONJ", "CC", 6, "cc"),
    ("Tom", "Tom", "PROPN", "NNP", 9, "compound"),
    ("Hart", "Hart", "PROPN", "NNP", 6, "conj"),
    (".", ".", "PUNCT", ".", 3, "punct"),
]


def test_coordinated_agents_of_one_passive_action_act_together():
    people = [(5, 7, PERSON, "Ann Lee"), (8, 10, PERSON, "Tom Hart")]
    assert pairs(build(MANAGED_BY, people)) == {ww("Ann Lee", "Tom Hart")}
    # "was proposed by A and B": moving a motion is not acting together
    proposed = [
        (w, "propose", p, t, h, d) if w == "managed" else (w, lem, p, t, h, d)
        for w, lem, p, t, h, d in MANAGED_BY
    ]
    assert pairs(build(proposed, people)) == set()


# "There was a meeting between Ann Lee and Tom Hart."
BETWEEN = [
    ("There", "there", "PRON", "EX", 1, "expl"),
    ("was", "be", "AUX", "VBD", 1, "ROOT"),
    ("a", "a", "DET", "DT", 3, "det"),
    ("meeting", "meeting", "NOUN", "NN", 1, "attr"),
    ("between", "between", "ADP", "IN", 3, "prep"),
    ("Ann", "Ann", "PROPN", "NNP", 6, "compound"),
    ("Lee", "Lee", "PROPN", "NNP", 4, "pobj"),
    ("and", "and", "CCONJ", "CC", 6, "cc"),
    ("Tom", "Tom", "PROPN", "NNP", 9, "compound"),
    ("Hart", "Hart", "PROPN", "NNP", 6, "conj"),
    (".", ".", "PUNCT", ".", 1, "punct"),
]


def test_parties_between_whom_an_interaction_went_acted_together():
    people = [(5, 7, PERSON, "Ann Lee"), (8, 10, PERSON, "Tom Hart")]
    assert pairs(build(BETWEEN, people)) == {ww("Ann Lee", "Tom Hart")}
    # "the difference between A and B" is no interaction
    other = [
        ("difference", "difference", n, t, h, d) if w == "meeting" else (w, lem, n, t, h, d)
        for w, lem, n, t, h, d in BETWEEN
    ]
    assert pairs(build(other, people)) == set()


# "Kestrel Trust and Wren Agency helped . Hart saw a dialogue between those organisations ."
THOSE = [
    ("Kestrel", "Kestrel", "PROPN", "NNP", 1, "compound"),
    ("Trust", "Trust", "PROPN", "NNP", 5, "nsubj"),
    ("and", "and", "CCONJ", "CC", 1, "cc"),
    ("Wren", "Wren", "PROPN", "NNP", 4, "compound"),
    ("Agency", "Agency", "PROPN", "NNP", 1, "conj"),
    ("helped", "help", "VERB", "VBD", 5, "ROOT"),
    (".", ".", "PUNCT", ".", 5, "punct"),
    ("Hart", "Hart", "PROPN", "NNP", 8, "nsubj"),
    ("saw", "see", "VERB", "VBD", 8, "ROOT"),
    ("a", "a", "DET", "DT", 10, "det"),
    ("dialogue", "dialogue", "NOUN", "NN", 8, "dobj"),
    ("between", "between", "ADP", "IN", 10, "prep"),
    ("those", "those", "DET", "DT", 13, "det"),
    ("organisations", "organisation", "NOUN", "NNS", 11, "pobj"),
    (".", ".", "PUNCT", ".", 8, "punct"),
]


def test_those_organisations_are_the_bodies_the_sentence_before_named():
    bodies = [(0, 2, ORGANISATION, "Kestrel Trust"), (3, 5, ORGANISATION, "Wren Agency")]
    bodies.append((7, 8, PERSON, "Hart"))
    assert pairs(build(THOSE, bodies)) == {ww("Kestrel Trust", "Wren Agency")}
    # without the demonstrative, "organisations" points back to nobody
    plain = [
        (w, lem, p, t, h, d) if w != "those" else ("some", "some", p, t, h, d) for w, lem, p, t, h, d in THOSE
    ]
    assert pairs(build(plain, bodies)) == set()


def test_staying_in_office_together_is_not_working_together():
    people = [(0, 2, PERSON, "Ann Lee"), (3, 5, PERSON, "Tom Hart")]
    assert pairs(build(REMAIN, people)) == set()
    met = [
        (w, "meet", "VERB", "VBD", h, d) if w == "remain" else (w, lem, p, t, h, d)
        for w, lem, p, t, h, d in REMAIN
    ]
    assert pairs(build(met, people)) == {ww("Ann Lee", "Tom Hart")}
    # "Ann Lee and Tom Hart either meet …": one of alternatives, each alone
    either = [
        ("Ann", "Ann", "PROPN", "NNP", 1, "compound"),
        ("Lee", "Lee", "PROPN", "NNP", 6, "nsubj"),
        ("and", "and", "CCONJ", "CC", 1, "cc"),
        ("Tom", "Tom", "PROPN", "NNP", 4, "compound"),
        ("Hart", "Hart", "PROPN", "NNP", 1, "conj"),
        ("either", "either", "CCONJ", "CC", 6, "preconj"),
        ("sign", "sign", "VERB", "VBP", 6, "ROOT"),
        ("forms", "form", "NOUN", "NNS", 6, "dobj"),
        (".", ".", "PUNCT", ".", 6, "punct"),
    ]
    assert pairs(build(either, people)) == set()


def _minutes(action: list[Tok]) -> list[Tok]:
    """ "Mrs Kay Dunn (Clerk)." then a sentence; heads of ``action`` are relative to its start."""
    head = [
        ("Mrs", "Mrs", "PROPN", "NNP", 2, "compound"),
        ("Kay", "Kay", "PROPN", "NNP", 2, "compound"),
        ("Dunn", "Dunn", "PROPN", "NNP", 2, "ROOT"),
        ("(", "(", "PUNCT", "-LRB-", 2, "punct"),
        ("Clerk", "clerk", "PROPN", "NNP", 2, "appos"),
        (")", ")", "PUNCT", "-RRB-", 2, "punct"),
        (".", ".", "PUNCT", ".", 2, "punct"),
    ]
    n = len(head)
    return head + [(w, lem, p, t, h + n, d) for w, lem, p, t, h, d in action]


# "The Clerk and Cllr Max Orr are to draft a procedure."
CLERK_AND = [
    ("The", "the", "DET", "DT", 1, "det"),
    ("Clerk", "clerk", "PROPN", "NNP", 6, "nsubj"),
    ("and", "and", "CCONJ", "CC", 1, "cc"),
    ("Cllr", "Cllr", "PROPN", "NNP", 5, "compound"),
    ("Max", "Max", "PROPN", "NNP", 5, "compound"),
    ("Orr", "Orr", "PROPN", "NNP", 1, "conj"),
    ("are", "be", "AUX", "VBP", 6, "ROOT"),
    ("to", "to", "PART", "TO", 8, "aux"),
    ("draft", "draft", "VERB", "VB", 6, "xcomp"),
    ("a", "a", "DET", "DT", 10, "det"),
    ("procedure", "procedure", "NOUN", "NN", 8, "dobj"),
    (".", ".", "PUNCT", ".", 6, "punct"),
]


def test_the_clerk_is_the_person_the_minutes_name_as_clerk():
    doc = build(_minutes(CLERK_AND), [(1, 3, PERSON, "Kay Dunn"), (11, 13, PERSON, "Max Orr")])
    assert pairs(doc) == {ww("Kay Dunn", "Max Orr")}


def test_office_holders_read_from_brackets_and_dashes():
    doc = build(_minutes(CLERK_AND), [(1, 3, PERSON, "Kay Dunn"), (11, 13, PERSON, "Max Orr")])
    assert office_holders(doc, list(doc.spans["bg"]), Lexicon().roles) == {"clerk": 0}


# "The Clerk and Cllr Max Orr were appointed." : done to them, not by them
APPOINTED = [
    ("The", "the", "DET", "DT", 1, "det"),
    ("Clerk", "clerk", "PROPN", "NNP", 7, "nsubjpass"),
    ("and", "and", "CCONJ", "CC", 1, "cc"),
    ("Cllr", "Cllr", "PROPN", "NNP", 5, "compound"),
    ("Max", "Max", "PROPN", "NNP", 5, "compound"),
    ("Orr", "Orr", "PROPN", "NNP", 1, "conj"),
    ("were", "be", "AUX", "VBD", 7, "auxpass"),
    ("appointed", "appoint", "VERB", "VBN", 7, "ROOT"),
    (".", ".", "PUNCT", ".", 7, "punct"),
]


def test_a_group_something_is_done_to_does_not_act_together():
    doc = build(_minutes(APPOINTED), [(1, 3, PERSON, "Kay Dunn"), (11, 13, PERSON, "Max Orr")])
    assert pairs(doc) == set()


def _attended(det: str) -> list[Tok]:
    """ "Cllr Ann Lee and Cllr Tom Hart attended <det> meeting." """
    return [
        ("Cllr", "Cllr", "PROPN", "NNP", 2, "compound"),
        ("Ann", "Ann", "PROPN", "NNP", 2, "compound"),
        ("Lee", "Lee", "PROPN", "NNP", 7, "nsubj"),
        ("and", "and", "CCONJ", "CC", 2, "cc"),
        ("Cllr", "Cllr", "PROPN", "NNP", 6, "compound"),
        ("Tom", "Tom", "PROPN", "NNP", 6, "compound"),
        ("Hart", "Hart", "PROPN", "NNP", 2, "conj"),
        ("attended", "attend", "VERB", "VBD", 7, "ROOT"),
        (det, det.lower(), "DET", "DT", 9, "det"),
        ("meeting", "meeting", "NOUN", "NN", 7, "dobj"),
        (".", ".", "PUNCT", ".", 7, "punct"),
    ]


def test_attending_a_meeting_together_but_not_the_meeting_minuted():
    people = [(1, 3, PERSON, "Ann Lee"), (5, 7, PERSON, "Tom Hart")]
    assert pairs(build(_attended("a"), people)) == {ww("Ann Lee", "Tom Hart")}
    assert pairs(build(_attended("the"), people)) == set()


# "Minutes of Elmford Parish Council. We will be using Ann Lee of Lee Legal."
USING = [
    ("Minutes", "minute", "NOUN", "NNS", 0, "ROOT"),
    ("of", "of", "ADP", "IN", 0, "prep"),
    ("Elmford", "Elmford", "PROPN", "NNP", 4, "compound"),
    ("Parish", "Parish", "PROPN", "NNP", 4, "compound"),
    ("Council", "Council", "PROPN", "NNP", 1, "pobj"),
    (".", ".", "PUNCT", ".", 0, "punct"),
    ("We", "we", "PRON", "PRP", 9, "nsubj"),
    ("will", "will", "AUX", "MD", 9, "aux"),
    ("be", "be", "AUX", "VB", 9, "aux"),
    ("using", "use", "VERB", "VBG", 9, "ROOT"),
    ("Ann", "Ann", "PROPN", "NNP", 11, "compound"),
    ("Lee", "Lee", "PROPN", "NNP", 9, "dobj"),
    ("of", "of", "ADP", "IN", 11, "prep"),
    ("Lee", "Lee", "PROPN", "NNP", 14, "compound"),
    ("Legal", "Legal", "PROPN", "NNP", 12, "pobj"),
    (".", ".", "PUNCT", ".", 9, "punct"),
]
USING_MENTIONS = [
    (2, 5, COUNCIL, "Elmford Parish Council"),
    (10, 12, PERSON, "Ann Lee"),
    (13, 15, ORGANISATION, "Lee Legal"),
]


def test_we_are_the_board_and_a_firm_engaged_works_with_it():
    ctx = {"id": "t", "chair": None, "board": "Elmford Parish Council"}
    found = pairs(build(USING, USING_MENTIONS, ctx))
    assert found == {ww("Elmford Parish Council", "Ann Lee"), ww("Elmford Parish Council", "Lee Legal")}


def test_we_without_a_known_board_is_nobody():
    assert pairs(build(USING, USING_MENTIONS)) == set()


# "Elmford District Council and Wardco had teamed up."
TEAMED = [
    ("Elmford", "Elmford", "PROPN", "NNP", 2, "compound"),
    ("District", "District", "PROPN", "NNP", 2, "compound"),
    ("Council", "Council", "PROPN", "NNP", 6, "nsubj"),
    ("and", "and", "CCONJ", "CC", 2, "cc"),
    ("Wardco", "Wardco", "PROPN", "NNP", 2, "conj"),
    ("had", "have", "AUX", "VBD", 6, "aux"),
    ("teamed", "team", "VERB", "VBN", 6, "ROOT"),
    ("up", "up", "ADP", "RP", 6, "prt"),
    (".", ".", "PUNCT", ".", 6, "punct"),
]


def test_bodies_that_teamed_up_are_partners():
    found = pairs(
        build(TEAMED, [(0, 3, COUNCIL, "Elmford District Council"), (4, 5, ORGANISATION, "Wardco")])
    )
    assert found == {ww("Elmford District Council", "Wardco")}


# "The Council's gym is operated by Fitco on behalf of the Council."
OPERATED = [
    ("The", "the", "DET", "DT", 1, "det"),
    ("Council", "Council", "PROPN", "NNP", 3, "poss"),
    ("'s", "'s", "PART", "POS", 1, "case"),
    ("gym", "gym", "NOUN", "NN", 5, "nsubjpass"),
    ("is", "be", "AUX", "VBZ", 5, "auxpass"),
    ("operated", "operate", "VERB", "VBN", 5, "ROOT"),
    ("by", "by", "ADP", "IN", 5, "agent"),
    ("Fitco", "Fitco", "PROPN", "NNP", 6, "pobj"),
    ("on", "on", "ADP", "IN", 5, "prep"),
    ("behalf", "behalf", "NOUN", "NN", 8, "pobj"),
    ("of", "of", "ADP", "IN", 9, "prep"),
    ("the", "the", "DET", "DT", 12, "det"),
    ("Council", "Council", "PROPN", "NNP", 10, "pobj"),
    (".", ".", "PUNCT", ".", 5, "punct"),
]


def test_a_contractor_running_a_service_works_with_the_report_body():
    board = build(USING[:6], [(2, 5, COUNCIL, "Elmford Parish Council")])
    tokens = USING[:6] + [(w, lem, p, t, h + 6, d) for w, lem, p, t, h, d in OPERATED]
    mentions = [(2, 5, COUNCIL, "Elmford Parish Council"), (13, 14, ORGANISATION, "Fitco")]
    ctx = {"id": "t", "chair": None, "board": "Elmford Parish Council"}
    assert board is not None
    assert pairs(build(tokens, mentions, ctx)) == {ww("Elmford Parish Council", "Fitco")}


# "Cllr Ann Lee reported the potholes. She has also spoken to Tom Hart."
SPOKEN = [
    ("Cllr", "Cllr", "PROPN", "NNP", 2, "compound"),
    ("Ann", "Ann", "PROPN", "NNP", 2, "compound"),
    ("Lee", "Lee", "PROPN", "NNP", 3, "nsubj"),
    ("reported", "report", "VERB", "VBD", 3, "ROOT"),
    ("the", "the", "DET", "DT", 5, "det"),
    ("potholes", "pothole", "NOUN", "NNS", 3, "dobj"),
    (".", ".", "PUNCT", ".", 3, "punct"),
    ("She", "she", "PRON", "PRP", 10, "nsubj"),
    ("has", "have", "AUX", "VBZ", 10, "aux"),
    ("also", "also", "ADV", "RB", 10, "advmod"),
    ("spoken", "speak", "VERB", "VBN", 10, "ROOT"),
    ("to", "to", "ADP", "IN", 10, "prep"),
    ("Tom", "Tom", "PROPN", "NNP", 13, "compound"),
    ("Hart", "Hart", "PROPN", "NNP", 11, "pobj"),
    (".", ".", "PUNCT", ".", 10, "punct"),
]


def test_she_opening_a_sentence_is_the_person_before_and_spoke_to_is_interaction():
    doc = build(SPOKEN, [(1, 3, PERSON, "Ann Lee"), (12, 14, PERSON, "Tom Hart")])
    assert pronoun_referents(doc, list(doc.spans["bg"]), {1: 0, 2: 0, 12: 1, 13: 1}) == {7: 0}
    assert pairs(doc) == {ww("Ann Lee", "Tom Hart")}


# "Ann Lee will lead . Tom Hart will assist him ."
ASSIST = [
    ("Ann", "Ann", "PROPN", "NNP", 1, "compound"),
    ("Lee", "Lee", "PROPN", "NNP", 3, "nsubj"),
    ("will", "will", "AUX", "MD", 3, "aux"),
    ("lead", "lead", "VERB", "VB", 3, "ROOT"),
    (".", ".", "PUNCT", ".", 3, "punct"),
    ("Tom", "Tom", "PROPN", "NNP", 6, "compound"),
    ("Hart", "Hart", "PROPN", "NNP", 8, "nsubj"),
    ("will", "will", "AUX", "MD", 8, "aux"),
    ("assist", "assist", "VERB", "VB", 8, "ROOT"),
    ("him", "he", "PRON", "PRP", 8, "dobj"),
    (".", ".", "PUNCT", ".", 8, "punct"),
]


def test_an_object_pronoun_is_the_subject_of_the_sentence_before():
    doc = build(ASSIST, [(0, 2, PERSON, "Ann Lee"), (5, 7, PERSON, "Tom Hart")])
    assert pronoun_referents(doc, list(doc.spans["bg"]), {0: 0, 1: 0, 5: 1, 6: 1}) == {9: 0}
    assert pairs(doc) == {ww("Ann Lee", "Tom Hart")}
    # "her" as a possessive is nobody's object
    poss = [
        (w, lem, p, "PRP$", h, "poss") if w == "him" else (w, lem, p, t, h, d)
        for w, lem, p, t, h, d in ASSIST
    ]
    doc = build(poss, [(0, 2, PERSON, "Ann Lee"), (5, 7, PERSON, "Tom Hart")])
    assert pronoun_referents(doc, list(doc.spans["bg"]), {0: 0, 1: 0, 5: 1, 6: 1}) == {}


# "We have applied to the Green Roofs Fund."
APPLIED = [
    ("We", "we", "PRON", "PRP", 2, "nsubj"),
    ("have", "have", "AUX", "VBP", 2, "aux"),
    ("applied", "apply", "VERB", "VBN", 2, "ROOT"),
    ("to", "to", "ADP", "IN", 2, "prep"),
    ("the", "the", "DET", "DT", 7, "det"),
    ("Green", "Green", "PROPN", "NNP", 7, "compound"),
    ("Roofs", "Roofs", "PROPN", "NNP", 7, "compound"),
    ("Fund", "Fund", "PROPN", "NNP", 3, "pobj"),
    (".", ".", "PUNCT", ".", 2, "punct"),
]


def test_the_board_applies_to_a_fund():
    tokens = USING[:6] + [(w, lem, p, t, h + 6, d) for w, lem, p, t, h, d in APPLIED]
    mentions = [(2, 5, COUNCIL, "Elmford Parish Council"), (11, 14, PROGRAMME, "Green Roofs Fund")]
    ctx = {"id": "t", "chair": None, "board": "Elmford Parish Council"}
    assert pairs(build(tokens, mentions, ctx)) == {
        (PARTICIPATES, ("Elmford Parish Council", "Green Roofs Fund"))
    }


# "Ashby Council took part in Alpha and Tarn Council hosted Beta."
TWO_CLAUSES = [
    ("Ashby", "Ashby", "PROPN", "NNP", 1, "compound"),
    ("Council", "Council", "PROPN", "NNP", 2, "nsubj"),
    ("took", "take", "VERB", "VBD", 2, "ROOT"),
    ("part", "part", "NOUN", "NN", 2, "dobj"),
    ("in", "in", "ADP", "IN", 3, "prep"),
    ("Alpha", "Alpha", "PROPN", "NNP", 4, "pobj"),
    ("and", "and", "CCONJ", "CC", 2, "cc"),
    ("Tarn", "Tarn", "PROPN", "NNP", 8, "compound"),
    ("Council", "Council", "PROPN", "NNP", 9, "nsubj"),
    ("hosted", "host", "VERB", "VBD", 2, "conj"),
    ("Beta", "Beta", "PROPN", "NNP", 9, "dobj"),
    (".", ".", "PUNCT", ".", 2, "punct"),
]


def test_each_council_takes_part_in_the_programme_of_its_own_clause():
    mentions = [
        (0, 2, COUNCIL, "Ashby Council"),
        (5, 6, PROGRAMME, "Alpha"),
        (7, 9, COUNCIL, "Tarn Council"),
        (10, 11, PROGRAMME, "Beta"),
    ]
    got = {p for p in pairs(build(TWO_CLAUSES, mentions)) if p[0] == PARTICIPATES}
    assert got == {(PARTICIPATES, ("Ashby Council", "Alpha")), (PARTICIPATES, ("Tarn Council", "Beta"))}


def test_rules_are_small_named_functions():
    assert all(callable(r) and r.__doc__ for r in RELATION_RULES)
    assert {"with_company", "joint_subject", "hired_for_body", "served_by", "participation"} <= {
        r.__name__ for r in RELATION_RULES
    }


# ---------------------------------------------------------------- the real pipeline


@pytest.fixture(scope="module")
def nlp():
    from boardgraph.nlp.pipeline import load_pipeline

    return load_pipeline()


CHAIR = "Mary Example"


def relations_of(nlp, text: str, board: str | None = None, date: str = "2015-06-01", **ctx) -> list:
    """(kind, names in argument order) of each relation the pipeline finds in ``text``; the
    chair is "Mary Example" where the text names her, the board the given name at the top."""
    context: dict = {"id": "t", "chair": None, "date": date, **ctx}
    if CHAIR in text:
        at = text.index(CHAIR)
        context.update(chair=CHAIR, chair_span=[at, at + len(CHAIR)])
    if board is not None:
        context.update(board=board, board_span=[0, len(board)] if text.startswith(board) else None)
    doc = nlp.make_doc(text)
    doc._.bg_context = context
    doc = nlp(doc)
    spans = list(doc.spans["bg"])
    return [(r["kind"], tuple(spans[a]._.bg_name for a in r["args"])) for r in doc._.bg_relations]


def worked_with_sets(nlp, text: str, **kw) -> list[set[str]]:
    return [set(names) for kind, names in relations_of(nlp, text, **kw) if kind == WORKED_WITH]


def test_the_component_declares_what_it_needs_and_sets(nlp):
    analysis = nlp.analyze_pipes()
    assert not analysis["problems"].get("bg_relations")
    assert "doc._.bg_relations" in analysis["summary"]["bg_relations"]["assigns"]


def test_lexicons_come_from_the_config(nlp):
    lex = nlp.get_pipe("bg_relations").lex
    assert "liaise" in lex.comitative_heads and "nominate" in lex.not_joint and "we" in lex.author_pronouns


def test_liaise_with_a_firm_through_the_pipeline(nlp):
    doc = nlp.make_doc("Cllr Dai Rhys would liaise with Benchworks Ltd about the new bench.")
    doc._.bg_context = {"id": "t", "chair": None, "date": "2020-01-01"}
    doc = nlp(doc)
    spans = list(doc.spans["bg"])
    found = [sorted(spans[a]._.bg_name for a in r["args"]) for r in doc._.bg_relations]
    assert any("Dai Rhys" in f and any("Benchworks" in n for n in f) for f in found), found


def _after_header(tokens: list[Tok]) -> list[Tok]:
    """ "Minutes of Elmford Parish Council." then ``tokens`` (heads relative to their start)."""
    return USING[:6] + [(w, lem, p, t, h + 6, d) for w, lem, p, t, h, d in tokens]


PARISH = {"id": "t", "chair": None, "board": "Elmford Parish Council"}

# "Our contractor, Dan Moss has cut the reeds."
CONTRACTOR = [
    ("Our", "our", "PRON", "PRP$", 1, "poss"),
    ("contractor", "contractor", "NOUN", "NN", 7, "nsubj"),
    (",", ",", "PUNCT", ",", 1, "punct"),
    ("Dan", "Dan", "PROPN", "NNP", 4, "compound"),
    ("Moss", "Moss", "PROPN", "NNP", 1, "appos"),
    ("has", "have", "AUX", "VBZ", 7, "aux"),
    ("now", "now", "ADV", "RB", 7, "advmod"),
    ("cut", "cut", "VERB", "VBN", 7, "ROOT"),
    ("the", "the", "DET", "DT", 9, "det"),
    ("reeds", "reed", "NOUN", "NNS", 7, "dobj"),
    (".", ".", "PUNCT", ".", 7, "punct"),
]


def test_our_contractor_works_with_the_body():
    mentions = [(2, 5, COUNCIL, "Elmford Parish Council"), (9, 11, PERSON, "Dan Moss")]
    assert pairs(build(_after_header(CONTRACTOR), mentions, PARISH)) == {
        ww("Elmford Parish Council", "Dan Moss")
    }


# "Meetings attended" / "Cllr Ann Lee, Leader of Oxbury Council"
MEETINGS = [
    ("Meetings", "meeting", "NOUN", "NNS", 1, "nsubj"),
    ("attended", "attend", "VERB", "VBD", 1, "ROOT"),
    ("Cllr", "Cllr", "PROPN", "NNP", 4, "compound"),
    ("Ann", "Ann", "PROPN", "NNP", 4, "compound"),
    ("Lee", "Lee", "PROPN", "NNP", 4, "ROOT"),
    (",", ",", "PUNCT", ",", 4, "punct"),
    ("Leader", "leader", "PROPN", "NNP", 4, "appos"),
    ("of", "of", "ADP", "IN", 6, "prep"),
    ("Oxbury", "Oxbury", "PROPN", "NNP", 9, "compound"),
    ("Council", "Council", "PROPN", "NNP", 7, "pobj"),
]


def test_an_item_under_a_meetings_heading_met_the_author():
    item = [(3, 5, PERSON, "Ann Lee"), (8, 10, COUNCIL, "Oxbury Council")]
    # with no chair or board known there is no author to pair with
    assert pairs(build(MEETINGS, item)) == set()
    header = [
        ("Jo", "Jo", "PROPN", "NNP", 1, "compound"),
        ("Chair", "Chair", "PROPN", "NNP", 1, "ROOT"),
        (".", ".", "PUNCT", ".", 1, "punct"),
    ]
    tokens = header + [(w, lem, p, t, h + 3, d) for w, lem, p, t, h, d in MEETINGS]
    doc = build(tokens, [(0, 2, PERSON, "Jo Chair"), *[(s + 3, e + 3, lab, n) for s, e, lab, n in item]])
    doc.spans["bg"][0]._.bg_chair = True
    # the council in the item is the person's role, not a second party
    assert pairs(doc) == {ww("Jo Chair", "Ann Lee")}


def test_we_in_a_committee_report_is_not_guessed():
    committee = [
        ("Minutes", "minute", "NOUN", "NNS", 0, "ROOT"),
        ("of", "of", "ADP", "IN", 0, "prep"),
        ("Elmford", "Elmford", "PROPN", "NNP", 4, "compound"),
        ("Housing", "Housing", "PROPN", "NNP", 4, "compound"),
        ("Committee", "Committee", "PROPN", "NNP", 1, "pobj"),
        (".", ".", "PUNCT", ".", 0, "punct"),
    ]
    tokens = committee + USING[6:]
    mentions = [
        (2, 5, ORGANISATION, "Elmford Housing Committee"),
        (10, 12, PERSON, "Ann Lee"),
        (13, 15, ORGANISATION, "Lee Legal"),
    ]
    assert (
        pairs(build(tokens, mentions, {"id": "t", "chair": None, "board": "Elmford Housing Committee"}))
        == set()
    )


@pytest.mark.parametrize(
    ("rule", "trigger", "kind"),
    [
        ("comitative", "liaise with", "liaised"),
        ("comitative", "met with", "met"),
        ("comitative", "conjunction with", "jointly"),
        ("engaged", "using", "engaged"),
        ("served-by", "operated by", "engaged"),
        ("interaction-object", "visited", "visited"),
        ("joint-subject", "draft", "jointly"),
        ("reciprocal", "teamed", "partnered"),
    ],
)
def test_each_collaboration_records_its_kind(rule, trigger, kind):
    from boardgraph.graph.relate import relation_kind

    assert relation_kind(rule, trigger) == kind


def test_the_graph_carries_the_kind():
    import datetime as dt

    from boardgraph.graph.rdf import relation_type
    from boardgraph.model import Relation
    from boardgraph.model import Span as CharSpan

    rel = Relation(
        WORKED_WITH, ("a", "b"), "r", dt.date(2020, 1, 1), "liaise with", CharSpan(0, 5), "x", "liaised"
    )
    assert relation_type(rel) == "liaised"


@pytest.mark.parametrize(
    ("item", "expected"),
    [
        (
            "This paper was prepared in conjunction with the Home Office.",
            ("Elmford Borough Council", "Home Office"),
        ),
        ("Met with Cllr Ann Lee to discuss housing.", ("Mary Example", "Ann Lee")),
        # a verbless heading in minutes says nothing of the author
        ("Training session with Cllr Ann Lee", None),
        # items of the author's own list ("Since the last meeting I have:")
        (
            "Since the last meeting I have:\n- attended the summit with Cllr Ann Lee;",
            ("Mary Example", "Ann Lee"),
        ),
        (
            "Since the last meeting I have:\n"
            "- met the Chief Executive of Northfield Homes, Tom Hart, about housing;",
            ("Mary Example", "Tom Hart"),
        ),
        (
            "Since the last meeting I have:\n- hosted a visit by the Minister for Housing, Tom Hart MP;",
            ("Mary Example", "Tom Hart"),
        ),
    ],
)
def test_the_author_acts_where_nobody_is_named(nlp, item, expected):
    board = "Elmford Borough Council"
    text = f"{board}\n\nReport of Cllr Mary Example (Chair)\n\n" + item
    found = [names for _kind, names in relations_of(nlp, text, board=board)]
    assert found == ([expected] if expected else []), found


def test_every_item_under_a_meetings_heading_met_the_author(nlp):
    text = (
        "Report of Cllr Mary Example (Chair)\n\nMeetings attended\n\n"
        "- Northfield Homes board, 14 June\n- Meeting with Cllr Ann Lee, 20 June\n"
    )
    found = {name for _kind, names in relations_of(nlp, text) for name in names}
    assert {"Mary Example", "Ann Lee"} <= found, found


def test_a_body_heading_an_item_is_not_taking_part(nlp):
    doc = nlp.make_doc("Tourism Forum - Elmford Borough Council are organising the Shop Local Week Project.")
    doc._.bg_context = {"id": "t", "chair": None, "date": "2020-01-01"}
    doc = nlp(doc)
    spans = list(doc.spans["bg"])
    members = {spans[r["args"][0]]._.bg_name for r in doc._.bg_relations if r["kind"] == PARTICIPATES}
    assert any("Elmford" in m for m in members) and not any("Forum" in m for m in members), members


def _run_in_board(nlp, text: str) -> list[tuple[str, list[str]]]:
    doc = nlp.make_doc(text)
    doc._.bg_context = {"id": "t", "chair": None, "board": "Elmford Parish Council", "date": "2021-01-01"}
    doc = nlp(doc)
    spans = list(doc.spans["bg"])
    return [(r["rule"], sorted(spans[a].text for a in r["args"])) for r in doc._.bg_relations]


def test_the_boards_own_kind_of_council_is_the_board_and_its_solicitor_firm_too(nlp):
    found = _run_in_board(
        nlp,
        "Minutes of Elmford Parish Council.\n\nAfter discussion it was resolved to use a new solicitor,"
        " the \nParish Council will be using Alex Quaile of Brannick and Tovey of Ashby.",
    )
    assert ("engaged", ["Alex Quaile", "Elmford Parish Council"]) in found, found
    assert ("engaged", ["Brannick and Tovey", "Elmford Parish Council"]) in found, found
    # another tier of council is not the board
    other = "Minutes of Elmford Parish Council.\n\nThe County Council will be using Alex Quaile."
    assert _run_in_board(nlp, other) == []


def test_a_firm_in_apposition_managing_a_project_works_for_the_board(nlp):
    text = "Minutes of Elmford Parish Council.\n\nThe work is project managed by local firm, Brannick Tovey."
    doc = nlp.make_doc(text)
    doc._.bg_context = {"id": "t", "chair": None, "board": "Elmford Parish Council", "date": "2021-01-01"}
    doc = nlp(doc)
    spans = list(doc.spans["bg"])
    firm = [s for s in spans if s.text == "Brannick Tovey"]
    assert firm and firm[0].label_ == ORGANISATION
    found = [sorted(spans[a].text for a in r["args"]) for r in doc._.bg_relations]
    assert ["Brannick Tovey", "Elmford Parish Council"] in found, found


def test_role_holders_named_after_a_comma_are_the_parties(nlp):
    # the parser hangs these names anywhere; the words say whose role it is
    text = (
        "Along with the Chief Executive, Tom Hart, I met the Chair of Northfield Homes, Lord Pike, "
        "on 7 August to discuss the Bill."
    )
    found = worked_with_sets(nlp, text)
    assert {"Tom Hart", "Pike"} in found, found  # a peer goes by the title's name
    assert not [p for p in found if "Northfield Homes" in p], found


@pytest.mark.parametrize(
    ("text", "pair"),
    [
        # the company of an unnamed "I" met the partner too
        (
            "I met with the Minister for Roads, Tom Hart MP, on 6 January, together with Councillor "
            "Ann Lee, Leader of Northfield Borough Council, to press our case.",
            {"Tom Hart", "Ann Lee"},
        ),
        # the manner phrase belongs to the verb, wherever the parser hangs it
        (
            "Elmford Borough Council will deliver the first schemes in partnership with Northfield Homes.",
            {"Elmford Borough Council", "Northfield Homes"},
        ),
        # an agreement is made by its parties together
        (
            "Elmford Borough Council has signed a memorandum of understanding with the Northfield Trust.",
            {"Elmford Borough Council", "Northfield Trust"},
        ),
    ],
)
def test_parties_acting_together_in_other_bodies_reports(nlp, text, pair):
    found = worked_with_sets(nlp, text)
    assert any(pair <= f for f in found), found


def test_offices_of_several_words_stand_for_their_holders_and_questions_say_nothing(nlp):
    text = (
        "Also present: Mrs R Tamsin (Police and Crime Commissioner) and Mr A Pike (Chief Constable).\n\n"
        "The Commissioner introduced her budget. She explained that she had met with the Chief "
        "Constable and the district councils. Mr Gates asked whether the Commissioner had worked "
        "with Northfield Fire Service."
    )
    found = worked_with_sets(nlp, text)
    assert {"R Tamsin", "A Pike"} in found, found
    assert not [f for f in found if "Northfield Fire Service" in f], found


def test_a_deputys_office_is_not_the_office():
    from spacy.lang.en import English

    doc = English()("Cllr Ann Lee (Vice-Chairman) and the Police and Crime Commissioner and Cllr Bo")
    from boardgraph.nlp.components.relations import office_at, offices

    roles = offices(["chairman chair", "vice-chairman vice-chair", "commissioner commissioner"])
    assert office_at(doc, 4, roles)[0] == "vice-chair"
    start = next(t.i for t in doc if t.text == "Police")
    office, end = office_at(doc, start, roles)
    assert office == "commissioner" and doc[end - 1].text == "Commissioner"


@pytest.mark.parametrize(
    ("item", "expected"),
    [
        (
            "I was pleased to welcome Sir Tom Hart to our Board meeting on 4 May.",
            {"Mary Example", "Tom Hart"},
        ),
        # a new member greeted is not a meeting
        ("We were happy to welcome Tom Hart to our group.", None),
        # the board's own officers act for it
        (
            "Officers have been working with the Home Office on the guidance.",
            {"Elmford Borough Council", "Home Office"},
        ),
    ],
)
def test_guests_and_own_officers(nlp, item, expected):
    board = "Elmford Borough Council"
    text = f"{board}\n\nReport of Cllr Mary Example (Chair)\n\n" + item
    found = worked_with_sets(nlp, text, board=board, board_type="Council")
    assert (found == []) if expected is None else (expected in found), found


def test_rows_of_a_meetings_table_met_the_author_and_a_post_before_a_name(nlp):
    text = (
        "Report of Cllr Mary Example (Chair)\n\nKey meetings and engagements\n\n"
        "Date          Meeting\n"
        "18 June       Northfield Homes board\n"
        "2 July        Call with Cllr Ann Lee, Leader of Tarnby Council\n\n"
        "Diary highlights\n- Roundtable with the Chief Constable, Tom Hartfield\n"
    )
    found = worked_with_sets(nlp, text)
    assert {"Mary Example", "Ann Lee"} in found, found
    assert {"Mary Example", "Tom Hartfield"} in found, found


def test_items_after_a_lead_in_are_the_authors_meetings_with_everyone_they_name(nlp):
    text = (
        "Report of Cllr Mary Example, Chair\n\n"
        "1. Since the last meeting I have attended a number of meetings and events, including:\n\n"
        "1.1 A meeting with the Minister for Roads, Tom Hart MP, on 3 March, with the Vice-Chairs, "
        "Cllr Ann Lee and Cllr Bo Pike.\n\n"
        "1.2 The Northfield Homes conference, where I spoke about housing.\n\n"
        "1.3 A roundtable on adult social care with the Chair of the Care Council, Sam Tully.\n"
    )
    found = worked_with_sets(nlp, text)
    assert {"Mary Example", "Tom Hart", "Ann Lee", "Bo Pike"} in found, found
    # an item whose verb stands only in a clause of its own does not end the list
    assert {"Mary Example", "Sam Tully"} in found, found
