"""Where the data files that ship with boardgraph are.

In a checkout (and an editable install) they are the repository's ``data/``,
``ontology/`` and ``queries/``; in a wheel they are packed under
``boardgraph/_data``. ``BOARDGRAPH_DATA`` overrides the data folder.
"""

from __future__ import annotations

import os
from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent
_CHECKOUT = _PACKAGE.parents[1]


def _find(name: str) -> Path:
    for candidate in (_PACKAGE / "_data" / name, _CHECKOUT / name):
        if candidate.is_dir():
            return candidate
    raise FileNotFoundError(f"boardgraph's {name}/ folder is missing from the installation")


def data_dir() -> Path:
    override = os.environ.get("BOARDGRAPH_DATA")
    if override:
        return Path(override)
    packed = _PACKAGE / "_data"
    return packed if (packed / "uk_local_authorities").is_dir() else _CHECKOUT / "data"


def shipped(*parts: str) -> Path:
    """A file shipped with boardgraph: ``shipped("ontology", "shapes.ttl")``."""
    return _find(parts[0]).joinpath(*parts[1:])
