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

    JSON files in the data folder, one set per share; never on the share. Versions only go up.
    The records are spread over ``SHARDS`` files by a hash of their name: a secretariat sees
    thousands of zaken a year, and noting one version rewrites only its own small file, not a
    file of every record ever seen (``gezien/<share>/<xx>.json``). The single file of earlier
    versions (``gezien/<share>.json``) is still read; it is no longer written.
    """

    SHARDS = 256
    _lock = threading.Lock()

    def __init__(self, path: Path) -> None:
        self.path = path  # the single file of earlier versions
        self.folder = path.with_suffix("")
        self._legacy: dict[str, list[Any]] | None = None
        self._shards: dict[str, dict[str, list[Any]]] = {}

    @staticmethod
    def for_share(data_dir: Path, share_root: Path) -> SeenVersions:
        ident = hashlib.sha256(str(Path(share_root).absolute()).encode("utf-8")).hexdigest()[:16]
        return SeenVersions(Path(data_dir) / "gezien" / f"{ident}.json")

    @staticmethod
    def _read(path: Path) -> dict[str, list[Any]]:
        try:
            raw = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return {}
        return {k: v for k, v in raw.items() if isinstance(v, list) and len(v) == 2} if isinstance(raw, dict) else {}

    def _shard_path(self, record: str) -> Path:
        name = hashlib.sha256(record.encode("utf-8")).hexdigest()[:2]
        return self.folder / f"{name}.json"

    def _shard(self, path: Path) -> dict[str, list[Any]]:
        data = self._shards.get(path.name)
        if data is None:
            data = self._shards[path.name] = self._read(path)
        return data

    def get(self, record: str) -> tuple[int, str] | None:
        if self._legacy is None:
            self._legacy = self._read(self.path)
        found = [v for v in (self._shard(self._shard_path(record)).get(record), self._legacy.get(record)) if v]
        if not found:
            return None
        best = max(found, key=lambda v: int(v[0]))
        return int(best[0]), str(best[1])

    def note(self, record: str, version: int, digest: str) -> None:
        """Remember ``version`` of ``record`` when it is newer than what was seen."""
        with self._lock:
            old = self.get(record)
            if old is not None and old[0] >= version:
                return
            path = self._shard_path(record)
            data = self._shard(path)
            data[record] = [version, digest]
            self._save(path, data)

    @staticmethod
    def _save(path: Path, data: dict[str, list[Any]]) -> None:
        # Another process of this user may have noted newer versions: keep the highest of both.
        for k, v in SeenVersions._read(path).items():
            if k not in data or int(v[0]) > int(data[k][0]):
                data[k] = v
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            tmp = path.with_name(f".{path.name}.{os.getpid()}.{uuid.uuid4().hex}.tmp")
            tmp.write_text(json.dumps(data, sort_keys=True), encoding="utf-8")
            os.replace(tmp, path)
        except OSError:
            pass  # a lost memory only weakens the rollback check; the record itself is fine
