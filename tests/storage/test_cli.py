"""The drafts commands of main.py, run as real processes."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from tests.storage.conftest import FIXTURES

REPO = Path(__file__).resolve().parents[2]


def run(*args: str, data: Path | None = None) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ)
    return subprocess.run(
        [sys.executable, str(REPO / "main.py"), *args, *(["--data-dir", str(data)] if data else [])],
        capture_output=True, text=True, env=env, timeout=120, encoding="utf-8",
    )


def test_import_list_show_search(tmp_path: Path) -> None:
    r = run("drafts", "import", str(FIXTURES / "a4tje_full.json"), str(FIXTURES / "raadsbrief_full.json"))
    assert r.returncode == 0, r.stderr
    a_id, b_id = r.stdout.split()
    assert len(a_id) == 32

    r = run("drafts", "list", "--json")
    listed = json.loads(r.stdout)
    assert {d["id"] for d in listed} == {a_id, b_id}
    assert {d["soort"] for d in listed} == {"raadsvoorstel", "raadsbrief"}

    r = run("drafts", "list")
    assert a_id in r.stdout and "Koepelplan Stadsbeheer 2012" in r.stdout

    r = run("drafts", "show", a_id, "--json")
    assert json.loads(r.stdout) == json.loads((FIXTURES / "a4tje_full.json").read_text(encoding="utf-8"))
    r = run("drafts", "show", b_id[:8])
    assert r.returncode == 0 and "Voortgang terugkoppeling" in r.stdout

    r = run("drafts", "search", "efficient", "--json")
    assert [d["id"] for d in json.loads(r.stdout)] == [a_id]  # "efficiënter" in aanleiding
    r = run("drafts", "search", "onvindbaarwoord")
    assert r.returncode == 0 and "Niets gevonden." in r.stdout


def test_data_dir_option(tmp_path: Path) -> None:
    elders = tmp_path / "elders"
    r = run("drafts", "import", str(FIXTURES / "a4tje_full.json"), data=elders)
    assert r.returncode == 0, r.stderr
    assert (elders / "stukken.sqlite").is_file()
    assert json.loads(run("drafts", "list", "--json").stdout) == []
    assert len(json.loads(run("drafts", "list", "--json", data=elders).stdout)) == 1


def test_commands_take_a_draft_id(tmp_path: Path) -> None:
    draft_id = run("drafts", "import", str(FIXTURES / "a4tje_full.json")).stdout.strip()
    by_id = run("validate", draft_id, "--json", "--no-layout")
    by_file = run("validate", str(FIXTURES / "a4tje_full.json"), "--json", "--no-layout")
    assert by_id.returncode == by_file.returncode
    assert json.loads(by_id.stdout) == json.loads(by_file.stdout)


def test_unknown_ids_and_bad_files(tmp_path: Path) -> None:
    r = run("validate", "deadbeef")
    assert r.returncode == 2 and "geen bestand en geen" in r.stderr
    assert "Traceback" not in r.stderr
    r = run("drafts", "show", "0" * 32)
    assert r.returncode == 2 and "Er is geen concept met id" in r.stderr
    bad = tmp_path / "kapot.json"
    bad.write_text("{ niet af", encoding="utf-8")
    r = run("drafts", "import", str(bad))
    assert r.returncode == 2 and "geen geldige JSON" in r.stderr
    assert json.loads(run("drafts", "list", "--json").stdout) == []


def test_backup_and_restore(tmp_path: Path) -> None:
    draft_id = run("drafts", "import", str(FIXTURES / "a4tje_full.json")).stdout.strip()
    target = tmp_path / "kopie.zip"
    r = run("backup", str(target))
    assert r.returncode == 0 and "1 concept bewaard, met alle versies" in r.stdout and target.is_file()
    r = run("backup", str(target))
    assert r.returncode == 2 and "bestaat al" in r.stderr
    laptop = tmp_path / "laptop"
    r = run("restore", str(target), "--json", data=laptop)
    assert r.returncode == 0, r.stderr
    assert json.loads(r.stdout)["added"] == [draft_id]
    r = run("restore", str(target), data=laptop)
    assert "1 ongewijzigd" in r.stdout
    r = run("restore", str(tmp_path / "weg.zip"))
    assert r.returncode == 2 and "bestaat niet" in r.stderr


def test_a_corrupt_database_is_reported_and_the_command_works(tmp_path: Path, isolated_environment: Path) -> None:
    (isolated_environment / "stukken.sqlite").write_bytes(b"kapot" * 1000)
    r = run("drafts", "list")
    assert r.returncode == 0
    assert "Let op:" in r.stderr and "beschadigd" in r.stderr
    assert any(p.name.startswith("stukken.sqlite.beschadigd-") for p in isolated_environment.iterdir())


def test_an_unwritable_data_dir(tmp_path: Path) -> None:
    blocker = tmp_path / "bestand"
    blocker.write_text("x")
    r = run("drafts", "list", data=blocker / "map")
    assert r.returncode == 2 and "kan niet worden aangemaakt" in r.stderr and "Traceback" not in r.stderr


def _modules_after(code: str) -> set[str]:
    out = subprocess.run(
        [sys.executable, "-c", code + "\nimport sys; print(' '.join(sys.modules))"],
        capture_output=True, text=True, cwd=REPO, timeout=120, check=True,
    ).stdout
    return set(out.split())


def test_help_does_not_import_the_database_layer() -> None:
    mods = _modules_after("from desktop.cli.main import build_parser; build_parser()")
    assert "desktop.cli.drafts_cmd" in mods
    assert "sqlalchemy" not in mods and "alembic" not in mods


def test_an_up_to_date_database_opens_without_alembic(isolated_environment: Path) -> None:
    mods = _modules_after("from desktop.storage.service import DraftStore; DraftStore().close()")
    assert "alembic" in mods  # the first start creates the schema
    mods = _modules_after("from desktop.storage.service import DraftStore; DraftStore().close()")
    assert "alembic" not in mods and "sqlalchemy" in mods


def test_history_and_revert(tmp_path: Path) -> None:
    draft_id = run("drafts", "import", str(FIXTURES / "a4tje_full.json")).stdout.strip()
    from desktop.storage.service import DraftStore

    with DraftStore() as store:
        draft = store.get(draft_id).draft
        draft.values["onderwerp"] = "Gewijzigd onderwerp"
        store.save(draft_id, draft)
        store.set_status(draft_id, "ingediend", actor="J. de Vries")
    r = run("drafts", "history", draft_id[:6])
    assert r.returncode == 0, r.stderr
    assert "Gewijzigd onderwerp" in r.stdout and "ingelezen" in r.stdout and "door J. de Vries" in r.stdout
    r = run("drafts", "revert", draft_id, "1")
    assert r.returncode == 0 and "als versie 3" in r.stdout
    data = json.loads(run("drafts", "history", draft_id, "--json").stdout)
    assert [(v["number"], v["kind"]) for v in data["revisions"]] == [(3, "restore"), (2, "save"), (1, "import")]
    assert [e["status"] for e in data["status_history"]] == ["concept", "ingediend"]
    shown = json.loads(run("drafts", "show", draft_id, "--json").stdout)
    assert shown["values"]["onderwerp"] == "Koepelplan Stadsbeheer 2012"
    r = run("drafts", "revert", draft_id, "99")
    assert r.returncode == 2 and "Versie 99" in r.stderr
