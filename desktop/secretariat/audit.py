"""``meeting problemen``: every file of the secretariat in the share that may not be believed.

A full look (meetings, zaken, numbers, placements, the log, status files and publications,
open and archived): each unsigned, forged, damaged, misplaced or rolled-back file is a
problem. Normal work reads only what it needs and reports what it skipped on the way.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from desktop.queue import protocol as P
from desktop.queue.signed import Problem, Unverified, verify_bytes
from desktop.secretariat import events, numbers, placements, versioned
from desktop.secretariat.archive import archived
from desktop.secretariat.archive import years as archive_years
from desktop.secretariat.errors import SecretariatError
from desktop.share import ShareError

if TYPE_CHECKING:
    from desktop.secretariat.service import Secretariaat


def scan(sec: Secretariaat) -> list[Problem]:
    trust, lay = sec.trust, sec.layout
    for key in sec.meetings.keys(archive=True):
        try:
            sec.meetings.load(key)
        except SecretariatError:
            continue  # reported
    sec.zaken.all(archive=True)
    # Every version file, also those off the chain (a forgery under a higher name, a copy).
    for base, kind in ((lay.meetings, "vergadering"), (lay.zaken, "zaak")):
        for root in [base] + [archived(base, y) for y in archive_years(sec.share)]:
            for name in sec.share.list_names(root):
                folder = f"{root}/{name}"
                for version in versioned.versions(trust, folder):
                    versioned.read_version(trust, folder, f"{kind}:{name}", version)
    numbers.issued_numbers(trust, lay.numbers)
    for folder in [lay.placements] + [archived(lay.placements, y) for y in archive_years(sec.share)]:
        placements.all_claims(trust, folder)
    events.read_all(trust, lay.log)
    for folder, prefix in ((P.STATUS, "status"), (P.PUBLICATIONS, "publicatie")):
        for name in sec.share.list_names(folder):
            _check_replaceable(sec, f"{folder}/{name}", prefix, name)
    return list(trust.problems)


def _check_replaceable(sec: Secretariaat, rel: str, prefix: str, name: str) -> None:
    trust = sec.trust
    if not name.endswith(".json"):
        trust.report(rel, "Onbekend bestand.", "not a .json name")
        return
    try:
        doc = verify_bytes(sec.share.read_bytes(rel, P.MAX_JSON_BYTES), trust.trusted())
    except Unverified as exc:
        trust.report(rel, str(exc), exc.detail)
        return
    except ShareError as exc:
        if exc.reason == "hangt":
            raise
        trust.report(rel, f"Niet leesbaar: {exc}", exc.detail)
        return
    if doc.get("_record") not in (None, f"{prefix}:{name[:-5]}"):
        trust.report(rel, "Het bestand hoort bij een ander record (verplaatst of gekopieerd).",
                     f"_record {doc.get('_record')!r}")
