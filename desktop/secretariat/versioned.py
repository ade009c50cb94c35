"""Versioned records in the share: ``v000001.json``, ``v000002.json`` ... one file per write.

A writer states the version it based its change on; the next version's name is created
exclusively, so of two writers with the same base exactly one succeeds and the other
gets :class:`StaleError` with who changed it and when. Nothing is merged silently.
"""

from __future__ import annotations

import json
from datetime import datetime
from typing import Any

from desktop.secretariat.errors import SecretariatError
from desktop.share import AlreadyExists, Share, ShareError, dumps


class StaleError(SecretariatError):
    """A write based on an older version than the latest one in the share."""


def versions(share: Share, folder: str) -> list[int]:
    found = []
    for name in share.list_names(folder):
        # Cheap checks first: a meeting saved hundreds of times lists hundreds of names.
        if name[0] == "v" and name.endswith(".json") and name[1:-5].isdigit() and len(name) >= 12:
            found.append(int(name[1:-5]))
    found.sort()
    return found


def latest_version(share: Share, folder: str) -> int:
    """The newest version number (0 when none), without parsing every name."""
    best = ""
    for name in share.list_names(folder, sort=False):
        # Zero-padded names compare as their numbers when of equal length.
        newer = (len(name), name) > (len(best), best)
        if newer and name.startswith("v") and name.endswith(".json") and name[1:-5].isdigit():
            best = name
    return int(best[1:-5]) if best else 0


def version_path(folder: str, version: int) -> str:
    return f"{folder}/v{version:06d}.json"


# Version files are written once and never changed, so a version read before need not be
# read again: a later poll lists the folder (one round trip on SMB) and opens only what is new.
_CACHE_MAX = 4096
_cache: dict[tuple[str, str], tuple[int, bytes]] = {}


def load_latest(share: Share, folder: str) -> tuple[int, dict[str, Any]] | None:
    """The latest version and its data, or ``None`` when there is no record yet."""
    latest = latest_version(share, folder)
    if not latest:
        return None
    key = (str(share.root), folder)
    cached = _cache.get(key)
    if cached is not None and cached[0] == latest:
        return latest, json.loads(cached[1])  # a fresh copy: callers change what they load
    data = share.read_json(version_path(folder, latest))
    if not isinstance(data, dict):
        raise SecretariatError(
            f"Versie {latest} in {folder} is beschadigd.", f"{folder}: top-level not an object"
        )
    if len(_cache) >= _CACHE_MAX:
        _cache.clear()
    _cache[key] = (latest, json.dumps(data).encode("utf-8"))
    return latest, data


def save(share: Share, folder: str, data: dict[str, Any], base: int, actor: str, what: str) -> int:
    """Write ``data`` as version ``base + 1``; :class:`StaleError` when ``base`` is not the latest."""
    new = base + 1
    latest = latest_version(share, folder)
    if latest and latest != base:
        raise _stale(share, folder, latest, base, what)
    record = dict(data)
    record["_versie"] = new
    record["_door"] = actor
    record["_op"] = datetime.now().astimezone().isoformat(timespec="seconds")
    try:
        share.write_exclusive(version_path(folder, new), dumps(record))
    except AlreadyExists:
        raise _stale(share, folder, latest_version(share, folder) or new, base, what) from None
    except ShareError as exc:
        raise SecretariatError(str(exc), exc.detail) from exc
    return new


def _stale(share: Share, folder: str, latest: int, base: int, what: str) -> StaleError:
    who, when = "een collega", "zojuist"
    try:
        data = share.read_json(version_path(folder, latest))
        who = str(data.get("_door") or who)
        when = str(data.get("_op") or when)
    except ShareError:
        pass
    return StaleError(
        f"{what} is intussen gewijzigd door {who} ({when}). Uw wijziging is NIET opgeslagen; "
        "laad de nieuwste versie en voer de wijziging opnieuw uit.",
        f"stale write: base v{base}, latest v{latest} in {folder}",
    )
