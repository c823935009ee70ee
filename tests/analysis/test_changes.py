"""Changes between the halves of the range, the top story per period, and the period chosen for charts."""

from __future__ import annotations

import pandas as pd
import pytest

import statecraft as sc
from statecraft.analysis import auto_freq, changes, top_stories

_DAYS = ["2024-01-02", "2024-01-05", "2024-01-09", "2024-01-20", "2024-01-21", "2024-01-22", "2024-01-23"]
_RECORDS = [  # (day index, text): Pakistan grows in the last half, Kyrgyzstan fades, India wanes
    (0, "Kyrgyzstan approved a crypto law. India delayed its crypto bill."),
    (1, "Kyrgyzstan signed a blockchain memorandum with Binance."),
    (2, "India's court asked for crypto rules."),
    (4, "Pakistan announced a bitcoin strategic reserve. Officials praised the plan."),
    (5, "Pakistan named a crypto adviser. India reviewed its tax on crypto."),
    (6, "Pakistan allocated power to bitcoin mining."),
]


@pytest.fixture(scope="module")
def small():
    records = [{"doc_id": f"d{i}", "published": _DAYS[day], "text": text, "title": f"Story {i}"}
               for i, (day, text) in enumerate(_RECORDS)]
    return sc.annotate(sc.from_records(records), sentiment=["vader"])


def test_halves_count_articles_and_say_their_ranges(small):
    table = changes(small, top_n=0)
    rows = table.set_index("key")
    # 2024-01-02 .. 2024-01-23: 22 days, two halves of 11
    assert set(table["first_half"]) == {"2024-01-02 to 2024-01-12"}
    assert set(table["last_half"]) == {"2024-01-13 to 2024-01-23"}
    assert rows.loc["PAK", ["n_articles_first", "n_articles_last", "change_articles"]].tolist() == [0, 3, 3]
    assert rows.loc["KGZ", ["n_articles_first", "n_articles_last", "change_articles"]].tolist() == [2, 0, -2]
    assert rows.loc["IND", ["n_articles_first", "n_articles_last", "change_articles"]].tolist() == [2, 1, -1]
    assert table["key"].tolist() == ["PAK", "KGZ", "IND"]  # the largest |change_articles| first
    assert pd.isna(rows.loc["PAK", "polarity_first"]) and pd.isna(rows.loc["PAK", "change_polarity"])
    assert rows.loc["PAK", "n_sentences_last"] == 3


def test_evidence_comes_from_the_busier_half(small):
    rows = changes(small, top_n=0).set_index("key")
    assert rows.loc["PAK", "evidence_doc_id"] == "d3"
    assert rows.loc["PAK", "evidence"].startswith("Pakistan announced")
    assert rows.loc["KGZ", "evidence_doc_id"] == "d0" and rows.loc["KGZ", "evidence_date"] == "2024-01-02"


def test_filters_top_n_and_short_ranges(small):
    assert changes(small, top_n=1)["key"].tolist() == ["PAK"]
    assert changes(small, keys=["IND"], top_n=0)["key"].tolist() == ["IND"]
    late = changes(small, start_date="2024-01-20", top_n=0)  # 01-21 .. 01-23: the middle day in neither half
    assert set(late["first_half"]) == {"2024-01-21 to 2024-01-21"}
    assert set(late["last_half"]) == {"2024-01-23 to 2024-01-23"}
    assert changes(small, start_date="2024-01-23").empty  # one day: no halves
    with pytest.raises(ValueError, match="top_n"):
        changes(small, top_n=-1)


def test_top_story_of_each_period_and_key(small):
    stories = top_stories(small, freq="W")
    assert list(stories.columns) == ["period_start", "key", "story_id", "n_articles", "title"]
    pak = stories[stories["key"] == "PAK"]
    assert pak["period_start"].tolist() == [pd.Timestamp("2024-01-15"), pd.Timestamp("2024-01-22")]
    assert pak["title"].str.startswith("Story").all()
    keys = ["period_start", "key"]
    assert stories[keys].equals(stories.sort_values(keys)[keys])


def test_auto_freq_takes_the_finest_period_that_fits(small, seeds_annotated):
    assert auto_freq(small) == "D"  # 21 days
    assert auto_freq(small, max_periods=10) == "W"
    assert auto_freq(seeds_annotated) == "M"  # 2023-07 .. 2026-01: 31 months


def test_key_sentences_are_the_unit_trends_count(small):
    found = sc.analysis.key_sentences(small, freq="D")
    assert list(found.columns) == ["doc_id", "sentence_id", "key", "n_mentions", "story_id", "period_start"]
    table = sc.trends(small, freq="D")
    counted = found.groupby(["period_start", "key"])["doc_id"].nunique()
    busy = table[table["n_articles"] > 0].set_index(["period_start", "key"])["n_articles"]
    assert counted.astype(int).to_dict() == busy.astype(int).to_dict()
    with pytest.raises(ValueError, match="by"):
        sc.analysis.key_sentences(small, by="city")
