"""The secretariat's services: inbox, acceptance, meetings, decisions, publication.

The CLI and the secretariat window both call this class; neither touches the share
directly. Every change is saved as a new version (a stale copy is refused) and
recorded as an event with time and actor.
"""

from __future__ import annotations

import contextlib
import getpass
import json
from collections.abc import Callable
from datetime import date, datetime
from pathlib import Path
from typing import Any

from desktop.config import paths
from desktop.config.settings import Settings
from desktop.domain import workflow as wf
from desktop.domain.forms import default_formset
from desktop.export.pagefit import default_layout_check
from desktop.queue.signed import content_hash
from desktop.secretariat import acceptance, archive, arrivals, events, held, placements
from desktop.secretariat import meeting as m
from desktop.secretariat.errors import SecretariatError
from desktop.secretariat.inbox import FirstSeen, Submission, SubmissionSource
from desktop.secretariat.queue_source import QueueSource, ensure_key
from desktop.secretariat.records import RecordTrust
from desktop.secretariat.store import MeetingStore, ShareLayout, ZaakStore
from desktop.share import ShareError, connect


def default_actor() -> str:
    try:
        naam = str(Settings()["naam"]).strip()
    except Exception:  # settings are a convenience here; the account name always works
        naam = ""
    try:
        account = getpass.getuser()
    except Exception:
        account = "onbekend"
    return f"{naam} ({account})" if naam else account


