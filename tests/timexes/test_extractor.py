"""Rule-by-rule cases for statecraft.timexes: extraction, normalisation and year inference."""

from __future__ import annotations

import pandas as pd
import pytest

from statecraft.cleaning.sentences import sentence_spans
from statecraft.timexes.extractor import extract, extract_timexes


def _find(text: str, published: str | None) -> dict[str, dict]:
    return {row["surface"]: row for row in extract_timexes(text, published, sentence_spans(text))}


def _value(text: str, published: str | None, surface: str) -> str:
    rows = _find(text, published)
    assert surface in rows, f"{surface!r} not found in {list(rows)}"
    return rows[surface]["value"]


@pytest.mark.parametrize(
    ("text", "published", "surface", "value"),
    [
        ("It was signed on April 3, 2025 in Bishkek.", "2025-04-07", "April 3, 2025", "2025-04-03"),
        ("It was signed on 3 April 2025 in Bishkek.", None, "3 April 2025", "2025-04-03"),
        ("It ran a Dec. 5 notice.", "2025-12-08", "Dec. 5", "2025-12-05"),
        ("Posted 2026/01/22 15:10:23 by staff.", None, "2026/01/22 15:10:23", "2026-01-22T15:10:23"),
        ("The filing is dated 2025-04-03.", None, "2025-04-03", "2025-04-03"),
        ("The filing is dated 22.01.2026.", None, "22.01.2026", "2026-01-22"),
        ("Policy·April 07, 2025, 2:25 AM", None, "April 07, 2025, 2:25 AM", "2025-04-07T02:25"),
        ("By Shaurya Malwa Jan 3, 2023 at 9:05 a.m. UTC", None, "Jan 3, 2023 at 9:05 a.m. UTC", "2023-01-03T09:05"),
        ("The ban was imposed in September 2021.", "2025-12-08", "September 2021", "2021-09"),
        ("He joined the list in 2020.", "2025-05-28", "2020", "2020"),
        ("The coin launched in 2017, raising funds.", "2025-12-08", "2017", "2017"),
        ("That 1978 resolution calls for a withdrawal.", "1998-03-01", "1978", "1978"),  # capitalised determiner
        ("A 1996 law strengthened the embargo.", "2000-01-07", "1996", "1996"),
        ("Navigation Mixte's 1989 profit is likely to be higher.", "1989-10-27", "1989", "1989"),  # possessive
        ("It sold its stake in 1984 -- part of a practice.", "1989-10-27", "1984", "1984"),  # a dash, not a sum
        ("Keating's convictions were thrown out in nineteen ninety-six.", "1998-01-15", "nineteen ninety-six", "1996"),
        ("In nineteen seventy-nine the Soviet Union invaded.", "1998-01-21", "nineteen seventy-nine", "1979"),
        ("His promise for the year two thousand was dropped.", "1998-02-05", "two thousand", "2000"),
        ("It opened in twenty oh five.", "2010-01-01", "twenty oh five", "2005"),
        ("January nineteen ninety-seven.", "1998-02-27", "January nineteen ninety-seven", "1997-01"),
        ("In the winter of nineteen ninety-four.", "1998-02-23", "the winter of nineteen ninety-four", "1994-WI"),
        ("Slepian was shot to death last Oct. 23 at his home.", "1999-04-19", "last Oct. 23", "1998-10-23"),
    ],
)
def test_explicit_dates(text, published, surface, value):
    assert _value(text, published, surface) == value


@pytest.mark.parametrize(
    "text",
    [
        "About 1,500 staff work in compliance.",
        "The wallet held $2020 in tokens.",
        "Pakistan allocated 2,000 MW to mining.",
        "Pakistan allocated 2000 MW to mining.",
        "That is 64% of the population.",
        "He attended the Bitcoin 2022 conference.",
        "Shares rose to more than 2000 points.",
        "Li borrowed 1,500 Bitcoin from Xu.",
        "The score was 2020 - 3 at the end.",
        "Nineteen people died and two thousand were hurt.",
        "About two thousand people marched.",
        "He holds 2000 bitcoin.",
    ],
)
def test_numbers_that_are_not_years(text):
    assert [r for r in extract_timexes(text, "2025-05-28", sentence_spans(text)) if r["granularity"] == "year"] == []


