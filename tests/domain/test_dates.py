"""Dates as people type them: Dutch d-m-jjjj, ISO too, clear Dutch errors."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from desktop.domain.dates import DateError, format_date, parse_date, parse_moment


@pytest.mark.parametrize("text", ["8-12-2026", "08-12-2026", "8/12/2026", "8.12.2026", " 2026-12-08 ", "2026-12-8"])
def test_dutch_and_iso_dates(text: str) -> None:
    assert parse_date(text) == date(2026, 12, 8)


@pytest.mark.parametrize(("text", "message"), [
    ("31-9-2026", "'31-9-2026' bestaat niet als datum."),
    ("8-12-26", "'8-12-26' is geen datum; schrijf d-m-jjjj"),
    ("morgen", "'morgen' is geen datum"),
    ("", "'' is geen datum"),
    ("12-8", "is geen datum"),
])
def test_bad_dates_are_explained(text: str, message: str) -> None:
    with pytest.raises(DateError) as info:
        parse_date(text)
    assert message in str(info.value)
    assert isinstance(info.value, ValueError)


def test_moments_and_format() -> None:
    assert parse_moment("3-9-2030 12:00") == datetime(2030, 9, 3, 12, 0)
    assert parse_moment("2030-09-03T09:30") == datetime(2030, 9, 3, 9, 30)
    assert parse_moment("3-9-2030") == datetime(2030, 9, 3)
    for bad in ("3-9-2030 25:00", "morgen", "morgen 12:00"):
        with pytest.raises(DateError, match="geen moment"):
            parse_moment(bad)
    assert format_date(date(2030, 9, 3)) == "3-9-2030"


def test_validation_accepts_dutch_dates() -> None:
    from desktop.domain.draft import new_draft
    from desktop.domain.forms import default_formset
    from desktop.domain.validation import validate

    formset = default_formset()
    form = formset.forms["raadsbrief"]
    date_field = next(f for f in form.fields if f.kind == "date")
    draft = new_draft(form)
    for value, bad in (("8-12-2026", False), ("2026-12-08", False), ("8-13-2026", True)):
        draft.values[date_field.id] = value
        found = [f for f in validate(draft, formset, fields=[date_field.id]) if f.rule == "date"]
        assert bool(found) is bad, (value, found)
