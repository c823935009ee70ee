"""Polarity cues of news sentences: direction x quantity, state actions, negation and contrast scope.

The word lists live in ``data/sentiment/news_terms.csv`` (term, kind, description); the
kinds are:

* ``up`` / ``down``: direction words (rose, jumped / fell, narrowed, slashed);
* ``good_up`` / ``good_down``: quantities good for their subject when they rise (profit,
  sales, price, reserves, inflows) or when they fall (losses, costs, debt, outflows, fines);
* ``positive`` / ``negative``: words that are good or bad news on their own;
* ``state_positive`` / ``state_negative``: actions of states and regulators for or against
  their subject (approve, license, legal tender / ban, crackdown, sanction, arrest, seize);
  in :func:`cue_features` they count in ``net`` only, so the trained model cannot turn
  them around (its training news has few state actions and learned odd signs for them);
* ``negation``: flips the polarity of the next :data:`SCOPE` words in its clause;
* ``transitive``: a direction verb that takes its quantity as object (trims losses, cut
  costs): the quantity after it is preferred to one before it at the same distance;
* ``reversal``: turns the next negative word or state action into its opposite (lift a ban);
* ``contrast_after`` (but, however): the clause before it weighs :data:`DISCOUNT`;
* ``contrast_before`` (despite, although): the clause it opens weighs :data:`DISCOUNT`.

A direction word and a quantity within :data:`WINDOW` words of each other in one clause
make a *compositional* cue whose sign is the product (``losses narrowed`` is positive,
``costs rose`` negative; in "outflows from bitcoin funds fell" the head before the
preposition is the quantity); a direction word with no quantity nearby is a bare direction cue.
:func:`cue_features` turns these into a small dense vector and :func:`cue_tokens` into
marker tokens; both feed the ``news`` model (:mod:`statecraft.sentiment.news`).
"""

from __future__ import annotations

import functools
import logging
import math
import re
from collections.abc import Sequence
from pathlib import Path

import numpy as np
import pandas as pd

from statecraft import resources

log = logging.getLogger(__name__)

TERMS_PATH = resources.data_dir() / "sentiment" / "news_terms.csv"
KINDS: tuple[str, ...] = (
    "contrast_after", "contrast_before", "down", "good_down", "good_up", "negation", "negative", "positive",
    "reversal", "state_negative", "state_positive", "transitive", "up",
)  # fmt: skip
FEATURES: tuple[str, ...] = (
    "pos", "neg", "comp_pos", "comp_neg", "dir_up", "dir_down", "negated", "contrast", "net", "polar",
)  # fmt: skip
"""Names of the :func:`cue_features` columns, in order. There is deliberately no length
feature: in the training data length tells the source (short SEntFiN headlines, long
FinEntity sentences), not the tone, and a model that learns it calls long news neutral."""
SCOPE = 3
WINDOW = 4
DISCOUNT = 0.5

_TOKEN_RE = re.compile(r"[a-z0-9]+(?:[-'][a-z0-9]+|(?<=[0-9])[.,][0-9]+)*|[,;:.!?()\"]")
_BREAK = frozenset(",;:.!?()\"")
_PREPOSITIONS = frozenset({"of", "from", "in", "on", "at", "for", "into", "after", "before"})
_POLAR = {"state_positive": 1, "state_negative": -1, "positive": 1, "negative": -1}  # state actions first


