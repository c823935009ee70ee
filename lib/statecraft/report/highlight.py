"""HTML for the explorer: sentences and articles with their spans highlighted, a small trend chart.

Every piece of corpus text, id and metadata is HTML-escaped here, before it is wrapped in
markup; nothing from the corpus reaches the page unescaped.
"""

from __future__ import annotations

import html

import pandas as pd

STYLE = """<style>
.sc-x mark{padding:0 2px;border-radius:3px}.sc-x .sc-country{background:#cfe3ff}
.sc-x .sc-actor,.sc-x .sc-organization{background:#ffe0b3}.sc-x .sc-topic{background:#d9f2d0}
.sc-x .sc-timex{background:#f1d4f7}.sc-x table{border-collapse:collapse}
.sc-x td,.sc-x th{border-bottom:1px solid #ddd;padding:2px 6px;text-align:left;vertical-align:top}
</style>"""
_KINDS = ("country", "actor", "organization", "topic", "timex")


def spans(mentions: pd.DataFrame, timexes: pd.DataFrame) -> pd.DataFrame:
    """Gather the spans to highlight: counting mentions (role ``subject``) and timexes.

    Args:
        mentions: Needs doc_id, sentence_id, start, end, entity_type, entity_id, role.
        timexes: Needs doc_id, sentence_id, start, end, value.

    Returns:
        doc_id, sentence_id, start, end, kind (entity type or ``timex``), label (entity id or
        TIMEX3 value); sorted by doc_id, start and longest first.
    """
    counted = mentions[(mentions["role"] == "subject").fillna(False)]
    parts = [
        pd.DataFrame({"doc_id": counted["doc_id"], "sentence_id": counted["sentence_id"], "start": counted["start"],
                      "end": counted["end"], "kind": counted["entity_type"], "label": counted["entity_id"]}),
        pd.DataFrame({"doc_id": timexes["doc_id"], "sentence_id": timexes["sentence_id"], "start": timexes["start"],
                      "end": timexes["end"], "kind": "timex", "label": timexes["value"]}),
    ]  # fmt: skip
    out = pd.concat([p for p in parts if len(p)], ignore_index=True) if any(len(p) for p in parts) else parts[0]
    out = out.assign(length=out["end"] - out["start"])
    out = out.sort_values(["doc_id", "start", "length"], ascending=[True, True, False], kind="mergesort")
    return out.drop(columns="length").reset_index(drop=True)


def marked(text: str, found: pd.DataFrame | list[tuple[int, int, str, str]], *, offset: int = 0) -> str:
    """Escape ``text`` and wrap each span in ``<mark>``; a span overlapping an earlier one is skipped.

    Args:
        text: The text shown (a sentence or a whole article).
        found: Rows of :func:`spans` inside ``text``, or their (start, end, kind, label) tuples
            in the same order.
        offset: Where ``text`` starts in its document (spans hold document offsets).

    Returns:
        HTML.
    """
    if isinstance(found, pd.DataFrame):
        found = list(zip(found["start"], found["end"], found["kind"], found["label"], strict=True))
    pieces, at = [], 0
    for start, end, kind, label in found:
        s, e = int(start) - offset, int(end) - offset
        if s < at or e > len(text) or s >= e:
            continue
        css = kind if kind in _KINDS else "other"
        pieces.append(html.escape(text[at:s]))
        pieces.append(f'<mark class="sc-{css}" title="{html.escape(f"{kind}: {label}")}">'
                      f"{html.escape(text[s:e])}</mark>")
        at = e
    pieces.append(html.escape(text[at:]))
    return "".join(pieces)


