"""Verify at use: the bytes that are checked against the signed manifest are the bytes used.

A colleague who rewrites ``meta.json`` between the check and a second read would win if the
content were read twice; the recheck reads it once and hands those bytes on."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from desktop.share import LocalShare


class RewritingColleague(LocalShare):
    """A real share folder on which a colleague rewrites meta.json right after each read of it."""

    def __init__(self, root: Path) -> None:
        super().__init__(root)
        self.meta_reads = 0

    def read_bytes(self, rel: str, limit: int) -> bytes:
        data = super().read_bytes(rel, limit)
        if rel.endswith("/meta.json"):
            self.meta_reads += 1
            (Path(self.root) / rel).write_bytes(data.replace("€ 400.000".encode(), "€ 900.000".encode()))
        return data


def test_recheck_reads_meta_once_and_uses_exactly_those_bytes(go: Any, share: Path, a4tje: Any) -> None:
    from desktop.queue.reader import VERIFIED_FILES, QueueReader
    from desktop.queue.trust import TrustStore

    result = go(a4tje)
    fs = RewritingColleague(share)
    entry = QueueReader(fs, trust=TrustStore(), grace_s=0).recheck(result.submission_id)
    assert entry is not None and entry["verificatie"] != "mislukt"
    used = json.loads(entry[VERIFIED_FILES]["meta.json"])
    assert "€ 400.000" in used["draft"]["values"]["financien"]
    assert fs.meta_reads == 1  # never read a second time
    # The rewritten file is caught at the next use.
    again = QueueReader(LocalShare(share), trust=TrustStore(), grace_s=0).recheck(result.submission_id)
    assert again is not None and again["verificatie"] == "mislukt" and VERIFIED_FILES not in again
