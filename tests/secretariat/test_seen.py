"""The local memory of verified versions (``SeenVersions``): spread over small files, older file still read."""

from __future__ import annotations

import json
from pathlib import Path

from desktop.queue.signed import SeenVersions


def test_versions_only_go_up_across_instances_and_the_earlier_single_file_counts(tmp_path: Path) -> None:
    share = tmp_path / "share"
    first = SeenVersions.for_share(tmp_path / "data", share)
    # What an earlier version of the application wrote: one file for every record.
    first.path.parent.mkdir(parents=True)
    first.path.write_text(json.dumps({"zaak:a": [5, "h5"], "logboek": [9, "h9"], "kapot": "x"}), encoding="utf-8")
    assert first.get("zaak:a") == (5, "h5") and first.get("kapot") is None and first.get("zaak:b") is None
    first.note("zaak:a", 4, "h4")  # older than what was seen: ignored
    first.note("zaak:a", 6, "h6")
    first.note("zaak:b", 1, "b1")
    assert first.get("zaak:a") == (6, "h6")
    # Each record lives in one small file; the earlier single file is not rewritten.
    assert json.loads(first.path.read_text(encoding="utf-8"))["zaak:a"] == [5, "h5"]
    assert len(list(first.folder.glob("*.json"))) == 2
    # A second process noted a newer version meanwhile: both memories are merged, never lowered.
    second = SeenVersions.for_share(tmp_path / "data", share)
    assert second.get("zaak:a") == (6, "h6") and second.get("logboek") == (9, "h9")
    second.note("zaak:a", 8, "h8")
    first.note("zaak:c", 1, "c1")
    third = SeenVersions.for_share(tmp_path / "data", share)
    assert third.get("zaak:a") == (8, "h8") and third.get("zaak:b") == (1, "b1") and third.get("zaak:c") == (1, "c1")
