"""Countries, actors, organisations and topics -> mentions, each with the rule behind it.

One Aho-Corasick automaton (pyahocorasick) holds every alias of the codebook. The text
is folded once (lower case, every non-alphanumeric character a space, padded with a
space) and each alias is a key padded with spaces, so a key can only match whole words;
case rules are then checked on the original characters. Overlaps are resolved leftmost-
longest: "Pakistan Crypto Council" beats "Pakistan", "Latin America" (a shadow phrase,
which emits nothing) beats "America". The role of a country mention (subject, or why it
does not count) is decided by :mod:`statecraft.country_roles`.

Zero-width characters are ignored for matching and fullwidth forms and typographic
quotes are read as their ASCII equivalents; offsets always refer to the caller's string,
so ``text[start:end] == surface``.
"""

from __future__ import annotations

import bisect
import functools
import logging
import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any, NamedTuple

import ahocorasick
import pandas as pd

from statecraft import schema
from statecraft.cleaning import sentences as segment
from statecraft.tagging import codebook, country_roles

log = logging.getLogger(__name__)

_ZERO_WIDTH = re.compile("[\u00ad\u180e\u200b-\u200f\u2060-\u2064\ufeff]")
_FULLWIDTH = re.compile("[\uff01-\uff5e\u3000]")
_ASCII_FORMS = str.maketrans({**{chr(c): chr(c - 0xFEE0) for c in range(0xFF01, 0xFF5F)}, "\u3000": " "})
# Folding: every character becomes one latin-1 character (others "?"), then every byte
# that is not a letter or digit a space; one C call each, offsets unchanged.
_FOLD_BYTES = bytes(b if chr(b).isalnum() else 32 for b in range(256))
_ENTITY, _TOPIC, _SHADOW = 0, 1, 2


@dataclass(frozen=True)
class _Entry:
    klass: int
    entity_type: str
    entity_id: str
    kind: str
    case: str
    standalone: bool
    head: str  # the alias up to its last alphanumeric character (what the key covers)
    tail: str  # trailing punctuation of the alias ("." of "U.S."), matched if present


class _Candidate(NamedTuple):
    start: int
    end: int
    entry: _Entry


class _Matcher:
    """The automaton over every codebook alias, built once per process."""

    def __init__(self) -> None:
        groups: dict[str, list[_Entry]] = {}
        for a in codebook.aliases():
            key = _fold(a.alias).strip()
            head_len = len(a.alias.rstrip(" .,;:'\""))
            klass = _TOPIC if a.entity_type == "topic" else _SHADOW if a.entity_type == "shadow" else _ENTITY
            entry = _Entry(
                klass,
                a.entity_type,
                a.entity_id,
                a.kind,
                a.case,
                a.standalone,
                a.alias[:head_len].replace("\u2019", "'"),
                a.alias[head_len:],
            )
            groups.setdefault(f" {key} ", []).append(entry)
        self.entries: list[tuple[_Entry, ...]] = []
        self.automaton = ahocorasick.Automaton()
        for key, entries in groups.items():
            self.automaton.add_word(key, (len(key) - 2, len(self.entries)))
            self.entries.append(tuple(entries))
        self.automaton.make_automaton()
        actors = codebook.table("actors")
        self.actor_info = dict(
            zip(actors["actor_id"], zip(actors["sector"], actors["country"], strict=True), strict=True)
        )
        log.debug("tagging automaton: %d keys", len(self.entries))


@functools.cache
def _matcher() -> _Matcher:
    return _Matcher()


