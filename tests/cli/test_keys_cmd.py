"""``sleutels``: the secretariat keys with fingerprint and trust, and trusting a person's key."""

from __future__ import annotations

import base64
import json
import os
from pathlib import Path
from typing import Any

import pytest

from tests.cli.conftest import fixture_json


def published_key_id(cli: Any) -> str:
    run = cli("meeting", "keys", "--nieuw")
    assert run.code == 0, run.err
    key_id = run.out.split(":", 1)[1].split()[0]
    queue = Path(os.environ["STUKKEN_QUEUE_DIR"])
    assert not queue.exists()  # making a key never touches the share
    run = cli("meeting", "init")  # the one command that makes the share and publishes the key
    assert run.code == 0, run.err
    assert (queue / "sleutels" / "secretariaat" / f"{key_id}.json").is_file()
    return key_id


def test_keys_show_the_site_list(cli: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    key_id = published_key_id(cli)
    run = cli("sleutels", "--json")
    assert run.code == 0, run.err
    [row] = run.json()["secretariaat"]
    # No site folder: this computer's own key may act (and is pinned as trusted here).
    assert row["key_id"] == key_id and row["vertrouwen"] == "vertrouwd" and len(row["vingerafdruk"]) == 39
    assert row["eigen"] is True  # this computer made it
    site = tmp_path / "site"
    site.mkdir()
    monkeypatch.setenv("STUKKEN_SITE_DIR", str(site))
    (site / "secretariaat-sleutels.txt").write_text("# alleen deze\nandere-sleutel\n", "utf-8")
    assert cli("sleutels", "--json").json()["secretariaat"][0]["vertrouwen"] == "niet op de lijst"
    (site / "secretariaat-sleutels.txt").write_text(f"{key_id}\n", "utf-8")
    assert cli("sleutels", "--json").json()["secretariaat"][0]["vertrouwen"] == "vertrouwd"
    assert key_id in cli("sleutels").out


def test_a_published_but_unlisted_key_is_named_as_such(cli: Any, tmp_path: Path,
                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    published_key_id(cli)
    site = tmp_path / "site"
    site.mkdir()
    (site / "secretariaat-sleutels.txt").write_text("andere-sleutel\n", "utf-8")
    monkeypatch.setenv("STUKKEN_SITE_DIR", str(site))
    data = fixture_json("a4tje_full")
    data["values"].update(bijlagen=[], classificatie="Vertrouwelijk")
    draft = tmp_path / "vertrouwelijk.json"
    draft.write_text(json.dumps(data), "utf-8")
    run = cli("submit", str(draft), "--no-layout")
    assert run.code == 1
    assert "secretariaat-sleutels.txt" in run.err and "nog geen sleutel" not in run.err


def test_trust_a_changed_key_by_its_fingerprint(cli: Any) -> None:
    from desktop.queue.keys import fingerprint
    from desktop.queue.trust import CHANGED_KEY, TRUSTED, TrustStore

    first, second = (base64.b64encode(bytes([n]) * 32).decode() for n in (1, 2))
    store = TrustStore()
    store.check("jdevries", first)
    assert store.check("jdevries", second).state == CHANGED_KEY
    rows = cli("sleutels", "--json").json()["personen"]
    assert {r["vertrouwen"] for r in rows} == {"nieuwe sleutel", "niet vertrouwd"}
    fp = fingerprint(bytes([2]) * 32)
    run = cli("sleutels", "--vertrouw", fp)
    assert run.code == 0, run.err
    assert store.check("jdevries", second).state == TRUSTED
    assert cli("sleutels", "--vertrouw", "0000:1111").code == 2
