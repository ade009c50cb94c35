"""The meetmoment figures for the CLI, the report and the window: which period, which record.

Reads only the month folders a meetmoment and its trend need (the record of the last two
years at most), then computes everything in memory (``desktop.secretariat.cijfers``).
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Any

from desktop.domain import meetmoment as M
from desktop.secretariat import arrivals, cijfers, events, metingen

if TYPE_CHECKING:
    from desktop.secretariat.service import Secretariaat


def periods(sec: Secretariaat) -> Any:
    return M.periods_from_config(sec.formset.config.lists)


def choose(sec: Secretariaat, meetmoment: str | None = None, van: str | None = None,
           tot: str | None = None, today: date | None = None) -> M.Meetmoment:
    """``--meetmoment 2027-1``, or ``--van``/``--tot``, or the meetmoment of today."""
    if meetmoment:
        return M.by_key(meetmoment, periods(sec))
    if van or tot:
        if not (van and tot):
            raise M.PeriodError("Geef zowel --van als --tot op (of --meetmoment).")
        return M.between(van, tot)
    day = today or sec.clock().date()
    found = M.containing(day, periods(sec))
    if found is None:
        raise M.PeriodError(f"Op {day:%d-%m-%Y} valt geen meetmoment; kies er een met --meetmoment.")
    return found


def recent(sec: Secretariaat, count: int = 9, today: date | None = None) -> list[M.Meetmoment]:
    """The meetmomenten up to today, newest first (for the window's selector)."""
    day = today or sec.clock().date()
    current = M.containing(day, periods(sec))
    if current is None:
        return []
    return list(reversed(M.previous(current, count, periods(sec))))


def load_record(sec: Secretariaat, trend: list[M.Meetmoment]) -> cijfers.Record:
    months = cijfers.months_for(trend)
    return cijfers.Record(
        events.read_all(sec.trust, sec.layout.log, months=months),
        arrivals.read_months(sec.trust, sec.layout, months),
    )


def figures(sec: Secretariaat, period: M.Meetmoment, directie: str | None = None,
            portefeuillehouder: str | None = None, with_survey: bool = True) -> dict[str, Any]:
    trend = M.previous(period, cijfers.TREND_LENGTH, periods(sec))
    rec = load_record(sec, trend)
    out = cijfers.compute(rec, period, trend, directie, portefeuillehouder)
    if with_survey and period.key:
        out["rolvastheid"] = metingen.aggregate_for(sec, period.key)
    return out
