"""Batch: collect documents, quarantine rows and removals while sources are read.

Every input item (a page file, one record of a record file, one feed entry, one JSONL
line) is counted in ``inputs`` and ends as documents or as one quarantine row.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import logging
import re
from collections.abc import Iterable, Mapping
from typing import Any

from statecraft import resources, schema
from statecraft.cleaning import boilerplate, datelines, sentences
from statecraft.corpus import Corpus
from statecraft.sources import language

log = logging.getLogger(__name__)

_LONE_SURROGATE = re.compile("[\ud800-\udfff]")

FIELDS = ("text", "title", "published", "url", "publisher")
"""The record fields; their column and key names are listed in ``data/sources/fields.csv``."""
_NOT_ALNUM = re.compile(r"[^0-9a-z]+")
_RECORD_FILES = ("csv", "json", "jsonl")  # their columns are written into the accounting


TITLE_SOURCES: tuple[str, ...] = ("metadata", "manifest", "heading", "lead_sentence", "none")
"""Where ``documents.title`` comes from: the source's own metadata (HTML, record, feed), the
manifest, a heading line found by cleaning, the article's first sentence (when nothing
else gives a title), or nowhere (an article with no sentence)."""
LEAD_TITLE_CHARS = 120
"""A lead-sentence title is cut to this many characters, at a word boundary, with "…"."""


class SourceError(ValueError):
    """A source that cannot be read as asked (for example, a manifest pointing outside the corpus)."""


def fold_name(name: Any) -> str:
    """Return a column or key name folded for matching: lower case, letters and digits only.

    ``pub_date``, ``pubDate``, ``Pub Date`` and ``PUB-DATE`` all give ``pubdate``.
    """
    return _NOT_ALNUM.sub("", str(name).casefold())


def field_synonyms() -> dict[str, list[str]]:
    """Return, per field, the documented column names in priority order (``data/sources/fields.csv``)."""
    names: dict[str, list[str]] = {f: [] for f in FIELDS}
    for row in resources.read_csv("sources/fields.csv"):
        names[row["field"]].append(row["name"])
    return names


def record_fields(fields: Mapping[str, str | None] | None) -> dict[str, list[str]]:
    """Return, per field, the folded names to look for: a caller's name first, then the synonyms.

    Args:
        fields: field -> column name given by the caller (e.g. ``{"text": "Body"}``); a
            name applies where a file has that column, other files keep the automatic mapping.

    Returns:
        field -> folded names in priority order.

    Raises:
        ValueError: If ``fields`` names an unknown field.
    """
    fields = {k: v for k, v in dict(fields or {}).items() if v}
    unknown = sorted(set(fields) - set(FIELDS))
    if unknown:
        raise ValueError(f"fields: unknown field(s) {unknown}; valid fields: {', '.join(FIELDS)}")
    out = {}
    for field, synonyms in field_synonyms().items():
        names = [fold_name(fields[field])] if field in fields else []
        out[field] = list(dict.fromkeys(names + [fold_name(n) for n in synonyms]))
    return out


def match_keys(keys: Iterable[Any], names: Mapping[str, list[str]]) -> dict[str, list[str]]:
    """Return, per field, the keys among ``keys`` that match its names, in priority order.

    A key matches one field only: the first field (in :data:`FIELDS` order) that lists it.
    """
    folded: dict[str, list[str]] = {}
    for key in keys:
        folded.setdefault(fold_name(key), []).append(key)
    taken: set[str] = set()
    out: dict[str, list[str]] = {}
    for field in FIELDS:
        found = [k for name in names.get(field, []) for k in folded.get(name, []) if k not in taken]
        taken.update(found)
        out[field] = found
    return out


def pick(record: Mapping[str, Any], names: list[str]) -> Any:
    """Return the first present, non-empty value among ``names`` in ``record`` (or None)."""
    return _pick(record, names)[1]


def _pick(record: Mapping[str, Any], names: list[str]) -> tuple[str | None, Any]:
    for name in names:
        value = record.get(name)
        if value is not None and value != "":
            return name, value
    return None, None


def metadata_date(value: Any) -> tuple[str | None, list[str]]:
    """Read a metadata date value; return (iso or None, flags)."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return None, []
    text = _LONE_SURROGATE.sub("\ufffd", str(value)).strip()
    try:
        iso = datelines.parse_date(text)
    except datelines.BadDate:
        return None, [f"bad_date:{text[:40]}"]
    if iso is None:
        return None, [f"unreadable_date:{text[:40]}"]
    return iso, []


