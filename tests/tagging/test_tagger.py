"""Tagging rules, one parametrised case per sentence, positive and negative."""

from __future__ import annotations

import pandas as pd
import pytest

from statecraft import schema
from statecraft.cleaning import sentences as segment
from statecraft.tagging import tagger as tagging


def tag(text: str) -> list[dict]:
    rows = tagging.tag_text(text, segment.sentence_spans(text))
    for row in rows:
        assert text[row["start"] : row["end"]] == row["surface"]
    return rows


def countries(text: str) -> list[str]:
    return sorted({r["entity_id"] for r in tag(text) if r["entity_type"] == "country" and r["role"] == "subject"})


def roles(text: str) -> set[tuple[str, str]]:
    return {(r["surface"], r["role"]) for r in tag(text) if r["entity_type"] == "country"}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Officials in the Kyrgyz Republic welcomed the deal.", ["KGZ"]),
        ("Czechia, formerly styled the Czech Republic, agreed.", ["CZE"]),
        ("Türkiye and Turkiye are both spellings; Turkey is the older one.", ["TUR"]),
        ("Filipino workers send remittances home.", ["PHL"]),
        ("Salvadoran officials praised the Bitcoin law.", ["SLV"]),
        ("The Philippines and South Korea issued rules.", ["KOR", "PHL"]),
        ("North Korean hackers stole the funds.", ["PRK"]),
        ("Hong Kong and Macau licensed exchanges.", ["HKG", "MAC"]),
        ("The UAE and Britain signed a memorandum.", ["ARE", "GBR"]),
        ("Viet Nam, or Vietnam, and the Netherlands.", ["NLD", "VNM"]),
        ("Ivory Coast joined Russia and Iran.", ["CIV", "IRN", "RUS"]),
        ("Xapo Bank, a Gibraltar-based crypto bank, expanded.", ["GIB"]),
        ("Pakistanis and Emiratis trade crypto; Pakistani banks too.", ["ARE", "PAK"]),
        ("Malaysian Prime Minister Anwar Ibrahim met CZ.", ["MYS"]),
        ("The PRC and the DPRK were mentioned.", ["CHN", "PRK"]),
        ("The US is ahead, the U.S. said, and the USA agreed.", ["USA"]),
        ("America's pro-crypto stance inspired others.", ["USA"]),
    ],
)
def test_country_aliases(text, expected):
    assert countries(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Let us talk about it.", []),  # "US" is case-sensitive
        ("She bought fine china and a turkey.", []),  # lower-case words are not countries
        ("Indiana and Indianapolis passed bills; Omani-style rules too.", ["OMN"]),  # word boundaries
        ("The USDT supply grew; USAGoldMines reported it.", []),
        ("Latin America and Central Asia are growing markets.", []),  # regions
        ("Tensions in the South China Sea rose.", []),
        ("Crypto adoption grows in Asia, Africa and Europe.", []),
    ],
)
def test_case_boundaries_and_regions(text, expected):
    assert countries(text) == expected


@pytest.mark.parametrize(
    ("text", "expected", "rule"),
    [
        ("On May 26, the Pakistan Observer reported the appointment.", [], ("Pakistan", "in_org_name")),
        ("Analysts at Bank of America expect more inflows.", [], ("America", "in_org_name")),
        ("China Daily said the rules are strict.", [], ("China", "in_org_name")),
        ("The Kyiv Post reported on Monday.", [], ("Kyiv", "in_org_name")),
        ("According to the South China Morning Post, the rules change.", [], ("China", "in_org_name")),
        ("The Times of India reported it.", [], ("India", "in_org_name")),
        ("He flew Turkish Airlines to the summit.", [], ("Turkish", "in_org_name")),
        ("The China Banking Association issued a warning.", [], ("China", "in_org_name")),
        ("It was echoed by the Securities Association of China.", [], ("China", "in_org_name")),
        ("Binance.US paused withdrawals.", [], ("US", "in_org_name")),
        ("The Reserve Bank of India has warned banks.", ["IND"], ("India", "subject")),
        ("The People's Bank of China restated its ban.", ["CHN"], ("China", "subject")),
        ("The People\u2019s Bank of China restated its ban.", ["CHN"], ("China", "subject")),
        ("Bank of China opened a crypto desk.", ["CHN"], ("China", "subject")),
        ("The Pakistan Crypto Council hired advisers.", ["PAK"], ("Pakistan", "subject")),
        ("The Indian Supreme Court scolded the government.", ["IND"], ("Indian", "subject")),
        ("The U.S. Securities and Exchange Commission sued.", ["USA"], ("U.S.", "subject")),
        ("The Japan Exchange Group listed the fund.", [], ("Japan", "in_org_name")),
    ],
)
def test_organisation_names(text, expected, rule):
    assert countries(text) == expected
    assert rule in roles(text)


