"""Handlers for named calendar dates: explicit dates, month-days, months, weekdays, holidays, years.

Each handler takes the groups of its rule's match and a :class:`Context` and returns a
:class:`Found`, or None to reject the match (a year that is a count, "may" the verb, ...).
Yearless dates are resolved against the anchor (the publication date): backward by default,
forward when the clause is in the future tense (:meth:`Context.direction`).
"""

from __future__ import annotations

import calendar
import datetime as dt
import functools
import re

from statecraft.timexes import calendar as cal
from statecraft.timexes.context import MODS, Context, Found, capitalised, lookup, normalise, word_value, year_number
from statecraft.timexes.patterns import grammar

Groups = dict[str, str | None]
_CLOCK = re.compile(r"(\d{1,2})(?::(\d\d))?(?::(\d\d))?\s*([ap])?", re.IGNORECASE)
#: Words before a bare "May"/"March" (or "spring"/"fall") that make it a date, not a verb.
DATE_PREPOSITIONS = frozenset(
    "in since until till by during from through throughout before after of to between and or early late mid "
    "last this next around for".split()
)
#: Words before a month-day that close a reporting period: "the year ended March 31" is past.
_PERIOD_END = frozenset({"ended"})
#: A date this close ahead of the anchor stays ahead even in a past-tense clause.
_SOON_DAYS = 92
_FAR_DAYS = 300
_RECENT_DAYS = 31
_ARITHMETIC = re.compile(r" [-+](?!-)|x | x")  # "2020 - 3", "1920 x 1080"; not "1984 -- part"
_AT_CLOCK = re.compile(r",?\s+(?:at\s+|from\s+|by\s+)?")
_SPACED = re.compile(r"[ \t\u00a0]+\w")
_SPOKEN_2000_BEFORE = frozenset({"year", "in", "since", "until", "by"})
_WEEKDAY_OFFSET = {"last": -1, "this past": -1, "the previous": -1, "next": 1, "this coming": 1, "the following": 1}


def _year(surface: str | None) -> int | None:
    return year_number(surface) if surface else None


def _day(surface: str) -> int:
    return int(re.match(r"\d+", surface).group())


def _direction_note(direction: int) -> str:
    return "forward" if direction > 0 else "backward" if direction < 0 else "nearest"


def strong(score: int) -> int:
    """Keep only a strong tense cue (+2 / -2) as a direction; weak or no cue gives 0 (nearest)."""
    return (score > 0) - (score < 0) if abs(score) >= 2 else 0


def _clock_value(surface: str) -> str | None:
    text = normalise(surface)
    if text.startswith(("noon", "midday")):
        return "12:00"
    if " in the " in text or " at night" in text:  # "4 in the morning", "9 at night"
        hour, _, rest = text.partition(" ")
        hour_text, _, minute = hour.partition(":")
        hour_number = int(hour_text) % 12 + (0 if "morning" in rest else 12)
        if hour_number == 12 and "night" in rest and not minute:
            return "24:00"  # "12 at night" is midnight
        return f"{hour_number:02d}:{minute or '00'}"
    if text.startswith("midnight"):
        return "24:00"
    match = _CLOCK.match(text)
    hour, minute, second, ampm = match.groups()
    hour = int(hour)
    if ampm and not 1 <= hour <= 12:
        return None
    if ampm and ampm.lower() == "p" and hour < 12:
        hour += 12
    elif ampm and ampm.lower() == "a" and hour == 12:
        hour = 0
    return f"{hour:02d}:{minute or '00'}" + (f":{second}" if second else "")


def _day_found(day: dt.date | None, clock: str | None = None, mod: str | None = None, note: str | None = None):
    if day is None:
        return None
    if clock:
        value = _clock_value(clock)
        return Found("TIME", f"{day.isoformat()}T{value}", "time", mod, note) if value else None
    return Found("DATE", day.isoformat(), "day", mod, note)


def iso_date(g: Groups, ctx: Context) -> Found | None:
    """2025-04-03, 2026/01/22 15:10:23."""
    year, month, day = int(g["year"]), int(g["mo"]), int(g["dd"])
    if not cal.valid_day(year, month, day):
        return None
    return _day_found(dt.date(year, month, day), g["clock"])


