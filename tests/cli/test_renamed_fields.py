"""One way to load a draft: a site form that renames a required field (samenvatting -> kern)
and an optional one (kader -> beleidskader) is honoured on every path: validate, export,
submit, restore (then use by id) and the secretariat's inbox. The editor is covered in
tests/ui/test_editor_details.py."""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

import pytest

from tests.cli.conftest import REPO, fixture_json

KADER = "Het collegeprogramma 2010-2014"
SAMENVATTING = "Stadsbeheer, Reiniging en Stadstoezicht"


def site_form(site: Path) -> None:
    text = (REPO / "forms" / "a4tje.toml").read_text(encoding="utf-8")
    text = text.replace('id = "samenvatting"', 'id = "kern"').replace('id = "kader"', 'id = "beleidskader"')
    text = text.replace("version = 1", "version = 2", 1)
    head, sep, rest = text.partition("[[sections]]")
    text = head + '[renamed]\nsamenvatting = "kern"\nkader = "beleidskader"\n\n' + sep + rest
    (site / "forms").mkdir(parents=True)
    (site / "forms" / "a4tje.toml").write_text(text, encoding="utf-8")


@pytest.fixture
def old_draft(tmp_path: Path) -> Path:
    """An A4tje written with the built-in (version 1) field names, without attachments."""
    data = fixture_json("a4tje_full")
    data["values"]["bijlagen"] = []
    path = tmp_path / "oud.json"
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return path


@pytest.fixture
def renaming_site(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    from desktop.domain import forms

    site = tmp_path / "site"
    site_form(site)
    monkeypatch.setenv("STUKKEN_SITE_DIR", str(site))
    monkeypatch.setattr(forms, "_default", None)
    return site


def docx_text(path: Path) -> str:
    import docx

    doc = docx.Document(str(path))
    parts = [p.text for p in doc.paragraphs]
    for table in doc.tables:
        parts += [cell.text for row in table.rows for cell in row.cells]
    return "\n".join(parts)


def test_validate_moves_renamed_fields(cli: Any, old_draft: Path, renaming_site: Path) -> None:
    run = cli("validate", str(old_draft), "--no-layout", "--json")
    assert run.code == 0, run.out + run.err
    assert run.json() == []


def test_export_moves_renamed_fields(cli: Any, old_draft: Path, renaming_site: Path, tmp_path: Path) -> None:
    out = tmp_path / "stuk.docx"
    run = cli("export", str(old_draft), "-o", str(out))
    assert run.code == 0, run.out + run.err
    text = docx_text(out)
    assert KADER in text and SAMENVATTING in text


def test_submit_sends_the_renamed_fields(cli: Any, old_draft: Path, renaming_site: Path, tmp_path: Path) -> None:
    run = cli("submit", str(old_draft), "--no-layout", "--json")
    assert run.code == 0, run.out + run.err
    sid = run.json()["id"]
    queue = Path(os.environ["STUKKEN_QUEUE_DIR"])
    meta = json.loads((queue / "ingediend" / sid / "meta.json").read_bytes())
    values = meta["draft"]["values"]
    assert values["beleidskader"].startswith(KADER) and values["kern"].startswith(SAMENVATTING)
    assert "kader" not in values and "samenvatting" not in values


def test_a_restored_draft_is_used_under_the_new_names(
    cli: Any, old_draft: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    draft_id = cli("drafts", "import", str(old_draft)).out.strip()
    backup = tmp_path / "backup.zip"
    assert cli("backup", str(backup)).code == 0
    # Another machine, whose site form renamed the fields.
    monkeypatch.setenv("STUKKEN_DATA_DIR", str(tmp_path / "other"))
    site = tmp_path / "site"
    site_form(site)
    monkeypatch.setenv("STUKKEN_SITE_DIR", str(site))
    from desktop.domain import forms

    monkeypatch.setattr(forms, "_default", None)
    assert cli("restore", str(backup)).code == 0
    out = tmp_path / "stuk.docx"
    run = cli("export", draft_id, "-o", str(out))
    assert run.code == 0, run.out + run.err
    assert KADER in docx_text(out)
    run = cli("validate", draft_id, "--no-layout", "--json")
    assert run.code == 0 and run.json() == [], run.out


def test_the_inbox_reads_an_old_stuk_under_the_new_names(cli: Any, old_draft: Path, tmp_path: Path,
                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    made = cli("meeting", "keys", "--nieuw")
    assert made.code == 0
    run = cli("submit", str(old_draft), "--no-layout", "--json")  # before the site form changed
    assert run.code == 0, run.err
    sid = run.json()["id"]
    site = tmp_path / "site"
    site_form(site)
    # With a site folder, its list decides who may act as the secretariat.
    (site / "secretariaat-sleutels.txt").write_text(made.out.split(":", 1)[1].split()[0] + "\n", "utf-8")
    monkeypatch.setenv("STUKKEN_SITE_DIR", str(site))
    from desktop.domain import forms

    monkeypatch.setattr(forms, "_default", None)
    run = cli("meeting", "inbox", "--json")
    assert run.code == 0, run.err
    [row] = [r for r in run.json() if r["id"] == sid]
    assert row["bevindingen"] == [], row["bevindingen"]


def test_the_editor_opens_an_old_draft_under_the_new_names(qtbot: Any, old_draft: Path, renaming_site: Path) -> None:
    from desktop.domain.draft import load_draft_file
    from desktop.domain.forms import default_formset
    from desktop.ui.editor.window import EditorContext, EditorWindow
    from desktop.ui.services import DraftService, PageMeasure

    service = DraftService()
    try:
        editor = EditorWindow(load_draft_file(old_draft), None, service,
                              EditorContext(default_formset(), None, None, PageMeasure()))
        qtbot.addWidget(editor)
        assert editor.view.rows["beleidskader"].widget.edit.toPlainText().startswith(KADER)
        assert editor.view.rows["kern"].widget.edit.toPlainText().startswith(SAMENVATTING)
        assert "kader" not in editor.snapshot().values
        editor.autosave_timer.stop()
        editor.dirty = False
    finally:
        service.stop()
