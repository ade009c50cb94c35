"""Who submitted a stuk: a steller's signing key bound to their OS account and name.

The queue layer's trust list (``desktop.queue.trust.TrustStore``, local to the secretariat)
holds the binding. The first ACCEPTANCE binds a key to the account and to the name in the
stuk (``bind``); a listing never binds anything, so a colleague who submits first under
someone else's name gains nothing. Later a different key under the same account or name
is "gewijzigde sleutel" and needs ``--vertrouw``. A new version (``supersedes``) is honoured
only when signed by the key of the original or a key bound to the same steller.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from desktop.queue.trust import TrustStore, name_person, short_fingerprint
from desktop.secretariat.errors import SecretariatError
from desktop.secretariat.inbox import Submission

if TYPE_CHECKING:
    from desktop.secretariat.service import Secretariaat

def signer_fields(sub: Submission) -> dict[str, str]:
    """What the acceptance record keeps of the signer: the key and the account."""
    return {"sleutel": str(sub.extra.get("public_key") or ""), "account": str(sub.extra.get("os_account") or "")}


def _trust(source: Any) -> TrustStore | None:
    trust = getattr(source, "trust", None)
    return trust if isinstance(trust, TrustStore) else None


def bind(source: Any, sub: Submission) -> None:
    """On acceptance: bind the key to the account and the name when they have none yet."""
    trust = _trust(source)
    key = str(sub.extra.get("public_key") or "")
    if trust is None or not key:
        return
    snapshot = trust.snapshot()
    for person in (str(sub.extra.get("os_account") or ""), name_person(sub.steller)):
        if person and not _accepted(snapshot, person):
            trust.accept(person, key)
        elif person and key in _accepted(snapshot, person):
            trust.accept(person, key)  # a first-use key is now confirmed by this acceptance


def _accepted(snapshot: dict[str, Any], person: str) -> set[str]:
    entry = snapshot.get(person)
    keys = entry.get("keys", []) if isinstance(entry, dict) else []
    return {str(k.get("public_key")) for k in keys if isinstance(k, dict) and k.get("accepted")}


def linked(trust: TrustStore | None, key_a: str, key_b: str) -> bool:
    """Both keys are bound to one steller (an account or a name) in the secretariat's list."""
    if trust is None:
        return False
    return any({key_a, key_b} <= _accepted({p: {"keys": ks}}, p) for p, ks in trust.people().items())


def original_key(sec: Secretariaat, submission_id: str) -> str:
    """The key that signed an earlier stuk: from its acceptance record, else its bundle."""
    _, zaak = sec.zaken.load(submission_id)
    key = str(zaak.get("sleutel") or "")
    if key:
        return key
    try:
        return str(sec.source.get(submission_id, fresh=False).extra.get("public_key") or "")
    except SecretariatError:
        return ""


def check_supersedes(sec: Secretariaat, sub: Submission) -> None:
    """Refuse a new version of someone else's stuk (a different, unlinked key)."""
    if not sub.supersedes:
        return
    _, old = sec.zaken.load(sub.supersedes)
    if not old:
        return  # nothing recorded to take over: it is accepted as a stuk of its own
    mine = str(sub.extra.get("public_key") or "")
    theirs = original_key(sec, sub.supersedes)
    if mine and theirs and (mine == theirs or linked(_trust(sec.source), mine, theirs)):
        return
    raise SecretariatError(
        f"Deze inzending zegt een nieuwe versie te zijn van {old.get('registratienummer') or sub.supersedes}, "
        "maar is ondertekend met een andere sleutel dan het origineel, die niet aan dezelfde steller "
        "is gekoppeld. Het nummer en het stuk blijven bij het origineel; vraag de steller het stuk "
        "zelf opnieuw in te dienen, of stuur deze inzending terug.",
        f"supersedes {sub.supersedes}: key {short_fingerprint(mine)} != original {short_fingerprint(theirs)}",
    )
