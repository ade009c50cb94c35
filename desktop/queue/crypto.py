"""Hybrid encryption of a confidential stuk for the secretariat's public keys.

One random 256-bit content key encrypts the packed files with AES-256-GCM. The
content key is wrapped once per secretariat key: an ephemeral X25519 key (one per
bundle) agrees a secret with each recipient's X25519 public key, HKDF-SHA256 turns
it into a key-encryption key, and AES-256-GCM wraps the content key with it. The
submission id is bound in as associated data, so a ciphertext cannot be moved to
another bundle. Details: ``docs/queue-format.md``.
"""

from __future__ import annotations

import io
import os
import zipfile
from dataclasses import dataclass
from typing import Any

from desktop.queue.keys import b64, unb64

ALGORITHM = "X25519-HKDF-SHA256-AES256GCM"
CONTENT_INFO = b"stukken-wachtrij/1 inhoud|"
WRAP_INFO = b"stukken-wachtrij/1 sleutel|"


class DecryptError(Exception):
    """The stuk cannot be decrypted; ``str()`` Dutch, ``detail`` for developers."""

    def __init__(self, message: str, detail: str = "") -> None:
        super().__init__(message)
        self.detail = detail or message


@dataclass(frozen=True, slots=True)
class Recipient:
    key_id: str
    x25519_public: bytes


def _aad(submission_id: str, info: bytes) -> bytes:
    return info + submission_id.encode("utf-8")


def _kek(shared: bytes, eph_pub: bytes, recipient_pub: bytes, submission_id: str) -> bytes:
    from cryptography.hazmat.primitives import hashes
    from cryptography.hazmat.primitives.kdf.hkdf import HKDF

    return HKDF(
        algorithm=hashes.SHA256(),
        length=32,
        salt=eph_pub + recipient_pub,
        info=_aad(submission_id, WRAP_INFO),
    ).derive(shared)


def pack(files: dict[str, bytes]) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", compression=zipfile.ZIP_STORED) as zf:
        for name in sorted(files):
            zf.writestr(zipfile.ZipInfo(name, date_time=(1980, 1, 1, 0, 0, 0)), files[name])
    return buf.getvalue()


def unpack(data: bytes, max_total: int) -> dict[str, bytes]:
    from desktop.queue.names import safe_relpath

    out: dict[str, bytes] = {}
    total = 0
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        for info in zf.infolist():
            if not safe_relpath(info.filename):
                raise DecryptError("De versleutelde inhoud bevat een ongeldige bestandsnaam.", info.filename)
            total += info.file_size
            if total > max_total:
                raise DecryptError("De versleutelde inhoud is te groot.", f"> {max_total} bytes")
            out[info.filename] = zf.read(info)
    return out


def encrypt(files: dict[str, bytes], recipients: list[Recipient], submission_id: str) -> tuple[bytes, dict[str, Any]]:
    """``(inhoud.enc bytes, sleutels.json object)`` for the given recipients."""
    from cryptography.hazmat.primitives import serialization
    from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey, X25519PublicKey
    from cryptography.hazmat.primitives.ciphers.aead import AESGCM

    if not recipients:
        raise ValueError("no recipients")
    content_key = AESGCM.generate_key(bit_length=256)
    nonce = os.urandom(12)
    ciphertext = nonce + AESGCM(content_key).encrypt(
        nonce, pack(files), _aad(submission_id, CONTENT_INFO)
    )
    eph = X25519PrivateKey.generate()
    eph_pub = eph.public_key().public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)
    wrapped: list[dict[str, str]] = []
    for r in recipients:
        shared = eph.exchange(X25519PublicKey.from_public_bytes(r.x25519_public))
        kek = _kek(shared, eph_pub, r.x25519_public, submission_id)
        wrap_nonce = os.urandom(12)
        sealed = AESGCM(kek).encrypt(wrap_nonce, content_key, _aad(submission_id, WRAP_INFO))
        wrapped.append({"key_id": r.key_id, "nonce": b64(wrap_nonce), "wrapped_key": b64(sealed)})
    header = {
        "algorithm": ALGORITHM,
        "ephemeral_public": b64(eph_pub),
        "recipients": wrapped,
    }
    return ciphertext, header


def decrypt(
    ciphertext: bytes,
    header: Any,
    key_id: str,
    x25519_private_raw: bytes,
    submission_id: str,
    max_total: int = 2**31,
) -> dict[str, bytes]:
    from cryptography.exceptions import InvalidTag
    from cryptography.hazmat.primitives import serialization
    from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey, X25519PublicKey
    from cryptography.hazmat.primitives.ciphers.aead import AESGCM

    if not isinstance(header, dict) or header.get("algorithm") != ALGORITHM:
        raise DecryptError("Onbekende versleutelingsmethode.", f"header {str(header)[:200]}")
    entry = next(
        (r for r in header.get("recipients", []) if isinstance(r, dict) and r.get("key_id") == key_id),
        None,
    )
    if entry is None:
        raise DecryptError(
            "Dit stuk is niet versleuteld voor uw sleutel van het secretariaat.", f"no recipient {key_id}"
        )
    try:
        priv = X25519PrivateKey.from_private_bytes(x25519_private_raw)
        pub = priv.public_key().public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)
        eph_pub = unb64(header.get("ephemeral_public"))
        shared = priv.exchange(X25519PublicKey.from_public_bytes(eph_pub))
        kek = _kek(shared, eph_pub, pub, submission_id)
        content_key = AESGCM(kek).decrypt(
            unb64(entry.get("nonce")), unb64(entry.get("wrapped_key")), _aad(submission_id, WRAP_INFO)
        )
        plain = AESGCM(content_key).decrypt(
            ciphertext[:12], ciphertext[12:], _aad(submission_id, CONTENT_INFO)
        )
    except (InvalidTag, ValueError) as exc:
        raise DecryptError(
            "Het stuk kan niet worden ontsleuteld (verkeerde sleutel of beschadigde inhoud).",
            f"{type(exc).__name__}: {exc}",
        ) from exc
    try:
        return unpack(plain, max_total)
    except zipfile.BadZipFile as exc:
        raise DecryptError("De ontsleutelde inhoud is onleesbaar.", f"BadZipFile: {exc}") from exc
