"""docs/cli.md documents every sub-command exactly as its --help does."""

from __future__ import annotations

import clidoc
from boardgraph.cli import make_parser


def test_cli_reference_matches_the_help() -> None:
    written = clidoc.CLI_MD.read_text(encoding="utf-8")
    assert written == clidoc.render(), "docs/cli.md is out of date: run `make docs`"


def test_every_subcommand_has_a_section() -> None:
    written = clidoc.CLI_MD.read_text(encoding="utf-8")
    names = clidoc.subcommands(make_parser())
    assert {"build", "query", "network", "visualise"} <= set(names)
    missing = [name for name in names if f"## boardgraph {name}\n" not in written]
    assert missing == []
