"""Decide whether a country word, in its context, is a mention of that country, and why not.

Each rule is named by the role it gives (the ``role`` column of the mentions frame):

- ``us_state``: a US state ("Texas", "New Mexico"); "Georgia" is the US state when its
  sentence or document points to America (Atlanta, other US states, "state of Georgia",
  state lawmakers) more than to the Caucasus (Tbilisi, Georgian, Armenia, ...).
- ``homonym_place``: a country or capital name that names a US or Canadian town
  ("London, Ontario", "Turkey, N.C.", "Athens-Clarke County", "Poland" in a story that
  names Ohio and nothing else of Poland): see :mod:`statecraft.tagging.homonyms`; a name
  marked so once is that town throughout the article unless the country has support.
- ``place``: a capital with no support in the article (no state verb or noun, no other
  mention of its country): a city the story happens in, not the state; see
  :mod:`statecraft.tagging.metonyms`.
- ``venue``: a city other than a capital ("Davos"), or a capital named as a place: after a
  locative preposition ("in Beijing", "to Islamabad"), "-based", or "Islamabad, Pakistan".
- ``dateline``: a capital opening a line as a dateline ("ISLAMABAD:", "BEIJING (Reuters) -").
- ``in_org_name``: part of an organisation name ("Pakistan Observer", "China Banking
  Association", "Times of India"): a capitalised run after the word that holds a private
  head word (Airlines, Daily, Exchange, Association, ...) and no state one (Ministry,
  Court, Commission, Bank, ...), or a private head before "of". State institutions count.
- ``currency``: followed by a currency word or "$" ("US dollar", "Kyrgyz som", "HK$").
- ``language``: a demonym used as a language ("Spanish for cool", "in Chinese.",
  "Chinese-language").
- ``name_part`` / ``person_name``: a case-sensitive ambiguous name or a capital inside a
  longer proper name ("Jordan Belfort", "Paris Agreement", "Michael Jordan", "George
  Washington"); after "Bill Holland", a bare "Holland" later in the article is the person
  too, unless the article names the country some other way ("Dutch", "Amsterdam").
- ``subject``: everything else, including a capital standing for its state ("This move by
  Washington", "Beijing's ban", "London said").
"""

from __future__ import annotations

import bisect
import functools
import re
from typing import Any

from statecraft.tagging import codebook, homonyms, metonyms

_WORD_AFTER = re.compile(r"[ \t]*[-\u2010-\u2014]?[ \t]*([^\W_]+)")
_WORD_BEFORE = re.compile(r"([^\W_][\w'\u2019.]*)[ \t]*$")
_RUN_WORD = re.compile(r"[ \u00a0]{1,2}([^\W\d_][\w&'\u2019.-]*|&)")
_PREFIX_OF = re.compile(r"([A-Z][\w&'.-]*) of (?:the )?$")
_DATELINE_AFTER = re.compile(
    r"\s*(?:\(|:|\s?[-\u2013\u2014]\s|,\s[A-Z][a-z]{2,8}\.?\s\d|,\s\d{1,2}(?:st|nd|rd|th)?\s[A-Z][a-z]{2,8})"
)
_OF_BEFORE = re.compile(r"(\S+) of (?:the )?$")
_LIST_SEPARATOR = re.compile(r",\s+(?:and\s+|or\s+)?|\s+(?:and|or)\s+")
_PUNCT_AFTER = re.compile(r"[ \t]*(?:[.,;:!?)\"'\u2019\u201d]|$)")
_FOR_WORD = re.compile(r"[ \t]+for[ \t]+[\"'\u2018\u201ca-z]")
_BASED = re.compile(r"[-\u2010-\u2014](?:based|headquartered|listed)\b")
_WORDS = re.compile(r"[^\W\d_]+")
_LONG_LOWER = re.compile(r"(?<![\w'\u2019])[a-z][a-z]{4}")
_LONG_UPPER = re.compile(r"(?<![\w'\u2019])[A-Z][A-Za-z]{3}")
_CONNECTORS = frozenset({"of", "and", "&", "for", "the", "de"})
_HOMONYM_KINDS = frozenset({"name", "short_name", "former_name", "capital_metonym"})


@functools.cache
def _words(rule: str) -> frozenset[str]:
    return codebook.rule_words(rule)


