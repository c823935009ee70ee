"""Load and validate the tagging codebook kept as tidy CSV under ``data/tagging/``.

The codebook names every entity the tagger can find and every word its rules look at:
countries and their aliases, actors (people and organisations) and their aliases and
dated roles, topics and their terms, shadow phrases (regions such as "Latin America"
that contain a country word but name no country) and the context words of the rules
(currencies, locative prepositions, organisation head words, ...). See the README in
that folder for the data dictionary.
"""

from __future__ import annotations

import functools
import logging
import re
from dataclasses import dataclass

import pandas as pd

from statecraft import resources

log = logging.getLogger(__name__)

TABLES: dict[str, list[str]] = {
    "countries": ["alpha_3"],
    "country_aliases": ["alpha_3", "alias", "kind"],
    "actors": ["actor_id"],
    "actor_aliases": ["actor_id", "alias"],
    "actor_roles": ["actor_id", "role", "of", "start_date"],
    "topics": ["topic_id"],
    "topic_terms": ["topic_id", "term"],
    "shadow_phrases": ["phrase"],
    "rule_words": ["rule", "word"],
    "subdivisions": ["code", "form", "text"],
    "us_counties": ["name", "state"],
    "homonym_places": ["alias", "geonameid"],
}
SUBDIVISION_FORMS = frozenset({"name", "postal", "ap"})
COUNTRY_KINDS = frozenset(
    {
        "name",
        "official_name",
        "short_name",
        "former_name",
        "abbreviation",
        "demonym",
        "constituent",
        "capital_metonym",
        "city",
        "us_state",
    }
)
ACTOR_KINDS = frozenset({"name", "short_name", "former_name", "abbreviation", "surname", "given_name", "title_name"})
ENTITY_TYPES = frozenset({"actor", "organization"})
SECTORS = frozenset({"state", "private", "media", "international"})
CASES = frozenset({"exact", "cap"})
INFLECTIONS = frozenset({"none", "noun", "verb"})
RULES = frozenset(
    {
        "currency",
        "locative",
        "language_after",
        "language_before",
        "org_head_state",
        "org_head_private",
        "title",
        "not_name",
        "name_particle",
        "us_context",
        "us_document",
        "geo_context",
        "state_verb",
        "verb_skip",
        "state_noun",
        "state_before",
        "state_from",
        "place_noun",
        "county_word",
    }
)
_DATE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")
_VOWELS = frozenset("aeiou")


@dataclass(frozen=True)
class Alias:
    """One matchable string and the entity it names.

    Attributes:
        alias: The string as written in the codebook.
        entity_type: country, actor, organization, topic, or shadow (blocks, emits nothing).
        entity_id: ISO alpha-3, actor/topic slug, or the shadow kind.
        kind: How the alias names the entity (name, demonym, term, ...).
        case: "exact" (case-sensitive) or "cap" (first letter upper case); topic terms use "any".
        standalone: False when the alias counts only beside a standalone alias of the same entity.
    """

    alias: str
    entity_type: str
    entity_id: str
    kind: str
    case: str
    standalone: bool = True


@functools.cache
def table(name: str) -> pd.DataFrame:
    """Read codebook table ``name`` as strings (empty cells are "").

    Args:
        name: One of :data:`TABLES`.

    Returns:
        A new DataFrame of the CSV rows in file order.

    Raises:
        KeyError: If ``name`` is not a codebook table.
    """
    if name not in TABLES:
        raise KeyError(f"unknown codebook table {name!r}; valid names: {', '.join(TABLES)}")
    rows = resources.read_csv(f"tagging/{name}.csv")
    return pd.DataFrame.from_records(list(rows)).astype("string").fillna("")


@functools.cache
def rule_words(rule: str) -> frozenset[str]:
    """Return the lower-cased context words of one tagging rule.

    Args:
        rule: One of :data:`RULES`.

    Returns:
        The words listed for ``rule`` in rule_words.csv.

    Raises:
        KeyError: If ``rule`` is unknown.
    """
    if rule not in RULES:
        raise KeyError(f"unknown rule {rule!r}; valid rules: {', '.join(sorted(RULES))}")
    words = table("rule_words")
    return frozenset(words.loc[words["rule"] == rule, "word"].str.lower())


