"""Lexicon engines (TextBlob's PatternAnalyzer, VADER), their domain adjustments and explanations.

Texts reaching these functions are already normalised by
:func:`statecraft.sentiment.normalize_text`.

Domain adjustments live in ``data/sentiment/domain_terms.csv`` (term, engine, value,
reason): a blank value removes the word from that engine's lexicon (so it neither
scores nor, for TextBlob, dilutes the mean); a number replaces its polarity (TextBlob
scale [-1, 1], VADER scale [-4, 4]). The adjusted lexicons are copies; the libraries'
own lexicons are never changed.
"""

from __future__ import annotations

import functools
import logging
import re
from collections.abc import Sequence
from pathlib import Path

import pandas as pd

from statecraft import resources

log = logging.getLogger(__name__)

DATA_DIR = resources.data_dir() / "sentiment"
DOMAIN_TERMS_PATH = DATA_DIR / "domain_terms.csv"
_LEXICON_ENGINES = ("textblob", "vader")


def load_domain_terms(path: Path | str = DOMAIN_TERMS_PATH) -> pd.DataFrame:
    """Read and check the domain-adjustment table.

    Args:
        path: CSV with columns term, engine, value (blank = remove), reason.

    Returns:
        The table, sorted by term and engine; ``value`` is Float64 with <NA> for removal.

    Raises:
        ValueError: If a key (term, engine) repeats, an engine is unknown, a term is not
            lower case, or a reason is missing.
    """
    table = pd.read_csv(path, dtype={"term": "string", "engine": "string", "reason": "string"})
    table = table.astype({"value": "Float64"})
    bad_engine = sorted(set(table["engine"]) - set(_LEXICON_ENGINES))
    if bad_engine:
        raise ValueError(f"{path}: unknown engine(s) {bad_engine}; valid: {', '.join(_LEXICON_ENGINES)}")
    if table.duplicated(["term", "engine"]).any():
        dups = table.loc[table.duplicated(["term", "engine"], keep=False), "term"].tolist()
        raise ValueError(f"{path}: repeated (term, engine) keys for {sorted(set(dups))}")
    if (table["term"] != table["term"].str.lower()).any():
        raise ValueError(f"{path}: terms must be lower case")
    if table["reason"].isna().any():
        raise ValueError(f"{path}: every row needs a reason")
    return table.sort_values(["term", "engine"], kind="mergesort").reset_index(drop=True)


def textblob_scores(texts: Sequence[str], *, domain: bool = False) -> list[tuple[float, float]]:
    """Score texts with TextBlob's PatternAnalyzer.

    Args:
        texts: Normalised texts.
        domain: Use the domain-adjusted lexicon.

    Returns:
        ``(polarity, subjectivity)`` per text, unrounded; with ``domain=False`` exactly
        ``TextBlob(text).sentiment`` (the same floats: :class:`_PatternScorer` replays
        PatternAnalyzer's tokenizer and averaging over a plain copy of its lexicon).
    """
    scorer = _textblob_scorer(domain)
    return [scorer(t) for t in texts]


def textblob_explain(text: str, *, domain: bool = False) -> list[tuple[str, float]]:
    """Split TextBlob's polarity of ``text`` into its assessments.

    Args:
        text: A normalised text.
        domain: Use the domain-adjusted lexicon.

    Returns:
        ``(words, weight)`` per assessment; the weights sum to the polarity.
    """
    assessments = _textblob_analyzer(domain)(text).assessments
    n = len(assessments)
    return [(" ".join(words), polarity / n) for words, polarity, _subj, _label in assessments]


def vader_polarity(texts: Sequence[str], *, domain: bool = False) -> list[float]:
    """Score texts with VADER's compound score.

    Args:
        texts: Normalised texts.
        domain: Use the domain-adjusted lexicon.

    Returns:
        The compound score per text (VADER rounds it to 4 decimals).
    """
    analyzer = _vader_analyzer(domain)
    return [analyzer.polarity_scores(t)["compound"] for t in texts]