@pytest.mark.parametrize(
    "text",
    [
        # a counted word ("2000 bitcoin") rejects the year only right after it, not across a comma or a full stop
        "In 2022, Bitcoin lost over 65% of its value.",
        "ETH rallied 39% in 2022. ETH then fell.",
        "Between 2020 and 2022, Bitcoin's emissions rose.",
    ],
)
def test_years_before_a_counted_word_across_punctuation(text):
    rows = extract_timexes(text, "2023-01-04", sentence_spans(text))
    assert [r["value"] for r in rows if r["granularity"] == "year"][-1:] == ["2022"]


@pytest.mark.parametrize(
    ("text", "surface", "value"),
    [
        # clock times written without a space ("1pm", "10am UTC")
        ("Shortly after 1pm ET, Magic Eden tweeted.", "1pm ET", "2023-01-04T13:00"),
        ("Trading opens at 10am UTC.", "10am UTC", "2023-01-04T10:00"),
        # a clock right after a day is on that day
        ("He will host an AMA on 11th January at 11am UTC.", "11am UTC", "2023-01-11T11:00"),
        # a two-digit decade after "the", but not an age
        ("He was charged back in the 80s.", "the 80s", "198"),
        ("It peaked in the late 90s.", "the late 90s", "199"),
    ],
)
def test_clock_without_space_and_bare_decades(text, surface, value):
    assert _value(text, "2023-01-04", surface) == value


def test_an_age_in_decades_is_no_timex():
    assert _find("A man in his 80s bought bitcoin.", "2023-01-04") == {}



@pytest.mark.parametrize(
    ("text", "published", "surface", "value"),
    [
        ("In December CZ met the King of Bhutan.", "2025-04-07", "December", "2024-12"),
        ("In December CZ met the King of Bhutan.", "2025-01-15", "December", "2024-12"),  # year rollover
        ("Reports emerged in January that they met.", "2025-04-07", "January", "2025-01"),
        ("The exchange will launch the product in March.", "2025-05-28", "March", "2026-03"),
        ("In April he was added as an advisor.", "2025-05-28", "April", "2025-04"),
        ("The dividend is payable Nov. 15 to holders.", "1989-10-26", "Nov. 15", "1989-11-15"),  # no cue: nearest
        ("He was interviewed on April 17.", "2025-04-20", "April 17", "2025-04-17"),
        ("The vote happened on Feb. 29.", "2025-03-10", "Feb. 29", "2024-02-29"),  # leap day, backward
        ("The vote will happen on Feb. 29.", "2025-01-10", "Feb. 29", "2028-02-29"),  # leap day, forward
        ("It crashed last April.", "2025-04-07", "last April", "2024-04"),
        ("It happened in early July.", "2025-08-01", "early July", "2025-07"),
        ("The March accession will let them sign.", "1999-02-10", "March", "1999-03"),  # a determiner: the month
        # a future cue, but the date was days ago: not eleven months ahead
        ("They would fight the ruling, which set Jan. 14 as the deadline.", "2000-01-15", "Jan. 14", "2000-01-14"),
        ("They would fight the ruling, which set Jan. 14 as the deadline.", "1999-04-19", "Jan. 14", "2000-01-14"),
    ],
)
def test_yearless_months_and_days(text, published, surface, value):
    assert _value(text, published, surface) == value


def test_may_the_verb_is_not_a_month():
    assert _find("Regulators may act. Prices may fall, and may spring back.", "2025-05-28") == {}
    assert _find("Theresa May said so, and they march on.", "2025-05-28") == {}
    review = "A bridge was hacked in February. 2. Terra implodes, Do Kwon on the run (May)"
    assert _find(review, "2022-12-31")["May"]["value"] == "2022-05"


@pytest.mark.parametrize("text", ["Covered by U.Today before.", "He told USA Today so.", "This is VOA Today."])
def test_today_ending_a_name_is_not_a_date(text):
    assert [r["surface"] for r in extract_timexes(text, "2022-12-30", sentence_spans(text))] == []