def tag_text(text: str, spans: Sequence[tuple[int, int]]) -> list[dict[str, Any]]:
    """Tag one text: countries, actors, organisations and topics, with offsets and rules.

    Args:
        text: The document text; every offset refers to it.
        spans: Sentence ``(start, end)`` offsets into ``text`` (``segment.sentence_spans``).

    Returns:
        Rows in text order with sentence_id, start, end, surface, entity_type, entity_id,
        alias_kind and role ("subject", or the named reason a country mention does not count).
    """
    matcher = _matcher()
    clean, index = _clean(text)
    entities, topics = _candidates(matcher, clean)
    chosen = _leftmost_longest(entities)
    countries = sorted((c for c in entities if c.entry.entity_type == "country"), key=_span)
    standalone = {g[0].entry.entity_id for g in chosen if g[0].entry.standalone and g[0].entry.klass == _ENTITY}
    context = country_roles.Context(clean, _clean_spans(spans, index), chosen)
    found: list[tuple[int, int, str, str, str, str]] = []
    for group in chosen:
        entry = group[0].entry
        start, end = group[0].start, group[0].end
        if entry.klass == _SHADOW or (not entry.standalone and entry.entity_id not in standalone):
            continue
        if entry.entity_type == "country":
            chosen_entry, kind, role = context.resolve(start, end, [c.entry for c in group])
            found.append((start, end, "country", chosen_entry.entity_id, kind, role))
            continue
        found.append((start, end, entry.entity_type, entry.entity_id, entry.kind, "subject"))
        found += _inner_countries(matcher, entry, start, end, countries)
    found += [
        (g[0].start, g[0].end, "topic", g[0].entry.entity_id, "term", "subject") for g in _leftmost_longest(topics)
    ]
    return _rows(text, spans, index, sorted(found))


def document_countries(mentions: pd.DataFrame, *, doc_ids: Iterable[str] | None = None) -> pd.DataFrame:
    """Summarise, per document, the countries it refers to and the one it is mostly about.

    Args:
        mentions: The mentions frame; needs doc_id, start, entity_type, entity_id, role.
        doc_ids: Documents to list even when they have no country mention (optional).

    Returns:
        Columns doc_id, countries (sorted tuple of alpha-3 with role subject), main_country
        (most subject mentions, ties to the earliest mentioned; <NA> when none), sorted by doc_id.
    """
    subject = mentions[(mentions["entity_type"] == "country") & (mentions["role"] == "subject")]
    counts: dict[str, Counter[str]] = {}
    first: dict[tuple[str, str], int] = {}
    for doc_id, entity_id, start in zip(subject["doc_id"], subject["entity_id"], subject["start"], strict=True):
        counts.setdefault(doc_id, Counter())[entity_id] += 1
        first[doc_id, entity_id] = min(first.get((doc_id, entity_id), start), start)
    rows = []
    for doc_id in sorted(set(mentions["doc_id"].astype(str)) | set(doc_ids or ())):
        found = counts.get(doc_id, Counter())
        main = min(found, key=lambda c: (-found[c], first[doc_id, c])) if found else pd.NA
        rows.append({"doc_id": doc_id, "countries": tuple(sorted(found)), "main_country": main})
    out = pd.DataFrame(rows, columns=["doc_id", "countries", "main_country"])
    return out.astype({"doc_id": "string", "main_country": "string"}).reset_index(drop=True)


def document_entities(mentions: pd.DataFrame, *, doc_ids: Iterable[str] | None = None) -> pd.DataFrame:
    """Summarise, per document, the actors, organisations and topics it mentions.

    Args:
        mentions: The mentions frame; needs doc_id, entity_type, entity_id, role.
        doc_ids: Documents to list even when they have no mention (optional).

    Returns:
        Columns doc_id, actors, organizations, topics (sorted tuples of slugs), sorted by doc_id.
    """
    subject = mentions[mentions["role"] == "subject"]
    found: dict[tuple[str, str], set[str]] = {}
    for doc_id, entity_type, entity_id in zip(
        subject["doc_id"], subject["entity_type"], subject["entity_id"], strict=True
    ):
        found.setdefault((doc_id, entity_type), set()).add(entity_id)
    rows = []
    for doc_id in sorted(set(mentions["doc_id"].astype(str)) | set(doc_ids or ())):
        row: dict[str, Any] = {"doc_id": doc_id}
        for column, entity_type in (("actors", "actor"), ("organizations", "organization"), ("topics", "topic")):
            row[column] = tuple(sorted(found.get((doc_id, entity_type), ())))
        rows.append(row)
    out = pd.DataFrame(rows, columns=["doc_id", "actors", "organizations", "topics"])
    return out.astype({"doc_id": "string"}).reset_index(drop=True)


def tag_frame(documents: pd.DataFrame) -> pd.DataFrame:
    """Tag every document of a documents frame.

    Args:
        documents: Needs doc_id and text.

    Returns:
        The mentions frame.
    """
    rows = [
        {"doc_id": doc_id, **row}
        for doc_id, text in zip(documents["doc_id"], documents["text"], strict=True)
        for row in tag_text(str(text), segment.sentence_spans(str(text)))
    ]
    return schema.frame("mentions", rows)


