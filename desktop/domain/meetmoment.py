"""Meetmomenten: the configured measuring periods of a year, and Dutch or ISO dates.

Pure: the periods come from the site configuration (``[[meetmomenten]]`` with ``naam``,
``van`` and ``tot`` as day-month), a meetmoment is named ``JJJJ-N`` ("2027-1").
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

DEFAULT_PERIODS = (("1", (1, 1), (4, 30)), ("2", (5, 1), (8, 31)), ("3", (9, 1), (12, 31)))
_DUTCH = re.compile(r"^\s*(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})\s*$")
_KEY = re.compile(r"^\s*(\d{4})-(\w+)\s*$")


class PeriodError(ValueError):
    """A meetmoment or date that cannot be read; ``str()`` is Dutch."""


@dataclass(frozen=True, slots=True, order=True)
class Meetmoment:
    van: date
    tot: date  # inclusive
    key: str = ""

    @property
    def label(self) -> str:
        return f"{self.key} ({self.van:%d-%m-%Y} t/m {self.tot:%d-%m-%Y})" if self.key else \
            f"{self.van:%d-%m-%Y} t/m {self.tot:%d-%m-%Y}"

    def contains(self, day: date) -> bool:
        return self.van <= day <= self.tot


def parse_date(text: str) -> date:
    """``d-m-jjjj`` (also with / or .) or ISO ``jjjj-mm-dd``."""
    m = _DUTCH.match(text)
    try:
        if m:
            return date(int(m.group(3)), int(m.group(2)), int(m.group(1)))
        return date.fromisoformat(text.strip())
    except ValueError as exc:
        raise PeriodError(
            f"'{text}' is geen datum; schrijf d-m-jjjj (bijvoorbeeld 1-5-2027) of jjjj-mm-dd."
        ) from exc


def _day_month(text: Any, where: str) -> tuple[int, int]:
    parts = str(text).strip().split("-")
    try:
        day, month = int(parts[0]), int(parts[1])
        date(2000, month, day)  # a leap year: 29-2 is allowed
    except (ValueError, IndexError) as exc:
        raise PeriodError(f"meetmoment {where}: '{text}' is geen dag-maand zoals 1-5") from exc
    return month, day


def periods_from_config(lists: Mapping[str, Sequence[Mapping[str, Any]]]) -> tuple[tuple[str, tuple[int, int],
                                                                                        tuple[int, int]], ...]:
    """``(naam, (month, day) van, (month, day) tot)`` per configured period, in year order."""
    entries = lists.get("meetmomenten") or ()
    if not entries:
        return DEFAULT_PERIODS
    out = []
    for e in entries:
        naam = str(e.get("naam", "")).strip()
        out.append((naam, _day_month(e.get("van"), naam), _day_month(e.get("tot"), naam)))
    return tuple(sorted(out, key=lambda p: p[1]))


def _clamp(year: int, month_day: tuple[int, int]) -> date:
    month, day = month_day
    if month == 2 and day == 29:
        try:
            return date(year, 2, 29)
        except ValueError:
            return date(year, 2, 28)
    return date(year, month, day)


def of_year(year: int, periods: Sequence[tuple[str, tuple[int, int], tuple[int, int]]] = DEFAULT_PERIODS
            ) -> list[Meetmoment]:
    return [Meetmoment(_clamp(year, van), _clamp(year, tot), f"{year}-{naam}") for naam, van, tot in periods]


def by_key(key: str, periods: Sequence[tuple[str, tuple[int, int], tuple[int, int]]] = DEFAULT_PERIODS
           ) -> Meetmoment:
    m = _KEY.match(key)
    if m:
        for mm in of_year(int(m.group(1)), periods):
            if mm.key == key.strip():
                return mm
    names = ", ".join(p[0] for p in periods)
    raise PeriodError(f"'{key}' is geen meetmoment; schrijf jaar-nummer, zoals 2027-1 (nummers: {names}).")


def containing(day: date, periods: Sequence[tuple[str, tuple[int, int], tuple[int, int]]] = DEFAULT_PERIODS
               ) -> Meetmoment | None:
    return next((mm for mm in of_year(day.year, periods) if mm.contains(day)), None)


def between(van: str, tot: str) -> Meetmoment:
    """A free period from ``--van``/``--tot``."""
    start, end = parse_date(van), parse_date(tot)
    if end < start:
        raise PeriodError(f"De einddatum {end:%d-%m-%Y} ligt voor de begindatum {start:%d-%m-%Y}.")
    return Meetmoment(start, end, "")


def previous(mm: Meetmoment, count: int,
             periods: Sequence[tuple[str, tuple[int, int], tuple[int, int]]] = DEFAULT_PERIODS) -> list[Meetmoment]:
    """Up to ``count`` meetmomenten ending with ``mm``, oldest first (a free period: equal lengths)."""
    if not mm.key:
        length = (mm.tot - mm.van).days + 1
        out = [mm]
        while len(out) < count:
            last = out[0]
            out.insert(0, Meetmoment(last.van - timedelta(days=length), last.van - timedelta(days=1), ""))
        return out
    year = mm.van.year
    pool = of_year(year - 2, periods) + of_year(year - 1, periods) + of_year(year, periods)
    idx = next(i for i, p in enumerate(pool) if p.key == mm.key)
    return pool[max(0, idx - count + 1): idx + 1]
