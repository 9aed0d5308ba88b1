"""Check a built graph against the SHACL shapes of ``ontology/shapes.ttl`` with pySHACL."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from rdflib import Graph, URIRef
from rdflib.term import Node

from boardgraph.errors import BoardgraphError
from boardgraph.graph.load import load_graph
from boardgraph.graph.rdf import load_ontology
from boardgraph.graph.vocab import RDF, SH, compact
from boardgraph.resources import shipped


@dataclass(frozen=True)
class Violation:
    severity: str
    focus: str
    path: str
    message: str
    shape: str


@dataclass
class ValidationReport:
    conforms: bool
    violations: list[Violation] = field(default_factory=list)

    def counts(self) -> Counter[str]:
        return Counter(v.severity for v in self.violations)

    def text(self, limit: int = 50) -> str:
        """A readable summary: one line per problem, worst first."""
        if self.conforms:
            return "the graph conforms to the shapes"
        counts = self.counts()
        summary = ", ".join(
            f"{n} {severity.lower()}{'s' if n != 1 else ''}" for severity, n in counts.items()
        )
        lines = [f"the graph does not conform: {summary}"]
        order = {"Violation": 0, "Warning": 1, "Info": 2}
        ranked = sorted(self.violations, key=lambda v: (order.get(v.severity, 3), v.focus, v.path, v.message))
        lines += [
            f"  {v.severity}: {v.focus} {v.path}: {v.message}".replace("  :", " :") for v in ranked[:limit]
        ]
        if len(ranked) > limit:
            lines.append(f"  … and {len(ranked) - limit} more")
        return "\n".join(lines)


def shapes_path() -> Path:
    return shipped("ontology", "shapes.ttl")


def validate_graph(data: Graph, shapes: Path | str | None = None) -> ValidationReport:
    from pyshacl import validate

    shapes_graph = Graph()
    shapes_graph.parse(shapes or shapes_path(), format="turtle")
    # The ontology is given as ont_graph so that shapes can rely on class
    # declarations without the ontology's own terms being validated as data.
    conforms, results, _text = validate(
        data, shacl_graph=shapes_graph, ont_graph=load_ontology(), inference="none", allow_warnings=True
    )
    violations = [_violation(results, node) for node in results.subjects(RDF.type, SH.ValidationResult)]
    return ValidationReport(bool(conforms), violations)


def _violation(results: Graph, node: Node) -> Violation:
    def one(predicate: URIRef) -> str:
        value = results.value(node, predicate)
        return "" if value is None else compact(value)

    return Violation(
        severity=one(SH.resultSeverity).removeprefix("<http://www.w3.org/ns/shacl#").rstrip(">")
        or "Violation",
        focus=one(SH.focusNode),
        path=one(SH.resultPath),
        message=str(results.value(node, SH.resultMessage) or ""),
        shape=one(SH.sourceShape),
    )


def validate_file(path: Path | str, shapes: Path | str | None = None) -> ValidationReport:
    graph = load_graph(path)
    if shapes is not None and not Path(shapes).is_file():
        raise BoardgraphError(f"{shapes}: no such shapes file")
    return validate_graph(graph, shapes)