def _fold(text: str) -> str:
    lower = text.lower()
    if len(lower) != len(text):  # a few characters lower-case to two (e.g. "İ"): keep one
        lower = "".join(c.lower()[0] for c in text)
    return lower.encode("latin-1", "replace").translate(_FOLD_BYTES).decode("latin-1")


def _clean(text: str) -> tuple[str, list[int] | None]:
    """Drop zero-width characters and read fullwidth forms as ASCII; return the index map to ``text``."""
    if text.isascii():
        return text, None
    index = None
    if _ZERO_WIDTH.search(text):
        index = [i for i, c in enumerate(text) if not _ZERO_WIDTH.match(c)]
        text = "".join(text[i] for i in index)
    if _FULLWIDTH.search(text):
        text = text.translate(_ASCII_FORMS)
    return text, index


def _clean_spans(spans: Sequence[tuple[int, int]], index: list[int] | None) -> list[tuple[int, int]]:
    if index is None:
        return list(spans)
    return [(bisect.bisect_left(index, s), bisect.bisect_left(index, e)) for s, e in spans]


def _candidates(matcher: _Matcher, clean: str) -> tuple[list[_Candidate], list[_Candidate]]:
    folded = f" {_fold(clean)} "
    entities: list[_Candidate] = []
    topics: list[_Candidate] = []
    for last, (size, key_id) in matcher.automaton.iter(folded):
        start = last - size - 1  # folded[i] is clean[i - 1]; the key opens with a space
        end = start + size
        for entry in matcher.entries[key_id]:
            case = entry.case
            if case == "cap" and not clean[start].isupper():
                continue
            if case == "exact" and clean[start:end] != entry.head:
                continue
            if entry.tail and clean.startswith(entry.tail, end):
                end += len(entry.tail)
            (topics if entry.klass == _TOPIC else entities).append(_Candidate(start, end, entry))
    return entities, topics


def _span(cand: _Candidate) -> tuple[int, int]:
    return cand.start, cand.end


def _start(cand: _Candidate) -> int:
    return cand.start


def _leftmost_longest(candidates: list[_Candidate]) -> list[list[_Candidate]]:
    """Keep non-overlapping matches, leftmost first, longest at a start; same-span matches stay grouped."""
    groups: list[list[_Candidate]] = []
    last_end = -1
    for cand in sorted(candidates, key=lambda c: (c.start, -c.end)):
        if groups and (cand.start, cand.end) == (groups[-1][0].start, groups[-1][0].end):
            if cand.entry not in [c.entry for c in groups[-1]]:
                groups[-1].append(cand)
        elif cand.start >= last_end:
            groups.append([cand])
            last_end = cand.end
    return groups


def _inner_countries(
    matcher: _Matcher, entry: _Entry, start: int, end: int, countries: list[_Candidate]
) -> list[tuple[int, int, str, str, str, str]]:
    """Country words inside an actor or organisation name: they count only in the country's own institution."""
    first = bisect.bisect_left(countries, start, key=_start)
    inner = []
    for cand in countries[first:]:
        if cand.start >= end:
            break
        if cand.end <= end and (cand.start, cand.end) != (start, end):
            inner.append(cand)
    if not inner:
        return []
    sector, country = matcher.actor_info.get(entry.entity_id, ("", ""))
    out = []
    for group in _leftmost_longest(inner):
        ids = [c.entry for c in group]
        own = next((e for e in ids if e.entity_id == country), None)
        if own is not None and sector == "state":
            out.append((group[0].start, group[0].end, "country", own.entity_id, "state_institution", "subject"))
        else:
            role = "in_org_name" if entry.entity_type == "organization" else "person_name"
            out.append((group[0].start, group[0].end, "country", ids[0].entity_id, ids[0].kind, role))
    return out


def _rows(
    text: str, spans: Sequence[tuple[int, int]], index: list[int] | None, found: list[tuple]
) -> list[dict[str, Any]]:
    starts = [s for s, _ in spans]
    rows = []
    for start, end, entity_type, entity_id, kind, role in found:
        if index is not None:
            start, end = index[start], index[end - 1] + 1
        sentence = max(bisect.bisect_right(starts, start) - 1, 0)
        rows.append(
            {
                "sentence_id": sentence,
                "start": start,
                "end": end,
                "surface": text[start:end],
                "entity_type": entity_type,
                "entity_id": entity_id,
                "alias_kind": kind,
                "role": role,
            }
        )
    return rows
