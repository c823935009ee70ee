"""Sentence spans of statecraft's segmenter against plain syntok, and the time of each, side by side.

    .venv/bin/python bench/bench_segmenter.py [--soups 20000]

statecraft segments each line with syntok; a line with no stop followed by more text is one
sentence (by design), and two shortcuts must change nothing: plain words are tokenised at once,
and runs of words syntok only walks past are merged into one token
(``statecraft.cleaning.sentences._line_tokens``). This compares, line by line,
``sentence_spans`` with the spans of ``syntok.segmenter.analyze`` (the reference: syntok's own
tokenizer, no shortcut) on the 1,543 crypto-news articles (../shared; skipped if absent), the
seeds, and generated "token soups" (random sequences of abbreviations, initials, numbers,
brackets, quotes and terminals, seeded), then times the two on the crypto lines (CPU seconds,
this process).
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import time
from pathlib import Path

import syntok.segmenter as syntok

from statecraft.cleaning.sentences import _INNER_STOP, sentence_spans

ROOT = Path(__file__).resolve().parents[1]
CRYPTO = ROOT.parent / "shared" / "corpus" / "crypto_news" / "crypto_news_20221130_20230105.json"
SOUP = ("Mr.", "Dr.", "U.S.", "No.", "no.", "5.", "12", "2023.", "Jan.", "Jan", "Dec", "a.", "A.", "B.", "IV.",
        "i.e.", "e.g.", "etc.", "vs.", "St.", "(", ")", "(see", "p.", "12)", "[1]", "\"", "'", "\u201c", "\u201d",
        "...", "!", "?", ";", ":", ",", "The", "However", "It", "the", "bank", "Binance", "said", "rose", "Bitcoin",
        "$16,800.", "3.5%", "x", "Q.", "--", "-", "It's", "don't", "(A.", "al.)", "\u2026", "?!", ".\"",
        ".)")  # fmt: skip


def reference(line: str) -> list[tuple[int, int]]:
    """syntok's spans of one line with its own tokenizer, trimmed and covering as statecraft does.

    The one rule statecraft adds is kept: a line with no ``.!?…`` followed by more text is one
    sentence (syntok would also split at ";" there, statecraft does not, by design).
    """
    spans = []
    for paragraph in syntok.analyze(line) if _INNER_STOP.search(line) else ():
        for sentence in paragraph:
            if not sentence:
                continue
            start, end = sentence[0].offset, sentence[-1].offset + len(sentence[-1].value)
            piece = line[start:end]
            start, end = start + len(piece) - len(piece.lstrip()), start + len(piece.rstrip())
            if end > start:
                spans.append((start, end))
    lo, hi = len(line) - len(line.lstrip()), len(line.rstrip())
    if not spans:
        return [(lo, hi)] if hi > lo else []
    spans[0] = (min(spans[0][0], lo), spans[0][1])
    spans[-1] = (spans[-1][0], max(spans[-1][1], hi))
    return spans


def lines_of(texts: list[str]) -> list[str]:
    return [line for text in texts for line in text.split("\n") if line.strip()]


def soups(n: int, seed: int = 20261204) -> list[str]:
    rng = random.Random(seed)
    return [" ".join(rng.choice(SOUP) for _ in range(rng.randint(3, 90))) for _ in range(n)]


def compare(name: str, lines: list[str]) -> int:
    bad = [line for line in lines if sentence_spans(line) != reference(line)]
    print(f"{name:8s} {len(lines):7,d} lines  {sum(len(reference(x)) for x in lines):8,d} sentences  "
          f"differ: {len(bad)}")  # fmt: skip
    for line in bad[:3]:
        print("   ", repr(line[:200]))
    return len(bad)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--soups", type=int, default=20000)
    args = ap.parse_args(argv)
    seeds = lines_of([p.read_text(encoding="utf-8") for p in sorted((ROOT / "seeds").rglob("*")) if p.is_file()
                      and p.suffix in {".txt", ".html", ".md", ".json", ".jsonl", ".csv", ".xml"}])  # fmt: skip
    crypto = lines_of([x.get("content") or "" for x in json.loads(CRYPTO.read_text(encoding="utf-8"))]
                      ) if CRYPTO.exists() else []  # fmt: skip
    bad = compare("seeds", seeds) + compare("soups", soups(args.soups))
    if crypto:
        bad += compare("crypto", crypto)
        timings = {}
        for name, func in (("syntok", reference), ("statecraft", sentence_spans)):
            func(crypto[0])
            started = time.process_time()
            for line in crypto:
                func(line)
            timings[name] = time.process_time() - started
        print(f"crypto lines: syntok {timings['syntok']:.2f} s, statecraft {timings['statecraft']:.2f} s CPU "
              f"({timings['syntok'] / timings['statecraft']:.1f}x)")  # fmt: skip
    print("spans equal everywhere" if not bad else f"{bad} lines differ")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
