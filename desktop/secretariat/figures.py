"""Process figures from the record of status changes: lead times and how often things happen.

The "hard figures" of the three measuring moments a year: how long a stuk takes from arrival
to acceptance, to the agenda, to the decision and to the terugkoppeling; how often stukken
are sent back or held over; how many findings they carried when they arrived.
"""

from __future__ import annotations

import statistics
from collections import Counter
from datetime import datetime
from typing import Any

from desktop.domain import workflow as wf

STAGES = (
    ("aangekomen", wf.AANVAARD, "aankomst tot aanvaarding"),
    (wf.AANVAARD, wf.GEAGENDEERD, "aanvaarding tot agendering"),
    (wf.GEAGENDEERD, wf.BESLOTEN, "agendering tot besluit"),
    (wf.BESLOTEN, wf.TERUGGEKOPPELD, "besluit tot terugkoppeling"),
    ("aangekomen", wf.TERUGGEKOPPELD, "aankomst tot terugkoppeling"),
)


def _time(text: Any) -> datetime | None:
    try:
        value = datetime.fromisoformat(str(text))
    except ValueError:
        return None
    return value if value.tzinfo is not None else value.astimezone()


def process_figures(events: list[dict[str, Any]]) -> dict[str, Any]:
    """Figures over every stuk in ``events`` (as ``events.read_all`` returns them, oldest first)."""
    moments: dict[str, dict[str, datetime]] = {}
    kinds: Counter[str] = Counter()
    outcomes: Counter[str] = Counter()
    errors: list[int] = []
    remarks: list[int] = []
    for e in events:
        kind, sid, when = str(e.get("soort", "")), str(e.get("onderwerp_id", "")), _time(e.get("op"))
        kinds[kind] += 1
        if when is None:
            continue
        stuk = moments.setdefault(sid, {})
        if kind == wf.AANVAARD:
            arrived = _time(e.get("aangekomen"))
            if arrived is not None:
                stuk.setdefault("aangekomen", arrived)
            if isinstance(e.get("fouten"), int) and e["fouten"] >= 0:
                errors.append(e["fouten"])
                remarks.append(int(e.get("opmerkingen", 0)))
        if kind == wf.BESLOTEN:
            outcomes[str(e.get("uitkomst", ""))] += 1
        if kind in (wf.BESLOTEN, wf.TERUGGEKOPPELD) and e.get("uitkomst") == wf.AANGEHOUDEN:
            continue  # held over: the decision that counts comes at a later meeting
        if kind in (wf.AANVAARD, wf.GEAGENDEERD):
            stuk.setdefault(kind, when)  # the first time counts
        elif kind in (wf.BESLOTEN, wf.TERUGGEKOPPELD):
            stuk[kind] = when
    lead_times = {}
    for start, end, label in STAGES:
        hours = [
            (m[end] - m[start]).total_seconds() / 3600
            for m in moments.values() if start in m and end in m and m[end] >= m[start]
        ]
        lead_times[label] = {
            "aantal": len(hours),
            "mediaan_uren": round(statistics.median(hours), 2) if hours else None,
        }
    handled = kinds[wf.AANVAARD] + kinds[wf.TERUGGESTUURD]
    return {
        "aanvaard": kinds[wf.AANVAARD],
        "teruggestuurd": kinds[wf.TERUGGESTUURD],
        "aandeel_teruggestuurd": round(kinds[wf.TERUGGESTUURD] / handled, 3) if handled else None,
        "uitkomsten": dict(outcomes),
        "aangehouden": outcomes[wf.AANGEHOUDEN],
        "vergaderingen_gepubliceerd": kinds[wf.MEETING_GEPUBLICEERD],
        "doorlooptijden": lead_times,
        "bevindingen_bij_aankomst": {
            "gemiddeld_fouten": round(statistics.mean(errors), 2) if errors else None,
            "gemiddeld_opmerkingen": round(statistics.mean(remarks), 2) if remarks else None,
        },
    }
