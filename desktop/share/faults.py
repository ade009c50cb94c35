"""The fault-injecting share for tests: missing, read-only, hanging, busy, lagging listings.

``FaultyShare`` is a ``LocalShare`` that consults a ``Faults`` object before every
primitive operation. Production code never makes one; tests either construct it or
install faults for every share opened through ``desktop.share.connect`` with
``install(faults)`` (the one hook for tests), and ``uninstall()`` afterwards.
"""

from __future__ import annotations

import errno
import threading
import time
from dataclasses import dataclass, field
from typing import Any

from desktop.share.base import Entry
from desktop.share.local import LocalShare


def sharing_violation() -> PermissionError:
    """The error Windows raises while another process holds the file open."""
    err = PermissionError(errno.EACCES, "The process cannot access the file (sharing violation)")
    err.winerror = 32  # type: ignore[attr-defined]
    return err


@dataclass
class Faults:
    """Faults a test injects; all off by default."""

    missing: bool = False
    read_only: bool = False
    # While set (not None and not yet released), every operation blocks on it.
    hang: threading.Event | None = None
    # The next N operations fail with a sharing violation.
    sharing_violations: int = 0
    # Listings are served from a snapshot this many seconds old at most.
    stale_listing_s: float = 0.0
    # Hard links fail with EPERM, as on an SMB mount.
    no_hard_links: bool = False
    _snapshots: dict[tuple[str, bool], tuple[float, list[Entry]]] = field(default_factory=dict)
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


class FaultyShare(LocalShare):
    def __init__(self, root: Any, faults: Faults | None = None, timeout: float | None = None) -> None:
        super().__init__(root) if timeout is None else super().__init__(root, timeout)
        self.faults = faults or Faults()

    def _before(self, write: bool) -> None:
        self.faults.before(write)

    def _link(self, source: str, target: str) -> None:
        if self.faults.no_hard_links:
            raise PermissionError(errno.EPERM, "hard links not supported (fault)")
        super()._link(source, target)

    def names(self, rel: str = "") -> list[str]:
        return [e.name for e in self.scandir(rel, stat=False)]  # lags with the listings

    def scandir(self, rel: str = "", stat: bool = True) -> list[Entry]:
        fresh = super().scandir(rel, stat)
        faults = self.faults
        if faults.stale_listing_s <= 0:
            return fresh
        now = time.monotonic()
        with faults._lock:
            snap = faults._snapshots.get((rel, stat))
            if snap is None or now - snap[0] > faults.stale_listing_s:
                faults._snapshots[(rel, stat)] = (now, fresh)
                return fresh
            # A lagging listing: old entries, including ones since removed.
            return list(snap[1])


_installed: Faults | None = None
_installed_timeout: float | None = None


def install(faults: Faults, timeout: float | None = None) -> None:
    """Every share opened by ``connect`` from now on has these faults (tests only)."""
    global _installed, _installed_timeout
    _installed, _installed_timeout = faults, timeout


def uninstall() -> None:
    global _installed, _installed_timeout
    _installed, _installed_timeout = None, None


def installed() -> tuple[Faults | None, float | None]:
    return _installed, _installed_timeout
