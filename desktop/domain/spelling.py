"""Which words to spell check, and the spelling findings of a draft.

Pure: the dictionary comes in through the ``Speller`` protocol (implemented by
``desktop.export.spelling.SpellService`` with Hunspell and the OpenTaal list).
The editor's underlines and ``validate`` pick words with the same ``words_to_check``.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Protocol

# A word starts with a letter and may hold digits ("A4tje"); numbers are not words.
WORD = re.compile(r"[^\W\d_][^\W_]*(?:['’-][^\W_]+)*")
# Letters glued together by characters no Dutch word has: OCR and typing noise ("v^j").
OCR_FRAGMENT = re.compile(r"[^\W\d_]+(?:[\^~|\\¨`´]+[^\W\d_]*)+|[\^~|\\¨`´]+[^\W\d_]+")
# Enough to show the pattern; a pasted book must not produce thousands of findings.
MAX_FINDINGS_PER_FIELD = 50


class Speller(Protocol):
    """A dictionary: ``check`` a word, ``suggest`` corrections for one."""

    def check(self, word: str) -> bool: ...

    def suggest(self, word: str, limit: int = 6) -> list[str]: ...


def wants_check(word: str) -> bool:
    """Abbreviations (GMT, BD), one-letter words and codes with digits are not checked;
    words with an inner capital are ("coUegeprogramma" is OCR noise, "StadBeheer" is
    in the Groningen word list)."""
    if len(word) < 2 or any(ch.isdigit() for ch in word):
        return False
    letters = word.replace("-", "").replace("'", "").replace("’", "")
    return not letters.isupper()


def words_to_check(text: str) -> Iterator[tuple[int, int, str]]:
    """(start, end, word) of every word ``text`` asks a dictionary about, in order."""
    for m in WORD.finditer(text):
        word = m.group()
        if wants_check(word):
            yield m.start(), m.end(), word


def misspelled(
    text: str, speller: Speller, memo: dict[str, bool] | None = None
) -> Iterator[tuple[int, int, str]]:
    """(start, end, word) of the misspelled words and OCR fragments of ``text``.

    ``memo`` keeps each word's verdict across calls (one validation of many paragraphs)."""
    verdicts: dict[str, bool] = {} if memo is None else memo
    fragments = [(m.start(), m.end()) for m in OCR_FRAGMENT.finditer(text)] if _has_noise(text) else []
    found: list[tuple[int, int, str]] = [(s, e, text[s:e]) for s, e in fragments]
    for m in WORD.finditer(text):
        word = m.group()
        ok = verdicts.get(word)
        if ok is None:
            ok = verdicts[word] = not wants_check(word) or speller.check(word)
        if not ok and not (fragments and any(s <= m.start() < e for s, e in fragments)):
            found.append((m.start(), m.end(), word))
    if fragments:
        found.sort()
    yield from found


# What OCR makes of letters: "coUegeprogramma" for "collegeprogramma".
_OCR_CONFUSIONS = (("U", "ll"), ("rn", "m"), ("I", "l"), ("cl", "d"), ("li", "h"), ("0", "o"), ("1", "l"))


def ocr_candidates(word: str, speller: Speller) -> list[str]:
    """Dictionary words one OCR confusion away from ``word`` (inner capitals first)."""
    out = []
    for wrong, right in _OCR_CONFUSIONS:
        start = word.find(wrong, 1)
        while start > 0:
            candidate = word[:start] + right + word[start + len(wrong):]
            if candidate not in out and speller.check(candidate):
                out.append(candidate)
            start = word.find(wrong, start + 1)
    return out


def _has_noise(text: str) -> bool:
    return any(ch in text for ch in "^~|\\¨`´")


def is_fragment(word: str) -> bool:
    return OCR_FRAGMENT.fullmatch(word) is not None
