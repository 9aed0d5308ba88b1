"""A small seeded fuzz run of ingest: random bytes and mutated DOCX, PDF and HTML.

Whatever the bytes, reading a file ends in one of two ways: a SourceDocument,
or an IngestError whose message is one line naming the file. Never another
exception, never a hang. The seed is fixed so a failure replays exactly.
"""

from __future__ import annotations

import io
import random
import time
from pathlib import Path

import pytest

from boardgraph.ingest.read import IngestError, read_document
from boardgraph.limits import Limits

SEED = 20121
CASES = 30  # per format; the whole file runs in well under 30 s
PER_FILE_SECONDS = 10.0
TEXT = (
    "Cllr Ada Quill, Chair of the Example Board, met Sir Tom Reed of the Sample Trust. "
    "The Better Streets programme was discussed with Testshire County Council.\n\n"
) * 8


def _docx() -> bytes:
    import docx

    document = docx.Document()
    for para in TEXT.split("\n\n"):
        if para.strip():
            document.add_paragraph(para)
    table = document.add_table(rows=2, cols=2)
    table.cell(0, 0).text = "Member"
    table.cell(1, 1).text = "Cllr Ada Quill"
    buf = io.BytesIO()
    document.save(buf)
    return buf.getvalue()


def _pdf() -> bytes:
    fpdf = pytest.importorskip("fpdf")
    pdf = fpdf.FPDF()
    pdf.add_page()
    pdf.set_font("Helvetica", size=11)
    pdf.multi_cell(0, 6, TEXT[:1500])
    return bytes(pdf.output())


def _html() -> bytes:
    body = "".join(f"<p>{p}</p><table><tr><td>{p[:20]}</td></tr></table>" for p in TEXT.split("\n\n") if p)
    return f"<!doctype html><html><head><title>Minutes</title></head><body>{body}</body></html>".encode()


def mutate(data: bytes, rng: random.Random) -> bytes:
    """One of: flipped bytes, a truncation, a spliced repeat, random garbage inserted."""
    blob = bytearray(data)
    kind = rng.randrange(4)
    if kind == 0:
        for _ in range(rng.randint(1, 40)):
            blob[rng.randrange(len(blob))] = rng.randrange(256)
    elif kind == 1:
        del blob[rng.randrange(1, len(blob)) :]
    elif kind == 2:
        a = rng.randrange(len(blob))
        b = min(len(blob), a + rng.randint(1, 2000))
        blob[a:a] = blob[a:b] * rng.randint(1, 5)
    else:
        at = rng.randrange(len(blob))
        blob[at:at] = bytes(rng.randrange(256) for _ in range(rng.randint(1, 500)))
    return bytes(blob)


def _check(path: Path) -> str:
    started = time.monotonic()
    try:
        read_document(path, Limits(max_chars=200_000))
        outcome = "read"
    except IngestError as exc:
        message = str(exc)
        assert "\n" not in message and str(path) in message, message
        outcome = "skipped"
    assert time.monotonic() - started < PER_FILE_SECONDS, f"{path.name} took too long"
    return outcome


@pytest.mark.parametrize("suffix", [".txt", ".md", ".html", ".docx", ".pdf"])
def test_random_bytes_never_crash_ingest(tmp_path: Path, suffix: str) -> None:
    rng = random.Random(f"{SEED}{suffix}")
    read = []
    for i in range(CASES // 3):
        path = tmp_path / f"random{i}{suffix}"
        size = rng.choice((1, 17, 600, 5000))
        path.write_bytes(bytes(rng.randrange(256) for _ in range(size)))
        if _check(path) == "read" and size >= 600:
            read.append(path.name)
    # a few random bytes may happen to be text; a page of them is no report in any format
    assert read == []


@pytest.mark.parametrize(("suffix", "make"), [(".docx", _docx), (".pdf", _pdf), (".html", _html)])
def test_mutated_documents_never_crash_ingest(tmp_path: Path, suffix: str, make) -> None:
    original = make()
    good = tmp_path / f"good{suffix}"
    good.write_bytes(original)
    assert _check(good) == "read"
    rng = random.Random(f"{SEED}{suffix}")
    for i in range(CASES):
        path = tmp_path / f"mutant{i}{suffix}"
        path.write_bytes(mutate(original, rng))
        _check(path)
