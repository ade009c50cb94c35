"""Dates as people type them: Dutch d-m-jjjj first, ISO jjjj-mm-dd too.

``parse_date("8-12-2026")``, ``parse_date("08-12-2026")``, ``parse_date("8/12/2026")``,
``parse_date("8.12.2026")`` and ``parse_date("2026-12-08")`` all give 8 December 2026.
``parse_moment`` adds an optional time ``uu:mm``.
Errors are ``DateError`` (a ``ValueError``) with a Dutch message.
"""

from __future__ import annotations

import re
from datetime import date, datetime, time

_DUTCH = re.compile(r"(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})")
_ISO = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})")
_TIME = re.compile(r"(\d{1,2})[:.](\d{2})")
HINT = "d-m-jjjj"


class DateError(ValueError):
    """A text that is no date; ``str()`` is the Dutch message."""


def parse_date(text: str) -> date:
    value = text.strip()
    iso = _ISO.fullmatch(value)
    dutch = _DUTCH.fullmatch(value)
    try:
        if iso:
            return date(int(iso[1]), int(iso[2]), int(iso[3]))
        if dutch:
            return date(int(dutch[3]), int(dutch[2]), int(dutch[1]))
    except ValueError:
        raise DateError(f"'{value}' bestaat niet als datum.") from None
    raise DateError(f"'{value}' is geen datum; schrijf {HINT}, bijvoorbeeld 8-12-2026.")


def parse_moment(text: str) -> datetime:
    """A date with an optional time ("8-12-2026 12:00", "2026-12-08T12:00"); no time is 00:00."""
    value = text.strip()
    problem = DateError(f"'{value}' is geen moment; schrijf '{HINT} uu:mm', bijvoorbeeld '8-12-2026 12:00'.")
    day_text, _, time_text = value.replace("T", " ", 1).partition(" ")
    try:
        day = parse_date(day_text)
    except DateError:
        raise problem from None
    if not time_text.strip():
        return datetime.combine(day, time())
    match = _TIME.fullmatch(time_text.strip())
    if not match or int(match[1]) > 23 or int(match[2]) > 59:
        raise problem
    return datetime.combine(day, time(int(match[1]), int(match[2])))


def format_date(day: date) -> str:
    """The Dutch short form: ``8-12-2026``."""
    return f"{day.day}-{day.month}-{day.year}"
