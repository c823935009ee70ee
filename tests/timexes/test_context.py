"""Cases for tense-driven resolution, results-report phrases, publication names and mod intervals."""

from __future__ import annotations

import pytest

from statecraft.cleaning.sentences import sentence_spans
from statecraft.timexes import calendar as cal
from statecraft.timexes.extractor import extract_timexes


def _find(text: str, published: str | None) -> dict[str, dict]:
    return {row["surface"]: row for row in extract_timexes(text, published, sentence_spans(text))}


def _row(text: str, published: str | None, surface: str) -> dict:
    rows = _find(text, published)
    assert surface in rows, f"{surface!r} not found in {list(rows)}"
    return rows[surface]


@pytest.mark.parametrize(
    ("text", "published", "surface", "value"),
    [
        # a strong future cue behind a participle ("will be named") still points forward
        ("Collins will be named commander for a mission in December.", "1998-03-04", "December", "1998-12"),
        ("The three are expected to join in April.", "1998-12-05", "April", "1999-04"),
        # a weak past cue keeps an earlier month in the anchor's year ...
        ("The company changed its name in March.", "1989-10-30", "March", "1989-03"),
        # ... and leaves a later month to the nearer occurrence
        ("Dealers placed orders for November transactions.", "1989-10-30", "November", "1989-11"),
        # a strong past cue crosses the year only when the month is not just ahead
        ("In December CZ met the King of Bhutan.", "2025-04-07", "December", "2024-12"),
        ("Iraq said it would cut supplies in September.", "1990-08-16", "September", "1990-09"),
        # a capitalised "-ed" word ("United") is a name, not a past tense
        ("Talks in the United Kingdom resume in January.", "1989-11-02", "January", "1990-01"),
        # a past cue in a story already told in last year keeps a later month there
        ("Crypto had a bad year in 2022. Terra collapsed in May.", "2023-01-02", "May", "2022-05"),
        ("Celsius went bust in 2022: in June, it stopped withdrawals.", "2023-01-05", "June", "2022-06"),
        # ... but not in a story about this year
        ("In 2023 the index fell. Dealers placed orders for May delivery.", "2023-01-02", "May", "2023-05"),
        # "than expected" / "as planned" compare; they give no tense
        ("The CPI report showed inflation slowing more than expected in November.", "2022-12-13", "November",
         "2022-11"),
        ("Shares drifted lower on lower-than-expected Q3 earnings.", "2023-01-05", "Q3", "2022-Q3"),
        # irregular past forms are past cues too
        ("The exchange froze withdrawals in December.", "2022-08-10", "December", "2021-12"),
        # a span ending "through January" in October ends in the coming January, unless a strong cue says not
        ("Lenders have extended revolving loans through January.", "1989-10-30", "January", "1990-01"),
        ("The fund's sales were flat this year through August.", "1989-10-27", "August", "1989-08"),
        ("Bitcoin fell in January and rebounded by the end of March.", "2022-12-28", "the end of March", "2022-03"),
    ],
)
def test_yearless_month_follows_the_tense(text, published, surface, value):
    assert _row(text, published, surface)["value"] == value


@pytest.mark.parametrize(
    ("text", "published", "surface", "value"),
    [
        ("The bid was extended to Nov. 16.", "1989-10-30", "Nov. 16", "1989-11-16"),  # past cue, date soon after
        ("He was last seen on Oct. 23.", "1999-05-05", "Oct. 23", "1998-10-23"),  # past cue, date long ahead
        ("Revenue in the year ended March 31 rose.", "1989-11-01", "March 31", "1989-03-31"),  # closed period
        ("The dividend will be paid Dec. 14.", "1989-10-26", "Dec. 14", "1989-12-14"),
        ("The record high came on Aug. 6.", "1998-02-06", "Aug. 6", "1997-08-06"),  # no strong cue: nearest
        # "On February 2, ..." with a past cue in a January review of last year is last year's
        ("Hacks of 2022. On February 2, a hacker exploited Wormhole.", "2023-01-01", "February 2", "2022-02-02"),
        ("In 2022 he lost the funds. He was sentenced on January 8.", "2023-01-02", "January 8", "2022-01-08"),
        # ... but a deadline or an attached date keeps the nearer occurrence
        ("In 2022 DCG stalled. He asked Silbert to commit by January 8.", "2023-01-02", "January 8", "2023-01-08"),
        ("U.S. Trust was founded in 1853. It created an office effective Feb. 1.", "1989-10-26", "Feb. 1",
         "1990-02-01"),
    ],
)
def test_month_day_nearest_unless_tense_says_otherwise(text, published, surface, value):
    assert _row(text, published, surface)["value"] == value


