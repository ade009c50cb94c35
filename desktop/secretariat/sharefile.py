"""The secretariat's thin layer over the shared folder: whole files only, never in place.

Everything the secretariat writes to the share appears in one step and is never
rewritten: a file is written under a temporary name, flushed, and then published
under its final name *exclusively* (``os.link`` on POSIX, ``os.rename`` on Windows,
both fail when the name exists). That gives optimistic concurrency without locks,
which SMB does not keep reliably. Tests replace :data:`FAULTS` hooks to inject faults.
"""

from __future__ import annotations

import contextlib
import json
import os
import secrets
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

TMP_PREFIX = ".tmp-"
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
        with open(tmp, "xb") as fh:
            fh.write(content)
            fh.flush()
            os.fsync(fh.fileno())
    except OSError as exc:
        raise ShareError(
            f"Kan niet schrijven in de gedeelde map ({path.parent}).", f"{type(exc).__name__}: {exc}"
        ) from exc
    try:
        _fault("before_publish", path)
        if sys.platform == "win32":
            _retry(lambda: os.rename(tmp, path), "rename", path)
        else:
            os.link(tmp, path)
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


def write_replace(path: Path, content: bytes) -> None:
    """Atomically replace a file that only this application instance owns (local files)."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.parent / f"{TMP_PREFIX}{path.name}.{secrets.token_hex(6)}"
        with open(tmp, "wb") as fh:
            fh.write(content)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except OSError as exc:
        raise ShareError(f"Kan {path} niet opslaan.", f"{type(exc).__name__}: {exc}") from exc


def _read_limited(path: Path) -> bytes:
    with open(path, "rb") as fh:
        raw = fh.read(MAX_JSON_BYTES + 1)
    if len(raw) > MAX_JSON_BYTES:
        raise ShareError(f"{path.name} is te groot om te lezen.", f"{path}: larger than {MAX_JSON_BYTES}")
    return raw


def read_json(path: Path) -> Any:
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
        raise ShareError(f"{path.name} is beschadigd (geen geldige JSON).", f"{path}: {exc}") from exc


def list_names(folder: Path, sort: bool = True) -> list[str]:
    """Visible names in ``folder`` (temporaries left out); empty when the folder is missing."""
    try:
        with os.scandir(folder) as it:
            names = [e.name for e in it if not e.name.startswith(TMP_PREFIX)]
        if sort:
            names.sort()
        return names
    except FileNotFoundError:
        return []
    except NotADirectoryError:
        return []
    except OSError as exc:
        raise ShareError(f"Kan de map {folder} niet lezen.", f"{type(exc).__name__}: {exc}") from exc


def clean_temporaries(folder: Path, max_age_s: float = 24 * 3600) -> int:
    """Remove temporaries a crashed writer left behind; returns how many were removed."""
    removed = 0
    now = time.time()
    try:
        entries = list(os.scandir(folder))
    except OSError:
        return 0
    for e in entries:
        if e.name.startswith(TMP_PREFIX):
            try:
                if now - e.stat().st_mtime > max_age_s:
                    os.unlink(e.path)
                    removed += 1
            except OSError:
                pass
    return removed
