"""clean_text: same length as its input, markup and furniture blanked."""

from __future__ import annotations

from pathlib import Path

import pytest

from boardgraph.ingest.clean import clean_text, page_furniture_spans

ROOT = Path(__file__).resolve().parents[1]
REPORTS = ROOT / "data" / "reports"
EXTRA = ROOT.parent / "shared" / "corpus-extra"


def folded(text: str) -> str:
    return " ".join(text.split())


def test_length_and_offsets_preserved() -> None:
    raw = "## **Heading**\n\n1. Some *text* with [a link](http://x.org/a_(b)) and <sup>x</sup>.\n"
    cleaned = clean_text(raw)
    assert len(cleaned) == len(raw)
    assert cleaned.count("\n") == raw.count("\n")
    start = raw.index("Some")
    assert cleaned[start : start + 4] == "Some"


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("## **Big Board – report**", "Big Board – report"),
        ("#### Title", "Title"),
        ("Read [our website](https://example.org/page) now", "Read our website now"),
        ("See <https://example.org/x> today", "See https://example.org/x today"),
        ("an *emphasised* and _underlined_ word", "an emphasised and underlined word"),
        ("snake_case_name stays", "snake_case_name stays"),
        ("> quoted line", "quoted line"),
        ("> > nested quote", "nested quote"),
        ("- 2. Bullet with number", "Bullet with number"),
        ("  - 3.1 sub item", "sub item"),
        ("* starred bullet", "starred bullet"),
        ("\uf0b7 private-use bullet", "private-use bullet"),
        ("• round bullet", "round bullet"),
        ("2\\. ESCAPED NUMBER", "ESCAPED NUMBER"),
        ("2980.Police Report: Attached.", "Police Report: Attached."),
        ("21.01.03  Minutes", "Minutes"),
        ("closes on 13<sup>th</sup> March", "closes on 13th March"),
        ("x<sub>2</sub> and <br/> gone", "x 2 and gone"),
        ("**Contact officer:** Jane Roe  ", "Contact officer: Jane Roe"),
        ("Heading\n=======", "Heading"),
    ],
)
def test_markup_blanked(raw: str, expected: str) -> None:
    cleaned = clean_text(raw)
    assert len(cleaned) == len(raw)
    assert folded(cleaned) == expected


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("report from CIIr Ann Other (Chair)", "report from Cllr Ann Other (Chair)"),
        ("met Clir Smith today", "met Cllr Smith today"),
        ("Cllr. O. Bevan took the Chair", "Cllr O. Bevan took the Chair"),
        ("Apologies from Cllrs. Jones and Evans", "Apologies from Cllrs Jones and Evans"),
        ("a clir word in lower case", "a clir word in lower case"),
        ("the CIIr at end", "the CIIr at end"),
    ],
)
def test_ocr_councillor_title(raw: str, expected: str) -> None:
    assert folded(clean_text(raw)) == expected


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        # "m" read as "rn", in words known with the "m"
        ("The Governrnent and the rneeting agreed.", "The Government and the meeting agreed."),
        ("Cllr Ann Lee, Chairrnan of the board", "Cllr Ann Lee, Chairman of the board"),
        # real "rn"s stay
        ("We will return in turn to the modern era.", "We will return in turn to the modern era."),
        ("Cornwall and Barnsley councils", "Cornwall and Barnsley councils"),
        # a word the report itself spells with "m" more often
        (
            "The Sumrnit opened. The Summit met. The Summit closed.",
            "The Summit opened. The Summit met. The Summit closed.",
        ),
        # the pronoun read as a bar or a one
        ("| am pleased to report", "I am pleased to report"),
        ("Cllrs Roe, Lee and | were pleased", "Cllrs Roe, Lee and I were pleased"),
        ("2.1, along with Cllr Ann Lee, met", "I, along with Cllr Ann Lee, met"),
        ("a | b", "a | b"),
        ("2.1 Productivity work", "Productivity work"),
        # a speck read as a full stop inside a sentence
        ("and I were pleased. to endorse bids", "and I were pleased to endorse bids"),
        ("It ended. The next began.", "It ended. The next began."),
    ],
)
def test_ocr_confusions_are_mended_in_place(raw: str, expected: str) -> None:
    cleaned = clean_text(raw)
    assert len(cleaned) == len(raw)
    assert folded(cleaned) == expected


