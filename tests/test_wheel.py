"""The built wheel is the whole product: a fresh virtualenv outside the checkout builds and visualises.

The wheel is built offline (``pip wheel --no-build-isolation``, hatchling from the ``test`` extra) and
installed with ``--no-deps`` into a new virtualenv in a temporary folder. Its dependencies are borrowed from
this checkout's .venv through a folder of links to every entry of .venv's site-packages except boardgraph's
own (the editable install's .pth would otherwise put ``src/`` back on the path and hide a broken wheel).
"""

from __future__ import annotations

import importlib.util
import json
import os
import re
import shutil
import subprocess
import sys
import sysconfig
import zipfile
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[1]
PACKAGED_VIS = "boardgraph/network/assets/vis-network"
VIS_SCRIPT = f"{PACKAGED_VIS}/standalone/umd/vis-network.min.js"
REPORTS = sorted((ROOT / "data" / "reports").glob("*.txt"))[:2]


def _hook_module() -> ModuleType:
    spec = importlib.util.spec_from_file_location("hatch_build", ROOT / "hatch_build.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _hook(root: Path, target: str) -> Any:
    # The hook reads only its root and target name; the rest of hatchling's context is not needed.
    return _hook_module().VisNetworkBuildHook(str(root), {}, None, None, str(root / "dist"), target)


def _fake_npm(root: Path, version: str, locked: str) -> None:
    vis = root / "node_modules" / "vis-network"
    (vis / "standalone" / "umd").mkdir(parents=True)
    (vis / "standalone" / "umd" / "vis-network.min.js").write_text("/* vis */", encoding="utf-8")
    (vis / "package.json").write_text(json.dumps({"version": version}), encoding="utf-8")
    (vis / "LICENSE-MIT").write_text("MIT", encoding="utf-8")
    lock = {"packages": {"node_modules/vis-network": {"version": locked}}}
    (root / "package-lock.json").write_text(json.dumps(lock), encoding="utf-8")


# ------------------------------------------------------------------ the build hook


def test_hook_maps_vis_network_into_the_wheel_and_the_sdist(tmp_path: Path) -> None:
    _fake_npm(tmp_path, "1.2.3", "1.2.3")
    wheel: dict = {"force_include": {}}
    _hook(tmp_path, "wheel").initialize("standard", wheel)
    assert sorted(wheel["force_include"].values()) == [
        f"{PACKAGED_VIS}/LICENSE-MIT",
        f"{PACKAGED_VIS}/package.json",
        VIS_SCRIPT,
    ]
    sdist: dict = {"force_include": {}}
    _hook(tmp_path, "sdist").initialize("standard", sdist)
    assert "node_modules/vis-network/standalone/umd/vis-network.min.js" in sdist["force_include"].values()


def test_hook_leaves_editable_installs_to_node_modules(tmp_path: Path) -> None:
    build_data: dict = {"force_include": {}}
    _hook(tmp_path, "wheel").initialize("editable", build_data)
    assert build_data == {"force_include": {}}


def test_hook_fails_clearly_without_npm_ci(tmp_path: Path) -> None:
    with pytest.raises(RuntimeError, match="npm ci"):
        _hook(tmp_path, "wheel").initialize("standard", {"force_include": {}})


def test_hook_refuses_node_modules_older_than_the_lock(tmp_path: Path) -> None:
    _fake_npm(tmp_path, "1.0.0", "2.0.0")
    with pytest.raises(RuntimeError, match=r"pins 2\.0\.0"):
        _hook(tmp_path, "wheel").initialize("standard", {"force_include": {}})


# ------------------------------------------------------------------ the wheel, installed


def _run(args: list[str | Path], cwd: Path, env: dict[str, str]) -> str:
    done = subprocess.run(
        [str(a) for a in args], cwd=cwd, env=env, capture_output=True, text=True, timeout=600, check=False
    )
    assert done.returncode == 0, f"{args}\n{done.stdout}\n{done.stderr}"
    return done.stdout


def _clean_env(tmp: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("BOARDGRAPH_", "PYTHON", "VIRTUAL_ENV"))}
    env["XDG_CACHE_HOME"] = str(tmp / "cache")
    env["PIP_NO_INDEX"] = "1"  # offline: everything needed is already here
    return env


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("dist")
    env = _clean_env(out)
    _run(
        [sys.executable, "-m", "pip", "wheel", "-q", "--no-deps", "--no-build-isolation", "-w", out, ROOT],
        out,
        env,
    )
    (built,) = out.glob("boardgraph-*.whl")
    return built