@pytest.mark.parametrize(
    "text",
    [
        'Baker said on ABC-TV\'s "This Week With David Brinkley" that it was over.',
        "Baker said on ABC's ``This Week'' that it was over.",
        "She led the ``March of the Combatant Mothers,'' pushing a stroller.",
        "He gave to the March of Dimes.",
    ],
)
def test_titles_and_names_are_not_dates(text):
    assert [r["surface"] for r in extract_timexes(text, "2000-01-15", sentence_spans(text))] == []


def test_a_quoted_sentence_still_has_its_week():
    assert _find('"This week was bad," he said.', "1991-02-25")["This week"]["value"] == "1991-W09"


@pytest.mark.parametrize(
    ("text", "surface", "timex_type", "value"),
    [
        ("Up from the current four flights a week.", "a week", "SET", "P1W"),
        ("They sold 1,500 coins a day.", "a day", "SET", "P1D"),
        ("2022 was a year of great volatility.", "a year", "DURATION", "P1Y"),
        ("It had 3 employees a year after launch.", "a year", "DURATION", "P1Y"),
    ],
)
def test_a_unit_after_a_count_is_a_rate(text, surface, timex_type, value):
    row = _find(text, "2023-01-05")[surface]
    assert (row["timex_type"], row["value"]) == (timex_type, value)


@pytest.mark.parametrize(
    "text",
    ["Iraq imports about three-quarters of its food.", "Funds hold more than a quarter of the market."],
)
def test_a_quarter_of_something_is_a_fraction(text):
    assert _find(text, "1990-08-15") == {}


def test_quarters_of_losses_are_still_time():
    assert _find("It made money after several quarters of losses.", "1989-10-30")["several quarters"]["value"] == "PXM"


@pytest.mark.parametrize(
    ("text", "surface", "value"),
    [
        ("He will leave at 4 in the morning.", "4 in the morning", "2000-04-05T04:00"),
        ("He left at 4:30 in the afternoon.", "4:30 in the afternoon", "2000-04-05T16:30"),
        ("It closed at 9 at night.", "9 at night", "2000-04-05T21:00"),
        ("It closed at 12 at night.", "12 at night", "2000-04-05T24:00"),
        ("The judge will hear it at midday.", "midday", "2000-04-05T12:00"),
    ],
)
def test_spoken_clock_times(text, surface, value):
    assert _find(text, "2000-04-05")[surface]["value"] == value


@pytest.mark.parametrize(
    ("text", "surface", "value", "mod"),
    [
        # the first week of a month holds its 4th day, as the first ISO week of a year holds January 4
        ("Trading was thin during the first week of January.", "the first week of January", "2023-W01", None),
        ("It fell in the last week of December.", "the last week of December", "2022-W52", None),
        ("It rose in the first week of May 2021.", "the first week of May 2021", "2021-W18", None),
        ("By end-2022 the fund was gone.", "end-2022", "2022", "END"),
        ("Sales fell in late Q4 2022.", "late Q4 2022", "2022-Q4", "END"),
        ("From start-2023 fees rise.", "start-2023", "2023", "START"),
    ],
)
def test_weeks_of_a_month_and_year_ends(text, surface, value, mod):
    row = _find(text, "2023-01-05")[surface]
    assert (row["value"], row["mod"]) == (value, mod)


@pytest.mark.parametrize(
    ("text", "value"),
    [
        # the calendar quarter holding the middle month of the three that end on the date
        ("In the quarter ended July 31, Jayark had 5.6 million shares.", "1989-Q2"),
        ("Sales rose in the quarter ended Sept. 30 to $747.8 million.", "1989-Q3"),
        ("Sales rose in the quarter ended Jan. 2, 1988.", "1987-Q4"),
        # once the story names its (fiscal) quarter, "the quarter" is that one
        ("Delta reported for the fiscal first quarter. For the quarter ended Sept. 30, net rose.", "1989-Q1"),
    ],
)
def test_the_quarter_ended_on_a_date(text, value):
    rows = extract_timexes(text, "1989-10-30", sentence_spans(text))
    assert [r["value"] for r in rows if r["surface"].lower() == "the quarter"][-1] == value


