"""The editor's spell checker: the Qt side of ``desktop.export.spelling.SpellService``.

Highlighters ask ``SpellChecker`` about a word; unknown words are checked on a worker
thread and ``updated`` tells the highlighters to repaint, so typing never waits for
the dictionary.
"""

from __future__ import annotations

import logging

from PySide6.QtCore import QObject, QTimer, Signal
from shiboken6 import isValid

from desktop.export.spelling import DictionaryMissing, SpellService, dictionary_dir

__all__ = ["DictionaryMissing", "SpellChecker", "SpellService", "dictionary_dir"]

log = logging.getLogger(__name__)


class SpellChecker(QObject):
    """The GUI-side checker: asks are answered from the cache, unknown words in the background."""

    updated = Signal()
    unavailable = Signal(str)

    def __init__(self, service: SpellService | None = None, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.service = service
        self.problem: str | None = None
        self.enabled = True
        self.loading = False
        self._pending: set[str] = set()
        self._in_flight = False
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(30)
        self._timer.timeout.connect(self._flush)

    def load_async(self) -> None:
        """Load the dictionary on a worker thread (it takes a few hundred ms)."""
        from desktop.ui.tasks import run_task

        self.loading = True

        def done(result: SpellService | None, error: BaseException | None) -> None:
            if not isValid(self):
                return  # the window (our parent) closed while the dictionary loaded
            self.loading = False
            if error is not None:
                self.problem = str(error) if isinstance(error, DictionaryMissing) else (
                    f"De spellingcontrole kon niet starten: {error}"
                )
                log.warning("spelling unavailable: %s", getattr(error, "detail", error))
                self.unavailable.emit(self.problem)
                return
            self.service = result
            self.updated.emit()

        run_task(SpellService, done)

    @property
    def ready(self) -> bool:
        return self.enabled and self.service is not None

    def is_misspelled(self, word: str) -> bool:
        """False while unknown: the word is queued and the highlight follows."""
        if not self.ready:
            return False
        assert self.service is not None
        known = self.service.cached(word)
        if known is None:
            self._pending.add(word)
            if not self._timer.isActive() and not self._in_flight:
                self._timer.start()
            return False
        return not known

    def _flush(self) -> None:
        if not self._pending or self.service is None:
            return
        from desktop.ui.tasks import run_task

        words, self._pending = list(self._pending), set()
        service = self.service
        self._in_flight = True

        def job() -> None:
            for w in words:
                service.check(w)

        def done(_result: object, error: BaseException | None) -> None:
            if not isValid(self):
                return
            self._in_flight = False
            if error is not None:
                log.warning("spell check failed: %s", error)
            self.updated.emit()
            if self._pending:
                self._timer.start()

        run_task(job, done)

    def suggestions(self, word: str) -> list[str]:
        return self.service.suggest(word) if self.service is not None else []

    def add_word(self, word: str) -> None:
        if self.service is not None:
            self.service.add_personal(word)
            self.updated.emit()
