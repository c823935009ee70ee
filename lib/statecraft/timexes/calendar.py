"""Calendar arithmetic for timex normalisation: TIMEX3 values, intervals, year inference.

Every function is pure and works on :class:`datetime.date`; nothing reads the wall clock.
Values follow TIMEX3 (ISO 8601 with TimeML extensions): ``2025-04-03``, ``2025-04``,
``2025-W14``, ``2025-W14-WE``, ``2025-Q1``, ``2025-H1``, ``2024-SU``, ``2025``, ``202``
(a decade), ``20`` (a century).
"""

from __future__ import annotations

import calendar
import datetime as dt
import re

_HOLIDAY = re.compile(r"(\d\d)-(?:(\d\d)|(MO|TU|WE|TH|FR)(\d|L)(?:\+(\d))?)$")
_WEEKDAY_CODES = {"MO": 1, "TU": 2, "WE": 3, "TH": 4, "FR": 5}
SEASON_MONTHS: dict[str, tuple[int, int]] = {"SP": (3, 5), "SU": (6, 8), "FA": (9, 11), "WI": (12, 14)}

_VALUE = re.compile(
    r"^(?P<year>\d{4})(?:-(?:(?P<month>\d\d)(?:-(?P<day>\d\d))?|W(?P<week>\d\d)(?P<we>-WE)?"
    r"|Q(?P<quarter>[1-4])|H(?P<half>[12])|(?P<season>SP|SU|FA|WI)))?(?:T.*)?$"
)


def iso(day: dt.date) -> str:
    """Return ``day`` as ``YYYY-MM-DD``."""
    return day.isoformat()


def parse_date(value: str | None) -> dt.date | None:
    """Parse the first 10 characters of an ISO date string; None when absent or invalid.

    Args:
        value: ``YYYY-MM-DD`` (a time part after it is ignored) or None.

    Returns:
        The date, or None.
    """
    if not value:
        return None
    try:
        return dt.date.fromisoformat(str(value)[:10])
    except ValueError:
        return None


def valid_day(year: int, month: int, day: int) -> bool:
    """Return True if ``year-month-day`` exists (Feb 29 only in leap years)."""
    return 1 <= month <= 12 and 1 <= day <= calendar.monthrange(year, month)[1]


def shift_month(year: int, month: int, months: int) -> tuple[int, int]:
    """Return ``(year, month)`` moved by ``months`` (may be negative)."""
    index = year * 12 + (month - 1) + months
    return index // 12, index % 12 + 1


def week_value(day: dt.date) -> str:
    """Return the ISO week holding ``day`` as ``YYYY-Www`` (ISO year, so 2021-01-01 is 2020-W53)."""
    year, week, _ = day.isocalendar()
    return f"{year}-W{week:02d}"


def quarter_of(day: dt.date) -> tuple[int, int]:
    """Return ``(year, quarter)`` of ``day``."""
    return day.year, (day.month - 1) // 3 + 1


def shift_quarter(year: int, quarter: int, quarters: int) -> tuple[int, int]:
    """Return ``(year, quarter)`` moved by ``quarters`` (may be negative)."""
    index = year * 4 + (quarter - 1) + quarters
    return index // 4, index % 4 + 1


def infer_year(first_month: int, last_month: int, anchor: dt.date, direction: int) -> int:
    """Pick the year of a yearless period spanning ``first_month..last_month`` of that year.

    Backward (``direction < 0``): the latest such period that starts at or before the
    anchor, so "in December" in a January article is the previous December. Forward
    (``direction > 0``): the earliest that has not ended before the anchor, so
    "will ... in March" in a May article is next March. Unknown (0): whichever of the
    two is nearer the anchor (the backward one on a tie).

    Args:
        first_month: First month of the period (1-12).
        last_month: Last month of the period (may exceed 12 for winter).
        anchor: The publication date.
        direction: -1 past, +1 future, 0 unknown.

    Returns:
        The year the period starts in.
    """
    current = anchor.year * 12 + anchor.month
    forward = anchor.year if anchor.year * 12 + last_month >= current else anchor.year + 1
    backward = anchor.year if anchor.year * 12 + first_month <= current else anchor.year - 1
    if direction > 0:
        return forward
    if direction < 0 or forward == backward:
        return backward
    return backward if current - (backward * 12 + last_month) <= forward * 12 + first_month - current else forward


def infer_day(month: int, day: int, anchor: dt.date, direction: int) -> dt.date | None:
    """Resolve a yearless month-day against ``anchor``.

    Backward (``direction < 0``): the latest at or before the anchor; forward (``> 0``):
    the earliest at or after it; unknown (0): the nearer of the two. Feb 29 moves to the
    nearest leap year in the chosen direction.

    Returns:
        The date, or None if the month-day never exists.
    """
    if not valid_day(2000, month, day):
        return None
    if direction == 0:
        before, after = infer_day(month, day, anchor, -1), infer_day(month, day, anchor, 1)
        return before if (anchor - before) <= (after - anchor) else after
    step = 1 if direction > 0 else -1
    year = anchor.year
    for _ in range(9):
        if valid_day(year, month, day):
            candidate = dt.date(year, month, day)
            if (candidate >= anchor) if step > 0 else (candidate <= anchor):
                return candidate
        year += step
    return None


