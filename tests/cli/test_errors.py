"""Errors are one Dutch line; the developer detail only under ``--debug``."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest


def test_an_error_is_one_dutch_line(cli: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("STUKKEN_DEBUG", "")  # main() sets it for --debug; restored afterwards
    missing = str(tmp_path / "bestaat-niet.json")
    run = cli("validate", missing)
    assert run.code == 2
    assert run.err.splitlines() == [f"Fout: Het bestand '{missing}' bestaat niet."]
    run = cli("validate", missing, "--debug")
    assert run.code == 2
    lines = run.err.splitlines()
    assert lines[0].startswith("Fout: ") and "(detail: FileNotFoundError" in lines[1]


def test_a_message_with_line_breaks_stays_one_line(cli: Any, tmp_path: Path) -> None:
    bad = tmp_path / "kapot.json"
    bad.write_text('{"form": "a4tje",\n "values": [1, 2', "utf-8")
    run = cli("validate", str(bad))
    assert run.code == 2 and len(run.err.splitlines()) == 1 and run.err.startswith("Fout: ")
