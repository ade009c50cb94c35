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

STAGES = (
    ("aangekomen", "aanvaard", "aankomst tot aanvaarding"),
    ("aanvaard", "geagendeerd", "aanvaarding tot agendering"),
    ("geagendeerd", "besloten", "agendering tot besluit"),
    ("besloten", "teruggekoppeld", "besluit tot terugkoppeling"),
    ("aangekomen", "teruggekoppeld", "aankomst tot terugkoppeling"),
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
        if kind == "aanvaard":
            arrived = _time(e.get("aangekomen"))
            if arrived is not None:
                stuk.setdefault("aangekomen", arrived)
            if isinstance(e.get("fouten"), int) and e["fouten"] >= 0:
                errors.append(e["fouten"])
                remarks.append(int(e.get("opmerkingen", 0)))
        if kind == "besloten":
            outcomes[str(e.get("uitkomst", ""))] += 1
        if kind in ("besloten", "teruggekoppeld") and e.get("uitkomst") == "aangehouden":
            continue  # held over: the decision that counts comes at a later meeting
        if kind in ("aanvaard", "geagendeerd"):
            stuk.setdefault(kind, when)  # the first time counts
        elif kind in ("besloten", "teruggekoppeld"):
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
    handled = kinds["aanvaard"] + kinds["teruggestuurd"]
    return {
        "aanvaard": kinds["aanvaard"],
        "teruggestuurd": kinds["teruggestuurd"],
        "aandeel_teruggestuurd": round(kinds["teruggestuurd"] / handled, 3) if handled else None,
        "uitkomsten": dict(outcomes),
        "aangehouden": outcomes["aangehouden"],
        "vergaderingen_gepubliceerd": kinds["gepubliceerd"],
        "doorlooptijden": lead_times,
        "bevindingen_bij_aankomst": {
            "gemiddeld_fouten": round(statistics.mean(errors), 2) if errors else None,
            "gemiddeld_opmerkingen": round(statistics.mean(remarks), 2) if remarks else None,
        },
    }
