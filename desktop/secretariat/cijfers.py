"""The figures of one meetmoment, from the record (events) and the arrival measurements.

Which stukken count in a period:

- *ingediend* and the quality at arrival: stukken that **arrived** in the period;
- aanvaard, teruggestuurd, ingetrokken, aangehouden, na-agenda: the **event** fell in the period;
- te laat: placed in the period on a meeting whose cut-off was before the stuk arrived;
- a lead time: the stage **ended** in the period (its start may lie before it).

Percentile p90 is the inclusive linear interpolation (``statistics.quantiles(method="inclusive")``),
so for 1, 2, ..., 10 hours it is 9.1. Everything is computed from what was recorded at the time:
a stuk is never validated again with today's rules.
"""

from __future__ import annotations

import statistics
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable
from datetime import date, datetime
from typing import Any

from desktop.domain import workflow as wf
from desktop.domain.meetmoment import Meetmoment
from desktop.domain.readability import BANDS, band

STAGES = (
    ("aangekomen", wf.AANVAARD, "aankomst tot aanvaarding"),
    (wf.AANVAARD, wf.GEAGENDEERD, "aanvaarding tot agendering"),
    (wf.GEAGENDEERD, wf.BESLOTEN, "agendering tot besluit"),
    (wf.BESLOTEN, wf.TERUGGEKOPPELD, "besluit tot terugkoppeling"),
    ("aangekomen", wf.TERUGGEKOPPELD, "aankomst tot terugkoppeling"),
)
UNKNOWN = "(onbekend)"
FILL_BINS = ((0.0, "tot 70%"), (0.7, "70-85%"), (0.85, "85-100%"), (1.0, "meer dan een pagina"))
TREND_LENGTH = 6


def _time(text: Any) -> datetime | None:
    try:
        value = datetime.fromisoformat(str(text))
    except ValueError:
        return None
    return value if value.tzinfo is not None else value.astimezone()


def _r(value: float | None, digits: int = 2) -> float | None:
    return None if value is None else round(value, digits)


# The record lives in the share: every number in it may be forged, of any type.
def _is_count(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool) and 0 <= value < 10**9


def _count(value: Any) -> int:
    return int(value) if _is_count(value) else 0


def _dict(value: Any) -> dict[Any, Any]:
    return value if isinstance(value, dict) else {}


def _is_number(value: Any) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool) and -1e6 < value < 1e6


def p90(values: list[float]) -> float | None:
    if not values:
        return None
    if len(values) == 1:
        return values[0]
    return statistics.quantiles(values, n=10, method="inclusive")[-1]


def _mean(values: list[float]) -> float | None:
    return statistics.fmean(values) if values else None


def _median(values: list[float]) -> float | None:
    return statistics.median(values) if values else None


def reason_group(reason: str) -> str:
    """Send-back reasons grouped by what comes before a colon ("Onvolledig: ..."), else the whole."""
    head = reason.split(":", 1)[0] if ":" in reason else reason
    head = " ".join(head.split()).strip(" .;,").lower()
    return head[:1].upper() + head[1:] if head else "(geen reden)"


