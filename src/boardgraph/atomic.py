"""Atomic output: a failed command never leaves a half-written file behind.

Every file boardgraph writes goes through :func:`atomic_path`, which also
decides what may be written at all: a regular file or a new name. A folder,
a device (``/dev/null``), a FIFO or a path under a file is refused with one
line before anything is written; a symlink is followed and its target
replaced, the link kept. Write failures (read-only file system, full disk,
no permission) become one line naming the path. A temporary file left by a
killed run is removed by the next write into the same folder.
"""

from __future__ import annotations

import contextlib
import errno
import os
import re
import stat
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import IO, Any

from boardgraph.errors import BoardgraphError

# ".graph.ttl.<pid>.<mkstemp's 8 characters>.part"
_PART = re.compile(r"^\..+\.(\d+)\.[A-Za-z0-9_]{8}\.part$")

_REASONS = {
    errno.EROFS: "read-only file system",
    errno.ENOSPC: "no space left on the device",
    errno.EDQUOT: "disk quota exceeded",
    errno.EACCES: "permission denied",
    errno.EPERM: "permission denied",
    errno.ENOTDIR: "a parent is a file, not a folder",
    errno.EISDIR: "is a folder",
    errno.ENAMETOOLONG: "name too long",
}


def reason(exc: OSError) -> str:
    return _REASONS.get(exc.errno or 0) or exc.strerror or type(exc).__name__


def write_error(target: Path | str, exc: OSError) -> BoardgraphError:
    return BoardgraphError(f"{target}: cannot write ({reason(exc)}); nothing was written")


def check_target(target: Path | str) -> Path:
    """The path to write for ``target``: refuse anything but a regular file or a new name.

    A symlink resolves to the file it points at, which is what gets replaced.
    """
    given = Path(target)
    path = Path(os.path.realpath(given)) if given.is_symlink() else given
    try:
        info = path.stat()
    except FileNotFoundError:
        info = None
    except NotADirectoryError:
        info = None
    except OSError as exc:
        raise BoardgraphError(f"{given}: cannot write ({reason(exc)})") from None
    if info is not None:
        if stat.S_ISDIR(info.st_mode):
            raise BoardgraphError(f"{given}: is a folder; give a file name for the output")
        if not stat.S_ISREG(info.st_mode):
            raise BoardgraphError(f"{given}: is not a regular file (a device or pipe?); not replaced")
    for parent in path.parents:
        if parent.exists():
            if not parent.is_dir():
                raise BoardgraphError(f"{given}: {parent} is a file, not a folder; nothing was written")
            break
    return path


def sweep(folder: Path) -> None:
    """Remove temporary files left in ``folder`` by writers that no longer run."""
    try:
        names = os.listdir(folder)
    except OSError:
        return
    for name in names:
        match = _PART.match(name)
        if match and not _alive(int(match.group(1))):
            with contextlib.suppress(OSError):
                os.unlink(folder / name)


def _alive(pid: int) -> bool:
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:
        return True  # exists, owned by someone else
    return True


@contextlib.contextmanager
def atomic_path(target: Path | str) -> Iterator[Path]:
    """Yield a temporary path beside ``target``; rename it over ``target`` on success.

    The temporary file lives in the target's directory so the final rename is
    atomic on POSIX (same file system). On any exception it is removed and the
    previous ``target`` (if any) is left untouched.
    """
    shown = Path(target)
    target = check_target(target)
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        sweep(target.parent)
        fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.{os.getpid()}.", suffix=".part", dir=target.parent)
    except OSError as exc:
        raise write_error(shown, exc) from None
    os.close(fd)
    tmp_path = Path(tmp)
    # mkstemp makes the file private (0600); an output file should get the
    # permissions any other new file would (0666 less the umask).
    umask = os.umask(0)
    os.umask(umask)
    try:
        os.chmod(tmp_path, 0o666 & ~umask)
        yield tmp_path
        os.replace(tmp_path, target)
    except OSError as exc:
        if isinstance(exc, FileNotFoundError | IsADirectoryError | PermissionError | NotADirectoryError) and (
            exc.filename not in (None, str(tmp_path), str(target))
        ):
            raise  # about some other file: let the caller say what
        raise write_error(shown, exc) from None
    finally:
        with contextlib.suppress(OSError):
            if tmp_path.exists():
                tmp_path.unlink()


@contextlib.contextmanager
def atomic_open(target: Path | str, mode: str = "w", encoding: str | None = "utf-8") -> Iterator[IO[Any]]:
    """Open ``target`` for writing through :func:`atomic_path`."""
    if "b" in mode:
        encoding = None
    with atomic_path(target) as tmp, open(tmp, mode, encoding=encoding) as fh:
        yield fh


def write_text(target: Path | str, text: str) -> None:
    with atomic_open(target) as fh:
        fh.write(text)


def write_bytes(target: Path | str, data: bytes) -> None:
    with atomic_open(target, "wb") as fh:
        fh.write(data)
