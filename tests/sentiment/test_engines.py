import math

import pytest
from textblob import TextBlob
from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

from statecraft.sentiment import engines as sentiment
from statecraft.sentiment import lexicon
from statecraft.sentiment.engines import ENGINES, check_engine, explain, normalize_text, score_sentences

SENTENCES = [
    "Bitcoin rallied to a record high after the reserve bill passed.",
    "The exchange isn't compliant and regulators are furious.",
    "The ministry published a consultation paper on Tuesday.",
    "Prices crashed, wiping out billions in a terrible week!",
    "",
]


@pytest.mark.parametrize("engine", ENGINES)
def test_check_engine_accepts_every_engine(engine):
    assert check_engine(engine) == engine


@pytest.mark.parametrize("bad", ["TextBlob", "bert", "", "vader "])
def test_bad_engine_is_a_clear_error(bad):
    with pytest.raises(ValueError, match=r"unknown sentiment engine .*valid engines: textblob, vader, finance"):
        score_sentences(["fine"], engine=bad)


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("This isn\u2019t good.", "This is not good."),
        ("This isn't good.", "This is not good."),
        ("They can\u2019t and won't", "They can not and will not"),
        ("Cannot stop", "Can not stop"),
        ("\u201cGreat\u201d \u2013 he said", '"Great" - he said'),
        ("a\u00a0 b", "a b"),
        ("IT ISN'T", "IT IS NOT"),
        ("WE CANNOT", "WE CAN NOT"),
        ("\uff43\uff41\uff4e\uff4e\uff4f\uff54 go", "can not go"),  # full-width letters: NFKC first
        ("no contraction here,  just  spaces", "no contraction here, just spaces"),
        ("it isn`t `quoted`", "it is not 'quoted'"),  # the backquote is the map's one ASCII key
        ("plain ascii\tline ", "plain ascii line"),
    ],
)
def test_normalize_text(raw, expected):
    assert normalize_text(raw) == expected


@pytest.mark.parametrize("text", SENTENCES)
def test_textblob_equals_textblob_on_normalised_sentence(text):
    [row] = score_sentences([text], engine="textblob")
    reference = TextBlob(normalize_text(text)).sentiment
    assert row["polarity"] == round(reference.polarity, 4)
    assert row["subjectivity"] == round(reference.subjectivity, 4)


@pytest.mark.parametrize("text", SENTENCES)
def test_vader_equals_vader_compound_on_normalised_sentence(text):
    [row] = score_sentences([text], engine="vader")
    assert row["polarity"] == SentimentIntensityAnalyzer().polarity_scores(normalize_text(text))["compound"]
    assert row["subjectivity"] is None


@pytest.mark.parametrize("engine", ENGINES)
@pytest.mark.parametrize(
    ("curly", "straight"),
    [
        ("The rollout isn\u2019t good for investors.", "The rollout isn't good for investors."),
        ("Regulators don\u2019t like the plan.", "Regulators don't like the plan."),
        ("It\u2019s a great deal, isn\u2019t it?", "It's a great deal, isn't it?"),
    ],
)
def test_curly_and_straight_apostrophes_score_the_same(engine, curly, straight):
    assert score_sentences([curly], engine=engine) == score_sentences([straight], engine=engine)


@pytest.mark.parametrize("engine", ["textblob", "vader"])
def test_contraction_negates(engine):
    [neg] = score_sentences(["The result isn\u2019t good."], engine=engine)
    [pos] = score_sentences(["The result is good."], engine=engine)
    assert pos["polarity"] > 0 > neg["polarity"]


@pytest.mark.parametrize("engine", ENGINES)
def test_contract_of_rows(engine):
    rows = score_sentences(SENTENCES, engine=engine)
    assert len(rows) == len(SENTENCES)
    for row in rows:
        assert set(row) == {"polarity", "subjectivity", "label"}
        assert -1 <= row["polarity"] <= 1 and row["polarity"] == round(row["polarity"], 4)
        assert row["label"] in ("positive", "neutral", "negative")
        assert (row["subjectivity"] is None) == (engine != "textblob")
    assert score_sentences([], engine=engine) == []


@pytest.mark.parametrize(
    ("polarity", "label"), [(0.05, "positive"), (0.0499, "neutral"), (-0.05, "negative"), (0.0, "neutral")]
)
@pytest.mark.parametrize("engine", ["textblob", "vader"])
def test_lexicon_label_thresholds(engine, polarity, label):
    assert sentiment.label_polarity(polarity, engine=engine) == label


@pytest.mark.parametrize(
    ("text", "engine", "plain_sign", "domain_sign"),
    [
        ("The firm reported results.", "textblob", -1, 0),
        ("The United States announced a review.", "vader", 1, 0),
        ("The Supreme Court heard the case.", "vader", 1, 0),
        ("The exchange was fined by the regulator.", "vader", 0, -1),
    ],
)
def test_domain_adjustment(text, engine, plain_sign, domain_sign):
    [plain] = score_sentences([text], engine=engine)
    [adjusted] = score_sentences([text], engine=engine, domain=True)
    assert math.copysign(1, plain["polarity"]) * (plain["polarity"] != 0) == plain_sign
    assert math.copysign(1, adjusted["polarity"]) * (adjusted["polarity"] != 0) == domain_sign


def test_domain_adjustment_leaves_textblob_untouched():
    score_sentences(["The firm is new."], engine="textblob", domain=True)
    assert TextBlob("The firm is new.").sentiment.polarity != 0


def test_domain_terms_table_is_valid():
    from statecraft.sentiment.lexicon import load_domain_terms

    table = load_domain_terms()
    assert len(table) > 10
    raw = __import__("pandas").read_csv(lexicon.DOMAIN_TERMS_PATH)
    assert list(zip(raw["term"], raw["engine"], strict=True)) == sorted(zip(raw["term"], raw["engine"], strict=True))


@pytest.mark.parametrize("engine", ["textblob", "vader"])
@pytest.mark.parametrize("domain", [False, True])
@pytest.mark.parametrize("text", SENTENCES[:4] + ["Good news, but the outlook is grim!!"])
def test_explain_weights_sum_to_the_score(engine, domain, text):
    table = explain(text, engine=engine, domain=domain)
    [row] = score_sentences([text], engine=engine, domain=domain)
    assert list(table.columns) == ["words", "weight"]
    assert float(table["weight"].sum()) == pytest.approx(row["polarity"], abs=2e-3)


def test_explain_names_the_words():
    table = explain("The outlook isn\u2019t good but the team is excellent.", engine="textblob")
    assert set(table["words"]) == {"not good", "excellent"}
    assert table["weight"].abs().is_monotonic_decreasing


def test_explain_finance_by_occlusion():
    table = explain("Profit surged and shares jumped to a record.", engine="finance")
    assert len(table) > 0 and table["weight"].abs().is_monotonic_decreasing
    assert float(table.loc[table["words"].isin(["surged", "jumped", "record"]), "weight"].sum()) > 0