class Record:
    """The record indexed once: per stuk its arrival, moments, owner; the events by kind."""

    def __init__(self, events: Iterable[dict[str, Any]], arrivals: dict[str, dict[str, Any]]) -> None:
        self.arrivals = arrivals
        self.owner: dict[str, tuple[str, str]] = {
            sid: (str(a.get("directie") or UNKNOWN), str(a.get("portefeuillehouder") or UNKNOWN))
            for sid, a in arrivals.items()
        }
        self.arrived: dict[str, datetime] = {}
        for sid, a in arrivals.items():
            when = _time(a.get("aangekomen"))
            if when is not None:
                self.arrived[sid] = when
        self.moments: dict[str, dict[str, datetime]] = defaultdict(dict)
        self.by_kind: dict[str, list[tuple[datetime, str, dict[str, Any]]]] = defaultdict(list)
        self.cutoffs: dict[str, datetime] = {}
        for e in events:
            kind, sid, when = str(e.get("soort", "")), str(e.get("onderwerp_id", "")), _time(e.get("op"))
            if when is None:
                continue
            self.by_kind[kind].append((when, sid, e))
            if kind == "vergadering_aangemaakt":
                cut = _time(e.get("sluiting"))
                if cut is not None:
                    self.cutoffs[sid] = cut
                continue
            stuk = self.moments[sid]
            if kind == wf.AANVAARD:
                if sid not in self.arrived and _time(e.get("aangekomen")) is not None:
                    self.arrived[sid] = _time(e.get("aangekomen"))  # type: ignore[assignment]
                self.owner.setdefault(sid, (str(e.get("directie") or UNKNOWN), UNKNOWN))
            if kind in (wf.BESLOTEN, wf.TERUGGEKOPPELD) and e.get("uitkomst") == wf.AANGEHOUDEN:
                continue  # held over: the decision that counts comes at a later meeting
            if kind in (wf.AANVAARD, wf.GEAGENDEERD):
                stuk.setdefault(kind, when)  # the first time counts
            elif kind in (wf.BESLOTEN, wf.TERUGGEKOPPELD):
                stuk[kind] = when
        for sid, when in self.arrived.items():
            self.moments[sid]["aangekomen"] = when
        self._views: dict[tuple[date, date], PeriodView] = {}
        self._stage_rows: dict[str, list[tuple[datetime, str, float]]] | None = None
        self.first_placement: dict[str, tuple[datetime, str]] = {}
        for when, sid, e in sorted(self.by_kind[wf.GEAGENDEERD], key=lambda x: x[0]):
            self.first_placement.setdefault(sid, (when, str(e.get("vergadering", ""))))

    def owner_of(self, sid: str) -> tuple[str, str]:
        return self.owner.get(sid, (UNKNOWN, UNKNOWN))

    def stage_rows(self) -> dict[str, list[tuple[datetime, str, float]]]:
        """Per stage: (when it ended, stuk, hours) for every stuk that went through it (once)."""
        if self._stage_rows is None:
            self._stage_rows = {
                label: [(m[end], sid, (m[end] - m[start]).total_seconds() / 3600)
                        for sid, m in self.moments.items() if start in m and end in m and m[end] >= m[start]]
                for start, end, label in STAGES
            }
        return self._stage_rows

    def view(self, period: Meetmoment) -> PeriodView:
        """What falls in ``period``, sorted out once (the summaries per group reuse it)."""
        key = (period.van, period.tot)
        if key not in self._views:
            self._views[key] = PeriodView(self, period)
        return self._views[key]


class PeriodView:
    def __init__(self, rec: Record, period: Meetmoment) -> None:
        def inside(when: datetime) -> bool:
            return period.van <= when.date() <= period.tot

        self.arrived = [sid for sid, when in rec.arrived.items() if inside(when)]
        self.events: dict[str, list[tuple[str, dict[str, Any]]]] = {
            kind: [(sid, e) for when, sid, e in rows if inside(when)] for kind, rows in rec.by_kind.items()
        }
        self.late: list[str] = []
        for sid, (when, meeting) in rec.first_placement.items():
            cut, arrived = rec.cutoffs.get(meeting), rec.arrived.get(sid)
            if inside(when) and cut is not None and arrived is not None and arrived > cut:
                self.late.append(sid)
        self.stages = {label: [(sid, hours) for ended, sid, hours in rows if inside(ended)]
                       for label, rows in rec.stage_rows().items()}
        self.measured = [(sid, rec.arrivals[sid]) for sid in self.arrived
                         if sid in rec.arrivals and rec.arrivals[sid].get("meetbaar")]


Selector = Callable[[str], bool]


