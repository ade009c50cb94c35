"""The paraaf route on the share: route keys, request bundles and signed decisions.

Layout under the queue root (``docs/queue-format.md``, "Parafen en adviezen"):

- ``route/sleutels/<key id>.json``: a person's X25519 key for confidential requests,
  signed by their Ed25519 signing key (the key id is that key's fingerprint, the id the
  site configuration lists);
- ``route/verzoeken/<addressee>/<request id>/``: a request, sealed exactly like a
  submission (``bundle.seal``: manifest, Ed25519 signature, encryption for the addressee
  and the secretariat when Vertrouwelijk or Geheim);
- ``route/besluiten/<request id>/<decision id>.json``: a signed decision, encrypted for the
  steller and the secretariat when the request was confidential.

Nothing here decides whether a decision *counts*: that is ``desktop.domain.route``.
"""

from __future__ import annotations

import hashlib
import json
import re
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from desktop.domain import route as R
from desktop.queue import protocol as P
from desktop.queue.crypto import DecryptError, Recipient, decrypt, encrypt
from desktop.queue.keys import (
    Identity,
    KeyUnavailable,
    b64,
    keyring_get,
    keyring_set,
    unb64,
    verify_signature,
)
from desktop.queue.names import is_submission_id
from desktop.queue.verify import Checked, Malformed, check_bundle
from desktop.share import NotFound, Share, ShareError, ShareTimeout

ROOT = "route"
KEYS = f"{ROOT}/sleutels"
REQUESTS = f"{ROOT}/verzoeken"
DECISIONS = f"{ROOT}/besluiten"
ROUTE_KEY_FORMAT = "stukken-routesleutel"
REQUEST_FORMAT = "stukken-routeverzoek"
DECISION_FORMAT = "stukken-routebesluit"
SEALED_DECISION_FORMAT = "stukken-routebesluit-versleuteld"
MAX_DECISION_BYTES = 1024 * 1024


class RouteError(Exception):
    """A route operation cannot be done; Dutch ``str()``, ``detail`` for developers."""

    def __init__(self, message: str, detail: str = "") -> None:
        super().__init__(message)
        self.detail = detail or message


class AlreadyWaiting(RouteError):
    """The same content already waits for the same addressee: nothing is sent (Dutch ``str()``;
    ``desktop.queue.route_rounds``)."""


def slug(name: str) -> str:
    """The folder of an addressee ("Financiën" -> "financien", "J. de Vries" -> "j-de-vries")."""
    ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode("ascii")
    return re.sub(r"[^a-z0-9]+", "-", ascii_name.lower()).strip("-") or "onbekend"


def own_key_id(identity: Identity) -> str:
    return R.key_id(identity.fingerprint)


def public_key_id(public_b64: str) -> str:
    from desktop.queue.keys import fingerprint

    return R.key_id(fingerprint(unb64(public_b64)))


# -- route keys (X25519, for confidential requests) ---------------------------------------------
@dataclass(frozen=True, slots=True)
class RouteKey:
    key_id: str
    x25519_private: bytes
    x25519_public: bytes


def load_route_key(identity: Identity, create: bool = True) -> RouteKey:
    """This person's X25519 key from the keyring (made on first use)."""
    from cryptography.hazmat.primitives import serialization
    from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey

    user = f"route-x25519:{identity.account}"
    stored = keyring_get(user)
    if stored:
        raw = unb64(stored)
    elif create:
        raw = X25519PrivateKey.generate().private_bytes(
            serialization.Encoding.Raw, serialization.PrivateFormat.Raw, serialization.NoEncryption()
        )
        keyring_set(user, b64(raw))
    else:
        raise KeyUnavailable("Er is nog geen routesleutel.", f"no keyring entry {user}")
    pub = X25519PrivateKey.from_private_bytes(raw).public_key().public_bytes(
        serialization.Encoding.Raw, serialization.PublicFormat.Raw
    )
    return RouteKey(own_key_id(identity), raw, pub)


def publish_route_key(fs: Share, identity: Identity, naam: str, key: RouteKey) -> str:
    doc = {"format": ROUTE_KEY_FORMAT, "version": P.FORMAT_VERSION, "key_id": key.key_id, "naam": naam,
           "os_account": identity.account, "x25519_public": b64(key.x25519_public), "created": P.now_iso()}
    rel = f"{KEYS}/{key.key_id}.json"
    fs.publish(rel, json.dumps(P.sign_document(doc, identity.sign, identity.public_raw), indent=2).encode("utf-8"))
    return rel


def read_route_key(fs: Share, key_id: str) -> Recipient | None:
    """The published X25519 key of ``key_id``, only when its own listed signing key signed it."""
    try:
        doc = fs.read_json(f"{KEYS}/{key_id}.json", limit=64 * 1024, retries=0)
    except ShareError:
        return None
    if not isinstance(doc, dict) or doc.get("format") != ROUTE_KEY_FORMAT or not P.verify_document(doc):
        return None
    try:
        if public_key_id(doc["public_key"]) != key_id or doc.get("key_id") != key_id:
            return None
        x_pub = unb64(doc["x25519_public"])
    except (KeyError, ValueError):
        return None
    return Recipient(key_id, x_pub) if len(x_pub) == 32 else None