@pytest.mark.parametrize(
    ("text", "expected", "rule"),
    [
        ("The stablecoin is backed by the US dollar.", [], ("US", "currency")),
        ("It is pegged to the Kyrgyz som.", [], ("Kyrgyz", "currency")),
        ("Prices were quoted in US$ and HK$ only.", [], ("US", "currency")),
        ("Users pay in Chinese yuan.", [], ("Chinese", "currency")),
        ("The U.S. dollar fell against the Japanese yen.", [], ("U.S.", "currency")),
        ("The US dollar and the US economy.", ["USA"], ("US", "subject")),
    ],
)
def test_currencies(text, expected, rule):
    assert countries(text) == expected
    assert rule in roles(text)


@pytest.mark.parametrize(
    ("text", "expected", "rule"),
    [
        ("Texas and New Hampshire passed Bitcoin reserve bills.", [], ("Texas", "us_state")),
        ("New Mexico lawmakers debated the bill.", [], ("New Mexico", "us_state")),
        ("The firm is registered in New Jersey.", [], ("New Jersey", "us_state")),
        ("Washington state regulators fined the exchange.", [], ("Washington state", "us_state")),
        ("Georgia lawmakers in Atlanta passed a state bill.", [], ("Georgia", "us_state")),
        ("The state of Georgia followed Texas and Arizona.", [], ("Georgia", "us_state")),
        ("Georgia's parliament in Tbilisi adopted a crypto law.", ["GEO"], ("Georgia", "subject")),
        ("Georgia, in the Caucasus, borders Armenia.", ["ARM", "GEO"], ("Georgia", "subject")),
        ("Jersey regulators approved the fund.", ["JEY"], ("Jersey", "subject")),
    ],
)
def test_us_states(text, expected, rule):
    assert countries(text) == expected
    assert rule in roles(text)


@pytest.mark.parametrize(
    ("text", "expected", "rule"),
    [
        ("CZ spoke at the World Economic Forum in Davos.", [], ("Davos", "venue")),
        ("The conference in Las Vegas drew 30,000 people.", [], ("Las Vegas", "venue")),
        ("He met officials in Beijing last week.", [], ("Beijing", "venue")),
        ("The delegation travelled to Islamabad.", [], ("Islamabad", "venue")),
        ("A Beijing-based miner raised funds.", [], ("Beijing", "venue")),
        ("The talks were held in Islamabad, Pakistan.", ["PAK"], ("Islamabad", "venue")),
        ("ISLAMABAD: The government approved the plan.", [], ("ISLAMABAD", "dateline")),
        ("BEIJING (Reuters) - The central bank spoke.", [], ("BEIJING", "dateline")),
        ("WASHINGTON, Jan 5 (Reuters) - Lawmakers met.", [], ("WASHINGTON", "dateline")),
        ("This move by Washington has encouraged other nations.", ["USA"], ("Washington", "subject")),
        ("Beijing has banned crypto trading again.", ["CHN"], ("Beijing", "subject")),
        ("Observers noted that Washington's stance changed.", ["USA"], ("Washington", "subject")),
        ("Tensions between Washington and Moscow rose.", ["RUS", "USA"], ("Moscow", "subject")),
        ("George Washington never saw Bitcoin.", [], ("Washington", "person_name")),
        ("The Washington Post reported the deal.", [], ("Washington", "in_org_name")),
    ],
)
def test_capitals_and_venues(text, expected, rule):
    assert countries(text) == expected
    assert rule in roles(text)


@pytest.mark.parametrize(
    ("text", "expected", "rule"),
    [
        ("Chevere is Spanish for cool.", [], ("Spanish", "language")),
        ("The notice was published in Chinese.", [], ("Chinese", "language")),
        ("A Chinese-language newspaper reported it.", [], ("Chinese", "language")),
        ("He speaks Russian and English.", [], ("Russian", "language")),
        ("The Spanish government taxes crypto.", ["ESP"], ("Spanish", "subject")),
        ("He invested in Chinese companies.", ["CHN"], ("Chinese", "subject")),
    ],
)
def test_languages(text, expected, rule):
    assert countries(text) == expected
    assert rule in roles(text)


@pytest.mark.parametrize(
    ("text", "expected", "rule"),
    [
        ("Investors cheered when Michael Jordan bought NFTs.", [], ("Jordan", "person_name")),
        ("Jordan Belfort warned investors.", [], ("Jordan", "name_part")),
        ("Chad Smith joined the board.", [], ("Chad", "name_part")),
        ("Billionaire Mark Cuban says crypto will survive.", [], ("Cuban", "person_name")),
        ("Jordan's central bank warned against crypto.", ["JOR"], ("Jordan", "subject")),
        ("Chad and Niger signed the deal.", ["NER", "TCD"], ("Chad", "subject")),
        ("Turkey's central bank banned crypto payments.", ["TUR"], ("Turkey", "subject")),
        ("Turkey Bans Crypto Payments As Lira Slides", ["TUR"], ("Turkey", "subject")),  # title case
    ],
)
def test_person_names(text, expected, rule):
    assert countries(text) == expected
    assert rule in roles(text)


