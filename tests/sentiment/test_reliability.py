import pandas as pd
import pytest

from statecraft.analysis.trends import ENGINE_PREFERENCE
from statecraft.sentiment import reliability
from statecraft.sentiment.engines import ENGINES
from statecraft.sentiment.summary import with_engine_agreement


def test_stored_figures_cover_every_engine_and_test():
    table = reliability.read_reliability()
    assert set(table["engine"]) == set(ENGINES)
    assert set(zip(table["engine"], table["test"], strict=True)) == {(e, t) for e in ENGINES for t in reliability.TESTS}
    assert table["macro_f1"].between(0, 1).all()
    assert not table.duplicated(["engine", "test"]).any()


def test_engine_preference_follows_the_stored_ranking():
    assert reliability.engine_ranking() == ENGINE_PREFERENCE


@pytest.mark.parametrize("engine", sorted(ENGINES))
def test_confusion_of_every_engine_sums_to_the_test_sizes(engine):
    table = reliability.read_reliability()
    for test in reliability.TESTS:
        matrix = reliability.confusion_table(engine, test)
        assert list(matrix.columns) == ["gold", *reliability.LABELS]
        n = int(table.loc[(table["engine"] == engine) & (table["test"] == test), "n"].iloc[0])
        assert int(matrix[list(reliability.LABELS)].to_numpy().sum()) == n


def test_ranking_is_by_the_domain_set_then_by_mean_macro_f1():
    table = pd.DataFrame({
        "engine": ["a", "a", "b", "b", "c", "c"],
        "test": ["domain", "sentfin->finentity"] * 3,
        "macro_f1": [0.5, 0.1, 0.5, 0.6, 0.4, 0.9],
    })  # fmt: skip
    assert reliability.engine_ranking(table) == ("b", "a", "c")
    assert reliability.engine_ranking(table[table["test"] != "domain"]) == ("c", "b", "a")


def test_notes_name_each_test_and_unknown_engine_fails():
    notes = reliability.reliability_notes("news")
    assert len(notes) == len(reliability.TESTS) + 2 and "macro-F1" in notes[0]
    assert "encoder model" in notes[-1]
    assert len(reliability.reliability_notes("vader")) == len(reliability.TESTS) + 1  # nothing to add for a lexicon
    with pytest.raises(ValueError, match="no stored figures"):
        reliability.reliability_notes("nope")
    with pytest.raises(ValueError, match="no confusion matrix"):
        reliability.confusion_table("textblob", "domain", pd.DataFrame(columns=["engine", "test", "gold",
                                                                               "predicted", "n"]))


def test_engine_agreement_counts_engines_with_the_same_label():
    pairs = pd.DataFrame({
        "entity_id": ["FRA"] * 6,
        "engine": ["news", "news", "vader", "vader", "textblob", "textblob"],
        "polarity": [-0.9, -0.8, -0.5, -0.7, 0.4, 0.6],
    })  # fmt: skip
    table = pd.DataFrame({"entity_id": ["FRA"], "label": ["negative"]})
    out = with_engine_agreement(table, pairs, engine="news")
    assert out.loc[0, "engines_agree"] == "2/3"
    assert out.loc[0, "other_engines"] == "textblob:positive, vader:negative"
