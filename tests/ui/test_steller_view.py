"""The steller sees what happened to their stuk: states, number, outcome, decision, reason.

Real parts throughout: the application as ``main.py`` builds it, a real store, a share made
by the secretariat's ``meeting init`` and the real ``Secretariaat`` (or its signed status
files), and the queue poller on its worker thread.
"""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QWidget

from desktop.domain import workflow as wf
from desktop.domain.draft import load_draft_file
from tests.ui.conftest import wait_idle

FIXTURES = Path(__file__).parent.parent / "fixtures"


@pytest.fixture
def share(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A share made by the secretariat ('meeting init'), the steller's queue folder."""
    from desktop.secretariat.queue_source import init_queue, own_key

    folder = tmp_path / "share"
    folder.mkdir()
    own_key(create=True)
    init_queue(folder)
    monkeypatch.setenv("STUKKEN_QUEUE_DIR", str(folder))
    return folder


@pytest.fixture
def sec(share: Path, tmp_path: Path) -> Any:
    from desktop.secretariat.service import Secretariaat

    return Secretariaat(share, actor="Anna (anna)", data_dir=tmp_path / "anna")


def submit(qtbot: Any, stukken: Any, onderwerp: str) -> tuple[Any, str]:
    """Write a complete A4tje in the editor and submit it; returns the editor and its title."""
    from desktop.ui import queue_actions

    draft = load_draft_file(FIXTURES / "a4tje_full.json")
    draft.values["bijlagen"] = []
    draft.values["onderwerp"] = onderwerp
    editor = stukken.controller._open_editor(draft, None, stukken.context())
    wait_idle(qtbot, editor)
    told: list[tuple[str, str]] = []
    question = queue_actions.submit(editor, done=lambda title, text: told.append((title, text)))
    next(b for b in question.buttons() if b.text() == "Indienen").click()
    qtbot.waitUntil(lambda: bool(told), timeout=60_000)
    return editor, told[0][0]


def by_name(window: Any, name: str) -> Any:
    """The one widget with this accessible name (how the journey test finds them)."""
    found = [w for w in window.findChildren(QWidget) if w.accessibleName() == name]
    assert len(found) == 1, (name, found)
    return found[0]


def list_state(window: Any, draft_id: str) -> str:
    rows = [i for i, r in enumerate(window.model.rows) if r.id == draft_id]
    return str(window.model.data(window.model.index(rows[0], 2))) if rows else ""


def select(qtbot: Any, window: Any, draft_id: str) -> None:
    window.select_id(draft_id)
    qtbot.waitUntil(lambda: window.steller.shown_id == draft_id, timeout=10_000)


def press_f5(qtbot: Any, window: Any) -> None:
    assert window.refresh_action.shortcut() == QKeySequence("F5")
    # A shortcut reaches the active window only (the editors opened on top of it).
    window.raise_()
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow, timeout=5_000)
    window.table.setFocus()
    qtbot.keyClick(window.table, Qt.Key.Key_F5)


def wait_poller_idle(qtbot: Any, stukken: Any) -> None:
    """The first automatic poll (2 s after the list) is done: what follows is our doing."""
    qtbot.waitUntil(lambda: stukken.poller is not None and not stukken.poller.running, timeout=30_000)


def submission_id(qtbot: Any, editor: Any) -> str:
    qtbot.waitUntil(lambda: editor.status_panel.status is not None and editor.status_panel.status.submitted,
                    timeout=20_000)
    return str(editor.status_panel.status.submission_id)


