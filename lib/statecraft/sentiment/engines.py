"""Sentiment engines behind one function: sentence scores, labels and explanations.

Engines (chosen by name, see :data:`ENGINES`):

* ``textblob``: TextBlob's PatternAnalyzer (the default, as users ask for it). Polarity in
  [-1, 1] is the mean of the lexicon words found; subjectivity in [0, 1].
* ``vader``: vaderSentiment's compound score in [-1, 1]; no subjectivity.
* ``finance``: a TF-IDF + logistic-regression model trained on SEntFiN and FinEntity
  (see ``data/sentiment/README.md``); polarity is ``P(positive) - P(negative)``;
  no subjectivity. Strong on held-out splits of its own training sets, weak on other news.
* ``news``: logistic regression over polarity cues (direction x quantity, state actions,
  negation and contrast scope; :mod:`statecraft.sentiment.cues`), TextBlob and VADER
  scores, word n-grams and static word vectors, trained on SEntFiN, FinEntity and the
  project's crypto labels; sentences that name a state are decided by the same regression
  over a fine-tuned sentence encoder instead of the static vectors
  (:mod:`statecraft.sentiment.encoder`). The best validated engine
  (``data/sentiment/reliability.csv``); polarity as ``finance``.

Text is normalised before every engine sees it (:func:`normalize_text`): Unicode NFKC,
curly quotes and apostrophes made straight, dashes made ASCII, and negative contractions
expanded (``isn't`` -> ``is not``), because TextBlob's tokenizer splits ``isn't`` into
``is n ' t`` and so never negates it, and VADER only recognises straight apostrophes.

Labels (documented thresholds):

* ``textblob`` and ``vader``: ``positive`` if polarity >= 0.05, ``negative`` if
  polarity <= -0.05, else ``neutral`` (0.05 is VADER's published threshold).
* ``finance``: the most probable class of the classifier.
* ``news``: the most probable class, or neutral when its probability is below the
  model's ``min_confidence`` (the engine abstains).

Aggregates (document and targeted means) are labelled with :func:`label_polarity`, which
uses the same +-0.05 for the lexicon engines and, for ``finance`` and ``news``, the polarity
threshold stored with the model (the one that best reproduces the classifier's own labels).

``domain=True`` applies the news-domain lexicon adjustments in
``data/sentiment/domain_terms.csv`` (e.g. ``firm`` as a company, ``United`` in "United
States") to the lexicon engines; it does not change ``finance`` or ``news``, which learned their words.
"""

from __future__ import annotations

import logging
import re
import unicodedata
from collections.abc import Sequence
from typing import Any

import pandas as pd

from statecraft.sentiment import finance, lexicon, news

log = logging.getLogger(__name__)

ENGINES: tuple[str, ...] = ("textblob", "vader", "finance", "news")
LABELS: tuple[str, ...] = ("negative", "neutral", "positive")
LEXICON_THRESHOLD = 0.05

_CHAR_MAP = str.maketrans(
    {
        "\u2018": "'", "\u2019": "'", "\u201a": "'", "\u201b": "'", "\u02bc": "'", "\u2032": "'",
        "\u00b4": "'", "`": "'",
        "\u201c": '"', "\u201d": '"', "\u201e": '"', "\u201f": '"', "\u2033": '"',
        "\u00ab": '"', "\u00bb": '"',
        "\u2010": "-", "\u2011": "-", "\u2012": "-", "\u2013": "-", "\u2014": "-", "\u2015": "-",
        "\u2212": "-",
    }
)  # fmt: skip
_IRREGULAR_NT = {"can't": "can not", "cannot": "can not", "won't": "will not", "shan't": "shall not"}
_IRREGULAR_RE = re.compile(r"\b(?:can't|cannot|won't|shan't)\b", re.IGNORECASE)
_NT_RE = re.compile(r"\b(\w+)n't\b", re.IGNORECASE)
_SPACES_RE = re.compile(r"[ \t\r\f\v]+")


def check_engine(name: str) -> str:
    """Return ``name`` if it is a known engine.

    Args:
        name: An engine name.

    Returns:
        The same name.

    Raises:
        ValueError: If ``name`` is not one of :data:`ENGINES` (the message lists them).
    """
    if name not in ENGINES:
        raise ValueError(f"unknown sentiment engine {name!r}; valid engines: {', '.join(ENGINES)}")
    return name


def normalize_text(text: str) -> str:
    """Normalise ``text`` so that lexicon rules work on news typography.

    Applies Unicode NFKC, maps curly quotes/apostrophes and Unicode dashes to ASCII,
    expands negative contractions (``isn't`` -> ``is not``, ``can't`` -> ``can not``)
    and collapses runs of spaces.

    Args:
        text: A sentence or short text.

    Returns:
        The normalised text.
    """
    if text.isascii():  # NFKC leaves ASCII as it is, and "`" is the map's only ASCII key
        out = text.replace("`", "'")
    else:
        out = unicodedata.normalize("NFKC", text).translate(_CHAR_MAP)
    if "'" in out or "annot" in out.lower():  # the contraction patterns cannot match otherwise (no scan)
        out = _IRREGULAR_RE.sub(_expand_irregular, out)
        out = _NT_RE.sub(lambda m: f"{m.group(1)} {'NOT' if m.group(0).isupper() else 'not'}", out)
    return _SPACES_RE.sub(" ", out).strip()


