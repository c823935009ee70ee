"""Sentiment engines behind one function (placeholder until issue 5 lands)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

ENGINES = ("textblob",)


def check_engine(name: str) -> str:
    """Return ``name`` if it is a known engine, else raise ValueError listing the valid names."""
    if name not in ENGINES:
        raise ValueError(f"unknown sentiment engine {name!r}; valid engines: {', '.join(ENGINES)}")
    return name


def score_sentences(texts: Sequence[str], *, engine: str = "textblob") -> list[dict[str, Any]]:
    """Score each sentence: polarity, subjectivity, label."""
    check_engine(engine)
    from textblob import TextBlob

    rows = []
    for text in texts:
        s = TextBlob(text).sentiment
        label = "positive" if s.polarity > 0.05 else "negative" if s.polarity < -0.05 else "neutral"
        rows.append({"polarity": round(s.polarity, 4), "subjectivity": round(s.subjectivity, 4), "label": label})
    return rows
