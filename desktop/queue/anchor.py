"""Where secretariat trust comes from: IT's site folder, or pins in the embedded default.

- With a site folder (``STUKKEN_SITE_DIR``) its ``secretariaat-sleutels.txt`` is the only
  source: a key that is not listed is never used to encrypt and nothing it signed is
  believed. The last list read is kept (``desktop.config.site_cache``) for an offline
  laptop; with neither the list nor a copy, no secretariat key is trusted.
- Without a site folder (a single machine) the first secretariat keys this application
  sees are pinned; a later new key is trusted only after the user confirms its
  fingerprint (``sleutels --vertrouw``). This machine's own secretariat keys are pinned
  when they are made: whoever holds one may act.

The list of pins is local (the data folder), never on the share.
"""

from __future__ import annotations

import json
import os
import threading
import uuid
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from desktop.config import paths
from desktop.config.site_cache import FROM_COPY, FROM_SITE, MISSING, NO_SITE, read_site_file
from desktop.queue.keys import b64, fingerprint, unb64
from desktop.queue.trust import BROKEN, TRUSTED, load_local_json

SITE_ALLOWLIST = "secretariaat-sleutels.txt"
PINS_FILE = "secretariaat-sleutels-vastgezet.json"

# The trust of one secretariat key, as shown by ``sleutels`` (and TRUSTED, as for any key).
NOT_LISTED = "niet op de lijst"
PENDING = "wacht op bevestiging"

_pin_lock = threading.Lock()
__all__ = ["TRUSTED", "NOT_LISTED", "PENDING", "Anchor", "PinStore", "current", "pending_notice"]


@dataclass(frozen=True, slots=True)
class Anchor:
    """The trust anchor in force now: ``allowed`` key ids with a site folder, None without one."""

    site: bool
    allowed: frozenset[str] | None
    source: str  # desktop.config.site_cache: sitemap, kopie, ontbreekt, onbereikbaar, geen sitemap

    def allows(self, key_id: str) -> bool:
        return self.allowed is not None and key_id in self.allowed

    @property
    def message(self) -> str:
        """Dutch: where trust comes from now (empty when all is as it should be)."""
        if not self.site:
            return ""
        if self.source == FROM_COPY:
            return "De sitemap is niet bereikbaar; de laatst gelezen lijst van IT wordt gebruikt."
        if self.source == MISSING:
            return (f"In de sitemap staat geen {SITE_ALLOWLIST}: geen enkele sleutel van het secretariaat "
                    "wordt vertrouwd. Vraag IT de lijst te maken.")
        if self.source != FROM_SITE:
            return ("De sitemap is niet bereikbaar en er is geen eerder gelezen lijst van IT: geen enkele "
                    "sleutel van het secretariaat wordt vertrouwd.")
        return ""


def parse_allowlist(data: bytes) -> frozenset[str]:
    """One key id per line; ``#`` starts a comment. Undecodable: an empty list (trust none)."""
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return frozenset()
    return frozenset({line.split("#", 1)[0].strip() for line in text.splitlines()} - {""})


def current() -> Anchor:
    found = read_site_file(SITE_ALLOWLIST)
    if found.source == NO_SITE:
        return Anchor(False, None, NO_SITE)
    allowed = parse_allowlist(found.data) if found.data is not None else frozenset()
    return Anchor(True, allowed, found.source)


@dataclass(frozen=True, slots=True)
class Pin:
    key_id: str
    name: str
    x25519_public: bytes
    ed25519_public: bytes
    accepted: bool
    first_seen: str

    @property
    def fingerprint(self) -> str:
        return fingerprint(self.ed25519_public)


class PinStore:
    """``{"keys": {key_id: {name, x25519_public, ed25519_public, accepted, first_seen}}}``."""

    def __init__(self, path: Path | None = None) -> None:
        self.path = path or paths.data_dir() / PINS_FILE

    def _load(self) -> dict[str, Any]:
        data = load_local_json(self.path)
        if data is BROKEN:
            return {"kapot": True}  # nothing is pinned then: new keys wait for confirmation again
        keys = data.get("keys") if isinstance(data, dict) else None
        return keys if isinstance(keys, dict) else {}

    def _save(self, keys: dict[str, Any]) -> None:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        tmp = self.path.with_name(f".{self.path.name}.{os.getpid()}.{uuid.uuid4().hex}.tmp")
        tmp.write_text(json.dumps({"keys": keys}, ensure_ascii=False, indent=2), encoding="utf-8")
        os.replace(tmp, self.path)

    def pins(self) -> list[Pin]:
        out = []
        for key_id, d in self._load().items():
            if not isinstance(d, dict):
                continue
            try:
                out.append(Pin(key_id, str(d.get("name", "")), unb64(d["x25519_public"]),
                               unb64(d["ed25519_public"]), bool(d.get("accepted")), str(d.get("first_seen", ""))))
            except (KeyError, ValueError):
                continue
        return out

    def observe(self, seen: list[Any], now: str, own: bool = False) -> None:
        """Record keys seen (``PublicKeyRecord``-like). The very first ones, and own keys, are
        pinned as trusted; any later new key waits for confirmation."""
        with _pin_lock:
            keys = self._load()
            first = not keys
            broken = keys.pop("kapot", None) is not None
            changed = broken
            for rec in seen:
                if rec.key_id in keys:
                    if own and not keys[rec.key_id].get("accepted"):
                        keys[rec.key_id]["accepted"] = True
                        changed = True
                    continue
                keys[rec.key_id] = {
                    "name": rec.name,
                    "x25519_public": b64(rec.x25519_public),
                    "ed25519_public": b64(rec.ed25519_public),
                    "accepted": own or (first and not broken),
                    "first_seen": now,
                }
                changed = True
            if changed:
                self._save(keys)

    def confirm(self, wanted_fingerprint: str) -> Pin | None:
        """Trust the pinned key with this fingerprint (the user checked it); None if unknown."""
        wanted = _norm(wanted_fingerprint)
        with _pin_lock:
            keys = self._load()
            keys.pop("kapot", None)
            match = [p for p in self.pins() if _norm(p.fingerprint) == wanted]
            if len(match) != 1:
                return None
            keys[match[0].key_id]["accepted"] = True
            self._save(keys)
        return match[0]


def pending_notice() -> str:
    """Dutch: secretariat keys that wait for this user's confirmation (no site folder), or ""."""
    if current().site:
        return ""
    waiting = [p for p in PinStore().pins() if not p.accepted]
    if not waiting:
        return ""
    listed = ", ".join(f"{p.name or p.key_id} ({p.fingerprint})" for p in waiting)
    return (f"Nieuwe sleutel(s) van het secretariaat: {listed}. Die tellen pas als u de vingerafdruk bij "
            "het secretariaat hebt gecontroleerd en bevestigd met 'sleutels --vertrouw VINGERAFDRUK'.")


def _norm(fp: str) -> str:
    return fp.replace(":", "").replace(" ", "").lower()
