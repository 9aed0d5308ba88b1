"""docs/cli.md, generated from the command line's own ``--help``.

    python tests/clidoc.py [--check]      (make docs)

The reference cannot drift from the code: ``test_cli_docs`` fails when a
sub-command's help differs from what is written, or a sub-command is missing.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CLI_MD = ROOT / "docs" / "cli.md"
WIDTH = "100"  # argparse wraps at the terminal width; fix it so the file is stable

INTRO = """\
# Command-line reference

Generated from `boardgraph --help` and each command's `--help` by
`make docs` (`tests/clidoc.py`); `tests/test_cli_docs.py` fails when this file
and the code disagree. The README's "Using it" section shows the commands in
use; exit codes are listed there too.
"""


def subcommands(parser: argparse.ArgumentParser) -> dict[str, argparse.ArgumentParser]:
    """Each sub-command once, by its main name (aliases such as ``visualize`` left out)."""
    action = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
    seen: dict[int, str] = {}
    for name, sub in action.choices.items():
        seen.setdefault(id(sub), name)
    return {name: action.choices[name] for name in seen.values()}


def render() -> str:
    os.environ["COLUMNS"] = WIDTH
    from boardgraph.cli import make_parser

    parser = make_parser()
    parts = [INTRO, "## boardgraph\n", "```text\n" + parser.format_help().rstrip() + "\n```\n"]
    for name, sub in subcommands(parser).items():
        parts.append(f"## boardgraph {name}\n")
        parts.append("```text\n" + sub.format_help().rstrip() + "\n```\n")
    return "\n".join(parts)


def main() -> int:
    text = render()
    if "--check" in sys.argv[1:]:
        current = CLI_MD.read_text(encoding="utf-8") if CLI_MD.is_file() else ""
        if current != text:
            print(f"{CLI_MD.relative_to(ROOT)} is out of date: run `make docs`", file=sys.stderr)
            return 1
        return 0
    CLI_MD.write_text(text, encoding="utf-8")
    print(f"wrote {CLI_MD.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
