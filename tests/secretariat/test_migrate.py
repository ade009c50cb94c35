"""``meeting migreer`` and ``meeting keys --overdragen`` on a share written by the version before
signed records (``fixtures/share_v1``, made by ``fixtures/make_share_v1.py``)."""

from __future__ import annotations

import json
import shutil
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from desktop.secretariat.errors import SecretariatError

FIXTURE = Path(__file__).parent / "fixtures"


@pytest.fixture
def old_share(tmp_path: Path) -> tuple[Path, list[str]]:
    """A copy of the old share, and this machine holding the old secretary's key (as she would)."""
    import keyring

    from desktop.config.paths import data_dir

    queue = tmp_path / "oud"
    shutil.copytree(FIXTURE / "share_v1", queue)
    saved = json.loads((FIXTURE / "share_v1_keyring.json").read_text(encoding="utf-8"))
    for both, secret in saved["keyring"].items():
        service, user = both.split("|", 1)
        keyring.set_password(service, user, secret)
    data_dir().mkdir(parents=True, exist_ok=True)
    (data_dir() / "secretariaat-sleutels.json").write_text(json.dumps(saved["own_keys"]), encoding="utf-8")
    return queue, saved["ids"]


def _sec(queue: Path, tmp_path: Path, name: str = "anna") -> Any:
    from desktop.secretariat.service import Secretariaat

    return Secretariaat(queue, actor=f"{name.title()} ({name})", data_dir=tmp_path / name)


def _files(queue: Path) -> dict[str, bytes]:
    return {str(p.relative_to(queue)): p.read_bytes() for p in sorted(queue.rglob("*")) if p.is_file()}


def test_migrate_signs_an_old_share_once_and_the_cycle_goes_on(old_share: tuple[Path, list[str]],
                                                                tmp_path: Path) -> None:
    from desktop.secretariat import publishing
    from desktop.secretariat.audit import scan
    from desktop.secretariat.migrate import migrate

    queue, ids = old_share
    sec = _sec(queue, tmp_path)
    assert sec.list_meetings() == []  # unsigned: nothing believed ...
    assert any("niet ondertekend" in p.melding for p in sec.problems)  # ... and every file reported
    assert "records ondertekend" in migrate(sec)
    fresh = _sec(queue, tmp_path, "bert")
    assert [mt.key for mt in fresh.list_meetings()] == ["2030-06-04", "2030-06-11"]
    assert fresh.meetings.load("2030-06-04").status == "gepubliceerd"
    assert fresh.zaken.load(ids[2])[1]["status"] == "teruggestuurd"
    kinds = [e["soort"] for e in __import__("desktop.secretariat.events", fromlist=["x"]).read_all(
        fresh.trust, fresh.layout.log)]
    assert kinds[:2] == ["nieuwe_sleutel_aanvaard", "aanvaard"] and kinds[-1] == "gemigreerd"
    assert scan(fresh) == []  # every record signed and every chain whole
    with pytest.raises(SecretariatError, match="al gemigreerd"):
        migrate(fresh)
    # The honest cycle goes on: the number sequence continues, the open meeting is decided and published.
    sec = _sec(queue, tmp_path)
    sec.freeze("2030-06-11")
    sec.decide("2030-06-11", ids[1], "conform")
    assert publishing.publish(sec, "2030-06-11").meeting.status == "gepubliceerd"
    assert scan(_sec(queue, tmp_path, "carla")) == []


def test_migrate_refuses_records_that_contradict_each_other(old_share: tuple[Path, list[str]],
                                                            tmp_path: Path) -> None:
    from desktop.secretariat.migrate import migrate

    queue, ids = old_share
    zaak = queue / "secretariaat" / "zaken" / ids[1] / "v000001.json"
    data = json.loads(zaak.read_text(encoding="utf-8"))
    yy = date.today().year % 100
    data["registratienummer"] = f"SB {yy:02d}.0000001"  # the number of another, accepted stuk
    zaak.write_text(json.dumps(data), encoding="utf-8")
    before = _files(queue)
    with pytest.raises(SecretariatError, match="tegen") as info:
        migrate(_sec(queue, tmp_path))
    assert "SB" in str(info.value)
    assert _files(queue) == before  # nothing signed, nothing moved


def test_hand_over_resigns_a_leaving_secretarys_records(old_share: tuple[Path, list[str]], tmp_path: Path,
                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    from desktop.queue.anchor import SITE_ALLOWLIST
    from desktop.queue.secretariat_key_files import publish
    from desktop.secretariat.audit import scan
    from desktop.secretariat.migrate import hand_over, migrate
    from desktop.share import LocalShare
    from tests.shareinit import throwaway_key

    queue, ids = old_share
    anna = _sec(queue, tmp_path)
    migrate(anna)
    old_id = anna._signing_key().key_id
    bert_key = throwaway_key("bert")
    publish(LocalShare(queue), bert_key)
    # IT's list: both secretaries, while anna hands over.
    site = tmp_path / "site"
    site.mkdir()
    (site / SITE_ALLOWLIST).write_text(f"# secretariaat\n{old_id}\n{bert_key.key_id}\n", encoding="utf-8")
    monkeypatch.setenv("STUKKEN_SITE_DIR", str(site))
    bert = _sec(queue, tmp_path, "bert")
    bert._key = bert_key
    with pytest.raises(SecretariatError, match="eigen sleutel"):
        hand_over(bert, bert_key.key_id)
    assert "opnieuw ondertekend" in hand_over(bert, old_id)
    assert json.loads((queue / "stukken-share.json").read_text(encoding="utf-8"))["key_id"] == bert_key.key_id
    # IT delists anna's key: only bert's is on the site list now.
    (site / SITE_ALLOWLIST).write_text(f"# secretariaat\n{bert_key.key_id}\n", encoding="utf-8")
    carla = _sec(queue, tmp_path, "carla")
    assert [mt.key for mt in carla.list_meetings()] == ["2030-06-04", "2030-06-11"]
    assert scan(carla) == []  # nothing became a problem: meetings, zaken, numbers, log, status files
    carla._key = bert_key  # carla works with the key that stays: the open meeting goes on
    carla.freeze("2030-06-11")
    assert carla.decide("2030-06-11", ids[1], "conform")[0].status == "besloten"
    with pytest.raises(SecretariatError, match=r"niet \(meer\) vertrouwd"):
        hand_over(carla, old_id)  # a delisted key's records are never re-signed afterwards
