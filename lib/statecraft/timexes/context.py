"""What a timex handler sees: the match in its sentence, the anchor, tense cues, earlier timexes."""

from __future__ import annotations

import bisect
import datetime as dt
import functools
import re
from dataclasses import dataclass, field
from typing import Any

from statecraft.timexes.patterns import grammar

#: How a value with unknown year/anchor is written, per granularity (TIMEX3 uses X for unknown digits).
UNKNOWN = {
    "day": "XXXX-XX-XX",
    "week": "XXXX-WXX",
    "month": "XXXX-XX",
    "quarter": "XXXX-QX",
    "half": "XXXX-HX",
    "season": "XXXX-XX",
    "year": "XXXX",
    "decade": "XXX",
    "century": "XX",
    "time": "XXXX-XX-XXTXX:XX",
}
MODS = {
    "early": "START",
    "earlier": "START",
    "beginning": "START",
    "start": "START",
    "first months": "START",
    "turn": "START",
    "pre": "BEFORE",
    "post": "AFTER",
    "mid": "MID",
    "middle": "MID",
    "late": "END",
    "later": "END",
    "end": "END",
    "close": "END",
    "remainder": "END",
    "rest": "END",
    "balance": "END",
}
_DERIVED = ("ago", "year_ago")
_CUE_SCORE = {"fwd": 2, "fwdweak": 1, "bwd": -2, "bwdweak": -1}
_SPACE = re.compile(r"\s+")
_ADJECTIVAL = re.compile(
    r"\b(?:a|an|the|its|their|his|her|our|your|this|that|these|those)\s+(?:[a-z]+ly\s+|still\s+|newly\s+)?$",
    re.IGNORECASE,
)
#: How far back (characters, a few sentences) "the next day" or "the previous Friday" looks for
#: the day the story is at.
NARRATIVE_REACH = 1000
_BY = re.compile(r"\s+by\b")
_COMPARED = re.compile(r"\b(?:than|as)[\s-]+$", re.IGNORECASE)
_ATTACHED = re.compile(r"(?:['’]s)?\s+")
_PERFECT = re.compile(r"\b(?:has|have|had)\s+$", re.IGNORECASE)
_PASSIVE = re.compile(r"\b(?:be|been|being|is|are|was|were|get|got)\s+$", re.IGNORECASE)
_AUXILIARIES = frozenset({"was", "were", "had", "did", "has been", "have been"})
_MODALS = frozenset({"will", "would", "shall", "won't", "won’t", "'ll", "’ll", "going to", "gonna", "might"})
_RELATIVE = re.compile(r"\b(?:which|who|that)\s+$", re.IGNORECASE)
_QUOTE = re.compile(r"``|''|[\"“”]")
_WORD_BEFORE = re.compile(r"([\w.']+)\W*$")
_WORD_AFTER = re.compile(r"^\W*([\w.']+)")


@dataclass(frozen=True)
class Found:
    """A handler's reading of a match: TIMEX3 type, value, mod, granularity and a rule note."""

    timex_type: str
    value: str
    granularity: str | None
    mod: str | None = None
    note: str | None = None  # appended to the rule name after ":" (how the year was inferred, ...)
    rule: str | None = None  # overrides the rule name (relative_month, ...)


