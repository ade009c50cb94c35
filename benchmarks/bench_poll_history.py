"""``inbox_poll_history_local``: a later inbox poll does not grow with finished history (local folder).

The same shares as ``inbox_poll_history_smb`` (``build_share``: stukken taken through the whole
cycle by the product's services, plus 10 open ones), on a local folder, at ``SMALL`` and
``5 * SMALL`` finished stukken. Measured: the later poll (``inbox_rows`` of an application that
polled before) at both sizes, and per later poll the share operations (every primitive of the
share layer, stats included) and the names its listings return.

On a local folder a listing of a hundred names costs microseconds; on the SMB mount it costs
milliseconds (103 versions of a kept published meeting: 4.3 ms against 0.9 ms for ten open
bundles). So the goal is on what the poll asks of the share, which does not depend on the
disk: the same operations and the same names listed at 5x the history, and no more names
than the share with the open work alone plus one per meeting folder in view. The time ratio
(5x history against 1x) must stay under 1.3x as well.
"""

from __future__ import annotations

import contextlib
import os
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from benchmarks.bench_share_smb import OPEN, _Poller, _sandbox, build_share
from benchmarks.harness import Custom

SMALL = 60
SIZES = (0, SMALL, 5 * SMALL)
LATER_REPEAT = 15
GOAL = 1.3


class _Count:
    """Share operations (through an installed ``Faults``) and listed names (audit hook) of one poll."""

    def __init__(self) -> None:
        from desktop.share.faults import Faults

        counter = self

        class Counting(Faults):
            def before(self, write: bool) -> None:
                counter.ops += 1

        self.faults = Counting()
        self.ops = 0
        self.listed: list[str] = []
        self.on = False

    def hook(self, event: str, args: tuple[Any, ...]) -> None:
        if self.on and event in ("os.listdir", "os.scandir") and args and isinstance(args[0], (str, os.PathLike)):
            self.listed.append(os.fspath(args[0]))

    def poll(self, fn: Callable[[], Any]) -> tuple[int, int]:
        self.ops, self.listed, self.on = 0, [], True
        try:
            fn()
        finally:
            self.on = False
        names = 0
        for folder in self.listed:
            with contextlib.suppress(OSError):  # a folder that is not there lists nothing
                names += len(os.listdir(folder))
        return self.ops, names


def _later(pollers: dict[int, _Poller]) -> dict[int, float]:
    """Median later poll per size, the sizes alternated so that a busy machine slows all alike."""
    times: dict[int, list[float]] = {size: [] for size in pollers}
    for poller in pollers.values():
        poller.later()
    for _ in range(LATER_REPEAT):
        for size, poller in pollers.items():
            start = time.perf_counter()
            poller.later()
            times[size].append(time.perf_counter() - start)
    return {size: statistics.median(t) for size, t in times.items()}


def measure() -> dict[str, Any]:
    from desktop.share import faults as share_faults

    count = _Count()
    sys.addaudithook(count.hook)  # stays for the process; records only while counting
    figures: dict[str, dict[str, Any]] = {}
    with _sandbox() as work:
        pollers = {}
        for size in SIZES:
            queue = work / f"historie-{size}"
            built = build_share(queue, work, size)
            share_faults.install(count.faults)  # every share opened from here on counts
            try:
                counted = _Poller(queue, work)
                counted.first()
                counted.later()
                ops, names = count.poll(counted.later)
            finally:
                share_faults.uninstall()
            pollers[size] = _Poller(queue, work)
            pollers[size].first()
            figures[str(size)] = {"operaties": ops, "namen": names, "vergaderingen": _meetings_in_view(queue),
                                  "bouw_s": round(built, 1)}
        for size, later in _later(pollers).items():
            figures[str(size)]["later_s"] = round(later, 5)
        if any(p.rows != OPEN for p in pollers.values()):
            raise AssertionError(f"the inbox showed {[p.rows for p in pollers.values()]} rows, expected {OPEN}")
    small, large, alone = figures[str(SMALL)], figures[str(5 * SMALL)], figures["0"]
    ratio = large["later_s"] / small["later_s"]
    same_work = large["operaties"] == small["operaties"] and large["namen"] == small["namen"]
    follows_open = all(f["namen"] <= alone["namen"] + f["vergaderingen"] for f in (small, large))
    return {
        "median_s": large["later_s"], "floor_median_s": small["later_s"], "ratio": ratio, "goal": GOAL,
        "goal_met": ratio < GOAL and same_work and follows_open,
        "zelfde_operaties_bij_5x": same_work, "namen_volgen_open_werk": follows_open,
        "per_afgehandeld": figures,
    }


def _meetings_in_view(queue: Path) -> int:
    folder = queue / "secretariaat" / "vergaderingen"
    return len(os.listdir(folder)) if folder.is_dir() else 0


def benchmarks() -> list[Custom]:
    return [Custom("inbox_poll_history_local", measure)]
