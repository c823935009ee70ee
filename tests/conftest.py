"""Shared fixtures: the project's seeds and their expected facts (``tests/data/seeds_expected.json``)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT / "seeds"
GOLD = ROOT / "tests" / "data" / "seeds_expected.json"


@pytest.fixture(scope="session")
def seeds_dir() -> Path:
    return SEEDS


@pytest.fixture(scope="session")
def gold() -> list[dict]:
    return json.loads(GOLD.read_text(encoding="utf-8"))["articles"]


@pytest.fixture(scope="session")
def seeds_corpus():
    import statecraft as sc

    return sc.load_corpus(SEEDS)


@pytest.fixture(scope="session")
def seeds_annotated(seeds_corpus):
    import statecraft as sc

    return sc.annotate(seeds_corpus, sentiment=None)
