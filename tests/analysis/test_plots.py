"""Trend small multiples, country colours, and the table display with its CSV link."""

from __future__ import annotations

import re

import pandas as pd
import pytest
from matplotlib.backends.backend_agg import FigureCanvasAgg

import statecraft as sc
from statecraft import analysis
from statecraft.analysis import colors, coverage


@pytest.fixture(scope="module")
def scored(seeds_corpus):
    return sc.annotate(seeds_corpus, sentiment=["vader"])


def _texts(fig):
    FigureCanvasAgg(fig).draw()
    renderer = fig.canvas.get_renderer()
    return [(t, t.get_window_extent(renderer)) for ax in fig.axes for t in ax.texts if t.get_text()]


def test_trend_multiples_label_each_spike_with_its_top_story(scored):
    table = sc.trends(scored, freq="M")
    stories = analysis.top_stories(scored, freq="M")
    keys = ["USA", "PAK", "CHN"]
    fig = analysis.trend_multiples(table, stories, keys=keys, freq="M", colors=analysis.country_colors(scored))
    assert len(fig.axes) == 2 * len(keys)
    labels = _texts(fig)
    assert len(labels) == len(keys)  # one spike label per key
    titles = set(scored.documents["title"].astype(str))
    for text, box in labels:
        label = text.get_text()
        assert any(t.startswith(label.rstrip("…")) for t in titles), label
        inside = text.axes.get_window_extent()
        assert inside.x0 - 1 <= box.x0 and box.x1 <= inside.x1 + 1 and box.y1 <= inside.y1 + 1, label
    for (_, a), (_, b) in zip(labels, labels[1:], strict=False):
        assert not a.overlaps(b)
    pak = fig.axes[2].get_ylabel()
    assert pak == "PAK" and fig.axes[2].yaxis.label.get_color() == analysis.country_colors(scored)["PAK"]


def test_trend_multiples_draw_keys_by_articles_without_labels(scored):
    fig = analysis.trend_multiples(sc.trends(scored), None, freq="M")
    assert [ax.get_ylabel() for ax in fig.axes[::2]][0] == "USA"  # the most articles first
    assert all(t.get_text() == "(no title)" for t, _ in _texts(fig))


def test_country_colours_rank_by_articles_and_stay_put(scored):
    mapping = analysis.country_colors(scored)
    assert list(mapping)[:3] == ["USA", "KGZ", "PAK"]  # 5, 3, 3 articles; ties by code
    assert mapping["USA"] == colors.PALETTE[0] and len(set(list(mapping.values())[:8])) == min(8, len(mapping))
    assert analysis.country_colors(scored) == mapping
    assert colors.color_of(["ZZZ", "USA"], mapping) == {"ZZZ": colors.OTHER, "USA": colors.PALETTE[0]}
    assert colors.color_of(["B", "A"]) == {"B": colors.PALETTE[0], "A": colors.PALETTE[1]}


def test_charts_colour_each_country_the_same(scored):
    mapping = analysis.country_colors(scored)
    cmp = analysis.compare_countries(scored, engine="vader")
    fig = analysis.share_of_voice_bars(cmp.summary, colors=mapping)
    ticks = {t.get_text(): t.get_color() for t in fig.axes[0].get_yticklabels()}
    assert ticks == {c: mapping[c] for c in cmp.summary["country"]}
    events = analysis.events(scored.documents, scored.sentences, scored.mentions, scored.timexes)
    lanes = analysis.swimlane(events[events["countries"].map(len) > 0], colors=mapping)
    lane_ticks = {t.get_text(): t.get_color() for t in lanes.axes[0].get_yticklabels()}
    assert all(lane_ticks[c] == mapping[c] for c in lane_ticks if c in mapping)


def test_show_cuts_long_tables_and_says_how_many_more(monkeypatch):
    monkeypatch.delenv(coverage.TABLES_ENV, raising=False)
    table = pd.DataFrame({"n": range(30), "codes": [("PAK", "KGZ")] * 30})
    short = analysis.show(table.head(5), name="t", empty="none")
    assert isinstance(short, pd.DataFrame) and short["codes"].iloc[0] == "PAK, KGZ"  # nothing written, no link
    shown = analysis.show(table, name="t", empty="none", max_rows=10)
    assert len(shown.frame) == 10 and "… and 20 more rows" in repr(shown)
    assert "<p>… and 20 more rows</p>" in shown._repr_html_() and "href" not in shown._repr_html_()
    assert isinstance(analysis.show(table, empty="none", max_rows=0), pd.DataFrame)
    assert str(analysis.show(table.head(0), empty="nothing here")) == "nothing here"


