"""Read sources into documents: files, folders, records; every input accounted for.

Formats: .txt/.md pages; .html/.htm (main text, title, date, publisher through
trafilatura); .json (a list of records, or an object holding one) and .jsonl; .csv
(a text column plus optional title/published/url/publisher); RSS/Atom feeds
(.xml/.rss/.atom). Folders are read recursively in sorted order. Whatever cannot be read
becomes a quarantine row with a reason; the rest of the batch goes on: an unexpected
failure inside a reader undoes what that file added and quarantines the file as
reader_error. Links that lead outside the corpus folder, pipes and devices are not read.
"""

from __future__ import annotations

import logging
import os
import stat
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any

from statecraft.corpus import Corpus
from statecraft.sources import manifest as _manifest
from statecraft.sources import readers
from statecraft.sources.decoding import DecodeError, decode
from statecraft.sources.records import _LONE_SURROGATE, Batch, SourceError, record_fields

log = logging.getLogger(__name__)

DEFAULT_MAX_BYTES = 20 * 1024 * 1024
DEFAULT_MAX_CHARS = 1_000_000  # one article; far beyond any news story
_PAGE_FORMATS = {".txt": "txt", ".md": "txt", ".text": "txt", ".html": "html", ".htm": "html"}
_RECORD_FORMATS = {".json": "json", ".jsonl": "jsonl", ".ndjson": "jsonl", ".csv": "csv"}
_FEED_FORMATS = {".xml": "feed", ".rss": "feed", ".atom": "feed"}
_SKIP_PREFIXES = ("readme", "license", "licence", "changelog")
_SKIP_NAMES = ("manifest.csv", "source.md", "sources.md")

__all__ = ["DEFAULT_MAX_BYTES", "DEFAULT_MAX_CHARS", "SourceError", "from_records", "load_corpus"]


def load_corpus(
    paths: str | os.PathLike[str] | Sequence[str | os.PathLike[str]],
    *,
    manifest: str | os.PathLike[str] | bool | None = None,
    fields: Mapping[str, str] | None = None,
    text_column: str | None = None,
    title_column: str | None = None,
    date_column: str | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
    max_chars: int = DEFAULT_MAX_CHARS,
) -> Corpus:
    """Read files and folders into a corpus of cleaned documents.

    Args:
        paths: A file or folder, or several. Folders are read recursively in sorted
            order; README/LICENSE files, hidden files and the manifest are skipped.
        manifest: A CSV (path, title, publisher, url, published, optional part) whose
            values override what is found in the text. None looks for
            ``manifest.csv`` in each folder given; False uses none.
        fields: Column or key names for records, e.g. ``{"text": "body",
            "published": "date"}``; unnamed fields use the synonyms of
            ``data/sources/fields.csv`` (matched ignoring case, ``_``, ``-`` and spaces).
            A named column applies where a file has it; other files keep the automatic mapping.
        text_column: The text column or key (same as ``fields={"text": ...}``).
        title_column: The title column or key.
        date_column: The publication date column or key.
        max_bytes: Larger files are quarantined as too_large.
        max_chars: Pages and records whose article text is longer are quarantined as
            too_long (a 10 MB single-line file is not a news article).

    Returns:
        A Corpus with documents, quarantine and removed filled.

    Raises:
        FileNotFoundError: If a path does not exist.
        SourceError: If the manifest is invalid. (A CSV with no text column is a
            quarantine row, ``no_text_column``; the columns used per records file are in
            ``Corpus.account["columns"]``.)
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
    named = {"text": text_column, "title": title_column, "published": date_column}
    names = record_fields({**(fields or {}), **{k: v for k, v in named.items() if v}})
    batch = Batch(max_chars=max_chars)
    for file in _discover(roots, skip):
        rel, inside = _relative(file, base)
        if not inside:
            batch.quarantine(rel, "outside_corpus", f"a link to {file.resolve()}, outside the corpus folder "
                             f"{base}; it is not read (give that path itself to read it)")
            continue
        _read_safely(file, rel, batch, fields=names, max_bytes=max_bytes)
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
        TypeError: If ``records`` is a single mapping or a string, not a collection of records.
    """
    if isinstance(records, Mapping | str | bytes):
        raise TypeError(f"from_records: records must be an iterable of mappings (a list of dicts); got a "
                        f"{type(records).__name__}; wrap a single record in a list")
    batch = Batch()
    for i, record in enumerate(records):
        batch.inputs += 1
        doc_id = record.get("doc_id") if isinstance(record, Mapping) else None
        doc_id = str(doc_id) if doc_id not in (None, "") else f"record-{i}"
        if _LONE_SURROGATE.search(doc_id):
            batch.quarantine("<records>", "bad_unicode", "doc_id holds a lone surrogate code point", item=i)
            continue
        batch.add_record(
            record,
            source_path="<records>",
            part=i,
            source_format="records",
            encoding="str",
            doc_id=doc_id,
            clean=False,
        )
    ids = batch.doc_ids()
    dupes = sorted({d for d in ids if ids.count(d) > 1})
    if dupes:
        raise ValueError(f"from_records: duplicate doc_id values {dupes[:5]}")
    return batch.to_corpus()


