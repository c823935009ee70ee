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
from collections.abc import Callable, Container
from typing import Any

from statecraft.tagging import codebook

_LIST_AFTER = re.compile(r"\s*,?\s*(?:and|or|&)\s|,\s*[A-Z]")
_LIST_SEPARATOR = re.compile(r",\s+(?:and\s+|or\s+)?|\s+(?:and|or)\s+")
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
    text: str,
    start: int,
    end: int,
    *,
    listed: Callable[[], bool],
    aliases_at: Callable[[], Container[int]],
    own_at: Callable[[], Container[int]],
) -> bool:
    """Return True when a state, province or county next to the name makes it a US or Canadian place.

    Args:
        text: The cleaned text.
        start: Start offset of the country or capital name.
        end: End offset.
        listed: Whether the name follows another country or state in a list ("Florida, Mexico, ...").
        aliases_at: The start offsets of codebook matches (a hyphenated "Athens-London" is no county).
        own_at: The start offsets of names of the same country ("Tbilisi, Georgia" is no homonym).

    The three are called only when needed.
    """
    forms, after, before, _ = _regions()
    match = after.match(text, end) if text[end : end + 1] in _AFTER_STARTS else None
    if match:
        region = match.group("region")
        if match.group("county") or match.group("paren"):
            return True
        if match.start("region") in own_at():
            return False
        if forms[region][1] != "name":
            return True  # "Ky.", "N.C.", "KY": never in a list of countries
        return not _LIST_AFTER.match(text, match.end()) and not listed()
    hyphen = _HYPHEN_WORD.match(text, end)
    if hyphen and hyphen.group(1) in _counties() and end + 1 not in aliases_at():
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


class Towns:
    """One article's view for the homonym rules: its matches by start, its marked names, its states.

    Args:
        text: The cleaned text.
        chosen: The chosen match groups (each a list of candidates with start, end, entry).
    """

    def __init__(self, text: str, chosen: list[list[Any]]) -> None:
        self.text = text
        self.chosen = chosen
        self._starts_of: dict[str, set[int]] | None = None  # entity id -> starts of its groups; "" -> all
        self._marked: tuple[frozenset[int], frozenset[str]] | None = None
        self._regions: frozenset[str] | None = None

    def marked_at(self, start: int, end: int, entity_id: str) -> bool:
        """Return True when a state, province or county marks the name at ``start:end`` (see :func:`marked`)."""
        return marked(
            self.text,
            start,
            end,
            listed=lambda: self._listed_before(start),
            aliases_at=lambda: self._index()[""],
            own_at=lambda: self._index().get(entity_id, set()),
        )

    def _index(self) -> dict[str, set[int]]:
        if self._starts_of is None:
            self._starts_of = {"": {g[0].start for g in self.chosen}}
            for group in self.chosen:
                for cand in group:
                    self._starts_of.setdefault(cand.entry.entity_id, set()).add(group[0].start)
        return self._starts_of

    def marked_names(self, kinds: frozenset[str]) -> tuple[frozenset[int], frozenset[str]]:
        """Return the starts and the surfaces of the country names of ``kinds`` marked as a town in the article."""
        if self._marked is None:
            groups = [
                g[0]
                for g in self.chosen
                if g[0].entry.entity_type == "country"
                and g[0].entry.kind in kinds
                and self.marked_at(g[0].start, g[0].end, g[0].entry.entity_id)
            ]
            self._marked = (frozenset(c.start for c in groups), frozenset(self.text[c.start : c.end] for c in groups))
        return self._marked

    def local_town(self, alias: str, alpha_3: str) -> bool:
        """Return True when the article names one state or province and ``alias`` is a town there."""
        if self._regions is None:
            self._regions = regions_named(self.text)
        return len(self._regions) == 1 and local(alias, alpha_3, self._regions)

    def _listed_before(self, start: int) -> bool:
        """True when a country or US state comes right before, as in a list ("Florida, Mexico")."""
        window = self.text[max(0, start - 6) : start]
        if "," not in window and " and " not in window and " or " not in window:
            return False
        return any(
            g[0].entry.entity_type == "country"
            and start - 6 <= g[0].end <= start
            and _LIST_SEPARATOR.fullmatch(self.text[g[0].end : start])
            for g in self.chosen
        )