def load_terms(path: Path | str = TERMS_PATH) -> pd.DataFrame:
    """Read and check the cue-word table.

    Args:
        path: CSV with columns term, kind, description.

    Returns:
        The table sorted by term and kind.

    Raises:
        ValueError: If a kind is unknown, a (term, kind) key repeats, a term is not lower
            case or has more than two words, or a description is missing.
    """
    table = pd.read_csv(path, dtype="string", keep_default_na=False)
    bad = sorted(set(table["kind"]) - set(KINDS))
    if bad:
        raise ValueError(f"{path}: unknown kind(s) {bad}; valid kinds: {', '.join(KINDS)}")
    if table.duplicated(["term", "kind"]).any():
        raise ValueError(f"{path}: repeated (term, kind) keys")
    if (table["term"] != table["term"].str.lower()).any() or (table["term"].str.count(" ") > 1).any():
        raise ValueError(f"{path}: terms must be lower case, one or two words")
    if (table["description"].str.strip() == "").any():
        raise ValueError(f"{path}: every row needs a description")
    return table.sort_values(["term", "kind"], kind="mergesort").reset_index(drop=True)


@functools.lru_cache(maxsize=2)
def _lexicon(path: str = str(TERMS_PATH)) -> tuple[dict[str, frozenset[str]], frozenset[str]]:
    table = load_terms(path)
    kinds: dict[str, set[str]] = {}
    for term, kind in zip(table["term"], table["kind"], strict=True):
        kinds.setdefault(term, set()).add(kind)
    pairs = frozenset(t for t in kinds if " " in t)
    return {t: frozenset(k) for t, k in kinds.items()}, pairs


def tokenize(text: str) -> list[str]:
    """Return lower-case word tokens and clause punctuation, two-word terms joined.

    Args:
        text: A normalised sentence.

    Returns:
        Tokens; a two-word term of the table (``legal tender``) is one token.
    """
    lexicon, pairs = _lexicon()
    raw = _TOKEN_RE.findall(text.lower())
    out, i = [], 0
    while i < len(raw):
        if i + 1 < len(raw) and f"{raw[i]} {raw[i + 1]}" in pairs:
            out.append(f"{raw[i]} {raw[i + 1]}")
            i += 2
        else:
            out.append(raw[i])
            i += 1
    return out


def analyse(text: str) -> list[tuple[str, float, int]]:
    """Find the cues of one sentence.

    Args:
        text: A normalised sentence.

    Returns:
        ``(cue, weight, sign)`` triples: cue is ``word``, ``comp``, ``state`` or
        ``dir``; weight the clause weight (1 or :data:`DISCOUNT`); sign +1 or -1 after
        negation and reversal. A ``negated`` and a ``contrast`` cue (sign 0) record that
        scope rules fired.
    """
    lexicon, _ = _lexicon()
    tokens = tokenize(text)
    kinds = [frozenset() if tokens[i + 1 : i + 3] == ["to", "comment"] else lexicon.get(t, frozenset())
             for i, t in enumerate(tokens)]  # "declined to comment" says nothing  # fmt: skip
    weights = _clause_weights(tokens, kinds)
    flips = _flips(tokens, kinds)
    cues: list[tuple[str, float, int]] = []
    used: set[int] = set()
    for i, k in enumerate(kinds):
        direction = 1 if "up" in k else -1 if "down" in k else 0
        if not direction:
            continue
        j = _nearest_quantity(tokens, kinds, i)
        if j is None:
            cues.append(("dir", weights[i], direction * flips[i]))
            continue
        quantity = 1 if "good_up" in kinds[j] else -1
        cues.append(("comp", weights[i], direction * quantity * flips[i]))
        used.update((i, j))
    for i, k in enumerate(kinds):
        if i in used or "up" in k or "down" in k:  # a direction word counts once, as a direction
            continue
        for kind, sign in _POLAR.items():
            if kind in k:
                name = "state" if kind.startswith("state") else "word"
                cues.append((name, weights[i], sign * flips[i] * (1 if sign > 0 else flips.reversed(i))))
                break
    if any(f < 0 for f in flips):
        cues.append(("negated", 1.0, 0))
    if min(weights, default=1.0) < 1.0:
        cues.append(("contrast", 1.0, 0))
    return cues


