"""Kill test: processes saving drafts are killed with SIGKILL at random moments.

Every save a process reported as done (its ``D`` line, written after the commit
returned) must be in the database afterwards, and ``PRAGMA integrity_check`` must
say ok. Four processes write to the same file at once (so they also wait for each
other's locks), and each is killed at a random moment after it started writing, so
nearly every kill lands in the middle of a write.
"""

from __future__ import annotations

import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.storage.conftest import FIXTURES

REPO = Path(__file__).resolve().parents[2]
KILLS = 200
PARALLEL = 4


def _wait_gone(pid: int, timeout: float = 30) -> None:
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        try:
            os.kill(pid, 0)
        except ProcessLookupError:
            return
        time.sleep(0.002)
    raise AssertionError(f"process {pid} still there after SIGKILL")


def _wait_ready(log: Path, timeout: float = 60) -> None:
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        if log.exists() and log.read_bytes().startswith(b"R\n"):
            return
        time.sleep(0.002)
    raise AssertionError(f"writer did not start ({log})")


@pytest.mark.skipif(not hasattr(os, "fork"), reason="needs fork and SIGKILL (POSIX)")
def test_saves_reported_as_done_survive_sigkill(tmp_path: Path) -> None:
    db_path = tmp_path / "stukken.sqlite"
    logs = tmp_path / "logs"
    logs.mkdir()
    zygote = subprocess.Popen(
        [sys.executable, "-m", "tests.storage.kill_child", str(FIXTURES / "a4tje_full.json")],
        cwd=REPO, stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True, bufsize=1,
    )
    assert zygote.stdin is not None and zygote.stdout is not None
    rng = random.Random(20120101)
    kills = mid_write = rounds = 0
    all_logs: list[Path] = []
    try:
        while kills < KILLS:
            rounds += 1
            started = []
            for k in range(PARALLEL):
                tag = f"r{rounds}c{k}"
                log = logs / f"{tag}.log"
                zygote.stdin.write(f"{tag} {db_path} {log}\n")
                zygote.stdin.flush()
                started.append((int(zygote.stdout.readline()), log))
            for _pid, log in started:
                _wait_ready(log)
            for pid, _log in started:
                time.sleep(rng.uniform(0.0, 0.06))
                os.kill(pid, signal.SIGKILL)
            for pid, log in started:
                _wait_gone(pid)
                kills += 1
                lines = log.read_text(encoding="utf-8").splitlines()
                if lines[-1] == "B":
                    mid_write += 1
                all_logs.append(log)
    finally:
        zygote.stdin.close()
        zygote.wait(30)

    done = []
    for log in all_logs:
        for line in log.read_text(encoding="utf-8").splitlines():
            if line.startswith("D "):
                _, draft_id, number, onderwerp = line.split(" ", 3)
                done.append((draft_id, int(number), onderwerp))
    print(f"\nkills={kills} rounds={rounds} mid_write={mid_write} saves_done={len(done)}")
    assert kills >= KILLS
    assert mid_write >= KILLS * 3 // 4, f"only {mid_write} of {kills} kills during a write"
    assert len(done) >= KILLS

    conn = sqlite3.connect(db_path)
    try:
        assert conn.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
        assert conn.execute("PRAGMA foreign_key_check").fetchall() == []
        revs = {(d, n): o for d, n, o in conn.execute("SELECT draft_id, number, onderwerp FROM revisions")}
    finally:
        conn.close()
    missing = [(d, n, o) for d, n, o in done if revs.get((d, n)) != o]
    assert missing == [], f"{len(missing)} reported saves lost, e.g. {missing[:3]}"

    from desktop.storage.service import DraftStore

    store = DraftStore(db_path)
    try:
        assert store.integrity_check() == "ok"
        assert len(store.search("lange tekst", limit=100000)) == len(store.list())
    finally:
        store.close()
