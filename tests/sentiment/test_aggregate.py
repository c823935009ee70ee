import pandas as pd
import pytest

from statecraft import schema
from statecraft.cleaning import sentences as segment
from statecraft.sentiment.aggregate import document_scores, target_sentences, targeted
from statecraft.sentiment.engines import score_sentences

TEXT = (
    "Ukraine passed an excellent law that investors love. "
    "Russia's terrible ban hurt miners badly. "
    "Officials met on Monday."
)


def _frames(text=TEXT, engines=("textblob", "vader", "finance")):
    spans = segment.sentence_spans(text)
    sentences = schema.frame(
        "sentences",
        [{"doc_id": "d1", "sentence_id": i, "start": s, "end": e, "text": text[s:e]} for i, (s, e) in enumerate(spans)],
    )
    rows = [
        {"doc_id": "d1", "sentence_id": i, "engine": engine, **row}
        for engine in engines
        for i, row in enumerate(score_sentences(list(sentences["text"]), engine=engine))
    ]
    return sentences, schema.frame("sentiment", rows)


def _mention(sentence_id, surface, entity_id, *, start, entity_type="country", role="subject"):
    return {"doc_id": "d1", "sentence_id": sentence_id, "start": start, "end": start + len(surface),
            "surface": surface, "entity_type": entity_type, "entity_id": entity_id, "alias_kind": "name",
            "role": role}  # fmt: skip


MENTIONS = schema.frame(
    "mentions",
    [
        _mention(0, "Ukraine", "UKR", start=0),
        _mention(1, "Russia", "RUS", start=53),
        _mention(2, "Officials", "RUS", start=93, role="venue"),
        _mention(1, "Binance", "binance", start=60, entity_type="actor"),
    ],
)


@pytest.mark.parametrize("engine", ["textblob", "vader", "finance"])
def test_two_country_text_goes_the_right_way(engine):
    sentences, scores = _frames()
    table = targeted(scores, MENTIONS, entity_type="country")
    rows = table[table["engine"] == engine].set_index("entity_id")
    assert rows.loc["UKR", "polarity"] > 0 > rows.loc["RUS", "polarity"]
    assert rows.loc["UKR", "sentence_ids"] == (0,)
    assert rows.loc["RUS", "sentence_ids"] == (1,)  # the venue mention does not count


def test_targeted_traces_to_sentences_and_counts_mentions():
    sentences, scores = _frames(engines=("textblob",))
    extra = pd.concat([MENTIONS, schema.frame("mentions", [_mention(2, "Ukraine", "UKR", start=100)]),
                       schema.frame("mentions", [_mention(0, "Kyiv", "UKR", start=30)])])  # fmt: skip
    table = targeted(scores, schema.conform("mentions", extra))
    ukr = table.set_index("entity_id").loc["UKR"]
    assert ukr["n_sentences"] == 2 and ukr["n_mentions"] == 3 and ukr["sentence_ids"] == (0, 2)
    expected = scores.set_index("sentence_id").loc[[0, 2], "polarity"].astype(float).mean()
    assert ukr["polarity"] == pytest.approx(expected, abs=1e-4)
    assert list(table.columns)[:3] == ["doc_id", "entity_id", "engine"]


def test_targeted_actor():
    _, scores = _frames(engines=("textblob",))
    table = targeted(scores, MENTIONS, entity_type="actor")
    assert table["entity_id"].tolist() == ["binance"] and table["polarity"].iloc[0] < 0


@pytest.mark.parametrize("bad", ["countries", "ORG", ""])
def test_targeted_bad_entity_type(bad):
    _, scores = _frames(engines=("textblob",))
    with pytest.raises(ValueError, match="valid: country, actor, organization, topic"):
        target_sentences(scores, MENTIONS, entity_type=bad)


def test_targeted_empty_mentions():
    _, scores = _frames(engines=("textblob",))
    assert targeted(scores, schema.frame("mentions", [])).empty


def test_document_scores_mean_and_length_weighted():
    sentences, scores = _frames(engines=("textblob",))
    table = document_scores(scores, sentences)
    [row] = table.to_dict("records")
    pol = scores["polarity"].astype(float)
    lengths = (sentences["end"] - sentences["start"]).astype(float)
    assert row["n_sentences"] == 3 and row["sentence_ids"] == (0, 1, 2)
    assert row["polarity_mean"] == pytest.approx(pol.mean(), abs=1e-4)
    assert row["polarity_weighted"] == pytest.approx((pol * lengths).sum() / lengths.sum(), abs=1e-4)
    assert row["label"] in ("positive", "neutral", "negative")
