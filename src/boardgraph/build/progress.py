"""How a build reports its progress: the stage, the current file, done/total.

A build goes through four stages — reading (ingest), NLP, resolving and
writing — and only the first two are per report. :class:`BuildProgress` is
what the build calls; which one it gets is the CLI's choice:

* :class:`RichProgress` in a terminal: a live line with the stage, the file,
  a bar, done/total, the time so far and an ETA that moves from the first
  report on (the NLP stage advances as ``nlp.pipe`` yields each report).
* :class:`LineProgress` otherwise (a pipe, a log file, CI): a plain line on
  stderr at least every tenth of the reports or every 10 s, and at each new
  stage, so a long build never looks hung.
* :class:`BuildProgress` itself does nothing (``-q``, library use).
"""

from __future__ import annotations

import sys
import threading
import time
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

if TYPE_CHECKING:
    from rich.progress import TaskID

READING, NLP, RESOLVING, WRITING = "reading", "NLP", "resolving", "writing"


class BuildProgress:
    """Silent progress; the base of the others. Every method is cheap and may be called often."""

    def start(self, total: int) -> None:
        """The build has ``total`` report files to go through."""

    def stage(self, name: str, item: Path | str | None = None) -> None:
        """Work moved to stage ``name`` (and, for per-report stages, to file ``item``)."""

    def advance(self, n: int = 1) -> None:
        """``n`` more reports are done (read and through NLP, or taken from the cache)."""

    def close(self) -> None:
        """The build is over (or failed): clear the display, stop any timer."""


def _clock(seconds: float) -> str:
    minutes, secs = divmod(int(seconds), 60)
    hours, minutes = divmod(minutes, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes}:{secs:02d}"


def _name(item: Path | str | None) -> str:
    # The file's name is enough to recognise it, and keeps the line short.
    return Path(str(item)).name if item else ""


class LineProgress(BuildProgress):
    """Plain lines, "12/18 reports · NLP · 0:21", for output that is not a terminal."""

    def __init__(self, stream: TextIO | None = None, every_seconds: float = 10.0, steps: int = 10) -> None:
        self.stream = stream if stream is not None else sys.stderr
        self.every = every_seconds
        self.steps = steps
        self.total = 0
        self.done = 0
        self.current = ""
        self.item = ""
        self._began = time.monotonic()
        self._last_line = self._began
        self._next_step = 0
        self._lock = threading.Lock()
        self._stop = threading.Event()
        self._timer: threading.Thread | None = None

    def start(self, total: int) -> None:
        self.total = total
        self._began = self._last_line = time.monotonic()
        self._next_step = 1
        # A heartbeat thread: the model load or one long report may keep the build
        # from calling back for a while, and silence is what makes a build look hung.
        self._timer = threading.Thread(target=self._heartbeat, name="boardgraph-progress", daemon=True)
        self._timer.start()

    def stage(self, name: str, item: Path | str | None = None) -> None:
        with self._lock:
            changed = name != self.current
            self.current, self.item = name, _name(item)
            if changed:
                self._line()

    def advance(self, n: int = 1) -> None:
        with self._lock:
            self.done += n
            if self.total and self.done * self.steps >= self._next_step * self.total:
                # Jump past every tenth the advance crossed: one line, not several.
                self._next_step = self.done * self.steps // self.total + 1
                self._line()

    def close(self) -> None:
        self._stop.set()
        if self._timer is not None:
            self._timer.join(timeout=1.0)
            self._timer = None

    def _heartbeat(self) -> None:
        while not self._stop.wait(min(1.0, self.every)):
            with self._lock:
                if time.monotonic() - self._last_line >= self.every:
                    self._line()

    def _line(self) -> None:
        now = time.monotonic()
        self._last_line = now
        where = f" · {self.item}" if self.item and self.current in (READING, NLP) else ""
        print(
            f"{self.done}/{self.total} reports · {self.current or 'starting'}{where} · "
            f"{_clock(now - self._began)}",
            file=self.stream,
            flush=True,
        )


def eta(elapsed: float, done: int, total: int) -> str:
    """Time left at the pace so far; known from the first finished report on."""
    if done <= 0 or total <= 0:
        return "-:--"
    return _clock(elapsed / done * max(total - done, 0))


class RichProgress(BuildProgress):
    """A live Rich display for a terminal; it disappears when the build is over."""

    def __init__(self, stream: TextIO | None = None, *, force_terminal: bool | None = None) -> None:
        from rich.console import Console
        from rich.progress import (
            BarColumn,
            MofNCompleteColumn,
            Progress,
            ProgressColumn,
            Task,
            TextColumn,
            TimeElapsedColumn,
        )
        from rich.text import Text

        class Eta(ProgressColumn):
            # Rich's own estimate waits for a second sample; this one moves from the first report.
            def render(self, task: Task) -> Text:
                left = eta(task.elapsed or 0.0, int(task.completed), int(task.total or 0))
                return Text(f"ETA {left}", style="progress.remaining")

        console = Console(file=stream if stream is not None else sys.stderr, force_terminal=force_terminal)
        self._bar = Progress(
            TextColumn("[bold]{task.fields[stage]:<9}[/bold]"),
            BarColumn(),
            MofNCompleteColumn(),
            TextColumn("reports"),
            TimeElapsedColumn(),
            Eta(),
            TextColumn("[dim]{task.fields[item]}[/dim]"),
            console=console,
            transient=True,
        )
        self._task: TaskID | None = None

    def start(self, total: int) -> None:
        self._bar.start()
        self._task = self._bar.add_task("build", total=total, stage="starting", item="")

    def stage(self, name: str, item: Path | str | None = None) -> None:
        if self._task is not None:
            self._bar.update(self._task, stage=name, item=_name(item))

    def advance(self, n: int = 1) -> None:
        if self._task is not None:
            self._bar.advance(self._task, n)

    def close(self) -> None:
        self._bar.stop()


def for_stream(quiet: bool, stream: TextIO | None = None) -> BuildProgress:
    """Rich in a terminal, plain lines elsewhere, nothing when ``quiet``."""
    if quiet:
        return BuildProgress()
    stream = stream if stream is not None else sys.stderr
    return RichProgress(stream) if stream.isatty() else LineProgress(stream)