def test_a_named_quarter_ended_on_a_date_takes_that_year():
    text = "In the year-ago quarter, the second quarter ended Oct. 31, it lost money. Results for that quarter fell."
    rows = _find(text, "1989-10-27")
    assert (rows["the second quarter"]["value"], rows["that quarter"]["value"]) == ("1988-Q2", "1988-Q2")


def test_holiday_week_is_the_iso_week_of_the_holiday():
    row = _find("Markets were thin in Christmas week.", "2000-01-10")["Christmas week"]
    assert (row["value"], row["granularity"]) == ("1999-W51", "week")


def test_high_noon_is_no_time():
    assert _find("For Poland, high noon comes at last. He starred in ``High Noon.''", "1999-03-12") == {}


@pytest.mark.parametrize(
    "text",
    [
        "It is below the 100 hourly simple moving average.",
        "See the daily chart.",
        "The 50-bar MA (hourly) is above the 100-bar MA (4-hourly).",
    ],
)
def test_chart_timeframes_are_not_sets(text):
    assert [r["surface"] for r in extract_timexes(text, "2022-12-30", sentence_spans(text))] == []


def test_invalid_calendar_date_is_dropped():
    assert "February 29, 2023" not in _find("It was February 29, 2023.", None)


@pytest.mark.parametrize(
    ("text", "published", "surface", "value"),
    [
        ("The report was published on Friday.", "2023-07-29", "Friday", "2023-07-28"),  # past: most recent
        ("The court will rule on Friday.", "2023-07-26", "Friday", "2023-07-28"),  # future: next
        ("The court ruled on Saturday.", "2023-07-29", "Saturday", "2023-07-29"),  # publication weekday
        ("He said it last Friday.", "2023-07-28", "last Friday", "2023-07-21"),
        ("They meet next Monday.", "2023-07-29", "next Monday", "2023-07-31"),
        ("Expect it after Christmas and New Year.", "2022-12-26", "Christmas", "2022-12-25"),  # just gone
        ("Shops will open on Christmas.", "2022-12-10", "Christmas", "2022-12-25"),
        # movable US holidays by rule: the 4th Thursday, the Tuesday after the first Monday of November
        ("Markets close on Thanksgiving.", "2024-11-20", "Thanksgiving", "2024-11-28"),
        ("Voters will decide on Election Day.", "2024-10-20", "Election Day", "2024-11-05"),
        ("Bitcoin rallied after Election Day.", "2024-12-01", "Election Day", "2024-11-05"),
        ("Protests began Friday night.", "2023-07-29", "Friday night", "2023-07-28TNI"),
        ("The group could leave as soon as Tuesday, Castro said.", "2000-04-03", "Tuesday", "2000-04-04"),
        ("Officials postponed until Tuesday any action.", "2000-03-30", "Tuesday", "2000-04-04"),
    ],
)
def test_weekdays(text, published, surface, value):
    assert _value(text, published, surface) == value


