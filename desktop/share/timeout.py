"""Every share operation runs on a worker thread and is given up after a time-out.

A call stuck in the kernel (a hung SMB server) cannot be cancelled; its thread is
abandoned. While it is stuck, every further operation on the same share root fails at
once with ``ShareTimeout``: one hang costs the caller one time-out, not one per file.
Writes land under temporary names first, so an abandoned write never shows half a file.

Operations called from inside a running operation (``Share.run``) run directly: the
outer call's time-out covers them, and a listing does not pay a thread hop per file.
"""

from __future__ import annotations

import queue
import threading
import time
from collections.abc import Callable
from typing import Any, TypeVar

from desktop.share.errors import HANGS, ShareTimeout

T = TypeVar("T")

# The CLI must answer within 30 s when the share hangs: one time-out, then fail fast.
DEFAULT_TIMEOUT_S = 20.0

_local = threading.local()
_lock = threading.Lock()
_idle: dict[str, list[_Worker]] = {}
_stuck: dict[str, float] = {}  # root -> monotonic time the stuck call started


class _Job:
    __slots__ = ("fn", "done", "result", "error", "abandoned")

    def __init__(self, fn: Callable[[], Any]) -> None:
        self.fn = fn
        self.done = threading.Event()
        self.result: Any = None
        self.error: BaseException | None = None
        self.abandoned = False


class _Worker:
    def __init__(self, key: str) -> None:
        self.key = key
        self.jobs: queue.SimpleQueue[_Job] = queue.SimpleQueue()
        threading.Thread(target=self._loop, name="share-io", daemon=True).start()

    def _loop(self) -> None:
        _local.inside = True
        while True:
            job = self.jobs.get()
            try:
                job.result = job.fn()
            except BaseException as exc:  # handed to the caller
                job.error = exc
            with _lock:
                job.done.set()
                if job.abandoned:
                    _stuck.pop(self.key, None)  # the share answered again
                _idle.setdefault(self.key, []).append(self)


def inside() -> bool:
    """True on a share worker thread (nested operations run directly)."""
    return bool(getattr(_local, "inside", False))


def is_stuck(key: str) -> bool:
    with _lock:
        return key in _stuck


def call(key: str, fn: Callable[[], T], timeout: float, what: str) -> T:
    """Run ``fn`` for the share ``key`` with a time-out; ``ShareTimeout`` when it does not finish."""
    if inside():
        return fn()
    with _lock:
        if key in _stuck:
            waited = time.monotonic() - _stuck[key]
            raise ShareTimeout(
                f"De gedeelde map reageert niet ({what}).",
                f"share {key} stuck for {waited:.1f}s; not trying again until the stuck call returns",
                HANGS,
            )
        pool = _idle.setdefault(key, [])
        worker = pool.pop() if pool else None
    if worker is None:
        worker = _Worker(key)
    job = _Job(fn)
    worker.jobs.put(job)
    if not job.done.wait(timeout):
        with _lock:
            if not job.done.is_set():
                job.abandoned = True
                _stuck[key] = time.monotonic() - timeout
                raise ShareTimeout(
                    f"De gedeelde map reageert niet (langer dan {timeout:g} s, bij {what}).",
                    f"operation on {key} did not finish within {timeout}s",
                    HANGS,
                )
    if job.error is not None:
        raise job.error
    return job.result
