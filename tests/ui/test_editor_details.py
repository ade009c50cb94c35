"""Editor details: per-field undo, readability, points, keyboard paths, the export question."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QMessageBox

from desktop.domain.draft import load_draft_file, new_draft
from desktop.domain.forms import default_formset
from tests.ui.conftest import wait_idle

FIXTURES = Path(__file__).parent.parent / "fixtures"


def test_undo_and_redo_are_per_field(qtbot: Any, open_editor: Any) -> None:
    editor = open_editor(new_draft(default_formset().get("a4tje")))
    a = editor.view.rows["aanleiding"].widget.edit
    b = editor.view.rows["kader"].widget.edit
    a.setFocus()
    qtbot.keyClicks(a, "eerste")
    b.setFocus()
    qtbot.keyClicks(b, "tweede")
    a.setFocus()
    qtbot.keyClick(a, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert a.toPlainText() == ""
    assert b.toPlainText() == "tweede"
    qtbot.keyClick(a, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    assert a.toPlainText() == "eerste"


def test_counter_and_readability_follow_the_text(qtbot: Any, open_editor: Any) -> None:
    editor = open_editor(new_draft(default_formset().get("a4tje")))
    row = editor.view.rows["samenvatting"]
    assert row.counter.text().startswith("0 / 80 woorden")
    qtbot.keyClicks(row.widget.edit, "De raad stelt de begroting vast. " * 4)
    qtbot.waitUntil(lambda: row.counter.text().startswith("24 / 80 woorden"), timeout=3000)
    assert "leesbaarheid" in row.counter.text()
    assert "makkelijk" in row.counter.text()


def test_points_add_reorder_remove(qtbot: Any, open_editor: Any) -> None:
    editor = open_editor(new_draft(default_formset().get("a4tje")))
    points = editor.view.rows["besluit"].widget
    assert points.value() == [""]
    qtbot.keyClicks(points.rows[0].edit, "kennis te nemen van de rapportage;")
    qtbot.mouseClick(points.add_button, Qt.MouseButton.LeftButton)
    qtbot.keyClicks(points.rows[1].edit, "de nota vast te stellen.")
    assert points.rows[1].number.text() == "II."
    qtbot.mouseClick(points.rows[1].up, Qt.MouseButton.LeftButton)
    assert points.value() == ["de nota vast te stellen.", "kennis te nemen van de rapportage;"]
    wait_idle(qtbot, editor)
    assert any(f.field == "besluit" and f.is_error for f in editor.checker.findings)  # endings now wrong
    qtbot.mouseClick(points.rows[0].remove, Qt.MouseButton.LeftButton)
    assert points.value() == ["kennis te nemen van de rapportage;"]
    assert points.rows[0].edit.accessibleName() == "Voorgesteld besluit, punt I"
    for _ in range(6):
        points.add_point()
    assert len(points.rows) == 5 and not points.add_button.isEnabled()
    soort = editor.view.rows["soort"].widget.combo
    soort.setCurrentText("raadsvoorstel")
    assert points.intro.text() == "De raad besluit:"


def test_f8_walks_through_the_findings(qtbot: Any, open_editor: Any) -> None:
    editor = open_editor(new_draft(default_formset().get("a4tje")))
    assert len(editor.findings_panel.findings) > 2
    first = editor.findings_panel.findings[0]
    editor.activateWindow()
    qtbot.keyClick(editor, Qt.Key.Key_F8)
    assert editor.findings_panel.currentRow() == 0
    target = editor.view.rows[first.field].widget.focus_target()
    assert QApplication.focusWidget() is target or target.isAncestorOf(QApplication.focusWidget())


def test_export_offers_open_and_show_in_folder(qtbot: Any, open_editor: Any, tmp_path: Path) -> None:
    from desktop.ui.editor import actions

    editor = open_editor(load_draft_file(FIXTURES / "a4tje_full.json"))
    seen: list[set[str]] = []

    def answer() -> None:
        box = QApplication.activeModalWidget()
        if not isinstance(box, QMessageBox):
            QTimer.singleShot(50, answer)
            return
        seen.append({b.text() for b in box.buttons()})
        next(b for b in box.buttons() if b.text() == "Sluiten").click()

    QTimer.singleShot(50, answer)
    out = tmp_path / "stuk.docx"
    future = actions.export(editor, path=str(out))
    qtbot.waitUntil(lambda: bool(seen), timeout=30_000)
    assert future.done() and out.is_file()
    assert {"Openen", "Toon in map", "Sluiten"} <= seen[0]


def test_export_to_an_unwritable_place_says_so(qtbot: Any, open_editor: Any, tmp_path: Path) -> None:
    from desktop.ui.editor import actions

    editor = open_editor(load_draft_file(FIXTURES / "a4tje_full.json"))
    messages: list[str] = []

    def answer() -> None:
        box = QApplication.activeModalWidget()
        if not isinstance(box, QMessageBox):
            QTimer.singleShot(50, answer)
            return
        messages.append(box.text())
        box.close()

    QTimer.singleShot(50, answer)
    actions.export(editor, path=str(tmp_path / "geen-map" / "stuk.docx"))
    qtbot.waitUntil(lambda: bool(messages), timeout=30_000)
    assert "kon niet worden gemaakt" in messages[0]
    assert "Traceback" not in messages[0]


def test_opening_a_draft_follows_a_renamed_field(
    qtbot: Any, open_editor: Any, tmp_path: Path, monkeypatch: Any, repo: Path
) -> None:
    from desktop.domain import forms

    site = tmp_path / "site" / "forms"
    site.mkdir(parents=True)
    text = (repo / "forms" / "a4tje.toml").read_text(encoding="utf-8")
    text = text.replace("version = 1", "version = 2", 1) + '\n[renamed]\nachtergrond = "aanleiding"\n'
    (site / "a4tje.toml").write_text(text, encoding="utf-8")
    monkeypatch.setenv("STUKKEN_SITE_DIR", str(tmp_path / "site"))
    monkeypatch.setattr(forms, "_default", None)
    old = new_draft(default_formset().get("a4tje"))
    del old.values["aanleiding"]
    old.values["achtergrond"] = "Tekst uit de vorige versie van het formulier."
    old.form_version = 1

    editor = open_editor(old)
    assert editor.view.rows["aanleiding"].widget.edit.toPlainText() == old.values["achtergrond"]
    assert "achtergrond" not in editor.draft.values

    # When the new field already has text, the old value stays (a vervallen veld), never lost.
    both = old.copy()
    both.values["aanleiding"] = "Nieuwe tekst."
    editor2 = open_editor(both)
    assert editor2.view.rows["aanleiding"].widget.edit.toPlainText() == "Nieuwe tekst."
    assert editor2.snapshot().values["achtergrond"] == old.values["achtergrond"]
