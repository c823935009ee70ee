"""Every timex of the seeds' expected facts (tests/data/seeds_expected.json) gets its expected value."""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
import pytest

import statecraft
from statecraft.cleaning.sentences import sentence_spans
from statecraft.timexes.extractor import extract_timexes

ROOT = Path(__file__).resolve().parents[2]
GOLD = ROOT / "tests" / "data" / "seeds_expected.json"


def _cases():
    gold = json.loads(GOLD.read_text(encoding="utf-8"))
    return [
        pytest.param(
            f"{a['file']}#{a['part']}",
            a["published"],
            t["text"],
            t["value"],
            id=f"{a['file'][:3]}#{a['part']}-{t['text']}",
        )
        for a in gold["articles"]
        for t in a["timexes"]
    ]


@pytest.fixture(scope="module")
def documents():
    return statecraft.load_corpus(str(ROOT / "seeds")).documents.set_index("doc_id")


@pytest.mark.parametrize(("doc_id", "published", "surface", "value"), _cases())
def test_seed_timex_gets_gold_value(documents, doc_id, published, surface, value):
    doc = documents.loc[doc_id]
    assert (None if pd.isna(doc["published_date"]) else doc["published_date"]) == published
    text = str(doc["text"])
    rows = extract_timexes(text, published, sentence_spans(text))
    start = text.find(surface)
    assert start >= 0
    covering = [r["value"] for r in rows if r["start"] < start + len(surface) and r["end"] > start]
    assert value in covering
