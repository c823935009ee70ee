"""Draw a seeded random sample of timexes from the crypto-news corpus, for judging by hand.

TimeBank is 1989-2000 newswire; this corpus is unlabelled 2022 crypto news. Judging a
random sample of what the extractor finds there is the check of precision on modern
news that no labelled set here gives. Each line shows the publication date, the surface,
the value, type and rule, and the text around it. The sample is the same for the same
seed and corpus.

    .venv/bin/python bench/sample_timexes.py [--corpus FILE] [--seed 11] [--n 60]
"""

from __future__ import annotations

import argparse
import random
import sys
from pathlib import Path

from bench_timexes import DEFAULT, load
from statecraft.segment import sentence_spans
from statecraft.timexes import extract_timexes


def sample(articles: list[tuple[str, str | None]], seed: int, n: int) -> list[tuple[int, str | None, str, dict]]:
    """Every timex of the corpus in reading order, then ``n`` of them drawn with ``seed``."""
    rows = []
    for index, (text, published) in enumerate(articles):
        for row in extract_timexes(text, published, sentence_spans(text)):
            rows.append((index, published, text, row))
    return random.Random(seed).sample(rows, min(n, len(rows)))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=DEFAULT)
    parser.add_argument("--seed", type=int, default=11)
    parser.add_argument("--n", type=int, default=60)
    args = parser.parse_args(argv)
    for number, (index, published, text, row) in enumerate(sample(load(args.corpus), args.seed, args.n)):
        context = text[max(0, row["start"] - 90) : row["end"] + 50].replace("\n", " ")
        print(f"{number:>3} article {index} published {published}: {row['surface']!r} -> {row['value']} "
              f"{row['timex_type']} ({row['rule']})\n      ...{context}...")
    return 0


if __name__ == "__main__":
    sys.exit(main())
