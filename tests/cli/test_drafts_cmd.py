"""The window's draft actions on the command line: new, save, duplicate, delete, undelete, purge."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from tests.cli.conftest import FIXTURES


def test_new_save_duplicate_and_the_trash(cli: Any, tmp_path: Path) -> None:
    draft_id = cli("drafts", "new", "a4tje").out.strip()
    assert len(draft_id) == 32
    assert cli("drafts", "new", "nota").code == 2
    run = cli("drafts", "save", draft_id[:8], str(FIXTURES / "a4tje_full.json"))
    assert run.code == 0 and "versie 2" in run.out, run.err
    assert cli("drafts", "show", draft_id, "--json").json()["values"]["onderwerp"] == "Koepelplan Stadsbeheer 2012"
    copy_id = cli("drafts", "duplicate", draft_id).out.strip()
    assert copy_id != draft_id
    assert cli("drafts", "show", copy_id, "--json").json()["values"]["onderwerp"] == "Koepelplan Stadsbeheer 2012"
    assert cli("drafts", "purge", copy_id).code == 2  # only from the trash
    assert cli("drafts", "delete", copy_id).code == 0
    listed = {r["id"] for r in cli("drafts", "list", "--json").json()}
    assert listed == {draft_id}
    assert [r["id"] for r in cli("drafts", "list", "--prullenbak", "--json").json()] == [copy_id]
    assert cli("drafts", "undelete", copy_id).code == 0
    assert {r["id"] for r in cli("drafts", "list", "--json").json()} == {draft_id, copy_id}
    assert cli("drafts", "delete", copy_id).code == 0
    assert cli("drafts", "purge", copy_id).code == 0
    assert cli("drafts", "show", copy_id).code == 2
    bad = tmp_path / "kapot.json"
    bad.write_text("{", "utf-8")
    assert cli("drafts", "save", draft_id, str(bad)).code == 2
    run = cli("drafts", "save", draft_id, str(FIXTURES / "raadsbrief_full.json"))
    assert run.code == 2 and "drafts import" in run.err
    assert json.loads(json.dumps(cli("drafts", "history", draft_id, "--json").json()))["revisions"]


def test_backup_twice_needs_overwrite_and_says_so(cli: Any, tmp_path: Path) -> None:
    cli("drafts", "new", "raadsbrief")
    target = tmp_path / "backup.zip"
    assert cli("backup", str(target)).code == 0
    run = cli("backup", str(target))
    assert run.code == 2 and "--overwrite" in run.err
    for _ in range(2):
        assert cli("backup", str(target), "--overwrite").code == 0
