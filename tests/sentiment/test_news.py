import dataclasses

import numpy as np
import pytest

from statecraft.sentiment import cues, news, vectors
from statecraft.sentiment.engines import explain, normalize_text, polarity_threshold, score_sentences

TEXTS = ["Net loss narrowed to $3 million.", "Costs jumped 40% as the bank paid a record fine.", "a", ""]


def test_model_loads_and_is_small():
    model = news.load_model()
    assert model.classes == ("negative", "neutral", "positive")
    assert model.vector_scale > 0
    assert model.coef.shape[1] == len(model.word_index) + len(cues.FEATURES) + 2 + vectors.load().dims
    assert 0 < model.polarity_threshold == polarity_threshold("news") < 1
    assert news.MODEL_NPZ.stat().st_size < 2_000_000


def test_polarity_is_positive_minus_negative_probability():
    proba = news.load_model().predict_proba([normalize_text(t) for t in TEXTS])
    assert np.allclose(proba.sum(axis=1), 1)
    for row, p in zip(score_sentences(TEXTS, engine="news"), proba, strict=True):
        assert row["polarity"] == round(float(p[2] - p[0]), 4)
        assert row["subjectivity"] is None


def test_abstains_to_neutral_below_min_confidence():
    model = news.load_model()
    proba = np.array([[0.4, 0.25, 0.35], [0.8, 0.1, 0.1]])
    assert model.labels(proba)[1] == "negative"
    assert dataclasses.replace(model, min_confidence=0.5).labels(proba) == ["neutral", "negative"]


@pytest.mark.parametrize(
    ("text", "label"),
    [
        ("Net profit jumped 45% and the company raised its dividend.", "positive"),
        ("Operating costs rose 30% and debt ballooned.", "negative"),
        ("Shares plunged after the firm reported a wider loss.", "negative"),
        ("India's central bank moves to ban cryptocurrency trading.", "negative"),
        ("Police arrested the exchange's founder and seized $40 million.", "negative"),
        ("The meeting of the committee is scheduled for Tuesday.", "neutral"),
    ],
)
def test_news_model_gets_clear_cases_right(text, label):
    assert score_sentences([text], engine="news")[0]["label"] == label


@pytest.mark.parametrize(
    ("text", "sign"),
    [
        ("The regulator approved the exchange's licence application.", 1),
        ("China lifts its ban on bitcoin mining.", 1),
        ("El Salvador adopts bitcoin as legal tender.", 1),
        ("The government imposed sanctions on the exchange.", -1),
        ("Authorities launched a crackdown on crypto mining.", -1),
    ],
)
def test_state_actions_set_the_sign_of_the_polarity(text, sign):
    assert np.sign(score_sentences([text], engine="news")[0]["polarity"]) == sign


def test_negation_and_contrast_move_the_score():
    plain, negated = score_sentences(["Revenue rose.", "Revenue did not rise."], engine="news")
    assert plain["polarity"] > negated["polarity"]
    good_last, bad_last = score_sentences(
        ["Revenue fell but profit rose.", "Profit rose but revenue fell."], engine="news"
    )
    assert good_last["polarity"] > bad_last["polarity"]


def test_explain_weighs_words():
    table = explain("The regulator banned the exchange.", engine="news")
    assert table.loc[0, "words"] == "banned" and table.loc[0, "weight"] < 0


def test_word_vectors_block_sits_after_the_lexicon_scores():
    model = news.load_model()
    texts = [normalize_text(t) for t in TEXTS]
    full = news.features(texts, model.word_index, model.word_idf, cue_scale=model.cue_scale,
                         lexicon_scale=model.lexicon_scale, vector_scale=2.0).toarray()  # fmt: skip
    without = news.features(texts, model.word_index, model.word_idf, cue_scale=model.cue_scale,
                            lexicon_scale=model.lexicon_scale).toarray()  # fmt: skip
    dims = vectors.load().dims
    assert full.shape[1] == without.shape[1] + dims
    assert np.array_equal(full[:, :-dims], without)
    assert np.allclose(full[:, -dims:], 2.0 * vectors.load().sentence_vectors(texts))


def test_a_model_stored_without_vectors_scores_without_them():
    model = news.load_model()
    n_words = len(model.word_index)
    settings = {"classes": list(model.classes), "cue_scale": 1.0, "lexicon_scale": 1.0, "min_confidence": 0.0,
                "polarity_threshold": 0.1}  # fmt: skip
    coef = np.zeros((3, n_words + len(cues.FEATURES) + 2))
    coef[2, n_words + len(cues.FEATURES) + 1] = 5.0  # VADER compound pushes towards positive
    arrays = {"word_terms": np.frombuffer("\n".join(model.word_index).encode("utf-8"), dtype=np.uint8),
              "word_idf": model.word_idf, "coef": coef, "intercept": np.zeros(3)}  # fmt: skip
    old = news.model_from_arrays(arrays, settings=settings)
    assert old.vector_scale == 0.0
    proba = old.predict_proba(["A great, wonderful success.", "A terrible disaster."])
    assert proba[0, 2] > proba[1, 2]
