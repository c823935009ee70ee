"""The ``finance`` engine: TF-IDF + logistic regression, inference in numpy.

The model is trained by ``tools/train_finance_model.py`` (deterministic) and stored
without pickle in ``data/sentiment/``:

* ``finance_model.npz``: ``word_terms`` and ``char_terms`` (UTF-8 bytes of the
  newline-joined vocabularies, feature order), ``word_idf``, ``char_idf``, ``coef``
  (classes x features) and ``intercept``.
* ``finance_model.json``: classes, feature settings, the label threshold for
  aggregates, training data and held-out figures.

Features, in order: word 1-2-grams and char_wb 2-5-grams of the lower-cased text with
digits mapped to ``0`` (each block: sublinear tf x idf, L2-normalised), then TextBlob
polarity and VADER compound of the text (times ``lexicon_scale``). Texts reaching this
module are already normalised by :func:`statecraft.sentiment.normalize_text`.
"""

from __future__ import annotations

import functools
import json
import logging
import math
import re
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from statecraft.sentiment import lexicon

log = logging.getLogger(__name__)

MODEL_NPZ = lexicon.DATA_DIR / "finance_model.npz"
MODEL_JSON = lexicon.DATA_DIR / "finance_model.json"

_TOKEN_RE = re.compile(r"(?u)\b\w\w+\b")
_DIGIT_RE = re.compile(r"\d")
_WORD_RE = re.compile(r"[^\W_](?:[\w'.-]*[^\W_])?")


@dataclass(frozen=True)
class FinanceModel:
    """A loaded finance model (vocabularies, idf, coefficients, metadata)."""

    word_index: dict[str, int]
    char_index: dict[str, int]
    word_idf: np.ndarray
    char_idf: np.ndarray
    coef: np.ndarray
    intercept: np.ndarray
    classes: tuple[str, ...]
    lexicon_scale: float
    polarity_threshold: float

    def predict_proba(self, texts: Sequence[str]) -> np.ndarray:
        """Return class probabilities (rows: texts, columns: :attr:`classes`)."""
        from scipy.sparse import csr_matrix, hstack

        pre = [preprocess(t) for t in texts]
        blocks = [
            _tfidf_matrix([word_grams(t) for t in pre], self.word_index, self.word_idf),
            _tfidf_matrix([char_grams(t) for t in pre], self.char_index, self.char_idf),
            csr_matrix(lexicon_features(texts) * self.lexicon_scale),
        ]
        logits = np.asarray(hstack(blocks).tocsr() @ self.coef.T) + self.intercept
        logits -= logits.max(axis=1, keepdims=True)
        exp = np.exp(logits)
        return exp / exp.sum(axis=1, keepdims=True)


def preprocess(text: str) -> str:
    """Lower-case ``text`` and map every digit to ``0`` (amounts vary, their shape matters)."""
    return _DIGIT_RE.sub("0", text.lower())


def word_grams(text: str) -> list[str]:
    """Return word 1- and 2-grams of a preprocessed text (scikit-learn's default tokens)."""
    tokens = _TOKEN_RE.findall(text)
    return tokens + [f"{a} {b}" for a, b in zip(tokens, tokens[1:], strict=False)]


def char_grams(text: str, *, min_n: int = 2, max_n: int = 5) -> list[str]:
    """Return char 2-5-grams inside space-padded words (scikit-learn's ``char_wb``)."""
    grams = []
    for word in text.split():
        padded = f" {word} "
        size = len(padded)
        for n in range(min_n, max_n + 1):
            grams.extend(padded[i : i + n] for i in range(max(1, size - n + 1)))
            if size <= n:
                break
    return grams


def lexicon_features(texts: Sequence[str]) -> np.ndarray:
    """Return TextBlob polarity and VADER compound per text, shape (n, 2)."""
    textblob = [p for p, _s in lexicon.textblob_scores(texts)]
    vader = lexicon.vader_polarity(texts)
    return np.array([textblob, vader], dtype=np.float64).T.reshape(len(texts), 2)


