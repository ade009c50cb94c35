"""Malformed bundles go to quarantine with a reason; the reader never crashes; temporaries age out."""

from __future__ import annotations

import json
import os
import shutil
import time
import uuid
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from tests.queue.conftest import bundle_dir, listing


def resign(folder: Path) -> None:
    """Re-sign a bundle after a change, so only the malformation itself is wrong."""
    from desktop.queue.bundle import seal
    from desktop.queue.keys import load_identity

    files = {p.relative_to(folder).as_posix(): p.read_bytes() for p in folder.rglob("*") if p.is_file()}
    plain = {k: v for k, v in files.items() if k not in ("manifest.json", "handtekening.json")}
    sealed = seal(plain, folder.name, load_identity())
    for name in ("manifest.json", "handtekening.json"):
        (folder / name).write_bytes(sealed[name])


def bad_json_meta(f: Path) -> None:
    (f / "meta.json").write_bytes(b'{"format": "stukken-bundel", "version": 1, ')
    resign(f)


def bad_json_manifest(f: Path) -> None:
    (f / "manifest.json").write_bytes(b"{niet: json")


def missing_document(f: Path) -> None:
    (f / "stuk.docx").unlink()


def missing_signature(f: Path) -> None:
    (f / "handtekening.json").unlink()


def unknown_version(f: Path) -> None:
    meta = json.loads((f / "meta.json").read_bytes())
    meta["version"] = 99
    (f / "meta.json").write_text(json.dumps(meta), encoding="utf-8")
    resign(f)
    manifest = json.loads((f / "manifest.json").read_bytes())
    manifest["version"] = 99
    (f / "manifest.json").write_text(json.dumps(manifest), encoding="utf-8")


def huge_file(f: Path) -> None:
    with open(f / "stuk.docx", "r+b") as fh:
        fh.truncate(600 * 1024 * 1024)  # sparse: costs no disk


def huge_json(f: Path) -> None:
    with open(f / "meta.json", "r+b") as fh:
        fh.truncate(17 * 1024 * 1024)
    resign_manifest_only = json.loads((f / "manifest.json").read_bytes())
    assert resign_manifest_only  # the manifest itself is fine; meta.json is the problem


def dotdot_in_manifest(f: Path) -> None:
    manifest = json.loads((f / "manifest.json").read_bytes())
    manifest["files"]["../../buiten.txt"] = {"sha256": "0" * 64, "size": 1}
    (f / "manifest.json").write_text(json.dumps(manifest), encoding="utf-8")


def separator_in_file_name(f: Path) -> None:
    (f / "bijlagen").mkdir(exist_ok=True)
    (f / "bijlagen" / "a\\..\\b.txt").write_bytes(b"x")
    resign(f)


def symlinked_file(f: Path) -> None:
    (f / "stuk.docx").unlink()
    os.symlink("/etc/passwd", f / "stuk.docx")


def unknown_subfolder(f: Path) -> None:
    (f / "scripts").mkdir()
    (f / "scripts" / "x.bat").write_bytes(b"echo")


def id_mismatch(f: Path) -> None:
    meta = json.loads((f / "meta.json").read_bytes())
    meta["submission_id"] = str(uuid.uuid4())
    (f / "meta.json").write_text(json.dumps(meta), encoding="utf-8")
    resign(f)


CASES: dict[str, tuple[Callable[[Path], None], str]] = {
    "bad_json_meta": (bad_json_meta, "geen geldige JSON"),
    "bad_json_manifest": (bad_json_manifest, "geen geldige JSON"),
    "missing_document": (missing_document, "ontbreekt"),
    "missing_signature": (missing_signature, "ontbreekt"),
    "unknown_version": (unknown_version, "onbekende versie"),
    "huge_file": (huge_file, "te groot"),
    "huge_json": (huge_json, "te groot"),
    "dotdot_in_manifest": (dotdot_in_manifest, "ongeldige bestandsnaam"),
    "separator_in_file_name": (separator_in_file_name, "ongeldige bestandsnaam"),
    "symlinked_file": (symlinked_file, "symlink"),
    "unknown_subfolder": (unknown_subfolder, "onbekende map"),
    "id_mismatch": (id_mismatch, "past niet bij de mapnaam"),
}


def quarantined(share: Path) -> dict[str, dict[str, Any]]:
    q = share / "quarantaine"
    reasons = {p.name[: -len(".reden.json")]: json.loads(p.read_bytes()) for p in q.glob("*.reden.json")}
    moved = {p.name for p in q.iterdir() if not p.name.endswith(".reden.json")}
    assert moved == set(reasons), "every quarantined entry has its reason file"
    return reasons


