"""Trends: per period and key (country, actor, organisation or topic), counts, voice, sentiment, stance.

A *key sentence* is a sentence holding a mention of the key with role ``subject``. An
article counts for a key in a period when one of its key sentences is dated in that period:

* ``date="published"``: every sentence takes its article's date, the ``published_date``
  or, when it has none, its story's earliest one (as :func:`comparison.select_documents`);
* ``date="event"``: every sentence takes the date of its own most precise resolved
  calendar timex (:func:`timeline.dated_sentences`), so an article can count in several
  periods, and a key sentence without a resolved date is undated.

Undated key sentences (and the articles holding them) are counted in their own row per
key, with ``period_start`` ``NaT`` and ``is_undated`` True, sorted after every period;
they are never dropped. Between the first and the last dated period of the corpus every
period appears for every key, with zeros where no article names the key.

Sentiment is targeted: the mean polarity of the key sentences scored by ``engine`` with a
seeded 95% bootstrap interval. The default engine is the best validated one the corpus was
scored with, in the order of :data:`ENGINE_PREFERENCE`: ``news``, ``vader``, ``textblob``,
``finance``, the order of their macro-F1 on the crypto-news sentences naming a state (the
news these tables score), then of their mean over the cross-dataset tests
(``data/sentiment/reliability.csv``, written by ``bench/eval_sentiment.py --cross``; a test
keeps the two in step).
"""

from __future__ import annotations

import logging

import pandas as pd

from statecraft.analysis import comparison, coverage, timeline
from statecraft.corpus import Corpus
from statecraft.sentiment import stance
from statecraft.sentiment import summary as sentiment_summary

log = logging.getLogger(__name__)

DIGITS = 3
BY: dict[str, str] = {"country": "country", "actor": "actor", "organization": "organization",
                      "organisation": "organization", "topic": "topic"}
FREQS: tuple[str, ...] = ("D", "W", "M", "Q", "Y")
DATES: tuple[str, ...] = ("published", "event")
ENGINE_PREFERENCE: tuple[str, ...] = ("news", "vader", "textblob", "finance")
"""Sentiment engines from the best validated on this product's news (domain macro-F1) to the least."""
TREND_COLUMNS: dict[str, str] = {
    "period_start": "datetime64[ns]", "is_undated": "boolean", "key": "string", "n_articles": "Int64",
    "n_stories": "Int64", "n_mentions": "Int64", "share_of_voice": "Float64", "engine": "string",
    "n_sentences": "Int64", "polarity": "Float64", "ci_low": "Float64", "ci_high": "Float64",
    "n_engaging": "Int64", "n_restricting": "Int64", "is_new": "boolean",
}  # fmt: skip
_KEYS = ["doc_id", "sentence_id"]


def default_engine(sentiment: pd.DataFrame) -> str | None:
    """Return the best validated engine that scored ``sentiment`` (None when nothing was scored).

    Args:
        sentiment: The sentiment frame (engine).
    """
    scored = {str(e) for e in sentiment["engine"].dropna().unique()}
    return next((e for e in ENGINE_PREFERENCE if e in scored), None)


def key_sentences(ann: Corpus, *, by: str = "country", freq: str = "M", date: str = "published") -> pd.DataFrame:
    """List every key sentence with its key, story and period (the unit :func:`trends` counts).

    Args:
        ann: An annotated corpus.
        by: As for :func:`trends`.
        freq: As for :func:`trends` (``D`` gives each sentence's day).
        date: As for :func:`trends`.

    Returns:
        doc_id, sentence_id, key, n_mentions, story_id, period_start (NaT when undated).

    Raises:
        ValueError: If ``by``, ``freq`` or ``date`` is not a valid choice.
    """
    entity_type = BY[_choice("by", by, tuple(BY))]
    freq, date = _choice("freq", freq, FREQS), _choice("date", date, DATES)
    return _dated_key_sentences(ann, entity_type, freq=freq, date=date)


def auto_freq(ann: Corpus, *, by: str = "country", date: str = "published", max_periods: int = 36) -> str:
    """Return the finest period (D, W, M, Q, Y) that cuts the dated range into at most ``max_periods``.

    Args:
        ann: An annotated corpus.
        by: As for :func:`trends`.
        date: As for :func:`trends`.
        max_periods: The most periods a chart should show.

    Returns:
        A ``freq`` for :func:`trends` (``M`` when nothing is dated).
    """
    days = key_sentences(ann, by=by, freq="D", date=date)["period_start"].dropna()
    if days.empty:
        return "M"
    for freq in FREQS:
        if len(pd.period_range(days.min(), days.max(), freq=freq)) <= max_periods:
            return freq
    return FREQS[-1]


