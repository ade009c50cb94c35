"""``python -m benchmarks [NAME ...] [--json] [--list]``."""

from __future__ import annotations

import argparse
import json
import os
import sys

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from benchmarks.harness import Benchmark, Result, discover, measure, run_custom  # noqa: E402


def _fmt(value: float | None) -> str:
    if value is None:
        return "-"
    if value < 1e-3:
        return f"{value * 1e6:.1f} µs"
    if value < 1:
        return f"{value * 1e3:.2f} ms"
    return f"{value:.2f} s"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks")
    parser.add_argument("names", nargs="*", help="benchmarks to run (default: all)")
    parser.add_argument("--json", action="store_true")
    parser.add_argument("--list", action="store_true", help="list the benchmarks")
    args = parser.parse_args(argv)
    found = discover()
    if args.list:
        for name in sorted(found):
            print(name)
        return 0
    unknown = [n for n in args.names if n not in found]
    if unknown:
        print(f"Onbekende benchmark(s): {', '.join(unknown)}; bekend: {', '.join(sorted(found))}",
              file=sys.stderr)
        return 2
    results: list[Result] = []
    for name in args.names or sorted(found):
        bench = found[name]
        result = measure(bench) if isinstance(bench, Benchmark) else run_custom(bench)
        results.append(result)
        if not args.json:
            ratio = "-" if result.ratio is None else f"{result.ratio:.2f}x"
            goal = "-" if result.goal is None else f"< {result.goal:g}x"
            verdict = "gehaald" if result.goal_met else "NIET gehaald"
            print(f"{name:<26} median {_fmt(result.median_s):>10}  floor {_fmt(result.floor_median_s):>10}"
                  f"  ratio {ratio:>7}  doel {goal:<7} {verdict}")
            if result.details:
                print(f"{'':<26} {json.dumps(result.details, ensure_ascii=False)}")
    if args.json:
        print(json.dumps([r.to_json() for r in results], ensure_ascii=False, indent=2))
    return 0 if all(r.goal_met for r in results) else 1


if __name__ == "__main__":
    sys.exit(main())
