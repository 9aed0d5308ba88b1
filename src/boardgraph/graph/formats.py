"""The RDF syntaxes boardgraph reads and writes: one table, one spelling of each.

Every place that needs a format (the build's writers, ``export``, the loader,
the SPARQL client reading a store's answer, the command line) looks it up
here, by its command-line name, a file's suffix or a media type.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pyoxigraph as ox

from boardgraph.errors import BoardgraphError


@dataclass(frozen=True)
class RdfSyntax:
    """One RDF syntax and every name it goes by."""

    name: str  # the one spelling on the command line
    label: str  # for people: "Turtle", "JSON-LD"
    suffixes: tuple[str, ...]  # the first is the one written
    media_types: tuple[str, ...]  # the first is the one asked for
    oxigraph: ox.RdfFormat
    rdflib: str  # rdflib's parser/serializer name
    quads: bool  # can hold named graphs
    built: bool  # `boardgraph build --format` writes it (Oxigraph's writers)
    exported: bool  # `boardgraph export --format` writes it (deterministic rdflib text)


SYNTAXES: tuple[RdfSyntax, ...] = (
    RdfSyntax(
        "turtle",
        "Turtle",
        (".ttl", ".turtle"),
        ("text/turtle", "application/x-turtle"),
        ox.RdfFormat.TURTLE,
        "turtle",
        quads=False,
        built=True,
        exported=True,
    ),
    RdfSyntax(
        "nt",
        "N-Triples",
        (".nt",),
        ("application/n-triples", "text/plain"),
        ox.RdfFormat.N_TRIPLES,
        "nt",
        quads=False,
        built=True,
        exported=True,
    ),
    RdfSyntax(
        "nquads",
        "N-Quads",
        (".nq",),
        ("application/n-quads",),
        ox.RdfFormat.N_QUADS,
        "nquads",
        quads=True,
        built=False,
        exported=False,
    ),
    RdfSyntax(
        "trig",
        "TriG",
        (".trig",),
        ("application/trig",),
        ox.RdfFormat.TRIG,
        "trig",
        quads=True,
        built=False,
        exported=True,
    ),
    RdfSyntax(
        "jsonld",
        "JSON-LD",
        (".jsonld", ".json"),
        ("application/ld+json",),
        ox.RdfFormat.JSON_LD,
        "json-ld",
        quads=True,
        built=True,
        exported=True,
    ),
    RdfSyntax(
        "xml",
        "RDF/XML",
        (".rdf", ".xml", ".owl"),
        ("application/rdf+xml",),
        ox.RdfFormat.RDF_XML,
        "xml",
        quads=False,
        built=True,
        exported=False,
    ),
)

BY_NAME: dict[str, RdfSyntax] = {s.name: s for s in SYNTAXES}
# Spellings accepted but not shown: `build --format json-ld` predates the table.
ALIASES: dict[str, str] = {"json-ld": "jsonld", "ttl": "turtle", "n-triples": "nt", "rdfxml": "xml"}
BUILD_FORMATS: tuple[str, ...] = tuple(s.name for s in SYNTAXES if s.built)
EXPORT_FORMATS: tuple[str, ...] = tuple(s.name for s in SYNTAXES if s.exported)
READ_SUFFIXES: tuple[str, ...] = tuple(x for s in SYNTAXES for x in s.suffixes)
_BY_SUFFIX: dict[str, RdfSyntax] = {x: s for s in SYNTAXES for x in s.suffixes}
_BY_MEDIA_TYPE: dict[str, RdfSyntax] = {m: s for s in SYNTAXES for m in s.media_types}


def canonical_name(name: str) -> str:
    """The table's spelling of ``name`` (aliases resolved); unknown names come back unchanged.

    Used as an argparse ``type`` so that ``choices`` lists only the table's spellings.
    """
    key = name.strip().lower()
    return ALIASES.get(key, key)


def format_named(name: str) -> RdfSyntax:
    """The syntax called ``name`` on the command line (or one of its old spellings)."""
    syntax = BY_NAME.get(canonical_name(name))
    if syntax is None:
        raise BoardgraphError(f"unknown RDF format {name!r} (choose from {', '.join(BY_NAME)})")
    return syntax


def format_for_path(path: Path | str) -> RdfSyntax:
    """The syntax of a graph file, by its suffix."""
    suffix = Path(path).suffix.lower()
    syntax = _BY_SUFFIX.get(suffix)
    if syntax is None:
        raise BoardgraphError(f"{path}: unknown RDF file type {suffix!r} (use {', '.join(READ_SUFFIXES)})")
    return syntax


def format_for_media_type(content_type: str) -> RdfSyntax | None:
    """The syntax of an HTTP answer's content type (parameters such as charset ignored), if RDF."""
    return _BY_MEDIA_TYPE.get(content_type.split(";")[0].strip().lower())


def describe_suffixes() -> str:
    """`.ttl, .nt, .nq, .trig, .jsonld or .rdf`: one suffix per syntax, for help texts."""
    first = [s.suffixes[0] for s in SYNTAXES]
    return f"{', '.join(first[:-1])} or {first[-1]}"
