"""Manifest: a CSV of what is known about each source, overriding what the text says.

Columns: ``path`` (relative to the manifest's folder), and any of ``title``,
``publisher``, ``url``, ``published`` (ISO date) and ``part`` (one article of a page
that holds several; empty for all). A path that points outside the corpus is refused.
"""

from __future__ import annotations

import csv
import dataclasses
import datetime as dt
import logging
import os
from pathlib import Path

from statecraft import schema
from statecraft.cleaning import datelines
from statecraft.corpus import Corpus
from statecraft.sources.records import SourceError

log = logging.getLogger(__name__)

_FIELDS = ("title", "publisher", "url", "published")


@dataclasses.dataclass
class Manifest:
    """Rows keyed by (source_path relative to the corpus base, part or None)."""

    rows: dict[tuple[str, int | None], dict[str, str]] = dataclasses.field(default_factory=dict)
    files: list[Path] = dataclasses.field(default_factory=list)


def load_for(roots: list[Path], base: Path, manifest: str | os.PathLike[str] | bool | None) -> Manifest:
    """Find and read the manifest for a load.

    Args:
        roots: The paths given to load_corpus.
        base: The folder source paths are relative to.
        manifest: A manifest path; None looks for ``manifest.csv`` in each folder
            root; False uses none.

    Returns:
        The manifest rows (empty when there is none).

    Raises:
        SourceError: If the manifest is malformed or a path points outside the corpus.
        FileNotFoundError: If a given manifest path does not exist.
    """
    if manifest is False:
        return Manifest()
    if manifest is None or manifest is True:
        files = [r / "manifest.csv" for r in roots if r.is_dir() and (r / "manifest.csv").is_file()]
    else:
        files = [Path(manifest)]
        if not files[0].is_file():
            raise FileNotFoundError(f"manifest not found: {files[0]}")
    out = Manifest(files=files)
    for file in files:
        _read(file, base, out)
    return out


def apply(corpus: Corpus, manifest: Manifest) -> Corpus:
    """Override document fields with the manifest's non-empty values.

    A manifest date in the future is flagged ``future_date``; a manifest row that
    matches no document is logged as a warning.
    """
    if not manifest.rows:
        return corpus
    docs = corpus.documents.copy()
    used = set()
    for i, (path, part) in enumerate(zip(docs["source_path"], docs["part"], strict=True)):
        for key in ((path, None), (path, int(part))):
            row = manifest.rows.get(key)
            if not row:
                continue
            used.add(key)
            for field in ("title", "publisher", "url"):
                if row.get(field):
                    docs.loc[i, field] = row[field]
            if row.get("title"):
                docs.loc[i, "title_source"] = "manifest"
            if row.get("published") and str(row["published"]) != str(docs.loc[i, "published_date"]):
                docs.loc[i, "published_date"] = row["published"]
                docs.loc[i, "published_source"] = "manifest"
                flags = set(filter(None, str(docs.loc[i, "flags"]).split(";"))) - {"future_date"}
                if row["published"] > dt.date.today().isoformat():
                    flags.add("future_date")
                docs.loc[i, "flags"] = ";".join(sorted(flags))
    for path, part in sorted(set(manifest.rows) - used, key=str):
        log.warning("manifest row for %s%s matches no document", path, "" if part is None else f" part {part}")
    return corpus.replace(documents=schema.conform("documents", docs))


def _read(file: Path, base: Path, out: Manifest) -> None:
    try:
        with open(file, encoding="utf-8-sig", newline="") as handle:
            reader = csv.DictReader(handle)
            if not reader.fieldnames or "path" not in reader.fieldnames:
                raise SourceError(f"manifest {file}: needs a 'path' column; found {reader.fieldnames}")
            for number, row in enumerate(reader, start=2):
                key, values = _read_row(row, f"manifest {file} line {number}", file.parent, base)
                out.rows[key] = values
    except UnicodeDecodeError as err:
        raise SourceError(f"manifest {file}: not UTF-8 ({err.reason} at byte {err.start}); save it as UTF-8") from None
    except csv.Error as err:
        raise SourceError(f"manifest {file}: not a readable CSV: {err}") from None


def _read_row(row: dict, where: str, folder: Path, base: Path) -> tuple[tuple[str, int | None], dict[str, str]]:
    path = row.get("path")
    if not isinstance(path, str) or not path.strip() or "\x00" in path:
        raise SourceError(f"{where}: path {path!r} is missing, empty or holds a NUL byte")
    target = (folder / path.strip()).resolve()
    if not target.is_relative_to(base):
        raise SourceError(f"{where}: path {path!r} points outside the corpus folder; it is refused")
    values = {f: (row.get(f) or "").strip() if isinstance(row.get(f), str | None) else "" for f in _FIELDS}
    if values["published"]:
        try:
            iso = datelines.parse_date(values["published"])
        except datelines.BadDate as err:
            raise SourceError(f"{where}: {err}") from None
        if iso is None:
            raise SourceError(f"{where}: published {values['published']!r} is not an ISO date (YYYY-MM-DD)")
        values["published"] = iso
    part = row.get("part") or ""
    part = part.strip() if isinstance(part, str) else ""
    if part and not part.isdecimal():
        raise SourceError(f"{where}: part {part!r} is not a whole number (leave it empty for every article)")
    return (target.relative_to(base).as_posix(), int(part) if part else None), values
