"""Tagging throughput on a real corpus, against one compiled regex alternation of the same aliases.

Usage:
    python bench/bench_tagging.py [CORPUS.json | FOLDER] [--repeat N] [--limit N]

The corpus is a JSON list of {title, content, url, date_publish} (the format of
../shared/corpus/crypto_news); a folder is searched for such files. Sentences are
segmented before timing; the timed part is tag_text alone, on one core. The baseline is
the naive approach the automaton replaces: one `re` alternation of every alias (longest
first, word boundaries, case-insensitive) run with finditer over the same texts, with no
rules at all. The data is read from where it lies; nothing is copied into the project.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import time
from pathlib import Path

from statecraft.cleaning import sentences as segment
from statecraft.tagging import codebook
from statecraft.tagging import tagger as tagging

DEFAULT = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "crypto_news"


def load_texts(path: Path, limit: int | None) -> list[str]:
    files = sorted(path.glob("*.json")) if path.is_dir() else [path]
    texts: list[str] = []
    for file in files:
        texts += [item.get("content") or "" for item in json.loads(file.read_text(encoding="utf-8"))]
    texts = [t for t in texts if t.strip()]
    return texts[:limit] if limit else texts


def regex_baseline() -> re.Pattern[str]:
    aliases = sorted({a.alias for a in codebook.aliases()}, key=lambda a: (-len(a), a))
    return re.compile(r"(?<!\w)(?:" + "|".join(re.escape(a) for a in aliases) + r")(?!\w)", re.IGNORECASE)


def best_time(func, repeat: int) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        func()
        times.append(time.perf_counter() - start)
    return min(times)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpus", nargs="?", type=Path, default=DEFAULT)
    parser.add_argument("--repeat", type=int, default=3, help="timed runs; the best is reported")
    parser.add_argument("--limit", type=int, default=None, help="use only the first N articles")
    args = parser.parse_args(argv)
    texts = load_texts(args.corpus, args.limit)
    chars = sum(map(len, texts))
    spans = [segment.sentence_spans(t) for t in texts]
    tagging.tag_text("warm up the automaton", [(0, 21)])
    pattern = regex_baseline()

    def run_tagger() -> None:
        for text, sent in zip(texts, spans, strict=True):
            tagging.tag_text(text, sent)

    def run_regex() -> None:
        for text in texts:
            list(pattern.finditer(text))

    n_mentions = sum(len(tagging.tag_text(t, s)) for t, s in zip(texts, spans, strict=True))
    n_regex = sum(1 for t in texts for _ in pattern.finditer(t))
    t_tag = best_time(run_tagger, args.repeat)
    t_re = best_time(run_regex, max(1, args.repeat - 2))
    print(f"corpus: {len(texts)} articles, {chars / 1e6:.2f} M chars, {len(codebook.aliases())} aliases")
    print(f"tag_text (automaton + rules): {len(texts) / t_tag:,.0f} articles/s ({t_tag:.3f} s, {n_mentions} mentions)")
    print(f"regex alternation (matching only): {len(texts) / t_re:,.0f} articles/s ({t_re:.3f} s, {n_regex} matches)")
    print(f"speed-up: {t_re / t_tag:.1f}x")
    return 0


if __name__ == "__main__":
    sys.exit(main())
