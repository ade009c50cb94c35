"""Hostile files in the share's route folders: skipped and reported, never a crash or a paraaf."""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

import pytest

from desktop.domain import route as R
from desktop.queue.keys import load_identity
from desktop.queue.route_decide import decide, verify_carried
from desktop.queue.route_inbox import inbox
from desktop.queue.route_local import RouteStore
from desktop.queue.route_service import request, status
from desktop.queue.route_share import own_key_id
from tests.shareinit import trusted_share

REPO = Path(__file__).resolve().parents[2]


@pytest.fixture
def setup(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> dict[str, Any]:
    """One person who is teamleider and directeur (one keyring in this process), on a marked share."""
    from desktop.domain import forms

    share = tmp_path / "share"
    site = tmp_path / "site"
    trusted_share(share, site)
    key = own_key_id(load_identity())
    (site / "config.toml").write_text(
        '[route]\naan = true\n[[routes]]\nnaam = "StadBeheer"\nparafen = ["teamleider"]\n'
        f'[[routesleutels]]\nnaam = "T. Leider"\nrol = "teamleider"\ndirectie = "StadBeheer"\nsleutel = "{key}"\n',
        "utf-8")
    monkeypatch.setenv("STUKKEN_SITE_DIR", str(site))
    monkeypatch.setattr(forms, "_default", None)
    data = json.loads((REPO / "tests" / "fixtures" / "a4tje_full.json").read_text("utf-8"))
    data["values"].update(bijlagen=[], participatie="", financien="Geen.")
    from desktop.domain.draft import Draft

    return {"share": share, "draft": Draft.from_json(data), "formset": forms.default_formset(), "tmp": tmp_path}


def test_garbage_in_route_folders_is_reported_not_fatal(setup: dict[str, Any]) -> None:
    share, draft, formset = setup["share"], setup["draft"], setup["formset"]
    store = RouteStore()
    rid, name, delivered = request(draft, aan="t. leider", formset=formset, queue_dir=share, draft_key="k",
                                   docx=b"PK-test", store=store)
    assert delivered and name == "T. Leider"
    box = share / "route" / "verzoeken" / "t-leider"
    (box / "00000000-0000-4000-8000-000000000000").mkdir()  # an empty "request"
    bad = box / "11111111-1111-4111-8111-111111111111"
    bad.mkdir()
    (bad / "meta.json").write_text("{niet json", "utf-8")
    (box / "niet-een-id").mkdir()
    os.mkfifo(box / "22222222-2222-4222-8222-222222222222")
    rows, problems = inbox(formset, share, store=store)
    assert [r["id"] for r in rows] == [rid]
    assert len(problems) >= 2

    decide(rid, R.PARAAF, "akkoord", "", formset=formset, queue_dir=share, store=store)
    folder = share / "route" / "besluiten" / rid
    (folder / "kapot.json").write_bytes(b"\xff\xfe")
    (folder / "groot.json").write_bytes(b" " * (2 * 1024 * 1024))
    os.mkfifo(folder / "fifo.json")
    os.symlink("/etc/passwd", folder / "link.json")
    st = status(draft, formset=formset, queue_dir=share, draft_key="k", store=store, timeout=5)
    assert st.steps[0].state == R.DONE and not st.reason
    assert st.problems  # the broken files are named, the real paraaf still counts

    # The secretariat's check of a carried route: a real one passes, an altered one does not.
    meta = {"draft": draft.to_json(), "bijlagen": [], "route": st.docs}
    assert verify_carried(meta, formset)["compleet"] is True
    altered = [dict(st.docs[0], oordeel="niet akkoord")]
    check = verify_carried({**meta, "route": altered}, formset)
    assert check["compleet"] is False and "vervalst" in check["problemen"][0]
    other = draft.copy()
    other.values["onderwerp"] = "Iets anders"
    check = verify_carried({"draft": other.to_json(), "bijlagen": [], "route": st.docs}, formset)
    assert check["compleet"] is False and "andere inhoud" in check["problemen"][0]


def test_request_refused_when_routes_are_off_or_addressee_unknown(setup: dict[str, Any], monkeypatch: Any) -> None:
    from desktop.domain import forms
    from desktop.queue.route_share import RouteError

    with pytest.raises(RouteError, match="geen bekende parafeerder"):
        request(setup["draft"], aan="Mallory", formset=setup["formset"], queue_dir=setup["share"], draft_key="k",
                docx=b"PK")
    monkeypatch.delenv("STUKKEN_SITE_DIR")
    with pytest.raises(RouteError, match="niet aan"):
        request(setup["draft"], aan="T. Leider", formset=forms.load_forms(), queue_dir=setup["share"],
                draft_key="k", docx=b"PK")
    assert not (setup["share"] / "route" / "verzoeken").exists()


def test_missing_share_creates_nothing_and_request_waits(setup: dict[str, Any]) -> None:
    store = RouteStore()
    gone = setup["tmp"] / "weg" / "share"
    rid, _, delivered = request(setup["draft"], aan="T. Leider", formset=setup["formset"], queue_dir=gone,
                                draft_key="k", docx=b"PK", store=store)
    assert not delivered and not gone.exists()
    assert [o["id"] for o in store.waiting()] == [rid]


def test_stored_draft_follows_the_workflow_states(setup: dict[str, Any], capsys: Any) -> None:
    from desktop.cli.main import main
    from desktop.domain import workflow as wf
    from desktop.storage.service import DraftStore

    with DraftStore() as store:
        draft_id = store.create(setup["draft"])
    q = ["--queue", str(setup["share"])]
    assert main(["route", "request", draft_id[:8], "--aan", "T. Leider", *q]) == 0
    with DraftStore() as store:
        assert store.get(draft_id).status == wf.TER_PARAFERING
    assert main(["route", "status", draft_id, *q]) == 1
    rid = capsys.readouterr().out.split("Verzoek ", 1)[1].split()[0]
    assert main(["route", "sign", rid, "akkoord", *q]) == 0
    assert main(["route", "status", draft_id, *q]) == 0
    assert "De route is compleet." in capsys.readouterr().out
    with DraftStore() as store:
        assert store.get(draft_id).status == wf.GEREED
        assert [s for _, s, _, _ in store.status_history(draft_id)][-2:] == [wf.TER_PARAFERING, wf.GEREED]
