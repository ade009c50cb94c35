"""Background work whose results come back on the GUI thread (Picard's ``run_task``).

A function runs on a worker thread; its ``next_func`` runs on the GUI thread with
either the result or the exception, so widgets are only touched where Qt allows it.
``on_future`` does the same for a ``concurrent.futures.Future`` (the store's writer).

Typed like Picard's ``run_task(func: Callable[[], R], next_func: Callback[R])``: the
callback of a task returning ``R`` takes ``R | None`` and the error, so mypy checks that a
callback fits the work it follows.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from typing import Any, TypeAlias, TypeVar

from PySide6.QtCore import QCoreApplication, QObject, Signal, Slot

T = TypeVar("T")
R = TypeVar("R")
log = logging.getLogger(__name__)

# next_func(result, error): exactly one of them is not None (a result may itself be None).
Callback: TypeAlias = Callable[[R | None, BaseException | None], None]
# A callback that takes any result (kept for callers that pass one on unchanged).
NextFunc: TypeAlias = Callable[[Any, BaseException | None], None]


class _Dispatcher(QObject):
    """Lives on the GUI thread; a signal emitted from any thread is delivered there."""

    call = Signal(object)

    def __init__(self) -> None:
        super().__init__()
        self.call.connect(self._run)

    @Slot(object)
    def _run(self, fn: Callable[[], None]) -> None:
        try:
            fn()
        except Exception:  # a callback's bug must not take the event loop down
            log.exception("callback on the GUI thread failed")


_dispatcher: _Dispatcher | None = None
_pool: ThreadPoolExecutor | None = None


def _get_dispatcher() -> _Dispatcher:
    global _dispatcher
    if _dispatcher is None:
        app = QCoreApplication.instance()
        _dispatcher = _Dispatcher()
        if app is not None:
            _dispatcher.moveToThread(app.thread())
    return _dispatcher


def to_gui(fn: Callable[[], None]) -> None:
    """Run ``fn`` on the GUI thread (queued when called from a worker thread)."""
    _get_dispatcher().call.emit(fn)


def _get_pool() -> ThreadPoolExecutor:
    global _pool
    if _pool is None:
        _pool = ThreadPoolExecutor(max_workers=2, thread_name_prefix="stukken-task")
    return _pool


def on_future(future: Future[T], next_func: Callback[T] | None) -> Future[T]:
    """Call ``next_func(result, error)`` on the GUI thread once ``future`` is done."""
    if next_func is None:
        return future

    def done(f: Future[T]) -> None:
        result: T | None = None
        error: BaseException | None = None
        try:
            result = f.result()
        except BaseException as exc:  # noqa: BLE001 - handed to the callback
            error = exc
        to_gui(lambda: next_func(result, error))

    _get_dispatcher()  # created on the GUI thread before any worker needs it
    future.add_done_callback(done)
    return future


def run_task(func: Callable[[], T], next_func: Callback[T] | None = None) -> Future[T]:
    """Run ``func`` on a worker thread; ``next_func(result, error)`` on the GUI thread."""
    _get_dispatcher()
    return on_future(_get_pool().submit(func), next_func)


def shutdown(wait: bool = True) -> None:
    global _pool
    if _pool is not None:
        _pool.shutdown(wait=wait, cancel_futures=not wait)
        _pool = None
