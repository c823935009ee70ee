"""Titles and where they come from (documents.title_source); from_records text stays untouched."""

from __future__ import annotations

import pytest

import statecraft as sc
from statecraft.sources.records import LEAD_TITLE_CHARS, TITLE_SOURCES, lead_title


def test_from_records_without_title_takes_the_lead_sentence_and_keeps_the_text():
    text = "  Pakistan named a crypto adviser.\nMore follows here."
    records = [{"doc_id": "r", "text": text}, {"doc_id": "t", "text": "Body.", "title": "Given"}]
    docs = sc.from_records(records).documents
    row = docs.set_index("doc_id").loc["r"]
    assert row["text"] == text
    assert (row["title"], row["title_source"]) == ("Pakistan named a crypto adviser.", "lead_sentence")
    assert tuple(docs.set_index("doc_id").loc["t", ["title", "title_source"]]) == ("Given", "metadata")


def test_long_lead_is_cut_at_a_word():
    title = lead_title("word " * 100 + "end.")
    assert title.endswith("…") and len(title) <= LEAD_TITLE_CHARS + 1 and "wor…" not in title
    assert lead_title("   ") is None


@pytest.mark.parametrize(
    ("manifest", "expected"),
    [
        (None, {"000_beaee6f3d0dcd7fc.txt#0": "lead_sentence", "002_d5c9dca350fd871a.txt#0": "manifest",
                "003_601acdb4b0ca16bc.txt#1": "manifest"}),
        (False, {"000_beaee6f3d0dcd7fc.txt#0": "lead_sentence", "003_601acdb4b0ca16bc.txt#1": "heading"}),
    ],
)
def test_seed_title_sources(seeds_dir, manifest, expected):
    docs = sc.load_corpus(seeds_dir, manifest=manifest).documents.set_index("doc_id")
    assert set(docs["title_source"]) <= set(TITLE_SOURCES)
    assert docs["title"].notna().all()
    for doc_id, source in expected.items():
        assert docs.loc[doc_id, "title_source"] == source, doc_id


def test_html_title_is_metadata(tmp_path):
    page = "<html><head><title>Pakistan reserve</title></head><body><article><p>{}</p></article></body></html>"
    (tmp_path / "a.html").write_text(page.format("Pakistan set up a bitcoin reserve. " * 20), encoding="utf-8")
    row = sc.load_corpus(tmp_path).documents.iloc[0]
    assert (row["title"], row["title_source"]) == ("Pakistan reserve", "metadata")


def test_saved_corpus_without_title_source_still_loads(tmp_path):
    import pandas as pd

    folder = sc.from_records([{"text": "Pakistan named a crypto adviser."}]).save(tmp_path / "c")
    docs = pd.read_parquet(folder / "documents.parquet").drop(columns="title_source")
    docs.to_parquet(folder / "documents.parquet", index=False)
    assert sc.Corpus.load(folder).documents["title_source"].isna().all()
