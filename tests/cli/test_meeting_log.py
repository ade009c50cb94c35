"""``meeting log`` takes what every meeting command takes; a refused action logs nothing."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from tests.cli.conftest import fixture_json

DAY = "2030-10-06"


@pytest.fixture
def submitted(cli: Any, tmp_path: Path) -> Any:
    assert cli("meeting", "keys", "--nieuw").code == 0

    def go(onderwerp: str) -> str:
        data = fixture_json("a4tje_full")
        data["values"].update(bijlagen=[], onderwerp=onderwerp)
        path = tmp_path / f"{onderwerp}.json"
        path.write_text(json.dumps(data), "utf-8")
        run = cli("submit", str(path), "--no-layout", "--json")
        assert run.code == 0, run.err
        return str(run.json()["id"])

    return go


def test_log_by_number_prefix_and_date(cli: Any, submitted: Any) -> None:
    sid = submitted("Plan A")
    run = cli("meeting", "accept", sid[:8])
    assert run.code == 0, run.err
    number = run.out.split("registratienummer ")[1].rstrip(".\n")
    assert cli("meeting", "create", DAY).code == 0
    assert cli("meeting", "place", DAY, number).code == 0
    full = cli("meeting", "log", sid, "--json").json()
    assert {"aanvaard", "geagendeerd"} <= {e["soort"] for e in full}
    for other in (number, sid[:6]):
        run = cli("meeting", "log", other, "--json")
        assert run.code == 0 and run.json() == full, other
    by_day = {e["soort"] for e in cli("meeting", "log", DAY, "--json").json()}
    assert {"vergadering_aangemaakt", "geagendeerd"} <= by_day
    assert "Geen logregels" in cli("meeting", "log", "BD 99.0000001").out


def test_a_refused_accept_writes_no_log_entry(cli: Any, submitted: Any) -> None:
    sid = submitted("Plan B")
    assert cli("withdraw", sid).code == 0
    before = cli("meeting", "log", "--json").json()
    run = cli("meeting", "accept", sid)
    assert run.code == 1 and "ingetrokken" in run.err
    after = cli("meeting", "log", "--json").json()
    # Only what happened: the withdrawal, seen here, is recorded once (issue 12); no acceptance, no number.
    assert after[: len(before)] == before
    assert [e["soort"] for e in after[len(before):]] == ["ingetrokken"]
    assert cli("meeting", "accept", sid).code == 1
    assert cli("meeting", "log", "--json").json() == after
