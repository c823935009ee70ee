"""Country comparison charts: topic heatmap, share-of-voice bars, sentiment dot plot.

Each function takes a table from :mod:`statecraft.comparison` and returns a new
:class:`matplotlib.figure.Figure` built without pyplot (no global state, nothing
shown or saved), so notebooks display it and tests inspect it. Countries are drawn in
the order of the table they come from.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence

import numpy as np
import pandas as pd
from matplotlib.figure import Figure

from statecraft.tagging import codebook

log = logging.getLogger(__name__)

_SHARES = {"share_of_voice": "mentions", "article_share": "articles", "story_share": "stories"}
_COLORS = {"engaging": "#1b7837", "restricting": "#b2182b", "mixed": "#7f7f7f", "none": "#bdbdbd"}


def topic_heatmap(
    topics: pd.DataFrame, *, countries: Sequence[str] | None = None, value: str = "share"
) -> Figure:
    """Draw a country x topic heatmap of the topic profile.

    Args:
        topics: From :func:`statecraft.comparison.topic_profile` (country, topic, share, ...).
        countries: Row order (default: the countries of ``topics``, sorted).
        value: Column to draw: ``share`` (of the country's sentences) or a count column.

    Returns:
        A Figure with one Axes; every cell is annotated with its value.

    Raises:
        ValueError: If ``value`` is not a column of ``topics``.
    """
    if value not in topics.columns:
        raise ValueError(f"value {value!r} is not a column of topics; columns: {list(topics.columns)}")
    rows = list(countries) if countries is not None else sorted(set(topics["country"]))
    columns = list(codebook.table("topics")["topic_id"])
    grid = topics.pivot_table(index="country", columns="topic", values=value, aggfunc="sum")
    grid = grid.reindex(index=rows, columns=columns).astype("float64").fillna(0.0)
    fig = Figure(figsize=(1.0 + 0.62 * len(columns), 1.2 + 0.42 * max(len(rows), 1)), layout="constrained")
    ax = fig.add_subplot()
    image = ax.imshow(grid.to_numpy(), cmap="Blues", aspect="auto", vmin=0.0,
                      vmax=max(float(grid.to_numpy().max()), 1e-9))
    ax.set_xticks(range(len(columns)), labels=columns, rotation=45, ha="right")
    ax.set_yticks(range(len(rows)), labels=rows)
    limit = float(grid.to_numpy().max()) / 2
    for (i, j), cell in np.ndenumerate(grid.to_numpy()):
        if cell:
            text = f"{cell:.2f}" if value == "share" else f"{cell:g}"
            ax.text(j, i, text, ha="center", va="center", fontsize=7, color="white" if cell > limit else "black")
    ax.set_title("Topic profile: share of each country's sentences per topic" if value == "share"
                 else f"Topic profile: {value}")
    fig.colorbar(image, ax=ax, shrink=0.8)
    return fig


def share_of_voice_bars(summary: pd.DataFrame) -> Figure:
    """Draw each country's share of country mentions, of articles and of stories.

    Args:
        summary: From :func:`statecraft.comparison.country_summary` (country,
            share_of_voice, article_share, story_share).

    Returns:
        A Figure with one Axes of grouped horizontal bars, first country on top.
    """
    countries = list(summary["country"])
    fig = Figure(figsize=(7.0, 1.2 + 0.45 * max(len(countries), 1)), layout="constrained")
    ax = fig.add_subplot()
    y = np.arange(len(countries))
    height = 0.8 / len(_SHARES)
    for k, (column, label) in enumerate(_SHARES.items()):
        values = summary[column].astype("float64").fillna(0.0).to_numpy()
        ax.barh(y + (k - 1) * height, values, height=height, label=f"share of {label}")
    ax.set_yticks(y, labels=countries)
    ax.invert_yaxis()
    ax.set_xlim(0, 1)
    ax.set_xlabel("share")
    ax.set_title("Share of voice")
    ax.legend(loc="lower right", fontsize=8)
    return fig


def sentiment_dots(sentiment: pd.DataFrame, *, stance: pd.DataFrame | None = None) -> Figure:
    """Draw targeted sentiment per country: mean polarity with its interval.

    Args:
        sentiment: From :func:`statecraft.comparison.country_sentiment` (country,
            polarity, ci_low, ci_high, n_sentences).
        stance: From :func:`statecraft.stance.country_stance`; colours dots by stance.

    Returns:
        A Figure with one Axes: a dot and an interval bar per country, labelled with
        its number of sentences.
    """
    data = sentiment.reset_index(drop=True)
    colors = dict(zip(stance["country"], stance["stance"], strict=True)) if stance is not None else {}
    fig = Figure(figsize=(7.0, 1.2 + 0.45 * max(len(data), 1)), layout="constrained")
    ax = fig.add_subplot()
    ax.axvline(0.0, color="#999999", linewidth=0.8)
    for i, row in data.iterrows():
        mean, low, high = (float(row[c]) for c in ("polarity", "ci_low", "ci_high"))
        color = _COLORS.get(colors.get(row["country"], "none"), _COLORS["none"])
        ax.plot([low, high], [i, i], color=color, linewidth=2)
        ax.plot([mean], [i], "o", color=color, markersize=7)
        ax.annotate(f"n={int(row['n_sentences'])}", (high, i), xytext=(4, 0), textcoords="offset points",
                    va="center", fontsize=8)
    ax.set_yticks(range(len(data)), labels=list(data["country"]))
    ax.invert_yaxis()
    ax.set_xlim(-1, 1)
    ax.set_xlabel("polarity (mean over sentences naming the country, 95% bootstrap interval)")
    title = "Targeted sentiment"
    if colors:
        title += " (colour: stance; green engaging, red restricting, grey mixed/none)"
    ax.set_title(title, fontsize=10)
    return fig
