"""The extraction rules on hand-written sentences that are not from the sample corpus.

Each rule of ``bg_entities`` and ``bg_relations`` is exercised on other
councils, other people, other programmes and lists in other shapes, with the
cases that must NOT be extracted beside the ones that must. Docs go through
the real pipeline (``load_pipeline``) with a report context set on the Doc,
as ingest sets it, so that "I" is the chair.
"""

from __future__ import annotations

import pytest

from boardgraph.model import COUNCIL, ORGANISATION, PARTICIPATES, PERSON, PROGRAMME, WORKED_WITH

CHAIR = "Mary Example"


@pytest.fixture(scope="module")
def nlp():
    from boardgraph.nlp.pipeline import load_pipeline

    return load_pipeline()


@pytest.fixture(scope="module")
def run(nlp):
    def _run(text: str, date: str | None = "2015-06-01", chair: str | None = CHAIR):
        doc = nlp.make_doc(text)
        doc._.bg_context = {"id": "test", "chair": chair, "date": date}
        return nlp(doc)

    return _run


@pytest.fixture(scope="module")
def ents(run):
    """(label, normalised name) of every mention, "I" left out."""

    def _ents(text: str, **kw) -> list[tuple[str, str]]:
        doc = run(text, **kw)
        return [(s.label_, s._.bg_name) for s in doc.spans["bg"] if s._.bg_rule != "chair-pronoun"]

    return _ents


@pytest.fixture(scope="module")
def rels(run):
    """(kind, sorted names or (member, programme)) of every relation candidate."""

    def _rels(text: str, **kw) -> list[tuple[str, tuple[str, ...]]]:
        doc = run(text, **kw)
        spans = list(doc.spans["bg"])
        out = []
        for r in doc._.bg_relations or []:
            names = [spans[a]._.bg_name for a in r["args"]]
            out.append((r["kind"], tuple(sorted(names)) if r["kind"] == WORKED_WITH else tuple(names)))
        return out

    return _rels


def names(found: list[tuple[str, str]], label: str) -> list[str]:
    return [n for lab, n in found if lab == label]


# ---------------------------------------------------------------- people


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Councillor Dr Priya Okafor welcomed the delegation.", ["Priya Okafor"]),
        ("Baroness Whitcombe opened the debate.", ["Whitcombe"]),
        ("Sir Alan Threlfall MP asked a question.", ["Alan Threlfall"]),
        ("The Rt Hon Gareth Pellow MP replied.", ["Gareth Pellow"]),
        ("Dame Olwen Price DBE chaired the panel.", ["Olwen Price"]),
        ("Lord Kinsey of Eastmoor spoke in the debate.", ["Kinsey"]),
        ("Cllr Tom Hartley (Leader, Calderdale Council) gave evidence.", ["Tom Hartley"]),
        ("Mayor Linda Oduya opened the new depot.", ["Linda Oduya"]),
        ("Anita Rowe OBE, the chief executive, presented the accounts.", ["Anita Rowe"]),
    ],
)
def test_titled_people(ents, text, expected):
    people = names(ents(text), PERSON)
    for name in expected:
        assert name in people, (text, people)


def test_plural_titles_with_surnames(ents):
    found = names(ents("Cllrs Hartley, Okafor and Pellow attended the meeting."), PERSON)
    assert {"Hartley", "Okafor", "Pellow"} <= set(found)


def test_plural_titles_with_full_names_and_honours(ents):
    found = names(ents("Councillors Ruth Amos, Dev Patel OBE and Sam Lowry signed the letter."), PERSON)
    assert {"Ruth Amos", "Dev Patel", "Sam Lowry"} <= set(found)


def test_two_names_after_cllrs(ents):
    found = names(ents("Cllrs Akram and Bellamy raised the matter."), PERSON)
    assert set(found) == {"Akram", "Bellamy"}


def test_tier_before_title_is_part_of_title(ents):
    found = ents("Present: Cllrs Rees, Moody and County Cllr Jarvis.")
    people = names(found, PERSON)
    assert "Jarvis" in people and not any("County" in p for p in people)


