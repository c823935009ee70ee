"""select(): every filter alone and together, on a small corpus whose answers are known."""

from __future__ import annotations

import pytest

import statecraft as sc
from statecraft.analysis.select import Selection, select

_RECORDS = [
    {"doc_id": "a1", "published": "2025-01-10",
     "text": "Pakistan set up a bitcoin strategic reserve. Binance praised the wonderful plan."},
    {"doc_id": "a2", "published": "2025-03-05",
     "text": "Kyrgyzstan banned crypto mining. Changpeng Zhao visited Kyrgyzstan on March 3."},
    {"doc_id": "a3",
     "text": "El Salvador adopted bitcoin as legal tender. The terrible crash hurt Pakistan."},
]  # fmt: skip


@pytest.fixture(scope="module")
def ann():
    return sc.annotate(sc.from_records(_RECORDS), sentiment=["textblob"])


def _ids(selection: Selection) -> list[tuple[str, int]]:
    return [(d, int(s)) for d, s in zip(selection.sentences["doc_id"], selection.sentences["sentence_id"], strict=True)]


def test_no_filter_keeps_every_sentence(ann):
    got = select(ann)
    assert len(got.sentences) == len(ann.sentences) == 6
    assert got.counts == {"sentences": 6, "articles": 3, "stories": got.sentences["story_id"].nunique()}
    assert got.engine == "textblob"


@pytest.mark.parametrize(
    ("filters", "expected"),
    [
        ({"countries": ["PAK"]}, [("a1", 0), ("a3", 1)]),
        ({"countries": ["PAK", "KGZ"]}, [("a1", 0), ("a2", 0), ("a2", 1), ("a3", 1)]),
        ({"countries": "KGZ"}, [("a2", 0), ("a2", 1)]),
        ({"actors": ["changpeng-zhao"]}, [("a2", 1)]),
        ({"organizations": ["binance"]}, [("a1", 1)]),
        ({"topics": ["mining"]}, [("a2", 0)]),
        ({"start": "2025-02-01"}, [("a2", 0), ("a2", 1)]),
        ({"end": "2025-02-01"}, [("a1", 0), ("a1", 1)]),
        ({"start": "2025-01-10", "end": "2025-01-10"}, [("a1", 0), ("a1", 1)]),
        ({"sentiment": (0.5, 1.0)}, [("a1", 1)]),
        ({"sentiment": (-1.0, -0.5)}, [("a3", 1)]),
        ({"text": "BITCOIN"}, [("a1", 0), ("a3", 0)]),
        ({"text": "(["}, []),  # literal, not a regex
        ({"countries": ["PAK"], "text": "crash"}, [("a3", 1)]),
        ({"countries": ["PAK"], "end": "2025-12-31"}, [("a1", 0)]),  # undated a3 drops out with a bound
    ],
)
def test_each_filter(ann, filters, expected):
    assert _ids(select(ann, **filters)) == expected


def test_stories_filter(ann):
    story = ann.documents.set_index("doc_id").loc["a2", "story_id"]
    assert _ids(select(ann, stories=[story])) == [("a2", 0), ("a2", 1)]


def test_frames_follow_the_sentences(ann):
    got = select(ann, countries=["KGZ"])
    assert set(got.mentions["doc_id"]) == {"a2"} and set(got.mentions["entity_id"]) >= {"KGZ", "changpeng-zhao"}
    assert got.timexes["surface"].tolist() == ["March 3"]
    assert got.documents["doc_id"].tolist() == ["a2"] and got.documents["article_date"].tolist() == ["2025-03-05"]
    assert got.sentences["polarity"].notna().all()


@pytest.mark.parametrize(
    ("filters", "message"),
    [
        ({"sentiment": (0.5, 0.1)}, "sentiment"),
        ({"sentiment": (-2, 0)}, "sentiment"),
        ({"sentiment": "high"}, "sentiment"),
        ({"start": "2025-13-01"}, "start"),
        ({"end": "2025-02-30"}, "end"),
        ({"start": "2025-05-01", "end": "2025-01-01"}, "after"),
        ({"engine": "vader"}, "vader"),
    ],
)
def test_bad_filters_are_named(ann, filters, message):
    with pytest.raises(ValueError, match=message):
        select(ann, **filters)


def test_sentiment_filter_needs_scores(seeds_annotated):
    with pytest.raises(ValueError, match="no sentiment scores"):
        select(seeds_annotated, sentiment=(0, 1))
    assert select(seeds_annotated, countries=["PAK"]).sentences["polarity"].isna().all()
