"""Incremental builds: one cached extraction per report file.

An entry is keyed by everything that can change what extraction produces:
the file's bytes (sha256) and name (the name is the report identifier), the
pipeline config, the model's name and version, boardgraph's version, a
fingerprint of the extraction code itself (so a developer's edit to a
component never serves stale records under an unchanged version number), the
vocabulary files (``boardgraph.lexicons``) and the council register.

Resolution, relations and RDF are corpus-level and always recomputed from
the per-report records, so a changed report replaces exactly its own part of
the graph.

A cache folder is data, never code: entries are JSON of the record
dataclasses (no pickle), and each is authenticated with an HMAC under a
per-user key kept *outside* the cache folder (:func:`cache_key_file`). A
folder that arrives with a download, a truncated or bit-flipped entry, or one
forged by anyone without the key is detected, deleted and rebuilt, never
trusted. The default folder is the user's cache directory, not the folder the
command runs in.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
import hmac
import json
import logging
import os
import secrets
import types
import typing
from dataclasses import dataclass, fields, is_dataclass
from pathlib import Path

import platformdirs
import spacy

from boardgraph import __version__, atomic, lexicons
from boardgraph.errors import BoardgraphError
from boardgraph.ingest import ocr
from boardgraph.model import ExtractedReport
from boardgraph.nlp.pipeline import DEFAULT_CONFIG, model_meta, model_setting
from boardgraph.resources import data_dir

log = logging.getLogger(__name__)

DEFAULT_CACHE_DIR = Path(platformdirs.user_cache_dir("boardgraph"))
KEY_ENV = "BOARDGRAPH_CACHE_KEY"  # a file holding the HMAC key (default: in the user's config folder)
MAGIC = b"BGCACHE2\n"
LAYOUT = "v2"  # bump when the entry format changes
# The code that decides what a report's extraction contains is every module
# outside the corpus-level packages: resolution, relations between entities,
# RDF and everything after are recomputed on every build, so editing them must
# not invalidate the cache. Everything else is in, so a new extraction module
# (a helper that metadata or a component imports) can never serve stale records.
CORPUS_LEVEL_PACKAGES = ("build", "cli", "graph", "network", "sparql")
CORPUS_LEVEL_MODULES = frozenset({"__init__.py", "__main__.py", "atomic.py", "textsafe.py"})


def _package_root() -> Path:
    return Path(__file__).resolve().parents[1]


def _model_identity(model: str) -> dict[str, object]:
    # an unknown model fails later, with a proper message, when it is loaded
    meta = model_meta(model) or {}
    return {"model": model, **{k: meta.get(k) for k in ("name", "version", "lang")}}


def _hash_files(here: Path, files: list[Path]) -> str:
    h = hashlib.sha256()
    for path in files:
        h.update(str(path.relative_to(here)).encode() + b"\0" + path.read_bytes() + b"\0")
    return h.hexdigest()


def _code_fingerprint() -> str:
    here = _package_root()
    files = [
        path
        for path in sorted(here.rglob("*.py"))
        if path.relative_to(here).parts[0] not in CORPUS_LEVEL_PACKAGES
        and path.relative_to(here).as_posix() not in CORPUS_LEVEL_MODULES
    ]
    return _hash_files(here, files)


def _data_fingerprint() -> str:
    """The council register and any other data files under the data folder (or BOARDGRAPH_DATA)."""
    root = data_dir()
    try:
        files = sorted(p for p in root.rglob("*") if p.is_file())
        return _hash_files(root, files)
    except OSError:
        return "unreadable"  # the register loader reports it


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
        "lexicons": lexicons.fingerprint(),
        "register": _data_fingerprint(),
        "ocr": _ocr_identity(),
    }
    return hashlib.sha256(json.dumps(parts, sort_keys=True).encode()).hexdigest()


def _ocr_identity() -> str:
    """The OCR engine's version: a scanned page read by another Tesseract may read differently."""
    try:
        return ocr.engine_version()
    except ocr.OcrUnavailable:
        return "unavailable"


@dataclass
class CacheStats:
    hits: int = 0
    misses: int = 0
    corrupt: int = 0
    write_errors: int = 0


def cache_key_file() -> Path:
    return Path(os.environ.get(KEY_ENV) or Path(platformdirs.user_config_dir("boardgraph")) / "cache.key")


def load_key(cache_root: Path) -> bytes | None:
    """The per-user HMAC key, made on first use; None if it cannot be kept safely.

    A key inside the cache folder would travel with it and prove nothing, so
    such a setting disables the cache rather than trusting it.
    """
    path = cache_key_file()
    with contextlib.suppress(OSError, ValueError):
        if path.resolve().is_relative_to(cache_root.resolve()):
            log.warning("cache off: its key file %s is inside the cache folder %s", path, cache_root)
            return None
    with contextlib.suppress(OSError, ValueError):  # no key yet: make one below
        return _read_key(path)
    try:
        return _new_key(path)
    except OSError as exc:
        log.warning("cache off: cannot keep its key in %s (%s)", path, atomic.reason(exc))
    except ValueError as exc:
        log.warning("cache off: %s holds no usable key (%s)", path, exc)
    return None


