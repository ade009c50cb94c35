"""Keys in the operating system's keyring: the steller's signing key, never in a file.

``keyring`` picks the platform store (Windows Credential Manager, macOS Keychain,
Secret Service). A machine without one raises ``NoKeyringError``; that becomes a
``KeyUnavailable`` with a Dutch message instead of a traceback.
"""

from __future__ import annotations

import base64
import getpass
import hashlib
import os
import socket
from typing import Any

KEYRING_SERVICE = "stukken-desktop"
IDENTITY_USER = "ondertekening"


class KeyUnavailable(Exception):
    """The keyring cannot be used; ``str()`` is Dutch, ``detail`` for developers."""

    def __init__(self, message: str, detail: str = "") -> None:
        super().__init__(message)
        self.detail = detail or message


NO_KEYRING_MESSAGE = (
    "Er is op deze computer geen sleutelbos (keyring) beschikbaar om de ondertekeningssleutel "
    "veilig te bewaren. Zonder sleutelbos kan een stuk niet worden ondertekend en ingediend. "
    "Uw concept blijft bewaard; vraag de servicedesk om de sleutelbos in te schakelen."
)


def os_account() -> str:
    """The operating-system account, with the Windows domain when there is one."""
    try:
        user = getpass.getuser()
    except Exception:  # no login name in the environment
        user = "onbekend"
    domain = os.environ.get("USERDOMAIN")
    return f"{domain}\\{user}" if domain else f"{user}@{socket.gethostname()}"


def b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def unb64(text: Any) -> bytes:
    if not isinstance(text, str):
        raise ValueError("expected a base64 string")
    return base64.b64decode(text.encode("ascii"), validate=True)


def fingerprint(public_raw: bytes) -> str:
    """A short, readable fingerprint of a public key (SHA-256, grouped hex)."""
    digest = hashlib.sha256(public_raw).hexdigest()[:32]
    return ":".join(digest[i : i + 4] for i in range(0, 32, 4))


def keyring_get(user: str) -> str | None:
    import keyring
    from keyring.errors import KeyringError

    try:
        return keyring.get_password(KEYRING_SERVICE, user)
    except KeyringError as exc:  # NoKeyringError is a subclass
        raise KeyUnavailable(NO_KEYRING_MESSAGE, f"{type(exc).__name__}: {exc}") from exc
    except RuntimeError as exc:  # some backends raise plain runtime errors when locked
        raise KeyUnavailable(NO_KEYRING_MESSAGE, f"{type(exc).__name__}: {exc}") from exc


def keyring_set(user: str, secret: str) -> None:
    import keyring
    from keyring.errors import KeyringError

    try:
        keyring.set_password(KEYRING_SERVICE, user, secret)
    except (KeyringError, RuntimeError) as exc:
        raise KeyUnavailable(NO_KEYRING_MESSAGE, f"{type(exc).__name__}: {exc}") from exc


class Identity:
    """The steller's Ed25519 signing key (private part from the keyring)."""

    def __init__(self, private_raw: bytes, account: str) -> None:
        from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

        self._key = Ed25519PrivateKey.from_private_bytes(private_raw)
        self.account = account
        from cryptography.hazmat.primitives import serialization

        self.public_raw = self._key.public_key().public_bytes(
            serialization.Encoding.Raw, serialization.PublicFormat.Raw
        )

    @property
    def public_b64(self) -> str:
        return b64(self.public_raw)

    @property
    def fingerprint(self) -> str:
        return fingerprint(self.public_raw)

    def sign(self, data: bytes) -> bytes:
        return self._key.sign(data)


def load_identity(create: bool = True) -> Identity:
    """The steller's signing key; made and stored in the keyring on first use."""
    account = os_account()
    user = f"{IDENTITY_USER}:{account}"
    stored = keyring_get(user)
    if stored:
        try:
            return Identity(unb64(stored), account)
        except ValueError as exc:
            raise KeyUnavailable(
                "De ondertekeningssleutel in de sleutelbos is beschadigd.", f"bad stored key: {exc}"
            ) from exc
    if not create:
        raise KeyUnavailable("Er is nog geen ondertekeningssleutel.", f"no key for {user}")
    from cryptography.hazmat.primitives import serialization
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

    raw = Ed25519PrivateKey.generate().private_bytes(
        serialization.Encoding.Raw, serialization.PrivateFormat.Raw, serialization.NoEncryption()
    )
    keyring_set(user, b64(raw))
    # Read back: a backend that silently drops secrets must not leave us with two keys.
    again = keyring_get(user)
    if again != b64(raw):
        raise KeyUnavailable(NO_KEYRING_MESSAGE, "keyring did not keep the stored key")
    return Identity(raw, account)


def verify_signature(public_raw: bytes, signature: bytes, data: bytes) -> bool:
    from cryptography.exceptions import InvalidSignature
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

    try:
        Ed25519PublicKey.from_public_bytes(public_raw).verify(signature, data)
        return True
    except (InvalidSignature, ValueError):
        return False
