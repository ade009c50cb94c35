"""Exports and publication of a meeting: agenda, meeting set, final stukken, terugkoppeling.

Publishing happens once per meeting: the switch to ``gepubliceerd`` is a versioned write,
so of two secretaries who publish at the same moment exactly one goes on. If the share
fails half-way, the meeting says gepubliceerd and ``publish --herstel`` completes it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from desktop.domain import workflow as wf
from desktop.secretariat import archive, documents, versioned
from desktop.secretariat import meeting as m
from desktop.secretariat.errors import SecretariatError
from desktop.secretariat.inbox import number_field

if TYPE_CHECKING:
    from desktop.secretariat.service import Secretariaat


@dataclass
class PublishResult:
    meeting: m.Meeting
    files: list[Path] = field(default_factory=list)
    repaired: bool = False


def _organisatie(sec: Secretariaat) -> str:
    return str(sec.formset.config.names.get("organisatie", ""))


def _safe(text: str) -> str:
    return re.sub(r"[^A-Za-z0-9._-]+", "_", text).strip("_") or "stuk"


def hydrate(sec: Secretariaat, meeting: m.Meeting) -> m.Meeting:
    """Fill in what the share does not hold for confidential items, from the decrypted submission."""
    sec.source.forget()
    for it in meeting.items:
        if it.onderwerp and (it.besluit or it.soort_stuk != "a4tje"):
            continue
        try:
            sub = sec.source.get(it.inzending, fresh=False)
        except Exception as exc:  # the queue's own errors; the agenda still shows the number
            sec.warnings.append(f"Inhoud van {it.registratienummer} niet beschikbaar: {exc}")
            continue
        if sub.verificatie == "mislukt":
            sec.warnings.append(f"{it.registratienummer} is na het indienen gewijzigd; de inhoud wordt niet getoond.")
        elif sub.draft is not None:
            it.onderwerp = it.onderwerp or sub.value("onderwerp")
            it.besluit = it.besluit or [p for p in sub.draft.values.get("besluit", []) if isinstance(p, str)]
    return meeting


def export_agenda(sec: Secretariaat, datum: date | str, out: Path) -> Path:
    meeting = hydrate(sec, sec.meetings.load(datum))
    return documents.agenda_docx(meeting, out, _organisatie(sec))


def export_besluitenlijst(sec: Secretariaat, datum: date | str, out: Path) -> Path:
    meeting = hydrate(sec, sec.meetings.load(datum))
    return documents.besluitenlijst_docx(meeting, out, _organisatie(sec))


def export_terugkoppeling(sec: Secretariaat, datum: date | str, out: Path) -> Path:
    meeting = hydrate(sec, sec.meetings.load(datum))
    return documents.terugkoppeling_docx(meeting, out, sec.port_order, _organisatie(sec), _secretaris(sec))


def _secretaris(sec: Secretariaat) -> str:
    return str(sec.formset.config.names.get("secretaris", ""))


def _numbered_draft(sec: Secretariaat, item: m.AgendaItem) -> Any:
    sub = sec.source.get(item.inzending, fresh=False)
    if sub.verificatie == "mislukt":
        raise SecretariatError(
            f"Het stuk {item.registratienummer} is in de gedeelde map gewijzigd na het indienen "
            f"({sub.probleem or 'de handtekening klopt niet'}); het wordt niet afgedrukt. "
            "Vraag de steller het stuk opnieuw in te dienen.",
            f"verification failed for {item.inzending}: {sub.probleem}",
        )
    if sub.draft is None:
        raise SecretariatError(
            f"Het stuk {item.registratienummer} is niet leesbaar: {sub.probleem or 'onbekende reden'}.",
            f"no draft for {item.inzending}",
        )
    draft = sub.draft.copy()
    draft.values[number_field(draft)] = item.registratienummer
    return draft


def _export_stuk(sec: Secretariaat, draft: Any, out: Path, final: Any = None) -> Path:
    from desktop.export.docx_export import ExportError, export_docx

    try:
        export_docx(draft, out, formset=sec.formset, final=final)
    except ExportError as exc:
        raise SecretariatError(str(exc), exc.detail) from exc
    return out


def set_drafts(sec: Secretariaat, meeting: m.Meeting) -> list[tuple[int, m.AgendaItem, Any]]:
    """Every stuk of the meeting set with its registratienummer filled in, in agenda order."""
    return [(nr, it, _numbered_draft(sec, it)) for nr, it in meeting.numbered()]


def export_set(sec: Secretariaat, datum: date | str, folder: Path) -> list[Path]:
    """The set for the college members: the agenda plus every stuk with its registratienummer."""
    meeting = hydrate(sec, sec.meetings.load(datum))
    folder = Path(folder)
    files = [documents.agenda_docx(meeting, folder / f"00 agenda {meeting.key}.docx", _organisatie(sec))]
    for nr, it, draft in set_drafts(sec, meeting):
        files.append(_export_stuk(sec, draft, folder / f"{nr:02d} {_safe(it.registratienummer)}.docx"))
    return files


def export_final(sec: Secretariaat, meeting: m.Meeting, folder: Path) -> list[Path]:
    """The archive version of every decided stuk (aangehouden ones are not decided yet)."""
    from desktop.export.model import FinalInfo

    sec.source.forget()
    files = []
    for _nr, it in meeting.numbered():
        d = it.besluit_uitkomst
        if d is None or d.uitkomst == wf.AANGEHOUDEN:
            continue
        final = FinalInfo(it.registratienummer, meeting.datum, d.uitkomst, d.tekst, tuple(it.route_lines))
        out = Path(folder) / f"definitief {_safe(it.registratienummer)}.docx"
        files.append(_export_stuk(sec, _numbered_draft(sec, it), out, final))
    return files


def publication_payload(meeting: m.Meeting) -> dict[str, Any]:
    """What every steller's application reads; confidential items carry no content."""
    items = []
    for nr, it in meeting.numbered():
        d = it.besluit_uitkomst
        entry: dict[str, Any] = {
            "submission_id": it.inzending,
            "nr": nr,
            "registratienummer": it.registratienummer,
            "portefeuillehouder": it.portefeuillehouder,
            "classificatie": it.classificatie,
            "hamerstuk": it.behandeling == "hamerstuk",
            "na_agenda": it.na_agenda,
            "outcome": d.uitkomst if d else "",
            "openbaar": not it.vertrouwelijk,
        }
        if not it.vertrouwelijk:
            entry["onderwerp"] = it.onderwerp
            entry["decision_text"] = d.tekst if d else ""
            if it.route_lines:  # as verified at acceptance (the signed zaak), never read again
                entry["route"] = it.route_lines
        items.append(entry)
    return {"meeting_date": meeting.key, "items": items}


