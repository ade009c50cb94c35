"""Migrations: the upgrade from a real v1 database, the batch-copy pitfall, schema = models."""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

import pytest

from desktop.storage import migrate
from desktop.storage.errors import StorageError
from desktop.storage.service import DraftStore
from tests.storage.conftest import V1_FIXTURE

FIRST = "0a1b2c3d4e5f40718293a4b5c6d7e8f9"
BRIEF = "1b2c3d4e5f60718293a4b5c6d7e8f90a"
TRASHED = "2c3d4e5f60718293a4b5c6d7e8f90a1b"


@pytest.fixture
def v1_copy(tmp_path: Path) -> Path:
    target = tmp_path / "oud" / "stukken.sqlite"
    target.parent.mkdir()
    shutil.copyfile(V1_FIXTURE, target)
    return target


def _raw(path: Path, sql: str) -> list[tuple]:
    conn = sqlite3.connect(path)
    try:
        return conn.execute(sql).fetchall()
    finally:
        conn.close()


def test_fixture_is_v1(v1_copy: Path) -> None:
    assert _raw(v1_copy, "SELECT version_num FROM alembic_version") == [("0001",)]
    assert _raw(v1_copy, "SELECT count(*) FROM revisions") == [(5,)]


def test_upgrade_from_v1_keeps_every_draft_and_revision(v1_copy: Path) -> None:
    store = DraftStore(v1_copy)
    try:
        assert _raw(v1_copy, "SELECT version_num FROM alembic_version") == [(migrate.HEAD,)]
        # The batch copy of 'drafts' drops the old table: with foreign keys on, that
        # DROP would have cascaded into revisions. All five must still be there.
        assert _raw(v1_copy, "SELECT count(*) FROM revisions") == [(5,)]
        assert _raw(v1_copy, "PRAGMA foreign_key_check") == []
        assert store.integrity_check() == "ok"
        assert [s.id for s in store.list()] == [BRIEF, FIRST]
        assert [s.id for s in store.list(deleted_only=True)] == [TRASHED]
        first = store.get(FIRST)
        assert first.draft.values["onderwerp"] == "Koepelplan Stadsbeheer 2012"
        assert [r.number for r in store.revisions(FIRST)] == [3, 2, 1]
        assert store.get_revision(FIRST, 1).values["onderwerp"] == "Koepelplan (eerste opzet)"
        assert store.status_history(FIRST)[0][1:] == ("concept", "aangemaakt", "")
        # The search index was filled by the migration.
        assert [s.id for s in store.search("financiele gevolgen")] == [FIRST]
        assert [s.id for s in store.search("terugkoppelen")] == [BRIEF]
        # And the upgraded store works on.
        assert store.save(FIRST, first.draft) == 4
        new_id = store.create(first.draft)
        assert len({s.id for s in store.list()}) == 3 and new_id
    finally:
        store.close()


def test_upgraded_schema_matches_the_models(v1_copy: Path) -> None:
    from alembic.autogenerate import compare_metadata
    from alembic.migration import MigrationContext

    from desktop.storage.db import make_engine
    from desktop.storage.models import Base

    DraftStore(v1_copy).close()
    engine = make_engine(v1_copy)
    try:
        with engine.connect() as conn:
            diff = compare_metadata(MigrationContext.configure(conn), Base.metadata)
    finally:
        engine.dispose()
    assert [d for d in diff if not (d[0] == "remove_table" and d[1].name.startswith("drafts_fts"))] == []


def test_fresh_and_upgraded_schemas_are_the_same(v1_copy: Path, tmp_path: Path) -> None:
    fresh = tmp_path / "nieuw.sqlite"
    DraftStore(fresh).close()
    DraftStore(v1_copy).close()

    def schema(path: Path) -> dict[str, list]:
        tables = [r[0] for r in _raw(path, "SELECT name FROM sqlite_master WHERE type='table' ORDER BY name")]
        return {t: _raw(path, f"PRAGMA table_info('{t}')") for t in tables}

    assert schema(fresh) == schema(v1_copy)


def test_head_constant_matches_the_scripts() -> None:
    from alembic.script import ScriptDirectory

    scripts = ScriptDirectory.from_config(migrate.alembic_config())
    assert scripts.get_current_head() == migrate.HEAD
    assert sorted(s.revision for s in scripts.walk_revisions()) == list(migrate.KNOWN)


def test_a_broken_reference_rolls_the_migration_back(v1_copy: Path) -> None:
    # An orphan revision (possible in v1 if foreign keys were ever off): the check after
    # the migration must refuse to commit a schema with broken references.
    conn = sqlite3.connect(v1_copy)
    conn.execute(
        "INSERT INTO revisions (draft_id, number, kind, created_at, onderwerp, content) "
        "VALUES ('ffffffffffffffffffffffffffffffff', 1, 'save', '2012-01-01', '', '{}')"
    )
    conn.commit()
    conn.close()
    with pytest.raises(StorageError, match="bijwerken van de database") as info:
        DraftStore(v1_copy)
    assert "foreign_key_check" in info.value.detail
    assert _raw(v1_copy, "SELECT version_num FROM alembic_version") == [("0001",)]
    assert _raw(v1_copy, "SELECT count(*) FROM revisions") == [(6,)]


def test_a_database_from_a_newer_version_is_left_alone(tmp_path: Path) -> None:
    path = tmp_path / "stukken.sqlite"
    DraftStore(path).close()
    conn = sqlite3.connect(path)
    conn.execute("UPDATE alembic_version SET version_num = '0099'")
    conn.commit()
    conn.close()
    with pytest.raises(StorageError, match="nieuwere versie"):
        DraftStore(path)
    assert _raw(path, "SELECT version_num FROM alembic_version") == [("0099",)]


def test_downgrade_to_v1_and_up_again(v1_copy: Path) -> None:
    from desktop.storage.db import make_engine

    DraftStore(v1_copy).close()
    engine = make_engine(v1_copy)
    try:
        with engine.connect() as conn:
            conn.connection.driver_connection.execute("PRAGMA foreign_keys = OFF")
            with conn.begin():
                from alembic import command

                command.downgrade(migrate.alembic_config(conn), "0001")
    finally:
        engine.dispose()
    assert _raw(v1_copy, "SELECT count(*) FROM revisions") == [(5,)]
    assert _raw(v1_copy, "SELECT deleted FROM drafts WHERE id = ?".replace("?", f"'{TRASHED}'")) == [(1,)]
    store = DraftStore(v1_copy)
    try:
        assert [s.id for s in store.list(deleted_only=True)] == [TRASHED]
    finally:
        store.close()
