"""The register of UK local authorities: names, short forms, codes and dates."""

from __future__ import annotations

import datetime as dt

import pytest

from boardgraph.lexicons.register import Register, _core, default_register


@pytest.fixture(scope="module")
def register() -> Register:
    return default_register()


@pytest.mark.parametrize(
    ("name", "code"),
    [
        ("Leeds City Council", "LDS"),
        ("Kirklees Council", "KIR"),
        ("Rotherham Council", "ROT"),  # short form of the Metropolitan Borough Council
        ("Rotherham Metropolitan Borough Council", "ROT"),
        ("Borough Council of King's Lynn and West Norfolk", "KIN"),
        ("Borough Council of King\u2019s Lynn & West Norfolk", "KIN"),
        ("London Borough of Hackney", "HCK"),
        ("Scottish Borders Council", "SCB"),
        ("Carmarthenshire County Council", "CMN"),
    ],
)
def test_lookup_full_names(register, name, code):
    found = register.lookup(name, dt.date(2015, 1, 1))
    assert found is not None and found.code == code, (name, found)


def test_every_council_has_gss(register):
    missing = [c.code for c in register.councils.values() if c.end is None and not c.gss]
    assert missing == []


@pytest.mark.parametrize(
    ("place", "code"),
    [("Stoke", "STE"), ("Kirklees", "KIR"), ("Wigan", "WGN"), ("Cornwall", "CON")],
)
def test_lookup_place(register, place, code):
    found = register.lookup_place(place, dt.date(2015, 1, 1))
    assert found is not None and found.code == code


def test_places_that_are_no_council(register):
    assert register.lookup_place("Knebworth") is None
    assert register.lookup("Parish Council") is None
    assert register.lookup("City Council") is None


@pytest.mark.parametrize(
    ("name", "before", "after"),
    [
        ("Aylesbury Vale District Council", dt.date(2015, 1, 1), dt.date(2021, 1, 1)),  # ended 2020-03-31
        ("Allerdale Borough Council", dt.date(2016, 1, 1), dt.date(2024, 1, 1)),  # ended 2023-04-01
        ("Bournemouth Borough Council", dt.date(2012, 1, 1), dt.date(2020, 1, 1)),  # ended 2019-03-31
    ],
)
def test_dates(register, name, before, after):
    assert register.lookup(name, before) is not None
    assert register.lookup(name, after) is None
    assert register.knows(name)


def test_successor_by_place_on_the_day(register):
    assert register.lookup_place("Somerset", dt.date(2015, 1, 1)).code == "SOM"
    assert register.lookup_place("Somerset", dt.date(2024, 1, 1)).code == "SMT"
    assert register.lookup("Somerset Council", dt.date(2024, 1, 1)).code == "SMT"


def test_no_date_means_any(register):
    assert register.councils["AYL"].existed_on(None)


def test_core():
    assert _core("Rotherham Metropolitan Borough Council") == "rotherham"
    assert _core("London Borough of Hackney") == "hackney"
    assert _core("City of") == ""
