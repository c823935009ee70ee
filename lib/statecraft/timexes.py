"""Temporal expressions normalised against the publication date (placeholder until issue 4 lands)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any


def extract_timexes(text: str, published: str | None, spans: Sequence[tuple[int, int]]) -> list[dict[str, Any]]:
    """Find timexes in one text; rows hold the ``timexes`` columns except doc_id."""
    return []
