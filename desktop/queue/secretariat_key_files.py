"""The secretariat's public key files in the share, and the local copy of the last ones seen.

Each key is published as ``sleutels/secretariaat/<key_id>.json``, self-signed, so stellers
can encrypt for it and verify what it signs. Anyone can write in the share, so a file here
only says that a key exists: whether it is trusted is decided in
``desktop.queue.secretariat_keys``.
"""

from __future__ import annotations

import contextlib
import json
from pathlib import Path
from typing import Any

from desktop.config.paths import data_dir
from desktop.queue import protocol as P
from desktop.queue.keys import b64, unb64
from desktop.queue.secretariat_keypair import (
    PublicKeyRecord,
    SecretariatKey,
    key_id_of,
    write_local_json,
)
from desktop.share import NotFound, Share, ShareError

CACHE_FILE = "sleutels-secretariaat-cache.json"
MAX_KEY_FILE = 64 * 1024


def write_json_atomic(fs: Share, rel: str, doc: dict[str, Any]) -> None:
    """A small JSON file put in place by rename, so a reader never sees half of it."""
    fs.publish(rel, json.dumps(doc, ensure_ascii=False, indent=2).encode("utf-8"))


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
    if len(x_pub) != 32 or key_id_of(x_pub, ed_pub) != doc.get("key_id"):
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
        if not e.is_file or not e.name.endswith(".json") or e.size > MAX_KEY_FILE:
            continue
        try:
            rec = parse_key_record(P.parse_json(fs.read_bytes(f"{P.KEYS}/{e.name}", MAX_KEY_FILE)))
        except (OSError, ValueError):
            continue
        if rec is not None:
            out.append(rec)
    return out


def _cache_path() -> Path:
    return data_dir() / CACHE_FILE


def save_cache(keys: list[PublicKeyRecord]) -> None:
    """Remember the public keys seen in the share (for when it is out of reach)."""
    data = [
        {"key_id": k.key_id, "name": k.name, "x25519_public": b64(k.x25519_public), "ed25519_public": b64(k.ed25519_public)}
        for k in keys
    ]
    with contextlib.suppress(OSError):  # only a cache
        write_local_json(_cache_path(), data)


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
