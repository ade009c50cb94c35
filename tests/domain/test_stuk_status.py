"""What the steller sees of a stuk, built from their submissions and the stored history."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from typing import Any

from desktop.domain import workflow as wf
from desktop.domain.stuk_status import HistoryEntry, meeting_text, stuk_status
from desktop.domain.submission import SubmissionRow


def row(sid: str, state: str, doc: dict[str, Any] | None = None, **extra: Any) -> SubmissionRow:
    values: dict[str, Any] = dict(
        id=sid, draft_key="concept:d1", draft_id="d1", onderwerp="Plan", queue_dir="/q", state=state, detail="",
        supersedes=None, content_hash="", confidential=False, created="2030-03-01T09:00:00+00:00", delivered=None,
        updated="", attempts=0, last_error="", pending_withdrawal=False,
        status_json=json.dumps(doc) if doc is not None else "",
    )
    values.update(extra)
    return SubmissionRow(**values)


def test_a_draft_never_submitted_is_a_concept_with_its_history() -> None:
    at = datetime(2030, 3, 1, 9, tzinfo=UTC)
    status = stuk_status("d1", [], [HistoryEntry(at, wf.CONCEPT, "aangemaakt")])
    assert status.state == wf.CONCEPT and not status.submitted and status.label == "Concept"
    assert "Indienen" in status.next_step and status.history[0].label == "Concept"


def test_outbox_tells_why_it_waits() -> None:
    status = stuk_status("d1", [row("s1", wf.IN_DE_UITBAK, last_error="De wachtrijmap is niet bereikbaar.")])
    assert status.label == "In de uitbak" and status.waiting_reason == "De wachtrijmap is niet bereikbaar."
    assert "Nu versturen" in status.next_step and status.can_withdraw


def test_sent_back_keeps_the_reason_and_the_number_of_an_older_version() -> None:
    older = row("s1", wf.VERVANGEN, {"state": "vervangen", "registratienummer": "BD 30.0000001"})
    back = row("s2", wf.TERUGGESTUURD, {"state": "teruggestuurd", "reason": "Geen financiële paragraaf."},
               detail="Geen financiële paragraaf.")
    status = stuk_status("d1", [older, back])
    assert status.submission_id == "s2" and status.state == wf.TERUGGESTUURD
    assert status.reason == "Geen financiële paragraaf." and status.registratienummer == "BD 30.0000001"
    assert "opnieuw in" in status.next_step and not status.outcome


def test_decided_shows_outcome_decision_meeting_and_number() -> None:
    doc = {"state": "teruggekoppeld", "registratienummer": "SB 30.0000002", "meeting_date": "2030-03-12",
           "outcome": wf.GEWIJZIGD, "decision_text": "Het college besluit: I. het plan te verkleinen."}
    status = stuk_status("d1", [row("s1", wf.TERUGGEKOPPELD, doc)])
    assert (status.label, status.outcome_label, status.meeting) == ("Teruggekoppeld", "Gewijzigd", "12-3-2030")
    assert status.decision_text.startswith("Het college besluit") and status.registratienummer == "SB 30.0000002"
    assert not status.can_withdraw


def test_held_over_and_a_pending_withdrawal() -> None:
    held = stuk_status("d1", [row("s1", wf.AANGEHOUDEN, {"state": "besloten", "outcome": wf.AANGEHOUDEN,
                                                        "meeting_date": "2030-03-12", "hamerstuk": True})])
    assert held.label == "Aangehouden" and held.outcome_label == "Aangehouden" and held.hamerstuk is True
    gone = stuk_status("d1", [row("s1", wf.INGETROKKEN, None, detail="Niet meer nodig", pending_withdrawal=True)])
    assert gone.label == "Ingetrokken (intrekking wacht op verbinding)" and gone.reason == "Niet meer nodig"


def test_damaged_status_json_and_odd_meeting_dates_do_not_break_it() -> None:
    status = stuk_status("d1", [row("s1", wf.GEAGENDEERD, None, status_json="{niet json")])
    assert status.state == wf.GEAGENDEERD and status.registratienummer == "" and status.meeting == ""
    assert meeting_text("2030-03-12") == "12-3-2030" and meeting_text("volgende week") == "volgende week"
    assert meeting_text(None) == ""
