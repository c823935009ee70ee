"""Country comparison: per country counts, topic profile, actors, stance, sentiment, event dates.

Pure functions from an annotated :class:`~statecraft.corpus.Corpus` to small, sorted,
rounded tables. A country "appears" in a sentence when the sentence holds a country
mention with role ``subject`` (a country word inside an organisation name, a venue, a
currency ... does not count). Every count is given per article and per story
(``n_articles``, ``n_stories``; stories from :mod:`statecraft.stories`).

The selection (:func:`select_documents`) keeps articles whose date lies in
``[start_date, end_date]``. An article's date is its ``published_date`` or, when it has
none, the earliest published date of its story (a rewrite of a dated story is dated by
it); undated articles are kept only when no date bound is given. Shares of voice are
relative to every country mentioned in the selection.

:func:`compare_countries` builds every table at once; the stance reading lives in
:mod:`statecraft.stance`.
"""

from __future__ import annotations

import dataclasses
import logging
import re
from collections.abc import Sequence

import pandas as pd

from statecraft.analysis import coverage
from statecraft.corpus import Corpus
from statecraft.sentiment import stance
from statecraft.tagging import codebook

log = logging.getLogger(__name__)

DIGITS = 3
COUNTING_ROLE = "subject"
ACTOR_TYPES: tuple[str, ...] = ("actor", "organization")
_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
_KEYS = ["doc_id", "sentence_id"]


@dataclasses.dataclass(frozen=True)
class Comparison:
    """The country comparison tables (see :func:`compare_countries`).

    Attributes:
        summary: One row per country (:func:`country_summary`).
        topics: One row per (country, topic) (:func:`topic_profile`).
        actors: One row per (country, actor) (:func:`country_actors`).
        stance: One row per country (:func:`statecraft.stance.country_stance`).
        evidence: One row per stance evidence sentence (:func:`statecraft.stance.stance_evidence`).
        sentiment: One row per country (:func:`country_sentiment`).
    """

    summary: pd.DataFrame
    topics: pd.DataFrame
    actors: pd.DataFrame
    stance: pd.DataFrame
    evidence: pd.DataFrame
    sentiment: pd.DataFrame


def select_documents(
    documents: pd.DataFrame, *, start_date: str | None = None, end_date: str | None = None
) -> pd.DataFrame:
    """Date each article and keep those in ``[start_date, end_date]``.

    Needs documents (doc_id, story_id, published_date). Adds article_date (its own
    published_date, else its story's earliest one).

    Args:
        documents: The documents frame.
        start_date: First ISO date kept (None or "": no lower bound).
        end_date: Last ISO date kept (None or "": no upper bound).

    Returns:
        doc_id, story_id, article_date for the kept articles, sorted by doc_id.

    Raises:
        ValueError: If a bound is not an ISO date or start_date is after end_date.
    """
    start, end = _iso(start_date, "start_date"), _iso(end_date, "end_date")
    if start and end and start > end:
        raise ValueError(f"start_date {start!r} is after end_date {end!r}")
    docs = documents[["doc_id", "story_id", "published_date"]].astype("string")
    docs = docs.assign(story_id=docs["story_id"].fillna(docs["doc_id"]))
    story_date = docs.groupby("story_id")["published_date"].transform("min")
    docs = docs.assign(article_date=docs["published_date"].fillna(story_date))
    keep = pd.Series(True, index=docs.index)
    if start:
        keep &= (docs["article_date"] >= start).fillna(False)
    if end:
        keep &= (docs["article_date"] <= end).fillna(False)
    out = docs.loc[keep, ["doc_id", "story_id", "article_date"]]
    return out.sort_values("doc_id").reset_index(drop=True)


def country_sentences(corpus: Corpus, selected: pd.DataFrame | None = None) -> pd.DataFrame:
    """List the sentences in which each country appears (role ``subject``).

    Needs mentions (doc_id, sentence_id, entity_type, entity_id, role) and documents.

    Args:
        corpus: An annotated corpus.
        selected: From :func:`select_documents` (default: every article).

    Returns:
        country, doc_id, sentence_id, story_id, n_mentions; sorted by country, doc_id, sentence_id.
    """
    selected = select_documents(corpus.documents) if selected is None else selected
    found = _subject(corpus.mentions, "country").rename(columns={"entity_id": "country"})
    counts = found.groupby(["country", *_KEYS], as_index=False).size().rename(columns={"size": "n_mentions"})
    out = counts.merge(selected[["doc_id", "story_id"]], on="doc_id", how="inner", validate="m:1")
    out = out[["country", "doc_id", "sentence_id", "story_id", "n_mentions"]]
    return out.sort_values(["country", *_KEYS], kind="mergesort").reset_index(drop=True)


