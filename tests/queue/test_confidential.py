"""Vertrouwelijk and Geheim stukken: only id and state in the clear, readable by the secretariat only."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from tests.queue.conftest import bundle_dir, listing, load

SECRET = "Grondaankoop Reitdiephaven"


@pytest.fixture
def confidential(attachments: list[Any]) -> Any:
    return load(
        "a4tje_full.json",
        onderwerp=SECRET,
        classificatie="Geheim",
        geheim_grond="Gemeentewet art. 25, Woo art. 5.1 lid 2 sub b",
        bijlagen=[a.name for a in attachments],
    )


def all_bytes(folder: Path) -> bytes:
    return b"".join(p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file())


def test_confidential_stuk_is_unreadable_without_the_secretariat_key(
    go: Any, share: Path, confidential: Any, attachments: list[Any], sec_key: Any
) -> None:
    from desktop.queue.crypto import DecryptError
    from desktop.queue.secretariat_keypair import decrypt_bundle, generate_key
    from desktop.share import LocalShare

    result = go(confidential, attachments=attachments)
    folder = bundle_dir(share, result.submission_id)
    assert sorted(p.name for p in folder.iterdir()) == [
        "handtekening.json", "inhoud.enc", "manifest.json", "meta.json", "sleutels.json"
    ]
    blob = all_bytes(folder)
    for secret in (SECRET.encode(), b"J. de Vries", b"Koepelplan", b"%PDF", b"Geheim"):
        assert secret not in blob
    meta = json.loads((folder / "meta.json").read_bytes())
    assert set(meta) == {"format", "version", "submission_id", "vertrouwelijk"}

    # A colleague lists the share: sees an id, not the subject or the author.
    entry = listing(share).entries[0]
    assert entry["onderwerp"] == "(vertrouwelijk)" and entry["steller"] == "(versleuteld)"
    assert entry["verificatie"] == "versleuteld"

    fs = LocalShare(share)
    with pytest.raises(DecryptError):
        decrypt_bundle(fs, f"ingediend/{result.submission_id}", [])
    other = generate_key("Niet gepubliceerd")
    with pytest.raises(DecryptError, match="niet versleuteld voor uw sleutel"):
        decrypt_bundle(fs, f"ingediend/{result.submission_id}", [other])

    files = decrypt_bundle(fs, f"ingediend/{result.submission_id}", [sec_key])
    inner = json.loads(files["meta.json"])
    assert inner["onderwerp"] == SECRET and inner["classificatie"] == "Geheim"
    assert files["bijlagen/Koepelplan.pdf"] == attachments[0].path.read_bytes()
    assert files["stuk.docx"].startswith(b"PK")

    # The secretariat's own listing decrypts and checks the sender's key.
    from desktop.queue.reader import QueueReader

    mine = QueueReader(fs, secretariat_keys=[sec_key], grace_s=0).list().entries[0]
    assert mine["onderwerp"] == SECRET and mine["steller"] == "J. de Vries"
    assert mine["verificatie"] == "vertrouwd"


def test_tampered_ciphertext_fails_verification(go: Any, share: Path, confidential: Any, attachments: list[Any], sec_key: Any) -> None:
    result = go(confidential, attachments=attachments)
    enc = bundle_dir(share, result.submission_id) / "inhoud.enc"
    data = bytearray(enc.read_bytes())
    data[40] ^= 1
    enc.write_bytes(bytes(data))
    assert listing(share).entries[0]["verificatie"] == "mislukt"


def test_each_published_key_can_decrypt(go: Any, share: Path, confidential: Any, attachments: list[Any], sec_key: Any) -> None:
    from desktop.queue.secretariat_key_files import publish
    from desktop.queue.secretariat_keypair import decrypt_bundle, generate_key
    from desktop.share import LocalShare

    second = generate_key("Bert")
    publish(LocalShare(share), second)
    result = go(confidential, attachments=attachments)
    for key in (sec_key, second):
        files = decrypt_bundle(LocalShare(share), f"ingediend/{result.submission_id}", [key])
        assert json.loads(files["meta.json"])["onderwerp"] == SECRET


def test_no_published_key_refuses_a_confidential_stuk(go: Any, confidential: Any, attachments: list[Any], record: Any) -> None:
    from desktop.queue.submit import SubmitRefused

    with pytest.raises(SubmitRefused, match="sleutel van het secretariaat"):
        go(confidential, attachments=attachments)
    assert record.all() == []


def test_offline_confidential_stuk_is_sealed_when_the_share_returns(
    go: Any, share: Path, record: Any, confidential: Any, attachments: list[Any], sec_key: Any
) -> None:
    """Never seen the secretariat's keys and offline: staged, encrypted at delivery."""
    from desktop.queue import protocol as P
    from desktop.queue.delivery import deliver_outbox
    from desktop.queue.secretariat_keypair import decrypt_bundle
    from desktop.share import LocalShare
    from desktop.share.faults import Faults, FaultyShare

    faults = Faults(missing=True)
    result = go(confidential, attachments=attachments, fs=FaultyShare(share, faults))
    assert result.state == P.WAITING
    faults.missing = False
    report = deliver_outbox(record=record, fs_for=lambda d: FaultyShare(Path(d), faults))
    assert report.delivered == [result.submission_id]
    assert SECRET.encode() not in all_bytes(bundle_dir(share, result.submission_id))
    files = decrypt_bundle(LocalShare(share), f"ingediend/{result.submission_id}", [sec_key])
    assert json.loads(files["meta.json"])["onderwerp"] == SECRET


