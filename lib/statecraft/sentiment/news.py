"""The ``news`` engine: word n-grams plus polarity cues and lexicon scores, logistic regression in numpy.

Built to hold outside its training data (issue 20): most of its weight sits on features
that mean the same in any financial or crypto news, the cues of
:mod:`statecraft.sentiment.cues` (direction x quantity, state actions, negation and
contrast scope), the TextBlob and VADER scores and the mean static word vector of the
sentence (:mod:`statecraft.sentiment.vectors`: what a pretrained encoder makes of each word,
so that words the training texts never held still count), with word 1-2-grams (tf-idf, words
seen in at least ``min_df`` training texts) on top. The trainer can leave stop words out
of the n-grams (``stop_words`` in the model JSON; empty in the shipped model, which scored
better cross-dataset with them, see ``data/sentiment/README.md``).

The model is trained by ``tools/train_news_model.py`` (deterministic) and stored without
pickle in ``data/sentiment/``:

* ``news_model.npz``: ``word_terms`` (UTF-8 bytes of the newline-joined vocabulary, in
  feature order), ``word_idf``, ``coef`` (classes x features) and ``intercept``;
* ``news_model.json``: classes, feature blocks and scales, the stop words, the abstention
  threshold, the label threshold for aggregates and the training data.

Features, in order: the word block (sublinear tf x idf, L2-normalised, times
``word_scale``), the
:data:`statecraft.sentiment.cues.FEATURES` times ``cue_scale``, then TextBlob polarity and
VADER compound times ``lexicon_scale``, then the sentence's word vector times ``vector_scale``
(left out when it is 0, as in models trained before the vectors).

Labels: the most probable class, except that a sentence whose most probable class has a
probability below ``min_confidence`` is labelled ``neutral`` (the engine abstains). The
polarity is ``P(positive) - P(negative)``.
"""

from __future__ import annotations

import functools
import logging
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from statecraft.sentiment import cues, finance, lexicon, vectors

log = logging.getLogger(__name__)

MODEL_NPZ = lexicon.DATA_DIR / "news_model.npz"
MODEL_JSON = lexicon.DATA_DIR / "news_model.json"



@dataclass(frozen=True)
class NewsModel:
    """A loaded news model (vocabulary, idf, coefficients, scales and thresholds)."""

    word_index: dict[str, int]
    word_idf: np.ndarray
    stop_words: frozenset[str]
    word_scale: float
    coef: np.ndarray
    intercept: np.ndarray
    classes: tuple[str, ...]
    cue_scale: float
    lexicon_scale: float
    min_confidence: float
    polarity_threshold: float
    vector_scale: float = 0.0

    def predict_proba(self, texts: Sequence[str]) -> np.ndarray:
        """Return class probabilities (rows: texts, columns: :attr:`classes`)."""
        matrix = features(texts, self.word_index, self.word_idf, stop_words=self.stop_words,
                          word_scale=self.word_scale, cue_scale=self.cue_scale,
                          lexicon_scale=self.lexicon_scale, vector_scale=self.vector_scale)  # fmt: skip
        logits = np.asarray(matrix @ self.coef.T) + self.intercept
        logits -= logits.max(axis=1, keepdims=True)
        exp = np.exp(logits)
        return exp / exp.sum(axis=1, keepdims=True)

    def labels(self, proba: np.ndarray) -> list[str]:
        """Return the label of each row of ``proba``: argmax, or neutral below :attr:`min_confidence`."""
        best = proba.argmax(axis=1)
        return ["neutral" if p[b] < self.min_confidence else self.classes[b] for p, b in zip(proba, best, strict=True)]


def word_grams(text: str, stop_words: frozenset[str] = frozenset()) -> list[str]:
    """Return the word 1-2-grams of a normalised text (lower case, digits as ``0``, stop words out).

    Args:
        text: A normalised text.
        stop_words: Words to drop before the bigrams are formed.

    Returns:
        Unigrams, then bigrams of the remaining words.
    """
    tokens = [t for t in finance._TOKEN_RE.findall(finance.preprocess(text)) if t not in stop_words]
    return tokens + [f"{a} {b}" for a, b in zip(tokens, tokens[1:], strict=False)]


