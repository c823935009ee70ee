"""Notebook-facing sentiment tables and the per-country distribution plot.

Pure functions of frames: they return small, sorted, rounded tables (or a matplotlib
Figure) and never read files, print or time anything, so notebook outputs are stable.
Typical use::

    docs = sentiment_aggregate.document_scores(ann.sentiment, ann.sentences)
    pairs = sentiment_aggregate.target_sentences(ann.sentiment, ann.mentions)
    document_table(docs, ann.documents, engine="textblob")
    country_table(pairs, engine="textblob")
"""

from __future__ import annotations

import logging
from collections.abc import Mapping
from itertools import combinations
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from statecraft.sentiment.engines import label_polarity

if TYPE_CHECKING:  # matplotlib is imported when a figure is drawn, not with the package
    from matplotlib.figure import Figure

log = logging.getLogger(__name__)

DIGITS = 3


def document_table(
    doc_scores: pd.DataFrame, documents: pd.DataFrame | None = None, *, engine: str | None = None
) -> pd.DataFrame:
    """Tabulate document sentiment, one row per document and engine.

    Args:
        doc_scores: From :func:`statecraft.sentiment_aggregate.document_scores`.
        documents: The documents frame; when given, its ``title`` is added (m:1 on doc_id).
        engine: Keep only this engine; None keeps all.

    Returns:
        doc_id, [title,] engine, n_sentences, polarity_mean, polarity_weighted, label;
        polarities rounded to 3 decimals; sorted by doc_id and engine.
    """
    table = doc_scores if engine is None else doc_scores[doc_scores["engine"] == engine]
    columns = ["doc_id", "engine", "n_sentences", "polarity_mean", "polarity_weighted", "label"]
    table = table[columns]
    if documents is not None:
        table = table.merge(documents[["doc_id", "title"]], on="doc_id", how="left", validate="m:1")
        columns = ["doc_id", "title", *columns[1:]]
    table = table[columns].round({"polarity_mean": DIGITS, "polarity_weighted": DIGITS})
    return table.sort_values(["doc_id", "engine"], kind="mergesort").reset_index(drop=True)


def country_table(
    pairs: pd.DataFrame,
    *,
    engine: str | None = "textblob",
    n_boot: int = 1000,
    seed: int = 0,
    level: float = 0.95,
    unit: str = "sentence",
) -> pd.DataFrame:
    """Summarise targeted sentiment per entity with a bootstrap interval.

    Args:
        pairs: From :func:`statecraft.sentiment_aggregate.target_sentences`.
        engine: Keep only this engine; None keeps all.
        n_boot: Bootstrap resamples.
        seed: Seed of the resampling (each entity uses a fresh generator with this seed,
            so a row does not depend on the other rows).
        level: Coverage of the percentile interval.
        unit: Resample ``sentence`` scores, or ``document`` means (a cluster bootstrap,
            more honest when one article mentions a country many times).

    Returns:
        entity_id, engine, n_documents, n_sentences, polarity (mean over sentences),
        ci_low, ci_high, label; rounded to 3 decimals; sorted by decreasing
        n_sentences, then entity_id and engine.

    Raises:
        ValueError: If ``unit`` or ``level`` is invalid.
    """
    if unit not in ("sentence", "document"):
        raise ValueError(f"unit must be 'sentence' or 'document', got {unit!r}")
    if not 0 < level < 1:
        raise ValueError(f"level must be between 0 and 1, got {level!r}")
    data = pairs if engine is None else pairs[pairs["engine"] == engine]
    rows = []
    for (entity_id, eng), group in data.groupby(["entity_id", "engine"], sort=True):
        values = group["polarity"].astype("float64")
        if unit == "document":
            values = values.groupby(group["doc_id"]).mean()
        low, high = _bootstrap(values.to_numpy(), n_boot=n_boot, seed=seed, level=level)
        mean = float(group["polarity"].astype("float64").mean())
        rows.append(
            {
                "entity_id": entity_id,
                "engine": eng,
                "n_documents": group["doc_id"].nunique(),
                "n_sentences": len(group),
                "polarity": round(mean, DIGITS),
                "ci_low": round(low, DIGITS),
                "ci_high": round(high, DIGITS),
                "label": label_polarity(mean, engine=str(eng)),
            }
        )
    columns = ["entity_id", "engine", "n_documents", "n_sentences", "polarity", "ci_low", "ci_high", "label"]
    table = pd.DataFrame(rows, columns=columns)
    table = table.sort_values(["n_sentences", "entity_id", "engine"], ascending=[False, True, True], kind="mergesort")
    return table.reset_index(drop=True)


