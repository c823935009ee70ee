"""Which sentences name a state: the rule behind the crypto domain test set and the ``news`` engine's routing.

The domain test set (``bench/select_domain_sentences.py``) was chosen by it, and the ``news`` engine sends the
sentences it holds to its encoder model.

A sentence names a state when statecraft's tagger (:func:`statecraft.tagging.tag_text`) finds in it

* a country mention whose role is ``subject`` (names, abbreviations, demonyms, state institutions such as
  "the Indian government"; not a venue city, a dateline, a US state, a currency, a person's name or part of an
  organisation's name), or
* an organisation or actor of sector ``state`` or ``international`` in ``data/tagging/actors.csv``
  (regulators, central banks, ministries, heads of state, the IMF, ...), except state-owned commercial banks
  (role ``bank``);

or, for generic wording the tagger does not resolve to a country, it holds a word of :data:`STATE_WORDS`
(any case) or :data:`STATE_NAMES` (capitalised).
"""

from __future__ import annotations

import functools
import re
from collections.abc import Sequence

import numpy as np

from statecraft import resources

STATE_WORDS = re.compile(
    r"\b(?:governments?|regulators?|regulatory authorit(?:y|ies)|lawmakers?|legislators?|"
    r"congress(?:man|woman|men|women)|senators?|parliament(?:ary)?|central banks?|"
    r"ministry|(?:prime|finance|justice|foreign|economy) ministers?|prosecutors?|financial watchdogs?|"
    r"(?:federal|local|tax|law enforcement|government|financial|state|national|police) authorities)\b",
    re.I,
)
"""Generic state wording (case-insensitive)."""
STATE_NAMES = re.compile(r"\b(?:Congress|Senate|Parliament|Treasury|White House)\b")
"""Institutions named with a capital (lower case "treasury" is often a company's)."""
STATE_SECTORS = frozenset({"state", "international"})
COUNTRY_ROLES = frozenset({"subject"})


@functools.cache
def state_entities() -> frozenset[str]:
    """Organisation and actor ids that stand for a state or an international public body."""
    return frozenset(
        row["actor_id"]
        for row in resources.read_csv("tagging/actors.csv")
        if row["sector"] in STATE_SECTORS and row["role"] != "bank"
    )


def state_reasons(
    content: str, spans: Sequence[tuple[int, int]], states: frozenset[str] | None = None
) -> list[list[str]]:
    """Per sentence of ``content``, why it names a state (empty: it does not).

    Args:
        content: A text; every span refers to it.
        spans: Sentence ``(start, end)`` offsets into ``content``.
        states: Entity ids that count as a state (default :func:`state_entities`).

    Returns:
        Per span, sorted: the state entities the tagger finds in it, else the state word it holds
        (``word:...``), else nothing.
    """
    from statecraft.tagging import tag_text

    states = state_entities() if states is None else states
    named: dict[int, set[str]] = {}
    for m in tag_text(content, spans):
        hit = (m["entity_type"] == "country" and m["role"] in COUNTRY_ROLES) or (
            m["entity_type"] in ("organization", "actor") and m["entity_id"] in states
        )
        if hit:
            named.setdefault(m["sentence_id"], set()).add(m["entity_id"])
    reasons = []
    for sid, (start, end) in enumerate(spans):
        why = sorted(named.get(sid, ()))
        if not why:
            word = STATE_WORDS.search(content[start:end]) or STATE_NAMES.search(content[start:end])
            why = ["word:" + word.group(0).lower()] if word else []
        reasons.append(why)
    return reasons


def names_state(texts: Sequence[str]) -> np.ndarray:
    """Return a boolean array: does each sentence, taken alone, name a state (see the module docstring)?"""
    return np.array([bool(text) and bool(state_reasons(text, [(0, len(text))])[0]) for text in texts], dtype=bool)
