"""Writers for test_kill.py: a zygote that forks processes saving drafts until killed.

The zygote imports everything once and forks a writer per request (a fresh Python
per writer would spend most of the test importing SQLAlchemy). Each writer opens its
own DraftStore after the fork, then loops: it appends ``B`` to its log before each
write and ``D <id> <revision> <onderwerp>`` after the commit returned. A log line is
in the kernel once write() returns, so a ``D`` line is a save reported as done even
when the writer is killed right after.

Protocol on stdin/stdout: ``<tag> <db path> <log path>`` in, the writer's pid out.
"""

from __future__ import annotations

import os
import random
import signal
import sys
from pathlib import Path


def writer(db_path: Path, tag: str, log_path: Path, base) -> None:  # type: ignore[no-untyped-def]
    from desktop.storage.service import DraftStore

    log = os.open(log_path, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o644)

    def emit(text: str) -> None:
        os.write(log, (text + "\n").encode("utf-8"))

    store = DraftStore(db_path, busy_timeout=30)
    emit("R")
    rng = random.Random(tag)
    mine: dict[str, int] = {}
    i = 0
    while True:
        i += 1
        draft = base.copy()
        draft.values["onderwerp"] = f"{tag}-{i}"
        emit("B")
        if not mine or rng.random() < 0.3:
            draft_id = store.create(draft)
            mine[draft_id] = 1
        else:
            draft_id = rng.choice(list(mine))
            mine[draft_id] = store.save(draft_id, draft)
        emit(f"D {draft_id} {mine[draft_id]} {tag}-{i}")


def main() -> int:
    fixture = Path(sys.argv[1])
    from desktop.domain.draft import load_draft_file
    from desktop.domain.forms import default_formset
    from desktop.storage import service  # noqa: F401 - imported once, before forking

    default_formset()
    base = load_draft_file(fixture)
    base.values["argumenten"] = " ".join(["Een lange tekst om de schrijfactie groter te maken."] * 40)
    signal.signal(signal.SIGCHLD, signal.SIG_IGN)  # the kernel reaps killed writers
    for line in sys.stdin:
        tag, db_path, log_path = line.split()
        pid = os.fork()
        if pid == 0:
            try:
                writer(Path(db_path), tag, Path(log_path), base)
            finally:
                os._exit(1)
        sys.stdout.write(f"{pid}\n")
        sys.stdout.flush()
    return 0


if __name__ == "__main__":
    sys.exit(main())