def infer_weekday(weekday: int, anchor: dt.date, direction: int) -> dt.date:
    """Resolve a weekday (1 = Monday) against ``anchor``: the anchor's own weekday is the anchor.

    Args:
        weekday: ISO weekday, 1-7.
        anchor: The publication date.
        direction: -1 past (most recent), +1 future (next), 0 unknown (treated as past).

    Returns:
        The date.
    """
    delta = weekday - anchor.isoweekday()
    if direction > 0:
        return anchor + dt.timedelta(days=delta % 7)
    return anchor - dt.timedelta(days=(-delta) % 7)


def nth_weekday(year: int, month: int, weekday: int, n: int) -> dt.date:
    """Return the ``n``-th ISO ``weekday`` of a month (``n = -1`` for the last one)."""
    if n < 0:
        last = dt.date(year, month, calendar.monthrange(year, month)[1])
        return last - dt.timedelta(days=(last.isoweekday() - weekday) % 7)
    first = dt.date(year, month, 1)
    return first + dt.timedelta(days=(weekday - first.isoweekday()) % 7 + 7 * (n - 1))


def holiday_date(spec: str, year: int) -> dt.date:
    """Date of a holiday given as ``MM-DD``, ``MM-TH4`` (4th Thursday), ``MM-MOL`` (last Monday), ``+N`` days."""
    month_text, fixed, weekday_code, nth, plus = _HOLIDAY.match(spec).groups()
    if fixed:
        return dt.date(year, int(month_text), int(fixed))
    day = nth_weekday(year, int(month_text), _WEEKDAY_CODES[weekday_code], -1 if nth == "L" else int(nth))
    return day + dt.timedelta(days=int(plus or 0))


def interval(value: str) -> tuple[str, str] | None:
    """Return the ISO ``(date_start, date_end)`` a TIMEX3 DATE/TIME value covers, or None.

    Args:
        value: A TIMEX3 value such as ``2025-04``, ``2023-W30``, ``2024-SU`` or ``202``.

    Returns:
        The first and last day, or None for unresolved or non-calendar values
        (``XXXX-04-17``, ``PRESENT_REF``, durations).
    """
    if re.fullmatch(r"\d{3}", value):
        return f"{value}0-01-01", f"{value}9-12-31"
    if re.fullmatch(r"\d{2}", value):
        return f"{value}00-01-01", f"{value}99-12-31"
    match = _VALUE.match(value)
    if not match:
        return None
    g = match.groupdict()
    year = int(g["year"])
    try:
        if g["day"]:
            day = dt.date(year, int(g["month"]), int(g["day"]))
            return iso(day), iso(day)
        if g["month"]:
            return _months(year, int(g["month"]), int(g["month"]))
        if g["week"]:
            monday = dt.date.fromisocalendar(year, int(g["week"]), 1)
            if g["we"]:
                return iso(monday + dt.timedelta(days=5)), iso(monday + dt.timedelta(days=6))
            return iso(monday), iso(monday + dt.timedelta(days=6))
        if g["quarter"]:
            first = 3 * int(g["quarter"]) - 2
            return _months(year, first, first + 2)
        if g["half"]:
            first = 6 * int(g["half"]) - 5
            return _months(year, first, first + 5)
        if g["season"]:
            first, last = SEASON_MONTHS[g["season"]]
            return _months(year, first, last)
    except ValueError:
        return None
    return f"{year}-01-01", f"{year}-12-31"


def narrow(span: tuple[str, str], mod: str | None) -> tuple[str, str]:
    """Narrow an interval to the third a TIMEX3 mod names: START first, MID middle, END last.

    "early 2024" is 2024-01-01..2024-05-01, "mid-2024" 2024-05-02..2024-08-31, "late 2024"
    2024-09-01..2024-12-31; a single day and other mods (APPROX, BEFORE, ...) are unchanged.

    Args:
        span: ISO ``(date_start, date_end)`` from :func:`interval`.
        mod: The timex's mod or None.

    Returns:
        The narrowed ``(date_start, date_end)``.
    """
    if mod not in ("START", "MID", "END"):
        return span
    first, last = dt.date.fromisoformat(span[0]), dt.date.fromisoformat(span[1])
    days = (last - first).days + 1
    if days < 3:
        return span
    one_third = first + dt.timedelta(days=round(days / 3))
    two_thirds = first + dt.timedelta(days=round(2 * days / 3))
    bounds = {
        "START": (first, one_third - dt.timedelta(days=1)),
        "MID": (one_third, two_thirds - dt.timedelta(days=1)),
        "END": (two_thirds, last),
    }[mod]
    return iso(bounds[0]), iso(bounds[1])


def _months(year: int, first: int, last: int) -> tuple[str, str]:
    end_year, end_month = shift_month(year, last, 0)
    end = dt.date(end_year, end_month, calendar.monthrange(end_year, end_month)[1])
    return iso(dt.date(year, first, 1)), iso(end)
