import pytest

from statecraft.sentiment import states


@pytest.mark.parametrize(
    "text",
    [
        "Pakistan named Changpeng Zhao an adviser to its crypto council.",
        "The Central Bank of Nigeria lifted its ban on crypto accounts.",
        "The SEC sued the exchange on Monday.",
        "Lawmakers want to tax mining rigs.",
        "The Treasury sanctioned the mixer.",
        "The Indian government plans a tax on crypto gains.",
    ],
)
def test_sentences_naming_a_state(text):
    assert states.names_state([text]).tolist() == [True]
    assert states.state_reasons(text, [(0, len(text))])[0]


@pytest.mark.parametrize(
    "text",
    [
        "Bitcoin rose 5% on Monday.",
        "Binance's Richard Teng spoke at the conference.",
        "The company's treasury holds 10,000 BTC.",  # lower-case treasury is a company's
        "Bank of America raised its target for the stock.",  # a commercial bank is not a state
        "",
    ],
)
def test_sentences_not_naming_a_state(text):
    assert states.names_state([text]).tolist() == [False]


def test_reasons_name_the_entity_or_the_word():
    text = "The Central Bank of Nigeria acted. Lawmakers met. Prices rose."
    spans = [(0, 34), (35, 49), (50, 62)]
    assert states.state_reasons(text, spans) == [["NGA", "central-bank-of-nigeria"], ["word:lawmakers"], []]


def test_state_entities_come_from_the_actor_table():
    ids = states.state_entities()
    assert {"cftc", "central-bank-of-nigeria", "bis"} <= ids
    assert not {"binance", "bank-of-china", "bank-of-america"} & ids  # private, and a state-owned commercial bank
