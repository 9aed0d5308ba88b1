"""The network page's assets: its own HTML, CSS and JavaScript, and the vis-network library it inlines.

The page's files are package data next to this module, read with ``importlib.resources``.

vis-network comes from npm and is never vendored into git. A wheel carries a copy in ``vis-network/`` here,
laid out as in the npm package (``standalone/umd/vis-network.min.js``, ``package.json``, the licences); the
build hook ``hatch_build.py`` copies it from ``node_modules`` when the wheel is built. A checkout (and an
editable install) has no copy and reads ``node_modules/vis-network`` itself, put there by ``npm ci`` (``make
install``), so a version bump in package.json can never be shadowed by a stale copy.
``$BOARDGRAPH_VIS_NETWORK_JS`` overrides both.
"""

from __future__ import annotations

import importlib.resources
import json
import os
from collections.abc import Iterator
from pathlib import Path

from boardgraph.errors import BoardgraphError

VIS_ENV = "BOARDGRAPH_VIS_NETWORK_JS"
# Where the library's files are inside the npm package; the packaged copy keeps the same layout.
VIS_SCRIPT = Path("standalone/umd/vis-network.min.js")
VIS_PACKAGE_JSON = "package.json"
# The packaged copy, relative to this folder, and the npm package, relative to a checkout.
PACKAGED_DIR = Path("vis-network")
NPM_DIR = Path("node_modules/vis-network")

_HERE = Path(__file__).resolve().parent


def read_asset(name: str) -> str:
    """The text of one of the page's files, e.g. ``read_asset("network.js")``."""
    return importlib.resources.files(__name__).joinpath(name).read_text(encoding="utf-8")


def vis_network_path() -> Path:
    """The vis-network standalone build to inline: the override, else the packaged copy, else node_modules."""
    override = os.environ.get(VIS_ENV)
    if override:
        path = Path(override)
        if path.is_file():
            return path
        raise BoardgraphError(f"{VIS_ENV} is set to {path}, which is not a file")
    for candidate in _vis_candidates():
        if candidate.is_file():
            return candidate
    raise BoardgraphError(
        f"vis-network not found: this installation has no packaged copy and no {NPM_DIR / VIS_SCRIPT} "
        f"was found. Run `npm ci` (or `make install`) in the boardgraph checkout, install a built wheel, "
        f"or set {VIS_ENV} to vis-network.min.js"
    )


def vis_network_version(js: Path | None = None) -> str:
    """vis-network's version from the package.json two folders above the script; "" if unknown."""
    js = js if js is not None else vis_network_path()
    try:
        package = json.loads((js.parents[2] / VIS_PACKAGE_JSON).read_text(encoding="utf-8"))
    except (OSError, ValueError, IndexError):
        return ""
    version = package.get("version", "") if isinstance(package, dict) else ""
    return version if isinstance(version, str) else ""


def _vis_candidates() -> Iterator[Path]:
    yield _HERE / PACKAGED_DIR / VIS_SCRIPT
    # In a checkout the package lives in src/boardgraph/network/assets; node_modules is at the top (or,
    # for a worktree nested in another checkout, further up). The current directory is not searched: an
    # installed tool should not pick its library by where it is run.
    for folder in _HERE.parents:
        yield folder / NPM_DIR / VIS_SCRIPT
