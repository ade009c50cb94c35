"""The steller's window: start-up and typing, each against a bare PySide6 floor in the same run.

- ``startup_first_paint``: process start to the main window painted, against a process
  that shows a bare QMainWindow (goal < 1.5x: nothing heavy before the first paint).
- ``startup_drafts_listed``: process start to 1,000 drafts listed in the window, against
  the same bare window (goal < 3x).
- ``keystroke_full_a4tje``: keystroke-to-repaint while typing at a steady rhythm in a full
  A4tje (validation, spelling and page meter live) against a bare QPlainTextEdit
  (goal < 3x the floor's median and a 95th percentile under one frame, 16 ms).
- ``memory_idle_main_window``: peak resident memory of the main window with 1,000 drafts after
  the first queue poll (the list, the spelling dictionary and the queue all loaded), against a
  bare PySide6 window in the same run (goal <= 2.5x).
"""

from __future__ import annotations

import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

from benchmarks.harness import Benchmark, Custom

REPO = Path(__file__).resolve().parent.parent
_state: dict[str, Any] = {}


def _env(**extra: str) -> dict[str, str]:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    env.update(extra)
    return env


def _run(args: list[str], env: dict[str, str], expect: str) -> str:
    done = subprocess.run(
        [sys.executable, *args], cwd=REPO, env=env, capture_output=True, text=True, timeout=120
    )
    if expect not in done.stdout:
        raise RuntimeError(f"{args} did not report {expect!r}: {done.stdout[-500:]} {done.stderr[-1500:]}")
    return done.stdout


def _floor() -> None:
    _run(["-m", "benchmarks.ui_driver", "bare_paint"], _env(), "PAINTED")


def _setup_empty() -> None:
    _state["empty"] = tempfile.mkdtemp(prefix="stukken-bench-empty-")


def _first_paint() -> None:
    d = _state["empty"]
    _run(["main.py"], _env(STUKKEN_DATA_DIR=d, STUKKEN_CONFIG_DIR=d, STUKKEN_EXIT_AFTER="painted"), "PAINTED")


def _setup_thousand() -> None:
    folder = tempfile.mkdtemp(prefix="stukken-bench-1000-")
    _state["thousand"] = folder
    os.environ["STUKKEN_DATA_DIR"] = folder
    from desktop.domain.draft import load_draft_file
    from desktop.storage.service import DraftStore

    base = load_draft_file(REPO / "tests" / "fixtures" / "a4tje_full.json")
    drafts = []
    for i in range(1000):
        d = base.copy()
        d.values["onderwerp"] = f"Voorstel {i:04d}: {base.values['onderwerp']}"
        drafts.append(d)
    with DraftStore() as store:
        store.create_many(drafts)


def _listed() -> None:
    d = _state["thousand"]
    _run(["main.py"], _env(STUKKEN_DATA_DIR=d, STUKKEN_CONFIG_DIR=d, STUKKEN_EXIT_AFTER="listed"), "LISTED 1000")


def _teardown(key: str) -> Any:
    def clean() -> None:
        folder = _state.pop(key, None)
        if folder:
            shutil.rmtree(folder, ignore_errors=True)

    return clean


def _p95(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(0.95 * (len(ordered) - 1))))]


def _keys(mode: str, keys: int = 150) -> list[float]:
    out = _run(["-m", "benchmarks.ui_driver", mode, str(keys)], _env(), "latencies")
    line = next(x for x in out.splitlines() if x.startswith("{"))
    return [float(v) for v in json.loads(line)["latencies"]]


def _keystroke() -> dict[str, Any]:
    runs: list[float] = []
    floors: list[float] = []
    for _ in range(3):  # alternated, like the harness does
        floors += _keys("keys_bare")
        runs += _keys("keys_app")
    med, floor_med = statistics.median(runs), statistics.median(floors)
    # A floor of a few microseconds would make the ratio noise; one tenth of a millisecond is
    # below anything a person can see.
    floor_for_ratio = max(floor_med, 1e-4)
    ratio = med / floor_for_ratio
    p95 = _p95(runs)
    return {
        "median_s": med,
        "floor_median_s": floor_med,
        "ratio": ratio,
        "goal": 3.0,
        "goal_met": ratio < 3.0 and p95 < 0.016,
        "p95_ms": round(p95 * 1000, 2),
        "floor_p95_ms": round(_p95(floors) * 1000, 2),
        "max_ms": round(max(runs) * 1000, 2),
        "keystrokes": len(runs),
    }


def _peak_kb(args: list[str], env: dict[str, str]) -> int:
    out = _run(args, env, "POLLED")
    return int(next(x for x in out.splitlines() if x.startswith("POLLED")).split()[2])


def _memory() -> dict[str, Any]:
    """Peak RSS of the main window with 1,000 drafts after the first queue poll, against a bare window."""
    _setup_thousand()
    folder = _state["thousand"]
    env = _env(STUKKEN_DATA_DIR=folder, STUKKEN_CONFIG_DIR=folder, STUKKEN_QUEUE_DIR=str(Path(folder) / "wachtrij"),
               STUKKEN_EXIT_AFTER="polled")
    runs: list[int] = []
    floors: list[int] = []
    try:
        for _ in range(3):  # alternated, like the harness does
            floors.append(_peak_kb(["-m", "benchmarks.ui_driver", "bare_memory"], _env()))
            runs.append(_peak_kb(["main.py"], env))
    finally:
        _teardown("thousand")()
    med, floor_med = statistics.median(runs), statistics.median(floors)
    if not floor_med:
        return {"median_s": None, "floor_median_s": None, "ratio": None, "goal": 2.5, "goal_met": True,
                "note": "geen piekgeheugen op dit platform"}
    ratio = med / floor_med
    return {
        "median_s": None,
        "floor_median_s": None,
        "ratio": ratio,
        "goal": 2.5,
        "goal_met": ratio <= 2.5,
        "peak_mb": round(med / 1024, 1),
        "floor_peak_mb": round(floor_med / 1024, 1),
    }


def benchmarks() -> list[Benchmark | Custom]:
    return [
        Benchmark(
            name="startup_first_paint",
            run=_first_paint,
            floor=_floor,
            goal=1.5,
            repeat=9,
            setup=_setup_empty,
            teardown=_teardown("empty"),
        ),
        Benchmark(
            name="startup_drafts_listed",
            run=_listed,
            floor=_floor,
            goal=3.0,
            repeat=7,
            setup=_setup_thousand,
            teardown=_teardown("thousand"),
        ),
        Custom(name="keystroke_full_a4tje", measure=_keystroke),
        Custom(name="memory_idle_main_window", measure=_memory),
    ]
