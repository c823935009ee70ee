"""The widgets explorer, built and driven without a browser; its HTML is escaped."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest

import statecraft as sc
from statecraft.report import highlight
from statecraft.report.explore import Explorer

_RECORDS = [
    {"doc_id": "x1", "published": "2025-01-10", "title": "<b>Title</b> & co",
     "text": "Pakistan set up a <script>alert(1)</script> bitcoin reserve. Binance praised the wonderful plan."},
    {"doc_id": "x2", "published": "2025-03-05",
     "text": "Kyrgyzstan banned crypto mining. Changpeng Zhao visited Kyrgyzstan on March 3."},
    {"doc_id": "x3", "text": "El Salvador adopted bitcoin. The terrible crash hurt Pakistan."},
]  # fmt: skip


@pytest.fixture(scope="module")
def explorer():
    ann = sc.annotate(sc.from_records(_RECORDS), sentiment=["textblob"])
    return sc.explore(ann)


def test_builds_with_every_filter_and_shows_everything(explorer):
    assert isinstance(explorer, Explorer)
    assert set(explorer.filters) == {"countries", "actors", "organizations", "topics", "stories", "start", "end",
                                     "sentiment", "text"}
    assert "PAK" in explorer.filters["countries"].options
    assert explorer.selection.counts["sentences"] == 6
    assert "<b>6</b> sentences in <b>3</b> articles" in explorer.counts.value


def test_changing_a_filter_updates_table_counts_and_chart(explorer):
    explorer.filters["countries"].value = ("KGZ",)
    try:
        assert explorer.selection.sentences["doc_id"].tolist() == ["x2", "x2"]
        assert "visited" in explorer.table.value and "Pakistan set up" not in explorer.table.value
        assert '<mark class="sc-country" title="country: KGZ">Kyrgyzstan</mark>' in explorer.table.value
        assert '<mark class="sc-timex" title="timex: 2025-03-03">March 3</mark>' in explorer.table.value
        assert "<b>2</b> sentences in <b>1</b> articles" in explorer.counts.value
        assert 'title="2025-03: 1"' in explorer.chart.value
    finally:
        explorer.filters["countries"].value = ()


@pytest.mark.parametrize(
    ("name", "value", "doc_ids"),
    [
        ("text", "crash", ["x3"]),
        ("sentiment", (0.5, 1.0), ["x1"]),
        ("start", dt.date(2025, 2, 1), ["x2", "x2"]),
        ("end", dt.date(2025, 2, 1), ["x1", "x1"]),
        ("actors", ("changpeng-zhao",), ["x2"]),
        ("organizations", ("binance",), ["x1"]),
        ("topics", ("mining",), ["x2"]),
        ("stories", ("x3",), ["x3", "x3"]),
    ],
)
def test_each_filter_widget(explorer, name, value, doc_ids):
    default = explorer.filters[name].value
    explorer.filters[name].value = value
    try:
        assert explorer.selection.sentences["doc_id"].tolist() == doc_ids
    finally:
        explorer.filters[name].value = default
    assert explorer.selection.counts["sentences"] == 6


def test_choosing_a_row_shows_the_escaped_article(explorer):
    explorer.rows.value = 0
    page = explorer.article.value
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page and "<script>" not in page
    assert "&lt;b&gt;Title&lt;/b&gt; &amp; co" in page
    assert '<mark class="sc-organization" title="organization: binance">Binance</mark>' in page
    assert "<script>" not in explorer.table.value


def test_a_reversed_date_range_shows_a_message(explorer):
    explorer.filters["start"].value = dt.date(2025, 6, 1)
    explorer.filters["end"].value = dt.date(2025, 1, 1)
    try:
        assert "after" in explorer.message.value
    finally:
        explorer.filters["start"].value = None
        explorer.filters["end"].value = None
    assert explorer.message.value == ""


def test_marked_skips_overlaps_and_escapes():
    found = pd.DataFrame({"start": [0, 2, 8], "end": [5, 4, 11], "kind": ["country", "topic", "timex"],
                          "label": ["A<B", "x", "2025"]})
    assert highlight.marked("<abc> & now", found) == (
        '<mark class="sc-country" title="country: A&lt;B">&lt;abc&gt;</mark> &amp; '
        '<mark class="sc-timex" title="timex: 2025">now</mark>'
    )