@pytest.mark.parametrize(
    ("text", "published", "surface", "value"),
    [
        # the attribution outside a quotation gives the quoted words no tense, and the reverse
        ("''He will leave at 4 a.m. Thursday,'' Castro said.", "2000-04-05", "4 a.m. Thursday", "2000-04-06T04:00"),
        ("''It is going to get worse in the spring.'' Figures showed a drop.", "1998-02-06", "the spring", "1998-SP"),
        ('"Prices fell," he said Friday, "and they will fall again."', "2024-05-08", "Friday", "2024-05-03"),
        # a past perfect in the clause makes a plan or deadline a past one ...
        ("It had been due to expire Friday evening.", "1989-10-30", "Friday evening", "1989-10-27TEV"),
        ("Until Thursday, they had not called Kopp a suspect.", "1999-05-07", "Thursday", "1999-05-06"),
        # ... unless a modal says otherwise, or the "had" is in a relative clause
        ("The offer, which had lapsed, will expire again Friday.", "1989-10-30", "Friday", "1989-11-03"),
        ("The sale, which had been expected, is part of a plan to pay down the loan by February.", "1989-10-30",
         "February", "1990-02"),
        # "later" tells narrative order, not the future; "plans" alone is usually the noun
        ("Three days later, as of Friday's close, the index was down 6%.", "1989-10-30", "Friday", "1989-10-27"),
        ("On Friday, when Albright set aside vacation plans for the trip, the warning was lifted.", "1998-08-17",
         "Friday", "1998-08-14"),
        ("The company plans to list its shares on Friday.", "2024-05-08", "Friday", "2024-05-10"),
        # a past form after "be" or a determiner is a participle, not the clause's tense
        ("The dividend would be paid on Friday.", "2024-05-08", "Friday", "2024-05-10"),
        ("It would be paid on a still unspecified date in January.", "1989-10-26", "January", "1990-01"),
        ("The split will take effect on the newly revised date in June.", "2025-08-10", "June", "2026-06"),
        # ... and so is an "-ed" word before "by" (a reduced relative clause), but not after "has"
        ("Accounts will open by mid-January, with markets untouched by the crash.", "2022-12-30", "mid-January",
         "2023-01"),
        ("Qantas will double its flights by August to markets untouched by the crisis.", "1998-02-13", "August",
         "1998-08"),
        ("His fortune has dropped by half, falling from $4 billion in March.", "2022-12-25", "March", "2022-03"),
        # a deadline named by the date gives the tense only when no verb does
        ("Sony completed its offer, with shares tendered by the Tuesday deadline.", "1989-11-02", "Tuesday",
         "1989-10-31"),
        ("They must pay by Friday's deadline.", "1989-11-02", "Friday", "1989-11-03"),
        # no cue at all: a story already in the past keeps its months there; "due in" points ahead
        ("In 2022 Terra fell. The exchange collapse (November). The Wormhole exploit (February).", "2022-12-31",
         "February", "2022-02"),
        ("Prices are higher. The network upgrade, February.", "2022-12-31", "February", "2023-02"),
        ("The third chapter is due in January.", "2022-12-08", "January", "2023-01"),
        ("The loan was due in May and the bank sued.", "2023-01-03", "May", "2022-05"),
        # an "-ed" cue after a determiner is an adjective ("the planned acquisition")
        ("Microsoft announced the planned acquisition, worth $68.7 billion, in January.", "2022-12-08", "January",
         "2022-01"),
    ],
)
def test_tense_cues_stay_in_their_clause(text, published, surface, value):
    assert _row(text, published, surface)["value"] == value