def with_engine_agreement(table: pd.DataFrame, pairs: pd.DataFrame, *, engine: str) -> pd.DataFrame:
    """Add, beside each entity's score, how many engines give its sentences the same label.

    Each engine's label of an entity is the label of its mean polarity over the entity's
    sentences (:func:`label_polarity` with that engine's threshold).

    Args:
        table: From :func:`country_table` for ``engine`` (entity_id, label).
        pairs: From :func:`statecraft.sentiment_aggregate.target_sentences`, every engine.
        engine: The engine of ``table``.

    Returns:
        ``table`` with ``engines_agree`` (e.g. ``"3/4"``: engines whose label equals
        ``engine``'s, itself included) and ``other_engines`` (``name:label`` of the other
        engines, sorted by name); order and index kept.
    """
    means = pairs.groupby(["entity_id", "engine"], sort=True)["polarity"].mean()
    labels: dict[str, dict[str, str]] = {}
    for (entity_id, eng), mean in means.items():
        labels.setdefault(str(entity_id), {})[str(eng)] = label_polarity(float(mean), engine=str(eng))
    agree, others = [], []
    for entity_id, label in zip(table["entity_id"], table["label"], strict=True):
        by_engine = labels.get(str(entity_id), {})
        agree.append(f"{sum(v == label for v in by_engine.values())}/{len(by_engine)}")
        others.append(", ".join(f"{e}:{v}" for e, v in sorted(by_engine.items()) if e != engine))
    return table.assign(engines_agree=pd.Series(agree, index=table.index, dtype="string"),
                        other_engines=pd.Series(others, index=table.index, dtype="string"))  # fmt: skip


def engine_agreement(sentiment: pd.DataFrame, *, method: str = "pearson") -> pd.DataFrame:
    """Correlate sentence polarities between engines (sentences scored by every engine).

    Args:
        sentiment: The sentiment frame with two or more engines.
        method: ``pearson`` or ``spearman``.

    Returns:
        A square engine x engine correlation table, rounded to 3 decimals, engines sorted.
    """
    wide = sentiment.pivot_table(
        index=["doc_id", "sentence_id"], columns="engine", values="polarity", aggfunc="first"
    ).astype("float64")
    table = wide.dropna().corr(method=method).round(DIGITS)
    table = table.sort_index().sort_index(axis=1)
    table.index.name, table.columns.name = "engine", None
    return table


def label_agreement(sentiment: pd.DataFrame) -> pd.DataFrame:
    """Compare sentence labels between every pair of engines.

    Args:
        sentiment: The sentiment frame with two or more engines.

    Returns:
        engine_a, engine_b, n_sentences, agreement (share of equal labels), kappa
        (Cohen's); rounded to 3 decimals; sorted by the engine pair.
    """
    wide = sentiment.pivot_table(index=["doc_id", "sentence_id"], columns="engine", values="label", aggfunc="first")
    rows = []
    for a, b in combinations(sorted(wide.columns), 2):
        both = wide[[a, b]].dropna()
        observed = float((both[a] == both[b]).mean()) if len(both) else float("nan")
        pa, pb = both[a].value_counts(normalize=True), both[b].value_counts(normalize=True)
        expected = float(sum(pa.get(k, 0.0) * pb.get(k, 0.0) for k in set(pa.index) | set(pb.index)))
        kappa = (observed - expected) / (1 - expected) if expected < 1 else float("nan")
        rows.append({"engine_a": a, "engine_b": b, "n_sentences": len(both),
                     "agreement": round(observed, DIGITS), "kappa": round(kappa, DIGITS)})  # fmt: skip
    return pd.DataFrame(rows, columns=["engine_a", "engine_b", "n_sentences", "agreement", "kappa"])