def test_accepted_stuk_shows_its_number_after_f5_and_the_news_stays(qtbot: Any, share: Path, sec: Any,
                                                                     stukken: Any) -> None:
    window = stukken.window
    editor, title = submit(qtbot, stukken, "Koepelplan Stadsbeheer 2012")
    assert title == "Ingediend"
    draft_id, sid = editor.session.draft_id, submission_id(qtbot, editor)
    assert editor.status_panel.state_label.text() == "Ingediend"
    assert editor.status_panel.registratienummer_label.text() == "wordt toegekend"
    wait_poller_idle(qtbot, stukken)

    number = sec.accept(sid)
    press_f5(qtbot, window)  # the 60-second timer is far away: only F5 reads the status now
    qtbot.waitUntil(lambda: list_state(window, draft_id) == "Aanvaard", timeout=20_000)

    # The message bar says so, and stays until dismissed.
    bar = by_name(window, "Meldingen")
    assert bar is window.steller.bar and bar.isVisible()
    assert "Koepelplan Stadsbeheer 2012" in bar.label.text() and "aanvaard" in bar.label.text()
    window.show_message("Iets anders")
    stukken.controller.refresh()
    qtbot.wait(300)
    assert bar.isVisible() and "aanvaard" in bar.label.text()

    # The detail pane and the editor show the number without a tooltip.
    select(qtbot, window, draft_id)
    pane = by_name(window, "Details van het stuk")
    assert pane is window.steller.details
    qtbot.waitUntil(lambda: pane.registratienummer_label.text() == number, timeout=10_000)
    assert pane.state_label.text() == "Aanvaard" and pane.subject_label.text() == "Koepelplan Stadsbeheer 2012"
    assert "Ingediend" in pane.history_label.text() and "Aanvaard" in pane.history_label.text()
    qtbot.waitUntil(lambda: editor.status_panel.registratienummer_label.text() == number, timeout=10_000)
    assert editor.view.rows["registratienummer"].widget.value() == number  # no longer "wordt toegekend"
    assert editor.snapshot().values["registratienummer"] == number  # the export prints it
    qtbot.waitUntil(lambda: not editor.dirty and editor.session.pending == 0, timeout=10_000)  # and it is kept
    # The number is the secretariat's, not a change of the stuk: submitting again sends nothing.
    again: list[tuple[str, str]] = []
    from desktop.ui import queue_actions

    question = queue_actions.submit(editor, done=lambda t, text: again.append((t, text)))
    next(b for b in question.buttons() if b.text() == "Indienen").click()
    qtbot.waitUntil(lambda: bool(again), timeout=30_000)
    assert "al ingediend" in again[0][1]

    window.dismiss_action.trigger()
    assert not bar.isVisible()


def test_sent_back_decided_and_held_over(qtbot: Any, share: Path, sec: Any, stukken: Any) -> None:
    from desktop.secretariat import publishing

    window = stukken.window
    eds = {name: submit(qtbot, stukken, name)[0] for name in ("Plan A", "Plan B", "Plan C")}
    ids = {name: (e.session.draft_id, submission_id(qtbot, e)) for name, e in eds.items()}
    wait_poller_idle(qtbot, stukken)
    sec.send_back(ids["Plan A"][1], "De financiële paragraaf ontbreekt.")
    num_b, _num_c = sec.accept(ids["Plan B"][1]), sec.accept(ids["Plan C"][1])
    day = date(2030, 3, 12)
    sec.create_meeting(day, datetime(2030, 3, 7, 12))
    sec.place(day, ids["Plan B"][1], "bespreekstuk")
    sec.place(day, ids["Plan C"][1], "hamerstuk")
    sec.freeze(day)
    sec.decide(day, ids["Plan B"][1], wf.CONFORM)
    sec.decide(day, ids["Plan C"][1], wf.AANGEHOUDEN)
    publishing.publish(sec, day, share.parent / "uit")

    press_f5(qtbot, window)
    qtbot.waitUntil(lambda: list_state(window, ids["Plan B"][0]) == "Teruggekoppeld", timeout=20_000)
    assert list_state(window, ids["Plan A"][0]) == "Teruggestuurd"
    assert list_state(window, ids["Plan C"][0]) == "Aangehouden"

    pane = window.steller.details
    select(qtbot, window, ids["Plan A"][0])
    qtbot.waitUntil(lambda: pane.state_label.text() == "Teruggestuurd", timeout=10_000)
    assert pane.reason_label.text() == "De financiële paragraaf ontbreekt."
    assert "dien het opnieuw in" in pane.next_label.text()
    assert pane.reason_label.isVisibleTo(window)

    select(qtbot, window, ids["Plan B"][0])
    qtbot.waitUntil(lambda: pane.state_label.text() == "Teruggekoppeld", timeout=10_000)
    assert pane.outcome_label.text() == "Conform" and pane.registratienummer_label.text() == num_b
    assert pane.decision_label.text().startswith("Het college besluit")
    assert pane.meeting_label.text().startswith("12-3-2030")
    assert pane.decision_label.isVisibleTo(window) and pane.outcome_label.isVisibleTo(window)

    select(qtbot, window, ids["Plan C"][0])
    qtbot.waitUntil(lambda: pane.state_label.text() == "Aangehouden", timeout=10_000)
    assert pane.outcome_label.text() == "Aangehouden" and "volgende vergadering" in pane.next_label.text()

    panel = eds["Plan B"].status_panel
    assert panel.accessibleName() == "Status van het stuk"
    qtbot.waitUntil(lambda: panel.state_label.text() == "Teruggekoppeld", timeout=10_000)
    assert panel.outcome_label.text() == "Conform" and panel.decision_label.text().startswith("Het college besluit")
    assert eds["Plan A"].status_panel.reason_label.text() == "De financiële paragraaf ontbreekt."


