"""Fast candidate finding for the timex master regex.

Trying the master regex (35 rules, long word lists) at every character is slow. Every
timex holds an *anchor* word (a month, weekday, time unit, year, "today", "now", ...) and
starts at most a few words before it, at a *starter* word ("the", "last", "early", a
number, the anchor itself). So one cheap regex (a trie of anchor words, which the regex
engine skips through quickly) finds the anchors, and the master regex is tried only at
the starter words just before each anchor, earliest first, which keeps its leftmost,
first-rule-wins behaviour. Starters cut off from the anchor by a word no rule holds
("the company said last year": "company", "said") are not tried at all.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from statecraft.timexes.patterns import grammar

#: Words of fixed phrases that do not anchor them (too common); the phrase's other words do.
_FUNCTION_WORDS = frozenset(
    "the a an of at as in so right just these over every each per coming recent near foreseeable last few "
    "several two and this then long short date possible".split()
)
#: Words a timex may start with besides anchors and numbers (modifiers, determiners, quantifiers).
_PREFIXES = (
    "the a an its last this that then next early mid late earlier later end beginning start middle close turn "
    "remainder rest balance about around some nearly almost roughly approximately over more less just at only up "
    "under another additional each every per once twice thrice fiscal financial calendar past previous coming "
    "current following prior latest upcoming recent same final comparable corresponding pre post right these as "
    "half couple few several many multiple dozen year month quarter first second third fourth 1st 2nd 3rd 4th fy "
    "q1 q2 q3 q4 h1 h2 1h 2h 1q 2q 3q 4q black cyber labor memorial new valentine independence thanksgiving "
    "christmas halloween one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen "
    "sixteen seventeen eighteen nineteen twenty thirty forty fifty sixty seventy eighty ninety hundred"
)
_NUMERIC_ANCHORS = (
    r"(?:1[89]\d\d|20\d\d)(?!\d)|['’]?\d0['’]?s\b|[QH][1-4]\b|[1-4][QH]\b|FY\d*|\d{1,2}:\d\d"
    r"|[ap]\.m\b|[AaPp][Mm]\b|\d{1,2}(?:[ap]\.m\b|[AaPp][Mm]\b)|\d{1,2}(?:st|nd|rd|th)[- ]century"
)
#: Month abbreviations that anchor only with their dot ("mar" is a verb).
_AMBIGUOUS_ABBREVIATIONS = frozenset({"Mar"})
TOKEN = re.compile(r"[A-Za-z0-9]+")


@dataclass(frozen=True)
class Scanner:
    """The anchor regex, the starter words, and the words a timex may hold before its anchor."""

    anchors: re.Pattern[str]
    starters: frozenset[str]
    inner: frozenset[str]


def _trie(words: list[str]) -> str:
    tree: dict = {}
    for word in words:
        node = tree
        for char in word:
            node = node.setdefault(char, {})
        node[""] = {}

    def emit(node: dict) -> str:
        branches = [re.escape(char) + emit(child) for char, child in sorted(node.items()) if char]
        if not branches:
            return ""
        ends = "" in node
        if len(branches) == 1 and not ends:
            return branches[0]
        alternation = "(?:" + "|".join(branches) + ")"
        return alternation + "?" if ends else alternation

    return emit(tree)


def _anchor_words() -> list[str]:
    g = grammar()
    words: set[str] = set()
    for kind in ("month", "weekday"):
        for token in g.words[kind]:
            words.update({token, token.upper()})  # names are anchors only when capitalised
            if kind == "month" and token.endswith(".") and token[:-1] not in _AMBIGUOUS_ABBREVIATIONS:
                words.add(token[:-1])  # "Jan 3, 2023" as well as "Jan. 3"
    lower: set[str] = set()
    for kind in ("season", "part_of_day", "holiday", "decade_word"):
        for token in g.words[kind]:
            lower.update(w.lower() for w in TOKEN.findall(token) if len(w) > 2)
    for unit in g.words["unit"]:
        if unit != "second":
            lower.update({unit, unit + "s"})
    lower.update(
        {
            "seconds",
            "centuries",
            "today",
            "yesterday",
            "tomorrow",
            "tonight",
            "noon",
            "midday",
            "midnight",
            "half",
            "daily",
            "weekly",
            "monthly",
            "yearly",
            "annually",
            "hourly",
            "nightly",
            "biweekly",
            "now",
            "period",
            "eighteen",  # spoken years: "nineteen ninety-six", "two thousand and one"
            "nineteen",
            "twenty",
            "thousand",
        }
    )
    for phrase in g.phrases:
        lower.update(w for w in TOKEN.findall(phrase) if w not in _FUNCTION_WORDS)
    lower -= {"new", "black", "cyber", "labor", "memorial", "independence"}  # holiday first words: too common
    for word in lower:
        words.update({word, word.capitalize(), word.upper()})
    return sorted(words)


@functools.cache
def scanner() -> Scanner:
    """Build the anchor regex and starter set from the grammar (cached)."""
    words = _anchor_words()
    pattern = rf"(?<![A-Za-z0-9])(?:{_trie(words)})(?![A-Za-z0-9])|(?<![A-Za-z0-9])(?:{_NUMERIC_ANCHORS})"
    ordinals = {w for token in grammar().words["day_ordinal"] for w in token.split()}  # "the eighth day of"
    starters = {w.lower() for w in words} | set(_PREFIXES.split()) | ordinals
    # Every word a match can hold is a starter, an anchor or a letter run of the master
    # pattern ("of", "than", "utc"); a start with any other word before the anchor cannot
    # reach it, so it is not tried (a regex run that fails costs as much as one that matches).
    inner = starters | {run.lower() for run in re.findall(r"[A-Za-z]+", grammar().master.pattern)}
    return Scanner(re.compile(pattern), frozenset(starters), frozenset(inner))