def _read_key(path: Path) -> bytes:
    key = bytes.fromhex(path.read_text(encoding="ascii").strip())
    if len(key) < 32:  # an empty key would authenticate nothing
        raise ValueError(f"{len(key)} bytes, not 32 or more")
    return key


def _new_key(path: Path) -> bytes:
    """A new random key written to ``path``, or the key another build wrote there first."""
    key = secrets.token_bytes(32)
    path.parent.mkdir(parents=True, exist_ok=True)
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:  # another build made it first (or the file there is no key): use theirs
        return _read_key(path)
    with os.fdopen(fd, "w", encoding="ascii") as fh:
        fh.write(key.hex() + "\n")
    return key


def check_cache_dir(root: Path) -> None:
    """A cache path that is a file (or under one) is a usage error, said in one line."""
    for part in (root, *root.parents):
        if part.exists():
            if not part.is_dir():
                what = "is a file" if part == root else f"is under {part}, which is a file"
                raise BoardgraphError(
                    f"{root}: cache path {what}, not a folder (give --cache DIR or --no-cache)"
                )
            return


class BuildCache:
    """A directory of extraction records, addressed by content."""

    def __init__(self, root: Path | str, fingerprint: str):
        self.root = Path(root)
        check_cache_dir(self.root)
        self.fingerprint = fingerprint
        self.stats = CacheStats()
        self._key = load_key(self.root)

    def key(self, data: bytes, name: str) -> str:
        return hashlib.sha256(
            f"{self.fingerprint}\0{name}\0{hashlib.sha256(data).hexdigest()}".encode()
        ).hexdigest()

    def _path(self, key: str) -> Path:
        return self.root / LAYOUT / key[:2] / f"{key}.json"

    def get(self, key: str, path: Path) -> ExtractedReport | None:
        """The cached record for ``key`` (re-pointed at ``path``), or None."""
        if self._key is None:
            self.stats.misses += 1
            return None
        entry = self._path(key)
        try:
            blob = entry.read_bytes()
        except OSError:
            self.stats.misses += 1
            return None
        report = _decode(blob, self._key, key)
        if report is None:
            self.stats.corrupt += 1
            self.stats.misses += 1
            with contextlib.suppress(OSError):
                entry.unlink(missing_ok=True)
            return None
        # The key covers the file name and bytes, not the folder it sits in.
        report.document.path = path
        self.stats.hits += 1
        return report

    def put(self, key: str, report: ExtractedReport) -> None:
        if self._key is None:
            return
        try:
            atomic.write_bytes(self._path(key), _encode(report, self._key, key))
        except (OSError, BoardgraphError) as exc:
            # A read-only or full cache must not fail the build; it only costs speed.
            if not self.stats.write_errors:  # once: every later entry fails the same way
                log.warning(
                    "cache: cannot keep entries in %s (%s); the next build reads those reports again",
                    self.root,
                    _why(exc),
                )
            self.stats.write_errors += 1


def _sign(secret: bytes, entry_key: str, payload: bytes) -> bytes:
    # the entry's own key is signed too: a valid entry copied to another key is refused
    return hmac.new(secret, entry_key.encode() + b"\0" + payload, hashlib.sha256).hexdigest().encode()


def _encode(report: ExtractedReport, secret: bytes, entry_key: str) -> bytes:
    payload = json.dumps(to_data(report), ensure_ascii=False, separators=(",", ":")).encode("utf-8")
    return MAGIC + _sign(secret, entry_key, payload) + b"\n" + payload


def _decode(blob: bytes, secret: bytes, entry_key: str) -> ExtractedReport | None:
    if not blob.startswith(MAGIC):
        return None
    head = len(MAGIC)
    digest, payload = blob[head : head + 64], blob[head + 65 :]
    if blob[head + 64 : head + 65] != b"\n":
        return None
    if not hmac.compare_digest(_sign(secret, entry_key, payload), digest):
        return None
    try:
        report = from_data(ExtractedReport, json.loads(payload.decode("utf-8")))
    except (ValueError, TypeError, KeyError, AttributeError):  # an entry from an older record layout
        return None
    return report if isinstance(report, ExtractedReport) else None


# ---------------------------------------------------- records <-> JSON data


def to_data(value: object) -> object:
    """Plain JSON data for a record (dataclasses, paths, dates, tuples, sets)."""
    if is_dataclass(value) and not isinstance(value, type):
        return {f.name: to_data(getattr(value, f.name)) for f in fields(value)}
    if isinstance(value, Path):
        return str(value)
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, list | tuple):
        return [to_data(v) for v in value]
    if isinstance(value, set | frozenset):
        return sorted(to_data(v) for v in value)  # type: ignore[type-var]
    if isinstance(value, dict):
        return {str(k): to_data(v) for k, v in value.items()}
    if value is None or isinstance(value, str | int | float | bool):
        return value
    raise TypeError(f"cannot store {type(value).__name__} in the cache")


