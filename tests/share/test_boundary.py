"""No module outside desktop/share opens, lists, renames or removes a path on the share.

An audit hook (``sys.addaudithook``) watches a whole cycle run in this process through
the command line: submit, inbox, accept, create, place, freeze, decide, publish,
status, queue list. For every file-system event on a path under the share it finds the
first frame that belongs to our own code: that frame must be in ``desktop/share``.
"""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path
from typing import Any

import pytest

from tests.queue.conftest import load
from tests.shareinit import init_share

REPO = Path(__file__).resolve().parents[2]
DESKTOP = str(REPO / "desktop") + os.sep
SHARE_LAYER = str(REPO / "desktop" / "share") + os.sep
EVENTS = {
    "open": 0, "os.listdir": 0, "os.scandir": 0, "os.rename": 0, "os.replace": 0, "os.remove": 0,
    "os.rmdir": 0, "os.mkdir": 0, "os.link": 0, "os.symlink": 0, "shutil.rmtree": 0, "shutil.copyfile": 1,
    "shutil.move": 1, "os.chmod": 0, "os.truncate": 0, "os.utime": 0,
}
_watch: dict[str, Any] = {"root": None, "hits": [], "seen": 0}


def _hook(event: str, args: tuple[Any, ...]) -> None:
    root = _watch["root"]
    if root is None or event not in EVENTS:
        return
    paths = [args[0]] if event not in ("os.rename", "os.replace", "os.link", "shutil.move", "shutil.copyfile") \
        else list(args[:2])
    for p in paths:
        if isinstance(p, int) or p is None:
            continue
        try:
            text = os.path.abspath(os.fsdecode(p))
        except (TypeError, ValueError):
            continue
        if text != root and not text.startswith(root + os.sep):
            continue
        _watch["seen"] += 1
        frame = sys._getframe(1)
        while frame is not None and not frame.f_code.co_filename.startswith(DESKTOP):
            frame = frame.f_back
        if frame is None:
            continue  # the test's own look at the share
        if not frame.f_code.co_filename.startswith(SHARE_LAYER):
            _watch["hits"].append(f"{event} {text} from {frame.f_code.co_filename}:{frame.f_lineno}")


_installed = False


@pytest.fixture
def watched(tmp_path: Path) -> Any:
    global _installed
    if not _installed:
        sys.addaudithook(_hook)  # cannot be removed: it only acts while a root is set
        _installed = True
    share = tmp_path / "share"
    init_share(share)
    _watch.update(root=os.path.abspath(share), hits=[], seen=0)
    try:
        yield share
    finally:
        _watch["root"] = None


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
    assert _watch["seen"] > 50  # the hook did see the cycle
    assert _watch["hits"] == []


def test_the_hook_catches_code_outside_the_share_layer(watched: Path) -> None:
    """The check itself can fail: a module of ours writing a file on the share is reported."""
    from desktop.secretariat.inbox import FirstSeen

    FirstSeen(watched / "eerst_gezien.json").see(["x"])  # a local file, misplaced on the share
    assert _watch["hits"] and "desktop/secretariat/inbox.py" in _watch["hits"][0]
    _watch["hits"].clear()
