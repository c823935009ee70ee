"""Findings: three to five plain sentences that state what the data shows, with the numbers behind them.

Each finding is computed from the same tables the notebooks show (a country "appears" in
an article when one of its sentences names it with role ``subject``), so every number in
a sentence can be checked against them. Ties are broken by country code, so the wording
is deterministic.

1. ``most_articles``: the country in the most articles ("Pakistan has the most articles (3 of 8) ...").
2. ``stories``: how many stories the articles tell and the largest one.
3. ``busiest_period``: the date range and the month with the most articles.
4. ``stance``: the countries with the most engaging and the most restricting sentences.
5. ``sentiment``: the most positive and most negative country (targeted, with enough sentences);
   only when the corpus was scored.
"""

from __future__ import annotations

import logging
import math

import pandas as pd

from statecraft.analysis import comparison
from statecraft.analysis.trends import default_engine
from statecraft.corpus import Corpus
from statecraft.sentiment import stance
from statecraft.tagging import codebook

log = logging.getLogger(__name__)

MIN_SENTENCES = 3
"""A country needs at least this many scored sentences to be named in the sentiment finding ..."""
MIN_SHARE = 0.01
"""... and at least this share of all scored country sentences (so a large corpus names no country on 3)."""
FINDING_COLUMNS = ["kind", "finding", "key", "value", "total"]


def findings(ann: Corpus, *, engine: str | None = None, min_sentences: int | None = None) -> pd.DataFrame:
    """State three to five findings about an annotated corpus, each with the numbers it rests on.

    Needs documents, sentences, mentions and (for the sentiment finding) sentiment.

    Args:
        ann: An annotated corpus.
        engine: Sentiment engine; None picks the best validated one scored
            (:func:`statecraft.analysis.trends.default_engine`); without scores the sentiment
            finding is left out.
        min_sentences: Scored sentences a country needs to be named in the sentiment finding
            (None: :data:`MIN_SENTENCES` or :data:`MIN_SHARE` of the scored country sentences,
            whichever is more: 3 on the seeds, 23 on the crypto corpus).

    Returns:
        kind, finding (a sentence), key (the country code or story id it is about), value
        and total (the main number and what it is out of, where there is one); one row per
        finding, in the order of the module docstring. Empty for a corpus with no country.
    """
    selected = comparison.select_documents(ann.documents)
    sentences = comparison.country_sentences(ann, selected)
    if sentences.empty:
        return pd.DataFrame(columns=FINDING_COLUMNS)
    names = codebook.table("countries").set_index("alpha_3")["name"].to_dict()
    rows = [_most_articles(sentences, selected, names), _stories(ann, selected), _busiest(selected)]
    rows.append(_stance(ann, sentences, names))
    engine = engine or default_engine(ann.sentiment)
    if engine is not None:
        rows.append(_sentiment(ann, sentences, names, engine, min_sentences))
    out = pd.DataFrame([r for r in rows if r], columns=FINDING_COLUMNS)
    return out.astype({"kind": "string", "finding": "string", "key": "string", "value": "Float64", "total": "Int64"})


def _name(names: dict, code: str) -> str:
    """Return a country's name as a sentence says it: "Korea, Republic of" reads "Republic of Korea"."""
    name = str(names.get(code, code))
    head, _, tail = name.partition(", ")
    if not tail:
        return name
    return f"{tail} {head}" if tail.endswith((" of", " of the")) else head


def _most_articles(sentences: pd.DataFrame, selected: pd.DataFrame, names: dict) -> dict:
    counts = sentences.groupby("country")["doc_id"].nunique()
    ranked = sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))
    top, n = ranked[0]
    total = len(selected)
    tied = [c for c, k in ranked[1:] if k == n]
    text = f"{_name(names, top)} has the most articles ({n:,} of {total:,})"
    if tied:
        text += f", tied with {_join([_name(names, c) for c in tied])}"
    elif len(ranked) > 1:
        second = [c for c, k in ranked[1:] if k == ranked[1][1]]
        each = " each" if len(second) > 1 else ""
        text += f", ahead of {_join([_name(names, c) for c in second])} ({ranked[1][1]:,}{each})"
    text += f"; {len(ranked):,} countries are named in all."
    return {"kind": "most_articles", "finding": text, "key": top, "value": n, "total": total}


