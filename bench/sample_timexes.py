"""Draw a seeded random sample of timexes from the crypto-news corpus, for judging by hand.

TimeBank is 1989-2000 newswire; this corpus is unlabelled 2022 crypto news. Judging a
random sample of what the extractor finds there is the check of precision on modern
news that no labelled set here gives. Each line shows the publication date, the surface,
the value, type and rule, and the text around it. The sample is the same for the same
seed and corpus.

With ``--recall`` it draws sentences instead, each with a word that often starts a timex
(a digit, a month or weekday name, day/week/month/year, ago, today, ...), and prints them
with what was found marked ``[[surface|value]]``: reading them shows what is missed.

    .venv/bin/python bench/sample_timexes.py [--corpus FILE] [--seed 11] [--n 60] [--recall]
"""

from __future__ import annotations

import argparse
import random
import re
import sys
from pathlib import Path

from bench_timexes import DEFAULT, load
from statecraft.cleaning.sentences import sentence_spans
from statecraft.timexes.extractor import extract_timexes


def sample(articles: list[tuple[str, str | None]], seed: int, n: int) -> list[tuple[int, str | None, str, dict]]:
    """Every timex of the corpus in reading order, then ``n`` of them drawn with ``seed``."""
    rows = []
    for index, (text, published) in enumerate(articles):
        for row in extract_timexes(text, published, sentence_spans(text)):
            rows.append((index, published, text, row))
    return random.Random(seed).sample(rows, min(n, len(rows)))


_CANDIDATE = re.compile(
    r"\d|\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec|mon|tue|wed|thu|fri|sat|sun)[a-z]*\b"
    r"|\b(?:day|week|month|quarter|year|decade|hour|minute|ago|today|tomorrow|yesterday|now|recent|soon|season"
    r"|summer|winter|spring|autumn|fall|night|morning|evening|annual|daily|weekly|monthly|currently)\w*",
    re.IGNORECASE,
)


def sample_sentences(articles: list[tuple[str, str | None]], seed: int, n: int) -> list[tuple[int, str | None, str]]:
    """``n`` sentences with a timex candidate word, drawn with ``seed``, with the timexes found marked."""
    rows = []
    for index, (text, published) in enumerate(articles):
        spans = sentence_spans(text)
        found = extract_timexes(text, published, spans)
        for start, end in spans:
            if not _CANDIDATE.search(text, start, end):
                continue
            marked, pos = [], start
            for row in found:
                if start <= row["start"] and row["end"] <= end:
                    marked += [text[pos : row["start"]], f"[[{row['surface']}|{row['value']}]]"]
                    pos = row["end"]
            rows.append((index, published, ("".join(marked) + text[pos:end]).replace("\n", " ")))
    return random.Random(seed).sample(rows, min(n, len(rows)))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=DEFAULT)
    parser.add_argument("--seed", type=int, default=11)
    parser.add_argument("--n", type=int, default=60)
    parser.add_argument("--recall", action="store_true", help="sample sentences and mark what was found")
    args = parser.parse_args(argv)
    if args.recall:
        for number, (index, published, sentence) in enumerate(sample_sentences(load(args.corpus), args.seed, args.n)):
            print(f"{number:>3} article {index} published {published}: {sentence}")
        return 0
    for number, (index, published, text, row) in enumerate(sample(load(args.corpus), args.seed, args.n)):
        context = text[max(0, row["start"] - 90) : row["end"] + 50].replace("\n", " ")
        print(f"{number:>3} article {index} published {published}: {row['surface']!r} -> {row['value']} "
              f"{row['timex_type']} ({row['rule']})\n      ...{context}...")
    return 0


if __name__ == "__main__":
    sys.exit(main())
