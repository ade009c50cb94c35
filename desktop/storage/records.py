"""What the store hands out: plain frozen values, no sessions, no database objects."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from desktop.domain.draft import Draft


@dataclass(frozen=True)
class DraftSummary:
    """One line of the draft list. Times are aware UTC datetimes."""

    id: str
    form: str
    onderwerp: str
    soort: str
    status: str
    updated_at: datetime
    created_at: datetime
    deleted: bool


@dataclass(frozen=True)
class StoredDraft:
    id: str
    draft: Draft
    status: str
    created_at: datetime
    updated_at: datetime
    deleted: bool


@dataclass(frozen=True)
class RevisionInfo:
    number: int
    kind: str  # "save" | "autosave" | "restore" | "import"
    created_at: datetime
    onderwerp: str
