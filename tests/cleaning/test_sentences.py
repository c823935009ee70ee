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


LINES = [
    "Plain words only here",
    "Hello... world. U.S. officials (and the SEC) said it's “done” — don't won't e.g. a.b.c.",
    "  leading and trailing spaces  ",
    "zero\u200bwidth space, hyphen-ated words, snake_case, CamelCase, $1.5bn, 3.2%, #tag @user",
    "end with an ellipsis...",
    "ÉTAT d’urgence: Ça va? Oui!",
    "Words.Next (one two three four five six seven eight nine ten eleven twelve thirteen) then more words "
    "follow here until the end. Mr. Smith met Dr. Jones on Jan. 5. No. 12 was (see p. 4) fine; it's over.",
]
SOUP = ("Mr.", "Dr.", "U.S.", "No.", "no.", "5.", "12", "2023.", "Jan.", "Jan", "a.", "A.", "IV.", "e.g.", "(", ")",
        "(see", "12)", "[1]", '"', "'", "\u201c", "\u201d", "...", "!", "?", ";", ",", "The", "However", "the",
        "bank", "said", "rose", "Bitcoin", "$16,800.", "3.5%", "It's", "word.Next", "(A.", "al.)", "?!", '."', ".)")


def _syntok_spans(line):
    """Plain syntok (its own tokenizer, no shortcut), trimmed and covering as sentence_spans does."""
    import syntok.segmenter as syntok

    spans = []
    for paragraph in syntok.analyze(line) if segment._INNER_STOP.search(line) else ():
        for sentence in paragraph:
            start, end = sentence[0].offset, sentence[-1].offset + len(sentence[-1].value)
            piece = line[start:end]
            start, end = start + len(piece) - len(piece.lstrip()), start + len(piece.rstrip())
            if end > start:
                spans.append((start, end))
    return segment._cover(line, 0, spans)


@pytest.mark.parametrize("line", LINES)
def test_line_tokens_are_syntoks_tokens_where_nothing_is_merged(line):
    from syntok.tokenizer import Tokenizer

    reference = [(t.spacing, t.value, t.offset) for t in Tokenizer(replace_not_contraction=False).tokenize(line)]
    got = segment._line_tokens(line)
    assert "".join(t.spacing + t.value for t in got) == line  # nothing lost, merged or not
    merged = [t for t in got if " " in t.value]
    if not merged:
        assert [(t.spacing, t.value, t.offset) for t in got] == reference
    assert segment.sentence_spans(line) == _syntok_spans(line)


def test_runs_of_unread_words_are_merged():
    line = "The bank said on Monday that it would keep buying bitcoin for its reserve over the coming years. It did."
    tokens = segment._line_tokens(line)
    assert len(tokens) < 10 and tokens[0].value.startswith("The bank said on Monday")
    assert segment.sentence_spans(line) == [(0, 96), (97, 104)] == _syntok_spans(line)


def test_spans_equal_syntoks_on_generated_token_soups():
    import random

    rng = random.Random(20261204)
    lines = [" ".join(rng.choice(SOUP) for _ in range(rng.randint(3, 80))) for _ in range(1500)]
    differ = [line for line in lines if segment.sentence_spans(line) != _syntok_spans(line)]
    assert differ == []


def test_word_runs_split_at_syntoks_spaces_on_every_code_point():
    import sys

    from syntok.tokenizer import Tokenizer

    ours = segment._WORDS.__self__
    differ = [hex(i) for i in range(sys.maxunicode + 1)
              if bool(Tokenizer._spaces.fullmatch(chr(i))) != bool(ours.fullmatch(chr(i)))]  # fmt: skip
    assert differ == []
