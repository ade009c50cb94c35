"""Submitting: the bundle, its hashes and signature, idempotent retries, supersede, limits."""

from __future__ import annotations

import hashlib
import json
import zipfile
from pathlib import Path
from typing import Any

import pytest

from tests.queue.conftest import bundle_dir, listing, load


def test_submitted_bundle_is_complete_signed_and_listed(go: Any, share: Path, with_attachments: Any, attachments: list[Any]) -> None:
    from desktop.queue import protocol as P

    result = go(with_attachments, attachments=attachments)
    assert result.state == P.SUBMITTED_STATE
    folder = bundle_dir(share, result.submission_id)
    names = sorted(p.relative_to(folder).as_posix() for p in folder.rglob("*") if p.is_file())
    assert names == sorted(
        ["meta.json", "stuk.docx", "manifest.json", "handtekening.json",
         "bijlagen/Koepelplan.pdf", "bijlagen/Financieel overzicht.xlsx"]
    )
    manifest = json.loads((folder / "manifest.json").read_bytes())
    for rel, spec in manifest["files"].items():
        assert hashlib.sha256((folder / rel).read_bytes()).hexdigest() == spec["sha256"]
    meta = json.loads((folder / "meta.json").read_bytes())
    assert meta["submission_id"] == result.submission_id
    assert meta["draft"]["values"]["onderwerp"] == "Koepelplan Stadsbeheer 2012"
    assert meta["form"] == "a4tje" and meta["form_version"] == 1 and meta["os_account"]
    assert zipfile.ZipFile(folder / "stuk.docx").testzip() is None  # a real .docx
    entries = listing(share).entries
    assert [e["id"] for e in entries] == [result.submission_id]
    assert entries[0]["verificatie"] == "nieuwe sleutel"  # trust on first use, with a warning
    assert entries[0]["steller"] == "J. de Vries"
    # Nothing is left in the outbox or among the temporaries.
    assert list((share / "tmp").iterdir()) == []


def test_same_draft_twice_is_one_submission(go: Any, share: Path, a4tje: Any) -> None:
    first = go(a4tje, draft_id="d1")
    again = go(a4tje, draft_id="d1")
    assert again.submission_id == first.submission_id and again.already
    assert len(list((share / "ingediend").iterdir())) == 1


def test_retry_after_an_unnoticed_success_does_not_duplicate(go: Any, share: Path, record: Any, a4tje: Any) -> None:
    """The first try reached the share but the process died before it knew: the id decides."""
    from desktop.queue import protocol as P
    from desktop.queue.delivery import _copy_bundle, deliver_outbox
    from desktop.queue.record import SEALED_DIR
    from desktop.share import LocalShare

    result = go(a4tje, deliver=False)
    assert result.state == P.WAITING
    staged = record.staged_dir(result.submission_id) / SEALED_DIR
    assert _copy_bundle(LocalShare(share), result.submission_id, staged) is True
    report = deliver_outbox(record=record)
    assert report.delivered == [result.submission_id]
    assert [p.name for p in (share / "ingediend").iterdir()] == [result.submission_id]
    assert record.get(result.submission_id).state == P.SUBMITTED_STATE
    assert not record.staged_dir(result.submission_id).exists()


def test_a_changed_draft_supersedes_the_returned_one(go: Any, share: Path, record: Any, a4tje: Any, sec_key: Any) -> None:
    from desktop.queue import protocol as P
    from desktop.queue.secretariat_keys import write_status
    from desktop.queue.status import refresh_status
    from desktop.share import LocalShare

    first = go(a4tje, draft_id="d7")
    write_status(LocalShare(share), sec_key, first.submission_id, P.RETURNED, reason="Financiën ontbreken.")
    changes = refresh_status(record=record)
    assert [(c.new, c.detail) for c in changes] == [(P.RETURNED, "Financiën ontbreken.")]
    a4tje.values["financien"] = "Het krediet dekken we uit de reserve."
    second = go(a4tje, draft_id="d7")
    assert second.supersedes == first.submission_id
    meta = json.loads((bundle_dir(share, second.submission_id) / "meta.json").read_bytes())
    assert meta["supersedes"] == first.submission_id
    assert {e["supersedes"] for e in listing(share).entries} == {"", first.submission_id}