def numeric_date(g: Groups, ctx: Context) -> Found | None:
    """22.01.2026 and 01/22/2026: dots are day-first, slashes month-first.

    Slash dates follow the US (and English-language wire) order: ``01/02/2026`` is
    January 2, unless the first number cannot be a month (``22/01/2026`` is January 22).
    Dotted dates are European, day first (``01.02.2026`` is February 1). Mixed separators
    are not a date.
    """
    first, second, year = int(g["d1"]), int(g["d2"]), int(g["year"])
    separators = ctx.surface[len(g["d1"])], ctx.surface[len(g["d1"]) + 1 + len(g["d2"])]
    if separators[0] != separators[1]:
        return None
    day, month = (first, second) if g["sep"] == "." or first > 12 else (second, first)
    if not cal.valid_day(year, month, day):
        return None
    return _day_found(dt.date(year, month, day))


def month_day_year(g: Groups, ctx: Context) -> Found | None:
    """April 3, 2025 / 3 April 2025 / April 07, 2025, 2:25 AM."""
    month = int(word_value("month", g["month"]) or 0)
    year, day = year_number(g["year"]), _day(g["day"])
    if not capitalised(g["month"]) or not cal.valid_day(year, month, day):
        return None
    return _day_found(dt.date(year, month, day), g.get("clock"))


def month_day(g: Groups, ctx: Context) -> Found | None:
    """April 3, Dec. 5, 3 April: the occurrence nearest the anchor.

    A strong future cue ("will") takes the next one; a closed period ("the year ended
    March 31") the last one. A strong past cue takes the last one unless the next is less
    than three months away: news reports coming dates in the past tense too ("was
    extended to Nov. 16"). After "on", "from" or "since", any past cue in a story whose last
    date named is in an earlier year takes the last one ("On February 2, a hacker drained
    ..." in a January review of last year).
    """
    month = int(word_value("month", g["month"]) or 0)
    day = _day(g["day"])
    if not capitalised(g["month"]) or not cal.valid_day(2000, month, day):
        return None
    if len(g["day"]) == 1 and g["day"] == "0":
        return None
    mod = MODS.get(normalise(g.get("mod") or ""))
    if ctx.anchor is None:
        return Found("DATE", f"XXXX-{month:02d}-{day:02d}", "day", mod, "unresolved_no_anchor")
    rel = normalise(g.get("rel") or "")
    ahead = (cal.infer_day(month, day, ctx.anchor, 1) - ctx.anchor).days
    ago = (ctx.anchor - cal.infer_day(month, day, ctx.anchor, -1)).days
    score = ctx.direction()
    direction = _yearless_direction(score, ahead, ago)
    if direction == 0 and score < 0 and ctx.word_before() in ("on", "from", "since") and _told_last_year(ctx):
        direction = -1  # "On February 2, a hacker drained ..." in a January review of last year
    if direction == 0 and ctx.word_before() in _PERIOD_END:
        direction = -1  # a closed period: "the year ended March 31"
    if rel:
        direction = -1 if rel in ("last", "this past") else 1
    return _day_found(cal.infer_day(month, day, ctx.anchor, direction), None, mod, _direction_note(direction))


def _told_last_year(ctx: Context) -> bool:
    """True when the last date the story named is in a year before the anchor's."""
    last = ctx.last_date()
    return last is not None and last.year < ctx.anchor.year


def _yearless_direction(score: int, ahead: int, ago: int) -> int:
    """Which occurrence of a yearless date or holiday the tense points to: +1 next, -1 last, 0 nearer.

    ``score`` is the clause's tense (:meth:`Context.direction`); ``ahead`` / ``ago`` are the days
    to the next and since the last occurrence. A strong future cue takes the next one, unless
    the last fell within a month and the next is eleven months away ("would ... Jan. 14" on
    Jan. 15). A strong past cue takes the last one unless the next is under three months away.
    """
    direction = 1 if score >= 2 else -1 if score <= -2 and ahead > _SOON_DAYS else 0
    if direction > 0 and ahead > _FAR_DAYS and ago <= _RECENT_DAYS:
        direction = -1
    return direction


def week_of(g: Groups, ctx: Context) -> Found | None:
    """The week of March 6: the ISO week holding that day (the day itself when the year is unknown)."""
    found = month_day(g, ctx)
    if found is None or not found.value[:1].isdigit():
        return found
    return Found("DATE", cal.week_value(dt.date.fromisoformat(found.value)), "week", None, found.note)


