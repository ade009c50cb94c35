"""One bundle's row in the secretariat's listing, made from its index record.

The row says who sent the stuk and how far the sender is believed: ``mislukt`` (the
bundle failed its check), ``versleuteld`` (confidential, not opened here), or the state of
the sender's key in the trust list, with the warning a user reads.
"""

from __future__ import annotations

from typing import Any

from desktop.domain import workflow as wf
from desktop.queue import protocol as P
from desktop.queue.trust import (
    CHANGED_KEY,
    NEW_KEY,
    TRUSTED,
    TrustStore,
    name_person,
    short_fingerprint,
)

FAILED = "mislukt"
ENCRYPTED = "versleuteld"


def listing_entry(record: dict[str, Any], meta: dict[str, Any], trust: TrustStore | None,
                  trust_snapshot: dict[str, Any] | None) -> dict[str, Any]:
    """The row of ``record`` (an index record of ``reader``); ``meta`` its plain or decrypted meta."""
    person = meta.get("os_account") if isinstance(meta.get("os_account"), str) else ""
    if not record["ok"]:
        state = FAILED
    elif not person:
        state = ENCRYPTED
    elif trust is None:
        state = TRUSTED
    else:
        # A listing binds nothing: the secretariat's first acceptance does
        # (desktop.secretariat.stellers). A key is checked against the account and the name.
        snapshot = trust_snapshot if trust_snapshot is not None else trust.snapshot()
        steller = str(meta.get("steller") or "")
        found = {
            TrustStore.state_in(snapshot, who, record["public_key"])
            for who in (person, name_person(steller))
            if who
        }
        state = CHANGED_KEY if CHANGED_KEY in found else NEW_KEY if found <= {None, NEW_KEY} else TRUSTED
    confidential = record["confidential"]
    return {
        "id": meta.get("submission_id", ""),
        "onderwerp": meta.get("onderwerp") or ("(vertrouwelijk)" if confidential else ""),
        "steller": meta.get("steller") or ("(versleuteld)" if confidential else ""),
        "os_account": person,
        "vingerafdruk": short_fingerprint(record["public_key"]),
        "form": meta.get("form", ""),
        "classificatie": meta.get("classificatie", ""),
        "vertrouwelijk": confidential,
        "supersedes": meta.get("supersedes") or "",
        "verificatie": state,
        "melding": record["problem"] or trust_warning(state),
        "aangekomen": record["first_seen"],
        "ingediend_op": meta.get("created", ""),
        "public_key": record["public_key"],
        wf.INGETROKKEN: False,
        "map": record.get("folder", P.SUBMITTED),
    }


def trust_warning(state: str) -> str:
    if state == NEW_KEY:
        return "Nieuwe sleutel: eerste stuk met deze sleutel van deze afzender."
    if state == CHANGED_KEY:
        return "Gewijzigde sleutel: deze afzender ondertekende eerder met een andere sleutel."
    if state == ENCRYPTED:
        return "Vertrouwelijk: de afzender is pas na ontsleutelen te controleren."
    return ""
