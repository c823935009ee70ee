"""Sentence segmentation with character offsets (syntok).

Each line of a document is segmented on its own: in flattened web text a line break
ends a paragraph, a heading or a bullet, never continues a sentence. syntok is used
because it is fast, rule-based and needs no downloaded data (NLTK's punkt, which
TextBlob's ``.sentences`` relies on, cannot be downloaded at run time).
"""

from __future__ import annotations

import bisect
import logging
import re

import pandas as pd
import syntok.segmenter as _syntok
from syntok.tokenizer import Token, Tokenizer

from statecraft import schema

log = logging.getLogger(__name__)


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """Split ``text`` into sentences and return their ``(start, end)`` offsets.

    Spans are in text order, do not overlap, hold no leading or trailing whitespace,
    and together cover every non-whitespace character of ``text``.

    Args:
        text: The document text.

    Returns:
        A list of ``(start, end)`` offsets into ``text``.
    """
    spans: list[tuple[int, int]] = []
    pos = 0
    for line in text.split("\n"):
        if line.strip():
            spans.extend(_line_spans(line, pos))
        pos += len(line) + 1
    return spans


def segment(documents: pd.DataFrame) -> pd.DataFrame:
    """Segment every document into sentences.

    Args:
        documents: Needs ``doc_id`` and ``text``.

    Returns:
        The ``sentences`` frame: doc_id, sentence_id, start, end, text.
    """
    rows = [
        {"doc_id": doc_id, "sentence_id": i, "start": s, "end": e, "text": text[s:e]}
        for doc_id, text in zip(documents["doc_id"], documents["text"], strict=True)
        for i, (s, e) in enumerate(sentence_spans(str(text)))
    ]
    return schema.frame("sentences", rows)


_INNER_STOP = re.compile(r"[.!?\u2026]\W*\s+\S")


def _line_spans(line: str, base: int) -> list[tuple[int, int]]:
    if not _INNER_STOP.search(line):
        # no stop followed by more text: the line is one sentence (headings, bullets,
        # one-sentence paragraphs); syntok is not needed
        return _cover(line, base, [])
    spans = []
    # syntok.segmenter.analyze(line): a line holds no blank line, so it is one paragraph at offset 0
    for sentence in _syntok.segment(iter(_line_tokens(line))):
        if not sentence:
            continue
        start = sentence[0].offset
        end = sentence[-1].offset + len(sentence[-1].value)
        # trim what Python counts as whitespace (syntok may end on an empty token after
        # spaces, or start on a control character such as \x1f)
        piece = line[start:end]
        start, end = start + len(piece) - len(piece.lstrip()), start + len(piece.rstrip())
        if end > start:
            spans.append((base + start, base + end))
    # syntok drops characters it does not tokenise (rare symbols); make sure the
    # spans still cover the whole line so no text is ever outside a sentence.
    return _cover(line, base, spans)


_State = _syntok.State
_MARKERS = _State.terminals | _State.opening_brackets | _State.closing_brackets | _State.closing_quotes
_MARK_CHARS = re.compile(
    r"(?<=[A-Za-z0-9])['\u00b4\u2019](?=[A-Za-z])"  # possessive or contraction: inside a token ("’s", "n't")
    r"|(?<=[a-z])\.(?=[a-z0-9])|(?<=[A-Z0-9])\.(?=[A-Za-z0-9])"  # inner dot: "1.5", "U.S", "e.g": not split
    r"|([" + re.escape("".join(sorted(set("".join(_MARKERS))))) + "])"
)
"""A character that can be (group 1), or cannot be (no group), part of a marker token. Inside a word,
an apostrophe before a letter stays in a token with that letter, and a dot between letters or
digits is not split off unless a lower-case letter precedes it and an upper-case one follows
(``Tokenizer._separation``); both are matched first so that they are not taken for markers."""
_OPENING, _CLOSING = _State.opening_brackets, _State.closing_brackets
_NEAR = 2
"""syntok reads at most two tokens on either side of a marker (token before, token after, after next)."""
_BRACKET_SCAN = 52
"""syntok scans up to 50 tokens after an opening bracket (and one more for a terminal)."""
_WORDS = re.compile(
    "[^\t\n\x0b\x0c\r \x85\xa0\u1680\u2000-\u200b\u2028\u2029\u202f\u205f\u3000]+"
).finditer
"""``Tokenizer._spaces`` (the ``regex`` module's ``[^\\s\\u200b]+``) for the standard ``re``, which is faster
here: the same 26 space characters, listed (re's own ``\\s`` also takes \\x1c-\\x1f; a test compares every code
point)."""
_SEPARATION = Tokenizer._separation.search


