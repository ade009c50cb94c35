"""The dictionary loads with the first editor, not while the list sits idle (memory_idle_main_window)."""

from __future__ import annotations

from typing import Any


def test_dictionary_waits_for_the_first_editor(qtbot: Any, stukken: Any) -> None:
    qtbot.wait(1200)  # longer than the list took to show: an idle list loads no dictionary
    assert stukken.spell.service is None and not stukken.spell.loading
    editor = stukken.controller.new("a4tje")
    assert stukken.spell.loading or stukken.spell.service is not None
    qtbot.waitUntil(lambda: stukken.spell.service is not None or stukken.spell.problem is not None,
                    timeout=20_000)
    assert stukken.spell.problem is None, stukken.spell.problem
    assert editor.ctx.spell is stukken.spell
    editor.dirty = False
