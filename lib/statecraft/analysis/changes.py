"""Changes: per key, articles and targeted sentiment in the first and the last half of the range.

The range runs from the first to the last day a key sentence is dated (by publication
or by event, as :func:`statecraft.analysis.trends.trends` dates them, within the
optional bounds) and is cut in two halves of equal length, whatever the period of the trend charts:
with an odd number of days the middle day belongs to neither. A key's articles in a half are its
distinct articles with a key sentence dated there; its polarity in a half is the mean score of those
key sentences. Each row keeps an evidence sentence: the first key sentence (by date, article,
sentence) of the largest story of the half with more of the key's articles (the last half on a tie).
"""

from __future__ import annotations

import logging
from collections.abc import Sequence

import pandas as pd

from statecraft.analysis import coverage
from statecraft.analysis.trends import DIGITS, default_engine, key_sentences
from statecraft.corpus import Corpus

log = logging.getLogger(__name__)

CHANGE_COLUMNS: dict[str, str] = {
    "key": "string", "first_half": "string", "last_half": "string", "n_articles_first": "Int64",
    "n_articles_last": "Int64", "change_articles": "Int64", "polarity_first": "Float64", "polarity_last": "Float64",
    "change_polarity": "Float64", "n_sentences_first": "Int64", "n_sentences_last": "Int64",
    "evidence_doc_id": "string", "evidence_date": "string", "evidence": "string",
}  # fmt: skip
_KEYS = ["doc_id", "sentence_id"]


def changes(
    ann: Corpus,
    *,
    by: str = "country",
    date: str = "published",
    engine: str | None = None,
    keys: Sequence[str] | None = None,
    start_date: str | None = None,
    end_date: str | None = None,
    top_n: int = 10,
) -> pd.DataFrame:
    """Rank keys by how much their coverage changed between the first and the last half of the range.

    Needs documents (doc_id, story_id, published_date), sentences (text), mentions,
    sentiment, and timexes for ``date="event"``.

    Args:
        ann: An annotated corpus.
        by: ``country``, ``actor``, ``organization`` (or ``organisation``) or ``topic``.
        date: ``published`` or ``event``, as for ``trends``.
        engine: Sentiment engine; None picks the best validated one scored.
        keys: Keep only these keys (None or empty: every key).
        start_date: ISO date: key sentences dated before it are left out ("" or None: no bound).
        end_date: ISO date: key sentences dated after it are left out ("" or None: no bound).
        top_n: Rows kept, the largest change in articles first (0 keeps all).

    Returns:
        One row per key with an article in either half: key, first_half and last_half
        ("<first day> to <last day>"), n_articles_first, n_articles_last,
        change_articles (last minus first), polarity_first, polarity_last, change_polarity
        (NA when a half has no scored sentence), n_sentences_first, n_sentences_last,
        evidence_doc_id, evidence_date, evidence (the sentence). Sorted by |change_articles|
        descending, then |change_polarity| descending, then key; empty when the range is
        shorter than two days.

    Raises:
        ValueError: If ``by``, ``date``, ``engine`` or ``top_n`` is not valid.
    """
    if top_n < 0:
        raise ValueError(f"top_n must be 0 (all) or more; got {top_n!r}")
    engine = engine or default_engine(ann.sentiment)
    coverage.check_scored(ann, engine)
    found = key_sentences(ann, by=by, freq="D", date=date)
    found = found[found["period_start"].notna()]
    if start_date:
        found = found[found["period_start"] >= pd.Timestamp(start_date)]
    if end_date:
        found = found[found["period_start"] <= pd.Timestamp(end_date)]
    empty = pd.DataFrame(columns=list(CHANGE_COLUMNS)).astype(CHANGE_COLUMNS)
    if found.empty:
        return empty
    periods = pd.date_range(found["period_start"].min(), found["period_start"].max(), freq="D")
    half = len(periods) // 2
    if half == 0:
        return empty
    first, last = periods[:half], periods[len(periods) - half:]
    if keys:
        found = found[found["key"].isin(list(keys))]
    found = _with_scores_and_text(ann, found, engine)
    found["half"] = pd.Series(pd.NA, index=found.index, dtype="string")
    found.loc[found["period_start"].isin(first), "half"] = "first"
    found.loc[found["period_start"].isin(last), "half"] = "last"
    found = found[found["half"].notna()]
    rows = [_row(key, group) for key, group in found.groupby("key", sort=True)]
    out = pd.DataFrame(rows, columns=[c for c in CHANGE_COLUMNS if c not in ("first_half", "last_half")])
    out["first_half"] = _span(first)
    out["last_half"] = _span(last)
    out = out[list(CHANGE_COLUMNS)].astype(CHANGE_COLUMNS)
    order = out.assign(_a=-out["change_articles"].abs(), _p=-out["change_polarity"].abs().fillna(0.0))
    out = out.loc[order.sort_values(["_a", "_p", "key"], kind="mergesort").index].reset_index(drop=True)
    log.info("changes by %s between %s and %s: %d keys", by, _span(first), _span(last), len(out))
    return out.head(top_n) if top_n else out


def _span(periods: pd.DatetimeIndex) -> str:
    return f"{periods[0]:%Y-%m-%d} to {periods[-1]:%Y-%m-%d}"


def _with_scores_and_text(ann: Corpus, found: pd.DataFrame, engine: str | None) -> pd.DataFrame:
    text = ann.sentences[[*_KEYS, "text"]]
    out = found.merge(text, on=_KEYS, how="left", validate="m:1")
    dates = ann.documents[["doc_id", "published_date"]]
    out = out.merge(dates, on="doc_id", how="left", validate="m:1")
    if engine is None:
        return out.assign(polarity=pd.Series(pd.NA, index=out.index, dtype="Float64"))
    scores = ann.sentiment.loc[ann.sentiment["engine"] == engine, [*_KEYS, "polarity"]]
    return out.merge(scores, on=_KEYS, how="left", validate="m:1")


def _row(key: str, group: pd.DataFrame) -> dict:
    row: dict = {"key": key}
    for half in ("first", "last"):
        part = group[group["half"] == half]
        scored = part["polarity"].dropna().astype(float)
        row[f"n_articles_{half}"] = part["doc_id"].nunique()
        row[f"n_sentences_{half}"] = len(scored)
        row[f"polarity_{half}"] = round(float(scored.mean()), DIGITS) if len(scored) else pd.NA
    row["change_articles"] = row["n_articles_last"] - row["n_articles_first"]
    both = pd.notna(row["polarity_first"]) and pd.notna(row["polarity_last"])
    row["change_polarity"] = round(row["polarity_last"] - row["polarity_first"], DIGITS) if both else pd.NA
    busier = "first" if row["n_articles_first"] > row["n_articles_last"] else "last"
    part = group[group["half"] == busier]
    sizes = part.groupby("story_id")["doc_id"].nunique()
    story = sorted(sizes.items(), key=lambda kv: (-kv[1], str(kv[0])))[0][0]
    lead = part[part["story_id"] == story]
    lead = lead.sort_values(["period_start", "doc_id", "sentence_id"], kind="mergesort").iloc[0]
    row["evidence_doc_id"] = lead["doc_id"]
    row["evidence_date"] = lead["published_date"] if pd.notna(lead["published_date"]) else pd.NA
    row["evidence"] = lead["text"]
    return row