def sentence_table(sentences: pd.DataFrame, found: pd.DataFrame, *, limit: int) -> str:
    """Render matching sentences as an HTML table, spans highlighted.

    Args:
        sentences: From :attr:`statecraft.analysis.select.Selection.sentences`.
        found: :func:`spans` of (at least) the shown sentences.
        limit: Show at most this many rows (the caption says how many were left out).

    Returns:
        HTML.
    """
    by_sentence: dict[tuple[str, int], list[tuple[int, int, str, str]]] = {}
    columns = (found[c].tolist() for c in ("doc_id", "sentence_id", "start", "end", "kind", "label"))
    for doc_id, sentence_id, start, end, kind, label in zip(*columns, strict=True):
        by_sentence.setdefault((doc_id, sentence_id), []).append((start, end, kind, label))
    shown = sentences.head(limit)
    rows = []
    columns = (shown[c].tolist() for c in ("doc_id", "sentence_id", "start", "text", "polarity", "article_date"))
    for i, (doc_id, sentence_id, start, text, polarity, date) in enumerate(zip(*columns, strict=True)):
        body = marked(str(text), by_sentence.get((doc_id, sentence_id), []), offset=int(start))
        score = "" if pd.isna(polarity) else f"{float(polarity):+.2f}"
        day = "" if pd.isna(date) else html.escape(str(date))
        rows.append(f"<tr><td>{i}</td><td>{day}</td><td>{html.escape(str(doc_id))}</td>"
                    f"<td>{score}</td><td>{body}</td></tr>")
    more = len(sentences) - len(shown)
    caption = f"<caption>{len(shown)} of {len(sentences)} sentences{f' ({more} not shown)' if more else ''}</caption>"
    head = "<tr><th>#</th><th>date</th><th>article</th><th>polarity</th><th>sentence</th></tr>"
    return f'<div class="sc-x">{STYLE}<table class="sc-sentences">{caption}{head}{"".join(rows)}</table></div>'


def article(document: pd.Series, found: pd.DataFrame) -> str:
    """Render a whole article with its metadata and every span highlighted.

    Args:
        document: A documents row (doc_id, title, title_source when present, publisher, url,
            published_date, published_source, story_id, text).
        found: :func:`spans` of the article.

    Returns:
        HTML.
    """
    fields = ["doc_id", "title", "title_source", "publisher", "url", "published_date", "published_source",
              "story_id", "article_date"]
    meta = "".join(
        f"<tr><th>{name}</th><td>{html.escape(str(document[name]))}</td></tr>"
        for name in fields if name in document.index and not pd.isna(document[name])
    )
    body = marked(str(document["text"]), found).replace("\n", "<br>")
    return f'<div class="sc-x">{STYLE}<table class="sc-meta">{meta}</table><p class="sc-article">{body}</p></div>'


def trend_bars(dates: pd.Series, *, freq: str = "M") -> str:
    """Draw articles per period as a small HTML bar chart (undated articles in their own bar).

    Args:
        dates: ISO dates (or NA), one per article.
        freq: Pandas period frequency (``M`` months).

    Returns:
        HTML.
    """
    stamps = pd.to_datetime(dates.astype("object"), format="%Y-%m-%d", errors="coerce")
    periods = stamps.dt.to_period(freq).dropna()
    counts = periods.value_counts()
    if len(counts):  # every period between the first and the last, empty ones as zero bars
        counts = counts.reindex(pd.period_range(counts.index.min(), counts.index.max(), freq=freq), fill_value=0)
    counts.index = counts.index.astype("string")
    undated = int(stamps.isna().sum())
    if undated:
        counts = pd.concat([counts, pd.Series({"undated": undated})])
    if counts.empty:
        return '<div class="sc-x sc-trend">no articles</div>'
    top = int(counts.max())
    bars = "".join(
        f'<div title="{html.escape(str(label))}: {n}" style="display:inline-block;width:14px;margin-right:2px;'
        f'height:{max(2, round(60 * n / top)) if n else 0}px;background:#4a7fc1"></div>'
        for label, n in counts.items()
    )
    span = f"{counts.index[0]} to {counts.index[-1 - bool(undated)]}" if len(counts) > bool(undated) else "no dates"
    note = f"; {undated} undated (last bar)" if undated else ""
    return (f'<div class="sc-x sc-trend"><div style="display:flex;align-items:flex-end;height:64px">{bars}</div>'
            f"<small>articles per period, {html.escape(span)}; max {top}{note}</small></div>")
