"""Honest progress: the stage, the file and done/total, per report as nlp.pipe yields."""

from __future__ import annotations

import io
import re
import time
from pathlib import Path

import pytest

from boardgraph.build import progress
from boardgraph.build.runner import build
from boardgraph.cli import main

LINE = re.compile(r"^(\d+)/(\d+) reports · (reading|NLP|resolving|writing|starting)( · .+)? · \d+:\d\d$")


class Recorder(progress.BuildProgress):
    def __init__(self) -> None:
        self.events: list[tuple[str, str]] = []

    def start(self, total: int) -> None:
        self.events.append(("start", str(total)))

    def stage(self, name: str, item: Path | str | None = None) -> None:
        self.events.append((name, Path(str(item)).name if item else ""))

    def advance(self, n: int = 1) -> None:
        self.events.append(("advance", str(n)))


def test_lines_every_tenth_and_at_each_stage() -> None:
    out = io.StringIO()
    shown = progress.LineProgress(out)
    shown.start(18)
    for i in range(18):
        shown.stage(progress.NLP, f"r{i}.txt")
        shown.advance()
    shown.stage(progress.RESOLVING)
    shown.close()
    lines = out.getvalue().splitlines()
    assert all(LINE.match(line) for line in lines), lines
    done = [int(LINE.match(line).group(1)) for line in lines]  # type: ignore[union-attr]
    assert done == sorted(done) and done[-1] == 18
    assert 9 <= len(lines) <= 12  # one a tenth (and a stage line), not one per report
    assert lines[-1].startswith("18/18 reports · resolving")


def test_a_heartbeat_when_nothing_moves() -> None:
    out = io.StringIO()
    shown = progress.LineProgress(out, every_seconds=0.05)
    shown.start(5)
    shown.stage(progress.NLP, "loading the pipeline")
    time.sleep(0.4)
    shown.close()
    assert len(out.getvalue().splitlines()) >= 3  # the model load does not look like a hang


def test_the_display_follows_the_stream() -> None:
    assert type(progress.for_stream(True)) is progress.BuildProgress
    assert isinstance(progress.for_stream(False, io.StringIO()), progress.LineProgress)


REPORT = "Cllr Ann Oakes met with Cllr Ben Pike in {place} to discuss the {n} plan.\n"


def test_build_reports_each_report_as_nlp_yields_it(tmp_path: Path) -> None:
    for n, place in enumerate(["Avon", "Bray", "Cole"]):
        (tmp_path / f"r{n}.txt").write_text(REPORT.format(place=place, n=n), encoding="utf-8")
    seen = Recorder()
    build([tmp_path], progress=seen).close()
    kinds = [k for k, _ in seen.events]
    assert seen.events[0] == ("start", "3")
    # Each report is named in the NLP stage just before its own advance, not all at the end.
    nlp = [i for i, (k, item) in enumerate(seen.events) if k == progress.NLP and item.startswith("r")]
    advances = [i for i, k in enumerate(kinds) if k == "advance"]
    assert len(nlp) == 3 and len(advances) == 3
    assert all(a < b for a, b in zip(nlp, advances, strict=True))
    assert nlp[1] > advances[0]
    assert kinds.index(progress.READING) < kinds.index(progress.NLP) < kinds.index(progress.RESOLVING)
    assert kinds.index(progress.RESOLVING) < kinds.index(progress.WRITING)


def test_cli_without_a_terminal_prints_lines_and_quiet_none(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    for n, place in enumerate(["Avon", "Bray", "Cole"]):
        (tmp_path / f"r{n}.txt").write_text(REPORT.format(place=place, n=n), encoding="utf-8")
    assert main(["build", str(tmp_path), "-o", str(tmp_path / "g.ttl"), "--no-cache"]) == 0
    err = capsys.readouterr().err.splitlines()
    counts = [line for line in err if re.match(r"^\d+/3 reports", line)]
    assert len(counts) >= 3 and all(LINE.match(line) for line in counts), err
    assert main(["build", str(tmp_path), "-o", str(tmp_path / "g.ttl"), "--no-cache", "-q"]) == 0
    assert capsys.readouterr().err == ""


def test_corpus_extra_without_a_terminal(
    shared_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "extra"
    folder.mkdir()
    for path in sorted((shared_dir / "corpus-extra").glob("*.txt")):
        (folder / path.name).write_bytes(path.read_bytes())
    assert main(["build", str(folder), "-o", str(tmp_path / "g.ttl"), "--no-cache"]) in (0, 1)
    lines = [line for line in capsys.readouterr().err.splitlines() if re.match(r"^\d+/18 reports", line)]
    assert len(lines) >= 3


def test_eta_from_the_first_report() -> None:
    assert progress.eta(12.0, 0, 18) == "-:--"
    assert progress.eta(12.0, 1, 5) == "0:48"
    assert progress.eta(30.0, 3, 3) == "0:00"


def test_rich_display_names_stage_file_and_counts() -> None:
    out = io.StringIO()
    shown = progress.RichProgress(out, force_terminal=True)
    shown.start(4)
    shown.stage(progress.NLP, "/some/where/r1.txt")
    shown.advance()
    shown.close()  # draws the last state
    text = out.getvalue()
    assert "NLP" in text and "r1.txt" in text and "1/4" in text and "ETA" in text