def term_forms(term: str, inflect: str) -> list[str]:
    """Expand a topic term to the word forms it is matched on.

    Nouns inflect their last word (plural), verbs their first word (-s, -ed, -ing, with
    the e-drop and consonant-doubling spellings); impossible spellings are harmless.

    Args:
        term: The base form, e.g. "crack down" or "stablecoin".
        inflect: "none", "noun" or "verb".

    Returns:
        The forms, base form first, without duplicates.

    Raises:
        ValueError: If ``inflect`` is not a valid choice.
    """
    if inflect not in INFLECTIONS:
        raise ValueError(f"inflect must be one of {sorted(INFLECTIONS)}, got {inflect!r}")
    words = term.split(" ")
    if inflect == "none":
        return [term]
    index = len(words) - 1 if inflect == "noun" else 0
    forms = _noun_forms(words[index]) if inflect == "noun" else _verb_forms(words[index])
    out = [" ".join(words[:index] + [form] + words[index + 1 :]) for form in forms]
    return list(dict.fromkeys(out))


@functools.cache
def aliases() -> tuple[Alias, ...]:
    """Return every matchable alias of the codebook: countries, actors, topic forms, shadows.

    Country demonyms also get their plural ("Pakistanis"); topic terms every word form.

    Returns:
        The aliases, in table order.
    """
    out: list[Alias] = []
    for row in table("country_aliases").itertuples(index=False):
        out.append(Alias(row.alias, "country", row.alpha_3, row.kind, row.case))
        if row.kind == "demonym" and not re.search(r"(s|sh|ch|se|z|x)$", row.alias):
            out.append(Alias(row.alias + "s", "country", row.alpha_3, row.kind, row.case))
    types = dict(zip(table("actors")["actor_id"], table("actors")["entity_type"], strict=True))
    for row in table("actor_aliases").itertuples(index=False):
        out.append(Alias(row.alias, types[row.actor_id], row.actor_id, row.kind, row.case, row.standalone == "true"))
    for row in table("topic_terms").itertuples(index=False):
        out.extend(Alias(form, "topic", row.topic_id, "term", "any") for form in term_forms(row.term, row.inflect))
    for row in table("shadow_phrases").itertuples(index=False):
        out.append(Alias(row.phrase, "shadow", row.kind, "shadow", "cap"))
    return tuple(dict.fromkeys(out))


