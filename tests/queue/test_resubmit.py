"""Resubmission by identity (issue 18, gap 10): a submission belongs to a stored draft's id or
to a draft file's content, never to the file's path; the same stuk may go to another queue."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from tests.queue.conftest import load
from tests.shareinit import init_share


def cli(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    from desktop.cli.main import main

    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def _place(share: Path, sec_key: Any, submission_id: str) -> None:
    """The secretariat puts the stuk on an agenda; the steller's application reads it back."""
    from desktop.cli.queue_cmd import steller_record
    from desktop.queue import protocol as P
    from desktop.queue.secretariat_keys import write_status
    from desktop.queue.status import refresh_status
    from desktop.share import LocalShare

    write_status(LocalShare(share), sec_key, submission_id, P.SCHEDULED, meeting_date="2012-03-06")
    with steller_record() as record:
        assert [c.new for c in refresh_status(record)] == [P.SCHEDULED]


def test_a_draft_file_is_known_by_its_content_not_its_path(
    tmp_path: Path, share: Path, sec_key: Any, capsys: pytest.CaptureFixture[str]
) -> None:
    src = tmp_path / "stuk.json"
    draft = load("a4tje_full.json", bijlagen=[])
    src.write_text(json.dumps(draft.to_json()), encoding="utf-8")
    code, out, err = cli(capsys, "submit", str(src), "--queue", str(share), "--no-layout")
    assert code == 0, err
    first = out.splitlines()[0]
    _place(share, sec_key, first)

    # The same content to the same queue: that stuk is on the agenda already.
    code, _out, err = cli(capsys, "submit", str(src), "--queue", str(share), "--no-layout")
    assert code == 1 and "al op de agenda" in err
    # The same content to another queue is another submission.
    other = tmp_path / "andere-wachtrij"
    init_share(other)
    code, out, err = cli(capsys, "submit", str(src), "--queue", str(other), "--no-layout")
    assert code == 0, err
    assert out.splitlines()[0] != first and (other / "ingediend" / out.splitlines()[0]).is_dir()
    # A new stuk written over the same path is a new submission, not refused because of the path.
    draft.values["onderwerp"] = "Een ander plan"
    src.write_text(json.dumps(draft.to_json()), encoding="utf-8")
    code, out, err = cli(capsys, "submit", str(src), "--queue", str(share), "--no-layout")
    assert code == 0, err
    assert "vervangt" not in out


def test_a_stored_draft_is_known_by_its_id(share: Path, sec_key: Any, capsys: pytest.CaptureFixture[str]) -> None:
    from desktop.storage.service import DraftStore

    draft = load("a4tje_full.json", bijlagen=[])
    with DraftStore() as store:
        draft_id = store.create(draft)
    code, out, err = cli(capsys, "submit", draft_id, "--queue", str(share), "--no-layout")
    assert code == 0, err
    first = out.splitlines()[0]
    with DraftStore() as store:
        store.save(draft_id, load("a4tje_full.json", bijlagen=[], vervolg="Een nieuwe planning."))
    code, out, err = cli(capsys, "submit", draft_id, "--queue", str(share), "--no-layout")
    assert code == 0, err
    assert f"vervangt inzending {first}" in out
    _place(share, sec_key, out.splitlines()[0])
    code, _out, err = cli(capsys, "submit", draft_id, "--queue", str(share), "--no-layout")
    assert code == 1 and "al op de agenda" in err
