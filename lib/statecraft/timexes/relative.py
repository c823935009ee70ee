"""Handlers for relative and period expressions, durations, sets and fixed phrases.

"last month", "earlier this week", "three months ago", "the first quarter", "summer 2024",
"six-year hiatus", "each year", "the near future". Relative expressions need the anchor;
without one they keep an X-value (``XXXX-XX``) and the rule says why
(``relative_month:unresolved_no_anchor``), never a guess.
"""

from __future__ import annotations

import datetime as dt
import re

from statecraft.timexes import calendar as cal
from statecraft.timexes.context import MODS, UNKNOWN, Context, Found, lookup, normalise, number, word_value, year_number

Groups = dict[str, str | None]
_PAST = {"last": -1, "past": -1, "previous": -1, "prior": -1, "latest": -1, "most recent": -1, "recent": -1}
_NEXT = {"next": 1, "coming": 1, "following": 1, "upcoming": 1}
_RELATIVE_YEAR = frozenset(_PAST) | frozenset(_NEXT) | {"this", "current"}  # "last year's": not a number
_NARRATIVE = ("following", "previous", "prior", "same")  # relative to the story's last date, not the anchor
_HALF_SPAN = {"week": 3, "month": 15, "year": 182}  # days from the anchor to the middle of "the past <unit>"
_UNIT_GRANULARITY = {"D": "day", "W": "week", "M": "month", "Q": "quarter", "Y": "year", "E": "decade"}
APPROX = {
    "about": "APPROX",
    "around": "APPROX",
    "some": "APPROX",
    "roughly": "APPROX",
    "approximately": "APPROX",
    "nearly": "LESS_THAN",
    "almost": "LESS_THAN",
    "less than": "LESS_THAN",
    "under": "LESS_THAN",
    "just under": "LESS_THAN",
    "up to": "EQUAL_OR_LESS",
    "more than": "MORE_THAN",
    "over": "MORE_THAN",
    "just over": "MORE_THAN",
    "at least": "EQUAL_OR_MORE",
}
_HALF_YEAR = re.compile(r"\b(?:nine|six|12|twelve) months\b|\bfull year\b|\bfiscal year\b")
_COUNT_BEFORE = re.compile(r"(?:\d|million|billion|trillion|thousand|hundred|percent|%|times|once|twice)\W{0,3}$")


def unit_code(surface: str | None) -> str:
    """Return the lexicon code of a time unit word ("months" -> "M", "hours" -> "TH")."""
    text = normalise(surface or "")
    text = "century" if text.startswith("centur") else text.rstrip("s") if text != "s" else text
    return word_value("unit", text.split()[-1]) or ""


def _offset(rel: str) -> int:
    return _PAST.get(rel, 0) or _NEXT.get(rel, 0)


def unresolved(granularity: str, rule: str | None = None, mod: str | None = None) -> Found:
    """Return the X-value reading of an expression that needs an anchor the document lacks."""
    return Found("DATE", UNKNOWN[granularity], granularity, mod, "unresolved_no_anchor", rule)


def _quarter_found(year: int, quarter: int, mod: str | None = None, note: str | None = None) -> Found:
    return Found("DATE", f"{year}-Q{quarter}", "quarter", mod, note)


def _year_of(g: Groups, ctx: Context, *names: str) -> int | None:
    for name in names:
        text = g.get(name)
        if text:
            if text[0].isdigit() or normalise(text) not in _RELATIVE_YEAR:
                return year_number(text)
            if ctx.anchor is None:
                return None
            return (
                ctx.anchor.year + _offset(normalise(text))
                if normalise(text) not in ("this", "current")
                else (ctx.anchor.year)
            )
    return None


def quarter(g: Groups, ctx: Context) -> Found | None:
    """Q1 2025, the first quarter, third-quarter, the fourth quarter of 1990, last year's second quarter."""
    number_text = g.get("q1") or g.get("q2") or word_value("ordinal", g.get("ord"))
    q = int(number_text)
    mod = MODS.get(normalise(g.get("mod") or ""))  # "late Q4"
    year = _year_of(g, ctx, "year1", "year2", "relyear1", "relyear2")
    if year is not None:
        return _quarter_found(year, q, mod)
    if ctx.anchor is None:
        return Found("DATE", f"XXXX-Q{q}", "quarter", mod, "unresolved_no_anchor")
    anchor = ctx.anchor
    closing = _closing_day(_ENDED_ON.match(ctx.text, ctx.end), anchor)
    if closing is not None:  # "the second quarter ended Oct. 31" (1988 on Oct. 27, 1989): a fiscal quarter
        return _quarter_found(closing.year, q, mod, note="ended_on")
    if ctx.direction() >= 2:
        # forward: this year's quarter unless it ended more than a quarter ago
        ended = cal.parse_date(cal.interval(f"{anchor.year}-Q{q}")[1])
        year = anchor.year if ended >= anchor - dt.timedelta(days=92) else anchor.year + 1
        return _quarter_found(year, q, mod, note="forward")
    return _quarter_found(cal.infer_year(3 * q - 2, 3 * q, anchor, -1), q, mod, note="backward")


