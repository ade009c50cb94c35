"""Share identity: a submission never vanishes into a folder that is not the share."""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

import pytest

from tests.queue.conftest import listing, load
from tests.shareinit import init_share


def tree(folder: Path) -> list[str]:
    return sorted(str(p.relative_to(folder)) for p in folder.rglob("*")) if folder.exists() else []


def test_a_renamed_share_leaves_the_stuk_in_the_outbox_and_creates_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from desktop.cli.main import main

    parent = tmp_path / "server"
    share = parent / "wachtrij"
    parent.mkdir()
    init_share(share)
    src = tmp_path / "stuk.json"
    src.write_text(json.dumps(load("a4tje_full.json", bijlagen=[]).to_json()), encoding="utf-8")
    assert main(["submit", str(src), "--queue", str(share), "--no-layout"]) == 0
    assert "ingediend" in capsys.readouterr().out
    moved = parent / "verplaatst-door-IT"
    os.rename(share, moved)  # the share went away; its parent stays
    before = tree(parent)
    src.write_text(json.dumps(load("a4tje_full.json", bijlagen=[], onderwerp="Tweede stuk").to_json()),
                   encoding="utf-8")
    assert main(["submit", str(src), "--queue", str(share), "--no-layout"]) == 0
    out = capsys.readouterr().out
    assert "uitbak" in out and "Het stuk is ingediend" not in out
    assert tree(parent) == before and not share.exists()  # nothing created, not even the folder
    assert main(["outbox", "--json"]) == 0
    assert [e["status"] for e in json.loads(capsys.readouterr().out)] == ["wacht op verbinding"]
    os.rename(moved, share)  # back: delivered at the next round
    assert main(["outbox", "--bezorg"]) == 0
    assert "Verstuurd: 1" in capsys.readouterr().out
    assert len(listing(share).entries) == 2


@pytest.mark.parametrize("marker", ["missing", "unsigned", "damaged", "other"])
def test_a_folder_without_the_right_marker_is_offline(
    marker: str, share: Path, go: Any, record: Any, a4tje: Any
) -> None:
    from desktop.queue import protocol as P

    first = go(a4tje)
    assert first.state == P.SUBMITTED_STATE  # the share id is pinned now
    path = share / "stukken-share.json"
    if marker == "missing":
        path.unlink()
    elif marker == "unsigned":
        doc = json.loads(path.read_text(encoding="utf-8"))
        doc.pop("signature")
        path.write_text(json.dumps(doc), encoding="utf-8")
    elif marker == "damaged":
        path.write_bytes(b"{ kapot")
    else:
        path.unlink()
        init_share(share)  # a new share in the same place: another share id
    before = tree(share)
    a4tje.values["onderwerp"] = "Tweede stuk"
    second = go(a4tje, draft_id="tweede")
    assert second.state == P.WAITING and "uitbak" in second.message
    assert tree(share) == before
    assert record.get(second.submission_id).state == P.WAITING


def test_a_local_marker_counts_only_in_the_embedded_default(tmp_path: Path, go: Any, a4tje: Any) -> None:
    """The application marks its own default folder; copied elsewhere, that marker means nothing."""
    from desktop.queue import protocol as P
    from desktop.queue.identity import MARKER, embedded_default

    default = embedded_default()
    assert not default.exists()
    first = go(a4tje, queue_dir=default)
    assert first.state == P.SUBMITTED_STATE and (default / MARKER).is_file()
    assert json.loads((default / MARKER).read_text(encoding="utf-8"))["lokaal"] is True
    elsewhere = tmp_path / "elders"
    elsewhere.mkdir()
    (elsewhere / MARKER).write_bytes((default / MARKER).read_bytes())
    a4tje.values["onderwerp"] = "Elders"
    second = go(a4tje, queue_dir=elsewhere, draft_id="elders")
    assert second.state == P.WAITING and tree(elsewhere) == [MARKER]


def test_meeting_init_makes_the_share_and_keys_only_makes_a_key(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from desktop.cli.main import main

    share = tmp_path / "nieuw"
    assert main(["meeting", "keys", "--nieuw", "--queue", str(share)]) == 0
    assert "Sleutel van het secretariaat" in capsys.readouterr().out and not share.exists()
    assert main(["meeting", "init", "--queue", str(share)]) == 0
    out = capsys.readouterr().out
    doc = json.loads((share / "stukken-share.json").read_text(encoding="utf-8"))
    assert doc["format"] == "stukken-share" and doc["version"] == 1 and doc["share_id"] in out
    assert list((share / "sleutels" / "secretariaat").iterdir())
    assert main(["meeting", "init", "--queue", str(share)]) == 0  # again: nothing changes
    assert "al een wachtrijmap" in capsys.readouterr().out
    assert json.loads((share / "stukken-share.json").read_text(encoding="utf-8")) == doc
