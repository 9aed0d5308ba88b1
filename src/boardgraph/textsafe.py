"""Text that every output format can carry.

XML 1.0 has no way at all to write some characters (most C0 controls,
U+FFFE/U+FFFF, lone surrogates): not raw, not as ``&#x…;``. One of them in a
label makes a GraphML, GEXF, SVG or RDF/XML file that no parser reads, so
they are dropped, with a warning. Spreadsheet programs run a CSV cell that
starts with ``= + - @`` (or a tab or carriage return) as a formula; such
cells are written as text with a leading apostrophe.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

_XML_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def xml_clean(text: str) -> tuple[str, int]:
    """``text`` without the characters XML 1.0 cannot carry, and how many were dropped."""
    return _XML_ILLEGAL.subn("", text)


def xml_safe_file(path: Path | str, shown: Path | str | None = None) -> int:
    """Drop XML-illegal characters from a written XML file in place; warn if any were there."""
    path = Path(path)
    text = path.read_text(encoding="utf-8", errors="surrogatepass")
    clean, dropped = xml_clean(text)
    if dropped:
        path.write_text(clean, encoding="utf-8")
        # an atomic write's temporary ".NAME.PID.XXXXXXXX.part" is shown as NAME
        name = re.sub(r"^\.(.+)\.\d+\.[A-Za-z0-9_]{8}\.part$", r"\1", path.name)
        warn_dropped(shown or path.with_name(name), dropped)
    return dropped


def warn_dropped(where: Path | str, count: int) -> None:
    print(
        f"boardgraph: warning: {where}: dropped {count} character(s) that XML 1.0 cannot carry",
        file=sys.stderr,
    )


def xml_safe_attrs(attrs: dict[str, object]) -> int:
    """Clean every string value of ``attrs`` in place; return how many characters went."""
    dropped = 0
    for key, value in attrs.items():
        if isinstance(value, str):
            attrs[key], n = xml_clean(value)
            dropped += n
    return dropped


def csv_cell(value: object) -> object:
    """A cell a spreadsheet shows as text, never runs as a formula (numbers pass unchanged)."""
    if isinstance(value, str) and value.startswith(_FORMULA_START):
        return "'" + value
    return value


def split_lines(text: str) -> list[str]:
    """Lines split on ``\\n`` only: ``str.splitlines`` also breaks at U+2028, U+0085 and others,
    which N-Triples and Turtle carry inside literals."""
    return text.split("\n")