#: The day whose ISO week is the month's first..fourth week: as for ISO years, the first week
#: is the one holding the 4th (most of its days are in the month).
_WEEK_OF_MONTH_DAY = {"first": 4, "second": 11, "third": 18, "fourth": 25}


def week_of_month(g: Groups, ctx: Context) -> Found | None:
    """The first week of January, the last week of December: an ISO week.

    The first week holds the month's 4th day, the second its 11th, and so on; the last week
    holds its fourth-last day.
    """
    value = int(word_value("month", g["month"]) or 0)
    if not capitalised(g["month"]) or not value:
        return None
    if g.get("year"):
        year, note = year_number(g["year"]), None
    elif ctx.anchor is None:
        return Found("DATE", "XXXX-WXX", "week", None, "unresolved_no_anchor")
    else:
        year, note = _tensed_year(value, ctx)
    ordinal = normalise(g["ord"])
    last_day = calendar.monthrange(year, value)[1]
    day = _WEEK_OF_MONTH_DAY.get(ordinal, last_day - 3)
    return Found("DATE", cal.week_value(dt.date(year, value, day)), "week", None, note)


#: Words before a month that end a span: "through January" in October is the coming one.
_UNTIL = frozenset({"until", "till", "through", "thru"})
_REL_STEP = {"the following": 1, "next": 1, "the previous": -1, "last": -1}
#: "Today is the eighth day of Desert Shield", "It's the second day of an offensive".
_TODAY_IS = re.compile(r"\b(?:today\s+is|today['’]s|it\s+is|it['’]s|this\s+is|today\s+marks)\s+$", re.IGNORECASE)


def day_of(g: Groups, ctx: Context) -> Found | None:
    """The first day of 2023, the last day of March, the third day of the new year: one day.

    A yearless month takes its year as "in March" would; "the year" / "the new year" is the
    anchor's, "next year" / "the following year" the one after, and "that year" the year
    the story is at.
    """
    nth = int(word_value("day_ordinal", g["nth"]) or re.match(r"\d+", g["nth"]).group())
    if nth == 0:
        return None  # "the 0th day": no day
    if g["month"]:
        month = int(word_value("month", g["month"]) or 0)
        if not capitalised(g["month"]) or not month:
            return None
        if g["year"]:
            year, note = year_number(g["year"]), None
        elif ctx.anchor is None:  # the last day of February depends on the year
            day = (0 if month == 2 else calendar.monthrange(2001, month)[1]) if nth < 0 else nth
            return Found("DATE", f"XXXX-{month:02d}-{day:02d}", "day", None, "unresolved_no_anchor") if day else None
        else:
            year, note = _tensed_year(month, ctx)
        return _day_found(_nth_day(f"{year}-{month:02d}", nth), note=note)
    if g["yonly"]:
        period = str(year_number(g["yonly"]))
    elif ctx.anchor is None:
        return Found("DATE", "XXXX-XX-XX", "day", None, "unresolved_no_anchor")
    else:
        rel, unit = normalise(g["rel"]), normalise(g["unit"])
        reference = (ctx.last_date() or ctx.anchor) if rel == "that" else ctx.anchor
        step = _REL_STEP.get(rel, 0)
        if rel == "the new" and unit == "year" and reference.month >= 10:
            step = 1  # "the new year" in December is the coming one
        period = _period(reference, unit, step)
        if rel == "the":  # "the last day of the year" in January, said in the past: the year just gone
            direction = strong(ctx.direction())
            candidate = _nth_day(period, nth)
            if candidate is not None and (candidate - reference).days * direction < 0:
                period = _period(reference, unit, direction)
    day = _nth_day(period, nth)
    return _day_found(day) if day else None


def _period(reference: dt.date, unit: str, step: int) -> str:
    """The value of the year or month ``step`` units from ``reference`` ("2023", "2023-02")."""
    if unit == "year":
        return str(reference.year + step)
    year, month = cal.shift_month(reference.year, reference.month, step)
    return f"{year}-{month:02d}"


def _nth_day(period: str, nth: int) -> dt.date | None:
    """The ``nth`` day (-1: the last) of a year or month value ("2023", "2023-02"); None past its end."""
    first, end = (dt.date.fromisoformat(day) for day in cal.interval(period))
    day = end if nth < 0 else first + dt.timedelta(days=nth - 1)
    return day if day <= end else None