@pytest.mark.parametrize(
    ("text", "published", "surface", "value"),
    [
        ("The index fell today.", "2025-04-07", "today", "2025-04-07"),
        ("The index fell yesterday.", "2025-04-07", "yesterday", "2025-04-06"),
        ("The index opens tomorrow.", "2025-12-31", "tomorrow", "2026-01-01"),
        ("Sales fell last week.", "2025-04-07", "last week", "2025-W14"),
        ("Sales fell this week.", "2021-01-03", "this week", "2020-W53"),  # ISO week edge
        ("It lost 4.7% in the past week.", "2022-12-30", "the past week", "2022-W52"),  # 7 days: mostly this week
        ("It lost 4.7% in the past week.", "2022-12-26", "the past week", "2022-W51"),
        ("TVL shrank within the past year.", "2022-12-27", "the past year", "2022"),  # rolling, not last year
        ("TVL shrank within the past year.", "1998-03-31", "the past year", "1997"),
        ("It fell in the past month.", "2022-12-27", "the past month", "2022-12"),
        ("Sales fell last week.", "2021-01-04", "last week", "2020-W53"),  # ISO week edge
        ("Earlier this week, BlackRock announced it.", "2023-07-29", "Earlier this week", "2023-W30"),
        ("It registered last month.", "2025-04-07", "last month", "2025-03"),
        ("It registered last month.", "2025-01-15", "last month", "2024-12"),
        ("It comes out next month.", "2025-12-15", "next month", "2026-01"),
        ("It was launched last year.", "2026-01-22", "last year", "2025"),
        ("He rose to prominence earlier this year.", "2025-05-28", "earlier this year", "2025"),
        ("Receipts as of the end of last year suggest so.", "2025-04-07", "the end of last year", "2024"),
        ("It began at the beginning of last year.", "2025-04-07", "the beginning of last year", "2024"),
        ("It happened three days ago.", "2025-03-02", "three days ago", "2025-02-27"),
        ("On May 22, 1995, he rose, and the following year he left.", "1998-04-18", "the following year", "1996"),
        ("It happened two weeks ago.", "2025-04-07", "two weeks ago", "2025-W13"),
        ("It happened six months ago.", "2025-04-07", "six months ago", "2024-10"),
        ("It happened a year ago.", "2025-04-07", "a year ago", "2024"),
        ("It happened five years ago.", "2025-04-07", "five years ago", "2020"),
        # in January "the coming year" has just begun
        ("He made his predictions for the coming year.", "2023-01-01", "the coming year", "2023"),
        ("He made his predictions for the coming year.", "2022-12-20", "the coming year", "2023"),
    ],
)
def test_relative(text, published, surface, value):
    assert _value(text, published, surface) == value


@pytest.mark.parametrize(
    ("text", "published", "surface", "value", "mod"),
    [
        ("Revenue rose in Q1 2025.", None, "Q1 2025", "2025-Q1", None),
        ("Revenue rose in the first quarter.", "2025-05-28", "the first quarter", "2025-Q1", None),
        ("Revenue fell in the fourth quarter.", "2025-01-20", "the fourth quarter", "2024-Q4", None),
        ("Revenue rose in the second half of 2024.", None, "the second half of 2024", "2024-H2", None),
        ("Revenue rose in H1 2025.", None, "H1 2025", "2025-H1", None),
        ("It may run through the first two quarters of 1990.", None, "the first two quarters of 1990", "1990-H1", None),
        ("Sales rose in the last two quarters of this year.", "1989-10-26", "the last two quarters of this year",
         "1989-H2", None),
        ("It peaked in summer 2024.", None, "summer 2024", "2024-SU", None),
        ("Demand ran well into the summer.", "1989-10-26", "the summer", "1989-SU", None),
        ("Throughout the summer he was vocal.", "2022-12-06", "the summer", "2022-SU", None),
        ("It peaked in early July.", "2025-09-01", "early July", "2025-07", "START"),
        ("It peaked in the 1990s.", None, "the 1990s", "199", None),
        ("It peaked in the '80s.", "2025-01-01", "the '80s", "198", None),
        ("Profit rose from the year-ago quarter.", "2025-05-10", "the year-ago quarter", "2024-Q1", None),
        # the year-ago period is a year before the quarter reported on, not before a forecast one
        (
            "Third-quarter profit fell. Losses will follow through the third quarter of 1990."
            " In the year-ago period, it earned $101 million.",
            "1989-10-26",
            "the year-ago period",
            "1988-Q3",
            None,
        ),
        # ... and a previous quarter named in passing is no new reference
        (
            "Third-quarter net rose 20%. After a flat second quarter, consumer sales improved."
            " In the 1989 period, interest expense was lower than a year ago.",
            "1989-11-01",
            "the 1989 period",
            "1989-Q3",
            None,
        ),
        (
            "Third-quarter net rose 20%. After a flat second quarter, consumer sales improved."
            " Charges taken in the year-earlier period helped.",
            "1989-11-01",
            "the year-earlier period",
            "1988-Q3",
            None,
        ),
        # "that quarter" is the one just named, even an earlier one
        (
            "It expects a third-quarter profit. In the second quarter of 1988, it had a loss."
            " Results for that quarter included a write-down.",
            "1989-10-27",
            "that quarter",
            "1988-Q2",
            None,
        ),
    ],
)
def test_periods(text, published, surface, value, mod):
    row = _find(text, published)[surface]
    assert (row["value"], row["mod"]) == (value, mod)


