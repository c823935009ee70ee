"""The pattern scorer gives exactly TextBlob's PatternAnalyzer floats, without importing TextBlob's package."""

from __future__ import annotations

import subprocess
import sys

import pytest

from statecraft.sentiment import lexicon

CASES = [
    "",
    "!!!",
    "The market had a good day.",
    "This is not good!",
    "This is not a good idea, and it is not bad either.",
    "Really not bad :) (!) wow :-D",
    "very very good, really is a good deal",
    "He is not happy... \"great\" 'fine' U.S. Mr. Smith said.",
    ":'( so sad; terribly awful; the firm's outlook is strong!!",
    "Prices (up 5%) were high?! The end. Never again, never better.",
    "Bitcoin's 13th record; well-known, risk-free and mind-boggling gains.",
    "e.g. etc. i.e. A. B. C.D. Dr. Inc. $5.5bn -- fell 3.2% [sic] {x} #crypto @user",
    "Good news.\n\nBad news END-OF-SENTENCE great (!) end",  # blank line: end-of-sentence marker
    "It was good. :) Really? ( ! ) not bad . :-( x D 8) <3",  # emoticons and sarcasm across sentences
    "A fine day. ) : terrible \"quote. \" ' said . ' ok",
]
SOUP = ("good", "bad", "not", "very", "never", "!", "?", ".", "...", ":", ")", "(", "-", "D", "x", "8", "<3", "'",
        '"', "great", "awful", "(!)", "( ! )", ";", "o", "O", "_", "\n\n", "\n", ":)", ":(", "U.S.", "Mr.", "e.g.",
        "\t", "\xa0", "\u2028", "\r\n", "\x1c", "isn't", "I'll", "\u201cgood\u201d", "\u2019s",
        ",", "good,", "n't,", "U.S.,", "bad,,", "x,", "(good),")


def _textblob(text: str) -> tuple[float, float]:
    from textblob import TextBlob

    return tuple(TextBlob(text).sentiment)[:2]


def test_scorer_equals_textblob_on_generated_text():
    import random

    rng = random.Random(7)
    texts = [" ".join(rng.choice(SOUP) for _ in range(rng.randint(1, 25))) for _ in range(600)]
    texts += ["".join(rng.choice(SOUP) for _ in range(rng.randint(1, 12))) for _ in range(300)]  # no spaces
    assert lexicon.textblob_scores(texts) == [_textblob(t) for t in texts]


@pytest.mark.parametrize("text", CASES)
def test_scorer_equals_textblob(text):
    assert lexicon.textblob_scores([text]) == [_textblob(text)]
    assert sum(w for _words, w in lexicon.textblob_explain(text)) == pytest.approx(_textblob(text)[0])


@pytest.mark.parametrize("text", CASES)
def test_domain_scorer_equals_its_analyzer(text):
    analyzer = lexicon._textblob_analyzer(True)
    assert lexicon.textblob_scores([text], domain=True) == [tuple(analyzer(text))[:2]]


def test_analyzer_is_textblobs_english_sentiment():
    from textblob.en import sentiment

    ours = lexicon._textblob_analyzer(False)
    len(sentiment)
    assert dict(dict.items(ours)) == dict(dict.items(sentiment))  # 2,860 words, "-ly" adverbs included
    assert len(ours) > 2800 and "terribly" in ours
    assert (ours.negations, ours.modifiers, dict(ours.labeler)) == (
        sentiment.negations, sentiment.modifiers, dict(sentiment.labeler))
    adjusted = lexicon._textblob_analyzer(True)
    assert adjusted is not ours and dict(dict.items(ours)) == dict(dict.items(sentiment))  # edits stay in the copy


def test_scoring_does_not_import_textblobs_package():
    code = ("import sys; from statecraft.sentiment import lexicon; print(lexicon.textblob_scores(['A good day.'])); "
            "print(sorted(m for m in ('textblob', 'nltk', 'scipy.stats') if m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.split("\n")
    assert out[:2] == ["[(0.7, 0.6000000000000001)]", "[]"]


def test_scorer_remembers_a_repeated_sentence():
    scorer = lexicon._textblob_scorer(False)
    assert scorer("A good, good day.") == scorer("A good, good day.") == scorer._score("A good, good day.")
    assert scorer._cached.cache_info().hits >= 1