@pytest.mark.parametrize(
    ("text", "surface", "timex_type", "value"),
    [
        ("Sales for the full year rose 13%.", "the full year", "DATE", "1989"),
        ("Earnings will be lower for the fiscal year.", "the fiscal year", "DATE", "1989"),
        ("For the year, volume was flat.", "the year", "DATE", "1989"),
        ("Profit in the first nine months of the year rose.", "the year", "DATE", "1989"),
        ("Revenue in the year ended March 31 rose.", "the year", "DURATION", "P1Y"),
        ("It expects a loss for the year ending June 30.", "the year", "DURATION", "P1Y"),
        ("Rules should be in place by year's end.", "year's end", "DATE", "1989"),
        ("Its current chief took over in April.", "current", "DATE", "PRESENT_REF"),
        ("They want the boy back as soon as possible.", "as soon as possible", "DATE", "FUTURE_REF"),
        ("Holders may buy at half the then current market price.", "then current", "DATE", "PAST_REF"),
        ("Prices may stay weak in the near term.", "the near term", "DATE", "FUTURE_REF"),
        ("Miners will hold for the long term.", "the long term", "DATE", "FUTURE_REF"),
        ("The vote was put off to a later date.", "a later date", "DATE", "FUTURE_REF"),
        ("Bitcoin could one day reach $1 million.", "one day", "DATE", "FUTURE_REF"),
        ("It rose 5% in one day.", "one day", "DURATION", "P1D"),
        # the era, not the day
        ("Fathers matter in today's world.", "today", "DATE", "PRESENT_REF"),
        ("Can Bitcoin play a part in the finances of tomorrow?", "tomorrow", "DATE", "FUTURE_REF"),
        ("The ruling is on today's agenda.", "today", "DATE", "1989-11-02"),
        ("Trading ends at the close of tomorrow's session.", "tomorrow", "DATE", "1989-11-03"),
    ],
)
def test_results_year_and_reference_phrases(text, surface, timex_type, value):
    row = _row(text, "1989-11-02", surface)
    assert (row["timex_type"], row["value"]) == (timex_type, value)


@pytest.mark.parametrize(
    ("text", "surface"),
    [
        ("He was named player of the year.", "the year"),
        ("It was the year's best film.", "the year"),
        ("The year before, sales fell.", "The year"),
        ("During the same period he wrote two books.", "the same period"),
        # "current" in a term of accounts or physics is not the present
        ("Economic Calendar: UK Current Account. The Current Account measures net flows.", "Current"),
        ("The miners run on direct current.", "current"),
    ],
)
def test_bare_year_and_period_need_context(text, surface):
    assert surface not in _find(text, "1989-11-02")


def test_term_phrases_are_not_adjectives():
    assert _find("It sold the short-term notes and long term bonds.", "1989-11-02") == {}


@pytest.mark.parametrize(
    ("text", "published", "surface", "value"),
    [
        (
            "Third-quarter profit rose; sales in the latest period were $1 billion.",
            "1989-11-02",
            "the latest period",
            "1989-Q3",
        ),
        (
            "Third-quarter profit rose from the same period last year.",
            "1989-11-02",
            "the same period last year",
            "1988-Q3",
        ),
        (
            "Third-quarter profit fell. Results for that quarter included a charge.",
            "1989-11-02",
            "that quarter",
            "1989-Q3",
        ),
        ("He left in June 1998 and returned later that year.", "2000-01-28", "later that year", "1998"),
        ("The law passed in 1996. That year, exports fell.", "2000-01-07", "That year", "1996"),
    ],
)
def test_periods_refer_back_to_the_story(text, published, surface, value):
    assert _row(text, published, surface)["value"] == value