def cue_features(texts: Sequence[str]) -> np.ndarray:
    """Return the dense cue features of each text, columns :data:`FEATURES`.

    Args:
        texts: Normalised sentences.

    Returns:
        Array of shape (len(texts), len(FEATURES)).
    """
    out = np.zeros((len(texts), len(FEATURES)), dtype=np.float64)
    slot = {"word": (0, 1), "comp": (2, 3), "dir": (4, 5)}
    for row, text in enumerate(texts):
        state = 0.0
        for cue, weight, sign in analyse(text):
            if cue == "negated":
                out[row, 6] = 1.0
            elif cue == "contrast":
                out[row, 7] = 1.0
            elif cue == "state":
                state += weight * sign
            else:
                out[row, slot[cue][0 if sign > 0 else 1]] += weight
        net = out[row, 0] + out[row, 2] + out[row, 4] - out[row, 1] - out[row, 3] - out[row, 5] + state
        out[row, 8] = math.tanh(net)
        out[row, 9] = float(net != 0 or out[row, :6].any())
    return out


def cue_tokens(text: str) -> list[str]:
    """Return marker tokens for the cues of ``text`` (e.g. ``CUE_comp+``, ``CUE_state-``).

    Args:
        text: A normalised sentence.

    Returns:
        Sorted marker tokens, one per cue found (repeats kept).
    """
    return sorted(f"CUE_{c}{'+' if s > 0 else '-' if s < 0 else ''}" for c, _w, s in analyse(text))


class _Flips(list):
    """Per-token sign (-1 inside a negation scope) and the positions a reversal word governs."""

    def __init__(self, signs: list[int], reversed_at: set[int]) -> None:
        super().__init__(signs)
        self._reversed = reversed_at

    def reversed(self, i: int) -> int:
        return -1 if i in self._reversed else 1


def _flips(tokens: list[str], kinds: list[frozenset[str]]) -> _Flips:
    signs, reversed_at = [1] * len(tokens), set()
    for i, k in enumerate(kinds):
        if "negation" in k or "reversal" in k:
            for j in range(i + 1, min(len(tokens), i + 1 + SCOPE)):
                if tokens[j] in _BREAK:
                    break
                if "negation" in k:
                    signs[j] = -signs[j]
                else:
                    reversed_at.add(j)
    return _Flips(signs, reversed_at)


def _clause_weights(tokens: list[str], kinds: list[frozenset[str]]) -> list[float]:
    weights = [1.0] * len(tokens)
    for i, k in enumerate(kinds):
        if "contrast_after" in k and i > 0:
            for j in range(i - 1, -1, -1):
                if tokens[j] in ".;!?":
                    break
                weights[j] = DISCOUNT
        if "contrast_before" in k:
            for j in range(i, len(tokens)):
                if tokens[j] in _BREAK and j > i:
                    break
                weights[j] = DISCOUNT
    return weights


def _nearest_quantity(tokens: list[str], kinds: list[frozenset[str]], i: int) -> int | None:
    transitive = "transitive" in kinds[i]
    for distance in range(1, WINDOW + 1):
        for j in (i + distance, i - distance) if transitive else (i - distance, i + distance):
            if 0 <= j < len(tokens) and _is_quantity(kinds[j]) and not _broken(tokens, i, j):
                return _head(tokens, kinds, i, j) if j < i else j
    return None


def _head(tokens: list[str], kinds: list[frozenset[str]], i: int, j: int) -> int:
    """Prefer the head of "outflows from bitcoin funds fell": a quantity before a preposition."""
    for k in range(j - 1, max(-1, i - WINDOW - 2), -1):
        if tokens[k] in _BREAK:
            break
        if _is_quantity(kinds[k]) and _PREPOSITIONS & set(tokens[k + 1 : j]):
            return k
    return j


def _is_quantity(kind: frozenset[str]) -> bool:
    return "good_up" in kind or "good_down" in kind


def _broken(tokens: list[str], i: int, j: int) -> bool:
    return any(t in _BREAK for t in tokens[min(i, j) + 1 : max(i, j)])
