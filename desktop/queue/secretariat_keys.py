"""The one trust decision over secretariat keys, and the records signed under it.

``trusted_secretariat_keys(fs)`` decides which secretariat signatures count (status files,
publications, the share marker, the secretariat's records) and ``trusted_key_records`` whom
to encrypt for; ``acting_key`` is this machine's key that may act. The share is only asked
which public keys exist (``secretariat_key_files``); this machine's keypairs are in
``secretariat_keypair``. ``write_status`` and ``write_publication`` put the next signed
version of a record in place, chained to the trusted version before it.
"""

from __future__ import annotations

import contextlib
from typing import Any

from desktop.queue import anchor
from desktop.queue import protocol as P
from desktop.queue.keys import KeyUnavailable, b64
from desktop.queue.names import safe_name
from desktop.queue.secretariat_key_files import (
    all_published_keys,
    cached_published_keys,
    save_cache,
    write_json_atomic,
)
from desktop.queue.secretariat_keypair import (
    PublicKeyRecord,
    SecretariatKey,
    own_keys,
)
from desktop.queue.signed import Unverified, content_hash, sign_record, verify_bytes, version_of
from desktop.share import NotFound, Share, ShareError

# Public here. This machine's keypairs are in secretariat_keypair, the public key files in the
# share in secretariat_key_files: import them from there.
__all__ = [
    "NotTrusted", "PublicKeyRecord", "SecretariatKey", "acting_key", "cached_keys", "known_keys",
    "no_usable_key_reason", "published_keys", "signed_by_trusted", "site_allowed_key_ids",
    "trusted_key_records", "trusted_secretariat_keys", "write_publication", "write_status",
]


def trusted_key_records(fs: Share | None) -> list[PublicKeyRecord]:
    """The secretariat keys the trust anchor (``desktop.queue.anchor``) trusts now.

    The share is only asked which public keys exist; whether one is trusted is decided
    locally: by IT's list with a site folder, by this application's pins without one.
    ``fs`` None: the keys seen last time (the share is out of reach). ``ShareError`` when
    ``fs`` cannot be read.
    """
    found = anchor.current()
    seen = all_published_keys(fs) if fs is not None else None
    own = [k.public for k in own_keys()]
    if found.site:
        if seen is not None:
            save_cache(seen)
        else:
            seen = cached_published_keys()
        by_id = {k.key_id: k for k in [*seen, *own]}
        return [k for k in by_id.values() if found.allows(k.key_id)]
    pins = anchor.PinStore()
    if seen:
        pins.observe(seen, P.now_iso())  # the first keys ever seen are pinned; later ones wait
    if own:
        pins.observe(own, P.now_iso(), own=True)  # whoever holds a key may act (one machine)
    return [
        PublicKeyRecord(p.key_id, p.name, p.x25519_public, p.ed25519_public) for p in pins.pins() if p.accepted
    ]


def trusted_secretariat_keys(fs: Share | None) -> dict[str, bytes]:
    """THE decision whether a secretariat signing key is trusted: key_id -> Ed25519 public key.

    Every check of a secretariat signature (status files, publications, the share marker,
    the secretariat's records) and every choice of keys to encrypt for goes through here.
    """
    return {k.key_id: k.ed25519_public for k in trusted_key_records(fs)}


def known_keys(fs: Share | None) -> tuple[list[tuple[PublicKeyRecord, str]], anchor.Anchor]:
    """Every secretariat key this application knows of, each with its trust (``anchor.TRUSTED``,
    ``NOT_LISTED`` or ``PENDING``), and the anchor in force. ``ShareError`` when ``fs`` cannot be read."""
    trusted = {k.key_id for k in trusted_key_records(fs)}  # also refreshes the pins and the cache
    found = anchor.current()
    seen = all_published_keys(fs) if fs is not None else cached_published_keys()
    records = {k.key_id: k for k in [*seen, *(k.public for k in own_keys())]}
    if not found.site:
        for p in anchor.PinStore().pins():
            records.setdefault(p.key_id, PublicKeyRecord(p.key_id, p.name, p.x25519_public, p.ed25519_public))
    other = anchor.NOT_LISTED if found.site else anchor.PENDING
    rows = [(k, anchor.TRUSTED if k.key_id in trusted else other) for k in records.values()]
    return sorted(rows, key=lambda r: (r[1] != anchor.TRUSTED, r[0].key_id)), found


def signed_by_trusted(doc: Any, trusted: dict[str, bytes]) -> bool:
    """``doc`` carries a valid signature by a trusted key (and names that key's id, if any)."""
    if not isinstance(doc, dict) or not P.verify_document(doc, {b64(v) for v in trusted.values()}):
        return False
    key_id = doc.get("key_id")
    return key_id is None or b64(trusted.get(str(key_id), b"")) == doc.get("public_key")


def published_keys(fs: Share) -> list[PublicKeyRecord]:
    """The secretariat keys to encrypt for: the trusted ones only (``trusted_key_records``)."""
    return trusted_key_records(fs)


