"""Checks on the timex tables in data/timexes/: unique keys, known handlers, examples that match."""

from __future__ import annotations

import re

import pytest

from statecraft.cleaning.sentences import sentence_spans
from statecraft.resources import read_csv
from statecraft.timexes import extractor as timexes
from statecraft.timexes.patterns import grammar

RULES = read_csv("timexes/rules.csv")


def test_rule_names_are_unique_and_handlers_exist():
    names = [row["rule"] for row in RULES]
    assert len(names) == len(set(names))
    assert {row["handler"] for row in RULES} <= set(timexes.HANDLERS)


@pytest.mark.parametrize("row", RULES, ids=[row["rule"] for row in RULES])
def test_every_rule_matches_its_example(row):
    rule = next(r for r in grammar().rules.values() if r.name == row["rule"])
    context, _, example = row["example"].rpartition("|")  # "for |years": the context a lookbehind needs
    assert re.compile(rule.pattern, re.IGNORECASE).fullmatch(context + example, len(context))


@pytest.mark.parametrize("row", RULES, ids=[row["rule"] for row in RULES])
def test_every_example_is_found_in_a_sentence(row):
    context, _, example = row["example"].rpartition("|")
    text = f"We noted that {context}{example} mattered."
    rows = timexes.extract_timexes(text, "2025-04-07", sentence_spans(text))
    assert any(example in r["surface"] or r["surface"] in example for r in rows)


@pytest.mark.parametrize(
    ("table", "key"),
    [("timexes/lexicon.csv", ("kind", "token")), ("timexes/phrases.csv", ("phrase",)), ("timexes/cues.csv", ("cue",))],
)
def test_tables_have_unique_keys(table, key):
    keys = [tuple(row[k].lower() for k in key) for row in read_csv(table)]
    assert len(keys) == len(set(keys))


def test_phrase_types_are_timex3_types():
    assert {row["timex_type"] for row in read_csv("timexes/phrases.csv")} <= {"DATE", "TIME", "DURATION", "SET"}


PHRASES = read_csv("timexes/phrases.csv")


@pytest.mark.parametrize("row", PHRASES, ids=[row["phrase"] for row in PHRASES])
def test_every_phrase_reads_as_its_table_row(row):
    """No phrase row is shadowed by an earlier rule that reads it otherwise (a dead row)."""
    text = f"Prices rose {row['phrase']} in Paris."
    rows = timexes.extract_timexes(text, "2022-12-20", sentence_spans(text))
    found = {r["surface"].lower(): r["value"] for r in rows}
    assert row["phrase"] in found
    if row["value"] != "WEEKEND":  # the weekend is resolved to a week, not written as the table's marker
        assert found[row["phrase"]] == row["value"]
