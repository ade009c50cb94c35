"""What a steller sees of their stuk: state, number, meeting, outcome, decision, reason, history.

``stuk_status(draft_id, submissions, history)`` builds one ``StukStatus`` from the
steller's own records: the submissions of the draft (the latest one counts, with the
secretariat's verified status document in ``status_json``) and the stored history of
states. The window's status panel and detail pane show it; nothing here reads the share.

Pure Python: no Qt, no SQL, no files.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from desktop.domain import workflow as wf
from desktop.domain.dates import DateError, format_date, parse_date
from desktop.domain.submission import SubmissionRow

# What the steller can do next, per state (Dutch, for the status panel).
NEXT_STEP: dict[str, str] = {
    wf.CONCEPT: "Maak het stuk af en kies Bestand > Indienen bij het secretariaat (Ctrl+Shift+I).",
    wf.TER_PARAFERING: "Wacht op de paraaf van teamleider of directeur.",
    wf.TER_ADVISERING: "Wacht op het advies van de vakafdeling.",
    wf.GEREED: "Dien het stuk in: Bestand > Indienen bij het secretariaat (Ctrl+Shift+I).",
    wf.IN_DE_UITBAK: "U hoeft niets te doen: het stuk wordt verstuurd zodra de gedeelde map bereikbaar is. "
                     "Wilt u het nu proberen: Wachtrij > Uitbak (Ctrl+U) > Nu versturen.",
    wf.INGEDIEND: "U hoeft niets te doen: het secretariaat neemt het stuk in behandeling.",
    wf.AANVAARD: "U hoeft niets te doen: het secretariaat zet het stuk op de agenda van een vergadering.",
    wf.TERUGGESTUURD: "Pas het stuk aan zoals de reden vraagt en dien het opnieuw in (Ctrl+Shift+I); "
                      "de nieuwe versie vervangt deze inzending.",
    wf.GEAGENDEERD: "U hoeft niets te doen: het college bespreekt het stuk in de vergadering.",
    wf.AANGEHOUDEN: "U hoeft niets te doen: het secretariaat zet het stuk op de agenda van een volgende vergadering.",
    wf.BESLOTEN: "U hoeft niets te doen: de terugkoppeling volgt.",
    wf.TERUGGEKOPPELD: "Klaar: het besluit is gepubliceerd.",
    wf.INGETROKKEN: "Klaar: het stuk is ingetrokken. Dien het opnieuw in als dat toch nodig is.",
    wf.VERVANGEN: "Volg de nieuwere versie van dit stuk.",
}
# A withdrawal written locally that has not reached the share yet.
PENDING_SUFFIX = " (intrekking wacht op verbinding)"
# States that come with an outcome of the college.
_DECIDED = frozenset({wf.AANGEHOUDEN, wf.BESLOTEN, wf.TERUGGEKOPPELD})


@dataclass(frozen=True, slots=True)
class HistoryEntry:
    at: datetime  # aware (UTC) or naive local time
    state: str
    detail: str = ""
    actor: str = ""

    @property
    def label(self) -> str:
        return wf.label(self.state)


@dataclass(frozen=True, slots=True)
class StukStatus:
    draft_id: str
    state: str  # a state of desktop.domain.workflow
    submission_id: str = ""
    registratienummer: str = ""
    meeting: str = ""  # the meeting date, d-m-jjjj
    hamerstuk: bool | None = None
    outcome: str = ""  # an outcome of desktop.domain.workflow (OUTCOMES)
    decision_text: str = ""
    reason: str = ""  # why it was sent back or withdrawn
    waiting_reason: str = ""  # why it still waits in the outbox (the last delivery error)
    pending_withdrawal: bool = False
    can_withdraw: bool = False
    history: tuple[HistoryEntry, ...] = ()

    @property
    def label(self) -> str:
        text = wf.label(self.state)
        return text + PENDING_SUFFIX if self.pending_withdrawal else text

    @property
    def explanation(self) -> str:
        return wf.explanation(self.state)

    @property
    def next_step(self) -> str:
        return NEXT_STEP.get(self.state, "")

    @property
    def outcome_label(self) -> str:
        return wf.OUTCOME_LABELS.get(self.outcome, self.outcome)

    @property
    def submitted(self) -> bool:
        return bool(self.submission_id)


def meeting_text(value: Any) -> str:
    """A meeting key or date as d-m-jjjj (an unknown form is shown as it is)."""
    text = str(value or "").strip()
    if not text:
        return ""
    try:
        return format_date(parse_date(text[:10]))
    except DateError:
        return text


def _doc(row: SubmissionRow) -> dict[str, Any]:
    try:
        doc = json.loads(row.status_json) if row.status_json else {}
    except ValueError:
        return {}
    return doc if isinstance(doc, dict) else {}


def _text(doc: dict[str, Any], key: str) -> str:
    value = doc.get(key)
    return value.strip() if isinstance(value, str) else ""


def latest(rows: Iterable[SubmissionRow]) -> SubmissionRow | None:
    """The newest submission (the rows come oldest first, as the record lists them)."""
    last = None
    for row in rows:
        last = row
    return last


def stuk_status(
    draft_id: str,
    submissions: Sequence[SubmissionRow],
    history: Iterable[HistoryEntry] = (),
    draft_state: str = wf.CONCEPT,
) -> StukStatus:
    """The status of one stored draft from its submissions (oldest first) and stored history."""
    entries = tuple(history)
    row = latest(submissions)
    if row is None:
        state = entries[-1].state if entries else draft_state
        return StukStatus(draft_id, state, history=entries)
    doc = _doc(row)
    state = row.state
    reason = _text(doc, "reason")
    if not reason and state in (wf.TERUGGESTUURD, wf.INGETROKKEN):
        reason = row.detail
    number = _text(doc, "registratienummer")
    if not number:  # an older version's number stays the stuk's number
        for older in reversed(submissions):
            number = _text(_doc(older), "registratienummer")
            if number:
                break
    decided = state in _DECIDED
    hamer = doc.get("hamerstuk")
    return StukStatus(
        draft_id,
        state,
        submission_id=row.id,
        registratienummer=number,
        meeting=meeting_text(doc.get("meeting_date")) if state in _DECIDED | {wf.GEAGENDEERD} else "",
        hamerstuk=hamer if isinstance(hamer, bool) else None,
        outcome=_text(doc, "outcome") if decided else "",
        decision_text=_text(doc, "decision_text") if decided else "",
        reason=reason,
        waiting_reason=row.last_error if state == wf.IN_DE_UITBAK else "",
        pending_withdrawal=row.pending_withdrawal,
        can_withdraw=state not in wf.PLACED and state not in wf.FINAL,
        history=entries,
    )
