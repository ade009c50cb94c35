"""The services the widgets call: drafts through the store's single writer, export, page fit.

Widgets never import SQLAlchemy or touch files; they call this facade, which
imports the heavy layers lazily (on a worker thread where it can) so the window
paints before any of them loads.
"""

from __future__ import annotations

import builtins
import threading
from collections.abc import Callable
from concurrent.futures import Future
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from desktop.ui.tasks import Callback, NextFunc, on_future, run_task

if TYPE_CHECKING:
    from desktop.domain.submission import SubmissionRow
    from desktop.queue.record import Record
    from desktop.queue.service import QueueService
    from desktop.storage.records import DraftSummary, StoredDraft
    from desktop.storage.service import DraftStore

T = TypeVar("T")
STORAGE_MISSING = "De opslag is niet beschikbaar; concepten worden niet bewaard."


class DraftService:
    """Every store call goes through one ``StoreWorker`` (the single writer)."""

    def __init__(self, db_path: Path | None = None) -> None:
        self._db_path = db_path
        self._worker: Any = None
        self._lock = threading.Lock()
        self._stopped = False
        self.problem: str | None = None

    def _get_worker(self) -> Any:
        with self._lock:
            if self._stopped:
                raise RuntimeError("de opslag is al gestopt")
            if self._worker is None:
                from desktop.storage.service import DraftStore, StoreWorker

                db_path = self._db_path
                self._worker = StoreWorker(lambda: DraftStore(db_path))
            return self._worker

    def submit(self, fn: Callable[[DraftStore], T], next_func: Callback[T] | None = None) -> Future[T]:
        """Run ``fn(store)`` on the writer thread; ``next_func(result, error)`` on the GUI thread.

        The worker itself is created (and SQLAlchemy imported) on a task thread, so the
        first call never blocks the GUI thread on imports."""
        outer: Future[T] = Future()
        if self._stopped:
            # After quit nothing may start a new writer (it would race the old one).
            outer.set_exception(RuntimeError("de opslag is al gestopt"))
            return on_future(outer, next_func)

        def start() -> None:
            try:
                inner = self._get_worker().submit(fn)
            except BaseException as exc:  # noqa: BLE001 - reported through the future
                outer.set_exception(exc)
                return
            inner.add_done_callback(lambda f: _copy_future(f, outer))

        if self._worker is not None:
            start()
        else:
            run_task(start)
        return on_future(outer, next_func)

    def quick_list(self, next_func: Callback[list[DraftSummary]]) -> Future[Any]:
        """The first list at start-up, read with the stdlib while the store itself starts.

        Opening the store imports SQLAlchemy and checks migrations (most of a second);
        a read-only ``sqlite3`` query of the same summary columns shows the list long
        before. Anything unexpected (no file yet, an older schema) falls back to ``list``."""

        def job() -> list[DraftSummary] | None:
            from desktop.storage.quickread import read_summaries

            return read_summaries(self._db_path)

        def done(rows: list[DraftSummary] | None, error: BaseException | None) -> None:
            if error is not None or rows is None:
                self.list(next_func)
            else:
                next_func(rows, None)

        return run_task(job, done)

    def call(self, fn: Callable[[DraftStore], T]) -> T:
        """Run ``fn(store)`` on the writer thread and wait for it: for worker threads only.

        The queue's poller and submissions write their rows this way, so every write of
        this process goes through the one writer; an error is raised here, to the caller."""
        if threading.current_thread() is threading.main_thread():
            raise RuntimeError("DraftService.call would block the GUI thread")
        result: T = self._get_worker().submit(fn).result()
        return result

    def list(self, next_func: Callback[list[DraftSummary]], include_deleted: bool = False) -> Future[list[DraftSummary]]:
        return self.submit(lambda s: s.list(include_deleted=include_deleted), next_func)

    def search(self, text: str, next_func: Callback[builtins.list[DraftSummary]]) -> Future[builtins.list[DraftSummary]]:
        return self.submit(lambda s: s.search(text), next_func)

    def get(self, draft_id: str, next_func: Callback[StoredDraft]) -> Future[StoredDraft]:
        return self.submit(lambda s: s.get(draft_id), next_func)

    def delete(self, draft_id: str, next_func: NextFunc | None = None) -> Future[None]:
        return self.submit(lambda s: s.delete(draft_id), next_func)

    def undelete(self, draft_id: str, next_func: NextFunc | None = None) -> Future[None]:
        return self.submit(lambda s: s.undelete(draft_id), next_func)

    def duplicate(self, draft_id: str, next_func: Callback[str] | None = None) -> Future[str]:
        return self.submit(lambda s: s.duplicate(draft_id), next_func)

    def stop(self) -> None:
        """Finish pending saves, then stop the writer (on quit)."""
        with self._lock:
            self._stopped = True
            worker, self._worker = self._worker, None
        if worker is not None:
            worker.stop()


