"""Time the explorer's filter changes on the crypto news corpus (budget: 1 s per change).

    .venv/bin/python bench/bench_explore.py [--corpus ../shared/corpus/crypto_news] [--saved DIR]

Annotates the corpus (or loads ``--saved``, written on the first run; the same cache as
``bench/check_trends.py``), then times :func:`statecraft.analysis.select` for a set of
filter changes and the whole explorer update (select + HTML rendering) for the same changes.
Prints the median and worst of 3 runs per change; exits 1 when a worst time is over budget.
"""

from __future__ import annotations

import argparse
import datetime as dt
import statistics
import sys
import time

import statecraft as sc
from crypto_annotated import add_arguments, annotated

BUDGET_S = 1.0
CHANGES: list[dict] = [
    {},
    {"countries": ["USA"]},
    {"countries": ["USA", "CHN"], "topics": ["ban-enforcement"]},
    {"organizations": ["binance"]},
    {"start": "2022-12-10", "end": "2022-12-20"},
    {"sentiment": (-1.0, -0.3)},
    {"text": "regulation"},
    {"countries": ["USA"], "text": "sec", "sentiment": (-1.0, 0.0), "start": "2022-12-01"},
]


def _widget_values(change: dict) -> dict:
    values = {k: tuple(v) for k, v in change.items() if k in ("countries", "actors", "organizations", "topics")}
    values.update({k: dt.date.fromisoformat(change[k]) for k in ("start", "end") if k in change})
    values.update({k: change[k] for k in ("sentiment", "text") if k in change})
    return values


def main() -> int:
    """Run the benchmark; return the exit status."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    add_arguments(parser)
    args = parser.parse_args()
    ann, _ = annotated(args.corpus, args.saved)
    print(f"{len(ann.documents)} articles, {len(ann.sentences)} sentences, {len(ann.mentions)} mentions")
    start = time.perf_counter()
    explorer = sc.explore(ann)
    print(f"explorer built in {time.perf_counter() - start:.2f} s")
    worst_all = 0.0
    for change in CHANGES:
        select_times, update_times = [], []
        for _ in range(3):
            start = time.perf_counter()
            found = sc.analysis.select(ann, **change)
            select_times.append(time.perf_counter() - start)
            for name, value in _widget_values(change).items():
                explorer.filters[name].value = value  # each assignment re-runs the update
            start = time.perf_counter()
            explorer.update()
            update_times.append(time.perf_counter() - start)
            for name in _widget_values(change):
                explorer.filters[name].value = {"sentiment": (-1.0, 1.0), "text": ""}.get(
                    name, None if name in ("start", "end") else ())
        worst = max(select_times + update_times)
        worst_all = max(worst_all, worst)
        print(f"{change!s:90} {found.counts['sentences']:6d} sentences  select median "
              f"{statistics.median(select_times):.3f} s  update median {statistics.median(update_times):.3f} s  "
              f"worst {worst:.3f} s")
    verdict = "ok" if worst_all <= BUDGET_S else "OVER"
    print(f"worst {worst_all:.3f} s; budget {BUDGET_S:.1f} s per filter change: {verdict}")
    return 0 if worst_all <= BUDGET_S else 1


if __name__ == "__main__":
    sys.exit(main())
