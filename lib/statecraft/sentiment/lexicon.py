"""Lexicon engines (TextBlob's PatternAnalyzer, VADER), their domain adjustments and explanations.

Texts reaching these functions are already normalised by
:func:`statecraft.sentiment.normalize_text`.

Domain adjustments live in ``data/sentiment/domain_terms.csv`` (term, engine, value,
reason): a blank value removes the word from that engine's lexicon (so it neither
scores nor, for TextBlob, dilutes the mean); a number replaces its polarity (TextBlob
scale [-1, 1], VADER scale [-4, 4]). The adjusted lexicons are copies; the libraries'
own lexicons are never changed.
"""

from __future__ import annotations

import functools
import logging
from collections.abc import Sequence
from pathlib import Path

import pandas as pd

from statecraft import resources
from statecraft.sentiment import pattern

log = logging.getLogger(__name__)

DATA_DIR = resources.data_dir() / "sentiment"
DOMAIN_TERMS_PATH = DATA_DIR / "domain_terms.csv"
_LEXICON_ENGINES = ("textblob", "vader")


def load_domain_terms(path: Path | str = DOMAIN_TERMS_PATH) -> pd.DataFrame:
    """Read and check the domain-adjustment table.

    Args:
        path: CSV with columns term, engine, value (blank = remove), reason.

    Returns:
        The table, sorted by term and engine; ``value`` is Float64 with <NA> for removal.

    Raises:
        ValueError: If a key (term, engine) repeats, an engine is unknown, a term is not
            lower case, or a reason is missing.
    """
    table = pd.read_csv(path, dtype={"term": "string", "engine": "string", "reason": "string"})
    table = table.astype({"value": "Float64"})
    bad_engine = sorted(set(table["engine"]) - set(_LEXICON_ENGINES))
    if bad_engine:
        raise ValueError(f"{path}: unknown engine(s) {bad_engine}; valid: {', '.join(_LEXICON_ENGINES)}")
    if table.duplicated(["term", "engine"]).any():
        dups = table.loc[table.duplicated(["term", "engine"], keep=False), "term"].tolist()
        raise ValueError(f"{path}: repeated (term, engine) keys for {sorted(set(dups))}")
    if (table["term"] != table["term"].str.lower()).any():
        raise ValueError(f"{path}: terms must be lower case")
    if table["reason"].isna().any():
        raise ValueError(f"{path}: every row needs a reason")
    return table.sort_values(["term", "engine"], kind="mergesort").reset_index(drop=True)


def textblob_scores(texts: Sequence[str], *, domain: bool = False) -> list[tuple[float, float]]:
    """Score texts with TextBlob's PatternAnalyzer.

    Args:
        texts: Normalised texts.
        domain: Use the domain-adjusted lexicon.

    Returns:
        ``(polarity, subjectivity)`` per text, unrounded; with ``domain=False`` exactly
        ``TextBlob(text).sentiment`` (the same floats: :class:`statecraft.sentiment.pattern.PatternScorer` replays
        PatternAnalyzer's tokenizer and averaging over a plain copy of its lexicon).
    """
    scorer = _textblob_scorer(domain)
    return [scorer(t) for t in texts]


def textblob_explain(text: str, *, domain: bool = False) -> list[tuple[str, float]]:
    """Split TextBlob's polarity of ``text`` into its assessments.

    Args:
        text: A normalised text.
        domain: Use the domain-adjusted lexicon.

    Returns:
        ``(words, weight)`` per assessment; the weights sum to the polarity.
    """
    assessments = _textblob_analyzer(domain)(text).assessments
    n = len(assessments)
    return [(" ".join(words), polarity / n) for words, polarity, _subj, _label in assessments]


def vader_polarity(texts: Sequence[str], *, domain: bool = False) -> list[float]:
    """Score texts with VADER's compound score.

    Args:
        texts: Normalised texts.
        domain: Use the domain-adjusted lexicon.

    Returns:
        The compound score per text (VADER rounds it to 4 decimals).
    """
    analyzer = _vader_analyzer(domain)
    return [analyzer.polarity_scores(t)["compound"] for t in texts]


