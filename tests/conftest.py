"""Shared fixtures. The sample-corpus graph is built once per test session."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
REPORTS = ROOT / "data" / "reports"


@pytest.fixture(scope="session")
def demo_graph(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Turtle file built by ``boardgraph build data/reports`` (the demo graph)."""
    from boardgraph.cli import main

    out = tmp_path_factory.mktemp("demo") / "graph.ttl"
    code = main(["build", str(REPORTS), "-o", str(out), "--quiet"])
    assert code == 0 and out.exists()
    return out


@pytest.fixture(scope="session")
def shared_dir() -> Path:
    if not SHARED.is_dir():
        pytest.skip("../shared is not beside the repository")
    return SHARED
