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


def record(share: Share, folder: str, kind: str, actor: str, subject: str, **details: Any) -> dict[str, Any]:
    """Write one event; a failure is reported by :class:`desktop.share.ShareError`."""
    now = datetime.now().astimezone()
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


def read_all(share: Share, folder: str, subject: str | None = None) -> list[dict[str, Any]]:
    out: list[dict[str, Any]] = []
    for month in share.list_names(folder):
        for name in share.list_names(f"{folder}/{month}"):
            try:
                data = share.read_json(f"{folder}/{month}/{name}")
            except ShareError:
                continue
            if isinstance(data, dict) and (subject is None or data.get("onderwerp_id") == subject):
                out.append(data)
    out.sort(key=lambda e: str(e.get("op", "")))
    return out