def quarter_relative(g: Groups, ctx: Context) -> Found | None:
    """This quarter, the latest quarter, the year-ago quarter, the quarter; in results, the latest period."""
    rel = normalise(g.get("rel") or "the")
    if g.get("ago"):
        rel = "year-ago"  # "the same period last year", "the quarter a year earlier"
    if normalise(g.get("unit") or "quarter") == "period" and not _quarter_context(ctx):
        return None  # "the same period" outside quarterly results has no calendar reading
    if ctx.anchor is None:
        return unresolved("quarter", "relative_quarter")
    current = cal.quarter_of(ctx.anchor)
    closing = _ENDED_ON.match(ctx.text, ctx.end)
    if closing and rel in ("the", "latest", "most recent", "recent") and ctx.last_with("quarter") is None:
        # "the quarter ended July 31": May-July, mostly Q2 (once the story names its quarters,
        # fiscal ones included, "the quarter" is the one it named)
        found = _quarter_ended(closing, ctx.anchor)
        if found is not None:
            return found
    # "that quarter" is the one just named; otherwise the latest quarter reported on (not a forecast
    # one, not a previous quarter named in passing: "after a flat second quarter")
    mentioned = ctx.last_with("quarter") if rel == "that" else ctx.last_with("quarter", ended=True)
    reference = (int(mentioned[:4]), int(mentioned[-1])) if mentioned else cal.shift_quarter(*current, -1)
    year = _year_of(g, ctx, "year", "relyear")
    if year is not None:  # "the 1988 quarter", "last year's period": the quarter in discussion, that year
        rule = "year_ago" if year < reference[0] else "relative_quarter"  # a comparison is no new reference
        return Found("DATE", f"{year}-Q{reference[1]}", "quarter", None, "year_of_quarter", rule)
    if rel in ("this", "current"):
        year, q = current
    elif rel in ("the", "same", "that"):
        year, q = reference
    elif rel in ("year-ago", "year-earlier", "comparable", "corresponding"):
        year, q = cal.shift_quarter(*reference, -4)
    elif rel == "final":
        year, q = cal.infer_year(10, 12, ctx.anchor, ctx.direction()), 4
    else:
        year, q = cal.shift_quarter(*current, _offset(rel))
    rule = "year_ago" if rel in ("year-ago", "year-earlier", "comparable", "corresponding") else "relative_quarter"
    return Found("DATE", f"{year}-Q{q}", "quarter", None, rel.replace(" ", "_"), rule)


_ENDED_ON = re.compile(
    r",?\s+(?P<verb>ended|ending|that\s+ended|which\s+ended)\s+(?P<month>[A-Z][a-z]{2,8}\.?)\s+(?P<day>[0-3]?\d)\b"
    r"(?:,\s+(?P<year>(?:19|20)\d\d)\b)?"
)


def _closing_day(closing: re.Match[str] | None, anchor: dt.date) -> dt.date | None:
    """The day in "ended Oct. 31" / "ending Dec. 31, 1989": a past one for "ended"."""
    if closing is None:
        return None
    month = int(word_value("month", closing["month"]) or 0)
    day = int(closing["day"])
    if not month or not cal.valid_day(2000, month, day):
        return None
    if closing["year"]:
        year = int(closing["year"])
        return dt.date(year, month, day) if cal.valid_day(year, month, day) else None
    return cal.infer_day(month, day, anchor, -1 if "ended" in closing["verb"] else 0)


def _quarter_ended(closing: re.Match[str], anchor: dt.date) -> Found | None:
    """The calendar quarter holding the middle month of the three that end on the closing date."""
    day = _closing_day(closing, anchor)
    if day is None:
        return None
    # the middle of the three months that end on the day ("ended Oct. 2" closes September's quarter)
    middle_year, middle = cal.shift_month(day.year, day.month, -1 if day.day >= 15 else -2)
    return Found("DATE", f"{middle_year}-Q{(middle - 1) // 3 + 1}", "quarter", None, "ended_on", "relative_quarter")


