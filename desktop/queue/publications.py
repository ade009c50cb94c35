"""The steller's besluitenlijsten: the signed publications, read once each.

``PublicationReader.refresh`` lists ``publicaties/`` by name only and opens just the names it
has not read yet, so a poll costs what is new, not the years of history. Each verified
publication is kept in the data folder (``besluitenlijsten.json``: they hold no content of
confidential stukken) with whether the user has read it. A file that does not verify is
left out and retried on a later poll (a secretary may repair it); a publication older than
the version read before is refused.
"""

from __future__ import annotations

import json
import os
import uuid
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from desktop.queue import protocol as P
from desktop.queue.secretariat_keys import trusted_secretariat_keys
from desktop.queue.signed import Unverified, verify_bytes, version_of
from desktop.share import NotFound, Share, ShareError, connect

STORE_FILE = "besluitenlijsten.json"


def verified_publication(fs: Share, name: str, trusted: dict[str, bytes]) -> dict[str, Any] | None:
    """The publication ``publicaties/<name>`` if a trusted secretariat key signed it for that meeting."""
    if not name.endswith(".json") or name.startswith("."):
        return None
    meeting_id = name[:-5]
    try:
        doc = verify_bytes(fs.read_bytes(f"{P.PUBLICATIONS}/{name}", P.MAX_JSON_BYTES), trusted)
    except Unverified:
        return None
    except ShareError as exc:
        if exc.reason == "hangt":
            raise
        return None
    ok = (doc.get("format") == P.PUBLICATION_FORMAT and doc.get("meeting_id") == meeting_id
          and doc.get("_record") in (None, f"publicatie:{meeting_id}") and isinstance(doc.get("items", []), list))
    return doc if ok else None


def route_lines(item: dict[str, Any]) -> list[str]:
    """An item's parafen and adviezen as the secretariat recorded them at acceptance (Openbaar only)."""
    route = item.get("route")
    return [line for line in route if isinstance(line, str)] if isinstance(route, list) else []


@dataclass(frozen=True, slots=True)
class Besluitenlijst:
    meeting_id: str
    published: str
    items: list[dict[str, Any]]
    gelezen: bool


class PublicationReader:
    def __init__(self, path: Path | None = None) -> None:
        if path is None:
            from desktop.config.paths import data_dir

            path = data_dir() / STORE_FILE
        self.path = path

    def _load(self) -> dict[str, Any]:
        try:
            data = json.loads(self.path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return {"lijsten": {}}
        return data if isinstance(data, dict) and isinstance(data.get("lijsten"), dict) else {"lijsten": {}}

    def _save(self, data: dict[str, Any]) -> None:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        tmp = self.path.with_name(f".{self.path.name}.{os.getpid()}.{uuid.uuid4().hex}.tmp")
        tmp.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
        os.replace(tmp, self.path)

    def refresh(self, fs: Share) -> list[Besluitenlijst]:
        """Read the publications not read before; returns the new ones (newest first)."""
        data = self._load()
        known: dict[str, Any] = data["lijsten"]
        try:
            names = [e.name for e in fs.listdir(P.PUBLICATIONS) if e.is_file]
        except NotFound:
            return []
        new_names = [n for n in names if n.endswith(".json") and n[:-5] not in known]
        if not new_names:
            return []
        trusted = trusted_secretariat_keys(fs)
        new = []
        for name in new_names:
            doc = verified_publication(fs, name, trusted)
            if doc is None:
                continue
            old = known.get(doc["meeting_id"])
            if old is not None and version_of(doc) < version_of(old.get("doc", {})):
                continue  # an older version put back: what was read stands
            known[doc["meeting_id"]] = {"doc": doc, "gelezen": False}
            new.append(doc["meeting_id"])
        if new:
            self._save(data)
        return [self._entry(mid, known[mid]) for mid in sorted(new, reverse=True)]

    @staticmethod
    def _entry(meeting_id: str, stored: dict[str, Any]) -> Besluitenlijst:
        doc = stored.get("doc", {})
        items = [i for i in doc.get("items", []) if isinstance(i, dict)]
        return Besluitenlijst(meeting_id, str(doc.get("published", "")), items, bool(stored.get("gelezen")))

    def all(self) -> list[Besluitenlijst]:
        """Every besluitenlijst read so far (newest meeting first), from the data folder only."""
        known = self._load()["lijsten"]
        return [self._entry(mid, known[mid]) for mid in sorted(known, reverse=True)]

    def unread(self) -> list[Besluitenlijst]:
        return [b for b in self.all() if not b.gelezen]

    def mark_read(self, meeting_id: str) -> None:
        data = self._load()
        if meeting_id in data["lijsten"]:
            data["lijsten"][meeting_id]["gelezen"] = True
            self._save(data)


def fetch_new(queue_dir: Path, reader: PublicationReader | None = None, timeout: float = 10.0) -> list[Besluitenlijst]:
    """The publications in the share not read before (``ShareError`` with a Dutch reason when out of reach)."""
    fs = connect(queue_dir)
    reader = reader or PublicationReader()
    result: list[Besluitenlijst] = fs.run(lambda: reader.refresh(fs), timeout, "besluitenlijsten lezen")
    return result
