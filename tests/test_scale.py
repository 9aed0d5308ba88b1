"""Corpus-scale machinery on small N: the benchmark corpus, the build cache,
the executors (serial, process pool, Dask) and the on-disk store.

Performance is measured by benchmarks/bench_build.py, never asserted here.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from benchcorpus import FIRST_NAMES, SURNAMES, CorpusGenerator, write_corpus
from rdflib import Graph
from rdflib.compare import isomorphic

from boardgraph.build.cache import LAYOUT
from boardgraph.build.runner import BuildSettings, assemble, build, write_graph
from boardgraph.graph.rdf import GraphWriter, to_graph
from boardgraph.graph.sink import MemorySink

N = 6


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return write_corpus(tmp_path_factory.mktemp("corpus"), N, seed=7)[0].parent


def turtle(paths: list[Path] | Path, out: Path, **settings: object) -> bytes:
    result = build([paths] if isinstance(paths, Path) else paths, BuildSettings(**settings))
    try:
        write_graph(result, out)
    finally:
        result.close()
    return out.read_bytes()


@pytest.fixture(scope="module")
def serial_turtle(corpus: Path, tmp_path_factory: pytest.TempPathFactory) -> bytes:
    return turtle(corpus, tmp_path_factory.mktemp("serial") / "g.ttl")


# ------------------------------------------------------------ benchmark corpus


def test_corpus_is_seeded_and_prefix_stable() -> None:
    gen = CorpusGenerator(seed=3)
    assert list(gen.reports(5)) == list(CorpusGenerator(seed=3).reports(5))
    assert gen.report(4) == list(CorpusGenerator(seed=3).reports(20))[4]  # report i ignores N
    assert gen.report(0) != CorpusGenerator(seed=4).report(0)


def test_corpus_swaps_people_for_general_names() -> None:
    texts = [text for _, text in CorpusGenerator(seed=0).reports(40)]
    assert not any("Peter Fleming" in t or "David Parsons" in t for t in texts)
    chairs = [m.groups() for t in texts for m in re.finditer(r"report from C[lI]{2}r (\w+) (\w+)", t)]
    assert chairs
    assert all(first in FIRST_NAMES and last in SURNAMES for first, last in chairs)
    assert len(set(chairs)) > 10  # many people, not five reports' worth repeated


def test_corpus_files_are_reports(corpus: Path) -> None:
    files = sorted(corpus.glob("*.txt"))
    assert len(files) == N
    assert all(re.fullmatch(r"\d{6}_[0-9a-f]{16}\.txt", f.name) for f in files)


# ------------------------------------------------------------ executors


def test_process_pool_equals_serial(corpus: Path, serial_turtle: bytes, tmp_path: Path) -> None:
    assert turtle(corpus, tmp_path / "j2.ttl", jobs=2, batch_size=2) == serial_turtle


@pytest.mark.slow
def test_dask_local_cluster_equals_serial(corpus: Path, serial_turtle: bytes, tmp_path: Path) -> None:
    distributed = pytest.importorskip("distributed")
    with distributed.LocalCluster(
        n_workers=2, threads_per_worker=1, processes=True, host="127.0.0.1", dashboard_address=None
    ) as cluster:
        got = turtle(
            corpus, tmp_path / "dask.ttl", executor="dask", scheduler=cluster.scheduler_address, batch_size=2
        )
    assert got == serial_turtle


# ------------------------------------------------------------ cache


def test_cache_reuses_repairs_and_replaces_one_report(
    corpus: Path, serial_turtle: bytes, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The real fingerprint hashes the extraction code; pin it so an edit made
    # to that code while the test runs cannot turn hits into misses.
    monkeypatch.setattr("boardgraph.build.runner.settings_fingerprint", lambda model, config: "pinned")
    cache = tmp_path / "cache"
    first = build([corpus], BuildSettings(cache_dir=cache))
    assert (first.cache.hits, first.cache.misses) == (0, N)
    first.close()

    again = build([corpus], BuildSettings(cache_dir=cache))
    assert (again.cache.hits, again.cache.misses) == (N, 0)
    write_graph(again, tmp_path / "again.ttl")
    assert (tmp_path / "again.ttl").read_bytes() == serial_turtle

    # corrupt entries: truncated, one byte flipped, garbage; all detected and rebuilt
    entries = sorted((cache / LAYOUT).glob("??/*.json"))
    assert len(entries) == N
    entries[0].write_bytes(entries[0].read_bytes()[:-10])
    blob = bytearray(entries[1].read_bytes())
    blob[-5] ^= 0xFF
    entries[1].write_bytes(bytes(blob))
    entries[2].write_bytes(b"not a cache entry")
    repaired = build([corpus], BuildSettings(cache_dir=cache))
    assert (repaired.cache.hits, repaired.cache.corrupt) == (N - 3, 3)
    write_graph(repaired, tmp_path / "repaired.ttl")
    assert (tmp_path / "repaired.ttl").read_bytes() == serial_turtle

    # one changed report: exactly one extraction, and the same graph as a clean build
    changed_dir = tmp_path / "changed"
    changed_dir.mkdir()
    for f in sorted(corpus.glob("*.txt")):
        (changed_dir / f.name).write_bytes(f.read_bytes())
    victim = sorted(changed_dir.glob("*.txt"))[1]
    victim.write_text(victim.read_text(encoding="utf-8").replace("Board", "Panel", 1), encoding="utf-8")
    incremental = build([changed_dir], BuildSettings(cache_dir=cache))
    assert (incremental.cache.hits, incremental.cache.misses) == (N - 1, 1)
    write_graph(incremental, tmp_path / "incremental.ttl")
    clean = turtle(changed_dir, tmp_path / "clean.ttl")
    assert (tmp_path / "incremental.ttl").read_bytes() == clean != serial_turtle


def test_cache_key_covers_settings(tmp_path: Path) -> None:
    from boardgraph.build.cache import BuildCache, settings_fingerprint

    cfg = tmp_path / "pipeline.cfg"
    default = Path(__file__).parents[1] / "src" / "boardgraph" / "nlp" / "pipeline.cfg"
    cfg.write_text(default.read_text() + "\n# edit\n")
    a = BuildCache(tmp_path, settings_fingerprint(None, None))
    b = BuildCache(tmp_path, settings_fingerprint(None, str(cfg)))
    assert a.key(b"x", "r.txt") != b.key(b"x", "r.txt")
    assert a.key(b"x", "r.txt") != a.key(b"x", "s.txt") != a.key(b"y", "s.txt")


# ------------------------------------------------------------ graph sinks


def test_streaming_writer_matches_rdflib_writer(corpus: Path) -> None:
    """The sink-based writer must produce exactly rdf.to_graph's triples."""
    from boardgraph.build.executors import PipelineSpec, Unit, run_serial

    reports = [r for r in run_serial(PipelineSpec(), [Unit(str(p)) for p in sorted(corpus.glob("*.txt"))])]
    corpus_records = assemble(reports, reports[0].pipeline)
    sink = MemorySink()
    GraphWriter(corpus_records, sink).build()
    assert isomorphic(sink.to_rdflib(), to_graph(corpus_records))


def test_store_build_is_deterministic_and_same_graph(
    corpus: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Share one cache so both sinks get the very same extracted records.
    monkeypatch.setattr("boardgraph.build.runner.settings_fingerprint", lambda model, config: "pinned")
    cache = tmp_path / "cache"
    memory = turtle(corpus, tmp_path / "m.ttl", cache_dir=cache)
    a = turtle(corpus, tmp_path / "a.ttl", store=tmp_path / "store-a", cache_dir=cache)
    b = turtle(corpus, tmp_path / "b.ttl", store=tmp_path / "store-b", cache_dir=cache)
    assert a == b
    assert isomorphic(Graph().parse(data=a, format="turtle"), Graph().parse(data=memory, format="turtle"))
    # a re-build replaces the store's graph rather than adding to it
    again = turtle(corpus, tmp_path / "c.ttl", store=tmp_path / "store-a", cache_dir=cache)
    assert again == a


def test_large_corpus_goes_to_a_temporary_store(corpus: Path, tmp_path: Path) -> None:
    result = build([corpus], BuildSettings(auto_store_reports=2))
    store_dir = result.sink.path
    assert store_dir.is_dir()
    write_graph(result, tmp_path / "g.ttl")
    result.close()
    assert not store_dir.exists()