@pytest.mark.parametrize(
    "text",
    [
        "He told the Daily Mail about it.",
        "China Daily reported the deal.",
        "A daily newspaper printed the letter.",
        "The Communist Party daily Granma printed the letter.",
        "The letter was printed by a weekly.",
    ],
)
def test_frequency_words_naming_a_publication_are_not_sets(text):
    assert [r for r in extract_timexes(text, "2000-01-07", sentence_spans(text)) if r["timex_type"] == "SET"] == []


@pytest.mark.parametrize(
    ("text", "surface"),
    [
        ("Rallies are held almost daily.", "daily"),
        ("It has become a daily rally.", "daily"),
        ("Qantas plans daily flights to Bombay.", "daily"),
        ("Daily volume rose.", "Daily"),
        ("He gives a weekly radio address.", "weekly"),
    ],
)
def test_frequency_words_still_sets(text, surface):
    assert _row(text, "2000-01-07", surface)["timex_type"] == "SET"


@pytest.mark.parametrize(
    ("text", "published", "surface", "interval"),
    [
        ("It peaked in early 2024.", None, "early 2024", ("2024-01-01", "2024-05-01")),
        ("It peaked in mid-2024.", None, "mid-2024", ("2024-05-02", "2024-08-31")),
        ("It peaked in late 2024.", None, "late 2024", ("2024-09-01", "2024-12-31")),
        ("It peaked in late July.", "2025-09-01", "late July", ("2025-07-22", "2025-07-31")),
        ("It peaked in the early 1990s.", None, "the early 1990s", ("1990-01-01", "1993-05-01")),
        ("It rose earlier this year.", "2025-05-28", "earlier this year", ("2025-01-01", "2025-05-28")),
        ("It will rise later this year.", "2025-05-28", "later this year", ("2025-05-28", "2025-12-31")),
        ("It peaked in 2024.", None, "2024", ("2024-01-01", "2024-12-31")),
    ],
)
def test_mod_narrows_the_interval(text, published, surface, interval):
    row = _row(text, published, surface)
    assert (row["date_start"], row["date_end"]) == interval


@pytest.mark.parametrize(
    ("span", "mod", "narrowed"),
    [
        (("2025-01-01", "2025-03-31"), "START", ("2025-01-01", "2025-01-30")),
        (("2025-01-01", "2025-03-31"), "END", ("2025-03-02", "2025-03-31")),
        (("2025-01-01", "2025-12-31"), "APPROX", ("2025-01-01", "2025-12-31")),
        (("2025-01-01", "2025-01-01"), "END", ("2025-01-01", "2025-01-01")),
        (("2025-01-01", "2025-12-31"), None, ("2025-01-01", "2025-12-31")),
    ],
)
def test_narrow(span, mod, narrowed):
    assert cal.narrow(span, mod) == narrowed


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("The filing is dated 01/02/2026.", "2026-01-02"),  # slashes: month first
        ("The filing is dated 12/11/2025.", "2025-12-11"),
        ("The filing is dated 22/01/2026.", "2026-01-22"),  # first number > 12: day first
        ("The filing is dated 01.02.2026.", "2026-02-01"),  # dots: day first
    ],
)
def test_numeric_dates(text, value):
    rows = extract_timexes(text, None, sentence_spans(text))
    assert [r["value"] for r in rows] == [value]


@pytest.mark.parametrize(
    ("text", "published", "surface", "value"),
    [
        ("Third-quarter profit rose from $5 million in the 1988 quarter.", "1989-10-30", "the 1988 quarter", "1988-Q3"),
        ("Third-quarter sales fell short of last year's period.", "1989-10-30", "last year's period", "1988-Q3"),
        (
            "The Times said in an editorial on Saturday, April 25: the court erred.",
            "1998-04-24",
            "Saturday, April 25",
            "1998-04-25",
        ),  # a colon after the day is punctuation, not a clock
        ("Volume peaked in the last half of the '80s.", "1989-10-26", "the last half of the '80s", "198"),
        ("A hearing is set for the week of March 6.", "2000-02-24", "the week of March 6", "2000-W10"),
        ("For the quarter a year ago, it earned $16 million.", "1989-10-26", "the quarter a year ago", "1988-Q3"),
    ],
)
def test_quarter_years_and_date_edges(text, published, surface, value):
    assert _row(text, published, surface)["value"] == value


