"""The inbox: what the secretariat sees of each submission, and when it first saw it.

``Submission`` is the secretariat's view of one bundle in the queue; the queue layer
fills it (``desktop.secretariat.queue_source``), so there is one bundle reader only.
The moment this application FIRST SEES a submission decides whether it is te laat
(the steller's clock does not count); those moments are kept locally, per secretary.
"""

from __future__ import annotations

import json
import os
import secrets
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any, Protocol

from desktop.secretariat.errors import SecretariatError

VERIFICATION = ("vertrouwd", "nieuwe sleutel", "gewijzigde sleutel", "versleuteld", "mislukt")
NUMBER_FIELDS = ("registratienummer", "kenmerk")


@dataclass(slots=True)
class Submission:
    id: str
    draft: Any | None  # desktop.domain.draft.Draft; None when it cannot be read (or decrypted)
    verificatie: str
    steller: str = ""
    aangekomen: str = ""
    supersedes: str = ""
    vertrouwelijk: bool = False
    ingetrokken: bool = False
    docx: Path | None = None
    probleem: str = ""
    extra: dict[str, Any] = field(default_factory=dict)

    def value(self, field_id: str) -> str:
        if self.draft is None:
            return ""
        value = self.draft.values.get(field_id, "")
        return value if isinstance(value, str) else ""

    @property
    def onderwerp(self) -> str:
        return self.value("onderwerp") or ("(vertrouwelijk)" if self.vertrouwelijk else "")


class SubmissionSource(Protocol):
    """What the secretariat needs from the queue layer."""

    def forget(self) -> None: ...

    def submissions(self, archive: bool = False) -> list[Submission]: ...

    def moved(self, submission_id: str, folder: str) -> None: ...

    def get(self, submission_id: str, fresh: bool = True) -> Submission: ...

    def trust_key(self, submission_id: str) -> None: ...

    def write_status(self, submission_id: str, status: str, floor: int = 0, **fields: Any) -> Any: ...

    def check_can_publish(self) -> None: ...

    def publish(self, meeting_key: str, payload: dict[str, Any]) -> None: ...

    def publication(self, meeting_key: str) -> dict[str, Any] | None: ...


def number_field(draft: Any) -> str:
    return "kenmerk" if getattr(draft, "form", "") == "raadsbrief" else "registratienummer"


class FirstSeen:
    """Local record of when this secretary's application first saw each submission."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._data: dict[str, str] | None = None

    def _load(self) -> dict[str, str]:
        if self._data is None:
            try:
                raw = json.loads(self.path.read_text(encoding="utf-8"))
                self._data = {str(k): str(v) for k, v in raw.items()} if isinstance(raw, dict) else {}
            except (OSError, ValueError):
                self._data = {}  # lost or damaged: from now on counts as first seen now
        return self._data

    def unseen(self, ids: list[str]) -> set[str]:
        data = self._load()
        return {i for i in ids if i not in data}

    def see(self, ids: list[str], now: datetime | None = None) -> dict[str, datetime]:
        data = self._load()
        stamp = (now or datetime.now().astimezone()).isoformat(timespec="seconds")
        new = [i for i in ids if i not in data]
        for i in new:
            data[i] = stamp
        if new:
            self._save(data)
        return {i: datetime.fromisoformat(data[i]) for i in ids}

    def _save(self, data: dict[str, str]) -> None:
        """Replace the local file atomically (only this application instance writes it)."""
        tmp = self.path.with_name(f".{self.path.name}.{secrets.token_hex(6)}.tmp")
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            tmp.write_text(json.dumps(data, ensure_ascii=False, indent=2, sort_keys=True), encoding="utf-8")
            os.replace(tmp, self.path)
        except OSError as exc:
            raise SecretariatError(f"Kan {self.path} niet opslaan.", f"{type(exc).__name__}: {exc}") from exc


def te_laat(first_seen: datetime, sluiting: datetime) -> bool:
    if first_seen.tzinfo is not None and sluiting.tzinfo is None:
        sluiting = sluiting.astimezone()  # a cut-off is entered in local time
    elif first_seen.tzinfo is None and sluiting.tzinfo is not None:
        first_seen = first_seen.astimezone()
    return first_seen > sluiting