def no_usable_key_reason(fs: Share | None) -> tuple[str, str]:
    """Why no secretariat key is trusted: Dutch message and developer detail."""
    found = anchor.current()
    if found.message and not found.allowed:
        return found.message, f"anchor {found.source}"
    published: list[PublicKeyRecord] = []
    if fs is not None:
        with contextlib.suppress(OSError):
            published = all_published_keys(fs)
    if published and found.site:
        return (
            "Er staan sleutels van het secretariaat in de gedeelde map, maar geen ervan staat in de "
            f"lijst van IT ({anchor.SITE_ALLOWLIST} in de sitemap). Vraag IT de sleutel op te nemen.",
            f"{len(published)} published keys, none in the site allow-list",
        )
    if published:
        return (
            "Er staan nieuwe sleutels van het secretariaat in de gedeelde map die u nog niet hebt "
            "bevestigd. Controleer de vingerafdruk bij het secretariaat ('sleutels') en bevestig met "
            "'sleutels --vertrouw VINGERAFDRUK'.",
            f"{len(published)} published keys, none pinned",
        )
    return (
        "Er is nog geen sleutel van het secretariaat gepubliceerd in de gedeelde map.",
        "no secretariat keys in share",
    )


def site_allowed_key_ids() -> set[str] | None:
    """The key ids IT allows, or None without a site folder (see ``desktop.queue.anchor``)."""
    allowed = anchor.current().allowed
    return None if allowed is None else set(allowed)


class NotTrusted(KeyUnavailable):
    """This machine holds no secretariat key that the anchor trusts (Dutch ``str()``)."""


def acting_key() -> SecretariatKey:
    """This machine's secretariat key that may act; ``NotTrusted`` with the reason otherwise.

    With a site folder the key must be on IT's list; without one, holding a key is enough.
    """
    own = own_keys()
    if not own:
        raise NotTrusted(
            "Deze computer heeft geen sleutel van het secretariaat. Alleen het secretariaat kan dit doen. "
            "Maak een sleutel met 'python main.py meeting keys --nieuw' (of 'Secretariaat instellen…') "
            "en geef het sleutel-id aan IT.",
            "no own secretariat key",
        )
    found = anchor.current()
    if not found.site:
        return own[0]
    for key in own:
        if found.allows(key.key_id):
            return key
    ids = ", ".join(k.key_id for k in own)
    why = found.message or f"Uw sleutel ({ids}) staat niet in de lijst van IT ({anchor.SITE_ALLOWLIST})."
    raise NotTrusted(
        f"{why} Alleen een sleutel van het secretariaat die IT heeft opgenomen mag dit doen; geef IT "
        f"het sleutel-id {own[0].key_id}.",
        f"own keys {ids} not allowed (anchor {found.source})",
    )


def cached_keys() -> list[PublicKeyRecord]:
    """The trusted secretariat keys without asking the share (it is out of reach)."""
    return trusted_key_records(None)


def _previous(fs: Share, rel: str, record: str) -> dict[str, Any] | None:
    """The verified document now at ``rel`` (to chain the next one to), or None."""
    try:
        return verify_bytes(fs.read_bytes(rel, P.MAX_JSON_BYTES), trusted_secretariat_keys(fs), record)
    except NotFound:
        return None
    except (Unverified, ShareError) as exc:
        if isinstance(exc, ShareError) and exc.reason == "hangt":
            raise
        return None  # forged or damaged: replaced by a signed one that follows the floor


def _write_chained(fs: Share, key: SecretariatKey, rel: str, record: str, doc: dict[str, Any],
                   floor: int) -> dict[str, Any]:
    """Put the next signed version of a replaceable record in place; returns what was written."""
    prev = _previous(fs, rel, record)
    base = max(version_of(prev) if prev else 0, floor)
    body = {**doc, "_record": record, "_versie": base + 1, "_vorige_versie": base,
            "_vorige_hash": content_hash(prev) if prev else ""}
    signed = sign_record(body, key)
    write_json_atomic(fs, rel, signed)
    return signed


def write_status(fs: Share, key: SecretariatKey, submission_id: str, state: str, floor: int = 0,
                 **fields: Any) -> dict[str, Any]:
    """Publish the state of a submission (``status/<id>.json``), signed with ``key``; returns it.

    ``fields`` per state: ``reason`` (teruggestuurd), ``meeting_date`` (geagendeerd),
    ``outcome`` and ``decision_text`` (besloten), ``registratienummer`` (any). The file is
    the next version (``_versie``) after the one in the share and after ``floor`` (the
    highest this application wrote or saw), so a steller never goes back.
    """
    if state not in P.STATUS_STATES:
        raise ValueError(f"unknown state {state!r}")
    doc = {
        "format": P.STATUS_FORMAT,
        "version": P.FORMAT_VERSION,
        "submission_id": submission_id,
        "state": state,
        "updated": P.now_iso(),
        **fields,
    }
    return _write_chained(fs, key, f"{P.STATUS}/{submission_id}.json", f"status:{submission_id}", doc, floor)


def write_publication(fs: Share, key: SecretariatKey, meeting_id: str, doc: dict[str, Any],
                      floor: int = 0) -> dict[str, Any]:
    """Publish a meeting's besluitenlijst (``publicaties/<meeting_id>.json``), signed; returns it."""
    if not safe_name(f"{meeting_id}.json"):
        raise ValueError(f"unsafe meeting id {meeting_id!r}")
    body = {
        **doc,
        "format": P.PUBLICATION_FORMAT,
        "version": P.FORMAT_VERSION,
        "meeting_id": meeting_id,
        "published": P.now_iso(),
    }
    return _write_chained(fs, key, f"{P.PUBLICATIONS}/{meeting_id}.json", f"publicatie:{meeting_id}", body, floor)
