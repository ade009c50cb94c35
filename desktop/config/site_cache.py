"""The site folder's small files, with a local copy for when the folder is out of reach.

IT's site folder (``STUKKEN_SITE_DIR``) is read-only for users and is the trust anchor.
An offline laptop cannot reach it, so every file read from it is copied into the user's
data folder and that copy is used while the folder cannot be reached. A site folder that
answers but lacks the file means the file is gone: the copy is dropped too.

``site_config_folder()`` does the same for everything the forms loader reads (``config.toml``
and ``forms/*.toml``: the choice lists, the paraaf route with its listed keys, deputies and
holidays, the site's forms): it returns the site folder while it answers, else the copy
folder, which has the same layout; the marker ``.gelezen`` tells a copy of a site folder
without these files apart from a site folder that was never read.
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
CONFIG_FILE = "config.toml"
FORMS_FOLDER = "forms"
READ_MARKER = ".gelezen"

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


def copy_dir() -> Path:
    return paths.data_dir() / COPY_DIR


def site_config_folder() -> tuple[Path | None, str]:
    """The folder to read ``config.toml`` and ``forms/`` from, and where it is (a source above).

    The site folder itself while it answers (the copies refreshed first), else the copy of
    the last read; ``(None, NO_SITE)`` without a site folder, ``(None, UNREACHABLE)`` when it
    is out of reach and was never read on this computer.
    """
    folder = paths.site_dir()
    if folder is None:
        return None, NO_SITE
    copies = copy_dir()
    if folder.is_dir():
        read_site_file(CONFIG_FILE)  # refreshes (or drops) the copy
        _mirror_folder(folder / FORMS_FOLDER, copies / FORMS_FOLDER)
        if not (copies / READ_MARKER).is_file():
            _keep_copy(copies / READ_MARKER, b"")
        return folder, FROM_SITE
    if (copies / READ_MARKER).is_file():
        return copies, FROM_COPY
    return None, UNREACHABLE


def _mirror_folder(source: Path, target: Path) -> None:
    """Copy every ``*.toml`` of ``source`` into ``target`` and drop copies it no longer has."""
    try:
        names = {p.name for p in source.glob("*.toml")} if source.is_dir() else set()  # no stat per file (SMB)
    except OSError:
        return  # a listing that fails keeps the copies as they are
    for name in names:
        data = _read_limited(source / name)
        if data is not None and _read(target / name) != data:
            _keep_copy(target / name, data)
    with contextlib.suppress(OSError):
        for old in target.glob("*.toml"):
            if old.name not in names:
                old.unlink()


def _read_limited(path: Path) -> bytes | None:
    try:
        with path.open("rb") as fh:
            data = fh.read(MAX_SITE_FILE + 1)
    except OSError:
        return None
    return data if len(data) <= MAX_SITE_FILE else None


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
