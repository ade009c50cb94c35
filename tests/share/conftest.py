"""The audit hook that watches every file-system event on the share (see test_boundary.py)."""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.shareinit import init_share

REPO = Path(__file__).resolve().parents[2]
DESKTOP = str(REPO / "desktop") + os.sep
SHARE_LAYER = str(REPO / "desktop" / "share") + os.sep
EVENTS = {
    "open": 0, "os.listdir": 0, "os.scandir": 0, "os.rename": 0, "os.replace": 0, "os.remove": 0,
    "os.rmdir": 0, "os.mkdir": 0, "os.link": 0, "os.symlink": 0, "shutil.rmtree": 0, "shutil.copyfile": 1,
    "shutil.move": 1, "os.chmod": 0, "os.truncate": 0, "os.utime": 0,
}
watch: dict[str, Any] = {"root": None, "hits": [], "seen": 0, "events": []}


def _hook(event: str, args: tuple[Any, ...]) -> None:
    root = watch["root"]
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
        watch["seen"] += 1
        watch["events"].append((event, text))
        frame = sys._getframe(1)
        while frame is not None and not frame.f_code.co_filename.startswith(DESKTOP):
            frame = frame.f_back
        if frame is None:
            continue  # the test's own look at the share
        if not frame.f_code.co_filename.startswith(SHARE_LAYER):
            watch["hits"].append(f"{event} {text} from {frame.f_code.co_filename}:{frame.f_lineno}")


_installed = False


@pytest.fixture
def watched(tmp_path: Path) -> Iterator[Path]:
    global _installed
    if not _installed:
        sys.addaudithook(_hook)  # cannot be removed: it only acts while a root is set
        _installed = True
    share = tmp_path / "share"
    init_share(share)
    watch.update(root=os.path.abspath(share), hits=[], seen=0, events=[])
    try:
        yield share
    finally:
        watch["root"] = None


