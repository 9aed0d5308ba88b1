"""Robustness on messy minutes we did not tune on: ../shared/corpus-extra.

Eighteen parish and community council minutes (read in place, never copied
into the repository). The build must run cleanly, and what comes out must
look like what a reader would note: the people present, the principal
councils named, and no headings, months or words in capitals taken for
people or bodies.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from boardgraph.lexicons.names import CALENDAR_WORDS, PLACE_HEADS
from boardgraph.model import COUNCIL, ORGANISATION, PERSON, PROGRAMME

EXTRA = Path(__file__).resolve().parents[1].parent / "shared" / "corpus-extra"


@pytest.fixture(scope="module")
def extra():
    if not EXTRA.is_dir():
        pytest.skip("../shared/corpus-extra is not beside the repository")
    from boardgraph.build.runner import build

    files = sorted(EXTRA.glob("*.txt"))
    if not files:
        pytest.skip("../shared/corpus-extra holds no minutes")
    return build(files), len(files)


def labels(result, etype: str) -> set[str]:
    return {e.label for e in result.corpus.entities.values() if e.type == etype}


def test_runs_cleanly(extra):
    result, n = extra
    assert result.skipped == []
    assert len(result.corpus.reports) == n
    assert len(result.graph) > 0


def test_people_found(extra):
    result, _ = extra
    people = labels(result, PERSON)
    assert len(people) >= 60
    # councillors named "Cllr X" and the people listed as present
    assert (
        sum(
            1
            for rep in result.corpus.reports
            for m in rep.mentions
            if m.type == PERSON and m.rule.startswith("title")
        )
        >= 50
    )


def test_principal_councils_found(extra):
    result, _ = extra
    councils = labels(result, COUNCIL)
    for expected in (
        "Scottish Borders Council",
        "Carmarthenshire County Council",
        "Norfolk County Council",
        "Glasgow City Council",
        "North Hertfordshire District Council",
    ):
        assert expected in councils, councils
    assert any("Lynn" in c for c in councils), councils
    # principal councils carry their GSS code; parish, town and community councils
    # are not in the register and have none
    for ent in result.corpus.entities.values():
        if ent.type == COUNCIL and ent.code:
            assert ent.gss and re.fullmatch(r"[ENSW]\d{8}", ent.gss), ent


def test_council_acronyms_join_their_council(extra):
    result, _ = extra
    by_label = {e.label: e for e in result.corpus.entities.values()}
    borders = by_label["Scottish Borders Council"]
    assert "SBC" in borders.alt_labels
    assert "SBC" not in labels(result, ORGANISATION)


def test_no_person_is_a_heading_or_a_place(extra):
    result, _ = extra
    for name in labels(result, PERSON):
        words = name.lower().split()
        assert not name.isupper() or len(name) <= 3, name
        assert not any(w in CALENDAR_WORDS - {"may", "june", "april", "august"} for w in words), name
        assert words[-1] not in PLACE_HEADS, name
        assert not any(w in {"council", "councils", "committee", "minutes", "agenda"} for w in words), name
        assert "cllr" not in words and "county" not in words, name


def test_no_body_is_a_word_in_capitals(extra):
    result, _ = extra
    bodies = labels(result, ORGANISATION) | labels(result, PROGRAMME)
    for word in (
        "MONDAY",
        "JULY",
        "OCTOBER",
        "AGREED",
        "MINUTES",
        "REPORT",
        "PRESENT",
        "CHAIR",
        "TOTAL",
        "Chair",
        "March",
        "October",
    ):
        assert word not in bodies, word


def test_community_councils_stay_apart(extra):
    result, _ = extra
    bodies = labels(result, ORGANISATION) | labels(result, COUNCIL)
    assert not bodies & {"Community Council", "City Council", "Parish Council"}
    # parish, town and community councils are Councils (GUIDE), each of its own place
    councils = labels(result, COUNCIL)
    community = [c for c in councils if c.lower().endswith("community council") and len(c.split()) >= 3]
    assert len(community) >= 3, community
    local = ("community council", "parish council")
    assert not [o for o in labels(result, ORGANISATION) if o.lower().endswith(local)]


def test_possessives_are_not_programmes(extra):
    result, _ = extra
    for name in labels(result, PROGRAMME):
        assert not re.search(r"['\u2019]s?$", name), name
