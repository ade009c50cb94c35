"""Submitting from the editor to the queue folder; the list then shows the new status."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from desktop.domain.draft import load_draft_file, new_draft
from desktop.domain.forms import default_formset
from tests.ui.conftest import wait_idle

FIXTURES = Path(__file__).parent.parent / "fixtures"


def submit_full_a4tje(qtbot: Any, stukken: Any) -> tuple[Any, list[tuple[str, str]]]:
    """Open the complete sample A4tje (without attachment files) and submit it; wait for the answer."""
    from desktop.ui import queue_actions

    draft = load_draft_file(FIXTURES / "a4tje_full.json")
    draft.values["bijlagen"] = []
    editor = stukken.controller._open_editor(draft, None, stukken.context())
    wait_idle(qtbot, editor)
    told: list[tuple[str, str]] = []
    question = queue_actions.submit(editor, done=lambda title, text: told.append((title, text)))
    summary = question.informativeText()
    assert "Aan: het secretariaat, via de wachtrij" in summary and "Classificatie: Openbaar" in summary
    assert "Bijlagen: geen" in summary and "Stuk: A4tje (voorstel), raadsvoorstel, \u201cKoepelplan" in summary
    next(b for b in question.buttons() if b.text() == "Indienen").click()
    qtbot.waitUntil(lambda: bool(told), timeout=60_000)
    return editor, told


def test_submit_a_complete_a4tje(qtbot: Any, stukken: Any) -> None:
    editor, told = submit_full_a4tje(qtbot, stukken)
    title, text = told[0]
    assert title == "Ingediend", text
    queue = Path(os.environ["STUKKEN_QUEUE_DIR"])
    assert any(queue.rglob("*")), "the queue folder holds the submission"
    draft_id = editor.session.draft_id
    qtbot.waitUntil(
        lambda: any(r.id == draft_id and r.status != "concept" for r in stukken.window.model.rows),
        timeout=20_000,
    )


def test_submit_refused_while_there_are_errors(qtbot: Any, stukken: Any) -> None:
    editor = stukken.controller._open_editor(new_draft(default_formset().get("a4tje")), None, stukken.context())
    wait_idle(qtbot, editor)
    told: list[tuple[str, str]] = []
    from desktop.ui import queue_actions

    queue_actions.submit(editor, done=lambda title, text: told.append((title, text)))
    assert told and "fouten zijn opgelost" in told[0][1]  # a new A4tje: several required fields
    assert "fouten zijn opgelost" in editor.submit_action.toolTip()
    assert editor.session.draft_id is None  # nothing saved, nothing sent


def test_withdraw_a_submission_from_the_list(qtbot: Any, stukken: Any) -> None:
    editor, told = submit_full_a4tje(qtbot, stukken)
    assert told[0][0] == "Ingediend"
    window = stukken.window
    asked: list[str] = []
    window.ask_text = lambda title, label: asked.append(label) or "Wordt vervangen"
    messages: list[str] = []
    window.show_message = messages.append
    stukken.controller.withdraw(editor.session.draft_id)
    qtbot.waitUntil(lambda: bool(messages), timeout=30_000)
    assert asked == ["Waarom trekt u het stuk in?"]
    assert "ingetrokken" in messages[0].lower() or "intrek" in messages[0].lower(), messages


def test_poll_reads_the_queue_state_into_the_list(qtbot: Any, stukken: Any) -> None:
    from PySide6.QtCore import Qt

    from desktop.ui import queue_actions

    editor, _told = submit_full_a4tje(qtbot, stukken)
    draft_id = editor.session.draft_id
    poller = queue_actions.QueuePoller(stukken.window, stukken.service)
    poller.states_read.connect(stukken.window.set_queue_states)
    with qtbot.waitSignal(poller.states_read, timeout=30_000) as read:
        poller.poll()
    assert draft_id in read.args[0]
    window = stukken.window
    qtbot.waitUntil(lambda: any(r.id == draft_id for r in window.model.rows), timeout=10_000)
    row = next(i for i, r in enumerate(window.model.rows) if r.id == draft_id)
    tip = window.model.data(window.model.index(row, 2), Qt.ItemDataRole.ToolTipRole)
    assert tip and tip != "concept"


def test_submit_asks_first_and_cancel_sends_nothing(qtbot: Any, stukken: Any) -> None:
    from desktop.ui import queue_actions

    draft = load_draft_file(FIXTURES / "a4tje_full.json")
    draft.values["bijlagen"] = []
    draft.values["classificatie"] = "Vertrouwelijk"
    editor = stukken.controller._open_editor(draft, None, stukken.context())
    wait_idle(qtbot, editor)
    told: list[tuple[str, str]] = []
    question = queue_actions.submit(editor, done=lambda title, text: told.append((title, text)))
    assert "Classificatie: Vertrouwelijk \u2014 versleuteld" in question.informativeText()
    next(b for b in question.buttons() if b.text() == "Annuleren").click()
    qtbot.wait(200)
    assert told == [] and editor.session.draft_id is None
    queue = Path(os.environ["STUKKEN_QUEUE_DIR"])
    assert not queue.exists() or not any(p.is_file() for p in queue.rglob("*"))
