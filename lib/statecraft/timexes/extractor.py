"""Temporal expressions, found by rule and normalised against each document's publication date.

News says "last month", "in December", "on Friday", "April 3": this stage finds such
expressions (one pass of a master regex built from ``data/timexes/rules.csv``), and a
handler per rule turns each into a TIMEX3 type and value resolved against the anchor (the
publication date), with the calendar interval it covers and the name of the rule that
fired. HeidelTime is the reference for the approach and TimeBank for the conventions.

Resolution (the rule name's suffix says which case applied):

- weekdays take the most recent one at or before the anchor (the anchor's own weekday is
  the anchor) unless a strong future cue ("will") points forward;
- month-days take the occurrence nearest the anchor; a strong future cue takes the next
  one, a strong past cue the previous one unless the next is under three months away, and
  "the year ended March 31" the previous one;
- yearless months follow the clause's tense as HeidelTime does: a strong cue moves across
  the year boundary, a weak past cue keeps earlier months in the anchor's year, otherwise
  the nearer occurrence wins;
- numeric dates: slashes are month-first (``01/02/2026`` is January 2) unless the first
  number exceeds 12, dots are day-first (``01.02.2026`` is February 1).

``date_start``/``date_end`` follow the mod: START, MID and END keep the first, middle and
last third of the interval ("early 2024" ends on May 1); "earlier this year" ends and
"later this year" starts at the anchor. Without an anchor a month-day becomes
``XXXX-04-17`` and relative expressions keep an X-value with the reason in ``rule``; the
wall clock is never read.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Callable, Sequence
from typing import Any

import pandas as pd

from statecraft import schema
from statecraft.timexes import calendar as cal
from statecraft.timexes import durations, relative, rules
from statecraft.timexes.context import Context, Found, sentence_index
from statecraft.timexes.patterns import grammar, groups
from statecraft.timexes.scan import TOKEN, scanner

log = logging.getLogger(__name__)

#: How far (characters) before an anchor word a timex may start ("the end of the", "more than a").
_LOOKBACK = 48

Handler = Callable[[dict[str, str | None], Context], Found | None]
HANDLERS: dict[str, Handler] = {
    name: getattr(module, name)
    for module, names in (
        (rules, "iso_date numeric_date month_day_year month_day week_of week_of_month day_of day_of_event"),
        (rules, "month weekday"),
        (rules, "holiday clock year decade century"),
        (relative, "quarter quarter_relative half season ago year_ago relative_unit day_relative day_narrative"),
        (durations, "duration duration_bare past_unit the_year set_freq set_each phrase"),
    )
    for name in names.split()
}


def extract_timexes(text: str, published: str | None, spans: Sequence[tuple[int, int]]) -> list[dict[str, Any]]:
    """Find and normalise the temporal expressions of one text.

    Args:
        text: The document text; offsets refer to it.
        published: The publication date ("YYYY-MM-DD", a time part is ignored) used as the
            anchor, or None when unknown.
        spans: Sentence ``(start, end)`` offsets (from :func:`statecraft.segment.sentence_spans`);
            they give ``sentence_id`` and bound the tense cues. Matches outside every span
            take the nearest preceding sentence.

    Returns:
        Rows with the ``timexes`` columns except doc_id, in text order: sentence_id, start,
        end, surface (``text[start:end]``), timex_type, value, mod, granularity, date_start,
        date_end, anchor_date, rule.

    Raises:
        ValueError: If ``published`` is given but is not an ISO date.
    """
    anchor_date = cal.parse_date(published)
    if published and anchor_date is None:
        raise ValueError(f"published must be an ISO date 'YYYY-MM-DD' or None, got {published!r}")
    spans = list(spans) or [(0, len(text))]
    starts = [s for s, _ in spans]
    g, scan = grammar(), scanner()
    rows: list[dict[str, Any]] = []
    pos = 0
    tried: set[int] = set()  # starts that gave nothing: windows of nearby anchors overlap
    for anchor in scan.anchors.finditer(text):
        if anchor.start() < pos:
            continue
        index = sentence_index(starts, anchor.start())
        window = max(pos, spans[index][0], anchor.start() - _LOOKBACK)
        candidates = [anchor.start()]
        for token in reversed(list(TOKEN.finditer(text, window, anchor.start()))):
            word = token.group().lower()
            if word[0].isdigit() or word in scan.starters:
                candidates.append(token.start())
            elif word not in scan.inner:
                break  # no start before this word reaches the anchor
        for start in reversed(candidates):
            if start in tried:
                continue
            tried.add(start)
            match = g.master.match(text, start)
            if match is None:
                continue
            rule = g.rules[match.lastgroup]
            ctx = Context(text, match.start(), match.end(), anchor_date, spans[index], rows)
            found = HANDLERS[rule.handler](groups(match, rule), ctx)
            if found is not None:
                rows.append(_row(ctx, index, found, rule.name, anchor_date))
                pos = match.end()
                if rule.handler == "month_day" and found.granularity == "day":
                    pos = _second_day(ctx, index, rows, anchor_date) or pos
                break
    return rows


#: The second day of "Dec. 13 and 14", "May 24-25, 2025", "between Jan. 1 and 10" (not "Dec. 5 and 6%").
_SECOND_DAY = re.compile(
    r"\s*(?:-|–|and|or|to|through)\s*(?P<day>[0-3]?\d)(?:st|nd|rd|th)?(?![\w%$.,:/]\d|[\w%$:/-])"
    r"(?:,?\s+(?P<year>(?:19|20)\d\d)(?![\w,.]\d))?"
)

_DAY_VALUE = re.compile(r"(?:\d{4}|XXXX)-\d\d-\d\d")


def _second_day(ctx: Context, index: int, rows: list[dict[str, Any]], anchor: Any) -> int | None:
    """Add the second day of a month-day pair as its own timex; a year after it dates both.

    Returns the end of the second day, or None when no second day follows the last row.
    """
    first = rows[-1]
    match = _SECOND_DAY.match(ctx.text, ctx.end)
    value = first["value"]
    if match is None or not _DAY_VALUE.fullmatch(value):
        return None
    day, year, month = int(match["day"]), match["year"] or value[:4], int(value[5:7])
    leap_safe = int(year) if year.isdigit() else 2000
    if not int(value[8:10]) < day <= 31 or not cal.valid_day(leap_safe, month, day):
        return None
    if match["year"] and year != value[:4]:
        dated = Found("DATE", f"{year}{value[4:]}", "day", first["mod"], note="year_after_pair")
        rows[-1] = _row(ctx, index, dated, "month_day", anchor)
    second = Context(ctx.text, match.start("day"), match.end(), anchor, ctx.sentence, rows)
    found = Found("DATE", f"{year}-{month:02d}-{day:02d}", "day", note="second_day")
    rows.append(_row(second, index, found, "month_day", anchor))
    return match.end()


def _row(ctx: Context, index: int, found: Found, rule: str, anchor: Any) -> dict[str, Any]:
    name = found.rule or rule
    if found.note:
        name = f"{name}:{found.note}"
    interval = None
    if found.timex_type in ("DATE", "TIME"):
        interval = cal.interval(found.value)
        if found.value == "PRESENT_REF" and anchor is not None:
            interval = (anchor.isoformat(), anchor.isoformat())
        if interval:
            interval = _narrowed(interval, found.mod, ctx.surface, anchor)
    return {
        "sentence_id": index,
        "start": ctx.start,
        "end": ctx.end,
        "surface": ctx.surface,
        "timex_type": found.timex_type,
        "value": found.value,
        "mod": found.mod,
        "granularity": found.granularity,
        "date_start": interval[0] if interval else None,
        "date_end": interval[1] if interval else None,
        "anchor_date": anchor.isoformat() if anchor else None,
        "rule": name,
    }


def _narrowed(interval: tuple[str, str], mod: str | None, surface: str, anchor: Any) -> tuple[str, str]:
    """Narrow by mod; "earlier this year" ends and "later this year" starts at the anchor."""
    word = surface.split()[0].lower()
    if word in ("earlier", "later") and anchor is not None and interval[0] <= anchor.isoformat() <= interval[1]:
        return (interval[0], anchor.isoformat()) if word == "earlier" else (anchor.isoformat(), interval[1])
    return cal.narrow(interval, mod)


def extract(documents: pd.DataFrame, sentences: pd.DataFrame) -> pd.DataFrame:
    """Find the timexes of every document.

    Args:
        documents: Needs ``doc_id``, ``text`` and ``published_date`` (ISO date or <NA>).
        sentences: Needs ``doc_id``, ``sentence_id``, ``start`` and ``end`` (the ``sentences`` frame).

    Returns:
        The ``timexes`` frame, sorted by doc_id, start, end.
    """
    spans: dict[str, list[tuple[int, int]]] = {}
    ordered = sentences.sort_values(["doc_id", "sentence_id"], kind="mergesort")
    for doc_id, start, end in zip(ordered["doc_id"], ordered["start"], ordered["end"], strict=True):
        spans.setdefault(str(doc_id), []).append((int(start), int(end)))
    rows = []
    for doc_id, text, published in zip(
        documents["doc_id"], documents["text"], documents["published_date"], strict=True
    ):
        date = None if pd.isna(published) else str(published)
        found = extract_timexes(str(text), date, spans.get(str(doc_id), []))
        rows.extend({"doc_id": str(doc_id), **row} for row in found)
    log.info("found %d timexes in %d documents", len(rows), len(documents))
    return schema.frame("timexes", rows)
