"""The secretariat's thin layer over the shared folder: whole files only, never in place.

Everything the secretariat writes to the share appears in one step and is never
rewritten: a file is written under a temporary name, flushed, and then published
under its final name *exclusively* (``os.link`` on POSIX, ``os.rename`` on Windows,
both fail when the name exists). That gives optimistic concurrency without locks,
which SMB does not keep reliably. Tests replace :data:`FAULTS` hooks to inject faults.
"""

from __future__ import annotations

import contextlib
import errno
import json
import os
import secrets
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

TMP_PREFIX = ".tmp-"
TMP_MAX_AGE_S = 24 * 3600
YOUNG_S = 5.0
# errno values of file systems that have no hard links (some SMB and FAT mounts).
NO_HARD_LINKS = frozenset({errno.EPERM, errno.ENOTSUP, errno.EOPNOTSUPP, errno.ENOSYS, errno.EXDEV})
MAX_JSON_BYTES = 16 * 1024 * 1024

# name -> callable(path); a test sets e.g. FAULTS["before_publish"] to raise OSError.
FAULTS: dict[str, Callable[[Path], None]] = {}


class ShareError(Exception):
    """The share could not be read or written. ``str()`` is Dutch, ``detail`` for developers."""

    def __init__(self, message: str, detail: str = "") -> None:
        super().__init__(message)
        self.detail = detail or message


class AlreadyExists(ShareError):
    """The exclusive name is taken: someone else wrote it first."""


def _fault(name: str, path: Path) -> None:
    hook = FAULTS.get(name)
    if hook is not None:
        hook(path)


def _retry(op: Callable[[], Any], what: str, path: Path) -> Any:
    """Retry briefly on sharing violations (Windows reports PermissionError for a busy file)."""
    delay = 0.05
    for attempt in range(5):
        try:
            return op()
        except PermissionError:
            if attempt == 4 or sys.platform != "win32":
                raise
            time.sleep(delay)
            delay *= 2
    raise AssertionError("unreachable")  # pragma: no cover


def dumps(data: Any) -> bytes:
    return json.dumps(data, ensure_ascii=False, indent=2, sort_keys=True).encode("utf-8")


def write_exclusive(path: Path, content: bytes) -> None:
    """Publish ``content`` as ``path`` in one step; :class:`AlreadyExists` if the name is taken."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.parent / f"{TMP_PREFIX}{path.name}.{secrets.token_hex(6)}"
        _write_synced(tmp, content, "xb")
    except OSError as exc:
        raise ShareError(
            f"Kan niet schrijven in de gedeelde map ({path.parent}).", f"{type(exc).__name__}: {exc}"
        ) from exc
    try:
        _fault("before_publish", path)
        if sys.platform == "win32":
            _retry(lambda: os.rename(tmp, path), "rename", path)
        else:
            try:
                _fault("link", path)
                os.link(tmp, path)
            except OSError as exc:
                if exc.errno not in NO_HARD_LINKS:
                    raise
                _create_exclusive(path, content)  # an SMB mount without hard links
    except FileExistsError as exc:
        raise AlreadyExists(
            "Iemand anders heeft dit intussen al vastgelegd.", f"exists: {path}"
        ) from exc
    except OSError as exc:
        raise ShareError(
            f"Kan niet schrijven in de gedeelde map ({path.parent}).", f"{type(exc).__name__}: {exc}"
        ) from exc
    finally:
        # Already renamed (Windows) or the folder is gone; a reader cleans old temporaries.
        with contextlib.suppress(OSError):
            tmp.unlink()


def _write_synced(path: Path, content: bytes, mode: str) -> None:
    """Write and flush to the disk before the name is published (rename or link)."""
    with open(path, mode) as fh:
        fh.write(content)
        fh.flush()
        os.fsync(fh.fileno())


def _create_exclusive(path: Path, content: bytes) -> None:
    """Exclusive but not all-at-once: readers retry a young file that is still being written."""
    _write_synced(path, content, "xb")


def write_replace(path: Path, content: bytes) -> None:
    """Atomically replace a file that only this application instance owns (local files)."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.parent / f"{TMP_PREFIX}{path.name}.{secrets.token_hex(6)}"
        _write_synced(tmp, content, "wb")
        os.replace(tmp, path)
    except OSError as exc:
        raise ShareError(f"Kan {path} niet opslaan.", f"{type(exc).__name__}: {exc}") from exc


def _read_limited(path: Path) -> bytes:
    with open(path, "rb") as fh:
        # read(16 MB) would allocate 16 MB for every small file (twice the cost of the read
        # itself, benchmark cijfers_year): read what the file holds, then what it grew by.
        size = os.fstat(fh.fileno()).st_size
        raw = fh.read(min(size, MAX_JSON_BYTES) + 1)
        if len(raw) > size:
            raw += fh.read(MAX_JSON_BYTES + 1 - len(raw))
    if len(raw) > MAX_JSON_BYTES:
        raise ShareError(f"{path.name} is te groot om te lezen.", f"{path}: larger than {MAX_JSON_BYTES}")
    return raw


def read_json(path: Path, _retries: int = 20) -> Any:
    """Parsed JSON of a file; :class:`ShareError` with a Dutch message when unreadable."""
    try:
        raw = _retry(lambda: _read_limited(path), "read", path)
    except FileNotFoundError as exc:
        raise ShareError(f"{path} bestaat niet (meer).", f"FileNotFoundError: {path}") from exc
    except OSError as exc:
        raise ShareError(f"Kan {path} niet lezen.", f"{type(exc).__name__}: {exc}") from exc
    try:
        return json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError, RecursionError) as exc:
        if _young(path) and _retries > 0:
            time.sleep(0.1)  # a writer without hard links may still be filling it
            return read_json(path, _retries - 1)
        raise ShareError(f"{path.name} is beschadigd (geen geldige JSON).", f"{path}: {exc}") from exc


def _young(path: Path) -> bool:
    try:
        return time.time() - path.stat().st_mtime < YOUNG_S
    except OSError:
        return False


def list_names(folder: Path, sort: bool = True) -> list[str]:
    """Visible names in ``folder`` (temporaries left out); empty when the folder is missing."""
    try:
        names = []
        with os.scandir(folder) as it:
            for e in it:
                if e.name.startswith(TMP_PREFIX):
                    _remove_if_old(e)
                else:
                    names.append(e.name)
        if sort:
            names.sort()
        return names
    except FileNotFoundError:
        return []
    except NotADirectoryError:
        return []
    except OSError as exc:
        raise ShareError(f"Kan de map {folder} niet lezen.", f"{type(exc).__name__}: {exc}") from exc


def _remove_if_old(entry: os.DirEntry[str], max_age_s: float = TMP_MAX_AGE_S) -> None:
    """A temporary of a writer that died long ago; any reader removes it."""
    with contextlib.suppress(OSError):
        if time.time() - entry.stat().st_mtime > max_age_s:
            os.unlink(entry.path)
