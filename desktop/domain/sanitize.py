"""Make user text safe for XML and storage without losing what the user meant.

Text pasted from PDFs carries control characters that python-docx (XML 1.0)
refuses; JSON may carry lone surrogates that cannot be encoded at all.
"""

from __future__ import annotations

import re

# Tab, LF and CR are legal in XML; the rest of C0 is not. Vertical tab and form feed
# usually mean "new line" in pasted text, so they become one.
_LINEBREAK_LIKE = "\x0b\x0c"
_ILLEGAL = re.compile("[\x00-\x08\x0e-\x1f\x7f\ufffe\uffff\ud800-\udfff]")
_ANY_BAD = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ufffe\uffff\ud800-\udfff]")


def bad_character_spans(text: str) -> list[tuple[int, int]]:
    """Spans (Python indices) of characters that cannot go into a document."""
    return [(m.start(), m.end()) for m in _ANY_BAD.finditer(text)]


def first_bad_character(text: str) -> tuple[tuple[int, int], int] | None:
    """The span of the first character that cannot go into a document, and how many there
    are; memory stays small however long the text is."""
    first = _ANY_BAD.search(text)
    if first is None:
        return None
    count = sum(1 for _ in _ANY_BAD.finditer(text, first.start()))
    return (first.start(), first.end()), count


def clean_text(text: str) -> str:
    """Control characters removed (vertical tab and form feed become a line break)."""
    if not _ANY_BAD.search(text):
        return text
    for ch in _LINEBREAK_LIKE:
        text = text.replace(ch, "\n")
    return _ILLEGAL.sub("", text)


def clean_value(value: object) -> object:
    """``clean_text`` applied to every string inside a JSON-like value."""
    if isinstance(value, str):
        return clean_text(value)
    if isinstance(value, list):
        return [clean_value(v) for v in value]
    if isinstance(value, dict):
        return {k: clean_value(v) for k, v in value.items()}
    return value
