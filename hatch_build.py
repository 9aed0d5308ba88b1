"""Hatch build hook: vis-network, installed from npm, travels inside the wheel.

The network page inlines vis-network, which comes from npm (package.json) and is never committed. A wheel
carries it under ``boardgraph/network/assets/vis-network/`` with the npm package's own layout (the standalone
script, package.json for its version, the licences), where ``boardgraph.network.assets`` looks first. The
sdist carries the same files at ``node_modules/vis-network/`` so that a wheel built from it (``python -m
build``) finds them as a checkout does. An editable install gets nothing: the checkout reads node_modules.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from hatchling.builders.hooks.plugin.interface import BuildHookInterface

NPM_DIR = "node_modules/vis-network"
SCRIPT = "standalone/umd/vis-network.min.js"
PACKAGE_JSON = "package.json"
WHEEL_DIR = "boardgraph/network/assets/vis-network"


class VisNetworkBuildHook(BuildHookInterface):
    def initialize(self, version: str, build_data: dict[str, Any]) -> None:
        if self.target_name == "wheel" and version == "editable":
            return
        source = Path(self.root) / NPM_DIR
        files = vis_network_files(source, Path(self.root))
        target = WHEEL_DIR if self.target_name == "wheel" else NPM_DIR
        for name in files:
            build_data["force_include"][str(source / name)] = f"{target}/{name}"


def vis_network_files(source: Path, root: Path) -> list[str]:
    """The files to ship, relative to the npm package; fails the build if npm ci has not been run."""
    if not (source / SCRIPT).is_file() or not (source / PACKAGE_JSON).is_file():
        raise RuntimeError(
            f"boardgraph's wheel ships vis-network, but {source / SCRIPT} is missing: "
            "run `npm ci` (or `make install`) in the checkout before building"
        )
    licences = sorted(path.name for path in source.glob("LICENSE*") if path.is_file())
    if not licences:
        raise RuntimeError(f"vis-network's licence files are missing from {source}: run `npm ci` again")
    _check_locked_version(source, root)
    return [SCRIPT, PACKAGE_JSON, *licences]


def _check_locked_version(source: Path, root: Path) -> None:
    # node_modules left over from before a version bump would ship the wrong library silently.
    lock_path = root / "package-lock.json"
    if not lock_path.is_file():
        return
    lock = json.loads(lock_path.read_text(encoding="utf-8"))
    locked = lock.get("packages", {}).get(NPM_DIR, {}).get("version")
    installed = json.loads((source / PACKAGE_JSON).read_text(encoding="utf-8")).get("version")
    if locked and installed != locked:
        raise RuntimeError(
            f"node_modules has vis-network {installed} but package-lock.json pins {locked}: run `npm ci`"
        )
