"""General knowledge about names in UK public life: titles, honours, heads.

Nothing here is specific to any one report. The word lists are what an
annotator knows before reading: how councillors and peers are addressed,
which nouns head an organisation's name, a programme's, an event's or a
document's.
"""

from __future__ import annotations

import re
import unicodedata

# Forms of address that precede a name. OCR variants of "Cllr" are repaired in
# clean.py, but a user may feed text we did not clean, so they are here too.
TITLES = frozenset(
    {
        "cllr",
        "cllrs",
        "ciir",
        "clir",
        "cilr",
        "councillor",
        "councillors",
        "cllr.",
        "lord",
        "lady",
        "baroness",
        "baron",
        "sir",
        "dame",
        "dr",
        "dr.",
        "mr",
        "mr.",
        "mrs",
        "mrs.",
        "ms",
        "ms.",
        "miss",
        "mx",
        "professor",
        "prof",
        "prof.",
        "rt",
        "hon",
        "rev",
        "revd",
        "reverend",
        "alderman",
        "mayor",
        "the",
    }
)
PLURAL_TITLES = frozenset({"cllrs", "councillors"})
PERSON_TITLES = TITLES - {"the", "mayor"}
# Titles that make a single capitalised word a person ("Lord Young", "Cllr Stay").
STRONG_TITLES = PERSON_TITLES - {"rt", "hon"}

# Post-nominals: honours, and the letters of an office.
HONOURS = frozenset(
    {
        "mp",
        "mep",
        "msp",
        "ms",
        "am",
        "mla",
        "cbe",
        "obe",
        "mbe",
        "kbe",
        "dbe",
        "gbe",
        "kcb",
        "cb",
        "jp",
        "dl",
        "qc",
        "kc",
        "frs",
        "fcca",
        "phd",
        "bem",
        "pc",
        "cvo",
        "lvo",
        "mvo",
    }
)
HONOURS_UPPER = frozenset(h.upper() for h in HONOURS)

