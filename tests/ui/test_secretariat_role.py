"""The main window offers the secretariat window only to a holder of a trusted secretariat key;
anyone else gets "Secretariaat instellen…" (make a key, show its id for IT)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest


def _action(window: Any) -> Any:
    from desktop.ui.secretariat.hook import OPEN_TEXT, SETUP_TEXT

    window.attach_model()
    window.view_menu.aboutToShow.emit()  # the text follows the role when the menu opens
    [action] = [a for a in window.view_menu.actions() if a.text() in (OPEN_TEXT, SETUP_TEXT)]
    return action


def _answer_dialogs(qtbot: Any, button_text: str | None, seen: list[str]) -> None:
    """Click ``button_text`` (else close) in each message box as it opens, recording its text."""
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication, QMessageBox

    def answer() -> None:
        box = QApplication.activeModalWidget()
        if not isinstance(box, QMessageBox):
            QTimer.singleShot(20, answer)
            return
        seen.append(box.text())
        chosen = next((b for b in box.buttons() if button_text and button_text in b.text().replace("&", "")), None)
        (chosen or box.buttons()[-1]).click()
        if len(seen) < 2 and button_text:
            QTimer.singleShot(20, answer)

    QTimer.singleShot(20, answer)


def test_a_steller_without_a_key_gets_setup_not_the_window(qtbot: Any, tmp_path: Path,
                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    from desktop.queue.secretariat_keypair import own_keys
    from desktop.ui.main_window import MainWindow
    from desktop.ui.secretariat.hook import OPEN_TEXT, SETUP_TEXT, open_window

    site = tmp_path / "site"
    site.mkdir()
    (site / "secretariaat-sleutels.txt").write_text("# nog niemand\n", encoding="utf-8")
    monkeypatch.setenv("STUKKEN_SITE_DIR", str(site))
    window = MainWindow()
    qtbot.addWidget(window)
    action = _action(window)
    assert action.text() == SETUP_TEXT

    seen: list[str] = []
    _answer_dialogs(qtbot, "Sleutel maken", seen)
    key_id = open_window(window)
    assert getattr(window, "_secretariat_window", None) is None  # never the secretariat window
    assert key_id and [k.key_id for k in own_keys()] == [key_id]
    assert "geen sleutel van het secretariaat" in seen[0] and key_id in seen[1]
    window.view_menu.aboutToShow.emit()
    assert action.text() == SETUP_TEXT  # a key of its own does nothing until IT lists it

    (site / "secretariaat-sleutels.txt").write_text(f"{key_id}\n", encoding="utf-8")
    window.view_menu.aboutToShow.emit()
    assert action.text() == OPEN_TEXT


def test_a_steller_confirms_a_new_secretariat_key_in_the_window(qtbot: Any, tmp_path: Path,
                                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    from PySide6.QtWidgets import QMessageBox

    from desktop.queue import anchor
    from desktop.queue.secretariat_key_files import publish
    from desktop.queue.secretariat_keys import trusted_secretariat_keys
    from desktop.share import LocalShare
    from desktop.ui.keys_dialog import KeysDialog
    from tests.shareinit import init_share, throwaway_key

    share = tmp_path / "share"
    init_share(share)
    anna, mallory = throwaway_key("Anna"), throwaway_key("Mallory")
    publish(LocalShare(share), anna)
    assert set(trusted_secretariat_keys(LocalShare(share))) == {anna.key_id}  # first sight: pinned
    publish(LocalShare(share), mallory)
    assert set(trusted_secretariat_keys(LocalShare(share))) == {anna.key_id}  # a new one waits

    dialog = KeysDialog()
    qtbot.addWidget(dialog)
    rows = {dialog.table.item(i, 1).text(): i for i in range(dialog.table.rowCount())}
    assert dialog.table.item(rows[mallory.key_id], 3).text() == anchor.PENDING
    assert dialog.confirm_button.isEnabled()
    answers = iter([QMessageBox.StandardButton.No, QMessageBox.StandardButton.Yes])
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: next(answers))
    dialog.table.selectRow(rows[mallory.key_id])
    assert not dialog.confirm_selected()  # "not checked yet": nothing changes
    assert set(trusted_secretariat_keys(LocalShare(share))) == {anna.key_id}
    dialog.table.selectRow(rows[mallory.key_id])
    assert dialog.confirm_selected()
    assert set(trusted_secretariat_keys(LocalShare(share))) == {anna.key_id, mallory.key_id}


def test_the_inbox_shows_who_submitted_it() -> None:
    from desktop.ui.secretariat.inbox_model import COLUMNS, cell_text

    assert ("account", "Ingediend door") in COLUMNS
    row = {"steller": "P. Jansen", "account": "GRONINGEN\\mallory", "vingerafdruk": "ab12:cd34"}
    assert cell_text(row, "account") == "GRONINGEN\\mallory (sleutel ab12:cd34)"
