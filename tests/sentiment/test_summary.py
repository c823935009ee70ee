import numpy as np
import pandas as pd
import pytest
from matplotlib.figure import Figure

from statecraft import schema
from statecraft.sentiment.summary import (
    country_table,
    document_table,
    engine_agreement,
    extreme_sentences,
    label_agreement,
    plot_country_distribution,
)


def _pairs():
    rows = []
    for i, pol in enumerate([0.5, 0.3, 0.1, 0.4]):
        rows.append({"doc_id": f"d{i % 2}", "entity_id": "UKR", "sentence_id": i, "engine": "textblob",
                     "n_mentions": 1, "polarity": pol, "label": "positive"})  # fmt: skip
    for i, pol in enumerate([-0.6, -0.2]):
        rows.append({"doc_id": "d0", "entity_id": "RUS", "sentence_id": 10 + i, "engine": "textblob",
                     "n_mentions": 1, "polarity": pol, "label": "negative"})  # fmt: skip
    return pd.DataFrame(rows)


def _sentiment():
    rng = np.random.default_rng(1)
    rows = []
    for i in range(20):
        base = rng.uniform(-1, 1)
        for engine, pol in (("textblob", base), ("vader", base * 0.8), ("finance", -base)):
            label = "positive" if pol >= 0.05 else "negative" if pol <= -0.05 else "neutral"
            rows.append({"doc_id": "d1", "sentence_id": i, "engine": engine, "polarity": round(pol, 4),
                         "subjectivity": None, "label": label})  # fmt: skip
    return schema.frame("sentiment", rows)


def test_country_table_counts_interval_and_order():
    table = country_table(_pairs(), n_boot=500)
    assert table["entity_id"].tolist() == ["UKR", "RUS"]
    ukr = table.iloc[0]
    assert (ukr["n_sentences"], ukr["n_documents"], ukr["polarity"]) == (4, 2, 0.325)
    assert 0.1 <= ukr["ci_low"] <= ukr["polarity"] <= ukr["ci_high"] <= 0.5
    assert table.iloc[1]["label"] == "negative"


@pytest.mark.parametrize("unit", ["sentence", "document"])
def test_country_table_is_deterministic(unit):
    assert country_table(_pairs(), unit=unit).equals(country_table(_pairs(), unit=unit))
    reordered = _pairs().iloc[::-1]
    assert (
        country_table(reordered, unit=unit)["polarity"].tolist()
        == country_table(_pairs(), unit=unit)["polarity"].tolist()
    )


@pytest.mark.parametrize(("kwargs", "match"), [({"unit": "word"}, "unit"), ({"level": 95}, "level")])
def test_country_table_bad_arguments(kwargs, match):
    with pytest.raises(ValueError, match=match):
        country_table(_pairs(), **kwargs)


def test_engine_agreement_is_a_square_correlation_table():
    table = engine_agreement(_sentiment())
    assert list(table.index) == list(table.columns) == ["finance", "textblob", "vader"]
    assert table.loc["textblob", "vader"] == 1.0 and table.loc["finance", "textblob"] == -1.0


def test_label_agreement():
    table = label_agreement(_sentiment())
    row = table.set_index(["engine_a", "engine_b"]).loc[("textblob", "vader")]
    assert row["n_sentences"] == 20 and row["agreement"] >= 0.9


def test_extreme_sentences():
    sentiment = _sentiment()
    sentences = schema.frame(
        "sentences",
        [{"doc_id": "d1", "sentence_id": i, "start": 0, "end": 1, "text": f"s{i} " * 80} for i in range(20)],
    )
    table = extreme_sentences(sentiment, sentences, n=3, max_chars=40)
    assert table["side"].tolist() == ["positive"] * 3 + ["negative"] * 3
    pos = table[table["side"] == "positive"]["polarity"]
    assert pos.is_monotonic_decreasing and (pos > 0).all()
    assert table["text"].str.len().max() <= 40 and table["text"].str.endswith("...").all()


def test_document_table_adds_titles():
    scores = pd.DataFrame([{"doc_id": "b", "engine": "textblob", "n_sentences": 2, "polarity_mean": 0.12345,
                            "polarity_weighted": 0.2, "label": "positive", "sentence_ids": (0, 1)},
                           {"doc_id": "a", "engine": "vader", "n_sentences": 1, "polarity_mean": -0.5,
                            "polarity_weighted": -0.5, "label": "negative", "sentence_ids": (0,)}])  # fmt: skip
    docs = pd.DataFrame({"doc_id": ["a", "b"], "title": ["A", "B"]})
    table = document_table(scores, docs)
    assert table["doc_id"].tolist() == ["a", "b"] and table["title"].tolist() == ["A", "B"]
    assert table["polarity_mean"].tolist() == [-0.5, 0.123]
    assert document_table(scores, engine="vader")["doc_id"].tolist() == ["a"]


def test_plot_country_distribution():
    fig = plot_country_distribution(_pairs())
    assert isinstance(fig, Figure)
    labels = [t.get_text() for t in fig.axes[0].get_yticklabels()]
    assert labels == ["RUS (n=2)", "UKR (n=4)"]
    assert isinstance(plot_country_distribution(_pairs().iloc[0:0]), Figure)
