"""Load, clean and segment ../shared/corpus/crypto_news (1,543 articles); print articles per second.

Goal: >= 300 articles/s on one core. Measures load_corpus (decode, JSON, boilerplate
cleaning, title and date handling) plus sentence segmentation, in this process.

    .venv/bin/python bench/bench_loading.py [PATH]
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

import statecraft as sc
from statecraft.cleaning import sentences as segment

DEFAULT = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "crypto_news"


def main(path: Path) -> int:
    t0 = time.perf_counter()
    corpus = sc.load_corpus(path)
    t1 = time.perf_counter()
    sentences = segment.segment(corpus.documents)
    t2 = time.perf_counter()
    n = len(corpus.documents)
    acc = corpus.account
    print(f"corpus: {path.name}: {corpus.summary()}")
    assert acc["inputs"] == acc["sources"] + acc["quarantined"], acc
    print(f"documents: {n}, sentences: {len(sentences)}, removed pieces: {len(corpus.removed)}")
    print(f"load+clean: {t1 - t0:.2f} s ({n / (t1 - t0):.0f} articles/s)")
    print(f"segment:    {t2 - t1:.2f} s ({n / (t2 - t1):.0f} articles/s)")
    print(f"total:      {t2 - t0:.2f} s -> {n / (t2 - t0):.0f} articles/s on one core (goal >= 300)")
    return 0


if __name__ == "__main__":
    sys.exit(main(Path(sys.argv[1]) if len(sys.argv) > 1 else DEFAULT))
