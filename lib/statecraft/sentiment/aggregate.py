"""Aggregate sentence scores: per document and per (document, target) — every number traceable.

Each aggregate row carries ``sentence_ids``, the sorted tuple of the sentences it
averages, so any figure can be traced back to its sentences (and their text in the
``sentences`` frame). Aggregate labels use :func:`statecraft.sentiment.label_polarity`.
"""

from __future__ import annotations

import logging

import numpy as np
import pandas as pd

from statecraft.sentiment.engines import label_polarity

log = logging.getLogger(__name__)

ENTITY_TYPES: tuple[str, ...] = ("country", "actor", "organization", "topic")
COUNTING_ROLE = "subject"


def document_scores(sentiment: pd.DataFrame, sentences: pd.DataFrame) -> pd.DataFrame:
    """Average sentence polarity per document and engine.

    Args:
        sentiment: The sentiment frame (doc_id, sentence_id, engine, polarity).
        sentences: The sentences frame (doc_id, sentence_id, start, end) for lengths.

    Returns:
        One row per (doc_id, engine): ``n_sentences``, ``polarity_mean`` (plain mean),
        ``polarity_weighted`` (mean weighted by sentence length in characters),
        ``label`` (of the plain mean) and ``sentence_ids``; polarities to 4 decimals,
        sorted by doc_id and engine.
    """
    lengths = sentences[["doc_id", "sentence_id"]].assign(
        length=(sentences["end"] - sentences["start"]).astype("float64")
    )
    data = sentiment[["doc_id", "sentence_id", "engine", "polarity"]].merge(
        lengths, on=["doc_id", "sentence_id"], how="left", validate="m:1"
    )
    data = data.assign(polarity=data["polarity"].astype("float64"), length=data["length"].fillna(0.0))
    # one pass over the rows sorted by (doc_id, engine); each group's sums are numpy sums of its
    # slice, the same floats as Series.mean / Series.sum gave per group (pandas' grouped sums differ
    # in the last bit, which moves a rounding at a half)
    data = data.sort_values(["doc_id", "engine"], kind="mergesort").reset_index(drop=True)
    doc, eng = data["doc_id"].to_numpy(dtype=object), data["engine"].to_numpy(dtype=object)
    changed = (doc[1:] != doc[:-1]) | (eng[1:] != eng[:-1])
    starts = np.flatnonzero(np.r_[True, changed]).tolist() if len(data) else []
    ends = [*starts[1:], len(data)] if starts else []
    pol, length = data["polarity"].to_numpy(), data["length"].to_numpy()
    ids = data["sentence_id"].to_numpy().tolist()
    out: dict[str, list] = {c: [] for c in ("doc_id", "engine", "n_sentences", "polarity_mean",
                                             "polarity_weighted", "label", "sentence_ids")}
    for start, end in zip(starts, ends, strict=True):
        p, w = pol[start:end], length[start:end]  # slice sums: np.add.reduceat rounds differently
        raw, total = p.sum() / (end - start), w.sum()
        mean = round(float(raw), 4)
        out["doc_id"].append(doc[start])
        out["engine"].append(eng[start])
        out["n_sentences"].append(end - start)
        out["polarity_mean"].append(mean)
        out["polarity_weighted"].append(round(float((p * w).sum() / total if total > 0 else raw), 4))
        out["label"].append(label_polarity(mean, engine=str(eng[start])))
        out["sentence_ids"].append(tuple(sorted(ids[start:end])))
    rows = pd.DataFrame(out)
    return _typed(rows, ["polarity_mean", "polarity_weighted"])


