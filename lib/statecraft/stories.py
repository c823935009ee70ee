"""Grouping rewrites of the same story (placeholder until issue 6 lands)."""

from __future__ import annotations

import pandas as pd


def assign_stories(documents: pd.DataFrame) -> pd.DataFrame:
    """Return ``documents`` with ``story_id`` filled (each document its own story for now)."""
    out = documents.copy()
    out["story_id"] = out["doc_id"]
    return out