def extreme_sentences(
    sentiment: pd.DataFrame,
    sentences: pd.DataFrame,
    *,
    engine: str = "textblob",
    n: int = 5,
    max_chars: int = 160,
) -> pd.DataFrame:
    """List the most positive and most negative sentences as evidence.

    Args:
        sentiment: The sentiment frame.
        sentences: The sentences frame (doc_id, sentence_id, text); m:1 merge.
        engine: The engine whose polarity ranks the sentences.
        n: Sentences per side.
        max_chars: Longer texts are cut and end with "...".

    Returns:
        side (positive, negative), rank (1 = most extreme), doc_id, sentence_id,
        polarity (3 decimals), text; ties broken by doc_id and sentence_id.
    """
    scores = sentiment[sentiment["engine"] == engine][["doc_id", "sentence_id", "polarity"]]
    data = scores.merge(
        sentences[["doc_id", "sentence_id", "text"]], on=["doc_id", "sentence_id"], how="left", validate="1:1"
    )
    data = data.assign(polarity=data["polarity"].astype("float64"))
    parts = []
    for side, ascending, keep in (("positive", False, data["polarity"] > 0), ("negative", True, data["polarity"] < 0)):
        part = (
            data[keep]
            .sort_values(["polarity", "doc_id", "sentence_id"], ascending=[ascending, True, True], kind="mergesort")
            .head(n)
        )
        parts.append(part.assign(side=side, rank=range(1, len(part) + 1)))
    table = pd.concat(parts, ignore_index=True) if parts else data.iloc[0:0]
    text = table["text"].astype("string").fillna("")
    cut = text.str.len() > max_chars
    table = table.assign(
        text=text.where(~cut, text.str.slice(0, max_chars - 3).str.rstrip() + "..."),
        polarity=table["polarity"].round(DIGITS),
    )
    return table[["side", "rank", "doc_id", "sentence_id", "polarity", "text"]].reset_index(drop=True)


def plot_country_distribution(
    pairs: pd.DataFrame, *, engine: str = "textblob", max_countries: int = 12, seed: int = 0,
    colors: Mapping[str, str] | None = None,
) -> Figure:
    """Draw the distribution of sentence polarity per country (box plot + points).

    Args:
        pairs: From :func:`statecraft.sentiment_aggregate.target_sentences`.
        engine: The engine to plot.
        max_countries: Show the countries with the most sentences (ties by entity_id).
        seed: Seed of the vertical jitter of the points.
        colors: Country colours (alpha-3 -> colour) for the points; default one blue.

    Returns:
        A matplotlib Figure (not attached to pyplot).
    """
    data = pairs[pairs["engine"] == engine]
    counts = data.groupby("entity_id").size().reset_index(name="n")
    counts = counts.sort_values(["n", "entity_id"], ascending=[False, True], kind="mergesort")
    order = counts["entity_id"].head(max_countries).tolist()[::-1]  # biggest on top
    from matplotlib.figure import Figure

    fig = Figure(figsize=(7, 0.45 * max(len(order), 2) + 1.2))
    ax = fig.add_subplot()
    values = [data.loc[data["entity_id"] == c, "polarity"].astype("float64").to_numpy() for c in order]
    if order:
        ax.boxplot(values, orientation="horizontal", widths=0.6, showfliers=False)
        rng = np.random.default_rng(seed)
        for i, vals in enumerate(values, start=1):
            ax.scatter(vals, i + rng.uniform(-0.15, 0.15, len(vals)), s=10, alpha=0.5,
                       color=(colors or {}).get(order[i - 1], "tab:blue"))
        ax.set_yticks(range(1, len(order) + 1), [f"{c} (n={len(v)})" for c, v in zip(order, values, strict=True)])
    ax.axvline(0, color="grey", linewidth=0.8)
    ax.set_xlim(-1.05, 1.05)
    ax.set_xlabel(f"sentence polarity ({engine})")
    ax.set_title("Sentiment of sentences mentioning each country")
    fig.tight_layout()
    return fig


def _bootstrap(values: np.ndarray, *, n_boot: int, seed: int, level: float) -> tuple[float, float]:
    if len(values) == 0:
        return float("nan"), float("nan")
    rng = np.random.default_rng(seed)
    means = rng.choice(values, size=(n_boot, len(values)), replace=True).mean(axis=1)
    alpha = (1 - level) / 2
    return float(np.quantile(means, alpha)), float(np.quantile(means, 1 - alpha))
