"""Sentence segmentation with character offsets (syntok).

Each line of a document is segmented on its own: in flattened web text a line break
ends a paragraph, a heading or a bullet, never continues a sentence. syntok is used
because it is fast, rule-based and needs no downloaded data (NLTK's punkt, which
TextBlob's ``.sentences`` relies on, cannot be downloaded at run time).
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterator

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
    # syntok.segmenter.analyze(line), with a tokenizer that takes plain words at once
    for offset, paragraph in _syntok.preprocess_with_offsets(line):
        for sentence in _syntok.segment(_TOKENIZER.tokenize(paragraph, offset)):
            tokens = list(sentence)
            if not tokens:
                continue
            start = tokens[0].offset
            end = tokens[-1].offset + len(tokens[-1].value)
            # trim what Python counts as whitespace (syntok may end on an empty token after
            # spaces, or start on a control character such as \x1f)
            piece = line[start:end]
            start, end = start + len(piece) - len(piece.lstrip()), start + len(piece.rstrip())
            if end > start:
                spans.append((base + start, base + end))
    # syntok drops characters it does not tokenise (rare symbols); make sure the
    # spans still cover the whole line so no text is ever outside a sentence.
    return _cover(line, base, spans)


def _cover(line: str, base: int, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    stripped_start = base + (len(line) - len(line.lstrip()))
    stripped_end = base + len(line.rstrip())
    if not spans:
        return [(stripped_start, stripped_end)] if stripped_end > stripped_start else []
    spans[0] = (min(spans[0][0], stripped_start), spans[0][1])
    spans[-1] = (spans[-1][0], max(spans[-1][1], stripped_end))
    return spans


class _PlainWordTokenizer(Tokenizer):
    """syntok's Tokenizer, the same tokens, with a short path for the common plain word.

    A run of non-space characters that starts and ends with a letter or digit and holds
    no separation (apostrophe, bracket, hyphen, case change, ...) is one token with the
    spacing before it; ``Tokenizer.tokenize`` finds that by scanning it character by
    character, so it is taken directly here and everything else goes the original way.
    """

    def tokenize(self, text: str, base_offset: int = 0) -> Iterator[Token]:
        """Generate the Tokens of ``text``, as ``Tokenizer.tokenize`` does."""
        if base_offset > 0:
            text = " " * base_offset + text
        offset = base_offset
        separation = Tokenizer._separation.search
        for mo in Tokenizer._spaces.finditer(text):
            first, stop = mo.span()
            word = mo.group(0)
            if word[0].isalnum() and word[-1].isalnum() and separation(word) is None:
                yield Token(text[offset:first], word, first)
                offset = stop
                continue
            start = Tokenizer._find_start(first, stop, text)
            if start == stop:
                yield Token(text[offset:first], word, first)
            else:
                end = Tokenizer._find_end(start, stop, text)
                if start > first:
                    offset = yield from self._split_nonword_prefix(mo, offset, start, text)
                if start != end:
                    yield from self._split_word(text[offset:start], text[start:end], start)
                tail = text[end:stop]
                if tail.startswith("..."):
                    yield Token("", "...", end)
                    end += 3
                    tail = tail[3:]
                yield from [Token("", c, idx + end) for idx, c in enumerate(tail)]
            offset = stop
        if offset < len(text):
            yield Token(text[offset:], "", len(text))


_TOKENIZER = _PlainWordTokenizer(replace_not_contraction=False)  # as syntok.segmenter.analyze
