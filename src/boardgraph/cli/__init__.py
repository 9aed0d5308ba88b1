"""The ``boardgraph`` command: a thin layer of argparse over the pipeline stages.

Each sub-module registers its own sub-commands, so a stage's command lives
next to nothing but its argument parsing.
"""

from __future__ import annotations

import argparse
import importlib
import logging
import sys
import traceback
from collections.abc import Sequence

from boardgraph import __version__
from boardgraph.errors import BoardgraphError

# Sub-modules of boardgraph.cli; each has register(subparsers) and sets
# a ``func`` default taking the parsed args and returning an exit code.
COMMAND_MODULES = ("build", "inspect", "sparql", "network", "review")


def make_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="boardgraph",
        description="Build and explore knowledge graphs of local-government board reports.",
    )
    parser.add_argument("--version", action="version", version=f"boardgraph {__version__}")
    parser.add_argument("--debug", action="store_true", help="show the traceback of an internal error")
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


# Exit codes (README, "Exit codes"): 0 ok; 1 written, but some inputs were
# skipped; 2 usage or input error; 3 internal error (a bug); 130 interrupted.
EXIT_OK, EXIT_SKIPPED, EXIT_USAGE, EXIT_INTERNAL, EXIT_INTERRUPTED = 0, 1, 2, 3, 130


class _CliFormatter(logging.Formatter):
    """ "boardgraph: warning: …": the form of the CLI's other messages."""

    def format(self, record: logging.LogRecord) -> str:
        return f"boardgraph: {record.levelname.lower()}: {record.getMessage()}"


class _StderrHandler(logging.Handler):
    """Writes to whatever ``sys.stderr`` is at the time (tests and pipes replace it)."""

    def emit(self, record: logging.LogRecord) -> None:
        try:
            sys.stderr.write(self.format(record) + "\n")
        except Exception:  # logging's own policy: report the failure, never raise from a log call
            self.handleError(record)


def _configure_logging(debug: bool) -> None:
    """Library warnings (a cache that cannot be written, …) in the CLI's own one-line form."""
    root = logging.getLogger("boardgraph")
    if not any(isinstance(h, _StderrHandler) for h in root.handlers):
        handler = _StderrHandler()
        handler.setFormatter(_CliFormatter())
        root.addHandler(handler)
    root.setLevel(logging.DEBUG if debug else logging.WARNING)


def main(argv: Sequence[str] | None = None) -> int:
    parser = make_parser()
    argv = list(sys.argv[1:] if argv is None else argv)
    # --debug may come anywhere (`boardgraph build … --debug`), not only before the command
    debug = "--debug" in argv
    args = parser.parse_args([a for a in argv if a != "--debug"])
    _configure_logging(debug)
    try:
        return int(args.func(args) or 0)
    except BoardgraphError as exc:
        print(f"boardgraph: error: {_one_line(str(exc))}", file=sys.stderr)
        return EXIT_USAGE
    except KeyboardInterrupt:
        print("boardgraph: interrupted", file=sys.stderr)
        return EXIT_INTERRUPTED
    except BrokenPipeError:
        return EXIT_OK  # `boardgraph query … | head`: the reader had enough
    except OSError as exc:
        # a file-system failure nothing more specific caught: still one line naming the file
        from boardgraph.atomic import reason

        where = f"{exc.filename}: " if exc.filename else ""
        print(f"boardgraph: error: {where}{reason(exc)}", file=sys.stderr)
        if debug:
            traceback.print_exc()
        return EXIT_USAGE
    except Exception as exc:
        print(
            f"boardgraph: internal error: {type(exc).__name__}: {_one_line(str(exc))} "
            "(a bug; run with --debug for the traceback)",
            file=sys.stderr,
        )
        if debug:
            traceback.print_exc()
        return EXIT_INTERNAL


def _one_line(text: str) -> str:
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    return " ".join(lines)[:500]


if __name__ == "__main__":
    sys.exit(main())
