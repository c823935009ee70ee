"""Select sentences by what they name, when their article is dated, how they score and what they say.

:func:`select` is the explorer's engine (``report/explore.py``) and a plain function for
notebooks. Filters combine with AND; the values inside one filter combine with OR
(``countries=["PAK", "KGZ"]`` keeps sentences naming either). Entity filters count
mentions with role ``subject`` only, as every other table does. Dates are article dates
(``published_date``, else the story's earliest one; see
:func:`statecraft.analysis.comparison.select_documents`): an undated article is kept
only when no date bound is given.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import logging
from collections.abc import Sequence

import pandas as pd

from statecraft import schema
from statecraft.analysis import comparison, coverage
from statecraft.analysis.trends import default_engine
from statecraft.corpus import Corpus

log = logging.getLogger(__name__)

_KEYS = ["doc_id", "sentence_id"]
SENTENCE_COLUMNS = ["doc_id", "sentence_id", "start", "end", "text", "article_date", "story_id", "polarity", "label"]


@dataclasses.dataclass(frozen=True)
class Selection:
    """The frames matching a :func:`select` call.

    Attributes:
        sentences: Matching sentences: doc_id, sentence_id, start, end, text,
            article_date, story_id, polarity and label (of the engine; NA when unscored).
        mentions: Every mention inside the matching sentences (any role).
        timexes: Every timex inside the matching sentences.
        documents: The documents holding a matching sentence (every column), plus article_date.
        engine: The sentiment engine the polarity column comes from (None when unscored).
    """

    sentences: pd.DataFrame
    mentions: pd.DataFrame
    timexes: pd.DataFrame
    documents: pd.DataFrame
    engine: str | None

    @property
    def counts(self) -> dict[str, int]:
        """Count matching sentences, articles and stories."""
        return {"sentences": len(self.sentences), "articles": self.documents["doc_id"].nunique(),
                "stories": self.sentences["story_id"].nunique()}


def select(
    ann: Corpus,
    *,
    countries: Sequence[str] | None = None,
    actors: Sequence[str] | None = None,
    organizations: Sequence[str] | None = None,
    topics: Sequence[str] | None = None,
    stories: Sequence[str] | None = None,
    start: str | None = None,
    end: str | None = None,
    sentiment: tuple[float, float] | None = None,
    text: str | None = None,
    engine: str | None = None,
) -> Selection:
    """Keep the sentences that pass every given filter, with their mentions, timexes and documents.

    Needs documents (doc_id, story_id, published_date), sentences, mentions (role
    ``subject`` for the entity filters), timexes and, for ``sentiment``, scores by ``engine``.

    Args:
        ann: An annotated corpus.
        countries: Alpha-3 codes; keep sentences naming any of them. None or empty: no filter.
        actors: Actor slugs, as ``countries``.
        organizations: Organisation slugs, as ``countries``.
        topics: Topic ids, as ``countries``.
        stories: story_id values; keep sentences of articles in these stories.
        start: First article date kept (ISO); undated articles drop out when a bound is given.
        end: Last article date kept (ISO).
        sentiment: ``(lo, hi)``: keep sentences whose polarity lies in ``[lo, hi]``.
        text: Keep sentences containing this text (case-insensitive, literal).
        engine: Sentiment engine for ``polarity``; None picks the best validated one scored
            (:func:`statecraft.analysis.trends.default_engine`).

    Returns:
        A :class:`Selection`; every frame sorted by its key with a fresh index.

    Raises:
        ValueError: If a date is not ISO or start is after end, ``sentiment`` is not a
            range inside [-1, 1], or ``engine`` (or the sentiment filter) has no scores.
    """
    engine = engine or default_engine(ann.sentiment)
    coverage.check_scored(ann, engine)
    if sentiment is not None:
        _check_range(sentiment)
        if engine is None:
            raise ValueError("sentiment filter given but the corpus has no sentiment scores; annotate with an engine")
    for name, value in (("start", start), ("end", end)):
        _check_date(name, value)
    docs = comparison.select_documents(ann.documents, start_date=start, end_date=end)
    if stories:
        docs = docs[docs["story_id"].isin(list(stories))]
    keys = None  # the entity filters first, on small key frames
    for entity_type, ids in (("country", countries), ("actor", actors), ("organization", organizations),
                             ("topic", topics)):
        if ids:
            found = _naming(ann.mentions, entity_type, ids)
            keys = found if keys is None else keys.merge(found, on=_KEYS, how="inner", validate="1:1")
    sentences = ann.sentences if keys is None else ann.sentences.merge(keys, on=_KEYS, how="inner")
    # m:1 (select_documents gives one row per doc_id), unchecked: this is the explorer's hot path
    sentences = sentences.merge(docs, on="doc_id", how="inner")
    if text:
        sentences = sentences[sentences["text"].str.contains(text, case=False, regex=False).fillna(False)]
    scores = ann.sentiment.loc[ann.sentiment["engine"] == engine, [*_KEYS, "polarity", "label"]]
    # one score per sentence and engine (the sentiment frame's key): m:1 without the costly check
    sentences = sentences.merge(scores, on=_KEYS, how="left")
    if sentiment is not None:
        lo, hi = sentiment
        sentences = sentences[((sentences["polarity"] >= lo) & (sentences["polarity"] <= hi)).fillna(False)]
    sentences = sentences[SENTENCE_COLUMNS].sort_values(_KEYS, kind="mergesort").reset_index(drop=True)
    chosen = sentences[_KEYS]
    mentions = _within(ann.mentions, chosen, "mentions")
    timexes = _within(ann.timexes, chosen, "timexes")
    dated = sentences[["doc_id", "article_date"]].drop_duplicates("doc_id")
    documents = ann.documents.merge(dated, on="doc_id", how="inner", validate="1:1")
    log.debug("select: %d sentences in %d documents", len(sentences), len(documents))
    return Selection(sentences=sentences, mentions=mentions, timexes=timexes,
                     documents=documents.reset_index(drop=True), engine=engine)


def _within(frame: pd.DataFrame, chosen: pd.DataFrame, name: str) -> pd.DataFrame:
    """Keep the rows of ``frame`` inside the ``chosen`` sentences, sorted by the frame's key."""
    out = frame.merge(chosen, on=_KEYS, how="inner")  # m:1: chosen sentences are unique by key
    return out.sort_values(schema.KEYS[name], kind="mergesort").reset_index(drop=True)


