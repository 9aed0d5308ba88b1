"""What a build cannot do is said, never swallowed: cache keys and writes, model meta, HTML probes."""

from __future__ import annotations

import json
import logging
from pathlib import Path

import pytest

from boardgraph.build import cache as cache_mod
from boardgraph.errors import BoardgraphError
from boardgraph.limits import check_html
from boardgraph.model import ExtractedReport, ReportMeta, SourceDocument
from boardgraph.nlp.pipeline import model_meta


@pytest.fixture()
def key_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    path = tmp_path / "keys" / "cache.key"
    monkeypatch.setenv(cache_mod.KEY_ENV, str(path))
    return path


def _report() -> ExtractedReport:
    doc = SourceDocument(path=Path("r.txt"), identifier="r", format="txt", raw_text="x", text="x", sha256="0")
    return ExtractedReport(document=doc, meta=ReportMeta(identifier="r"))


def test_a_new_key_is_made_once_and_kept(key_file: Path, tmp_path: Path) -> None:
    first = cache_mod.load_key(tmp_path / "cache")
    assert first is not None and len(first) == 32
    assert cache_mod.load_key(tmp_path / "cache") == first


@pytest.mark.parametrize("content", ["", "abcd\n", "not hex at all\n"])
def test_a_key_file_that_holds_no_key_turns_the_cache_off_and_says_so(
    key_file: Path, tmp_path: Path, caplog: pytest.LogCaptureFixture, content: str
) -> None:
    key_file.parent.mkdir()
    key_file.write_text(content, encoding="ascii")
    with caplog.at_level(logging.WARNING, logger="boardgraph.build.cache"):
        assert cache_mod.load_key(tmp_path / "cache") is None  # an empty or short key would prove nothing
    assert "cache off" in caplog.text and str(key_file) in caplog.text
    assert key_file.read_text(encoding="ascii") == content  # somebody's file, left as it was


def test_a_key_inside_the_cache_turns_it_off_and_says_so(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    root = tmp_path / "cache"
    monkeypatch.setenv(cache_mod.KEY_ENV, str(root / "cache.key"))
    with caplog.at_level(logging.WARNING, logger="boardgraph.build.cache"):
        assert cache_mod.load_key(root) is None
    assert "inside the cache folder" in caplog.text


def test_an_unwritable_cache_is_counted_and_said_once(
    key_file: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    bc = cache_mod.BuildCache(tmp_path / "cache", "fp")

    def refuse(path: Path, data: bytes) -> None:
        raise PermissionError(13, "Permission denied", str(path))

    monkeypatch.setattr(cache_mod.atomic, "write_bytes", refuse)
    with caplog.at_level(logging.WARNING, logger="boardgraph.build.cache"):
        for name in ("a", "b", "c"):
            bc.put(bc.key(name.encode(), f"{name}.txt"), _report())
    assert bc.stats.write_errors == 3
    warnings = [r for r in caplog.records if r.levelno == logging.WARNING]
    assert len(warnings) == 1 and "cannot keep entries" in warnings[0].getMessage()


def test_a_graph_memo_that_cannot_be_written_is_said(
    key_file: Path, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    memo = cache_mod.GraphMemo(tmp_path / "cache")
    with caplog.at_level(logging.WARNING, logger="boardgraph.build.cache"):
        memo.put("k", tmp_path / "no-such-graph.ttl", 3)
    assert "cannot keep the graph" in caplog.text
    assert memo.get("k") is None


def test_a_missing_model_is_none_and_a_broken_one_an_error(tmp_path: Path) -> None:
    assert model_meta("no_such_pipeline_installed") is None
    assert model_meta(str(tmp_path / "nowhere")) is None
    (tmp_path / "meta.json").write_text(json.dumps({"name": "x"}), encoding="utf-8")
    with pytest.raises(BoardgraphError, match=r"unusable meta\.json"):
        model_meta(str(tmp_path))


def test_a_malformed_declaration_is_left_to_the_html_reader() -> None:
    check_html(b"<html><body><![if !supportLists]><p>text</p></body></html>")


def test_the_cli_says_a_library_warning_in_its_own_one_line_form(
    key_file: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from boardgraph.cli import main

    key_file.parent.mkdir()
    key_file.write_text("short", encoding="ascii")  # no usable key: the cache turns off, with a warning
    reports = tmp_path / "reports"
    reports.mkdir()
    (reports / "r.txt").write_text("Northfield Board\n12 May 2016\n\nThe Board met.\n", encoding="utf-8")
    code = main(["build", str(reports), "-o", str(tmp_path / "g.ttl"), "--cache", str(tmp_path / "cache")])
    err = capsys.readouterr().err
    assert code == 0
    assert any(line.startswith("boardgraph: warning: cache off") for line in err.splitlines()), err