def test_besloten_status_file_shows_outcome_and_decision(qtbot: Any, share: Path, stukken: Any) -> None:
    """A ``besloten`` status written by a secretariat key (before its publication)."""
    from desktop.queue.secretariat_keypair import own_keys
    from desktop.queue.secretariat_keys import write_status
    from desktop.share import LocalShare

    editor, _ = submit(qtbot, stukken, "Besloten plan")
    sid = submission_id(qtbot, editor)
    wait_poller_idle(qtbot, stukken)
    write_status(LocalShare(share), own_keys()[0], sid, "besloten", outcome=wf.GEWIJZIGD,
                 decision_text="Het college besluit: I. het plan te verkleinen.",
                 registratienummer="BD 30.0000007", meeting_date="2030-03-12")
    press_f5(qtbot, stukken.window)
    panel = editor.status_panel
    qtbot.waitUntil(lambda: panel.state_label.text() == "Besloten", timeout=20_000)
    assert panel.outcome_label.text() == "Gewijzigd"
    assert panel.decision_label.text() == "Het college besluit: I. het plan te verkleinen."
    assert panel.registratienummer_label.text() == "BD 30.0000007"
    assert list_state(stukken.window, editor.session.draft_id) == "Besloten"


def test_outbox_lists_waiting_stuk_and_nu_versturen_delivers(qtbot: Any, tmp_path: Path,
                                                             monkeypatch: pytest.MonkeyPatch, stukken: Any) -> None:
    from desktop.secretariat.queue_source import init_queue, own_key

    folder = tmp_path / "niet-gekoppeld" / "share"  # the share is not there (yet)
    monkeypatch.setenv("STUKKEN_QUEUE_DIR", str(folder))
    window = stukken.window
    editor, title = submit(qtbot, stukken, "Plan in de uitbak")
    draft_id = editor.session.draft_id
    assert title == "In de uitbak"
    qtbot.waitUntil(lambda: list_state(window, draft_id) == "In de uitbak", timeout=10_000)
    qtbot.waitUntil(lambda: editor.status_panel.state_label.text() == "In de uitbak", timeout=10_000)
    wait_poller_idle(qtbot, stukken)
    assert list_state(window, draft_id) == "In de uitbak"  # the automatic poll could not deliver

    assert window.outbox_action.shortcut() == QKeySequence("Ctrl+U")
    window.outbox_action.trigger()
    outbox = window.steller.outbox
    assert outbox.accessibleName() == "Uitbak"
    qtbot.waitUntil(lambda: len(outbox.rows) == 1, timeout=10_000)
    assert outbox.table.item(0, 0).text() == "Plan in de uitbak"
    assert "1 stuk wacht" in outbox.result_label.text()

    folder.parent.mkdir()
    folder.mkdir()
    own_key(create=True)
    init_queue(folder)  # the secretariat's share is there now
    with qtbot.waitSignal(outbox.loaded, timeout=30_000, check_params_cb=lambda n: n == 0):
        outbox.send_button.click()
    assert "De uitbak is leeg" in outbox.result_label.text()
    assert any((folder / "ingediend").iterdir())
    qtbot.waitUntil(lambda: list_state(window, draft_id) == "Ingediend", timeout=10_000)
    assert "1 stuk uit de uitbak is ingediend." in window.steller.bar.label.text()


def test_new_actions_are_in_the_menus_with_their_own_shortcuts(qtbot: Any) -> None:
    from desktop.ui.main_window import MainWindow

    window = MainWindow()
    qtbot.addWidget(window)
    window.attach_model()
    window.build_steller()
    in_menus = {a.text(): a for m in window.menuBar().actions() for a in m.menu().actions() if not a.isSeparator()}
    wanted = {"&Uitbak…": "Ctrl+U", "Uitbak nu &versturen": "Ctrl+Shift+U", "&Meldingen sluiten": "Ctrl+Shift+L",
              "&Vernieuwen en wachtrij bijwerken": "F5"}
    for text, keys in wanted.items():
        assert in_menus[text].shortcut().toString() == keys
    keys = [a.shortcut().toString() for a in in_menus.values() if not a.shortcut().isEmpty()]
    assert len(keys) == len(set(keys)), sorted(keys)
    names = {w.accessibleName() for w in window.findChildren(QWidget)}
    assert {"Meldingen", "Details van het stuk", "Registratienummer", "Uitkomst", "Besluittekst"} <= names
