"""Signed records of the secretariat: how they are signed, verified and kept from going back.

Every file the secretariat writes in the share (meeting and zaak versions, number claims,
placements, log entries, status files, publications) is a JSON object signed with a
trusted secretariat key (``docs/queue-format.md``, "Ondertekende records"):

- ``key_id`` and ``public_key`` name the signer; ``signature`` is Ed25519 over the
  canonical JSON of everything else. The key must be one that
  ``secretariat_keys.trusted_secretariat_keys`` returns, and ``key_id`` must be its id.
- ``_record`` names the record ("vergadering:2030-06-04", "zaak:<id>", "logboek", ...), so a
  validly signed file copied into another record's place does not verify there
  (TUF's mix-and-match).
- ``_versie`` is the record's version; ``_vorige_versie`` and ``_vorige_hash`` chain it to the
  version before (``content_hash``: SHA-256 of the canonical JSON without the signature
  fields, so re-signing by another key (``meeting keys --overdragen``) keeps the chain).

A reader parses the bytes it read once, verifies that object and uses exactly that object.
Each application remembers, in its data folder, the highest version and hash it verified of
every record (:class:`SeenVersions`): an older one is refused (rollback), a missing newest one
is reported (freeze, deletion).
"""

from __future__ import annotations

import hashlib
import json
import os
import threading
import uuid
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from desktop.queue import protocol as P
from desktop.queue.keys import b64

SIGNATURE_FIELDS = ("public_key", "signature", "key_id")


class Unverified(Exception):
    """A record that may not be believed; ``str()`` Dutch, ``detail`` for developers."""

    def __init__(self, message: str, detail: str = "") -> None:
        super().__init__(message)
        self.detail = detail or message


@dataclass(frozen=True, slots=True)
class Problem:
    """One file that was skipped: where, what is wrong (Dutch) and a developer detail."""

    waar: str
    melding: str
    detail: str = ""

    def to_json(self) -> dict[str, str]:
        return {"waar": self.waar, "melding": self.melding, "detail": self.detail}


def content_hash(doc: dict[str, Any]) -> str:
    """What the chain links: the record's content, independent of who signed it."""
    body = {k: v for k, v in doc.items() if k not in SIGNATURE_FIELDS}
    return hashlib.sha256(P.canonical(body)).hexdigest()


def sign_record(doc: dict[str, Any], key: Any) -> dict[str, Any]:
    """``doc`` signed with the secretariat key ``key`` (a ``SecretariatKey``)."""
    body = {k: v for k, v in doc.items() if k not in SIGNATURE_FIELDS}
    body["key_id"] = key.key_id
    return P.sign_document(body, key.sign, key.public.ed25519_public)


def record_bytes(doc: dict[str, Any], key: Any) -> bytes:
    """The file bytes of a signed record (stable, readable JSON)."""
    return json.dumps(sign_record(doc, key), ensure_ascii=False, indent=2, sort_keys=True).encode("utf-8")


def verify_bytes(raw: bytes, trusted: dict[str, bytes], record: str | None = None) -> dict[str, Any]:
    """The record in ``raw`` if a trusted key signed it (and it is ``record``); else :class:`Unverified`."""
    try:
        doc = P.parse_json(raw)
    except ValueError as exc:
        raise Unverified("Het bestand is beschadigd (geen geldige JSON).", f"JSON: {exc}") from exc
    return verify_doc(doc, trusted, record)


def verify_doc(doc: Any, trusted: dict[str, bytes], record: str | None = None) -> dict[str, Any]:
    if not isinstance(doc, dict):
        raise Unverified("Het bestand is beschadigd (geen object).", "top level not an object")
    if "signature" not in doc:
        raise Unverified("Het bestand is niet ondertekend.", "no signature")
    key_id = doc.get("key_id")
    expected = trusted.get(key_id) if isinstance(key_id, str) else None
    if expected is None or doc.get("public_key") != b64(expected):
        raise Unverified(
            "Het bestand is ondertekend met een sleutel die niet wordt vertrouwd.",
            f"key_id {key_id!r} not trusted or public key differs",
        )
    if not P.verify_document(doc, {b64(expected)}):
        raise Unverified("De handtekening klopt niet: het bestand is vervalst of gewijzigd.", "bad signature")
    if record is not None and doc.get("_record") != record:
        raise Unverified(
            "Het bestand hoort bij een ander record (verplaatst of gekopieerd).",
            f"_record {doc.get('_record')!r} != {record!r}",
        )
    return doc


def version_of(doc: dict[str, Any]) -> int:
    value = doc.get("_versie")
    return value if isinstance(value, int) and not isinstance(value, bool) and value > 0 else 0


class SeenVersions:
    """The highest version (and its content hash) this application verified, per record.

    A JSON file in the data folder, one per share; never on the share. Versions only go up.
    """

    _lock = threading.Lock()

    def __init__(self, path: Path) -> None:
        self.path = path
        self._data: dict[str, list[Any]] | None = None

    @staticmethod
    def for_share(data_dir: Path, share_root: Path) -> SeenVersions:
        ident = hashlib.sha256(str(Path(share_root).absolute()).encode("utf-8")).hexdigest()[:16]
        return SeenVersions(Path(data_dir) / "gezien" / f"{ident}.json")

    def _load(self) -> dict[str, list[Any]]:
        if self._data is None:
            try:
                raw = json.loads(self.path.read_text(encoding="utf-8"))
            except (OSError, ValueError):
                raw = {}
            self._data = {k: v for k, v in raw.items() if isinstance(v, list) and len(v) == 2} if isinstance(
                raw, dict) else {}
        return self._data

    def get(self, record: str) -> tuple[int, str] | None:
        found = self._load().get(record)
        return (int(found[0]), str(found[1])) if found else None

    def note(self, record: str, version: int, digest: str) -> None:
        """Remember ``version`` of ``record`` when it is newer than what was seen."""
        with self._lock:
            data = self._load()
            old = data.get(record)
            if old is not None and int(old[0]) >= version:
                return
            data[record] = [version, digest]
            self._save(data)

    def _save(self, data: dict[str, list[Any]]) -> None:
        # Another process of this user may have noted newer versions: keep the highest of both.
        try:
            disk = json.loads(self.path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            disk = {}
        if isinstance(disk, dict):
            for k, v in disk.items():
                if isinstance(v, list) and len(v) == 2 and (k not in data or int(v[0]) > int(data[k][0])):
                    data[k] = v
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            tmp = self.path.with_name(f".{self.path.name}.{os.getpid()}.{uuid.uuid4().hex}.tmp")
            tmp.write_text(json.dumps(data, sort_keys=True), encoding="utf-8")
            os.replace(tmp, self.path)
        except OSError:
            pass  # a lost memory only weakens the rollback check; the record itself is fine
