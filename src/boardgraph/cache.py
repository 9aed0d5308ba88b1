"""Incremental builds: one cached extraction per report file.

An entry is keyed by everything that can change what extraction produces:
the file's bytes (sha256) and name (the name is the report identifier), the
pipeline config, the model's name and version, boardgraph's version, and a
fingerprint of the extraction code itself (so a developer's edit to a
component never serves stale records under an unchanged version number).

Resolution, relations and RDF are corpus-level and always recomputed from
the per-report records, so a changed report replaces exactly its own part of
the graph.

Entries are pickles behind a magic line and a sha256 of the payload. A
truncated, bit-flipped or otherwise unreadable entry is detected, deleted and
rebuilt, never trusted. The checksum guards against corruption, not against
an attacker: like any pickle, the cache directory must be as trusted as the
code (it is a local, per-user build directory).
"""

from __future__ import annotations

import hashlib
import json
import pickle
from dataclasses import dataclass
from pathlib import Path

import spacy

from boardgraph import __version__, atomic
from boardgraph.model import ExtractedReport
from boardgraph.pipeline import DEFAULT_CONFIG, model_meta, model_setting

DEFAULT_CACHE_DIR = Path(".boardgraph-cache")
MAGIC = b"BGCACHE1\n"
LAYOUT = "v1"  # bump when the entry format changes
# Modules whose code decides what a report's extraction contains. Resolution,
# relations between entities and RDF are recomputed on every build, so their
# modules are deliberately not here: editing them must not invalidate the cache.
EXTRACTION_MODULES = ("ingest", "pdf", "ocr", "clean", "metadata", "extract", "relate", "names", "register",
                      "model", "pipeline")
EXTRACTION_PACKAGES = ("components",)


def _model_identity(model: str) -> dict:
    # an unknown model fails later, with a proper message, when it is loaded
    meta = model_meta(model) or {}
    return {"model": model, **{k: meta.get(k) for k in ("name", "version", "lang")}}


def _hash_files(here: Path, files: list[Path]) -> str:
    h = hashlib.sha256()
    for path in files:
        h.update(str(path.relative_to(here)).encode() + b"\0" + path.read_bytes() + b"\0")
    return h.hexdigest()


def _code_fingerprint() -> str:
    here = Path(__file__).parent
    files = [here / f"{name}.py" for name in EXTRACTION_MODULES]
    files += [f for pkg in EXTRACTION_PACKAGES for f in sorted((here / pkg).rglob("*.py"))]
    return _hash_files(here, files)


def settings_fingerprint(model: str | None, config: str | None) -> str:
    """One hash for everything except the file itself."""
    config_path = Path(config) if config else DEFAULT_CONFIG
    try:
        config_bytes = config_path.read_bytes()
    except OSError:
        config_bytes = b""  # load_pipeline reports the unreadable config
    parts = {
        "layout": LAYOUT,
        "boardgraph": __version__,
        "code": _code_fingerprint(),
        "config": hashlib.sha256(config_bytes).hexdigest(),
        "model": _model_identity(model_setting(model)),
        "spacy": spacy.__version__,
    }
    return hashlib.sha256(json.dumps(parts, sort_keys=True).encode()).hexdigest()


@dataclass
class CacheStats:
    hits: int = 0
    misses: int = 0
    corrupt: int = 0
    write_errors: int = 0


class BuildCache:
    """A directory of extraction records, addressed by content."""

    def __init__(self, root: Path | str, fingerprint: str):
        self.root = Path(root)
        self.fingerprint = fingerprint
        self.stats = CacheStats()

    def key(self, data: bytes, name: str) -> str:
        return hashlib.sha256(
            f"{self.fingerprint}\0{name}\0{hashlib.sha256(data).hexdigest()}".encode()
        ).hexdigest()

    def _path(self, key: str) -> Path:
        return self.root / LAYOUT / key[:2] / f"{key}.pkl"

    def get(self, key: str, path: Path) -> ExtractedReport | None:
        """The cached record for ``key`` (re-pointed at ``path``), or None."""
        entry = self._path(key)
        try:
            blob = entry.read_bytes()
        except OSError:
            self.stats.misses += 1
            return None
        report = _decode(blob)
        if report is None:
            self.stats.corrupt += 1
            self.stats.misses += 1
            entry.unlink(missing_ok=True)
            return None
        # The key covers the file name and bytes, not the folder it sits in.
        report.document.path = path
        self.stats.hits += 1
        return report

    def put(self, key: str, report: ExtractedReport) -> None:
        try:
            atomic.write_bytes(self._path(key), _encode(report))
        except OSError:
            # A read-only or full cache must not fail the build; it only costs speed.
            self.stats.write_errors += 1


def _encode(report: ExtractedReport) -> bytes:
    payload = pickle.dumps(report, protocol=pickle.HIGHEST_PROTOCOL)
    return MAGIC + hashlib.sha256(payload).hexdigest().encode() + b"\n" + payload


def _decode(blob: bytes) -> ExtractedReport | None:
    if not blob.startswith(MAGIC):
        return None
    head = len(MAGIC)
    digest, payload = blob[head : head + 64], blob[head + 65 :]
    if blob[head + 64 : head + 65] != b"\n" or hashlib.sha256(payload).hexdigest().encode() != digest:
        return None
    try:
        report = pickle.loads(payload)
    except Exception:  # a checksum-valid entry from an incompatible class layout
        return None
    return report if isinstance(report, ExtractedReport) else None


def _package_fingerprint() -> str:
    """All of boardgraph's code: a whole graph depends on every stage."""
    here = Path(__file__).parent
    return _hash_files(here, sorted(here.rglob("*.py")))


class GraphMemo:
    """The graph last written for exactly this input, so that an unchanged
    corpus is not even resolved and serialised again (what ``make`` does for
    an up-to-date target).

    Keyed by every report's cache key (file bytes and name, model, config,
    extraction code), the skipped files, all of boardgraph's code and the
    output format. A graph whose bytes no longer match their recorded sha256
    is deleted and rebuilt, never served.
    """

    def __init__(self, root: Path | str):
        self.root = Path(root) / LAYOUT / "graphs"

    @staticmethod
    def key(entry_keys: list[str], skipped: list[str], fmt: str) -> str:
        parts = {"code": _package_fingerprint(), "entries": entry_keys, "skipped": skipped, "format": fmt}
        return hashlib.sha256(json.dumps(parts, sort_keys=True).encode()).hexdigest()

    def get(self, key: str) -> tuple[Path, int] | None:
        graph, meta = self.root / f"{key}.graph", self.root / f"{key}.json"
        try:
            info = json.loads(meta.read_text(encoding="utf-8"))
            digest = hashlib.sha256(graph.read_bytes()).hexdigest()
        except (OSError, ValueError):
            return None
        if digest != info.get("sha256") or not isinstance(info.get("triples"), int):
            graph.unlink(missing_ok=True)
            meta.unlink(missing_ok=True)
            return None
        return graph, info["triples"]

    def put(self, key: str, written: Path, triples: int) -> None:
        try:
            data = written.read_bytes()
            atomic.write_bytes(self.root / f"{key}.graph", data)
            info = {"sha256": hashlib.sha256(data).hexdigest(), "triples": triples}
            atomic.write_text(self.root / f"{key}.json", json.dumps(info))
        except OSError:
            pass  # a read-only or full cache only costs speed
