"""Dutch readability: syllables, sentences and the Flesch-Douma score.

Flesch-Douma = 206.835 - 0.93 x (words per sentence) - 77 x (syllables per word).
Everything here is one linear pass over the text, so it stays fast on long input.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# Vowel units that are one syllable, longest first (greedy match inside a vowel group).
_UNITS = (
    "aai", "ooi", "oei", "eeu", "ieu",
    "aa", "ee", "oo", "uu", "ie", "ei", "ij", "ui", "oe", "ou", "au", "eu", "ai", "oi", "ey",
)
_VOWELS = "aeiouyáéíóúàèìòùâêîôûäëïöü"
# A diaeresis starts a new syllable: financi-ë-le, ge-ïn-for-meerd.
_DIAERESIS = "äëïöü"
_VOWEL_GROUP = re.compile(f"(?:ij|[{_VOWELS}])+")
_PLAIN = str.maketrans("áéíóúàèìòùâêîôû", "aeiouaeiouaeiou")

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


def syllables(word: str) -> int:
    """Syllables of one Dutch word (at least 1 for anything that is a word)."""
    low = word.lower()
    count = 0
    for match in _VOWEL_GROUP.finditer(low):
        count += _group_syllables(match.group())
    return max(count, 1)


def _group_syllables(group: str) -> int:
    count = 0
    i = 0
    while i < len(group):
        if i and group[i] in _DIAERESIS:
            count += 1
            i += 1
            continue
        # Accents other than the diaeresis do not break a unit ("één", "geëerd" does).
        plain = group[i:i + 3].translate(_PLAIN)
        step = next((len(unit) for unit in _UNITS if plain.startswith(unit)), 1)
        count += 1
        i += step
    return count


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
        if match.group() != "\n" and match.group().startswith(".") and _no_break(text, start, match.start()):
            continue
        end = match.end() if match.group() != "\n" else match.start()
        _add_sentence(text, start, end, spans)
        start = match.end()
    _add_sentence(text, start, len(text), spans)
    return spans


def _no_break(text: str, start: int, dot: int) -> bool:
    # The token before the full stop: back to the previous white space, bounded.
    lo = max(start, dot - 12)
    token = text[lo:dot].rsplit(None, 1)[-1] if text[lo:dot].strip() else ""
    if not token:
        return False
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
    words = 0
    syl = 0
    for match in WORD.finditer(text):
        words += 1
        syl += syllables(match.group())
    sentences = len(sentence_spans(text)) if words else 0
    if not words:
        return Readability(None, 0, 0, 0, "")
    sentences = max(sentences, 1)
    score = round(flesch_douma(words / sentences, syl / words), 1)
    return Readability(score, words, sentences, syl, band(score))


def longest_sentence(text: str) -> tuple[tuple[int, int], int] | None:
    """The span of the longest sentence and its word count (None without words)."""
    best: tuple[tuple[int, int], int] | None = None
    for span in sentence_spans(text):
        n = sum(1 for _ in WORD.finditer(text, span[0], span[1]))
        if best is None or n > best[1]:
            best = (span, n)
    return best
