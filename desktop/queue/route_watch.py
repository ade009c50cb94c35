"""The steller's side of the route between the rounds: late steps told once, and the route's
states in the stuk's history.

``overdue`` looks only at requested steps past their due date that were never reported (and
fetches only their requests' decisions), so its cost follows the open work, not the history;
``note_state`` records "ter parafering", "gereed voor indiening" and the like on a stored draft
when the workflow model allows the steller that step.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime
from pathlib import Path
from typing import Any

from desktop.domain import route as R
from desktop.domain import workflow as wf
from desktop.queue.keys import os_account
from desktop.queue.route_local import RouteStore
from desktop.queue.route_rules import config_of
from desktop.queue.route_service import fetch_decisions
from desktop.queue.route_share import to_decision
from desktop.storage.errors import UnknownDraftError


def overdue(formset: Any, *, store: RouteStore | None = None, today: date | None = None, online: bool = True,
            timeout: float = 20.0) -> list[dict[str, Any]]:
    """The steller's requested steps past their due date without a decision, each reported once.

    Returns ``{"id", "onderwerp", "stap", "aan", "termijn", "draft_key"}`` per late step not yet
    reported, and marks it reported. Only steps past their due date that were never reported are
    looked at (and only their requests' decisions fetched from the share): the cost follows the
    open work, not the history. A late step answered meanwhile is settled without a report.
    """
    config = config_of(formset)
    if not config.aan:
        return []
    store = store or RouteStore()
    today = today or date.today()
    told = store.told()
    rows = store.requests()
    late: list[tuple[dict[str, Any], str, date]] = []
    for r in rows:
        try:
            asked = datetime.fromisoformat(str(r.get("created")))
        except ValueError:
            continue
        for key in r.get("stappen", []):
            soort, _, wie = str(key).partition(":")
            days = config.adviseurs.get(wie, config.advice_days) if soort == R.ADVIES else config.paraaf_days
            due = R.add_working_days(asked.date(), days, config.holidays)
            if today > due and f"{r.get('id')}:{key}" not in told:
                late.append((r, str(key), due))
    if not late:
        return []
    if online:
        for queue in {str(r.get("queue_dir", "")) for r, *_ in late} - {""}:
            fetch_decisions([r for r, *_ in late if r.get("queue_dir") == queue], store, Path(queue), timeout, [], config)
    out: list[dict[str, Any]] = []
    settled: list[str] = []
    for r, key, due in late:
        # Answered in this request, or in a later one for the same stuk.
        later = [x for x in rows
                 if x.get("draft_key") == r.get("draft_key") and str(x.get("created")) >= str(r.get("created"))]
        answered = any(
            (dec := to_decision(doc)) is not None and f"{dec.soort}:{dec.wie}" == key and dec.verzoek == x.get("id")
            for x in later for doc in store.cached_decisions(str(x.get("id"))))
        settled.append(f"{r.get('id')}:{key}")
        if not answered:
            soort, _, wie = key.partition(":")
            out.append({"id": f"{r.get('id')}:{key}", "onderwerp": r.get("onderwerp", ""),
                        "stap": f"paraaf {wie}" if soort == R.PARAAF else f"advies {wie}", "aan": r.get("aan", ""),
                        "termijn": due, "draft_key": r.get("draft_key", "")})
    store.add_told(settled)
    return out


def note_state(store: Any, draft_key: str, state: str, detail: str, only_from: Sequence[str] = ()) -> bool:
    """Record the route's state on a stored draft (``store``: a ``DraftStore``) when the workflow
    allows the steller that step (and the draft is in one of ``only_from``, when given); a file
    (no ``concept:`` key) has none. True when recorded."""
    if not draft_key.startswith("concept:"):
        return False
    draft_id = draft_key.split(":", 1)[1]
    try:
        current = store.get(draft_id).status
    except UnknownDraftError:
        return False
    if current == state or not wf.allowed(current, state, wf.STELLER) or (only_from and current not in only_from):
        return False
    store.set_status(draft_id, state, detail=detail, actor=os_account())
    return True
