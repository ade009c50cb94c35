"""Where the secretariat keeps its shared state, and the versioned meeting and zaak records.

Layout inside the queue folder (see ``docs/secretariat.md``)::

    secretariaat/
      vergaderingen/<JJJJ-MM-DD>/v000001.json ...   one meeting, every saved version
      zaken/<inzending-id>/v000001.json ...         accepted or sent back, with the number
      nummers/<CODE>/<JJ>/0000001.json ...          one claimed number per file
      plaatsingen/<inzending-id>/000.json           which meeting holds the stuk (round = times held over)
      logboek/<JJJJ-MM>/<tijd>-<rnd>.json           one status change per file

Confidential stukken (Vertrouwelijk, Geheim): the share is readable by every steller, so
these records hold no onderwerp or besluit for them; the secretariat fills that in from
the decrypted submission when it shows or exports an agenda.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from desktop.domain import workflow as wf
from desktop.secretariat import versioned
from desktop.secretariat.archive import archived
from desktop.secretariat.archive import years as archive_years
from desktop.secretariat.errors import SecretariatError
from desktop.secretariat.meeting import Meeting
from desktop.secretariat.records import RecordTrust
from desktop.share import Share, ShareError

ROOT_NAME = "secretariaat"


@dataclass(frozen=True, slots=True)
class ShareLayout:
    """The share and the secretariat's folders in it (paths relative to the share root)."""

    share: Share
    root: str = ROOT_NAME
    meetings: str = f"{ROOT_NAME}/vergaderingen"
    zaken: str = f"{ROOT_NAME}/zaken"
    numbers: str = f"{ROOT_NAME}/nummers"
    placements: str = f"{ROOT_NAME}/plaatsingen"
    log: str = f"{ROOT_NAME}/logboek"


def _date_key(datum: date | str) -> str:
    if isinstance(datum, date):
        return datum.isoformat()
    try:
        return date.fromisoformat(datum).isoformat()
    except ValueError as exc:
        raise SecretariatError(
            f"'{datum}' is geen datum; schrijf die als JJJJ-MM-DD, bijvoorbeeld 2012-03-13.",
            f"bad date {datum!r}",
        ) from exc


def _located(share: Share, folder: str) -> str:
    """``folder``, or its place in the archive when it was moved there."""
    if share.exists(folder):
        return folder
    for year in reversed(archive_years(share)):
        if share.exists(archived(folder, year)):
            return archived(folder, year)
    return folder


def _published(doc: dict[str, Any]) -> bool:
    """A published meeting is final: nothing changes it any more (``meeting.mark_published``)."""
    return doc.get("status") == wf.MEETING_GEPUBLICEERD


def meeting_record(key: str) -> str:
    return f"vergadering:{key}"


def zaak_record(submission_id: str) -> str:
    return f"zaak:{submission_id}"


