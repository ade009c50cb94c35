"""Settings: IT's site defaults under the user's own choices."""

from __future__ import annotations

import json
from pathlib import Path

import pytest


def test_site_folder_presets_the_queue_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from desktop.config import paths
    from desktop.config.settings import SETTINGS_FILE, Settings

    site = tmp_path / "site"
    site.mkdir()
    (site / "config.toml").write_text(
        '[instellingen]\nwachtrij_map = "//server/stukken/wachtrij"\nautosave_ms = 5000\nonbekend = 1\n',
        encoding="utf-8",
    )
    monkeypatch.setenv("STUKKEN_SITE_DIR", str(site))
    monkeypatch.delenv("STUKKEN_QUEUE_DIR")  # the environment would win over the site
    settings = Settings()
    assert settings["wachtrij_map"] == "//server/stukken/wachtrij"
    assert settings.queue_dir() == Path("//server/stukken/wachtrij")
    assert settings["autosave_ms"] == 5000
    # The user's own file wins over the site default.
    folder = paths.config_dir()
    folder.mkdir(parents=True, exist_ok=True)
    (folder / SETTINGS_FILE).write_text(json.dumps({"autosave_ms": 2000}), encoding="utf-8")
    assert Settings()["autosave_ms"] == 2000
    assert Settings()["wachtrij_map"] == "//server/stukken/wachtrij"


def test_broken_site_file_leaves_the_defaults(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from desktop.config.settings import Settings

    site = tmp_path / "site"
    site.mkdir()
    (site / "config.toml").write_text("[instellingen\nkapot", encoding="utf-8")
    monkeypatch.setenv("STUKKEN_SITE_DIR", str(site))
    assert Settings()["autosave_ms"] == 3000


def test_saving_keeps_only_the_users_own_choices(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from desktop.config.settings import Settings

    site = tmp_path / "site"
    site.mkdir()
    (site / "config.toml").write_text('[instellingen]\nwachtrij_map = "//oud/wachtrij"\n', encoding="utf-8")
    monkeypatch.setenv("STUKKEN_SITE_DIR", str(site))
    settings = Settings()
    settings["naam"] = "A. Jansen"
    settings.save()
    assert json.loads(settings.path.read_text(encoding="utf-8")) == {"naam": "A. Jansen"}
    (site / "config.toml").write_text('[instellingen]\nwachtrij_map = "//nieuw/wachtrij"\n', encoding="utf-8")
    again = Settings()
    assert again["wachtrij_map"] == "//nieuw/wachtrij" and again["naam"] == "A. Jansen"
