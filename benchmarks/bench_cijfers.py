"""``cijfers_year``: the figures of a meetmoment from a record of 2,500 stukken (one Groningen
year), against the floor of reading the same record files (list the month folders, parse
every JSON file of the event log and the arrival measurements), in the same run. Goal under 3x.

The record is written in the format the services write (``events.record`` names and fields, signed
and chained; signed ``arrivals`` records), straight to a local folder: the benchmark measures
reading, verifying and computing.
"""

from __future__ import annotations

import json
import os
import random
import shutil
import tempfile
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Any

from benchmarks.harness import Benchmark

N_STUKKEN = 2_500
TZ = timezone(timedelta(hours=1))
DIRECTIES = (("StadBeheer", "Wethouder Visscher"), ("Sociale Zaken en Werk", "Wethouder Pastoor"),
             ("DIA", "Burgemeester Rehwinkel"), ("Bestuursdienst", "Burgemeester Rehwinkel"),
             ("Concernstaf", "Wethouder Dekker"), ("Onderwijs, Cultuur, Sport en Welzijn", "Wethouder Gijsbertsen"))
RULES = ("max_words", "readability", "besluitpunten", "one_page", "telefoon")


def _write(path: Path, data: dict[str, Any]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(json.dumps(data, ensure_ascii=False, indent=2, sort_keys=True).encode("utf-8"))


class _Fixture:
    def __init__(self) -> None:
        self.folder: Path | None = None
        self.sec: Any = None
        self.period: Any = None
        self.events: list[dict[str, Any]] = []
        self.key: Any = None

    def _event(self, kind: str, sid: str, when: datetime, **details: Any) -> None:
        self.events.append({**details, "soort": kind, "door": "bench", "op": when.isoformat(timespec="milliseconds"),
                            "onderwerp_id": sid, "_record": "logboek", "_wanneer": when})

    def _signed(self, path: Path, data: dict[str, Any]) -> None:
        from desktop.queue.signed import record_bytes

        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(record_bytes(data, self.key))

    def _write_log(self) -> None:
        """The events as the log's hash chain, in time order."""
        from desktop.queue.signed import content_hash

        assert self.folder is not None
        prev: dict[str, Any] | None = None
        for seq, event in enumerate(sorted(self.events, key=lambda e: str(e["op"])), start=1):
            when = event.pop("_wanneer")
            event.update(_versie=seq, _vorige_versie=seq - 1, _vorige_hash=content_hash(prev) if prev else "")
            self._signed(self.folder / "secretariaat" / "logboek" / when.strftime("%Y-%m") / f"{seq:09d}.json", event)
            prev = event

    def setup(self) -> None:
        if self.folder is not None:
            return
        from desktop.secretariat.records import RecordTrust
        from desktop.secretariat.service import Secretariaat
        from desktop.share import LocalShare
        from tests.shareinit import throwaway_key

        rnd = random.Random(16)
        self.key = throwaway_key("bench")
        self.folder = Path(tempfile.mkdtemp(prefix="stukken-bench-cijfers-"))
        start = datetime(2027, 1, 5, 9, tzinfo=TZ)
        meetings = [start + timedelta(days=7 * w + 7) for w in range(53)]
        for m in meetings:
            self._event("vergadering_aangemaakt", m.date().isoformat(), m - timedelta(days=14),
                        sluiting=(m - timedelta(days=5)).isoformat(timespec="minutes"))
        for i in range(N_STUKKEN):
            sid = f"bench-{i:05d}"
            directie, port = DIRECTIES[i % len(DIRECTIES)]
            arrived = start + timedelta(minutes=int(i * 360 * 24 * 60 / N_STUKKEN))
            per_rule = {r: {"opmerkingen": rnd.randint(1, 2)} for r in RULES if rnd.random() < 0.2}
            self._signed(self.folder / "secretariaat" / "aankomsten" / arrived.strftime("%Y-%m") / f"{sid}.json", {
                "_record": f"aankomst:{sid}", "formaat": 1, "inzending": sid, "aangekomen": arrived.isoformat(timespec="seconds"),
                "directie": directie, "portefeuillehouder": port, "soort": "collegevoorstel", "vervangt": "",
                "meetbaar": True, "formulier": "a4tje", "regels_versie": "0.1.0/a4tje-v1/regels-bench",
                "fouten": 0, "opmerkingen": sum(c["opmerkingen"] for c in per_rule.values()),
                "per_regel": per_rule, "flesch_douma": round(rnd.uniform(20, 80), 1),
                "paginavulling": round(rnd.uniform(0.5, 1.0), 3),
                "woorden": {f: {"woorden": rnd.randint(10, 120), "budget": b}
                            for f, b in (("samenvatting", 80), ("aanleiding", 60), ("argumenten", 100),
                                         ("financien", 40), ("besluit", 40))},
                "besluitpunten": rnd.randint(1, 5),
            })
            when = arrived + timedelta(hours=rnd.randint(1, 48))
            if rnd.random() < 0.1:
                self._event("teruggestuurd", sid, when, reden=rnd.choice(("Onvolledig: bijlage", "Te lang")))
                continue
            self._event("aanvaard", sid, when, directie=directie, registratienummer=f"BD 27.{i:07d}",
                        formulier="a4tje", aangekomen=arrived.isoformat(), fouten=0, opmerkingen=0, vervangt="")
            meeting = next(m for m in meetings if m - timedelta(days=3) > when)
            self._event("geagendeerd", sid, when + timedelta(hours=2), vergadering=meeting.date().isoformat(),
                        behandeling="hamerstuk", na_agenda=False)
            if rnd.random() < 0.08:
                self._event("besloten", sid, meeting, vergadering=meeting.date().isoformat(), uitkomst="aangehouden")
                meeting += timedelta(days=7)
            self._event("besloten", sid, meeting + timedelta(hours=1), vergadering=meeting.date().isoformat(),
                        uitkomst="conform")
            self._event("teruggekoppeld", sid, meeting + timedelta(days=1), vergadering=meeting.date().isoformat(),
                        uitkomst="conform")
        self._write_log()
        self.sec = Secretariaat(self.folder, actor="bench", data_dir=self.folder / "lokaal")
        self.sec.trust = RecordTrust.for_key(LocalShare(self.folder), self.folder / "lokaal", self.key)
        from desktop.secretariat.cijfers_service import choose

        self.period = choose(self.sec, "2027-3")

    def teardown(self) -> None:
        if self.folder is not None:
            shutil.rmtree(self.folder, ignore_errors=True)
        self.folder = None

    def run(self) -> None:
        from desktop.secretariat.cijfers_service import figures

        fig = figures(self.sec, self.period, with_survey=False)
        assert fig["trend"][-2]["ingediend"] > 700, fig["trend"][-2]

    def floor(self) -> None:
        assert self.folder is not None
        for part in ("logboek", "aankomsten"):
            root = self.folder / "secretariaat" / part
            for month in os.scandir(root):
                for entry in os.scandir(month.path):
                    json.loads(Path(entry.path).read_bytes())


def benchmarks() -> list[Benchmark]:
    fx = _Fixture()
    return [Benchmark(name="cijfers_year", run=fx.run, floor=fx.floor, goal=3.0, repeat=5,
                      setup=fx.setup, teardown=fx.teardown)]
