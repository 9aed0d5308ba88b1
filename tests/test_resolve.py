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
from boardgraph.resolve import Resolver, programme_core, signature


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


def report(rid: str, mentions: list[Mention], day: dt.date | None = dt.date(2015, 1, 1)) -> ExtractedReport:
    doc = SourceDocument(
        path=Path(f"{rid}.txt"), identifier=rid, format="txt", raw_text="x", text="x", sha256="0"
    )
    return ExtractedReport(document=doc, meta=ReportMeta(identifier=rid, date=day), mentions=mentions)


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
    assert any("only person surnamed Marsh" in n for n in ent.notes)


def test_surname_joins_full_name_across_reports(resolver):
    a = report("a", [mention("a", PERSON, "Helen Marsh", "Cllr Helen Marsh", ("Cllr",))])
    b = report("b", [mention("b", PERSON, "Marsh", "Cllr Marsh", ("Cllr",))])
    _, me = resolve(resolver, [a, b])
    assert same(me, ("a", 0), ("b", 0))


def test_namesakes_stay_apart_with_a_note(resolver):
    a = report("a", [mention("a", PERSON, "Helen Marsh", titles=("Cllr",))])
    b = report("b", [mention("b", PERSON, "Peter Marsh", titles=("Cllr",))])
    c = report("c", [mention("c", PERSON, "Marsh", "Cllr Marsh", ("Cllr",))])
    entities, me = resolve(resolver, [a, b, c])
    assert len({me[("a", 0)], me[("b", 0)], me[("c", 0)]}) == 3
    note = " ".join(entities[me[("c", 0)]].notes)
    assert "left apart" in note and "2 people are surnamed Marsh" in note


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
    a = report("a", [mention("a", ORGANISATION, "Valuation Office Agency")])
    b = report("b", [mention("b", ORGANISATION, "VOA", rule="acronym")])
    _, me = resolve(resolver, [a, b])
    assert same(me, ("a", 0), ("b", 0))


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
    a = report("a", [mention("a", ORGANISATION, "Housing Programme Board")], dt.date(2011, 1, 1))
    b = report("b", [mention("b", ORGANISATION, "Housing Board")], dt.date(2012, 1, 1))
    c = report("c", [mention("c", ORGANISATION, "Housing & Planning Board")], dt.date(2014, 1, 1))
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