# -- requests ----------------------------------------------------------------------------------
def request_meta(
    draft: Any, *, request_id: str, aan: str, stappen: list[str], digest: str, attachments: list[dict[str, Any]],
    identity: Identity, route_key: RouteKey, concept: str = "",
) -> dict[str, Any]:
    return {
        "format": P.BUNDLE_FORMAT,  # the submission protocol's bundle, with a route header
        "version": P.FORMAT_VERSION,
        "submission_id": request_id,
        "soort": REQUEST_FORMAT,
        "aan": aan,
        "stappen": stappen,
        "content_hash": digest,
        # Which of the steller's drafts (a hash of its local key): the addressee's list shows one
        # row per steller, draft and addressee, the newest content only.
        "concept_id": concept,
        "created": P.now_iso(),
        "form": draft.form,
        "form_version": draft.form_version,
        "onderwerp": draft.get_text("onderwerp"),
        "steller": draft.get_text("steller"),
        "os_account": identity.account,
        "classificatie": draft.get_text("classificatie") or "Openbaar",
        "steller_sleutel": {"key_id": route_key.key_id, "x25519_public": b64(route_key.x25519_public)},
        "document": P.DOCUMENT,
        "bijlagen": attachments,
        "draft": draft.to_json(),
    }


def carried_remarks(meta: Mapping[str, Any]) -> list[str]:
    """The open remarks of an earlier round a request carries, as Dutch lines (hostile input: text only)."""
    found = meta.get("opmerkingen")
    out = []
    for r in found[:100] if isinstance(found, list) else []:
        if isinstance(r, dict):
            who = f"{r.get('naam', '')} ({r.get('stap', '')})"
            out.append(f"{who} bij {r.get('veld', '')} \u201c{r.get('citaat', '')}\u201d: {r.get('tekst', '')}"[:1000])
    return out


@dataclass(slots=True)
class Request:
    id: str
    aan: str
    folder: str  # relative to the share root
    meta: dict[str, Any]
    files: dict[str, bytes]  # the plain files (decrypted when confidential)
    public_key: str  # the steller's verified signing key (base64)


def request_folder(aan: str) -> str:
    return f"{REQUESTS}/{slug(aan)}"


def list_requests(fs: Share, aan: str) -> list[str]:
    return [n for n in fs.list_names(request_folder(aan)) if is_submission_id(n)]


def read_request(fs: Share, aan: str, request_id: str, keys: list[RouteKey]) -> Request:
    """A request, verified over the bytes read and decrypted with one of ``keys``; ``RouteError``."""
    folder = request_folder(aan)
    try:
        checked = check_bundle(fs, request_id, folder=folder)
    except Malformed as exc:
        raise RouteError(f"Het verzoek {request_id[:8]} is ongeldig: {exc.reason}", exc.detail) from exc
    if not checked.ok:
        raise RouteError(f"Het verzoek {request_id[:8]} is niet te vertrouwen: {checked.problem}", checked.problem)
    rel = f"{folder}/{request_id}"
    try:
        files = _read_files(fs, rel, request_id, checked, keys)
        meta = P.parse_json(files.get(P.META, b"null"))
    except (ValueError, KeyError, TypeError, AttributeError) as exc:
        raise RouteError(f"Het verzoek {request_id[:8]} is beschadigd.", repr(exc)) from exc
    if not isinstance(meta, dict) or meta.get("soort") != REQUEST_FORMAT or meta.get("submission_id") != request_id:
        raise RouteError(f"Het verzoek {request_id[:8]} is geen routeverzoek.", str(meta)[:200])
    return Request(request_id, aan, rel, meta, files, checked.public_key)


def _read_files(fs: Share, rel: str, request_id: str, checked: Checked, keys: list[RouteKey]) -> dict[str, bytes]:
    """The bundle's files as listed in its manifest, decrypted when needed.

    Verify at use: the manifest's signature and every file's hash are checked again over the
    very bytes kept here, so a file swapped after ``check_bundle`` is never used.
    """
    manifest_raw = fs.read_bytes(f"{rel}/{P.MANIFEST}", P.MAX_JSON_BYTES)
    signature = P.parse_json(fs.read_bytes(f"{rel}/{P.SIGNATURE}", P.MAX_JSON_BYTES))
    if signature.get("public_key") != checked.public_key or not verify_signature(
        unb64(checked.public_key), unb64(signature.get("signature")), manifest_raw
    ):
        raise RouteError(f"Het verzoek {request_id[:8]} is gewijzigd tijdens het lezen.", "signature at use")
    manifest = P.parse_json(manifest_raw)
    files: dict[str, bytes] = {}
    for name, spec in manifest["files"].items():
        data = fs.read_bytes(f"{rel}/{name}")
        if hashlib.sha256(data).hexdigest() != spec["sha256"]:  # verify at use: the bytes we keep
            raise RouteError(f"Het verzoek {request_id[:8]} is gewijzigd tijdens het lezen.", name)
        files[name] = data
    if checked.confidential:
        header = P.parse_json(files[P.KEY_HEADER])
        last: Exception | None = None
        for key in keys:
            try:
                files = decrypt(files[P.CIPHERTEXT], header, key.key_id, key.x25519_private, request_id)
                break
            except DecryptError as exc:
                last = exc
        else:
            raise RouteError("Dit vertrouwelijke verzoek is niet voor uw sleutel versleuteld.", repr(last))
    return files


