"""Tampering with any file of a bundle fails verification when the bundle is used (bundles are immutable)."""

from __future__ import annotations

import base64
import json
import os
from pathlib import Path
from typing import Any

import pytest

from tests.queue.conftest import bundle_dir, listing, recheck

FILES = [
    "meta.json",
    "stuk.docx",
    "bijlagen/Koepelplan.pdf",
    "bijlagen/Financieel overzicht.xlsx",
    "manifest.json",
    "handtekening.json",
]


def flip(path: Path) -> None:
    """Change one byte in the middle, keeping the JSON files parseable."""
    data = bytearray(path.read_bytes())
    if path.name == "handtekening.json":
        doc = json.loads(data)
        sig = bytearray(base64.b64decode(doc["signature"]))
        sig[5] ^= 1
        doc["signature"] = base64.b64encode(bytes(sig)).decode()
        path.write_text(json.dumps(doc), encoding="utf-8")
        return
    if path.suffix == ".json":
        text = data.decode()
        i = text.index('"sha256": "') + 12 if path.name == "manifest.json" else text.index("Koepelplan")
        ch = "0" if text[i] != "0" else "1"
        path.write_text(text[:i] + ch + text[i + 1 :], encoding="utf-8")
        return
    data[len(data) // 2] ^= 0x20
    path.write_bytes(bytes(data))


@pytest.mark.parametrize("rel", FILES)
def test_changing_any_file_fails_verification(
    rel: str, go: Any, share: Path, with_attachments: Any, attachments: list[Any]
) -> None:
    result = go(with_attachments, attachments=attachments)
    good = listing(share).entries
    assert good[0]["verificatie"] == "nieuwe sleutel"
    flip(bundle_dir(share, result.submission_id) / rel)
    entries = [recheck(share, result.submission_id)]
    assert entries[0] is not None
    assert entries[0]["verificatie"] == "mislukt", entries[0]
    assert entries[0]["melding"]


def test_an_added_file_fails_verification(go: Any, share: Path, a4tje: Any) -> None:
    result = go(a4tje)
    (bundle_dir(share, result.submission_id) / "extra.exe").write_bytes(b"MZ")
    entry = listing(share).entries[0]
    assert entry["verificatie"] == "mislukt" and "extra.exe" in entry["melding"]


def test_resigned_by_another_key_is_a_changed_key(go: Any, share: Path, a4tje: Any) -> None:
    """Someone rewrites the bundle and signs it with their own key: a visible warning."""
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

    from desktop.queue.keys import Identity
    from desktop.queue.trust import TrustStore

    result = go(a4tje)
    folder = bundle_dir(share, result.submission_id)
    meta = json.loads((folder / "meta.json").read_bytes())
    signer = json.loads((folder / "handtekening.json").read_bytes())["public_key"]
    TrustStore().accept(meta["os_account"], signer)  # bound, as the first acceptance does
    meta["onderwerp"] = "Iets anders"
    (folder / "meta.json").write_text(json.dumps(meta), encoding="utf-8")
    from desktop.queue.bundle import seal

    files = {p.relative_to(folder).as_posix(): p.read_bytes() for p in folder.rglob("*") if p.is_file()}
    plain = {k: v for k, v in files.items() if k not in ("manifest.json", "handtekening.json")}
    raw = Ed25519PrivateKey.generate().private_bytes_raw()
    sealed = seal(plain, result.submission_id, Identity(raw, meta["os_account"]))
    for name in ("manifest.json", "handtekening.json"):
        (folder / name).write_bytes(sealed[name])
    entry = recheck(share, result.submission_id)
    assert entry["verificatie"] == "gewijzigde sleutel"
    assert "Gewijzigde sleutel" in entry["melding"]


def test_accepting_a_key_clears_the_new_key_warning(go: Any, share: Path, a4tje: Any) -> None:
    from desktop.queue.trust import TrustStore

    go(a4tje)
    entry = listing(share).entries[0]
    TrustStore().accept(entry["os_account"], entry["public_key"])
    assert listing(share).entries[0]["verificatie"] == "vertrouwd"


def test_a_changed_bundle_is_caught_when_it_is_used(go: Any, share: Path, a4tje: Any) -> None:
    from desktop.queue.reader import QueueReader
    from desktop.share import LocalShare

    result = go(a4tje)
    reader = QueueReader(LocalShare(share), grace_s=0)
    assert reader.list().entries[0]["verificatie"] == "vertrouwd"
    doc = bundle_dir(share, result.submission_id) / "stuk.docx"
    data = bytearray(doc.read_bytes())
    data[100] ^= 1  # same size ...
    st = doc.stat()
    doc.write_bytes(bytes(data))
    os.utime(doc, ns=(st.st_atime_ns, st.st_mtime_ns + 1_000_000))  # ... only the time differs
    # A poll does not open a bundle it has seen (immutable once published) ...
    assert reader.list().entries[0]["verificatie"] == "vertrouwd"
    # ... the bytes are checked again when the bundle is used, and the index remembers it.
    assert reader.recheck(result.submission_id)["verificatie"] == "mislukt"
    assert reader.list().entries[0]["verificatie"] == "mislukt"
    # A new reader (the next start) reads the index from the data folder and agrees.
    assert QueueReader(LocalShare(share), grace_s=0).list().entries[0]["verificatie"] == "mislukt"


def test_a_damaged_index_or_trust_list_is_rebuilt_not_fatal(go: Any, share: Path, a4tje: Any) -> None:
    from desktop.queue.reader import QueueReader, index_path
    from desktop.queue.trust import TrustStore
    from desktop.share import LocalShare

    go(a4tje)
    listing(share)
    index_path(share).write_bytes(b"\x00kapot")
    TrustStore().path.write_bytes(b"{niet json")
    entries = QueueReader(LocalShare(share), trust=TrustStore(), grace_s=0).list().entries
    assert len(entries) == 1 and entries[0]["verificatie"] == "nieuwe sleutel"
    assert list(TrustStore().path.parent.glob("*.onleesbaar-*"))  # kept aside for inspection
