"""The steller's side of the route between the rounds: late steps told once, and the route's
states in the stuk's history.

``overdue`` looks only at requested steps past their due date that were never reported (and
fetches only their requests' decisions), so its cost follows the open work, not the history;
``draft_id_of`` names the stored draft behind a route draft key, on which the window and the CLI
record "ter parafering", "gereed voor indiening" and the like (``DraftStore.steller_step``).
"""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path
from typing import Any

from desktop.domain import route as R
from desktop.queue.route_local import RouteStore
from desktop.queue.route_rules import config_of
from desktop.queue.route_service import fetch_decisions
from desktop.queue.route_share import to_decision


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


def draft_id_of(draft_key: str) -> str | None:
    """The stored draft's id in a route draft key (``concept:<id>``); None for a file."""
    return draft_key.split(":", 1)[1] if draft_key.startswith("concept:") else None