def day_of_event(g: Groups, ctx: Context) -> Found | None:
    """A day of an event is the anchor after "it is" ("today is the eighth day of Desert Shield"), else no date."""
    if ctx.anchor is None or not _TODAY_IS.search(ctx.text, max(0, ctx.start - 20), ctx.start):
        return None
    if g["nth"][:1] == "0":
        return None
    return _day_found(ctx.anchor, note="today")


#: "<Month> of (the) <Capitalised word>" that is no month: a name.
_NAME_OF = re.compile(
    r"\s+of\s+(?:the\s+)?(?!(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\b)[A-Z][a-z]"
)


def month(g: Groups, ctx: Context) -> Found | None:
    """September 2021, in December, last April, early July, June last year."""
    token = g["month"]
    value = int(word_value("month", token) or 0)
    if not capitalised(token) or not value:
        return None
    mod = MODS.get(normalise(g["mod"] or "").removeprefix("the ").removesuffix(" of"))
    rel = normalise(g["rel"] or "")
    bare = not (g["year"] or g["relyear"] or rel or mod)
    full_name = normalise(token).rstrip(".") in _full_months()
    if bare and not full_name:
        return None
    before = ctx.word_before()
    if bare and value in (3, 5) and before not in DATE_PREPOSITIONS and before not in lookup("year_determiner"):
        if not (ctx.text[ctx.start - 1 : ctx.start] == "(" and ctx.text[ctx.end : ctx.end + 1] == ")"):
            return None  # "may fall", "march on"; but "in May", "the March accession", "(May)"
    if bare and _NAME_OF.match(ctx.text, ctx.end):
        return None  # "the March of Dimes", "the March of the Combatant Mothers": a name
    if g["year"]:
        return Found("DATE", f"{year_number(g['year'])}-{value:02d}", "month", mod)
    if ctx.anchor is None:
        return Found("DATE", f"XXXX-{value:02d}", "month", mod, "unresolved_no_anchor")
    anchor = ctx.anchor
    note = rel.replace(" ", "_") or None
    if g["relyear"]:
        year = anchor.year + {"last": -1, "this": 0, "next": 1}[normalise(g["relyear"])]
    elif rel in ("last", "this past", "past"):
        year = anchor.year if value < anchor.month else anchor.year - 1
        if rel == "last" and (anchor.month - value) % 12 == 1:
            year -= 1  # "last February" in March is a year back: the month just gone is "last month"
    elif rel in ("next", "this coming", "coming"):
        year = anchor.year if value > anchor.month else anchor.year + 1
    elif rel == "this":
        year = anchor.year
    else:
        year, note = _tensed_year(value, ctx)
    return Found("DATE", f"{year}-{value:02d}", "month", mod, note)


def _tensed_year(month_number: int, ctx: Context) -> tuple[int, str]:
    """The year of a yearless month from the clause's tense, as HeidelTime does for news.

    A strong cue decides: past ("met in December" in April: last year's December), future
    ("will ... in March" in May: next year's). A weak past cue ("-ed") keeps an earlier month
    in the anchor's year. Any past cue, in a story whose last date named is in an earlier
    year (a January review of last year), takes the past one. With no cue at all, a story
    whose latest date so far is past takes the past one; otherwise the nearer occurrence
    wins ("December" in an October article is this December, in an April article last
    December). After until/through, a month within three months ahead is the coming one.
    """
    anchor, score = ctx.anchor, ctx.direction()
    direction = strong(score)
    ahead = (month_number - anchor.month) % 12
    if direction == 0 and ctx.word_before() in _UNTIL and 0 < ahead * 30 <= _SOON_DAYS:
        return anchor.year + (month_number < anchor.month), "until"  # "loans extended through January"
    if direction == 0 and score < 0 and month_number <= anchor.month:
        direction = -1
    if direction < 0 and month_number > anchor.month and (month_number - anchor.month) * 30 <= _SOON_DAYS:
        direction = 0
    if direction == 0 and score < 0 and _told_last_year(ctx):
        direction = -1  # "Terra collapsed in May" in a January review of last year
    if score == 0 and (ctx.last_date() or anchor) < anchor:
        direction = -1  # no tense at all, in a story already told in the past ("(March)" in a year review)
    year = cal.infer_year(month_number, month_number, anchor, direction)
    return year, _direction_note(direction)


