"""Resolution: which mentions, within and across reports, are one entity.

Reports are built by hand from Mention records (no NLP), so each rule is
tested on its own: surnames and full names, namesakes kept apart with a note,
a peer and a councillor of one surname, acronyms, renamed bodies, programmes
with and without their head word.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from boardgraph.graph.resolve import Resolver, programme_core, signature
from boardgraph.model import (
    COUNCIL,
    ORGANISATION,
    PERSON,
    PROGRAMME,
    ExtractedReport,
    Mention,
    ReportMeta,
    SourceDocument,
    Span,
)


def mention(
    rid: str,
    type_: str,
    name: str,
    text: str | None = None,
    titles: tuple[str, ...] = (),
    acronym: str | None = None,
    rule: str = "test",
    key: str | None = None,
) -> Mention:
    text = text or name
    return Mention(
        report_id=rid,
        span=Span(0, len(text)),
        text=text,
        type=type_,
        name=name,
        sentence=Span(0, 1),
        titles=titles,
        rule=rule,
        key=key,
        acronym=acronym,
    )


def report(
    rid: str,
    mentions: list[Mention],
    day: dt.date | None = dt.date(2015, 1, 1),
    board: str | None = None,
    text: str = "x",
) -> ExtractedReport:
    doc = SourceDocument(
        path=Path(f"{rid}.txt"), identifier=rid, format="txt", raw_text=text, text=text, sha256="0"
    )
    return ExtractedReport(
        document=doc, meta=ReportMeta(identifier=rid, date=day, board=board), mentions=mentions
    )


BOARD = "Coastal Towns Board"  # one issuing body for reports that must resolve together


@pytest.fixture(scope="module")
def resolver() -> Resolver:
    return Resolver()


def resolve(resolver: Resolver, reports: list[ExtractedReport]):
    entities, mention_entity, _ = resolver.resolve(reports)
    return entities, mention_entity


def same(mention_entity, a: tuple[str, int], b: tuple[str, int]) -> bool:
    return mention_entity[a] == mention_entity[b]


# ---------------------------------------------------------------- people


def test_surname_joins_full_name_in_the_same_report(resolver):
    r = report(
        "r1",
        [
            mention("r1", PERSON, "Helen Marsh", "Cllr Helen Marsh", ("Cllr",)),
            mention("r1", PERSON, "Marsh", "Councillor Marsh", ("Councillor",)),
        ],
    )
    entities, me = resolve(resolver, [r])
    assert same(me, ("r1", 0), ("r1", 1))
    ent = entities[me[("r1", 0)]]
    assert ent.label == "Helen Marsh" and "Councillor Marsh" in ent.alt_labels
    assert any("only person with surname Marsh in the same report" in n for n in ent.notes)


def test_surname_joins_full_name_across_reports_of_one_body(resolver):
    a = report("a", [mention("a", PERSON, "Helen Marsh", "Cllr Helen Marsh", ("Cllr",))], board=BOARD)
    b = report("b", [mention("b", PERSON, "Marsh", "Cllr Marsh", ("Cllr",))], board=BOARD)
    entities, me = resolve(resolver, [a, b])
    assert same(me, ("a", 0), ("b", 0))
    assert any("in reports of the same body" in n for n in entities[me[("a", 0)]].notes)


def test_surname_in_another_body_is_a_doubt_not_a_merge():
    # the only Marsh in the corpus, but named in another body's report: a reviewer decides
    resolver = Resolver()
    a = report("a", [mention("a", PERSON, "Helen Marsh", "Cllr Helen Marsh", ("Cllr",))], board=BOARD)
    b = report("b", [mention("b", PERSON, "Marsh", "Cllr Marsh", ("Cllr",))], board="Fenland Parish Council")
    _, me = resolve(resolver, [a, b])
    assert not same(me, ("a", 0), ("b", 0))
    (doubt,) = resolver.possible_same
    assert {doubt.a, doubt.b} == {me[("a", 0)], me[("b", 0)]}
    assert 0 < doubt.score < 1 and "different bodies" in doubt.reason


def test_namesakes_stay_apart_with_a_note(resolver):
    a = report("a", [mention("a", PERSON, "Helen Marsh", titles=("Cllr",))], board=BOARD)
    b = report("b", [mention("b", PERSON, "Peter Marsh", titles=("Cllr",))], board=BOARD)
    c = report("c", [mention("c", PERSON, "Marsh", "Cllr Marsh", ("Cllr",))], board=BOARD)
    entities, me = resolve(resolver, [a, b, c])
    assert len({me[("a", 0)], me[("b", 0)], me[("c", 0)]}) == 3
    note = " ".join(entities[me[("c", 0)]].notes)
    assert "left apart" in note and "2 people with surname Marsh" in note


def test_surname_prefers_the_full_name_in_its_own_report(resolver):
    a = report("a", [mention("a", PERSON, "Helen Marsh", titles=("Cllr",))])
    b = report(
        "b",
        [
            mention("b", PERSON, "Peter Marsh", titles=("Cllr",)),
            mention("b", PERSON, "Marsh", "Cllr Marsh", ("Cllr",)),
        ],
    )
    _, me = resolve(resolver, [a, b])
    assert same(me, ("b", 0), ("b", 1)) and not same(me, ("a", 0), ("b", 1))


def test_peer_and_councillor_of_one_surname_stay_apart(resolver):
    a = report("a", [mention("a", PERSON, "Ian Kenton", "Cllr Ian Kenton", ("Cllr",))])
    b = report("b", [mention("b", PERSON, "Kenton", "Lord Kenton", ("Lord",))])
    entities, me = resolve(resolver, [a, b])
    assert not same(me, ("a", 0), ("b", 0))
    assert entities[me[("b", 0)]].label == "Lord Kenton"


def test_peer_surname_joins_the_peer(resolver):
    a = report(
        "a",
        [
            mention("a", PERSON, "Kenton", "Lord Kenton of Eastmoor", ("Lord",)),
            mention("a", PERSON, "Ann Kenton", "Baroness Ann Kenton", ("Baroness",)),
        ],
    )
    _, me = resolve(resolver, [a])
    assert same(me, ("a", 0), ("a", 1))


# ---------------------------------------------------------------- bodies


def test_acronym_defined_joins_its_expansion_across_reports(resolver):
    a = report("a", [mention("a", ORGANISATION, "Rural Services Network", acronym="RSN")])
    b = report("b", [mention("b", ORGANISATION, "RSN", rule="acronym")])
    entities, me = resolve(resolver, [a, b])
    assert same(me, ("a", 0), ("b", 0))
    assert entities[me[("a", 0)]].label == "Rural Services Network"


def test_acronym_by_initials_when_only_one_name_fits(resolver):
    a = report("a", [mention("a", ORGANISATION, "Valuation Office Agency")], board=BOARD)
    b = report("b", [mention("b", ORGANISATION, "VOA", rule="acronym")], board=BOARD)
    _, me = resolve(resolver, [a, b])
    assert same(me, ("a", 0), ("b", 0))


def test_acronym_by_initials_in_another_body_is_a_doubt():
    # "NAL" in one body's minutes, "Northshire Association of Landlords" in another's:
    # the initials fit, but a national body may have the same ones
    resolver = Resolver()
    a = report("a", [mention("a", ORGANISATION, "Northshire Association of Landlords")], board=BOARD)
    b = report("b", [mention("b", ORGANISATION, "NAL", rule="acronym")], board="Fenland Parish Council")
    _, me = resolve(resolver, [a, b])
    assert not same(me, ("a", 0), ("b", 0))
    assert [("acronym NAL" in d.reason) for d in resolver.possible_same] == [True]


def test_acronym_by_initials_ambiguous_stays_apart(resolver):
    a = report(
        "a",
        [
            mention("a", ORGANISATION, "Valuation Office Agency"),
            mention("a", ORGANISATION, "Veterans Outreach Alliance"),
        ],
    )
    b = report("b", [mention("b", ORGANISATION, "VOA", rule="acronym")])
    _, me = resolve(resolver, [a, b])
    assert not same(me, ("a", 0), ("b", 0)) and not same(me, ("a", 1), ("b", 0))


def test_council_acronym_joins_the_only_council_with_those_initials(resolver):
    a = report("a", [mention("a", COUNCIL, "Scottish Borders Council", key="SCB", rule="register-council")])
    b = report("b", [mention("b", ORGANISATION, "SBC", rule="acronym")])
    entities, me = resolve(resolver, [a, b])
    assert same(me, ("a", 0), ("b", 0))
    assert entities[me[("b", 0)]].type == COUNCIL


def test_renamed_board_is_one_body(resolver):
    a = report("a", [mention("a", ORGANISATION, "Housing Programme Board")], dt.date(2011, 1, 1), BOARD)
    b = report("b", [mention("b", ORGANISATION, "Housing Board")], dt.date(2012, 1, 1), BOARD)
    c = report("c", [mention("c", ORGANISATION, "Housing & Planning Board")], dt.date(2014, 1, 1), BOARD)
    entities, me = resolve(resolver, [a, b, c])
    assert same(me, ("a", 0), ("b", 0)) and same(me, ("b", 0), ("c", 0))
    assert any("taken as one body" in n for n in entities[me[("a", 0)]].notes)


def test_a_body_with_and_without_its_nation_is_one_body(resolver):
    names = ["Crafts Council England", "Crafts Council"]
    a = report("a", [mention("a", ORGANISATION, n) for n in names])
    b = report("b", [mention("b", ORGANISATION, "Sport England"), mention("b", ORGANISATION, "Sport Wales")])
    _, me = resolve(resolver, [a, b])
    assert same(me, ("a", 0), ("a", 1))
    assert not same(me, ("b", 0), ("b", 1))


def test_different_boards_stay_apart(resolver):
    a = report(
        "a", [mention("a", ORGANISATION, "Housing Board"), mention("a", ORGANISATION, "Children's Board")]
    )
    _, me = resolve(resolver, [a])
    assert not same(me, ("a", 0), ("a", 1))


def test_councils_are_one_per_register_code(resolver):
    a = report("a", [mention("a", COUNCIL, "Leeds City Council", key="LDS")])
    b = report("b", [mention("b", COUNCIL, "Leeds City Council", "Leeds", key="LDS")])
    entities, me = resolve(resolver, [a, b])
    ent = entities[me[("a", 0)]]
    assert same(me, ("a", 0), ("b", 0)) and ent.gss == "E08000035" and ent.code == "LDS"


# ---------------------------------------------------------------- programmes


def test_programme_with_and_without_head(resolver):
    a = report("a", [mention("a", PROGRAMME, "Digital Pathways")])
    b = report("b", [mention("b", PROGRAMME, "Digital Pathways Programme")])
    _, me = resolve(resolver, [a, b])
    assert same(me, ("a", 0), ("b", 0))


def test_programme_extended_name(resolver):
    a = report(
        "a",
        [
            mention("a", PROGRAMME, "Coastal Renewal"),
            mention("a", PROGRAMME, "Coastal Renewal Innovation Programme"),
        ],
    )
    _, me = resolve(resolver, [a])
    assert same(me, ("a", 0), ("a", 1))


def test_different_programmes_stay_apart(resolver):
    a = report("a", [mention("a", PROGRAMME, "Digital Pathways"), mention("a", PROGRAMME, "Green Pathways")])
    _, me = resolve(resolver, [a])
    assert not same(me, ("a", 0), ("a", 1))


def test_helpers():
    assert signature("LG Group") == "LGG" and signature("Local Government Group") == "LGG"
    assert programme_core("the Digital Pathways Programme") == programme_core("Digital Pathways")
    assert programme_core("Digital Pathways Programme") == "digital pathway"  # keys are singular


def test_accented_and_plain_spelling_are_one_person(resolver):
    a = report("a", [mention("a", PERSON, "Andr\u00e9 Marsh")])
    b = report("b", [mention("b", PERSON, "Andre Marsh")])
    _, me = resolve(resolver, [a, b])
    assert same(me, ("a", 0), ("b", 0))


# ---------------------------------------------------------------- context first: people


def test_same_surname_in_two_bodies_is_two_people():
    # "Cllr Quill" of a national board and "County Cllr Quill" in parish minutes: a doubt
    resolver = Resolver()
    a = report("a", [mention("a", PERSON, "Quill", "Councillor Quill", ("Councillor",))], board=BOARD)
    b = report(
        "b",
        [mention("b", PERSON, "Quill", "County Cllr Quill", ("County", "Cllr"))],
        board="Fenland Parish Council",
    )
    _, me = resolve(resolver, [a, b])
    assert not same(me, ("a", 0), ("b", 0))
    assert len(resolver.possible_same) == 1 and "Quill" in resolver.possible_same[0].reason


def test_same_surname_in_reports_of_one_body_is_one_person(resolver):
    a = report("a", [mention("a", PERSON, "Quill", "Cllr Quill", ("Cllr",))], board=BOARD)
    b = report("b", [mention("b", PERSON, "Quill", "Cllr Quill", ("Cllr",))], board=BOARD)
    _, me = resolve(resolver, [a, b])
    assert same(me, ("a", 0), ("b", 0))


def test_surname_never_joins_a_peer_of_another_body():
    resolver = Resolver()
    a = report("a", [mention("a", PERSON, "Orla Fenn", "Orla Fenn")], board="Fenland Parish Council")
    b = report("b", [mention("b", PERSON, "Fenn", "Lord Fenn", ("Lord",))], board=BOARD)
    entities, me = resolve(resolver, [a, b])
    assert not same(me, ("a", 0), ("b", 0))
    assert entities[me[("b", 0)]].label == "Lord Fenn"


def test_spelling_variants_in_one_report_are_one_person(resolver):
    names = ["Clarice Dunmore", "Clarise Dunmore", "Clarice Dunmoore"]
    a = report("a", [mention("a", PERSON, n) for n in names])
    entities, me = resolve(resolver, [a])
    assert same(me, ("a", 0), ("a", 1)) and same(me, ("a", 0), ("a", 2))
    assert any("spelling variant" in n for n in entities[me[("a", 0)]].notes)


def test_short_forms_in_one_body_are_one_person(resolver):
    a = report("a", [mention("a", PERSON, "Susan Pellow")], board=BOARD)
    b = report(
        "b",
        [
            mention("b", PERSON, "Sue Pellow"),
            mention("b", PERSON, "Danny Orme"),
            mention("b", PERSON, "Daniel Orme"),
        ],
        board=BOARD,
    )
    entities, me = resolve(resolver, [a, b])
    assert same(me, ("a", 0), ("b", 0)) and same(me, ("b", 1), ("b", 2))
    assert entities[me[("a", 0)]].label == "Susan Pellow"


def test_variants_that_must_not_merge(resolver):
    a = report(
        "a",
        [
            mention("a", PERSON, "Jan Pellow"),
            mention("a", PERSON, "Jon Pellow"),  # short: no edit distance
            mention("a", PERSON, "Susan Pellow"),
            mention("a", PERSON, "Simon Pellow"),  # different names
            mention("a", PERSON, "Mark Hale"),
            mention("a", PERSON, "Mark Hall"),  # short surnames
        ],
    )
    _, me = resolve(resolver, [a])
    assert len({me[("a", i)] for i in range(6)}) == 6


def test_variants_in_two_bodies_are_a_doubt():
    resolver = Resolver()
    a = report("a", [mention("a", PERSON, "Susan Pellow")], board=BOARD)
    b = report("b", [mention("b", PERSON, "Sue Pellow")], board="Fenland Parish Council")
    _, me = resolve(resolver, [a, b])
    assert not same(me, ("a", 0), ("b", 0))
    assert "short form" in resolver.possible_same[0].reason


def test_initial_and_surname_join_the_full_name_in_context(resolver):
    a = report(
        "a",
        [
            mention("a", PERSON, "Martha Greave"),
            mention("a", PERSON, "M Greave"),
            mention("a", PERSON, "P Greave"),
        ],
    )
    _, me = resolve(resolver, [a])
    assert same(me, ("a", 0), ("a", 1))
    assert not same(me, ("a", 0), ("a", 2))  # another initial: another person


def test_an_initial_joins_the_one_full_name_with_the_same_kind_of_title(resolver):
    a = report(
        "a",
        [
            mention("a", PERSON, "Joel Marsh", "Councillor Joel Marsh", ("Councillor",)),
            mention("a", PERSON, "Jane Marsh", "Mrs Jane Marsh", ("Mrs",)),
            mention("a", PERSON, "J. Marsh", "County Cllr J. Marsh", ("County", "Cllr")),
        ],
    )
    _, me = resolve(resolver, [a])
    assert same(me, ("a", 0), ("a", 2))
    assert not same(me, ("a", 1), ("a", 2))


def test_a_principal_councillor_in_two_parishes_minutes_is_one_person(resolver):
    a = report(
        "a",
        [mention("a", PERSON, "C Marsh", "Borough Councillor C Marsh", ("Borough", "Councillor"))],
        board="Fenland Parish Council",
    )
    b = report(
        "b",
        [mention("b", PERSON, "Colin Marsh", "Borough Councillor Colin Marsh", ("Borough", "Councillor"))],
        board="Tarnby Parish Council",
    )
    c = report(
        "c", [mention("c", PERSON, "C Marsh", "Cllr C Marsh", ("Cllr",))], board="Ashby Parish Council"
    )
    _, me = resolve(resolver, [a, b, c])
    assert same(me, ("a", 0), ("b", 0))
    assert not same(me, ("c", 0), ("b", 0))  # a parish councillor of another parish: only a doubt


def test_full_name_is_one_person_across_bodies(resolver):
    a = report("a", [mention("a", PERSON, "Helen Marsh")], board=BOARD)
    b = report("b", [mention("b", PERSON, "Helen Marsh")], board="Fenland Parish Council")
    _, me = resolve(resolver, [a, b])
    assert same(me, ("a", 0), ("b", 0))


def test_the_council_named_most_is_the_body_when_no_board_is_read(resolver):
    fen = ("Fenland Parish Council", "FEN")
    a = report(
        "a",
        [mention("a", PERSON, "Quill", "Cllr Quill", ("Cllr",))]
        + [mention("a", COUNCIL, fen[0], key=fen[1]) for _ in range(2)],
    )
    b = report(
        "b",
        [mention("b", PERSON, "Quill", "Cllr Quill", ("Cllr",)), mention("b", COUNCIL, fen[0], key=fen[1])],
    )
    _, me = resolve(resolver, [a, b])
    assert same(me, ("a", 0), ("b", 0))


# ---------------------------------------------------------------- initials from a roster


def _roster_report() -> ExtractedReport:
    text = (
        "Present: Orla Fenn (OF), Piers Quill (PQ) Chair.\n"
        "OF asked about the footpath. PQ said it would be mended. Action: OF.\n"
        "The PQ-7 form (not initials) and (OF) in brackets are not uses."
    )
    start = text.index("Orla")
    qs = text.index("Piers")
    mentions = [
        Mention("r", Span(start, start + 9), "Orla Fenn", PERSON, "Orla Fenn", Span(0, 50)),
        Mention("r", Span(qs, qs + 11), "Piers Quill", PERSON, "Piers Quill", Span(0, 50)),
    ]
    rep = report("r", mentions, text=text)
    one, two = text.index("\n") + 1, text.index("The PQ-7")
    rep.sentences = [Span(0, one), Span(one, two), Span(two, len(text))]
    return rep


def test_roster_initials_are_the_person_in_that_report():
    rep = _roster_report()
    entities, me = Resolver().resolve([rep])[:2]
    uses = [(i, m) for i, m in enumerate(rep.mentions) if m.rule.startswith("roster-initials")]
    assert sorted(m.text for _, m in uses) == ["OF", "OF", "PQ"]
    assert all(me[("r", i)] == me[("r", 0 if m.text == "OF" else 1)] for i, m in uses)
    # each use is a mention with its own sentence as evidence
    second = rep.sentences[1]
    assert {m.sentence for _, m in uses} == {second}
    assert all(second.start <= m.span.start < second.end for _, m in uses)
    assert any("initials OF" in n for n in entities[me[("r", 0)]].notes)
    assert "OF" not in entities[me[("r", 0)]].alt_labels  # initials are not a name


def test_roster_initials_twice_for_two_people_resolve_to_neither():
    rep = _roster_report()
    # "PF" fits both names (the first's surname, the second's first name)
    text = rep.document.text.replace("(PQ)", "(PF)").replace("(OF)", "(PF)").replace("PQ said", "PF said")
    rep = report("r", rep.mentions, text=text)
    Resolver().resolve([rep])
    assert not any(m.rule.startswith("roster-initials") for m in rep.mentions)


def test_resolving_twice_adds_no_second_initials():
    rep = _roster_report()
    Resolver().resolve([rep])
    n = len(rep.mentions)
    Resolver().resolve([rep])
    assert len(rep.mentions) == n


# ---------------------------------------------------------------- generic body names


def test_generic_body_names_take_their_owner():
    parish_a = [mention("a", COUNCIL, "Eastmoor Parish Council", key="EAX")] * 2
    parish_b = [mention("b", COUNCIL, "Westmoor Parish Council", key="WEX")] * 2
    a = report("a", [mention("a", ORGANISATION, "Village Hall Committee"), *parish_a])
    b = report("b", [mention("b", ORGANISATION, "Village Hall Committee"), *parish_b])
    entities, me = Resolver().resolve([a, b])[:2]
    assert not same(me, ("a", 0), ("b", 0))
    assert entities[me[("a", 0)]].label == "Eastmoor Village Hall Committee"
    assert entities[me[("b", 0)]].label == "Westmoor Village Hall Committee"
    assert me[("a", 0)] != me[("b", 0)]


def test_generic_body_of_one_owner_in_two_reports_is_one(resolver):
    a = report("a", [mention("a", ORGANISATION, "Planning Committee")], board=BOARD)
    b = report("b", [mention("b", ORGANISATION, "the Planning Committee")], board=BOARD)
    entities, me = resolve(resolver, [a, b])
    assert same(me, ("a", 0), ("b", 0))
    assert entities[me[("a", 0)]].label == "Coastal Towns Planning Committee"


def test_named_bodies_are_not_generic():
    from boardgraph.graph.resolve import is_generic_body

    assert is_generic_body("Village Hall Committee") and is_generic_body("Area Partnership")
    assert is_generic_body("Planning Control Committee")
    assert not is_generic_body("Housing Board")
    assert not is_generic_body("Eastmoor Village Hall Committee")
    assert not is_generic_body("Local Government Group")
    assert not is_generic_body("Committee")


def test_roster_initials_that_are_a_title_are_not_read_as_a_person():
    text = "Present: Mia Penrose (MP).\nThe MP wrote to the Clerk.\n"
    m = Mention("r", Span(9, 20), "Mia Penrose", PERSON, "Mia Penrose", Span(0, 26))
    rep = report("r", [m], text=text)
    Resolver().resolve([rep])
    assert len(rep.mentions) == 1


# ---------------------------------------------------------------- bodies: names and owners


def test_a_club_of_a_place_is_not_the_club_of_another_body():
    resolver = Resolver()
    a = report("a", [mention("a", ORGANISATION, "Eastmoor Park Bowls Club")], board=BOARD)
    b = report("b", [mention("b", ORGANISATION, "Bowls Club")], board="Fenland Parish Council")
    _, me = resolve(resolver, [a, b])
    assert not same(me, ("a", 0), ("b", 0))
    assert "adds its owner" in resolver.possible_same[0].reason
    # in one report it is that club
    c = report(
        "c",
        [mention("c", ORGANISATION, "Eastmoor Park Bowls Club"), mention("c", ORGANISATION, "Bowls Club")],
    )
    _, me = resolve(Resolver(), [c])
    assert same(me, ("c", 0), ("c", 1))


def test_short_name_of_a_body(resolver):
    a = report(
        "a",
        [mention("a", ORGANISATION, "Northbank Building Society"), mention("a", ORGANISATION, "Northbank")],
    )
    _, me = resolve(resolver, [a])
    assert same(me, ("a", 0), ("a", 1))


def test_initials_before_a_board_are_its_owner_not_its_short_name(resolver):
    a = report(
        "a",
        [mention("a", ORGANISATION, "NHA Finance Committee"), mention("a", ORGANISATION, "NHA")],
    )
    _, me = resolve(resolver, [a])
    assert me[("a", 0)] != me[("a", 1)]


@pytest.mark.parametrize(
    ("longer", "same"),
    [("NHA Wales", False), ("NHA Executive", False), ("NHA Systems", True), ("NHA Ltd", True)],
)
def test_initials_before_more_words_are_the_same_body_only_for_a_trade_or_legal_form(resolver, longer, same):
    a = report("a", [mention("a", ORGANISATION, longer), mention("a", ORGANISATION, "NHA")])
    _, me = resolve(resolver, [a])
    assert (me[("a", 0)] == me[("a", 1)]) is same


def test_a_body_named_with_its_place_is_not_the_generic_body_of_another_report(resolver):
    a = report(
        "a", [mention("a", ORGANISATION, "Kent Fire and Rescue Service")], board="Fenland Parish Council"
    )
    b = report("b", [mention("b", ORGANISATION, "Fire Service")], board="Tarnby Parish Council")
    _, me = resolve(resolver, [a, b])
    assert me[("a", 0)] != me[("b", 0)]


def test_short_name_fitting_two_bodies_stays_apart(resolver):
    a = report(
        "a",
        [
            mention("a", ORGANISATION, "Northbank Building Society"),
            mention("a", ORGANISATION, "Northbank Rowing Club"),
            mention("a", ORGANISATION, "Northbank"),
        ],
    )
    _, me = resolve(resolver, [a])
    assert len({me[("a", i)] for i in range(3)}) == 3


def test_council_initials_nearby_for_a_council_the_register_lacks(resolver):
    a = report(
        "a",
        [
            mention("a", COUNCIL, "Eastmoor Community Council"),
            mention("a", ORGANISATION, "ECC", rule="acronym"),
        ],
    )
    _, me = resolve(resolver, [a])
    assert same(me, ("a", 0), ("a", 1))
    # named only in another body's report, those initials may be any council's
    b = report("b", [mention("b", COUNCIL, "Eastmoor Community Council")], board=BOARD)
    c = report("c", [mention("c", ORGANISATION, "ECC", rule="acronym")], board="Fenland Parish Council")
    _, me = resolve(resolver, [b, c])
    assert not same(me, ("b", 0), ("c", 0))


def test_generic_body_named_with_its_owners_initials(resolver):
    owner = "Eastmoor District Council"
    a = report(
        "a",
        [
            mention("a", ORGANISATION, "EDC Licensing Committee"),
            mention("a", ORGANISATION, "Licensing Committee"),
        ],
        board=owner,
    )
    _, me = resolve(resolver, [a])
    assert same(me, ("a", 0), ("a", 1))


def test_generic_bodies_of_one_owner_differ_unless_by_a_filler_word(resolver):
    a = report(
        "a",
        [
            mention("a", ORGANISATION, "Planning Committee"),
            mention("a", ORGANISATION, "Planning Control Committee"),
            mention("a", ORGANISATION, "Village Hall Committee"),
            mention("a", ORGANISATION, "Village Hall Management Committee"),
        ],
        board=BOARD,
    )
    _, me = resolve(resolver, [a])
    assert not same(me, ("a", 0), ("a", 1))
    assert same(me, ("a", 2), ("a", 3))


def test_shared_roster_makes_one_body():
    # two sets of minutes without a header, naming the same three councillors
    names = ["Orme", "Pellow", "Quill"]
    a = report("a", [mention("a", PERSON, n, f"Cllr {n}", ("Cllr",)) for n in names])
    b = report("b", [mention("b", PERSON, n, n) for n in names])
    c = report("c", [mention("c", PERSON, "Quill", "Cllr Quill", ("Cllr",))])
    resolver = Resolver()
    _, me = resolve(resolver, [a, b, c])
    assert all(same(me, ("a", i), ("b", i)) for i in range(3))
    assert not same(me, ("a", 2), ("c", 0))  # one shared name is a coincidence


def test_acronym_with_its_owners_initial(resolver):
    owner = "Eastmoor Parish Council"
    a = report(
        "a",
        [
            mention("a", ORGANISATION, "PCC", rule="acronym"),
            mention("a", ORGANISATION, "EPCC", rule="acronym"),
        ],
        board=owner,
    )
    b = report(
        "b",
        [
            mention("b", ORGANISATION, "WPCC", rule="acronym"),
            mention("b", ORGANISATION, "PCC", rule="acronym"),
        ],
        board="Fenland Parish Council",
    )
    _, me = resolve(resolver, [a, b])
    assert same(me, ("a", 0), ("a", 1))
    assert not same(me, ("b", 0), ("a", 1))  # W is not Fenland's initial


def test_roster_with_initial_names_and_a_role():
    text = "Present: Cllr. R. Cragg \u2013 Chair (RC), Cllr. A. Cowgill (AC).\nRC opened. AC agreed.\n"
    rc, ac = text.index("R. Cragg"), text.index("A. Cowgill")
    mentions = [
        Mention("r", Span(rc, rc + 8), "R. Cragg", PERSON, "R Cragg", Span(0, 60)),
        Mention("r", Span(ac, ac + 10), "A. Cowgill", PERSON, "A Cowgill", Span(0, 60)),
    ]
    rep = report("r", mentions, text=text)
    _, me = Resolver().resolve([rep])[:2]
    uses = {m.text: me[("r", i)] for i, m in enumerate(rep.mentions) if m.rule.startswith("roster-initials")}
    assert uses == {"RC": me[("r", 0)], "AC": me[("r", 1)]}


def test_council_acronym_defined_in_a_report_of_the_body(resolver):
    # the council's initials read where they are defined, even when their own mention
    # carries them too
    a = report("a", [mention("a", COUNCIL, "SBC", acronym="SBC", rule="council-initials")], board=BOARD)
    b = report(
        "b", [mention("b", COUNCIL, "Scottish Borders Council", key="SCB", acronym="SBC")], board=BOARD
    )
    entities, me = resolve(resolver, [a, b])
    assert same(me, ("a", 0), ("b", 0)) and entities[me[("a", 0)]].code == "SCB"


def test_acronym_keeping_a_head_word_the_name_lost(resolver):
    a = report(
        "a",
        [
            mention("a", ORGANISATION, "Eastmoor Housing"),
            mention("a", ORGANISATION, "EHA", rule="acronym"),
            mention("a", ORGANISATION, "Eastmoor Club"),
            mention("a", ORGANISATION, "ECZ", rule="acronym"),
        ],
        board=BOARD,
    )
    _, me = resolve(resolver, [a])
    assert same(me, ("a", 0), ("a", 1))  # the Association dropped from the text
    assert not same(me, ("a", 2), ("a", 3))  # "Zones" is no body's head; the club has its own


# ---------------------------------------------------------------- a body's local branch


def test_body_named_with_the_reports_place_is_its_branch(resolver):
    board = "Upper Fenwick Community Council"
    a = report("a", [mention("a", ORGANISATION, "Bramble Stores")], board=board)
    b = report("b", [mention("b", ORGANISATION, "Bramble Stores Upper Fenwick")], board=board)
    entities, me = resolve(resolver, [a, b])
    assert same(me, ("a", 0), ("b", 0))
    assert any("branch of 'Bramble Stores'" in n for n in entities[me[("a", 0)]].notes)


def test_branch_of_another_bodys_place_stays_apart(resolver):
    a = report("a", [mention("a", ORGANISATION, "Bramble Stores")], board="Lower Fenwick Parish Council")
    b = report(
        "b",
        [mention("b", ORGANISATION, "Bramble Stores Upper Fenwick")],
        board="Upper Fenwick Community Council",
    )
    _, me = resolve(resolver, [a, b])
    assert not same(me, ("a", 0), ("b", 0))


# ---------------------------------------------------------------- one entity typed two ways


def test_arrangement_named_as_body_and_as_programme_is_one_programme(resolver):
    a = report(
        "a",
        [
            mention("a", ORGANISATION, "Harbourside Partnership"),
            mention("a", PROGRAMME, "Harbourside Partnership Project"),
        ],
    )
    entities, me = resolve(resolver, [a])
    assert same(me, ("a", 0), ("a", 1))
    ent = entities[me[("a", 0)]]
    assert ent.type == PROGRAMME and ent.label == "Harbourside Partnership Project"
    assert "Harbourside Partnership" in ent.alt_labels


def test_arrangement_in_reports_of_one_body_is_one(resolver):
    a = report("a", [mention("a", ORGANISATION, "Harbourside Partnership")], board="Lowfield Town Council")
    b = report(
        "b", [mention("b", PROGRAMME, "Harbourside Partnership Scheme")], board="Lowfield Town Council"
    )
    _, me = resolve(resolver, [a, b])
    assert same(me, ("a", 0), ("b", 0))


def test_a_body_and_the_project_it_runs_stay_two(resolver):
    # a trust is a body, not an arrangement: its project is its own entity
    a = report(
        "a",
        [
            mention("a", ORGANISATION, "Harbourside Trust"),
            mention("a", PROGRAMME, "Harbourside Trust Project"),
        ],
    )
    entities, me = resolve(resolver, [a])
    assert not same(me, ("a", 0), ("a", 1))
    assert entities[me[("a", 0)]].type == ORGANISATION


def test_arrangement_named_only_in_different_bodies_stays_two(resolver):
    a = report("a", [mention("a", ORGANISATION, "Harbourside Partnership")], board="Lowfield Town Council")
    b = report(
        "b", [mention("b", PROGRAMME, "Harbourside Partnership Project")], board="Quarrymoor Parish Council"
    )
    _, me = resolve(resolver, [a, b])
    assert not same(me, ("a", 0), ("b", 0))


# ---------------------------------------------------------------- one body, its head said two ways


def test_synonymous_heads_in_one_bodys_reports_are_one_body(resolver):
    a = report("a", [mention("a", ORGANISATION, "Kestrel Housing")], board="Lowfield Community Council")
    b = report("b", [mention("b", ORGANISATION, "Kestrel Homes")], board="Lowfield Community Council")
    entities, me = resolve(resolver, [a, b])
    assert same(me, ("a", 0), ("b", 0))
    assert any("synonymous head" in n for n in entities[me[("a", 0)]].notes)


def test_synonymous_heads_in_different_bodies_are_a_doubt():
    a = report("a", [mention("a", ORGANISATION, "Kestrel Housing")], board="Lowfield Community Council")
    b = report("b", [mention("b", ORGANISATION, "Kestrel Homes")], board="Quarrymoor Parish Council")
    resolver = Resolver()
    _, me = resolve(resolver, [a, b])
    assert not same(me, ("a", 0), ("b", 0))
    assert any("synonymous head" in d.reason for d in resolver.possible_same)


def test_two_bodies_sharing_a_place_name_stay_apart(resolver):
    # the distinctive word is the report's own place: a town's housing body and its homes builder
    a = report(
        "a",
        [mention("a", ORGANISATION, "Lowfield Housing"), mention("a", ORGANISATION, "Lowfield Homes")],
        board="Lowfield Town Council",
    )
    _, me = resolve(resolver, [a])
    assert not same(me, ("a", 0), ("a", 1))
    # a word that begins several bodies' names nearby is a place too
    b = report(
        "b",
        [
            mention("b", ORGANISATION, "Kestrel Housing"),
            mention("b", ORGANISATION, "Kestrel Homes"),
            mention("b", ORGANISATION, "Kestrel Rowing Club"),
        ],
        board="Quarrymoor Parish Council",
    )
    _, me = resolve(resolver, [b])
    assert not same(me, ("b", 0), ("b", 1))
    # a council's place in the register (a general resource, not the development texts)
    c = report(
        "c",
        [mention("c", ORGANISATION, "Ryedale Housing"), mention("c", ORGANISATION, "Ryedale Homes")],
        board="Quarrymoor Parish Council",
    )
    _, me = resolve(resolver, [c])
    assert not same(me, ("c", 0), ("c", 1))


def test_heads_that_are_not_synonyms_stay_apart(resolver):
    a = report(
        "a", [mention("a", ORGANISATION, "Kestrel Housing"), mention("a", ORGANISATION, "Kestrel Trust")]
    )
    _, me = resolve(resolver, [a])
    assert not same(me, ("a", 0), ("a", 1))


# ---------------------------------------------------------------- a councillor's surname misspelt


def _councillors(rid: str, *extra: Mention) -> ExtractedReport:
    return report(
        rid,
        [
            mention(rid, PERSON, "Peter Dawkinson", "Cllr Peter Dawkinson", ("Cllr",)),
            mention(rid, PERSON, "Ann Moss", "Cllr Ann Moss", ("Cllr",)),
            *extra,
        ],
        board="Lowfield Parish Council",
    )


def test_councillor_surname_cut_short_is_the_councillor(resolver):
    a = _councillors("a", mention("a", PERSON, "Dawkins", "Cllr Dawkins", ("Cllr",)))
    entities, me = resolve(resolver, [a])
    assert same(me, ("a", 0), ("a", 2))
    assert any("misspells" in n for n in entities[me[("a", 0)]].notes)


def test_misspelt_surname_that_is_a_real_name_in_the_body_stays_apart(resolver):
    a = _councillors("a", mention("a", PERSON, "Dawkins", "Cllr Dawkins", ("Cllr",)))
    b = report(
        "b",
        [mention("b", PERSON, "Sara Dawkins", "Cllr Sara Dawkins", ("Cllr",))],
        board="Lowfield Parish Council",
    )
    _, me = resolve(resolver, [a, b])
    assert not same(me, ("a", 0), ("a", 2))
    assert same(me, ("a", 2), ("b", 0))


def test_near_surname_without_councillor_title_stays_apart(resolver):
    a = _councillors("a", mention("a", PERSON, "Dawkins", "Mr Dawkins", ("Mr",)))
    _, me = resolve(resolver, [a])
    assert not same(me, ("a", 0), ("a", 2))


def test_near_surname_used_twice_is_a_member_named_so(resolver):
    a = _councillors(
        "a",
        mention("a", PERSON, "Dawkins", "Cllr Dawkins", ("Cllr",)),
        mention("a", PERSON, "Dawkins", "Cllr Dawkins", ("Cllr",)),
    )
    _, me = resolve(resolver, [a])
    assert not same(me, ("a", 0), ("a", 2))


def test_near_surname_of_two_people_sharing_a_surname_stays_apart(resolver):
    a = _councillors(
        "a",
        mention("a", PERSON, "Lucy Dawkinson", "Cllr Lucy Dawkinson", ("Cllr",)),
        mention("a", PERSON, "Dawkins", "Cllr Dawkins", ("Cllr",)),
    )
    _, me = resolve(resolver, [a])
    assert not same(me, ("a", 0), ("a", 2))
    assert not same(me, ("a", 3), ("a", 2))
    assert not same(me, ("a", 0), ("a", 3))


def test_misspelt_surname_helper():
    from boardgraph.graph.resolve import _misspelt_surname

    assert _misspelt_surname("dawkins", "dawkinson")
    assert _misspelt_surname("pemberton", "pembertin")  # one edit is a slip too
    assert _misspelt_surname("pemberton", "pemmbertin")  # two edits in a long name
    assert not _misspelt_surname("moss", "mossop")  # a short stem begins too many names
    assert not _misspelt_surname("dawkins", "dawkins")


# ---------------------------------------------------------------- another council's committee


def _text_report(rid: str, text: str, names: list[tuple[str, str]], board: str) -> ExtractedReport:
    """A report whose mentions are found in its text, with its sentences split at full stops."""
    mentions, at = [], 0
    for type_, name in names:
        start = text.index(name, at)
        at = start + len(name)
        mentions.append(Mention(rid, Span(start, at), name, type_, name, Span(0, 1)))
    rep = report(rid, mentions, board=board, text=text)
    starts = [0] + [i + 2 for i, ch in enumerate(text) if ch == "." and i + 2 < len(text)]
    rep.sentences = [Span(s, e - 1) for s, e in zip(starts, [*starts[1:], len(text) + 1], strict=True)]
    for m in rep.mentions:
        m.sentence = next(s for s in rep.sentences if s.start <= m.span.start < s.end + 1)
    return rep


DISTRICT = "Lowfield District Council"


def test_tier_named_committee_is_another_councils_within_its_report():
    from boardgraph.graph.resolve import tier_named_body

    assert tier_named_body("Parish Council Planning Committee") == ("parish", "Planning Committee")
    assert tier_named_body("PC Planning Committee") == ("parish", "Planning Committee")
    assert tier_named_body("PC Kestrel") is None and tier_named_body("Parish Council") is None
    assert tier_named_body("CC Planning Committee") is None  # county, city or community: unknown
    # two district reports each naming "the" parish's committee: two parishes, two committees
    a = report("a", [mention("a", ORGANISATION, "Parish Council Planning Committee")], board=DISTRICT)
    b = report("b", [mention("b", ORGANISATION, "Parish Council Planning Committee")], board=DISTRICT)
    entities, me = resolve(Resolver(), [a, b])
    assert not same(me, ("a", 0), ("b", 0))
    assert entities[me[("a", 0)]].label == "Parish Council Planning Committee"


def test_committee_right_after_the_parish_council_is_the_parishs():
    text = (
        "The Planning Committee met in March. The plans were seen by the Parish Council. "
        "The Planning Committee objected. The Parish Council Planning Committee wrote to us."
    )
    names = [
        (ORGANISATION, "Planning Committee"),
        (ORGANISATION, "Planning Committee"),
        (ORGANISATION, "Parish Council Planning Committee"),
    ]
    rep = _text_report("a", text, names, DISTRICT)
    entities, me = resolve(Resolver(), [rep])
    assert same(me, ("a", 1), ("a", 2))
    assert not same(me, ("a", 0), ("a", 1))  # the first is the district's own
    assert entities[me[("a", 0)]].label == "Lowfield Planning Committee"


def test_the_parish_councils_own_committee_stays_its_own():
    text = "The plans were seen by the Parish Council. The Planning Committee objected."
    rep = _text_report("a", text, [(ORGANISATION, "Planning Committee")], "Lowfield Parish Council")
    entities, me = resolve(Resolver(), [rep])
    assert entities[me[("a", 0)]].label == "Lowfield Planning Committee"