def vader_explain(text: str, *, domain: bool = False) -> list[tuple[str, float]]:
    """Split VADER's compound score of ``text`` into word shares.

    VADER sums word valences (after negation, boosters and the "but" rule), adds
    punctuation emphasis and squashes the sum into [-1, 1]; each word's weight is its
    share of the sum times the compound score.

    Args:
        text: A normalised text.
        domain: Use the domain-adjusted lexicon.

    Returns:
        ``(word, weight)`` per word with a valence, plus ``("(punctuation)", weight)``
        when "!"/"?" added emphasis; the weights sum to the compound score.
    """
    from vaderSentiment.vaderSentiment import normalize

    analyzer = _vader_analyzer(domain)
    words, valences, punct = _vader_valences(analyzer, text)
    total = float(sum(valences))
    if total == 0:
        return []
    emphasis = punct if total > 0 else -punct
    compound = normalize(total + emphasis)
    scale = compound / (total + emphasis)
    pairs = [(w, v * scale) for w, v in zip(words, valences, strict=True) if v]
    if emphasis:
        pairs.append(("(punctuation)", emphasis * scale))
    return pairs


def _vader_valences(analyzer, text: str) -> tuple[list[str], list[float], float]:
    """Replay ``SentimentIntensityAnalyzer.polarity_scores`` up to the valence list."""
    from vaderSentiment.vaderSentiment import BOOSTER_DICT, SentiText

    text = _vader_demojize(analyzer, text)
    sentitext = SentiText(text)
    words = sentitext.words_and_emoticons
    valences: list[float] = []
    for i, item in enumerate(words):
        if item.lower() in BOOSTER_DICT or (
            i < len(words) - 1 and item.lower() == "kind" and words[i + 1].lower() == "of"
        ):
            valences.append(0)
            continue
        valences = analyzer.sentiment_valence(0, sentitext, item, i, valences)
    valences = analyzer._but_check(words, valences)
    return list(words), [float(v) for v in valences], analyzer._punctuation_emphasis(text)


def _vader_demojize(analyzer, text: str) -> str:
    out, prev_space = [], True
    for char in text:
        if char in analyzer.emojis:
            if not prev_space:
                out.append(" ")
            out.append(analyzer.emojis[char])
            prev_space = False
        else:
            out.append(char)
            prev_space = char == " "
    return "".join(out).strip()


def _pattern_text():
    """TextBlob's ``_text`` module (the pattern library's tokenizer and ``Sentiment``).

    ``import textblob`` (any submodule) first runs the package's ``__init__``, which imports
    its ``blob`` module, NLTK and through it SciPy's stats: 1.4 s in every process that scores,
    for code the sentiment path never calls. ``_text`` itself needs only the standard
    library, so unless TextBlob is already imported, the same file of the installed TextBlob
    is loaded on its own (``find_spec`` locates the package without running it).
    """
    import importlib.util
    import sys

    loaded = sys.modules.get("textblob._text")
    if loaded is not None:
        return loaded
    name = "statecraft.sentiment._pattern_text"
    if name not in sys.modules:
        package = importlib.util.find_spec("textblob")
        if package is None or package.origin is None:
            raise ModuleNotFoundError("textblob is not installed", name="textblob")
        spec = importlib.util.spec_from_file_location(name, Path(package.origin).parent / "_text.py")
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
        sys.modules[name] = module
    return sys.modules[name]


@functools.lru_cache(maxsize=2)
def _textblob_analyzer(domain: bool):
    """TextBlob's English ``Sentiment`` (``textblob.en.sentiment``), built as textblob.en builds it.

    A fresh instance with its own copy of the lexicon, so edits never leak into TextBlob;
    with ``domain`` the adjustments of ``domain_terms.csv`` are applied to that copy.
    """
    t_ = _pattern_text()

    def load(self, path=None):  # textblob.en.Sentiment.load, verbatim
        t_.Sentiment.load(self, path)
        if not path:
            for w, pos in list(dict.items(self)):
                if "JJ" in pos:
                    if w.endswith("y"):
                        w = w[:-1] + "i"
                    if w.endswith("le"):
                        w = w[:-2]
                    p, s, i = pos["JJ"]
                    self.annotate(w + "ly", "RB", p, s, i)

    english = type("Sentiment", (t_.Sentiment,), {"load": load})
    analyzer = english(
        path=str(Path(t_.__file__).parent / "en" / "en-sentiment.xml"),
        synset="wordnet_id",
        negations=("no", "not", "n't", "never"),
        modifiers=("RB",),
        modifier=lambda w: w.endswith("ly"),
        tokenizer=functools.partial(t_.Parser.find_tokens, None),  # textblob.en.parser.find_tokens
        language="en",
    )
    len(analyzer)  # trigger the lazy load before editing
    if not domain:
        return analyzer
    for term, value in _adjustments("textblob"):
        if value is None:
            dict.pop(analyzer, term, None)
        elif term in analyzer:
            entry = dict.__getitem__(analyzer, term)
            for pos, (_p, subj, intensity) in list(entry.items()):
                entry[pos] = (value, subj, intensity)
        else:
            dict.__setitem__(analyzer, term, {None: (value, 0.5, 1.0)})
    return analyzer


