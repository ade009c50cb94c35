"""Finished stukken move to an archive folder per year, so that a poll costs what the open work costs.

A stuk is finished when it is teruggekoppeld, withdrawn or superseded. The secretariat
then moves, each with one rename inside the share, its bundle and its records::

    archief/<JJJJ>/ingediend/<id>/                      the bundle (immutable)
    archief/<JJJJ>/ingetrokken/<id>.json                the steller's withdrawal, if any
    archief/<JJJJ>/secretariaat/zaken/<id>/             acceptance, number, snapshot (with the route
                                                        verified at acceptance: parafen, adviezen)
    archief/<JJJJ>/secretariaat/plaatsingen/<id>/       the placement claims
    archief/<JJJJ>/secretariaat/vergaderingen/<datum>/  a published meeting whose stukken are all archived

``status/<id>.json`` never moves: a steller who was offline for weeks finds the final
state where it always was. Archiving is housekeeping: a failure is a warning, never a
lost or undone action; the next publication or withdrawal tries again.
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from desktop.domain import workflow as wf
from desktop.queue import protocol as P
from desktop.share import AlreadyExists, NotFound, Share, ShareError

if TYPE_CHECKING:
    from desktop.secretariat.service import Secretariaat

ARCHIVE = "archief"


def years(share: Share) -> list[str]:
    """The archive's years, oldest first (a short flat listing)."""
    try:
        return sorted(e.name for e in share.listdir(ARCHIVE) if e.is_dir and e.name.isdigit())
    except NotFound:
        return []


def archived(folder: str, year: int | str) -> str:
    """Where ``folder`` (relative to the share root) lives in the archive of ``year``."""
    return f"{ARCHIVE}/{year}/{folder}"


def _move(share: Share, src: str, dst: str) -> bool:
    try:
        share.makedirs(dst.rpartition("/")[0])
        share.rename(src, dst)
        return True
    except (NotFound, AlreadyExists):
        return False  # not there (never was, or a colleague archived it just now)


def archive_stuk(sec: Secretariaat, submission_id: str, year: int | None = None) -> bool:
    """Move a finished stuk's bundle and records into the archive; False when nothing moved."""
    year = year or date.today().year
    lay = sec.layout
    moves = [
        (f"{P.SUBMITTED}/{submission_id}", archived(f"{P.SUBMITTED}/{submission_id}", year)),
        (f"{P.WITHDRAWN}/{submission_id}.json", archived(f"{P.WITHDRAWN}/{submission_id}.json", year)),
        (f"{lay.zaken}/{submission_id}", archived(f"{lay.zaken}/{submission_id}", year)),
        (f"{lay.placements}/{submission_id}", archived(f"{lay.placements}/{submission_id}", year)),
    ]
    moved = False
    try:
        for src, dst in moves:
            moved = _move(sec.share, src, dst) or moved
    except ShareError as exc:
        sec.warnings.append(f"Het afgehandelde stuk {submission_id} kon niet naar het archief: {exc}")
        return moved
    sec.source.moved(submission_id, archived(P.SUBMITTED, year))
    return moved


def archive_meetings(sec: Secretariaat, keep: str = "", year: int | None = None) -> list[str]:
    """Archive every published meeting (but ``keep``, the one just published) whose stukken are all
    archived; returns their keys."""
    year = year or date.today().year
    done = []
    try:
        open_zaken = set(sec.share.list_names(sec.layout.zaken))
        for mt in sec.meetings.all():
            if mt.key == keep or mt.status != wf.MEETING_GEPUBLICEERD or any(it.inzending in open_zaken for it in mt.items):
                continue
            src = sec.meetings.folder(mt.key)
            if _move(sec.share, src, archived(src, year)):
                done.append(mt.key)
    except ShareError as exc:
        sec.warnings.append(f"Afgehandelde vergaderingen konden niet naar het archief: {exc}")
    return done