# Head nouns: the last word of a name says what kind of thing it is.
ORGANISATION_HEADS = frozenset(
    {
        "board",
        "boards",
        "office",
        "authority",
        "network",
        "forum",
        "association",
        "commission",
        "committee",
        "party",
        "department",
        "agency",
        "group",
        "centre",
        "center",
        "employers",
        "panel",
        "trust",
        "partnership",
        "executive",
        "exec",
        "unit",
        "institute",
        "society",
        "foundation",
        "federation",
        "union",
        "ministry",
        "treasury",
        "parliament",
        "assembly",
        "inspectorate",
        "alliance",
        "company",
        "ltd",
        "limited",
        "plc",
        "police",
        "service",
        "services",
        "council",
        "team",
        "consortium",
        "lords",
        "commons",
        "cabinet",
        "bank",
        "university",
        "college",
        "organisation",
        "organization",
        "secretariat",
        "ombudsman",
        "tribunal",
        "court",
        "cic",
        "charity",
        "institution",
        "directorate",
        "commissioner",
        "observatory",
        "collaborative",
        "body",
        "bureau",
    }
)
# "fund" heads a programme: the funds reports name are schemes councils bid
# into or take part in ("the Growth Fund"), not grant-making bodies.
PROGRAMME_HEADS = frozenset(
    {
        "fund",
        "programme",
        "programmes",
        "program",
        "academy",
        "campaign",
        "strategy",
        "scheme",
        "initiative",
        "initiatives",
        "pilot",
        "project",
        "challenge",
        "hub",
        "inform",
        "toolkit",
        "consultation",
        "check",
        "offer",
        "award",
        "awards",
        "prize",
        "review",
        "pathway",
    }
)
# Words after which a quoted or title-case name is a programme: the
# "'Bright Y' programme" shape, where the head is lower-case outside the name.
PROGRAMME_CUES = frozenset(
    {
        "programme",
        "programmes",
        "program",
        "campaign",
        "scheme",
        "initiative",
        "consultation",
        "academy",
        "strategy",
        "pilot",
        "project",
    }
)
EVENT_HEADS = frozenset(
    {
        "conference",
        "conferences",
        "camp",
        "roadshow",
        "roadshows",
        "summit",
        "seminar",
        "seminars",
        "workshop",
        "workshops",
        "meeting",
        "meetings",
        "event",
        "events",
        "week",
        "day",
        "festival",
        "roundtable",
        "session",
        "sessions",
        "dinner",
        "reception",
        "launch",
        "exhibition",
        "expo",
        "debate",
        "hustings",
        "webinar",
        "podcast",
        "visit",
        "tour",
        "fair",
        "lecture",
        "symposium",
    }
)
DOCUMENT_HEADS = frozenset(
    {
        "bill",
        "act",
        "code",
        "report",
        "reports",
        "regulations",
        "regulation",
        "order",
        "paper",
        "guidance",
        "plan",
        "publication",
        "principles",
        "statement",
        "directive",
        "manifesto",
        "charter",
        "framework",
        "white",
        "green",
        "budget",
        "accounts",
        "minutes",
        "agenda",
        "briefing",
        "letter",
        "article",
        "template",
        "rules",
        "standards",
        "policy",
        "study",
        "studies",
        "survey",
        "census",
        "index",
    }
)
ROLE_WORDS = frozenset(
    {
        "chair",
        "chairman",
        "chairwoman",
        "chairperson",
        "vice",
        "deputy",
        "leader",
        "leaders",
        "minister",
        "ministers",
        "secretary",
        "adviser",
        "advisor",
        "officer",
        "officers",
        "executive",
        "executives",
        "chief",
        "director",
        "directors",
        "mayor",
        "president",
        "members",
        "member",
        "clerk",
        "treasurer",
        "spokesperson",
        "spokesman",
        "head",
        "manager",
        "lead",
        "portfolio",
        "holder",
        "holders",
        "councillor",
        "councillors",
        "mp",
        "mps",
        "meps",
        "peer",
        "peers",
        "commissioner",
        "commissioners",
        "ambassador",
        "champion",
        "champions",
        "governor",
        "inspector",
        "coordinator",
        "co-ordinator",
        "sergeant",
        "constable",
        "provost",
        "trustee",
        "trustees",
        "assistant",
        "speaker",
        "whip",
    }
)
# Words that say which tier a council or councillor belongs to: "County Cllr X",
# "the City Council", "Parish Council" (a council of no particular place).
COUNCIL_TIERS = frozenset(
    {
        "city",
        "county",
        "district",
        "borough",
        "parish",
        "town",
        "community",
        "metropolitan",
        "unitary",
        "village",
        "full",
        "principal",
        "local",
        "neighbouring",
        "ward",
        "division",
    }
)
# Last words of a place or thing that NER sometimes reads as a person's name:
# streets, buildings, land ("X Drive", "Y Cottages", "Z Fields"). None of them
# is a common surname.
PLACE_HEADS = frozenset(
    {
        "road",
        "rd",
        "drive",
        "avenue",
        "ave",
        "crescent",
        "library",
        "fields",
        "houses",
        "cottage",
        "cottages",
        "lodge",
        "corner",
        "market",
        "acre",
        "fen",
        "square",
        "gardens",
        "terrace",
        "parish",
        "churchyard",
        "chapel",
        "school",
        "station",
        "signage",
        "water",
        "footpath",
        "footpaths",
        "grass",
        "cutting",
        "caravan",
        "meadow",
        "meadows",
        "estate",
        "quarter",
        "pier",
        "wharf",
        "centre",
        "center",
        "mews",
        "plaza",
        "hubs",
        "timber",
        "allotments",
        "cemetery",
        "playground",
        "roundabout",
        "junction",
    }
)
# Place heads that are also surnames ("X Hall", "Y Green"): a place only after a
# preposition of place or an article ("at Z Town Hall", "the W Park").
PLACE_SURNAME_HEADS = frozenset(
    {
        "hall",
        "green",
        "wood",
        "woods",
        "hill",
        "field",
        "house",
        "cross",
        "castle",
        "church",
        "park",
        "street",
        "lane",
        "way",
        "close",
        "place",
        "walk",
        "row",
        "common",
        "farm",
        "bridge",
        "river",
        "valley",
        "abbey",
        "village",
        "garden",
        "grove",
        "moor",
        "heath",
        "brook",
    }
)
MONTHS = frozenset(
    [
        "january",
        "february",
        "march",
        "april",
        "may",
        "june",
        "july",
        "august",
        "september",
        "october",
        "november",
        "december",
    ]
)
# Days and months: in capitals in minutes' headings ("MONDAY 3 JULY"), never acronyms.
CALENDAR_WORDS = MONTHS | frozenset(
    ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
)
# Plural nouns for people who come from a body: "Representatives of the X Agency",
# "officials from the Department": the people are not part of the body's name.
PEOPLE_NOUNS = frozenset(
    {
        "representative",
        "representatives",
        "official",
        "officials",
        "colleagues",
        "staff",
        "delegates",
        "delegation",
        "delegations",
        "members",
        "officers",
        "volunteers",
    }
)
# A lone capitalised word that names nothing in particular ("the Board",
# "Government", "Councils", section headings).
GENERIC_WORDS = frozenset(
    {
        "board",
        "government",
        "committee",
        "commission",
        "council",
        "councils",
        "members",
        "member",
        "leadership",
        "improvement",
        "productivity",
        "innovation",
        "transparency",
        "finance",
        "inspectorates",
        "department",
        "office",
        "group",
        "agency",
        "authority",
        "authorities",
        "programme",
        "programmes",
        "state",
        "parliament",
        "ministers",
        "cabinet",
        "whitehall",
        "europe",
        "sector",
        "network",
        "forum",
        "panel",
        "chair",
        "chairman",
        "item",
        "items",
        "annex",
        "appendix",
        "contact",
        "position",
        "phone",
        "email",
        "e-mail",
        "telephone",
        "tel",
        "mobile",
        "fax",
        "action",
        "actions",
        "recommendation",
        "recommendations",
        "summary",
        "background",
        "introduction",
        "conclusion",
        "purpose",
        "next",
        "steps",
        "issues",
        "implications",
        "police",
        "service",
        "services",
        "team",
        "executive",
        "press",
        "media",
        "website",
        "news",
    }
)
# Connecting words allowed inside a title-case name ("Department for
# Communities and Local Government", "Committee on Standards in Public Life").
NAME_CONNECTORS = frozenset({"of", "for", "and", "&", "on", "in", "the", "to", "de", "la", "at", "with"})