def vader_explain(text: str, *, domain: bool = False) -> list[tuple[str, float]]:
    """Split VADER's compound score of ``text`` into word shares.

    VADER sums word valences (after negation, boosters and the "but" rule), adds
    punctuation emphasis and squashes the sum into [-1, 1]; each word's weight is its
    share of the sum times the compound score.

    Args:
        text: A normalised text.
        domain: Use the domain-adjusted lexicon.

    Returns:
        ``(word, weight)`` per word with a valence, plus ``("(punctuation)", weight)``
        when "!"/"?" added emphasis; the weights sum to the compound score.
    """
    from vaderSentiment.vaderSentiment import normalize

    analyzer = _vader_analyzer(domain)
    words, valences, punct = _vader_valences(analyzer, text)
    total = float(sum(valences))
    if total == 0:
        return []
    emphasis = punct if total > 0 else -punct
    compound = normalize(total + emphasis)
    scale = compound / (total + emphasis)
    pairs = [(w, v * scale) for w, v in zip(words, valences, strict=True) if v]
    if emphasis:
        pairs.append(("(punctuation)", emphasis * scale))
    return pairs


def _vader_valences(analyzer, text: str) -> tuple[list[str], list[float], float]:
    """Replay ``SentimentIntensityAnalyzer.polarity_scores`` up to the valence list."""
    from vaderSentiment.vaderSentiment import BOOSTER_DICT, SentiText

    text = _vader_demojize(analyzer, text)
    sentitext = SentiText(text)
    words = sentitext.words_and_emoticons
    valences: list[float] = []
    for i, item in enumerate(words):
        if item.lower() in BOOSTER_DICT or (
            i < len(words) - 1 and item.lower() == "kind" and words[i + 1].lower() == "of"
        ):
            valences.append(0)
            continue
        valences = analyzer.sentiment_valence(0, sentitext, item, i, valences)
    valences = analyzer._but_check(words, valences)
    return list(words), [float(v) for v in valences], analyzer._punctuation_emphasis(text)


def _vader_demojize(analyzer, text: str) -> str:
    out, prev_space = [], True
    for char in text:
        if char in analyzer.emojis:
            if not prev_space:
                out.append(" ")
            out.append(analyzer.emojis[char])
            prev_space = False
        else:
            out.append(char)
            prev_space = char == " "
    return "".join(out).strip()


@functools.lru_cache(maxsize=2)
def _textblob_analyzer(domain: bool):
    """TextBlob's English ``Sentiment``, a fresh copy; with ``domain`` the adjustments applied to the copy."""
    analyzer = pattern.english_sentiment()
    if not domain:
        return analyzer
    for term, value in _adjustments("textblob"):
        if value is None:
            dict.pop(analyzer, term, None)
        elif term in analyzer:
            entry = dict.__getitem__(analyzer, term)
            for pos, (_p, subj, intensity) in list(entry.items()):
                entry[pos] = (value, subj, intensity)
        else:
            dict.__setitem__(analyzer, term, {None: (value, 0.5, 1.0)})
    return analyzer


@functools.lru_cache(maxsize=2)
def _textblob_scorer(domain: bool) -> pattern.PatternScorer:
    return pattern.PatternScorer(_textblob_analyzer(domain))


@functools.lru_cache(maxsize=2)
def _vader_analyzer(domain: bool):
    from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

    analyzer = SentimentIntensityAnalyzer()
    if domain:
        analyzer.lexicon = dict(analyzer.lexicon)
        for term, value in _adjustments("vader"):
            if value is None:
                analyzer.lexicon.pop(term, None)
            else:
                analyzer.lexicon[term] = value
    return analyzer


def _adjustments(engine: str) -> list[tuple[str, float | None]]:
    table = load_domain_terms()
    rows = table[table["engine"] == engine]
    return [(str(t), None if pd.isna(v) else float(v)) for t, v in zip(rows["term"], rows["value"], strict=True)]
