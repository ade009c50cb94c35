"""Reading the arguments of ``main.py meeting ...``: a meeting date, a submission.

A submission may be named by its id, a unique id prefix of 6+ characters, or its
registratienummer; a date as d-m-jjjj or jjjj-mm-dd (exit code 2 otherwise).
"""

from __future__ import annotations

import contextlib
from datetime import date
from typing import Any

from desktop.cli.output import CliError
from desktop.domain import workflow as wf
from desktop.domain.dates import DateError, parse_date


def meeting_date(text: str) -> date:
    try:
        return parse_date(text)
    except DateError as exc:
        raise CliError(str(exc), f"bad date {text!r}", 2) from exc


def resolve(sec: Any, text: str) -> str:
    """A submission id from an id, a unique id prefix of 6+ characters, or a registratienummer."""
    zaken = sec.zaken.all()
    if text in zaken:
        return text
    by_number = [sid for sid, z in zaken.items() if z.get("registratienummer") == text]
    if by_number:
        # A new version keeps its predecessor's number: the accepted one is meant.
        by_number.sort(key=lambda sid: zaken[sid].get("status") == wf.AANVAARD)
        return by_number[-1]
    if len(text) >= 6:
        matches = {sid for sid in zaken if sid.startswith(text)}
        # When the queue is not readable an exact id still works below.
        with contextlib.suppress(Exception):
            matches |= {s.id for s in sec.source.submissions() if s.id.startswith(text)}
        if len(matches) == 1:
            return matches.pop()
    return text
