"""Sentiment: sentences in; per-engine polarity and labels out, and their document, country and stance aggregates.

``engines`` scores sentences with TextBlob, VADER or the trained ``finance`` and ``news``
models (its ``lexicon``, ``finance``, ``cues`` and ``news`` modules below it; ``news`` decides the
sentences ``states`` finds naming a state with the fine-tuned encoder of ``encoder``);
``aggregate`` and ``summary`` turn sentence scores into document and target tables;
``reliability`` reads the stored cross-dataset figures;
``stance`` reads engaging or restricting topics; ``gold`` reads the labelled sets the benchmarks score against.
"""

from statecraft.sentiment.aggregate import document_scores, target_sentences, targeted
from statecraft.sentiment.engines import (
    ENGINES,
    LABELS,
    LEXICON_THRESHOLD,
    check_engine,
    explain,
    label_polarity,
    normalize_text,
    polarity_threshold,
    score_sentences,
)
from statecraft.sentiment.reliability import (
    confusion_table,
    engine_ranking,
    reliability_notes,
    reliability_table,
)
from statecraft.sentiment.stance import country_stance, read_stance, stance_evidence, stance_topics
from statecraft.sentiment.summary import (
    country_table,
    document_table,
    engine_agreement,
    extreme_sentences,
    label_agreement,
    plot_country_distribution,
    with_engine_agreement,
)

__all__ = [
    "ENGINES",
    "LABELS",
    "LEXICON_THRESHOLD",
    "check_engine",
    "confusion_table",
    "country_stance",
    "country_table",
    "document_scores",
    "document_table",
    "engine_agreement",
    "engine_ranking",
    "explain",
    "extreme_sentences",
    "label_agreement",
    "label_polarity",
    "normalize_text",
    "plot_country_distribution",
    "polarity_threshold",
    "read_stance",
    "reliability_notes",
    "reliability_table",
    "score_sentences",
    "stance_evidence",
    "stance_topics",
    "target_sentences",
    "targeted",
    "with_engine_agreement",
]