def _naming(mentions: pd.DataFrame, entity_type: str, ids: Sequence[str]) -> pd.DataFrame:
    """Return the (doc_id, sentence_id) of sentences naming any of ``ids`` as ``entity_type``."""
    if isinstance(ids, str):
        ids = [ids]
    keep = (mentions["entity_type"] == entity_type) & (mentions["role"] == comparison.COUNTING_ROLE)
    keep &= mentions["entity_id"].isin(list(ids)) & mentions["sentence_id"].notna()
    return mentions.loc[keep.fillna(False), _KEYS].drop_duplicates()


def _check_date(name: str, value: str | None) -> None:
    if value in (None, ""):
        return
    try:
        dt.date.fromisoformat(str(value))
    except ValueError:
        raise ValueError(f"{name} must be an ISO date (YYYY-MM-DD), got {value!r}") from None


def _check_range(sentiment: tuple[float, float]) -> None:
    try:
        lo, hi = (float(v) for v in sentiment)
    except (TypeError, ValueError):
        raise ValueError(f"sentiment must be a (lo, hi) pair of numbers, got {sentiment!r}") from None
    if not -1.0 <= lo <= hi <= 1.0:
        raise ValueError(f"sentiment must satisfy -1 <= lo <= hi <= 1, got {sentiment!r}")
