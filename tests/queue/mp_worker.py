"""A separate process for the multi-process queue test: ``write``, ``read`` or ``deliver``.

Run as ``python tests/queue/mp_worker.py MODE SHARE ...`` with its own data folder,
HOME and a file keyring in the environment (tests only). Prints one line per event,
flushed, so a SIGKILL loses nothing that was reported.
"""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(REPO))


def say(line: str) -> None:
    sys.stdout.write(line + "\n")
    sys.stdout.flush()


def write(share: Path, writer: int, count: int) -> None:
    from desktop.config.paths import data_dir
    from desktop.domain.draft import Draft
    from desktop.export.docx_export import export_bytes
    from desktop.queue.bundle import Attachment
    from desktop.queue.submit import submit
    from tests.steller import steller_record

    record = steller_record(data_dir())
    data = json.loads((REPO / "tests" / "fixtures" / "a4tje_full.json").read_text(encoding="utf-8"))
    data["values"]["bijlagen"] = []
    base = Draft.from_json(data)
    docx = export_bytes(base)  # one real document, reused: the queue is under test here
    att = Path(sys.argv[5]) if len(sys.argv) > 5 else None
    for i in range(count):
        draft = base.copy()
        key = f"w{writer}-{i:04d}"
        draft.values["onderwerp"] = f"Stuk {key}"
        attachments = []
        if att is not None and i % 3 == 0:
            draft.values["bijlagen"] = [att.name]
            attachments = [Attachment(att.name, att)]
        result = submit(draft, queue_dir=share, draft_key=key, docx=docx, attachments=attachments, record=record)
        if result.state == "ingediend":
            say(f"OK {key} {result.submission_id}")
        else:
            say(f"WAIT {key} {result.submission_id}")


def read(share: Path, stop: Path) -> None:
    from desktop.queue.reader import QueueReader
    from desktop.queue.trust import TrustStore
    from desktop.share import LocalShare

    reader = QueueReader(LocalShare(share), trust=TrustStore(), grace_s=0)
    seen: set[str] = set()
    rounds = 0
    while True:
        last = stop.exists()
        listing = reader.list()
        rounds += 1
        for q in listing.quarantined:
            say(f"QUARANTINED {q['name']} {q['reason']}")
        for w in listing.waiting:
            say(f"PARTIAL {w}")
        for e in listing.entries:
            if e["verificatie"] not in ("vertrouwd", "nieuwe sleutel"):
                say(f"BAD {e['id']} {e['verificatie']} {e['melding']}")
            if e["id"] not in seen:
                seen.add(e["id"])
                say(f"LISTED {e['id']}")
        if last:
            break
        time.sleep(0.05)
    say(f"ROUNDS {rounds}")


def deliver() -> None:
    from desktop.config.paths import data_dir
    from desktop.queue.delivery import deliver_outbox
    from tests.steller import steller_record

    report = deliver_outbox(steller_record(data_dir()))
    for sid in report.delivered:
        say(f"DELIVERED {sid}")
    for sid in report.waiting:
        say(f"STILL {sid}")


if __name__ == "__main__":
    mode = sys.argv[1]
    if mode == "write":
        write(Path(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4]))
    elif mode == "read":
        read(Path(sys.argv[2]), Path(sys.argv[3]))
    else:
        deliver()
