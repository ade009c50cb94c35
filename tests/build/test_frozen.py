"""The frozen (PyInstaller) application finds its resources: build it, run its smoke check.

Slow (a few minutes on two cores). It runs where PyInstaller is installed; with CI=true a
missing PyInstaller is a failure, because .ci/run installs it.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import IN_CI, REPO

pytestmark = pytest.mark.slow


def _pyinstaller_available() -> bool:
    try:
        import PyInstaller  # noqa: F401
    except ImportError:
        return False
    return True


@pytest.fixture(scope="module")
def frozen_app(tmp_path_factory: pytest.TempPathFactory) -> Path:
    if not _pyinstaller_available():
        if IN_CI:
            pytest.fail("PyInstaller ontbreekt, maar CI=true: .ci/run moet build/requirements.txt installeren")
        pytest.skip("PyInstaller is niet geïnstalleerd: de bevroren build wordt niet getest")
    work = tmp_path_factory.mktemp("pyinstaller")
    subprocess.run(
        [
            sys.executable, "-m", "PyInstaller", str(REPO / "build" / "stukken.spec"),
            "--noconfirm", "--workpath", str(work / "work"), "--distpath", str(work / "dist"),
            "--log-level", "ERROR",
        ],
        cwd=REPO,
        check=True,
        timeout=1200,
    )
    return work / "dist" / "Stukken"


def _env(tmp_path: Path) -> dict[str, str]:
    env = dict(os.environ)
    env["QT_QPA_PLATFORM"] = "offscreen"
    env["STUKKEN_DATA_DIR"] = str(tmp_path / "data")
    env["STUKKEN_CONFIG_DIR"] = str(tmp_path / "config")
    # The frozen app must not fall back on the source tree.
    env.pop("PYTHONPATH", None)
    return env


def test_frozen_selftest_passes(frozen_app: Path, tmp_path: Path) -> None:
    cli = frozen_app / ("stukken-cli.exe" if sys.platform == "win32" else "stukken-cli")
    # Run from an unrelated folder so that relative paths to the repository cannot help.
    result = subprocess.run(
        [str(cli), "selftest"], cwd=tmp_path, env=_env(tmp_path), capture_output=True,
        text=True, timeout=300,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "Zelftest geslaagd." in result.stdout
    assert "MISLUKT" not in result.stdout


def test_frozen_resources_come_from_the_bundle(frozen_app: Path, tmp_path: Path) -> None:
    cli = frozen_app / ("stukken-cli.exe" if sys.platform == "win32" else "stukken-cli")
    result = subprocess.run(
        [str(cli), "forms"], cwd=tmp_path, env=_env(tmp_path), capture_output=True, text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    # Every form file is read from inside the frozen folder, not from the repository.
    sources = [line.split("— ", 1)[1] for line in result.stdout.splitlines() if "— " in line]
    assert sources and all(str(frozen_app) in s for s in sources), result.stdout


def test_frozen_folder_is_under_200_mb(frozen_app: Path) -> None:
    size = sum(p.stat().st_size for p in frozen_app.rglob("*") if p.is_file() and not p.is_symlink())
    assert size < 200 * 1024 * 1024, f"{size / 1024 / 1024:.0f} MB"


def test_frozen_meetmoment_report_and_questionnaire(frozen_app: Path, tmp_path: Path) -> None:
    """pygal (with its base.css) and QtSvg are in the bundle; its optional extras are not."""
    import zipfile

    cli = frozen_app / ("stukken-cli.exe" if sys.platform == "win32" else "stukken-cli")
    share = tmp_path / "share"
    share.mkdir()
    report = tmp_path / "rapport.docx"
    result = subprocess.run(
        [str(cli), "meeting", "cijfers", "--queue", str(share), "--meetmoment", "2027-1", "--rapport", str(report)],
        cwd=tmp_path, env=_env(tmp_path), capture_output=True, text=True, timeout=300,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    with zipfile.ZipFile(report) as zf:
        assert len([n for n in zf.namelist() if n.startswith("word/media/")]) == 5
    result = subprocess.run([str(cli), "meting", "--vragen"], cwd=tmp_path, env=_env(tmp_path),
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 0 and "rollen_helder" in result.stdout, result.stderr
    internal = frozen_app / "_internal"
    assert not (internal / "scipy").exists() and not (internal / "flask").exists()
