"""The secretariat's side of a withdrawal: which listed bundles their steller withdrew.

A steller withdraws a stuk by a marker ``ingetrokken/<id>.json`` (``desktop.queue.status``
writes it). Anyone can write in the share, so a marker counts only when it is signed by
the key that signed the bundle itself.
"""

from __future__ import annotations

from typing import Any

from desktop.domain import workflow as wf
from desktop.queue import protocol as P
from desktop.share import Share, ShareError

MAX_MARKER = 64 * 1024


def valid_withdrawal(doc: Any, submission_id: str, bundle_public_key: str) -> bool:
    """A withdrawal marker counts only when signed by the key that signed the bundle."""
    return (
        isinstance(doc, dict)
        and doc.get("format") == P.WITHDRAWAL_FORMAT
        and doc.get("version") == P.FORMAT_VERSION
        and doc.get("submission_id") == submission_id
        and bool(bundle_public_key)
        and P.verify_document(doc, {bundle_public_key})
    )


def apply_withdrawals(fs: Share, entries: list[dict[str, Any]]) -> None:
    """Set ``entry[wf.INGETROKKEN]`` on each listing entry from the markers now in the share.

    The share out of reach changes nothing; one unreadable marker leaves its entry as it was.
    """
    if not entries:
        return
    try:
        markers = set(fs.names(P.WITHDRAWN))
    except ShareError:
        return
    for entry in entries:
        marker = f"{entry['id']}.json"
        if marker not in markers:
            entry[wf.INGETROKKEN] = False
            continue
        try:
            doc = P.parse_json(fs.read_bytes(f"{P.WITHDRAWN}/{marker}", MAX_MARKER))
        except (OSError, ValueError):
            continue
        entry[wf.INGETROKKEN] = valid_withdrawal(doc, entry["id"], entry["public_key"])
