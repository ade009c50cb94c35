"""The thin file-system layer every queue access goes through.

The shared folder is an SMB share in production: it can vanish, turn read-only,
hang, lag in its directory listings, and answer "sharing violation" while an
antivirus scanner holds a file. This layer is where those behaviours are
handled (retry with back-off, time-outs off the caller's thread) and where tests
inject them (``Faults``). It is a real layer, used in production with no faults.

Paths are relative POSIX strings under the queue root (``"ingediend/<id>/meta.json"``);
a path that would leave the root is refused.
"""

from __future__ import annotations

import errno
import os
import shutil
import stat as stat_mod
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import NamedTuple, TypeVar

T = TypeVar("T")

# Windows ERROR_SHARING_VIOLATION and ERROR_LOCK_VIOLATION.
SHARING_WINERRORS = frozenset({32, 33})
RETRY_DELAYS = (0.05, 0.1, 0.2, 0.4, 0.8, 1.6)
CHUNK = 1024 * 1024
_REPARSE_POINT = 0x400  # FILE_ATTRIBUTE_REPARSE_POINT (Windows)


class ShareUnavailable(OSError):
    """The share is missing, read-only or hangs; ``str()`` is Dutch, ``detail`` for developers.

    An ``OSError``, so callers that guard file access with ``except OSError`` hold.
    """

    def __init__(self, message: str, detail: str = "", reason: str = "onbereikbaar") -> None:
        super().__init__(message)
        self.detail = detail or message
        self.reason = reason


class ShareTimeout(ShareUnavailable):
    pass


def sharing_violation() -> PermissionError:
    """The error Windows raises while another process holds the file open."""
    err = PermissionError(errno.EACCES, "The process cannot access the file (sharing violation)")
    err.winerror = 32  # type: ignore[attr-defined]
    return err


def is_sharing_violation(exc: BaseException) -> bool:
    return isinstance(exc, OSError) and getattr(exc, "winerror", None) in SHARING_WINERRORS


@dataclass
class Faults:
    """Faults a test injects; all off by default (production)."""

    missing: bool = False
    read_only: bool = False
    # While set (not None and not yet released), every operation blocks on it.
    hang: threading.Event | None = None
    # The next N operations fail with a sharing violation.
    sharing_violations: int = 0
    # Listings are served from a snapshot this many seconds old at most.
    stale_listing_s: float = 0.0
    _snapshots: dict[str, tuple[float, list[Entry]]] = field(default_factory=dict)
    _lock: threading.Lock = field(default_factory=threading.Lock)

    def before(self, write: bool) -> None:
        if self.hang is not None:
            self.hang.wait()
        if self.missing:
            raise FileNotFoundError(errno.ENOENT, "network path not found (fault)")
        with self._lock:
            if self.sharing_violations > 0:
                self.sharing_violations -= 1
                raise sharing_violation()
        if write and self.read_only:
            raise OSError(errno.EROFS, "read-only share (fault)")


class Entry(NamedTuple):
    # A tuple: listings make tens of thousands of these.
    name: str
    is_dir: bool
    is_file: bool
    is_symlink: bool
    size: int
    mtime_ns: int


def run_with_timeout(fn: Callable[[], T], timeout: float, what: str = "gedeelde map") -> T:
    """Run ``fn`` on its own daemon thread; give up after ``timeout`` seconds.

    A call stuck in the kernel cannot be cancelled; the thread is abandoned, which is
    safe because every write we make lands under a temporary name first.
    """
    box: dict[str, object] = {}

    def target() -> None:
        try:
            box["result"] = fn()
        except BaseException as exc:  # handed to the caller below
            box["error"] = exc

    worker = threading.Thread(target=target, name="queue-share-io", daemon=True)
    worker.start()
    worker.join(timeout)
    if worker.is_alive():
        raise ShareTimeout(
            f"De {what} reageert niet (langer dan {timeout:g} s).",
            f"operation did not finish within {timeout}s",
            reason="hangt",
        )
    if "error" in box:
        raise box["error"]  # type: ignore[misc]
    return box["result"]  # type: ignore[return-value]


