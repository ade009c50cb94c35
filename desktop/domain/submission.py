"""One submission as the steller's application records it: a plain row between layers.

The queue fills and reads these through its record; the storage layer keeps them in the
local database (table ``submissions``). Pure data: no SQL, no files.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

COLUMNS = (
    "id", "draft_key", "draft_id", "onderwerp", "queue_dir", "state", "detail", "supersedes",
    "content_hash", "confidential", "created", "delivered", "updated", "attempts", "last_error",
    "pending_withdrawal", "status_json",
)


@dataclass(slots=True)
class SubmissionRow:
    id: str
    draft_key: str
    draft_id: str | None
    onderwerp: str
    queue_dir: str
    state: str  # a state of desktop.domain.workflow
    detail: str
    supersedes: str | None
    content_hash: str
    confidential: bool
    created: str
    delivered: str | None
    updated: str
    attempts: int
    last_error: str
    pending_withdrawal: bool
    status_json: str

    def to_json(self) -> dict[str, Any]:
        data = {k: getattr(self, k) for k in COLUMNS if k != "status_json"}
        data["status"] = json.loads(self.status_json) if self.status_json else None
        return data

    @classmethod
    def from_values(cls, values: dict[str, Any]) -> SubmissionRow:
        """From a database row's columns (``confidential``, ``pending_withdrawal`` as 0/1)."""
        data = dict(values)
        data["confidential"] = bool(data["confidential"])
        data["pending_withdrawal"] = bool(data["pending_withdrawal"])
        return cls(**data)
