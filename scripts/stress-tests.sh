#!/usr/bin/env bash
# Run the multi-process, kill and race tests N times in a row (default 10) while a CPU hog
# runs on every core, and report how many rounds passed. Exit 0 only when all passed.
#
#   bash scripts/stress-tests.sh [ROUNDS] [extra pytest arguments]
set -uo pipefail
cd "$(dirname "$0")/.."

rounds="${1:-10}"
shift || true
tests=(
  tests/queue/test_multiprocess.py
  tests/storage/test_kill.py
  tests/ui/test_crash.py
  tests/secretariat/test_races.py
)
logdir="$(mktemp -d -t stukken-stress.XXXXXX)"

hogs=()
for _ in $(seq "$(nproc)"); do
  python -c "while True: pass" &
  hogs+=($!)
done
trap 'kill "${hogs[@]}" 2>/dev/null; wait 2>/dev/null' EXIT

passed=0
for i in $(seq "$rounds"); do
  start=$(date +%s)
  if python -m pytest -q -p no:cacheprovider "${tests[@]}" "$@" >"$logdir/round-$i.log" 2>&1; then
    passed=$((passed + 1))
    echo "round $i: passed in $(( $(date +%s) - start )) s"
  else
    echo "round $i: FAILED in $(( $(date +%s) - start )) s (log: $logdir/round-$i.log)"
    grep -E "^(FAILED|ERROR)|Error|assert" "$logdir/round-$i.log" | head -20
  fi
done
echo "stress: $passed of $rounds rounds passed with $(nproc) CPU hogs (logs in $logdir)"
[ "$passed" -eq "$rounds" ]
