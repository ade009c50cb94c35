"""A hanging share: every command that reads it answers within 30 s with a Dutch message.

The share is made to hang (every operation blocks) through the one test hook,
``desktop.share.faults.install``, with a short time-out; the command must give up after
one time-out (later operations fail at once while the first is stuck) and say so in Dutch.
"""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.queue.conftest import load

DAY = "2030-05-07"
LIMIT_S = 30.0
TIMEOUT_S = 1.0


@pytest.fixture
def ready(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> Iterator[dict[str, Any]]:
    """A share with one submission, accepted and placed on a meeting: every command has work."""
    from desktop.cli.main import main

    share = tmp_path / "share"
    q = ["--queue", str(share)]
    assert main(["meeting", "keys", "--nieuw"]) == 0
    assert main(["meeting", "init", *q]) == 0
    src = tmp_path / "stuk.json"
    src.write_text(json.dumps(load("a4tje_full.json", bijlagen=[]).to_json()), encoding="utf-8")
    capsys.readouterr()
    assert main(["submit", str(src), *q, "--no-layout"]) == 0
    sid = capsys.readouterr().out.split()[0]
    src.write_text(json.dumps(load("a4tje_full.json", bijlagen=[], onderwerp="Tweede stuk").to_json()),
                   encoding="utf-8")  # a new stuk for the submit under test
    for argv in (["meeting", "accept", sid], ["meeting", "create", DAY], ["meeting", "place", DAY, sid]):
        assert main([*argv, *q]) == 0
    capsys.readouterr()
    yield {"share": share, "sid": sid, "src": src, "q": q}


COMMANDS = [
    ["queue", "list", "{q}"],
    ["submit", "{src}", "{q}", "--no-layout"],
    ["outbox", "--bezorg"],
    ["status"],
    ["withdraw", "{sid}"],
    ["meeting", "init", "{q}"],
    ["meeting", "inbox", "{q}"],
    ["meeting", "inbox", "--alles", "{q}"],
    ["meeting", "accept", "{sid}", "{q}"],
    ["meeting", "return", "{sid}", "--reden", "x", "{q}"],
    ["meeting", "create", "2030-05-14", "{q}"],
    ["meeting", "list", "{q}"],
    ["meeting", "show", DAY, "{q}"],
    ["meeting", "place", DAY, "{sid}", "{q}"],
    ["meeting", "remove", DAY, "{sid}", "{q}"],
    ["meeting", "order", DAY, "{q}"],
    ["meeting", "freeze", DAY, "{q}"],
    ["meeting", "decide", DAY, "{sid}", "conform", "{q}"],
    ["meeting", "publish", DAY, "{q}"],
    ["meeting", "export", DAY, "--agenda", "{out}", "{q}"],
    ["meeting", "log", "{q}"],
    ["meeting", "cijfers", "{q}"],
]


def _argv(template: list[str], ready: dict[str, Any], tmp_path: Path) -> list[str]:
    out: list[str] = []
    for part in template:
        if part == "{q}":
            out.extend(ready["q"])
        else:
            out.append(part.format(sid=ready["sid"], src=ready["src"], out=tmp_path / "agenda.docx"))
    return out


@pytest.mark.parametrize("template", COMMANDS, ids=[" ".join(c[:3]).replace("{", "").replace("}", "") for c in COMMANDS])
def test_a_hanging_share_gets_a_dutch_answer_in_time(
    template: list[str], ready: dict[str, Any], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from desktop.cli.main import main
    from desktop.share import faults

    hang = threading.Event()
    faults.install(faults.Faults(hang=hang), timeout=TIMEOUT_S)
    try:
        start = time.monotonic()
        code = main(_argv(template, ready, tmp_path))
        took = time.monotonic() - start
    finally:
        faults.uninstall()
        hang.set()  # the abandoned calls finish now
    out, err = capsys.readouterr()
    assert took < LIMIT_S
    assert "Traceback" not in out + err
    text = (out + err).lower()
    assert any(w in text for w in ("reageert niet", "niet bereikbaar", "wacht", "hangt", "uitbak")), out + err
    if template[0] == "meeting" or template[:2] == ["queue", "list"]:
        assert code != 0 and err.startswith("Fout:"), (code, out, err)
