"""The secretariat's keys: X25519 to decrypt confidential stukken, Ed25519 to sign status.

The private parts live in the keyring (``secretariaat:<key_id>``); the public parts
are published in the share (``sleutels/secretariaat/<key_id>.json``, self-signed) so
stellers can encrypt for them and verify status files. The ids of this machine's
own keys are listed (public data only) in the data folder.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import uuid
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from desktop.queue import anchor
from desktop.queue import protocol as P
from desktop.queue.keys import KeyUnavailable, b64, keyring_get, keyring_set, unb64
from desktop.share import NotFound, Share, ShareError

OWN_KEYS_FILE = "secretariaat-sleutels.json"
CACHE_FILE = "sleutels-secretariaat-cache.json"


@dataclass(frozen=True, slots=True)
class PublicKeyRecord:
    key_id: str
    name: str
    x25519_public: bytes
    ed25519_public: bytes

    @property
    def ed25519_b64(self) -> str:
        return b64(self.ed25519_public)


class SecretariatKey:
    """A secretariat keypair whose private parts came from the keyring."""

    def __init__(self, key_id: str, name: str, x_priv: bytes, ed_priv: bytes) -> None:
        from cryptography.hazmat.primitives import serialization
        from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
        from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey

        raw = serialization.Encoding.Raw, serialization.PublicFormat.Raw
        self.key_id = key_id
        self.name = name
        self.x25519_private = x_priv
        self._ed = Ed25519PrivateKey.from_private_bytes(ed_priv)
        self.public = PublicKeyRecord(
            key_id,
            name,
            X25519PrivateKey.from_private_bytes(x_priv).public_key().public_bytes(*raw),
            self._ed.public_key().public_bytes(*raw),
        )

    def sign(self, data: bytes) -> bytes:
        return self._ed.sign(data)


def _key_id(x_pub: bytes, ed_pub: bytes) -> str:
    return hashlib.sha256(ed_pub + x_pub).hexdigest()[:16]


def _own_keys_path() -> Path:
    from desktop.config.paths import data_dir

    return data_dir() / OWN_KEYS_FILE


def _write_json(path: Path, data: Any) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.{os.getpid()}.{uuid.uuid4().hex}.tmp")
    tmp.write_text(json.dumps(data, ensure_ascii=False, indent=2), encoding="utf-8")
    os.replace(tmp, path)


def generate_key(name: str = "secretariaat") -> SecretariatKey:
    """A new keypair; the private parts go to the keyring (``KeyUnavailable`` without one)."""
    from cryptography.hazmat.primitives import serialization
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
    from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey

    fmt = (serialization.Encoding.Raw, serialization.PrivateFormat.Raw, serialization.NoEncryption())
    x_priv = X25519PrivateKey.generate().private_bytes(*fmt)
    ed_priv = Ed25519PrivateKey.generate().private_bytes(*fmt)
    key = SecretariatKey("", name, x_priv, ed_priv)
    key_id = _key_id(key.public.x25519_public, key.public.ed25519_public)
    secret = json.dumps({"name": name, "x25519": b64(x_priv), "ed25519": b64(ed_priv)})
    keyring_set(f"secretariaat:{key_id}", secret)
    own = _own_key_ids()
    if key_id not in own:
        own.append(key_id)
    _write_json(_own_keys_path(), {"key_ids": own})
    return SecretariatKey(key_id, name, x_priv, ed_priv)


def _own_key_ids() -> list[str]:
    try:
        data = json.loads(_own_keys_path().read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return []
    ids = data.get("key_ids", []) if isinstance(data, dict) else []
    return [i for i in ids if isinstance(i, str)]


def load_key(key_id: str) -> SecretariatKey:
    stored = keyring_get(f"secretariaat:{key_id}")
    if not stored:
        raise KeyUnavailable(
            "De sleutel van het secretariaat staat niet in de sleutelbos van deze computer.",
            f"no keyring entry secretariaat:{key_id}",
        )
    try:
        data = json.loads(stored)
        return SecretariatKey(key_id, data.get("name", ""), unb64(data["x25519"]), unb64(data["ed25519"]))
    except (ValueError, KeyError, TypeError) as exc:
        raise KeyUnavailable("De sleutel van het secretariaat is beschadigd.", repr(exc)) from exc


def own_keys() -> list[SecretariatKey]:
    """This machine's secretariat keys that the keyring still holds."""
    out = []
    for key_id in _own_key_ids():
        try:
            out.append(load_key(key_id))
        except KeyUnavailable:
            continue
    return out


def publish(fs: Share, key: SecretariatKey) -> str:
    """Write the public key into the share (atomically); returns its relative path."""
    doc = {
        "format": P.KEY_FORMAT,
        "version": P.FORMAT_VERSION,
        "key_id": key.key_id,
        "name": key.name,
        "x25519_public": b64(key.public.x25519_public),
        "created": P.now_iso(),
    }
    signed = P.sign_document(doc, key.sign, key.public.ed25519_public)
    rel = f"{P.KEYS}/{key.key_id}.json"
    write_json_atomic(fs, rel, signed)
    return rel


