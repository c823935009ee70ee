"""Cleaning: raw page text in; clean articles with titles, dates and sentence offsets out.

``boilerplate`` removes navigation, disclaimers and credits and splits a page that holds
several articles; ``datelines`` reads the date lines that start them; ``sentences``
segments a clean text into sentence spans (the ``sentences`` frame).
"""

from statecraft.cleaning.boilerplate import Article, clean_page, is_title_like, normalize
from statecraft.cleaning.datelines import BadDate, parse_date, search_date
from statecraft.cleaning.sentences import segment, sentence_spans

__all__ = [
    "Article",
    "BadDate",
    "clean_page",
    "is_title_like",
    "normalize",
    "parse_date",
    "search_date",
    "segment",
    "sentence_spans",
]
