"""The service API against a real SQLite file."""

from __future__ import annotations

import uuid
from datetime import UTC

import pytest

from desktop.storage.errors import StorageError, UnknownDraftError
from desktop.storage.service import DraftStore, StoredDraft
from tests.storage.conftest import with_onderwerp


def test_default_location_is_the_data_folder(store: DraftStore, isolated_environment) -> None:
    assert store.path == isolated_environment / "stukken.sqlite"
    assert store.path.is_file()


def test_connection_settings(store: DraftStore) -> None:
    with store._read() as conn:
        pragmas = {
            name: conn.exec_driver_sql(f"PRAGMA {name}").scalar()
            for name in ("journal_mode", "foreign_keys", "synchronous", "busy_timeout")
        }
    assert pragmas == {"journal_mode": "wal", "foreign_keys": 1, "synchronous": 2, "busy_timeout": 10000}


def test_create_get_round_trip(store: DraftStore, a4, rb) -> None:
    a_id = store.create(a4)
    b_id = store.create(rb, kind="import")
    assert uuid.UUID(hex=a_id).hex == a_id and a_id != b_id
    got = store.get(a_id)
    assert isinstance(got, StoredDraft)
    assert got.draft.to_json() == a4.to_json()
    assert got.status == "concept" and not got.deleted
    assert got.created_at.tzinfo is UTC or got.created_at.utcoffset().total_seconds() == 0
    assert store.revisions(b_id)[0].kind == "import"


def test_odd_text_survives(store: DraftStore, a4) -> None:
    a4.values["samenvatting"] = "emoji 🙂, lone surrogate \ud800, nul \x00 and € signs"
    a4.extra["future_key"] = {"kept": True}
    draft_id = store.create(a4)
    assert store.get(draft_id).draft.to_json() == a4.to_json()
    assert store.list()[0].onderwerp == a4.values["onderwerp"]


def test_summary_fields(store: DraftStore, a4, rb) -> None:
    a_id = store.create(a4)
    b_id = store.create(rb)
    rows = {s.id: s for s in store.list()}
    assert (rows[a_id].form, rows[a_id].soort, rows[a_id].onderwerp) == (
        "a4tje", "raadsvoorstel", "Koepelplan Stadsbeheer 2012"
    )
    assert (rows[b_id].form, rows[b_id].soort) == ("raadsbrief", "raadsbrief")


def test_list_newest_first_and_save_moves_to_top(store: DraftStore, a4) -> None:
    ids = [store.create(with_onderwerp(a4, f"stuk {i}")) for i in range(3)]
    assert [s.id for s in store.list()] == ids[::-1]
    store.save(ids[0], with_onderwerp(a4, "stuk 0 herzien"))
    listed = store.list()
    assert listed[0].id == ids[0] and listed[0].onderwerp == "stuk 0 herzien"


def test_save_makes_revisions(store: DraftStore, a4) -> None:
    draft_id = store.create(a4)
    assert store.save(draft_id, with_onderwerp(a4, "twee")) == 2
    assert store.save(draft_id, with_onderwerp(a4, "drie"), autosave=True) == 3
    revs = store.revisions(draft_id)
    assert [(r.number, r.kind, r.onderwerp) for r in revs] == [
        (3, "autosave", "drie"), (2, "save", "twee"), (1, "save", a4.values["onderwerp"])
    ]
    assert store.get_revision(draft_id, 2).values["onderwerp"] == "twee"
    assert store.get(draft_id).draft.values["onderwerp"] == "drie"


def test_unchanged_autosave_adds_nothing(store: DraftStore, a4) -> None:
    draft_id = store.create(a4)
    assert store.save(draft_id, a4, autosave=True) == 1
    assert len(store.revisions(draft_id)) == 1
    assert store.save(draft_id, a4) == 2  # an explicit save always counts


def test_restore_revision(store: DraftStore, a4) -> None:
    draft_id = store.create(a4)
    store.save(draft_id, with_onderwerp(a4, "later"))
    number = store.restore_revision(draft_id, 1)
    assert number == 3
    assert store.get(draft_id).draft.to_json() == a4.to_json()
    assert store.revisions(draft_id)[0].kind == "restore"
    with pytest.raises(UnknownDraftError, match="Versie 99"):
        store.restore_revision(draft_id, 99)


