"""Timexes: a document's text, publication date and sentence spans in; normalised TIMEX3 rows out.

``extractor`` runs the rules and fills the ``timexes`` frame. Below it: ``scan`` (tokens),
``patterns`` (the master regex from ``data/timexes/rules.csv``), ``context`` (what a
document says about time), ``rules``, ``relative`` and ``durations`` (one handler per kind
of expression) and ``calendar`` (date arithmetic).
"""

from statecraft.timexes.extractor import HANDLERS, extract, extract_timexes

__all__ = ["HANDLERS", "extract", "extract_timexes"]
