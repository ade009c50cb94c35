"""A share that is a folder of this computer's file system: a local folder or a mounted SMB share.

Handled here: retries with back-off on sharing violations (an antivirus scanner holding
a file), time-outs off the caller's thread (``desktop.share.timeout``), no link ever
followed (``lstat``, ``O_NOFOLLOW``, reparse points count as links), no FIFO or device
ever opened blocking, and nothing removed or moved outside the share root.
"""

from __future__ import annotations

import errno
import hashlib
import os
import stat as stat_mod
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

from desktop.share import timeout as T
from desktop.share.base import Entry, Share
from desktop.share.errors import (
    AlreadyExists,
    ShareError,
    TooLarge,
    from_os_error,
    is_sharing_violation,
)

R = TypeVar("R")

RETRY_DELAYS = (0.05, 0.1, 0.2, 0.4, 0.8, 1.6)
CHUNK = 1024 * 1024
_REPARSE_POINT = 0x400  # FILE_ATTRIBUTE_REPARSE_POINT (Windows)
# errno values of file systems that have no hard links (SMB mounts, FAT).
NO_HARD_LINKS = frozenset({errno.EPERM, errno.ENOTSUP, errno.EOPNOTSUPP, errno.ENOSYS, errno.EXDEV})
_READ_FLAGS = os.O_RDONLY | getattr(os, "O_BINARY", 0) | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0)
_CREATE_FLAGS = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0) | getattr(os, "O_NOFOLLOW", 0)


def _is_link(st: os.stat_result) -> bool:
    return stat_mod.S_ISLNK(st.st_mode) or bool(getattr(st, "st_file_attributes", 0) & _REPARSE_POINT)


