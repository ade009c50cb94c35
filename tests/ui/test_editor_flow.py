"""The steller's path through the real window: new A4tje, type, findings, autosave, reopen, export."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt

from tests.ui.conftest import wait_idle


def _new_a4tje(qtbot: Any, stukken: Any) -> Any:
    window = stukken.window
    window.new_a4_action.trigger()
    editor = stukken.controller.new_editors[-1]
    qtbot.waitExposed(editor)
    wait_idle(qtbot, editor)
    return editor


def _rules(editor: Any, field: str) -> set[str]:
    return {f.rule for f in editor.checker.findings if f.field == field}


def test_new_a4tje_prefills_from_settings(qtbot: Any, stukken: Any) -> None:
    editor = _new_a4tje(qtbot, stukken)
    assert editor.view.rows["steller"].widget.value() == "J. de Vries"
    assert editor.view.rows["telefoon"].widget.value() == "1234"


def test_finding_appears_and_disappears_while_typing(qtbot: Any, stukken: Any) -> None:
    editor = _new_a4tje(qtbot, stukken)
    assert "required" in _rules(editor, "onderwerp")
    edit = editor.view.rows["onderwerp"].widget.edit
    qtbot.keyClicks(edit, "Koepelplan Stadsbeheer 2012")
    qtbot.waitUntil(lambda: "required" not in _rules(editor, "onderwerp"), timeout=5000)
    # Too long: the max_chars finding appears, and goes again after undo.
    qtbot.keyClicks(edit, " en" + " nog meer woorden" * 6)
    qtbot.waitUntil(lambda: "max_chars" in _rules(editor, "onderwerp"), timeout=5000)
    counter = editor.view.rows["onderwerp"].counter
    assert "/ 90 tekens" in counter.text()
    edit.setSelection(len("Koepelplan Stadsbeheer 2012"), 1000)
    qtbot.keyClick(edit, Qt.Key.Key_Delete)
    qtbot.waitUntil(lambda: "max_chars" not in _rules(editor, "onderwerp"), timeout=5000)
    assert edit.text() == "Koepelplan Stadsbeheer 2012"


def test_click_on_finding_jumps_to_field_and_selects_span(qtbot: Any, stukken: Any) -> None:
    editor = _new_a4tje(qtbot, stukken)
    edit = editor.view.rows["onderwerp"].widget.edit
    text = "Koepelplan " + "x" * 100
    qtbot.keyClicks(edit, text)
    qtbot.waitUntil(lambda: "max_chars" in _rules(editor, "onderwerp"), timeout=5000)
    panel = editor.findings_panel
    item = panel.first_item_for("max_chars")
    assert item is not None
    editor.view.rows["samenvatting"].widget.edit.setFocus()
    rect = panel.visualItemRect(item)
    qtbot.mouseClick(panel.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.waitUntil(edit.hasFocus, timeout=3000)
    assert edit.selectionStart() == 90
    assert edit.selectedText() == text[90:]


def test_section_navigator_states(qtbot: Any, stukken: Any) -> None:
    editor = _new_a4tje(qtbot, stukken)
    nav = editor.navigator
    assert nav.states["toelichting"] == "leeg"
    assert nav.states["kop"] == "onvolledig"
    edit = editor.view.rows["samenvatting"].widget.edit
    qtbot.keyClicks(edit, "Wij stellen voor het plan vast te stellen.")
    wait_idle(qtbot, editor)
    assert nav.states["toelichting"] == "onvolledig"


def test_autosave_reopen_and_find_the_text(qtbot: Any, stukken: Any) -> None:
    editor = _new_a4tje(qtbot, stukken)
    edit = editor.view.rows["onderwerp"].widget.edit
    with qtbot.waitSignal(editor.saved, timeout=15_000) as saved:
        qtbot.keyClicks(edit, "Fietsenstallingsbeleid binnenstad")
    draft_id = saved.args[0]
    assert draft_id
    # The list shows it.
    qtbot.waitUntil(lambda: any(r.id == draft_id for r in stukken.window.model.rows), timeout=10_000)
    row = next(r for r in stukken.window.model.rows if r.id == draft_id)
    assert row.onderwerp == "Fietsenstallingsbeleid binnenstad"
    assert row.status == "concept"
    # Closing asks nothing; reopening shows the text.
    editor.close()
    qtbot.waitUntil(lambda: draft_id not in stukken.controller.editors, timeout=5000)
    stukken.window.select_id(draft_id)
    stukken.window.open_action.trigger()
    qtbot.waitUntil(lambda: draft_id in stukken.controller.editors, timeout=10_000)
    again = stukken.controller.editors[draft_id]
    assert again.view.rows["onderwerp"].widget.value() == "Fietsenstallingsbeleid binnenstad"


def test_typing_after_close_is_saved_without_a_question(qtbot: Any, stukken: Any) -> None:
    editor = _new_a4tje(qtbot, stukken)
    editor.autosave_timer.setInterval(60_000)
    qtbot.keyClicks(editor.view.rows["onderwerp"].widget.edit, "Gesloten zonder vragen")
    session = editor.session
    editor.close()
    qtbot.waitUntil(lambda: session.pending == 0 and session.draft_id is not None, timeout=10_000)
    from desktop.storage.service import DraftStore

    with DraftStore() as store:
        assert store.get(session.draft_id).draft.values["onderwerp"] == "Gesloten zonder vragen"


def test_search_duplicate_delete_and_undo(qtbot: Any, stukken: Any) -> None:
    editor = _new_a4tje(qtbot, stukken)
    with qtbot.waitSignal(editor.saved, timeout=15_000) as saved:
        qtbot.keyClicks(editor.view.rows["onderwerp"].widget.edit, "Koepelplan Stadsbeheer")
    draft_id = saved.args[0]
    editor.close()
    window = stukken.window
    qtbot.waitUntil(lambda: len(window.model.rows) == 1, timeout=10_000)
    window.select_id(draft_id)
    window.dup_action.trigger()
    qtbot.waitUntil(lambda: len(window.model.rows) == 2, timeout=10_000)
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow, timeout=3000)
    window.find_action.trigger()
    qtbot.waitUntil(window.search.hasFocus, timeout=3000)
    qtbot.keyClicks(window.search, "zzzgeenresultaat")
    qtbot.waitUntil(lambda: len(window.model.rows) == 0, timeout=10_000)
    window.search.clear()
    qtbot.waitUntil(lambda: len(window.model.rows) == 2, timeout=10_000)
    window.select_id(draft_id)
    window.table.setFocus()
    window.delete_action.trigger()
    qtbot.waitUntil(lambda: len(window.model.rows) == 1, timeout=10_000)
    assert window.undo_bar.isVisibleTo(window)
    window.undo_action.trigger()
    qtbot.waitUntil(lambda: len(window.model.rows) == 2, timeout=10_000)
    assert any(r.id == draft_id for r in window.model.rows)


def test_export_docx_from_the_editor(qtbot: Any, stukken: Any, tmp_path: Path) -> None:
    from desktop.domain.draft import load_draft_file
    from desktop.ui.editor import actions

    draft = load_draft_file(Path(__file__).parent.parent / "fixtures" / "a4tje_full.json")
    editor = stukken.controller._open_editor(draft, None, stukken.context())
    out = tmp_path / "koepelplan.docx"
    future = actions.export(editor, path=str(out), ask_after=False)
    qtbot.waitUntil(lambda: future.done() and editor.statusBar().currentMessage().startswith("Geëxporteerd"), timeout=30_000)
    import docx

    text = "\n".join(p.text for p in docx.Document(str(out)).paragraphs)
    for table in docx.Document(str(out)).tables:
        text += "\n".join(c.text for row in table.rows for c in row.cells)
    assert "Koepelplan Stadsbeheer 2012" in text


def test_trash_view_restore_and_purge(qtbot: Any, stukken: Any) -> None:
    editor = _new_a4tje(qtbot, stukken)
    with qtbot.waitSignal(editor.saved, timeout=15_000) as saved:
        qtbot.keyClicks(editor.view.rows["onderwerp"].widget.edit, "Naar de prullenbak")
    draft_id = saved.args[0]
    editor.close()
    window = stukken.window
    qtbot.waitUntil(lambda: len(window.model.rows) == 1, timeout=10_000)
    window.select_id(draft_id)
    window.delete_action.trigger()
    qtbot.waitUntil(lambda: len(window.model.rows) == 0, timeout=10_000)
    window.trash_action.trigger()
    qtbot.waitUntil(lambda: [r.id for r in window.model.rows] == [draft_id], timeout=10_000)
    assert window.model.rows[0].deleted
    window.select_id(draft_id)
    window.restore_action.trigger()
    qtbot.waitUntil(lambda: len(window.model.rows) == 0, timeout=10_000)
    window.trash_action.trigger()
    qtbot.waitUntil(lambda: len(window.model.rows) == 1, timeout=10_000)
    # Delete again and purge for good (the confirmation answered yes).
    window.select_id(draft_id)
    window.delete_action.trigger()
    qtbot.waitUntil(lambda: len(window.model.rows) == 0, timeout=10_000)
    window.trash_action.trigger()
    qtbot.waitUntil(lambda: len(window.model.rows) == 1, timeout=10_000)
    window.select_id(draft_id)
    window.confirm = lambda title, text: True  # the question itself is QMessageBox.question
    window.purge_action.trigger()
    qtbot.waitUntil(lambda: len(window.model.rows) == 0, timeout=10_000)
    from desktop.storage.service import DraftStore

    with DraftStore() as store:
        assert store.list(include_deleted=True) == []


def test_a_damaged_database_is_moved_aside_and_said_once(qtbot: Any, isolated_environment: Path) -> None:
    from PySide6.QtWidgets import QApplication

    from desktop.storage.db import default_db_path
    from desktop.ui.app import Application
    from tests.ui.conftest import write_settings

    write_settings(autosave_ms=500)
    path = default_db_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(b"dit is geen database" * 100)
    app = Application(QApplication.instance())
    qtbot.addWidget(app.window)
    errors: list[str] = []
    app.window.show_error = lambda text, detail="": errors.append(text)  # type: ignore[method-assign]
    app.window.show()
    try:
        app.start()
        qtbot.waitUntil(lambda: bool(errors), timeout=20_000)
        qtbot.waitUntil(lambda: app.controller.listed >= 1, timeout=20_000)
    finally:
        app.shutdown()
    assert len(errors) == 1
    assert "opzij" in errors[0] or "beschadigd" in errors[0] or "verplaatst" in errors[0], errors[0]
    assert app.window.model.rows == []


def test_typing_without_a_pause_is_still_saved(qtbot: Any, stukken: Any) -> None:
    editor = _new_a4tje(qtbot, stukken)
    editor.autosave_timer.setInterval(60_000)
    editor.longest_unsaved.setInterval(400)
    edit = editor.view.rows["samenvatting"].widget.edit
    saves: list[Any] = []
    editor.saved.connect(saves.append)
    for word in ["wij", "blijven", "maar", "typen", "zonder", "ooit", "te", "stoppen"] * 3:
        qtbot.keyClicks(edit, word + " ")
        qtbot.wait(60)  # shorter than any pause the debounce would wait for
    assert saves, "a save happened while typing went on"


def test_restore_an_earlier_version(qtbot: Any, stukken: Any) -> None:
    from desktop.ui.editor import revisions

    editor = _new_a4tje(qtbot, stukken)
    edit = editor.view.rows["onderwerp"].widget.edit
    qtbot.keyClicks(edit, "Eerste versie")
    with qtbot.waitSignal(editor.saved, timeout=10_000):
        editor.save_action.trigger()
    qtbot.keyClicks(edit, " met een wijziging")
    revisions.open_dialog(editor)
    qtbot.waitUntil(lambda: editor.revisions_dialog is not None, timeout=10_000)
    dialog = editor.revisions_dialog
    assert dialog.list.count() >= 2
    first = dialog.list.count() - 1  # newest first: the last row is the oldest
    dialog.list.setCurrentRow(first)
    qtbot.waitUntil(lambda: "Onderwerp:\nEerste versie\n" in dialog.preview.toPlainText(), timeout=10_000)
    assert "wijziging" not in dialog.preview.toPlainText()
    dialog.restore_button.click()
    qtbot.waitUntil(lambda: edit.text() == "Eerste versie", timeout=10_000)
    assert not editor.dirty


def test_a_draft_of_an_unknown_form_is_refused_with_a_message(qtbot: Any, stukken: Any) -> None:
    from desktop.domain.draft import Draft

    stored_id = stukken.service.submit(lambda s: s.create(Draft(form="memo", values={"onderwerp": "Oud"}))).result(10)
    errors: list[str] = []
    stukken.window.show_error = lambda text, detail="": errors.append(text)
    stukken.controller.open(stored_id)
    qtbot.waitUntil(lambda: bool(errors), timeout=10_000)
    assert "kon niet worden geopend" in errors[0] and "'memo' is onbekend" in errors[0]
    assert stored_id not in stukken.controller.editors


def test_a_failed_save_keeps_the_text_and_says_so(qtbot: Any, stukken: Any) -> None:
    editor = _new_a4tje(qtbot, stukken)
    edit = editor.view.rows["onderwerp"].widget.edit
    with qtbot.waitSignal(editor.saved, timeout=15_000) as saved:
        qtbot.keyClicks(edit, "Wordt elders gewist")
    stukken.service.submit(lambda s: (s.delete(saved.args[0]), s.purge(saved.args[0]))).result(10)
    qtbot.keyClicks(edit, " en dan verder getypt")
    qtbot.waitUntil(lambda: editor.save_label.text() == "Niet opgeslagen", timeout=15_000)
    assert editor.dirty
    assert "Opslaan mislukt" in editor.statusBar().currentMessage()
    assert edit.text() == "Wordt elders gewist en dan verder getypt"
