"""Time the query library on pyoxigraph (embedded store) against rdflib's in-memory store.

The demo graph (``boardgraph build data/reports``) is scaled to at least a
million triples by renamed copies: copy *k* moves every ``bgid:`` IRI under
``bgid:c<k>/`` and suffixes names and identifiers with `` #k``, so each copy
is a disjoint graph of the same shape. Name parameters still find the
original entities, so per-entity queries touch one copy's worth of data while
aggregate queries read them all. Both stores get the same N-Triples file and
the same query text (parameters bound as in ``boardgraph query``).

    .venv/bin/python benchmarks/bench_queries.py [--graph out/graph.ttl] [--triples 1000000]

Not a test: it prints a table and returns 0.
"""

from __future__ import annotations

import argparse
import math
import multiprocessing as mp
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from rdflib import Graph

from boardgraph.graph.vocab import ID_IRI
from boardgraph.sparql.query import LocalStore, bind, library, resolve_entities, resolve_params

ROOT = Path(__file__).resolve().parents[1]

# One realistic set of parameters per library query (sample-corpus names).
PARAMS: dict[str, list[tuple[str, str | None, str]]] = {
    "worked-with": [("person", None, "Peter Fleming")],
    "collaborators-by-year": [("person", None, "Peter Fleming"), ("year", None, "2012")],
    "programme-councils": [("programme", None, "Creative Councils")],
    "programmes-in-year": [("year", None, "2012")],
    "most-connected": [("from", None, "2011-01-01"), ("to", None, "2015-12-31")],
    "reports-mentioning": [("entity", None, "Bob Neill")],
    "board-chairs": [],
    "entity-profile": [("entity", None, "Jill Shortland")],
}
RENAMED = {
    "<http://www.w3.org/2000/01/rdf-schema#label>",
    "<http://www.w3.org/2004/02/skos/core#altLabel>",
    "<http://purl.org/dc/terms/identifier>",
}


def demo_graph(path: Path | None) -> Path:
    if path and path.is_file():
        return path
    out = Path(tempfile.mkdtemp(prefix="bench-")) / "graph.ttl"
    print(f"building the demo graph into {out} …", file=sys.stderr)
    subprocess.run(
        [
            sys.executable,
            "-m",
            "boardgraph",
            "build",
            str(ROOT / "data" / "reports"),
            "-o",
            str(out),
            "--quiet",
        ],
        check=True,
    )
    return out


def scaled_ntriples(source: Path, target_triples: int, out: Path) -> int:
    """Write ``source`` plus renamed copies to ``out`` until ``target_triples``; return the count."""
    lines = Graph().parse(source).serialize(format="nt").splitlines()
    lines = [line for line in lines if line.strip()]
    copies = max(1, math.ceil(target_triples / len(lines)))
    id_iri = f"<{ID_IRI}"
    with out.open("w", encoding="utf-8") as fh:
        for k in range(copies):
            if k == 0:
                fh.write("\n".join(lines) + "\n")
                continue
            moved = f"<{ID_IRI}c{k}/"
            for line in lines:
                line = line.replace(id_iri, moved)
                subject, predicate, rest = line.split(" ", 2)
                if predicate in RENAMED and rest.startswith('"'):
                    # '"Peter Fleming" .' or '"x"^^<…> .': suffix the lexical form.
                    end = rest.rindex('"')
                    rest = f"{rest[:end]} #{k}{rest[end:]}"
                fh.write(f"{subject} {predicate} {rest}\n")
    return copies * len(lines)


def timed(run: Callable[[], int], repeat: int) -> tuple[float, int]:
    times, rows = [], 0
    for _ in range(repeat):
        started = time.perf_counter()
        rows = run()
        times.append(time.perf_counter() - started)
    return statistics.median(times), rows


