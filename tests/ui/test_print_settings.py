"""Print preview from the house-style layout, the settings dialog, and Qt's own Dutch."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from PySide6.QtWidgets import QDialogButtonBox

from desktop.domain.draft import load_draft_file

FIXTURES = Path(__file__).parent.parent / "fixtures"


def test_print_document_has_the_stuk_in_the_house_layout(qtbot: Any, open_editor: Any) -> None:
    from desktop.ui.editor.printing import print_document

    editor = open_editor(load_draft_file(FIXTURES / "a4tje_full.json"))
    doc = print_document(editor.snapshot(), editor.form, editor.ctx.formset)
    text = doc.toPlainText()
    assert "Koepelplan Stadsbeheer 2012" in text
    assert "in te stemmen met het Koepelplan Stadsbeheer 2012;" in text
    assert doc.defaultFont().family() == "Liberation Sans"


def test_print_preview_dialog_renders_pages(qtbot: Any, open_editor: Any) -> None:
    from PySide6.QtPrintSupport import QPrintPreviewWidget

    from desktop.ui.editor import actions

    editor = open_editor(load_draft_file(FIXTURES / "a4tje_full.json"))
    dialog = actions.preview(editor, show=False)
    qtbot.addWidget(dialog)
    dialog.show()
    widget = dialog.findChild(QPrintPreviewWidget)
    qtbot.waitUntil(lambda: widget.pageCount() >= 1, timeout=10_000)
    assert widget.pageCount() == 1  # the A4tje fits one page
    page = dialog.printer().pageLayout()
    assert page.pageSize().id().name == "A4"


def test_ctrl_p_is_the_print_action(qtbot: Any, open_editor: Any) -> None:
    from desktop.domain.draft import new_draft
    from desktop.domain.forms import default_formset

    editor = open_editor(new_draft(default_formset().get("a4tje")))
    keys = {a.shortcut().toString(): a.text() for a in editor.actions()}
    assert "Afdrukken" in keys["Ctrl+P"]


def test_settings_dialog_saves_and_reload(qtbot: Any) -> None:
    from desktop.config.settings import Settings
    from desktop.ui.settings_dialog import SettingsDialog

    settings = Settings()
    dialog = SettingsDialog(settings)
    qtbot.addWidget(dialog)
    dialog.inputs["naam"].setText("  A. Jansen ")
    dialog.inputs["telefoon"].setText("1234")
    dialog.inputs["directie"].setCurrentText("Bestuursdienst")
    dialog.inputs["autosave_ms"].setValue(2000)
    dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Ok).click()
    again = Settings()
    assert again["naam"] == "A. Jansen"
    assert again["directie"] == "Bestuursdienst"
    assert again["autosave_ms"] == 2000
    assert "rol" not in again.as_dict()  # the unused role setting is gone: a key decides the role


def test_settings_survive_a_broken_file(isolated_environment: Path) -> None:
    from desktop.config import paths
    from desktop.config.settings import SETTINGS_FILE, Settings

    folder = paths.config_dir()
    folder.mkdir(parents=True, exist_ok=True)
    (folder / SETTINGS_FILE).write_text("{niet json", encoding="utf-8")
    settings = Settings()
    assert settings["autosave_ms"] == 3000
    assert settings.problem and "onleesbaar" in settings.problem
    (folder / SETTINGS_FILE).write_text(json.dumps({"autosave_ms": "snel", "telefoon": [1], "naam": 3}), encoding="utf-8")
    settings = Settings()
    assert settings["autosave_ms"] == 3000 and settings["telefoon"] == "" and settings["naam"] == ""
    settings["autosave_ms"] = 10
    assert settings["autosave_ms"] == 500  # clamped to the declared minimum


def test_qt_dialogs_speak_dutch(qtbot: Any) -> None:
    from PySide6.QtCore import QCoreApplication
    from PySide6.QtWidgets import QApplication

    from desktop.ui.app import install_translations

    loaded = install_translations(QApplication.instance())
    try:
        assert loaded, "qtbase_nl.qm from PySide6 should load"
        box = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel | QDialogButtonBox.StandardButton.Save)
        qtbot.addWidget(box)
        texts = {b.text().replace("&", "") for b in box.buttons()}
        assert "Annuleren" in texts and "Opslaan" in texts
    finally:
        for translator in loaded:
            QCoreApplication.removeTranslator(translator)
