"""Format readers: HTML pages, JSON and JSONL records, CSV rows, RSS/Atom feeds.

Each reader adds to a :class:`~statecraft.records.Batch` and counts its own inputs:
one per page, record, row, line or feed entry.
"""

from __future__ import annotations

import csv
import io
import json
import logging
import re

from statecraft.sources.records import Batch, match_keys, metadata_date

log = logging.getLogger(__name__)

_DROP_TAGS = ("script", "style", "iframe", "noscript", "object", "template", "svg", "frame",
              "frameset", "canvas", "form", "button", "select", "textarea")
_RECORD_LIST_KEYS = ("articles", "items", "records", "data", "results", "entries", "documents")
_XML_DECLARATION = re.compile(r"^\s*<\?xml[^>]*\?>")


def sniff(text: str) -> str:
    """Guess the format of a file without a known extension: feed, html, json, jsonl or txt."""
    head = text.lstrip()[:500].lower()
    if head.startswith("<?xml") or head.startswith("<rss") or head.startswith("<feed"):
        return "feed"
    if head.startswith("<!doctype html") or head.startswith("<html"):
        return "html"
    if head.startswith("["):
        return "json"
    if head.startswith("{"):
        return "jsonl" if "\n{" in text.strip() else "json"
    return "txt"


def read_html(text: str, rel: str, batch: Batch, *, encoding: str) -> None:
    """Add an HTML page: its main text, title, date and publisher (through trafilatura)."""
    import lxml.etree
    import lxml.html
    import trafilatura
    from trafilatura.metadata import extract_metadata

    try:
        # lxml refuses a str that declares its encoding (XHTML); the text is decoded already
        tree = lxml.html.fromstring(_XML_DECLARATION.sub("", text, count=1))
    except (lxml.etree.ParserError, ValueError) as err:
        batch.quarantine(rel, "bad_html", f"HTML could not be parsed: {err}", counted=True)
        return
    # active and embedded content never reaches the text
    _drop_active(tree)
    for element in tree.iter():
        for attribute in [a for a in element.attrib if a.lower().startswith("on")]:
            del element.attrib[attribute]
    meta = extract_metadata(tree)
    body = trafilatura.extract(tree, include_comments=False, include_tables=True) or tree.text_content()
    title = meta.title if meta else None
    iso, flags = metadata_date(meta.date if meta else None)
    if not body.strip():
        batch.quarantine(rel, "empty", "the HTML page holds no text", counted=True)
        return
    before = len(batch.documents)
    batch.add_page(body, source_path=rel, source_format="html", encoding=encoding, title=title,
                   publisher=meta.sitename if meta else None, url=meta.url if meta else None,
                   published=iso, published_source="metadata" if iso else None)
    for doc in batch.documents[before:]:
        doc["flags"] = ";".join(sorted(set(filter(None, [*doc["flags"].split(";"), *flags]))))


def read_json(text: str, rel: str, batch: Batch, *, fields: dict[str, list[str]], encoding: str) -> None:
    """Add the records of a JSON file: a list, an object with a list, or one record."""
    try:
        data = json.loads(text)
    except json.JSONDecodeError as err:
        batch.quarantine(rel, "bad_json", f"line {err.lineno} column {err.colno}: {err.msg}")
        return
    except RecursionError:
        batch.quarantine(rel, "bad_json", "nested too deeply to be a list of records")
        return
    if isinstance(data, dict):
        listed = next((data[k] for k in _RECORD_LIST_KEYS if isinstance(data.get(k), list)), None)
        data = listed if listed is not None else [data]
    if not isinstance(data, list):
        batch.quarantine(rel, "bad_json", f"top level is a {type(data).__name__}, not a list of records")
        return
    if not data:
        batch.quarantine(rel, "empty", "the JSON list holds no records")
        return
    for i, record in enumerate(data):
        batch.inputs += 1
        batch.add_record(record, source_path=rel, part=i, source_format="json", encoding=encoding, fields=fields)


def read_jsonl(
    text: str, rel: str, batch: Batch, *, fields: dict[str, list[str]], encoding: str, first_line: int = 1
) -> None:
    """Add one record per JSON line; a broken line is quarantined with its line number.

    ``first_line`` is the number of the text's first line when it is a piece of a larger file.
    """
    seen = False
    for number, line in enumerate(text.split("\n"), start=first_line):
        if not line.strip():
            continue
        seen = True
        try:
            record = json.loads(line)
        except json.JSONDecodeError as err:
            batch.quarantine(rel, "bad_json_line", f"line {number}: {err.msg} (column {err.colno})", item=number)
            continue
        except RecursionError:
            batch.quarantine(rel, "bad_json_line", f"line {number}: nested too deeply", item=number)
            continue
        batch.inputs += 1
        batch.add_record(record, source_path=rel, part=number, source_format="jsonl", encoding=encoding,
                         fields=fields)
    if not seen:
        batch.quarantine(rel, "empty", "the JSONL file holds no lines")


