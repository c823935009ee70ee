"""The crypto domain test set for sentiment (issue 20, item 3), rebuilt from offsets.

    import domain_set                       # from bench/ (scripts there have it on sys.path)
    df = domain_set.load()                  # item, text, label_a, label_b, label
    .venv/bin/python bench/domain_set.py [CORPUS]   # check the offsets, print the label counts

``bench/data/domain_sentences.csv`` keeps only offsets into the corpus articles' ``content``
and a short sha1 of each sentence (the texts belong to their publishers); this module reads
the texts back from the corpus (``../shared/corpus/crypto_news`` by default) and refuses a
corpus whose texts differ. Guidelines: ``bench/data/domain_guidelines.md``; selection:
``bench/select_domain_sentences.py``. A test set only: never train or tune on it.
"""

from __future__ import annotations

import hashlib
import sys
from pathlib import Path

import pandas as pd

from statecraft.sentiment import gold

REPO = Path(__file__).resolve().parent.parent
DEFAULT_CORPUS = REPO.parent / "shared" / "corpus" / "crypto_news"
SET = REPO / "bench" / "data" / "domain_sentences.csv"
TRAIN = REPO / "bench" / "data" / "domain_train.csv"
LABELS = ("positive", "neutral", "negative")


def load_articles(path: Path | str = DEFAULT_CORPUS) -> list[dict]:
    """The corpus as a list of article dicts, in file order (article_index = position)."""
    return gold.read_corpus(path)


def text_sha1(text: str) -> str:
    """Short fingerprint of a sentence (first 12 hex digits of its UTF-8 sha1)."""
    return hashlib.sha1(text.encode("utf-8")).hexdigest()[:12]


def load(corpus_path: Path | str = DEFAULT_CORPUS, set_path: Path | str = SET) -> pd.DataFrame:
    """The labelled domain sentences with their texts.

    Args:
        corpus_path: The crypto-news JSON (or the folder holding it).
        set_path: The offsets and labels (``bench/data/domain_sentences.csv``).

    Returns:
        Columns item, text, label_a, label_b, label (labels are "" where not given yet).

    Raises:
        ValueError: A text read back by offsets does not match its stored sha1 (another
            version of the corpus), or a label is not positive/neutral/negative.
    """
    return gold.read_offset_set(set_path, load_articles(corpus_path))


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    df = load(args[0] if args else DEFAULT_CORPUS)
    print(f"{len(df)} sentences, texts match the corpus")
    for col in ("label_a", "label_b", "label"):
        counts = df.loc[df[col] != "", col].value_counts()
        print(f"{col}: " + (", ".join(f"{k} {v}" for k, v in counts.items()) or "none"))
    return 0


if __name__ == "__main__":
    sys.exit(main())