@dataclass
class Context:
    """A match in its document: text, offsets, sentence, anchor and the timexes found before it."""

    text: str
    start: int
    end: int
    anchor: dt.date | None
    sentence: tuple[int, int]
    previous: list[dict[str, Any]] = field(default_factory=list)

    @property
    def surface(self) -> str:
        """The matched text."""
        return self.text[self.start : self.end]

    def word_before(self) -> str:
        """The word just before the match, lower-cased ("" at the start of the sentence)."""
        found = _WORD_BEFORE.search(self.text, max(self.sentence[0], self.start - 30), self.start)
        return found.group(1).lower() if found else ""

    def word_before_raw(self) -> str:
        """The word just before the match as written."""
        found = _WORD_BEFORE.search(self.text, max(self.sentence[0], self.start - 30), self.start)
        return found.group(1) if found else ""

    def word_after(self) -> str:
        """The word just after the match, lower-cased."""
        found = _WORD_AFTER.search(self.text[self.end : self.end + 30])
        return found.group(1).lower() if found else ""

    def sentence_text(self) -> str:
        """The text of the match's sentence."""
        return self.text[self.sentence[0] : self.sentence[1]]

    def direction(self) -> int:
        """Tense of the match's clause from the nearest cue word in its sentence.

        The nearest cue wins, strong or weak (one after the match counts 1.5 times its
        distance). Only cues between the quote marks around the match count (see
        ``quoted_span``). A lower-case "-ed" word right after a form of "be" is a participle
        ("is expected", "would be paid") and gives no tense of its own, nor does an "-ed" word
        after a determiner ("a still unspecified date") or before "by" ("untouched by"). A "had" in the clause,
        outside a relative clause, makes a winning forward cue a past plan unless a modal
        is present ("had been due to expire Friday" is last Friday).

        Returns:
            +2 / -2 for a strong future / past cue ("will", "said"), +1 / -1 for a weak one
            ("planned", any lower-case "-ed" word), 0 when the sentence has no cue.
        """
        best, best_distance = 0, float("inf")
        lo, hi = self.quoted_span()
        past_perfect = modal = False
        attached = 0
        for cue in grammar().cues.finditer(self.text, lo, hi):
            if cue.start() < self.end and cue.end() > self.start:
                continue
            word = cue.group().lower()
            past_perfect |= word == "had" and not _RELATIVE.search(self.text, max(lo, cue.start() - 8), cue.start())
            modal |= word in _MODALS
            if self._participle(cue, word):
                continue
            if _COMPARED.search(self.text, max(lo, cue.start() - 8), cue.start()):
                continue  # "slowing more than expected", "as planned": a comparison, not the clause's tense
            if word == "deadline" and _ATTACHED.fullmatch(self.text, self.end, cue.start()):
                attached = 2  # "by the Tuesday deadline": the noun names the date; a verb, if any, gives the tense
                continue
            distance = self.start - cue.end() if cue.end() <= self.start else (cue.start() - self.end) * 1.5
            if distance < best_distance:
                best, best_distance = _CUE_SCORE[cue.lastgroup], distance
        if best > 0 and past_perfect and not modal:
            return -2  # "had been due to expire Friday", "Until Thursday, they had not ...": a past plan
        return best or attached

    def _participle(self, cue: re.Match[str], word: str) -> bool:
        """True for a past form that is a participle, not the clause's tense.

        After a form of "be" ("is expected", "would be paid", "been named"), or, for an "-ed"
        word, after a determiner ("a still unspecified date", "the recently passed law") or
        before "by" unless after has/have/had ("markets untouched by the crisis", but not
        "has dropped by half").
        """
        if cue.lastgroup == "bwdweak" or (cue.lastgroup == "bwd" and word not in _AUXILIARIES):
            if _PASSIVE.search(self.text, max(0, cue.start() - 12), cue.start()):
                return True
        if (
            cue.lastgroup == "bwdweak"
            and _BY.match(self.text, cue.end())
            and not _PERFECT.search(self.text, max(0, cue.start() - 12), cue.start())
        ):
            return True  # "markets untouched by the crisis": a reduced relative clause
        adjectival = cue.lastgroup == "bwdweak" or word.endswith("ed")  # "the planned acquisition"
        return adjectival and bool(_ADJECTIVAL.search(self.text, max(0, cue.start() - 30), cue.start()))

    def quoted_span(self) -> tuple[int, int]:
        """The part of the sentence between the quote marks around the match.

        A reporting verb outside a quotation ("... leave Thursday," Castro said) gives no
        tense to the quoted words, and quoted words give none to the attribution.
        """
        lo, hi = self.sentence
        before = [m.end() for m in _QUOTE.finditer(self.text, lo, self.start)]
        after = _QUOTE.search(self.text, self.end, hi)
        return (before[-1] if before else lo), (after.start() if after else hi)

    def last_with(self, granularity: str, ended: bool = False) -> str | None:
        """The value of the last resolved timex of ``granularity`` found before this one.

        Timexes that are themselves relative to a reference ("a year ago") are skipped. With
        ``ended``, only those over by the anchor count (not a forecast's "third quarter of
        1990"), and the latest in time wins, not the last named: in "third-quarter net rose
        after a flat second quarter", the story is about the third quarter.
        """
        latest = self.anchor.isoformat() if ended and self.anchor else None
        found = [
            row
            for row in self.previous
            if row["granularity"] == granularity
            and row["date_start"]
            and not row["rule"].startswith(_DERIVED)
            and (latest is None or (row["date_end"] or "9") <= latest)
        ]
        if not found:
            return None
        return (max(found, key=lambda row: row["date_start"]) if ended else found[-1])["value"]

    def last_day(self, within: int = NARRATIVE_REACH) -> tuple[dt.date, str] | None:
        """The latest calendar timex found in the ``within`` characters before this one.

        Returns its first day and its granularity. Timexes relative to a reference ("a year
        ago") and PRESENT_REF are skipped.
        """
        for row in reversed(self.previous):
            if row["start"] < self.start - within:
                return None
            if row["date_start"] and row["value"][:1].isdigit() and not row["rule"].startswith(_DERIVED):
                return dt.date.fromisoformat(row["date_start"]), row["granularity"]
        return None

    def last_date(self) -> dt.date | None:
        """The first day of the latest resolved calendar timex found before this one ("June 1998" -> June 1).

        Timexes relative to a reference ("a year ago") and the publication date itself
        (PRESENT_REF) are skipped.
        """
        last = self.last_day(within=self.start)
        return last[0] if last else None


