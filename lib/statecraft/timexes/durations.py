"""Handlers for durations, sets and fixed phrases: "three months", "each year", "the near future".

Durations get ISO 8601 period values (``P3M``, ``PT24H``, ``PXY`` when the count is vague);
sets get the period of the repetition (``P1Y`` for "each year"); fixed phrases come from
``data/timexes/phrases.csv`` (``now`` is ``PRESENT_REF``, ``the weekend`` the nearest one).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re

from statecraft.timexes import calendar as cal
from statecraft.timexes.context import Context, Found, normalise, number, word_value
from statecraft.timexes.patterns import grammar
from statecraft.timexes.relative import APPROX, shifted, unit_code, unresolved

Groups = dict[str, str | None]
#: Words right before a bare "the year" that make it the calendar year ("for the year", "in the year").
_YEAR_BEFORE = frozenset("for in during through throughout over into".split())
_PART_OF = re.compile(r"(?:months|weeks|days|quarters?|half|part|rest|remainder|balance)\s+of\s+$", re.IGNORECASE)
#: Nouns after "daily"/"weekly" that make it a publication, not a frequency ("a daily newspaper").
_PUBLICATIONS = frozenset(
    "newspaper newspapers paper papers magazine magazines tabloid tabloids journal news edition".split()
)
#: Chart words: "the 100 hourly simple moving average", "the daily chart" name a timeframe, not a repetition.
_TIMEFRAME = frozenset(
    "chart charts candle candles candlestick candlesticks timeframe simple exponential moving sma ema rsi macd "
    "bollinger stochastic".split()
)
_BEFORE_VERB = frozenset("to will would could may might can should must not won't".split())
_NEXT_WORD = re.compile(r"\s*([\w'’]+|[^\w\s]|$)")
_COUNT_BEFORE = re.compile(
    r"(?:\d|million|billion|trillion|thousand|hundred|percent|%|times|once|twice"
    r"|(?<![\d,.])(?:\d{1,3}(?:,\d{3})*|two|three|four|five|six|seven|eight|nine|ten|dozens?|hundreds|thousands"
    r"|several|many)\s+(?!(?:was|has|is|does|goes)\b)[a-z]+s)\W{0,3}$"  # "$5 a day", "four flights a week"
)
#: "three-quarters of its food", "more than a quarter of the market": a fraction, not three months.
_FRACTION_OF = re.compile(
    r"\s+of\s+(?!(?:an?\s+|the\s+|this\s+|that\s+)?(?:hour|day|week|month|year|century|decade|fiscal)\b)"
)


#: Nouns after "current" that make it a term of accounting or banking, and words before it
#: that make it a flow ("direct current").
_CURRENT_TERMS = frozenset("account accounts assets liabilities ratio".split())
_CURRENT_KINDS = frozenset("direct alternating electric electrical ocean".split())
_MODAL_BEFORE = frozenset("will would could may might can shall should".split())


def duration(g: Groups, ctx: Context) -> Found | None:
    """Three months, a six-year hiatus, the past two weeks, 24-hour, several years; "$5m a year" is a SET."""
    unit, count = unit_code(g["unit"]), number(g["num"])
    num = normalise(g["num"])
    if re.fullmatch(r"(?:18|19|20)\d\d", num) and not normalise(g["unit"]).endswith("s"):
        return None  # "the 1988 quarter" is a year, not 1988 quarters
    if (g.get("tail") or "").endswith("old") or ctx.word_after() == "old":
        return None  # an age ("a 6-year-old", "52 years old") is not a timex in TimeML
    if unit == "TS" and num in ("a", "an"):
        return None
    if normalise(g.get("rel") or "") == "last" and ctx.word_before() in _BEFORE_VERB:
        return None  # "likely to last a few weeks": the verb; "a few weeks" is found next
    plural = normalise(g["unit"]).endswith("s")
    fraction = num in ("a", "one") or (num == "three" and "-" in ctx.surface)
    if unit == "Q" and fraction and not g.get("rel") and _FRACTION_OF.match(ctx.text, ctx.end):
        return None
    if num == "one" and unit == "D" and not plural and not g.get("rel") and ctx.word_before() in _MODAL_BEFORE:
        return Found("DATE", "FUTURE_REF", "ref", None, "someday")  # "Islam will one day be ...": some day
    if num in ("a", "an") and not plural and not g.get("rel") and not g.get("approx"):
        relative = ctx.word_after() in ("after", "before", "later", "earlier", "ago", "from")
        if not relative and _COUNT_BEFORE.search(ctx.text, max(0, ctx.start - 30), ctx.start):
            return Found("SET", _period(1, unit), "set", None, "per_unit")
    if count is not None and (g.get("half") or g.get("half2")):
        count += 0.5  # "two and a half years", "2 1/2 hours", "a minute and a half"
    exact = count is not None and count >= 2 and "couple" not in num and not g.get("approx") and not g.get("rel")
    if exact and ctx.word_before() == "in" and ctx.direction() >= 2:
        found = _in_future(count, unit, ctx, vague=bool(g.get("num2")))  # "would be redeemed in five years"
        if found is not None:
            return found
    mod = APPROX.get(normalise(g.get("approx") or ""))
    if num in ("a couple of", "a couple", "couple of"):
        mod = mod or "APPROX"
    return Found("DURATION", _period(count, unit), "duration", mod)


_OR_SO = re.compile(r"\s+or\s+(?:so|two|three|four|five|\d+)\b", re.IGNORECASE)


def _in_future(count: float | None, unit: str, ctx: Context, vague: bool) -> Found | None:
    """Under a future cue, "in five years" is the day, week, month or year that far after the anchor.

    "in two or three years" is some time ahead (FUTURE_REF); other units stay durations, and so
    do "in a day" and "in a couple of years", which mostly mean "within".
    """
    if ctx.anchor is None or count is None or count % 1 or unit not in ("D", "W", "M", "Y"):
        return None
    if vague or _OR_SO.match(ctx.text, ctx.end):
        return Found("DATE", "FUTURE_REF", "ref", None, "in_future")
    return dataclasses.replace(shifted(ctx, unit, int(count), None, "duration"), rule=None, note="in_future")


def duration_bare(g: Groups, ctx: Context) -> Found | None:
    """For years, within weeks, in days: a plural unit with no count is a span of unknown length (PXY)."""
    return Found("DURATION", _period(None, unit_code(g["unit"])), "duration")


def past_unit(g: Groups, ctx: Context) -> Found | None:
    """The past day, the last hour: the span up to now, a duration (as "the past 24 hours")."""
    if ctx.word_after() == "of":
        return None  # "the last day of the sale": a part of what follows
    return Found("DURATION", _period(1, unit_code(g["unit"])), "duration")


#: A half of a unit in the next smaller one: 2.5 years is P2Y6M, 5.5 hours PT5H30M.
_HALF_OF = {"Y": "6M", "D": "T12H", "TH": "30M", "TM": "30S"}


#: Units ISO 8601 lacks, written in one it has: a quarter is 3 months, a decade 10 years.
_IN_ISO_UNITS = {"2W": (2, "W"), "Q": (3, "M"), "E": (10, "Y"), "C": (100, "Y")}


def _period(count: float | None, unit: str) -> str:
    if unit in _IN_ISO_UNITS:
        factor, unit = _IN_ISO_UNITS[unit]
        count = None if count is None else factor * count
    if count is not None and count % 1 == 0.5 and unit in _HALF_OF:
        whole = f"{int(count)}{unit[-1]}" if count > 1 else ""
        return f"PT{whole}{_HALF_OF[unit]}" if unit.startswith("T") else f"P{whole}{_HALF_OF[unit]}"
    amount = "X" if count is None else f"{count:g}"
    return f"PT{amount}{unit[1]}" if unit.startswith("T") else f"P{amount}{unit}"


def set_freq(g: Groups, ctx: Context) -> Found | None:
    """Twice a year, three times a week."""
    return Found("SET", _period(1, unit_code(g["unit"])), "set")


def set_each(g: Groups, ctx: Context) -> Found | None:
    """Each year, every month, every other week, each Thursday, every July."""
    if g.get("weekday"):
        return Found("SET", f"XXXX-WXX-{word_value('weekday', g['weekday'])}", "set")
    if g.get("monthf"):
        return Found("SET", f"XXXX-{int(word_value('month', g['monthf'])):02d}", "set")
    if g.get("season"):
        return Found("SET", f"XXXX-{word_value('season', g['season'])}", "set")
    n = normalise(g.get("n") or "one")
    count = 2 if n == "other" else number(n) or 1
    return Found("SET", _period(count, unit_code(g["unit"])), "set")


_COUNTS = frozenset(
    "few several couple many two three four five six seven eight nine ten eleven twelve dozen".split()
)


def phrase(g: Groups, ctx: Context) -> Found | None:
    """Now, recently, the near future, daily, the weekend (table ``phrases.csv``)."""
    row = grammar().phrases[normalise(g["phrase"])]
    value, granularity = row["value"], row["granularity"] or "ref"
    if row["timex_type"] == "SET" and " " not in ctx.surface.strip():
        if _names_a_paper(ctx) or _NEXT_WORD.match(ctx.text, ctx.end).group(1).lower() in _TIMEFRAME:
            return None
        if ctx.text[ctx.start - 1 : ctx.start] in ("(", "-") and ctx.text[ctx.end : ctx.end + 1] == ")":
            return None  # "the 50-bar MA (hourly)", "(4-hourly)": a chart's timeframe
    after = ctx.word_after()
    if normalise(g["phrase"]) == "current" and (
        after.rstrip(".") in _CURRENT_TERMS or ctx.word_before() in _CURRENT_KINDS
    ):
        return None  # "the UK current account", "direct current": a term, not the present
    if value.endswith("_REF") and ctx.surface.lower().startswith("the ") and (after in _COUNTS or after[:1].isdigit()):
        return None  # "the past few sessions", "the past three summers": a count of something else
    if value == "WEEKEND":
        if ctx.anchor is None:
            return unresolved("week", "weekend")
        forward = normalise(g["phrase"]).startswith("this") or ctx.direction() > 0
        days = 0 if forward or ctx.anchor.isoweekday() >= 6 else -7
        week = cal.week_value(ctx.anchor + dt.timedelta(days=days))
        return Found("DATE", f"{week}-WE", "week", None, None, "weekend")
    return Found(row["timex_type"], value, granularity, row["mod"] or None)


def the_year(g: Groups, ctx: Context) -> Found | None:
    """The full year, the fiscal year, for the year: the anchor's year; "the year ended June 30" is P1Y.

    A bare "the year" is a date only after a preposition of time ("for the year") or a part
    ("the first nine months of the year"), never in "the year's best" or "player of the year".
    """
    if ctx.word_after() in ("ended", "ending", "to"):
        return Found("DURATION", "P1Y", "duration", None, "period_ending")
    if not g.get("kind"):
        before = ctx.text[max(ctx.sentence[0], ctx.start - 24) : ctx.start]
        if ctx.word_before() not in _YEAR_BEFORE and not _PART_OF.search(before):
            return None
    if ctx.anchor is None:
        return unresolved("year", "the_year")
    return Found("DATE", str(ctx.anchor.year), "year", None, "anchor_year")


def _names_a_paper(ctx: Context) -> bool:
    """True if a frequency word ("daily", "weekly") names a publication rather than a repetition.

    "Daily Mail" and "China Daily" (capitalised inside a sentence), "a daily newspaper",
    "the party daily Granma" (a name follows), "published by a daily." (a noun on its own).
    """
    if ctx.surface[0].isupper() and ctx.text[ctx.sentence[0] : ctx.start].strip(" \"'“‘(`"):
        return True
    following = _NEXT_WORD.match(ctx.text, ctx.end).group(1)
    if following.lower() in _PUBLICATIONS or following[:1].isupper():
        return True
    return ctx.word_before() in ("a", "an", "the") and not following[:1].isalnum()
