"""Test helper: a RecordTrust with a throwaway secretariat key (no keyring, no published key)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from desktop.queue.keys import b64, unb64
from desktop.secretariat.records import RecordTrust
from desktop.share import Share
from tests.shareinit import throwaway_key


def key_json(key: Any) -> str:
    return json.dumps({"id": key.key_id, "name": key.name, "x": b64(key.x25519_private),
                       "ed": b64(key._ed.private_bytes_raw())})


def key_from_json(text: str) -> Any:
    from desktop.queue.secretariat_keys import SecretariatKey

    d = json.loads(text)
    return SecretariatKey(d["id"], d["name"], unb64(d["x"]), unb64(d["ed"]))


def make_trust(share: Share, data_dir: Path, key: Any = None, *others: Any) -> RecordTrust:
    """Signs with ``key`` and trusts it (and ``others``)."""
    key = key or throwaway_key()
    trusted = {k.key_id: k.public.ed25519_public for k in (key, *others)}
    return RecordTrust(share, data_dir, lambda: key, lambda: trusted)