class MeetingStore:
    def __init__(self, layout: ShareLayout, trust: RecordTrust) -> None:
        self.layout = layout
        self.share = layout.share
        self.trust = trust

    def folder(self, datum: date | str) -> str:
        """The meeting's folder: open, or in the archive once it is published and finished."""
        return _located(self.share, f"{self.layout.meetings}/{_date_key(datum)}")

    def _listed(self, archive: bool) -> list[tuple[str, str]]:
        """(key, folder) of every meeting folder listed: open ones, with ``archive`` archived too."""
        bases = [self.layout.meetings]
        if archive:
            bases += [archived(self.layout.meetings, year) for year in archive_years(self.share)]
        out = []
        for base in bases:
            for name in self.share.list_names(base):
                try:
                    key = date.fromisoformat(name).isoformat()
                except ValueError:
                    continue
                if key == name:  # another spelling of a date is not a meeting folder
                    out.append((key, f"{base}/{name}"))
        return sorted(out)

    def keys(self, archive: bool = False) -> list[str]:
        return [key for key, _ in self._listed(archive)]

    def exists(self, datum: date | str) -> bool:
        key = _date_key(datum)
        try:
            return versioned.load_latest(self.trust, self.folder(key), meeting_record(key)) is not None
        except SecretariatError:
            return True  # its newest version is missing: it exists, and is reported

    def load(self, datum: date | str, folder: str | None = None) -> Meeting:
        """The meeting on ``datum``; ``folder`` when a listing just found it (saves a look-up)."""
        key = _date_key(datum)

        def look() -> tuple[str, tuple[int, dict[str, Any]] | None]:
            where = folder or self.folder(key)
            return where, versioned.load_latest(self.trust, where, meeting_record(key), final=_published)

        try:
            # One share call (one hand-off to the share's worker) for the whole look, the
            # folder's look-up included (benchmark secretariat_meeting_load).
            where, found = self.share.run(look, None, "vergadering lezen")
        except ShareError as exc:
            raise SecretariatError(str(exc), exc.detail) from exc
        if found is None:
            raise SecretariatError(
                f"Er is geen vergadering op {key} (geen die door het secretariaat is ondertekend). Maak die "
                "eerst aan met 'meeting create'; zie ook 'meeting problemen'.",
                f"no meeting {key}",
            )
        version, data = found
        try:
            return Meeting.from_json(data, version)
        except SecretariatError as exc:
            self.trust.report(versioned.version_path(where, version), str(exc), exc.detail)
            raise

    def all(self, archive: bool = False) -> list[Meeting]:
        """The open meetings (with ``archive`` also the archived ones)."""
        out = []
        for key, folder in self._listed(archive):
            try:
                out.append(self.load(key, folder))
            except SecretariatError:
                continue  # reported in the problems; one bad meeting never hides the others
        return out

    def create(self, datum: date, sluiting: datetime, actor: str) -> Meeting:
        meeting = Meeting(datum=datum, sluiting=sluiting)
        if self.exists(datum):
            raise SecretariatError(
                f"Er bestaat al een vergadering op {datum:%d-%m-%Y}.", f"meeting {datum} exists"
            )
        try:
            meeting.version = versioned.save(
                self.trust, self.folder(datum), meeting_record(meeting.key), meeting.to_json(), 0, actor,
                f"De vergadering van {datum:%d-%m-%Y}",
            )
        except versioned.StaleError as exc:
            raise SecretariatError(
                f"Er bestaat al een vergadering op {datum:%d-%m-%Y} (zojuist aangemaakt door een collega).",
                exc.detail,
            ) from exc
        return meeting

    def save(self, meeting: Meeting, actor: str) -> Meeting:
        """Save a changed copy; refused with :class:`versioned.StaleError` when it is not the latest."""
        meeting.version = versioned.save(
            self.trust,
            self.folder(meeting.datum),
            meeting_record(meeting.key),
            meeting.to_json(),
            meeting.version,
            actor,
            f"De vergadering van {meeting.datum:%d-%m-%Y}",
        )
        return meeting

    def update(self, datum: date | str, change: Callable[[Meeting], Any], actor: str) -> tuple[Meeting, Any]:
        """Load the latest, apply ``change`` and save it as the next version."""
        meeting = self.load(datum)
        result = change(meeting)
        self.save(meeting, actor)
        return meeting, result


class ZaakStore:
    """Per submission: accepted (with its number and a snapshot for the agenda) or sent back."""

    def __init__(self, layout: ShareLayout, trust: RecordTrust) -> None:
        self.layout = layout
        self.share = layout.share
        self.trust = trust

    def folder(self, submission_id: str) -> str:
        if not submission_id or any(c in submission_id for c in "/\\:") or submission_id.startswith("."):
            raise SecretariatError(
                f"'{submission_id}' is geen geldig inzendingsnummer.", f"bad submission id {submission_id!r}"
            )
        return _located(self.share, f"{self.layout.zaken}/{submission_id}")

    def load(self, submission_id: str) -> tuple[int, dict[str, Any]]:
        try:
            found = self.share.run(
                lambda: versioned.load_latest(self.trust, self.folder(submission_id), zaak_record(submission_id)),
                None, "zaak lezen")
        except ShareError as exc:
            raise SecretariatError(str(exc), exc.detail) from exc
        return found if found is not None else (0, {})

    def save(self, submission_id: str, data: dict[str, Any], base: int, actor: str) -> int:
        return versioned.save(self.trust, self.folder(submission_id), zaak_record(submission_id), data, base, actor,
                              "Deze inzending")

    def all(self, archive: bool = False) -> dict[str, dict[str, Any]]:
        """The open zaken (with ``archive`` also the archived ones)."""
        folders = [self.layout.zaken]
        if archive:
            folders += [archived(self.layout.zaken, year) for year in archive_years(self.share)]
        out = {}
        for folder, name in ((f, n) for f in folders for n in self.share.list_names(f)):
            try:
                found = versioned.load_latest(self.trust, f"{folder}/{name}", zaak_record(name))
            except SecretariatError:
                continue
            except ShareError as exc:
                if exc.reason == "hangt":
                    raise
                continue
            if found is not None:
                out[name] = found[1]
        return out
