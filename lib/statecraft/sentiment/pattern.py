"""TextBlob's pattern sentiment (``PatternAnalyzer``) without its package import and per-word overheads.

:func:`text_module` loads TextBlob's ``_text`` module on its own, :func:`english_sentiment` builds
the English ``Sentiment`` from it as ``textblob.en`` does, and :class:`PatternScorer` replays its
scoring step by step over plain dicts: the same floats as ``TextBlob(text).sentiment``.
"""

from __future__ import annotations

import functools
import re
from pathlib import Path


def text_module():
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


def english_sentiment():
    """A fresh ``textblob.en.sentiment``: TextBlob's English ``Sentiment``, built as textblob.en builds it.

    Its own copy of the lexicon, so edits never leak into TextBlob.
    """
    t_ = text_module()

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
    len(analyzer)  # trigger the lazy load
    return analyzer


class PatternScorer:
    """TextBlob's ``PatternAnalyzer(text)[:2]``, the same floats, without its per-word overheads.

    ``Sentiment.__call__`` on a string tokenizes it with ``find_tokens`` and averages the
    ``assessments`` of the lower-cased words. This replays both step by step over plain
    dicts (the lexicon is a lazy dict whose every lookup goes through two Python calls),
    takes the common token (no punctuation at either end) without the splitting loop, and
    remembers the scores of the last sentences seen (boilerplate repeats across articles).
    """

    def __init__(self, analyzer) -> None:
        _text = text_module()
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
        """``(polarity, subjectivity)`` of ``text``, as ``PatternAnalyzer`` gives them."""
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