def test_title_before_an_office_is_not_a_person(ents):
    assert names(ents("The Lord Mayor and the Lord Provost attended."), PERSON) == []
    assert names(ents("The Mayor of the borough attended."), PERSON) == []


def test_role_in_brackets_after_a_councillor(run):
    doc = run("Cllr Tom Hartley (Leader, Calderdale Council) gave evidence.")
    labels = {(s.label_, s._.bg_name) for s in doc.spans["bg"]}
    assert (PERSON, "Tom Hartley") in labels and (
        COUNCIL,
        "Calderdale Metropolitan Borough Council",
    ) in labels
    assert [r["role"] for r in doc._.bg_roles] == ["Leader"]


def test_chair_pronoun(run):
    doc = run("I was pleased to visit the depot.")
    chair = [s for s in doc.spans["bg"] if s._.bg_rule == "chair-pronoun"]
    assert len(chair) == 1 and chair[0]._.bg_name == CHAIR and chair[0]._.bg_chair


def test_no_chair_no_pronoun(run):
    doc = run("I was pleased to visit the depot.", chair=None)
    assert [s for s in doc.spans["bg"] if s.text == "I"] == []


@pytest.mark.parametrize(
    "text",
    [
        "Residents raised parking on Mulberry Drive and Station Road.",
        "The grass cutting at Jubilee Fields was completed.",
        "The meeting was held in the Town Hall on Monday.",
        "Repairs to Ashgrove Cottages and the Village Library were noted.",
    ],
)
def test_places_are_not_people(ents, text):
    assert names(ents(text), PERSON) == []


def test_initials_in_brackets_are_the_person_not_a_body(ents):
    found = ents("Present: Ruth Amos (RAM), Peter Quinn (PQU).\nRAM reported on the footpaths.")
    assert "RAM" not in names(found, ORGANISATION) and "PQU" not in names(found, ORGANISATION)


# ---------------------------------------------------------------- councils


def test_council_list_with_shared_head(ents):
    found = ents("Leeds, Bradford and Kirklees Councils signed the compact.")
    assert set(names(found, COUNCIL)) == {
        "Leeds City Council",
        "City of Bradford Metropolitan District Council",
        "Kirklees Council",
    }


def test_council_list_with_oxford_comma(ents):
    found = ents("Dudley, Sandwell, and Walsall Councils agreed.")
    assert len(names(found, COUNCIL)) == 3


def test_short_and_alternative_names(ents):
    found = names(ents("Hull City Council and Rotherham Borough Council replied."), COUNCIL)
    assert "Hull City Council" in found  # the register's official name for Kingston upon Hull
    assert any(n.startswith("Rotherham") for n in found)


def test_council_named_place_last(ents):
    found = names(
        ents(
            "We wrote to the London Borough of Hackney and the Borough Council of King's Lynn and "
            "West Norfolk."
        ),
        COUNCIL,
    )
    assert "London Borough of Hackney" in found
    assert any("Lynn" in n for n in found)


def test_short_form_by_unique_prefix(ents):
    found = names(ents("Newcastle, Stoke and Telford Councils were praised."), COUNCIL)
    assert "Stoke-on-Trent City Council" in found


@pytest.mark.parametrize(
    ("text", "day", "expected"),
    [
        ("Aylesbury Vale District Council bid for funding.", "2015-05-01", "Aylesbury Vale District Council"),
        ("Aylesbury Vale District Council bid for funding.", "2024-05-01", None),  # abolished 2020
        ("Allerdale Borough Council joined.", "2016-01-01", "Allerdale Borough Council"),
        ("Allerdale Borough Council joined.", "2024-01-01", None),  # abolished 2023
        ("Bournemouth Borough Council agreed.", "2015-01-01", "Bournemouth Borough Council"),
        ("Bournemouth Borough Council agreed.", "2024-01-01", None),  # abolished 2019
        ("Somerset Council replied.", "2024-01-01", "Somerset Council"),
        ("Somerset Council replied.", "2015-01-01", "Somerset County Council"),
    ],
)
def test_council_existed_on_report_date(ents, text, day, expected):
    found = names(ents(text, date=day), COUNCIL)
    assert found == ([expected] if expected else []), (text, day, found)


