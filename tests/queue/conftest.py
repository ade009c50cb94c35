"""Fixtures for the queue: a share folder, a steller's record, drafts, a secretariat key."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

REPO = Path(__file__).resolve().parents[2]
FIXTURES = REPO / "tests" / "fixtures"


@pytest.fixture
def share(tmp_path: Path) -> Path:
    from tests.shareinit import init_share

    q = tmp_path / "share"
    init_share(q)
    return q


@pytest.fixture
def record(tmp_path: Path) -> Any:
    from desktop.config.paths import data_dir
    from tests.steller import steller_record

    # The rows in the default database: a stored draft's status is mirrored there.
    return steller_record(tmp_path / "steller", data_dir() / "stukken.sqlite")


def load(name: str, **values: Any) -> Any:
    from desktop.domain.draft import Draft

    data = json.loads((FIXTURES / name).read_text(encoding="utf-8"))
    data["values"].update(values)
    return Draft.from_json(data)


@pytest.fixture
def a4tje() -> Any:
    return load("a4tje_full.json", bijlagen=[])


@pytest.fixture
def attachments(tmp_path: Path) -> list[Any]:
    from desktop.queue.bundle import Attachment

    folder = tmp_path / "bijlagen"
    folder.mkdir()
    pdf = folder / "Koepelplan.pdf"
    pdf.write_bytes(b"%PDF-1.4 koepelplan " * 100)
    xlsx = folder / "Financieel overzicht.xlsx"
    xlsx.write_bytes(b"PK financieel " * 50)
    return [Attachment(pdf.name, pdf), Attachment(xlsx.name, xlsx)]


@pytest.fixture
def with_attachments(attachments: list[Any]) -> Any:
    return load("a4tje_full.json", bijlagen=[a.name for a in attachments])


@pytest.fixture
def go(share: Path, record: Any) -> Any:
    """Submit a draft into ``share`` (docx made by the real export, validation on)."""
    from desktop.queue.submit import submit

    def run(draft: Any, **kw: Any) -> Any:
        kw.setdefault("queue_dir", share)
        kw.setdefault("record", record)
        return submit(draft, **kw)

    return run


@pytest.fixture
def sec_key(share: Path) -> Any:
    """A secretariat key (private part in the test keyring), published in the share."""
    from desktop.queue.secretariat_key_files import publish
    from desktop.queue.secretariat_keypair import generate_key
    from desktop.share import LocalShare

    key = generate_key("Anna")
    publish(LocalShare(share), key)
    return key


def bundle_dir(share: Path, submission_id: str) -> Path:
    return share / "ingediend" / submission_id


def listing(share: Path, **kw: Any) -> Any:
    from desktop.queue.reader import QueueReader
    from desktop.queue.trust import TrustStore
    from desktop.share import LocalShare

    kw.setdefault("grace_s", 0)
    return QueueReader(LocalShare(share), trust=TrustStore(), **kw).list()


def recheck(share: Path, submission_id: str) -> Any:
    """The entry of one bundle verified again on its bytes now (as accepting or placing does)."""
    from desktop.queue.reader import QueueReader
    from desktop.queue.trust import TrustStore
    from desktop.share import LocalShare

    return QueueReader(LocalShare(share), trust=TrustStore(), grace_s=0).recheck(submission_id)
