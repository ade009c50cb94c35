"""The application process is killed with SIGKILL after typing; started again, the text is there."""

from __future__ import annotations

import os
import queue
import signal
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from tests.ui.conftest import write_settings

REPO = Path(__file__).resolve().parents[2]


def _lines(proc: subprocess.Popen[str]) -> queue.Queue[str]:
    out: queue.Queue[str] = queue.Queue()

    def pump() -> None:
        assert proc.stdout is not None
        for line in proc.stdout:
            out.put(line.strip())

    threading.Thread(target=pump, daemon=True).start()
    return out


def _wait_for(lines: queue.Queue[str], prefix: str, timeout: float = 60) -> str:
    while True:
        try:
            line = lines.get(timeout=timeout)
        except queue.Empty:
            pytest.fail(f"the application did not report {prefix!r} within {timeout} s")
        if line.startswith(prefix):
            return line


@pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="SIGKILL is POSIX only")
def test_sigkill_after_autosave_keeps_the_text(isolated_environment: Path) -> None:
    write_settings(autosave_ms=700)
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", STUKKEN_TEST_TYPE="Tekst die een crash overleeft")
    proc = subprocess.Popen(
        [sys.executable, str(REPO / "main.py")],
        cwd=REPO,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
    )
    try:
        lines = _lines(proc)
        _wait_for(lines, "TYPED")
        saved = _wait_for(lines, "AUTOSAVED")
        draft_id = saved.split()[1]
        proc.send_signal(signal.SIGKILL)
        assert proc.wait(timeout=10) == -signal.SIGKILL
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
    from desktop.storage.service import DraftStore

    with DraftStore() as store:
        stored = store.get(draft_id)
        assert stored.draft.values["onderwerp"] == "Tekst die een crash overleeft"
        assert [s.id for s in store.list()] == [draft_id]

    # Started again, the window lists it.
    env2 = dict(os.environ, QT_QPA_PLATFORM="offscreen", STUKKEN_EXIT_AFTER="listed")
    again = subprocess.run(
        [sys.executable, str(REPO / "main.py")], cwd=REPO, env=env2, capture_output=True, text=True, timeout=60
    )
    assert "LISTED 1" in again.stdout, again.stderr[-2000:]


def test_first_paint_imports_nothing_heavy(isolated_environment: Path) -> None:
    """The window paints before SQLAlchemy, python-docx, Hunspell or the queue's crypto load."""
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", STUKKEN_EXIT_AFTER="painted")
    done = subprocess.run(
        [sys.executable, "-X", "importtime", str(REPO / "main.py")],
        cwd=REPO, env=env, capture_output=True, text=True, timeout=60,
    )
    assert "PAINTED" in done.stdout, done.stderr[-2000:]
    imported = {line.split("|")[-1].strip() for line in done.stderr.splitlines() if "|" in line}
    assert "PySide6.QtWidgets" in imported  # the check sees the imports at all
    heavy = {"sqlalchemy", "docx", "hunspell", "cryptography", "alembic", "desktop.storage.service",
             "desktop.ui.editor.window", "desktop.domain.validation"}
    assert not heavy & imported