def test_show_writes_the_whole_table_beside_the_report(monkeypatch, tmp_path):
    monkeypatch.setenv(coverage.TABLES_ENV, str(tmp_path / "03_country_comparison"))
    table = pd.DataFrame({"n": range(30), "when": pd.to_datetime(["2024-01-02"] * 29 + [None])})
    shown = analysis.show(table, name="countries", empty="none", max_rows=10)
    written = tmp_path / "03_country_comparison.countries.csv"
    back = pd.read_csv(written, keep_default_na=False)
    assert len(back) == 30 and back["when"].iloc[0] == "2024-01-02" and back["when"].iloc[-1] == ""
    html = shown._repr_html_()
    assert '<a href="03_country_comparison.countries.csv">all 30 rows as CSV' in html
    assert str(tmp_path) not in html + repr(shown)  # only the bare file name: reports stay relocatable
    assert not list(tmp_path.glob("*empty*"))
    analysis.show(table.head(0), name="empty", empty="none")
    assert not list(tmp_path.glob("*empty*"))  # an empty table writes nothing


@pytest.mark.parametrize(("kwargs", "match"), [({"name": "../x"}, "name"), ({"name": "a b"}, "name"),
                                                ({"max_rows": -1}, "max_rows")])
def test_show_rejects_bad_arguments(kwargs, match):
    with pytest.raises(ValueError, match=match):
        analysis.show(pd.DataFrame({"a": [1]}), empty="none", **kwargs)


def test_for_display_writes_dates_without_midnight():
    shown = analysis.for_display(pd.DataFrame({"d": pd.to_datetime(["2024-05-01", None])}))
    assert shown["d"].tolist() == ["2024-05-01", ""]
    assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", shown["d"].iloc[0])


def test_sentiment_dots_colour_dots_by_stance_and_labels_by_country(scored):
    mapping = analysis.country_colors(scored)
    cmp = analysis.compare_countries(scored, engine="vader")
    fig = analysis.sentiment_dots(cmp.sentiment, stance=cmp.stance, colors=mapping)
    ticks = {t.get_text(): t.get_color() for t in fig.axes[0].get_yticklabels()}
    assert ticks == {c: mapping[c] for c in cmp.sentiment["country"]}
    assert "stance" in fig.axes[0].get_title()


def test_swimlane_keeps_the_busiest_lanes_and_says_what_it_leaves_out(scored):
    events = analysis.events(scored.documents, scored.sentences, scored.mentions, scored.timexes)
    events = events[events["countries"].map(len) > 0]
    every = analysis.swimlane(events)
    lanes = [t.get_text() for t in every.axes[0].get_yticklabels()]
    two = analysis.swimlane(events, max_lanes=2)
    kept = [t.get_text() for t in two.axes[0].get_yticklabels()]
    assert len(kept) == 2 and set(kept) < set(lanes)
    assert f"{len(lanes) - 2} more countries with fewer events not drawn" in two.axes[0].get_xlabel()
    late = analysis.swimlane(events, since="2025-06-01")
    early = int((events["event_date"] < "2025-06-01").sum())
    assert early and f"{early} events before 2025-06-01 not drawn" in late.axes[0].get_xlabel()
    assert analysis.window(scored.documents) == ("2022-01-01", "2027-12-31")  # the seeds: 2023-07 .. 2026-01
    after = analysis.swimlane(events, until="2025-06-01")
    n_after = int((events["event_date"] > "2025-06-01").sum())
    assert n_after and f"{n_after} events after 2025-06-01 not drawn" in after.axes[0].get_xlabel()


def test_show_displays_chosen_columns_and_writes_them_all(monkeypatch, tmp_path):
    monkeypatch.setenv(coverage.TABLES_ENV, str(tmp_path / "r"))
    shown = analysis.show(pd.DataFrame({"a": [1], "b": [2]}), name="t", empty="none", columns=["b"])
    assert list(shown.frame.columns) == ["b"] and "the table as CSV" in repr(shown)
    assert list(pd.read_csv(tmp_path / "r.t.csv").columns) == ["a", "b"]
    with pytest.raises(ValueError, match="columns"):
        analysis.show(pd.DataFrame({"a": [1]}), empty="none", columns=["z"])
