"""Where a stuk stands across meetings: held over (aangehouden), live on an agenda.

Pure functions over meetings already read, so one poll reads every meeting once.
"""

from __future__ import annotations

from datetime import date

from desktop.domain import workflow as wf
from desktop.secretariat import meeting as m


def _held(it: m.AgendaItem) -> bool:
    return bool(it.besluit_uitkomst and it.besluit_uitkomst.uitkomst == wf.AANGEHOUDEN)


def held_items(meetings: list[m.Meeting], before: date | None = None) -> list[m.AgendaItem]:
    """Items aangehouden on a meeting and not placed on any later one: offered for the next."""
    out = []
    for mt in meetings:
        if before is not None and mt.datum >= before:
            continue
        for it in mt.items:
            if not _held(it):
                continue
            later = any(
                other.datum > mt.datum and any(o.inzending == it.inzending for o in other.items)
                for other in meetings
            )
            if not later:
                copy = m.AgendaItem.from_json(it.to_json())
                copy.besluit_uitkomst = None
                copy.aangehouden_van = mt.key
                out.append(copy)
    return out


def live_meeting_of(meetings: list[m.Meeting], submission_id: str, exclude: str = "") -> m.Meeting | None:
    """The meeting where this stuk is on the agenda and not (yet) aangehouden."""
    for mt in meetings:
        if mt.key != exclude and is_live_on(mt, submission_id):
            return mt
    return None


def is_live_on(meeting: m.Meeting, submission_id: str) -> bool:
    return any(it.inzending == submission_id and not _held(it) for it in meeting.items)


def held_count(meetings: list[m.Meeting], submission_id: str) -> int:
    return sum(1 for mt in meetings for it in mt.items if it.inzending == submission_id and _held(it))