def test_keyring_gone_at_late_sealing_keeps_the_stuk_and_the_round_going(
    go: Any, share: Path, record: Any, confidential: Any, attachments: list[Any], sec_key: Any, a4tje: Any
) -> None:
    import keyring
    from keyring.backends import fail

    from desktop.config.paths import data_dir
    from desktop.queue import protocol as P
    from desktop.queue.delivery import deliver_outbox
    from desktop.queue.secretariat_keypair import OWN_KEYS_FILE
    from desktop.share.faults import Faults, FaultyShare

    (data_dir() / OWN_KEYS_FILE).unlink()  # the steller's own machine: no secretariat key of its own
    faults = Faults(missing=True)
    secret = go(confidential, attachments=attachments, fs=FaultyShare(share, faults))
    plain = go(a4tje, draft_id="open", fs=FaultyShare(share, faults))
    faults.missing = False
    previous = keyring.get_keyring()
    keyring.set_keyring(fail.Keyring())
    try:
        report = deliver_outbox(record=record, fs_for=lambda d: FaultyShare(Path(d), faults))
    finally:
        keyring.set_keyring(previous)
    assert report.delivered == [plain.submission_id]
    assert "sleutelbos" in report.problems[secret.submission_id]
    assert record.get(secret.submission_id).state == P.WAITING
    assert deliver_outbox(record=record).delivered == [secret.submission_id]


def test_site_allowlist_limits_the_secretariat_keys(
    go: Any, share: Path, tmp_path: Path, confidential: Any, attachments: list[Any], sec_key: Any,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A key someone slipped into sleutels/ is not used when IT lists the real ones."""
    from desktop.queue.secretariat_key_files import publish
    from desktop.queue.secretariat_keypair import decrypt_bundle, generate_key
    from desktop.queue.secretariat_keys import published_keys
    from desktop.share import LocalShare
    from tests.shareinit import init_share

    (share / "stukken-share.json").unlink()
    init_share(share, sec_key)  # the share of the real secretariat (the site list names its key)
    intruder = generate_key("Indringer")
    publish(LocalShare(share), intruder)
    site = tmp_path / "site"
    site.mkdir()
    (site / "secretariaat-sleutels.txt").write_text(f"# Anna\n{sec_key.key_id}\n", encoding="utf-8")
    monkeypatch.setenv("STUKKEN_SITE_DIR", str(site))
    assert [k.key_id for k in published_keys(LocalShare(share))] == [sec_key.key_id]
    result = go(confidential, attachments=attachments)
    header = json.loads((bundle_dir(share, result.submission_id) / "sleutels.json").read_bytes())
    assert [r["key_id"] for r in header["recipients"]] == [sec_key.key_id]
    from desktop.queue.crypto import DecryptError

    with pytest.raises(DecryptError):
        decrypt_bundle(LocalShare(share), f"ingediend/{result.submission_id}", [intruder])