@pytest.mark.parametrize(
    "text",
    [
        "The event was held in Leeds and attended by 200 people.",
        "Delegates travelled to Bristol for the conference.",
        "The City Council agreed the budget.",
        "Full Council will meet in July.",
        "Dear Parish Council, thank you.",
    ],
)
def test_places_and_unnamed_councils_are_not_councils(ents, text):
    found = ents(text)
    assert names(found, COUNCIL) == [] and not any("Council" in n for n in names(found, ORGANISATION)), found


def test_council_acronym_in_the_same_report(ents):
    found = ents("Scottish Borders Council (SBC) will resurface the road. SBC has agreed the plan.")
    councils = [n for lab, n in found if lab == COUNCIL]
    assert councils.count("Scottish Borders Council") == 3
    assert names(found, ORGANISATION) == []


def test_council_acronym_without_the_council_is_not_guessed(run):
    # initials ending in a tier's ("…BC") are a council, but which one is not guessed
    doc = run("SBC has agreed the plan.")
    (span,) = [s for s in doc.spans["bg"] if s.text == "SBC"]
    assert span.label_ == COUNCIL and span._.bg_name == "SBC" and span._.bg_key is None


def test_initials_of_other_things_ending_like_a_council_are_not_councils(run):
    doc = run("The PCC and the BBC agreed the plan.")
    assert [s.text for s in doc.spans["bg"] if s.label_ == COUNCIL] == []


# ---------------------------------------------------------------- organisations


def test_acronym_defined_and_reused(run):
    doc = run("The Rural Services Network (RSN) responded. Later the RSN wrote again.")
    spans = [s for s in doc.spans["bg"] if s.label_ == ORGANISATION]
    assert spans[0]._.bg_name == "Rural Services Network" and spans[0]._.bg_acronym == "RSN"
    assert [s.text for s in spans[1:]] == ["RSN", "RSN"]


@pytest.mark.parametrize(
    "text",
    [
        "The Board noted the report.",
        "Government has announced a review.",
        "The Committee agreed the minutes.",
        "Members and Officers attended.",
        "The Chair thanked the Secretary.",
    ],
)
def test_generic_bodies_are_nothing(ents, text):
    assert ents(text) == [], text


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "The Home Office and the Valuation Office Agency replied.",
            {"Home Office", "Valuation Office Agency"},
        ),
        ("The Coastal Communities Alliance met last week.", {"Coastal Communities Alliance"}),
        ("The Labour Group and the Liberal Democrats abstained.", {"Liberal Democrats"}),
    ],
)
def test_named_bodies(ents, text, expected):
    assert expected <= set(names(ents(text), ORGANISATION))


def test_members_of_a_body_is_the_body(ents):
    found = names(ents("Members of the Tenants Advisory Panel were consulted."), ORGANISATION)
    assert found == ["Tenants Advisory Panel"]


@pytest.mark.parametrize(
    "text",
    [
        "MINUTES OF THE MEETING HELD ON MONDAY 3 JULY",
        "AGREED: the accounts were approved and agreed.",
        "ITEMS FOR REPORT\nThe report was noted.",
    ],
)
def test_words_in_capitals_are_not_acronyms(ents, text):
    assert names(ents(text), ORGANISATION) == [], text


# ---------------------------------------------------------------- programmes


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Twelve councils joined the Digital Pathways programme.", "Digital Pathways"),
        ("We launched the 'Count Me In' campaign in May.", "Count Me In"),
        ("The Finance Leadership Academy starts in October.", "Finance Leadership Academy"),
        ("Nine councils are piloting the Family Hubs Initiative.", "Family Hubs Initiative"),
    ],
)
def test_named_programmes(ents, text, expected):
    assert expected in names(ents(text), PROGRAMME), ents(text)


