"""Who may act as the secretariat: whoever holds a secretariat key that the trust anchor trusts.

The main window and the CLI ask here; the "Rol" setting of old is gone (it was never read).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from desktop.queue.keys import KeyUnavailable, fingerprint
from desktop.queue.secretariat_keypair import generate_key, own_keys
from desktop.queue.secretariat_keys import acting_key
from desktop.secretariat.errors import SecretariatError


@dataclass(frozen=True, slots=True)
class Role:
    may_act: bool
    reason: str = ""  # Dutch: why not
    own_keys: list[tuple[str, str]] = field(default_factory=list)  # (key id, fingerprint) to give IT


def secretariat_role() -> Role:
    """Whether this machine may act as the secretariat now, and its own keys."""
    own = [(k.key_id, fingerprint(k.public.ed25519_public)) for k in own_keys()]
    try:
        acting_key()
    except KeyUnavailable as exc:  # NotTrusted included
        return Role(False, str(exc), own)
    return Role(True, "", own)


def make_key(name: str = "secretariaat") -> tuple[str, str]:
    """A new secretariat key in this machine's keyring: ``(key id, fingerprint)`` to give IT."""
    try:
        key = generate_key(name)
    except KeyUnavailable as exc:
        raise SecretariatError(str(exc), exc.detail) from exc
    return key.key_id, fingerprint(key.public.ed25519_public)
