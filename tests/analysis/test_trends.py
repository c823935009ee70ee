"""Trends per period and key, checked against DuckDB SQL over the saved Parquet frames."""

from __future__ import annotations

import random

import duckdb
import pandas as pd
import pytest

import statecraft as sc
from statecraft.analysis.trends import default_engine, trends

_COUNTRIES = ["Pakistan", "Kyrgyzstan", "India", "China", "El Salvador", "Malaysia", "Bhutan", "Brazil"]
_VERBS = ["announced a bitcoin strategic reserve", "banned crypto exchanges", "tokenized state assets",
          "hired an adviser on blockchain policy", "reported record crypto adoption"]

# Monthly articles and stories per (month, country), written independently of trends():
# an article's date is its published_date or its story's earliest one; undated months are NULL.
_SQL = """
with docs as (
    select doc_id, coalesce(story_id, doc_id) as story, published_date from read_parquet('{d}/documents.parquet')
), dated as (
    select doc_id, story, coalesce(published_date, min(published_date) over (partition by story)) as day from docs
), keyed as (
    select distinct doc_id, entity_id from read_parquet('{d}/mentions.parquet')
    where entity_type = 'country' and role = 'subject' and sentence_id is not null
)
select cast(date_trunc('month', cast(day as date)) as timestamp) as period_start, entity_id as key,
       count(distinct doc_id) as n_articles, count(distinct story) as n_stories
from keyed join dated using (doc_id) group by all order by period_start nulls last, key
"""


def _generated(n: int = 60, seed: int = 7) -> list[dict]:
    rng = random.Random(seed)
    records = []
    for i in range(n):
        names = rng.sample(_COUNTRIES, rng.randint(1, 3))
        text = " ".join(f"{name} {rng.choice(_VERBS)} on Monday." for name in names)
        month = rng.choice([1, 2, 3, 5, 6])  # April has no article: it must appear with zeros
        record = {"doc_id": f"g{i:03d}", "text": text + f" Officials in {names[0]} said more would follow."}
        if i % 9:
            record["published"] = f"2024-{month:02d}-{rng.randint(1, 28):02d}"
        else:  # undated, and worded apart so that no dated story lends it a date
            words = " ".join("".join(rng.choices("bcdfghklmnprstvz", k=7)) for _ in range(12))
            record["text"] = f"In {names[0]}, {words}."
        records.append(record)
    return records


@pytest.fixture(scope="module")
def generated():
    return sc.annotate(sc.from_records(_generated()), sentiment=["textblob"])


def _sql_counts(ann: sc.Corpus, folder) -> pd.DataFrame:
    ann.save(folder)
    return duckdb.sql(_SQL.format(d=folder.as_posix())).df()


def _trend_counts(ann: sc.Corpus) -> pd.DataFrame:
    table = trends(ann, by="country", freq="M")
    table = table[table["n_articles"] > 0][["period_start", "key", "n_articles", "n_stories"]]
    return table.reset_index(drop=True)


@pytest.mark.parametrize("corpus", ["seeds", "generated"])
def test_monthly_counts_equal_duckdb_sql(corpus, seeds_annotated, generated, tmp_path):
    ann = seeds_annotated if corpus == "seeds" else generated
    expected = _sql_counts(ann, tmp_path / "saved")
    got = _trend_counts(ann)
    assert len(got) > 3
    assert got["key"].astype(str).tolist() == expected["key"].tolist()
    periods = [pd.Timestamp(p) if pd.notna(p) else pd.NaT for p in expected["period_start"]]
    assert got["period_start"].tolist() == periods
    assert got["n_articles"].astype(int).tolist() == expected["n_articles"].astype(int).tolist()
    assert got["n_stories"].astype(int).tolist() == expected["n_stories"].astype(int).tolist()


def test_undated_articles_get_their_own_row_and_empty_months_zeros(generated):
    table = trends(generated)
    undated = table[table["is_undated"]]
    assert len(undated) and undated["period_start"].isna().all()
    assert table["period_start"].isna().tolist()[-len(undated):] == [True] * len(undated)  # sorted last
    april = table[table["period_start"] == pd.Timestamp("2024-04-01")]
    assert set(april["key"]) == set(table["key"]) and (april["n_articles"] == 0).all()
    total_docs = generated.mentions.query("entity_type == 'country' and role == 'subject'")["doc_id"].nunique()
    per_doc = table.groupby("key")["n_articles"].sum().sum()
    pairs = generated.mentions.query("entity_type == 'country' and role == 'subject'")[["doc_id", "entity_id"]]
    assert per_doc == len(pairs.drop_duplicates()) and total_docs > 0  # nothing dropped


def test_is_new_marks_the_first_period_and_shares_sum_to_one(generated):
    table = trends(generated)
    dated = table[~table["is_undated"]]
    for _key, rows in dated.groupby("key"):
        active = rows[rows["n_articles"] > 0]
        assert rows["is_new"].sum() == 1
        assert rows.loc[rows["is_new"].astype(bool), "period_start"].iloc[0] == active["period_start"].min()
    sums = dated[dated["n_mentions"] > 0].groupby("period_start")["share_of_voice"].sum()
    assert ((sums - 1).abs() < 0.01).all()


def test_sentiment_and_stance_columns(generated):
    assert default_engine(generated.sentiment) == "textblob"
    table = trends(generated)
    assert set(table["engine"]) == {"textblob"}
    busy = table[table["n_sentences"] > 0]
    assert (busy["ci_low"] <= busy["polarity"]).all() and (busy["polarity"] <= busy["ci_high"]).all()
    assert table["n_engaging"].sum() > 0 and table["n_restricting"].sum() > 0


def test_deterministic_and_event_dates(generated, seeds_annotated):
    pd.testing.assert_frame_equal(trends(generated, by="topic"), trends(generated, by="topic"))
    events = trends(seeds_annotated, date="event", freq="Y")
    assert events["is_undated"].any() and (events.loc[~events["is_undated"], "n_articles"] >= 0).all()
    assert events["engine"].isna().all()  # the seeds fixture is not scored


@pytest.mark.parametrize(("name", "value"), [("by", "city"), ("freq", "H"), ("date", "later")])
def test_bad_choices_name_the_valid_ones(seeds_annotated, name, value):
    with pytest.raises(ValueError, match=name):
        trends(seeds_annotated, **{name: value})


def test_public_name():
    assert sc.trends is trends and "trends" in sc.__all__