def timed_in_child(run: Callable[[], int], repeat: int, limit: float) -> tuple[float | None, int]:
    """``timed`` in a forked child (sharing the loaded store), given up after ``limit`` seconds.

    rdflib can take many minutes on some queries at this scale; the child is
    killed and the time reported as a lower bound instead of stalling the run.
    """
    context = mp.get_context("fork")
    receive, send = context.Pipe(duplex=False)

    def child() -> None:
        send.send(timed(run, repeat))

    process = context.Process(target=child, daemon=True)
    process.start()
    if receive.poll(limit):
        answer = receive.recv()
        process.join()
        return answer
    process.kill()
    process.join()
    return None, -1


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--graph", type=Path, default=ROOT / "out" / "graph.ttl", help="the demo graph")
    parser.add_argument("--triples", type=int, default=1_000_000, help="scale to at least this many")
    parser.add_argument("--repeat", type=int, default=3, help="runs per query on pyoxigraph (median)")
    parser.add_argument("--rdflib-repeat", type=int, default=1, help="runs per query on rdflib (median)")
    parser.add_argument(
        "--rdflib-limit", type=float, default=300, help="give up on an rdflib query after (s)"
    )
    args = parser.parse_args(argv)

    source = demo_graph(args.graph)
    with tempfile.TemporaryDirectory(prefix="bench-") as tmp:
        data = Path(tmp) / "scaled.nt"
        started = time.perf_counter()
        count = scaled_ntriples(source, args.triples, data)
        print(f"scaled {source} to {count:,} triples in {time.perf_counter() - started:.1f} s")

        started = time.perf_counter()
        oxi = LocalStore([data])  # no ontology: both stores hold the same triples
        ox_load = time.perf_counter() - started
        started = time.perf_counter()
        rdf = Graph()
        rdf.parse(data, format="nt")
        rdf_load = time.perf_counter() - started
        print(
            f"load: pyoxigraph {ox_load:.1f} s, rdflib {rdf_load:.1f} s ({len(oxi):,} / {len(rdf):,} triples)"
        )

    print()
    header = f"{'query':24} {'rows':>6} {'pyoxigraph':>12} {'rdflib':>12} {'ratio':>8}"
    print(header)
    print("-" * len(header))
    total_ox = total_rdf = 0.0
    gave_up = False
    for name, query in library().items():
        bindings = resolve_params(query, PARAMS.get(name, []))
        resolve_entities(oxi.run, bindings, query)  # names → IRIs, outside the timing
        text = bind(query.text, bindings)

        def on_oxigraph(text: str = text) -> int:
            return len(list(oxi.store.query(text, use_default_graph_as_union=True)))

        def on_rdflib(text: str = text) -> int:
            return len(list(rdf.query(text)))

        t_ox, rows_ox = timed(on_oxigraph, args.repeat)
        t_rdf, rows_rdf = timed_in_child(on_rdflib, args.rdflib_repeat, args.rdflib_limit)
        total_ox += t_ox
        mark = ""
        if t_rdf is None:
            gave_up, mark, t_rdf = True, ">", args.rdflib_limit
        total_rdf += t_rdf
        shown = f"{mark}{t_rdf * 1000:.1f}ms".rjust(12) + f"{mark}{t_rdf / t_ox:.1f}x".rjust(9)
        agree = "" if rows_rdf in (rows_ox, -1) else f"  (rdflib: {rows_rdf} rows)"
        print(f"{name:24} {rows_ox:>6} {t_ox * 1000:>10.1f}ms {shown}{agree}", flush=True)
    print("-" * len(header))
    bound = ">" if gave_up else ""
    totals = f"{bound}{total_rdf * 1000:.1f}ms".rjust(12) + f"{bound}{total_rdf / total_ox:.1f}x".rjust(9)
    print(f"{'total':24} {'':>6} {total_ox * 1000:>10.1f}ms {totals}")
    print(
        f"\n{count:,} triples; pyoxigraph median of "
        f"{args.repeat}, rdflib median of {args.rdflib_repeat}; ratio = rdflib time / pyoxigraph time"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
