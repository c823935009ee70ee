"""Articles per second of the full pipeline on one core, against a naive pipeline.

    .venv/bin/python bench/bench_pipeline.py [--limit N] [--naive-limit N] [--engine textblob]

Full: ``statecraft.annotate`` (segmentation, tagging, timexes, sentiment with one engine,
stories) on the crypto-news corpus (../shared, read in place), in this process. Naive:
what one would write first: one case-insensitive regex of every pycountry country name,
``dateparser.search_dates`` on the whole text and ``TextBlob(text).sentiment`` on the whole
text (no segmentation, no rules); dateparser is slow, so it runs on the first
``--naive-limit`` articles. The process is pinned to one core and every library is warmed up
before timing. Rates are per CPU second of this process (robust to other processes on the
machine) and per wall second; both vary with the machine; nothing here is a test.
"""

from __future__ import annotations

import argparse
import os
import re
import sys
import time
import warnings
from pathlib import Path

import statecraft as sc

sys.path.insert(0, str(Path(__file__).resolve().parent))
from frames_snapshot import crypto_records  # noqa: E402


def naive_pipeline():
    import dateparser.search
    import pycountry
    from textblob import TextBlob

    names = sorted({c.name for c in pycountry.countries}, key=len, reverse=True)
    countries = re.compile(r"\b(?:" + "|".join(map(re.escape, names)) + r")\b", re.IGNORECASE)

    def run(text: str, published: str | None) -> tuple:
        settings = {"RELATIVE_BASE": __import__("datetime").datetime.fromisoformat(published)} if published else {}
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            dates = dateparser.search.search_dates(text, languages=["en"], settings=settings) or []
        return countries.findall(text), dates, TextBlob(text).sentiment

    return run


def rate(n: int, cpu: float, wall: float) -> str:
    return (f"{n:5d} articles  cpu {cpu:7.2f} s {n / cpu:7.1f} articles/s"
            f"   (wall {wall:7.2f} s {n / wall:7.1f} articles/s)")


def timed(func) -> tuple[float, float]:
    """Return (cpu seconds of this process, wall seconds) of ``func()``."""
    cpu, wall = time.process_time(), time.perf_counter()
    func()
    return time.process_time() - cpu, time.perf_counter() - wall


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--limit", type=int, default=10**6, help="first N crypto articles for the full pipeline")
    parser.add_argument("--naive-limit", type=int, default=150, help="first N articles for the naive pipeline")
    parser.add_argument("--engine", default="textblob", choices=["textblob", "vader", "finance", "news"])
    args = parser.parse_args(argv)
    if hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})
    records = crypto_records(args.limit)
    corpus = sc.from_records(records)
    sc.annotate(sc.from_records(records[:20]), sentiment=args.engine)  # warm-up: lexicons, automaton, regexes
    full, full_wall = timed(lambda: sc.annotate(corpus, sentiment=args.engine))
    print(f"full pipeline ({args.engine}, statecraft {sc.__file__}):")
    print("   ", rate(len(corpus.documents), full, full_wall))

    naive = naive_pipeline()
    sample = [(r["text"], r["published"]) for r in records[: args.naive_limit]]
    naive(*sample[0])  # warm-up
    slow, slow_wall = timed(lambda: [naive(text, published) for text, published in sample])
    print("naive pipeline (pycountry regex + dateparser.search_dates + TextBlob on the whole text):")
    print("   ", rate(len(sample), slow, slow_wall))
    ratio = (len(corpus.documents) / full) / (len(sample) / slow)
    print(f"full / naive (cpu): {ratio:.1f}x")
    return 0


if __name__ == "__main__":
    sys.exit(main())