class LocalShare(Share):
    """A share reached through this computer's file system."""

    def __init__(self, root: str | os.PathLike[str], timeout: float = T.DEFAULT_TIMEOUT_S) -> None:
        self.root = Path(root)
        self._root = os.path.abspath(self.root)
        self.timeout = timeout
        self._sleep = time.sleep

    def __repr__(self) -> str:
        return f"{type(self).__name__}({self._root!r})"

    # -- plumbing ---------------------------------------------------------------------------
    def _str(self, rel: str) -> str:
        # Only "/" separates: a backslash is part of a (hostile) name on POSIX.
        parts = [p for p in rel.split("/") if p not in ("", ".")]
        if ".." in parts or (os.name == "nt" and ("\\" in rel or ":" in rel)):
            raise ShareError(
                f"Ongeldig pad in de gedeelde map: {rel!r}.", f"path escapes the share root: {rel!r}", "ongeldig"
            )
        return os.path.join(self._root, *parts)

    def _before(self, write: bool) -> None:
        """Called before every primitive; the fault-injecting test layer raises or blocks here."""

    def _op(self, fn: Callable[[], R], what: str, write: bool = False) -> R:
        """Retry on sharing violations, convert errors, all under the time-out."""

        def attempt() -> R:
            delays = iter(RETRY_DELAYS)
            while True:
                try:
                    self._before(write)
                    return fn()
                except ShareError:
                    raise
                except OSError as exc:
                    delay = next(delays, None) if is_sharing_violation(exc) else None
                    if delay is None:
                        raise from_os_error(exc, what) from exc
                    self._sleep(delay)

        return T.call(self._root, attempt, self.timeout, what)

    def path(self, rel: str) -> Path:
        """The local path of ``rel``, for messages only: never open it outside this layer."""
        return Path(self._str(rel))

    def stuck(self) -> bool:
        """A call on this share root timed out and has not returned yet (every call fails fast)."""
        return T.is_stuck(self._root)

    def run(self, fn: Any, timeout: float | None = None, what: str = "gedeelde map") -> Any:
        return T.call(self._root, fn, self.timeout if timeout is None else timeout, what)

    def _no_links_to(self, rel: str) -> None:
        """Every folder between the root and ``rel`` is a real folder (a link would lead outside)."""
        parts = [p for p in rel.split("/") if p not in ("", ".")][:-1]
        path = self._root
        for part in parts:
            path = os.path.join(path, part)
            st = os.lstat(path)
            if _is_link(st) or not stat_mod.S_ISDIR(st.st_mode):
                raise ShareError(
                    "De gedeelde map bevat een snelkoppeling waar een map hoort; er is niets gewijzigd.",
                    f"not a plain folder: {path}",
                    "ongeldig",
                )

    # -- reading ----------------------------------------------------------------------------
    def available(self) -> bool:
        try:
            return bool(self._op(lambda: os.path.isdir(self._root), "de gedeelde map"))
        except ShareError:
            return False

    def scandir(self, rel: str = "", stat: bool = True) -> list[Entry]:
        target = self._str(rel)

        junction = "is_junction"  # DirEntry.is_junction: Python 3.12+ (NTFS junctions)
        junctions = sys.version_info >= (3, 12)

        def listing() -> list[Entry]:
            out: list[Entry] = []
            with os.scandir(target) as it:
                for d in it:
                    if not stat:  # the types come with the listing (d_type, Windows attributes)
                        is_dir = d.is_dir(follow_symlinks=False)
                        link = d.is_symlink() or (junctions and getattr(d, junction)())
                        out.append(Entry(d.name, is_dir, not is_dir and not link and d.is_file(follow_symlinks=False),
                                         link, -1, 0))
                        continue
                    try:
                        st = d.stat(follow_symlinks=False)
                    except FileNotFoundError:
                        continue  # removed while listing
                    out.append(Entry(d.name, stat_mod.S_ISDIR(st.st_mode), stat_mod.S_ISREG(st.st_mode),
                                     _is_link(st), st.st_size, st.st_mtime_ns))
            return out

        return self._op(listing, f"de map {rel or '.'} in de gedeelde map")

    def names(self, rel: str = "") -> list[str]:
        target = self._str(rel)
        return self._op(lambda: os.listdir(target), f"de map {rel or '.'} in de gedeelde map")

    def lstat(self, rel: str) -> os.stat_result:
        target = self._str(rel)
        return self._op(lambda: os.lstat(target), f"{rel} in de gedeelde map")

    def _open_regular(self, target: str, rel: str) -> int:
        fd = os.open(target, _READ_FLAGS)
        st = os.fstat(fd)
        if not stat_mod.S_ISREG(st.st_mode):
            os.close(fd)
            raise ShareError(f"{rel} is geen gewoon bestand.", f"not a regular file: {target}", "ongeldig")
        if hasattr(os, "set_blocking"):
            os.set_blocking(fd, True)
        return fd

    def read_bytes(self, rel: str, limit: int | None = None) -> bytes:
        target = self._str(rel)

        def read() -> bytes:
            with os.fdopen(self._open_regular(target, rel), "rb") as fh:
                if limit is None:
                    return fh.read()
                # read(limit + 1) would allocate the whole limit (16 MB for JSON) for every
                # small file, twice the cost of the read itself (benchmark cijfers_year):
                # read what the file holds, then whatever it grew by, up to the limit.
                size = os.fstat(fh.fileno()).st_size
                data = fh.read(min(size, limit) + 1)
                if len(data) > size:
                    data += fh.read(limit + 1 - len(data))
            if len(data) > limit:
                raise TooLarge(f"{rel} is te groot om te lezen.", f"{rel} is larger than {limit} bytes",
                               "te groot", errno.EFBIG)
            return data

        return self._op(read, f"{rel} lezen")

    def hash_file(self, rel: str, limit: int) -> tuple[str, int]:
        target = self._str(rel)

        def digest() -> tuple[str, int]:
            h = hashlib.sha256()
            size = 0
            with os.fdopen(self._open_regular(target, rel), "rb") as fh:
                while chunk := fh.read(CHUNK):
                    size += len(chunk)
                    if size > limit:
                        raise TooLarge(f"{rel} is te groot.", f"{rel} is larger than {limit} bytes",
                                       "te groot", errno.EFBIG)
                    h.update(chunk)
            return h.hexdigest(), size

        return self._op(digest, f"{rel} lezen")

    # -- writing ----------------------------------------------------------------------------
    def create_root(self) -> None:
        def make() -> None:
            try:
                os.mkdir(self._root)
            except FileExistsError:
                if not os.path.isdir(self._root):
                    raise

        self._op(make, f"De map {self._root} maken", write=True)

    def mkdir(self, rel: str, exist_ok: bool = True) -> None:
        target = self._str(rel)

        def make() -> None:
            try:
                os.mkdir(target)
            except FileExistsError:
                if not exist_ok or not os.path.isdir(target):
                    raise

        self._op(make, f"map {rel} maken in de gedeelde map", write=True)

    def makedirs(self, rel: str) -> None:
        parts = [p for p in rel.split("/") if p not in ("", ".")]

        def make() -> None:
            if not os.path.isdir(self._root):  # a missing root is never created here
                raise FileNotFoundError(errno.ENOENT, "share root missing", self._root)
            path = self._root
            for part in parts:
                path = os.path.join(path, part)
                try:
                    os.mkdir(path)
                except FileExistsError:
                    st = os.lstat(path)
                    if _is_link(st) or not stat_mod.S_ISDIR(st.st_mode):
                        raise NotADirectoryError(errno.ENOTDIR, "not a plain folder", path) from None

        self._op(make, f"map {rel} maken in de gedeelde map", write=True)

    def _write_new(self, target: str, chunks: Any) -> None:
        fd = os.open(target, _CREATE_FLAGS, 0o644)
        try:
            for chunk in chunks:
                view = memoryview(chunk)
                while view:
                    view = view[os.write(fd, view[:CHUNK]):]
            os.fsync(fd)
        finally:
            os.close(fd)

    def write_durable(self, rel: str, data: bytes) -> None:
        target = self._str(rel)
        self._op(lambda: self._write_new(target, [data]), f"{rel} schrijven in de gedeelde map", write=True)

    def copy_in_durable(self, source: Path, rel: str) -> None:
        target = self._str(rel)

        def copy() -> None:
            with open(source, "rb") as src:
                self._write_new(target, iter(lambda: src.read(CHUNK), b""))

        self._op(copy, f"{rel} schrijven in de gedeelde map", write=True)

    def fsync_dir(self, rel: str) -> None:
        """Flush a directory entry (POSIX); Windows has no directory handles to flush."""
        if os.name == "nt":
            return
        target = self._str(rel)

        def sync() -> None:
            fd = os.open(target, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0))
            try:
                os.fsync(fd)
            except OSError:
                pass  # some network file systems refuse fsync on directories
            finally:
                os.close(fd)

        self._op(sync, f"map {rel} vastleggen", write=True)

    def rename(self, src: str, dst: str) -> None:
        source, target = self._str(src), self._str(dst)

        def move() -> None:
            self._no_links_to(src)
            self._no_links_to(dst)
            if os.name != "nt" and os.path.lexists(target):
                # POSIX rename replaces an empty directory or a file silently.
                raise FileExistsError(errno.EEXIST, "target exists", target)
            try:
                os.rename(source, target)
            except OSError as exc:
                if exc.errno in (errno.ENOTEMPTY, errno.EEXIST):
                    raise FileExistsError(errno.EEXIST, "target exists", target) from exc
                raise

        self._op(move, f"{src} verplaatsen naar {dst}", write=True)

    def replace(self, src: str, dst: str) -> None:
        source, target = self._str(src), self._str(dst)

        def move() -> None:
            self._no_links_to(dst)
            os.replace(source, target)

        self._op(move, f"{dst} vervangen", write=True)

    def link_exclusive(self, src: str, dst: str, data: bytes) -> None:
        source, target = self._str(src), self._str(dst)

        def link() -> None:
            if os.name == "nt":
                os.rename(source, target)  # fails when the name exists
                return
            try:
                self._link(source, target)
            except OSError as exc:
                if exc.errno not in NO_HARD_LINKS:
                    raise
                # No hard links (SMB): exclusive but not all at once; readers retry a young file.
                self._write_new(target, [data])

        try:
            self._op(link, f"{dst} vastleggen", write=True)
        except AlreadyExists as exc:
            raise AlreadyExists(
                "Iemand anders heeft dit intussen al vastgelegd.", exc.detail, exc.reason, errno.EEXIST
            ) from exc

    def _link(self, source: str, target: str) -> None:
        os.link(source, target, follow_symlinks=False)

    def remove(self, rel: str) -> None:
        target = self._str(rel)

        def rm() -> None:
            self._no_links_to(rel)
            os.remove(target)

        self._op(rm, f"{rel} verwijderen", write=True)

    def rmtree(self, rel: str) -> None:
        target = self._str(rel)
        if target == self._root:
            raise ShareError("De gedeelde map zelf wordt nooit verwijderd.", "rmtree of the share root", "ongeldig")

        def remove_tree(path: str) -> None:
            st = os.lstat(path)
            if _is_link(st) or not stat_mod.S_ISDIR(st.st_mode):
                os.remove(path)  # a link is removed itself, never followed
                return
            with os.scandir(path) as it:
                children = [e.path for e in it]
            for child in children:
                remove_tree(child)
            os.rmdir(path)

        def rm() -> None:
            self._no_links_to(rel)
            remove_tree(target)

        self._op(rm, f"{rel} verwijderen", write=True)
