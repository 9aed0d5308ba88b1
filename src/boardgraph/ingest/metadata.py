"""Report metadata: title, board, chair, contact officer and the report's date.

The entry point, :func:`read_metadata`, runs three readers over
:attr:`SourceDocument.text` (cleaned, offsets shared with the raw text):
``header`` (title, board and chair), the contact block below, and ``dates``.
A report that yields nothing gets an empty :class:`ReportMeta`; a reader that
fails on odd input in an expected way leaves its part empty and says so in
``meta.warnings`` — anything else is a bug and is raised.
"""

from __future__ import annotations

import re

from boardgraph.ingest.dates import read_date, text_lines
from boardgraph.ingest.header import board_and_chair, person_at
from boardgraph.model import ContactOfficer, ReportMeta, SourceDocument

# --------------------------------------------------------------------------
# Contact officer

_CONTACT = re.compile(
    r"(?:contact(?:\s+officer)?s?|contact\s+details|report\s+author|author|lead\s+officer)\s*:\s*(?P<rest>.*)$",
    re.I,
)
_LABELS: dict[str, re.Pattern[str]] = {
    "position": re.compile(r"^(?:position|job\s+title|title|role|post)\s*:\s*(?P<v>.*)$", re.I),
    "phone": re.compile(
        r"^(?:phone|telephone|tel|direct\s+line|mobile)(?:\s*(?:no|number)\.?)?\s*:\s*(?P<v>.*)$", re.I
    ),
    "email": re.compile(r"^(?:e-?mail|email\s+address)\s*:\s*(?P<v>.*)$", re.I),
}
_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
_PHONE = re.compile(r"(?:\+44\s?|\b0)\d{2,4}[\s-]?\d{3,4}[\s-]?\d{3,4}\b")


def _contact(text: str) -> ContactOfficer | None:
    lines = text_lines(text)
    for i, line in enumerate(lines):
        m = _CONTACT.match(text, line.start, line.end)
        if not m:
            continue
        start, end = m.span("rest")
        follow = lines[i + 1 : i + 9]
        if start == end and follow and not any(p.match(follow[0].text) for p in _LABELS.values()):
            start, end = follow[0].start, follow[0].end  # name on the next line
            follow = follow[1:]
        # The name ends at a comma, a wide gap or a label run into the same line.
        cut = re.search(r",|\s{2,}|\b(?:Position|Tel|Phone|E-?mail)\b", text[start:end], re.I)
        person = person_at(text, start, start + cut.start() if cut else end)
        if person is None:
            continue
        officer = ContactOfficer(name=person.name, span=person.span)
        _contact_details(text[person.span.end : end], officer)
        for nxt in follow:
            hit = False
            for key, pattern in _LABELS.items():
                lm = pattern.match(nxt.text)
                if lm and getattr(officer, key) is None:
                    _set_detail(officer, key, lm.group("v"))
                    hit = True
            if not hit:
                break
        return officer
    return None


def _set_detail(officer: ContactOfficer, key: str, value: str) -> None:
    value = value.strip(" ,;")
    if key == "email":
        m = _EMAIL.search(value)
        officer.email = m.group(0) if m else None
    elif key == "phone":
        m = _PHONE.search(value)
        officer.phone = " ".join(m.group(0).split()) if m else (value or None)
    else:
        officer.position = value or None


def _contact_details(rest: str, officer: ContactOfficer) -> None:
    """Details written on the name's own line: "Jane Doe, Policy Adviser, 020 …, jane@…"."""
    for part in (p.strip() for p in rest.split(",")):
        if not part:
            continue
        for key, pattern in _LABELS.items():
            lm = pattern.match(part)
            if lm:
                _set_detail(officer, key, lm.group("v"))
                break
        else:
            if _EMAIL.search(part):
                _set_detail(officer, "email", part)
            elif _PHONE.search(part):
                _set_detail(officer, "phone", part)
            elif officer.position is None and re.match(r"[A-Z]", part):
                officer.position = part


def _date_or_warning(doc: SourceDocument, meta: ReportMeta) -> None:
    try:
        read_date(doc, meta)
    except (ValueError, OverflowError) as exc:  # a date outside the calendar's range
        meta.date, meta.date_method, meta.date_confidence = None, "none", 0.0
        meta.warnings.append(f"{doc.identifier}: date not read ({type(exc).__name__}: {exc})")


def read_metadata(doc: SourceDocument) -> ReportMeta:
    """Title, board, chair, contact officer and date of a report."""
    meta = ReportMeta(identifier=doc.identifier)
    board_and_chair(doc, meta)
    meta.contact = _contact(doc.text)
    _date_or_warning(doc, meta)
    return meta