def normalise(surface: str) -> str:
    """Lower-case ``surface``, collapse whitespace and straighten apostrophes."""
    return _SPACE.sub(" ", surface.lower().replace("’", "'")).strip()


@functools.cache
def lookup(kind: str) -> dict[str, str]:
    """Return the ``lexicon.csv`` words of ``kind`` keyed by their normalised form (no trailing dot)."""
    return {normalise(k).rstrip("."): v for k, v in grammar().words[kind].items()}


def word_value(kind: str, surface: str | None) -> str | None:
    """Look a surface word up in the lexicon (case-insensitive, trailing dot ignored)."""
    if surface is None:
        return None
    return lookup(kind).get(normalise(surface).rstrip("."))


def capitalised(surface: str | None) -> bool:
    """True if ``surface`` starts with a capital letter (month and weekday names must)."""
    return bool(surface) and surface[0].isupper()


def number(surface: str | None) -> float | None:
    """Read a count written in digits or words; None for vague counts ("several")."""
    if surface is None:
        return None
    text = normalise(surface)
    if text[0].isdigit():
        return float(text)
    value = lookup("number").get(text)
    if value is not None:
        return None if value == "X" else float(value)
    tens, _, units = text.replace("-", " ").partition(" ")
    total = float(lookup("number").get(tens, 0)) + float(lookup("number").get(units, 0))
    return total or None


def year_number(surface: str) -> int:
    """Read a year written in digits or spoken aloud.

    "2025" and "25" give 2025; "nineteen ninety-six" 1996, "two thousand and one" 2001,
    "twenty oh five" 2005, "nineteen hundred" 1900.
    """
    text = normalise(surface)
    if text.isdigit():
        return int(text) + (2000 if len(text) == 2 else 0)
    words = [w for w in re.split(r"[\s-]+", text) if w != "and"]
    numbers = lookup("number")
    if words[:2] == ["two", "thousand"]:
        century, rest = 2000, words[2:]
    else:
        century, rest = int(numbers[words[0]]) * 100, words[1:]
    if rest in ([], ["hundred"]):
        return century
    return century + sum(int(numbers[w]) for w in rest if w != "oh")


def sentence_index(starts: list[int], position: int) -> int:
    """Return the index of the sentence (by start offsets) that holds ``position``."""
    return max(0, bisect.bisect_right(starts, position) - 1)
