"""This machine's secretariat keypairs: made, kept in the keyring, and used to decrypt.

X25519 opens confidential stukken, Ed25519 signs. The private parts live in the keyring
(``secretariaat:<key_id>``); the ids of this machine's own keys are listed (public data
only) in the data folder. Whether a key is trusted is not decided here but in
``desktop.queue.secretariat_keys``.
"""

from __future__ import annotations

import hashlib
import json
import os
import uuid
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from desktop.config.paths import data_dir
from desktop.queue import protocol as P
from desktop.queue.crypto import DecryptError, decrypt
from desktop.queue.keys import KeyUnavailable, b64, keyring_get, keyring_set, unb64
from desktop.queue.verify import DEFAULT_MAX_FILE_BYTES
from desktop.share import Share

OWN_KEYS_FILE = "secretariaat-sleutels.json"


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


def key_id_of(x_pub: bytes, ed_pub: bytes) -> str:
    """The id of a secretariat key: derived from both public parts, so it cannot be claimed."""
    return hashlib.sha256(ed_pub + x_pub).hexdigest()[:16]


def _own_keys_path() -> Path:
    return data_dir() / OWN_KEYS_FILE


def write_local_json(path: Path, data: Any) -> None:
    """A JSON file in the data folder, put in place by rename."""
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
    key_id = key_id_of(key.public.x25519_public, key.public.ed25519_public)
    secret = json.dumps({"name": name, "x25519": b64(x_priv), "ed25519": b64(ed_priv)})
    keyring_set(f"secretariaat:{key_id}", secret)
    own = _own_key_ids()
    if key_id not in own:
        own.append(key_id)
    write_local_json(_own_keys_path(), {"key_ids": own})
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


def decrypt_bundle(fs: Share, bundle_rel: str, keys: list[SecretariatKey] | None = None) -> dict[str, bytes]:
    """The plain files (``meta.json``, ``stuk.docx``, ``bijlagen/...``) of a confidential bundle.

    Reads the share again: for showing only. What is used (accept, place) comes from the
    verified bytes of ``reader.recheck`` through ``decrypt_files``.
    """
    files = {
        P.KEY_HEADER: fs.read_bytes(f"{bundle_rel}/{P.KEY_HEADER}", P.MAX_JSON_BYTES),
        P.CIPHERTEXT: fs.read_bytes(f"{bundle_rel}/{P.CIPHERTEXT}", DEFAULT_MAX_FILE_BYTES),
    }
    return decrypt_files(files, bundle_rel.rstrip("/").rsplit("/", 1)[-1], keys)


def decrypt_files(
    files: dict[str, bytes], submission_id: str, keys: list[SecretariatKey] | None = None
) -> dict[str, bytes]:
    """Decrypt a confidential bundle from bytes already read (``sleutels.json``, ``inhoud.enc``)."""
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