@pytest.mark.parametrize(
    ("text", "surface", "timex_type", "value"),
    [
        ("The review took three months.", "three months", "DURATION", "P3M"),
        ("It re-entered after a six-year hiatus.", "six-year", "DURATION", "P6Y"),
        ("Volume over the past 24 hours rose.", "the past 24 hours", "DURATION", "PT24H"),
        ("It lasted several years.", "several years", "DURATION", "PXY"),
        # "later" / "earlier" count from the story's last event, not the publication: TimeML tags the duration
        ("Three days later, the index was down.", "Three days", "DURATION", "P3D"),
        ("Two years later he left.", "Two years", "DURATION", "P2Y"),
        ("Just over an hour later, he died.", "over an hour", "DURATION", "PT1H"),
        ("It is up over the past day by 1%.", "the past day", "DURATION", "P1D"),
        ("It took two and a half years.", "two and a half years", "DURATION", "P2Y6M"),
        ("It took 5 1/2 hours.", "5 1/2 hours", "DURATION", "PT5H30M"),
        ("It took a minute and a half.", "a minute and a half", "DURATION", "PT1M30S"),
        ("It took half a day.", "half a day", "DURATION", "PT12H"),
        ("It took 1.5 weeks.", "1.5 weeks", "DURATION", "P1.5W"),
        ("It took two decades.", "two decades", "DURATION", "P20Y"),  # ISO units: no decade, no quarter
        ("Over the next three quarters it grew.", "the next three quarters", "DURATION", "P9M"),
        ("The freeze was likely to last a few weeks.", "a few weeks", "DURATION", "PXW"),  # "last" the verb
        # a bare plural unit after for/within/in is a span of unknown length
        ("Kenya's tourism has been troubled for years.", "years", "DURATION", "PXY"),
        ("Troops will arrive within weeks.", "weeks", "DURATION", "PXW"),
        ("It grew for the first time in years.", "years", "DURATION", "PXY"),
        ("The fee is paid each year.", "each year", "SET", "P1Y"),
        ("Miners earn $5 million a year.", "a year", "SET", "P1Y"),
        ("They meet twice a week.", "twice a week", "SET", "P1W"),
        ("Flights leave every Monday.", "every Monday", "SET", "XXXX-WXX-1"),
        ("The index is published daily.", "daily", "SET", "P1D"),
        ("Prices are now higher.", "now", "DATE", "PRESENT_REF"),
        ("Rates will rise in the near future.", "the near future", "DATE", "FUTURE_REF"),
    ],
)
def test_durations_sets_and_phrases(text, surface, timex_type, value):
    row = _find(text, "2025-04-07")[surface]
    assert (row["timex_type"], row["value"]) == (timex_type, value)


def test_ages_are_not_durations():
    assert _find("A 6-year-old boy and a man, 52 years old, arrived.", "2025-04-07") == {}


@pytest.mark.parametrize(
    "text",
    ["He ran it in years of boom.", "It came in days after the vote.", "It was aged for years-long spells."],
)
def test_bare_units_need_a_span_reading(text):
    assert not any(row["timex_type"] == "DURATION" for row in _find(text, "2025-04-07").values())


@pytest.mark.parametrize(
    ("text", "published", "surface", "value"),
    [
        ("Users could not move crypto until June of this year.", "2022-12-14", "June of this year", "2022-06"),
        ("It fell in March of last year.", "2022-12-14", "March of last year", "2021-03"),
        ("It will launch in May of next year.", "2022-12-14", "May of next year", "2023-05"),
    ],
)
def test_month_of_a_relative_year(text, published, surface, value):
    assert _value(text, published, surface) == value


@pytest.mark.parametrize("text", ["In the past few sessions, XRP gained.", "Riots marked the past three summers."])
def test_the_past_before_a_count_is_no_reference(text):
    assert "the past" not in _find(text, "2022-12-27")


