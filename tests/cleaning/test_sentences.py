"""Sentence spans: offsets into the text, in order, covering every non-space character."""

from __future__ import annotations

import pytest

from statecraft.cleaning import sentences as segment


@pytest.mark.parametrize(
    ("text", "sentences"),
    [
        ("The U.S. government acted. Dec. 5 was the date.", ["The U.S. government acted.", "Dec. 5 was the date."]),
        ("Regulatory Support and Compliance\nBinance is helping.", ["Regulatory Support and Compliance",
                                                                   "Binance is helping."]),
        ("“Kyrgyzstan. Crypto adoption, one country at a time.”", None),
        ("", []),
        ("   \n\n  ", []),
        ("• Major shift: talks confirmed.\n• Driving factors: liquidity.", ["• Major shift: talks confirmed.",
                                                                          "• Driving factors: liquidity."]),
    ],
)
def test_sentence_spans(text, sentences):
    spans = segment.sentence_spans(text)
    got = [text[s:e] for s, e in spans]
    if sentences is not None:
        assert got == sentences
    _check_cover(text, spans)


def _check_cover(text, spans):
    pos = 0
    for start, end in spans:
        assert pos <= start < end <= len(text)
        assert text[start:end] == text[start:end].strip()
        assert not text[pos:start].strip(), text[pos:start]
        pos = end
    assert not text[pos:].strip()


def test_seed_sentences_cover_every_document(seeds_annotated):
    docs = seeds_annotated.documents.set_index("doc_id")
    for doc_id, group in seeds_annotated.sentences.groupby("doc_id"):
        text = docs.loc[doc_id, "text"]
        _check_cover(text, list(zip(group["start"], group["end"], strict=True)))
        assert list(group["text"]) == [text[s:e] for s, e in zip(group["start"], group["end"], strict=True)]
        assert list(group["sentence_id"]) == list(range(len(group)))


@pytest.mark.parametrize(
    "line",
    [
        "Plain words only here",
        "Hello... world. U.S. officials (and the SEC) said it's “done” — don't won't e.g. a.b.c.",
        "  leading and trailing spaces  ",
        "zero\u200bwidth space, hyphen-ated words, snake_case, CamelCase, $1.5bn, 3.2%, #tag @user",
        "end with an ellipsis...",
        "ÉTAT d’urgence: Ça va? Oui!",
    ],
)
def test_plain_word_tokenizer_gives_syntoks_tokens(line):
    from syntok.tokenizer import Tokenizer

    reference = [(t.spacing, t.value, t.offset) for t in Tokenizer(replace_not_contraction=False).tokenize(line)]
    assert [(t.spacing, t.value, t.offset) for t in segment._TOKENIZER.tokenize(line)] == reference