class QueueFS:
    """File operations under one queue root, with retries and injectable faults."""

    def __init__(self, root: str | os.PathLike[str], faults: Faults | None = None) -> None:
        self.root = Path(root)
        self._root = str(self.root)
        self.faults = faults
        self._sleep = time.sleep

    # -- paths ---------------------------------------------------------------
    def path(self, rel: str) -> Path:
        return Path(self._str(rel))

    def _str(self, rel: str) -> str:
        # Only "/" separates: a backslash is part of a (hostile) name on POSIX.
        parts = [p for p in rel.split("/") if p not in ("", ".")]
        if ".." in parts or (os.name == "nt" and ("\\" in rel or ":" in rel)):
            raise ValueError(f"path escapes the queue root: {rel!r}")
        return os.path.join(self._root, *parts)

    def _op(self, fn: Callable[[], T], write: bool = False) -> T:
        delays = iter(RETRY_DELAYS)
        while True:
            try:
                if self.faults is not None:
                    self.faults.before(write)
                return fn()
            except OSError as exc:
                if not is_sharing_violation(exc):
                    raise
                delay = next(delays, None)
                if delay is None:
                    raise
                self._sleep(delay)

    # -- reading -------------------------------------------------------------
    def root_available(self) -> bool:
        try:
            return self._op(lambda: self.root.is_dir())
        except OSError:
            return False

    def scandir(self, rel: str = "") -> list[Entry]:
        target = self._str(rel)

        def listing() -> list[Entry]:
            out: list[Entry] = []
            with os.scandir(target) as it:
                for d in it:
                    try:
                        st = d.stat(follow_symlinks=False)
                    except FileNotFoundError:
                        continue  # removed while listing
                    # NTFS junctions and other reparse points are links too: never followed.
                    is_link = stat_mod.S_ISLNK(st.st_mode) or bool(
                        getattr(st, "st_file_attributes", 0) & _REPARSE_POINT
                    )
                    out.append(
                        Entry(
                            d.name,
                            stat_mod.S_ISDIR(st.st_mode),
                            stat_mod.S_ISREG(st.st_mode),
                            is_link,
                            st.st_size,
                            st.st_mtime_ns,
                        )
                    )
            return out

        fresh = self._op(listing)
        faults = self.faults
        if faults is not None and faults.stale_listing_s > 0:
            now = time.monotonic()
            with faults._lock:
                snap = faults._snapshots.get(rel)
                if snap is None or now - snap[0] > faults.stale_listing_s:
                    faults._snapshots[rel] = (now, fresh)
                    return fresh
                # A lagging listing: old entries, including ones since removed.
                return list(snap[1])
        return fresh

    def lstat(self, rel: str) -> os.stat_result:
        return self._op(lambda: os.lstat(self._str(rel)))

    def exists(self, rel: str) -> bool:
        try:
            self.lstat(rel)
            return True
        except FileNotFoundError:
            return False

    def read_bytes(self, rel: str, limit: int | None = None) -> bytes:
        target = self._str(rel)

        def read() -> bytes:
            # O_NOFOLLOW where available: a symlink in a bundle is never followed.
            flags = os.O_RDONLY | getattr(os, "O_BINARY", 0) | getattr(os, "O_NOFOLLOW", 0)
            fd = os.open(target, flags)
            with os.fdopen(fd, "rb") as fh:
                if limit is None:
                    return fh.read()
                data = fh.read(limit + 1)
                if len(data) > limit:
                    raise FileTooLarge(rel, limit)
                return data

        return self._op(read)

    def hash_file(self, rel: str, limit: int) -> tuple[str, int]:
        """SHA-256 hex digest and size, read in chunks (attachments can be large)."""
        import hashlib

        target = self._str(rel)

        def digest() -> tuple[str, int]:
            flags = os.O_RDONLY | getattr(os, "O_BINARY", 0) | getattr(os, "O_NOFOLLOW", 0)
            h = hashlib.sha256()
            size = 0
            with os.fdopen(os.open(target, flags), "rb") as fh:
                while chunk := fh.read(CHUNK):
                    size += len(chunk)
                    if size > limit:
                        raise FileTooLarge(rel, limit)
                    h.update(chunk)
            return h.hexdigest(), size

        return self._op(digest)

    # -- writing -------------------------------------------------------------
    def mkdir(self, rel: str, exist_ok: bool = True) -> None:
        def make() -> None:
            try:
                os.mkdir(self._str(rel))
            except FileExistsError:
                if not exist_ok:
                    raise

        self._op(make, write=True)

    def makedirs(self, rel: str) -> None:
        self._op(lambda: os.makedirs(self._str(rel), exist_ok=True), write=True)

    def write_durable(self, rel: str, data: bytes) -> None:
        """Create a new file and flush it to the server before returning."""

        def write() -> None:
            flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0)
            fd = os.open(self._str(rel), flags, 0o644)
            try:
                view = memoryview(data)
                while view:
                    n = os.write(fd, view[:CHUNK])
                    view = view[n:]
                os.fsync(fd)
            finally:
                os.close(fd)

        self._op(write, write=True)

    def copy_in_durable(self, source: Path, rel: str) -> None:
        """Copy a local file into the share and flush it."""

        def copy() -> None:
            flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0)
            fd = os.open(self._str(rel), flags, 0o644)
            try:
                with open(source, "rb") as src:
                    while chunk := src.read(CHUNK):
                        view = memoryview(chunk)
                        while view:
                            view = view[os.write(fd, view) :]
                os.fsync(fd)
            finally:
                os.close(fd)

        self._op(copy, write=True)

    def fsync_dir(self, rel: str) -> None:
        """Flush a directory entry (POSIX); Windows has no directory handles to flush."""
        if os.name == "nt":
            return

        def sync() -> None:
            fd = os.open(self._str(rel), os.O_RDONLY)
            try:
                os.fsync(fd)
            except OSError:
                pass  # some network file systems refuse fsync on directories
            finally:
                os.close(fd)

        self._op(sync, write=True)

    def rename(self, src: str, dst: str) -> None:
        """Rename that never replaces an existing entry (FileExistsError instead)."""

        def move() -> None:
            target = self._str(dst)
            if os.name != "nt" and os.path.lexists(target):
                # POSIX rename replaces an empty directory or a file silently.
                raise FileExistsError(errno.EEXIST, "target exists", str(target))
            try:
                os.rename(self._str(src), target)
            except OSError as exc:
                if exc.errno in (errno.ENOTEMPTY, errno.EEXIST):
                    raise FileExistsError(errno.EEXIST, "target exists", str(target)) from exc
                raise

        self._op(move, write=True)

    def replace(self, src: str, dst: str) -> None:
        self._op(lambda: os.replace(self._str(src), self._str(dst)), write=True)

    def remove(self, rel: str) -> None:
        self._op(lambda: os.remove(self._str(rel)), write=True)

    def rmtree(self, rel: str) -> None:
        target = self._str(rel)

        def remove_tree() -> None:
            if os.path.islink(target) or not os.path.isdir(target):
                os.remove(target)
            else:
                shutil.rmtree(target)

        self._op(remove_tree, write=True)


class FileTooLarge(OSError):
    def __init__(self, rel: str, limit: int) -> None:
        super().__init__(errno.EFBIG, f"{rel} is larger than {limit} bytes")
        self.rel = rel
        self.limit = limit


def describe_os_error(exc: OSError) -> tuple[str, str]:
    """A Dutch reason for the user, and the developer's detail."""
    detail = f"{type(exc).__name__}: {exc}"
    if is_sharing_violation(exc):
        return "bezet door een ander programma", detail
    if isinstance(exc, FileNotFoundError) or exc.errno in (errno.ENOENT, errno.ENOTDIR):
        return "onbereikbaar", detail
    if exc.errno in (errno.EROFS, errno.EACCES, errno.EPERM) or isinstance(exc, PermissionError):
        return "alleen-lezen", detail
    return "onbereikbaar", detail