@functools.cache
def _full_months() -> frozenset[str]:
    return frozenset(normalise(t) for t in grammar().words["month"] if not t.endswith("."))


def weekday(g: Groups, ctx: Context) -> Found | None:
    """Friday, on Friday, last Friday, next Monday, Friday night."""
    if not capitalised(g["weekday"]):
        return None
    day = int(word_value("weekday", g["weekday"]))
    rel = normalise(g["rel"] or "")
    mod = MODS.get(rel)
    pod = word_value("part_of_day", g["pod"])
    if ctx.anchor is None:
        value = f"XXXX-WXX-{day}" + (f"T{pod}" if pod else "")
        return Found("TIME" if pod else "DATE", value, "time" if pod else "day", mod, "unresolved_no_anchor")
    anchor = ctx.anchor
    if rel in _WEEKDAY_OFFSET:
        step = _WEEKDAY_OFFSET[rel]
        note, reference = rel.replace(" ", "_"), anchor
        last = ctx.last_day() if rel.startswith("the ") else None
        if last and last[1] in ("day", "time"):  # "fell Friday, 4% below the previous Friday": a week earlier
            note, reference = note + "_narrative", last[0]
        date = cal.infer_weekday(day, reference + dt.timedelta(days=step), step)
    elif rel == "this":
        date, note = dt.date.fromisocalendar(*anchor.isocalendar()[:2], day), "this"
    else:
        direction = 1 if ctx.direction() >= 2 else -1
        date, note = cal.infer_weekday(day, anchor, direction), _direction_note(direction)
    if pod:
        return Found("TIME", f"{date.isoformat()}T{pod}", "time", mod, note)
    return Found("DATE", date.isoformat(), "day", mod, note)


def holiday(g: Groups, ctx: Context) -> Found | None:
    """Christmas, Thanksgiving, Election Day, New Year's Day (2024); "Easter week" is the ISO week of Easter.

    Without a year the tense chooses between the last and the coming one as for a month-day:
    a strong cue decides, a strong past cue only when the coming one is over three months away,
    otherwise the nearer one.
    """
    found = _holiday_day(g, ctx)
    if found is None or not g.get("hweek") or not found.value[:1].isdigit():
        return found
    return Found("DATE", cal.week_value(dt.date.fromisoformat(found.value)), "week", None, found.note)


def _holiday_day(g: Groups, ctx: Context) -> Found | None:
    spec = word_value("holiday", g["holiday"])
    if g["year"]:
        return _day_found(cal.holiday_date(spec, year_number(g["year"])))
    if ctx.anchor is None:
        return None
    anchor, rel = ctx.anchor, normalise(g["rel"] or "")
    candidates = [cal.holiday_date(spec, year) for year in (anchor.year - 1, anchor.year, anchor.year + 1)]
    if rel == "this":
        return _day_found(candidates[1], note="this")
    latest = max(d for d in candidates if d <= anchor)
    coming = min(d for d in candidates if d >= anchor)
    if rel == "next" and coming == candidates[1] and (coming - anchor).days <= _RECENT_DAYS:
        return _day_found(candidates[2], note="next")  # "next Christmas" on Dec. 24: this one is "this Christmas"
    direction = {"last": -1, "next": 1}.get(rel) or _yearless_direction(
        ctx.direction(), (coming - anchor).days, (anchor - latest).days
    )  # "expect it after Christmas" on Dec. 26 is the Christmas just gone
    note = _direction_note(direction)
    if direction == 0:
        direction = 1 if (coming - anchor) < (anchor - latest) else -1  # no cue: the nearer one
    return _day_found(coming if direction > 0 else latest, note=note)


def clock(g: Groups, ctx: Context) -> Found | None:
    """10 p.m. Wednesday, Friday at 3 p.m., 2:25 AM (the day defaults to the anchor)."""
    value = _clock_value(g["clock"])
    if value is None or normalise(ctx.text[max(0, ctx.start - 5) : ctx.start]).endswith("high"):
        return None  # "High Noon": a film, and "high noon" a figure of speech
    mod = "APPROX" if g.get("approx") else None
    ref = normalise(g["dayref"] or "today")
    previous = ctx.previous[-1] if ctx.previous else None
    if not g["dayref"] and previous and previous["granularity"] == "day" and previous["value"][:1].isdigit():
        if _AT_CLOCK.fullmatch(ctx.text, previous["end"], ctx.start):  # "on 11th January at 11am UTC"
            return Found("TIME", f"{previous['value']}T{value}", "time", mod, "day_before")
    if ctx.anchor is None:
        return Found("TIME", f"XXXX-XX-XXT{value}", "time", mod, "unresolved_no_anchor")
    day = _dayref(ref, ctx)
    return Found("TIME", f"{day.isoformat()}T{value}", "time", mod) if day else None


