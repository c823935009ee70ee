"""Cleaning rules (data/cleaning/*.csv), glued headings, multi-article pages, date lines."""

from __future__ import annotations

import pytest

from statecraft.cleaning import boilerplate as cleaning
from statecraft.cleaning import datelines

BODY = "Pakistan allocated 2,000 megawatts to Bitcoin mining. The plan is rolled out in phases."


def _clean(text: str, **kwargs) -> cleaning.Article:
    articles = cleaning.clean_page(text, **kwargs)
    assert len(articles) == 1
    return articles[0]


@pytest.mark.parametrize(
    ("line", "rule"),
    [
        ("Top", "nav_word"),
        ("View All", "nav_word"),
        ("More to Read", "nav_word"),
        ("Loading", "nav_word"),
        ("news", "nav_word"),
        ("Disclaimer: Information found on X is those of writers quoted.", "disclaimer"),
        ("All rights reserved to : USAGOLDMIES . www.usagoldmines.com", "all_rights_reserved"),
        ("© 2025 Coin Wire", "copyright_line"),
        ("https://asset.coinness.com/en/news/3592a5bd8529dae70ba8c03b135cc96e.webp", "image_url_line"),
        ("Why USAGoldMines ?", "site_promo_why"),
        ("CryptoreNews covers fintech, blockchain and Bitcoin bringing you the latest crypto news.",
         "site_self_description"),
        ("You can Enjoy surfing our website categories and read more content.", "site_browse_invite"),
        ("Photo by Abai K on Unsplash", "photo_credit_inline"),
    ],
)
def test_boilerplate_line_is_removed_with_its_rule(line, rule):
    article = _clean(f"{BODY}\n{line}\n{BODY}")
    assert article.text == f"{BODY}\n{BODY}"
    assert (rule, line) in article.removed


@pytest.mark.parametrize(
    "line",
    [
        "Top officials in Islamabad met Binance executives on Monday.",
        "The news was welcomed by traders.",
        "Disclaimers are common in crypto ads, the regulator said.",
        "Copyright law in India does not cover tokens.",
        "Why Pakistan? Its surplus energy is the answer, analysts said.",
        "Why Is ETH Struggling?",
        "Binance covers the fees for users in Kyrgyzstan.",
        "Loading of the new mining rigs began in May.",
    ],
)
def test_article_sentences_that_resemble_boilerplate_stay(line):
    assert _clean(f"{BODY}\n{line}").text == f"{BODY}\n{line}"


def test_author_credit_starts_a_tail_that_is_removed_to_the_end():
    article = _clean(f"{BODY}\nThis articles is written by : A Writer\nSome promo text.\nMore promo.")
    assert article.text == BODY
    assert [r for r, _ in article.removed] == ["author_credit", "author_credit", "author_credit"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("data centers.Photo by Abuzar Xheikh on UnsplashOn May 26, the paper said.",
         "data centers.\nOn May 26, the paper said."),
        ("Visit https://example.com/page for more. Then read on.", "Visit for more. Then read on."),
    ],
)
def test_inline_boilerplate_is_cut_out_of_sentences(text, expected):
    assert _clean(text).text == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Lack of crypto clarityThat’s according to a report.",
         "Lack of crypto clarity\nThat’s according to a report."),
        ("Utilizing surplus energyAt the time, the focus was energy.",
         "Utilizing surplus energy\nAt the time, the focus was energy."),
        ("BlackRock and MicroStrategy bought bitcoin via PayPal.", None),
        ("Users of bitFlyer and iPhone apps traded more.", None),
    ],
)
def test_glued_headings_are_split_but_camel_case_names_are_not(text, expected):
    assert _clean(text).text == (expected or text)


def test_title_glued_to_first_sentence_is_cut():
    page = ("Policy·Jul 29, 2023\nIndian Court Scolds Government\n"
            "Indian Court Scolds GovernmentThe Indian court did not mince words.")
    article = _clean(page)
    assert article.title == "Indian Court Scolds Government"
    assert article.text == "The Indian court did not mince words."
    assert ("title_repeat", "Indian Court Scolds Government") in article.removed


def test_page_with_several_dated_articles_is_split():
    page = "\n".join([
        "Top", "", "Main headline about Kyrgyzstan", "", "Policy & Regulation·April 07, 2025, 2:25 AM", "",
        "First article body sentence.", "More to Read", "View All", "Policy & Regulation·", "", "May 28, 2025", "",
        "Second headline on Pakistan", "", "Second body sentence.", "", "news", "Markets·", "Dec 08, 2025",
        "Third headline on China", "Third body.",
    ])
    articles = cleaning.clean_page(page)
    assert [(a.title, a.published, a.text) for a in articles] == [
        ("Main headline about Kyrgyzstan", "2025-04-07", "First article body sentence."),
        ("Second headline on Pakistan", "2025-05-28", "Second body sentence."),
        ("Third headline on China", "2025-12-08", "Third body."),
    ]