@pytest.mark.parametrize(
    ("text", "published", "surface", "timex_type", "value"),
    [
        ("He was arrested on Feb. 22 and appeared in court the next day.", "2000-02-24", "the next day", "DATE",
         "2000-02-23"),
        ("He was arrested on Feb. 22 and appeared in court the next morning.", "2000-02-24", "the next morning",
         "TIME", "2000-02-23TMO"),
        ("On Oct. 23 he was shot. Earlier that day, the family sent a fax.", "1999-10-24", "Earlier that day", "DATE",
         "1999-10-23"),
        ("FTX filed on November 11, the same day that its CEO resigned.", "2022-12-25", "the same day", "DATE",
         "2022-11-11"),
        ("He was arrested Feb. 22; the day before, he fled.", "2000-02-24", "the day before", "DATE", "2000-02-21"),
        ("On Monday he was charged. The following day, bail was denied.", "2022-12-16", "The following day", "DATE",
         "2022-12-13"),
        # with no date told nearby a step counts from the anchor
        ("Volume was $59 million, an 8% drop from the previous day.", "2022-12-27", "the previous day", "DATE",
         "2022-12-26"),
        # "the previous Friday" counts from the Friday the story is at
        ("The index fell Friday, down 4% from the previous Friday.", "1989-10-30", "the previous Friday", "DATE",
         "1989-10-20"),
        ("Sales fell 4% from the previous Friday.", "1989-10-30", "the previous Friday", "DATE", "1989-10-27"),
    ],
)
def test_narrative_days_count_from_the_story(text, published, surface, timex_type, value):
    row = _row(text, published, surface)
    assert (row["timex_type"], row["value"]) == (timex_type, value)


@pytest.mark.parametrize(
    "text",
    [
        "It happened on the same day.",  # nothing told before: no reading
        "The release comes the day after the founder rejected NFTs.",  # counts from an event we do not place
        "That day traders lost money.",
        "In 2021 prices rose. That day, nobody sold.",  # a day of a year cannot be placed
        "BTC fell in mid-November. It crashed after the Fed's announcement that same day.",  # nor of a month
    ],
)
def test_narrative_days_without_a_reference_are_not_guessed(text):
    rows = extract_timexes(text, "2022-12-20", sentence_spans(text))
    assert [r["surface"] for r in rows if r["rule"].startswith("narrative")] == []


@pytest.mark.parametrize(
    ("text", "surface", "timex_type", "value"),
    [
        # N decades ago is a year, not a decade: "a decade ago" in 1999 is about 1989, not the 1980s
        ("NATO's newest members just a decade ago were Soviet allies.", "just a decade ago", "DATE", "1989"),
        ("Two decades ago it began.", "Two decades ago", "DATE", "1979"),
        ("A century ago it was built.", "A century ago", "DATE", "1899"),
        # "the past decade" is the ten years up to the anchor; a bare "last decade" is the previous one
        ("Threats had become routine over the past decade.", "the past decade", "DURATION", "P10Y"),
        ("It was one of the events of the past century.", "the past century", "DURATION", "P100Y"),
        ("Last decade prices rose.", "Last decade", "DATE", "198"),
        ("Workers lost earning power to inflation in the last decade.", "the last decade", "DATE", "198"),
    ],
)
def test_decades_and_centuries_ago_and_past(text, surface, timex_type, value):
    row = _row(text, "1999-03-12", surface)
    assert (row["timex_type"], row["value"]) == (timex_type, value)
