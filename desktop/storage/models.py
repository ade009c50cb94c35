"""The tables of the draft store (schema head), declared once for queries and migrations.

The migrations in ``migrations/versions`` are the history; these models describe the
newest schema. ``tests/storage`` checks that a migrated database matches them.
The full-text table ``drafts_fts`` is an FTS5 virtual table and lives only in the
migration that creates it.
"""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy import (
    CheckConstraint,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column
from sqlalchemy.types import TypeDecorator

from desktop.domain import workflow

# Every state of the workflow model (also the CHECK on drafts.status, from migration 0003).
STATUSES = workflow.STATES
REVISION_KINDS = ("save", "autosave", "restore", "import")


class UtcDateTime(TypeDecorator[datetime]):
    """An aware UTC datetime stored as fixed-width ISO 8601 text.

    Fixed width and always UTC, so text order is time order (indexes sort by it);
    ``datetime.fromisoformat`` reads it back fast (the draft list parses 20,000 of them).
    """

    impl = String(32)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: object) -> str | None:
        return None if value is None else to_text(value)

    def process_result_value(self, value: str | None, dialect: object) -> datetime | None:
        return None if value is None else datetime.fromisoformat(value)


def to_text(value: datetime) -> str:
    if value.tzinfo is None:
        raise ValueError("naive datetime: storage needs an aware (UTC) time")
    return value.astimezone(UTC).isoformat(timespec="microseconds")


class Base(DeclarativeBase):
    pass


_STATUS_CHECK = "status IN (" + ", ".join(f"'{s}'" for s in STATUSES) + ")"


class DraftRow(Base):
    """One draft: the summary columns of its newest revision, its status and trash state."""

    __tablename__ = "drafts"
    id: Mapped[str] = mapped_column(String(32), primary_key=True)
    # The FTS5 rowid of this draft: a stable integer (a text key's implicit rowid is not).
    doc_id: Mapped[int] = mapped_column(Integer, nullable=False)
    form: Mapped[str] = mapped_column(String(64), nullable=False)
    onderwerp: Mapped[str] = mapped_column(Text, nullable=False, server_default="")
    soort: Mapped[str] = mapped_column(String(64), nullable=False, server_default="")
    status: Mapped[str] = mapped_column(String(20), nullable=False, server_default=workflow.CONCEPT)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime, nullable=False)
    updated_at: Mapped[datetime] = mapped_column(UtcDateTime, nullable=False)
    deleted_at: Mapped[datetime | None] = mapped_column(UtcDateTime, nullable=True)
    head: Mapped[int] = mapped_column(Integer, nullable=False, server_default="0")
    __table_args__ = (
        CheckConstraint(_STATUS_CHECK, name="ck_drafts_status"),
        UniqueConstraint("doc_id", name="uq_drafts_doc_id"),
        Index("ix_drafts_updated_at", "updated_at"),
    )


class RevisionRow(Base):
    """One saved version of a draft's content (the interchange JSON)."""

    __tablename__ = "revisions"
    draft_id: Mapped[str] = mapped_column(
        String(32), ForeignKey("drafts.id", ondelete="CASCADE"), primary_key=True
    )
    number: Mapped[int] = mapped_column(Integer, primary_key=True)
    kind: Mapped[str] = mapped_column(String(16), nullable=False)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime, nullable=False)
    onderwerp: Mapped[str] = mapped_column(Text, nullable=False, server_default="")
    content: Mapped[str] = mapped_column(Text, nullable=False)


class StatusEventRow(Base):
    """One status change, with its time and actor (the source of the process figures)."""

    __tablename__ = "status_events"
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    draft_id: Mapped[str] = mapped_column(
        String(32), ForeignKey("drafts.id", ondelete="CASCADE"), nullable=False, index=True
    )
    at: Mapped[datetime] = mapped_column(UtcDateTime, nullable=False)
    status: Mapped[str] = mapped_column(String(20), nullable=False)
    detail: Mapped[str] = mapped_column(Text, nullable=False, server_default="")
    actor: Mapped[str] = mapped_column(Text, nullable=False, server_default="")


class SubmissionRowModel(Base):
    """One submission of the steller (``desktop.domain.submission.SubmissionRow``)."""

    __tablename__ = "submissions"
    id: Mapped[str] = mapped_column(String(64), primary_key=True)
    draft_key: Mapped[str] = mapped_column(Text, nullable=False)
    draft_id: Mapped[str | None] = mapped_column(String(64), nullable=True)
    onderwerp: Mapped[str] = mapped_column(Text, nullable=False, server_default="")
    queue_dir: Mapped[str] = mapped_column(Text, nullable=False)
    state: Mapped[str] = mapped_column(String(32), nullable=False, index=True)
    detail: Mapped[str] = mapped_column(Text, nullable=False, server_default="")
    supersedes: Mapped[str | None] = mapped_column(String(64), nullable=True)
    content_hash: Mapped[str] = mapped_column(String(64), nullable=False, server_default="")
    confidential: Mapped[int] = mapped_column(Integer, nullable=False, server_default="0")
    created: Mapped[str] = mapped_column(String(40), nullable=False)
    delivered: Mapped[str | None] = mapped_column(String(40), nullable=True)
    updated: Mapped[str] = mapped_column(String(40), nullable=False)
    attempts: Mapped[int] = mapped_column(Integer, nullable=False, server_default="0")
    last_error: Mapped[str] = mapped_column(Text, nullable=False, server_default="")
    pending_withdrawal: Mapped[int] = mapped_column(Integer, nullable=False, server_default="0")
    status_json: Mapped[str] = mapped_column(Text, nullable=False, server_default="")
    __table_args__ = (Index("ix_submissions_draft_key", "draft_key", "created"),)


drafts = DraftRow.__table__
revisions = RevisionRow.__table__
status_events = StatusEventRow.__table__
submissions = SubmissionRowModel.__table__
