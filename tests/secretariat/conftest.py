"""Fixtures: a queue with a published secretariat key, and stukken submitted through the real queue."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

REPO = Path(__file__).resolve().parents[2]


def a4tje(onderwerp: str, directie: str = "StadBeheer", port: str = "Wethouder Visscher",
          classificatie: str = "Openbaar", steller: str = "J. de Vries") -> Any:
    from desktop.domain.draft import Draft

    data = json.loads((REPO / "tests" / "fixtures" / "a4tje_full.json").read_text(encoding="utf-8"))
    data["values"].update(onderwerp=onderwerp, directie=directie, portefeuillehouder=port,
                          classificatie=classificatie, steller=steller)
    if classificatie == "Geheim":
        data["values"]["geheim_grond"] = "Gemeentewet art. 55, Woo art. 5.1 lid 2 onder b"
    return Draft.from_json(data)


@pytest.fixture
def queue_folder(tmp_path: Path) -> Path:
    """The empty folder the queue lives in; test modules that must also hold on the SMB share
    override it with ``share_folder`` (local and smb)."""
    q = tmp_path / "share"
    q.mkdir()
    return q


@pytest.fixture
def queue(queue_folder: Path) -> Path:
    from desktop.secretariat.queue_source import init_queue, own_key

    own_key(create=True)
    init_queue(queue_folder)  # 'meeting init': the signed marker and the published key
    return queue_folder


@pytest.fixture
def submit(queue: Path, tmp_path: Path) -> Any:
    from desktop.queue.submit import submit as queue_submit
    from tests.steller import steller_record

    record = steller_record(tmp_path / "steller")

    def go(draft: Any) -> str:
        result = queue_submit(draft, queue_dir=queue, record=record, layout=None, docx=b"PK-test")
        return str(result.submission_id)

    return go


@pytest.fixture
def sec(queue: Path, tmp_path: Path) -> Any:
    from desktop.secretariat.service import Secretariaat

    return Secretariaat(queue, actor="Anna (anna)", data_dir=tmp_path / "anna")


@pytest.fixture
def window(qtbot: Any, sec: Any) -> Any:
    """The secretariat window on ``sec``, shown; the worker threads end with the test."""
    from desktop.ui.secretariat.window import SecretariatWindow

    w = SecretariatWindow(sec)
    qtbot.addWidget(w)
    w.show()
    yield w
    from desktop.ui import tasks

    tasks.shutdown(wait=True)


def act(qtbot: Any, window: Any, action: Any) -> None:
    """Run an action of the window and wait until it has reloaded."""
    with qtbot.waitSignal(window.idle, timeout=20_000):
        action()


def answer(button: str, before: Callable[[Any], None] | None = None, seen: list[Any] | None = None) -> None:
    """When the next modal dialog opens: record its text, let ``before`` fill it in, press ``button``."""
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QAbstractButton, QApplication, QLabel

    def go() -> None:
        dialog = QApplication.activeModalWidget()
        if dialog is None:
            QTimer.singleShot(20, go)
            return
        try:
            if seen is not None:
                seen.append((dialog.windowTitle(), " ".join(label.text() for label in dialog.findChildren(QLabel))))
            if before is not None:
                before(dialog)
            match = [b for b in dialog.findChildren(QAbstractButton) if b.text().replace("&", "") == button]
            assert match, f"no button {button!r} in {dialog.windowTitle()!r}"
        except BaseException:
            dialog.reject()  # never leave a modal dialog open: the test would hang instead of failing
            raise
        match[0].click()

    QTimer.singleShot(0, go)


def trigger(window: Any, name: str) -> None:
    window.actions_by_name[name].trigger()


def two_placed(qtbot: Any, window: Any, sec: Any, submit: Any, day: Any) -> tuple[str, str]:
    """Stuk A and Stuk B submitted, accepted and placed on a new meeting of ``day``; the window reloaded."""
    from datetime import datetime, timedelta

    a, b = submit(a4tje("Stuk A")), submit(a4tje("Stuk B", port="Wethouder Pastoor"))
    for sid in (a, b):
        sec.accept(sid)
    sec.create_meeting(day, datetime.combine(day - timedelta(days=5), datetime.min.time()).replace(hour=12))
    sec.place(day, a)
    sec.place(day, b)
    act(qtbot, window, window.refresh)
    return a, b


def person_env(base: Path, name: str, queue: Path | None = None) -> dict[str, str]:
    """Environment of one person: own home, keyring file, data and config folders."""
    import os

    home = base / name
    (home / "data").mkdir(parents=True, exist_ok=True)
    env = {k: v for k, v in os.environ.items() if not k.startswith("STUKKEN_")}
    env.update(
        HOME=str(home), XDG_DATA_HOME=str(home / "xdg-data"), XDG_CONFIG_HOME=str(home / "xdg-config"),
        PYTHON_KEYRING_BACKEND="keyrings.alt.file.PlaintextKeyring",
        STUKKEN_DATA_DIR=str(home / "data"), STUKKEN_CONFIG_DIR=str(home / "data" / "config"),
        PYTHONPATH=str(REPO), QT_QPA_PLATFORM="offscreen",
        LOGNAME=name, USER=name, USERNAME=name,  # each person its own account (trust is per account)
    )
    if queue is not None:
        env["STUKKEN_QUEUE_DIR"] = str(queue)
    return env


def secretary_env(base: Path, name: str, queue: Path | None = None) -> dict[str, str]:
    """``person_env`` of a secretary: she holds a secretariat key of her own (``meeting keys --nieuw``)."""
    env = person_env(base, name, queue)
    r = run_main(env, "meeting", "keys", "--nieuw")
    assert r.returncode == 0, r.stderr
    return env


def run_main(env: dict[str, str], *args: str, timeout: float = 180) -> Any:
    import subprocess
    import sys

    return subprocess.run(
        [sys.executable, str(REPO / "main.py"), *args], env=env, capture_output=True, text=True,
        timeout=timeout, cwd=str(REPO),
    )


class SiteKeys:
    """A site folder whose ``secretariaat-sleutels.txt`` lists the secretaries' keys: the trust anchor
    that makes every secretary of a test trust the others' signed records (with or without pinning)."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.listed = folder / "secretariaat-sleutels.txt"
        self.listed.write_text("# secretariaat (test)\n", encoding="utf-8")

    def add(self, key_id: str) -> None:
        with self.listed.open("a", encoding="utf-8") as fh:
            fh.write(key_id + "\n")

    def secretary(self, base: Path, name: str, queue: Path | None = None) -> dict[str, str]:
        """``person_env`` of a secretary whose new key (``meeting keys --nieuw``) is on the list."""
        import re

        env = person_env(base, name, queue)
        env["STUKKEN_SITE_DIR"] = str(self.folder)
        r = run_main(env, "meeting", "keys", "--nieuw")
        assert r.returncode == 0, r.stderr
        found = re.search(r"\b[0-9a-f]{16}\b", r.stdout)
        assert found, r.stdout
        self.add(found.group(0))
        return env


@pytest.fixture
def site_keys(queue: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> SiteKeys:
    """IT's list with this test process's own secretariat key (the ``queue`` fixture's) on it."""
    from desktop.queue.secretariat_keypair import own_keys

    folder = tmp_path / "site"
    folder.mkdir()
    site = SiteKeys(folder)
    for key in own_keys():
        site.add(key.key_id)
    monkeypatch.setenv("STUKKEN_SITE_DIR", str(folder))
    return site