def _stories(ann: Corpus, selected: pd.DataFrame) -> dict:
    sizes = selected.groupby("story_id")["doc_id"].nunique()
    ranked = sorted(sizes.items(), key=lambda kv: (-kv[1], kv[0]))
    story, n = ranked[0]
    total = len(selected)
    text = f"The {total:,} articles tell {len(sizes):,} stories"
    if n > 1:
        titles = ann.documents.set_index("doc_id")["title"]
        title = titles.get(story)
        named = f' ("{title}")' if isinstance(title, str) and title else ""
        text += f"; the largest{named} was carried by {n:,} articles."
    else:
        text += "; no story was carried by more than one article."
    return {"kind": "stories", "finding": text, "key": story, "value": n, "total": len(sizes)}


def _busiest(selected: pd.DataFrame) -> dict:
    dates = selected["article_date"].dropna()
    undated = len(selected) - len(dates)
    if dates.empty:
        return {"kind": "busiest_period", "finding": f"None of the {len(selected):,} articles is dated.",
                "key": None, "value": 0, "total": len(selected)}
    months = dates.str.slice(0, 7).value_counts()
    month, n = sorted(months.items(), key=lambda kv: (-kv[1], kv[0]))[0]
    text = (f"The articles run from {dates.min()} to {dates.max()}; the busiest month is {month} "
            f"({n:,} of {len(dates):,} dated articles)")
    text += f", and {undated} {'article is' if undated == 1 else 'articles are'} undated." if undated else "."
    return {"kind": "busiest_period", "finding": text, "key": month, "value": n, "total": len(dates)}


def _stance(ann: Corpus, sentences: pd.DataFrame, names: dict) -> dict | None:
    table = stance.country_stance(ann.mentions, sentences)
    if table.empty or int(table["n_evidence"].sum()) == 0:
        return None
    parts, key, value = [], None, None
    for column, word in (("n_engaging", "engaging"), ("n_restricting", "restricting")):
        ranked = sorted(zip(table["country"], table[column].astype(int), strict=True), key=lambda kv: (-kv[1], kv[0]))
        code, n = ranked[0]
        if n:
            parts.append(f"{_name(names, code)} has the most {word} sentences ({n:,} of "
                         f"{int(table[column].sum()):,})")
            key, value = (code, n) if key is None else (key, value)
    if not parts:
        return None
    text = "; ".join(parts) + "; a sentence's stance is read from the topics it names with the country."
    return {"kind": "stance", "finding": text[0].upper() + text[1:], "key": key, "value": value,
            "total": int(table["n_evidence"].sum())}


def _sentiment(
    ann: Corpus, sentences: pd.DataFrame, names: dict, engine: str, min_sentences: int | None
) -> dict | None:
    table = comparison.country_sentiment(ann, sentences, engine=engine, n_boot=200)
    if min_sentences is None:
        min_sentences = max(MIN_SENTENCES, math.ceil(MIN_SHARE * int(table["n_sentences"].sum())))
    table = table[table["n_sentences"] >= min_sentences]
    if len(table) < 2:
        return None
    ranked = sorted(zip(table["country"], table["polarity"].astype(float), table["n_sentences"].astype(int),
                        strict=True), key=lambda r: (-r[1], r[0]))
    (hi, hi_mean, hi_n), (lo, lo_mean, lo_n) = ranked[0], ranked[-1]
    text = (f"Of the {len(table)} countries named in at least {min_sentences} scored sentences, "
            f"{_name(names, hi)} reads most positive (mean {hi_mean:+.3f} over {hi_n:,} sentences) and "
            f"{_name(names, lo)} most negative ({lo_mean:+.3f} over {lo_n:,}), by the {engine} engine.")
    return {"kind": "sentiment", "finding": text, "key": hi, "value": round(hi_mean, 3), "total": hi_n}


def _join(items: list[str]) -> str:
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]
