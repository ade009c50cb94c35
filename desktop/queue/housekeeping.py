"""Keeping the queue folder tidy: malformed entries aside, dead writers' temporaries away.

A malformed entry in ``ingediend/`` moves to the quarantine folder with a reason file
beside it (nothing is deleted); temporaries older than the limit are removed. Both go
through the share layer and report failure instead of raising: one entry the share
refuses never stops a listing.
"""

from __future__ import annotations

import json
import time
import uuid
from datetime import UTC, datetime

from desktop.queue import protocol as P
from desktop.queue.names import clean_attachment_name
from desktop.queue.verify import Malformed
from desktop.share import Share, ShareError


def quarantine(fs: Share, folder: str, name: str, bad: Malformed) -> bool:
    """Move ``folder/name`` aside with a reason file; False if the share refuses."""
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
    target = f"{clean_attachment_name(name)[:60]}.{stamp}.{uuid.uuid4().hex[:8]}"
    reason = {
        "original": f"{folder}/{name}",
        "reason": bad.reason,
        "detail": bad.detail,
        "moved": P.now_iso(),
    }
    try:
        fs.makedirs(P.QUARANTINE)
        fs.write_durable(
            f"{P.QUARANTINE}/{target}.reden.json", json.dumps(reason, ensure_ascii=False, indent=2).encode()
        )
        fs.rename(f"{folder}/{name}", f"{P.QUARANTINE}/{target}")
    except OSError:
        return False
    return True


def cleanup_temporaries(fs: Share, max_age_s: float) -> int:
    """Remove temporaries older than ``max_age_s`` (writers that died); returns how many."""
    removed = 0
    try:
        entries = fs.scandir(P.TEMP)
    except ShareError:
        return 0
    limit = time.time() - max_age_s
    for e in entries:
        if e.mtime_ns / 1e9 < limit:
            try:
                fs.rmtree(f"{P.TEMP}/{e.name}")
                removed += 1
            except OSError:
                continue
    return removed