def read_csv(
    text: str, rel: str, batch: Batch, *, fields: dict[str, list[str]], encoding: str, first_row: int = 1
) -> None:
    """Add one record per CSV row; ragged rows are quarantined with their row number.

    ``first_row`` is the number of the first row after the header when the text is a piece
    of a larger file (the header line followed by some of its rows).

    A file with no column that could hold the text is one quarantine row (``no_text_column``),
    written by its first piece only.
    """
    limit = csv.field_size_limit()
    csv.field_size_limit(max(limit, len(text)))  # a long article is one cell; the file size is capped
    try:
        _read_csv_rows(text, rel, batch, fields=fields, encoding=encoding, row_number=first_row - 1)
    finally:
        csv.field_size_limit(limit)


def _read_csv_rows(
    text: str, rel: str, batch: Batch, *, fields: dict[str, list[str]], encoding: str, row_number: int
) -> None:
    reader = csv.reader(io.StringIO(text, newline=""))
    try:
        header = [h.strip() for h in next(reader)]
    except StopIteration:
        batch.quarantine(rel, "empty", "the CSV file has no header")
        return
    except csv.Error as err:
        batch.quarantine(rel, "bad_csv", f"header: {err}")
        return
    if not match_keys(header, fields)["text"]:
        if row_number == 0:
            batch.quarantine(
                rel, "no_text_column",
                f"no text column among {header}; looked for {', '.join(fields['text'][:8])}, ... (any case, "
                "with or without _ - or spaces); name it with text_column= (CLI: --text-column)",
            )
            batch.note_columns(rel, header, {})
        return
    rows_before = row_number
    while True:
        try:
            row = next(reader)
        except StopIteration:
            break
        except csv.Error as err:
            row_number += 1
            batch.quarantine(rel, "bad_csv_row", f"row {row_number} (line {reader.line_num}): {err}", item=row_number)
            continue
        row_number += 1
        if not any(cell.strip() for cell in row):
            continue  # a blank line is not a record
        if len(row) != len(header):
            batch.quarantine(rel, "ragged_row", f"row {row_number} (line {reader.line_num}) has {len(row)} fields,"
                             f" the header has {len(header)}", item=row_number)
            continue
        batch.inputs += 1
        batch.add_record(dict(zip(header, row, strict=True)), source_path=rel, part=row_number,
                         source_format="csv", encoding=encoding, fields=fields)
    if row_number == rows_before == 0:
        batch.quarantine(rel, "empty", "the CSV file has a header but no rows")


def read_feed(data: bytes, rel: str, batch: Batch, *, encoding: str) -> None:
    """Add one record per RSS/Atom entry (content, else summary); unsafe XML is refused."""
    import defusedxml.ElementTree as safe_xml
    import feedparser
    from defusedxml import DefusedXmlException

    try:
        safe_xml.fromstring(data)
    except DefusedXmlException as err:
        batch.quarantine(rel, "unsafe_xml", f"refused: {type(err).__name__} (entity expansion or external entity)")
        return
    except safe_xml.ParseError as err:
        batch.quarantine(rel, "bad_xml", f"not well-formed XML: {err}")
        return
    # entry HTML is reduced to text by _html_text, which drops active elements with their
    # content (feedparser's sanitizer keeps the text inside an <iframe>)
    parsed = feedparser.parse(data, sanitize_html=False, resolve_relative_uris=False)
    publisher = _detail_text(parsed.feed, "title")
    if not parsed.entries:
        batch.quarantine(rel, "empty", "the feed holds no entries")
        return
    for i, entry in enumerate(parsed.entries):
        batch.inputs += 1
        content = (entry.get("content") or [None])[0] or entry.get("summary_detail") or {}
        record = {"text": _as_text(content.get("value") or "", content.get("type")),
                  "title": _detail_text(entry, "title"), "url": entry.get("link"),
                  "publisher": publisher, "published": _feed_date(entry)}
        batch.add_record(record, source_path=rel, part=i, source_format="feed", encoding=encoding)


def _html_text(html: str) -> str:
    import lxml.etree
    import lxml.html

    if "<" not in html:
        return html
    try:
        tree = lxml.html.fromstring(f"<div>{html}</div>")
    except (lxml.etree.ParserError, ValueError):
        return ""
    _drop_active(tree)
    for br in tree.xpath("//br|//p|//div|//li"):
        br.tail = "\n" + (br.tail or "")
    return tree.text_content().strip()


def _detail_text(item: dict, key: str) -> str | None:
    """Return a feed field as text: HTML titles (type text/html) are reduced to their text."""
    value = item.get(key)
    return _as_text(value, (item.get(f"{key}_detail") or {}).get("type")) if value else None


def _as_text(value: str, kind: str | None) -> str:
    return _html_text(value) if "html" in (kind or "text/html") else value.strip()


def _drop_active(tree) -> None:
    """Drop active and embedded elements with their content; unwrap <embed>.

    libxml2 does not know <embed> is empty and nests what follows inside it, so dropping
    it with its content would drop the rest of the page.
    """
    for element in tree.xpath("|".join(f"//{tag}" for tag in _DROP_TAGS)):
        element.drop_tree()
    for element in tree.xpath("//embed"):
        element.drop_tag()


def _feed_date(entry: dict) -> str | None:
    parsed = entry.get("published_parsed") or entry.get("updated_parsed")
    if parsed:
        return f"{parsed.tm_year:04d}-{parsed.tm_mon:02d}-{parsed.tm_mday:02d}"
    return entry.get("published") or entry.get("updated")
