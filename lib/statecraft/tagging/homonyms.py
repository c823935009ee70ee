"""A country or capital name that names a town in the US or Canada instead: role ``homonym_place``.

Two rules, both reading the place tables of ``data/tagging/`` (derived from GeoNames by
``tools/make_places.py``):

- marked: the name is followed by a state, province or county ("London, Ontario", "Paris,
  Ky.", "Turkey, N.C.", "Lebanon County", "Athens-Clarke County", "Athens-Clarke") or
  preceded by one ("Ontario's London", "the Kentucky town of Paris"). A full state name
  after a comma does not mark a name in a list ("China, Texas and Florida").
- local: a country name (not a capital: an unsupported capital is a ``place`` anyway)
  after a locative word ("a shop in Poland") is a US or Canadian place of 500+ people
  (``homonym_places.csv``) in the one state or province the article names ("Poland" in a
  story that names Ohio and no other state), the article names no country but the US,
  Canada and this one, and nothing in it supports the country; the caller checks all
  but the first.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Container

from statecraft.tagging import codebook

_LIST_AFTER = re.compile(r"\s*,?\s*(?:and|or|&)\s|,\s*[A-Z]")
_AFTER_STARTS = frozenset(",( \t-\u2010\u2011\u2012\u2013\u2014")
_HYPHEN_WORD = re.compile(r"[-\u2010-\u2014]([A-Z][a-z]+)(?![\w-])")


@functools.cache
def _regions() -> tuple[dict[str, tuple[str, str]], re.Pattern[str], re.Pattern[str], re.Pattern[str]]:
    """Subdivision texts -> (code, form), and the after, before and anywhere patterns."""
    table = codebook.table("subdivisions")
    forms = {t: (c, f) for t, c, f in zip(table["text"], table["code"], table["form"], strict=True)}
    texts = sorted(forms, key=lambda t: (-len(t), t))
    names = [t for t in texts if forms[t][1] == "name"]
    alt = "|".join(re.escape(t) for t in texts)
    county = "|".join(sorted(codebook.rule_words("county_word")))
    after = re.compile(
        rf",[ \t]+(?P<region>{alt})(?![\w])|[ \t]*\([ \t]*(?P<paren>{alt})[ \t]*\)"
        rf"|(?:[-\u2010-\u2014][A-Z][a-z]+)?[ \t]+(?P<county>(?i:{county}))\.?(?![\w])"
    )
    place = "|".join(sorted(codebook.rule_words("place_noun")))
    before = re.compile(
        rf"(?<![\w])(?:{'|'.join(re.escape(t) for t in names)})(?:['\u2019]s|[ \t]+(?:{place})[ \t]+of)[ \t]+$"
    )
    short = "|".join(re.escape(t) for t in texts if forms[t][1] != "name")
    anywhere = re.compile(  # a name inside a longer one ("New York City", "Ohio State") does not count
        rf"(?<![\w])(?:{'|'.join(re.escape(t) for t in names)})(?![\w]|[ \t]+[A-Z])|,[ \t]+(?:{short})(?![\w])"
    )
    return forms, after, before, anywhere


@functools.cache
def _counties() -> frozenset[str]:
    return frozenset(codebook.table("us_counties")["name"])


@functools.cache
def _places() -> dict[tuple[str, str], frozenset[str]]:
    """(alias, alpha_3) -> the regions holding a place of that name."""
    table = codebook.table("homonym_places")
    out: dict[tuple[str, str], set[str]] = {}
    for alias, alpha_3, region in zip(table["alias"], table["alpha_3"], table["region"], strict=True):
        out.setdefault((alias, alpha_3), set()).add(region)
    return {key: frozenset(value) for key, value in out.items()}


def marked(
    text: str, start: int, end: int, *, listed: bool, aliases_at: Container[int], own_at: Container[int]
) -> bool:
    """Return True when a state, province or county next to the name makes it a US or Canadian place.

    Args:
        text: The cleaned text.
        start: Start offset of the country or capital name.
        end: End offset.
        listed: The name follows another country or state in a list ("Florida, Mexico, ...").
        aliases_at: Start offsets of codebook matches (a hyphenated "Athens-London" is no county).
        own_at: Start offsets of other names of the same country ("Tbilisi, Georgia" is no homonym).
    """
    forms, after, before, _ = _regions()
    match = after.match(text, end) if text[end : end + 1] in _AFTER_STARTS else None
    if match:
        region = match.group("region")
        if match.group("county") or match.group("paren"):
            return True
        if match.start("region") in own_at:
            return False
        if forms[region][1] != "name":
            return True  # "Ky.", "N.C.", "KY": never in a list of countries
        return not listed and not _LIST_AFTER.match(text, match.end())
    hyphen = _HYPHEN_WORD.match(text, end)
    if hyphen and hyphen.group(1) in _counties() and end + 1 not in aliases_at:
        return True  # "Athens-Clarke", "Nashville-Davidson"
    if not text.endswith(("'s ", "\u2019s ", " of "), 0, start):
        return False
    return bool(before.search(text, max(0, start - 60), start))


def regions_named(text: str) -> frozenset[str]:
    """Return the codes of the US states and Canadian provinces a text names (any form)."""
    forms, _, _, anywhere = _regions()
    return frozenset(forms[m.group(0).lstrip(", \t")][0] for m in anywhere.finditer(text))


def local(alias: str, alpha_3: str, regions: frozenset[str]) -> bool:
    """Return True when ``alias`` (a name of ``alpha_3``) is also a place in one of ``regions``."""
    return bool(_places().get((alias, alpha_3), frozenset()) & regions)


def has_local_homonym(alias: str, alpha_3: str) -> bool:
    """Return True when ``alias`` names a US or Canadian place at all (cheap pre-check)."""
    return (alias, alpha_3) in _places()
