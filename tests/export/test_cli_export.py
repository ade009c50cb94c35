"""``main.py export``: exit codes, --force, --pdf and --json."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import docx

from desktop.cli.main import main as cli_main
from desktop.domain.draft import Draft

from .conftest import FIXTURES, write_draft

REPO = Path(__file__).resolve().parents[2]


def test_export_writes_docx(tmp_path: Path, capsys) -> None:
    out = tmp_path / "a.docx"
    assert cli_main(["export", str(FIXTURES / "a4tje_full.json"), "-o", str(out)]) == 0
    assert "Geëxporteerd" in capsys.readouterr().out
    assert docx.Document(str(out)).core_properties.title == "Koepelplan Stadsbeheer 2012"


def test_export_refuses_errors_unless_forced(tmp_path: Path, capsys) -> None:
    draft = write_draft(tmp_path / "leeg.json", Draft(form="a4tje", values={"onderwerp": "Iets"}))
    out = tmp_path / "leeg.docx"
    assert cli_main(["export", str(draft), "-o", str(out)]) == 1
    printed = capsys.readouterr().out
    assert "FOUT" in printed and "Niet geëxporteerd" in printed and not out.exists()
    assert cli_main(["export", str(draft), "-o", str(out), "--force", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["written"] == str(out) and any(f["severity"] == "error" for f in data["findings"])
    assert out.is_file()


def test_export_bad_input_exits_2(tmp_path: Path, capsys) -> None:
    bad = tmp_path / "kapot.json"
    bad.write_text("{ geen json", encoding="utf-8")
    assert cli_main(["export", str(bad), "-o", str(tmp_path / "x.docx")]) == 2
    assert "geen geldige JSON" in capsys.readouterr().err
    assert cli_main(["export", str(tmp_path / "nergens.json"), "-o", str(tmp_path / "x.docx")]) == 2
    src = str(FIXTURES / "a4tje_full.json")
    assert cli_main(["export", src, "-o", str(tmp_path / "x.pdf")]) == 2
    assert cli_main(["export", src, "-o", str(tmp_path / "geen-map" / "x.docx")]) == 2
    unknown = write_draft(tmp_path / "onbekend.json", Draft(form="begroting", values={}))
    assert cli_main(["export", str(unknown), "-o", str(tmp_path / "x.docx")]) == 2
    assert not (tmp_path / "x.docx").exists()


def test_export_pdf(soffice: str, tmp_path: Path) -> None:
    out = tmp_path / "brief.docx"
    proc = subprocess.run(
        [sys.executable, str(REPO / "main.py"), "export", str(FIXTURES / "raadsbrief_full.json"),
         "-o", str(out), "--pdf", "--json"],
        capture_output=True, text=True, timeout=300,
    )
    assert proc.returncode == 0, proc.stderr
    data = json.loads(proc.stdout)
    assert Path(data["pdf"]).is_file() and data["pages"] >= 1