def from_data(hint: object, data: object) -> object:
    """The inverse of :func:`to_data`, guided by type hints; raises on anything unexpected."""
    origin = typing.get_origin(hint)
    if origin in (typing.Union, types.UnionType):
        return _from_union(hint, data)
    if isinstance(hint, type) and is_dataclass(hint):
        return _from_dataclass(hint, data)
    if origin in (list, tuple, set, frozenset):
        return _from_list(origin, hint, data)
    if origin is dict:
        return _from_dict(hint, data)
    return _from_scalar(hint, data)


def _from_union(hint: object, data: object) -> object:
    options = typing.get_args(hint)
    if data is None and type(None) in options:
        return None
    for option in options:
        if option is type(None):
            continue
        try:
            return from_data(option, data)
        except (TypeError, ValueError, KeyError):
            continue  # the next option may fit; if none does, the TypeError below says so
    raise TypeError(f"no type of {hint} fits {data!r:.40}")


def _from_dataclass(hint: type, data: object) -> object:
    if not isinstance(data, dict):
        raise TypeError(f"{hint.__name__} expected")
    hints = typing.get_type_hints(hint)
    kwargs = {f.name: from_data(hints[f.name], data[f.name]) for f in fields(hint) if f.name in data}
    return hint(**kwargs)


def _from_list(origin: type, hint: object, data: object) -> object:
    if not isinstance(data, list):
        raise TypeError("list expected")
    args = typing.get_args(hint)
    inner = args[0] if args else object
    items = [from_data(inner, v) for v in data]
    return origin(items)


def _from_dict(hint: object, data: object) -> object:
    if not isinstance(data, dict):
        raise TypeError("object expected")
    _, inner = typing.get_args(hint) or (str, object)
    return {k: from_data(inner, v) for k, v in data.items()}


def _from_scalar(hint: object, data: object) -> object:
    if hint is Path:
        if not isinstance(data, str):
            raise TypeError("path expected")
        return Path(data)
    if hint is dt.date:
        if not isinstance(data, str):
            raise TypeError("date expected")
        return dt.date.fromisoformat(data)
    if hint is float and isinstance(data, int | float) and not isinstance(data, bool):
        return float(data)
    if hint in (str, int, bool) and type(data) is hint:
        return data
    if hint is object or hint is typing.Any:
        return data
    raise TypeError(f"{hint} expected, found {type(data).__name__}")


def _package_fingerprint() -> str:
    """All of boardgraph's code: a whole graph depends on every stage."""
    here = _package_root()
    return _hash_files(here, sorted(here.rglob("*.py")))


class GraphMemo:
    """The graph last written for exactly this input, so that an unchanged
    corpus is not even resolved and serialised again (what ``make`` does for
    an up-to-date target).

    Keyed by every report's cache key (file bytes and name, model, config,
    extraction code), the skipped files, all of boardgraph's code and the
    output format. A graph whose bytes no longer match their recorded HMAC
    (the same per-user key as the entries) is deleted and rebuilt, never served.
    """

    def __init__(self, root: Path | str):
        self.root = Path(root) / LAYOUT / "graphs"
        self._key = load_key(Path(root))

    @staticmethod
    def key(entry_keys: list[str], skipped: list[str], fmt: str, judgements: str = "") -> str:
        # judgements: the sha256 of a reviewer's judgements file, applied after the per-report cache
        parts = {
            "code": _package_fingerprint(),
            "entries": entry_keys,
            "skipped": skipped,
            "format": fmt,
            "judgements": judgements,
        }
        return hashlib.sha256(json.dumps(parts, sort_keys=True).encode()).hexdigest()

    def get(self, key: str) -> tuple[Path, int] | None:
        if self._key is None:
            return None
        graph, meta = self.root / f"{key}.graph", self.root / f"{key}.json"
        try:
            info = json.loads(meta.read_text(encoding="utf-8"))
            digest = self._digest(key, graph.read_bytes(), info.get("triples"))
        except (OSError, ValueError, AttributeError):
            return None
        if not hmac.compare_digest(digest, str(info.get("hmac"))) or not isinstance(info.get("triples"), int):
            with contextlib.suppress(OSError):
                graph.unlink(missing_ok=True)
                meta.unlink(missing_ok=True)
            return None
        return graph, info["triples"]

    def _digest(self, key: str, data: bytes, triples: object) -> str:
        assert self._key is not None
        return _sign(self._key, f"graph:{key}:{triples}", data).decode()

    def put(self, key: str, written: Path, triples: int) -> None:
        if self._key is None:
            return
        try:
            check_cache_dir(self.root)
            data = written.read_bytes()
            atomic.write_bytes(self.root / f"{key}.graph", data)
            info = {"hmac": self._digest(key, data, triples), "triples": triples}
            atomic.write_text(self.root / f"{key}.json", json.dumps(info))
        except (OSError, BoardgraphError) as exc:  # a read-only or full cache only costs speed
            log.warning(
                "cache: cannot keep the graph in %s (%s); the next build writes it again",
                self.root,
                _why(exc),
            )


def _why(exc: OSError | BoardgraphError) -> str:
    return atomic.reason(exc) if isinstance(exc, OSError) else str(exc)