def features(
    texts: Sequence[str], word_index: Mapping[str, int], word_idf: np.ndarray, *,
    stop_words: frozenset[str] = frozenset(), word_scale: float = 1.0, cue_scale: float, lexicon_scale: float,
    vector_scale: float = 0.0,
):  # fmt: skip
    """Return the feature matrix of normalised texts (CSR; word block, cues, lexicon scores).

    Args:
        texts: Normalised texts.
        word_index: Vocabulary (term -> column).
        word_idf: Idf per vocabulary column.
        stop_words: Words left out of the n-grams.
        word_scale: Multiplier of the word block.
        cue_scale: Multiplier of the cue block.
        lexicon_scale: Multiplier of the TextBlob and VADER scores.
        vector_scale: Multiplier of the sentence's word vector (:func:`statecraft.sentiment.vectors.load`);
            0 leaves the block out.

    Returns:
        A ``scipy.sparse`` CSR matrix, one row per text.
    """
    from scipy.sparse import csr_matrix, hstack

    words = finance._tfidf_matrix([word_grams(t, stop_words) for t in texts], dict(word_index), word_idf) * word_scale
    blocks = [cues.cue_features(texts) * cue_scale, finance.lexicon_features(texts) * lexicon_scale]
    if vector_scale:
        blocks.append(vectors.load().sentence_vectors(texts) * vector_scale)
    dense = np.hstack(blocks)
    return hstack([words, csr_matrix(dense)]).tocsr()


def score(texts: Sequence[str]) -> list[dict[str, Any]]:
    """Score normalised texts: polarity = P(positive) - P(negative), label with abstention.

    Args:
        texts: Normalised texts.

    Returns:
        Dicts with ``polarity``, ``subjectivity`` (None) and ``label``.
    """
    if not texts:
        return []
    model = load_model()
    proba = model.predict_proba(texts)
    pos, neg = model.classes.index("positive"), model.classes.index("negative")
    return [
        {"polarity": float(p[pos] - p[neg]), "subjectivity": None, "label": label}
        for p, label in zip(proba, model.labels(proba), strict=True)
    ]


def explain(text: str) -> list[tuple[str, float]]:
    """Weigh each word of ``text`` by occlusion: polarity minus polarity without the word.

    Args:
        text: A normalised text.

    Returns:
        ``(word, weight)`` per word occurrence, in text order.
    """
    return finance.occlusion(text, score)


def polarity_threshold() -> float:
    """Return the model's threshold for labelling mean polarities (see ``news_model.json``)."""
    return load_model().polarity_threshold


@functools.lru_cache(maxsize=4)
def load_model(npz: Path | str = MODEL_NPZ, meta: Path | str = MODEL_JSON) -> NewsModel:
    """Load the news model (cached).

    Args:
        npz: Arrays file.
        meta: Metadata file.

    Returns:
        The model.

    Raises:
        FileNotFoundError: If a model file is missing (rebuild with tools/train_news_model.py).
    """
    info, arrays = finance.read_model_files(npz, meta, tool="tools/train_news_model.py")
    model = model_from_arrays(arrays, settings=info)
    log.debug("loaded news model: %d word features", len(model.word_index))
    return model


def model_from_arrays(arrays: Mapping[str, np.ndarray], *, settings: Mapping[str, Any]) -> NewsModel:
    """Build the model from its stored arrays and settings.

    Args:
        arrays: word_terms (newline-joined UTF-8 bytes), word_idf, coef, intercept.
        settings: classes, stop_words, word_scale, cue_scale, lexicon_scale, vector_scale (0 when absent),
            min_confidence, polarity_threshold.

    Returns:
        The model.
    """
    terms = arrays["word_terms"].tobytes().decode("utf-8").split("\n")
    return NewsModel(
        word_index={t: i for i, t in enumerate(terms)},
        word_idf=arrays["word_idf"].astype(np.float64),
        stop_words=frozenset(settings.get("stop_words", ())),
        word_scale=float(settings.get("word_scale", 1.0)),
        coef=arrays["coef"].astype(np.float64),
        intercept=arrays["intercept"].astype(np.float64),
        classes=tuple(settings["classes"]),
        cue_scale=float(settings["cue_scale"]),
        lexicon_scale=float(settings["lexicon_scale"]),
        min_confidence=float(settings["min_confidence"]),
        polarity_threshold=float(settings["polarity_threshold"]),
        vector_scale=float(settings.get("vector_scale", 0.0)),
    )