def compare_countries(
    corpus: Corpus,
    *,
    countries: Sequence[str] = (),
    start_date: str | None = None,
    end_date: str | None = None,
    min_mentions: int = 1,
    top_n: int = 0,
    engine: str = "textblob",
) -> Comparison:
    """Build every country comparison table for one selection.

    Args:
        corpus: An annotated corpus (mentions, sentences, timexes, sentiment, story_id).
        countries: Alpha-3 codes to keep; empty keeps every country.
        start_date: First ISO article date kept ("" or None: no bound).
        end_date: Last ISO article date kept ("" or None: no bound).
        min_mentions: Keep countries with at least this many subject mentions.
        top_n: Keep the top_n countries by articles, stories, mentions (0: all).
        engine: Sentiment engine whose scores are used.

    Returns:
        A :class:`Comparison`; every table holds the same countries.

    Raises:
        ValueError: On a bad code, date, count or engine.
    """
    codes = _codes(countries)
    if min_mentions < 0 or top_n < 0:
        raise ValueError(f"min_mentions and top_n must be >= 0, got {min_mentions!r} and {top_n!r}")
    selected = select_documents(corpus.documents, start_date=start_date, end_date=end_date)
    sentences = country_sentences(corpus, selected)
    summary = country_summary(corpus, sentences, selected)
    keep = summary["n_mentions"] >= min_mentions
    if codes:
        keep &= summary["country"].isin(codes)
    summary = summary[keep]
    if top_n:
        summary = summary.head(top_n)
    kept = set(summary["country"])
    sentences = sentences[sentences["country"].isin(kept)]
    stance_table = stance.country_stance(corpus.mentions, sentences)
    sentiment_table = country_sentiment(corpus, sentences, engine=engine)
    actors = country_actors(corpus.mentions, sentences, selected)
    top_actors = actors.groupby("country")["actor_id"].agg(lambda s: ", ".join(s.head(3)))
    summary = summary.assign(
        actors=summary["country"].map(top_actors).astype("string").fillna(""),
        stance=summary["country"].map(stance_table.set_index("country")["stance"]).astype("string"),
        polarity=summary["country"].map(sentiment_table.set_index("country")["polarity"]).astype("Float64"),
    ).reset_index(drop=True)
    log.info("compared %d countries over %d articles", len(summary), len(selected))
    return Comparison(
        summary=summary,
        topics=topic_profile(corpus.mentions, sentences),
        actors=actors,
        stance=stance_table,
        evidence=stance.stance_evidence(corpus.mentions, corpus.sentences, sentences),
        sentiment=sentiment_table,
    )


def country_summary(corpus: Corpus, sentences: pd.DataFrame, selected: pd.DataFrame) -> pd.DataFrame:
    """Count, per country, articles, stories, mentions, shares of voice and event dates.

    Args:
        corpus: An annotated corpus (timexes: sentence_id, timex_type, value, date_start, date_end).
        sentences: From :func:`country_sentences`.
        selected: From :func:`select_documents`.

    Returns:
        country, name, n_articles, n_stories, n_sentences, n_mentions, share_of_voice
        (of all country mentions), article_share, story_share (of the selected articles
        and stories), first_published, last_published, first_event, last_event (TIMEX3
        values of the dated expressions in the country's sentences that start first and last);
        sorted by n_articles, n_stories, n_mentions (descending), then country.
    """
    grouped = sentences.groupby("country")
    out = pd.DataFrame({
        "n_articles": grouped["doc_id"].nunique(),
        "n_stories": grouped["story_id"].nunique(),
        "n_sentences": grouped.size(),
        "n_mentions": grouped["n_mentions"].sum(),
    }).reset_index()
    total_mentions = max(int(out["n_mentions"].sum()), 1)
    out["share_of_voice"] = (out["n_mentions"] / total_mentions).round(DIGITS)
    out["article_share"] = (out["n_articles"] / max(len(selected), 1)).round(DIGITS)
    out["story_share"] = (out["n_stories"] / max(selected["story_id"].nunique(), 1)).round(DIGITS)
    names = codebook.table("countries").set_index("alpha_3")["name"]
    out.insert(1, "name", out["country"].map(names).fillna(out["country"]))
    dates = sentences[["country", "doc_id"]].merge(selected, on="doc_id", validate="m:1").groupby("country")
    out["first_published"] = out["country"].map(dates["article_date"].min())
    out["last_published"] = out["country"].map(dates["article_date"].max())
    events = _event_dates(corpus.timexes, sentences)
    # the key is text on both sides, also when no country was named at all (empty frames)
    out = out.astype({"country": "string"}).merge(events.astype({"country": "string"}), on="country", how="left",
                                                  validate="1:1")
    out = out.astype({
        "country": "string", "name": "string", "n_articles": "Int64", "n_stories": "Int64",
        "n_sentences": "Int64", "n_mentions": "Int64", "share_of_voice": "Float64", "article_share": "Float64",
        "story_share": "Float64", "first_published": "string", "last_published": "string",
        "first_event": "string", "last_event": "string",
    })
    order = ["n_articles", "n_stories", "n_mentions", "country"]
    return out.sort_values(order, ascending=[False, False, False, True], kind="mergesort").reset_index(drop=True)


