"""What the secretariat records of a stuk when it accepts it: the agenda fields and the verified route.

The snapshot goes into the signed zaak record (``desktop.secretariat.store.ZaakStore``) and from
there onto every agenda that holds the stuk (``Secretariaat.agenda_item``), so the besluitenlijst,
the publication and the archive version print what was verified at acceptance, never a
claim read from the share later. Confidential stukken (Vertrouwelijk, Geheim) keep no
onderwerp or besluit in it: the share is readable by every steller.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from desktop.domain import route_record
from desktop.secretariat import meeting as m
from desktop.secretariat.inbox import Submission

SNAPSHOT_FIELDS = ("onderwerp", "portefeuillehouder", "directie", "steller", "classificatie")


def stuk_snapshot(sub: Submission, verified_at: datetime) -> dict[str, Any]:
    """The agenda fields of an accepted submission, and its route as verified at ``verified_at``."""
    assert sub.draft is not None  # accept refuses an unreadable submission before this
    snapshot: dict[str, Any] = {k: sub.value(k) for k in SNAPSHOT_FIELDS}
    snapshot.update(
        soort_stuk=sub.draft.form,
        naar_raad=sub.draft.form == "raadsbrief" or sub.value("soort") == "raadsvoorstel",
        besluit=[p for p in sub.draft.values.get("besluit", []) if isinstance(p, str)],
    )
    if snapshot.get("classificatie") in m.CONFIDENTIAL:
        snapshot["onderwerp"] = ""
        snapshot["besluit"] = []  # never in the clear in the share
    # The parafen and adviezen as this application verified them just now (queue_source.py):
    # who, in which role, for whom, the verdict and the day; never the advice text.
    route = route_record.from_verified(sub.extra.get("route"), verified_at)
    if route is not None:
        snapshot["route"] = route
    return snapshot
