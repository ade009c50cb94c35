"""Every field's accessible name is its label; every action has a keyboard path."""

from __future__ import annotations

from typing import Any

import pytest

from desktop.domain.draft import new_draft
from desktop.domain.forms import default_formset
from desktop.ui.editor.window import EditorContext, EditorWindow
from desktop.ui.services import DraftService


@pytest.mark.parametrize("form_id", ["a4tje", "raadsbrief"])
def test_accessible_name_is_the_label_for_every_field(qtbot: Any, form_id: str) -> None:
    formset = default_formset()
    form = formset.get(form_id)
    assert form is not None
    editor = EditorWindow(new_draft(form), None, DraftService(), EditorContext(formset))
    qtbot.addWidget(editor)
    seen = 0
    for fdef in form.fields:
        row = editor.view.rows[fdef.id]
        assert row.widget.accessibleName() == fdef.label
        assert row.widget.focus_target().accessibleName() == fdef.label
        # The visible label is the buddy of the input, so Alt+letter paths and screen readers agree.
        assert row.label.buddy() is row.widget.focus_target()
        seen += 1
    assert seen == len(list(form.fields))


@pytest.mark.parametrize("form_id", ["a4tje", "raadsbrief"])
def test_every_editor_menu_action_has_a_shortcut(qtbot: Any, form_id: str) -> None:
    formset = default_formset()
    form = formset.get(form_id)
    editor = EditorWindow(new_draft(form), None, DraftService(), EditorContext(formset))
    qtbot.addWidget(editor)
    for menu_action in editor.menuBar().actions():
        assert "&" in menu_action.text()
        for action in menu_action.menu().actions():
            if action.isSeparator():
                continue
            assert not action.shortcut().isEmpty(), action.text()


def test_main_window_actions_have_shortcuts(qtbot: Any) -> None:
    from desktop.ui.main_window import MainWindow

    window = MainWindow()
    qtbot.addWidget(window)
    window.attach_model()  # shortcuts are installed after the first paint
    for action in (window.new_a4_action, window.new_rb_action, window.open_action, window.dup_action,
                   window.delete_action, window.undo_action, window.find_action, window.settings_action):
        assert not action.shortcut().isEmpty(), action.text()
    assert window.new_a4_action.shortcut().toString() == "Ctrl+N"
    assert window.find_action.shortcut().toString() == "Ctrl+F"
    assert window.undo_action.shortcut().toString() == "Ctrl+Z"


def test_window_geometry_is_restored(qtbot: Any) -> None:
    from desktop.config.paths import config_dir
    from desktop.ui.main_window import MainWindow

    window = MainWindow()
    qtbot.addWidget(window)
    window.show()
    window.resize(640, 480)  # the offscreen screen is 800 x 600
    window.close()
    assert (config_dir() / "venster.ini").is_file()
    again = MainWindow()
    qtbot.addWidget(again)
    assert (again.width(), again.height()) == (640, 480)