# Political parties: general knowledge, and the names they go by.
PARTIES = {
    "conservative": "Conservative Party",
    "conservatives": "Conservative Party",
    "conservative party": "Conservative Party",
    "labour": "Labour Party",
    "labour party": "Labour Party",
    "liberal democrat": "Liberal Democrats",
    "liberal democrats": "Liberal Democrats",
    "lib dem": "Liberal Democrats",
    "lib dems": "Liberal Democrats",
    "green party": "Green Party",
    "plaid cymru": "Plaid Cymru",
    "scottish national party": "Scottish National Party",
    "snp": "Scottish National Party",
    "ukip": "UK Independence Party",
    "reform uk": "Reform UK",
    "independent group": "Independent Group",
}

# Upper-case tokens that are not organisations.
NON_ORG_ACRONYMS = frozenset(
    {
        "UK",
        "GB",
        "EU",
        "USA",
        "US",
        "UN",
        "MP",
        "MPS",
        "MEP",
        "MEPS",
        "CBE",
        "OBE",
        "MBE",
        "KBE",
        "DBE",
        "JP",
        "DL",
        "QC",
        "KC",
        "PHD",
        "CEO",
        "CEOS",
        "CFO",
        "HR",
        "IT",
        "ICT",
        "AI",
        "PDF",
        "URL",
        "FAQ",
        "AGM",
        "EGM",
        "AOB",
        "TBC",
        "TBA",
        "NB",
        "PS",
        "AM",
        "PM",
        "GMT",
        "BST",
        "VAT",
        "GDP",
        "OK",
        "ID",
        "RE",
        "CC",
        "DC",
        "BC",
        "PC",
        "TV",
        "SMS",
        "NO",
        "ITEM",
        "IMPROVEMENT",
        "LEADERSHIP",
        "PRODUCTIVITY",
        "TRANSPARENCY",
        "INNOVATION",
        "FINANCE",
        "I",
        "II",
        "III",
        "IV",
        "V",
        "VI",
        "COVID",
        "ASAP",
        "Q",
        "A",
        "FYI",
        "RSVP",
        "ETA",
        "CCTV",
        "HGV",
        "LED",
        "SEN",
        "SEND",
        "CPD",
        "KPI",
        "KPIS",
        "ROI",
        "WW",
        "WWII",
        "STEM",
        "MSP",
        "AMS",
        "LLP",
    }
)