def topic_profile(mentions: pd.DataFrame, sentences: pd.DataFrame) -> pd.DataFrame:
    """Share of each country's sentences that mention each topic.

    Args:
        mentions: The mentions frame.
        sentences: From :func:`country_sentences`.

    Returns:
        country, topic, n_sentences, share (of the country's sentences), n_articles,
        n_stories; one row per (country, topic) that co-occur; sorted by country, topic.
    """
    topics = _subject(mentions, "topic")[[*_KEYS, "entity_id"]].drop_duplicates()
    pairs = sentences.merge(topics.rename(columns={"entity_id": "topic"}), on=_KEYS, validate="m:m")
    grouped = pairs.groupby(["country", "topic"])
    out = pd.DataFrame({
        "n_sentences": grouped.size(),
        "n_articles": grouped["doc_id"].nunique(),
        "n_stories": grouped["story_id"].nunique(),
    }).reset_index()
    totals = sentences.groupby("country").size()
    # float division on both sides: with no pair at all (a country never named) the columns are empty strings
    share = out["n_sentences"].astype("float64") / out["country"].map(totals).astype("float64")
    out.insert(3, "share", share.round(DIGITS))
    out = out.astype({"country": "string", "topic": "string", "n_sentences": "Int64", "share": "Float64",
                      "n_articles": "Int64", "n_stories": "Int64"})
    return out.sort_values(["country", "topic"], kind="mergesort").reset_index(drop=True)


def country_actors(mentions: pd.DataFrame, sentences: pd.DataFrame, selected: pd.DataFrame) -> pd.DataFrame:
    """List the actors and organisations that appear in the same articles as each country.

    Args:
        mentions: The mentions frame.
        sentences: From :func:`country_sentences`.
        selected: From :func:`select_documents`.

    Returns:
        country, actor_id, entity_type, n_articles, n_stories (articles and stories
        naming both), n_sentences (sentences naming both); sorted by country, then
        n_stories, n_articles, n_sentences (descending), then actor_id.
    """
    actors = mentions[mentions["entity_type"].isin(ACTOR_TYPES) & (mentions["role"] == COUNTING_ROLE)]
    actors = actors[[*_KEYS, "entity_id", "entity_type"]].rename(columns={"entity_id": "actor_id"})
    actors = actors.merge(selected[["doc_id", "story_id"]], on="doc_id", validate="m:1")
    docs = sentences[["country", "doc_id"]].drop_duplicates()
    together = docs.merge(actors, on="doc_id", validate="m:m")
    same = together.merge(sentences[["country", *_KEYS]], on=["country", *_KEYS], validate="m:1")
    keys = ["country", "actor_id", "entity_type"]
    grouped = together.groupby(keys)
    out = pd.DataFrame({"n_articles": grouped["doc_id"].nunique(), "n_stories": grouped["story_id"].nunique()})
    out["n_sentences"] = same.drop_duplicates([*keys, *_KEYS]).groupby(keys).size()
    out = out.reset_index().fillna({"n_sentences": 0})
    out = out.astype({"country": "string", "actor_id": "string", "entity_type": "string",
                      "n_articles": "Int64", "n_stories": "Int64", "n_sentences": "Int64"})
    order = ["country", "n_stories", "n_articles", "n_sentences", "actor_id"]
    return out.sort_values(order, ascending=[True, False, False, False, True], kind="mergesort").reset_index(
        drop=True
    )


