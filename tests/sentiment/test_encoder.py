import numpy as np
import pytest

from statecraft.sentiment import cues, encoder, news
from statecraft.sentiment.engines import explain, normalize_text, score_sentences

STATE = "India's central bank moves to ban cryptocurrency trading."
PLAIN = "Bitcoin rose 5% on Monday as traders bought the dip."


def test_files_are_shipped_and_small():
    assert encoder.ENCODER_ONNX.stat().st_size < 30_000_000
    model = encoder.load_model()
    assert model.encoder_scale > 0 and model.vector_scale == 0
    assert model.coef.shape[1] == len(model.word_index) + len(cues.FEATURES) + 2 + encoder.load_encoder().dims
    assert model.classes == news.load_model().classes


def test_embeddings_are_unit_vectors_and_deterministic():
    enc = encoder.load_encoder()
    texts = [STATE, PLAIN, "a", "", "word " * 200]  # empty and over-long texts too
    first, second = enc.embed(texts), enc.embed(texts)
    assert first.shape == (5, enc.dims) == (5, 384)
    assert np.array_equal(first, second)
    assert np.allclose(np.linalg.norm(first, axis=1), 1, atol=1e-5)
    assert enc.embed([]).shape == (0, enc.dims)


def test_an_embedding_does_not_depend_on_the_other_texts():
    enc = encoder.load_encoder()
    alone = enc.embed([STATE])
    together = enc.embed([PLAIN, "Regulators in Seoul fined the exchange $1 million for breaches.", STATE])
    assert np.allclose(alone[0], together[2], atol=1e-6)


def test_sentences_naming_a_state_are_decided_by_the_encoder_model():
    texts = [normalize_text(STATE), normalize_text(PLAIN)]
    rows = news.score(texts)
    strong = encoder.load_model().predict_proba(texts[:1])[0]
    static = news.load_model().predict_proba(texts[1:])[0]
    assert rows[0]["polarity"] == pytest.approx(strong[2] - strong[0])
    assert rows[1]["polarity"] == pytest.approx(static[2] - static[0])
    assert rows[0]["label"] == "negative"
    forced = news.score(texts, route=[False, False])
    assert forced[1] == rows[1] and forced[0]["polarity"] != rows[0]["polarity"]


@pytest.mark.parametrize(
    ("text", "label"),
    [
        ("The government hailed the deal as a major boost for the economy.", "positive"),
        ("The SEC sued the exchange and froze its assets.", "negative"),
        ("El Salvador made bitcoin legal tender.", "positive"),
        ("The Treasury will publish the report on Tuesday.", "neutral"),
    ],
)
def test_state_sentences_get_clear_cases_right(text, label):
    assert score_sentences([text], engine="news")[0]["label"] == label


def test_explain_keeps_the_model_of_the_whole_sentence():
    table = explain("The regulator banned the exchange.", engine="news")
    assert table.loc[0, "words"] == "banned" and table.loc[0, "weight"] < 0


def test_a_missing_encoder_file_names_the_tool(tmp_path):
    with pytest.raises(FileNotFoundError, match="build_encoder_model.py"):
        encoder.load_encoder(tmp_path / "missing.onnx", encoder.TOKENIZER_JSON)


def test_texts_are_neither_padded_nor_longer_than_the_fine_tuning():
    tokenizer = encoder.load_encoder().tokenizer
    assert tokenizer.encode("Bitcoin rose.").tokens == ["[CLS]", "bit", "##co", "##in", "rose", ".", "[SEP]"]
    assert len(tokenizer.encode("word " * 200).ids) == encoder.MAX_TOKENS


def test_repeated_sentences_are_scored_once_and_returned_as_separate_rows():
    texts = [normalize_text(STATE), normalize_text(PLAIN), normalize_text(STATE)]
    rows = news.score(texts)
    assert rows[0] == rows[2] and rows[0] is not rows[2]
    assert rows == [news.score([t])[0] for t in texts]  # the same as scoring each alone
