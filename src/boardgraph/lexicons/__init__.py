"""Vocabulary as data: word lists and patterns that ship with boardgraph.

Each list is a UTF-8 text file in this folder, one entry a line; ``#`` starts a
comment (the reasoning behind an entry belongs there, beside it), blank lines
are ignored. Patterns for spaCy's matchers are JSONL files, one pattern a line.

The spaCy components receive their lists from ``pipeline.cfg`` through the
registered function ``boardgraph.words.v1``, so a user's config can point a
component at a list of their own; code outside the pipeline (ingest, metadata,
resolution) reads the same files with :func:`words`.
"""

from __future__ import annotations

import functools
import hashlib
import json
from pathlib import Path
from typing import Any

import spacy

FOLDER = Path(__file__).resolve().parent


def _path(name: str | Path) -> Path:
    path = Path(name)
    if path.suffix == "" and not path.is_absolute():
        path = FOLDER / f"{name}.txt"
    elif not path.is_absolute():
        path = FOLDER / path
    return path


@functools.cache
def _read_lines(path: Path) -> tuple[str, ...]:
    entries: list[str] = []
    for line in path.read_text(encoding="utf-8").splitlines():
        entry = line.split("#", 1)[0].strip()
        if entry:
            entries.append(entry)
    return tuple(entries)


def lines(name: str | Path) -> tuple[str, ...]:
    """The entries of a list in file order (``lines("titles")`` reads ``titles.txt``)."""
    return _read_lines(_path(name))


@functools.cache
def words(name: str | Path, *, lower: bool = True) -> frozenset[str]:
    """A list as a set, lower-cased unless ``lower=False``."""
    entries = lines(name)
    return frozenset(e.lower() for e in entries) if lower else frozenset(entries)


def patterns(name: str | Path) -> list[dict[str, Any]]:
    """A JSONL pattern file (``patterns("relations.jsonl")``)."""
    path = _path(name)
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def fingerprint() -> str:
    """A hash of every vocabulary file, for cache keys: a changed list is a changed pipeline."""
    h = hashlib.sha256()
    for path in sorted(FOLDER.rglob("*")):
        if path.is_file() and path.suffix in {".txt", ".jsonl", ".json"}:
            h.update(path.relative_to(FOLDER).as_posix().encode())
            h.update(b"\0")
            h.update(path.read_bytes())
            h.update(b"\0")
    return h.hexdigest()


@spacy.registry.misc("boardgraph.words.v1")
def create_words(name: str, lower: bool = True) -> frozenset[str]:
    """Config access to a list: ``titles = {"@misc": "boardgraph.words.v1", "name": "titles"}``."""
    return words(name, lower=lower)


@spacy.registry.misc("boardgraph.patterns.v1")
def create_patterns(name: str) -> list[dict[str, Any]]:
    return patterns(name)
