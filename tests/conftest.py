"""Shared test set-up: offscreen Qt, a fresh data folder and an in-memory keyring per test."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

# Before anything imports Qt.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import keyring  # noqa: E402
import keyring.backend  # noqa: E402
import pytest  # noqa: E402

from tests.smb import share_folder, smb_folder, smb_server  # noqa: E402,F401 - fixtures

REPO = Path(__file__).resolve().parent.parent
IN_CI = os.environ.get("CI", "").lower() in ("1", "true", "yes")


class MemoryKeyring(keyring.backend.KeyringBackend):
    """A keyring that lives in this process only (headless machines have none)."""

    priority = 0  # type: ignore[assignment]

    def __init__(self) -> None:
        super().__init__()
        self.store: dict[tuple[str, str], str] = {}

    def get_password(self, service: str, username: str) -> str | None:
        return self.store.get((service, username))

    def set_password(self, service: str, username: str, password: str) -> None:
        self.store[(service, username)] = password

    def delete_password(self, service: str, username: str) -> None:
        self.store.pop((service, username), None)


@pytest.fixture(scope="session", autouse=True)
def qt_application() -> object:
    """One QApplication for the whole run, made before any test: a QGuiApplication that a layout
    check makes on its own (``desktop.export.pagefit``) would make every later widget test abort."""
    from PySide6.QtWidgets import QApplication

    return QApplication.instance() or QApplication(["stukken-tests"])


@pytest.fixture(autouse=True)
def isolated_environment(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Every test gets its own data, config and queue folders and no site folder."""
    data = tmp_path / "userdata"
    data.mkdir()
    monkeypatch.setenv("STUKKEN_DATA_DIR", str(data))
    monkeypatch.setenv("STUKKEN_CONFIG_DIR", str(data / "config"))
    # The embedded default (a local queue folder the application marks itself on first use).
    monkeypatch.setenv("STUKKEN_QUEUE_DIR", str(data / "wachtrij"))
    monkeypatch.delenv("STUKKEN_SITE_DIR", raising=False)
    from desktop.domain import forms

    monkeypatch.setattr(forms, "_default", None)
    keyring.set_keyring(MemoryKeyring())
    return data


@pytest.fixture
def repo() -> Path:
    return REPO


def soffice_path() -> str | None:
    return shutil.which("soffice") or shutil.which("libreoffice")


@pytest.fixture
def soffice() -> str:
    """LibreOffice for rendering checks: skipped locally when absent, a failure in CI."""
    path = soffice_path()
    if path is None:
        if IN_CI:
            pytest.fail("soffice (LibreOffice) ontbreekt, maar CI=true: .ci/run moet het installeren")
        pytest.skip("soffice (LibreOffice) is niet geïnstalleerd: renderingtests overgeslagen")
    return path


@pytest.fixture
def spell_service() -> object:
    """The Hunspell engine with the shipped dictionary: skipped locally without it, a failure in CI."""
    from desktop.export.spelling import DictionaryMissing, SpellService

    try:
        return SpellService()
    except DictionaryMissing as exc:
        if IN_CI:
            pytest.fail(f"CI=true maar het woordenboek laadt niet: {exc} ({exc.detail})")
        pytest.skip(str(exc))
