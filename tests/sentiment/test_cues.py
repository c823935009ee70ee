import numpy as np
import pytest

from statecraft.sentiment import cues


def _signs(text, kind):
    return sorted(s for c, _w, s in cues.analyse(text) if c == kind)


def test_terms_table_is_tidy():
    table = cues.load_terms()
    assert set(table["kind"]) == set(cues.KINDS)
    assert not table.duplicated(["term", "kind"]).any()
    assert list(table.itertuples(index=False)) == sorted(table.itertuples(index=False))
    assert (table["term"] == table["term"].str.lower()).all()


@pytest.mark.parametrize(
    ("text", "sign"),
    [
        ("Operating profit rose to EUR 13.1 mn", 1),
        ("Revenue jumped 45% in the quarter", 1),
        ("The company narrowed its net loss", 1),
        ("Net loss narrowed to Rs 10 crore", 1),
        ("Costs rose sharply in the third quarter", -1),
        ("Debt ballooned after the acquisition", -1),
        ("Sales plunged 30%", -1),
        ("The bank slashed its costs", 1),
        ("Losses widened to $2 billion", -1),
        ("Outflows from bitcoin funds fell for a third week", 1),
        ("Bitcoin price tumbled below $17,000", -1),
    ],
)
def test_direction_times_quantity(text, sign):
    assert _signs(text, "comp") == [sign]


@pytest.mark.parametrize(
    ("text", "kind", "signs"),
    [
        ("Profit did not rise this year", "comp", [-1]),
        ("The regulator did not approve the fund", "state", [-1]),
        ("The results were not good", "word", [-1]),
        ("The results were good", "word", [1]),
    ],
)
def test_negation_flips_the_next_words(text, kind, signs):
    assert _signs(text, kind) == signs


def test_negation_stops_at_a_clause_break():
    assert _signs("No surprise, profit rose", "comp") == [1]


@pytest.mark.parametrize(
    ("text", "signs"),
    [
        ("India to ban crypto trading", [-1]),
        ("US Treasury sanctions the mixer Tornado Cash", [-1]),
        ("Police arrest the founder and seize his assets", [-1, -1]),
        ("Authorities raided the exchange's offices", [-1]),
        ("The SEC approved the first bitcoin futures ETF", [1]),
        ("Dubai grants a license to the exchange", [1, 1]),
        ("El Salvador adopts bitcoin as legal tender", [1, 1]),
        ("China lifts its ban on bitcoin mining", [1]),
        ("Lawmakers repeal the restrictions on stablecoins", [1]),
    ],
)
def test_state_actions(text, signs):
    assert _signs(text, "state") == signs


def test_contrast_discounts_the_clause_before_but():
    found = {(c, s): w for c, w, s in cues.analyse("Revenue rose but losses widened")}
    assert found[("comp", 1)] == cues.DISCOUNT and found[("comp", -1)] == 1.0


def test_contrast_discounts_the_clause_despite_opens():
    found = {(c, s): w for c, w, s in cues.analyse("Despite the crackdown, bitcoin rallied")}
    assert found[("state", -1)] == cues.DISCOUNT and found[("comp", 1)] == 1.0


def test_declined_to_comment_is_no_direction():
    assert cues.analyse("Twitter declined to comment on the report") == []


def test_features_shape_and_net_sign():
    texts = ["Profit jumped and losses narrowed", "Shares plunged after the ban", "The meeting is on Monday", ""]
    out = cues.cue_features(texts)
    assert out.shape == (4, len(cues.FEATURES))
    net = out[:, cues.FEATURES.index("net")]
    assert net[0] > 0 > net[1] and net[2] == 0 == net[3]
    assert np.all(out[2, : cues.FEATURES.index("net")] == 0)


def test_two_word_terms_are_one_token():
    assert "legal tender" in cues.tokenize("Bitcoin becomes legal tender.")
    assert cues.tokenize("Shares, up 5%.") == ["shares", ",", "up", "5", "."]