def target_sentences(sentiment: pd.DataFrame, mentions: pd.DataFrame, *, entity_type: str = "country") -> pd.DataFrame:
    """Pair each sentence score with the targets the sentence mentions.

    Only mentions whose ``role`` is ``subject`` count (venues, names inside
    organisation names, currencies ... do not make a sentence about a country).
    A sentence mentioning a target twice counts once (``n_mentions`` says 2).

    Args:
        sentiment: The sentiment frame (doc_id, sentence_id, engine, polarity, label).
        mentions: The mentions frame (doc_id, sentence_id, entity_type, entity_id, role).
        entity_type: One of :data:`ENTITY_TYPES`.

    Returns:
        One row per (doc_id, entity_id, sentence_id, engine) with ``n_mentions``,
        ``polarity`` and ``label``; sorted by those keys.

    Raises:
        ValueError: If ``entity_type`` is unknown.
    """
    if entity_type not in ENTITY_TYPES:
        raise ValueError(f"unknown entity_type {entity_type!r}; valid: {', '.join(ENTITY_TYPES)}")
    keep = (
        (mentions["entity_type"] == entity_type) & (mentions["role"] == COUNTING_ROLE) & mentions["sentence_id"].notna()
    ).fillna(False)
    targets = (
        mentions.loc[keep, ["doc_id", "sentence_id", "entity_id"]]
        .groupby(["doc_id", "sentence_id", "entity_id"], as_index=False, sort=True)
        .size()
        .rename(columns={"size": "n_mentions"})
    )
    scores = sentiment[["doc_id", "sentence_id", "engine", "polarity", "label"]]
    # many sentences x many engines: one (doc, sentence) row per target and per engine
    data = targets.merge(scores, on=["doc_id", "sentence_id"], how="inner", validate="m:m")
    columns = ["doc_id", "entity_id", "sentence_id", "engine", "n_mentions", "polarity", "label"]
    data = data[columns].astype(
        {"doc_id": "string", "entity_id": "string", "sentence_id": "Int64", "engine": "string",
         "n_mentions": "Int64", "polarity": "Float64", "label": "string"}
    )  # fmt: skip
    keys = ["doc_id", "entity_id", "sentence_id", "engine"]
    return data.sort_values(keys, kind="mergesort").reset_index(drop=True)


def targeted(sentiment: pd.DataFrame, mentions: pd.DataFrame, *, entity_type: str = "country") -> pd.DataFrame:
    """Score each (document, target) from the sentences that mention the target.

    Args:
        sentiment: The sentiment frame (doc_id, sentence_id, engine, polarity, label).
        mentions: The mentions frame (doc_id, sentence_id, entity_type, entity_id, role).
        entity_type: One of :data:`ENTITY_TYPES` (``country``: entity_id is alpha-3).

    Returns:
        One row per (doc_id, entity_id, engine): ``entity_type``, ``n_sentences``,
        ``n_mentions``, ``polarity`` (mean over those sentences, 4 decimals), ``label``
        (of the mean), ``n_positive``/``n_negative`` (sentence labels) and
        ``sentence_ids``; sorted by doc_id, entity_id, engine.

    Raises:
        ValueError: If ``entity_type`` is unknown.
    """
    pairs = target_sentences(sentiment, mentions, entity_type=entity_type)
    rows = []
    for (doc_id, entity_id, engine), group in pairs.groupby(["doc_id", "entity_id", "engine"], sort=True):
        mean = round(float(group["polarity"].astype("float64").mean()), 4)
        rows.append(
            {
                "doc_id": doc_id,
                "entity_id": entity_id,
                "engine": engine,
                "entity_type": entity_type,
                "n_sentences": len(group),
                "n_mentions": int(group["n_mentions"].sum()),
                "polarity": mean,
                "label": label_polarity(mean, engine=str(engine)),
                "n_positive": int((group["label"] == "positive").sum()),
                "n_negative": int((group["label"] == "negative").sum()),
                "sentence_ids": tuple(sorted(int(i) for i in group["sentence_id"])),
            }
        )
    columns = [
        "doc_id", "entity_id", "engine", "entity_type", "n_sentences", "n_mentions", "polarity", "label",
        "n_positive", "n_negative", "sentence_ids",
    ]  # fmt: skip
    return _typed(pd.DataFrame(rows, columns=columns), ["polarity"])


def _typed(table: pd.DataFrame, floats: list[str]) -> pd.DataFrame:
    types = {c: "Float64" for c in floats}
    for column in ("doc_id", "engine", "entity_id", "entity_type", "label"):
        if column in table.columns:
            types[column] = "string"
    for column in ("n_sentences", "n_mentions", "n_positive", "n_negative"):
        if column in table.columns:
            types[column] = "Int64"
    return table.astype(types).reset_index(drop=True)
