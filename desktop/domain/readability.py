"""Dutch readability: syllables, sentences and the Flesch-Douma score.

Flesch-Douma = 206.835 - 0.93 x (words per sentence) - 77 x (syllables per word).
Everything here is one linear pass over the text, so it stays fast on long input.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

# Vowel units that are one syllable, longest first: the regex takes the longest at each place.
_UNITS = (
    "aai", "ooi", "oei", "eeu", "ieu",
    "aa", "ee", "oo", "uu", "ie", "ei", "ij", "ui", "oe", "ou", "au", "eu", "ai", "oi", "ey",
    "a", "e", "i", "o", "u", "y",
)
_UNIT = re.compile("|".join(_UNITS))
# Accents other than the diaeresis do not change the count ("één"); a diaeresis starts a
# new syllable (financi-ë-le, ge-ïn-for-meerd), marked with "|" where no unit can cross.
_PLAIN = str.maketrans(
    {**{a: p for a, p in zip("áéíóúàèìòùâêîôû", "aeiouaeiouaeiou", strict=True)},
     **{d: "|" + p for d, p in zip("äëïöü", "aeiou", strict=True)}}
)
# A word: letters or digits, joined by a hyphen, apostrophe or a dot/comma inside a number.
WORD = re.compile(r"[^\W_]+(?:(?:['’-]|(?<=\d)[.,](?=\d))[^\W_]+)*")
# Candidate sentence ends: a run of . ! ? before white space or the end, or a line break.
_SENTENCE_END = re.compile(r"[.!?…]+(?=[\s\"'”’)]|$)|\n")
# Abbreviations after which a full stop does not end a sentence.
_ABBREVIATIONS = frozenset(
    {"o.a", "bijv", "bv", "d.w.z", "drs", "dr", "mr", "ir", "ing", "prof", "dhr", "mevr",
     "art", "nr", "blz", "e.d", "enz", "i.p.v", "m.b.t", "t.a.v", "z.g.a.n", "ca", "jl",
     "jr", "sr", "st", "vs", "d.d", "incl", "excl", "resp", "evt", "max", "min", "tel"}
)

_DOTTED = re.compile(r"(?:[^\W\d_]\.)+[^\W\d_]")

BANDS = (
    (70.0, "makkelijk"),
    (60.0, "normaal"),
    (45.0, "vrij moeilijk"),
    (30.0, "moeilijk"),
    (float("-inf"), "zeer moeilijk"),
)


@dataclass(frozen=True, slots=True)
class Readability:
    """``score`` is None when the text has no words; it is rounded to one decimal."""

    score: float | None
    words: int
    sentences: int
    syllables: int
    band_label: str

    @property
    def words_per_sentence(self) -> float:
        return self.words / self.sentences if self.sentences else 0.0

    @property
    def syllables_per_word(self) -> float:
        return self.syllables / self.words if self.words else 0.0


@lru_cache(maxsize=8192)
def syllables(word: str) -> int:
    """Syllables of one Dutch word (at least 1 for anything that is a word)."""
    return max(len(_UNIT.findall(word.lower().translate(_PLAIN))), 1)


def band(score: float) -> str:
    for floor, label in BANDS:
        if score >= floor:
            return label
    return BANDS[-1][1]


def flesch_douma(words_per_sentence: float, syllables_per_word: float) -> float:
    return 206.835 - 0.93 * words_per_sentence - 77 * syllables_per_word


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """Spans (Python indices) of the sentences that contain at least one word.

    A line break always ends a sentence (headings, list items); a full stop after a
    known abbreviation, an initial ("J. de Vries") or a heading number ("1. Inleiding")
    does not.
    """
    spans: list[tuple[int, int]] = []
    start = 0
    for match in _SENTENCE_END.finditer(text):
        mark = match.group()
        if mark == "\n":
            end = match.start()
        elif mark[0] == "." and _no_break(text, start, match.start()):
            continue
        else:
            end = match.end()
        _add_sentence(text, start, end, spans)
        start = match.end()
    _add_sentence(text, start, len(text), spans)
    return spans


def _no_break(text: str, start: int, dot: int) -> bool:
    # The token before the full stop: back to the previous white space, bounded.
    lo = max(start, dot - 12)
    before = text[lo:dot].rsplit(None, 1)
    if not before:
        return False
    token = before[-1]
    if token.lower().rstrip(".") in _ABBREVIATIONS:
        return True
    if len(token) == 1 and token.isalpha() and token.isupper():
        return True  # an initial
    if _DOTTED.fullmatch(token):
        return True  # "M.A", "o.a"
    return token.isdigit() and not text[start:lo].strip() and len(token) <= 2


def _add_sentence(text: str, start: int, end: int, spans: list[tuple[int, int]]) -> None:
    if WORD.search(text, start, end):
        while start < end and text[start].isspace():
            start += 1
        spans.append((start, end))


def readability(text: str) -> Readability:
    """Words, sentences, syllables and the Flesch-Douma score of a text."""
    found = WORD.findall(text)
    if not found:
        return Readability(None, 0, 0, 0, "")
    words = len(found)
    syl = sum(map(syllables, found))
    sentences = max(len(sentence_spans(text)), 1)
    score = round(flesch_douma(words / sentences, syl / words), 1)
    return Readability(score, words, sentences, syl, band(score))


def longest_sentence(text: str) -> tuple[tuple[int, int], int] | None:
    """The span of the longest sentence and its word count (None without words)."""
    best: tuple[tuple[int, int], int] | None = None
    for span in sentence_spans(text):
        n = len(WORD.findall(text, span[0], span[1]))
        if best is None or n > best[1]:
            best = (span, n)
    return best
