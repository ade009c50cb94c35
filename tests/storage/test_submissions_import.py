"""One local database: the old ``indieningen.sqlite`` is imported once, kept aside, nothing lost.

The fixture (``fixtures/indieningen_v1/``) was written by the separate submissions record
before issue 13 (``make_indieningen_fixture.py``), with two bundles in its outbox and a
withdrawal that waits for the share.
"""

from __future__ import annotations

import json
import shutil
import sqlite3
from pathlib import Path

import pytest

from desktop.config.paths import data_dir
from desktop.domain import workflow as wf
from desktop.domain.submission import COLUMNS
from desktop.queue.delivery import deliver_outbox, outbox_entries
from desktop.queue.record import Record
from desktop.share import LocalShare
from desktop.storage.service import DraftStore

FIXTURE = Path(__file__).resolve().parent / "fixtures" / "indieningen_v1"
IDS = json.loads((FIXTURE / "ids.json").read_text(encoding="utf-8"))


@pytest.fixture
def old_data(isolated_environment: Path) -> Path:
    """The data folder as the old version left it."""
    folder = data_dir()
    shutil.copy2(FIXTURE / "indieningen.sqlite", folder / "indieningen.sqlite")
    shutil.copytree(FIXTURE / "uitbak", folder / "uitbak")
    return folder


def _legacy_rows() -> dict[str, dict[str, object]]:
    conn = sqlite3.connect(FIXTURE / "indieningen.sqlite")
    try:
        rows = conn.execute(f"SELECT {', '.join(COLUMNS)} FROM submissions").fetchall()
    finally:
        conn.close()
    return {r[0]: dict(zip(COLUMNS, r, strict=True)) for r in rows}


def test_first_start_imports_every_row_and_keeps_the_old_file(old_data: Path) -> None:
    with DraftStore() as store:
        imported = {r.id: r for r in store.submissions.all()}
        assert any("overgezet" in n for n in store.notices)
    legacy = _legacy_rows()
    assert set(imported) == set(legacy) == set(IDS.values())
    for sid, old in legacy.items():
        new = imported[sid]
        for column in COLUMNS:
            if column == "state":
                continue
            value = getattr(new, column)
            expected = bool(old[column]) if column in ("confidential", "pending_withdrawal") else old[column]
            assert value == expected, (sid, column)
    states = {name: imported[sid].state for name, sid in IDS.items()}
    assert states == {
        "accepted": wf.AANVAARD,  # on the share "ingediend" with a number: accepted
        "returned": wf.TERUGGESTUURD,
        "stored": wf.INGEDIEND,
        "replaced": wf.VERVANGEN,
        "waiting": wf.IN_DE_UITBAK,
        "withdrawn": wf.INGETROKKEN,
        "confidential": wf.IN_DE_UITBAK,
    }
    # Renamed aside, never deleted; the outbox is where it was.
    assert not (old_data / "indieningen.sqlite").exists()
    kept = list(old_data.glob("indieningen.sqlite.geimporteerd-*"))
    assert len(kept) == 1 and kept[0].stat().st_size == (FIXTURE / "indieningen.sqlite").stat().st_size
    assert (old_data / "uitbak" / IDS["waiting"]).is_dir()

    # The next start finds nothing to import and changes nothing.
    with DraftStore() as store:
        assert {r.id: r for r in store.submissions.all()} == imported
        assert not any("overgezet" in n for n in store.notices)


def test_an_interrupted_import_runs_again_without_doubles(old_data: Path) -> None:
    with DraftStore() as store:
        first = store.submissions.all()
    kept = next(old_data.glob("indieningen.sqlite.geimporteerd-*"))
    shutil.copy2(kept, old_data / "indieningen.sqlite")  # as if the rename had not happened
    with DraftStore() as store:
        assert store.submissions.all() == first
    assert not (old_data / "indieningen.sqlite").exists()


def test_the_imported_outbox_is_delivered(old_data: Path, tmp_path: Path) -> None:
    from desktop.queue.secretariat_key_files import publish
    from desktop.queue.secretariat_keypair import generate_key
    from tests.shareinit import init_share

    share = tmp_path / "share"
    key = generate_key("Anna")
    init_share(share, key)  # 'meeting init'
    publish(LocalShare(share), key)  # the confidential one waited for this
    with DraftStore() as store:
        record = Record(old_data, store.submissions)
        waiting = {e["id"]: e["status"] for e in outbox_entries(record)}
        assert waiting == {
            IDS["waiting"]: wf.IN_DE_UITBAK,
            IDS["confidential"]: wf.IN_DE_UITBAK,
            IDS["withdrawn"]: "intrekking wacht op verbinding",
        }
        # The old rows name the fixture's own share folder; this test's share stands in.
        report = deliver_outbox(record, fs_for=lambda _folder: LocalShare(share))
        assert sorted(report.delivered) == sorted([IDS["waiting"], IDS["confidential"]]), report.problems
        assert report.withdrawn == [IDS["withdrawn"]]
        assert outbox_entries(record) == []
        assert record.get(IDS["waiting"]).state == wf.INGEDIEND  # type: ignore[union-attr]
    assert {p.name for p in (share / "ingediend").iterdir()} == {IDS["waiting"], IDS["confidential"]}
    assert (share / "ingetrokken" / f"{IDS['withdrawn']}.json").is_file()