@pytest.mark.parametrize(
    "text",
    [
        "The venue hosted a programme of events over the summer.",
        "Our new programme will start next year.",
        "The Planning Bill and the Housing Act were discussed.",
        "The Annual Conference takes place in Harrogate.",
        "The Annual Report was published in March.",
        "Cllr Evans attended a Microsoft Teams meeting on Monday.",
    ],
)
def test_not_programmes(ents, text):
    assert names(ents(text), PROGRAMME) == [], ents(text)


def test_lower_case_programme_named_twice(ents):
    text = (
        "The rural broadband programme has started. Councils taking part in the rural broadband programme "
        "will report in June."
    )
    assert names(ents(text), PROGRAMME) == ["rural broadband programme"] * 2


def test_lower_case_programme_named_once_is_nothing(ents):
    assert names(ents("The rural broadband programme has started."), PROGRAMME) == []


# ---------------------------------------------------------------- relations


def test_met_with(rels):
    found = rels("I met with Cllr Sara Quayle to discuss the settlement.")
    assert (WORKED_WITH, tuple(sorted([CHAIR, "Sara Quayle"]))) in found


def test_met_a_role_named_before_the_person(rels):
    found = rels("I met the Minister for Local Government, Kate Ellery MP, to discuss the settlement.")
    assert found == [(WORKED_WITH, tuple(sorted([CHAIR, "Kate Ellery"])))]


def test_a_role_with_no_person_named_is_no_partner(rels):
    assert rels("I met the Minister for Local Government to discuss the settlement.") == []


@pytest.mark.parametrize(
    "text, partners",
    [
        ("I hosted a roundtable with Cllr Sue Grant on housing.", ["Sue Grant"]),
        ("I spoke alongside Cllr Sue Grant at the conference.", ["Sue Grant"]),
        ("I joined Cllr Sue Grant at the launch event.", ["Sue Grant"]),
        ("I wrote jointly with Cllr Sue Grant to the Minister.", ["Sue Grant"]),
        ("I attended the summit with Cllr Sue Grant and Sir Tom Hale MP.", ["Sue Grant", "Tom Hale"]),
    ],
)
def test_doing_something_with_a_named_person(rels, text, partners):
    assert rels(text) == [(WORKED_WITH, tuple(sorted([CHAIR, *partners])))]


@pytest.mark.parametrize(
    "text",
    [
        "I agree with Cllr Sue Grant that the cuts are too deep.",
        "The Minister provided Cllr Sue Grant with a briefing.",
        "I congratulated Cllr Sue Grant on her appointment.",
        "I was pleased with the response from Cllr Sue Grant.",
    ],
)
def test_with_that_is_not_company(rels, text):
    assert rels(text) == []


def test_listed_subject_with_a_role_naming_a_body(rels):
    found = rels("Councillor Ann Roe, Chairman of the Fire Services Board, and I gave evidence to MPs.")
    assert (WORKED_WITH, tuple(sorted([CHAIR, "Ann Roe"]))) in found


def test_and_before_initials_starts_a_second_body(ents):
    found = ents("The LGA has been working closely with the Department of Health and NHS England.")
    assert ("Organisation", "Department of Health") in found and ("Organisation", "NHS England") in found


def test_a_fund_is_a_programme_but_a_lottery_fund_is_a_body(ents):
    assert ("Programme", "Better Care Fund") in ents("Councils have pooled budgets in the Better Care Fund.")
    assert ("Organisation", "Big Lottery Fund") in ents("The museum won a grant from the Big Lottery Fund.")


def test_national_bodies_are_named_for_their_nation(ents):
    found = ents("Public Health England and Sport England met Ofsted and HM Treasury.")
    for body in ("Public Health England", "Sport England", "HM Treasury"):
        assert ("Organisation", body) in found
    assert ents("Councils in North East England met in Leeds.") == []


