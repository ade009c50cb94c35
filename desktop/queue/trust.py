"""Trust on first use: which public key belongs to which person.

The secretariat (and a steller, for the secretariat's own keys) keeps this list
locally in the user's data folder, never on the share. The first key seen for a
person is recorded and reported as "nieuwe sleutel"; a different key later is
"gewijzigde sleutel" and stays untrusted until someone accepts it.
"""

from __future__ import annotations

import contextlib
import json
import os
import threading
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from desktop.queue.keys import fingerprint, unb64

TRUSTED = "vertrouwd"
NEW_KEY = "nieuwe sleutel"
CHANGED_KEY = "gewijzigde sleutel"

_lock = threading.Lock()


@dataclass(frozen=True, slots=True)
class TrustResult:
    state: str  # TRUSTED, NEW_KEY or CHANGED_KEY
    person: str
    fingerprint: str
    previous_fingerprint: str | None = None

    @property
    def trusted(self) -> bool:
        return self.state in (TRUSTED, NEW_KEY)

    @property
    def warning(self) -> str | None:
        if self.state == NEW_KEY:
            return f"Nieuwe sleutel voor {self.person} (vingerafdruk {self.fingerprint})."
        if self.state == CHANGED_KEY:
            return (
                f"Gewijzigde sleutel voor {self.person}: eerder {self.previous_fingerprint}, "
                f"nu {self.fingerprint}. Controleer dit bij de afzender voordat u de sleutel accepteert."
            )
        return None


def default_path(name: str = "vertrouwde_sleutels.json") -> Path:
    from desktop.config.paths import data_dir

    return data_dir() / name


BROKEN = object()  # load_local_json: the file was damaged (and is kept aside)


def load_local_json(path: Path) -> Any:
    """A local JSON list (trust, pins): None when absent; ``BROKEN`` when damaged, after moving it
    aside (``.onleesbaar-<pid>``) for inspection."""
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return None
    except (OSError, ValueError):
        with contextlib.suppress(OSError):
            os.replace(path, path.with_suffix(f".onleesbaar-{os.getpid()}"))
        return BROKEN


class TrustStore:
    """A JSON file ``{person: {"keys": [{"public_key", "fingerprint", "first_seen", "accepted"}]}}``."""

    def __init__(self, path: Path | None = None) -> None:
        self.path = path or default_path()

    def _load(self) -> dict[str, Any]:
        # A damaged list is kept aside; keys are then learned anew, each with a visible warning.
        data = load_local_json(self.path)
        return data if isinstance(data, dict) else {}

    def _save(self, data: dict[str, Any]) -> None:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        tmp = self.path.with_name(f".{self.path.name}.{os.getpid()}.{threading.get_ident()}.tmp")
        tmp.write_text(json.dumps(data, ensure_ascii=False, indent=2), encoding="utf-8")
        os.replace(tmp, self.path)

    def check(self, person: str, public_key_b64: str, record: bool = True) -> TrustResult:
        """Look a key up; on first use for ``person`` record it (TOFU)."""
        fp = fingerprint(unb64(public_key_b64))
        with _lock:
            data = self._load()
            entry = data.get(person)
            keys = entry.get("keys", []) if isinstance(entry, dict) else []
            accepted = [k for k in keys if isinstance(k, dict) and k.get("accepted")]
            for k in accepted:
                if k.get("public_key") == public_key_b64:
                    # A first-use key is trusted but keeps its warning until accepted.
                    state = NEW_KEY if k.get("first_use") else TRUSTED
                    return TrustResult(state, person, fp)
            if not accepted:
                if record:
                    keys.append(
                        {
                            "public_key": public_key_b64,
                            "fingerprint": fp,
                            "first_seen": _now(),
                            "accepted": True,
                            "first_use": True,
                        }
                    )
                    data[person] = {"keys": keys}
                    self._save(data)
                return TrustResult(NEW_KEY, person, fp)
            previous = accepted[-1].get("fingerprint")
            if record and not any(k.get("public_key") == public_key_b64 for k in keys):
                keys.append(
                    {"public_key": public_key_b64, "fingerprint": fp, "first_seen": _now(), "accepted": False}
                )
                data[person] = {"keys": keys}
                self._save(data)
            return TrustResult(CHANGED_KEY, person, fp, previous_fingerprint=previous)

    def accept(self, person: str, public_key_b64: str) -> None:
        """Trust ``public_key_b64`` for ``person`` (after checking it with them)."""
        fp = fingerprint(unb64(public_key_b64))
        with _lock:
            data = self._load()
            entry = data.get(person)
            keys = entry.get("keys", []) if isinstance(entry, dict) else []
            for k in keys:
                if k.get("public_key") == public_key_b64:
                    k["accepted"] = True
                    k.pop("first_use", None)
                    break
            else:
                keys.append({"public_key": public_key_b64, "fingerprint": fp, "first_seen": _now(), "accepted": True})
            data[person] = {"keys": keys}
            self._save(data)

    def revoke(self, person: str, public_key_b64: str) -> None:
        with _lock:
            data = self._load()
            entry = data.get(person)
            if isinstance(entry, dict):
                for k in entry.get("keys", []):
                    if k.get("public_key") == public_key_b64:
                        k["accepted"] = False
                self._save(data)

    def snapshot(self) -> dict[str, Any]:
        """The whole list, for checking many keys in one pass (``state_in``)."""
        return self._load()

    @staticmethod
    def state_in(snapshot: dict[str, Any], person: str, public_key_b64: str) -> str | None:
        """The state of a key already in ``snapshot``; None when ``check`` must record it."""
        entry = snapshot.get(person)
        keys = entry.get("keys", []) if isinstance(entry, dict) else []
        accepted = [k for k in keys if isinstance(k, dict) and k.get("accepted")]
        if not accepted:
            return None
        for k in accepted:
            if k.get("public_key") == public_key_b64:
                return NEW_KEY if k.get("first_use") else TRUSTED
        return CHANGED_KEY

    def people(self) -> dict[str, list[dict[str, Any]]]:
        data = self._load()
        return {p: list(e.get("keys", [])) for p, e in data.items() if isinstance(e, dict)}


NAME_PREFIX = "naam:"


def name_person(name: str) -> str:
    """The trust-list entry of a steller's name (case and spacing do not matter); "" for none."""
    return NAME_PREFIX + " ".join(name.split()).casefold() if name.strip() else ""


def short_fingerprint(public_key_b64: str) -> str:
    """The first groups of a key's fingerprint, as the inbox shows it (``ab12:cd34``)."""
    try:
        return ":".join(fingerprint(unb64(public_key_b64)).split(":")[:2])
    except ValueError:
        return ""


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")