# -- decisions ---------------------------------------------------------------------------------
def decision_doc(
    identity: Identity, *, decision_id: str, request: Request, soort: str, wie: str, eenheid: str, oordeel: str,
    tekst: str, opmerkingen: list[dict[str, Any]], naam: str, mandaat: str,
) -> dict[str, Any]:
    doc = {
        "format": DECISION_FORMAT, "version": P.FORMAT_VERSION, "id": decision_id, "verzoek": request.id,
        "soort": soort, "wie": wie, "eenheid": eenheid, "oordeel": oordeel, "tekst": tekst,
        "opmerkingen": opmerkingen, "content_hash": request.meta["content_hash"], "naam": naam,
        "mandaat": mandaat, "os_account": identity.account, "getekend": P.now_iso(),
    }
    return P.sign_document(doc, identity.sign, identity.public_raw)


def seal_decision(doc: dict[str, Any], recipients: list[Recipient] | None) -> bytes:
    if not recipients:
        return json.dumps(doc, ensure_ascii=False, indent=2).encode("utf-8")
    ciphertext, header = encrypt({"besluit.json": P.canonical(doc)}, recipients, doc["id"])
    envelope = {"format": SEALED_DECISION_FORMAT, "version": P.FORMAT_VERSION, "id": doc["id"],
                "header": header, "inhoud": b64(ciphertext)}
    return json.dumps(envelope, indent=2).encode("utf-8")


def open_decision(raw: bytes, keys: list[RouteKey]) -> dict[str, Any]:
    """The signed decision in ``raw`` (decrypted with one of ``keys``); ``RouteError`` if unreadable."""
    try:
        doc = P.parse_json(raw)
    except ValueError as exc:
        raise RouteError("Een besluit in de route is beschadigd.", str(exc)) from exc
    if isinstance(doc, dict) and doc.get("format") == SEALED_DECISION_FORMAT:
        for key in keys:
            try:
                plain = decrypt(unb64(doc.get("inhoud")), doc.get("header"), key.key_id, key.x25519_private,
                                str(doc.get("id")))
                doc = P.parse_json(plain["besluit.json"])
                break
            except (DecryptError, ValueError, KeyError):
                continue
        else:
            raise RouteError("Een vertrouwelijk besluit is niet voor uw sleutel versleuteld.", "no key")
    if not isinstance(doc, dict):
        raise RouteError("Een besluit in de route is geen object.", str(doc)[:100])
    return doc


def to_decision(doc: Any) -> R.Decision | None:
    """A ``Decision`` when the document is a well-formed, correctly signed decision; else None."""
    if not isinstance(doc, dict) or doc.get("format") != DECISION_FORMAT or not P.verify_document(doc):
        return None
    try:
        when = datetime.fromisoformat(str(doc["getekend"]))
        if when.tzinfo is None:  # a hand-made file: read as UTC, so moments always compare
            when = when.replace(tzinfo=UTC)
        remarks = tuple(r for r in doc.get("opmerkingen", []) if isinstance(r, dict))
        return R.Decision(
            id=str(doc["id"]), soort=str(doc["soort"]), wie=str(doc["wie"]), eenheid=str(doc.get("eenheid", "")),
            oordeel=str(doc["oordeel"]), tekst=str(doc.get("tekst", "")), content_hash=str(doc["content_hash"]),
            sleutel=public_key_id(str(doc["public_key"])), naam=str(doc.get("naam", "")), getekend=when,
            verzoek=str(doc.get("verzoek", "")), opmerkingen=remarks,
        )
    except (KeyError, ValueError, TypeError):
        return None


def list_decisions(fs: Share, request_id: str) -> dict[str, bytes]:
    """The raw decision files of one request (unreadable ones left out)."""
    out: dict[str, bytes] = {}
    folder = f"{DECISIONS}/{request_id}"
    for name in fs.list_names(folder):
        if not name.endswith(".json"):
            continue
        try:
            out[name] = fs.read_bytes(f"{folder}/{name}", MAX_DECISION_BYTES)
        except NotFound:
            continue
        except ShareTimeout:
            raise
        except ShareError:
            continue  # a bad file (a FIFO, a link, too large) never stops a listing
    return out