@pytest.mark.parametrize(
    ("text", "surface"),
    [
        ("Talks with Pak\u200bistan resumed.", "Pak\u200bistan"),
        ("The \uff35\uff33 government spoke.", "\uff35\uff33"),
        ("\u0130stanbul hosted delegates from Pakistan.", "Pakistan"),
        ("Zero\u200b width\u200b spaces before Kyrgyzstan\u200b.", "Kyrgyzstan"),
    ],
)
def test_offsets_refer_to_the_raw_text(text, surface):
    rows = [r for r in tag(text) if r["entity_type"] == "country" and r["role"] == "subject"]
    assert [r["surface"] for r in rows] == [surface]


@pytest.mark.parametrize(
    ("text", "entity_id", "present"),
    [
        ("CZ stepped down as Binance CEO in 2023.", "changpeng-zhao", True),
        ("Binance founder Changpeng \u201cCZ\u201d Zhao spoke.", "changpeng-zhao", True),
        ("Binance CEO Richard Teng said so. Teng added more.", "richard-teng", True),
        ("Teng said so.", "richard-teng", False),  # a surname alone needs the full name
        ("The National Investments Authority (NIA) signed.", "national-investments-authority", True),
        ("The NIA arrested a suspect.", "national-investments-authority", False),
        ("President Trump signed the order.", "donald-trump", True),
        ("The People's Bank of China (PBOC) spoke.", "peoples-bank-of-china", True),
        ("Nayib Bukele made Bitcoin legal tender.", "nayib-bukele", True),
    ],
)
def test_actors(text, entity_id, present):
    found = {r["entity_id"] for r in tag(text) if r["entity_type"] in ("actor", "organization")}
    assert (entity_id in found) is present


@pytest.mark.parametrize(
    ("text", "topic"),
    [
        ("The government plans a strategic Bitcoin reserve.", "strategic-reserve"),
        ("Binance helps tokenize state assets.", "tokenization"),
        ("Regulators drafted a regulatory framework.", "regulatory-framework"),
        ("Kyrgyzstan signed a memorandum of understanding with CZ.", "advisory"),
        ("The stablecoin is pegged to the dollar.", "stablecoin"),
        ("The central bank tested its CBDC and the digital yuan.", "cbdc"),
        ("Miners were allocated 2,000 megawatts of surplus electricity.", "mining"),
        ("Authorities cracked down on exchanges and banned trading.", "ban-enforcement"),
        ("Crypto gains are taxed at 30%.", "taxation"),
        ("Exchanges must follow AML and KYC rules.", "compliance"),
        ("El Salvador made Bitcoin legal tender.", "adoption"),
        ("The fund made a large investment.", "investment"),
    ],
)
def test_topics(text, topic):
    assert topic in {r["entity_id"] for r in tag(text) if r["entity_type"] == "topic"}


def test_rows_have_sentence_ids_and_schema():
    text = "Pakistan is first. Then came Malaysia and the U.S. dollar."
    rows = tag(text)
    by_surface = {r["surface"]: r for r in rows}
    assert by_surface["Pakistan"]["sentence_id"] == 0
    assert by_surface["Malaysia"]["sentence_id"] == 1
    frame = schema.frame("mentions", [{"doc_id": "d", **r} for r in rows])
    assert list(frame.columns) == list(schema.MENTIONS)
    assert frame["entity_type"].isin(["country", "actor", "organization", "topic"]).all()


def test_document_helpers():
    text = "Pakistan and Pakistan again. Malaysia once. The US dollar. Binance talks tokenization."
    rows = [{"doc_id": "b", **r} for r in tag(text)] + [{"doc_id": "a", **r} for r in tag("Nothing here.")]
    mentions = schema.frame("mentions", rows)
    docs = tagging.document_countries(mentions, doc_ids=["a", "b", "c"])
    assert list(docs["doc_id"]) == ["a", "b", "c"]
    assert docs.loc[1, "countries"] == ("MYS", "PAK")
    assert docs.loc[1, "main_country"] == "PAK"
    assert pd.isna(docs.loc[0, "main_country"]) and docs.loc[0, "countries"] == ()
    ents = tagging.document_entities(mentions).set_index("doc_id")
    assert ents.loc["b", "organizations"] == ("binance",)
    assert ents.loc["b", "topics"] == ("tokenization",)