def test_headline_with_date_after_comma_opens_the_article():
    page = ("Disclaimer: not advice.\n"
            "Binance co-founder announced talks with a dozen countries, 2026/01/22 15:10:23\n\n" + BODY)
    article = _clean(page)
    assert (article.title, article.published, article.text) == (
        "Binance co-founder announced talks with a dozen countries", "2026-01-22", BODY)


@pytest.mark.parametrize(
    ("page", "title"),
    [
        ("Binance Founder CZ Confirms Government Talks to Tokenize National Assets\n\n" + BODY,
         "Binance Founder CZ Confirms Government Talks to Tokenize National Assets"),
        ("Binance CEO revealed collaborations with countries\nU.S. stance inspires global interest\n" + BODY, None),
        (BODY + "\nAnother paragraph.", None),
    ],
    ids=["headline", "bullet-list", "no-headline"],
)
def test_headline_of_an_undated_page(page, title):
    assert _clean(page).title == title


@pytest.mark.parametrize(
    ("value", "iso"),
    [
        ("2026/01/22 15:10:23", "2026-01-22"),
        ("April 07, 2025, 2:25 AM", "2025-04-07"),
        ("Dec 08, 2025", "2025-12-08"),
        ("Sept 3, 2024", "2024-09-03"),
        ("3 April 2025", "2025-04-03"),
        ("2025-04-03T10:00:00Z", "2025-04-03"),
        ("22.01.2026", "2026-01-22"),
        ("2024-02-29", "2024-02-29"),
        ("yesterday", None),
        ("1,500", None),
    ],
)
def test_date_lines_are_read(value, iso):
    assert datelines.parse_date(value) == iso


@pytest.mark.parametrize("value", ["February 30, 2025", "2025-13-01", "2023-02-29", "Foo 3, 2025"])
def test_impossible_dates_are_refused(value):
    with pytest.raises(datelines.BadDate):
        datelines.parse_date(value)


@pytest.mark.parametrize(
    ("raw", "clean"),
    [
        ("Pak\u200bistan", "Pakistan"),
        ("\uff30\uff41\uff4b\uff49\uff53\uff54\uff41\uff4e", "Pakistan"),
        ("a\r\nb\rc", "a\nb\nc"),
        ("no\u00a0break", "no break"),
    ],
)
def test_normalize(raw, clean):
    assert cleaning.normalize(raw) == clean


@pytest.mark.parametrize(
    ("text", "published"),
    [
        ("Kyrgyz deal\n\nBISHKEK, May 2, 2025 — Kyrgyzstan signed a deal with Binance on Friday.", "2025-05-02"),
        ("BISHKEK, Kyrgyzstan, 2 May 2025 -- Kyrgyzstan signed a deal.", "2025-05-02"),
        ("NEW YORK, 2025-05-03 – Markets rose.", "2025-05-03"),
        ("NEW YORK, Feb. 30, 2025 — an impossible date is no date.", None),
        ("Bishkek, May 2, 2025 — a place in lower case is a sentence, not a dateline.", None),
    ],
)
def test_a_wire_dateline_gives_the_publication_date(text, published):
    assert cleaning.clean_page(text, split=True)[0].published == published


@pytest.mark.parametrize("body", ["Pakistan plans a Bitcoin reserve", "Pakistan plans a reserve, the minister said."])
def test_a_rights_line_after_a_one_line_article_leaves_its_body(body):
    article = cleaning.clean_page(f"{body}\n© 2025 Le Journal\n", split=True)[0]
    assert (article.title, article.text) == (None, body)
    assert ("copyright_line", "© 2025 Le Journal") in article.removed


def test_a_lone_headline_is_still_a_headline():
    article = cleaning.clean_page("Pakistan Plans Bitcoin Reserve\n", split=True)[0]
    assert (article.title, article.text) == ("Pakistan Plans Bitcoin Reserve", "")


def test_normalize_of_ascii_and_other_text_is_nfkc_without_zero_width_characters():
    import random
    import unicodedata

    rng = random.Random(5)
    soup = [chr(i) for i in range(1, 128)] + ["\u200b", "\ufeff", "\u00a0", "é", "e\u0301", "ﬁ", "\u2019", "Ⅻ"]
    for _ in range(3000):
        text = "".join(rng.choice(soup) for _ in range(rng.randint(0, 30)))
        plain = text.replace("\r\n", "\n").replace("\r", "\n")
        expected = unicodedata.normalize("NFKC", "".join(c for c in plain if c not in "\u200b\ufeff"))
        assert cleaning.normalize(text) == expected, repr(text)
