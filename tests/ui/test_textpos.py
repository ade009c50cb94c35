"""Python indices versus Qt's UTF-16 positions."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QLineEdit

from desktop.ui.textpos import py_to_utf16, span_to_utf16, utf16_to_py


@pytest.mark.parametrize(
    "text",
    ["", "abc", "a😀b", "😀😀x", "é😀ü🇳🇱z", "x" * 10 + "𝄞"],
)
def test_round_trip_matches_utf16_encoding(text: str) -> None:
    for i in range(len(text) + 1):
        expected = len(text[:i].encode("utf-16-le")) // 2
        assert py_to_utf16(text, i) == expected
        assert utf16_to_py(text, expected) == i


def test_position_inside_a_surrogate_pair_maps_to_its_character() -> None:
    assert utf16_to_py("a😀b", 2) == 1


def test_span_after_emoji_selects_the_right_characters_in_qt(qtbot) -> None:  # type: ignore[no-untyped-def]
    text = "😀😀 de nota vaststellen"
    start = text.index("vaststellen")
    edit = QLineEdit(text)
    qtbot.addWidget(edit)
    a, b = span_to_utf16(text, (start, start + len("vaststellen")))
    edit.setSelection(a, b - a)
    assert edit.selectedText() == "vaststellen"


def test_clamps_out_of_range() -> None:
    assert py_to_utf16("ab", 10) == 2
    assert utf16_to_py("ab", 10) == 2
    assert utf16_to_py("ab", -3) == 0
