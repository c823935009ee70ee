"""Run the property tests of tests/test_properties.py with a large random budget (>= 10,000 cases).

CI runs each property on 40 derandomised cases; this bench runs the same properties on
``--cases`` random cases each (default: enough for 10,000 in total) and prints, per
property, how many cases passed, failed or were rejected.

    .venv/bin/python bench/properties.py [--cases N] [-k EXPRESSION]
"""

from __future__ import annotations

import argparse
import os
import re
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
TESTS = ROOT / "tests" / "test_properties.py"
GOAL = 10_000


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cases", type=int, default=None, help="cases per property (default: 10,000 in total)")
    parser.add_argument("-k", default=None, help="pytest -k expression to run some properties only")
    args = parser.parse_args()
    n_props = len(re.findall(r"^def test_", TESTS.read_text(encoding="utf-8"), flags=re.M))
    cases = args.cases or -(-GOAL // n_props)
    cmd = [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", str(TESTS),
           "--hypothesis-show-statistics", "-o", "addopts="]
    if args.k:
        cmd += ["-k", args.k]
    env = {**os.environ, "STATECRAFT_PROPERTY_CASES": str(cases), "PYTHONHASHSEED": "0", "MPLBACKEND": "Agg"}
    print(f"{n_props} properties x {cases} random cases each (goal: >= {GOAL:,} cases in total)")
    start = time.perf_counter()
    run = subprocess.run(cmd, cwd=ROOT, env=env, capture_output=True, text=True)
    seconds = time.perf_counter() - start
    stats = _statistics(run.stdout)
    print(f"{'property':<64} {'passing':>8} {'failing':>8} {'invalid':>8}")
    for name, (passing, failing, invalid) in stats.items():
        print(f"{name:<64} {passing:>8} {failing:>8} {invalid:>8}")
    total = sum(p for p, _, _ in stats.values())
    failed = sum(f for _, f, _ in stats.values())
    print(f"{'total':<64} {total:>8} {failed:>8}")
    print(f"{total:,} passing cases in {seconds:.0f} s; pytest exit code {run.returncode}")
    if run.returncode:
        print("\n".join(line for line in run.stdout.splitlines() if line.startswith(("FAILED", "E  ")))[:6000])
    return 0 if run.returncode == 0 and total >= GOAL else 1


def _statistics(output: str) -> dict[str, tuple[int, int, int]]:
    """Sum hypothesis' per-phase example counts for each test in ``--hypothesis-show-statistics`` output."""
    stats: dict[str, list[int]] = {}
    current = None
    for line in output.splitlines():
        head = re.match(r"tests/test_properties\.py::(\w+):", line.strip())
        if head:
            current = head.group(1)
            stats.setdefault(current, [0, 0, 0])
            continue
        counts = re.search(r"(\d+) passing(?: examples?)?, (\d+) failing(?: examples?)?, (?:and )?(\d+) invalid", line)
        if counts and current:
            for i in range(3):
                stats[current][i] += int(counts.group(i + 1))
    return {name: (p, f, i) for name, (p, f, i) in stats.items()}


if __name__ == "__main__":
    sys.exit(main())