def process(rec: Record, period: Meetmoment, keep: Selector) -> dict[str, Any]:
    view = rec.view(period)

    def count(kind: str, test: Callable[[dict[str, Any]], bool] = lambda e: True) -> int:
        return sum(1 for sid, e in view.events.get(kind, ()) if keep(sid) and test(e))

    accepted, returned = count(wf.AANVAARD), count(wf.TERUGGESTUURD)
    return {
        "ingediend": sum(1 for sid in view.arrived if keep(sid)),
        "aanvaard": accepted,
        "teruggestuurd": returned,
        "aandeel_teruggestuurd": _r(returned / (accepted + returned), 3) if accepted + returned else None,
        "ingetrokken": count(wf.INGETROKKEN),
        "aangehouden": count(wf.BESLOTEN, lambda e: e.get("uitkomst") == wf.AANGEHOUDEN),
        "na_agenda": count(wf.GEAGENDEERD, lambda e: bool(e.get("na_agenda"))),
        "te_laat": sum(1 for sid in view.late if keep(sid)),
        "uitkomsten": dict(Counter(str(e.get("uitkomst", "")) for sid, e in view.events.get(wf.BESLOTEN, ())
                                   if keep(sid))),
    }


def lead_times(rec: Record, period: Meetmoment, keep: Selector) -> list[dict[str, Any]]:
    out = []
    for label, rows in rec.view(period).stages.items():
        hours = [h for sid, h in rows if keep(sid)]
        out.append({"fase": label, "aantal": len(hours), "mediaan_uren": _r(_median(hours), 1),
                    "p90_uren": _r(p90(hours), 1)})
    return out


def _measured(rec: Record, period: Meetmoment, keep: Selector) -> list[dict[str, Any]]:
    return [a for sid, a in rec.view(period).measured if keep(sid)]


def quality(rec: Record, period: Meetmoment, keep: Selector) -> dict[str, Any]:
    measured = _measured(rec, period, keep)
    per_rule: dict[str, Counter[str]] = defaultdict(Counter)
    for a in measured:
        for rule, c in _dict(a.get("per_regel")).items():
            if isinstance(c, dict):
                per_rule[str(rule)]["fouten"] += _count(c.get("fouten"))
                per_rule[str(rule)]["opmerkingen"] += _count(c.get("opmerkingen"))
                per_rule[rule]["stukken"] += 1
    scores = [float(a["flesch_douma"]) for a in measured if _is_number(a.get("flesch_douma"))]
    fills = [float(a["paginavulling"]) for a in measured if _is_number(a.get("paginavulling"))]
    words: dict[str, list[tuple[int, int | None]]] = defaultdict(list)
    for a in measured:
        for fid, w in _dict(a.get("woorden")).items():
            if isinstance(w, dict) and _is_count(w.get("woorden")):
                words[str(fid)].append((w["woorden"], w["budget"] if _is_count(w.get("budget")) else None))
    points = [_count(a.get("besluitpunten")) for a in measured if _is_count(a.get("besluitpunten"))]
    clean = sum(1 for a in measured if _count(a.get("fouten")) == 0)
    fill_bins = Counter(next(lbl for floor, lbl in reversed(FILL_BINS) if f >= floor) for f in fills)
    return {
        "gemeten": len(measured),
        "zonder_fouten": clean,
        "aandeel_zonder_fouten": _r(clean / len(measured), 3) if measured else None,
        "per_regel": {r: dict(c) for r, c in sorted(per_rule.items(), key=lambda x: (-x[1]["fouten"], x[0]))},
        "flesch_douma": {
            "gemiddeld": _r(_mean(scores), 1), "mediaan": _r(_median(scores), 1),
            "verdeling": {lbl: sum(1 for s in scores if band(s) == lbl) for _, lbl in reversed(BANDS)},
        },
        "paginavulling": {
            "gemiddeld": _r(_mean(fills), 3), "mediaan": _r(_median(fills), 3),
            "verdeling": {lbl: fill_bins[lbl] for _, lbl in FILL_BINS},
        },
        "woorden": {
            fid: {
                "gemiddeld": _r(_mean([float(n) for n, _ in vals]), 1),
                "budget": vals[-1][1],
                "boven_budget": sum(1 for n, b in vals if b is not None and n > b),
                "aantal": len(vals),
            }
            for fid, vals in sorted(words.items())
        },
        "besluitpunten": {
            "gemiddeld": _r(_mean([float(p) for p in points]), 2),
            "verdeling": {str(k): v for k, v in sorted(Counter(points).items())},
        },
        "regels_versies": sorted({str(a.get("regels_versie", "")) for a in measured}),
    }


