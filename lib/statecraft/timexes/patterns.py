"""Build the timex regexes from the tables in ``data/timexes/``.

``rules.csv`` holds one readable pattern per rule, in priority order, written with
placeholders for the word lists of ``lexicon.csv`` and ``phrases.csv``: ``{MONTH}``
captures a month name as group ``month``, ``{MONTH:grp}`` captures it as ``grp`` and
``{MONTH:}`` does not capture. All rules are joined into one master regex (one pass
over the text); each rule's groups are renamed ``r<index>_<name>`` so they stay apart,
and :func:`groups` gives them back under their own names.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from statecraft.resources import read_csv

_PLACEHOLDER = re.compile(r"\{([A-Z]+)(?::(\w*))?\}")
_GROUP = re.compile(r"\(\?P<(\w+)>")
#: Characters that may not touch a timex on the left (numbers in prices, codes, decimals).
_LEFT = r"(?<![\w$€£¥#@&/\-'’])(?!(?<=[.,])\d)"
#: ... and on the right (percentages, decimals, longer numbers).
_RIGHT = r"(?![\w%$€£]|[.,/]\d|['’](?!s\b)\w)"
_NUMBER_TENS = "twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety"
_NUMBER_UNITS = "one|two|three|four|five|six|seven|eight|nine"
_TEENS = "ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen"
#: A year as said aloud in broadcast transcripts: "nineteen ninety-six", "two thousand (and) one".
_SPOKEN_YEAR = (
    rf"(?:(?:eighteen|nineteen|twenty)\s+(?:hundred|oh[-\s]+(?:{_NUMBER_UNITS})|{_TEENS}"
    rf"|(?:{_NUMBER_TENS})(?:[-\s](?:{_NUMBER_UNITS}))?)"
    rf"|two\s+thousand(?:\s+(?:and\s+)?(?:{_TEENS}|(?:{_NUMBER_TENS})(?:[-\s](?:{_NUMBER_UNITS}))?|{_NUMBER_UNITS}))?)"
    r"(?![-\w])"
)
_TIMEZONES = "UTC|GMT|ET|EST|EDT|PT|PST|PDT|CT|CST|CDT|CET|CEST|BST|HKT|SGT|JST|KST|IST"


@dataclass(frozen=True)
class Rule:
    """One row of ``rules.csv``: a named pattern and the handler that normalises its matches."""

    index: int
    name: str
    handler: str
    pattern: str
    example: str
    group_names: tuple[str, ...]


@dataclass(frozen=True)
class Grammar:
    """The compiled master regex, its rules, and the word tables the handlers look up."""

    master: re.Pattern[str]
    rules: dict[str, Rule]
    words: dict[str, dict[str, str]]
    phrases: dict[str, dict[str, str]]
    cues: re.Pattern[str]


def _alternation(tokens: list[str], *, optional_dot: bool = False) -> str:
    parts = []
    for token in sorted(set(tokens), key=lambda t: (-len(t), t)):
        body = re.escape(token.rstrip(".")) if token.endswith(".") else re.escape(token)
        body = body.replace(r"\ ", r"\s+").replace("'", "['’]").replace("’", "['’]")
        if token.endswith("."):
            body += r"\.?" if optional_dot else r"\."
        parts.append(body)
    return "(?:" + "|".join(parts) + ")"


def _word_lists() -> dict[str, dict[str, str]]:
    words: dict[str, dict[str, str]] = {}
    for row in read_csv("timexes/lexicon.csv"):
        words.setdefault(row["kind"], {})[row["token"]] = row["value"]
    return words


def _placeholders(words: dict[str, dict[str, str]], phrases: list[str]) -> dict[str, str]:
    units = []
    for unit in words["unit"]:
        units.append(r"centur(?:y|ies)" if unit == "century" else unit + "s?")
    months_full = [t for t in words["month"] if not t.endswith(".")]
    numbers = _alternation([t for t in words["number"]])
    clock = (
        r"(?:(?:1[0-2]|0?[1-9])(?::[0-5]\d)?\s+(?:in\s+the\s+(?:morning|afternoon|evening)|at\s+night)(?!\w)"
        r"|(?:[01]?\d|2[0-3])(?::[0-5]\d(?::[0-5]\d)?)?\s*(?:a\.m\.?|p\.m\.?|am|pm)(?!\w)"
        r"|(?:[01]?\d|2[0-3]):[0-5]\d(?::[0-5]\d)?(?!\d)|noon|midday|midnight)"
        rf"(?:\s+(?:{_TIMEZONES})(?!\w))?"
    )
    return {
        "MONTH": _alternation(list(words["month"]), optional_dot=True),
        "MONTHF": _alternation(months_full),
        "WEEKDAY": _alternation(list(words["weekday"])),
        "DAY": r"(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?(?!\d|:\d)",
        "YEAR": rf"(?:(?:1[89]\d\d|20\d\d)(?!\d)|{_SPOKEN_YEAR})",
        "SEASON": _alternation(list(words["season"])),
        "POD": _alternation(list(words["part_of_day"])),
        "ORD": _alternation(list(words["ordinal"])),
        "DAYORD": _alternation(list(words["day_ordinal"])),
        "UNIT": "(?:" + "|".join(sorted(units, key=len, reverse=True)) + ")",
        "NUM": rf"(?:\d+(?:\.\d+)?|(?:{_NUMBER_TENS})[-\s](?:{_NUMBER_UNITS})|{numbers})",
        "HOLIDAY": _alternation(list(words["holiday"])),
        "DECADEW": _alternation(list(words["decade_word"])),
        "CLOCK": clock,
        "PHRASE": _alternation(phrases),
    }


def _expand(pattern: str, slots: dict[str, str]) -> str:
    def replace(match: re.Match[str]) -> str:
        name, group = match.group(1), match.group(2)
        body = slots[name]
        if group == "":
            return body
        return f"(?P<{group or name.lower()}>{body})"

    return _PLACEHOLDER.sub(replace, pattern)


@functools.cache
def grammar() -> Grammar:
    """Load the tables and compile the master regex (cached: built once per process).

    Returns:
        The :class:`Grammar`.

    Raises:
        ValueError: If a rule's pattern does not compile or does not match its own example.
    """
    words = _word_lists()
    phrases = {row["phrase"].lower(): row for row in read_csv("timexes/phrases.csv")}
    slots = _placeholders(words, list(phrases))
    rules: dict[str, Rule] = {}
    branches = []
    for index, row in enumerate(read_csv("timexes/rules.csv")):
        body = _expand(row["pattern"], slots)
        names = tuple(_GROUP.findall(body))
        try:
            own = re.compile(body, re.IGNORECASE)
        except re.error as exc:
            raise ValueError(f"rule {row['rule']!r}: bad pattern {body!r}: {exc}") from exc
        context, _, example = row["example"].rpartition("|")  # "for |years": context the rule looks behind at
        if not own.fullmatch(context + example, len(context)):
            raise ValueError(f"rule {row['rule']!r} does not match its example {row['example']!r}")
        tag = f"r{index}"
        renamed = _GROUP.sub(lambda m, tag=tag: f"(?P<{tag}_{m.group(1)}>", body)
        branches.append(f"(?P<{tag}>{renamed})")
        rules[tag] = Rule(index, row["rule"], row["handler"], body, row["example"], names)
    master = re.compile(_LEFT + "(?:" + "|".join(branches) + ")" + _RIGHT, re.IGNORECASE)
    return Grammar(master, rules, words, phrases, _cue_pattern())


def groups(match: re.Match[str], rule: Rule) -> dict[str, str | None]:
    """Return the groups of ``rule`` in a master-regex ``match`` under the rule's own names."""
    tag = f"r{rule.index}_"
    return {name: match.group(tag + name) for name in rule.group_names}


def _cue_pattern() -> re.Pattern[str]:
    rows = read_csv("timexes/cues.csv")

    def words(direction: str, strength: str) -> str:
        return _alternation([r["cue"] for r in rows if (r["direction"], r["strength"]) == (direction, strength)])

    return re.compile(
        rf"(?P<fwd>(?<![\w'’]){words('forward', 'strong')}(?!\w)(?!(?<=next|ming)\s+to\b)|['’]ll(?!\w))"
        rf"|(?P<fwdweak>(?<![\w'’]){words('forward', 'weak')}(?!\w))"
        rf"|(?P<bwd>(?<![\w'’]){words('backward', 'strong')}(?!\w))"
        r"|(?P<bwdweak>(?<![\w'’])(?-i:[a-z])\w+ed(?!\w))",
        re.IGNORECASE,
    )