def test_trash(store: DraftStore, a4, rb) -> None:
    a_id, b_id = store.create(a4), store.create(rb)
    store.delete(a_id)
    assert [s.id for s in store.list()] == [b_id]
    assert [s.id for s in store.list(deleted_only=True)] == [a_id]
    assert {s.id for s in store.list(include_deleted=True)} == {a_id, b_id}
    assert store.get(a_id).deleted
    store.undelete(a_id)
    assert {s.id for s in store.list()} == {a_id, b_id}


def test_purge_only_from_trash_and_takes_everything(store: DraftStore, a4) -> None:
    draft_id = store.create(a4)
    store.save(draft_id, a4)
    store.set_status(draft_id, "ingediend", actor="steller")
    with pytest.raises(StorageError, match="prullenbak"):
        store.purge(draft_id)
    store.delete(draft_id)
    store.purge(draft_id)
    with pytest.raises(UnknownDraftError):
        store.get(draft_id)
    with store._read() as conn:
        for table in ("revisions", "status_events"):
            assert conn.exec_driver_sql(f"SELECT count(*) FROM {table}").scalar() == 0
        assert conn.exec_driver_sql("SELECT count(*) FROM drafts_fts").scalar() == 0
    assert store.search("Koepelplan") == []


def test_duplicate(store: DraftStore, a4) -> None:
    draft_id = store.create(a4)
    store.set_status(draft_id, "ingediend")
    copy_id = store.duplicate(draft_id)
    assert copy_id != draft_id
    copy = store.get(copy_id)
    assert copy.draft.to_json() == a4.to_json() and copy.status == "concept"
    assert len(store.revisions(copy_id)) == 1


def test_status_and_history(store: DraftStore, a4) -> None:
    draft_id = store.create(a4)
    store.set_status(draft_id, "ingediend", actor="J. de Vries")
    store.set_status(draft_id, "teruggestuurd", detail="besluit onduidelijk", actor="secretariaat")
    assert store.get(draft_id).status == "teruggestuurd"
    history = store.status_history(draft_id)
    assert [(s, d, a) for _, s, d, a in history] == [
        ("concept", "aangemaakt", ""),
        ("ingediend", "", "J. de Vries"),
        ("teruggestuurd", "besluit onduidelijk", "secretariaat"),
    ]
    assert history[0][0] <= history[1][0] <= history[2][0]
    with pytest.raises(StorageError, match="Onbekende status"):
        store.set_status(draft_id, "gewist")


def test_unknown_ids_are_explained(store: DraftStore, a4) -> None:
    missing = uuid.uuid4().hex
    for call in (
        lambda: store.get(missing),
        lambda: store.save(missing, a4),
        lambda: store.delete(missing),
        lambda: store.revisions(missing),
        lambda: store.set_status(missing, "ingediend"),
        lambda: store.duplicate(missing),
    ):
        with pytest.raises(UnknownDraftError) as info:
            call()
        assert "Er is geen concept met id" in str(info.value)


def test_resolve_id(store: DraftStore, a4) -> None:
    draft_id = store.create(a4)
    assert store.resolve_id(draft_id) == draft_id
    assert store.resolve_id(draft_id[:6].upper()) == draft_id
    assert store.resolve_id(str(uuid.UUID(hex=draft_id))) == draft_id
    for bad in ("", "xyz", draft_id[:2] + "zz", uuid.uuid4().hex):
        with pytest.raises(UnknownDraftError):
            store.resolve_id(bad)


def test_unknown_revision_kind(store: DraftStore, a4) -> None:
    with pytest.raises(StorageError, match="Onbekend soort versie"):
        store.create(a4, kind="magic")


def test_two_stores_on_one_file_see_each_other(store: DraftStore, a4) -> None:
    other = DraftStore(store.path)
    try:
        draft_id = other.create(a4)
        assert store.get(draft_id).draft.to_json() == a4.to_json()
    finally:
        other.close()