def test_a_placed_stuk_cannot_be_submitted_again(go: Any, share: Path, record: Any, a4tje: Any, sec_key: Any) -> None:
    from desktop.queue import protocol as P
    from desktop.queue.secretariat_keys import write_status
    from desktop.queue.status import refresh_status
    from desktop.queue.submit import SubmitRefused
    from desktop.share import LocalShare

    first = go(a4tje, draft_id="d8")
    write_status(LocalShare(share), sec_key, first.submission_id, P.SCHEDULED, meeting_date="2012-03-06")
    refresh_status(record=record)
    a4tje.values["vervolg"] = "Anders."
    with pytest.raises(SubmitRefused, match="al op de agenda"):
        go(a4tje, draft_id="d8")


def test_validation_errors_refuse_and_stage_nothing(go: Any, record: Any) -> None:
    from desktop.queue.submit import SubmitRefused

    draft = load("a4tje_full.json", onderwerp="", bijlagen=[])
    with pytest.raises(SubmitRefused) as info:
        go(draft)
    assert "fout" in str(info.value) and info.value.findings
    assert record.all() == [] and not record.outbox.exists()


def test_attachment_over_the_limit_has_a_clear_message(go: Any, tmp_path: Path, record: Any) -> None:
    from desktop.queue.bundle import Attachment, BundleError

    big = tmp_path / "groot.pdf"
    big.write_bytes(b"x" * 3000)
    draft = load("a4tje_full.json", bijlagen=["groot.pdf"])
    with pytest.raises(BundleError, match=r"groot\.pdf.*de grens is"):
        go(draft, attachments=[Attachment("groot.pdf", big)], max_attachment_bytes=2048)
    assert record.all() == []


def test_unsafe_attachment_names_are_made_safe(go: Any, share: Path, tmp_path: Path) -> None:
    from desktop.queue.bundle import Attachment

    f = tmp_path / "a.txt"
    f.write_bytes(b"inhoud")
    draft = load("a4tje_full.json", bijlagen=['plan: "versie 2"?.pdf'])
    result = go(draft, attachments=[Attachment('plan: "versie 2"?.pdf', f)])
    files = [p.name for p in (bundle_dir(share, result.submission_id) / "bijlagen").iterdir()]
    assert files == ["plan_ _versie 2__.pdf"]
    assert listing(share).entries[0]["verificatie"] != "mislukt"


def test_no_keyring_gives_a_dutch_message_and_keeps_nothing_half(go: Any, record: Any, a4tje: Any) -> None:
    import keyring
    from keyring.backends import fail

    from desktop.queue.keys import KeyUnavailable

    keyring.set_keyring(fail.Keyring())
    with pytest.raises(KeyUnavailable) as info:
        go(a4tje)
    assert "sleutelbos" in str(info.value) and "NoKeyringError" in info.value.detail
    assert record.all() == []


def test_no_keyring_on_the_command_line(tmp_path: Path, share: Path, capsys: pytest.CaptureFixture[str]) -> None:
    import keyring
    from keyring.backends import fail

    from desktop.cli.main import main

    keyring.set_keyring(fail.Keyring())
    src = tmp_path / "stuk.json"
    src.write_text(json.dumps(load("a4tje_full.json", bijlagen=[]).to_json()), encoding="utf-8")
    code = main(["submit", str(src), "--queue", str(share), "--no-layout"])
    err = capsys.readouterr().err
    assert code == 2
    assert "geen sleutelbos" in err and "Traceback" not in err


def test_attachment_paths_in_the_draft_become_names_in_the_bundle(go: Any, share: Path, attachments: list[Any]) -> None:
    draft = load("a4tje_full.json", bijlagen=[str(a.path) for a in attachments])
    result = go(draft, attachments=attachments)
    meta = json.loads((bundle_dir(share, result.submission_id) / "meta.json").read_bytes())
    assert meta["draft"]["values"]["bijlagen"] == ["Koepelplan.pdf", "Financieel overzicht.xlsx"]
    assert draft.values["bijlagen"][0] == str(attachments[0].path)  # the caller's draft is untouched
