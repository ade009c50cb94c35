"""The secretariat's share operations against the least file work that does the same job.

- ``secretariat_claim_number``: claiming the next registratienummer in a year that already
  has 2,000 numbers, against the floor of listing that folder and creating one durable file
  exclusively (``O_EXCL`` + write + fsync). Goal under 3x.
- ``secretariat_meeting_load``: loading the latest version of a meeting that has been saved
  500 times, against listing its folder and parsing the newest file. Goal under 2x.
"""

from __future__ import annotations

import itertools
import json
import os
import shutil
import tempfile
from datetime import date, datetime
from pathlib import Path
from typing import Any

from benchmarks.harness import Benchmark

N_NUMBERS = 2_000
N_VERSIONS = 500


class _Fixture:
    def __init__(self) -> None:
        self.folder: Path | None = None
        self.counter = itertools.count()
        self.store: Any = None
        self.numbers: Any = None

    def setup(self) -> None:
        if self.folder is not None:
            return
        from desktop.queue.signed import record_bytes
        from desktop.secretariat import meeting as m
        from desktop.secretariat.records import RecordTrust
        from desktop.secretariat.store import MeetingStore, ShareLayout
        from desktop.share import LocalShare
        from tests.shareinit import throwaway_key

        self.folder = Path(tempfile.mkdtemp(prefix="stukken-bench-sec-"))
        key = throwaway_key("bench")
        yy = f"{date.today().year % 100:02d}"
        year = self.folder / "nummers" / "BD" / yy
        year.mkdir(parents=True)
        for i in range(1, N_NUMBERS + 1):  # signed claims, as the secretariat writes them
            (year / f"{i:07d}.json").write_bytes(record_bytes(
                {"_record": f"nummer:BD:{yy}", "_versie": i, "nummer": f"BD {yy}.{i:07d}"}, key))
        (self.folder / "floor").mkdir()
        self.numbers = RecordTrust.for_key(LocalShare(self.folder), self.folder / "lokaal-nummers", key)
        (self.folder / "share").mkdir()
        share = LocalShare(self.folder / "share")
        self.store = MeetingStore(ShareLayout(share), RecordTrust.for_key(share, self.folder / "lokaal", key))
        mt = self.store.create(date(2030, 1, 8), datetime(2030, 1, 3, 12), "bench")
        for i in range(N_VERSIONS - 1):
            if len(mt.items) < 30:
                m.place(mt, m.AgendaItem(inzending=f"s{i}", registratienummer=f"BD 12.{i:07d}",
                                         onderwerp=f"Stuk {i}", portefeuillehouder="Wethouder Visscher",
                                         directie="Bestuursdienst", steller="Bench"), lambda _n: 0)
            self.store.save(mt, "bench")

    def teardown(self) -> None:
        if self.folder is not None:
            shutil.rmtree(self.folder, ignore_errors=True)
        self.folder = None

    def claim_run(self) -> None:
        from desktop.secretariat.numbers import claim_number

        assert self.folder is not None
        claim_number(self.numbers, "nummers", "BD", f"s{next(self.counter)}", "bench")

    def claim_floor(self) -> None:
        assert self.folder is not None
        year = self.folder / "nummers" / "BD" / f"{date.today().year % 100:02d}"
        names = [e.name for e in os.scandir(year)]
        target = self.folder / "floor" / f"{len(names)}-{next(self.counter)}.json"
        fd = os.open(target, os.O_WRONLY | os.O_CREAT | os.O_EXCL)
        try:
            os.write(fd, b'{"nummer": "x"}')
            os.fsync(fd)
        finally:
            os.close(fd)

    def load_run(self) -> None:
        self.store.load("2030-01-08")

    def load_floor(self) -> None:
        folder = self.folder / "share" / self.store.folder("2030-01-08")  # type: ignore[operator]
        latest = max(e.name for e in os.scandir(folder))
        json.loads((folder / latest).read_bytes())


def benchmarks() -> list[Benchmark]:
    fx = _Fixture()
    return [
        Benchmark(name="secretariat_claim_number", run=fx.claim_run, floor=fx.claim_floor, goal=3.0,
                  repeat=30, setup=fx.setup, teardown=fx.teardown),
        Benchmark(name="secretariat_meeting_load", run=fx.load_run, floor=fx.load_floor, goal=2.0,
                  repeat=30, setup=fx.setup, teardown=fx.teardown),
    ]
