"""Dutch spell checking: Hunspell (chunspell) with the OpenTaal dictionary we ship.

``SpellService`` is plain Python (no Qt): a per-word cache in front of Hunspell and
the user's own word list. ``SpellChecker`` is the Qt side: highlighters ask it about
a word; unknown words are checked on a worker thread and ``updated`` tells the
highlighters to repaint, so typing never waits for the dictionary.
"""

from __future__ import annotations

import logging
import threading
from pathlib import Path

from PySide6.QtCore import QObject, QTimer, Signal
from shiboken6 import isValid

from desktop.config import paths

log = logging.getLogger(__name__)
DICTIONARY = "nl"
PERSONAL_FILE = "woordenlijst.txt"
DOMAIN_FILE = "stukken.txt"  # the domain's own words, shipped beside the dictionary


class DictionaryMissing(Exception):
    """No usable dictionary; ``str()`` is Dutch, ``detail`` for developers."""

    def __init__(self, message: str, detail: str) -> None:
        super().__init__(message)
        self.detail = detail


def dictionary_dir() -> Path:
    return paths.resources_dir() / "dictionaries"


class SpellService:
    """Hunspell behind a cache; thread-safe (one lock around the C library)."""

    def __init__(self, folder: Path | None = None, personal: Path | None = None) -> None:
        self.folder = folder or dictionary_dir()
        self.personal_path = personal or paths.config_dir() / PERSONAL_FILE
        self._lock = threading.Lock()
        self._cache: dict[str, bool] = {}
        self._hunspell = self._load()
        self._personal: set[str] = self._read_words(self.personal_path) | self._read_words(
            self.folder / DOMAIN_FILE
        )

    def _load(self) -> object:
        aff, dic = self.folder / f"{DICTIONARY}.aff", self.folder / f"{DICTIONARY}.dic"
        if not aff.is_file() or not dic.is_file():
            raise DictionaryMissing(
                "Het Nederlandse woordenboek ontbreekt; de spelling wordt niet gecontroleerd.",
                f"missing {aff} or {dic}",
            )
        try:
            from hunspell import Hunspell
        except ImportError as exc:
            raise DictionaryMissing(
                "De spellingcontrole (chunspell) is niet geïnstalleerd; de spelling wordt niet "
                "gecontroleerd.",
                f"ImportError: {exc}",
            ) from exc
        try:
            return Hunspell(DICTIONARY, hunspell_data_dir=str(self.folder))
        except Exception as exc:  # the C library reports a bad file as a generic error
            raise DictionaryMissing(
                "Het Nederlandse woordenboek kon niet worden geladen; de spelling wordt niet "
                "gecontroleerd.",
                f"{type(exc).__name__}: {exc}",
            ) from exc

    @staticmethod
    def _read_words(path: Path) -> set[str]:
        try:
            text = path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError):
            return set()
        return {w for w in (line.strip() for line in text.splitlines()) if w and not w.startswith("#")}

    def cached(self, word: str) -> bool | None:
        """True/False when known, None when the word still has to be checked."""
        if word in self._personal:
            return True
        return self._cache.get(word)

    def check(self, word: str) -> bool:
        known = self.cached(word)
        if known is not None:
            return known
        with self._lock:
            ok = bool(self._hunspell.spell(word))  # type: ignore[attr-defined]
            if not ok and word[:1].isupper() and word[1:].islower():
                # Sentence-initial capital: Hunspell's own case folding misses "Eén".
                ok = bool(self._hunspell.spell(word[0].lower() + word[1:]))  # type: ignore[attr-defined]
            if not ok and word.startswith("Eé"):
                # "Eén" is the usual capital of "één"; the OpenTaal list only knows "Één".
                ok = bool(self._hunspell.spell("Éé" + word[2:]))  # type: ignore[attr-defined]
        self._cache[word] = ok
        return ok

    def suggest(self, word: str, limit: int = 6) -> list[str]:
        with self._lock:
            found = self._hunspell.suggest(word)  # type: ignore[attr-defined]
        return list(found)[:limit]

    def add_personal(self, word: str) -> None:
        """Add a word to the user's own list (kept in the config folder)."""
        word = word.strip()
        if not word or word in self._personal:
            return
        self._personal.add(word)
        self._cache[word] = True
        try:
            self.personal_path.parent.mkdir(parents=True, exist_ok=True)
            with self.personal_path.open("a", encoding="utf-8") as fh:
                fh.write(word + "\n")
        except OSError as exc:
            log.warning("could not write the personal word list %s: %s", self.personal_path, exc)


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
