"""The long hostile-input probes of issue 12, timed and measured (``make bench``).

Each probe is one ``boardgraph build`` of a folder holding one bad file, run
under ``/usr/bin/time`` for wall-clock time and peak memory. A probe passes
when the build ends within its time and memory budget with a clean outcome
(built, or the file skipped with its reason: exit 0 or 1, never a traceback)
and any previous output left whole. Run: ``python benchmarks/bench_hostile.py
[--only NAME]``.
"""

from __future__ import annotations

import argparse
import io
import random
import shutil
import subprocess
import sys
import tempfile
import time
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

BG = [sys.executable, "-m", "boardgraph"]
GIB = 1024 * 1024 * 1024

PARAGRAPH = (
    "Cllr Ada Quill, Chair of the Example Board, met Sir Tom Reed of the Sample Trust on "
    "3 March 2012. The Better Streets programme was discussed with Testshire County Council. "
)


@dataclass
class Probe:
    name: str
    make: Callable[[Path], None]
    seconds: float
    memory: int  # bytes
    expect: str  # "built", "skipped"
    args: tuple[str, ...] = ()


def text_of(size: int, sep: str = "\n\n") -> str:
    out, n = [], 0
    while n < size:
        out.append(PARAGRAPH)
        n += len(PARAGRAPH) + len(sep)
    return sep.join(out)[:size]


def fifty_mb(folder: Path) -> None:
    (folder / "huge report.txt").write_text(text_of(50 * 1024 * 1024), encoding="utf-8")


def two_mb(folder: Path) -> None:
    (folder / "long report.txt").write_text(text_of(2 * 1024 * 1024), encoding="utf-8")


def one_line(folder: Path) -> None:
    (folder / "one line.txt").write_text(text_of(900_000, sep=" "), encoding="utf-8")


def zip_bomb(folder: Path) -> None:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("[Content_Types].xml", "<Types/>")
        with zf.open("word/document.xml", "w", force_zip64=True) as fh:
            chunk = b"<w:p><w:r><w:t>x</w:t></w:r></w:p>" * 30000
            for _ in range(3 * GIB // len(chunk)):
                fh.write(chunk)
    (folder / "bomb.docx").write_bytes(buf.getvalue())


def nested_divs(folder: Path) -> None:
    (folder / "deep.html").write_text("<div>" * 100_000 + PARAGRAPH + "</div>" * 100_000, encoding="utf-8")


def random_html(folder: Path) -> None:
    rng = random.Random(64)
    (folder / "noise.html").write_bytes(bytes(rng.randrange(256) for _ in range(64 * 1024)))


PROBES = [
    Probe("50 MB text (default limit)", fifty_mb, 120, 2 * GIB, "skipped"),
    Probe("DOCX zip bomb (3 GiB inflated)", zip_bomb, 10, GIB, "skipped"),
    Probe("100,000 nested <div>s", nested_divs, 10, GIB, "skipped"),
    Probe("64 KB random bytes as .html", random_html, 10, GIB, "skipped"),
    Probe("0.9 MB single line", one_line, 600, 6 * GIB, "built"),
    Probe("2 MB text", two_mb, 900, 8 * GIB, "built"),
]


def run(probe: Probe, root: Path) -> dict:
    folder = root / probe.name.split()[0].replace(",", "")
    folder.mkdir(parents=True)
    probe.make(folder)
    (folder / "ok.txt").write_text(text_of(3000), encoding="utf-8")  # a good report beside the bad one
    out = root / f"{folder.name}.ttl"
    out.write_text("previous graph\n")
    timing = root / f"{folder.name}.time"
    command = [
        "/usr/bin/time",
        "-f",
        "%e %M",
        "-o",
        str(timing),
        *BG,
        "build",
        str(folder),
        "-o",
        str(out),
        "--no-cache",
        "-q",
        *probe.args,
    ]
    started = time.monotonic()
    done = subprocess.run(command, capture_output=True, text=True, check=False)
    wall = time.monotonic() - started
    seconds, kib = timing.read_text().split()[-2:]
    memory = int(kib) * 1024
    err = done.stderr
    skipped = [line for line in err.splitlines() if line.startswith("boardgraph: skipped")]
    outcome = "skipped" if skipped else ("built" if done.returncode == 0 else "failed")
    lost = not out.exists() or out.stat().st_size == 0  # neither the old graph nor a new one
    replaced = not lost and out.read_text(errors="replace") != "previous graph\n"
    clean = not lost and replaced and done.returncode in (0, 1) and "Traceback" not in err
    ok = clean and outcome == probe.expect and wall <= probe.seconds and memory <= probe.memory
    reason = skipped[0].split(": ", 2)[-1] if skipped else (err.strip().splitlines() or [""])[-1][:120]
    return {
        "probe": probe.name,
        "exit": done.returncode,
        "outcome": outcome,
        "seconds": round(float(seconds), 1),
        "memory_mib": memory // (1024 * 1024),
        "ok": ok,
        "lost": lost,
        "reason": reason,
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--only", help="run the probes whose name contains this")
    parser.add_argument("--quick", action="store_true", help="skip the probes that build megabytes of text")
    args = parser.parse_args()
    if not shutil.which("/usr/bin/time"):
        print("needs /usr/bin/time (Debian: apt-get install time)", file=sys.stderr)
        return 2
    probes = [p for p in PROBES if not args.only or args.only.lower() in p.name.lower()]
    if args.quick:
        probes = [p for p in probes if p.expect == "skipped"]
    failures = lost = 0
    with tempfile.TemporaryDirectory(prefix="bench-hostile-") as tmp:
        for probe in probes:
            row = run(probe, Path(tmp))
            failures += not row["ok"]
            lost += row["lost"]
            mark = "ok  " if row["ok"] else "FAIL"
            print(
                f"{mark} {row['probe']:<32} exit {row['exit']}  {row['outcome']:<8} {row['seconds']:>6} s "
                f"{row['memory_mib']:>6} MiB  {row['reason']}",
                flush=True,
            )
    print(f"{len(probes)} probes, {len(probes) - failures} handled within budget, data lost: {lost}")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