def trends(
    ann: Corpus, *, by: str = "country", freq: str = "M", date: str = "published", engine: str | None = None
) -> pd.DataFrame:
    """Count articles, stories, voice, targeted sentiment and stance per period and key.

    Needs documents (doc_id, story_id, published_date), mentions (doc_id, sentence_id,
    entity_type, entity_id, role), sentiment, and timexes for ``date="event"``.

    Args:
        ann: An annotated corpus.
        by: ``country``, ``actor``, ``organization`` (or ``organisation``) or ``topic``.
        freq: Period length: ``D`` day, ``W`` week (from Monday), ``M`` month, ``Q`` quarter, ``Y`` year.
        date: ``published`` (the article's date) or ``event`` (each sentence's own timex date).
        engine: Sentiment engine; None picks :func:`default_engine`.

    Returns:
        One row per (period, key): period_start (NaT for the undated row), is_undated, key
        (entity_id), n_articles, n_stories, n_mentions, share_of_voice (the key's share of
        all mentions of its entity type in the period), engine, n_sentences (scored key
        sentences), polarity, ci_low, ci_high, n_engaging, n_restricting (key sentences
        leaning that way, :mod:`statecraft.sentiment.stance`), is_new (the key's first
        period with an article; NA on the undated row). Sorted by period_start (undated
        last) then key, rounded to 3 decimals.

    Raises:
        ValueError: If ``by``, ``freq``, ``date`` or ``engine`` is not a valid choice.
    """
    entity_type = _choice("by", by, tuple(BY))
    entity_type = BY[entity_type]
    freq = _choice("freq", freq, FREQS)
    date = _choice("date", date, DATES)
    engine = engine or default_engine(ann.sentiment)
    coverage.check_scored(ann, engine)
    sentences = _dated_key_sentences(ann, entity_type, freq=freq, date=date)
    table = _counts(sentences)
    table = table.merge(_stance(ann, sentences), on=["period_start", "key"], how="left", validate="1:1")
    table = table.merge(_sentiment(ann, sentences, engine), on=["period_start", "key"], how="left", validate="1:1")
    table = _fill_periods(table, freq)
    table["engine"] = engine
    first = table[table["n_articles"] > 0].groupby("key")["period_start"].min().rename("first").reset_index()
    first = table[["key"]].merge(first, on="key", how="left", validate="m:1")["first"].to_numpy()
    is_new = (table["period_start"] == first) & (table["n_articles"] > 0)  # (Series.map fails on an empty map)
    table["is_undated"] = table["period_start"].isna()
    table["is_new"] = is_new.astype("boolean").mask(table["is_undated"])
    out = table[list(TREND_COLUMNS)].astype(TREND_COLUMNS)
    out = out.sort_values(["period_start", "key"], kind="mergesort", na_position="last").reset_index(drop=True)
    log.info("trends by %s per %s (%s dates): %d rows", entity_type, freq, date, len(out))
    return out


def _choice(name: str, value: str, valid: tuple[str, ...]) -> str:
    if value not in valid:
        raise ValueError(f"{name} must be one of {', '.join(valid)}; got {value!r}")
    return value


def _dated_key_sentences(ann: Corpus, entity_type: str, *, freq: str, date: str) -> pd.DataFrame:
    """Return doc_id, sentence_id, key, n_mentions, story_id, period_start for every key sentence."""
    keep = (ann.mentions["entity_type"] == entity_type) & (ann.mentions["role"] == comparison.COUNTING_ROLE)
    mentions = ann.mentions[(keep & ann.mentions["sentence_id"].notna()).fillna(False)]
    found = mentions.groupby([*_KEYS, "entity_id"], as_index=False).size()
    found = found.rename(columns={"entity_id": "key", "size": "n_mentions"})
    docs = comparison.select_documents(ann.documents)
    found = found.merge(docs, on="doc_id", how="inner", validate="m:1")
    if date == "published":
        when = found["article_date"]
    else:
        dated = timeline.dated_sentences(ann.timexes)[[*_KEYS, "date_start"]]
        found = found.merge(dated, on=_KEYS, how="left", validate="m:1")
        when = found["date_start"]
    stamps = pd.to_datetime(when.astype("object"), format="%Y-%m-%d", errors="coerce")
    found["period_start"] = stamps.dt.to_period(freq).dt.start_time.astype("datetime64[ns]")
    return found[[*_KEYS, "key", "n_mentions", "story_id", "period_start"]]


def _counts(sentences: pd.DataFrame) -> pd.DataFrame:
    groups = sentences.groupby(["period_start", "key"], dropna=False, sort=True)
    table = groups.agg(n_articles=("doc_id", "nunique"), n_stories=("story_id", "nunique"),
                       n_mentions=("n_mentions", "sum")).reset_index()
    totals = table.groupby("period_start", dropna=False)["n_mentions"].transform("sum")
    table["share_of_voice"] = (table["n_mentions"] / totals).round(DIGITS)
    return table