_SPACE = re.compile(r"\s+")
_NON_WORD = re.compile(r"[^a-z0-9]+")


def fold(text: str) -> str:
    """Fold typography that varies between copies of the same name."""
    text = unicodedata.normalize("NFKC", text)
    return (
        text.replace("\u2019", "'")
        .replace("\u2018", "'")
        .replace("\u201c", '"')
        .replace("\u201d", '"')
        .replace("\u2013", "-")
        .replace("\u2014", "-")
    )


def squash(text: str) -> str:
    return _SPACE.sub(" ", text).strip()


def strip_titles(words: list[str]) -> tuple[list[str], list[str]]:
    """Split a person's words into (name words, titles and honours)."""
    titles: list[str] = []
    while words and (
        words[0].lower().rstrip(".") in PERSON_TITLES | {"rt", "hon"}
        or (len(words) > 1 and words[0].lower() == "mayor")  # "Mayor Jo Bloggs"
        # "County Cllr X", "District Councillor X": the tier is part of the title
        or (
            len(words) > 1
            and words[0].lower() in COUNCIL_TIERS
            and words[1].lower().rstrip(".") in {"cllr", "cllrs", "councillor", "councillors"}
        )
    ):
        titles.append(words.pop(0))
    while words and words[-1].upper().rstrip(".,") in HONOURS_UPPER:
        titles.append(words.pop())
    return words, titles


def person_name(text: str) -> tuple[str, tuple[str, ...]]:
    """Name without titles/honours, and the titles found: "Cllr Jo Bloggs CBE" → ("Jo Bloggs", …)."""
    words = squash(fold(text)).split(" ")
    name, titles = strip_titles(words)
    # "Lord Smith of Ashby": the territorial designation belongs to the title.
    if "of" in name and titles and titles[0].lower() in {"lord", "lady", "baroness", "baron"}:
        name = name[: name.index("of")]
    name_text = " ".join(name).strip(" ,.;:'\"")
    name_text = re.sub(r"['\u2019]s$", "", name_text)
    return name_text, tuple(titles)


def name_key(text: str) -> str:
    """A comparison key for organisation / programme names.

    "the District Council's Network" and "District Councils' Network" share a
    key; so do "Housing & Planning Board" and "Housing and
    Planning Board".
    """
    s = fold(text).lower().replace("&", " and ")
    s = re.sub(r"'s\b", "", s)
    s = s.replace("'", "")
    s = _NON_WORD.sub(" ", s)
    words = [w for w in s.split() if w]
    if words and words[0] == "the":
        words = words[1:]
    # Plural/singular of the possessor ("Councils'" vs "Council's").
    words = [w[:-1] if len(w) > 4 and w.endswith("s") and not w.endswith("ss") else w for w in words]
    return " ".join(words)


def initials(text: str) -> str:
    """Initials of the significant words: "Local Government Group" → "LGG"."""
    words = [w for w in re.split(r"[\s\-]+", fold(text)) if w]
    return "".join(
        w[0].upper() for w in words if w.lower() not in {"of", "for", "and", "&", "the", "on", "in"}
    )


def is_acronym(token_text: str) -> bool:
    """ "NAO", "CIPFA", and the mixed-case initials of government departments ("DfE", "MoJ", "DfID")."""
    t = token_text.strip(".")
    if not (2 <= len(t) <= 7 and t.isalpha()):
        return False
    return t.isupper() or re.fullmatch(r"[A-Z](?:[a-z]?[A-Z]){1,3}", t) is not None


def slug(text: str) -> str:
    s = unicodedata.normalize("NFKD", fold(text)).encode("ascii", "ignore").decode().lower()
    s = s.replace("&", " and ")
    s = re.sub(r"'s\b", "s", s)
    s = re.sub(r"[^a-z0-9]+", "-", s).strip("-")
    return s or "unnamed"