def _read_safely(file: Path, rel: str, batch: Batch, *, fields: dict[str, list[str]], max_bytes: int) -> None:
    """Read one file; if a reader fails unexpectedly, undo its rows and quarantine the file."""
    mark = (batch.inputs, len(batch.documents), len(batch.quarantined), len(batch.removed))
    try:
        _read_file(file, rel, batch, fields=fields, max_bytes=max_bytes)
    except SourceError:
        raise  # a misconfigured load, not a bad file
    except Exception as err:  # one bad file must not end a long batch
        log.warning("reader failed on %s", rel, exc_info=True)
        batch.inputs = mark[0]
        del batch.documents[mark[1]:], batch.quarantined[mark[2]:], batch.removed[mark[3]:]
        batch.quarantine(rel, "reader_error", f"{type(err).__name__}: {str(err)[:300]}")


def _read_file(file: Path, rel: str, batch: Batch, *, fields: dict[str, list[str]], max_bytes: int) -> None:
    try:
        info = file.stat()
        if stat.S_ISDIR(info.st_mode):
            batch.quarantine(rel, "linked_folder", "a link to a folder is not followed; give its target to read it")
            return
        if not stat.S_ISREG(info.st_mode):
            batch.quarantine(rel, "not_a_file", "not a regular file (a pipe, socket or device); it is not read")
            return
        if info.st_size > max_bytes:
            batch.quarantine(rel, "too_large", f"{info.st_size} bytes is over the limit of {max_bytes}")
            return
        data = file.read_bytes()
    except OSError as err:
        batch.quarantine(rel, "unreadable", f"{type(err).__name__}: {err.strerror or err}")
        return
    if not data.strip():
        batch.quarantine(rel, "empty", "the file is empty or holds only whitespace")
        return
    try:
        text, encoding = decode(data)
    except DecodeError as err:
        batch.quarantine(rel, err.reason, str(err))
        return
    if not text.strip():
        batch.quarantine(rel, "empty", f"the file holds only whitespace ({encoding})")
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
            # a linked folder is not followed (os.walk), but it is accounted for
            files.extend(Path(dirpath) / d for d in dirnames if (Path(dirpath) / d).is_symlink())
            for name in sorted(filenames):
                path = Path(dirpath) / name
                skipped = name.lower().startswith(_SKIP_PREFIXES) or name.lower() in _SKIP_NAMES
                if name.startswith(".") or skipped or path.resolve() in skip:
                    log.info("skipping %s (documentation, hidden or manifest file)", path)
                    continue
                files.append(path)
    unique = {}  # a link to a file already listed is the same input, read once
    for path in sorted(files, key=lambda p: (p.resolve().as_posix(), p.is_symlink(), p.as_posix())):
        unique.setdefault(path.resolve(), path)
    return sorted(unique.values(), key=lambda p: p.resolve().as_posix())


def _relative(file: Path, base: Path) -> tuple[str, bool]:
    """Return the file's posix path relative to ``base`` and whether it really lies inside.

    A link is named by where the link itself sits; it is inside when its target is.
    Undecodable bytes in a file name are written as backslash escapes.
    """
    target = file.resolve()
    where = file.parent.resolve() / file.name if file.is_symlink() else target
    rel = where.relative_to(base) if where.is_relative_to(base) else Path(file.name)
    return os.fsencode(rel.as_posix()).decode("utf-8", "backslashreplace"), target.is_relative_to(base)


def _base(roots: list[Path]) -> Path:
    """The folder relative paths are taken from: the folder given, or their common parent."""
    resolved = [r.resolve() for r in roots]
    if len(resolved) == 1:
        return resolved[0] if resolved[0].is_dir() else resolved[0].parent
    return Path(os.path.commonpath([r if r.is_dir() else r.parent for r in resolved]))