def validate() -> list[str]:
    """Check the codebook tables: keys, order, whitespace, vocabularies and references.

    Returns:
        Human-readable problems; empty when the codebook is valid.
    """
    problems: list[str] = []
    for name, key in TABLES.items():
        data = table(name)
        problems += _check_table(name, data, key)
    countries = set(table("countries")["alpha_3"])
    actors = table("actors")
    actor_ids = set(actors["actor_id"])
    topics = set(table("topics")["topic_id"])
    ca = table("country_aliases")
    problems += _unknown("country_aliases.alpha_3", ca["alpha_3"], countries)
    problems += _unknown("country_aliases.kind", ca["kind"], COUNTRY_KINDS)
    problems += _unknown("country_aliases.case", ca["case"], CASES)
    problems += _unknown("actors.entity_type", actors["entity_type"], ENTITY_TYPES)
    problems += _unknown("actors.sector", actors["sector"], SECTORS)
    problems += _unknown("actors.country", actors["country"], countries | {""})
    aa = table("actor_aliases")
    problems += _unknown("actor_aliases.actor_id", aa["actor_id"], actor_ids)
    problems += _unknown("actor_aliases.kind", aa["kind"], ACTOR_KINDS)
    problems += _unknown("actor_aliases.case", aa["case"], CASES)
    problems += _unknown("actor_aliases.standalone", aa["standalone"], {"true", "false"})
    roles = table("actor_roles")
    problems += _unknown("actor_roles.actor_id", roles["actor_id"], actor_ids)
    problems += _unknown("actor_roles.of", roles["of"], actor_ids | countries)
    dates = pd.concat([roles["start_date"], roles["end_date"]])
    problems += [f"actor_roles: bad date {d!r}" for d in dates if d and not _DATE.match(d)]
    tt = table("topic_terms")
    problems += _unknown("topic_terms.topic_id", tt["topic_id"], topics)
    problems += _unknown("topic_terms.inflect", tt["inflect"], INFLECTIONS)
    problems += _unknown("rule_words.rule", table("rule_words")["rule"], RULES)
    subdivisions = table("subdivisions")
    problems += _unknown("subdivisions.alpha_3", subdivisions["alpha_3"], {"USA", "CAN"})
    problems += _unknown("subdivisions.form", subdivisions["form"], SUBDIVISION_FORMS)
    problems += _unknown("us_counties.state", table("us_counties")["state"], set(subdivisions["code"]))
    homonyms = table("homonym_places")
    names = {(a, c) for a, c in zip(ca["alias"], ca["alpha_3"], strict=True)}
    problems += [
        f"homonym_places: {a!r} is no alias of {c}"
        for a, c in zip(homonyms["alias"], homonyms["alpha_3"], strict=True)
        if (a, c) not in names
    ]
    problems += _unknown("homonym_places.region", homonyms["region"], set(subdivisions["code"]))
    problems += _ambiguous()
    return problems


def _check_table(name: str, data: pd.DataFrame, key: list[str]) -> list[str]:
    problems = []
    for column in data.columns:
        values = data[column]
        bad = values[values != values.str.strip()]
        problems += [f"{name}.{column}: surrounding whitespace in {v!r}" for v in bad]
    dup = data[data.duplicated(key, keep=False)]
    if len(dup):
        problems.append(f"{name}: duplicate key {key}: {dup[key].drop_duplicates().to_numpy().tolist()[:5]}")
    ordered = data.sort_values(list(data.columns), kind="mergesort").reset_index(drop=True)
    if not ordered.equals(data.reset_index(drop=True)):
        problems.append(f"{name}: rows are not sorted by {list(data.columns)}")
    return problems


def _unknown(label: str, values: pd.Series, valid: set[str] | frozenset[str]) -> list[str]:
    bad = sorted(set(values) - set(valid))
    return [f"{label}: unknown value(s) {bad[:10]}"] if bad else []


def _ambiguous() -> list[str]:
    """Report alias strings naming two entities; only Georgia (country / US state) is resolved by a rule."""
    seen: dict[tuple[str, str], set[str]] = {}
    for a in aliases():
        group = "topic" if a.entity_type == "topic" else "entity"
        seen.setdefault((group, a.alias), set()).add(f"{a.entity_type}:{a.entity_id}")
    return [
        f"alias {alias!r} names several entities: {sorted(ids)}"
        for (_, alias), ids in sorted(seen.items())
        if len(ids) > 1 and alias != "Georgia"
    ]


def _noun_forms(word: str) -> list[str]:
    if word.endswith(("s", "x", "z", "ch", "sh")):
        return [word, word + "es"]
    if word.endswith("y") and word[-2:-1] not in _VOWELS:
        return [word, word[:-1] + "ies"]
    return [word, word + "s"]


def _verb_forms(word: str) -> list[str]:
    stem = word[:-1] if word.endswith("e") else word
    forms = [word, *_noun_forms(word)[1:], stem + "ed", stem + "ing"]
    if len(word) >= 3 and word[-1] not in _VOWELS | {"w", "x", "y"} and word[-2] in _VOWELS:
        forms += [word + word[-1] + "ed", word + word[-1] + "ing"]
    if word.endswith("y") and word[-2:-1] not in _VOWELS:
        forms.append(word[:-1] + "ied")
    return forms
