"""The ``boardgraph`` command: a thin layer of argparse over the pipeline stages.

Each sub-module registers its own sub-commands, so a stage's command lives
next to nothing but its argument parsing.
"""

from __future__ import annotations

import argparse
import importlib
import sys
from collections.abc import Sequence

from boardgraph import __version__
from boardgraph.errors import BoardgraphError

# Sub-modules of boardgraph.cli; each has register(subparsers) and sets
# a ``func`` default taking the parsed args and returning an exit code.
COMMAND_MODULES = ("build", "inspect", "sparql", "network")


def make_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="boardgraph",
        description="Build and explore knowledge graphs of local-government board reports.",
    )
    parser.add_argument("--version", action="version", version=f"boardgraph {__version__}")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    for name in COMMAND_MODULES:
        try:
            module = importlib.import_module(f"boardgraph.cli.{name}")
        except ModuleNotFoundError as exc:
            # A command module that is not there yet must not break the others.
            if exc.name == f"boardgraph.cli.{name}":
                continue
            raise
        module.register(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = make_parser()
    args = parser.parse_args(argv)
    try:
        return int(args.func(args) or 0)
    except BoardgraphError as exc:
        print(f"boardgraph: error: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("boardgraph: interrupted", file=sys.stderr)
        return 130


if __name__ == "__main__":
    sys.exit(main())
