"""Homonym and venue guards: towns named like countries or capitals, capitals with and without support."""

from __future__ import annotations

import pytest

from statecraft.cleaning import sentences as segment
from statecraft.tagging import codebook, homonyms
from statecraft.tagging import tagger as tagging


def tag(text: str) -> list[dict]:
    return tagging.tag_text(text, segment.sentence_spans(text))


def countries(text: str) -> list[str]:
    return sorted({r["entity_id"] for r in tag(text) if r["entity_type"] == "country" and r["role"] == "subject"})


def roles(text: str) -> set[tuple[str, str]]:
    return {(r["surface"], r["role"]) for r in tag(text) if r["entity_type"] == "country"}


@pytest.mark.parametrize(
    ("text", "expected", "rule"),
    [
        ("A London, Ontario, man was charged on Friday.", [], ("London", "homonym_place")),
        ("An officer of the Athens-Clarke County police was stabbed.", [], ("Athens", "homonym_place")),
        ("The town of Turkey, N.C., held its annual fair.", [], ("Turkey", "homonym_place")),
        ("Firefighters in Lebanon, Pa., put out the blaze overnight.", [], ("Lebanon", "homonym_place")),
        ("The sawmill in Moscow, Idaho, hired forty workers.", [], ("Moscow", "homonym_place")),
        ("A Cairo, GA, teacher retired after forty years.", [], ("Cairo", "homonym_place")),
        ("A Vienna (Va.) library opened a new branch.", [], ("Vienna", "homonym_place")),
        ("Lebanon County commissioners met on Monday.", [], ("Lebanon", "homonym_place")),
        ("The Ontario city of London approved its budget.", [], ("London", "homonym_place")),
        ("Kentucky's Paris is known for horse farms.", [], ("Paris", "homonym_place")),
        ("Paris, Texas, is a small railroad town.", [], ("Paris", "homonym_place")),
        # once marked, the town keeps its reading in the article
        ("A London, Ont., woman won the lottery. London police said she was stunned.", [], ("London", "homonym_place")),
    ],
)
def test_marked_homonyms_are_not_countries(text, expected, rule):
    assert countries(text) == expected
    assert rule in roles(text)


@pytest.mark.parametrize(
    ("text", "expected", "rule"),
    [
        (
            "Washington warned Beijing over the export rules, and London said on Tuesday it agreed.",
            ["CHN", "GBR", "USA"],
            ("London", "subject"),
        ),  # fmt: skip
        ("China, Texas and Florida reported record heat this summer.", ["CHN"], ("China", "subject")),  # a list
        ("Turkey, Greece and Cyprus met in Vienna.", ["CYP", "GRC", "TUR"], ("Turkey", "subject")),
        ("Tbilisi, Georgia hosted the regional talks.", ["GEO"], ("Georgia", "subject")),
        ("London and Paris agreed on the text late on Friday.", ["FRA", "GBR"], ("Paris", "subject")),
        ("Officials from Amsterdam-London rail talks met.", [], ("Amsterdam", "place")),  # not a county
    ],
)
def test_names_without_a_marker_stay(text, expected, rule):
    assert countries(text) == expected
    assert rule in roles(text)


@pytest.mark.parametrize(
    ("text", "expected", "rule"),
    [
        ("A Paris bakery owner opened a second shop.", [], ("Paris", "place")),
        ("The Madrid marathon drew 30,000 runners.", [], ("Madrid", "place")),
        ("Tokyo traffic was heavy on Monday morning.", [], ("Tokyo", "place")),
        ("Rome police arrested two men after the match.", [], ("Rome", "place")),
        ("A Paris bakery owner in Lexington, Kentucky, opened a second shop.", [], ("Paris", "place")),
        ("Moscow denied any role in the attack.", ["RUS"], ("Moscow", "subject")),
        ("The sanctions were welcomed by Ottawa.", ["CAN"], ("Ottawa", "subject")),
        ("Seoul's response to the test was swift.", ["KOR"], ("Seoul", "subject")),
        ("Talks with Tehran stalled again.", ["IRN"], ("Tehran", "subject")),
        ("Relations between Ankara and Athens soured.", ["GRC", "TUR"], ("Athens", "subject")),
        ("Warsaw on Friday warned Minsk over the border.", ["BLR", "POL"], ("Minsk", "subject")),
        ("Madrid traffic was heavy, Spanish officials said.", ["ESP"], ("Madrid", "subject")),
        ("Beijing Bans Crypto Mining Again", ["CHN"], ("Beijing", "subject")),
        ("Canberra has repeatedly rejected the claim.", ["AUS"], ("Canberra", "subject")),
        ("It was a quiet week of crypto dispatches from Washington.", ["USA"], ("Washington", "subject")),
        ("The exchange faces pressure from Beijing over its listings.", ["CHN"], ("Beijing", "subject")),
        ("She flew in from Washington on Monday.", [], ("Washington", "place")),
        ("The team drove from Beijing to the coast.", [], ("Beijing", "place")),
    ],
)
def test_capitals_need_support(text, expected, rule):
    assert countries(text) == expected
    assert rule in roles(text)


@pytest.mark.parametrize(
    ("text", "expected", "rule"),
    [
        ("Half of Ohio's shops are small. Baird owns a florist in Poland.", [], ("Poland", "homonym_place")),
        ("Ohio shops are small. Her florist in Poland sells to Polish buyers.", ["POL"], ("Poland", "subject")),
        ("Ohio farms ship soy to Mexico; a dealer in Poland bought some.", ["MEX", "POL"], ("Poland", "subject")),
        ("Half of Ohio's shops are small. Poland is a trading partner.", ["POL"], ("Poland", "subject")),
    ],
)
def test_local_homonyms(text, expected, rule):
    assert countries(text) == expected
    assert rule in roles(text)


@pytest.mark.parametrize(
    ("text", "expected", "rule"),
    [
        ("Reporter Bill Holland covered the trial. Holland recalled the verdict.", [], ("Holland", "person_name")),
        ("Andrew Jordan won the race. Jordan thanked his team.", [], ("Jordan", "person_name")),
        ("Bill Holland covered the trial. Holland, like the Dutch, loves tulips.", ["NLD"], ("Holland", "subject")),
        ("Jordan signed the accord with Israel.", ["ISR", "JOR"], ("Jordan", "subject")),
    ],
)
def test_surname_keeps_its_reading(text, expected, rule):
    assert countries(text) == expected
    assert rule in roles(text)


def test_place_tables():
    subdivisions = codebook.table("subdivisions")
    states = subdivisions[(subdivisions["alpha_3"] == "USA") & (subdivisions["form"] == "name")]
    assert len(states) == 51  # 50 states and DC
    assert set(subdivisions.loc[subdivisions["form"] == "ap", "text"]) >= {"Ky.", "N.C.", "Tenn.", "Ont."}
    assert homonyms.local("Paris", "FRA", frozenset({"US-KY"}))
    assert homonyms.local("London", "GBR", frozenset({"CA-ON"}))
    assert not homonyms.local("Paris", "FRA", frozenset({"US-AK"}))
    assert homonyms.regions_named("Farmers in Paris, Ky., and Ontario") == {"US-KY", "CA-ON"}
    assert "Clarke" in set(codebook.table("us_counties")["name"])
