"""What the secretariat records of a stuk's verified route, and the Dutch lines that print it.

At acceptance the secretariat re-verifies the parafen and adviezen a submission carries
(``desktop.queue.route_decide.verify_carried``) and keeps the outcome in its own signed zaak
record; the agenda item, the besluitenlijst, the publication and the archive version are
printed from that record only, never from the share's route files again (verify at use:
what is recorded is what was verified at acceptance).

The record holds who acted, in which role, for whom (a plaatsvervanger with mandaat), the
verdict and the day; never the advice text or the remarks (those may quote a confidential
stuk, and the secretariat's records are readable by everyone with access to the share).

Pure: no Qt, no SQL, no files.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date, datetime
from typing import Any

from desktop.domain.dates import format_date
from desktop.domain.route_config import ADVIES, NOT_AGREED, PARAAF

AGREED = "akkoord"
STEP_FIELDS = ("soort", "wie", "naam", "namens", "periode", "oordeel", "getekend")


def _text(value: Any) -> str:
    return value.strip() if isinstance(value, str) else ""


def from_verified(verified: Any, at: datetime) -> dict[str, Any] | None:
    """The record of a route as ``verify_carried`` returned it; None when the stuk has no route steps.

    ``at`` is the moment of the verification (the acceptance)."""
    if not isinstance(verified, Mapping):
        return None
    steps = []
    for s in verified.get("stappen") or ():
        if not isinstance(s, Mapping) or s.get("soort") not in (PARAAF, ADVIES):
            continue
        decided = bool(_text(s.get("oordeel"))) and bool(_text(s.get("door")))
        steps.append({
            "soort": s["soort"], "wie": _text(s.get("wie")),
            "naam": _text(s.get("door")) if decided else "",
            "namens": _text(s.get("namens")) if decided else "",
            "periode": _text(s.get("periode")) if decided else "",
            "oordeel": _text(s.get("oordeel")) if decided else "",
            "getekend": _text(s.get("getekend")) if decided else "",
        })
    if not steps:
        return None
    return {"compleet": verified.get("compleet") is True, "stappen": steps,
            "geverifieerd": at.isoformat(timespec="seconds")}


def cleaned(data: Any) -> dict[str, Any] | None:
    """A record read back from a (signed) meeting or zaak, with every field of the right type."""
    if not isinstance(data, Mapping):
        return None
    steps = [
        {k: _text(s.get(k)) for k in STEP_FIELDS}
        for s in data.get("stappen") or ()
        if isinstance(s, Mapping) and s.get("soort") in (PARAAF, ADVIES)
    ]
    if not steps:
        return None
    return {"compleet": data.get("compleet") is True, "stappen": steps, "geverifieerd": _text(data.get("geverifieerd"))}


def _day(stamp: str) -> str:
    try:
        return format_date(datetime.fromisoformat(stamp).date())
    except ValueError:
        try:
            return format_date(date.fromisoformat(stamp))
        except ValueError:
            return ""


def _who(step: Mapping[str, str], with_verdict: bool) -> tuple[str, str]:
    """("B. Bos namens C. Dijkstra", "plaatsvervanger, mandaat 1-11-2026 t/m 31-12-2026; 28-11-2026")."""
    who = step["naam"] + (f" namens {step['namens']}" if step["namens"] else "")
    details = [step["oordeel"]] if with_verdict else []
    if step["namens"]:
        details.append(f"plaatsvervanger, mandaat {step['periode']}" if step["periode"] else "plaatsvervanger")
    inner = ", ".join(details)
    day = _day(step["getekend"])
    if day:
        inner = f"{inner}{';' if step['namens'] else ','} {day}" if inner else day
    return who, inner


def lines(record: Any) -> list[str]:
    """The Dutch lines of a record, for the besluitenlijst and the archive version, e.g.
    "Geparafeerd door: teamleider A. de Vries (27-11-2026), directeur B. Bos (28-11-2026)" and
    "Advies Financiën: positief (F. Jansen, 28-11-2026)"; nothing for a stuk without a route."""
    rec = cleaned(record)
    if rec is None:
        return []
    out: list[str] = []
    agreed, other = [], []
    for s in rec["stappen"]:
        if s["soort"] != PARAAF:
            continue
        if not (s["oordeel"] and s["naam"]):
            other.append(f"Paraaf {s['wie']}: ontbreekt")
        elif s["oordeel"] == NOT_AGREED:
            other.append(f"Paraaf {s['wie']}: {NOT_AGREED} ({', '.join(filter(None, _who(s, False)))})")
        else:
            who, inner = _who(s, s["oordeel"] != AGREED)
            agreed.append(f"{s['wie']} {who}" + (f" ({inner})" if inner else ""))
    if agreed:
        out.append("Geparafeerd door: " + ", ".join(agreed))
    out.extend(other)
    for s in rec["stappen"]:
        if s["soort"] == ADVIES:
            by = ", ".join(filter(None, _who(s, False)))
            verdict = f"{s['oordeel']} ({by})" if s["oordeel"] and s["naam"] else "ontbreekt"
            out.append(f"Advies {s['wie']}: {verdict}")
    return out
