"""v2: status with history, trash time, and full-text search.

- drafts: ``deleted`` (flag) becomes ``deleted_at`` (when it went to the trash);
  ``status`` with a CHECK of the known statuses; ``doc_id``, the stable FTS5 rowid.
  SQLite cannot add a CHECK or drop a column in place, so the table is copied
  (batch mode): DROP TABLE drafts would cascade into revisions if foreign keys
  were on; the runner turns them off and runs ``PRAGMA foreign_key_check`` after.
- status_events: every status change with time and actor; each existing draft
  gets its 'concept' event at its creation time.
- drafts_fts: FTS5 over the text of each draft's newest revision, diacritics
  removed ("financiele" finds "financiële").

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-29
"""

import json

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None

STATUSES = (
    "concept", "ingediend", "teruggestuurd", "ingetrokken", "geagendeerd", "besloten",
    "teruggekoppeld",
)


def _strings(value, out):
    # Frozen here on purpose: a migration must not change when the application's
    # text helpers do. Block "type" keys are markup, not text.
    if isinstance(value, str):
        out.append(value)
    elif isinstance(value, list):
        for item in value:
            _strings(item, out)
    elif isinstance(value, dict):
        for key, item in value.items():
            if key != "type":
                _strings(item, out)


def upgrade() -> None:
    op.add_column("drafts", sa.Column("doc_id", sa.Integer(), nullable=True))
    op.add_column(
        "drafts",
        sa.Column("status", sa.String(20), nullable=False, server_default="concept"),
    )
    op.add_column("drafts", sa.Column("deleted_at", sa.String(32), nullable=True))
    op.execute("UPDATE drafts SET deleted_at = updated_at WHERE deleted")
    op.execute(
        "UPDATE drafts SET doc_id = (SELECT n FROM (SELECT id, row_number() "
        "OVER (ORDER BY created_at, id) AS n FROM drafts) AS o WHERE o.id = drafts.id)"
    )
    check = "status IN (" + ", ".join(f"'{s}'" for s in STATUSES) + ")"
    with op.batch_alter_table("drafts", recreate="always") as batch:
        batch.drop_column("deleted")
        batch.alter_column("doc_id", existing_type=sa.Integer(), nullable=False)
        batch.create_unique_constraint("uq_drafts_doc_id", ["doc_id"])
        batch.create_check_constraint("ck_drafts_status", sa.text(check))

    op.create_table(
        "status_events",
        sa.Column("id", sa.Integer(), primary_key=True, autoincrement=True),
        sa.Column(
            "draft_id",
            sa.String(32),
            sa.ForeignKey("drafts.id", ondelete="CASCADE"),
            nullable=False,
        ),
        sa.Column("at", sa.String(32), nullable=False),
        sa.Column("status", sa.String(20), nullable=False),
        sa.Column("detail", sa.Text(), nullable=False, server_default=""),
        sa.Column("actor", sa.Text(), nullable=False, server_default=""),
    )
    op.create_index("ix_status_events_draft_id", "status_events", ["draft_id"])
    op.execute(
        "INSERT INTO status_events (draft_id, at, status, detail, actor) "
        "SELECT id, created_at, 'concept', 'aangemaakt', '' FROM drafts"
    )

    op.execute(
        "CREATE VIRTUAL TABLE drafts_fts USING fts5("
        "onderwerp, body, tokenize = 'unicode61 remove_diacritics 2')"
    )
    bind = op.get_bind()
    rows = bind.exec_driver_sql(
        "SELECT d.doc_id, r.content FROM drafts d "
        "JOIN revisions r ON r.draft_id = d.id AND r.number = d.head"
    ).fetchall()
    for doc_id, content in rows:
        try:
            values = json.loads(content).get("values", {})
        except (ValueError, AttributeError):
            values = {}
        if not isinstance(values, dict):
            values = {}
        onderwerp = values.get("onderwerp", "")
        body: list[str] = []
        _strings({k: v for k, v in values.items() if k != "onderwerp"}, body)
        bind.exec_driver_sql(
            "INSERT INTO drafts_fts (rowid, onderwerp, body) VALUES (?, ?, ?)",
            (doc_id, onderwerp if isinstance(onderwerp, str) else "", "\n".join(body)),
        )


def downgrade() -> None:
    op.execute("DROP TABLE drafts_fts")
    op.drop_index("ix_status_events_draft_id", table_name="status_events")
    op.drop_table("status_events")
    op.add_column(
        "drafts", sa.Column("deleted", sa.Boolean(), nullable=False, server_default=sa.text("0"))
    )
    op.execute("UPDATE drafts SET deleted = 1 WHERE deleted_at IS NOT NULL")
    with op.batch_alter_table("drafts", recreate="always") as batch:
        batch.drop_constraint("ck_drafts_status", type_="check")
        batch.drop_constraint("uq_drafts_doc_id", type_="unique")
        batch.drop_column("deleted_at")
        batch.drop_column("status")
        batch.drop_column("doc_id")
