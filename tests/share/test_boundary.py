"""No module outside desktop/share opens, lists, renames or removes a path on the share.

An audit hook (``sys.addaudithook``) watches a whole cycle run in this process through
the command line: submit, inbox, accept, create, place, freeze, decide, publish,
status, queue list. For every file-system event on a path under the share it finds the
first frame that belongs to our own code: that frame must be in ``desktop/share``.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.queue.conftest import load
from tests.share.conftest import watch


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> str:
    from desktop.cli.main import main

    code = main(list(argv))
    out, err = capsys.readouterr()
    assert code == 0, f"{argv}: {out}\n{err}"
    return out


def test_only_the_share_layer_touches_the_share(
    watched: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    q = ["--queue", str(watched)]
    run(capsys, "meeting", "keys", "--nieuw")
    run(capsys, "meeting", "init", *q)
    src = tmp_path / "stuk.json"
    src.write_text(json.dumps(load("a4tje_full.json", bijlagen=[]).to_json()), encoding="utf-8")
    sid = run(capsys, "submit", str(src), *q, "--no-layout").split()[0]
    assert sid in run(capsys, "queue", "list", *q)
    assert sid in run(capsys, "meeting", "inbox", *q)
    run(capsys, "meeting", "accept", sid, *q)
    run(capsys, "meeting", "create", "2030-05-07", *q)
    run(capsys, "meeting", "place", "2030-05-07", sid, *q)
    run(capsys, "meeting", "show", "2030-05-07", *q)
    run(capsys, "meeting", "freeze", "2030-05-07", *q)
    run(capsys, "meeting", "decide", "2030-05-07", sid, "conform", *q)
    run(capsys, "meeting", "publish", "2030-05-07", *q)
    run(capsys, "meeting", "list", *q)
    run(capsys, "meeting", "inbox", "--alles", *q)
    run(capsys, "meeting", "log", *q)
    status = json.loads(run(capsys, "status", "--json"))
    assert [r["status"] for r in status] == ["teruggekoppeld"]
    assert watch["seen"] > 50  # the hook did see the cycle
    assert watch["hits"] == []


def test_the_hook_catches_code_outside_the_share_layer(watched: Path) -> None:
    """The check itself can fail: a module of ours writing a file on the share is reported."""
    from desktop.secretariat.inbox import FirstSeen

    FirstSeen(watched / "eerst_gezien.json").see(["x"])  # a local file, misplaced on the share
    assert watch["hits"] and "desktop/secretariat/inbox.py" in watch["hits"][0]
    watch["hits"].clear()
