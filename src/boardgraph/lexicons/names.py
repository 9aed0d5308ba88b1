"""General knowledge about names in UK public life: titles, honours, heads.

Nothing here is specific to any one report. The word lists are what an
annotator knows before reading: how councillors and peers are addressed,
which nouns head an organisation's name, a programme's, an event's or a
document's.
"""

from __future__ import annotations

import re
import unicodedata

from boardgraph.lexicons import lines, words


def _parties() -> dict[str, str]:
    out: dict[str, str] = {}
    for line in lines("entities_parties"):
        alias, _, name = line.partition("=")
        out[alias.strip().lower()] = name.strip()
    return out


# Forms of address before a name and letters after it: one shared list each
# (lexicons/titles.txt, lexicons/honours.txt) for every stage.
ADDRESS_TITLES = words("titles")
# "the" and "Mayor" open a person's mention ("the Mayor of X", "Mayor Jo
# Bloggs") without being forms of address.
TITLES = ADDRESS_TITLES | {"the", "mayor"} | {t + "." for t in ADDRESS_TITLES}
PLURAL_TITLES = frozenset({"cllrs", "councillors", "aldermen"})
PERSON_TITLES = ADDRESS_TITLES
# Titles that make a single capitalised word a person ("Lord Young", "Cllr Stay"):
# not the parts of "Rt Hon", nor words that are also common nouns before a
# capitalised word ("Right", "Doctor", "Canon", "Bishop", "Duke", "Earl").
STRONG_TITLES = ADDRESS_TITLES - {
    "rt",
    "hon",
    "right",
    "honourable",
    "doctor",
    "canon",
    "bishop",
    "duke",
    "duchess",
    "earl",
    "countess",
    "marquess",
    "archdeacon",
}
# Peers: after their title comes a name and perhaps a territorial designation.
PEER_TITLES = frozenset({"lord", "lady", "baroness", "baron", "viscount", "viscountess"})

HONOURS = words("honours")
HONOURS_UPPER = frozenset(h.upper() for h in HONOURS)

# The word lists behind the entity rules, each in lexicons/entities_*.txt with
# the reasoning for its entries.
ORGANISATION_HEADS = words("entities_organisation_heads")
PROGRAMME_HEADS = words("entities_programme_heads")
PROGRAMME_CUES = words("entities_programme_cues")
EVENT_HEADS = words("entities_event_heads")
DOCUMENT_HEADS = words("entities_document_heads")
ROLE_WORDS = words("entities_role_words")
COUNCIL_TIERS = words("entities_council_tiers")
PLACE_HEADS = words("entities_place_heads")
PLACE_SURNAME_HEADS = words("entities_place_surname_heads")
CALENDAR_WORDS = words("entities_calendar")
MONTHS = frozenset(lines("entities_calendar")[:12])
PEOPLE_NOUNS = words("entities_people_nouns")
GENERIC_WORDS = words("entities_generic_words")
NAME_CONNECTORS = words("entities_name_connectors")
PARTIES = _parties()
NON_ORG_ACRONYMS = words("entities_non_org_acronyms", lower=False)
GIVEN_NAMES = words("entities_given_names")

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
    if "of" in name and titles and titles[0].lower() in PEER_TITLES:
        name = name[: name.index("of")]
    name_text = " ".join(name).strip(" ,.;:'\"")
    name_text = re.sub(r"['\u2019]s$", "", name_text)
    return name_text, tuple(titles)


def heading_case(text: str) -> str:
    """A name as a label: "FENWICK COMMUNITY COUNCIL" in a heading is "Fenwick Community Council".

    Mixed case is kept as written, and so is a lone acronym.
    """
    name = squash(fold(text))
    if not name.isupper() or len(name.split()) < 2:
        return name
    small = NAME_CONNECTORS | {"upon", "y"}
    return " ".join(
        w.lower() if w.lower() in small and i else w.capitalize() for i, w in enumerate(name.split())
    )


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
