"""Read sources into documents: files, folders, records; every input accounted for.

Formats: .txt/.md pages; .html/.htm (main text, title, date, publisher through
trafilatura); .json (a list of records, or an object holding one) and .jsonl; .csv
(a text column plus optional title/published/url/publisher); RSS/Atom feeds
(.xml/.rss/.atom). Folders are read recursively in sorted order. Whatever cannot be read
becomes a quarantine row with a reason; the rest of the batch goes on.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any

from statecraft import manifest as _manifest
from statecraft import readers
from statecraft.corpus import Corpus
from statecraft.decoding import DecodeError, decode
from statecraft.records import Batch, SourceError, record_fields

log = logging.getLogger(__name__)

DEFAULT_MAX_BYTES = 20 * 1024 * 1024
_PAGE_FORMATS = {".txt": "txt", ".md": "txt", ".text": "txt", ".html": "html", ".htm": "html"}
_RECORD_FORMATS = {".json": "json", ".jsonl": "jsonl", ".ndjson": "jsonl", ".csv": "csv"}
_FEED_FORMATS = {".xml": "feed", ".rss": "feed", ".atom": "feed"}
_SKIP_PREFIXES = ("readme", "license", "licence", "changelog")
_SKIP_NAMES = ("manifest.csv", "source.md", "sources.md")

__all__ = ["DEFAULT_MAX_BYTES", "SourceError", "from_records", "load_corpus"]


def load_corpus(
    paths: str | os.PathLike[str] | Sequence[str | os.PathLike[str]],
    *,
    manifest: str | os.PathLike[str] | bool | None = None,
    fields: Mapping[str, str] | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
) -> Corpus:
    """Read files and folders into a corpus of cleaned documents.

    Args:
        paths: A file or folder, or several. Folders are read recursively in sorted
            order; README/LICENSE files, hidden files and the manifest are skipped.
        manifest: A CSV (path, title, publisher, url, published, optional part) whose
            values override what is found in the text. None looks for
            ``manifest.csv`` in each folder given; False uses none.
        fields: Column or key names for records, e.g. ``{"text": "body",
            "published": "date"}``; unnamed fields use the usual names.
        max_bytes: Larger files are quarantined as too_large.

    Returns:
        A Corpus with documents, quarantine and removed filled.

    Raises:
        FileNotFoundError: If a path does not exist.
        SourceError: If a CSV has no text column, or the manifest is invalid.
    """
    roots = [Path(p) for p in ([paths] if isinstance(paths, str | os.PathLike) else paths)]
    if not roots:
        raise ValueError("paths is empty: give at least one file or folder")
    for root in roots:
        if not root.exists():
            raise FileNotFoundError(f"source path not found: {root}")
    base = _base(roots)
    overrides = _manifest.load_for(roots, base, manifest)
    skip = {m.resolve() for m in overrides.files}
    batch = Batch()
    for file in _discover(roots, skip):
        rel = file.resolve().relative_to(base).as_posix()
        _read_file(file, rel, batch, fields=record_fields(fields), max_bytes=max_bytes)
    corpus = batch.to_corpus()
    return _manifest.apply(corpus, overrides)


def from_records(records: Iterable[Mapping[str, Any]]) -> Corpus:
    """Make a corpus from in-memory records, each taken as one article, text untouched.

    Args:
        records: Mappings with ``text`` (required) and optional ``doc_id``, ``title``,
            ``publisher``, ``url``, ``published`` (ISO date string).

    Returns:
        A Corpus whose offsets refer to the callers' own strings.

    Raises:
        ValueError: If two records share a doc_id.
    """
    batch = Batch()
    for i, record in enumerate(records):
        batch.inputs += 1
        doc_id = record.get("doc_id") if isinstance(record, Mapping) else None
        batch.add_record(
            record,
            source_path="<records>",
            part=i,
            source_format="records",
            encoding="str",
            doc_id=str(doc_id) if doc_id not in (None, "") else f"record-{i}",
            clean=False,
        )
    ids = batch.doc_ids()
    dupes = sorted({d for d in ids if ids.count(d) > 1})
    if dupes:
        raise ValueError(f"from_records: duplicate doc_id values {dupes[:5]}")
    return batch.to_corpus()


def _read_file(file: Path, rel: str, batch: Batch, *, fields: dict[str, list[str]], max_bytes: int) -> None:
    size = file.stat().st_size
    if size > max_bytes:
        batch.quarantine(rel, "too_large", f"{size} bytes is over the limit of {max_bytes}")
        return
    data = file.read_bytes()
    if not data.strip():
        batch.quarantine(rel, "empty", "the file is empty or holds only whitespace")
        return
    try:
        text, encoding = decode(data)
    except DecodeError as err:
        batch.quarantine(rel, err.reason, str(err))
        return
    suffix = file.suffix.lower()
    kind = _PAGE_FORMATS.get(suffix) or _RECORD_FORMATS.get(suffix) or _FEED_FORMATS.get(suffix)
    kind = kind or readers.sniff(text)
    if kind == "txt":
        batch.inputs += 1
        batch.add_page(text, source_path=rel, source_format="txt", encoding=encoding)
    elif kind == "html":
        batch.inputs += 1
        readers.read_html(text, rel, batch, encoding=encoding)
    elif kind == "feed":
        readers.read_feed(data, rel, batch, encoding=encoding)
    else:
        reader = {"json": readers.read_json, "jsonl": readers.read_jsonl, "csv": readers.read_csv}[kind]
        reader(text, rel, batch, fields=fields, encoding=encoding)


def _discover(roots: list[Path], skip: set[Path]) -> list[Path]:
    files: list[Path] = []
    for root in roots:
        if root.is_file():
            files.append(root)
            continue
        for dirpath, dirnames, filenames in os.walk(root):
            dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
            for name in sorted(filenames):
                path = Path(dirpath) / name
                skipped = name.lower().startswith(_SKIP_PREFIXES) or name.lower() in _SKIP_NAMES
                if name.startswith(".") or skipped or path.resolve() in skip:
                    log.info("skipping %s (documentation, hidden or manifest file)", path)
                    continue
                files.append(path)
    return sorted(dict.fromkeys(files), key=lambda p: p.resolve().as_posix())


def _base(roots: list[Path]) -> Path:
    """The folder relative paths are taken from: the folder given, or their common parent."""
    resolved = [r.resolve() for r in roots]
    if len(resolved) == 1:
        return resolved[0] if resolved[0].is_dir() else resolved[0].parent
    return Path(os.path.commonpath([r if r.is_dir() else r.parent for r in resolved]))
