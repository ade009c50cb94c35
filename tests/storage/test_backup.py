"""Backup to one file and restore: complete, and never silently over a newer draft."""

from __future__ import annotations

import json
import zipfile
from pathlib import Path

import pytest

from desktop.storage.backup import read_backup, restore_backup, write_backup
from desktop.storage.errors import StorageError
from desktop.storage.service import DraftStore
from tests.storage.conftest import with_onderwerp


def _fill(store: DraftStore, a4, rb) -> tuple[str, str]:
    a_id = store.create(a4)
    store.save(a_id, with_onderwerp(a4, "tweede"))
    store.save(a_id, with_onderwerp(a4, "derde"), autosave=True)
    store.set_status(a_id, "ingediend", actor="J. de Vries")
    b_id = store.create(rb)
    store.delete(b_id)
    return a_id, b_id


def test_round_trip_to_a_new_laptop(store: DraftStore, a4, rb, tmp_path: Path) -> None:
    a_id, b_id = _fill(store, a4, rb)
    target = tmp_path / "thuismap" / "stukken-backup.zip"
    target.parent.mkdir()
    assert write_backup(store, target) == 2
    laptop = DraftStore(tmp_path / "nieuwe-laptop" / "stukken.sqlite")
    try:
        report = restore_backup(laptop, target)
        assert sorted(report.added) == sorted([a_id, b_id])
        assert report.updated == report.unchanged == report.kept_both == report.skipped == []
        for draft_id in (a_id, b_id):
            assert laptop.get(draft_id) == store.get(draft_id)
            assert laptop.revisions(draft_id) == store.revisions(draft_id)
            assert laptop.status_history(draft_id) == store.status_history(draft_id)
        assert laptop.get(b_id).deleted
        assert [s.id for s in laptop.search("derde")] == [a_id]
        # Restoring the same file again changes nothing.
        again = restore_backup(laptop, target)
        assert sorted(again.unchanged) == sorted([a_id, b_id]) and not again.added
        assert len(laptop.revisions(a_id)) == 3
    finally:
        laptop.close()


def test_a_newer_local_draft_is_not_overwritten(store: DraftStore, a4, rb, tmp_path: Path) -> None:
    a_id, _ = _fill(store, a4, rb)
    target = tmp_path / "b.zip"
    write_backup(store, target)
    store.save(a_id, with_onderwerp(a4, "na de back-up"))
    report = restore_backup(store, target)
    assert a_id in report.unchanged
    assert store.get(a_id).draft.values["onderwerp"] == "na de back-up"


def test_a_backup_that_continues_a_draft_adds_on_top(store: DraftStore, a4, rb, tmp_path: Path) -> None:
    a_id, _ = _fill(store, a4, rb)
    old = tmp_path / "oud.zip"
    write_backup(store, old)
    other = DraftStore(tmp_path / "laptop" / "stukken.sqlite")
    try:
        restore_backup(other, old)
        other.save(a_id, with_onderwerp(a4, "op de laptop verder"))
        other.set_status(a_id, "teruggestuurd", detail="te lang")
        newer = tmp_path / "nieuw.zip"
        write_backup(other, newer)
    finally:
        other.close()
    report = restore_backup(store, newer)
    assert report.updated == [a_id]
    got = store.get(a_id)
    assert got.draft.values["onderwerp"] == "op de laptop verder"
    assert got.status == "teruggestuurd"
    onderwerpen = [r.onderwerp for r in store.revisions(a_id)]
    assert onderwerpen[:2] == ["op de laptop verder", "derde"]  # the old text stays in history


def test_both_changed_keeps_both(store: DraftStore, a4, rb, tmp_path: Path) -> None:
    a_id, _ = _fill(store, a4, rb)
    target = tmp_path / "b.zip"
    write_backup(store, target)
    with zipfile.ZipFile(target) as zf:
        names = zf.namelist()
        data = {n: zf.read(n) for n in names}
    rec = json.loads(data[f"drafts/{a_id}.json"])
    changed = json.loads(json.dumps(rec["revisions"][-1]))
    changed["number"] += 1
    changed["draft"]["values"]["onderwerp"] = "elders gewijzigd"
    rec["revisions"].append(changed)
    data[f"drafts/{a_id}.json"] = json.dumps(rec).encode()
    with zipfile.ZipFile(target, "w") as zf:
        for n, b in data.items():
            zf.writestr(n, b)
    store.save(a_id, with_onderwerp(a4, "hier gewijzigd"))
    report = restore_backup(store, target)
    assert [k for k, _ in report.kept_both] == [a_id]
    new_id = report.kept_both[0][1]
    assert store.get(a_id).draft.values["onderwerp"] == "hier gewijzigd"
    assert store.get(new_id).draft.values["onderwerp"] == "elders gewijzigd"
    assert any("beide zijn bewaard" in line for line in report.lines())
    # Restoring the same backup again changes nothing: the conflict copy is found, not made again.
    before = _snapshot(store)
    again = restore_backup(store, target)
    assert again.kept_both == again.added == again.updated == []
    assert a_id in again.unchanged
    assert _snapshot(store) == before
    # Also after the user worked on the conflict copy.
    store.save(new_id, with_onderwerp(a4, "kopie bijgewerkt"))
    before = _snapshot(store)
    assert restore_backup(store, target).kept_both == []
    assert _snapshot(store) == before