@pytest.mark.parametrize("case", sorted(CASES))
def test_malformed_bundle_is_quarantined_with_a_reason(case: str, go: Any, share: Path, a4tje: Any) -> None:
    damage, expected = CASES[case]
    good = go(a4tje)
    a4tje.values["onderwerp"] = "Een tweede stuk"
    bad = go(a4tje, draft_id="ander")
    damage(bundle_dir(share, bad.submission_id))
    result = listing(share)
    assert [e["id"] for e in result.entries] == [good.submission_id]
    assert [q["name"] for q in result.quarantined] == [bad.submission_id]
    assert not bundle_dir(share, bad.submission_id).exists()
    reasons = quarantined(share)
    (reason,) = reasons.values()
    assert expected in reason["reason"], reason
    assert reason["original"] == f"ingediend/{bad.submission_id}"
    # A second listing is calm: nothing more to move, the good one still there.
    again = listing(share)
    assert [e["id"] for e in again.entries] == [good.submission_id] and again.quarantined == []


@pytest.mark.parametrize(
    "make",
    ["plain_file", "symlinked_bundle", "not_an_id", "backslash_name", "dot_name"],
)
def test_odd_entries_in_the_submitted_folder_are_quarantined(make: str, go: Any, share: Path, a4tje: Any, tmp_path: Path) -> None:
    good = go(a4tje)
    sub = share / "ingediend"
    if make == "plain_file":
        (sub / str(uuid.uuid4())).write_bytes(b"geen map")
    elif make == "symlinked_bundle":
        elsewhere = tmp_path / "elders"
        shutil.copytree(bundle_dir(share, good.submission_id), elsewhere)
        os.symlink(elsewhere, sub / str(uuid.uuid4()))
    elif make == "not_an_id":
        shutil.copytree(bundle_dir(share, good.submission_id), sub / "mijn-stuk")
    elif make == "backslash_name":
        (sub / "..\\..\\windows").mkdir()
    else:
        (sub / "..hidden").mkdir()
    result = listing(share)
    assert [e["id"] for e in result.entries] == [good.submission_id]
    assert len(result.quarantined) == 1
    assert len(quarantined(share)) == 1
    if make == "symlinked_bundle":
        assert (tmp_path / "elders").is_dir()  # the link moved, its target untouched


def test_a_bundle_missing_files_gets_a_grace_period(go: Any, share: Path, a4tje: Any) -> None:
    """A listing that lags may show a folder before its files: wait before quarantining."""
    result = go(a4tje)
    (bundle_dir(share, result.submission_id) / "stuk.docx").unlink()
    young = listing(share, grace_s=3600)
    assert young.entries == [] and young.waiting == [result.submission_id] and young.quarantined == []
    assert listing(share, grace_s=0).quarantined[0]["name"] == result.submission_id


def test_stale_listing_is_tolerated(go: Any, share: Path, a4tje: Any) -> None:
    from desktop.queue.reader import QueueReader
    from desktop.share.faults import Faults, FaultyShare

    first = go(a4tje)
    faults = Faults(stale_listing_s=60)
    reader = QueueReader(FaultyShare(share, faults), grace_s=0)
    assert [e["id"] for e in reader.list().entries] == [first.submission_id]
    a4tje.values["onderwerp"] = "Tweede"
    second = go(a4tje, draft_id="tweede")
    shutil.rmtree(bundle_dir(share, first.submission_id))  # gone, but the lagging listing still shows it
    lagging = reader.list()
    # Neither crash nor quarantine; a bundle seen before may show until the listing catches up.
    assert second.submission_id not in [e["id"] for e in lagging.entries] and lagging.quarantined == []
    faults.stale_listing_s = 0
    assert [e["id"] for e in reader.list().entries] == [second.submission_id]


def test_old_temporaries_are_cleaned_young_ones_kept(share: Path) -> None:
    from desktop.queue.reader import QueueReader
    from desktop.share import LocalShare

    tmp = share / "tmp"
    old = tmp / f"{uuid.uuid4()}.1.abc.tmp"
    young = tmp / f"{uuid.uuid4()}.2.def.tmp"
    for d in (old, young):
        d.mkdir(parents=True)
        (d / "meta.json").write_bytes(b"{}")
    day_ago = time.time() - 25 * 3600
    os.utime(old, (day_ago, day_ago))
    result = QueueReader(LocalShare(share)).list()
    assert result.removed_temporaries == 1
    assert not old.exists() and young.exists()


def test_reader_survives_a_share_it_cannot_write(go: Any, share: Path, a4tje: Any) -> None:
    """Without write access a malformed bundle stays, unlisted, and nothing crashes."""
    from desktop.queue.reader import QueueReader
    from desktop.share.faults import Faults, FaultyShare

    result = go(a4tje)
    (bundle_dir(share, result.submission_id) / "manifest.json").write_bytes(b"kapot")
    listed = QueueReader(FaultyShare(share, Faults(read_only=True)), grace_s=0).list()
    assert listed.entries == [] and listed.quarantined == []
    assert bundle_dir(share, result.submission_id).exists()


def test_a_vanished_share_is_not_an_empty_queue(share: Path) -> None:
    from desktop.queue.reader import QueueReader
    from desktop.share import LocalShare, ShareError
    from desktop.share.faults import Faults, FaultyShare

    assert QueueReader(LocalShare(share)).list().entries == []  # present but empty
    with pytest.raises(ShareError, match="niet bereikbaar"):
        QueueReader(FaultyShare(share, Faults(missing=True))).list()
