"""Read publication dates from date lines and metadata values.

The accepted forms are kept as data in ``data/cleaning/dateline_patterns.csv``
("2026/01/22 15:10:23", "April 07, 2025, 2:25 AM", "Dec 08, 2025", "2025-04-03", ...).
Dates are returned as ISO strings; impossible dates ("February 30, 2025",
"2025-13-01") are rejected, never rolled over.
"""

from __future__ import annotations

import calendar
import datetime as dt
import functools
import re

from statecraft import resources

_MONTHS = {name.lower(): i for i, name in enumerate(calendar.month_name) if name}
_MONTHS.update({name.lower(): i for i, name in enumerate(calendar.month_abbr) if name})
_MONTHS["sept"] = 9


class BadDate(ValueError):
    """A value looks like a date but names no real calendar day."""


def parse_date(value: str) -> str | None:
    """Read a whole value as a date and return it as an ISO string.

    Args:
        value: A date line or metadata value such as "Dec 08, 2025".

    Returns:
        "YYYY-MM-DD", or None if ``value`` is not in a known date form.

    Raises:
        BadDate: If ``value`` has a date form but is not a real date ("2025-02-30").
    """
    text = value.strip()
    for regex in _patterns():
        match = regex.fullmatch(text)
        if match:
            return _to_iso(match)
    return None


def lead_date(text: str) -> str | None:
    """Read the date of a wire dateline that opens ``text`` ("BISHKEK, May 2, 2025 — ...").

    The forms are kept in ``data/cleaning/lead_datelines.csv``; the date itself must be in a
    form :func:`parse_date` reads.

    Returns:
        The ISO date, or None if ``text`` does not open with such a dateline or its date is not real.
    """
    for regex in _lead_patterns():
        match = regex.match(text)
        if match:
            try:
                return parse_date(match.group("date").strip(" ,"))
            except BadDate:
                return None
    return None


def search_date(text: str) -> tuple[str, int, int] | None:
    """Find the first date in ``text``; return (iso, start, end) or None.

    Raises:
        BadDate: If the first date-shaped span is not a real date.
    """
    best = None
    for regex in _patterns():
        match = regex.search(text)
        if match and (best is None or match.start() < best.start()):
            best = match
    if best is None:
        return None
    return _to_iso(best), best.start(), best.end()


def _to_iso(match: re.Match[str]) -> str:
    parts = match.groupdict()
    year = int(parts["y"])
    if parts.get("mon"):
        month = _MONTHS.get(parts["mon"].lower().rstrip("."))
        if month is None:
            raise BadDate(f"unknown month name {parts['mon']!r} in {match.group(0)!r}")
    else:
        month = int(parts["m"])
    try:
        return dt.date(year, month, int(parts["d"])).isoformat()
    except ValueError as err:
        raise BadDate(f"not a real date: {match.group(0)!r} ({err})") from None


@functools.cache
def _patterns() -> tuple[re.Pattern[str], ...]:
    return tuple(re.compile(row["pattern"]) for row in resources.read_csv("cleaning/dateline_patterns.csv"))


@functools.cache
def _lead_patterns() -> tuple[re.Pattern[str], ...]:
    return tuple(re.compile(row["pattern"]) for row in resources.read_csv("cleaning/lead_datelines.csv"))
