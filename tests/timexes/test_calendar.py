"""Calendar arithmetic behind timex normalisation: intervals, ISO weeks, year inference."""

from __future__ import annotations

import datetime as dt

import pytest

from statecraft.timexes import calendar as cal


@pytest.mark.parametrize(
    ("value", "interval"),
    [
        ("2025-04-03", ("2025-04-03", "2025-04-03")),
        ("2025-04-03T02:25", ("2025-04-03", "2025-04-03")),
        ("2024-02", ("2024-02-01", "2024-02-29")),
        ("2023-W30", ("2023-07-24", "2023-07-30")),
        ("2020-W53", ("2020-12-28", "2021-01-03")),
        ("2023-W30-WE", ("2023-07-29", "2023-07-30")),
        ("2025-Q1", ("2025-01-01", "2025-03-31")),
        ("2025-H2", ("2025-07-01", "2025-12-31")),
        ("2024-SU", ("2024-06-01", "2024-08-31")),
        ("2024-WI", ("2024-12-01", "2025-02-28")),
        ("2025", ("2025-01-01", "2025-12-31")),
        ("202", ("2020-01-01", "2029-12-31")),
        ("19", ("1900-01-01", "1999-12-31")),
        ("XXXX-04-17", None),
        ("PRESENT_REF", None),
        ("P3M", None),
        ("2021-W54", None),
    ],
)
def test_interval(value, interval):
    assert cal.interval(value) == interval


@pytest.mark.parametrize(
    ("day", "week"),
    [("2021-01-01", "2020-W53"), ("2021-01-04", "2021-W01"), ("2024-12-30", "2025-W01"), ("2023-07-29", "2023-W30")],
)
def test_week_value_uses_iso_years(day, week):
    assert cal.week_value(dt.date.fromisoformat(day)) == week


@pytest.mark.parametrize(
    ("month", "anchor", "direction", "year"),
    [
        (12, "2025-01-15", -1, 2024),
        (1, "2025-01-15", -1, 2025),
        (3, "2025-05-28", 1, 2026),
        (5, "2025-05-28", 1, 2025),
        (1, "1989-10-26", 0, 1990),  # nearest: January is closer ahead
        (4, "1989-10-26", 0, 1989),
    ],
)
def test_infer_year(month, anchor, direction, year):
    assert cal.infer_year(month, month, dt.date.fromisoformat(anchor), direction) == year


@pytest.mark.parametrize(
    ("month", "day", "anchor", "direction", "expected"),
    [
        (2, 29, "2025-03-10", -1, "2024-02-29"),
        (2, 29, "2025-01-10", 1, "2028-02-29"),
        (4, 17, "2025-04-17", -1, "2025-04-17"),
        (12, 31, "2025-01-02", -1, "2024-12-31"),
        (1, 2, "2024-12-30", 1, "2025-01-02"),
        (1, 2, "2024-12-30", 0, "2025-01-02"),
    ],
)
def test_infer_day(month, day, anchor, direction, expected):
    assert cal.infer_day(month, day, dt.date.fromisoformat(anchor), direction).isoformat() == expected


def test_infer_day_rejects_impossible_dates():
    assert cal.infer_day(2, 30, dt.date(2025, 1, 1), -1) is None


@pytest.mark.parametrize(
    ("weekday", "anchor", "direction", "expected"),
    [
        (5, "2023-07-29", -1, "2023-07-28"),
        (6, "2023-07-29", -1, "2023-07-29"),
        (6, "2023-07-29", 1, "2023-07-29"),
        (1, "2023-07-29", 1, "2023-07-31"),
        (7, "2021-01-01", -1, "2020-12-27"),
    ],
)
def test_infer_weekday(weekday, anchor, direction, expected):
    assert cal.infer_weekday(weekday, dt.date.fromisoformat(anchor), direction).isoformat() == expected


@pytest.mark.parametrize(
    ("year", "month", "weekday", "n", "expected"),
    [(2025, 11, 4, 4, "2025-11-27"), (2025, 5, 1, -1, "2025-05-26"), (2025, 9, 1, 1, "2025-09-01")],
)
def test_nth_weekday(year, month, weekday, n, expected):
    assert cal.nth_weekday(year, month, weekday, n).isoformat() == expected
