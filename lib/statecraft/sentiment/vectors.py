"""Static word vectors for the ``news`` engine: what a word means, for words its training never saw.

A bag of words knows only the words of its training texts; on other news ("relaxes",
"acquitted", "greenlights") it knows nothing. These vectors carry the meaning a pretrained
sentence encoder gives each word: every word of the vocabulary was passed alone through
``sentence-transformers/all-MiniLM-L6-v2`` (Apache-2.0), its mean-pooled output taken and
reduced by PCA to :attr:`WordVectors.dims` dimensions (float16). A sentence's vector is the
mean of its known words' vectors, L2-normalised (zero when it has none). The vectors carry
no sentiment labels: they come from the encoder alone.

The file ``data/sentiment/word_vectors.npz`` (``words``: UTF-8 bytes of the newline-joined
vocabulary; ``vectors``: words x dims, float16) is built by ``tools/build_word_vectors.py``,
which needs the encoder and PyTorch; scoring needs only numpy and the file.
"""

from __future__ import annotations

import functools
import logging
import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from statecraft.sentiment import lexicon

log = logging.getLogger(__name__)

VECTORS_NPZ = lexicon.DATA_DIR / "word_vectors.npz"
WORD_RE = re.compile(r"[a-z0-9]+(?:['\-][a-z0-9]+)*")
"""Words of a lower-cased text: letters and digits, joined by inner apostrophes or hyphens."""


@dataclass(frozen=True)
class WordVectors:
    """A vocabulary and its vectors (rows in vocabulary order)."""

    index: dict[str, int]
    vectors: np.ndarray

    @property
    def dims(self) -> int:
        """Number of dimensions of a vector."""
        return int(self.vectors.shape[1])

    def sentence_vectors(self, texts: Sequence[str]) -> np.ndarray:
        """Return the L2-normalised mean vector of each text's known words (zeros when none).

        Args:
            texts: Normalised texts.

        Returns:
            Array of shape (len(texts), dims), float64.
        """
        from scipy.sparse import csr_matrix

        indptr, cols = [0], []
        get = self.index.get
        for text in texts:
            cols.extend(i for i in map(get, words(text)) if i is not None)
            indptr.append(len(cols))
        counts = csr_matrix((np.ones(len(cols)), np.asarray(cols, dtype=np.int64), np.asarray(indptr)),
                            shape=(len(texts), len(self.index)))  # fmt: skip
        sums = np.asarray(counts @ self.vectors, dtype=np.float64)
        norms = np.linalg.norm(sums, axis=1, keepdims=True)
        return sums / np.where(norms > 0, norms, 1.0)


def words(text: str) -> list[str]:
    """Return the words of ``text`` as the vectors see them (lower case, :data:`WORD_RE`)."""
    return WORD_RE.findall(text.lower())


@functools.lru_cache(maxsize=2)
def load(path: Path | str = VECTORS_NPZ) -> WordVectors:
    """Load the word vectors (cached).

    Args:
        path: The npz file.

    Returns:
        The vectors.

    Raises:
        FileNotFoundError: If the file is missing (rebuild with tools/build_word_vectors.py).
        ValueError: If the vocabulary and the matrix disagree.
    """
    if not Path(path).exists():
        raise FileNotFoundError(f"word vectors {path} are missing; run tools/build_word_vectors.py")
    with np.load(path, allow_pickle=False) as stored:
        vocabulary = stored["words"].tobytes().decode("utf-8").split("\n")
        vectors = stored["vectors"].astype(np.float32)
    if vectors.ndim != 2 or vectors.shape[0] != len(vocabulary):
        raise ValueError(f"{path}: {len(vocabulary)} words but vectors of shape {vectors.shape}")
    log.debug("loaded %d word vectors of %d dimensions", *vectors.shape)
    return WordVectors(index={w: i for i, w in enumerate(vocabulary)}, vectors=vectors)