def test_rn_to_m_keeps_offsets_of_the_words_after() -> None:
    raw = "The Governrnent met Cllr Jo Bloggs."
    cleaned = clean_text(raw)
    start = raw.index("Cllr Jo Bloggs")
    assert cleaned[start : start + len("Cllr Jo Bloggs")] == "Cllr Jo Bloggs"
    assert cleaned.startswith("The Government ")


def test_years_and_times_at_line_start_are_not_paragraph_numbers() -> None:
    raw = "held on 1 October\n2019. The next item\n7.30pm start\n2019 campaign launched"
    cleaned = clean_text(raw)
    assert "2019. The next" in cleaned
    assert "7.30pm" in cleaned
    assert "2019 campaign" in cleaned


def test_stray_date_inside_paragraph_is_blanked_and_joined() -> None:
    raw = "The panel then discussed\n\n4 May 2016\n\nhow members could help.\n\nNext heading\n"
    cleaned = clean_text(raw)
    assert "May 2016" not in cleaned
    assert folded(cleaned) == "The panel then discussed how members could help. Next heading"
    # The sentence is joined, the following paragraph break is kept.
    assert "\n" not in cleaned[: cleaned.index("help.")]
    assert "\n\nNext heading" in cleaned
    (span,) = page_furniture_spans(raw)
    assert raw[span.start : span.end] == "4 May 2016"


def test_date_line_between_paragraphs_is_kept() -> None:
    # A date between a heading and a capitalised line is a meeting date, not furniture.
    raw = "Audit Panel\n\n12 March 2019\n\nItem 4\n"
    assert clean_text(raw) == raw
    assert page_furniture_spans(raw) == []


def test_page_numbers_are_furniture() -> None:
    raw = "Last line of a page.\nPage 2 of 4\nFirst line of the next.\n\n3\n\nMore text."
    cleaned = clean_text(raw)
    assert "Page 2 of 4" not in cleaned
    assert folded(cleaned) == "Last line of a page. First line of the next. More text."
    assert len(page_furniture_spans(raw)) == 2


def test_page_number_mid_sentence_joins() -> None:
    raw = "the council agreed to\n- 7 -\nfund the project."
    assert folded(clean_text(raw)) == "the council agreed to fund the project."
    assert "\n" not in clean_text(raw)


def test_sample_report_with_stray_footer() -> None:
    path = next(REPORTS.glob("002_*.txt"), None)
    if path is None:
        pytest.skip("sample reports not present")
    raw = path.read_text(encoding="utf-8")
    cleaned = clean_text(raw)
    assert "October 2014" not in cleaned
    assert "The discussion covered ideas around" in folded(cleaned)
    assert [raw[s.start : s.end] for s in page_furniture_spans(raw)] == ["23 October 2014"]


def test_samples_and_extra_texts_clean_without_error() -> None:
    paths = sorted(REPORTS.glob("*.txt")) + sorted(EXTRA.glob("*.txt"))
    if not paths:
        pytest.skip("no texts present")
    for path in paths:
        raw = path.read_text(encoding="utf-8")
        cleaned = clean_text(raw)
        assert len(cleaned) == len(raw), path.name
        assert "**" not in cleaned, path.name
        assert cleaned.count("\n\n") <= raw.count("\n\n"), path.name


@pytest.mark.parametrize("raw", ["", "\n\n", "***", "[", "](", "<sup>", "\\", "1.", "#", "*a*b*c*"])
def test_odd_inputs(raw: str) -> None:
    assert len(clean_text(raw)) == len(raw)