def test_a_body_of_members_keeps_its_role_words(ents):
    found = ents("The Society of Local Authority Chief Executives (Solace) responded.")
    assert ("Organisation", "Society of Local Authority Chief Executives") in found


def test_one_place_before_councils_is_not_a_council_list(ents):
    assert not [e for e in ents("I spoke alongside London Councils.") if e[0] == "Council"]


def test_along_with(rels):
    found = rels("I, along with Cllr Dan Oyelaran, visited the new library.")
    assert (WORKED_WITH, tuple(sorted([CHAIR, "Dan Oyelaran"]))) in found


def test_in_partnership_with(rels):
    found = rels("The Wildlife Trusts Network is working in partnership with the Forestry Commission.")
    assert any(k == WORKED_WITH and "Forestry Commission" in p for k, p in found), found


def test_working_with(rels):
    found = rels("The LGA is working with the Cabinet Office on the review.")
    assert (WORKED_WITH, ("Cabinet Office", "LGA")) in found


def test_joint_subject(rels):
    found = rels("Councillors Amos, Quinn and I endorsed the charter.")
    kinds = [p for k, p in found if k == WORKED_WITH]
    assert any({"Amos", "Quinn", CHAIR} <= set(p) for p in kinds), found


def test_co_occurrence_is_not_working_together(rels):
    for text in (
        "Cllr Ruth Amos and the Home Office were both mentioned in the report.",
        "Cllr Ruth Amos spoke at the conference. The Home Office published figures.",
        "The report names Cllr Ruth Amos, Cllr Dev Patel and the Home Office.",
    ):
        assert [k for k, _ in rels(text) if k == WORKED_WITH] == [], text


def test_contact_is_not_working_together(rels):
    found = rels("Please contact Jane Whitlow or Cllr Ruth Amos for details.")
    assert [k for k, _ in found if k == WORKED_WITH] == []


def test_appositive_role_is_not_a_partner(rels, run):
    text = "I met Cllr Ruth Amos, Chair of the Tenants Advisory Panel, on Tuesday."
    found = rels(text)
    assert (WORKED_WITH, tuple(sorted([CHAIR, "Ruth Amos"]))) in found
    assert not any("Tenants Advisory Panel" in p for _, p in found)
    doc = run(text)
    assert any("Chair" in r["role"] for r in doc._.bg_roles)


@pytest.mark.parametrize(
    ("text", "member", "programme"),
    [
        (
            "Wakefield Council has been selected for the Digital Pathways programme.",
            "Wakefield Metropolitan District Council",
            "Digital Pathways",
        ),
        (
            "Cheshire East Council is piloting the Family Hubs Initiative.",
            "Cheshire East Council",
            "Family Hubs Initiative",
        ),
        (
            "The Finance Leadership Academy is run by the Chartered Institute of Public Finance.",
            "Chartered Institute of Public Finance",
            "Finance Leadership Academy",
        ),
        (
            "Plymouth City Council bid to join the Coastal Renewal Programme.",
            "Plymouth City Council",
            "Coastal Renewal Programme",
        ),
        (
            "The Street Champions scheme was organised by the Canal and River Trust.",
            "Canal and River Trust",
            "Street Champions",
        ),
    ],
)
def test_participation(rels, text, member, programme):
    assert (PARTICIPATES, (member, programme)) in rels(text), rels(text)


def test_no_participation_without_a_trigger(rels):
    found = rels("Wakefield Council noted the Digital Pathways programme evaluation.")
    assert [k for k, _ in found if k == PARTICIPATES] == []


def test_role_with_hyphen_and_its_body(run):
    doc = run("Cllr Ann Lowe, Vice-Chair of the Housing Board, spoke.")
    spans = list(doc.spans["bg"])
    assert [r["role"] for r in doc._.bg_roles] == ["Vice-Chair"]
    org = doc._.bg_roles[0]["organisation"]
    assert org is not None and spans[org]._.bg_name == "Housing Board"


