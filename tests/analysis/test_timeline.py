"""Events from dated, tagged sentences; de-duplication across outlets; the swimlane figure."""

from __future__ import annotations

import pandas as pd
import pytest
from matplotlib.figure import Figure

import statecraft as sc
from statecraft.analysis import timeline as tl
from statecraft.analysis.timeline import events, swimlane
from statecraft.report.run import project_dir


def _frames():
    documents = pd.DataFrame(
        {
            "doc_id": ["a", "b", "c"],
            "publisher": ["Outlet A", "Outlet B", "Outlet C"],
            "published_date": ["2025-04-07", "2025-04-08", "2025-05-28"],
            "story_id": ["s1", "s2", "s3"],
        }
    )
    sentences = pd.DataFrame(
        {
            "doc_id": ["a", "a", "b", "c"],
            "sentence_id": [0, 1, 0, 0],
            "text": ["CZ signed an MOU on April 3.", "Nothing dated here.", "The MOU was signed April 3.",
                     "Pakistan named an adviser on May 26."],
        }
    )  # fmt: skip
    mentions = pd.DataFrame(
        {
            "doc_id": ["a", "a", "b", "c", "c"],
            "sentence_id": [0, 1, 0, 0, 0],
            "entity_type": ["country", "country", "country", "country", "topic"],
            "entity_id": ["KGZ", "KGZ", "KGZ", "PAK", "advisory"],
            "role": ["subject", "subject", "subject", "subject", "subject"],
        }
    )
    timexes = pd.DataFrame(
        {
            "doc_id": ["a", "b", "c", "c"],
            "sentence_id": [0, 0, 0, 0],
            "start": [22, 21, 30, 0],
            "timex_type": ["DATE", "DATE", "DATE", "DATE"],
            "value": ["2025-04-03", "2025-04-03", "2025-05-26", "PRESENT_REF"],
            "granularity": ["day", "day", "day", "ref"],
            "date_start": ["2025-04-03", "2025-04-03", "2025-05-26", "2025-05-28"],
            "date_end": ["2025-04-03", "2025-04-03", "2025-05-26", "2025-05-28"],
            "surface": ["April 3", "April 3", "May 26", "now"],
        }
    )
    return documents, sentences, mentions, timexes


def test_events_merge_outlets_and_keep_the_lag():
    table = events(*_frames())
    assert table["event_date"].tolist() == ["2025-04-03", "2025-05-26"]
    first = table.iloc[0]
    assert first["doc_ids"] == ("a", "b")
    assert first["publishers"] == ("Outlet A", "Outlet B")
    assert first["n_sources"] == 2
    assert first["lag_days"] == 4
    assert first["countries"] == ("KGZ",)
    assert table.iloc[1]["topics"] == ("advisory",)
    assert table["event_id"].tolist() == ["e0000", "e0001"]


@pytest.mark.parametrize(("countries", "merged"), [("KGZ", True), ("MYS", False)])
def test_events_merge_only_same_date_and_tags(countries, merged):
    documents, sentences, mentions, timexes = _frames()
    mentions.loc[2, "entity_id"] = countries
    table = events(documents, sentences, mentions, timexes)
    assert (len(table) == 2) is merged


def test_same_story_merges_even_with_other_tags():
    documents, sentences, mentions, timexes = _frames()
    mentions.loc[2, "entity_id"] = "MYS"
    documents.loc[1, "story_id"] = "s1"
    assert len(events(documents, sentences, mentions, timexes)) == 2


def test_untagged_or_undated_sentences_are_not_events():
    documents, sentences, mentions, timexes = _frames()
    table = events(documents, sentences, mentions.iloc[:0], timexes)
    assert table.empty


def test_swimlane_draws_one_lane_per_country():
    figure = swimlane(events(*_frames()))
    assert isinstance(figure, Figure)
    labels = [t.get_text() for t in figure.axes[0].get_yticklabels()]
    assert labels == ["KGZ", "PAK"]


