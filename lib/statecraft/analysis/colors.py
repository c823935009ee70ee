"""One colour per country for every chart of a run, decided by the corpus alone.

The countries of a corpus are ranked by the number of articles naming them (role
``subject``; ties by alpha-3 code) and take the colours of :data:`PALETTE` in that order;
countries past the palette share :data:`OTHER`. Every notebook of a report run reads the
same store, so each computes the same map and a country keeps its colour across the
reports (and across runs on the same corpus). Charts drawn without a map colour their
countries by their order in the chart, which is deterministic too.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from statecraft.analysis import comparison
from statecraft.corpus import Corpus

__all__ = ["OTHER", "PALETTE", "color_of", "country_colors"]

PALETTE: tuple[str, ...] = (
    "#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b", "#e377c2", "#17becf", "#bcbd22",
    "#393b79", "#ad494a", "#637939", "#8c6d31", "#7b4173", "#b15928", "#e6550d", "#31a354", "#756bb1",
    "#843c39", "#5254a3",
)
"""Distinct, print-safe colours (matplotlib's tab10 without its grey, then darker tab20b/c tones)."""
OTHER = "#7f7f7f"
"""The colour of every country past the palette."""


def country_colors(ann: Corpus) -> dict[str, str]:
    """Map every country named in ``ann`` to its colour (hex), the most-named country first.

    Needs documents (doc_id, story_id, published_date) and mentions (doc_id, sentence_id,
    entity_type, entity_id, role).

    Args:
        ann: An annotated corpus.

    Returns:
        alpha-3 code -> colour, in rank order (most articles first, ties by code).
    """
    sentences = comparison.country_sentences(ann, comparison.select_documents(ann.documents))
    counts = sentences.groupby("country")["doc_id"].nunique() if len(sentences) else {}
    ranked = sorted(((str(c), int(n)) for c, n in dict(counts).items()), key=lambda kv: (-kv[1], kv[0]))
    return {code: PALETTE[i] if i < len(PALETTE) else OTHER for i, (code, _) in enumerate(ranked)}


def color_of(codes: Iterable[str], colors: Mapping[str, str] | None = None) -> dict[str, str]:
    """Return the colour of each of ``codes``: from ``colors`` when given, else by their order here.

    Args:
        codes: Country codes in chart order.
        colors: A map from :func:`country_colors` (codes it lacks get :data:`OTHER`).
    """
    codes = list(dict.fromkeys(str(c) for c in codes))
    if colors is None:
        return {c: PALETTE[i] if i < len(PALETTE) else OTHER for i, c in enumerate(codes)}
    return {c: colors.get(c, OTHER) for c in codes}