def score(texts: Sequence[str]) -> list[dict[str, Any]]:
    """Score normalised texts: polarity = P(positive) - P(negative), label = most probable class.

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
        {"polarity": float(p[pos] - p[neg]), "subjectivity": None, "label": model.classes[int(np.argmax(p))]}
        for p in proba
    ]


def explain(text: str) -> list[tuple[str, float]]:
    """Weigh each word of ``text`` by occlusion: polarity minus polarity without the word.

    Args:
        text: A normalised text.

    Returns:
        ``(word, weight)`` per word occurrence, in text order.
    """
    return occlusion(text, score)


def occlusion(text: str, scorer: Any) -> list[tuple[str, float]]:
    """Weigh each word of ``text`` by the polarity ``scorer`` loses when the word is left out.

    Args:
        text: A normalised text.
        scorer: A function from texts to rows with ``polarity`` (a trained engine's ``score``).

    Returns:
        ``(word, weight)`` per word occurrence, in text order.
    """
    spans = [m.span() for m in _WORD_RE.finditer(text)]
    variants = [text] + [" ".join(f"{text[:s]} {text[e:]}".split()) for s, e in spans]
    polarity = [row["polarity"] for row in scorer(variants)]
    return [(text[s:e], polarity[0] - p) for (s, e), p in zip(spans, polarity[1:], strict=True)]


def polarity_threshold() -> float:
    """Return the model's threshold for labelling mean polarities (see ``finance_model.json``)."""
    return load_model().polarity_threshold


@functools.lru_cache(maxsize=4)
def load_model(npz: Path | str = MODEL_NPZ, meta: Path | str = MODEL_JSON) -> FinanceModel:
    """Load the finance model (cached).

    Args:
        npz: Arrays file.
        meta: Metadata file.

    Returns:
        The model.

    Raises:
        FileNotFoundError: If a model file is missing (rebuild with tools/train_finance_model.py).
    """
    info, arrays = read_model_files(npz, meta, tool="tools/train_finance_model.py")
    model = model_from_arrays(
        arrays,
        classes=tuple(info["classes"]),
        lexicon_scale=float(info["lexicon_scale"]),
        polarity_threshold=float(info["polarity_threshold"]),
    )
    log.debug("loaded finance model: %d word and %d char features", len(model.word_index), len(model.char_index))
    return model


def read_model_files(npz: Path | str, meta: Path | str, *, tool: str) -> tuple[dict, dict[str, np.ndarray]]:
    """Read a trained engine's metadata (JSON) and arrays (npz, no pickle).

    Args:
        npz: Arrays file.
        meta: Metadata file.
        tool: The script that rebuilds them, named in the error.

    Returns:
        The metadata and the arrays by name.

    Raises:
        FileNotFoundError: If a file is missing.
    """
    for path in (npz, meta):
        if not Path(path).exists():
            raise FileNotFoundError(f"model file {path} is missing; run {tool}")
    info = json.loads(Path(meta).read_text(encoding="utf-8"))
    with np.load(npz, allow_pickle=False) as stored:
        arrays = {name: stored[name] for name in stored.files}
    return info, arrays


def model_from_arrays(
    arrays: Mapping[str, np.ndarray], *, classes: tuple[str, ...], lexicon_scale: float, polarity_threshold: float
) -> FinanceModel:
    """Build the model from its stored arrays (vocabularies as newline-joined UTF-8 bytes).

    Args:
        arrays: word_terms, char_terms, word_idf, char_idf, coef, intercept.
        classes: Class names in the order of ``coef`` rows.
        lexicon_scale: Scale of the two lexicon-score features.
        polarity_threshold: Label threshold for means of polarities.

    Returns:
        The model.
    """
    word_terms = arrays["word_terms"].tobytes().decode("utf-8").split("\n")
    char_terms = arrays["char_terms"].tobytes().decode("utf-8").split("\n")
    return FinanceModel(
        word_index={t: i for i, t in enumerate(word_terms)},
        char_index={t: i for i, t in enumerate(char_terms)},
        word_idf=arrays["word_idf"].astype(np.float64),
        char_idf=arrays["char_idf"].astype(np.float64),
        coef=arrays["coef"].astype(np.float64),
        intercept=arrays["intercept"].astype(np.float64),
        classes=classes,
        lexicon_scale=lexicon_scale,
        polarity_threshold=polarity_threshold,
    )


def _tfidf_matrix(docs: list[list[str]], index: dict[str, int], idf: np.ndarray):
    """Sublinear tf x idf, L2-normalised rows, as a CSR matrix (scikit-learn's TfidfVectorizer)."""
    from scipy.sparse import csr_matrix

    indptr, cols, tfs = [0], [], []
    for grams in docs:
        counts = Counter(index[g] for g in grams if g in index)
        cols.extend(counts.keys())
        tfs.extend(1.0 + math.log(c) for c in counts.values())
        indptr.append(len(cols))
    col = np.asarray(cols, dtype=np.int64)
    vals = np.asarray(tfs, dtype=np.float64) * idf[col]
    rows = np.repeat(np.arange(len(docs)), np.diff(indptr))
    norms = np.sqrt(np.bincount(rows, weights=vals**2, minlength=len(docs)))
    vals = vals / np.where(norms[rows] > 0, norms[rows], 1.0)
    return csr_matrix((vals, col, np.asarray(indptr, dtype=np.int64)), shape=(len(docs), len(idf)))
