"""Stellers see vervangen (issue 18, gap 11): once the secretariat accepts a new version, the
old submission's status says vervangen, not "aanvaard" with the old number."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from desktop.domain import workflow as wf
from tests.secretariat.conftest import a4tje


def test_the_steller_sees_the_old_version_replaced(queue: Path, sec: Any, tmp_path: Path) -> None:
    from desktop.queue.status import WithdrawRefused, own_status, refresh_status, withdraw
    from desktop.queue.submit import submit
    from tests.steller import steller_record

    record = steller_record(tmp_path / "piet")
    old = submit(a4tje("Plan, eerste versie"), queue_dir=queue, record=record, draft_id="d1").submission_id
    number = sec.accept(old)
    assert [c.new for c in refresh_status(record)] == [wf.AANVAARD]
    assert record.get(old).state == wf.AANVAARD
    new = submit(a4tje("Plan, tweede versie"), queue_dir=queue, record=record, draft_id="d1")
    assert new.supersedes == old
    assert sec.accept(new.submission_id) == number

    changes = refresh_status(record)
    assert [(c.submission_id, c.new) for c in changes] == [(old, wf.VERVANGEN), (new.submission_id, wf.AANVAARD)]
    rows = {r["id"]: r for r in own_status(record)}
    assert rows[old]["status"] == "vervangen" and new.submission_id in rows[old]["toelichting"]
    assert "aanvaard" not in rows[old]["toelichting"]
    assert rows[new.submission_id]["status"] == "ingediend" and number in rows[new.submission_id]["toelichting"]
    assert refresh_status(record) == []  # vervangen is final: not read again
    with pytest.raises(WithdrawRefused, match="vervangen"):
        withdraw(old, record=record)  # the new version is the one to withdraw
