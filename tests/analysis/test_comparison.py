"""Country comparison on the seeds: counts per article and per story, stance, sentiment, filters, plots."""

from __future__ import annotations

from collections import defaultdict

import pandas as pd
import pytest
from matplotlib.figure import Figure

import statecraft as sc
from statecraft import resources
from statecraft.analysis import comparison, plots
from statecraft.sentiment import stance
from statecraft.tagging import codebook

EXPECTED = {"PAK", "KGZ", "USA", "CHN", "IND", "MYS", "BTN"}


@pytest.fixture(scope="module")
def ann(seeds_corpus):
    return sc.annotate(seeds_corpus, sentiment="textblob")


@pytest.fixture(scope="module")
def cmp(ann):
    return comparison.compare_countries(ann, top_n=0)


@pytest.fixture(scope="module")
def gold_counts(gold):
    articles, stories = defaultdict(set), defaultdict(set)
    for article in gold:
        for country in article["countries"]:
            articles[country].add(f"{article['file']}#{article['part']}")
            stories[country].add(article["story"])
    return {c: (len(articles[c]), len(stories[c])) for c in articles}


def test_seed_countries_have_the_gold_article_and_story_counts(cmp, gold_counts):
    summary = cmp.summary.set_index("country")
    assert EXPECTED <= set(summary.index)
    for country, (n_articles, n_stories) in gold_counts.items():
        assert (summary.loc[country, "n_articles"], summary.loc[country, "n_stories"]) == (n_articles, n_stories)
    assert (summary.loc["KGZ", "n_articles"], summary.loc["KGZ", "n_stories"]) == (3, 3)
    assert (summary.loc["USA", "n_articles"], summary.loc["USA", "n_stories"]) == (5, 4)


@pytest.mark.parametrize(("country", "expected"), [("CHN", "restricting"), ("KGZ", "engaging"), ("PAK", "engaging")])
def test_stance_with_evidence(cmp, country, expected):
    row = cmp.stance.set_index("country").loc[country]
    assert row["stance"] == expected
    evidence = cmp.evidence[cmp.evidence["country"] == country]
    assert len(evidence) == row["n_evidence"] > 0
    assert evidence["text"].str.len().gt(20).all()
    assert (evidence["lean"] == expected).sum() > len(evidence) / 2


def test_china_evidence_names_the_ban(cmp):
    evidence = cmp.evidence[(cmp.evidence["country"] == "CHN") & (cmp.evidence["lean"] == "restricting")]
    assert evidence["text"].str.contains("ban on crypto", regex=False).any()


@pytest.mark.parametrize(
    ("engaging", "restricting", "mixed", "expected"),
    [(0, 0, 0, (None, "none")), (3, 0, 0, (1.0, "engaging")), (1, 3, 0, (-0.5, "restricting")),
     (2, 2, 0, (0.0, "mixed")), (1, 0, 4, (0.2, "engaging")), (0, 1, 5, (-0.167, "mixed"))],
)
def test_read_stance(engaging, restricting, mixed, expected):
    assert stance.read_stance(engaging, restricting, mixed) == expected


def test_stance_topics_are_codebook_topics():
    topics = set(codebook.table("topics")["topic_id"])
    table = stance.stance_topics()
    assert set(table) <= topics
    assert table == {"strategic-reserve": "engaging", "tokenization": "engaging", "advisory": "engaging",
                     "adoption": "engaging", "ban-enforcement": "restricting"}
    rows = [r["topic_id"] for r in resources.read_csv("sentiment/stance_topics.csv")]
    assert rows == sorted(set(rows))


def test_every_table_is_given_per_article_and_per_story(cmp):
    for name in ("summary", "topics", "actors", "stance", "sentiment"):
        table = getattr(cmp, name)
        assert {"n_articles", "n_stories"} <= set(table.columns), name
        assert (table["n_stories"] <= table["n_articles"]).all(), name