def _borrowed_site_packages(folder: Path) -> Path:
    """Links to the entries of this interpreter's site-packages, boardgraph's own left out."""
    folder.mkdir()
    for entry in Path(sysconfig.get_paths()["purelib"]).iterdir():
        if "boardgraph" not in entry.name.lower() and not entry.name.startswith("__editable__"):
            (folder / entry.name).symlink_to(entry)
    return folder


@pytest.fixture(scope="module")
def venv(wheel: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    home = tmp_path_factory.mktemp("venv")
    assert ROOT not in home.parents, "the virtualenv must be outside the checkout"
    env = _clean_env(home)
    _run([sys.executable, "-m", "venv", home / "env"], home, env)
    python = home / "env" / "bin" / "python"
    site = Path(
        _run([python, "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"], home, env).strip()
    )
    (site / "borrowed.pth").write_text(f"{_borrowed_site_packages(home / 'deps')}\n", encoding="utf-8")
    _run([python, "-m", "pip", "install", "-q", "--no-deps", wheel], home, env)
    return home / "env"


@pytest.mark.slow
def test_wheel_holds_the_page_vis_network_and_the_data(wheel: Path) -> None:
    names = set(zipfile.ZipFile(wheel).namelist())
    for asset in ("network.html", "network.css", "network.js"):
        assert f"boardgraph/network/assets/{asset}" in names
    assert VIS_SCRIPT in names
    assert f"{PACKAGED_VIS}/package.json" in names
    assert {
        f"{PACKAGED_VIS}/{p.name}" for p in (ROOT / "node_modules" / "vis-network").glob("LICENSE*")
    } <= names
    assert any(n.startswith(f"{PACKAGED_VIS}/LICENSE") for n in names)
    shipped = {
        "ontology": "boardgraph/_data/ontology",
        "queries": "boardgraph/_data/queries",
        "data/uk_local_authorities": "boardgraph/_data/uk_local_authorities",
        "src/boardgraph/lexicons": "boardgraph/lexicons",
    }
    for source, packed in shipped.items():
        files = [p for p in (ROOT / source).iterdir() if p.is_file() and p.suffix != ".pyc"]
        assert files
        assert {f"{packed}/{p.name}" for p in files} <= names, source
    assert "boardgraph/nlp/pipeline.cfg" in names


@pytest.mark.slow
def test_wheel_in_a_fresh_venv_builds_and_visualises(venv: Path, tmp_path: Path) -> None:
    env = _clean_env(tmp_path)
    python, boardgraph = venv / "bin" / "python", venv / "bin" / "boardgraph"
    where = _run(
        [
            python,
            "-c",
            "import boardgraph.network.assets as a; print(a.__file__); print(a.vis_network_path())",
        ],
        tmp_path,
        env,
    ).split()
    assert all(Path(p).is_relative_to(venv) for p in where), f"not the installed wheel: {where}"

    reports = tmp_path / "reports"
    reports.mkdir()
    for report in REPORTS:
        shutil.copy(report, reports)
    _run([boardgraph, "build", "reports", "-o", "graph.ttl", "--no-cache", "-j", "1", "-q"], tmp_path, env)
    _run([boardgraph, "validate", "--graph", "graph.ttl"], tmp_path, env)  # ontology/shapes.ttl shipped
    _run([boardgraph, "query", "--list"], tmp_path, env)  # the query library shipped
    _run([boardgraph, "visualise", "--graph", "graph.ttl", "-o", "page.html"], tmp_path, env)

    page = (tmp_path / "page.html").read_text(encoding="utf-8")
    vis = Path(where[1]).read_text(encoding="utf-8")
    assert vis[:2000] in page, "vis-network is not inlined"
    assert not re.search(r"<script\b[^>]*\bsrc\s*=", page, flags=re.IGNORECASE), "the page loads a script"
    version = json.loads((Path(where[1]).parents[2] / "package.json").read_text(encoding="utf-8"))["version"]
    assert version in page
