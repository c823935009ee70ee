"""The codebook tables: keys, order, whitespace, vocabularies, references and coverage."""

from __future__ import annotations

import pycountry
import pytest

from statecraft.tagging import codebook

TOPICS = [
    "adoption",
    "advisory",
    "ban-enforcement",
    "cbdc",
    "compliance",
    "investment",
    "mining",
    "regulatory-framework",
    "stablecoin",
    "strategic-reserve",
    "taxation",
    "tokenization",
]
GOLD_SLUGS = [
    "anwar-ibrahim",
    "bilal-bin-saqib",
    "binance",
    "blackrock",
    "changpeng-zhao",
    "donald-trump",
    "financial-times",
    "national-investments-authority",
    "okx",
    "pakistan-crypto-council",
    "peoples-bank-of-china",
    "richard-teng",
    "sadyr-zhaparov",
    "shehbaz-sharif",
    "world-economic-forum",
    "world-liberty-financial",
    "xapo-bank",
]


def test_codebook_is_valid():
    assert codebook.validate() == []


@pytest.mark.parametrize("name", sorted(codebook.TABLES))
def test_tables_have_rows_and_key_columns(name):
    data = codebook.table(name)
    assert len(data) > 0
    assert set(codebook.TABLES[name]) <= set(data.columns)


def test_countries_cover_iso_3166():
    data = codebook.table("countries")
    assert sorted(data["alpha_3"]) == sorted(c.alpha_3 for c in pycountry.countries)
    assert dict(zip(data["alpha_3"], data["alpha_2"], strict=True))["GIB"] == "GI"


def test_every_country_has_a_name_alias():
    aliases = codebook.table("country_aliases")
    named = set(aliases.loc[aliases["kind"].isin(["name", "short_name", "official_name"]), "alpha_3"])
    assert set(codebook.table("countries")["alpha_3"]) <= named


@pytest.mark.parametrize(
    ("alias", "alpha_3", "kind", "case"),
    [
        ("Kyrgyz Republic", "KGZ", "official_name", "cap"),
        ("Czech Republic", "CZE", "official_name", "cap"),
        ("Turkey", "TUR", "short_name", "exact"),
        ("US", "USA", "abbreviation", "exact"),
        ("U.S.", "USA", "abbreviation", "exact"),
        ("PRC", "CHN", "abbreviation", "exact"),
        ("Salvadoran", "SLV", "demonym", "cap"),
        ("Filipino", "PHL", "demonym", "cap"),
        ("Washington", "USA", "capital_metonym", "cap"),
        ("Islamabad", "PAK", "capital_metonym", "cap"),
        ("Davos", "CHE", "city", "cap"),
        ("Georgia", "GEO", "name", "exact"),
        ("Georgia", "USA", "us_state", "exact"),
        ("Chad", "TCD", "name", "exact"),
        ("Jordan", "JOR", "name", "exact"),
    ],
)
def test_country_alias_rows(alias, alpha_3, kind, case):
    aliases = codebook.table("country_aliases")
    row = aliases[(aliases["alias"] == alias) & (aliases["alpha_3"] == alpha_3)]
    assert row[["kind", "case"]].to_numpy().tolist() == [[kind, case]]


def test_topics_are_the_twelve_with_descriptions_and_terms():
    topics = codebook.table("topics")
    assert list(topics["topic_id"]) == TOPICS
    assert (topics["description"].str.len() > 20).all()
    assert set(codebook.table("topic_terms")["topic_id"]) == set(TOPICS)


def test_actors_cover_the_gold_slugs():
    actors = codebook.table("actors")
    assert len(actors) >= 60
    assert set(GOLD_SLUGS) <= set(actors["actor_id"])
    assert set(actors["entity_type"]) == {"actor", "organization"}
    assert set(codebook.table("actor_aliases")["actor_id"]) == set(actors["actor_id"])


def test_role_dates():
    roles = codebook.table("actor_roles")
    cz = roles[(roles["actor_id"] == "changpeng-zhao") & (roles["role"] == "chief executive")]
    assert cz[["of", "end_date"]].to_numpy().tolist() == [["binance", "2023-11-21"]]


@pytest.mark.parametrize(
    ("term", "inflect", "forms"),
    [
        ("ban", "verb", ["ban", "bans", "banned", "banning"]),
        ("tokenize", "verb", ["tokenize", "tokenizes", "tokenized", "tokenizing"]),
        ("crack down", "verb", ["crack down", "cracks down", "cracked down", "cracking down"]),
        ("levy", "verb", ["levy", "levies", "levied"]),
        ("stablecoin", "noun", ["stablecoin", "stablecoins"]),
        ("tax", "noun", ["tax", "taxes"]),
        ("regulatory", "none", ["regulatory"]),
    ],
)
def test_term_forms(term, inflect, forms):
    assert set(forms) <= set(codebook.term_forms(term, inflect))


@pytest.mark.parametrize(("name", "bad"), [("table", "nope"), ("rule_words", "nope")])
def test_unknown_names_are_errors(name, bad):
    with pytest.raises(KeyError, match=bad):
        getattr(codebook, name)(bad)


def test_bad_inflection_is_an_error():
    with pytest.raises(ValueError, match="inflect"):
        codebook.term_forms("ban", "adverb")


def test_demonyms_get_plurals_and_topics_get_forms():
    found = {(a.alias, a.entity_id) for a in codebook.aliases()}
    assert ("Pakistanis", "PAK") in found
    assert ("Chineses", "CHN") not in found
    assert ("cracked down", "ban-enforcement") in found