def _dayref(ref: str, ctx: Context) -> dt.date | None:
    anchor = ctx.anchor
    offsets = {"today": 0, "tonight": 0, "yesterday": -1, "tomorrow": 1}
    if ref in offsets:
        return anchor + dt.timedelta(days=offsets[ref])
    rel, _, name = ref.rpartition(" ")
    weekday_number = word_value("weekday", name)
    if weekday_number:
        step = {"last": -1, "next": 1}.get(rel, 0)
        if step:
            return cal.infer_weekday(int(weekday_number), anchor + dt.timedelta(days=step), step)
        return cal.infer_weekday(int(weekday_number), anchor, 1 if ctx.direction() >= 2 else -1)
    month_number = word_value("month", rel)
    if month_number and name.isdigit():
        return cal.infer_day(int(month_number), int(name), anchor, strong(ctx.direction()))
    return None


def year(g: Groups, ctx: Context) -> Found | None:
    """2020, in 2017, mid-2024, fiscal 2024, FY25, the end of 1990; never 1,500, $2020 or 2000 MW."""
    value = _year(g.get("year") or g.get("yy"))
    raw_mod = normalise(g.get("mod") or "")
    season = word_value("season", raw_mod)
    if season:
        return Found("DATE", f"{value}-{season}", "season")
    mod = MODS.get(raw_mod)
    surface = g.get("year") or g.get("yy") or ""
    if not surface[0].isdigit():  # spoken: "nineteen ninety-six", "the year two thousand"
        if ctx.word_before() in lookup("not_year_before") or _counted_after(ctx):
            return None
        if normalise(surface).startswith("two thousand") and ctx.word_before() not in _SPOKEN_2000_BEFORE:
            return None  # "two thousand people", "and two thousand were hurt"
    elif not (g.get("fy") or raw_mod) and not _looks_like_year(ctx):
        return None
    return Found("DATE", str(value), "year", mod)


def _counted_after(ctx: Context) -> bool:
    """True when the number is a count of what follows it ("2000 MW", "2022 bitcoin"), not after a comma."""
    return bool(_SPACED.match(ctx.text, ctx.end)) and ctx.word_after().rstrip(".") in lookup("not_year_after")


def _looks_like_year(ctx: Context) -> bool:
    before = ctx.word_before()
    if before in lookup("not_year_before") or _counted_after(ctx):
        return False
    if _ARITHMETIC.match(ctx.text, ctx.end) or ctx.text[ctx.start - 2 : ctx.start] == "# ":
        return False
    raw = ctx.word_before_raw()
    if raw.endswith(("'s", "’s")):
        return True  # "the company's 1989 profit"
    if (
        raw
        and raw[0].isupper()
        and before not in lookup("year_date_before")
        and before not in lookup("year_determiner")
        and not word_value("month", raw)
    ):
        return ctx.text[ctx.start - 2 : ctx.start] in (", ", "; ", ": ") and before != "no."
    return True


def decade(g: Groups, ctx: Context) -> Found | None:
    """The 1990s, the '80s, the early 2000s, the nineties."""
    mod = MODS.get(normalise(g.get("mod") or ""))
    if g.get("part"):  # "the last half of the '80s"
        mod = "START" if normalise(g["part"]) == "first" else "END"
    if g.get("dec4"):
        return Found("DATE", g["dec4"][:3], "decade", mod)
    digit = int((g.get("dec2") or "0")[0]) if g.get("dec2") else int(word_value("decade_word", g["decadew"]))
    reference = ctx.anchor.year if ctx.anchor else 2000
    century = 20 if 2000 + digit * 10 <= reference else 19
    return Found("DATE", f"{century}{digit}", "decade", mod)


def century(g: Groups, ctx: Context) -> Found | None:
    """The 20th century -> 19."""
    return Found("DATE", f"{int(g['n']) - 1:02d}", "century")