def _seed_events():
    ann = sc.annotate(sc.load_corpus(project_dir() / "seeds"), sentiment=None)
    return tl.events(ann.documents, ann.sentences, ann.mentions, ann.timexes)


def test_select_events_filters_and_sets_the_period():
    events = _seed_events()
    pak = tl.select_events(events, countries=["PAK"], start_date="2025-05-01", granularity="month")
    assert len(pak) >= 2
    assert all("PAK" in c for c in pak["countries"])
    assert (pak["date_end"] >= "2025-05-01").all()
    assert set(pak["period"]) == {p[:7] for p in pak["event_date"]}
    assert all(p.endswith("-01") for p in pak["period_start"])
    china = tl.select_events(events, topics=["ban-enforcement"], end_date="2025-12-31")
    assert china["countries"].map(lambda c: "CHN" in c).any()
    assert (china["period"] == china["event_date"]).all()


@pytest.mark.parametrize(
    "kwargs",
    [{"granularity": "week"}, {"start_date": "2025-13-01"}, {"end_date": "yesterday"}],
)
def test_select_events_rejects_bad_parameters(kwargs):
    with pytest.raises(ValueError, match="granularity|ISO date"):
        tl.select_events(_seed_events().head(0), **kwargs)


def _label_boxes(figure):
    figure.canvas.draw()
    renderer = figure.canvas.get_renderer()
    ax = figure.axes[0]
    legend = ax.get_legend()
    others = [legend.get_title(), *legend.get_texts()] if legend else []
    return [t.get_window_extent(renderer) for t in [*ax.texts, *others] if t.get_visible()]


def _overlapping(boxes):
    return [(a, b) for i, a in enumerate(boxes) for b in boxes[i + 1:]
            if a.x0 < b.x1 and b.x0 < a.x1 and a.y0 < b.y1 and b.y0 < a.y1]


def _dense_events(n: int) -> pd.DataFrame:
    rows = []
    for i in range(n):
        day = f"2025-05-{1 + (i * 7) % 28:02d}"
        rows.append({"event_date": day, "value": day, "countries": (("CHN", "PAK", "IND")[i % 3],),
                     "topics": (("mining", "advisory", "tokenization")[i % 3],), "actors": ("changpeng-zhao",)})
    return pd.DataFrame(rows)


def test_swimlane_labels_never_overlap_on_the_seeds(seeds_annotated):
    ann = seeds_annotated
    table = events(ann.documents, ann.sentences, ann.mentions, ann.timexes)
    table = tl.select_events(table, granularity="month")
    figure = swimlane(table[table["countries"].map(len) > 0], date_column="period_start")
    boxes = _label_boxes(figure)
    assert len(boxes) >= 3
    assert _overlapping(boxes) == []


@pytest.mark.parametrize("n", [6, 60, 600])
def test_swimlane_labels_never_overlap_when_dense(n):
    figure = swimlane(_dense_events(n), max_events=1000)
    boxes = _label_boxes(figure)
    assert boxes and _overlapping(boxes) == []
    hidden = sum(not t.get_visible() for t in figure.axes[0].texts)
    assert len(boxes) - 1 - 3 + hidden == n  # minus the legend's title and three topics
    if hidden:
        assert f"{hidden} of {n} labels hidden" in figure.axes[0].get_xlabel()


def test_swimlane_draws_the_events_with_most_sources_and_says_how_many_it_left_out():
    events = _dense_events(600).reset_index(drop=True)
    events["n_sources"] = [1 + (i % 7 == 0) * 4 for i in range(len(events))]  # 86 events with 5 sources
    figure = swimlane(events, max_events=80)
    drawn = [t for t in figure.axes[0].texts if t.get_text().endswith(")")]
    assert len(drawn) == 80
    assert "520 events with fewer sources not drawn" in figure.axes[0].get_xlabel()
    assert _overlapping(_label_boxes(figure)) == []