def _line_tokens(line: str) -> list[Token]:
    """Return syntok's tokens of ``line``, with each run of words syntok only walks past merged into one token.

    syntok's segmenter (``syntok._segmentation_states``) decides only at *markers* (a terminal,
    a bracket, a closing quote): it reads at most :data:`_NEAR` tokens on either side of one and
    up to :data:`_BRACKET_SCAN` tokens after an opening bracket; every other token is moved into
    the sentence unread. A word (a run of non-space characters) that holds no marker character
    yields no marker token, and a word is at least one token, so a word more than :data:`_NEAR`
    words from every word holding a marker character, and not within :data:`_BRACKET_SCAN` words
    after an opening bracket, is never read. Runs of two or more such words become one token
    spanning them (its value is their text, spaces included, so offsets stay exact) without being
    tokenised; the other words are tokenised exactly as ``syntok.tokenizer.Tokenizer.tokenize``
    does (``replace_not_contraction=False``, as ``syntok.segmenter.analyze``). syntok then takes
    the same decisions on fewer tokens: the spans equal plain syntok's on the crypto corpus,
    the seeds and generated token soups (bench/bench_segmenter.py, tests/cleaning/test_sentences.py).
    """
    words = [mo.span() for mo in _WORDS(line)]
    n = len(words)
    keep = bytearray(n)
    if n:
        starts = [w[0] for w in words]
        brackets: list[tuple[int, int]] = []  # (word, +1 opening / -1 closing), in text order
        for mo in _MARK_CHARS.finditer(line):
            mark = mo.group(1)
            if mark is None:
                continue
            i = bisect.bisect_right(starts, mo.start()) - 1
            lo, hi = max(0, i - _NEAR), min(n, i + _NEAR + 1)
            keep[lo:hi] = b"\x01" * (hi - lo)
            if mark in _OPENING:
                brackets.append((i, 1))
            elif mark in _CLOSING:
                brackets.append((i, -1))
        for k, (i, step) in enumerate(brackets):
            if step < 0:
                continue
            # syntok scans from an opening bracket to the closing bracket that empties its stack
            # (State.__find_end_of_bracketed_text), at most 50 tokens
            hi, depth = min(n, i + _BRACKET_SCAN + 1), 1
            for j, later in brackets[k + 1 :]:
                depth += later
                if depth == 0:
                    hi = min(hi, j + 1)
                    break
            keep[i:hi] = b"\x01" * (hi - i)
    tokens: list[Token] = []
    offset, i = 0, 0
    while i < n:
        if not keep[i]:
            j = keep.find(1, i)
            j = n if j < 0 else j
            if j - i > 1:
                first, stop = words[i][0], words[j - 1][1]
                tokens.append(Token(line[offset:first], line[first:stop], first))
                offset, i = stop, j
                continue
        first, stop = words[i]
        word = line[first:stop]
        if word[0].isalnum() and word[-1].isalnum() and _SEPARATION(word) is None:  # a plain word: one token
            tokens.append(Token(line[offset:first], word, first))
        else:
            _word_tokens(line, offset, first, stop, tokens)
        offset = stop
        i += 1
    if offset < len(line):
        tokens.append(Token(line[offset:], "", len(line)))
    return tokens


def _word_tokens(text: str, offset: int, first: int, stop: int, out: list[Token]) -> None:
    """Append the tokens of the word ``text[first:stop]`` as ``Tokenizer.tokenize`` makes them, step by step.

    ``offset`` is where the previous word ended (the spacing runs from there). Plain words (a
    letter or digit at both ends, no separation inside: one token) are taken by the caller.
    """
    start = Tokenizer._find_start(first, stop, text)
    if start == stop:
        out.append(Token(text[offset:first], text[first:stop], first))
        return
    end = Tokenizer._find_end(start, stop, text)
    if start > first:  # Tokenizer._split_nonword_prefix
        for k, c in enumerate(text[first:start]):
            if k == 0:
                out.append(Token(text[offset:first], c, first))
                offset = start
            else:
                out.append(Token("", c, first + k))
    if start != end:
        out.extend(_TOKENIZER._split_word(text[offset:start], text[start:end], start))
    tail = text[end:stop]
    if tail.startswith("..."):
        out.append(Token("", "...", end))
        end += 3
        tail = tail[3:]
    out.extend(Token("", c, k + end) for k, c in enumerate(tail))


def _cover(line: str, base: int, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    stripped_start = base + (len(line) - len(line.lstrip()))
    stripped_end = base + len(line.rstrip())
    if not spans:
        return [(stripped_start, stripped_end)] if stripped_end > stripped_start else []
    spans[0] = (min(spans[0][0], stripped_start), spans[0][1])
    spans[-1] = (spans[-1][0], max(spans[-1][1], stripped_end))
    return spans


_TOKENIZER = Tokenizer(replace_not_contraction=False)  # as syntok.segmenter.analyze
