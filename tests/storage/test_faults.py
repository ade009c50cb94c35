"""Faults: a folder that cannot be written, a corrupt file, a database locked by another instance."""

from __future__ import annotations

import shutil
import sqlite3
import subprocess
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from desktop.storage import db
from desktop.storage.errors import StorageError
from desktop.storage.service import DraftStore


def test_a_data_folder_that_cannot_be_made(tmp_path: Path) -> None:
    # Tests run as root, and chmod does not stop root: instead the data folder's parent
    # is a regular file, which no user (root included) can create a folder in.
    blocker = tmp_path / "geen-map"
    blocker.write_text("een bestand")
    with pytest.raises(StorageError) as info:
        DraftStore(blocker / "gegevens" / "stukken.sqlite")
    assert "kan niet worden aangemaakt" in info.value.message and "--data-dir" in info.value.message
    assert "NotADirectoryError" in info.value.detail or "FileExistsError" in info.value.detail
    assert blocker.read_text() == "een bestand"


def test_a_read_only_filesystem_is_explained(tmp_path: Path) -> None:
    # /proc/self is a kernel file system where nobody, root included, can create files:
    # the honest "read-only folder" a root test can reach without mount privileges.
    folder = Path("/proc/self")
    if not folder.is_dir():
        pytest.skip("no /proc on this system")
    with pytest.raises(StorageError) as info:
        DraftStore(folder / "stukken.sqlite")
    assert "kan niet worden geschreven" in info.value.message


@pytest.fixture
def immutable() -> Iterator[Callable[[Path], None]]:
    """``chattr +i``: read-only even for root (tests run as root, where chmod stops nothing)."""
    marked: list[Path] = []

    def mark(path: Path) -> None:
        if shutil.which("chattr") is None:
            pytest.skip("chattr is not available")
        result = subprocess.run(["chattr", "+i", str(path)], capture_output=True, text=True)
        if result.returncode != 0:
            pytest.skip(f"this file system or user cannot make files immutable: {result.stderr.strip()}")
        marked.append(path)

    yield mark
    for path in reversed(marked):
        subprocess.run(["chattr", "-i", str(path)], check=True)


def test_a_read_only_data_folder_is_explained(tmp_path: Path, a4, immutable) -> None:
    folder = tmp_path / "gegevens"
    store = DraftStore(folder / "stukken.sqlite")
    draft_id = store.create(a4)
    store.close()
    immutable(folder)
    db._checked.clear()
    with pytest.raises(StorageError) as info:
        DraftStore(folder / "stukken.sqlite")
    assert "kan niet worden geschreven" in info.value.message and "--data-dir" in info.value.message
    assert "PermissionError" in info.value.detail
    subprocess.run(["chattr", "-i", str(folder)], check=True)
    with DraftStore(folder / "stukken.sqlite") as again:  # nothing was lost
        assert again.get(draft_id).draft.to_json() == a4.to_json()


def test_a_read_only_database_file_can_be_read_and_explains_writes(tmp_path: Path, a4, immutable) -> None:
    path = tmp_path / "stukken.sqlite"
    store = DraftStore(path)
    draft_id = store.create(a4)
    store.close()
    immutable(path)
    db._checked.clear()
    store = DraftStore(path)
    try:
        assert [s.id for s in store.list()] == [draft_id]  # the user can still read (and back up)
        with pytest.raises(StorageError) as info:
            store.save(draft_id, a4)
        assert "alleen-lezen" in info.value.message
        assert info.value.detail.startswith("OperationalError: attempt to write a readonly database")
    finally:
        store.close()


def test_the_data_path_is_a_folder(tmp_path: Path) -> None:
    (tmp_path / "stukken.sqlite").mkdir()
    with pytest.raises(StorageError, match="geen databasebestand"):
        DraftStore(tmp_path / "stukken.sqlite")