def test_role_with_complement(run):
    doc = run(
        "I met Bob Example MP, Parliamentary Under Secretary of State, Department for Transport, last week."
    )
    assert [r["role"] for r in doc._.bg_roles] == ["Parliamentary Under Secretary of State"]


def test_role_stops_before_other_names(run):
    doc = run("Present: Alan Reid, Parish Clerk, Mary Jones and Tom Price.")
    roles = [r["role"] for r in doc._.bg_roles]
    assert all(len(r.split()) <= 3 for r in roles), roles


# ------------------------------------------------ generalisation fixes (held-out set)


def test_and_the_starts_a_second_name(ents):
    found = ents("The panel heard from St Cuthbert's and the Wolfson Housing Trust.")
    orgs = names(found, ORGANISATION)
    assert "Wolfson Housing Trust" in orgs
    assert not any("and the" in n for n in orgs)


def test_people_from_a_body_are_not_its_name(ents):
    found = ents("Representatives of the National Housing Federation attended the workshop.")
    assert names(found, ORGANISATION) == ["National Housing Federation"]


def test_mixed_case_department_initials(run):
    doc = run("The Department for Transport (DfT) has agreed. The DfT will publish guidance.")
    spans = [s for s in doc.spans["bg"] if s._.bg_rule != "chair-pronoun"]
    assert spans[0]._.bg_name == "Department for Transport" and spans[0]._.bg_acronym == "DfT"
    assert spans[-1].text == "DfT" and spans[-1].label_ == ORGANISATION


def test_council_with_and_in_its_name(ents):
    found = ents("We thank Redcar and Cleveland Borough Council for its hospitality.")
    assert names(found, COUNCIL) == ["Redcar and Cleveland Borough Council"]


def test_council_list_with_and_in_a_name(ents):
    found = ents("Hartlepool, Darlington and Redcar and Cleveland Councils have agreed.")
    assert names(found, COUNCIL) == [
        "Hartlepool Borough Council",
        "Darlington Borough Council",
        "Redcar and Cleveland Borough Council",
    ]


def test_name_with_a_list_inside_spelled_by_its_acronym(run):
    doc = run("I wrote to the Department for Business, Innovation and Skills (BIS) about apprenticeships.")
    orgs = [s for s in doc.spans["bg"] if s.label_ == ORGANISATION]
    assert orgs[0]._.bg_name == "Department for Business, Innovation and Skills"
    assert orgs[0]._.bg_acronym == "BIS"


def test_list_without_acronym_is_not_merged(ents):
    found = ents("We met the Home Office, Sport England and the Canal and River Trust.")
    assert "Home Office" in names(found, ORGANISATION)
    assert not any("," in n for n in names(found, ORGANISATION))


def test_quoted_programme_with_words_before_the_cue(ents):
    found = ents("Six councils have joined the 'Warm Homes' winter campaign this year.")
    assert names(found, PROGRAMME) == ["Warm Homes"]


def test_quoted_phrase_without_a_cue_is_not_a_programme(ents):
    found = ents("She said 'Councils are ready' to the committee in June.")
    assert names(found, PROGRAMME) == []


def test_owner_of_a_programme_is_a_body_and_runs_it(ents, rels):
    text = "Historic England's Heritage Action Zones programme will fund twelve towns."
    assert "Historic England" in names(ents(text), ORGANISATION)
    assert (PARTICIPATES, ("Historic England", "Heritage Action Zones")) in rels(text)
    text = "UKActive's 'Moving Communities' campaign was launched in April."
    assert "UKActive" in names(ents(text), ORGANISATION)


def test_owner_of_a_programme_with_the_body_head_before_of(ents):
    found = ents("The Department for Transport's Bikeability scheme is growing.")
    assert "Department for Transport" in names(found, ORGANISATION)
    assert names(found, PROGRAMME) == ["Bikeability"]


def test_names_listed_beside_a_body_are_bodies(ents):
    found = ents("The session heard from Groundwork UK, the Wildlife Trusts Partnership and Living Streets.")
    orgs = names(found, ORGANISATION)
    assert {"Groundwork UK", "Wildlife Trusts Partnership", "Living Streets"} <= set(orgs)