def half(g: Groups, ctx: Context) -> Found | None:
    """The second half of 2024, H1 2025, the first half (of this year)."""
    ordinal = normalise(g.get("ord") or "")
    h = int(g.get("h1") or g.get("h2") or (1 if ordinal in ("first", "1st") else 2))
    year = _year_of(g, ctx, "year1", "year2", "relyear", "relyear3")
    if year is None and "of the year" in normalise(ctx.surface) and ctx.anchor:
        year = ctx.anchor.year
    if year is not None:
        return Found("DATE", f"{year}-H{h}", "half")
    if ctx.anchor is None:
        return Found("DATE", f"XXXX-H{h}", "half", None, "unresolved_no_anchor")
    return Found("DATE", f"{cal.infer_year(6 * h - 5, 6 * h, ctx.anchor, ctx.direction())}-H{h}", "half")


_SEASON_BEFORE = frozenset("in during since until by through throughout for over into".split())
_THE_SEASON_BEFORE = frozenset("in during over by into throughout".split())


def season(g: Groups, ctx: Context) -> Found | None:
    """Summer 2024, last fall, this summer, early spring; never "prices fall" or "the fall of FTX"."""
    code = word_value("season", g["season"])
    rel = normalise(g.get("rel") or "")
    mod = MODS.get(normalise(g.get("mod") or ""))
    if not g.get("year") and not mod:
        if not rel and ctx.word_before() not in _SEASON_BEFORE:
            return None
        if rel == "the" and (ctx.word_after() == "of" or ctx.word_before() not in _THE_SEASON_BEFORE):
            return None
    if g.get("year"):
        return Found("DATE", f"{year_number(g['year'])}-{code}", "season", mod)
    if ctx.anchor is None:
        return Found("DATE", f"XXXX-{code}", "season", mod, "unresolved_no_anchor")
    first, last = cal.SEASON_MONTHS[code]
    anchor = ctx.anchor
    if rel in ("this",):
        year = anchor.year - 1 if code == "WI" and anchor.month <= 2 else anchor.year
    elif rel in ("last", "this past", "past"):
        year = cal.infer_year(first, last, anchor, -1)
        if year * 12 + last >= anchor.year * 12 + anchor.month:
            year -= 1
    elif rel in ("next", "this coming", "coming"):
        year = cal.infer_year(first, last, anchor, 1)
        if year * 12 + first <= anchor.year * 12 + anchor.month:
            year += 1
    else:
        year = cal.infer_year(first, last, anchor, ctx.direction())
    return Found("DATE", f"{year}-{code}", "season", mod)


def ago(g: Groups, ctx: Context) -> Found | None:
    """Three months ago, a year ago, two weeks later, a week or so ago."""
    count, unit = number(g["num"]), unit_code(g["unit"])
    step = 1 if normalise(g["dir"]) in ("later", "from now", "hence") else -1
    mod = APPROX.get(normalise(g.get("approx") or "")) or ("APPROX" if " or so " in ctx.surface else None)
    if unit.startswith("T") or unit == "2W":
        unit, count = ("D", 0) if unit.startswith("T") else ("W", 2 * (count or 1))
    granularity = _UNIT_GRANULARITY.get(unit, "year")
    if count is None:
        return Found("DATE", "FUTURE_REF" if step > 0 else "PAST_REF", "ref", mod, "vague")
    if ctx.anchor is None:
        return unresolved(granularity, "ago", mod)
    return shifted(ctx, unit, int(count) * step, mod, "ago")