class Context:
    """One document's cleaned text, sentences and chosen matches, for the country rules.

    Args:
        text: The cleaned text the matches' offsets refer to.
        spans: Sentence ``(start, end)`` offsets into ``text``.
        chosen: The chosen match groups (each a list of candidates with start, end, entry).
    """

    def __init__(self, text: str, spans: list[tuple[int, int]], chosen: list[list[Any]]) -> None:
        self.text = text
        self.spans = spans or [(0, len(text))]
        self.starts = [s for s, _ in self.spans]
        self.chosen = chosen
        self._title: dict[int, bool] = {}
        self._doc_words: frozenset[str] | None = None
        self._support: dict[str, set[str]] | None = None
        self._towns: homonyms.Towns | None = None
        self._persons: set[str] = set()

    def resolve(self, start: int, end: int, entries: list[Any]) -> tuple[Any, str, str]:
        """Pick the entity an ambiguous alias names here, and decide its role.

        Args:
            start: Start offset of the match in the cleaned text.
            end: End offset.
            entries: The codebook entries matched at this span (two only for "Georgia").

        Returns:
            The chosen entry, its alias kind and its role.
        """
        entry = entries[0] if len(entries) == 1 else self._georgia(start, end, entries)
        return entry, entry.kind, self.role(start, end, entry)

    def role(self, start: int, end: int, entry: Any) -> str:
        """Return the role of one country match (see the module docstring for the rules)."""
        kind = entry.kind
        if kind == "city":
            return "venue"
        if kind == "us_state":
            return "us_state"
        if kind == "capital_metonym" and self._dateline(start, end):
            return "dateline"
        if self._in_org_name(start, end):
            return "in_org_name"
        if kind != "capital_metonym" and self._currency(end):
            return "currency"
        if kind == "demonym" and self._language(start, end):
            return "language"
        if kind in _HOMONYM_KINDS and self._homonym(start, end, entry):
            return "homonym_place"
        if kind == "capital_metonym":
            role = self._capital(start, end)
            return "place" if role == "subject" and not self._supported(start, end, entry) else role
        if entry.case == "exact" and kind in ("name", "short_name"):
            role = self._ambiguous_name(start, end)
            surface = self.text[start:end]
            prev = self._prev_word(start)
            if role == "person_name" and prev and not prev.group(1).endswith(".") and not self._run(end, 1):
                self._persons.add(surface)  # "Bill Holland": a later bare "Holland" is the same person
            elif role == "subject" and surface in self._persons and not self._supported(start, end, entry, acts=False):
                role = "person_name"
            return role
        if kind == "demonym" and not self._title_case(start) and self._person_before(start, mid_sentence=True):
            return "person_name"
        return "subject"

    def _supported(self, start: int, end: int, entry: Any, *, acts: bool = True) -> bool:
        """True when the name acts as a state here (unless not ``acts``) or the article names its country otherwise."""
        if self._support is None:
            self._support = metonyms.document_support(self.chosen, self.text)
        others = self._support.get(entry.entity_id, set()) - {self.text[start:end].lower()}
        return bool(others) or (acts and metonyms.acts(self.text, start, end))

    def _homonym(self, start: int, end: int, entry: Any) -> bool:
        """True when the name is a US or Canadian town here (see :mod:`statecraft.tagging.homonyms`)."""
        if self._towns is None:
            self._towns = homonyms.Towns(self.text, self.chosen)
        starts, names = self._towns.marked_names(_HOMONYM_KINDS)
        if start in starts:
            return True
        surface = self.text[start:end]
        marked = surface in names
        if not marked and not homonyms.has_local_homonym(surface, entry.entity_id):
            return False
        if self._supported(start, end, entry):
            return False
        if marked:
            return True
        prev = self._prev_word(start)
        if entry.kind == "capital_metonym" or not prev or prev.group(1).lower() not in _words("locative"):
            return False  # a country name is a local town only as a place ("a shop in Poland"); capitals: "place"
        foreign = set(self._support or ()) - {"USA", "CAN", entry.entity_id}
        return not foreign and self._towns.local_town(surface, entry.entity_id)

    def _sentence(self, pos: int) -> tuple[int, int]:
        return self.spans[max(bisect.bisect_right(self.starts, pos) - 1, 0)]

    def _title_case(self, pos: int) -> bool:
        start, end = self._sentence(pos)
        if start not in self._title:
            lower = _LONG_LOWER.search(self.text, start, end)
            self._title[start] = lower is None and len(_LONG_UPPER.findall(self.text, start, end)) >= 3
        return self._title[start]

    def _next_word(self, end: int) -> str:
        match = _WORD_AFTER.match(self.text, end)
        return match.group(1) if match else ""

    def _prev_word(self, start: int) -> re.Match[str] | None:
        return _WORD_BEFORE.search(self.text, max(0, start - 40), start)

    def _run(self, end: int, limit: int) -> list[str]:
        """Capitalised words (and connectors) right after ``end``, lower-cased, trailing connectors dropped."""
        words: list[str] = []
        pos = end
        while len(words) < limit:
            match = _RUN_WORD.match(self.text, pos)
            if not match or not (match.group(1)[0].isupper() or match.group(1) in _CONNECTORS):
                break
            words.append(match.group(1).lower().removesuffix("'s").removesuffix("\u2019s").rstrip("."))
            pos = match.end()
        while words and words[-1] in _CONNECTORS:
            words.pop()
        return words

    def _dateline(self, start: int, end: int) -> bool:
        line_start = self.text.rfind("\n", 0, start) + 1
        if self.text[line_start:start].strip(" \t*-\"'"):
            return False
        surface = self.text[start:end]
        return (surface.isupper() and len(surface) > 2) or bool(_DATELINE_AFTER.match(self.text, end))

    def _in_org_name(self, start: int, end: int) -> bool:
        prefix = self.text.endswith((" of ", " of the "), 0, start) and _PREFIX_OF.search(
            self.text, max(0, start - 40), start
        )
        if prefix and prefix.group(1).lower() in _words("org_head_private"):
            return True
        run = set(self._run(end, 1 if self._title_case(start) else 5))
        return bool(run & _words("org_head_private")) and not run & _words("org_head_state")

    def _currency(self, end: int) -> bool:
        return self.text.startswith("$", end) or self._next_word(end).lower() in _words("currency")

    def _language(self, start: int, end: int) -> bool:
        after = self._next_word(end).lower()
        if after in _words("language_after") or _FOR_WORD.match(self.text, end):
            return True
        prev = self._prev_word(start)
        if prev is None or prev.group(1).lower() not in _words("language_before"):
            return False
        return after.lower() in _words("not_name") or bool(_PUNCT_AFTER.match(self.text, end))

    def _capital(self, start: int, end: int) -> str:
        if _BASED.match(self.text, end):
            return "venue"
        prev = self._prev_word(start)
        before = prev.group(1).lower() if prev else ""
        if before in _words("locative"):
            return "venue"
        if before in _words("name_particle"):
            return "name_part"
        if before == "of":  # "north of Tokyo" is a place; "Lloyd's of London", "District of Washington" a name
            head = _OF_BEFORE.search(self.text, max(0, start - 40), start)
            if head and head.group(1).lower() in _words("locative"):
                return "venue"
            if head and head.group(1)[0].isupper():
                return "name_part"
        listed = self._listed_with(start, end)
        if "us_state" in listed:
            return "us_state"  # "Texas, New Jersey and Washington regulators"
        if "city" in listed:
            return "venue"  # "Zhengzhou, Hangzhou and Beijing"
        if not self._title_case(start):
            if self._run(end, 1):
                return "name_part"
            if self._person_before(start):
                return "person_name"
        if self.text.startswith(", ", end) and self._country_at(end + 2):
            return "venue"
        return "subject"

    def _listed_with(self, start: int, end: int) -> set[str]:
        """Alias kinds of the matches coordinated with this one in a list ("A, B and C")."""
        kinds: set[str] = set()
        for group in self.chosen:
            first = group[0]
            if first.end <= start and start - first.end <= 6:
                gap = self.text[first.end : start]
            elif first.start >= end and first.start - end <= 6:
                gap = self.text[end : first.start]
            else:
                continue
            if first.entry.entity_type == "country" and _LIST_SEPARATOR.fullmatch(gap):
                kinds.update(c.entry.kind for c in group)
        return kinds

    def _ambiguous_name(self, start: int, end: int) -> str:
        if self._title_case(start):
            return "subject"
        if self._person_before(start):
            return "person_name"
        run = self._run(end, 3)
        if run and run[0] not in _CONNECTORS and not set(run) & _words("org_head_state"):
            return "name_part"
        return "subject"

    def _person_before(self, start: int, *, mid_sentence: bool = False) -> bool:
        """True when a capitalised word that is no title, function word or matched alias comes right before.

        With ``mid_sentence``, that word must not open the sentence ("Many Chinese firms").
        """
        prev = self._prev_word(start)
        if prev is None:
            return False
        word = prev.group(1)
        if word.endswith(("'s", "\u2019s")) or not word[0].isupper() or word.isupper():
            return False
        if word.lower().rstrip(".") in _words("not_name") | _words("title"):
            return False
        if any(g[0].end == prev.end(1) for g in self.chosen):
            return False
        sentence_start = self._sentence(start)[0]
        return not mid_sentence or any(c.isalnum() for c in self.text[sentence_start : prev.start(1)])

    def _country_at(self, pos: int) -> bool:
        return any(
            g[0].start == pos
            and g[0].entry.entity_type == "country"
            and g[0].entry.kind in ("name", "short_name", "official_name", "abbreviation")
            for g in self.chosen
        )

    def _georgia(self, start: int, end: int, entries: list[Any]) -> Any:
        """Choose Georgia the US state or the country from sentence cues (weight 2) and document cues."""
        s0, s1 = self._sentence(start)
        sentence = {w.lower() for w in _WORDS.findall(self.text, s0, s1)}
        us = 2 * len(sentence & _words("us_context"))
        geo = 2 * len(sentence & _words("geo_context"))
        state_of = self.text[max(0, start - 9) : start].lower() == "state of "
        if state_of or self._next_word(end).lower() == "state":
            us += 3
        if self._doc_words is None:
            self._doc_words = frozenset(w.lower() for w in _WORDS.findall(self.text))
        other_states = {
            self.text[g[0].start : g[0].end]
            for g in self.chosen
            if any(c.entry.kind == "us_state" for c in g) and len(g) == 1
        }
        us += len(other_states) + len(self._doc_words & _words("us_document"))
        geo += len(self._doc_words & _words("geo_context"))
        want = "us_state" if us > geo else "name"
        return next((e for e in entries if e.kind == want), entries[0])
