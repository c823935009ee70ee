"""Tagging: a document's text and sentence spans in; country, actor, organisation and topic mentions out.

``codebook`` loads and checks the aliases kept as CSV in ``data/tagging/``; ``tagger`` finds
them with one Aho-Corasick automaton (the ``mentions`` frame); ``country_roles`` names why a
country word is or is not a mention of the country (``alias_kind`` and ``role``).
"""

from statecraft.tagging.codebook import Alias, aliases, rule_words, table, term_forms, validate
from statecraft.tagging.tagger import document_countries, document_entities, tag_frame, tag_text

__all__ = [
    "Alias",
    "aliases",
    "document_countries",
    "document_entities",
    "rule_words",
    "table",
    "tag_frame",
    "tag_text",
    "term_forms",
    "validate",
]
