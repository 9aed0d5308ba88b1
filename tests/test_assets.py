"""Where the network page's assets and vis-network come from (boardgraph.network.assets)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from boardgraph.errors import BoardgraphError
from boardgraph.network import assets


def _fake_vis(root: Path, version: str) -> Path:
    """A vis-network folder laid out as npm lays it out (and as the wheel's copy is)."""
    js = root / assets.VIS_SCRIPT
    js.parent.mkdir(parents=True)
    js.write_text(f"/* vis {version} */", encoding="utf-8")
    (root / assets.VIS_PACKAGE_JSON).write_text(json.dumps({"version": version}), encoding="utf-8")
    return js


@pytest.fixture
def no_override(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(assets.VIS_ENV, raising=False)


def test_read_asset_reads_the_page_files() -> None:
    assert "@@VIS_JS@@" in assets.read_asset("network.html")
    assert assets.read_asset("network.css").strip()
    assert assets.read_asset("network.js").strip()


def test_override_wins_and_must_exist(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    js = _fake_vis(tmp_path / "vis", "9.9.9")
    monkeypatch.setenv(assets.VIS_ENV, str(js))
    assert assets.vis_network_path() == js
    assert assets.vis_network_version() == "9.9.9"
    monkeypatch.setenv(assets.VIS_ENV, str(tmp_path / "missing.js"))
    with pytest.raises(BoardgraphError, match=assets.VIS_ENV):
        assets.vis_network_path()


def test_packaged_copy_comes_before_node_modules(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, no_override: None
) -> None:
    packaged = _fake_vis(tmp_path / "pkg" / "vis-network", "1.0.0")
    monkeypatch.setattr(assets, "_HERE", tmp_path / "pkg")
    assert assets.vis_network_path() == packaged
    assert assets.vis_network_version() == "1.0.0"


def test_checkout_node_modules_is_found_above_the_package(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, no_override: None
) -> None:
    npm = _fake_vis(tmp_path / assets.NPM_DIR, "2.0.0")
    here = tmp_path / "src" / "boardgraph" / "network" / "assets"
    here.mkdir(parents=True)
    monkeypatch.setattr(assets, "_HERE", here)
    assert assets.vis_network_path() == npm
    assert assets.vis_network_version(npm) == "2.0.0"


def test_missing_everywhere_is_one_clear_error(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, no_override: None
) -> None:
    monkeypatch.setattr(assets, "_HERE", tmp_path / "a" / "b")
    monkeypatch.chdir(tmp_path)
    with pytest.raises(BoardgraphError, match="npm ci"):
        assets.vis_network_path()


def test_unknown_version_is_empty(tmp_path: Path) -> None:
    js = tmp_path / "x" / "y" / "vis.min.js"
    js.parent.mkdir(parents=True)
    js.write_text("", encoding="utf-8")
    assert assets.vis_network_version(js) == ""
    (tmp_path / "package.json").write_text("[1]", encoding="utf-8")
    assert assets.vis_network_version(js) == ""
