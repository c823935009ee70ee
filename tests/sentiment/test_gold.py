import json

import pytest

from statecraft.sentiment import gold


@pytest.mark.parametrize(
    ("labels", "expected"),
    [
        (["positive"], "positive"),
        (["neutral", "neutral"], "neutral"),
        (["neutral", "Negative"], "negative"),
        (["positive", "negative"], None),
        (["positive", "negative", "neutral"], None),
        ([], None),
    ],
)
def test_sentence_label(labels, expected):
    assert gold.sentence_label(labels) == expected


def test_heldout_split_is_stable_and_keeps_duplicates_together():
    texts = [f"Headline number {i}" for i in range(1000)]
    flags = [gold.is_heldout(t, percent=20) for t in texts]
    assert 150 < sum(flags) < 250
    assert all(gold.is_heldout(t.upper() + "  ", percent=20) == f for t, f in zip(texts, flags, strict=True))


def test_read_sentfin_parses_broken_dict_literals(tmp_path):
    path = tmp_path / "s.csv"
    path.write_text(
        "S No.,Title,Decisions,Words\n"
        "1,MMTC Q2 net loss,{'MMTC': 'neutral'},4\n"
        "2,Osian's fund up,\"{'Osian's Art Fund': 'positive', 'X': 'neutral'}\",3\n"
        "3,A beats B,\"{'A': 'positive', 'B': 'negative'}\",3\n",
        encoding="utf-8",
    )
    table = gold.read_sentfin(path)
    assert table["label"].tolist() == ["neutral", "positive"]
    assert table["heldout"].dtype == bool


def test_read_finentity_and_sentence_labels(tmp_path):
    text = "Acme rose 5%. Bolt fell 3% on weak sales. Nothing else."
    path = tmp_path / "f.json"
    path.write_text(json.dumps([{"content": text, "annotations": [
        {"start": 0, "end": 4, "value": "Acme", "tag": "Positive", "label": "Positive"},
        {"start": 14, "end": 18, "value": "Bolt", "tag": "Negative", "label": "Negative"}]}]))  # fmt: skip
    paragraphs = gold.read_finentity(path)
    sentences = gold.finentity_texts(paragraphs, unit="sentence")
    assert sentences[["text", "label"]].values.tolist() == [
        ["Acme rose 5%.", "positive"],
        ["Bolt fell 3% on weak sales.", "negative"],
    ]
    assert gold.finentity_texts(paragraphs, unit="paragraph").empty  # conflicting labels
    assert [e["entity"] for _, e in gold.iter_finentity_targets(paragraphs)] == ["Acme", "Bolt"]


def test_read_labelled_csv_checks_labels(tmp_path):
    good = tmp_path / "g.csv"
    good.write_text("text,label\nUp.,Positive\nDown.,negative\n")
    assert gold.read_labelled_csv(good)["label"].tolist() == ["positive", "negative"]
    bad = tmp_path / "b.csv"
    bad.write_text("text,label\nUp.,good\n")
    with pytest.raises(ValueError, match="unknown label"):
        gold.read_labelled_csv(bad)


def test_the_written_training_sentences_are_read_and_checked(tmp_path):
    from pathlib import Path

    shipped = gold.read_written(Path(__file__).resolve().parents[2] / "bench" / "data" / "domain_written.csv")
    assert len(shipped) == 1500 and shipped["label"].value_counts().to_dict() == dict.fromkeys(gold.LABELS, 500)
    assert shipped["text"].is_unique
    bad = tmp_path / "w.csv"
    bad.write_text("item,topic,label,text\n1,asia,positive,A fine day.\n2,asia,upbeat,Another day.\n", encoding="utf-8")
    with pytest.raises(ValueError, match="first item '2'"):
        gold.read_written(bad)
