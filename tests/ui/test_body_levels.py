"""The body editor keeps a second-level heading when a draft is opened and saved."""

from __future__ import annotations

from typing import Any

from desktop.ui.editor.body import BodyEdit


def test_heading_levels_survive_the_editor(qtbot: Any) -> None:
    edit = BodyEdit()
    qtbot.addWidget(edit)
    blocks = [
        {"type": "heading", "text": "1. Samenvatting"},
        {"type": "heading", "level": 2, "text": "1.1 Wat er verandert"},
        {"type": "paragraph", "text": "Tekst."},
        {"type": "bullets", "items": ["een", "twee"]},
    ]
    edit.set_blocks(blocks)
    assert edit.blocks() == blocks
