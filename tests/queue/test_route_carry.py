"""A new round after a change: the open remarks go along in the signed request (``route request
--met-opmerkingen``, the editor's "Opnieuw ter parafering"), and what a request carries is read
as hostile text."""

from __future__ import annotations

import json
import time
from pathlib import Path
from typing import Any

from desktop.queue.route_decide import decide
from desktop.queue.route_inbox import inbox
from desktop.queue.route_service import status
from desktop.queue.route_share import carried_remarks
from tests.queue.test_route_hostile import setup  # noqa: F401  (the fixture: one key, teamleider)


def test_a_new_round_by_cli_carries_the_open_remarks(setup: dict[str, Any], capsys: Any) -> None:  # noqa: F811
    from desktop.cli.main import main

    share, draft, formset = setup["share"], setup["draft"], setup["formset"]
    path = setup["tmp"] / "stuk.json"
    path.write_text(json.dumps(draft.to_json(), ensure_ascii=False), "utf-8")
    ask = ["route", "request", str(path), "--aan", "T. Leider", "--queue", str(share)]
    assert main(ask) == 0
    [row], _ = inbox(formset, share)
    assert row["opmerkingen"] == []  # the first round carries nothing
    at = draft.values["samenvatting"].index("Stadsbeheer")
    decide(row["id"], "paraaf", "opmerkingen", "Zie opmerking.", formset=formset, queue_dir=share,
           remarks=[f"samenvatting:{at}-{at + 11}:Welke afdeling?"])

    # A change: the paraaf no longer counts; the new round carries the remark not yet handled.
    draft.values["samenvatting"] += " Extra zin."
    path.write_text(json.dumps(draft.to_json(), ensure_ascii=False), "utf-8")
    st = status(draft, formset=formset, queue_dir=share, draft_key=f"bestand:{path.resolve()}")
    assert st.reason and st.stale == {"paraaf:teamleider": "T. Leider"}
    assert [r["tekst"] for r in st.remarks] == ["Welke afdeling?"]
    capsys.readouterr()
    # The inbox orders rounds by their signed times, to the second: the new round comes later.
    time.sleep(1.1)
    assert main([*ask, "--met-opmerkingen"]) == 0
    [row], _ = inbox(formset, share)
    assert row["opmerkingen"] == ["T. Leider (paraaf teamleider) bij samenvatting \u201cStadsbeheer\u201d: Welke afdeling?"]
    st = status(draft, formset=formset, queue_dir=share, draft_key=f"bestand:{path.resolve()}")
    assert st.stale == {}  # asked again for this content: no new round offered


def test_carried_remarks_are_text_only_and_bounded() -> None:
    assert carried_remarks({}) == [] and carried_remarks({"opmerkingen": "x"}) == []
    lines = carried_remarks({"opmerkingen": [1, None, ["a"], {"naam": {"x": 1}, "tekst": "b" * 5000}] + [{}] * 500})
    assert len(lines) == 97 and all(len(line) <= 1000 for line in lines)  # the first 100 entries, dicts only
    assert lines[0].startswith("{'x': 1} (") and lines[1] == " () bij  \u201c\u201d: "


def test_nothing_is_carried_without_open_remarks(setup: dict[str, Any], tmp_path: Path) -> None:  # noqa: F811
    share, draft, formset = setup["share"], setup["draft"], setup["formset"]
    from desktop.queue.route_service import request

    request(draft, aan="T. Leider", formset=formset, queue_dir=share, draft_key="k", docx=b"PK-test", remarks=())
    [row], _ = inbox(formset, share)
    assert row["opmerkingen"] == []
