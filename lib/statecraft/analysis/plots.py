"""Charts: topic heatmap, share-of-voice bars, sentiment dot plot, trend small multiples.

Each function takes a table from :mod:`statecraft.comparison` and returns a new
:class:`matplotlib.figure.Figure` built without pyplot (no global state, nothing
shown or saved), so notebooks display it and tests inspect it. Countries are drawn in
the order of the table they come from, each in its colour from ``colors`` (a map from
:func:`statecraft.analysis.colors.country_colors`, the same in every report of a run).
"""

from __future__ import annotations

import logging
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from statecraft.analysis.colors import color_of
from statecraft.tagging import codebook

if TYPE_CHECKING:  # matplotlib is imported when a figure is drawn, not with the package
    from matplotlib.figure import Figure

log = logging.getLogger(__name__)

_SHARES = {"share_of_voice": "mentions", "article_share": "articles", "story_share": "stories"}
_ALPHAS = (1.0, 0.6, 0.3)
_COLORS = {"engaging": "#1b7837", "restricting": "#b2182b", "mixed": "#7f7f7f", "none": "#bdbdbd"}


def topic_heatmap(
    topics: pd.DataFrame, *, countries: Sequence[str] | None = None, value: str = "share",
    colors: Mapping[str, str] | None = None,
) -> Figure:
    """Draw a country x topic heatmap of the topic profile.

    Args:
        topics: From :func:`statecraft.comparison.topic_profile` (country, topic, share, ...).
        countries: Row order (default: the countries of ``topics``, sorted).
        value: Column to draw: ``share`` (of the country's sentences) or a count column.
        colors: Country colours (their row labels are drawn in them).

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
    fig = _figure(figsize=(1.0 + 0.62 * len(columns), 1.2 + 0.42 * max(len(rows), 1)), layout="constrained")
    ax = fig.add_subplot()
    image = ax.imshow(grid.to_numpy(), cmap="Blues", aspect="auto", vmin=0.0,
                      vmax=max(float(grid.to_numpy().max()), 1e-9))
    ax.set_xticks(range(len(columns)), labels=columns, rotation=45, ha="right")
    ax.set_yticks(range(len(rows)), labels=rows)
    _color_ticks(ax.get_yticklabels(), color_of(rows, colors))
    limit = float(grid.to_numpy().max()) / 2
    for (i, j), cell in np.ndenumerate(grid.to_numpy()):
        if cell:
            text = f"{cell:.2f}" if value == "share" else f"{cell:g}"
            ax.text(j, i, text, ha="center", va="center", fontsize=7, color="white" if cell > limit else "black")
    ax.set_title("Topic profile: share of each country's sentences per topic" if value == "share"
                 else f"Topic profile: {value}")
    fig.colorbar(image, ax=ax, shrink=0.8)
    return fig


def share_of_voice_bars(summary: pd.DataFrame, *, colors: Mapping[str, str] | None = None) -> Figure:
    """Draw each country's share of country mentions, of articles and of stories.

    Args:
        summary: From :func:`statecraft.comparison.country_summary` (country,
            share_of_voice, article_share, story_share).
        colors: Country colours; the three shares of a country are its colour, fading.

    Returns:
        A Figure with one Axes of grouped horizontal bars, first country on top.
    """
    countries = list(summary["country"])
    fig = _figure(figsize=(7.0, 1.2 + 0.45 * max(len(countries), 1)), layout="constrained")
    ax = fig.add_subplot()
    y = np.arange(len(countries))
    height = 0.8 / len(_SHARES)
    palette = color_of(countries, colors)
    for k, column in enumerate(_SHARES):
        values = summary[column].astype("float64").fillna(0.0).to_numpy()
        ax.barh(y + (k - 1) * height, values, height=height, color=[palette[c] for c in countries],
                alpha=_ALPHAS[k], edgecolor="white", linewidth=0.5)
    ax.set_yticks(y, labels=countries)
    _color_ticks(ax.get_yticklabels(), palette)
    ax.invert_yaxis()
    top = float(summary[list(_SHARES)].astype("float64").max().max()) if len(summary) else 0.0
    ax.set_xlim(0, 1 if np.isnan(top) or top > 0.85 else top * 1.15 + 0.02)
    ax.set_xlabel("share")
    ax.set_title("Share of voice (per country: mentions, articles, stories, top to bottom)", fontsize=10)
    from matplotlib.patches import Patch

    keys = [Patch(color="#555555", alpha=alpha, label=f"share of {label}")
            for alpha, label in zip(_ALPHAS, _SHARES.values(), strict=True)]
    ax.legend(handles=keys, loc="lower right", fontsize=8)
    return fig


def sentiment_dots(
    sentiment: pd.DataFrame, *, stance: pd.DataFrame | None = None, colors: Mapping[str, str] | None = None
) -> Figure:
    """Draw targeted sentiment per country: mean polarity with its interval.

    Args:
        sentiment: From :func:`statecraft.comparison.country_sentiment` (country,
            polarity, ci_low, ci_high, n_sentences).
        stance: From :func:`statecraft.stance.country_stance`; colours dots by stance.
        colors: Country colours (the country labels are drawn in them).

    Returns:
        A Figure with one Axes: a dot and an interval bar per country, labelled with
        its number of sentences.
    """
    data = sentiment.reset_index(drop=True)
    leans = dict(zip(stance["country"], stance["stance"], strict=True)) if stance is not None else {}
    fig = _figure(figsize=(7.0, 1.2 + 0.45 * max(len(data), 1)), layout="constrained")
    ax = fig.add_subplot()
    ax.axvline(0.0, color="#999999", linewidth=0.8)
    for i, row in data.iterrows():
        mean, low, high = (float(row[c]) for c in ("polarity", "ci_low", "ci_high"))
        color = _COLORS.get(leans.get(row["country"], "none"), _COLORS["none"])
        ax.plot([low, high], [i, i], color=color, linewidth=2)
        ax.plot([mean], [i], "o", color=color, markersize=7)
        ax.annotate(f"n={int(row['n_sentences'])}", (high, i), xytext=(4, 0), textcoords="offset points",
                    va="center", fontsize=8)
    ax.set_yticks(range(len(data)), labels=list(data["country"]))
    _color_ticks(ax.get_yticklabels(), color_of(data["country"], colors))
    ax.invert_yaxis()
    ax.set_xlim(-1, 1)
    ax.set_xlabel("polarity (mean over sentences naming the country, 95% bootstrap interval)")
    title = "Targeted sentiment"
    if leans:
        title += " (colour: stance; green engaging, red restricting, grey mixed/none)"
    ax.set_title(title, fontsize=10)
    return fig


def _color_ticks(labels: list, palette: Mapping[str, str]) -> None:
    for label in labels:
        label.set_color(palette.get(label.get_text(), "black"))
        label.set_fontweight("bold")


_PERIOD_DAYS = {"D": 1, "W": 7, "M": 30, "Q": 91, "Y": 365}


def trend_multiples(
    table: pd.DataFrame,
    labels: pd.DataFrame | None = None,
    *,
    keys: Sequence[str] | None = None,
    freq: str = "M",
    colors: Mapping[str, str] | None = None,
    max_label_chars: int = 44,
) -> Figure:
    """Draw small multiples: per key, articles per period and targeted sentiment per period.

    Args:
        table: From :func:`statecraft.analysis.trends.trends` (period_start, is_undated, key,
            n_articles, n_sentences, polarity, ci_low, ci_high); undated rows are not drawn.
        labels: From :func:`statecraft.analysis.trends.top_stories` (period_start, key,
            title): each key's spike (its period with the most articles, the earliest on a
            tie) is labelled with the title of its top story, cut to ``max_label_chars``.
        keys: The keys to draw, one row of axes each, in this order (default: every key of
            ``table``, most articles first).
        freq: The period length of ``table`` (bar width).
        colors: Key colours (a country map from :func:`statecraft.analysis.colors.country_colors`).
        max_label_chars: Spike labels longer than this end with "…".

    Returns:
        A Figure with one row per key: articles per period (bars) on the left, mean polarity
        with its 95% interval on the right (periods with a scored sentence only), sharing
        the time axis. Each spike label sits above its bar, inside its axes.
    """
    dated = table[~table["is_undated"].astype(bool)]
    if keys is None:
        totals = dated.groupby("key")["n_articles"].sum()
        keys = [k for k, _ in sorted(totals.items(), key=lambda kv: (-int(kv[1]), str(kv[0])))]
    keys = [str(k) for k in keys]
    palette = color_of(keys, colors)
    from matplotlib.dates import AutoDateLocator, ConciseDateFormatter
    from matplotlib.ticker import MaxNLocator

    fig = _figure(figsize=(10.0, 0.6 + 1.45 * max(len(keys), 1)), layout="constrained")
    axes = fig.subplots(max(len(keys), 1), 2, sharex=True, squeeze=False)
    width = pd.Timedelta(days=0.8 * _PERIOD_DAYS.get(freq, 30))
    titles = {} if labels is None else {(r.period_start, str(r.key)): r.title for r in labels.itertuples()}
    for row, key in enumerate(keys):
        left, right = axes[row]
        data = dated[dated["key"] == key]
        counts = data["n_articles"].astype("float64").fillna(0.0).to_numpy()
        left.bar(data["period_start"], counts, width=width, color=palette[key], align="edge")
        top = float(counts.max()) if len(counts) else 0.0
        left.set_ylim(0, max(top, 1.0) * 1.7)
        left.set_ylabel(key, color=palette[key], fontweight="bold", rotation=0, ha="right", va="center")
        if top > 0:
            peak = data.iloc[int(np.argmax(counts))]
            where = (int(np.argmax(counts)) + 0.5) / len(counts)
            align = "left" if where < 1 / 3 else "right" if where > 2 / 3 else "center"
            _label_spike(left, peak["period_start"] + width / 2, top, titles.get((peak["period_start"], key)),
                         max_label_chars, align=align)
        scored = data[data["n_sentences"].fillna(0) > 0]
        right.axhline(0.0, color="#999999", linewidth=0.8)
        middle = scored["period_start"] + width / 2
        right.vlines(middle, scored["ci_low"].astype("float64"), scored["ci_high"].astype("float64"),
                     color=palette[key], linewidth=1.5)
        right.plot(middle, scored["polarity"].astype("float64"), "o-", color=palette[key], markersize=4,
                   linewidth=0.8)
        right.set_ylim(-1, 1)
        left.yaxis.set_major_locator(MaxNLocator(nbins=3, integer=True))
        for ax in (left, right):
            ax.tick_params(labelsize=7)
            ax.grid(axis="y", alpha=0.3)
            locator = AutoDateLocator(minticks=3, maxticks=7)
            ax.xaxis.set_major_locator(locator)
            ax.xaxis.set_major_formatter(ConciseDateFormatter(locator))
    axes[0][0].set_title("articles per period (label: the top story of the busiest period)", fontsize=9)
    axes[0][1].set_title("targeted sentiment: mean polarity, 95% interval", fontsize=9)
    return fig


def _label_spike(ax, x, y: float, title: str | None, max_chars: int, *, align: str) -> None:
    text = str(title) if isinstance(title, str) and title.strip() else "(no title)"
    text = " ".join(text.split())
    text = text if len(text) <= max_chars else text[: max_chars - 1].rstrip() + "…"
    ax.annotate(text, (x, y), xytext=(0, 3), textcoords="offset points", fontsize=7, ha=align, va="bottom",
                annotation_clip=False)


def _figure(**kwargs) -> Figure:
    from matplotlib.figure import Figure

    return Figure(**kwargs)
