"""Column names, dtypes and sort keys of every frame, in one place.

Every frame the library returns is built with :func:`frame` (or checked with
:func:`conform`), so its columns come in the documented order with the documented
dtypes, sorted by its key, with a fresh index.

Conventions: ``*_id`` identifiers are strings; ``start``/``end`` are character offsets
into ``documents.text`` (``text[start:end] == surface``); dates travel as ISO strings
(``YYYY-MM-DD``); missing values are ``<NA>``.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

import pandas as pd

STR = "string"
INT = "Int64"
FLOAT = "Float64"
BOOL = "boolean"

DOCUMENTS: dict[str, str] = {
    "doc_id": STR,  # "<source_path>#<part>": stable across runs
    "source_path": STR,  # path relative to the corpus root (posix), never absolute
    "part": INT,  # article index within a page, or record index within a record file
    "source_format": STR,  # txt, html, json, jsonl, csv, feed, records
    "encoding": STR,  # how the bytes were decoded (utf-8, utf-8-sig, utf-16, cp1252, latin-1, str)
    "title": STR,
    "title_source": STR,  # metadata, manifest, heading, lead_sentence, none (see sources.records.TITLE_SOURCES)
    "publisher": STR,
    "url": STR,
    "published_date": STR,  # ISO date or <NA>
    "published_source": STR,  # manifest, dateline, metadata, none
    "language": STR,  # ISO 639-1 guess ("en", ...) or "und"
    "flags": STR,  # ";"-joined sorted notes on the document ("" when none)
    "text": STR,
    "n_chars": INT,
    "story_id": STR,  # filled by stories.assign_stories
}

SENTENCES: dict[str, str] = {
    "doc_id": STR,
    "sentence_id": INT,
    "start": INT,
    "end": INT,
    "text": STR,
}

MENTIONS: dict[str, str] = {
    "doc_id": STR,
    "sentence_id": INT,
    "start": INT,
    "end": INT,
    "surface": STR,
    "entity_type": STR,  # country, actor, organization, topic
    "entity_id": STR,  # ISO 3166-1 alpha-3 for countries, a slug otherwise
    "alias_kind": STR,  # how the alias names the entity (name, abbreviation, demonym, ...)
    "role": STR,  # subject, or why it does not count (venue, in_org_name, currency, ...)
}

TIMEXES: dict[str, str] = {
    "doc_id": STR,
    "sentence_id": INT,
    "start": INT,
    "end": INT,
    "surface": STR,
    "timex_type": STR,  # DATE, TIME, DURATION, SET
    "value": STR,  # TIMEX3 value
    "mod": STR,  # TIMEX3 mod (START, MID, END, APPROX, ...) or <NA>
    "granularity": STR,  # day, week, month, quarter, half, season, year, decade, ...
    "date_start": STR,  # resolved interval, ISO dates, or <NA> when unresolved
    "date_end": STR,
    "anchor_date": STR,  # the publication date used to resolve, or <NA>
    "rule": STR,  # the rule that fired
}

SENTIMENT: dict[str, str] = {
    "doc_id": STR,
    "sentence_id": INT,
    "engine": STR,
    "polarity": FLOAT,  # [-1, 1]
    "subjectivity": FLOAT,  # [0, 1] where the engine has one
    "label": STR,  # positive, neutral, negative
}

QUARANTINE: dict[str, str] = {
    "source_path": STR,
    "item": INT,  # record index or line number inside the source, <NA> for the whole file
    "reason": STR,  # short code: empty, binary, undecodable, too_large, bad_json, bad_json_line, ...
    "detail": STR,  # human-readable explanation
}

REMOVED: dict[str, str] = {
    "doc_id": STR,
    "seq": INT,  # order of removal within the document
    "rule": STR,  # the cleaning rule that removed the text
    "text": STR,
}

SCHEMAS: dict[str, dict[str, str]] = {
    "documents": DOCUMENTS,
    "sentences": SENTENCES,
    "mentions": MENTIONS,
    "timexes": TIMEXES,
    "sentiment": SENTIMENT,
    "quarantine": QUARANTINE,
    "removed": REMOVED,
}

KEYS: dict[str, list[str]] = {
    "documents": ["doc_id"],
    "sentences": ["doc_id", "sentence_id"],
    "mentions": ["doc_id", "start", "end", "entity_type", "entity_id"],
    "timexes": ["doc_id", "start", "end"],
    "sentiment": ["doc_id", "sentence_id", "engine"],
    "quarantine": ["source_path", "item", "reason"],
    "removed": ["doc_id", "seq"],
}

FRAME_NAMES: tuple[str, ...] = tuple(SCHEMAS)


def frame(name: str, rows: Iterable[Mapping[str, Any]] | None = None) -> pd.DataFrame:
    """Build frame ``name`` from row mappings, typed, ordered and sorted by its key.

    Args:
        name: One of :data:`FRAME_NAMES`.
        rows: Mappings with (a subset of) the frame's columns; missing columns are ``<NA>``.

    Returns:
        A new DataFrame with exactly the schema's columns.

    Raises:
        KeyError: If ``name`` is not a frame name.
    """
    schema = _schema(name)
    data = pd.DataFrame.from_records(list(rows or []), columns=list(schema))
    return conform(name, data)


def conform(name: str, data: pd.DataFrame) -> pd.DataFrame:
    """Return ``data`` with frame ``name``'s columns, dtypes and sort order.

    Extra columns are kept after the schema's columns (analyses may add some).

    Args:
        name: One of :data:`FRAME_NAMES`.
        data: A DataFrame holding at least the schema's columns.

    Returns:
        A new, sorted DataFrame with a fresh index.

    Raises:
        KeyError: If ``name`` is unknown or a schema column is missing.
    """
    schema = _schema(name)
    missing = [c for c in schema if c not in data.columns]
    if missing:
        raise KeyError(f"frame {name!r} is missing columns {missing}; it has {list(data.columns)}")
    extra = [c for c in data.columns if c not in schema]
    out = data[list(schema) + extra].astype(schema)
    key = KEYS[name]
    if len(out):
        out = out.sort_values(key, kind="mergesort", na_position="first")
    return out.reset_index(drop=True)


def _schema(name: str) -> dict[str, str]:
    try:
        return SCHEMAS[name]
    except KeyError:
        raise KeyError(f"unknown frame {name!r}; valid names: {', '.join(FRAME_NAMES)}") from None
