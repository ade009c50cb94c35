"""The benchmark runner: each benchmark against a floor measured in the same run.

A machine's speed varies from run to run and from machine to machine; the ratio
to a floor (the least work that could do the same job) measured in the same run
does not, so goals are ratios, never absolute times.
"""

from __future__ import annotations

import gc
import importlib
import pkgutil
import statistics
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any


@dataclass
class Benchmark:
    """``run`` against ``floor``: alternated, ``repeat`` times each, medians compared."""

    name: str
    run: Callable[[], Any]
    floor: Callable[[], Any]
    goal: float
    repeat: int = 15
    warmup: int = 1
    setup: Callable[[], Any] | None = None
    teardown: Callable[[], Any] | None = None
    # Extra figures (for example a 95th percentile) computed after measuring.
    details: Callable[[], dict[str, Any]] | None = None


@dataclass
class Custom:
    """A benchmark that measures itself; ``measure()`` returns figures including ``goal_met``."""

    name: str
    measure: Callable[[], dict[str, Any]]


@dataclass
class Result:
    name: str
    median_s: float | None
    floor_median_s: float | None
    ratio: float | None
    goal: float | None
    goal_met: bool
    details: dict[str, Any] = field(default_factory=dict)

    def to_json(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "median_s": self.median_s,
            "floor_median_s": self.floor_median_s,
            "ratio": self.ratio,
            "goal": self.goal,
            "goal_met": self.goal_met,
            **({"details": self.details} if self.details else {}),
        }


def _time(fn: Callable[[], Any]) -> float:
    start = time.perf_counter()
    fn()
    return time.perf_counter() - start


def measure(bench: Benchmark) -> Result:
    if bench.setup:
        bench.setup()
    try:
        for _ in range(bench.warmup):
            bench.floor()
            bench.run()
        runs: list[float] = []
        floors: list[float] = []
        gc_was_enabled = gc.isenabled()
        gc.disable()
        try:
            for _ in range(bench.repeat):
                floors.append(_time(bench.floor))
                runs.append(_time(bench.run))
        finally:
            if gc_was_enabled:
                gc.enable()
        med = statistics.median(runs)
        floor_med = statistics.median(floors)
        ratio = med / floor_med if floor_med > 0 else float("inf")
        details = bench.details() if bench.details else {}
        return Result(bench.name, med, floor_med, ratio, bench.goal, ratio < bench.goal, details)
    finally:
        if bench.teardown:
            bench.teardown()


def run_custom(bench: Custom) -> Result:
    figures = dict(bench.measure())
    met = bool(figures.pop("goal_met", False))
    return Result(
        bench.name,
        figures.pop("median_s", None),
        figures.pop("floor_median_s", None),
        figures.pop("ratio", None),
        figures.pop("goal", None),
        met,
        figures,
    )


def discover() -> dict[str, Benchmark | Custom]:
    """Every ``benchmarks/bench_*.py`` module's ``benchmarks()`` list, by name."""
    import benchmarks

    found: dict[str, Benchmark | Custom] = {}
    for info in pkgutil.iter_modules(benchmarks.__path__):
        if not info.name.startswith("bench_"):
            continue
        module = importlib.import_module(f"benchmarks.{info.name}")
        for bench in module.benchmarks():
            found[bench.name] = bench
    return found
