"""v3: the steller's submissions record joins the one local database (issue 13).

- submissions: one row per submission (which draft, which queue folder, the state as far
  as we know); before this it lived in ``indieningen.sqlite`` with a hand-written schema.
  ``DraftStore`` imports such a file once (``desktop/storage/submissions.py``).
- drafts: the CHECK on ``status`` takes every state of the workflow model. The list is
  frozen here on purpose: a migration must not change when the application does.

Revision ID: 0003
Revises: 0002
Create Date: 2026-12-01
"""

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None

OLD_STATUSES = (
    "concept", "ingediend", "teruggestuurd", "ingetrokken", "geagendeerd", "besloten",
    "teruggekoppeld",
)
STATUSES = (
    "concept", "ter parafering", "ter advisering", "gereed voor indiening", "wacht op verbinding",
    "ingediend", "aanvaard", "teruggestuurd", "geagendeerd", "aangehouden", "besloten",
    "teruggekoppeld", "ingetrokken", "vervangen",
)


def _check(statuses: tuple[str, ...]) -> str:
    return "status IN (" + ", ".join(f"'{s}'" for s in statuses) + ")"


def upgrade() -> None:
    op.create_table(
        "submissions",
        sa.Column("id", sa.String(64), primary_key=True),
        sa.Column("draft_key", sa.Text(), nullable=False),
        sa.Column("draft_id", sa.String(64), nullable=True),
        sa.Column("onderwerp", sa.Text(), nullable=False, server_default=""),
        sa.Column("queue_dir", sa.Text(), nullable=False),
        sa.Column("state", sa.String(32), nullable=False),
        sa.Column("detail", sa.Text(), nullable=False, server_default=""),
        sa.Column("supersedes", sa.String(64), nullable=True),
        sa.Column("content_hash", sa.String(64), nullable=False, server_default=""),
        sa.Column("confidential", sa.Integer(), nullable=False, server_default="0"),
        sa.Column("created", sa.String(40), nullable=False),
        sa.Column("delivered", sa.String(40), nullable=True),
        sa.Column("updated", sa.String(40), nullable=False),
        sa.Column("attempts", sa.Integer(), nullable=False, server_default="0"),
        sa.Column("last_error", sa.Text(), nullable=False, server_default=""),
        sa.Column("pending_withdrawal", sa.Integer(), nullable=False, server_default="0"),
        sa.Column("status_json", sa.Text(), nullable=False, server_default=""),
    )
    op.create_index("ix_submissions_draft_key", "submissions", ["draft_key", "created"])
    op.create_index("ix_submissions_state", "submissions", ["state"])
    with op.batch_alter_table("drafts", recreate="always") as batch:
        batch.drop_constraint("ck_drafts_status", type_="check")
        batch.create_check_constraint("ck_drafts_status", sa.text(_check(STATUSES)))


def downgrade() -> None:
    op.execute(
        "UPDATE drafts SET status = 'ingediend' WHERE status IN "
        "('wacht op verbinding', 'aanvaard', 'aangehouden', 'vervangen')"
    )
    op.execute(
        "UPDATE drafts SET status = 'concept' WHERE status IN "
        "('ter parafering', 'ter advisering', 'gereed voor indiening')"
    )
    with op.batch_alter_table("drafts", recreate="always") as batch:
        batch.drop_constraint("ck_drafts_status", type_="check")
        batch.create_check_constraint("ck_drafts_status", sa.text(_check(OLD_STATUSES)))
    op.drop_index("ix_submissions_state", table_name="submissions")
    op.drop_index("ix_submissions_draft_key", table_name="submissions")
    op.drop_table("submissions")