class WorkerRows:
    """The submissions table of the store, every call run on the single writer thread.

    Used from the queue's worker threads (poll, submit, withdraw); implements the queue's
    ``SubmissionRows`` by handing each call to ``DraftService.call``."""

    def __init__(self, service: DraftService) -> None:
        self._service = service

    @property
    def db_path(self) -> Path:
        return self._service.call(lambda s: s.submissions.db_path)

    def insert(self, row: dict[str, Any]) -> None:
        self._service.call(lambda s: s.submissions.insert(row))

    def update(self, submission_id: str, **fields: Any) -> None:
        self._service.call(lambda s: s.submissions.update(submission_id, **fields))

    def update_if(self, submission_id: str, expected: str | None, **fields: Any) -> bool:
        return self._service.call(lambda s: s.submissions.update_if(submission_id, expected, **fields))

    def note_draft(self, draft_id: str, state: str, detail: str, actor: str) -> None:
        self._service.call(lambda s: s.submissions.note_draft(draft_id, state, detail, actor))

    def get(self, submission_id: str) -> SubmissionRow | None:
        return self._service.call(lambda s: s.submissions.get(submission_id))

    def find(self, prefix: str) -> list[SubmissionRow]:
        return self._service.call(lambda s: s.submissions.find(prefix))

    def all(self) -> list[SubmissionRow]:
        return self._service.call(lambda s: s.submissions.all())

    def for_draft(self, draft_key: str) -> list[SubmissionRow]:
        return self._service.call(lambda s: s.submissions.for_draft(draft_key))

    def waiting(self) -> list[SubmissionRow]:
        return self._service.call(lambda s: s.submissions.waiting())


def queue_service(service: DraftService) -> QueueService:
    """The queue as the window uses it: its record's rows written through ``service``.

    Call it on a worker thread: it imports the queue (crypto), which first paint must not
    (benchmark ``startup_first_paint``, test ``test_first_paint_imports_nothing_heavy``)."""
    from desktop.queue.record import Record
    from desktop.queue.service import QueueService

    record: Record = Record(rows=WorkerRows(service))
    return QueueService(None, record)


def _copy_future(src: Future[T], dst: Future[T]) -> None:
    try:
        dst.set_result(src.result())
    except BaseException as exc:  # noqa: BLE001
        dst.set_exception(exc)


class DraftSession:
    """One open draft: saves go through the writer in order; the first one creates it."""

    def __init__(self, service: DraftService, draft_id: Any = None) -> None:
        self.service = service
        self.draft_id = draft_id
        self.pending = 0
        # Plain callables (the controller's list refresh), called on the GUI thread after
        # every successful save, also when the window that asked for it is gone.
        self.on_saved: list[Callable[[Any], None]] = []

    def save(self, draft: Any, autosave: bool, next_func: NextFunc | None = None) -> Future[Any]:
        snapshot = draft.copy()
        self.pending += 1

        def job(store: Any) -> Any:
            # Runs on the single writer thread, so reading and setting the id is ordered.
            if self.draft_id is None:
                self.draft_id = store.create(snapshot)
                return self.draft_id
            return store.save(self.draft_id, snapshot, autosave=autosave)

        def done(result: Any, error: BaseException | None) -> None:
            self.pending -= 1
            if error is None:
                for callback in self.on_saved:
                    callback(self.draft_id)
            if next_func is not None:
                next_func(result, error)

        return self.service.submit(job, done)


def export_docx(draft: Any, out_path: Path, formset: Any, next_func: NextFunc) -> Future[Any]:
    def job() -> Any:
        from desktop.export.docx_export import export_docx as _export

        return _export(draft, out_path, formset=formset)

    return run_task(job, next_func)


class PageMeasure:
    """The A4tje page-fit estimate (Qt text layout, so it runs on the GUI thread).

    It shares the estimator (and its line cache) with the one-page check that
    ``validate`` uses, so the meter and the finding are the same estimate."""

    def __init__(self) -> None:
        self._check: Any = None
        self.available: bool | None = None

    def _get_check(self) -> Any:
        if self._check is None:
            # Imported on first use: pagefit loads the export layer, which first paint must
            # not wait for (benchmark startup_first_paint; this module is imported at start).
            from desktop.export.pagefit import default_layout_check

            self._check = default_layout_check()
            self.available = True
        return self._check

    def measure(self, draft: Any, form: Any, formset: Any) -> Any:
        return self._get_check().estimator.measure(draft, form, formset)

    def overflow_findings(self, draft: Any, form: Any, formset: Any) -> list[Any]:
        return list(self._get_check().check(draft, form, formset))
