"""The trust anchor: IT's site list (and its offline copy), or pins without a site folder.

Every decision goes through ``trusted_secretariat_keys``; these tests drive it directly, the
attacks with real processes are in tests/trust/."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import pytest


def _published(share: Path, name: str) -> Any:
    """A secretariat key of another machine, published in the share (anyone can do that)."""
    from desktop.queue.secretariat_key_files import publish
    from desktop.share import LocalShare
    from tests.shareinit import throwaway_key

    key = throwaway_key(name)
    publish(LocalShare(share), key)
    return key


def _trusted(share: Path | None) -> set[str]:
    from desktop.queue.secretariat_keys import trusted_secretariat_keys
    from desktop.share import LocalShare

    return set(trusted_secretariat_keys(LocalShare(share) if share else None))


def test_the_site_list_is_the_only_source_and_its_copy_serves_offline(
    share: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from desktop.queue.anchor import current

    anna, mallory = _published(share, "Anna"), _published(share, "Mallory")
    site = tmp_path / "site"
    site.mkdir()
    monkeypatch.setenv("STUKKEN_SITE_DIR", str(site))
    assert _trusted(share) == set()  # a site folder without the list: no key at all
    assert "geen secretariaat-sleutels.txt" in current().message

    (site / "secretariaat-sleutels.txt").write_text(f"# IT\n{anna.key_id}   # Anna\n", encoding="utf-8")
    assert _trusted(share) == {anna.key_id}  # Mallory's published key is not on it
    assert mallory.key_id not in _trusted(share)

    shutil.move(site, tmp_path / "weg")  # the laptop goes offline: the copy of the list serves
    assert _trusted(share) == {anna.key_id} and "laatst gelezen lijst" in current().message
    assert _trusted(None) == {anna.key_id}  # and the share out of reach too: the cached keys

    monkeypatch.setenv("STUKKEN_SITE_DIR", str(tmp_path / "nooit-gezien"))
    shutil.rmtree(tmp_path / "userdata" / "sitemap-kopie")  # never read, no copy: trust nothing
    assert _trusted(share) == set() and "geen eerder gelezen lijst" in current().message


def test_site_config_is_used_from_the_copy_while_offline(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from desktop.config.settings import site_defaults

    site = tmp_path / "site"
    site.mkdir()
    (site / "config.toml").write_text("[instellingen]\nwachtrij_map = 'S:/stukken'\n", encoding="utf-8")
    monkeypatch.setenv("STUKKEN_SITE_DIR", str(site))
    assert site_defaults() == {"wachtrij_map": "S:/stukken"}
    shutil.rmtree(site)
    assert site_defaults() == {"wachtrij_map": "S:/stukken"}


def test_without_a_site_folder_the_first_keys_are_pinned_and_a_new_one_waits(share: Path) -> None:
    from desktop.cli.main import main
    from desktop.queue.anchor import PinStore

    anna = _published(share, "Anna")
    assert _trusted(share) == {anna.key_id}  # first sight: pinned
    mallory = _published(share, "Mallory")
    assert _trusted(share) == {anna.key_id}  # later: waits for confirmation
    [pending] = [p for p in PinStore().pins() if p.key_id == mallory.key_id]
    assert not pending.accepted
    assert main(["sleutels", "--vertrouw", pending.fingerprint, "--queue", str(share)]) == 0
    assert _trusted(share) == {anna.key_id, mallory.key_id}


def test_own_key_acts_only_when_the_anchor_allows(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from desktop.queue.secretariat_keypair import generate_key
    from desktop.queue.secretariat_keys import NotTrusted, acting_key

    with pytest.raises(NotTrusted, match="geen sleutel van het secretariaat"):
        acting_key()
    key = generate_key("Anna")
    assert acting_key().key_id == key.key_id  # no site folder: holding a key is enough
    site = tmp_path / "site"
    site.mkdir()
    (site / "secretariaat-sleutels.txt").write_text("iemand-anders\n", encoding="utf-8")
    monkeypatch.setenv("STUKKEN_SITE_DIR", str(site))
    with pytest.raises(NotTrusted, match=key.key_id):
        acting_key()
    (site / "secretariaat-sleutels.txt").write_text(f"{key.key_id}\n", encoding="utf-8")
    assert acting_key().key_id == key.key_id


def test_a_document_naming_a_trusted_key_id_but_signed_by_another_key_is_not_believed(share: Path) -> None:
    from desktop.queue import protocol as P
    from desktop.queue.secretariat_keys import signed_by_trusted, trusted_secretariat_keys
    from desktop.share import LocalShare
    from tests.shareinit import throwaway_key

    anna = _published(share, "Anna")
    trusted = trusted_secretariat_keys(LocalShare(share))
    forger = throwaway_key("Mallory")
    doc = {"format": P.STATUS_FORMAT, "key_id": anna.key_id, "state": "besloten"}
    assert not signed_by_trusted(P.sign_document(doc, forger.sign, forger.public.ed25519_public), trusted)
    assert signed_by_trusted(P.sign_document(doc, anna.sign, anna.public.ed25519_public), trusted)


def test_a_damaged_pin_list_trusts_nothing_new(share: Path) -> None:
    from desktop.config.paths import data_dir
    from desktop.queue.anchor import PINS_FILE

    anna = _published(share, "Anna")
    assert _trusted(share) == {anna.key_id}
    (data_dir() / PINS_FILE).write_text("{kapot", encoding="utf-8")  # damaged (a crash, a sync tool)
    assert _trusted(share) == set()  # not "first sight" again: every key waits for confirmation
    assert list(data_dir().glob("secretariaat-sleutels-vastgezet.onleesbaar-*"))  # kept for inspection