@dataclasses.dataclass
class Batch:
    """Rows collected from the sources of one load."""

    documents: list[dict[str, Any]] = dataclasses.field(default_factory=list)
    quarantined: list[dict[str, Any]] = dataclasses.field(default_factory=list)
    removed: list[dict[str, Any]] = dataclasses.field(default_factory=list)
    inputs: int = 0
    max_chars: int | None = None  # longer articles are quarantined as too_long
    columns: dict[str, dict[str, Any]] = dataclasses.field(default_factory=dict)  # per records file

    def note_columns(self, source_path: str, keys: Iterable[Any], used: Mapping[str, str | None]) -> None:
        """Record which keys of a records file gave which field and which were ignored."""
        entry = self.columns.setdefault(source_path, {**{f: [] for f in FIELDS}, "ignored": [], "_seen": set()})
        entry["_seen"].update(str(k) for k in keys)
        for field, key in used.items():
            if key is not None and key not in entry[field]:
                entry[field].append(key)

    def columns_account(self) -> dict[str, dict[str, Any]]:
        """Return, per records file, the columns used for each field, the ignored ones and notes.

        A file with text but no date column gets a note (and a log warning): its articles are undated.
        """
        out = {}
        for path, entry in sorted(self.columns.items()):
            used = {f: sorted(entry[f]) for f in FIELDS}
            ignored = sorted(entry["_seen"] - {k for keys in used.values() for k in keys})
            notes = []
            if used["text"] and not used["published"]:
                notes.append("no date column: its articles are undated (name one with date_column=, "
                             "CLI --date-column)")
                log.warning("%s: no date column among %s; its articles are undated", path, sorted(entry["_seen"]))
            out[path] = {**used, "ignored": ignored, "notes": notes}
        return out

    def quarantine(
        self, source_path: str, reason: str, detail: str, *, item: int | None = None, counted: bool = False
    ) -> None:
        """Record why an input item could not be read, counting it unless the caller already did."""
        if not counted:
            self.inputs += 1
        self.quarantined.append({"source_path": source_path, "item": item, "reason": reason, "detail": detail})
        log.info("quarantined %s%s: %s (%s)", source_path, "" if item is None else f"[{item}]", reason, detail)

    def add_page(self, text: str, *, source_path: str, source_format: str, encoding: str, **meta: Any) -> None:
        """Clean a page, split it into its articles and add them (caller counted the input)."""
        known = meta.pop("title", None)
        articles = boilerplate.clean_page(text, split=source_format == "txt", title=known)
        if not any(a.text.strip() for a in articles):
            titles = [a.title for a in articles if a.title]
            detail = f"only a headline ({titles[0][:80]!r}), no body text" if titles else None
            detail = detail or "nothing but boilerplate was left"
            self.quarantine(source_path, "empty_after_cleaning", detail, counted=True)
            return
        longest = max(len(a.text) for a in articles)
        if self.max_chars is not None and longest > self.max_chars:
            self.quarantine(source_path, "too_long", _too_long(longest, self.max_chars), counted=True)
            return
        for part, article in enumerate(articles):
            self._add(article, source_path=source_path, part=part, source_format=source_format,
                      encoding=encoding, title_source=_title_source(article, known), **meta)

    def add_record(
        self,
        record: Any,
        *,
        source_path: str,
        part: int,
        source_format: str,
        encoding: str,
        fields: dict[str, list[str]] | None = None,
        doc_id: str | None = None,
        clean: bool = True,
    ) -> None:
        """Add one record as one article, or quarantine it (caller counted the input)."""
        if not isinstance(record, Mapping):
            self.quarantine(source_path, "bad_record", f"record is a {type(record).__name__}, not an object",
                            item=part, counted=True)
            return
        names = match_keys(record, fields or record_fields(None))
        picked = {field: _pick(record, names[field]) for field in FIELDS}
        if source_format in _RECORD_FILES:
            self.note_columns(source_path, record, {field: key for field, (key, _) in picked.items()})
        text = picked["text"][1]
        if text is None:
            detail = f"no text in keys {names['text']}" if names["text"] else (
                f"no text key among {sorted(map(str, record))[:12]}; name it with text_column= (CLI --text-column)")
            self.quarantine(source_path, "no_text", detail, item=part, counted=True)
            return
        if not isinstance(text, str):
            self.quarantine(source_path, "bad_text_type", f"text is a {type(text).__name__}, not a string",
                            item=part, counted=True)
            return
        if not text.strip():
            self.quarantine(source_path, "no_text", "text is empty", item=part, counted=True)
            return
        if self.max_chars is not None and len(text) > self.max_chars:
            self.quarantine(source_path, "too_long", _too_long(len(text), self.max_chars), item=part, counted=True)
            return
        if not clean and _LONE_SURROGATE.search(text):
            # the text is kept exactly, but a lone surrogate cannot be written as UTF-8
            self.quarantine(source_path, "bad_unicode", "text holds a lone surrogate code point "
                            "(U+D800..U+DFFF), which cannot be stored as UTF-8", item=part, counted=True)
            return
        title = _as_str(picked["title"][1])
        published, flags = metadata_date(picked["published"][1])
        meta = {"publisher": _as_str(picked["publisher"][1]), "url": _as_str(picked["url"][1])}
        if clean:
            article = boilerplate.clean_page(text, split=False, title=title)[0]
        else:
            article = boilerplate.Article(title=title, text=text)
        source = "metadata" if published else ("dateline" if article.published else "none")
        article.published, article.flags = published or article.published, flags
        self._add(article, source_path=source_path, part=part, source_format=source_format, encoding=encoding,
                  doc_id=doc_id, published_source=source, title_source=_title_source(article, title), **meta)

    def doc_ids(self) -> list[str]:
        """Return the doc_ids added so far, in order."""
        return [d["doc_id"] for d in self.documents]

    def to_corpus(self) -> Corpus:
        """Return the collected rows as a Corpus (documents, quarantine, removed)."""
        return Corpus.empty(
            documents=schema.frame("documents", self.documents),
            quarantine=schema.frame("quarantine", self.quarantined),
            removed=schema.frame("removed", self.removed),
            inputs=self.inputs,
            columns=self.columns_account(),
        )

    def _add(self, article: boilerplate.Article, *, source_path: str, part: int, source_format: str,
             encoding: str, doc_id: str | None = None, published: str | None = None,
             published_source: str | None = None, title_source: str = "heading", **meta: Any) -> None:
        doc_id = doc_id or f"{source_path}#{part}"
        title = article.title
        if not title:
            title = lead_title(article.text)
            title_source = "lead_sentence" if title else "none"
        published = published or article.published
        flags = list(article.flags)
        if published and published > dt.date.today().isoformat():
            flags.append("future_date")
        if not article.text.strip():
            flags.append("empty_body")
        lang = language.detect(article.text)
        if lang != "en":
            flags.append(f"language:{lang}")
        self.documents.append({
            "doc_id": doc_id, "source_path": source_path, "part": part, "source_format": source_format,
            "encoding": encoding, "title": title, "title_source": title_source, "published_date": published,
            "published_source": published_source or ("dateline" if published else "none"),
            "language": lang, "flags": ";".join(sorted(set(flags))), "text": article.text,
            "n_chars": len(article.text), "story_id": None,
            "publisher": meta.get("publisher"), "url": meta.get("url"),
        })
        for seq, (rule, text) in enumerate(article.removed):
            self.removed.append({"doc_id": doc_id, "seq": seq, "rule": rule, "text": text})


