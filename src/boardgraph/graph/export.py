"""Read a built graph and write it out again: Turtle, N-Triples, JSON-LD or TriG.

TriG keeps the named-graph partition of ``docs/graph.md`` (one graph per
report, one for shared entities, one for the build, optionally one for the
ontology), which is also what ``boardgraph push`` sends to a triple store.
"""

from __future__ import annotations

import json
from pathlib import Path

from rdflib import Dataset, Graph, URIRef
from rdflib.graph import DATASET_DEFAULT_GRAPH_ID

from boardgraph.atomic import atomic_path
from boardgraph.errors import BoardgraphError
from boardgraph.graph.formats import EXPORT_FORMATS, canonical_name
from boardgraph.graph.load import load_graph
from boardgraph.graph.rdf import GRAPH_ONTOLOGY, load_ontology, partition
from boardgraph.graph.vocab import PREFIXES
from boardgraph.textsafe import split_lines

ONTOLOGY_GRAPH = GRAPH_ONTOLOGY
FORMATS = EXPORT_FORMATS  # what export writes (graph/formats.py); load_graph reads every syntax there


def named_graphs(dataset: Dataset) -> dict[URIRef, Graph]:
    """The non-empty named graphs of ``dataset``, in IRI order."""
    graphs = {
        g.identifier: g
        for g in dataset.graphs()
        if g.identifier != DATASET_DEFAULT_GRAPH_ID and isinstance(g.identifier, URIRef) and len(g)
    }
    return dict(sorted(graphs.items()))


def export(source: Path | str, fmt: str, output: Path | str, *, with_ontology: bool = False) -> int:
    """Write ``source`` as ``fmt`` to ``output`` atomically; return the triple count.

    The output is deterministic: the same graph gives the same bytes.
    """
    if canonical_name(fmt) not in FORMATS:
        raise BoardgraphError(f"unknown export format {fmt!r} (choose from {', '.join(FORMATS)})")
    fmt = canonical_name(fmt)
    graph = load_graph(source)
    if fmt == "trig":
        graphs = named_graphs(partition(graph, with_ontology=with_ontology))
        text, count = trig_text(graphs), sum(len(g) for g in graphs.values())
    else:
        if with_ontology:
            graph += load_ontology()
        text, count = serialize(graph, fmt), len(graph)
    with atomic_path(output) as tmp:
        tmp.write_text(text, encoding="utf-8")
    return count


def serialize(graph: Graph, fmt: str) -> str:
    """Turtle, N-Triples or JSON-LD text in a stable order (rdflib's own order varies by run)."""
    if fmt == "nt":
        lines = sorted(line for line in split_lines(graph.serialize(format="nt")) if line.strip())
        return "\n".join(lines) + "\n"
    if fmt == "jsonld":
        context = dict(PREFIXES)
        data = json.loads(graph.serialize(format="json-ld", context=context))
        return json.dumps(_stable(data), indent=2, ensure_ascii=False, sort_keys=True) + "\n"
    return graph.serialize(format="turtle")  # rdflib sorts Turtle subjects and predicates


def _stable(value: object) -> object:
    if isinstance(value, dict):
        return {k: _stable(v) for k, v in value.items()}
    if isinstance(value, list):
        items = [_stable(v) for v in value]
        return sorted(items, key=lambda v: json.dumps(v, sort_keys=True, ensure_ascii=False))
    return value


def trig_text(graphs: dict[URIRef, Graph]) -> str:
    """TriG with one block per named graph, in IRI order, each written as sorted Turtle."""
    prefixes: set[str] = set()
    blocks = []
    for name, graph in graphs.items():
        for prefix, iri in PREFIXES.items():
            graph.bind(prefix, iri)
        body = []
        for line in split_lines(graph.serialize(format="turtle")):
            if line.startswith("@prefix"):
                prefixes.add(line)
            elif line.strip():
                body.append(f"    {line}")
            elif body and body[-1]:
                body.append("")
        while body and not body[-1]:
            body.pop()
        blocks.append(f"<{name}> {{\n" + "\n".join(body) + "\n}\n")
    return "\n".join(sorted(prefixes)) + "\n\n" + "\n".join(blocks)
