"""Events on a timeline: dated sentences that name countries, actors or topics, once per event.

An event is a sentence holding a resolved calendar timex (DATE or TIME with a date
interval; not "now" or a duration) and at least one tagged country, actor, organisation or
topic (mentions with role ``subject``). Its date is the timex's, not the article's: the
lag between them is kept. Outlets rewriting the same story repeat the same event, so
events with the same date value and the same countries and topics, or the same date value
within the same story, are merged into one row listing all their sources.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING, Any

import pandas as pd

from statecraft.analysis.colors import color_of
from statecraft.tagging import codebook

if TYPE_CHECKING:  # matplotlib is imported when a figure is drawn, not with the package
    from matplotlib.figure import Figure

log = logging.getLogger(__name__)

_PRECISION = {"time": 0, "day": 1, "week": 2, "month": 3, "quarter": 4, "season": 4, "half": 5, "year": 6}
_LABEL_OFFSETS: tuple[tuple[float, float], ...] = ((4, 4), (4, -11), (4, 12), (4, -19))
"""Label positions (points from the dot) tried in turn: above, below, higher, lower; all inside the lane.
Each is tried to the right of the dot, then (mirrored) to its left."""
EVENT_COLUMNS = [
    "event_id", "event_date", "date_end", "value", "granularity", "countries", "actors", "topics",
    "doc_ids", "publishers", "n_sources", "story_ids", "first_published", "lag_days", "surface", "sentence",
]  # fmt: skip


def events(
    documents: pd.DataFrame, sentences: pd.DataFrame, mentions: pd.DataFrame, timexes: pd.DataFrame
) -> pd.DataFrame:
    """Build the de-duplicated event table.

    Args:
        documents: Needs doc_id, published_date; publisher and story_id are used when present.
        sentences: Needs doc_id, sentence_id, text.
        mentions: Needs doc_id, sentence_id, entity_type, entity_id, role.
        timexes: Needs doc_id, sentence_id, timex_type, value, granularity, date_start, date_end, surface.

    Returns:
        One row per event, sorted by event_date then event_id: event_id, event_date and
        date_end (ISO), value (TIMEX3), granularity, countries / actors / topics (sorted
        tuples), doc_ids / publishers / story_ids (sorted tuples of the sources), n_sources,
        first_published, lag_days (first publication minus event start, in days), surface
        and sentence (from the first source).
    """
    dated = dated_sentences(timexes)
    tags = _sentence_tags(mentions)
    rows = dated.merge(tags, on=["doc_id", "sentence_id"], how="inner", validate="1:1")
    tagged = [bool(c or a or t) for c, a, t in zip(rows["countries"], rows["actors"], rows["topics"], strict=True)]
    rows = rows[pd.Series(tagged, index=rows.index, dtype=bool)]
    wanted = [c for c in ("published_date", "publisher", "story_id") if c in documents.columns]
    docs = documents[["doc_id", *wanted]].drop_duplicates("doc_id").rename(columns={"published_date": "published"})
    rows = rows.merge(docs, on="doc_id", how="left", validate="m:1")
    for column in ("published", "publisher", "story_id"):  # plain str or None, as the event rows hold them
        values = rows[column] if column in rows.columns else [None] * len(rows)
        rows[column] = pd.Series([None if v is None or pd.isna(v) else str(v) for v in values], index=rows.index,
                                 dtype=object)
    text = sentences[["doc_id", "sentence_id", "text"]].drop_duplicates(["doc_id", "sentence_id"])
    rows = rows.merge(text.rename(columns={"text": "sentence"}), on=["doc_id", "sentence_id"], how="left",
                      validate="m:1")
    rows["sentence"] = [str(v) if isinstance(v, str) else "" for v in rows["sentence"]]
    rows = rows.sort_values(["date_start", "doc_id", "sentence_id"], kind="mergesort").reset_index(drop=True)
    groups = _merge_groups(rows)
    records = rows.to_dict("records")  # plain dicts: one event per group without pandas per-row costs
    out = [_event([records[i] for i in members]) for members in groups]
    table = pd.DataFrame(out, columns=EVENT_COLUMNS[1:])
    table = table.sort_values(["event_date", "value", "surface"], kind="mergesort").reset_index(drop=True)
    table.insert(0, "event_id", [f"e{i:04d}" for i in range(len(table))])
    log.info("%d events from %d dated, tagged sentences", len(table), len(rows))
    return table


def _get(docs: pd.DataFrame, doc_id: str, column: str) -> str | None:
    if column not in docs.columns:
        return None
    value = docs.loc[doc_id, column] if doc_id in docs.index else None
    return None if value is None or pd.isna(value) else str(value)


def dated_sentences(timexes: pd.DataFrame) -> pd.DataFrame:
    """Give each sentence the date of its most precise resolved calendar timex.

    Args:
        timexes: Needs doc_id, sentence_id, timex_type, value, granularity, date_start, date_end, surface.

    Returns:
        doc_id, sentence_id, value, granularity, date_start, date_end, surface: one row per
        sentence holding a DATE or TIME resolved to a date (the finest granularity, then the
        first in the text), sorted by doc_id and sentence_id.
    """
    usable = timexes[
        timexes["timex_type"].isin(["DATE", "TIME"])
        & timexes["date_start"].notna()
        & timexes["granularity"].isin(list(_PRECISION))
    ]
    usable = usable.assign(precision=usable["granularity"].map(_PRECISION))
    usable = usable.sort_values(["doc_id", "sentence_id", "precision", "start"], kind="mergesort")
    best = usable.drop_duplicates(["doc_id", "sentence_id"], keep="first")
    columns = ["doc_id", "sentence_id", "value", "granularity", "date_start", "date_end", "surface"]
    return best[columns].reset_index(drop=True)


def _sentence_tags(mentions: pd.DataFrame) -> pd.DataFrame:
    column_of = {"country": "countries", "actor": "actors", "organization": "actors", "topic": "topics"}
    found: dict[tuple[str, int], dict[str, set[str]]] = {}
    subject = mentions[mentions["role"] == "subject"]
    for doc_id, sentence_id, entity_type, entity_id in zip(
        subject["doc_id"], subject["sentence_id"], subject["entity_type"], subject["entity_id"], strict=True
    ):
        column = column_of.get(str(entity_type))
        if column:
            tags = found.setdefault((str(doc_id), int(sentence_id)), {c: set() for c in column_of.values()})
            tags[column].add(str(entity_id))
    rows = [
        {"doc_id": d, "sentence_id": s, **{c: tuple(sorted(v)) for c, v in tags.items()}}
        for (d, s), tags in found.items()
    ]
    table = pd.DataFrame(rows, columns=["doc_id", "sentence_id", "countries", "actors", "topics"], dtype=object)
    return table.astype({"doc_id": "string", "sentence_id": "Int64"})


def _merge_groups(rows: pd.DataFrame) -> list[list[int]]:
    """Union rows sharing (value, countries, topics) or (value, story_id)."""
    parent = list(range(len(rows)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    seen: dict[tuple, int] = {}
    for i, row in enumerate(rows.itertuples(index=False)):
        keys = [("tags", row.value, row.countries, row.topics)]
        if row.story_id:
            keys.append(("story", row.value, row.story_id))
        for key in keys:
            if key in seen:
                parent[find(i)] = find(seen[key])
            else:
                seen[key] = i
    groups: dict[int, list[int]] = {}
    for i in range(len(rows)):
        groups.setdefault(find(i), []).append(i)
    return list(groups.values())


def _event(group: list[dict]) -> dict:
    first = group[0]
    published = sorted(_present(r["published"] for r in group))
    lag = None
    if published:
        lag = (dt.date.fromisoformat(published[0][:10]) - dt.date.fromisoformat(first["date_start"])).days
    return {
        "event_date": first["date_start"],
        "date_end": first["date_end"],
        "value": first["value"],
        "granularity": first["granularity"],
        "countries": tuple(sorted({c for r in group for c in r["countries"]})),
        "actors": tuple(sorted({a for r in group for a in r["actors"]})),
        "topics": tuple(sorted({a for r in group for a in r["topics"]})),
        "doc_ids": tuple(sorted({r["doc_id"] for r in group})),
        "publishers": tuple(sorted(set(_present(r["publisher"] for r in group)))),
        "n_sources": len({r["doc_id"] for r in group}),
        "story_ids": tuple(sorted(set(_present(r["story_id"] for r in group)))),
        "first_published": published[0] if published else None,
        "lag_days": lag,
        "surface": first["surface"],
        "sentence": first["sentence"],
    }


def select_events(
    events: pd.DataFrame,
    *,
    countries: list[str] | tuple[str, ...] = (),
    topics: list[str] | tuple[str, ...] = (),
    start_date: str = "",
    end_date: str = "",
    granularity: str = "day",
) -> pd.DataFrame:
    """Keep the events a notebook asked for and add their ``period`` (day or month).

    Args:
        events: The :func:`events` table.
        countries: Keep events naming any of these alpha-3 codes; empty keeps all.
        topics: Keep events tagged with any of these topics; empty keeps all.
        start_date: Keep events ending on or after this ISO date; "" for no bound.
        end_date: Keep events starting on or before this ISO date; "" for no bound.
        granularity: ``day`` (period = event_date) or ``month`` (period = YYYY-MM).

    Returns:
        The selected events with ``period`` (label) and ``period_start`` (ISO date to draw
        it at), sorted by event_date and event_id.

    Raises:
        ValueError: If ``granularity`` or a date is invalid.
    """
    if granularity not in ("day", "month"):
        raise ValueError(f"granularity must be 'day' or 'month', got {granularity!r}")
    for name, value in (("start_date", start_date), ("end_date", end_date)):
        if value:
            try:
                dt.date.fromisoformat(value)
            except ValueError:
                raise ValueError(f"{name} must be an ISO date (YYYY-MM-DD), got {value!r}") from None
    keep = pd.Series(True, index=events.index)
    if countries:
        keep &= events["countries"].map(lambda c: bool(set(c) & set(countries)))
    if topics:
        keep &= events["topics"].map(lambda t: bool(set(t) & set(topics)))
    if start_date:
        keep &= events["date_end"] >= start_date
    if end_date:
        keep &= events["event_date"] <= end_date
    out = events[keep].copy()
    out["period"] = out["event_date"].str.slice(0, 10 if granularity == "day" else 7)
    out["period_start"] = out["event_date"] if granularity == "day" else out["period"] + "-01"
    return out.sort_values(["event_date", "event_id"], kind="mergesort").reset_index(drop=True)


def _place_labels(figure: Figure, labels: list) -> int:
    """Move each label to the first place where it overlaps no placed label and stays inside the axes.

    The places are :data:`_LABEL_OFFSETS` to the right of the dot, then the same to its
    left. Labels are placed in drawing order (by event date); a label that fits nowhere is
    hidden. Returns how many were hidden.
    """
    renderer = figure.canvas.get_renderer()
    frame = figure.axes[0].get_window_extent(renderer)
    placed: list = []
    hidden = 0
    places = [((dx, dy), "left") for dx, dy in _LABEL_OFFSETS] + [((-dx, dy), "right") for dx, dy in _LABEL_OFFSETS]
    for label in labels:
        for offset, align in places:
            label.xyann = offset
            label.set_horizontalalignment(align)
            box = label.get_window_extent(renderer)
            inside = frame.x0 <= box.x0 and box.x1 <= frame.x1 and frame.y0 <= box.y0 and box.y1 <= frame.y1
            if inside and not any(_overlap(box, other) for other in placed):
                placed.append(box)
                break
        else:
            label.set_visible(False)
            hidden += 1
    return hidden


def _overlap(a, b) -> bool:  # noqa: ANN001 - matplotlib Bbox
    return a.x0 < b.x1 and b.x0 < a.x1 and a.y0 < b.y1 and b.y0 < a.y1


def _present(values: Iterable[Any]) -> list[str]:
    return [str(v) for v in values if isinstance(v, str) and v]


def swimlane(
    events: pd.DataFrame,
    *,
    date_column: str = "event_date",
    max_label_chars: int = 28,
    width: float = 10.0,
    colors: Mapping[str, str] | None = None,
    max_lanes: int = 20,
    since: str | None = None,
    until: str | None = None,
    max_events: int = 80,
) -> Figure:
    """Draw events as dots on one lane per country, coloured by topic and labelled.

    Args:
        events: The :func:`events` table (needs event_date, countries, topics, actors, value).
        date_column: The ISO date column to place events by (``period_start`` after
            :func:`select_events` draws them by day or month).
        max_label_chars: Labels (first actor or topic, and the TIMEX3 value) are cut to this length.
        width: Figure width in inches.
        colors: Country colours (:func:`statecraft.analysis.colors.country_colors`): each lane
            is tinted and labelled in its country's colour.
        max_lanes: Draw the lanes of the countries with the most events (ties by code; 0: all).
        since: ISO date: events before it are not drawn (None: all); a corpus's references to
            the distant past would squeeze its own months into a sliver (:func:`window`).
        until: ISO date: events after it are not drawn (None: all).
        max_events: At most this many events are drawn: those with the most sources (then
            the earliest); the x-axis label says how many were left out. A year of news
            holds thousands of events, which no chart can label.

    Returns:
        A matplotlib Figure (lanes sorted by country code; events without a country go to "(none)").
        Dots are coloured by the event's first topic, in the codebook's topic order (the same
        colour for a topic in every chart); the x-axis label says how many lanes and events
        were left out.
        No two labels overlap and every label stays inside the axes (clear of the legend):
        each takes the first free place of :data:`_LABEL_OFFSETS` right, then left, of its
        dot, and a label with no free place is hidden (the x-axis label says how many).
    """
    lanes = events.assign(lane=[c if c else ("(none)",) for c in events["countries"]]).explode("lane")
    when = pd.to_datetime(lanes[date_column].astype(str), errors="coerce")
    early = when < pd.Timestamp(since) if since else pd.Series(False, index=lanes.index)
    late = when > pd.Timestamp(until) if until else pd.Series(False, index=lanes.index)
    n_early, n_late = (int(lanes.loc[m, "event_id"].nunique()) if "event_id" in lanes else int(m.sum())
                       for m in (early, late))
    lanes = lanes[~(early | late)]
    sizes = lanes["lane"].value_counts()
    ranked = sorted(sizes.items(), key=lambda kv: (-kv[1], kv[0]))
    kept = {lane for lane, _ in (ranked[:max_lanes] if max_lanes else ranked)}
    n_lanes_out = len(ranked) - len(kept)
    lanes = lanes[lanes["lane"].isin(kept)]
    drawn = lanes.index.unique()  # explode kept each event's index
    if len(drawn) > max_events:  # the events with the most sources, then the earliest
        order = events.loc[drawn].assign(_n=events["n_sources"] if "n_sources" in events.columns else 1)
        order = order.sort_values(["_n", date_column], ascending=[False, True], kind="mergesort")
        lanes = lanes[lanes.index.isin(order.index[:max_events])]
    n_capped = len(drawn) - len(lanes.index.unique())
    countries = sorted(lanes["lane"].unique()) if len(lanes) else []
    colours = _topic_colours({t[0] if t else "(no topic)" for t in lanes["topics"]})
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    figure = Figure(figsize=(width, 1.0 + 0.6 * max(1, len(countries))))
    FigureCanvasAgg(figure)  # a canvas that can measure text, so labels can be kept apart
    ax = figure.add_subplot()
    labels = []
    for row in lanes.itertuples(index=False):
        y = countries.index(row.lane)
        x = pd.Timestamp(getattr(row, date_column))
        topic = row.topics[0] if row.topics else "(no topic)"
        ax.scatter([x], [y], color=colours[topic], s=40, zorder=3)
        label = (row.actors[0] if row.actors else topic)[:max_label_chars]
        labels.append(ax.annotate(f"{label} ({row.value})", (x, y), xytext=_LABEL_OFFSETS[0],
                                  textcoords="offset points", fontsize=7))
    ax.set_yticks(range(len(countries)), countries)
    lane_colours = color_of([c for c in countries if c != "(none)"], colors)
    for y, (country, label) in enumerate(zip(countries, ax.get_yticklabels(), strict=True)):
        if country in lane_colours:
            ax.axhspan(y - 0.5, y + 0.5, color=lane_colours[country], alpha=0.08, linewidth=0, zorder=0)
            label.set_color(lane_colours[country])
            label.set_fontweight("bold")
    ax.set_ylim(-0.7, max(1, len(countries)) - 0.3)
    ax.grid(axis="x", alpha=0.3)
    for topic, colour in colours.items():
        ax.scatter([], [], color=colour, label=topic)
    ax.invert_yaxis()  # lanes read alphabetically from the top
    if colours:
        ax.legend(loc="upper left", fontsize=7, frameon=False, bbox_to_anchor=(1.01, 1.0), title="topic")
    figure.subplots_adjust(left=0.08, right=0.80, bottom=0.12 if len(countries) > 3 else 0.2, top=0.97)
    hidden = _place_labels(figure, labels)
    notes = [f"{hidden} of {len(labels)} labels hidden where they would overlap"] if hidden else []
    notes += [f"{n_lanes_out} more countries with fewer events not drawn"] if n_lanes_out else []
    notes += [f"{n_capped} events with fewer sources not drawn"] if n_capped else []
    notes += [f"{n_early} events before {since} not drawn"] if n_early else []
    notes += [f"{n_late} events after {until} not drawn"] if n_late else []
    ax.set_xlabel("event date (from the text, not the publication date)" + ("\n" if notes else "")
                  + "; ".join(notes), fontsize=9 if notes else None)
    return figure


def window(documents: pd.DataFrame, *, years: int = 1) -> tuple[str | None, str | None]:
    """Return the swimlane's default date range: ``years`` around the years the articles were published.

    Needs documents.published_date.

    Returns:
        January 1st ``years`` before the earliest publication year and December 31st
        ``years`` after the latest one; (None, None) when no article is dated.
    """
    dates = documents["published_date"].dropna().astype(str)
    if dates.empty:
        return None, None
    return f"{int(dates.min()[:4]) - years:04d}-01-01", f"{int(dates.max()[:4]) + years:04d}-12-31"


_NO_TOPIC = "(no topic)"
_TOPIC_PALETTE = ("#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b", "#e377c2", "#17becf",
                  "#bcbd22", "#393b79", "#ad494a", "#637939", "#8c6d31", "#7b4173")


def _topic_colours(present: set[str]) -> dict[str, str]:
    """Give each topic its colour by its place in the codebook (no topic: grey); only ``present`` ones."""
    order = list(codebook.table("topics")["topic_id"])
    order += sorted(t for t in present if t not in order and t != _NO_TOPIC)
    colours = {t: _TOPIC_PALETTE[i % len(_TOPIC_PALETTE)] for i, t in enumerate(order) if t in present}
    if _NO_TOPIC in present:
        colours[_NO_TOPIC] = "#9e9e9e"
    return colours