def country_sentiment(
    corpus: Corpus, sentences: pd.DataFrame, *, engine: str = "textblob", n_boot: int = 1000
) -> pd.DataFrame:
    """Targeted sentiment per country: mean polarity of its sentences with a 95% bootstrap interval.

    Args:
        corpus: An annotated corpus scored with ``engine``.
        sentences: From :func:`country_sentences`.
        engine: Sentiment engine.
        n_boot: Bootstrap resamples (seeded, so tables are stable).

    Returns:
        country, engine, n_sentences, n_articles, n_stories, polarity, ci_low, ci_high,
        label; sorted by country.

    Raises:
        ValueError: If the corpus holds no scores from ``engine`` (a corpus with no English
            sentence, where nothing could be scored, gives an empty table).
    """
    from statecraft.sentiment import aggregate as sentiment_aggregate
    from statecraft.sentiment import summary as sentiment_summary

    coverage.check_scored(corpus, engine)
    pairs = sentiment_aggregate.target_sentences(corpus.sentiment, corpus.mentions)
    pairs = pairs.merge(
        sentences[["country", *_KEYS, "story_id"]].rename(columns={"country": "entity_id"}),
        on=["entity_id", *_KEYS], how="inner", validate="m:1",
    )
    table = sentiment_summary.country_table(pairs, engine=engine, n_boot=n_boot, seed=0, unit="sentence")
    stories = pairs[pairs["engine"] == engine].groupby("entity_id")["story_id"].nunique()
    out = table.rename(columns={"entity_id": "country", "n_documents": "n_articles"})
    out.insert(4, "n_stories", out["country"].map(stories))
    columns = ["country", "engine", "n_sentences", "n_articles", "n_stories", "polarity", "ci_low", "ci_high",
               "label"]
    out = out[columns].astype({"country": "string", "engine": "string", "n_sentences": "Int64",
                               "n_articles": "Int64", "n_stories": "Int64", "polarity": "Float64",
                               "ci_low": "Float64", "ci_high": "Float64", "label": "string"})
    return out.sort_values("country", kind="mergesort").reset_index(drop=True)


def _event_dates(timexes: pd.DataFrame, sentences: pd.DataFrame) -> pd.DataFrame:
    dated = timexes[(timexes["timex_type"] == "DATE") & timexes["date_start"].notna()]
    dated = dated[[*_KEYS, "value", "date_start", "date_end"]]
    found = sentences[["country", *_KEYS]].merge(dated, on=_KEYS, validate="m:m")
    # a TIMEX3 value names the date at its own granularity ("2024", "2025-04-03"); a reference such as
    # PRESENT_REF is shown as the date it resolved to
    shown = found["value"].where(found["value"].str.match(r"\d").fillna(False), found["date_start"])
    # an expression's event date is where its interval starts; on a tie the finer value wins ("2025-01" > "2025")
    found = found.assign(value=shown, fine=-shown.str.len()).sort_values(["country", "date_start", "fine", "value"])
    first = found.drop_duplicates("country", keep="first")
    last = found.sort_values(["country", "date_start", "fine", "value"], ascending=[True, False, True, True])
    last = last.drop_duplicates("country", keep="first")
    return pd.DataFrame({"country": sorted(set(sentences["country"]))}).assign(
        first_event=lambda d: d["country"].map(first.set_index("country")["value"]),
        last_event=lambda d: d["country"].map(last.set_index("country")["value"]),
    )


def _subject(mentions: pd.DataFrame, entity_type: str) -> pd.DataFrame:
    keep = (mentions["entity_type"] == entity_type) & (mentions["role"] == COUNTING_ROLE)
    keep &= mentions["sentence_id"].notna()
    return mentions[keep.fillna(False)]


def _codes(countries: Sequence[str] | str) -> list[str]:
    items = countries.split(",") if isinstance(countries, str) else list(countries)
    codes = [str(c).strip().upper() for c in items if str(c).strip()]
    bad = [c for c in codes if not re.fullmatch(r"[A-Z]{3}", c)]
    if bad:
        raise ValueError(f"countries: {bad} are not ISO 3166-1 alpha-3 codes (e.g. 'PAK', 'KGZ')")
    return codes


def _iso(value: str | None, name: str) -> str | None:
    if value is None or value == "":
        return None
    if not _ISO_DATE.fullmatch(str(value)):
        raise ValueError(f"{name} must be an ISO date (YYYY-MM-DD) or empty, got {value!r}")
    return str(value)
