"""The one place where text becomes part of an IRI.

A report's identifier is its file stem, and people name files anything:
``board report 2012.txt``, quotes, pipes, braces, newlines. Pasted raw into
an IRI such a name makes rdflib refuse the whole graph. Every IRI segment
minted from text therefore goes through :func:`segment`, which keeps the
RFC 3986 unreserved characters and percent-encodes every other UTF-8 byte.
The mapping is injective (``%`` itself is encoded), so two names never share
an IRI, and names that were already safe keep exactly the IRI they had.
The real name is kept as a literal (``dcterms:identifier``) next to it.
"""

from __future__ import annotations

import re
import string

from rdflib import URIRef

_UNRESERVED = frozenset(string.ascii_letters + string.digits + "-._~")

# RFC 3987 IRI-reference, restricted to the absolute IRIs boardgraph writes:
# scheme ":" "//" authority path, where every path character is an
# iunreserved character, a sub-delim, ":" "@" "/" or a percent-encoded octet.
_UCSCHAR = (
    "\u00a0-\ud7ff\uf900-\ufdcf\ufdf0-\uffef"
    "\U00010000-\U0001fffd\U00020000-\U0002fffd\U00030000-\U0003fffd"
    "\U00040000-\U0004fffd\U00050000-\U0005fffd\U00060000-\U0006fffd"
    "\U00070000-\U0007fffd\U00080000-\U0008fffd\U00090000-\U0009fffd"
    "\U000a0000-\U000afffd\U000b0000-\U000bfffd\U000c0000-\U000cfffd"
    "\U000d0000-\U000dfffd\U000e1000-\U000efffd"
)
_IPCHAR = rf"(?:[A-Za-z0-9\-._~{_UCSCHAR}!$&'()*+,;=:@]|%[0-9A-Fa-f]{{2}})"
IRI_PATTERN = re.compile(
    rf"[A-Za-z][A-Za-z0-9+\-.]*://"  # scheme and "//"
    rf"(?:[A-Za-z0-9\-._~{_UCSCHAR}!$&'()*+,;=:]|%[0-9A-Fa-f]{{2}})*"  # authority (host[:port])
    rf"(?:/{_IPCHAR}*)*"  # path
    rf"(?:\?(?:{_IPCHAR}|[/?])*)?"  # query
    rf"(?:#(?:{_IPCHAR}|[/?])*)?"  # fragment
)


def segment(text: str) -> str:
    """``text`` as one IRI path segment: unreserved characters kept, the rest percent-encoded."""
    if all(c in _UNRESERVED for c in text) and text:
        return text
    out = []
    for char in text:
        if char in _UNRESERVED:
            out.append(char)
        else:
            out.extend(f"%{b:02X}" for b in char.encode("utf-8", "surrogatepass"))
    # no file name holds NUL, so "%00" cannot collide with a real name's segment
    return "".join(out) or "%00"


def path(text: str) -> str:
    """A ``/``-separated path whose segments each go through :func:`segment`."""
    return "/".join(segment(part) for part in text.split("/"))


def is_iri(text: str) -> bool:
    """Whether ``text`` matches the (absolute) IRI grammar boardgraph writes."""
    return IRI_PATTERN.fullmatch(text) is not None


def mint(base: str, *segments: str) -> URIRef:
    """``base`` followed by ``segments``, each encoded; ``base`` must end in ``/`` or ``#``."""
    return URIRef(base + "/".join(segment(s) for s in segments))