def score_sentences(texts: Sequence[str], *, engine: str = "textblob", domain: bool = False) -> list[dict[str, Any]]:
    """Score each sentence with one engine.

    Args:
        texts: Sentences (any text works; the lexicon engines are built for sentences).
        engine: One of :data:`ENGINES`.
        domain: Apply the news-domain lexicon adjustments (lexicon engines only).

    Returns:
        One dict per text, in order: ``polarity`` (float in [-1, 1], 4 decimals),
        ``subjectivity`` (float, 4 decimals, or None if the engine has none) and
        ``label`` (positive, neutral or negative; see the module docstring).

    Raises:
        ValueError: If ``engine`` is unknown.
    """
    check_engine(engine)
    clean = [normalize_text(str(t)) for t in texts]
    if engine == "finance":
        rows = finance.score(clean)
    elif engine == "news":
        rows = news.score(clean)
    elif engine == "vader":
        rows = [{"polarity": p, "subjectivity": None} for p in lexicon.vader_polarity(clean, domain=domain)]
    else:
        rows = [{"polarity": p, "subjectivity": s} for p, s in lexicon.textblob_scores(clean, domain=domain)]
    out = []
    for row in rows:
        polarity = _round(row["polarity"])
        subjectivity = None if row["subjectivity"] is None else _round(row["subjectivity"])
        label = row.get("label") or label_polarity(polarity, engine=engine)
        out.append({"polarity": polarity, "subjectivity": subjectivity, "label": label})
    return out


def label_polarity(polarity: float, *, engine: str = "textblob") -> str:
    """Label a polarity (of a sentence or of a mean over sentences) with the engine's threshold.

    Args:
        polarity: A score in [-1, 1].
        engine: One of :data:`ENGINES`; ``finance`` and ``news`` use the threshold stored
            with their model.

    Returns:
        ``positive``, ``neutral`` or ``negative``.

    Raises:
        ValueError: If ``engine`` is unknown.
    """
    threshold = polarity_threshold(engine)
    if polarity >= threshold:
        return "positive"
    if polarity <= -threshold:
        return "negative"
    return "neutral"


def polarity_threshold(engine: str) -> float:
    """Return the polarity threshold that separates neutral from polar labels for ``engine``.

    Args:
        engine: One of :data:`ENGINES`.

    Returns:
        A positive threshold ``t``: polarity >= t is positive, <= -t negative.

    Raises:
        ValueError: If ``engine`` is unknown.
    """
    check_engine(engine)
    if engine == "finance":
        return finance.polarity_threshold()
    if engine == "news":
        return news.polarity_threshold()
    return LEXICON_THRESHOLD


def explain(text: str, *, engine: str = "textblob", domain: bool = False) -> pd.DataFrame:
    """Show which words moved the score of ``text`` and by how much.

    * ``textblob``: one row per lexicon assessment (a word with its modifier or
      negation, e.g. ``not good``); weights are each assessment's share of the mean,
      so they sum to the polarity.
    * ``vader``: one row per word with a valence after VADER's rules (negation,
      boosters, "but"), plus a ``(punctuation)`` row for "!"/"?" emphasis; weights are
      shares of the compound score, so they sum to it.
    * ``finance`` and ``news``: occlusion: the weight of a word is the polarity of the text minus
      the polarity with that word removed (weights need not sum to the polarity).

    Args:
        text: A sentence.
        engine: One of :data:`ENGINES`.
        domain: Apply the news-domain lexicon adjustments (lexicon engines only).

    Returns:
        Columns ``words`` (str), ``weight`` (float, 4 decimals); sorted by decreasing
        absolute weight, then by words; rows with a zero weight are left out.

    Raises:
        ValueError: If ``engine`` is unknown.
    """
    check_engine(engine)
    clean = normalize_text(text)
    if engine == "finance":
        pairs = finance.explain(clean)
    elif engine == "news":
        pairs = news.explain(clean)
    elif engine == "vader":
        pairs = lexicon.vader_explain(clean, domain=domain)
    else:
        pairs = lexicon.textblob_explain(clean, domain=domain)
    table = pd.DataFrame([(w, _round(x)) for w, x in pairs if _round(x) != 0.0], columns=["words", "weight"]).astype(
        {"words": "string", "weight": "Float64"}
    )
    if table.empty:
        return table
    order = table.assign(_abs=table["weight"].abs()).sort_values(
        ["_abs", "words"], ascending=[False, True], kind="mergesort"
    )
    return order.drop(columns="_abs").reset_index(drop=True)


def _expand_irregular(match: re.Match[str]) -> str:
    word = match.group(0)
    expanded = _IRREGULAR_NT[word.lower()]
    if word.isupper():
        return expanded.upper()
    return expanded.capitalize() if word[0].isupper() else expanded


def _round(value: float) -> float:
    return round(float(value), 4) + 0.0  # + 0.0 turns -0.0 into 0.0
