"""Story grouping: rewrites across outlets share a story_id; unrelated articles do not."""

from __future__ import annotations

import random

import numpy as np
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


def test_complete_linkage_does_not_chain():
    # a~b, b~c, a!~c: distances 0.5, 0.5 within the cut, a-c not a candidate
    labels = stories._sparse_complete_linkage(3, np.array([0, 1]), np.array([1, 2]), np.array([0.5, 0.6]), 0.78)
    assert list(labels) == [0, 0, 2]


def test_complete_linkage_merges_a_cluster_only_when_every_pair_is_close():
    rows, cols = np.array([0, 0, 1, 2]), np.array([1, 2, 2, 3])
    labels = stories._sparse_complete_linkage(4, rows, cols, np.array([0.1, 0.3, 0.2, 0.05]), 0.5)
    assert list(labels) == [0, 0, 2, 2]  # 2-3 merge first, then 0-1; {0, 1} and {2, 3} never (0-3 missing)


WORDS = (
    "bank bitcoin blockchain bond budget capital central coin court crypto currency deal debt deputy "
    "energy exchange export fraud fund governor growth hacker inflation investor island ledger lender "
    "market mining minister mortgage parliament payment police president regulator reserve ruling "
    "sanction senate stablecoin startup summit surplus tariff token trader treasury wallet"
).split()


def _generated(seed: int, n: int = 80, undated: float = 0.2) -> pd.DataFrame:
    """Small stories of rewrites sharing key words, copies dated the same day, some undated articles."""
    rng = random.Random(seed)
    titles, texts, dates = [], [], []
    while len(texts) < n:
        keys = rng.sample(WORDS, 6)
        day = rng.randrange(20)
        for k in range(rng.choice([1, 1, 2, 2, 3, 4, 5])):
            if k and rng.random() < 0.15:
                titles.append(titles[-1])
                texts.append(texts[-1])
                dates.append(dates[-1])
                continue
            titles.append(" ".join(rng.sample(keys, 3)))
            texts.append(" ".join(rng.choice(keys) if rng.random() < 0.3 else rng.choice(WORDS) for _ in range(40)))
            dates.append(None if rng.random() < undated else f"2025-01-{1 + day + rng.choice([0, 1, 2, 3, 4]):02d}")
    return _docs(texts[:n], dates[:n], titles[:n])


def _reference(docs: pd.DataFrame, **options) -> list[str]:
    """Story ids from the full similarity matrix and scipy's complete linkage."""
    labels = stories._all_pairs_labels(docs, options.get("min_similarity", 0.22), options.get("max_days", 3))
    return list(pd.Series(docs["doc_id"].astype(str).to_numpy()).groupby(labels).transform("min"))


def test_seed_stories_equal_the_all_pairs_reference(seeds_corpus):
    docs = seeds_corpus.documents
    assert list(stories.assign_stories(docs)["story_id"]) == _reference(docs)


@pytest.mark.parametrize("seed", range(6))
@pytest.mark.parametrize(
    "options",
    [{}, {"max_days": 0}, {"max_days": None}, {"min_similarity": 0.1}, {"min_similarity": 0.5},
     {"min_similarity": 0.0}],
)
def test_generated_stories_equal_the_all_pairs_reference(seed, options):
    docs = _generated(seed)
    out = stories.assign_stories(docs, **options)
    assert list(out["story_id"]) == _reference(docs, **options)
    assert out["story_id"].nunique() < len(docs)  # rewrites were grouped


def test_a_tie_is_broken_by_doc_id_whatever_the_row_order():
    # d1 and d2 are copies dated five days apart: equally similar to d0, never together
    docs = _docs([TOKENIZE_REWRITE, TOKENIZE, TOKENIZE], ["2025-01-03", "2025-01-01", "2025-01-06"])
    forward = stories.assign_stories(docs).set_index("doc_id")["story_id"]
    backward = stories.assign_stories(docs.iloc[::-1]).set_index("doc_id")["story_id"]
    assert forward.to_dict() == {"d0": "d0", "d1": "d0", "d2": "d2"}
    pd.testing.assert_series_equal(forward.sort_index(), backward.sort_index())


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


@pytest.mark.parametrize("options", [{}, {"max_days": None}])
def test_forked_searchers_find_the_same_stories(monkeypatch, options):
    docs = _generated(11, n=240, undated=0.3)
    monkeypatch.setattr(stories, "_BLOCK", 16)  # many blocks of dated and of undated rows
    monkeypatch.setattr(stories.search, "PARALLEL_CELLS", 1)  # searched by two processes however small
    vectors = stories._lead_vectors(docs)
    max_days = options.get("max_days", 3)
    days = stories._days(docs["published_date"]) if max_days is not None else np.full(len(docs), np.nan)
    one = stories._candidate_pairs(vectors, days, max_days, 0.2, workers=1)
    two = stories._candidate_pairs(vectors, days, max_days, 0.2, workers=2)
    assert len(one[0]) > 50 and all(np.array_equal(a, b) for a, b in zip(one, two, strict=True))
    out = stories.assign_stories(docs, workers=2, **options)
    assert list(out["story_id"]) == _reference(docs, **options)
