"""Guess the language of a text from its script and its commonest words.

A small, dependency-free guesser: enough to flag that an article is not English
(so it is not tagged as if it were), not a general language identifier. The word
lists are data (``data/sources/stopwords.csv``).
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections import Counter

from statecraft import resources

COVERED = ("en", "und")
"""Languages the tagger, timex rules and sentiment engines are written for (und: too short to tell)."""
_WORD = re.compile(r"[^\W\d_]+")
_MIN_WORDS = 8
_SCRIPTS = {"CJK": "zh", "HIRAGANA": "ja", "KATAKANA": "ja", "HANGUL": "ko", "CYRILLIC": "ru",
            "ARABIC": "ar", "DEVANAGARI": "hi", "THAI": "th", "HEBREW": "he", "GREEK": "el"}


def detect(text: str) -> str:
    """Return an ISO 639-1 code for ``text`` ("en", "es", ...), or "und" when unsure.

    Args:
        text: Any text.

    Returns:
        A two-letter code or "und".
    """
    chars = Counter(text[:5000])  # counted once per distinct character (C speed), then named
    scripts: Counter = Counter()
    for ch, n in chars.items():
        if ch.isalpha():
            scripts[_script(ch)] += n
    n_letters = sum(scripts.values())
    if not n_letters:
        return "und"
    script, count = sorted(scripts.items(), key=lambda kv: -kv[1])[0]
    if script != "LATIN" and count / n_letters > 0.5:
        return _SCRIPTS.get(script, "und")
    words = [w.lower() for w in _WORD.findall(text[:5000])]
    if len(words) < _MIN_WORDS:
        return "en" if scripts.get("LATIN", 0) == n_letters else "und"
    hits = Counter()
    for word in words:
        for lang in _stopwords().get(word, ()):
            hits[lang] += 1
    if not hits:
        return "und"
    lang, n = sorted(hits.items(), key=lambda kv: (-kv[1], kv[0]))[0]
    return lang if n / len(words) >= 0.08 else "und"


@functools.lru_cache(maxsize=65536)
def _script(ch: str) -> str:
    name = unicodedata.name(ch, "")
    return name.split(" ")[0] if name else "UNKNOWN"


@functools.cache
def _stopwords() -> dict[str, tuple[str, ...]]:
    table: dict[str, list[str]] = {}
    for row in resources.read_csv("sources/stopwords.csv"):
        table.setdefault(row["word"], []).append(row["lang"])
    return {w: tuple(sorted(langs)) for w, langs in table.items()}


def name(code: str) -> str:
    """Return the English name of a language code ("de" -> "German"; unknown codes as given)."""
    return _names().get(str(code), str(code))


@functools.cache
def _names() -> dict[str, str]:
    return {row["code"]: row["name"] for row in resources.read_csv("sources/languages.csv")}
