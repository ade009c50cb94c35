"""Which autosave revisions to drop: the policy that bounds the space they take.

Explicit saves, restores and imports are always kept. Of the autosaves of one draft:

- the newest ``KEEP_LAST`` (20) are kept;
- older ones are kept at most one per clock hour (the newest of that hour) while
  younger than ``HOURLY_FOR`` (7 days);
- older than that, they go.

So a draft never holds more than 20 + 7 x 24 = 188 autosaves, however long it is
edited, while the last minutes of typing and one state per hour of the last week
can be restored.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime, timedelta

KEEP_LAST = 20
HOURLY_FOR = timedelta(days=7)
MAX_AUTOSAVES = KEEP_LAST + 7 * 24


def autosaves_to_prune(autosaves: Iterable[tuple[int, datetime]], now: datetime) -> list[int]:
    """Revision numbers to delete, given ``(number, created_at)`` of a draft's autosaves."""
    newest_first = sorted(autosaves, key=lambda a: a[0], reverse=True)
    drop: list[int] = []
    hours: set[datetime] = set()
    for number, at in newest_first[KEEP_LAST:]:
        hour = at.replace(minute=0, second=0, microsecond=0)
        if now - at > HOURLY_FOR or hour in hours:
            drop.append(number)
        else:
            hours.add(hour)
    return drop
