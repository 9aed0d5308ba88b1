"""read_metadata: title, board, chair, contact and the report's date."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest

from boardgraph.ingest.clean import clean_text
from boardgraph.ingest.metadata import read_metadata
from boardgraph.ingest.read import read_document
from boardgraph.model import ReportMeta, SourceDocument

ROOT = Path(__file__).resolve().parents[1]
REPORTS = ROOT / "data" / "reports"
SHARED = ROOT.parent / "shared"
EXTRA = SHARED / "corpus-extra"


def meta_of(raw: str, identifier: str = "doc") -> ReportMeta:
    doc = SourceDocument(
        path=Path(f"{identifier}.txt"),
        identifier=identifier,
        format="txt",
        raw_text=raw,
        text=clean_text(raw),
        sha256="",
    )
    return read_metadata(doc)


def at(meta_text: str, span: object) -> str:
    return meta_text[span.start : span.end]  # type: ignore[attr-defined]


# -- board, chair, title


@pytest.mark.parametrize(
    ("title", "board", "chair", "role"),
    [
        (
            "Fire Services Management Committee – report from Cllr Jane Roe OBE (Chair)",
            "Fire Services Management Committee",
            "Jane Roe",
            "Chair",
        ),
        ("Culture Board - report from Councillor Ann Lee", "Culture Board", "Ann Lee", None),
        ("Safer Communities Board — report from the Chair, Cllr Amy Lee MBE", "Safer Communities Board",
         "Amy Lee", "Chair"),
        ("Resources Panel: an update from Baroness Ruth Grey (Vice Chair)", "Resources Panel", "Ruth Grey",
         "Vice Chair"),
        ("**Audit Committee – Chairman's report**", "Audit Committee", None, "Chairman"),
        ("# Report of the Community Wellbeing Board", "Community Wellbeing Board", None, None),
        ("Policy Board – report from CIIr Tom Kay (Chairman)", "Policy Board", "Tom Kay", "Chairman"),
    ],
)  # fmt: skip
def test_board_and_chair_shapes(title: str, board: str, chair: str | None, role: str | None) -> None:
    raw = f"\n{title}\n\n1. The committee met twice.\n"
    meta = meta_of(raw)
    assert meta.board == board
    assert at(raw, meta.board_span) == board
    assert meta.chair == chair
    assert meta.chair_role == role
    if chair:
        assert at(raw, meta.chair_span) == chair
    assert meta.title is not None


def test_chair_on_a_later_heading() -> None:
    raw = "Report of the Housing Board\n\nChair's report: Councillor Jane Doe\n\nThe board met.\n"
    meta = meta_of(raw)
    assert meta.board == "Housing Board"
    assert meta.chair == "Jane Doe"
    assert meta.chair_role == "Chair"
    assert meta.title == "Report of the Housing Board"


def test_sentence_about_a_report_is_not_a_title() -> None:
    raw = "Parish Council\n\nChairman's Report: The Chairman had given a report during the meeting.\n"
    meta = meta_of(raw)
    assert meta.chair is None
    assert meta.title == "Parish Council"


# -- contact officer


def test_contact_block_with_labels_on_separate_lines() -> None:
    raw = (
        "Board – report from Cllr A Person\n\n1. Text.\n\n"
        "**Contact Officer:**\nSam Hill  \n**Job title:** Policy Adviser\n\n"
        "Telephone: 01632 960000\n\nEmail: [sam.hill@example.gov.uk](mailto:sam.hill@example.gov.uk)\n"
    )
    contact = meta_of(raw).contact
    assert contact is not None
    assert contact.name == "Sam Hill"
    assert at(raw, contact.span) == "Sam Hill"
    assert contact.position == "Policy Adviser"
    assert contact.phone == "01632 960000"
    assert contact.email == "sam.hill@example.gov.uk"


def test_contact_on_one_line() -> None:
    raw = "Notes\n\nContact: Dr Jo Bloggs, Senior Adviser, 020 7946 0123, jo.bloggs@example.org\n"
    contact = meta_of(raw).contact
    assert contact is not None
    assert (contact.name, contact.position, contact.phone, contact.email) == (
        "Jo Bloggs",
        "Senior Adviser",
        "020 7946 0123",
        "jo.bloggs@example.org",
    )


def test_no_contact() -> None:
    assert meta_of("Board – report\n\nPlease contact us: the office is open.\n").contact is None


# -- dates: stated


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("Licensing Panel\n\nMeeting date: 14 May 2013\n\n1. The panel met.", dt.date(2013, 5, 14)),
        ("Audit Committee\n\nDate: Tuesday, 3rd February 2017\n\nItem 1", dt.date(2017, 2, 3)),
        ("Minutes of the meeting held on 12th March 2018 at 7pm\n\n1. Apologies.", dt.date(2018, 3, 12)),
        ("PARISH COUNCIL\nMONDAY 6 OCTOBER 2025\nPresent: A, B", dt.date(2025, 10, 6)),
        ("Village Council - 26th January 2021\nPresent", dt.date(2021, 1, 26)),
        ("Board papers\n\nJune 5, 2014\n\nItem 2", dt.date(2014, 6, 5)),
    ],
)
def test_stated_dates(raw: str, expected: dt.date) -> None:
    meta = meta_of(raw)
    assert meta.date == expected
    assert meta.date_method == "stated"
    assert meta.date_confidence >= 0.95
    assert meta.date_span is not None


def test_previous_meeting_date_is_not_stated() -> None:
    raw = (
        "Held in the village hall.\n\n"
        "The minutes of the previous meeting held on 5 January 2022 were approved.\n\n"
        "The next meeting will take place on 2 March 2022.\n"
    )
    meta = meta_of(raw)
    assert meta.date_method == "estimated"
    assert dt.date(2022, 1, 5) < meta.date < dt.date(2022, 3, 2)


# -- dates: estimated


def test_estimated_between_past_and_future_without_years() -> None:
    raw = (
        "Example Board – report from Cllr A Person\n\n"
        "1. In 2016 we began the review. On 3 May the group met with officers.\n"
        "2. The working group was held on 19-20 May in Leeds.\n"
        "3. The consultation will close on 17 June and a summit will take place in July.\n"
    )
    meta = meta_of(raw)
    assert meta.date_method == "estimated"
    assert dt.date(2016, 5, 20) <= meta.date <= dt.date(2016, 6, 17)
    assert 0 < meta.date_confidence < 0.95
    assert "past" in meta.date_evidence and "future" in meta.date_evidence


def test_intentions_and_fixed_days_are_future() -> None:
    raw = (
        "Example Board – report from Cllr A Person\n\n"
        "1. On 12 February 2017 I met the union's officers. The union has announced a strike for 20 April.\n"
        "2. Both sides have agreed to meet again in May 2017.\n"
    )
    meta = meta_of(raw)
    assert meta.date_method == "estimated"
    assert dt.date(2017, 2, 12) <= meta.date <= dt.date(2017, 4, 20), meta.date_evidence
    assert "future: " in meta.date_evidence and "20 April" in meta.date_evidence.split("future: ")[1]


def test_estimated_from_future_only() -> None:
    raw = "Notice\n\nThe conference will be held on 9 November 2020. Bookings close on 30 October 2020.\n"
    meta = meta_of(raw)
    assert meta.date_method == "estimated"
    assert meta.date < dt.date(2020, 10, 30)
    assert (dt.date(2020, 10, 30) - meta.date).days <= 31


def test_estimated_from_past_only_with_dmy_numbers_and_month_years() -> None:
    raw = "Update\n\nThe scheme was launched in early March 2019 and reviewed on 21/03/2019 by the team.\n"
    meta = meta_of(raw)
    assert meta.date_method == "estimated"
    assert dt.date(2019, 3, 21) <= meta.date <= dt.date(2019, 4, 30)


def test_statute_and_financial_years_are_not_dates() -> None:
    raw = (
        "Finance note\n\nUnder the Local Government Act 1972 the 2010/11 fees and 2011-12 budget "
        "were set. Phone 020 7664 3017 or visit www.example.org/2009/page.\n"
    )
    meta = meta_of(raw)
    assert meta.date is None
    assert meta.date_method == "none"


def test_no_dates_at_all() -> None:
    meta = meta_of("A Board – report from Cllr A Person\n\n1. Nothing happened at all.\n")
    assert meta.date is None
    assert meta.date_method == "none"
    assert meta.date_confidence == 0.0


def test_month_name_that_is_a_person_or_verb_is_ignored() -> None:
    raw = "Notes\n\nCllr June Brown may march on. We met on 4 April 2018.\n"
    meta = meta_of(raw)
    assert "June" not in meta.date_evidence
    assert meta.date is not None and meta.date.month in (4, 5)


def test_stray_footer_date_is_ignored() -> None:
    raw = (
        "Example Board – report from Cllr A Person\n\n"
        "1. On 10 March 2016 the panel met and on 24 March members visited the site. The talk covered\n\n"
        "2 September 2013\n\n"
        "ideas on funding. The next panel will take place on 20 April 2016.\n"
    )
    meta = meta_of(raw)
    assert dt.date(2016, 3, 24) <= meta.date <= dt.date(2016, 4, 20)
    assert "2 September 2013" in meta.date_evidence


@pytest.mark.parametrize(
    "raw",
    [
        "",
        "\n\n\n",
        "x",
        "Contact:",
        "Contact officer:\n",
        "report from",
        " – report from (Chair)",
        "31 February 2020 and 0/0/00 and 99.99.99",
        "Date: 32 March 2020",
        "May May May may 2020 May",
        "\x00\x01\x02 binary-ish \ufffd",
        "a" * 50000,
        "1.\n2.\n" * 2000,
        "in September " * 500,
    ],
)
def test_never_raises(raw: str) -> None:
    meta = meta_of(raw)
    assert isinstance(meta, ReportMeta)
    assert meta.date_method in ("stated", "estimated", "none")


# -- the sample reports against the gold dates


def _gold() -> dict[str, tuple[dt.date, int]]:
    seeds = SHARED / "gold" / "seeds.yaml"
    if not seeds.exists():
        pytest.skip("../shared/gold not present")
    yaml = pytest.importorskip("yaml")
    data = yaml.safe_load(seeds.read_text(encoding="utf-8"))
    return {k: (v["date"], int(v.get("tolerance_days", 0))) for k, v in data["documents"].items()}


def test_sample_dates_within_gold_tolerance() -> None:
    gold = _gold()
    paths = sorted(REPORTS.glob("*.txt"))
    if not paths:
        pytest.skip("sample reports not present")
    for path in paths:
        meta = read_metadata(read_document(path))
        expected, tolerance = gold[path.stem]
        assert meta.date is not None, path.stem
        assert abs((meta.date - expected).days) <= tolerance, (path.stem, meta.date, meta.date_evidence)
        assert meta.date_method == ("stated" if tolerance == 0 else "estimated")


def test_sample_board_chair_contact() -> None:
    paths = sorted(REPORTS.glob("*.txt"))
    if not paths:
        pytest.skip("sample reports not present")
    for path in paths:
        doc = read_document(path)
        meta = read_metadata(doc)
        assert meta.title and "report from" in meta.title
        assert meta.board and meta.board.endswith("Board")
        assert meta.chair and at(doc.text, meta.chair_span) == meta.chair
        assert not re.search(r"\b(?:Cllr|CIIr|CBE)\b", meta.chair)
        assert meta.contact and at(doc.text, meta.contact.span) == meta.contact.name
        assert meta.contact.email and "@" in meta.contact.email
        assert meta.contact.phone and meta.contact.position


# -- real-world minutes: robustness and a date hit rate


def _month_distance(date: dt.date, year: int, month: int, day: int | None) -> int:
    if day:
        return abs((date - dt.date(year, month, day)).days)
    first = dt.date(year, month, 1)
    last = (first + dt.timedelta(days=32)).replace(day=1) - dt.timedelta(days=1)
    return 0 if first <= date <= last else min(abs((date - first).days), abs((date - last).days))


def test_extra_minutes_dates() -> None:
    paths = sorted(EXTRA.glob("*.txt"))
    if not paths:
        pytest.skip("../shared/corpus-extra not present")
    hits = 0
    for path in paths:
        meta = read_metadata(read_document(path))
        m = re.search(r"(\d{4})-(\d{2})(?:-(\d{2}))?", path.name)
        assert m, path.name
        year, month, day = int(m[1]), int(m[2]), int(m[3]) if m[3] else None
        # A file named by month only ("2014-11") is a hit anywhere in that month ± 31 days.
        if meta.date is not None and _month_distance(meta.date, year, month, day) <= 31:
            hits += 1
    # 17 of 18 at the time of writing; the miss has no year anywhere in its text.
    assert hits >= 16


# -- minutes and other kinds of report (invented texts in the layouts real ones use)


@pytest.mark.parametrize(
    ("raw", "board", "chair", "date"),
    [
        (
            "MINUTES of a meeting of the Anyshire Health and Wellbeing Board held at County Hall on "
            "Wednesday, 15 January 2020.\n\nPRESENT: Councillor Jo Bloggs (Chairman), Councillor Sam Smith, "
            "Dr Ann Other\n\n1. APOLOGIES\nNone.\n",
            "Anyshire Health and Wellbeing Board", "Jo Bloggs", dt.date(2020, 1, 15),
        ),
        (
            "Overview and Scrutiny Committee – Monday 4 March 2019\n\nPresent:\nCllr A Brown – Chair\n"
            "Cllr C Dee – Vice-Chair\nCllr E Eff\n\n1. Minutes\n",
            "Overview and Scrutiny Committee", "A Brown", dt.date(2019, 3, 4),
        ),
        (
            "Minutes of the Anyshire Police and Crime Panel meeting held on 3 February 2021\n\n"
            "Cllr Pat Jones (in the Chair)\n\nAlso present: the Commissioner.\n",
            "Anyshire Police and Crime Panel", "Pat Jones", dt.date(2021, 2, 3),
        ),
        (
            "NOTE OF LAST IMPROVEMENT AND INNOVATION BOARD MEETING\n\n"
            "Title: Improvement and Innovation Board\n"
            "Date: Thursday 12 June 2014\nVenue: Main Hall\n\nAttendance\n"
            "An attendance list is attached as Appendix A to this note\n\n"
            "Item Decisions and actions\n\n1 Welcome\nThe Chairman welcomed members.\n\n"
            "Appendix A - Attendance\n\nPosition\tCouncillor\tAuthority\n"
            "Chairman\tCllr Alan Example\tAnytown DC\nVice-Chairman\tCllr Bea Sample\tOthertown BC\n",
            "Improvement and Innovation Board", "Alan Example", dt.date(2014, 6, 12),
        ),
        (
            "Upton Parva Town Council\n\nMinutes of the meeting held on Tuesday 6 May 2025\n\n"
            "THE CHAIR was taken by Councillor Lee Grant.\n\nPresent: Cllrs Grant, Hill and Moss.\n",
            "Upton Parva Town Council", "Lee Grant", dt.date(2025, 5, 6),
        ),
        (
            "Anyshire Fire and Rescue Authority\n\nReport of the Chair of the Authority\n\n"
            "Councillor Jo Bloggs\n\n"
            "1. Since the last meeting of the Authority on 12 September 2019 I have visited stations.\n",
            "Anyshire Fire and Rescue Authority", "Jo Bloggs", None,
        ),
        (
            "Minutes of a meeting of the above Council held on Monday 2 March 2020.\n\n"
            "Present: Chairman Cllrs Hay, Rowe and Finch.\n\n1. Apologies: None.\n"
            "2. It was agreed that HPC would pay the grant. HPC had written to ACC.\n"
            "3. HPC will meet ACC again.\n",
            "HPC", "Hay", dt.date(2020, 3, 2),
        ),
        (
            "Leader's Report\n\nCouncillor Jo Bloggs, Leader of Anytown Borough Council\n\n"
            "1. Since the last meeting on 3 March 2021 the council has agreed its budget.\n",
            "Anytown Borough Council", "Jo Bloggs", None,
        ),
        (
            "Meeting of the Lowfield Parish Council, 8 July 2015\n\n"
            "The Chairman, Cllr Ian Old, welcomed all.\n",
            "Lowfield Parish Council", "Ian Old", dt.date(2015, 7, 8),
        ),
    ],
)  # fmt: skip
def test_minutes_layouts(raw: str, board: str, chair: str, date: dt.date | None) -> None:
    meta = meta_of(raw)
    assert meta.board == board, meta.header_evidence
    assert at(raw, meta.board_span) == board
    assert meta.chair == chair, meta.header_evidence
    assert at(raw, meta.chair_span) == chair
    if date:
        assert meta.date == date and meta.date_method == "stated", meta.date_evidence


@pytest.mark.parametrize(
    ("title", "board_type"),
    [
        ("Anytown Parish Council", "Council"),
        ("Greater Anyshire Combined Authority", "Council"),
        ("Anyshire Fire and Rescue Authority", "Organisation"),
        ("Lakeland National Park Authority", "Organisation"),
        ("District Councils' Network", "Organisation"),
    ],
)
def test_board_type_from_head_noun(title: str, board_type: str) -> None:
    meta = meta_of(f"{title}\n\nTuesday 5 May 2020\n\nPresent: Cllr A Bee (Chair)\n")
    assert meta.board == title
    assert meta.board_type == board_type


def test_generic_body_is_no_board() -> None:
    meta = meta_of("Parish Council\n\nMinutes of the meeting of the above Council held on 1 June 2020\n")
    assert meta.board is None


def test_councillors_column_belongs_to_the_council_it_names_most() -> None:
    raw = (
        "Notes from the town hall\n\nThis report covers Councillor Dee Fox's activities this month.\n"
        "I met officers of Northtown District Council about parking. NDC will consult residents. "
        "Anyshire County Council has not replied. NDC has agreed a budget.\n"
    )
    meta = meta_of(raw)
    assert meta.board == "Northtown District Council"
    assert meta.chair == "Dee Fox"
    assert at(raw, meta.chair_span) == "Dee Fox"


def test_minutes_without_a_named_body_are_not_a_principal_councils() -> None:
    raw = (
        "Present: Cllrs Ash and Oak.\n\n1. Anyshire County Council had written about the road. "
        "ACC will resurface it. ACC will also clear the drains.\n"
    )
    assert meta_of(raw).board is None


@pytest.mark.parametrize(
    "raw",
    [
        "Present: Cllr A Bee, Cllr C Dee (Vice-Chair), Cllr E Eff\n",
        "Present: Cllr A Bee, Cllr C Dee (Vice Chairman)\n",
        "Chairman's Report: The Chairman thanked everyone.\n",
        "Signed ............................ Chairman\n",
        "Present: The Chair, the Clerk and four residents.\n",
    ],
)
def test_no_chair_where_none_is_named(raw: str) -> None:
    assert meta_of(raw).chair is None


def test_signature_names_the_chair() -> None:
    raw = "Minutes\n\nPresent: Cllrs Ash, Oak.\n\n1. Items.\n\nSigned R Ash Chair date: 6th October 2015\n"
    meta = meta_of(raw)
    assert meta.chair == "R Ash"


# -- dates in minutes


def test_signature_date_is_not_the_meeting() -> None:
    raw = (
        "Present: Cllrs Ash, Oak.\n\n1. The minutes of the meeting held on 7th July 2015 were signed.\n"
        "2. Payments to 4th September 2015 were approved.\n\nSigned R Ash Chair date: 6th November 2015\n"
    )
    meta = meta_of(raw)
    assert meta.date is not None and meta.date < dt.date(2015, 10, 1), meta.date_evidence


def test_minutes_dated_a_cycle_before_the_next_meeting() -> None:
    raw = (
        "Present: Cllrs Ash, Oak.\n\n1. Cllr Ash attended the group's meeting on 22nd March 2023.\n"
        "2. A quiz night will be held on the 30th March.\n\n3. Date of next meeting: 24th April.\n"
    )
    meta = meta_of(raw)
    assert meta.date == dt.date(2023, 3, 27), meta.date_evidence
    assert "next meeting" in meta.date_evidence


def test_target_years_do_not_date_a_report() -> None:
    raw = (
        "Climate update\n\nThe council has committed to net zero by March 2030 "
        "and to halve emissions by 2030. "
        "In June 2022 the council adopted its plan, and in July 2022 it began work.\n"
    )
    meta = meta_of(raw)
    assert meta.date is not None and meta.date.year == 2022, meta.date_evidence


def test_find_dates_is_linear() -> None:
    import time

    from boardgraph.ingest.dates import find_dates

    small, big = "On 3 May 2019 and 4 June. " * 2000, "On 3 May 2019 and 4 June. " * 40000
    t0 = time.perf_counter()
    assert len(find_dates(small)) == 4000
    t1 = time.perf_counter()
    assert len(find_dates(big)) == 80000
    t2 = time.perf_counter()
    assert (t2 - t1) < 40 * (t1 - t0) + 1.0  # 20× the text, well under 400× the time


def test_long_report_metadata_in_reasonable_time() -> None:
    import time

    raw = "Board papers\n\n" + "On 3 May the board met and will meet on 9 June 2019. " * 20000
    t0 = time.perf_counter()
    meta = meta_of(raw)
    assert meta.date is not None
    assert time.perf_counter() - t0 < 60


@pytest.mark.parametrize(
    ("raw", "chair"),
    [
        ("Cabinet Member for Housing's update\n\nCouncillor Kim Ash\n\n1. I met tenants.\n", "Kim Ash"),
        ("Cabinet Member for Adult Social Care – Cllr Lee Moss\n\n1. This month I met carers.\n", "Lee Moss"),
        ("Mayor's Report\n\nMayor Jo Bloggs\n\n1. The authority agreed its budget.\n", "Jo Bloggs"),
        (
            "Note of the Board meeting\n\nAttendance\n\nPosition\tCouncillor\n\n"
            "Chairman\n\nCllr Rae Finch OBE\n\nDeputy Chairman\n\nCllr Sam Oak\n",
            "Rae Finch",
        ),
    ],
)  # fmt: skip
def test_office_holders_reporting_in_their_own_name(raw: str, chair: str) -> None:
    meta = meta_of(raw)
    assert meta.chair == chair, meta.header_evidence
    assert at(raw, meta.chair_span) == chair


def test_chair_named_by_initial_takes_the_full_form_written_in_the_minutes() -> None:
    raw = (
        "Present: Councillors Ann Lee, Owen Hart and Olive Lee.\n\n"
        "Cllr. O. Hart took the Chair and welcomed everyone.\n"
    )
    meta = meta_of(raw)
    assert meta.chair == "Owen Hart"
    assert at(raw, meta.chair_span) == "Owen Hart"


def test_chair_initial_shared_by_two_full_names_stays_as_written() -> None:
    raw = "Present: Councillors Ann Lee, Alun Lee.\n\nCllr A. Lee took the Chair.\n"
    assert meta_of(raw).chair == "A. Lee"


# -- end to end: the header's board and chair reach the graph


def test_minutes_board_and_chair_in_the_graph(tmp_path: Path) -> None:
    rdflib = pytest.importorskip("rdflib")
    from boardgraph.cli import main

    corpus = tmp_path / "in"
    corpus.mkdir()
    (corpus / "minutes.txt").write_text(
        "UPTON PARVA TOWN COUNCIL\n\nMinutes of the meeting held on Tuesday 6 May 2025\n\n"
        "Present: Cllr Lee Grant (Chair), Cllr Amy Hill, Cllr Roy Moss.\n\n"
        "1. Cllr Hill met the Anyshire Rivers Trust about the footpath.\n",
        encoding="utf-8",
    )
    out = tmp_path / "graph.ttl"
    assert main(["build", str(corpus), "-o", str(out), "--quiet", "--no-cache"]) in (0, 1)
    g = rdflib.Graph().parse(out)
    rows = list(
        g.query(
            """PREFIX bg: <https://w3id.org/boardgraph/ontology#>
            PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
            SELECT ?board ?chair WHERE {
                ?r a bg:Report ; bg:board ?b ; bg:chair ?c .
                ?b a bg:Council ; rdfs:label ?board . ?c a bg:Person ; rdfs:label ?chair }"""
        )
    )
    assert [(str(b), str(c)) for b, c in rows] == [("Upton Parva Town Council", "Lee Grant")]


def test_month_in_the_title_bounds_the_estimate() -> None:
    raw = (
        "Leader's update – March 2020\n\n"
        "1. On 2 February 2020 the council agreed its budget. The consultation will close on 30 June 2020.\n"
    )
    meta = meta_of(raw)
    assert meta.date_method == "estimated"
    assert dt.date(2020, 3, 1) <= meta.date <= dt.date(2020, 3, 31), meta.date_evidence


def test_month_in_the_title_alone_dates_the_report() -> None:
    meta = meta_of("Cabinet Member for Housing: update, November 2019\n\n1. Work continues.\n")
    assert meta.date is not None and (meta.date.year, meta.date.month) == (2019, 11)


def test_authority_report_without_a_heading_belongs_to_the_authority_it_names_most() -> None:
    raw = (
        "Chief Fire Officer's notes\n\nAnyshire Fire and Rescue Authority met twice this quarter. "
        "AFRA crews attended 300 calls and AFRA staff trained with Anytown Borough Council. "
        "The Authority has agreed its plan.\n"
    )
    meta = meta_of(raw)
    assert meta.board == "Anyshire Fire and Rescue Authority"
    assert meta.board_type == "Organisation"


@pytest.mark.parametrize(
    ("row", "chair"),
    [
        ("Chairman Cllr Ann Lee Isle of Sand Council", "Ann Lee"),
        ("Chairman Cllr Ann B. Lee Northtown DC", "Ann B. Lee"),
        ("Chairman Cllr Ann Lee", "Ann Lee"),
    ],
)
def test_attendance_row_name_stops_before_the_members_council(row: str, chair: str) -> None:
    raw = f"Note of the meeting\n\nAppendix A - Attendance\n\nPosition Councillor Authority\n{row}\n"
    assert meta_of(raw).chair == chair


# Layouts of other bodies' reports (issue 9): headers of fire, police, national park and health bodies.
_OTHER_BODY_TEXT = "\n\nThe Authority has continued its work on prevention. We agreed a plan with partners.\n"


def test_report_to_label_names_the_board() -> None:
    raw = "Northshire Council\nDate of meeting: 3rd October 2019\nReport to: Health and Wellbeing Board\n"
    assert meta_of(raw + _OTHER_BODY_TEXT).board == "Health and Wellbeing Board"


def test_numeric_date_under_leaders_report_title() -> None:
    meta = meta_of("Leader's report to Full Council\n\n03/10/2019\n" + _OTHER_BODY_TEXT)
    assert str(meta.date) == "2019-10-03"


def test_two_digit_year_date_alone_on_a_header_line() -> None:
    meta = meta_of("Northshire Police and Crime Panel\n14.07.17\n" + _OTHER_BODY_TEXT)
    assert str(meta.date) == "2017-07-14"


def test_two_digit_year_date_opening_a_minute_is_its_number() -> None:
    meta = meta_of("Northshire Police and Crime Panel\n\n15/09/13 Items for information\n" + _OTHER_BODY_TEXT)
    assert meta.date is None or str(meta.date) != "2013-09-15"


def test_an_officers_report_is_not_a_board() -> None:
    raw = (
        "Northshire National Park Authority\nAuthority Meeting\n14 July 2017\nReport of the Chief Executive\n"
    )
    assert meta_of(raw + _OTHER_BODY_TEXT).board == "Northshire National Park Authority"


def test_signature_block_names_the_chair() -> None:
    raw = "National Park Authority\nChairman's update\n5 July 2017\n" + _OTHER_BODY_TEXT
    meta = meta_of(raw + "\nCllr Peter Marlow\nChairman\n")
    assert meta.chair == "Peter Marlow"


def test_financial_year_is_not_a_date() -> None:
    assert meta_of("Police and Crime Panel\nBudget 2019/20\n" + _OTHER_BODY_TEXT).date is None


def test_name_over_chair_mid_report_is_not_a_signature() -> None:
    raw = "National Park Authority\n5 July 2017\n" + _OTHER_BODY_TEXT + "\nCllr Peter Marlow\nChairman\n"
    meta = meta_of(raw + _OTHER_BODY_TEXT * 8)
    assert meta.chair is None


def test_label_addressing_members_of_a_body() -> None:
    raw = "Northshire Council\nTo: Chair and Members of the Northshire Fire Authority\n12 March 2018\n"
    assert meta_of(raw + _OTHER_BODY_TEXT).board == "Northshire Fire Authority"


def test_label_naming_no_body_of_its_own_is_passed_over() -> None:
    # "Cabinet" alone says which meeting, not whose: the council heading is the board.
    raw = "Northshire County Council\nReport to: Cabinet\n12 March 2018\n"
    assert meta_of(raw + _OTHER_BODY_TEXT).board == "Northshire County Council"


@pytest.mark.parametrize(
    "line",
    [
        "Report of: Mayor Andy Hollins",
        "Report of: The Leader of the Council, Cllr Andy Hollins",
        "From: Councillor Andy Hollins, Cabinet Member for Housing",
        "Portfolio Holder: Cllr Andy Hollins",
        "Report of Councillor Andy Hollins, Cabinet Member for Adult Care and Chair of the Board",
        "Portfolio Lead: Andy Hollins - Mayor of Northshire",
        "| Report of | Councillor Andy Hollins, Chair |",
        "Author: Cllr Andy Hollins, Chair of the Board",
    ],
)
def test_labelled_author_holding_an_office_is_the_chair(line: str) -> None:
    raw = f"Northshire Combined Authority\n12 June 2019\n{line}\n"
    assert meta_of(raw + _OTHER_BODY_TEXT).chair == "Andy Hollins"


def test_an_unlabelled_report_of_line_without_a_title_is_not_an_author() -> None:
    raw = "Northshire Council\n12 June 2019\nReport of the Leader's Working Group, Chair\n"
    assert meta_of(raw + _OTHER_BODY_TEXT).chair != "Leader's Working Group"


@pytest.mark.parametrize(
    "line", ["Report of: Jane Fowler, Policy Officer", "Author: Jane Fowler, Head of Policy"]
)
def test_labelled_author_without_an_office_is_not_the_chair(line: str) -> None:
    raw = f"Northshire Council\n12 June 2019\n{line}\n"
    assert meta_of(raw + _OTHER_BODY_TEXT).chair is None


def test_a_tables_label_cell_names_the_board() -> None:
    raw = "| Meeting | Northshire Police and Crime Panel |\n| Date of meeting | 14 July 2017 |\n"
    meta = meta_of(raw + _OTHER_BODY_TEXT)
    assert meta.board == "Northshire Police and Crime Panel" and str(meta.date) == "2017-07-14"


def test_a_council_named_once_as_someones_is_not_the_reports_board() -> None:
    raw = (
        "Leader's Report to Council\nReport of Councillor Andy Hollins, Leader of the Council\n"
        "12 July 2019\n\n"
        "Key meetings\n\n2 July        Call with Cllr Sue Park, Leader of Northshire Borough Council\n"
    )
    meta = meta_of(raw + _OTHER_BODY_TEXT)
    assert meta.board is None and meta.chair == "Andy Hollins"
