"""The single writer: one plain thread that runs every write, one at a time.

The GUI hands work in with ``submit`` and gets a ``concurrent.futures.Future``; the
function runs on the worker thread with the worker's own ``DraftStore`` (SQLite
connections stay on the thread that made them). The worker never calls UI code;
the UI wraps the futures so that its callbacks run on the GUI thread.
"""

from __future__ import annotations

import queue
import threading
from collections.abc import Callable
from concurrent.futures import Future
from typing import TYPE_CHECKING, Any, TypeVar

if TYPE_CHECKING:
    from desktop.storage.service import DraftStore

T = TypeVar("T")
_STOP = object()


class StoreWorker:
    def __init__(self, store_factory: Callable[[], DraftStore], *, name: str = "stukken-opslag") -> None:
        self._factory = store_factory
        self._queue: queue.Queue[Any] = queue.Queue()
        self._stopped = False
        self._lock = threading.Lock()
        self._thread = threading.Thread(target=self._run, name=name, daemon=True)
        self._thread.start()

    def submit(self, fn: Callable[[DraftStore], T]) -> Future[T]:
        future: Future[T] = Future()
        with self._lock:
            if self._stopped:
                raise RuntimeError("StoreWorker is stopped")
            self._queue.put((fn, future))
        return future

    def stop(self, timeout: float = 5.0) -> None:
        """Run what is already queued, then end the thread and close the store."""
        with self._lock:
            if self._stopped:
                return
            self._stopped = True
            self._queue.put(_STOP)
        self._thread.join(timeout)

    @property
    def alive(self) -> bool:
        return self._thread.is_alive()

    def _run(self) -> None:
        store = None
        failure: BaseException | None = None
        try:
            store = self._factory()
        except BaseException as exc:  # noqa: BLE001 - handed to every future below
            failure = exc
        try:
            while True:
                item = self._queue.get()
                if item is _STOP:
                    return
                fn, future = item
                if not future.set_running_or_notify_cancel():
                    continue
                if failure is not None:
                    future.set_exception(failure)
                    continue
                try:
                    future.set_result(fn(store))
                except BaseException as exc:  # noqa: BLE001 - the caller sees it on the future
                    future.set_exception(exc)
        finally:
            if store is not None:
                store.close()
