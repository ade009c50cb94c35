"""Dutch spell checking: Hunspell (chunspell) with the OpenTaal dictionary we ship.

``SpellService`` is plain Python (no Qt), so the CLI's ``validate`` and the editor use
the same engine: a per-word cache in front of Hunspell, and the accepted word lists
(the domain's ``stukken.txt``, the Groningen ``woordenlijst.txt`` of the configuration,
the site folder's ``woordenlijst.txt`` and the user's own list). It implements
``desktop.domain.spelling.Speller``. The editor's Qt side is ``desktop.ui.spelling``.
"""

from __future__ import annotations

import logging
import threading
from pathlib import Path

from desktop.config import paths

log = logging.getLogger(__name__)
DICTIONARY = "nl"
PERSONAL_FILE = "woordenlijst.txt"
DOMAIN_FILE = "stukken.txt"  # the domain's own words, shipped beside the dictionary
SITE_WORDS_FILE = "woordenlijst.txt"  # Groningen words: resources/config and the site folder


class DictionaryMissing(Exception):
    """No usable dictionary; ``str()`` is Dutch, ``detail`` for developers."""

    def __init__(self, message: str, detail: str) -> None:
        super().__init__(message)
        self.detail = detail


def dictionary_dir() -> Path:
    return paths.resources_dir() / "dictionaries"


def accepted_words(folder: Path | None = None) -> set[str]:
    """The shipped domain words, the Groningen list and the site folder's list."""
    files = [(folder or dictionary_dir()) / DOMAIN_FILE, paths.resources_dir() / "config" / SITE_WORDS_FILE]
    site = paths.site_dir()
    if site is not None:
        files.append(site / SITE_WORDS_FILE)
    words: set[str] = set()
    for path in files:
        words |= SpellService._read_words(path)
    return words


class SpellService:
    """Hunspell behind a cache; thread-safe (one lock around the C library)."""

    def __init__(self, folder: Path | None = None, personal: Path | None = None) -> None:
        self.folder = folder or dictionary_dir()
        self.personal_path = personal or paths.config_dir() / PERSONAL_FILE
        self._lock = threading.Lock()
        self._cache: dict[str, bool] = {}
        self._suggestions: dict[str, list[str]] = {}
        self._hunspell = self._load()
        self._personal: set[str] = self._read_words(self.personal_path) | accepted_words(self.folder)

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
        found = self._suggestions.get(word)
        if found is None:
            # Hunspell is slow on capitals (about 2 s for "Financiele", 30 ms for the lower
            # case): ask in lower case and give a capitalised word capitalised answers.
            lower = word.lower()
            with self._lock:
                found = list(self._hunspell.suggest(lower))  # type: ignore[attr-defined]
            if word[:1].isupper():
                found = [f[:1].upper() + f[1:] for f in found]
            self._suggestions[word] = found
        return found[:limit]

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
