"""Notebook-facing tables: small, sorted, rounded frames computed from a Corpus.

Pure functions: they take frames (or a Corpus) and return new frames; no I/O. The corpus
overview tables are defined here; the timeline (:mod:`statecraft.timeline`), country
comparison (:mod:`statecraft.comparison`, :mod:`statecraft.stance`) and sentiment summaries
(:mod:`statecraft.sentiment_aggregate`, :mod:`statecraft.sentiment_summary`) are re-exported so
every notebook-facing table can be found in one module.
"""

from __future__ import annotations

import pandas as pd

from statecraft.analysis.comparison import (
    Comparison,
    compare_countries,
    country_actors,
    country_sentences,
    country_sentiment,
    country_summary,
    select_documents,
    topic_profile,
)
from statecraft.analysis.timeline import events, select_events
from statecraft.corpus import Corpus
from statecraft.sentiment.aggregate import document_scores, target_sentences, targeted
from statecraft.sentiment.stance import country_stance, stance_evidence
from statecraft.sentiment.summary import country_table, document_table, engine_agreement, extreme_sentences
from statecraft.tagging import tagger

__all__ = [
    "Comparison", "compare_countries", "country_actors", "country_sentences", "country_sentiment",
    "country_stance", "country_summary", "country_table", "document_entities", "document_overview",
    "document_scores", "document_table", "engine_agreement", "events", "extreme_sentences", "removed_by_rule",
    "select_documents", "select_events", "stance_evidence", "target_sentences", "targeted", "topic_profile",
]  # fmt: skip

_ENTITY_COLUMNS = {"country": "countries", "actor": "actors", "organization": "organizations", "topic": "topics"}


def document_overview(corpus: Corpus) -> pd.DataFrame:
    """Summarise each document: title, publisher, date and its source, size.

    Needs documents (doc_id, title, publisher, published_date, published_source,
    n_chars) and sentences (doc_id). Adds n_sentences.

    Returns:
        One row per document, sorted by doc_id.
    """
    docs = corpus.documents
    counts = corpus.sentences.groupby("doc_id").size().rename("n_sentences")
    out = docs[["doc_id", "title", "publisher", "published_date", "published_source", "n_chars"]].merge(
        counts, left_on="doc_id", right_index=True, how="left", validate="1:1"
    )
    out["n_sentences"] = out["n_sentences"].fillna(0).astype("Int64")
    return out.sort_values("doc_id").reset_index(drop=True)


def removed_by_rule(corpus: Corpus) -> pd.DataFrame:
    """Count what cleaning removed, per rule: pieces, characters, documents touched.

    Returns:
        One row per rule, sorted by rule.
    """
    removed = corpus.removed.assign(n_chars=corpus.removed["text"].str.len())
    out = removed.groupby("rule").agg(
        pieces=("text", "size"), chars=("n_chars", "sum"), documents=("doc_id", "nunique")
    )
    return out.reset_index().sort_values("rule").reset_index(drop=True)


def document_entities(corpus: Corpus) -> pd.DataFrame:
    """List, per document, the countries, actors, organisations and topics it mentions.

    Only mentions with role ``subject`` count (a country word inside an organisation
    name, a venue, a currency ... does not). Needs mentions (doc_id, entity_type,
    entity_id, role).

    Returns:
        One row per document: doc_id, main_country (the country it is mostly about)
        and the sorted ids per entity type, comma-joined for display.
    """
    subject = corpus.mentions[corpus.mentions["role"] == "subject"]
    out = corpus.documents[["doc_id"]].copy()
    for entity_type, column in _ENTITY_COLUMNS.items():
        ids = subject[subject["entity_type"] == entity_type].groupby("doc_id")["entity_id"]
        found = ids.agg(lambda s: tuple(sorted(set(s)))).to_dict()
        out[column] = [", ".join(found.get(d, ())) for d in out["doc_id"]]
    main = tagger.document_countries(corpus.mentions, doc_ids=list(out["doc_id"]))[["doc_id", "main_country"]]
    out = out.merge(main, on="doc_id", how="left", validate="1:1")
    columns = ["doc_id", "main_country", *_ENTITY_COLUMNS.values()]
    return out[columns].sort_values("doc_id").reset_index(drop=True)