def shifted(ctx: Context, unit: str, amount: int, mod: str | None, rule: str) -> Found:
    """The day, week, month, quarter, year, decade or century ``amount`` units from the anchor."""
    anchor = ctx.anchor
    if unit == "D":
        return Found("DATE", (anchor + dt.timedelta(days=amount)).isoformat(), "day", mod, None, rule)
    if unit == "W":
        return Found("DATE", cal.week_value(anchor + dt.timedelta(weeks=amount)), "week", mod, None, rule)
    if unit == "M":
        year, month = cal.shift_month(anchor.year, anchor.month, amount)
        return Found("DATE", f"{year}-{month:02d}", "month", mod, None, rule)
    if unit == "Q":
        year, q = cal.shift_quarter(*cal.quarter_of(anchor), amount)
        return Found("DATE", f"{year}-Q{q}", "quarter", mod, None, rule)
    if unit in ("E", "C") and rule == "ago":  # "a decade ago" in 1999 is about 1989, not the 1980s
        return Found("DATE", str(anchor.year + amount * (10 if unit == "E" else 100)), "year", mod, None, rule)
    if unit == "E":
        return Found("DATE", str(anchor.year // 10 + amount), "decade", mod, None, rule)
    if unit == "C":
        return Found("DATE", f"{anchor.year // 100 + amount:02d}", "century", mod, None, rule)
    if amount in (-1, 1) and _quarter_context(ctx):
        mentioned = ctx.last_with("quarter")
        ref = (int(mentioned[:4]), int(mentioned[-1])) if mentioned else cal.shift_quarter(*cal.quarter_of(anchor), -1)
        year, q = cal.shift_quarter(*ref, 4 * amount)
        return Found("DATE", f"{year}-Q{q}", "quarter", mod, "quarter_context", rule)
    return Found("DATE", str(anchor.year + amount), "year", mod, None, rule)


def _quarter_context(ctx: Context) -> bool:
    """Financial-report context: "a year ago" then means the same quarter a year earlier."""
    sentence = ctx.sentence_text().lower()
    if _HALF_YEAR.search(sentence):
        return False
    return "quarter" in sentence or ctx.last_with("quarter") is not None


def year_ago(g: Groups, ctx: Context) -> Found | None:
    """Year-ago, the year-earlier quarter, the year-ago period."""
    if ctx.anchor is None:
        return unresolved("year", "year_ago")
    unit0 = normalise(g.get("unit0") or "year")
    if unit0 != "year":
        return shifted(ctx, "M" if unit0 == "month" else "Q", -1, None, "year_ago")
    if normalise(g.get("unit") or "") == "quarter" and not _quarter_context(ctx):
        year, q = cal.shift_quarter(*cal.quarter_of(ctx.anchor), -5)
        return Found("DATE", f"{year}-Q{q}", "quarter", None, None, "year_ago")
    return shifted(ctx, "Y", -1, None, "year_ago")


def relative_unit(g: Groups, ctx: Context) -> Found | None:
    """Last month, this week, earlier this year, end of last year, the past year, year-end."""
    unit = normalise(g["unit"]).split()[-1]
    rel = normalise(g.get("rel") or "this")
    mod = MODS.get(normalise(g.get("mod") or ""))
    the = ctx.surface.lower().startswith("the ") or ctx.word_before() == "the"
    if rel in ("last", "past") and the and ctx.word_after() == "of":
        return None  # "the last month of the year", "the last week of December": a part of what follows
    if _QUOTED_TITLE.search(ctx.text, max(0, ctx.start - 2), ctx.start) and ctx.surface.istitle():
        return None  # ABC's "This Week": a programme
    rule = f"relative_{unit}"
    granularity = {"weekend": "week"}.get(unit, unit)
    if ctx.anchor is None:
        return unresolved(granularity, rule, mod)
    anchor, offset = ctx.anchor, _offset(rel)  # "that" has offset 0
    note = None
    if rel == "that":
        anchor, note = ctx.last_date() or anchor, "narrative"  # "June 1998 ... later that year"
    elif rel in _NARRATIVE:
        mentioned = ctx.last_with(granularity)
        if mentioned and cal.parse_date(cal.interval(mentioned)[0]):
            anchor, note = cal.parse_date(cal.interval(mentioned)[0]), "narrative"
        elif ctx.last_date() is not None:  # "On May 22, 1995, ... the following year": 1996
            anchor, note = ctx.last_date(), "narrative"
        offset = {"following": 1, "same": 0}.get(rel, -1)
    if unit in ("decade", "century") and rel == "past" and not mod and the:
        # "the past decade" is the ten years up to the anchor; "the last decade" the previous one
        return Found("DURATION", "P10Y" if unit == "decade" else "P100Y", "duration", None, "rolling", rule)
    if unit in _HALF_SPAN and rel in ("past", "last") and not mod and normalise(ctx.surface).startswith("the "):
        # "the past week" is the seven days up to the anchor: the week holding their middle day
        # (on Dec. 27 "the past year" is this year, not last)
        middle = anchor - dt.timedelta(days=_HALF_SPAN[unit])
        found = shifted(_plain(ctx, middle), unit[0].upper(), 0, None, rule)
        return Found(found.timex_type, found.value, found.granularity, None, "rolling", rule)
    if unit == "year" and rel in ("coming", "upcoming") and anchor.month == 1 and note is None:
        offset, note = 0, "just_begun"  # "predictions for the coming year" on January 1 are about this year
    if unit == "weekend":
        week = cal.week_value(anchor + dt.timedelta(weeks=offset))
        return Found("DATE", f"{week}-WE", "week", mod, note, rule)
    found = shifted(
        _plain(ctx, anchor),
        {"week": "W", "month": "M", "quarter": "Q", "decade": "E", "century": "C"}.get(unit, "Y"),
        offset,
        mod,
        rule,
    )
    return Found(found.timex_type, found.value, found.granularity, mod, note, rule)


def _names_a_title(ctx: Context) -> bool:
    """True if a capitalised "Today" inside a sentence ends a name ("USA Today", "U.Today")."""
    if not ctx.surface[:1].isupper() or ctx.start == ctx.sentence[0]:
        return False
    if ctx.text[ctx.start - 1] == ".":
        return True
    raw = ctx.word_before_raw()
    before = ctx.text[ctx.sentence[0] : ctx.start].strip(" \"'“‘(`")
    return bool(raw) and raw[0].isupper() and ctx.text[ctx.start - 1] == " " and before != raw


_QUOTED_TITLE = re.compile(r"[\"“`'‘]\s*$")
_GENERIC_REF = {"today": "PRESENT_REF", "tomorrow": "FUTURE_REF"}
_POSSESSIVE_NOUN = re.compile(r"['’]s\s+([a-z]+)")


def _generic(ctx: Context) -> bool:
    """True for the era, not the day: "today's youth", "the world of tomorrow" (nouns in lexicon.csv)."""
    after = _POSSESSIVE_NOUN.match(ctx.text, ctx.end)
    if after:
        return after.group(1) in lookup("generic_after_today")
    return ctx.word_before() == "of" and normalise(ctx.surface) == "tomorrow"


def _plain(ctx: Context, anchor: dt.date) -> Context:
    return Context("", 0, 0, anchor, (0, 0))


def day_relative(g: Groups, ctx: Context) -> Found | None:
    """Today, yesterday, tomorrow, tonight, this morning, last night, earlier today."""
    word = normalise(g.get("word") or g.get("word2") or "")
    pod = word_value("part_of_day", g.get("pod") or g.get("pod2"))
    if word == "last" and pod not in ("NI", "EV"):
        return None
    offset = {
        "yesterday": -1,
        "tomorrow": 1,
        "last": -1,
        "the day before yesterday": -2,
        "the day after tomorrow": 2,
    }.get(word, 0)
    mod = MODS.get(normalise(g.get("mod") or ""))
    if _names_a_title(ctx):
        return None  # "U.Today", "USA Today", "VOA Today": a publication or a programme
    if not pod and word in _GENERIC_REF and _generic(ctx):
        return Found("DATE", _GENERIC_REF[word], "ref", mod, None, "generic")
    if ctx.anchor is None:
        return unresolved("time" if pod else "day", "relative_day", mod)
    day = (ctx.anchor + dt.timedelta(days=offset)).isoformat()
    if pod:
        return Found("TIME", f"{day}T{pod}", "time", mod, None, "relative_day")
    return Found("DATE", day, "day", mod, None, "relative_day")


_NARRATIVE_STEP = {"the next": 1, "the following": 1, "the previous": -1, "the prior": -1, "before": -1, "after": 1}


def day_narrative(g: Groups, ctx: Context) -> Found | None:
    """The next day, the following morning, the same day, that night, the day before, earlier that day.

    They count from the last day the story named in the few sentences before ("arrested Feb. 22
    ... the next day" is Feb. 23); after a coarser date ("mid-November ... that same day") they
    are not read. With no date named nearby, a step counts from the anchor ("up 3% from the
    previous day"), and "that day" or "the same day" has no reading.
    """
    unit = normalise(g.get("unit") or g.get("unit2") or "day")
    step = _NARRATIVE_STEP.get(normalise(g.get("rel") or ""), 0) + _NARRATIVE_STEP.get(normalise(g.get("dir") or ""), 0)
    pod = word_value("part_of_day", unit) if unit != "day" else None
    last, note = ctx.last_day(), "narrative"
    if last is not None and last[1] not in ("day", "time"):
        return None  # after "mid-November", "that same day" is a day we cannot place
    reference = last[0] if last else None
    if reference is None:
        if step == 0:
            return None
        reference, note = ctx.anchor, "anchor"
    if reference is None:
        return unresolved("time" if pod else "day", "narrative_day")
    day = (reference + dt.timedelta(days=step)).isoformat()
    if pod:
        return Found("TIME", f"{day}T{pod}", "time", None, note, "narrative_day")
    return Found("DATE", day, "day", None, note, "narrative_day")
