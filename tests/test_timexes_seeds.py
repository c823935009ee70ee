"""Every timex of the seeds gold gets its gold value (needs ../shared/eval/seeds_gold; skipped without it)."""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
import pytest

import statecraft
from statecraft.segment import sentence_spans
from statecraft.timexes import extract_timexes

ROOT = Path(__file__).resolve().parents[1]
GOLD = ROOT.parent / "shared" / "eval" / "seeds_gold" / "seeds_gold.json"

pytestmark = pytest.mark.skipif(not GOLD.exists(), reason="seeds gold not available")


def _cases():
    if not GOLD.exists():
        return []
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