@pytest.mark.parametrize(
    ("text", "surface", "value", "rule"),
    [
        ("Teng spoke on April 17.", "April 17", "XXXX-04-17", "month_day:unresolved_no_anchor"),
        ("It registered last month.", "last month", "XXXX-XX", "relative_month:unresolved_no_anchor"),
        ("It happened three days ago.", "three days ago", "XXXX-XX-XX", "ago:unresolved_no_anchor"),
        ("The court ruled on Friday.", "Friday", "XXXX-WXX-5", "weekday:unresolved_no_anchor"),
        ("In December CZ met the King.", "December", "XXXX-12", "month:unresolved_no_anchor"),
    ],
)
def test_no_publication_date_never_guesses(text, surface, value, rule):
    row = _find(text, None)[surface]
    assert (row["value"], row["rule"], row["date_start"], row["anchor_date"]) == (value, rule, None, None)


def test_rows_follow_the_contract():
    text = "Binance spoke on Friday. Last month, Xapo Bank entered India in April 2022."
    spans = sentence_spans(text)
    rows = extract_timexes(text, "2023-07-29", spans)
    assert [r["surface"] for r in rows] == ["Friday", "Last month", "April 2022"]
    assert [r["sentence_id"] for r in rows] == [0, 1, 1]
    for row in rows:
        assert text[row["start"] : row["end"]] == row["surface"]
        assert row["anchor_date"] == "2023-07-29"
        assert row["timex_type"] in {"DATE", "TIME", "DURATION", "SET"}
    assert (rows[1]["date_start"], rows[1]["date_end"], rows[1]["granularity"]) == ("2023-06-01", "2023-06-30", "month")


def test_bad_published_date_raises():
    with pytest.raises(ValueError, match="published"):
        extract_timexes("Friday", "07/29/2023", [(0, 6)])


def test_extract_builds_the_frame():
    documents = pd.DataFrame(
        {
            "doc_id": ["a", "b"],
            "text": ["It fell last year.", "It fell on April 17."],
            "published_date": pd.array(["2026-01-22", pd.NA], dtype="string"),
        }
    )
    sentences = pd.DataFrame({"doc_id": ["a", "b"], "sentence_id": [0, 0], "start": [0, 0], "end": [18, 20]})
    frame = extract(documents, sentences)
    assert frame["doc_id"].tolist() == ["a", "b"]
    assert frame["value"].tolist() == ["2025", "XXXX-04-17"]
    assert str(frame["date_start"].dtype) == "string"


@pytest.mark.parametrize(
    ("text", "published", "expected"),
    [
        ("Volumes rose on Dec. 18 and 19.", "2022-12-29", [("Dec. 18", "2022-12-18"), ("19", "2022-12-19")]),
        ("The summit is on April 24 and 25.", None, [("April 24", "XXXX-04-24"), ("25", "XXXX-04-25")]),
        ("Mints between November 8-30 rose.", "2022-12-29", [("November 8", "2022-11-08"), ("30", "2022-11-30")]),
        # a year after the pair dates both days
        ("On Jan. 4-5, 2022, it met.", "2022-12-29", [("Jan. 4", "2022-01-04"), ("5, 2022", "2022-01-05")]),
        # not a second day: an amount, a count, a smaller number, an impossible day
        ("Sales rose Dec. 5 and 6% in total.", "2022-12-29", [("Dec. 5", "2022-12-05")]),
        ("It fell on March 3 to 2,500.", "2022-12-29", [("March 3", "2023-03-03")]),
        ("It ran from Dec. 18 to 4 others.", "2022-12-29", [("Dec. 18", "2022-12-18")]),
        ("It ran Feb. 27 to 30 days.", "2022-12-29", [("Feb. 27", "2023-02-27")]),
    ],
)
def test_second_day_of_a_pair(text, published, expected):
    rows = extract_timexes(text, published, sentence_spans(text))
    assert [(r["surface"], r["value"]) for r in rows if r["timex_type"] == "DATE"] == expected


@pytest.mark.parametrize(
    ("text", "published", "surface", "value"),
    [
        # the month just gone is "last month": "last February" in March is a year back ...
        ("Two helicopters crashed last February.", "1998-03-01", "last February", "1997-02"),
        # ... two months back it is this year's
        ("It fell last November.", "2000-01-13", "last November", "1999-11"),
        ("It fell last October.", "1999-02-06", "last October", "1998-10"),
        # "next Christmas" on Dec. 24 is a year on: tomorrow's is "this Christmas"
        ("Where will the industry be next Christmas?", "2022-12-24", "next Christmas", "2023-12-25"),
        ("Where will the industry be next Christmas?", "2022-02-24", "next Christmas", "2022-12-25"),
    ],
)
def test_last_and_next_named_periods(text, published, surface, value):
    assert _value(text, published, surface) == value


