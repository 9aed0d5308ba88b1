"""Length-preserving cleaning of report text.

Every character offset computed on the cleaned text must be valid against the
text as read from the file, so cleaning only ever *substitutes* characters
(mostly with spaces); it never inserts or deletes. Markup, list furniture and
OCR slips are blanked; stray page furniture in the middle of a paragraph is
blanked together with the line breaks around it so the sentence reads on.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable

from boardgraph import lexicons
from boardgraph.model import Span

_MONTHS = (
    "January|February|March|April|May|June|July|August|September|October|November|December"
    "|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec"
)
_WEEKDAY = r"(?:Mon|Tues?|Wed(?:nes)?|Thu(?:rs)?|Fri|Sat(?:ur)?|Sun)(?:day)?\.?,?"
# A line holding nothing but a date: the shape footers and running heads take.
_DATE_LINE = re.compile(
    rf"(?i)(?:{_WEEKDAY}\s+)?\d{{1,2}}(?:st|nd|rd|th)?\s+(?:{_MONTHS})\.?,?\s+\d{{4}}"
    rf"|(?:{_MONTHS})\.?\s+\d{{1,2}}(?:st|nd|rd|th)?,?\s+\d{{4}}"
    r"|\d{1,2}[./]\d{1,2}[./](?:\d{4}|\d{2})"
)
_PAGE_LINE = re.compile(r"(?i)(?:page\s+)?\d{1,3}(?:\s*(?:of|/)\s*\d{1,3})?|-?\s*\d{1,3}\s*-")
_PAGE_OF = re.compile(r"(?i)page\s+\d{1,3}(?:\s*(?:of|/)\s*\d{1,3})?")

# OCR reads "ll" as "II", "Il", "li", "l1" …; only fix it where a name follows,
# so that ordinary words are never touched.
_OCR_CLLR = re.compile(r"\bC(?!llr)[lI1i|][lI1i|]r(s?)(\.?)(?=[ \t]+[A-Z])")
_CLLR_DOT = re.compile(r"\bCllr(s?)\.(?=[ \t]+[A-Z])")
# OCR reads a speck as a full stop inside a sentence ("were pleased. to
# endorse"). Minutes do start sentences in lower case, so only a stop before
# a word that joins (to, of, and …) and never opens one is taken for a speck.
_OCR_STRAY_STOP = re.compile(
    r"(?<=[A-Za-z]{3})\.(?= (?:to|of|and|or|for|with|by|from|than|that|which)\b(?! ?[a-z]?[.)]))"
)
# … and "I" as "1" after a paragraph number whose space it lost ("2.1, along with").
_OCR_ONE_FOR_I = re.compile(r"(?m)(?<=^\d\.)1(?=,| (?:am|was|have|had|also|met|would|will)\b)")
# OCR reads the pronoun "I" as a bar: "| am pleased", "|have".
_OCR_BAR_I = re.compile(r"(?:(?<=^)|(?<=[\s(\"'‘“]))\|(?= [a-z]{2,}\b)", re.M)

_ORDINAL_SUP = re.compile(r"(?i)(\d)<sup>\s*(st|nd|rd|th)\s*</sup>")
_INLINE_TAG = re.compile(
    r"(?i)</?(?:sup|sub|u|em|strong|b|i|br|span|small|big|mark|ins|del|s|p|div|font)\b[^<>\n]{0,200}>"
)
# [text](url "title"): the url may itself hold one level of brackets.
_IMAGE_OR_LINK = re.compile(
    r"(!?)\[([^\[\]\n]*)\]\(([^()\s]*(?:\([^()\s]*\)[^()\s]*)*)(?:\s+\"[^\"\n]*\")?\)"
)
_AUTOLINK = re.compile(r"<((?:https?|ftp|mailto):[^<>\s]+|[\w.+-]+@[\w-]+(?:\.[\w-]+)+)>")
_ESCAPE = re.compile(r"\\([\\`*_{}\[\]()#+\-.!>|~])")
_HARD_BREAK = re.compile(r"\\$", re.M)
_RULE_LINE = re.compile(r"^[ \t]*(?:={3,}|-{3,}|\*{3,}|_{3,})[ \t]*$", re.M)
_STRONG = re.compile(r"\*{2,}|(?<!\w)__(?=\S)|(?<=\S)__(?!\w)")
_EM_STAR = re.compile(r"(?<![*\w\\])\*(?=[^\s*])([^*\n]{1,300}?)(?<=[^\s*])\*(?![*\w])")
_EM_UNDERSCORE = re.compile(r"(?<![\w\\])_(?=[^\s_])([^_\n]{1,300}?)(?<=[^\s_])_(?!\w)")
_BULLETS = "-*+•●▪◦▫■□➢➤✓\uf0b7\uf0a7\uf0d8\uf076"
# Leading structure of a line: blockquote marks, heading hashes, bullets and
# paragraph numbers, in any order and nesting ("> - 2.1 text").
_LINE_LEAD = re.compile(
    r"^[ \t]*(?:>[ \t]?)+"
    r"|^[ \t]*#{1,6}(?=[ \t]|$)"
    rf"|^[ \t]*[{re.escape(_BULLETS)}](?=[ \t])"
    rf"|^[ \t]*[\uf000-\uf8ff•●▪](?=\S)"
    r"|^[ \t]*\(?\d{1,4}(?:\.\d{1,3})*\.(?=[ \t]|[A-Z])"
    # "1.2.3" numbers a section; "14.07.17" alone on its line dates the report
    r"|^[ \t]*(?!(?:0?[1-9]|[12]\d|3[01])\.(?:0?[1-9]|1[0-2])\.(?:\d{2}|\d{4})[ \t]*$)"
    r"\d{1,3}(?:\.\d{1,3})+(?=[ \t]|$)"
)
_YEARISH = re.compile(r"^[ \t(]*(?:19|20)\d\d\.")
_INVISIBLE = re.compile("[\u00a0\u2000-\u200b\u202f\u205f\u3000\ufeff\u00ad\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_PRIVATE_USE = re.compile("[\ue000-\uf8ff]")


class _Buffer:
    """A mutable copy of the text that only allows same-length edits."""

    def __init__(self, text: str) -> None:
        self.chars = list(text)

    def text(self) -> str:
        return "".join(self.chars)

    def blank(self, start: int, end: int, keep_newlines: bool = True) -> None:
        for i in range(start, end):
            if not (keep_newlines and self.chars[i] == "\n"):
                self.chars[i] = " "

    def put(self, start: int, end: int, replacement: str) -> None:
        # Pad to the replaced width so every later offset stays put.
        assert len(replacement) <= end - start
        self.chars[start:end] = list(replacement.ljust(end - start))

    def each(self, pattern: re.Pattern[str], action: Callable[[re.Match[str]], None]) -> None:
        for match in list(pattern.finditer(self.text())):
            action(match)


def _blank_groupless(buf: _Buffer, m: re.Match[str]) -> None:
    buf.blank(m.start(), m.end())


def _blank_outside_group(buf: _Buffer, m: re.Match[str], group: int) -> None:
    buf.blank(m.start(), m.start(group))
    buf.blank(m.end(group), m.end())


def _clean_markup(raw: str) -> _Buffer:
    buf = _Buffer(raw)
    buf.each(_INVISIBLE, lambda m: buf.put(m.start(), m.end(), " "))
    buf.each(_PRIVATE_USE, lambda m: buf.put(m.start(), m.end(), " "))

    def unescape(m: re.Match[str]) -> None:
        # "2\." must read "2." for the paragraph-number rule; emphasis
        # characters that were escaped are literal clutter, so drop them.
        ch = m.group(1)
        buf.put(m.start(), m.end(), "" if ch in "*_\\" else ch)

    buf.each(_ESCAPE, unescape)
    buf.each(_HARD_BREAK, lambda m: buf.put(m.start(), m.end(), " "))
    # "13<sup>th</sup>" → "13th" padded: keeps the ordinal next to its number.
    buf.each(_ORDINAL_SUP, lambda m: buf.put(m.start(), m.end(), m.group(1) + m.group(2)))
    buf.each(_INLINE_TAG, lambda m: _blank_groupless(buf, m))
    buf.each(_IMAGE_OR_LINK, lambda m: _blank_outside_group(buf, m, 2))
    buf.each(_AUTOLINK, lambda m: _blank_outside_group(buf, m, 1))
    buf.each(_RULE_LINE, lambda m: _blank_groupless(buf, m))
    buf.each(_STRONG, lambda m: _blank_groupless(buf, m))
    # OCR's "I"s first: "2.1, along with" must read "2.I," to lose its paragraph number.
    buf.each(_OCR_BAR_I, lambda m: buf.put(m.start(), m.end(), "I"))
    buf.each(_OCR_ONE_FOR_I, lambda m: buf.put(m.start(), m.end(), "I"))
    _clean_line_leads(buf)
    buf.each(_EM_STAR, lambda m: _blank_outside_group(buf, m, 1))
    buf.each(_EM_UNDERSCORE, lambda m: _blank_outside_group(buf, m, 1))
    buf.each(_OCR_CLLR, lambda m: buf.put(m.start(), m.end(), "Cllr" + m.group(1)))
    buf.each(_CLLR_DOT, lambda m: buf.put(m.start(), m.end(), "Cllr" + m.group(1)))
    buf.each(_OCR_STRAY_STOP, lambda m: buf.put(m.start(), m.end(), " "))
    _ocr_rn_to_m(buf)
    return buf


_WORD = re.compile(r"[A-Za-z]{4,}")


def _m_readings(word: str) -> list[str]:
    """``word`` with some of its "rn"s read as "m" (OCR splits an "m" into "rn")."""
    parts = word.split("rn")
    if len(parts) == 1 or len(parts) > 4:
        return []
    out: list[str] = []
    for mask in range(1, 2 ** (len(parts) - 1)):
        joined = parts[0]
        for k, part in enumerate(parts[1:]):
            joined += ("m" if mask >> k & 1 else "rn") + part
        out.append(joined)
    return out


def _ocr_rn_to_m(buf: _Buffer) -> None:
    """Put back the "m" OCR read as "rn", in words known with the "m" and not without it.

    Known: the list ``clean_ocr_m_words``, or the report itself spelling the
    word with "m" more often than with "rn". The word keeps its place; the
    letter saved becomes a space after it, so no offset moves.
    """
    text = buf.text()
    if "rn" not in text:
        return
    known = lexicons.words("clean_ocr_m_words")
    counts = Counter(w.lower() for w in _WORD.findall(text))
    for m in _WORD.finditer(text):
        word = m.group(0)
        lower = word.lower()
        if "rn" not in lower or lower in known:
            continue
        for reading in _m_readings(lower):
            if reading in known or counts[reading] > counts[lower]:
                fixed = "".join(c.upper() if o.isupper() else c for c, o in zip(reading, word, strict=False))
                buf.put(m.start(), m.end(), fixed)
                break


def _clean_line_leads(buf: _Buffer) -> None:
    text = buf.text()
    offset = 0
    for line in text.split("\n"):
        pos = 0
        # Peel markers one at a time: "> - 2.1 " is three of them.
        for _ in range(6):
            rest = line[pos:]
            m = _LINE_LEAD.match(rest)
            if not m or not m.group(0).strip():
                break
            if _YEARISH.match(rest):
                break  # "2019." at a line start is a wrapped year, not a paragraph number
            buf.blank(offset + pos, offset + pos + m.end())
            pos += m.end()
        offset += len(line) + 1


def _lines(text: str) -> list[tuple[int, int]]:
    """(start, end) of each line's content, newline excluded."""
    out, start = [], 0
    for line in text.split("\n"):
        out.append((start, start + len(line)))
        start += len(line) + 1
    return out


