"""An unchanged corpus reuses the graph it wrote last time; anything else rebuilds it."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from boardgraph.build.cache import LAYOUT
from boardgraph.build.runner import BuildSettings, build, write_graph
from boardgraph.graph.sink import FileSink

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture()
def corpus(tmp_path: Path) -> Path:
    src = tmp_path / "reports"
    shutil.copytree(ROOT / "data" / "reports", src)
    return src


def _build(corpus: Path, out: Path, cache: Path) -> tuple[bytes, bool]:
    result = build([corpus], BuildSettings(cache_dir=cache))
    try:
        write_graph(result, out)
    finally:
        result.close()
    return out.read_bytes(), isinstance(result.sink, FileSink)


def test_unchanged_rebuild_reuses_the_graph_and_a_change_rebuilds_it(corpus: Path, tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    first, reused = _build(corpus, tmp_path / "a.ttl", cache)
    assert not reused
    again, reused = _build(corpus, tmp_path / "b.ttl", cache)
    assert reused and again == first

    # a corrupt memo is detected and rebuilt, never served
    (graph,) = (cache / LAYOUT / "graphs").glob("*.graph")
    graph.write_bytes(graph.read_bytes()[:-100])
    repaired, reused = _build(corpus, tmp_path / "c.ttl", cache)
    assert not reused and repaired == first

    # one changed report: a new graph, equal to a clean build
    victim = sorted(corpus.glob("*.txt"))[0]
    victim.write_text(victim.read_text(encoding="utf-8").replace("Board", "Panel", 1), encoding="utf-8")
    changed, reused = _build(corpus, tmp_path / "d.ttl", cache)
    clean, _ = _build(corpus, tmp_path / "e.ttl", tmp_path / "fresh-cache")
    assert not reused and changed == clean and changed != first
