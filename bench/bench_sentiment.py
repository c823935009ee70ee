"""Sentence-scoring throughput of every sentiment engine on the crypto-news corpus.

    .venv/bin/python bench/bench_sentiment.py [--corpus PATH] [--limit N] [--engines ...]

Articles are segmented with statecraft.segment (syntok) first (not timed); then each
engine scores every sentence once after a short warm-up that loads its lexicon or model.
Prints sentences per second per engine (timings vary by machine; nothing here is a test).
For one core, run it under ``taskset -c 0``. The ``news`` time includes finding the sentences
that name a state and scoring them with the encoder model (statecraft.sentiment.encoder, one
onnxruntime thread); the line after it says how many there were (counted outside the timing).
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

from statecraft.cleaning import sentences as segment
from statecraft.sentiment.engines import ENGINES, normalize_text, score_sentences
from statecraft.sentiment.states import names_state

DEFAULT = (
    Path(__file__).resolve().parents[2] / "shared" / "corpus" / "crypto_news" / "crypto_news_20221130_20230105.json"
)


def load_sentences(path: Path, limit: int | None) -> tuple[int, list[str]]:
    articles = json.loads(path.read_text(encoding="utf-8"))[:limit]
    sentences = []
    for article in articles:
        text = article.get("content") or ""
        sentences += [text[s:e] for s, e in segment.sentence_spans(text)]
    return len(articles), sentences


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--corpus", type=Path, default=DEFAULT)
    parser.add_argument("--limit", type=int, default=None, help="first N articles only")
    parser.add_argument("--engines", nargs="+", default=list(ENGINES), choices=list(ENGINES))
    parser.add_argument("--domain", action="store_true", help="score with domain=True")
    args = parser.parse_args(argv)
    n_articles, sentences = load_sentences(args.corpus, args.limit)
    chars = sum(len(s) for s in sentences)
    print(f"{n_articles} articles, {len(sentences)} sentences, {chars} characters (domain={args.domain})")
    print(f"{'engine':10s} {'seconds':>8s} {'sentences/s':>12s} {'articles/s':>11s}")
    for engine in args.engines:
        score_sentences(sentences[:20], engine=engine, domain=args.domain)  # warm-up: load lexicon/model
        start = time.perf_counter()
        score_sentences(sentences, engine=engine, domain=args.domain)
        seconds = time.perf_counter() - start
        print(f"{engine:10s} {seconds:8.2f} {len(sentences) / seconds:12.0f} {n_articles / seconds:11.1f}")
        if engine == "news":
            unique = list(dict.fromkeys(normalize_text(s) for s in sentences))
            routed = int(names_state(unique).sum())
            print(f"  distinct sentences {len(unique):,}; decided by the encoder model (naming a state) {routed:,}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
