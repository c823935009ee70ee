"""The fast TextBlob scorer gives exactly PatternAnalyzer's floats."""

from __future__ import annotations

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


def test_scorer_equals_pattern_analyzer_on_generated_text():
    import random

    rng = random.Random(7)
    analyzer = lexicon._textblob_analyzer(False)
    texts = [" ".join(rng.choice(SOUP) for _ in range(rng.randint(1, 25))) for _ in range(600)]
    texts += ["".join(rng.choice(SOUP) for _ in range(rng.randint(1, 12))) for _ in range(300)]  # no spaces
    assert lexicon.textblob_scores(texts) == [tuple(analyzer(t))[:2] for t in texts]


@pytest.mark.parametrize("domain", [False, True])
@pytest.mark.parametrize("text", CASES)
def test_scorer_equals_pattern_analyzer(text, domain):
    analyzer = lexicon._textblob_analyzer(domain)
    assert lexicon.textblob_scores([text], domain=domain) == [tuple(analyzer(text))[:2]]


def test_scorer_remembers_a_repeated_sentence():
    scorer = lexicon._textblob_scorer(False)
    assert scorer("A good, good day.") == scorer("A good, good day.") == scorer._score("A good, good day.")
    assert scorer._cached.cache_info().hits >= 1
