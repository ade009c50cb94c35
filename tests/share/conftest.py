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
EVENTS = frozenset({
    "open", "os.listdir", "os.scandir", "os.rename", "os.replace", "os.remove", "os.rmdir", "os.mkdir",
    "os.link", "os.symlink", "shutil.rmtree", "shutil.copyfile", "shutil.move", "os.chmod", "os.truncate",
    "os.utime",
})
TWO_PATHS = frozenset({"os.rename", "os.replace", "os.link", "shutil.move", "shutil.copyfile"})
watch: dict[str, Any] = {"root": None, "hits": [], "seen": 0, "events": []}


def _hook(event: str, args: tuple[Any, ...]) -> None:
    root = watch["root"]
    if root is None or event not in EVENTS:
        return
    paths = list(args[:2]) if event in TWO_PATHS else [args[0]]
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


