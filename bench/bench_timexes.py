"""Timex throughput on the crypto-news corpus, and the ratio against dateparser.search_dates.

Sentence spans are computed once beforehand (segmentation is its own stage); the timed
loop is :func:`statecraft.timexes.extract_timexes` alone, on one core. dateparser runs on
a sample (it is slow) and its rate is compared per article.

    .venv/bin/python bench/bench_timexes.py [--corpus FILE] [--baseline-sample N]
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
import time
from pathlib import Path

from statecraft.cleaning.sentences import sentence_spans
from statecraft.timexes.extractor import extract_timexes

DEFAULT = (
    Path(__file__).resolve().parents[2] / "shared" / "corpus" / "crypto_news" / ("crypto_news_20221130_20230105.json")
)


def load(path: Path) -> list[tuple[str, str | None]]:
    records = json.loads(path.read_text(encoding="utf-8"))
    return [((r.get("content") or ""), (r.get("date_publish") or "")[:10] or None) for r in records]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=DEFAULT)
    parser.add_argument("--baseline-sample", type=int, default=150, help="articles given to dateparser")
    parser.add_argument("--repeat", type=int, default=3, help="timed passes over the corpus (best is kept)")
    args = parser.parse_args(argv)
    articles = load(args.corpus)
    spans = [sentence_spans(text) for text, _ in articles]
    extract_timexes("warm up on April 3, 2025", "2025-04-07", [(0, 24)])
    best, found = float("inf"), 0
    for _ in range(args.repeat):
        began = time.perf_counter()
        found = sum(len(extract_timexes(text, date, s)) for (text, date), s in zip(articles, spans, strict=True))
        best = min(best, time.perf_counter() - began)
    chars = sum(len(text) for text, _ in articles)
    rate = len(articles) / best
    print(
        f"statecraft.timexes: {len(articles)} articles, {chars / 1e6:.2f} M chars, {found} timexes "
        f"in {best:.3f} s -> {rate:,.0f} articles/s ({chars / best / 1e6:.2f} M chars/s), one core"
    )

    from dateparser.search import search_dates

    sample = articles[: args.baseline_sample]
    began = time.perf_counter()
    dp_found = 0
    for text, date in sample:
        settings = {"RETURN_AS_TIMEZONE_AWARE": False, "PREFER_DATES_FROM": "past"}
        if date:
            settings["RELATIVE_BASE"] = dt.datetime.fromisoformat(date)
        dp_found += len(search_dates(text, languages=["en"], settings=settings) or [])
    dp_time = time.perf_counter() - began
    dp_rate = len(sample) / dp_time
    began = time.perf_counter()
    ours_sample = sum(len(extract_timexes(t, d, sentence_spans(t))) for t, d in sample)
    print(
        f"dateparser.search_dates: {len(sample)} articles, {dp_found} dates in {dp_time:.2f} s "
        f"-> {dp_rate:,.1f} articles/s"
    )
    print(
        f"ratio (statecraft / dateparser, articles per second): {rate / dp_rate:,.0f}x "
        f"(same sample: statecraft found {ours_sample} timexes)"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