def reasons(rec: Record, period: Meetmoment, keep: Selector) -> dict[str, int]:
    groups = Counter(
        reason_group(str(e.get("reden", ""))) for sid, e in rec.view(period).events.get(wf.TERUGGESTUURD, ())
        if keep(sid)
    )
    return dict(sorted(groups.items(), key=lambda x: (-x[1], x[0])))


def summary(rec: Record, period: Meetmoment, keep: Selector) -> dict[str, Any]:
    """The few headline figures used per directie, per portefeuillehouder and in the trend."""
    p = process(rec, period, keep)
    q = quality(rec, period, keep)
    lt = {row["fase"]: row for row in lead_times(rec, period, keep)}
    return {
        "ingediend": p[wf.INGEDIEND],
        "aanvaard": p[wf.AANVAARD],
        "teruggestuurd": p[wf.TERUGGESTUURD],
        "aandeel_teruggestuurd": p["aandeel_teruggestuurd"],
        "aangehouden": p[wf.AANGEHOUDEN],
        "aandeel_zonder_fouten": q["aandeel_zonder_fouten"],
        "flesch_douma": q["flesch_douma"]["gemiddeld"],
        "paginavulling": q["paginavulling"]["gemiddeld"],
        "doorlooptijd_mediaan_uren": lt["aankomst tot terugkoppeling"]["mediaan_uren"],
    }


def _everything(sid: str) -> bool:
    return True


def _select(rec: Record, directie: str | None, port: str | None) -> Selector:
    if directie is None and port is None:
        return _everything

    def keep(sid: str) -> bool:
        d, p = rec.owner_of(sid)
        return (directie is None or d == directie) and (port is None or p == port)

    return keep


def compute(
    rec: Record, period: Meetmoment, trend: list[Meetmoment],
    directie: str | None = None, portefeuillehouder: str | None = None,
) -> dict[str, Any]:
    keep = _select(rec, directie, portefeuillehouder)
    owners = {rec.owner_of(sid) for sid in set(rec.arrived) | set(rec.moments)}
    return {
        "meetmoment": {"sleutel": period.key, "van": period.van.isoformat(), "tot": period.tot.isoformat(),
                       "naam": period.label},
        "filter": {"directie": directie, "portefeuillehouder": portefeuillehouder},
        "proces": process(rec, period, keep),
        "doorlooptijden": lead_times(rec, period, keep),
        "kwaliteit": quality(rec, period, keep),
        "terugstuurredenen": reasons(rec, period, keep),
        "per_directie": _per(rec, period, keep, sorted({d for d, _ in owners}), 0),
        "per_portefeuillehouder": _per(rec, period, keep, sorted({p for _, p in owners}), 1),
        "trend": [{"meetmoment": mm.key or mm.label, **summary(rec, mm, keep)} for mm in trend],
    }


def _per(rec: Record, period: Meetmoment, keep: Selector, names: list[str], index: int) -> dict[str, Any]:
    out = {}
    owner, unknown = rec.owner, (UNKNOWN, UNKNOWN)
    for name in names:
        def mine(sid: str, n: str = name) -> bool:
            return owner.get(sid, unknown)[index] == n and keep(sid)

        s = summary(rec, period, mine)
        if s[wf.INGEDIEND] or s[wf.AANVAARD] or s[wf.TERUGGESTUURD]:
            out[name] = s
    return out


def months_for(periods: list[Meetmoment], lead_in_months: int = 6) -> set[str]:
    """The record's month folders a computation needs: the periods, plus some months before the
    first one (a stage that ends in the period may have started earlier)."""
    first = min(p.van for p in periods)
    last = max(p.tot for p in periods)
    y, m = first.year, first.month - lead_in_months
    while m < 1:
        y, m = y - 1, m + 12
    out = set()
    cur = date(y, m, 1)
    while cur <= last:
        out.add(f"{cur.year:04d}-{cur.month:02d}")
        cur = date(cur.year + (cur.month == 12), cur.month % 12 + 1, 1)
    return out
