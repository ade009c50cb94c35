"""Editor polish: frames follow typing, undo of besluit points, point editors as high as their text."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from tests.ui.conftest import wait_idle

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"


def full_a4tje() -> Any:
    from desktop.domain.draft import Draft

    return Draft.from_json(json.loads((FIXTURES / "a4tje_full.json").read_text(encoding="utf-8")))


def red_pixels(widget: Any) -> int:
    image = widget.grab().toImage()
    points = [(x, 1) for x in range(image.width())] + [(1, y) for y in range(image.height())]
    return sum(1 for x, y in points
               if (c := image.pixelColor(x, y)).red() > 150 and c.green() < 60 and c.blue() < 60)


def test_required_frames_follow_typing(qtbot: Any, open_editor: Any) -> None:
    from desktop.domain.draft import new_draft
    from desktop.domain.forms import default_formset

    editor = open_editor(new_draft(default_formset().get("a4tje")))
    for fid in ("onderwerp", "samenvatting", "steller"):
        target = editor.view.rows[fid].widget.focus_target()
        assert target.property("finding") == "error" and red_pixels(target) > 0, fid
        target.setFocus()
        qtbot.keyClicks(target, "Fietsplan")
        qtbot.waitUntil(lambda target=target: target.property("finding") == "", timeout=2_000)
        assert red_pixels(target) == 0, fid
        # Emptying it again brings the frame back without waiting for the full check.
        target.selectAll()
        qtbot.keyClick(target, "\b")
        qtbot.waitUntil(lambda target=target: target.property("finding") == "error", timeout=2_000)
    besluit = editor.view.rows["besluit"].widget  # a required list: the first point is framed
    assert besluit.rows[0].edit.property("finding") == "error"
    besluit.rows[0].edit.setFocus()
    qtbot.keyClicks(besluit.rows[0].edit, "in te stemmen met het plan.")
    qtbot.waitUntil(lambda: besluit.rows[0].edit.property("finding") == "", timeout=2_000)
    directie = editor.view.rows["directie"].widget
    directie.combo.setCurrentIndex(1)
    qtbot.waitUntil(lambda: directie.combo.property("finding") == "", timeout=2_000)


def test_raadsbrief_body_is_framed_until_written(qtbot: Any, open_editor: Any) -> None:
    from desktop.domain.draft import new_draft
    from desktop.domain.forms import default_formset

    editor = open_editor(new_draft(default_formset().get("raadsbrief")))
    body = editor.view.rows["tekst"].widget.edit
    assert body.property("finding") == "error"
    body.setFocus()
    qtbot.keyClicks(body, "Wij informeren u over de nieuwe werkwijze.")
    qtbot.waitUntil(lambda: body.property("finding") != "error", timeout=2_000)


def test_undo_adding_removing_and_moving_points(qtbot: Any, open_editor: Any) -> None:
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QApplication

    editor = open_editor(full_a4tje())
    editor.activateWindow()  # Edit > Ongedaan maken acts on the focused widget of the active window
    qtbot.waitUntil(editor.isActiveWindow, timeout=5_000)
    field = editor.view.rows["besluit"].widget
    before = field.value()
    assert len(before) >= 2
    qtbot.mouseClick(field.rows[1].remove, Qt.MouseButton.LeftButton)
    assert field.value() == before[:1] + before[2:]
    focused = field.rows[0].edit
    focused.setFocus()
    qtbot.keyClick(focused, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert field.value() == before
    assert field.rows[1].edit.hasFocus()

    # Typing after a removal is undone first, then the removal.
    field.remove_point(field.rows[0])
    edit = field.rows[0].edit
    edit.setFocus()
    edit.moveCursor(edit.textCursor().MoveOperation.End)
    qtbot.keyClicks(edit, " extra")
    assert field.value()[0].endswith(" extra")
    qtbot.keyClick(edit, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert not field.value()[0].endswith(" extra")
    assert len(field.value()) == len(before) - 1
    qtbot.keyClick(field.rows[0].edit, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert field.value() == before

    # Adding through the button, undone from the menu (the focus is on the new point).
    qtbot.mouseClick(field.add_button, Qt.MouseButton.LeftButton)
    assert len(field.value()) == len(before) + 1
    undo = next(a for a in editor.findChildren(type(editor.submit_action)) if a.text() == "&Ongedaan maken")
    qtbot.waitUntil(lambda: QApplication.focusWidget() is field.rows[-1].edit, timeout=5_000)
    undo.trigger()
    assert field.value() == before

    # Moving down, undone with the focus on the moved point's button.
    field.rows[0].down.setFocus()
    qtbot.mouseClick(field.rows[0].down, Qt.MouseButton.LeftButton)
    assert field.value()[1] == before[0]
    field.rows[1].down.setFocus()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is field.rows[1].down, timeout=5_000)
    undo.trigger()
    assert field.value() == before
    wait_idle(qtbot, editor)


def test_point_editors_grow_with_their_text(qtbot: Any, open_editor: Any) -> None:
    editor = open_editor(full_a4tje())
    editor.resize(900, 800)
    field = editor.view.rows["besluit"].widget
    edit = field.rows[0].edit
    edit.setPlainText("kennis te nemen van de nota.")
    qtbot.wait(50)
    one_line = edit.height()
    edit.setPlainText("de nota " + "zeer uitgebreide en lange " * 12 + "vast te stellen;")
    qtbot.waitUntil(lambda: edit.height() > 2.5 * one_line, timeout=2_000)
    assert not edit.verticalScrollBar().isVisible()
    assert edit.verticalScrollBar().maximum() == 0  # every line shows: nothing to scroll
    edit.setPlainText("kort;")
    qtbot.waitUntil(lambda: edit.height() <= one_line, timeout=2_000)
    assert edit.height() < 2.2 * edit.fontMetrics().lineSpacing() + 20  # one line, not a two-line box
