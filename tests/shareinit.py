"""Test helper: make a folder a share of Stukken (a signed marker), as 'meeting init' does."""

from __future__ import annotations

from pathlib import Path
from typing import Any


def throwaway_key(name: str = "test-init") -> Any:
    """A secretariat key that lives in this object only (not in any keyring)."""
    from cryptography.hazmat.primitives import serialization
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
    from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey

    from desktop.queue.secretariat_keypair import SecretariatKey, key_id_of

    fmt = (serialization.Encoding.Raw, serialization.PrivateFormat.Raw, serialization.NoEncryption())
    x_priv = X25519PrivateKey.generate().private_bytes(*fmt)
    ed_priv = Ed25519PrivateKey.generate().private_bytes(*fmt)
    key = SecretariatKey("", name, x_priv, ed_priv)
    return SecretariatKey(key_id_of(key.public.x25519_public, key.public.ed25519_public), name, x_priv, ed_priv)


def init_share(folder: Path, key: Any = None) -> str:
    """Create ``folder`` (when missing) with a valid ``stukken-share.json``; returns the share id."""
    from desktop.queue.identity import init_share as init
    from desktop.share import LocalShare

    share_id, _ = init(LocalShare(folder), key or throwaway_key())
    return share_id


def trusted_share(share: Path, site: Path) -> Any:
    """A marked share whose secretariat key is published in it and listed in ``site`` (IT's list),
    as 'meeting init' and IT do together; returns that key. ``site`` is created when missing."""
    from desktop.queue.secretariat_key_files import publish
    from desktop.share import connect

    sec_key = throwaway_key()
    init_share(share, sec_key)
    publish(connect(share), sec_key)  # the marker's signer is a known key
    site.mkdir(parents=True, exist_ok=True)
    (site / "secretariaat-sleutels.txt").write_text(sec_key.key_id + "\n", "utf-8")
    return sec_key