@pytest.mark.parametrize(
    "damage",
    ["garbage", "truncated_header", "broken_page"],
)
def test_a_corrupt_database_is_moved_aside(tmp_path: Path, a4, damage: str) -> None:
    path = tmp_path / "stukken.sqlite"
    if damage == "garbage":
        path.write_bytes(b"Dit is geen database maar een kapot bestand." * 100)
    else:
        s = DraftStore(path)
        for _ in range(30):
            s.create(a4)
        s.close()
        db._checked.clear()  # a new process would check again
        raw = bytearray(path.read_bytes())
        if damage == "truncated_header":
            raw[0:16] = b"\x00" * 16
        else:
            page = 4096
            raw[page * 3 : page * 3 + 200] = b"\xff" * 200
        path.write_bytes(bytes(raw))
    before = path.read_bytes()
    store = DraftStore(path)
    try:
        assert store.moved_aside is not None and store.moved_aside.read_bytes() == before
        assert store.moved_aside.name.startswith("stukken.sqlite.beschadigd-")
        assert store.notices and "beschadigd" in store.notices[0] and store.moved_aside.name in store.notices[0]
        assert store.list() == []
        new_id = store.create(a4)  # the user can start again at once
        assert store.get(new_id).draft.values["onderwerp"] == a4.values["onderwerp"]
    finally:
        store.close()


def test_moving_aside_never_overwrites(tmp_path: Path) -> None:
    path = tmp_path / "stukken.sqlite"
    first, second = b"eerste kapotte" * 200, b"tweede kapotte" * 200
    path.write_bytes(first)
    a = db.move_aside(path)
    path.write_bytes(second)
    b = db.move_aside(path)
    assert a != b and a.read_bytes() == first and b.read_bytes() == second


def test_a_locked_database_waits_then_explains(tmp_path: Path, a4) -> None:
    path = tmp_path / "stukken.sqlite"
    DraftStore(path).close()
    other = sqlite3.connect(path, isolation_level=None)  # "another instance"
    other.execute("BEGIN EXCLUSIVE")
    store = DraftStore(path, busy_timeout=0.5)
    try:
        start = time.monotonic()
        with pytest.raises(StorageError) as info:
            store.create(a4)
        waited = time.monotonic() - start
        assert waited >= 0.4  # it waited (busy_timeout) before giving up
        assert "bezet door een ander programma" in info.value.message
        assert "locked" in info.value.detail
    finally:
        other.execute("ROLLBACK")
        other.close()
        store.close()


def test_a_locked_database_is_written_once_free(tmp_path: Path, a4) -> None:
    path = tmp_path / "stukken.sqlite"
    DraftStore(path).close()
    other = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
    other.execute("BEGIN EXCLUSIVE")
    threading.Timer(0.5, lambda: other.execute("COMMIT")).start()
    store = DraftStore(path, busy_timeout=10)
    try:
        start = time.monotonic()
        draft_id = store.create(a4)
        assert time.monotonic() - start >= 0.4
        assert store.get(draft_id).draft.to_json() == a4.to_json()
    finally:
        store.close()
        other.close()


def test_readers_are_not_blocked_by_a_writer(tmp_path: Path, a4) -> None:
    path = tmp_path / "stukken.sqlite"
    store = DraftStore(path, busy_timeout=0.2)
    draft_id = store.create(a4)
    other = sqlite3.connect(path, isolation_level=None)
    other.execute("BEGIN IMMEDIATE")
    other.execute("UPDATE drafts SET onderwerp = 'half af'")
    try:
        assert [s.onderwerp for s in store.list()] == [a4.values["onderwerp"]]  # WAL: no waiting
        assert store.get(draft_id).draft.values["onderwerp"] == a4.values["onderwerp"]
    finally:
        other.execute("ROLLBACK")
        other.close()
        store.close()


def test_corruption_found_later_is_explained_and_handled_on_reopen(tmp_path: Path, a4) -> None:
    path = tmp_path / "stukken.sqlite"
    store = DraftStore(path)
    for _ in range(40):
        store.create(a4)
    store.close()
    raw = bytearray(path.read_bytes())
    raw[4096 * 4 : 4096 * 4 + 300] = b"\xee" * 300  # damage after the start-up check
    path.write_bytes(bytes(raw))
    store = DraftStore(path)  # this process already checked the file: not again
    try:
        with pytest.raises(StorageError) as info:
            for s in store.list():
                store.get(s.id)
            store.search("Koepelplan")
            store.integrity_check()
            raise AssertionError("damage not noticed")
        assert "beschadigd" in info.value.message
    finally:
        store.close()
    again = DraftStore(path)
    try:
        assert again.moved_aside is not None and again.list() == []
    finally:
        again.close()