@pytest.mark.parametrize(
    "text",
    [
        "We visited Leeds, Bradford and the Audit Commission offices.",
        "I met Ann Hobbs MP, Parliamentary Under Secretary of State, Department for Transport.",
    ],
)
def test_places_and_roles_beside_a_body_are_not_bodies(ents, text):
    orgs = names(ents(text), ORGANISATION)
    assert not any(n in {"Leeds", "Bradford", "Parliamentary Under Secretary of State"} for n in orgs)


def test_participle_preposition_is_not_part_of_a_name(ents):
    found = ents("Following the Housing Review, councils will be consulted.")
    assert all(not n.startswith("Following") for _, n in found)


def test_one_word_after_a_possessive_is_the_names_own_head(ents):
    found = ents("The National Association of Children's Services (NACS) met in May.")
    assert "National Association of Children" not in names(found, ORGANISATION)


def test_listed_subject_with_an_apposition(rels):
    found = rels("Cllr Ravi Bains, the Board's Deputy Chair, and I jointly signed a letter to the Minister.")
    assert (WORKED_WITH, tuple(sorted([CHAIR, "Ravi Bains"]))) in found


def test_plural_title_list_and_i_act_together(rels):
    found = rels("Councillors Okafor, Lindqvist and I gave evidence to the select committee.")
    pairs = {n for k, n in found if k == WORKED_WITH}
    assert tuple(sorted([CHAIR, "Lindqvist", "Okafor"])) in pairs


def test_bodies_working_together(rels):
    found = rels("The Carers Trust and the LGA are working together on respite care.")
    assert (WORKED_WITH, ("Carers Trust", "LGA")) in found


def test_being_members_is_not_acting_together(rels):
    found = rels("Cllr Ann Bloggs and Cllr Tim Smith are members of the Board.")
    assert [k for k, _ in found if k == WORKED_WITH] == []


def test_meeting_officials_from_a_body_is_meeting_the_body(rels):
    found = rels("I met officials from the Valuation Office Agency to discuss appeals.")
    assert (WORKED_WITH, tuple(sorted([CHAIR, "Valuation Office Agency"]))) in found


def test_companion_meets_the_same_party(rels):
    found = rels("Along with Cllr Dev Sharma, I met Kate Ellery MP to discuss housing.")
    pairs = {n for k, n in found if k == WORKED_WITH}
    assert any({"Dev Sharma", "Kate Ellery"} <= set(p) for p in pairs)


def test_run_jointly_with_and_in_partnership_with(rels):
    found = rels(
        "The Green Homes Programme, which the LGA runs jointly with the Energy Saving Trust, "
        "has opened for bids."
    )
    assert (WORKED_WITH, ("Energy Saving Trust", "LGA")) in found
    assert (PARTICIPATES, ("Energy Saving Trust", "Green Homes Programme")) in found
    found = rels(
        "The Green Homes Programme, run by the LGA in partnership with the Energy Saving Trust, has opened."
    )
    assert (WORKED_WITH, ("Energy Saving Trust", "LGA")) in found
    assert (PARTICIPATES, ("LGA", "Green Homes Programme")) in found


def test_participation_referring_back_to_the_programme(rels):
    found = rels(
        "The Green Homes Programme has selected six pilots. "
        "They include Leeds City Council and Kirklees Council."
    )
    assert (PARTICIPATES, ("Kirklees Council", "Green Homes Programme")) in found
    found = rels(
        "The Walk to School campaign starts in May. "
        "Leeds City Council and Kirklees Council have joined the campaign."
    )
    assert (PARTICIPATES, ("Leeds City Council", "Walk to School")) in found


def test_no_participation_referring_back_without_a_reference(rels):
    found = rels("The Green Homes Programme starts in May. Leeds City Council has agreed its budget.")
    assert [k for k, _ in found if k == PARTICIPATES] == []