class Secretariaat:
    def __init__(
        self,
        queue_dir: Path,
        *,
        actor: str | None = None,
        data_dir: Path | None = None,
        formset: Any = None,
        source: SubmissionSource | None = None,
        clock: Callable[[], datetime] | None = None,
    ) -> None:
        self.queue_dir = Path(queue_dir)
        self.share = connect(self.queue_dir)
        self.layout = ShareLayout(self.share)
        self.local = Path(data_dir or paths.data_dir()) / "secretariaat"
        self.trust = RecordTrust(self.share, self.local, self._signing_key)
        self.meetings = MeetingStore(self.layout, self.trust)
        self.zaken = ZaakStore(self.layout, self.trust)
        self.actor = actor or default_actor()
        self._key: Any = None
        self.first_seen = FirstSeen(self.local / "eerst_gezien.json")
        self._formset = formset
        self._source = source
        self.warnings: list[str] = []
        # Injected in tests that play out a year; every recorded moment comes from it.
        self.clock: Callable[[], datetime] = clock or (lambda: datetime.now().astimezone())

    # -- plumbing -------------------------------------------------------------------------
    def _signing_key(self) -> Any:
        if self._key is None:
            self._key = ensure_key(self.queue_dir, fs=self.share)
        return self._key

    @property
    def problems(self) -> list[Any]:
        """The files skipped so far because they may not be believed (``desktop.queue.signed.Problem``)."""
        return self.trust.problems

    @property
    def formset(self) -> Any:
        if self._formset is None:
            self._formset = default_formset()
        return self._formset

    @property
    def source(self) -> SubmissionSource:
        if self._source is None:
            self._source = QueueSource(self.queue_dir)
        return self._source

    def port_order(self, naam: str) -> int:
        return int(self.formset.config.order_of("portefeuillehouders", naam))

    def event(self, kind: str, subject: str, **details: Any) -> None:
        """Record a status change in the share, and locally so that a share failure loses nothing."""
        entry = {"soort": kind, "door": self.actor, "onderwerp_id": subject, **details}
        now = self.clock()
        try:
            events.record(self.trust, self.layout.log, kind, self.actor, subject, now=now, **details)
        except (ShareError, SecretariatError) as exc:
            self.warnings.append(f"De gebeurtenis '{kind}' kon niet in de gedeelde map worden vastgelegd ({exc}).")
            entry["niet_gedeeld"] = True
        entry["op"] = now.isoformat(timespec="milliseconds")
        try:
            self.local.mkdir(parents=True, exist_ok=True)
            with (self.local / "logboek.jsonl").open("a", encoding="utf-8") as fh:
                fh.write(json.dumps(entry, ensure_ascii=False) + "\n")
        except OSError as exc:
            self.warnings.append(f"Het lokale logboek kon niet worden bijgewerkt ({exc}).")

    def note_arrival(self, subs: list[Submission]) -> dict[str, datetime]:
        """When this application first saw each submission; a new one is measured once (arrivals)."""
        new = self.first_seen.unseen([s.id for s in subs])
        seen = self.first_seen.see([s.id for s in subs], now=self.clock())
        for s in subs:
            if s.id not in new:
                continue
            try:
                arrivals.record(self.trust, self.layout, s, seen[s.id], self.formset, self.layout_check)
            except ShareError as exc:
                self.warnings.append(f"De meting bij aankomst van {s.id} kon niet worden vastgelegd ({exc}).")
            except Exception as exc:  # an unknown form version: never blocks the inbox
                self.warnings.append(f"De inzending {s.id} kon bij aankomst niet worden gemeten ({exc}).")
        return seen

    @property
    def layout_check(self) -> Any:
        return default_layout_check()

    def tell_steller(self, submission_id: str, status: str, **fields: Any) -> None:
        """Tell the steller a model state (written as its protocol-1 word); a failure is a
        warning (the secretariat's own record is saved)."""
        try:
            record = f"status:{submission_id}"
            seen = self.trust.seen.get(record)
            written = self.source.write_status(submission_id, wf.to_protocol_v1(status),
                                               floor=seen[0] if seen else 0, **fields)
            if isinstance(written, dict):
                self.trust.seen.note(record, int(written["_versie"]), content_hash(written))
        except Exception as exc:  # the queue layer's own errors carry Dutch text
            self.warnings.append(
                f"De status '{status}' kon niet naar de steller worden geschreven: {exc}. "
                "Voer de opdracht later opnieuw uit of gebruik 'meeting publish' om bij te werken."
            )

    def _change(self, datum: date | str, change: Any, base: int | None = None) -> tuple[m.Meeting, Any]:
        meeting = self.meetings.load(datum)
        if base is not None:
            meeting.version = base  # the caller's copy: saving refuses it when it is stale
        result = change(meeting)
        self.meetings.save(meeting, self.actor)
        return meeting, result

    # -- meetings -------------------------------------------------------------------------

    def create_meeting(self, datum: date, sluiting: datetime, take_held: bool = True) -> m.Meeting:
        if sluiting.date() > datum:
            raise SecretariatError(
                f"De sluitingstijd ({sluiting:%d-%m-%Y %H:%M}) ligt na de vergadering van {datum:%d-%m-%Y}.",
                f"cut-off {sluiting} after meeting {datum}",
            )
        meeting = self.meetings.create(datum, sluiting, self.actor)
        self.event("vergadering_aangemaakt", meeting.key, sluiting=sluiting.isoformat(timespec="minutes"))
        if take_held:
            for item in self.held_items(before=datum):
                try:
                    meeting = self.place(datum, item.inzending, item.behandeling, aangehouden_van=item.aangehouden_van)
                except SecretariatError as exc:
                    self.warnings.append(f"Aangehouden stuk '{item.registratienummer}' niet geplaatst: {exc}")
        return meeting

    def list_meetings(self) -> list[m.Meeting]:
        return self.meetings.all()

    def held_items(self, before: date | None = None, meetings: list[m.Meeting] | None = None) -> list[m.AgendaItem]:
        """Items aangehouden and not placed on a later meeting; ``meetings`` when just read (one read per poll)."""
        return held.held_items(self.meetings.all() if meetings is None else meetings, before)

    def live_meeting_of(self, submission_id: str, exclude: str = "") -> m.Meeting | None:
        return held.live_meeting_of(self.meetings.all(), submission_id, exclude)

    def _held_count(self, submission_id: str) -> int:
        return held.held_count(self.meetings.all(), submission_id)

    def _is_live_on(self, submission_id: str, meeting_key: str) -> bool:
        try:
            return held.is_live_on(self.meetings.load(meeting_key), submission_id)
        except SecretariatError:
            return False

    def agenda_item(self, submission_id: str, kind: str) -> m.AgendaItem:
        _, zaak = self.zaken.load(submission_id)
        if zaak.get("status") != wf.AANVAARD:
            state = zaak.get("status") or "nog niet aanvaard"
            raise SecretariatError(
                f"Inzending {submission_id} kan niet worden geagendeerd: die is {state}. "
                "Aanvaard haar eerst ('meeting accept').",
                f"zaak {submission_id} status {zaak.get('status')!r}",
            )
        snap = zaak.get("stuk", {})
        # The snapshot taken at acceptance has the agenda fields under the same names.
        return m.AgendaItem.from_json(
            {
                **{k: v for k, v in snap.items() if k not in ("beslissing", "na_agenda", "aangehouden_van")},
                "inzending": submission_id,
                "registratienummer": zaak.get("registratienummer", ""),
                "behandeling": kind,
            }
        )

    def place(
        self, datum: date | str, submission_id: str, kind: str = "hamerstuk",
        base: int | None = None, aangehouden_van: str = "",
    ) -> m.Meeting:
        item = self.agenda_item(submission_id, kind)
        item.aangehouden_van = aangehouden_van
        sub = None if aangehouden_van else self.source.get(submission_id)
        if sub is not None and sub.ingetrokken:
            self.confirm_withdrawals([sub])  # seen once: recorded, so deleting the marker changes nothing
            raise SecretariatError(
                f"De steller heeft '{item.registratienummer}' ingetrokken; het kan niet worden geagendeerd.",
                f"{submission_id} withdrawn",
            )
        key = date.fromisoformat(str(datum)).isoformat() if isinstance(datum, str) else datum.isoformat()
        other = self.live_meeting_of(submission_id, exclude=key)
        if other is not None:
            raise SecretariatError(
                f"'{item.registratienummer}' staat al op de agenda van {other.datum:%d-%m-%Y}.",
                f"{submission_id} already on {other.key}",
            )
        ronde = self._held_count(submission_id)
        placements.claim(self.trust, self.layout.placements, submission_id, ronde, key, self.actor,
                         lambda holder: self._is_live_on(submission_id, holder))
        try:
            meeting, _ = self._change(datum, lambda mt: m.place(mt, item, self.port_order), base)
        except SecretariatError:
            placements.release(self.trust, self.layout.placements, submission_id, ronde, key)
            raise
        placed = meeting.item(submission_id)
        self.event(wf.GEAGENDEERD, submission_id, vergadering=meeting.key, behandeling=kind,
                   na_agenda=placed.na_agenda)
        self.tell_steller(submission_id, wf.GEAGENDEERD, vergadering=meeting.key,
                          registratienummer=item.registratienummer, hamerstuk=kind == "hamerstuk")
        return meeting

    def remove(self, datum: date | str, submission_id: str, base: int | None = None) -> m.Meeting:
        meeting, _ = self._change(datum, lambda mt: m.remove(mt, submission_id), base)
        placements.release(self.trust, self.layout.placements, submission_id, self._held_count(submission_id),
                           meeting.key)
        self.event("van_agenda", submission_id, vergadering=meeting.key)
        _, zaak = self.zaken.load(submission_id)
        self.tell_steller(submission_id, wf.AANVAARD, registratienummer=zaak.get("registratienummer", ""))
        return meeting

    def order(self, datum: date | str, base: int | None = None) -> m.Meeting:
        return self._change(datum, lambda mt: m.auto_order(mt, self.port_order), base)[0]

    def move(self, datum: date | str, submission_id: str, number: int, base: int | None = None) -> m.Meeting:
        return self._change(datum, lambda mt: m.move(mt, submission_id, number), base)[0]

    def set_kind(self, datum: date | str, submission_id: str, kind: str, base: int | None = None) -> m.Meeting:
        return self._change(datum, lambda mt: m.set_kind(mt, submission_id, kind), base)[0]

    def freeze(self, datum: date | str, base: int | None = None) -> m.Meeting:
        meeting, _ = self._change(datum, m.freeze, base)
        self.event(wf.MEETING_VASTGESTELD, meeting.key)
        return meeting

    def decide(
        self, datum: date | str, submission_id: str, outcome: str, text: str = "", changed: str = "",
        base: int | None = None,
    ) -> tuple[m.Meeting, m.Decision]:
        meeting, decision = self._change(
            datum, lambda mt: m.decide(mt, submission_id, outcome, self.actor, text, changed), base
        )
        self.event(wf.BESLOTEN, meeting.item(submission_id).inzending, vergadering=meeting.key,
                   uitkomst=outcome)
        if meeting.status == wf.MEETING_BESLOTEN:
            self.event("vergadering_besloten", meeting.key)
        return meeting, decision

    # -- inbox ----------------------------------------------------------------------------

    def submission(self, submission_id: str) -> Submission:
        return self.source.get(submission_id)

    def accept(self, submission_id: str, trust_new_key: bool = False) -> str:
        sub = self.submission(submission_id)
        acceptance.check_signed_and_routed(sub, trust_new_key)

        def trust_step() -> None:
            if sub.verificatie == "gewijzigde sleutel":
                self.source.trust_key(submission_id)
                self.event("sleutel_vertrouwd", submission_id, steller=sub.steller)
            elif sub.verificatie == "nieuwe sleutel":
                # Trust on first use: the inbox showed the warning; accepting records the key.
                self.event("nieuwe_sleutel_aanvaard", submission_id, steller=sub.steller)

        # A refused acceptance changes nothing: no trust, no log entry (only what happened is logged).
        return self.accept_submission(sub, on_accepted=trust_step)

    def accept_submission(self, sub: Submission, on_accepted: Callable[[], None] | None = None) -> str:
        """Assign the number and record the acceptance; exactly one secretary succeeds (``acceptance``).

        ``on_accepted`` runs once the acceptance is stored, before it is logged."""
        return acceptance.accept_submission(self, sub, on_accepted)

    def confirm_withdrawals(self, subs: list[Submission]) -> None:
        """Honour the stellers' withdrawals of stukken not on an agenda, and confirm them once."""
        for sub in subs:
            if not sub.ingetrokken or self.live_meeting_of(sub.id) is not None:
                continue
            base, zaak = self.zaken.load(sub.id)
            if zaak.get("status") == wf.INGETROKKEN:
                continue
            record = {k: v for k, v in zaak.items() if not k.startswith("_")} or {"inzending": sub.id}
            record["status"] = wf.INGETROKKEN
            try:
                self.zaken.save(sub.id, record, base, self.actor)
            except SecretariatError:
                continue  # a colleague confirms it (or will, at the next listing)
            self.event(wf.INGETROKKEN, sub.id)
            self.tell_steller(sub.id, wf.INGETROKKEN, detail="De intrekking is door het secretariaat verwerkt.")
            archive.archive_stuk(self, sub.id)

    def send_back(self, submission_id: str, reason: str) -> None:
        if not reason.strip():
            raise SecretariatError("Geef een reden op waarom het stuk wordt teruggestuurd.", "empty reason")
        live = self.live_meeting_of(submission_id)
        if live is not None:
            raise SecretariatError(
                f"Het stuk staat op de agenda van {live.datum:%d-%m-%Y}; haal het daar eerst af.",
                f"{submission_id} on {live.key}",
            )
        with contextlib.suppress(SecretariatError):  # gone from the queue: nothing left to measure
            self.note_arrival([self.source.get(submission_id)])
        base, zaak = self.zaken.load(submission_id)
        record = dict(zaak) if zaak else {"inzending": submission_id}
        record.update(status=wf.TERUGGESTUURD, reden=reason.strip())
        for key in ("_versie", "_door", "_op"):
            record.pop(key, None)
        self.zaken.save(submission_id, record, base, self.actor)
        self.event(wf.TERUGGESTUURD, submission_id, reden=reason.strip())
        self.tell_steller(submission_id, wf.TERUGGESTUURD, reden=reason.strip())
