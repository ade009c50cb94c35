"""The interface of the shared folder: one ``Share`` per share root.

Paths are relative POSIX strings under the root (``"ingediend/<id>/meta.json"``); a
path that would leave the root is refused. Every operation has a time-out, retries on
sharing violations and raises only ``ShareError`` (``desktop.share.errors``).
Implementations: ``LocalShare`` (a local folder or a mounted SMB share) and, for tests,
``FaultyShare`` (``desktop.share.faults``).
"""

from __future__ import annotations

import abc
import contextlib
import json
import os
import time
from pathlib import Path
from typing import Any, NamedTuple

from desktop.share.errors import AlreadyExists, NotFound, ShareError

TEMP = "tmp"  # the share-wide folder for temporaries that are renamed into place
TMP_PREFIX = ".tmp-"  # a temporary next to its final name (exclusive create)
TMP_MAX_AGE_S = 24 * 3600
MAX_JSON_BYTES = 16 * 1024 * 1024
YOUNG_S = 5.0


class Entry(NamedTuple):
    # A tuple: listings make tens of thousands of these.
    name: str
    is_dir: bool
    is_file: bool
    is_symlink: bool  # a symbolic link, junction or other reparse point: never followed
    size: int  # -1 in a flat listing (no stat)
    mtime_ns: int  # 0 in a flat listing


def dumps(data: Any) -> bytes:
    """The JSON bytes of the secretariat's records (stable, readable)."""
    return json.dumps(data, ensure_ascii=False, indent=2, sort_keys=True).encode("utf-8")


