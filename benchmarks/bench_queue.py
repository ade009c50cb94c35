"""``queue_list_10k``: listing a queue folder of 10,000 bundles against ``os.scandir``.

The fixture builds one real bundle (the real export's .docx, one attachment) and
copies it 10,000 times, each copy re-sealed (hashed and signed) under its own id.
The first listing builds the local index (timed, reported as ``first_listing_s``);
every measured run is a later listing. Bundles are immutable once published, so a
later listing reads ``ingediend/`` flat and opens no bundle it has seen (a changed
bundle is caught when it is used: ``QueueReader.recheck``).

Floor: a flat ``os.scandir`` of ``ingediend/`` (names and types, no stat). For
reference the details also give the ratio to a recursive scandir with a stat of every
file, the floor of the old design that re-checked every file on every poll.
"""

from __future__ import annotations

import json
import os
import shutil
import statistics
import tempfile
import time
import uuid
from pathlib import Path
from typing import Any

from benchmarks.harness import Benchmark

COUNT = 10_000
_state: dict[str, Any] = {}


def _build(root: Path) -> None:
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

    from desktop.domain.draft import load_draft_file
    from desktop.export.docx_export import export_bytes
    from desktop.queue import protocol as P
    from desktop.queue.bundle import seal
    from desktop.queue.keys import Identity

    repo = Path(__file__).resolve().parent.parent
    draft = load_draft_file(repo / "tests" / "fixtures" / "a4tje_full.json")
    draft.values["bijlagen"] = ["Bijlage.pdf"]
    docx = export_bytes(draft)
    identity = Identity(Ed25519PrivateKey.generate().private_bytes_raw(), "bench@host")
    attachment = b"%PDF-1.4 " + os.urandom(20_000)
    submitted = root / P.SUBMITTED
    submitted.mkdir(parents=True)
    for i in range(COUNT):
        sid = str(uuid.uuid4())
        meta = {
            "format": P.BUNDLE_FORMAT, "version": P.FORMAT_VERSION, "submission_id": sid,
            "created": P.now_iso(), "supersedes": None, "draft_id": None, "form": draft.form,
            "form_version": draft.form_version, "onderwerp": f"Stuk {i}", "steller": "J. de Vries",
            "os_account": "bench@host", "classificatie": "Openbaar", "document": P.DOCUMENT,
            "bijlagen": [{"name": "Bijlage.pdf", "file": "bijlagen/Bijlage.pdf", "size": len(attachment)}],
            "draft": draft.to_json(),
        }
        plain = {
            P.META: json.dumps(meta, ensure_ascii=False).encode("utf-8"),
            P.DOCUMENT: docx,
            "bijlagen/Bijlage.pdf": attachment,
        }
        folder = submitted / sid
        (folder / "bijlagen").mkdir(parents=True)
        for rel, data in seal(plain, sid, identity).items():
            (folder / rel).write_bytes(data)


def setup() -> None:
    from desktop.queue.reader import QueueReader
    from desktop.share import LocalShare

    tmp = Path(tempfile.mkdtemp(prefix="bench-queue-"))
    _state["tmp"] = tmp
    root = tmp / "share"
    start = time.perf_counter()
    _build(root)
    _state["build_s"] = time.perf_counter() - start
    reader = QueueReader(LocalShare(root), index_file=tmp / "index.json", grace_s=0)
    start = time.perf_counter()
    first = reader.list()
    _state["first_listing_s"] = time.perf_counter() - start
    assert len(first.entries) == COUNT and not first.quarantined
    _state["reader"] = reader
    _state["root"] = root
    # A second reader that loads the saved index, as the next start of the program would.
    start = time.perf_counter()
    QueueReader(LocalShare(root), index_file=tmp / "index.json", grace_s=0).list()
    _state["restart_listing_s"] = time.perf_counter() - start
    walks = []
    for _ in range(3):
        start = time.perf_counter()
        _recursive()
        walks.append(time.perf_counter() - start)
    _state["recursive_s"] = statistics.median(walks)


def run() -> None:
    listing = _state["reader"].list()
    if len(listing.entries) != COUNT:
        raise AssertionError(f"listed {len(listing.entries)} of {COUNT}")


def floor() -> None:
    with os.scandir(os.path.join(_state["root"], "ingediend")) as it:
        for e in it:
            e.is_dir(follow_symlinks=False)


def _recursive() -> None:
    stack = [os.path.join(_state["root"], "ingediend")]
    while stack:
        with os.scandir(stack.pop()) as it:
            for e in it:
                e.stat(follow_symlinks=False)
                if e.is_dir(follow_symlinks=False):
                    stack.append(e.path)


def details() -> dict[str, Any]:
    start = time.perf_counter()
    run()
    one = time.perf_counter() - start
    return {
        "bundles": COUNT,
        "build_fixture_s": round(_state["build_s"], 2),
        "first_listing_s": round(_state["first_listing_s"], 3),
        "restart_listing_s": round(_state["restart_listing_s"], 3),
        "recursive_stat_s": round(_state["recursive_s"], 4),
        "ratio_to_recursive_stat": round(one / _state["recursive_s"], 2),
    }


def teardown() -> None:
    tmp = _state.pop("tmp", None)
    if tmp is not None:
        shutil.rmtree(tmp, ignore_errors=True)
    _state.clear()


def benchmarks() -> list[Benchmark]:
    return [
        Benchmark(
            name="queue_list_10k",
            run=run,
            floor=floor,
            goal=2.0,
            repeat=7,
            setup=setup,
            teardown=teardown,
            details=details,
        )
    ]
