"""The package's stages import one way: from the reports towards the user, never back.

A stage may import its own modules and any stage below it. Nothing imports the
CLI (except ``__main__``); ``nlp`` knows nothing of the graph; the
top-level modules (records, errors, resources, limits) depend on no stage.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "src" / "boardgraph"

# Lowest first. Stages on one rank (sparql, network) may not import each other.
RANKS = {
    "": 0,  # top-level modules: model, errors, resources, limits, textsafe, atomic
    "lexicons": 1,
    "ingest": 2,
    "nlp": 3,
    "graph": 4,
    "sparql": 5,
    "network": 5,
    "build": 6,
    "cli": 7,
}
TOP_LEVEL_EXEMPT = {"__main__.py"}  # `python -m boardgraph` runs the CLI


def _stage(module: str) -> str:
    """``boardgraph.graph.rdf`` → ``graph``; ``boardgraph.model`` → ``""``."""
    parts = module.split(".")
    if len(parts) > 2 or (len(parts) == 2 and (PACKAGE / parts[1]).is_dir()):
        return parts[1]
    return ""


def _imports(path: Path) -> set[str]:
    """Every boardgraph module ``path`` imports, at the top or inside a function."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found.update(a.name for a in node.names if a.name.startswith("boardgraph"))
        elif isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("boardgraph"):
            if node.module == "boardgraph":  # from boardgraph import lexicons / __version__
                found.update(f"boardgraph.{a.name}" for a in node.names if (PACKAGE / a.name).is_dir())
                found.add("boardgraph")
            else:
                found.add(node.module)
    return found


def _modules() -> list[Path]:
    return sorted(p for p in PACKAGE.rglob("*.py") if p.name not in TOP_LEVEL_EXEMPT or p.parent != PACKAGE)


def _own_stage(path: Path) -> str:
    rel = path.relative_to(PACKAGE).parts
    return rel[0] if len(rel) > 1 else ""


def violations() -> list[str]:
    out = []
    for path in _modules():
        mine = _own_stage(path)
        for target in sorted(_imports(path)):
            theirs = _stage(target) if target != "boardgraph" else ""
            if theirs == mine:
                continue
            if RANKS[theirs] > RANKS[mine] or (RANKS[theirs] == RANKS[mine] and theirs != mine):
                out.append(f"{path.relative_to(PACKAGE)} ({mine or 'top'}) imports {target} ({theirs})")
    return out


def test_every_subpackage_has_a_rank() -> None:
    stages = {p.name for p in PACKAGE.iterdir() if p.is_dir() and (p / "__init__.py").is_file()}
    assert stages <= set(RANKS), f"rank the new stage(s) in RANKS: {sorted(stages - set(RANKS))}"


def test_stages_import_only_downwards() -> None:
    assert violations() == []


def test_at_most_eight_modules_at_the_top() -> None:
    top = sorted(p.name for p in PACKAGE.glob("*.py"))
    assert len(top) <= 8, top


@pytest.mark.parametrize(
    ("importer", "imported", "allowed"),
    [("nlp", "graph", False), ("graph", "nlp", True), ("build", "cli", False), ("network", "sparql", False)],
)
def test_the_rule_itself(importer: str, imported: str, allowed: bool) -> None:
    assert (RANKS[imported] < RANKS[importer]) == allowed