def steller_status(meeting: m.Meeting, it: m.AgendaItem) -> tuple[str, dict[str, Any]]:
    """The status file of one item after publication (``docs/queue-format.md``).

    An aangehouden stuk is not final: it is ``besloten`` (aangehouden) so that the steller's
    application keeps following it to the next meeting; everything else is teruggekoppeld.
    """
    d = it.besluit_uitkomst
    outcome = d.uitkomst if d else ""
    fields: dict[str, Any] = {"registratienummer": it.registratienummer, "meeting_date": meeting.key,
                              "outcome": outcome}
    text = "" if it.vertrouwelijk or d is None else d.tekst
    if text:
        fields["decision_text"] = text
    fields["detail"] = f"{outcome} ({meeting.datum:%d-%m-%Y})" + (f": {text}" if text else "")
    return (wf.AANGEHOUDEN if outcome == wf.AANGEHOUDEN else wf.TERUGGEKOPPELD), fields


def publish(sec: Secretariaat, datum: date | str, out_dir: Path | None = None, repair: bool = False) -> PublishResult:
    meeting = sec.meetings.load(datum)
    sec.source.check_can_publish()  # no key, no share: refused while the meeting is still besloten
    repaired = False
    if meeting.status == wf.MEETING_GEPUBLICEERD:
        existing = sec.source.publication(meeting.key)
        broken = isinstance(existing, dict) and existing.get("_onleesbaar")
        if (existing is not None and not (repair and broken)) or not repair:
            who = existing.get("published", "") if isinstance(existing, dict) else ""
            raise SecretariatError(
                f"De vergadering van {meeting.datum:%d-%m-%Y} is al gepubliceerd{' (' + who + ')' if who else ''}; "
                "er is niets opnieuw gepubliceerd."
                + ("" if existing is not None else
                   " De terugkoppeling in de gedeelde map ontbreekt nog: maak die af met "
                   "'meeting publish DATUM --herstel'."),
                f"meeting {meeting.key} already gepubliceerd, publication present: {existing is not None}",
            )
        repaired = True
    else:
        m.mark_published(meeting)
        try:
            sec.meetings.save(meeting, sec.actor)
        except versioned.StaleError as exc:
            now = sec.meetings.load(datum)
            if now.status == wf.MEETING_GEPUBLICEERD:
                raise SecretariatError(
                    f"Een collega heeft de vergadering van {meeting.datum:%d-%m-%Y} zojuist gepubliceerd; "
                    "er is niets dubbel gepubliceerd.",
                    exc.detail,
                ) from exc
            raise
    sec.event("publicatie_gestart", meeting.key, herstel=repaired)
    finished = []
    try:
        sec.source.publish(meeting.key, publication_payload(meeting))
    except Exception as exc:
        raise SecretariatError(
            "De terugkoppeling kon niet in de gedeelde map worden gezet "
            f"({getattr(exc, 'message', None) or exc}). De besluiten zijn bewaard en de vergadering staat "
            "op gepubliceerd; voer 'meeting publish DATUM --herstel' opnieuw uit zodra de map bereikbaar "
            "is. Er wordt niets dubbel gepubliceerd.",
            f"{type(exc).__name__}: {getattr(exc, 'detail', exc)}",
        ) from exc
    for _nr, it in meeting.numbered():
        d = it.besluit_uitkomst
        state, fields = steller_status(meeting, it)
        later = sec.live_meeting_of(it.inzending, exclude=meeting.key) if state == wf.AANGEHOUDEN else None
        if later is not None and later.datum > meeting.datum:
            # Already back on a later agenda: that is the steller's current state.
            state = wf.GEAGENDEERD
            fields.update(meeting_date=later.key,
                          detail=f"aangehouden op {meeting.datum:%d-%m-%Y}, nu geagendeerd voor {later.datum:%d-%m-%Y}")
            fields.pop("outcome", None)
        sec.tell_steller(it.inzending, state, **fields)
        sec.event(wf.TERUGGEKOPPELD, it.inzending, vergadering=meeting.key, uitkomst=d.uitkomst if d else "")
        if state == wf.TERUGGEKOPPELD:
            finished.append(it.inzending)
    sec.event(wf.MEETING_GEPUBLICEERD, meeting.key)
    for sid in finished:
        archive.archive_stuk(sec, sid)  # the poll no longer reads what is done
    archive.archive_meetings(sec, keep=meeting.key)  # the latest stays in view until the next one
    result = PublishResult(meeting, repaired=repaired)
    if out_dir is not None:
        result.files = write_documents(sec, meeting, Path(out_dir))
    return result


def write_documents(sec: Secretariaat, meeting: m.Meeting, folder: Path) -> list[Path]:
    """Besluitenlijst, terugkoppeling and the final stukken, in a local folder."""
    meeting = hydrate(sec, meeting)
    org = _organisatie(sec)
    files = [
        documents.besluitenlijst_docx(meeting, folder / f"besluitenlijst {meeting.key}.docx", org),
        documents.terugkoppeling_docx(
            meeting, folder / f"terugkoppeling {meeting.key}.docx", sec.port_order, org, _secretaris(sec),
        ),
    ]
    files.extend(export_final(sec, meeting, folder))
    return files
