"""``queue_list_10k``: listing a queue folder of 10,000 bundles against a flat ``os.scandir``.

The fixture builds one real bundle (the real export's .docx, one attachment) and
copies it 10,000 times, each copy re-sealed (hashed and signed) under its own id.
The first listing builds the local index (timed, reported as ``first_listing_s``);
every measured run is a later listing.

Floor: one flat ``os.scandir`` of ``ingediend/`` (the names of the bundles, nothing
inside them). Bundles are immutable once published (issue 11), so a later listing
only has to notice new names and read the bundles it has not seen: goal under 2x.
For reference the details also give the ratio to the old floor, a recursive
``os.scandir`` with every entry's ``stat``.
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
    for _ in range(5):
        start = time.perf_counter()
        _recursive_stat()
        walks.append(time.perf_counter() - start)
    _state["recursive_stat_s"] = statistics.median(walks)


def run() -> None:
    listing = _state["reader"].list()
    if len(listing.entries) != COUNT:
        raise AssertionError(f"listed {len(listing.entries)} of {COUNT}")


def floor() -> None:
    with os.scandir(os.path.join(_state["root"], "ingediend")) as it:
        names = [e.name for e in it]
    if len(names) != COUNT:
        raise AssertionError(f"scandir saw {len(names)} of {COUNT}")


def _recursive_stat() -> None:
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
        "recursive_stat_s": round(_state["recursive_stat_s"], 4),
        "ratio_to_recursive_stat": round(one / _state["recursive_stat_s"], 2),
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
