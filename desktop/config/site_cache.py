"""The site folder's small files, with a local copy for when the folder is out of reach.

IT's site folder (``STUKKEN_SITE_DIR``) is read-only for users and is the trust anchor.
An offline laptop cannot reach it, so every file read from it is copied into the user's
data folder and that copy is used while the folder cannot be reached. A site folder that
answers but lacks the file means the file is gone: the copy is dropped too.
"""

from __future__ import annotations

import contextlib
import os
import uuid
from dataclasses import dataclass
from pathlib import Path

from desktop.config import paths

COPY_DIR = "sitemap-kopie"
MAX_SITE_FILE = 1024 * 1024

# Where the bytes came from.
NO_SITE = "geen sitemap"
FROM_SITE = "sitemap"
FROM_COPY = "kopie"
MISSING = "ontbreekt"
UNREACHABLE = "onbereikbaar"


@dataclass(frozen=True, slots=True)
class SiteFile:
    data: bytes | None
    source: str  # one of the constants above


def read_site_file(name: str) -> SiteFile:
    """``name`` from the site folder (refreshing the local copy), else the copy, else nothing."""
    folder = paths.site_dir()
    if folder is None:
        return SiteFile(None, NO_SITE)
    copy = paths.data_dir() / COPY_DIR / name
    if folder.is_dir():
        try:
            with (folder / name).open("rb") as fh:
                data = fh.read(MAX_SITE_FILE + 1)
        except FileNotFoundError:
            with contextlib.suppress(OSError):
                copy.unlink()
            return SiteFile(None, MISSING)
        except OSError:
            data = None
        if data is not None and len(data) <= MAX_SITE_FILE:
            if _read(copy) != data:
                _keep_copy(copy, data)
            return SiteFile(data, FROM_SITE)
    kept = _read(copy)
    return SiteFile(kept, FROM_COPY) if kept is not None else SiteFile(None, UNREACHABLE)


def _read(path: Path) -> bytes | None:
    try:
        return path.read_bytes()
    except OSError:
        return None


def _keep_copy(target: Path, data: bytes) -> None:
    with contextlib.suppress(OSError):  # only a copy: the next read tries again
        target.parent.mkdir(parents=True, exist_ok=True)
        tmp = target.with_name(f".{target.name}.{os.getpid()}.{uuid.uuid4().hex}.tmp")
        tmp.write_bytes(data)
        os.replace(tmp, target)