class Share(abc.ABC):
    """One shared folder. Subclasses implement the primitive operations."""

    root: Path
    timeout: float

    # -- primitives -------------------------------------------------------------------------
    @abc.abstractmethod
    def run(self, fn: Any, timeout: float | None = None, what: str = "gedeelde map") -> Any:
        """Run ``fn`` (which calls this share's operations) under one time-out."""

    @abc.abstractmethod
    def available(self) -> bool:
        """The root is there and is a folder (False when missing, hanging or unreadable)."""

    @abc.abstractmethod
    def scandir(self, rel: str = "", stat: bool = True) -> list[Entry]:
        """The entries of a folder, by ``lstat`` (``stat=False``: names and types only, no stat)."""

    @abc.abstractmethod
    def names(self, rel: str = "") -> list[str]:
        """Only the names in a folder: the cheapest look (a poll that finds nothing new stops here)."""

    @abc.abstractmethod
    def lstat(self, rel: str) -> os.stat_result: ...

    @abc.abstractmethod
    def read_bytes(self, rel: str, limit: int | None = None) -> bytes:
        """A regular file's bytes (never a link, FIFO or device); ``TooLarge`` over ``limit``."""

    @abc.abstractmethod
    def hash_file(self, rel: str, limit: int) -> tuple[str, int]:
        """SHA-256 hex digest and size, read in chunks."""

    @abc.abstractmethod
    def create_root(self) -> None:
        """Make the share root itself (its parent must exist). Only share initialisation calls this."""

    @abc.abstractmethod
    def mkdir(self, rel: str, exist_ok: bool = True) -> None: ...

    @abc.abstractmethod
    def makedirs(self, rel: str) -> None: ...

    @abc.abstractmethod
    def write_durable(self, rel: str, data: bytes) -> None:
        """Create a new file (``AlreadyExists`` if the name is taken) and flush it."""

    @abc.abstractmethod
    def copy_in_durable(self, source: Path, rel: str) -> None:
        """Copy a local file into the share as a new file and flush it."""

    @abc.abstractmethod
    def fsync_dir(self, rel: str) -> None: ...

    @abc.abstractmethod
    def rename(self, src: str, dst: str) -> None:
        """Rename within the share; never replaces (``AlreadyExists``)."""

    @abc.abstractmethod
    def replace(self, src: str, dst: str) -> None:
        """Rename within the share, replacing a file: the atomic publish step."""

    @abc.abstractmethod
    def link_exclusive(self, src: str, dst: str, data: bytes) -> None:
        """Give the flushed temporary ``src`` the name ``dst`` if it is free (``AlreadyExists``)."""

    @abc.abstractmethod
    def remove(self, rel: str) -> None: ...

    @abc.abstractmethod
    def rmtree(self, rel: str) -> None:
        """Remove a folder inside the share, never following a link."""

    # -- built on the primitives --------------------------------------------------------------
    def path(self, rel: str) -> Path:
        """The local path of ``rel``, for messages only: never open it outside this layer."""
        parts = [p for p in rel.split("/") if p not in ("", ".")]
        return self.root.joinpath(*parts)

    def exists(self, rel: str) -> bool:
        try:
            self.lstat(rel)
            return True
        except NotFound:
            return False

    def listdir(self, rel: str = "") -> list[Entry]:
        """A flat listing: names and types, no stat (one round trip on SMB)."""
        return self.scandir(rel, stat=False)

    def list_names(self, rel: str, sort: bool = True) -> list[str]:
        """Visible names in a folder (temporaries left out, old ones removed); [] when missing."""
        try:
            found = self.names(rel)  # names only: no Entry per name (a meeting lists hundreds of versions)
        except NotFound:
            return []
        names = found
        # One substring search over all names (joined by NUL, which no name holds) instead of a
        # test per name: a year of number claims lists thousands (benchmark secretariat_claim_number).
        if "\0" + TMP_PREFIX in "\0" + "\0".join(found):
            names = [n for n in found if not n.startswith(TMP_PREFIX)]
            for n in found:
                if n.startswith(TMP_PREFIX):
                    self._remove_if_old(f"{rel}/{n}")
        if sort:
            names.sort()
        return names

    def _remove_if_old(self, rel: str) -> None:
        """A temporary of a writer that died long ago; any reader removes it."""
        try:
            if time.time() - self.lstat(rel).st_mtime > TMP_MAX_AGE_S:
                self.remove(rel)
        except ShareError:
            pass

    def young(self, rel: str, seconds: float = YOUNG_S) -> bool:
        try:
            return time.time() - self.lstat(rel).st_mtime < seconds
        except ShareError:
            return False

    def read_json(self, rel: str, limit: int = MAX_JSON_BYTES, retries: int = 20) -> Any:
        """Parsed JSON; ``ShareError`` (Dutch) when missing, unreadable or damaged.

        A young file that does not parse yet is read again: a writer on a share without
        hard links fills its exclusive file in place.
        """
        while True:
            raw = self.read_bytes(rel, limit)
            try:
                return json.loads(raw.decode("utf-8"))
            except (UnicodeDecodeError, json.JSONDecodeError, RecursionError) as exc:
                if retries > 0 and self.young(rel):
                    retries -= 1
                    time.sleep(0.1)
                    continue
                raise ShareError(
                    f"{rel.rsplit('/', 1)[-1]} is beschadigd (geen geldige JSON).",
                    f"{rel}: {exc}",
                    "beschadigd",
                ) from exc

    def write_exclusive(self, rel: str, content: bytes) -> None:
        """Publish ``content`` as ``rel`` in one step; ``AlreadyExists`` if the name is taken."""
        import secrets

        folder, _, name = rel.rpartition("/")
        if folder:
            self.makedirs(folder)
        tmp = f"{folder}/{TMP_PREFIX}{name}.{secrets.token_hex(6)}" if folder else f"{TMP_PREFIX}{name}"
        self.write_durable(tmp, content)
        try:
            self.link_exclusive(tmp, rel, content)
        finally:
            # Already renamed, or the folder is gone; a reader cleans old temporaries.
            with contextlib.suppress(ShareError):
                self.remove(tmp)

    def publish(self, rel: str, content: bytes) -> None:
        """Put ``content`` in place as ``rel`` (replacing it) by one rename: readers see all or nothing."""
        import uuid

        folder = rel.rpartition("/")[0]
        if folder:
            self.makedirs(folder)
        self.makedirs(TEMP)
        tmp = f"{TEMP}/{uuid.uuid4()}.tmp"
        self.write_durable(tmp, content)
        try:
            self.replace(tmp, rel)
        except ShareError:
            with contextlib.suppress(ShareError):
                self.remove(tmp)
            raise

    def create_new(self, rel: str, content: bytes) -> bool:
        """``write_exclusive`` that returns False instead of raising when the name is taken."""
        try:
            self.write_exclusive(rel, content)
            return True
        except AlreadyExists:
            return False