@functools.lru_cache(maxsize=2)
def _textblob_scorer(domain: bool) -> _PatternScorer:
    return _PatternScorer(_textblob_analyzer(domain))


class _PatternScorer:
    """TextBlob's ``PatternAnalyzer(text)[:2]``, the same floats, without its per-word overheads.

    ``Sentiment.__call__`` on a string tokenizes it with ``find_tokens`` and averages the
    ``assessments`` of the lower-cased words. This replays both step by step over plain
    dicts (the lexicon is a lazy dict whose every lookup goes through two Python calls),
    takes the common token (no punctuation at either end) without the splitting loop, and
    remembers the scores of the last sentences seen (boilerplate repeats across articles).
    """

    def __init__(self, analyzer) -> None:
        _text = _pattern_text()
        len(analyzer)  # load the lazy lexicon
        self._text = _text
        self._lexicon = {w: entry[None] for w, entry in dict.items(analyzer) if None in entry}
        self._modifying = {w for w, entry in dict.items(analyzer) if any(m in entry for m in analyzer.modifiers)}
        self._labels = dict(analyzer.labeler)
        self._negations = analyzer.negations
        self._modifier = analyzer.modifier
        self._edges = frozenset(_text.PUNCTUATION)
        self._emoticons = {}
        for (_kind, polarity), faces in _text.EMOTICONS.items():
            for face in faces:
                self._emoticons.setdefault(face.lower(), polarity)
        self._cached = functools.lru_cache(maxsize=1 << 14)(self._score)

    def __call__(self, text: str) -> tuple[float, float]:
        return self._cached(text)

    def _score(self, text: str) -> tuple[float, float]:
        found = self._assessments(self._words(text))
        polarity, subjectivity, n = 0, 0, 0
        for p, s in found:
            polarity += 1 * p
            subjectivity += 1 * s
            n += 1
        return polarity / float(n or 1), subjectivity / float(n or 1)

    def _words(self, text: str) -> list[str]:
        """The lower-cased words ``Sentiment.__call__`` assesses: ``find_tokens`` joined, split, lowered.

        ``find_tokens`` groups its tokens into sentences only to apply the sarcasm "(!)" and
        emoticon substitutions within each; the words come out in token order either way. So
        when the tokens hold no end-of-sentence marker (a blank line) and their whole join
        holds no match of either pattern (then no sentence's join does), the tokens are
        the words and the sentence loop is skipped; otherwise it runs as written.
        """
        t_ = self._text
        tokens = self._raw_tokens(text)
        if t_.EOS not in tokens:
            joined = " ".join(tokens)
            if t_.RE_EMOTICONS.search(joined) is None and t_.RE_SARCASM.search(joined) is None:
                return [w.lower() for w in tokens]
        return [w.lower() for w in " ".join(_sentences(tokens, t_)).split()]

    def _tokens(self, string: str) -> list[str]:
        """``textblob._text.find_tokens`` with its defaults; plain tokens skip the splitting loop."""
        return _sentences(self._raw_tokens(string), self._text)

    def _raw_tokens(self, string: str) -> list[str]:
        """The tokens of ``find_tokens`` before its sentence loop."""
        t_ = self._text
        if "'" in string:  # every replacement pattern holds an apostrophe
            for a, b in t_.replacements.items():
                string = string.replace(a, b)  # the patterns are literal: re.sub == str.replace
        string = (
            string.replace("“", " “ ").replace("”", " ” ").replace("‘", " ‘ ").replace("’", " ’ ")
            .replace("'", " ' ").replace('"', ' " ')
        )
        if "\n" in string:
            string = string.replace("\r\n", "\n")
            string = _LINEBREAKS.sub(" %s " % t_.EOS, string)
        edges, punctuation = self._edges, tuple(t_.PUNCTUATION.replace(".", ""))
        tokens = []
        # TOKEN.findall(re.sub(r"\s+", " ", string) + " ") is string.split(): re's \s is str.isspace()
        for t in string.split():
            if t[0] not in edges and t[-1] not in edges:  # PUNCTUATION holds "."
                tokens.append(t)
                continue
            if t[-1] == "," and len(t) > 1 and t[0] not in edges and t[-2] not in edges:
                tokens += (t[:-1], ",")  # "word,": what _split_token makes of it, without its loops
                continue
            tokens.extend(_split_token(t, punctuation, t_))
        return tokens

    def _assessments(self, words: list[str]) -> list[tuple[float, float]]:
        """``Sentiment.assessments`` for words without part of speech: (polarity, subjectivity) each."""
        a: list[list] = []  # [p, s, i, n]
        m = n = None
        for w in words:
            entry = self._lexicon.get(w)
            if entry is not None:
                p, s, i = entry
                if m is None:
                    a.append([p, s, i, 1])
                else:
                    a[-1][0] = max(-1.0, min(p * a[-1][2], +1.0))
                    a[-1][1] = max(-1.0, min(s * a[-1][2], +1.0))
                    a[-1][2] = i
                if n is not None:
                    a[-1][2] = 1.0 / a[-1][2]
                    a[-1][3] = -1
                m = w if w in self._modifying else None
                n = w if w in self._negations else None
            else:
                if w in self._negations:
                    n = w
                elif n and len(w.strip("'")) > 1:
                    n = None
                if n is not None and m is not None and self._modifier(m):
                    a[-1][3] = -1
                    n = None
                elif m and len(w) > 2:
                    m = None
                if w == "!" and len(a) > 0:
                    a[-1][0] = max(-1.0, min(a[-1][0] * 1.25, +1.0))
                if w == "(!)":
                    a.append([0.0, 1.0, 1.0, 1])
                if w.isalpha() is False and len(w) <= 5 and w not in self._text.PUNCTUATION and w in self._emoticons:
                    a.append([self._emoticons[w], 1.0, 1.0, 1])
        return [(p * -0.5 if n < 0 else p, s) for p, s, _i, n in a]


