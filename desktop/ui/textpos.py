"""Python string indices versus Qt's UTF-16 positions.

The domain reports spans as Python indices (code points); Qt counts UTF-16 code
units, so every character outside the Basic Multilingual Plane (most emoji) shifts
Qt's positions by one. These helpers convert at the UI boundary.
"""

from __future__ import annotations

import re

_ASTRAL = re.compile("[\U00010000-\U0010ffff]")


def py_to_utf16(text: str, index: int) -> int:
    """The UTF-16 position of Python index ``index`` in ``text``."""
    index = max(0, min(index, len(text)))
    return index + sum(1 for _ in _ASTRAL.finditer(text, 0, index))


def utf16_to_py(text: str, pos: int) -> int:
    """The Python index of UTF-16 position ``pos`` in ``text`` (inside a pair: the pair's start)."""
    if pos <= 0:
        return 0
    index = 0
    units = 0
    for m in _ASTRAL.finditer(text):
        # Characters up to this astral one are one unit each.
        before = m.start() - index
        if units + before >= pos:
            return index + (pos - units)
        units += before + 2
        index = m.start() + 1
        if units >= pos:
            return index if units == pos else index - 1
    return min(len(text), index + (pos - units))


def span_to_utf16(text: str, span: tuple[int, int]) -> tuple[int, int]:
    start, end = span
    return py_to_utf16(text, start), py_to_utf16(text, end)
