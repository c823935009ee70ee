"""Countries, actors, organisations and topics -> mentions (placeholder until issue 3 lands)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any


def tag_text(text: str, spans: Sequence[tuple[int, int]]) -> list[dict[str, Any]]:
    """Tag one text; rows hold sentence_id, start, end, surface, entity_type, entity_id, alias_kind, role."""
    return []
