"""Accepting a submission: the checks, the registratienummer, the zaak record and what is told.

``Secretariaat.accept`` and ``Secretariaat.accept_submission`` call these; exactly one
secretary succeeds (the number is claimed, the zaak saved on its version). A refused
acceptance changes nothing: no trust, no log entry.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from desktop.domain import workflow as wf
from desktop.domain.forms import FormSet
from desktop.domain.validation import validate
from desktop.secretariat import archive, numbers
from desktop.secretariat import stellers as identity
from desktop.secretariat.errors import SecretariatError
from desktop.secretariat.inbox import Submission
from desktop.secretariat.snapshot import stuk_snapshot

if TYPE_CHECKING:
    from desktop.secretariat.service import Secretariaat


def check_signed_and_routed(sub: Submission, trust_new_key: bool) -> None:
    """Refuse a forged or damaged bundle, an unconfirmed changed key, an incomplete route."""
    if sub.verificatie == "mislukt":
        raise SecretariatError(
            "Deze inzending is niet echt of beschadigd (de handtekening klopt niet); "
            "stuur haar terug of vraag de steller opnieuw in te dienen.",
            f"verification failed for {sub.id}: {sub.probleem}",
        )
    if sub.verificatie == "gewijzigde sleutel" and not trust_new_key:
        raise SecretariatError(
            f"De inzending is ondertekend met een ANDERE sleutel dan {sub.steller or 'de steller'} "
            "eerder gebruikte. Controleer bij de steller dat die klopt en aanvaard dan met --vertrouw.",
            f"changed key for {sub.id}",
        )
    route = sub.extra.get("route") or {}
    if route.get("vereist") and not route.get("compleet"):
        # The steller's gate is on their own computer; the secretariat checks it again here.
        raise SecretariatError(
            "Deze inzending mist geldige parafen of adviezen die dit formulier vereist; stuur haar terug. "
            + "; ".join(route.get("problemen", [])[:3]),
            f"route incomplete for {sub.id}: {route}",
        )


def accept_submission(sec: Secretariaat, sub: Submission, on_accepted: Callable[[], None] | None = None) -> str:
    """Assign the number and record the acceptance; exactly one secretary succeeds.

    ``on_accepted`` runs once the acceptance is stored, before it is logged."""
    sec.note_arrival([sub])
    if sub.ingetrokken:
        sec.confirm_withdrawals([sub])  # seen once: recorded, so deleting the marker changes nothing
        raise SecretariatError("De steller heeft deze inzending ingetrokken.", f"{sub.id} withdrawn")
    if str(sub.extra.get("map", "")).startswith(archive.ARCHIVE):
        raise SecretariatError("Deze inzending is al afgehandeld (archief).", f"{sub.id} archived")
    if sub.draft is None:
        raise SecretariatError(
            f"De inhoud van inzending {sub.id} is niet leesbaar{': ' + sub.probleem if sub.probleem else ''}.",
            f"no draft for {sub.id}",
        )
    base, zaak = sec.zaken.load(sub.id)
    if zaak.get("status") == wf.INGETROKKEN:
        raise SecretariatError(
            "De steller heeft deze inzending ingetrokken; dat staat in de dossiers van het secretariaat.",
            f"{sub.id} withdrawn (recorded)",
        )
    identity.check_supersedes(sec, sub)
    if zaak.get("status") == wf.AANVAARD:
        raise SecretariatError(
            f"Deze inzending is al aanvaard door {zaak.get('_door', 'een collega')} "
            f"met nummer {zaak.get('registratienummer')}.",
            f"{sub.id} already accepted",
        )
    directie = sub.value("directie")
    code = sec.formset.config.directie_code(directie)
    if not code:
        raise SecretariatError(
            f"De directie '{directie}' staat niet in de lijst met directies; er is geen nummerreeks voor.",
            f"no code for directie {directie!r}",
        )
    number = reused_number(sec, sub) or numbers.claim_number(
        sec.trust, sec.layout.numbers, code, sub.id, sec.actor
    )
    record = {"inzending": sub.id, "status": wf.AANVAARD, "registratienummer": number,
              "stuk": stuk_snapshot(sub, sec.clock()),
              "supersedes": sub.supersedes, **identity.signer_fields(sub)}
    try:
        sec.zaken.save(sub.id, record, base, sec.actor)
    except SecretariatError as exc:
        sec.event("nummer_vervallen", sub.id, registratienummer=number, reden=exc.detail)
        _, now = sec.zaken.load(sub.id)
        raise SecretariatError(
            f"Een collega ({now.get('_door', 'onbekend')}) heeft deze inzending tegelijk behandeld "
            f"({now.get('status', '?')} {now.get('registratienummer', '')}). Nummer {number} is "
            "vervallen; er is niets dubbel toegekend.",
            exc.detail,
        ) from exc
    identity.bind(sec.source, sub)  # first acceptance binds the key to the account and the name
    if on_accepted is not None:
        on_accepted()
    errors, warnings = finding_counts(sub, sec.formset)
    # What the process figures need later: arrival, findings at submission, the form.
    sec.event(wf.AANVAARD, sub.id, registratienummer=number, directie=directie, formulier=sub.draft.form,
              aangekomen=sub.aangekomen, fouten=errors, opmerkingen=warnings,
              vervangt=sub.supersedes or "")
    sec.tell_steller(sub.id, wf.AANVAARD, registratienummer=number,
                     detail=f"aanvaard door het secretariaat, registratienummer {number}")
    if sub.supersedes and sec.live_meeting_of(sub.supersedes) is None:
        archive.archive_stuk(sec, sub.supersedes)  # the older version is finished: superseded
    return number


def finding_counts(sub: Submission, formset: FormSet) -> tuple[int, int]:
    """Errors and remarks of the submitted draft, (-1, -1) when it cannot be checked."""
    if sub.draft is None:  # encrypted without our key, or unreadable: not checkable
        return -1, -1
    try:
        findings = validate(sub.draft, formset)
    except Exception:  # an unknown form: counted as not checkable, never blocks acceptance
        return -1, -1
    errors = sum(1 for f in findings if f.is_error)
    return errors, len(findings) - errors


def reused_number(sec: Secretariaat, sub: Submission) -> str:
    """A new version of a stuk keeps the number the old one had; the old one is marked vervangen."""
    if not sub.supersedes:
        return ""
    base, old = sec.zaken.load(sub.supersedes)
    number = str(old.get("registratienummer", ""))
    if old.get("status") not in (wf.TERUGGESTUURD, wf.AANVAARD) or not number:
        return ""
    if sec.live_meeting_of(sub.supersedes) is not None:
        raise SecretariatError(
            "De vorige versie van dit stuk staat al op een agenda; haal die er eerst af.",
            f"{sub.supersedes} placed, superseded by {sub.id}",
        )
    record = {k: v for k, v in old.items() if not k.startswith("_")}
    record.update(status=wf.VERVANGEN, vervangen_door=sub.id)
    sec.zaken.save(sub.supersedes, record, base, sec.actor)
    sec.event(wf.VERVANGEN, sub.supersedes, door_versie=sub.id, registratienummer=number)
    # The steller's application shows the old version as replaced, not as still accepted.
    sec.tell_steller(sub.supersedes, wf.VERVANGEN, registratienummer=number,
                     detail=f"vervangen door de nieuwe versie {sub.id}")
    return number
