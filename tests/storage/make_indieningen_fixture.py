"""Make ``fixtures/indieningen_v1/``: a steller's data folder as the separate submissions
record (``indieningen.sqlite``, hand-written schema, before issue 13) left it, with its outbox.

Run once with ``python -m tests.storage.make_indieningen_fixture`` on the code that still
had ``desktop/queue/record.py`` with its own database; the folder is committed so that the
import test starts from what that code wrote, not from what today's code would write.

Rows: one delivered and accepted (status read back), one sent back, one delivered whose
draft is also stored, one replaced before it left the outbox, one waiting in the outbox
(sealed), one withdrawn whose marker waits for the share, one confidential waiting for the
secretariat's keys (plain in the outbox).
"""

from __future__ import annotations

import json
import shutil
import sqlite3
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
TARGET = HERE / "fixtures" / "indieningen_v1"
REPO = HERE.parents[1]


def main() -> int:
    import os
    import tempfile

    import keyring

    from tests.conftest import MemoryKeyring

    keyring.set_keyring(MemoryKeyring())
    work = Path(tempfile.mkdtemp(prefix="indieningen-fixture-"))
    os.environ["STUKKEN_DATA_DIR"] = str(work / "data")
    os.environ["STUKKEN_CONFIG_DIR"] = str(work / "config")

    from desktop.queue.fs import Faults, QueueFS

    from desktop.domain.draft import Draft
    from desktop.queue.record import Record
    from desktop.queue.submit import submit

    base = json.loads((REPO / "tests" / "fixtures" / "a4tje_full.json").read_text(encoding="utf-8"))
    base["values"]["bijlagen"] = []

    def draft(onderwerp: str, **values: object) -> Draft:
        data = json.loads(json.dumps(base))
        data["values"]["onderwerp"] = onderwerp
        data["values"].update(values)
        return Draft.from_json(data)

    share = work / "share"
    share.mkdir()
    gone = QueueFS(share, Faults(missing=True))
    record = Record(work / "steller")
    go = dict(queue_dir=share, record=record, validate=False, docx=b"PK fixture docx")

    accepted = submit(draft("Koepelplan Stadsbeheer 2012"), draft_key="bestand:/home/anna/koepelplan.json", **go)
    returned = submit(draft("Subsidie wijkcentra"), draft_id="5d1c0f3a9b8e4c7d8e9f0a1b2c3d4e5f", **go)
    stored = submit(draft("Verkeersplan binnenstad"), draft_id="0a1b2c3d4e5f40718293a4b5c6d7e8f9", **go)
    old = submit(draft("Parkeerbeleid"), draft_id="77777777777777777777777777777777", fs=gone, **go)
    new = submit(
        draft("Parkeerbeleid", vervolg="Een betere planning."),
        draft_id="77777777777777777777777777777777", fs=gone, **go,
    )
    withdrawn = submit(draft("Evenementenbeleid"), draft_key="bestand:/home/anna/evenementen.json", **go)
    secret = submit(
        draft("Grondaankoop Meerstad", classificatie="Vertrouwelijk"),
        draft_key="bestand:/home/anna/meerstad.json", fs=gone, **go,
    )

    accepted_status = {"format": "stukken-status", "version": 1, "submission_id": accepted.submission_id,
                       "state": "ingediend", "updated": "2012-02-01T10:00:00+00:00",
                       "registratienummer": "BD 12.0000001"}
    record.update(accepted.submission_id, status_json=json.dumps(accepted_status), detail="BD 12.0000001")
    record.update(returned.submission_id, state="teruggestuurd", detail="De financiële paragraaf ontbreekt.")
    record.update(withdrawn.submission_id, state="ingetrokken", detail="Niet meer nodig.", pending_withdrawal=1,
                  status_json=json.dumps({"marker": {"reason": "Niet meer nodig."}}))
    assert record.get(old.submission_id).state == "vervangen"  # type: ignore[union-attr]
    assert record.get(new.submission_id).state == "wacht op verbinding"  # type: ignore[union-attr]
    assert record.get(secret.submission_id).confidential  # type: ignore[union-attr]
    assert record.get(stored.submission_id).state == "ingediend"  # type: ignore[union-attr]

    with sqlite3.connect(record.db_path) as conn:
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        conn.execute("PRAGMA journal_mode=DELETE")
    if TARGET.exists():
        shutil.rmtree(TARGET)
    TARGET.mkdir(parents=True)
    shutil.copy2(record.db_path, TARGET / "indieningen.sqlite")
    shutil.copytree(record.outbox, TARGET / "uitbak")
    expected = {
        "accepted": accepted.submission_id, "returned": returned.submission_id,
        "stored": stored.submission_id, "replaced": old.submission_id, "waiting": new.submission_id,
        "withdrawn": withdrawn.submission_id, "confidential": secret.submission_id,
    }
    (TARGET / "ids.json").write_text(json.dumps(expected, indent=2) + "\n", encoding="utf-8")
    shutil.rmtree(work, ignore_errors=True)
    print(f"wrote {TARGET}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