def _furniture(text: str) -> list[tuple[Span, Span | None]]:
    """Furniture lines, each with the region to blank when it interrupts a paragraph."""
    lines = _lines(text)
    found: list[tuple[Span, Span | None]] = []
    for i, (start, end) in enumerate(lines):
        content = text[start:end].strip()
        if not content:
            continue
        is_date = bool(_DATE_LINE.fullmatch(content))
        is_page = bool(_PAGE_LINE.fullmatch(content))
        if not (is_date or is_page):
            continue
        c_start = start + text[start:end].index(content)
        span = Span(c_start, c_start + len(content))
        prev = next((lines[j] for j in range(i - 1, -1, -1) if text[slice(*lines[j])].strip()), None)
        nxt = next((lines[j] for j in range(i + 1, len(lines)) if text[slice(*lines[j])].strip()), None)
        if prev and nxt:
            before = text[prev[0] : prev[1]].rstrip()
            after = text[nxt[0] : nxt[1]].lstrip()
            # A sentence broken by the line: open before, lower-case after.
            # (The line before is running text: a short title such as a
            # board's name, then the date, then "item 3" is a header block.)
            if before and before[-1] not in ".!?:;)" and after[:1].islower() and len(before.split()) >= 4:
                join = Span(prev[0] + len(before), nxt[1] - len(after))
                found.append((span, join))
                continue
        # Lone page numbers and "Page 2 of 4" are furniture wherever they are;
        # a lone date elsewhere may be the meeting date, so it stays.
        if is_page and not is_date:
            found.append((span, None))
    return found


def page_furniture_spans(raw: str) -> list[Span]:
    """Spans of the page furniture (stray dates, page numbers) that clean_text blanks."""
    text = _clean_markup(raw).text()
    return [span for span, _ in _furniture(text)]


def clean_text(raw: str) -> str:
    """Return ``raw`` with markup and furniture blanked; same length, same offsets."""
    buf = _clean_markup(raw)
    for span, join in _furniture(buf.text()):
        if join is not None:
            buf.blank(join.start, join.end, keep_newlines=False)
        else:
            buf.blank(span.start, span.end)
    cleaned = buf.text()
    assert len(cleaned) == len(raw), "cleaning must preserve length"
    return cleaned
