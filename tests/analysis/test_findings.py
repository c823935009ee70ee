"""findings(): three to five sentences from the data, each number checked against the frames."""

from __future__ import annotations

import pandas as pd
import pytest

import statecraft as sc
from statecraft.analysis.findings import findings


def _articles_naming(ann, country: str) -> int:
    m = ann.mentions
    keep = (m["entity_type"] == "country") & (m["entity_id"] == country) & (m["role"] == "subject")
    return m.loc[keep, "doc_id"].nunique()


def test_seed_findings_state_their_numbers(seeds_annotated):
    table = findings(seeds_annotated)
    assert table["kind"].tolist() == ["most_articles", "stories", "busiest_period", "stance"]  # not scored
    assert 3 <= len(table) <= 5
    top = table.iloc[0]
    n_docs = len(seeds_annotated.documents)
    assert top["total"] == n_docs == 8
    assert top["value"] == _articles_naming(seeds_annotated, top["key"])
    countries = seeds_annotated.mentions.query("entity_type == 'country'")["entity_id"]
    counts = {c: _articles_naming(seeds_annotated, c) for c in set(countries)}
    assert top["value"] == max(counts.values())
    assert f"({int(top['value'])} of 8)" in top["finding"]
    stories = table.iloc[1]
    assert stories["total"] == seeds_annotated.documents["story_id"].nunique()
    assert f"The 8 articles tell {stories['total']} stories" in stories["finding"]
    busiest = table.iloc[2]
    assert busiest["finding"].startswith("The articles run from 2023-07-29 to 2026-01-22")


def test_deterministic_and_scored(seeds_corpus):
    ann = sc.annotate(seeds_corpus, sentiment=["textblob"])
    first, second = findings(ann), findings(ann)
    pd.testing.assert_frame_equal(first, second)
    assert first["kind"].tolist()[-1] == "sentiment"
    assert "by the textblob engine" in first["finding"].iloc[-1]


@pytest.mark.parametrize("records", [[{"text": "Nothing about any state here."}]])
def test_no_country_gives_no_findings(records):
    assert findings(sc.annotate(sc.from_records(records), sentiment=None)).empty


@pytest.mark.parametrize(("name", "said"), [
    ("Korea, Republic of", "Republic of Korea"),
    ("Venezuela, Bolivarian Republic of", "Bolivarian Republic of Venezuela"),
    ("Taiwan, Province of China", "Taiwan"),
    ("Pakistan", "Pakistan"),
])
def test_country_names_read_as_a_sentence_says_them(name, said):
    from statecraft.analysis.findings import _name

    assert _name({"XXX": name}, "XXX") == said


def test_sentiment_finding_needs_more_sentences_in_a_large_corpus():
    records = [{"doc_id": f"p{i}", "published": "2024-01-02",
                "text": " ".join(f"Pakistan reported steady crypto volume number {k}." for k in range(10))}
               for i in range(40)]
    records += [{"doc_id": "b", "published": "2024-01-03",
                 "text": "Bhutan is wonderful. Bhutan is great and happy. Bhutan is excellent."},
                {"doc_id": "i", "published": "2024-01-04",
                 "text": " ".join(f"India said that the terrible crypto scam of the week was case {k}."
                                  for k in range(8))}]
    ann = sc.annotate(sc.from_records(records), sentiment=["vader"])
    said = findings(ann).set_index("kind").loc["sentiment", "finding"]
    assert "at least 5 scored sentences" in said  # 1% of 403 sentences, not 3
    assert "Bhutan" not in said and "India" in said and "Pakistan" in said
    assert "Bhutan" in findings(ann, min_sentences=3).set_index("kind").loc["sentiment", "finding"]
