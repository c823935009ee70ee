"""Whether a capital (or a name that may be a homonym) stands for its state here: the support rules.

A capital counts as its country only with support; without it the mention is a ``place``
(a city the story happens in or passes through). Support is either:

- acting: the capital does what states do. A state verb follows, past auxiliaries,
  adverbs, a weekday and other names coordinated with it ("Washington warned", "Beijing
  has banned", "London said on Tuesday", "Washington and Tokyo agreed"); or a state verb
  comes right before it ("warned Beijing"); or it holds a state noun ("Beijing's ban",
  "Moscow's tough response"); or a preposition of agency or relation comes before it
  ("by Washington", "with Moscow", "against Beijing", "tensions between Washington and
  Moscow"); or something a state sends comes from it ("pressure from Beijing", "dispatches
  from Washington"). The words are rules ``state_verb``, ``verb_skip``, ``state_noun``,
  ``state_before`` and ``state_from`` (no people: "officials from Amsterdam" may be the
  city's) of ``rule_words.csv``.
- document: the article names the country some other way: its name, demonym or
  abbreviation, one of its cities or (for the USA) states, or another alias than this one.
"""

from __future__ import annotations

import functools
import re
from typing import Any

from statecraft.tagging import codebook

_TOKEN = re.compile(r"[ \t]*(,|[A-Za-z]+(?:n't)?|'s|\u2019s)")
_COORDINATED = re.compile(
    r"(?:[ \t]*,)?[ \t]+(?:and|or)[ \t]+[A-Z][\w.]*(?:[ \t][A-Z][\w.]*)?|[ \t]*,[ \t]*[A-Z][\w.]*"
)
_WORD_BEFORE = re.compile(r"([A-Za-z]+)[ \t]+$")
_BETWEEN = re.compile(r"([A-Za-z]+)[ \t]+between[ \t]+(?:(?:[A-Z][\w.]*[ \t]+){1,3}and[ \t]+)?$", re.IGNORECASE)
_FROM = re.compile(r"([A-Za-z]+)[ \t]+from[ \t]+$")
_POSSESSIVE = re.compile(r"['\u2019]s?((?:[ \t]+[a-z][a-z-]*){1,3})")
SUPPORT_KINDS = frozenset(
    {"name", "official_name", "short_name", "former_name", "abbreviation", "demonym", "constituent", "city", "us_state"}
)


@functools.cache
def _verbs() -> frozenset[str]:
    forms: set[str] = set()
    for word in codebook.rule_words("state_verb"):
        forms.update(codebook.term_forms(word, "verb"))
    return frozenset(forms)


def _words(rule: str) -> frozenset[str]:
    return codebook.rule_words(rule)


def acts(text: str, start: int, end: int) -> bool:
    """Return True when the name at ``text[start:end]`` acts as a state (see the module docstring).

    Args:
        text: The cleaned text.
        start: Start offset of the name.
        end: End offset.
    """
    possessive = _POSSESSIVE.match(text, end)
    if possessive:
        return bool(set(possessive.group(1).lower().split()) & _words("state_noun"))
    if _verb_after(text, end):
        return True
    window = text[max(0, start - 60) : start]
    before = _WORD_BEFORE.search(window)
    if before and (before.group(1).lower() in _verbs() or before.group(1).lower() in _words("state_before")):
        return True
    between = _BETWEEN.search(window)
    if between and between.group(1).lower() in _words("state_noun"):
        return True
    sent = _FROM.search(window)  # "pressure from Beijing"; "flew in from Washington" is a place
    return bool(sent and sent.group(1).lower() in _words("state_from"))


def _verb_after(text: str, end: int) -> bool:
    pos = end
    while True:  # skip names coordinated with this one: "Washington and Tokyo agreed"
        match = _COORDINATED.match(text, pos)
        if not match:
            break
        pos = match.end()
    skip = _words("verb_skip")
    for _ in range(6):
        match = _TOKEN.match(text, pos)
        if not match:
            return False
        word = match.group(1).lower()
        if word in _verbs():
            return True
        if word != "," and word not in skip and not word.endswith("ly"):
            return False
        pos = match.end()
    return False


def document_support(chosen: list[list[Any]], text: str) -> dict[str, set[str]]:
    """Map each country to the surfaces (lower case) that name it some other way than a capital.

    Args:
        chosen: The chosen match groups of the document.
        text: The cleaned text the groups' offsets refer to.

    Returns:
        alpha-3 -> the set of surfaces of its supporting mentions (any capital surface too,
        so that "Kiev" supports "Kyiv").
    """
    support: dict[str, set[str]] = {}
    for group in chosen:
        for cand in group:
            entry = cand.entry
            if entry.entity_type == "country" and (entry.kind in SUPPORT_KINDS or entry.kind == "capital_metonym"):
                support.setdefault(entry.entity_id, set()).add(text[cand.start : cand.end].lower())
    return support