def lead_title(text: str) -> str | None:
    """Return an article's first sentence as a title (whitespace collapsed, cut at a word).

    Args:
        text: The article text (left unchanged).

    Returns:
        The title, at most :data:`LEAD_TITLE_CHARS` characters plus "…", or None when the
        text holds no sentence.
    """
    spans = sentences.sentence_spans(text)
    if not spans:
        return None
    start, end = spans[0]
    lead = " ".join(text[start:end].split())
    if len(lead) > LEAD_TITLE_CHARS:
        cut = lead[:LEAD_TITLE_CHARS].rsplit(" ", 1)[0] or lead[:LEAD_TITLE_CHARS]
        lead = cut.rstrip(" ,;:") + "…"
    return lead or None


def _title_source(article: boilerplate.Article, known: str | None) -> str:
    """Name where a title found while reading came from (metadata or a heading line)."""
    return "metadata" if known and article.title == known else "heading"


def _as_str(value: Any) -> str | None:
    if value is None:
        return None
    text = " ".join(_LONE_SURROGATE.sub("\ufffd", str(value)).split())
    return text or None


def _too_long(n_chars: int, limit: int) -> str:
    return (f"{n_chars:,} characters is over the limit of {limit:,} for one article; "
            "raise max_chars (CLI: --max-chars) to read it")
