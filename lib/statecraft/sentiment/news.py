"""The ``news`` engine: word n-grams plus polarity cues and lexicon scores, logistic regression in numpy.

Two models of that form make the engine (:class:`RoutedModel`): the static model of this module scores every
sentence; the sentences that name a state (:func:`statecraft.sentiment.states.names_state`, the sentences the
country and actor tables are made of, about one in eight of a crypto-news corpus) are decided by the encoder
model of :mod:`statecraft.sentiment.encoder`, which has a fine-tuned sentence encoder's embedding where this
one has static word vectors: better on that news (crypto domain set 0.658 against 0.599 macro-F1), too slow
(about 450 sentences/s on one core) to score every sentence.

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
from collections.abc import Callable, Mapping, Sequence
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
    encoder_scale: float = 0.0
    embed: Callable[[Sequence[str]], np.ndarray] | None = None

    def predict_proba(self, texts: Sequence[str]) -> np.ndarray:
        """Return class probabilities (rows: texts, columns: :attr:`classes`)."""
        matrix = features(texts, self.word_index, self.word_idf, stop_words=self.stop_words,
                          word_scale=self.word_scale, cue_scale=self.cue_scale,
                          lexicon_scale=self.lexicon_scale, vector_scale=self.vector_scale,
                          encoder_scale=self.encoder_scale, embed=self.embed)  # fmt: skip
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
    vector_scale: float = 0.0, encoder_scale: float = 0.0, embed: Callable[[Sequence[str]], np.ndarray] | None = None,
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
        encoder_scale: Multiplier of the sentence embedding ``embed`` gives (the encoder model,
            :mod:`statecraft.sentiment.encoder`); 0 leaves the block out.
        embed: Texts to an embedding matrix; needed when ``encoder_scale`` is not 0.

    Returns:
        A ``scipy.sparse`` CSR matrix, one row per text.
    """
    from scipy.sparse import csr_matrix, hstack

    words = finance._tfidf_matrix([word_grams(t, stop_words) for t in texts], dict(word_index), word_idf) * word_scale
    blocks = [cues.cue_features(texts) * cue_scale, finance.lexicon_features(texts) * lexicon_scale]
    if vector_scale:
        blocks.append(vectors.load().sentence_vectors(texts) * vector_scale)
    if encoder_scale:
        if embed is None:
            raise ValueError("encoder_scale is set but no embed function was given")
        blocks.append(embed(list(texts)) * encoder_scale)
    dense = np.hstack(blocks)
    return hstack([words, csr_matrix(dense)]).tocsr()


@dataclass(frozen=True)
class RoutedModel:
    """The ``news`` engine: the static model for every text, the encoder model for the texts that name a state.

    Labels are the static model's rule (argmax, or neutral below its ``min_confidence``) applied to the
    probabilities of the model that decided the text.
    """

    static: NewsModel
    strong: NewsModel

    @property
    def classes(self) -> tuple[str, ...]:
        """The class order of the probability columns."""
        return self.static.classes

    def predict_proba(self, texts: Sequence[str], route: Sequence[bool] | None = None) -> np.ndarray:
        """Return class probabilities.

        ``route`` (default :func:`statecraft.sentiment.states.names_state`) says which texts the encoder model
        decides.
        """
        from statecraft.sentiment import states

        routed = states.names_state(texts) if route is None else np.asarray(route, dtype=bool)
        proba = np.zeros((len(texts), len(self.classes)))
        for model, rows in ((self.static, np.flatnonzero(~routed)), (self.strong, np.flatnonzero(routed))):
            if len(rows):
                proba[rows] = model.predict_proba([texts[i] for i in rows])
        return proba

    def labels(self, proba: np.ndarray) -> list[str]:
        """Return the label of each row of ``proba`` (see :meth:`NewsModel.labels`)."""
        return self.static.labels(proba)


def routed_model() -> RoutedModel:
    """Return the shipped ``news`` engine: :func:`load_model` and :func:`statecraft.sentiment.encoder.load_model`."""
    from statecraft.sentiment import encoder

    return RoutedModel(static=load_model(), strong=encoder.load_model())


def score(texts: Sequence[str], *, route: Sequence[bool] | None = None) -> list[dict[str, Any]]:
    """Score normalised texts: polarity = P(positive) - P(negative), label with abstention.

    The texts that name a state are scored by the encoder model, the others by the static model
    (:class:`RoutedModel`); a text that occurs several times is scored once.

    Args:
        texts: Normalised texts.
        route: Per text, whether the encoder model decides it (default
            :func:`statecraft.sentiment.states.names_state`).

    Returns:
        Dicts with ``polarity``, ``subjectivity`` (None) and ``label``.
    """
    if not texts:
        return []
    model = routed_model()
    keys = list(zip(texts, route if route is not None else [None] * len(texts), strict=True))
    unique = list(dict.fromkeys(keys))  # a corpus repeats sentences (syndication, boilerplate): score each once
    proba = model.predict_proba([t for t, _ in unique], None if route is None else [r for _, r in unique])
    pos, neg = model.classes.index("positive"), model.classes.index("negative")
    rows = {
        key: {"polarity": float(p[pos] - p[neg]), "subjectivity": None, "label": label}
        for key, p, label in zip(unique, proba, model.labels(proba), strict=True)
    }
    return [dict(rows[key]) for key in keys]


def explain(text: str) -> list[tuple[str, float]]:
    """Weigh each word of ``text`` by occlusion: polarity minus polarity without the word.

    The text and every variant are scored by the model the whole text is routed to, so that leaving out
    the state's name weighs the word, not a change of model.

    Args:
        text: A normalised text.

    Returns:
        ``(word, weight)`` per word occurrence, in text order.
    """
    from statecraft.sentiment import states

    routed = bool(states.names_state([text])[0])
    return finance.occlusion(text, lambda variants: score(variants, route=[routed] * len(variants)))


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


def model_from_arrays(
    arrays: Mapping[str, np.ndarray], *, settings: Mapping[str, Any],
    embed: Callable[[Sequence[str]], np.ndarray] | None = None,
) -> NewsModel:  # fmt: skip
    """Build the model from its stored arrays and settings.

    Args:
        arrays: word_terms (newline-joined UTF-8 bytes), word_idf, coef, intercept.
        settings: classes, stop_words, word_scale, cue_scale, lexicon_scale, vector_scale and encoder_scale
            (0 when absent), min_confidence, polarity_threshold.
        embed: The sentence encoder, for a model with an encoder block.

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
        encoder_scale=float(settings.get("encoder_scale", 0.0)),
        embed=embed,
    )
