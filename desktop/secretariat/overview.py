"""The inbox as rows: each submission with its verification, findings, te laat and state."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Any

from desktop.domain import workflow as wf
from desktop.queue.trust import short_fingerprint
from desktop.secretariat.inbox import te_laat
from desktop.secretariat.meeting import Meeting

if TYPE_CHECKING:
    from desktop.secretariat.service import Secretariaat

OPEN_STATES = wf.MEETING_OPEN
REPLACED_TEXT = f"{wf.VERVANGEN} door een nieuwe versie"


def target_meeting(sec: Secretariaat, datum: date | str | None = None,
                   meetings: list[Meeting] | None = None) -> Meeting | None:
    """The given meeting, else the earliest one whose agenda is still open (among ``meetings``
    when the caller has just read them)."""
    if datum is not None:
        return sec.meetings.load(datum)
    open_ones = [mt for mt in (sec.meetings.all() if meetings is None else meetings) if mt.status in OPEN_STATES]
    return min(open_ones, key=lambda mt: mt.datum) if open_ones else None


def _findings(sec: Secretariaat, draft: Any) -> list[dict[str, str]]:
    from desktop.domain.validation import validate

    try:
        return [
            {"veld": f.field, "ernst": "fout" if f.is_error else "let op", "melding": f.message}
            for f in validate(draft, sec.formset)
        ]
    except Exception as exc:  # an unknown form or version: shown, never fatal for the inbox
        return [{"veld": "", "ernst": "fout", "melding": f"Niet te controleren: {exc}"}]


def _placement(meetings: list[Meeting]) -> dict[str, tuple[Meeting, Any]]:
    """Per submission its latest placement (meeting, item)."""
    out: dict[str, tuple[Meeting, Any]] = {}
    for mt in sorted(meetings, key=lambda x: x.datum):
        for it in mt.items:
            out[it.inzending] = (mt, it)
    return out


def state_of(zaak: dict[str, Any], placed: tuple[Meeting, Any] | None, withdrawn: bool) -> str:
    if withdrawn or zaak.get("status") == wf.INGETROKKEN:
        return wf.INGETROKKEN
    if placed is not None:
        mt, it = placed
        d = it.besluit_uitkomst
        if d is not None and d.uitkomst == wf.AANGEHOUDEN:
            return f"{wf.AANGEHOUDEN} ({mt.key}), voor de volgende vergadering"
        if d is not None:
            word = wf.TERUGGEKOPPELD if mt.status == wf.MEETING_GEPUBLICEERD else wf.BESLOTEN
            return f"{word}: {d.uitkomst} ({mt.key})"
        return f"{wf.GEAGENDEERD} ({mt.key}{', na-agenda' if it.na_agenda else ''})"
    status = zaak.get("status")
    if status == wf.VERVANGEN:
        return REPLACED_TEXT
    if status in (wf.TERUGGESTUURD, wf.AANVAARD):
        return str(status)
    return wf.INGEDIEND


def inbox_rows(sec: Secretariaat, datum: date | str | None = None, include_done: bool = False) -> list[dict[str, Any]]:
    subs = sec.source.submissions(archive=include_done)
    sec.confirm_withdrawals([s for s in subs if not str(s.extra.get("map", "")).startswith("archief")])
    # Every open meeting is read once per poll: each read is a round trip on SMB.
    meetings = sec.meetings.all()
    meeting = target_meeting(sec, datum, meetings)
    seen = sec.note_arrival(subs)
    zaken = sec.zaken.all(archive=include_done)
    placement = _placement(sec.meetings.all(archive=True) if include_done else meetings)
    superseded = {s.supersedes for s in subs if s.supersedes}
    rows = []
    for s in subs:
        zaak = zaken.get(s.id, {})
        state = state_of(zaak, placement.get(s.id), s.ingetrokken)
        if s.id in superseded and state in (wf.INGEDIEND, wf.TERUGGESTUURD, wf.AANVAARD):
            state = REPLACED_TEXT
        if not include_done and (state.startswith(tuple(wf.FINAL))):
            continue
        late = bool(meeting and te_laat(seen[s.id], meeting.sluiting))
        rows.append({
            "id": s.id,
            "onderwerp": s.onderwerp,
            "steller": s.steller or s.value("steller"),
            # Who really submitted it: the account and the key, not only the name typed in the draft.
            "account": str(s.extra.get("os_account") or ""),
            "vingerafdruk": short_fingerprint(str(s.extra.get("public_key") or "")),
            "directie": s.value("directie"),
            "portefeuillehouder": s.value("portefeuillehouder"),
            "soort": getattr(s.draft, "form", ""),
            "classificatie": s.value("classificatie") or ("Vertrouwelijk" if s.vertrouwelijk else ""),
            "verificatie": s.verificatie,
            "probleem": s.probleem,
            "aangekomen": s.aangekomen,
            "eerst_gezien": seen[s.id].isoformat(timespec="seconds"),
            "te_laat": late,
            "vergadering": meeting.key if meeting else "",
            "bevindingen": _findings(sec, s.draft) if s.draft is not None else [],
            "status": state,
            "registratienummer": str(zaak.get("registratienummer", "")),
            "reden": str(zaak.get("reden", "")) if zaak.get("status") == wf.TERUGGESTUURD else "",
            "vervangt": s.supersedes,
        })
    held = {it.inzending for it in sec.held_items(meetings=meetings)}
    for r in rows:
        r[wf.AANGEHOUDEN] = r["id"] in held
    rows.sort(key=lambda r: (r["eerst_gezien"], r["id"]))
    return rows
