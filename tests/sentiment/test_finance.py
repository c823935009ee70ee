import numpy as np
import pytest
from sklearn.feature_extraction.text import TfidfVectorizer

from statecraft.sentiment import finance as fin
from statecraft.sentiment.engines import normalize_text, score_sentences

TEXTS = [
    "Operating profit rose to EUR 13.1 mn from EUR 8.7 mn",
    "Shares of  the exchange plunged 40% after the lawsuit",
    "a I x",
    "",
]


@pytest.mark.parametrize("text", TEXTS)
def test_char_grams_match_scikit_learn(text):
    analyzer = TfidfVectorizer(analyzer="char_wb", ngram_range=(2, 5), lowercase=False).build_analyzer()
    assert fin.char_grams(text) == analyzer(text)


@pytest.mark.parametrize("text", TEXTS)
def test_word_grams_match_scikit_learn(text):
    analyzer = TfidfVectorizer(ngram_range=(1, 2), lowercase=False).build_analyzer()
    assert fin.word_grams(text) == analyzer(text)


@pytest.mark.parametrize(("raw", "expected"), [("EUR 13.1 MN", "eur 00.0 mn"), ("Q4 2022", "q0 0000")])
def test_preprocess(raw, expected):
    assert fin.preprocess(raw) == expected


def test_model_loads_and_is_small():
    model = fin.load_model()
    assert model.classes == ("negative", "neutral", "positive")
    assert model.coef.shape == (3, len(model.word_index) + len(model.char_index) + 2)
    assert 0 < model.polarity_threshold < 1
    assert fin.MODEL_NPZ.stat().st_size < 5_000_000


def test_polarity_is_positive_minus_negative_probability():
    texts = [normalize_text(t) for t in TEXTS]
    proba = fin.load_model().predict_proba(texts)
    assert np.allclose(proba.sum(axis=1), 1)
    rows = score_sentences(TEXTS, engine="finance")
    for row, p in zip(rows, proba, strict=True):
        assert row["polarity"] == round(float(p[2] - p[0]), 4)
        assert row["label"] == ("negative", "neutral", "positive")[int(p.argmax())]


@pytest.mark.parametrize(
    ("text", "label"),
    [
        ("Net profit jumped 45% and the company raised its dividend.", "positive"),
        ("Shares plunged after the firm reported a wider loss.", "negative"),
    ],
)
def test_finance_model_gets_clear_cases_right(text, label):
    assert score_sentences([text], engine="finance")[0]["label"] == label


def test_missing_model_is_a_clear_error(tmp_path):
    with pytest.raises(FileNotFoundError, match="train_finance_model"):
        fin.load_model(tmp_path / "none.npz", tmp_path / "none.json")
