"""The build cache is invalidated by any change to the code whose output it stores."""

from __future__ import annotations

from pathlib import Path

import pytest

from boardgraph.build import cache


def test_every_extraction_source_file_is_fingerprinted(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    package = Path(cache.__file__).resolve().parents[1]
    before = cache._code_fingerprint()
    # a copy of the package where one rule module differs by a comment
    copy = tmp_path / "boardgraph"
    for src in package.rglob("*.py"):
        dst = copy / src.relative_to(package)
        dst.parent.mkdir(parents=True, exist_ok=True)
        dst.write_bytes(src.read_bytes())
    monkeypatch.setattr(cache, "__file__", str(copy / "build" / "cache.py"))
    assert cache._code_fingerprint() == before
    rule = copy / "nlp" / "components" / "people.py"
    rule.write_text(rule.read_text() + "\n# changed\n")
    assert cache._code_fingerprint() != before


def test_a_new_helper_module_is_fingerprinted_and_corpus_level_code_is_not(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    package = Path(cache.__file__).resolve().parents[1]
    copy = tmp_path / "boardgraph"
    for src in package.rglob("*.py"):
        dst = copy / src.relative_to(package)
        dst.parent.mkdir(parents=True, exist_ok=True)
        dst.write_bytes(src.read_bytes())
    monkeypatch.setattr(cache, "__file__", str(copy / "build" / "cache.py"))
    before = cache._code_fingerprint()
    rdf = copy / "graph" / "rdf.py"
    rdf.write_text(rdf.read_text() + "\n# corpus-level: recomputed every build\n")
    assert cache._code_fingerprint() == before
    (copy / "ingest" / "newhelper.py").write_text("WORDS = ('a',)\n")  # e.g. something metadata imports
    assert cache._code_fingerprint() != before


def test_another_ocr_engine_version_is_another_cache_key(monkeypatch: pytest.MonkeyPatch) -> None:
    from boardgraph.ingest import ocr

    monkeypatch.setattr(ocr, "engine_version", lambda: "tesseract 5.3.0")
    before = cache.settings_fingerprint(None, None)
    monkeypatch.setattr(ocr, "engine_version", lambda: "tesseract 5.5.1")
    assert cache.settings_fingerprint(None, None) != before

    def missing() -> str:
        raise ocr.OcrUnavailable("not installed")

    monkeypatch.setattr(ocr, "engine_version", missing)
    assert cache.settings_fingerprint(None, None) not in (before, "")