def _snapshot(store: DraftStore) -> list[tuple[str, int, str]]:
    return sorted(
        (s.id, len(store.revisions(s.id)), store.get(s.id).draft.dumps())
        for rows in (store.list(), store.list(deleted_only=True)) for s in rows
    )


def test_restoring_the_same_backup_twice_changes_nothing(store: DraftStore, a4, rb, tmp_path: Path) -> None:
    a_id, _ = _fill(store, a4, rb)
    target = tmp_path / "b.zip"
    write_backup(store, target)
    store.save(a_id, with_onderwerp(a4, "hier verder"))
    laptop = DraftStore(tmp_path / "laptop" / "stukken.sqlite")
    try:
        restore_backup(laptop, target)
        laptop.save(a_id, with_onderwerp(a4, "op de laptop"))
        first = _snapshot(laptop)
        for _ in range(2):
            report = restore_backup(laptop, target)
            assert report.added == report.updated == report.kept_both == []
            assert _snapshot(laptop) == first
    finally:
        laptop.close()


def test_backup_refuses_to_overwrite_a_file(store: DraftStore, tmp_path: Path) -> None:
    target = tmp_path / "b.zip"
    target.write_bytes(b"iets anders")
    with pytest.raises(StorageError, match="bestaat al"):
        write_backup(store, target)
    assert target.read_bytes() == b"iets anders"
    write_backup(store, target, overwrite=True)
    assert zipfile.is_zipfile(target)


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", "geen back-up"),
        (b"dit is tekst", "geen back-up"),
        ("zip-zonder-manifest", "manifest.json ontbreekt"),
        ("zip-vreemd-manifest", "geen back-up van Stukken"),
        ("zip-toekomst", "nieuwere versie"),
    ],
)
def test_bad_backup_files_are_explained(
    store: DraftStore, tmp_path: Path, content: bytes | str, message: str
) -> None:
    target = tmp_path / "b.zip"
    if isinstance(content, bytes):
        target.write_bytes(content)
    else:
        with zipfile.ZipFile(target, "w") as zf:
            if content == "zip-vreemd-manifest":
                zf.writestr("manifest.json", '{"format": "iets"}')
            elif content == "zip-toekomst":
                zf.writestr("manifest.json", '{"format": "stukken-backup", "version": 99}')
            else:
                zf.writestr("andere.txt", "x")
    with pytest.raises(StorageError, match=message):
        restore_backup(store, target)
    assert store.list(include_deleted=True) == []


def test_a_missing_backup_file(store: DraftStore, tmp_path: Path) -> None:
    with pytest.raises(StorageError, match="bestaat niet"):
        restore_backup(store, tmp_path / "weg.zip")


def test_bad_entries_are_skipped_and_reported(store: DraftStore, a4, rb, tmp_path: Path) -> None:
    a_id, _ = _fill(store, a4, rb)
    target = tmp_path / "b.zip"
    write_backup(store, target)
    with zipfile.ZipFile(target, "a") as zf:
        zf.writestr("drafts/kapot.json", "{niet json")
        zf.writestr("drafts/" + "f" * 32 + ".json", json.dumps({"id": "f" * 32, "revisions": []}))
    fresh = DraftStore(tmp_path / "leeg" / "stukken.sqlite")
    try:
        report = restore_backup(fresh, target)
        assert len(report.added) == 2 and len(report.skipped) == 2
        assert {name for name, _ in report.skipped} == {"drafts/kapot.json", f"drafts/{'f' * 32}.json"}
        entries, skipped = read_backup(target)
        assert len(entries) == 2 and len(skipped) == 2
        assert fresh.get(a_id).draft.values["onderwerp"] == "derde"
    finally:
        fresh.close()