def write_json_atomic(fs: Share, rel: str, doc: dict[str, Any]) -> None:
    """A small JSON file put in place by rename, so a reader never sees half of it."""
    fs.publish(rel, json.dumps(doc, ensure_ascii=False, indent=2).encode("utf-8"))


def parse_key_record(doc: Any) -> PublicKeyRecord | None:
    if not isinstance(doc, dict) or doc.get("format") != P.KEY_FORMAT:
        return None
    if doc.get("version") != P.FORMAT_VERSION or not P.verify_document(doc):
        return None
    try:
        x_pub = unb64(doc["x25519_public"])
        ed_pub = unb64(doc["public_key"])
    except (KeyError, ValueError):
        return None
    if len(x_pub) != 32 or _key_id(x_pub, ed_pub) != doc.get("key_id"):
        return None
    return PublicKeyRecord(doc["key_id"], str(doc.get("name", "")), x_pub, ed_pub)


def all_published_keys(fs: Share) -> list[PublicKeyRecord]:
    """Every well-formed key file in the share, trusted or not (anyone can write there)."""
    out: list[PublicKeyRecord] = []
    try:
        entries = fs.scandir(P.KEYS)
    except NotFound:
        if not fs.available():
            raise ShareError(f"De wachtrijmap {fs.root} is niet bereikbaar.", "root missing") from None
        entries = []
    for e in entries:
        if not e.is_file or not e.name.endswith(".json") or e.size > 64 * 1024:
            continue
        try:
            rec = parse_key_record(P.parse_json(fs.read_bytes(f"{P.KEYS}/{e.name}", 64 * 1024)))
        except (OSError, ValueError):
            continue
        if rec is not None:
            out.append(rec)
    return out


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
            _save_cache(seen)
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


def _cache_path() -> Path:
    from desktop.config.paths import data_dir

    return data_dir() / CACHE_FILE


def _save_cache(keys: list[PublicKeyRecord]) -> None:
    data = [
        {"key_id": k.key_id, "name": k.name, "x25519_public": b64(k.x25519_public), "ed25519_public": b64(k.ed25519_public)}
        for k in keys
    ]
    with contextlib.suppress(OSError):  # only a cache
        _write_json(_cache_path(), data)


def cached_published_keys() -> list[PublicKeyRecord]:
    """The public keys seen in the share last time it was reachable (trusted or not)."""
    try:
        data = json.loads(_cache_path().read_text(encoding="utf-8"))
        return [
            PublicKeyRecord(d["key_id"], d.get("name", ""), unb64(d["x25519_public"]), unb64(d["ed25519_public"]))
            for d in data
        ]
    except (OSError, ValueError, KeyError, TypeError):
        return []


def cached_keys() -> list[PublicKeyRecord]:
    """The trusted secretariat keys without asking the share (it is out of reach)."""
    return trusted_key_records(None)


def decrypt_bundle(fs: Share, bundle_rel: str, keys: list[SecretariatKey] | None = None) -> dict[str, bytes]:
    """The plain files (``meta.json``, ``stuk.docx``, ``bijlagen/...``) of a confidential bundle.

    Reads the share again: for showing only. What is used (accept, place) comes from the
    verified bytes of ``reader.recheck`` through ``decrypt_files``.
    """
    from desktop.queue.verify import DEFAULT_MAX_FILE_BYTES

    files = {
        P.KEY_HEADER: fs.read_bytes(f"{bundle_rel}/{P.KEY_HEADER}", P.MAX_JSON_BYTES),
        P.CIPHERTEXT: fs.read_bytes(f"{bundle_rel}/{P.CIPHERTEXT}", DEFAULT_MAX_FILE_BYTES),
    }
    return decrypt_files(files, bundle_rel.rstrip("/").rsplit("/", 1)[-1], keys)


def decrypt_files(
    files: dict[str, bytes], submission_id: str, keys: list[SecretariatKey] | None = None
) -> dict[str, bytes]:
    """Decrypt a confidential bundle from bytes already read (``sleutels.json``, ``inhoud.enc``)."""
    from desktop.queue.crypto import DecryptError, decrypt

    try:
        header = P.parse_json(files[P.KEY_HEADER])
        ciphertext = files[P.CIPHERTEXT]
    except (KeyError, ValueError) as exc:
        raise DecryptError("De versleutelde inhoud is onvolledig.", repr(exc)) from exc
    keys = own_keys() if keys is None else keys
    last: DecryptError | None = None
    for key in keys:
        try:
            return decrypt(ciphertext, header, key.key_id, key.x25519_private, submission_id)
        except DecryptError as exc:
            last = exc
    raise last or DecryptError(
        "Er is op deze computer geen sleutel van het secretariaat om dit stuk te ontsleutelen.",
        "no secretariat keys",
    )


def _previous(fs: Share, rel: str, record: str) -> dict[str, Any] | None:
    """The verified document now at ``rel`` (to chain the next one to), or None."""
    from desktop.queue.signed import Unverified, verify_bytes

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
    from desktop.queue.signed import content_hash, sign_record, version_of

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
    from desktop.queue.names import safe_name

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