def test_shares_and_topic_profile(cmp):
    assert cmp.summary["share_of_voice"].sum() == pytest.approx(1.0, abs=0.01)
    kgz = cmp.topics[cmp.topics["country"] == "KGZ"].set_index("topic")
    assert kgz.loc["advisory", "share"] == pytest.approx(4 / 11, abs=0.001)
    assert (cmp.topics["share"] <= 1).all()


def test_actors_and_event_dates(cmp):
    kgz = cmp.actors[cmp.actors["country"] == "KGZ"]
    assert {"binance", "changpeng-zhao", "sadyr-zhaparov"} <= set(kgz["actor_id"])
    row = cmp.summary.set_index("country").loc["KGZ"]
    assert row["actors"].startswith("binance, changpeng-zhao")
    assert (row["first_event"], row["last_event"]) == ("2024", "2025-04-03")
    assert (row["first_published"], row["last_published"]) == ("2025-04-07", "2026-01-22")


def test_sentiment_has_intervals_and_counts(cmp):
    table = cmp.sentiment.set_index("country")
    assert (table["ci_low"] <= table["polarity"]).all() and (table["polarity"] <= table["ci_high"]).all()
    assert table.loc["USA", "n_sentences"] == cmp.summary.set_index("country").loc["USA", "n_sentences"]


def test_unscored_engine_is_an_error(ann):
    with pytest.raises(ValueError, match="'vader' has no scores"):
        comparison.compare_countries(ann, engine="vader")


@pytest.mark.parametrize(
    ("kwargs", "expected"),
    [
        ({"countries": ["pak", "KGZ"]}, ["PAK", "KGZ"]),
        ({"countries": "CHN"}, ["CHN"]),
        ({"min_mentions": 5}, ["USA", "PAK", "KGZ", "IND", "CHN"]),
        ({"top_n": 2}, ["USA", "PAK"]),
        ({"start_date": "2025-12-01"}, ["CHN", "KGZ", "MYS", "PAK", "USA"]),  # 002 (+ undated rewrite 004), 003#2
        ({"end_date": "2023-12-31"}, ["IND", "GIB", "USA"]),
    ],
)
def test_filters(ann, kwargs, expected):
    result = comparison.compare_countries(ann, **kwargs)
    assert list(result.summary["country"]) == expected
    assert set(result.stance["country"]) == set(expected)


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [({"countries": ["Pakistan"]}, "alpha-3"), ({"start_date": "2025/01/01"}, "start_date"),
     ({"start_date": "2026-01-01", "end_date": "2025-01-01"}, "after"), ({"min_mentions": -1}, "min_mentions")],
)
def test_bad_arguments_are_errors(ann, kwargs, message):
    with pytest.raises(ValueError, match=message):
        comparison.compare_countries(ann, **kwargs)


def test_undated_rewrite_takes_its_story_date(ann):
    selected = comparison.select_documents(ann.documents).set_index("doc_id")
    assert selected.loc["004_f1bccc337d730001.txt#0", "article_date"] == "2026-01-22"
    assert pd.isna(selected.loc["000_beaee6f3d0dcd7fc.txt#0", "article_date"])


def test_plots_return_figures(cmp):
    heat = plots.topic_heatmap(cmp.topics, countries=list(cmp.summary["country"]))
    assert isinstance(heat, Figure)
    assert [t.get_text() for t in heat.axes[0].get_yticklabels()] == list(cmp.summary["country"])
    assert len(heat.axes[0].get_xticklabels()) == len(codebook.table("topics"))
    bars = plots.share_of_voice_bars(cmp.summary)
    assert len(bars.axes[0].patches) == 3 * len(cmp.summary)
    dots = plots.sentiment_dots(cmp.sentiment, stance=cmp.stance)
    assert len(dots.axes[0].get_yticklabels()) == len(cmp.sentiment)
    with pytest.raises(ValueError, match="value"):
        plots.topic_heatmap(cmp.topics, value="nope")
