"""Pure core: ordering, numbering, states, decisions, and the versioned store."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

import pytest

from desktop.domain.forms import default_formset
from desktop.secretariat import meeting as m
from desktop.secretariat import numbers, versioned
from desktop.secretariat.errors import SecretariatError
from desktop.secretariat.store import MeetingStore, ShareLayout
from desktop.share import AlreadyExists, LocalShare
from desktop.share.faults import Faults, FaultyShare
from tests.secretariat.signing import make_trust


def store_at(share: LocalShare | FaultyShare, tmp_path: Path) -> MeetingStore:
    return MeetingStore(ShareLayout(share), make_trust(share, tmp_path / "local"))


def port_order(naam: str) -> int:
    return default_formset().config.order_of("portefeuillehouders", naam)


def item(sid: str, port: str, kind: str = "hamerstuk", **kw) -> m.AgendaItem:
    return m.AgendaItem(
        inzending=sid, registratienummer=f"BD 12.{sid:0>7}", onderwerp=f"Stuk {sid}",
        portefeuillehouder=port, directie="Bestuursdienst", steller="J. de Vries",
        behandeling=kind, besluit=["in te stemmen met het plan;", "de raad te informeren."], **kw,
    )


def new_meeting() -> m.Meeting:
    return m.Meeting(datum=date(2012, 3, 13), sluiting=datetime(2012, 3, 8, 12, 0))


def test_automatic_order_hamerstukken_first_then_by_portefeuillehouder() -> None:
    mt = new_meeting()
    m.place(mt, item("1", "Wethouder Pastoor", "bespreekstuk"), port_order)
    m.place(mt, item("2", "Wethouder Dekker", "hamerstuk"), port_order)
    m.place(mt, item("3", "Burgemeester Rehwinkel", "bespreekstuk"), port_order)
    m.place(mt, item("4", "Wethouder Visscher", "hamerstuk"), port_order)
    assert [it.inzending for _, it in mt.numbered()] == ["4", "2", "3", "1"]
    assert [n for n, _ in mt.numbered()] == [1, 2, 3, 4]


def test_manual_move_then_auto_order_restores() -> None:
    mt = new_meeting()
    for sid, port in (("1", "Wethouder Visscher"), ("2", "Wethouder Pastoor")):
        m.place(mt, item(sid, port), port_order)
    m.move(mt, "2", 1)
    assert [it.inzending for it in mt.items] == ["2", "1"]
    m.auto_order(mt, port_order)
    assert [it.inzending for it in mt.items] == ["1", "2"]
    with pytest.raises(SecretariatError, match="bestaat niet"):
        m.move(mt, "1", 5)


def test_items_placed_after_freeze_are_na_agenda_and_last() -> None:
    mt = new_meeting()
    m.place(mt, item("1", "Wethouder Pastoor", "bespreekstuk"), port_order)
    m.freeze(mt)
    m.place(mt, item("2", "Burgemeester Rehwinkel", "hamerstuk"), port_order)
    assert mt.items[-1].inzending == "2" and mt.items[-1].na_agenda
    assert not mt.items[0].na_agenda
    with pytest.raises(SecretariatError, match="vastgesteld"):
        m.remove(mt, "1")


def test_states_and_decisions() -> None:
    mt = new_meeting()
    with pytest.raises(SecretariatError, match="lege agenda"):
        m.freeze(mt)
    m.place(mt, item("1", "Wethouder Visscher"), port_order)
    m.place(mt, item("2", "Wethouder Pastoor"), port_order)
    with pytest.raises(SecretariatError, match="concept"):
        m.decide(mt, "1", "conform", "sec")
    m.freeze(mt)
    d = m.decide(mt, "1", "conform", "sec")
    assert d.tekst == "Het college besluit: I. in te stemmen met het plan; II. de raad te informeren."
    assert mt.status == "vastgesteld"
    with pytest.raises(SecretariatError, match="gewijzigde besluittekst"):
        m.decide(mt, "2", "gewijzigd", "sec")
    with pytest.raises(SecretariatError, match="Onbekende uitkomst"):
        m.decide(mt, "2", "misschien", "sec")
    m.decide(mt, "2", "aangehouden", "sec")
    assert mt.status == "besloten"
    m.mark_published(mt)
    assert mt.status == "gepubliceerd"
    with pytest.raises(SecretariatError, match="gepubliceerd"):
        m.mark_published(mt)
    again = m.Meeting.from_json(mt.to_json())
    assert again.to_json() == mt.to_json()


def test_roman_numerals() -> None:
    assert [m.roman(i) for i in (1, 4, 5, 9, 10, 14)] == ["I", "IV", "V", "IX", "X", "XIV"]


def test_versioned_store_refuses_stale_copy(tmp_path: Path) -> None:
    store = store_at(LocalShare(tmp_path), tmp_path)
    store.create(date(2012, 3, 13), datetime(2012, 3, 8, 12), "anna")
    copy_a = store.load("2012-03-13")
    copy_b = store.load("2012-03-13")
    m.place(copy_a, item("1", "Wethouder Visscher"), port_order)
    store.save(copy_a, "anna")
    m.place(copy_b, item("2", "Wethouder Pastoor"), port_order)
    with pytest.raises(versioned.StaleError, match="anna") as info:
        store.save(copy_b, "bert")
    assert "NIET opgeslagen" in str(info.value)
    latest = store.load("2012-03-13")
    assert [it.inzending for it in latest.items] == ["1"]
    assert latest.version == 2
    with pytest.raises(SecretariatError, match="bestaat al"):
        store.create(date(2012, 3, 13), datetime(2012, 3, 8, 12), "bert")


def test_damaged_meeting_file_is_skipped_and_reported(tmp_path: Path) -> None:
    store = store_at(LocalShare(tmp_path), tmp_path)
    store.create(date(2012, 3, 13), datetime(2012, 3, 8, 12), "anna")
    (tmp_path / store.folder("2012-03-13") / "v000002.json").write_text("{kapot", encoding="utf-8")
    assert store.load("2012-03-13").version == 1  # the damaged newest file hides nothing
    assert any("beschadigd" in p.melding and p.waar.endswith("v000002.json") for p in store.trust.problems)
    with pytest.raises(SecretariatError, match="geen datum"):
        store.load("13-03-2012")


def test_numbers_are_sequential_per_directie_and_year(tmp_path: Path) -> None:
    share = make_trust(LocalShare(tmp_path), tmp_path / "local")
    a = numbers.claim_number(share, "nummers", "BD", "s1", "anna", date(2012, 3, 1))
    b = numbers.claim_number(share, "nummers", "BD", "s2", "anna", date(2012, 3, 1))
    c = numbers.claim_number(share, "nummers", "SB", "s3", "anna", date(2012, 3, 1))
    d = numbers.claim_number(share, "nummers", "BD", "s4", "anna", date(2013, 1, 2))
    assert (a, b, c, d) == ("BD 12.0000001", "BD 12.0000002", "SB 12.0000001", "BD 13.0000001")
    with pytest.raises(SecretariatError, match="directiecode"):
        numbers.claim_number(share, "nummers", "bd/..", "s5", "anna")


def test_number_claim_skips_a_number_taken_behind_a_lagging_listing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from tests.shareinit import throwaway_key

    key = throwaway_key()
    share = FaultyShare(tmp_path, Faults(stale_listing_s=60))
    share.list_names("nummers/BD/12")  # the listing is cached while the folder is still empty
    LocalShare(tmp_path).makedirs("nummers/BD/12")
    share.list_names("nummers/BD/12")
    anna = make_trust(LocalShare(tmp_path), tmp_path / "anna", key)
    numbers.claim_number(anna, "nummers", "BD", "s1", "anna", date(2012, 3, 1))
    numbers.claim_number(anna, "nummers", "BD", "s2", "anna", date(2012, 3, 1))
    # A listing that lags (SMB caches directory listings) shows an empty folder.
    assert share.list_names("nummers/BD/12") == []
    bert = make_trust(share, tmp_path / "bert", key)
    assert numbers.claim_number(bert, "nummers", "BD", "s3", "bert", date(2012, 3, 1)) == "BD 12.0000003"


def test_share_gone_while_claiming_is_reported(tmp_path: Path) -> None:
    with pytest.raises(SecretariatError, match="niets toegekend"):
        numbers.claim_number(make_trust(FaultyShare(tmp_path, Faults(read_only=True)), tmp_path / "a"),
                             "nummers", "BD", "s1", "anna")
    assert numbers.issued_numbers(make_trust(LocalShare(tmp_path), tmp_path / "a"), "nummers") == []
    assert not [p for p in (tmp_path / "nummers").rglob("*") if p.is_file()]


def test_share_without_hard_links_stays_exclusive(tmp_path: Path) -> None:
    import errno

    share = FaultyShare(tmp_path, Faults(no_hard_links=True))
    trust = make_trust(share, tmp_path / "local")
    root = tmp_path / "nummers"
    first = numbers.claim_number(trust, "nummers", "BD", "s1", "anna", date(2012, 3, 1))
    second = numbers.claim_number(trust, "nummers", "BD", "s2", "bert", date(2012, 3, 1))
    assert (first, second) == ("BD 12.0000001", "BD 12.0000002")
    with pytest.raises(AlreadyExists):
        share.write_exclusive("nummers/BD/12/0000001.json", b"{}")
    assert errno.EPERM and not [p for p in root.rglob(".tmp-*")]


def test_reader_waits_for_a_young_file_being_written(tmp_path: Path) -> None:
    import threading

    store = store_at(LocalShare(tmp_path), tmp_path)
    store.create(date(2012, 3, 13), datetime(2012, 3, 8, 12), "anna")
    full = (tmp_path / store.folder("2012-03-13") / "v000001.json").read_bytes()
    partial = tmp_path / store.folder("2012-03-13") / "v000002.json"
    partial.write_bytes(full[:20])  # a writer without hard links, half-way
    timer = threading.Timer(0.3, lambda: partial.write_bytes(full))
    timer.start()
    try:
        assert store.load("2012-03-13").status == "concept"
    finally:
        timer.join()


def test_old_temporaries_are_removed_by_any_reader(tmp_path: Path) -> None:
    import os
    import time

    store = store_at(LocalShare(tmp_path), tmp_path)
    store.create(date(2012, 3, 13), datetime(2012, 3, 8, 12), "anna")
    folder = tmp_path / store.folder("2012-03-13")
    old, young = folder / ".tmp-v000002.json.dead", folder / ".tmp-v000002.json.busy"
    old.write_bytes(b"{")
    young.write_bytes(b"{")
    past = time.time() - 25 * 3600
    os.utime(old, (past, past))
    assert store.load("2012-03-13").version == 1
    assert not old.exists() and young.exists()


def test_meeting_from_a_newer_version_is_not_overwritten(tmp_path: Path) -> None:
    import json

    store = store_at(LocalShare(tmp_path), tmp_path)
    store.create(date(2012, 3, 13), datetime(2012, 3, 8, 12), "anna")
    v1 = tmp_path / store.folder("2012-03-13") / "v000001.json"
    data = json.loads(v1.read_text(encoding="utf-8"))
    from desktop.secretariat.meeting import FORMAT

    data.update(formaat=FORMAT + 1, _versie=2, _vorige_versie=1)
    from desktop.queue.signed import content_hash

    data["_vorige_hash"] = content_hash(json.loads(v1.read_text(encoding="utf-8")))
    (tmp_path / store.folder("2012-03-13") / "v000002.json").write_bytes(store.trust.sign(data))
    with pytest.raises(SecretariatError, match="nieuwere versie"):
        store.load("2012-03-13")