_LINEBREAKS = re.compile(r"\n{2,}")


def _split_token(t: str, punctuation: tuple[str, ...], t_) -> list[str]:
    """The body of ``find_tokens``'s token loop, verbatim, for a token with punctuation at an end."""
    tokens, tail = [], []
    while t.startswith(punctuation) and t not in t_.replacements:
        if t.startswith(punctuation):
            tokens.append(t[0])
            t = t[1:]
    while t.endswith(punctuation + (".",)) and t not in t_.replacements:
        if t.endswith(punctuation):
            tail.append(t[-1])
            t = t[:-1]
        if t.endswith("..."):
            tail.append("...")
            t = t[:-3].rstrip(".")
        if t.endswith("."):
            if (
                t in t_.ABBREVIATIONS
                or t_.RE_ABBR1.match(t) is not None
                or t_.RE_ABBR2.match(t) is not None
                or t_.RE_ABBR3.match(t) is not None
            ):
                break
            tail.append(t[-1])
            t = t[:-1]
    if t != "":
        tokens.append(t)
    tokens.extend(reversed(tail))
    return tokens


def _sentences(tokens: list[str], t_) -> list[str]:
    """The sentence loop of ``find_tokens``, verbatim (quotes and emoticons depend on it)."""
    sentences, i, j = [[]], 0, 0
    while j < len(tokens):
        if tokens[j] in ("...", ".", "!", "?", t_.EOS):
            while j < len(tokens) and tokens[j] in ("'", '"', "”", "’", "...", ".", "!", "?", ")", t_.EOS):
                if tokens[j] in ("'", '"') and sentences[-1].count(tokens[j]) % 2 == 0:
                    break
                j += 1
            sentences[-1].extend(t for t in tokens[i:j] if t != t_.EOS)
            sentences.append([])
            i = j
        j += 1
    sentences[-1].extend(tokens[i:j])
    joined = (t_.RE_SARCASM.sub("(!)", " ".join(s)) for s in sentences if len(s) > 0)
    return [t_.RE_EMOTICONS.sub(lambda m: m.group(1).replace(" ", "") + m.group(2), s) for s in joined]


@functools.lru_cache(maxsize=2)
def _vader_analyzer(domain: bool):
    from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

    analyzer = SentimentIntensityAnalyzer()
    if domain:
        analyzer.lexicon = dict(analyzer.lexicon)
        for term, value in _adjustments("vader"):
            if value is None:
                analyzer.lexicon.pop(term, None)
            else:
                analyzer.lexicon[term] = value
    return analyzer


def _adjustments(engine: str) -> list[tuple[str, float | None]]:
    table = load_domain_terms()
    rows = table[table["engine"] == engine]
    return [(str(t), None if pd.isna(v) else float(v)) for t, v in zip(rows["term"], rows["value"], strict=True)]
