"""Manifest: a CSV of what is known about each source, overriding what the text says.

Columns: ``path`` (relative to the manifest's folder), and any of ``title``,
``publisher``, ``url``, ``published`` (ISO date) and ``part`` (one article of a page
that holds several; empty for all). A path that points outside the corpus is refused.
"""

from __future__ import annotations

import csv
import dataclasses
import os
from pathlib import Path

from statecraft import datelines, schema
from statecraft.corpus import Corpus
from statecraft.records import SourceError

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
    """Override document fields with the manifest's non-empty values."""
    if not manifest.rows:
        return corpus
    docs = corpus.documents.copy()
    for i, (path, part) in enumerate(zip(docs["source_path"], docs["part"], strict=True)):
        for key in ((path, None), (path, int(part))):
            row = manifest.rows.get(key)
            if not row:
                continue
            for field in ("title", "publisher", "url"):
                if row.get(field):
                    docs.loc[i, field] = row[field]
            if row.get("published") and str(row["published"]) != str(docs.loc[i, "published_date"]):
                docs.loc[i, "published_date"] = row["published"]
                docs.loc[i, "published_source"] = "manifest"
    return corpus.replace(documents=schema.conform("documents", docs))


def _read(file: Path, base: Path, out: Manifest) -> None:
    with open(file, encoding="utf-8-sig", newline="") as handle:
        reader = csv.DictReader(handle)
        if not reader.fieldnames or "path" not in reader.fieldnames:
            raise SourceError(f"manifest {file}: needs a 'path' column; found {reader.fieldnames}")
        for number, row in enumerate(reader, start=2):
            target = (file.parent / row["path"].strip()).resolve()
            if not target.is_relative_to(base):
                raise SourceError(f"manifest {file} line {number}: path {row['path']!r} points outside "
                                  f"the corpus folder; it is refused")
            values = {f: (row.get(f) or "").strip() for f in _FIELDS}
            if values["published"]:
                try:
                    iso = datelines.parse_date(values["published"])
                except datelines.BadDate as err:
                    raise SourceError(f"manifest {file} line {number}: {err}") from None
                if iso is None:
                    raise SourceError(f"manifest {file} line {number}: published {values['published']!r} "
                                      "is not an ISO date (YYYY-MM-DD)")
                values["published"] = iso
            part = (row.get("part") or "").strip()
            key = (target.relative_to(base).as_posix(), int(part) if part else None)
            out.rows[key] = values