@pytest.mark.parametrize(
    ("text", "unwanted"),
    [
        ("NFT sales peaked during the last month of the year.", "month"),
        ("It rose in the last week of December.", "week"),
    ],
)
def test_the_last_unit_of_something_is_no_rolling_span(text, unwanted):
    rows = _find(text, "2022-12-12")
    assert not any(unwanted in surface and row["rule"].startswith("relative") for surface, row in rows.items())


@pytest.mark.parametrize(
    ("text", "published", "surface", "value"),
    [
        ("He made the withdrawal on the first day of 2023.", "2023-01-04", "the first day of 2023", "2023-01-01"),
        ("It rose to $1.20 on the third day of the new year.", "2023-01-04", "the third day of the new year",
         "2023-01-03"),
        ("Tokens were unlocked on the first day of the year.", "2023-01-01", "the first day of the year", "2023-01-01"),
        ("Holders burned tokens on the last day of 2022.", "2022-12-31", "the last day of 2022", "2022-12-31"),
        # leap years, and a day past the month's end is no date
        ("The rule lapsed on the last day of February 2024.", None, "the last day of February 2024", "2024-02-29"),
        ("The rule lapsed on the last day of February 2023.", None, "the last day of February 2023", "2023-02-28"),
        ("It was the 100th day of 2024.", None, "the 100th day of 2024", "2024-04-09"),
        # "the year" said in the past in January is the year just gone; "the new year" in December the coming one
        ("The last day of the year was quiet.", "2023-01-04", "The last day of the year", "2022-12-31"),
        ("Markets rose on the first day of the new year.", "2022-12-20", "the first day of the new year", "2023-01-01"),
        ("It starts on the tenth day of next month.", "2023-01-04", "the tenth day of next month", "2023-02-10"),
        ("The fee is due on the first day of March.", None, "the first day of March", "XXXX-03-01"),
        ("The fee is due on the last day of March.", None, "the last day of March", "XXXX-03-31"),
        # "it is the Nth day of" an event is the anchor; other days of events have no date
        ("In Saudi Arabia, today is the eighth day of Desert Shield.", "1990-08-15", "the eighth day", "1990-08-15"),
        ("It's the second day of an offensive by the security forces.", "1998-03-06", "the second day", "1998-03-06"),
        # "in N years" under a future cue is a date; vague counts are some time ahead
        ("The stock would be redeemed in five years.", "1989-11-02", "five years", "1994"),
        ("The token will launch in two weeks.", "2023-01-04", "two weeks", "2023-W03"),
        ("He will return in 10 days.", "2023-01-04", "10 days", "2023-01-14"),
        ("It will be done in two or three years.", "1989-11-02", "two or three years", "FUTURE_REF"),
        # ... but not in the past, nor "in a day" / "in a couple of years" ("within")
        ("It has doubled in five years.", "2023-01-04", "five years", "P5Y"),
        ("The contract will take in $32 million in one day.", "2022-12-06", "one day", "P1D"),
        ("It will be toast in a couple of years.", "2023-01-03", "a couple of years", "P2Y"),
    ],
)
def test_days_of_periods_and_future_spans(text, published, surface, value):
    assert _value(text, published, surface) == value


@pytest.mark.parametrize(
    "text",
    [
        "Yesterday was the first day of the 118th U.S. Congress.",
        "The second day of the summit will feature mentors.",
        "The filing fell on the 31st day of April.",
        "Today is the last day of the sale.",
        "It was the 0th day of March.",
        "It was the 0th day of 2023.",
        "It's the 0th day of the war.",
    ],
)
def test_days_of_events_and_impossible_days_are_not_dates(text):
    rows = extract_timexes(text, "2023-01-04", sentence_spans(text))
    assert not [row for row in rows if " day" in row["surface"]]
