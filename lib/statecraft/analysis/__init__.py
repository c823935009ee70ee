"""Analysis: annotated frames in; stories, small sorted tables and matplotlib figures out.

``stories`` groups rewrites of one story (``documents.story_id``); ``comparison`` and
``timeline`` build the country and event tables; ``tables`` is the notebooks' one import
for them; ``trends`` counts per period and key and ``changes`` compares the halves of the
range; ``colors`` gives each country its colour; ``select`` filters sentences for the
explorer; ``findings`` states what the data shows in a few sentences; ``plots`` draws the figures.
"""

from statecraft.analysis.changes import changes
from statecraft.analysis.colors import country_colors
from statecraft.analysis.coverage import (
    Note,
    coverage_notes,
    covered,
    for_display,
    missing_countries,
    note_list,
    show,
)
from statecraft.analysis.findings import findings
from statecraft.analysis.plots import sentiment_dots, share_of_voice_bars, topic_heatmap, trend_multiples
from statecraft.analysis.select import Selection, select
from statecraft.analysis.stories import assign_stories, lead_similarity, story_table
from statecraft.analysis.tables import (
    Comparison,
    compare_countries,
    country_actors,
    country_sentences,
    country_sentiment,
    country_stance,
    country_summary,
    country_table,
    document_entities,
    document_overview,
    document_scores,
    document_table,
    engine_agreement,
    events,
    extreme_sentences,
    removed_by_rule,
    select_documents,
    select_events,
    stance_evidence,
    target_sentences,
    targeted,
    topic_profile,
)
from statecraft.analysis.timeline import dated_sentences, swimlane, window
from statecraft.analysis.trends import auto_freq, default_engine, key_sentences, top_stories, trends

__all__ = [
    "Comparison",
    "Selection",
    "Note",
    "assign_stories",
    "auto_freq",
    "changes",
    "compare_countries",
    "country_actors",
    "country_colors",
    "country_sentences",
    "country_sentiment",
    "country_stance",
    "country_summary",
    "country_table",
    "dated_sentences",
    "default_engine",
    "coverage_notes",
    "covered",
    "document_entities",
    "document_overview",
    "document_scores",
    "document_table",
    "engine_agreement",
    "events",
    "extreme_sentences",
    "findings",
    "for_display",
    "key_sentences",
    "lead_similarity",
    "missing_countries",
    "note_list",
    "removed_by_rule",
    "select",
    "select_documents",
    "select_events",
    "sentiment_dots",
    "share_of_voice_bars",
    "show",
    "stance_evidence",
    "story_table",
    "swimlane",
    "target_sentences",
    "targeted",
    "topic_heatmap",
    "top_stories",
    "topic_profile",
    "trend_multiples",
    "trends",
    "window",
]
