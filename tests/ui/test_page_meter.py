"""The A4tje page meter follows the text and turns red when the page overflows."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtGui import QColor

from desktop.domain.draft import load_draft_file, new_draft
from desktop.domain.forms import default_formset
from desktop.domain.validation import validate
from desktop.export.pagefit import default_layout_check
from tests.ui.conftest import wait_idle

FIXTURE = Path(__file__).parent.parent / "fixtures" / "a4tje_full.json"


def test_meter_reacts_and_turns_red_on_overflow(qtbot: Any, open_editor: Any) -> None:
    editor = open_editor(load_draft_file(FIXTURE))
    meter = editor.meter
    assert meter.isVisible()
    qtbot.waitUntil(lambda: meter.fraction is not None, timeout=10_000)
    first = meter.fraction
    assert 0.2 < first < 1.0 and meter.fits
    assert "van één A4" in meter.text()
    edit = editor.view.rows["argumenten"].widget.edit
    qtbot.keyClicks(edit, " Wij voegen nog een zin toe die lang genoeg is om op de pagina een hele nieuwe regel te vullen.")
    qtbot.waitUntil(lambda: meter.fraction is not None and meter.fraction > first, timeout=10_000)
    edit.setPlainText("Een lange zin over de stad en haar bewoners. " * 60)
    qtbot.waitUntil(lambda: not meter.fits, timeout=10_000)
    assert meter.color() == QColor(200, 0, 0)
    assert "past niet" in meter.text()
    wait_idle(qtbot, editor)
    one_page = [f for f in editor.checker.findings if f.rule == "one_page"]
    assert len(one_page) == 1
    # The same estimate as validate: the same finding.
    expected = [f for f in validate(editor.snapshot(), default_formset(), layout=default_layout_check()) if f.rule == "one_page"]
    assert one_page == expected
    # Jumping to it focuses the field it names.
    editor.jump_to(one_page[0])
    assert editor.view.rows[one_page[0].field].widget.focus_target().hasFocus()


def test_raadsbrief_has_no_page_meter(qtbot: Any, open_editor: Any) -> None:
    editor = open_editor(new_draft(default_formset().get("raadsbrief")))
    assert not editor.meter.isVisible()
