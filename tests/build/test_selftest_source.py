"""The smoke check that the frozen build runs also passes from the source tree."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from tests.conftest import REPO


def test_selftest_passes_from_source(tmp_path: Path) -> None:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", STUKKEN_DATA_DIR=str(tmp_path / "data"))
    result = subprocess.run(
        [sys.executable, str(REPO / "main.py"), "selftest"], cwd=tmp_path, env=env,
        capture_output=True, text=True, timeout=300,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout.count("\nok ") + result.stdout.startswith("ok ") == 6, result.stdout
    assert "Zelftest geslaagd." in result.stdout


def test_selftest_reports_a_missing_part(tmp_path: Path) -> None:
    # A site folder with a broken form: the forms check must fail and say so, not crash.
    site = tmp_path / "site" / "forms"
    site.mkdir(parents=True)
    (site / "a4tje.toml").write_text("id = 'a4tje'\nversion = 'x'\n", encoding="utf-8")
    env = dict(
        os.environ, QT_QPA_PLATFORM="offscreen", STUKKEN_DATA_DIR=str(tmp_path / "data"),
        STUKKEN_SITE_DIR=str(tmp_path / "site"),
    )
    result = subprocess.run(
        [sys.executable, str(REPO / "main.py"), "selftest"], cwd=tmp_path, env=env,
        capture_output=True, text=True, timeout=300,
    )
    assert result.returncode == 1, result.stdout + result.stderr
    assert "MISLUKT  formulieren" in result.stdout
    assert "Traceback" not in result.stderr
