"""Settings and data are separate; the queue folder follows one documented precedence:
``--queue``, ``STUKKEN_QUEUE_DIR``, the user's setting, the site folder, the data folder."""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

import pytest


@pytest.fixture
def own_settings(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    config = tmp_path / "config"
    config.mkdir()
    monkeypatch.setenv("STUKKEN_CONFIG_DIR", str(config))
    (config / "instellingen.json").write_text(json.dumps({"wachtrij_map": str(tmp_path / "eigen")}), "utf-8")
    return config


def test_data_dir_does_not_move_the_settings(cli: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from platformdirs import user_config_dir

    monkeypatch.delenv("STUKKEN_QUEUE_DIR")
    monkeypatch.delenv("STUKKEN_CONFIG_DIR")  # the platform's settings folder, as for a user
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "xdg"))
    config = Path(user_config_dir("Stukken", appauthor=False))
    config.mkdir(parents=True)
    (config / "instellingen.json").write_text(json.dumps({"naam": "A. Jansen"}), "utf-8")
    monkeypatch.setenv("STUKKEN_DATA_DIR", str(tmp_path / "userdata"))  # restored after main() sets it
    run = cli("--data-dir", str(tmp_path / "elders"), "settings", "show", "--json")
    assert run.code == 0, run.err
    assert run.json()["naam"]["waarde"] == "A. Jansen"
    monkeypatch.setenv("STUKKEN_DATA_DIR", str(tmp_path / "nogmaals"))
    assert cli("settings", "show", "--json").json()["naam"]["waarde"] == "A. Jansen"


def test_config_dir_flag_chooses_the_settings(cli: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    other = tmp_path / "andere-instellingen"
    usual = os.environ["STUKKEN_CONFIG_DIR"]
    monkeypatch.setenv("STUKKEN_CONFIG_DIR", usual)  # main() sets it for the process; restore it
    assert cli("--config-dir", str(other), "settings", "set", "naam", "A. Jansen").code == 0
    assert json.loads((other / "instellingen.json").read_text("utf-8"))["naam"] == "A. Jansen"
    monkeypatch.setenv("STUKKEN_CONFIG_DIR", usual)
    assert cli("settings", "show", "--json").json()["naam"]["waarde"] == ""


def test_queue_precedence(cli: Any, own_settings: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from desktop.config.settings import Settings

    site = tmp_path / "site"
    site.mkdir()
    (site / "config.toml").write_text(f'[instellingen]\nwachtrij_map = "{(tmp_path / "site-q").as_posix()}"\n',
                                      "utf-8")
    monkeypatch.setenv("STUKKEN_SITE_DIR", str(site))
    monkeypatch.setenv("STUKKEN_QUEUE_DIR", str(tmp_path / "omgeving"))
    assert Settings().queue_choice() == (tmp_path / "omgeving", "omgeving")
    monkeypatch.delenv("STUKKEN_QUEUE_DIR")
    assert Settings().queue_choice() == (tmp_path / "eigen", "instellingen")
    (own_settings / "instellingen.json").unlink()
    assert Settings().queue_choice() == (Path((tmp_path / "site-q").as_posix()), "site")
    monkeypatch.delenv("STUKKEN_SITE_DIR")
    data = Path(os.environ["STUKKEN_DATA_DIR"])
    assert Settings().queue_choice() == (data / "wachtrij", "standaard")
    # The command line beats them all.
    monkeypatch.setenv("STUKKEN_QUEUE_DIR", str(tmp_path / "omgeving"))
    (tmp_path / "vlag").mkdir()
    run = cli("queue", "list", "--queue", str(tmp_path / "vlag"), "--json")
    assert run.code == 0 and run.json() == [], run.err


def test_queue_list_on_a_fresh_install_is_empty(cli: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("STUKKEN_QUEUE_DIR")
    run = cli("queue", "list")
    assert run.code == 0, run.err
    assert "De wachtrij is leeg." in run.out
