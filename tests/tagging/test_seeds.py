"""The seeds: every article's country set equals the gold; the gold actors and topics are found."""

from __future__ import annotations

import pytest

from statecraft.tagging import tagger as tagging

ARTICLES = range(8)


@pytest.fixture(scope="module")
def seed_mentions(seeds_corpus):
    return tagging.tag_frame(seeds_corpus.documents)


@pytest.fixture(scope="module")
def by_doc(seed_mentions, seeds_corpus):
    ids = list(seeds_corpus.documents["doc_id"])
    countries = tagging.document_countries(seed_mentions, doc_ids=ids).set_index("doc_id")
    entities = tagging.document_entities(seed_mentions, doc_ids=ids).set_index("doc_id")
    return countries.join(entities)


def _doc_id(article):
    return f"{article['file']}#{article['part']}"


@pytest.mark.parametrize("i", ARTICLES)
def test_country_sets_equal_gold(i, gold, by_doc):
    article = gold[i]
    assert set(by_doc.at[_doc_id(article), "countries"]) == set(article["countries"])


@pytest.mark.parametrize("i", ARTICLES)
def test_gold_actors_are_found(i, gold, by_doc):
    row = by_doc.loc[_doc_id(gold[i])]
    assert set(gold[i]["actors"]) <= set(row["actors"]) | set(row["organizations"])


@pytest.mark.parametrize("i", ARTICLES)
def test_gold_topics_are_found(i, gold, by_doc):
    assert set(gold[i]["topics"]) <= set(by_doc.at[_doc_id(gold[i]), "topics"])


def test_washington_counts_and_davos_does_not(seed_mentions):
    rows = seed_mentions.set_index("surface")
    washington = seed_mentions[seed_mentions["surface"] == "Washington"]
    assert washington[["entity_id", "alias_kind", "role"]].to_numpy().tolist() == [
        ["USA", "capital_metonym", "subject"]
    ]
    assert rows.loc["Davos", "role"] == "venue"


def test_offsets_match_the_documents(seed_mentions, seeds_corpus):
    texts = dict(zip(seeds_corpus.documents["doc_id"], seeds_corpus.documents["text"], strict=True))
    for row in seed_mentions.itertuples(index=False):
        assert texts[row.doc_id][row.start : row.end] == row.surface
