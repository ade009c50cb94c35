"""Run the Alembic migrations inside the package at start-up (no alembic.ini needed).

All steps run in one ``BEGIN IMMEDIATE`` transaction with foreign keys off (a batch
migration copies a table and drops the old one; with foreign keys on, that DROP
would cascade into the child tables). ``PRAGMA foreign_key_check`` runs before the
commit, so a migration that breaks a reference is rolled back.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from desktop.storage.errors import StorageError

if TYPE_CHECKING:
    from sqlalchemy.engine import Connection, Engine

MIGRATIONS_DIR = Path(__file__).resolve().parent / "migrations"
# The newest revision in migrations/versions (a test keeps the two in step), so that a
# start-up with an up-to-date database does not need to import Alembic at all.
HEAD = "0003"
KNOWN = ("0001", "0002", "0003")


def current_revision(conn: Connection) -> str | None:
    has = conn.exec_driver_sql(
        "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'alembic_version'"
    ).first()
    if not has:
        return None
    row = conn.exec_driver_sql("SELECT version_num FROM alembic_version").first()
    return row[0] if row else None


def alembic_config(conn: Connection | None = None) -> Any:
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS_DIR))
    cfg.set_main_option("path_separator", "os")
    if conn is not None:
        cfg.attributes["connection"] = conn
    return cfg


def _newer(rev: str | None, path: str) -> StorageError:
    return StorageError(
        "Deze database is gemaakt door een nieuwere versie van Stukken. Werk Stukken bij; "
        "de database is niet gewijzigd.",
        f"unknown schema revision {rev!r} in {path} (known: {', '.join(KNOWN)})",
    )


def upgrade(engine: Engine, target: str = "head") -> bool:
    """Bring the database to ``target``; True when something was migrated."""
    with engine.connect() as conn:
        rev = current_revision(conn)
        conn.rollback()
        if rev == HEAD and target == "head":
            return False
        if rev is not None and rev not in KNOWN:
            raise _newer(rev, str(engine.url.database))
        raw: Any = conn.connection.driver_connection
        # On the driver, outside any transaction: inside one SQLite ignores this pragma.
        raw.execute("PRAGMA foreign_keys = OFF")
        try:
            conn.execution_options(sqlite_begin="IMMEDIATE")
            with conn.begin():
                # Another instance may have migrated while we waited for the lock.
                if current_revision(conn) != HEAD or target != "head":
                    from alembic import command

                    command.upgrade(alembic_config(conn), target)
                bad = conn.exec_driver_sql("PRAGMA foreign_key_check").fetchall()
                if bad:
                    raise StorageError(
                        "Het bijwerken van de database liep vast; er is niets gewijzigd.",
                        f"foreign_key_check after migration: {bad[:5]}",
                    )
        finally:
            conn.execution_options(sqlite_begin="DEFERRED")
            conn.rollback()
            raw.execute("PRAGMA foreign_keys = ON")
    return True
