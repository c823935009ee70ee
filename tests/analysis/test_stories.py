"""Story grouping: rewrites across outlets share a story_id; unrelated articles do not."""

from __future__ import annotations

import pandas as pd
import pytest

from statecraft.analysis import stories

TOKENIZE = (
    "Binance founder Changpeng Zhao says he is in talks with a dozen governments on tokenizing state assets, "
    "putting national property on the blockchain to raise money for development."
)
TOKENIZE_REWRITE = (
    "Changpeng Zhao, the Binance founder, confirmed talks with governments about the tokenization of state "
    "assets on the blockchain, a way for nations to raise money."
)
MINING = "Pakistan allocates 2,000 megawatts of surplus electricity to Bitcoin mining and AI data centres."
ENFORCEMENT = "Chinese industry bodies warn that illegal fundraising through stablecoins and airdrops is rising."


def _docs(texts: list[str], dates: list[str | None] | None = None, titles: list[str | None] | None = None):
    n = len(texts)
    return pd.DataFrame({
        "doc_id": [f"d{i}" for i in range(n)],
        "title": pd.array(titles or [None] * n, dtype="string"),
        "text": pd.array(texts, dtype="string"),
        "published_date": pd.array(dates or [None] * n, dtype="string"),
        "story_id": pd.array([None] * n, dtype="string"),
    })


def test_seed_stories_match_the_gold(seeds_corpus, gold):
    docs = stories.assign_stories(seeds_corpus.documents)
    ours = docs.groupby("story_id")["doc_id"].agg(frozenset)
    expected = {}
    for article in gold:
        expected.setdefault(article["story"], set()).add(f"{article['file']}#{article['part']}")
    assert set(ours) == {frozenset(v) for v in expected.values()}
    assert docs.loc[docs["doc_id"] == "004_f1bccc337d730001.txt#0", "story_id"].item() == "002_d5c9dca350fd871a.txt#0"
    assert docs["story_id"].nunique() == 6


@pytest.mark.parametrize(
    ("texts", "dates", "expected"),
    [
        ([TOKENIZE, TOKENIZE_REWRITE], None, ["d0", "d0"]),
        ([TOKENIZE, MINING], None, ["d0", "d1"]),
        ([TOKENIZE, MINING, TOKENIZE_REWRITE, ENFORCEMENT], None, ["d0", "d1", "d0", "d3"]),
        ([TOKENIZE, TOKENIZE], ["2025-01-01", "2025-01-03"], ["d0", "d0"]),
        ([TOKENIZE, TOKENIZE], ["2025-01-01", "2025-03-01"], ["d0", "d1"]),  # same words, months apart
        ([TOKENIZE, TOKENIZE], ["2025-01-01", None], ["d0", "d0"]),  # an undated rewrite can join
        (["", ""], None, ["d0", "d1"]),  # no words: never the same story
        ([TOKENIZE], None, ["d0"]),
    ],
)
def test_assign_stories(texts, dates, expected):
    out = stories.assign_stories(_docs(texts, dates))
    assert list(out["story_id"]) == expected
    assert str(out["story_id"].dtype) == "string"


def test_story_id_does_not_depend_on_row_order():
    docs = _docs([TOKENIZE, MINING, TOKENIZE_REWRITE, ENFORCEMENT])
    forward = stories.assign_stories(docs).set_index("doc_id")["story_id"]
    backward = stories.assign_stories(docs.iloc[::-1]).set_index("doc_id")["story_id"]
    pd.testing.assert_series_equal(forward.sort_index(), backward.sort_index())


def test_complete_linkage_does_not_chain(monkeypatch):
    docs = _docs(["a", "b", "c"])
    chain = [[1.0, 0.5, 0.0], [0.5, 1.0, 0.5], [0.0, 0.5, 1.0]]  # a~b, b~c, a!~c
    monkeypatch.setattr(stories, "lead_similarity", lambda _: pd.DataFrame(chain).to_numpy())
    out = stories.assign_stories(docs, max_days=None)
    assert out["story_id"].nunique() == 2


def test_empty_documents():
    out = stories.assign_stories(_docs([]))
    assert out.empty and "story_id" in out.columns


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [({"min_similarity": 1.5}, "min_similarity"), ({"min_similarity": -0.1}, "min_similarity"),
     ({"max_days": -1}, "max_days")],
)
def test_bad_options_are_errors(kwargs, message):
    with pytest.raises(ValueError, match=message):
        stories.assign_stories(_docs([TOKENIZE]), **kwargs)


def test_lead_uses_title_and_first_words():
    docs = _docs([TOKENIZE + " filler" * 500, "unrelated words here " + TOKENIZE], titles=["Zhao tokenization", None])
    sim = stories.lead_similarity(docs)
    assert sim.shape == (2, 2) and sim[0, 0] == pytest.approx(1.0)


def test_story_table_lists_largest_first(seeds_corpus):
    table = stories.story_table(stories.assign_stories(seeds_corpus.documents))
    assert list(table["n_articles"]) == [2, 2, 1, 1, 1, 1]
    assert table.loc[1, "title"].startswith("Binance co-founder announced negotiations")
    assert table["n_articles"].sum() == len(seeds_corpus.documents)
