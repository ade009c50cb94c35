"""The record of every status change: one small file per event in the share, never rewritten.

One file per event (rather than appending to a shared file) because appends from two
machines to one file over SMB can interleave or be lost. The file name sorts by time.
These records feed the process figures (lead times, how often sent back or held over).
"""

from __future__ import annotations

import secrets
from datetime import datetime
from typing import Any

from desktop.share import Share, ShareError, dumps


def record(share: Share, folder: str, kind: str, actor: str, subject: str, now: datetime | None = None,
           **details: Any) -> dict[str, Any]:
    """Write one event (at ``now``, default the clock); a failure raises :class:`desktop.share.ShareError`."""
    now = now or datetime.now().astimezone()
    clash = {"soort", "door", "op", "onderwerp_id"} & set(details)
    if clash:
        raise ValueError(f"event details may not override {sorted(clash)}")
    event = {
        **details,
        "soort": kind,
        "door": actor,
        "op": now.isoformat(timespec="milliseconds"),
        "onderwerp_id": subject,
    }
    name = f"{now.strftime('%Y%m%dT%H%M%S%f')}-{secrets.token_hex(4)}.json"
    share.write_exclusive(f"{folder}/{now.strftime('%Y-%m')}/{name}", dumps(event))
    return event


def read_all(share: Share, folder: str, subject: str | None = None, months: set[str] | None = None) -> list[dict[str, Any]]:
    """Every event, oldest first; ``months`` ("2027-01", ...) limits the month folders read."""
    out: list[dict[str, Any]] = []
    for month in share.list_names(folder):
        if months is not None and month not in months:
            continue
        for name in share.list_names(f"{folder}/{month}"):
            try:
                data = share.read_json(f"{folder}/{month}/{name}")
            except ShareError:
                continue
            if isinstance(data, dict) and (subject is None or data.get("onderwerp_id") == subject):
                out.append(data)
    out.sort(key=lambda e: str(e.get("op", "")))
    return out