def _stance(ann: Corpus, sentences: pd.DataFrame) -> pd.DataFrame:
    key_sentences = sentences[["key", *_KEYS, "story_id"]].drop_duplicates().rename(columns={"key": "country"})
    leans = stance.stance_evidence(ann.mentions, ann.sentences, key_sentences)
    leans = leans.rename(columns={"country": "key"})[["key", *_KEYS, "lean"]]
    data = sentences[["period_start", "key", *_KEYS]].merge(leans, on=["key", *_KEYS], how="inner", validate="m:1")
    rows = []
    for (period, key), group in data.groupby(["period_start", "key"], dropna=False, sort=True):
        rows.append({"period_start": period, "key": key, "n_engaging": int((group["lean"] == "engaging").sum()),
                     "n_restricting": int((group["lean"] == "restricting").sum())})
    out = pd.DataFrame(rows, columns=["period_start", "key", "n_engaging", "n_restricting"])
    return out.astype({"period_start": "datetime64[ns]", "key": sentences["key"].dtype})


def _sentiment(ann: Corpus, sentences: pd.DataFrame, engine: str | None) -> pd.DataFrame:
    columns = ["period_start", "key", "n_sentences", "polarity", "ci_low", "ci_high"]
    if engine is None:
        return pd.DataFrame(columns=columns).astype({"period_start": "datetime64[ns]", "key": sentences["key"].dtype})
    scores = ann.sentiment.loc[ann.sentiment["engine"] == engine, [*_KEYS, "engine", "polarity", "label"]]
    pairs = sentences[["period_start", "key", *_KEYS]].merge(scores, on=_KEYS, how="inner", validate="m:1")
    pairs = pairs.rename(columns={"key": "entity_id"})
    parts = []
    for period, group in pairs.groupby("period_start", dropna=False, sort=True):
        part = sentiment_summary.country_table(group, engine=engine, seed=0)
        parts.append(part.assign(period_start=period))
    if not parts:
        return pd.DataFrame(columns=columns).astype({"period_start": "datetime64[ns]", "key": sentences["key"].dtype})
    out = pd.concat(parts, ignore_index=True).rename(columns={"entity_id": "key"})
    return out[columns].astype({"period_start": "datetime64[ns]"})


def _fill_periods(table: pd.DataFrame, freq: str) -> pd.DataFrame:
    """Add a zero row for every key in every period between the first and the last dated one."""
    dated = table["period_start"].dropna()
    full = table
    if len(dated):
        periods = pd.period_range(dated.min(), dated.max(), freq=freq).start_time.astype("datetime64[ns]")
        keys = sorted(set(table["key"]))
        grid = pd.MultiIndex.from_product([periods, keys], names=["period_start", "key"]).to_frame(index=False)
        grid = grid.astype({"key": table["key"].dtype})
        full = grid.merge(table, on=["period_start", "key"], how="left", validate="1:1")
        undated = table[table["period_start"].isna()]
        full = pd.concat([full, undated], ignore_index=True) if len(undated) else full
    for column in ("n_articles", "n_stories", "n_mentions", "n_engaging", "n_restricting", "n_sentences"):
        full[column] = full[column].fillna(0)
    full["share_of_voice"] = full["share_of_voice"].fillna(0.0)
    return full



def top_stories(ann: Corpus, *, by: str = "country", freq: str = "M", date: str = "published") -> pd.DataFrame:
    """Name the top story of every dated period and key: the story with the most articles there.

    Needs what :func:`trends` needs, and documents.title.

    Args:
        ann: An annotated corpus.
        by: As for :func:`trends`.
        freq: As for :func:`trends`.
        date: As for :func:`trends`.

    Returns:
        period_start, key, story_id, n_articles (of that story for that key in that period)
        and title (of the story's first article there, by doc_id, with a title); one row
        per dated (period, key) with an article, ties broken by story_id; sorted by
        period_start then key.

    Raises:
        ValueError: If ``by``, ``freq`` or ``date`` is not a valid choice.
    """
    sentences = key_sentences(ann, by=by, freq=freq, date=date)
    sentences = sentences[sentences["period_start"].notna()]
    columns = ["period_start", "key", "story_id", "n_articles", "title"]
    if sentences.empty:
        return pd.DataFrame(columns=columns).astype({"period_start": "datetime64[ns]", "n_articles": "Int64"})
    articles = sentences[["period_start", "key", "story_id", "doc_id"]].drop_duplicates()
    sizes = articles.groupby(["period_start", "key", "story_id"], as_index=False)["doc_id"].agg(["nunique", "min"])
    sizes = sizes.rename(columns={"nunique": "n_articles"}).reset_index(drop=True)
    titles = ann.documents.set_index("doc_id")["title"].astype("string")
    titled = articles.assign(title=articles["doc_id"].map(titles)).dropna(subset=["title"])
    titled = titled[titled["title"].str.strip() != ""].sort_values("doc_id", kind="mergesort")
    first = titled.groupby(["period_start", "key", "story_id"], as_index=False)["title"].first()
    sizes = sizes.sort_values(["period_start", "key", "n_articles", "story_id"], ascending=[True, True, False, True],
                              kind="mergesort")
    top = sizes.groupby(["period_start", "key"], as_index=False).head(1)
    top = top.merge(first, on=["period_start", "key", "story_id"], how="left", validate="1:1")
    return top[columns].astype({"n_articles": "Int64", "title": "string"}).reset_index(drop=True)
