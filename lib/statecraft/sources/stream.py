"""Read sources as a stream of pieces: whole files, or line ranges of large record files.

:func:`plan` lists the input pieces of some files and folders without reading them
whole: a small file is one piece; a JSONL or CSV file larger than ``piece_bytes`` is cut
at line (JSONL) or row (CSV) boundaries into pieces of about that size, each with the
number of its first line or row, so its documents get the same ids as when the whole
file is read. :func:`read_pieces` reads pieces into a Corpus. A piece is a small,
picklable description (paths and offsets, never texts), so a Dask worker can read its
own pieces. Large record files are read piecewise only when they are UTF-8 (the usual
form of an export); otherwise the whole-file limit ``max_bytes`` applies as in
:func:`load_corpus`.
"""

from __future__ import annotations

import codecs
import csv
import dataclasses
import hashlib
import os
from collections.abc import Mapping, Sequence
from pathlib import Path

from statecraft.corpus import Corpus
from statecraft.sources import manifest as _manifest
from statecraft.sources import readers
from statecraft.sources.folders import DEFAULT_MAX_BYTES, DEFAULT_MAX_CHARS, _base, _discover, _read_safely, _relative
from statecraft.sources.records import Batch, record_fields

PIECE_BYTES = 4 * 1024 * 1024
"""Target size of one piece of a large JSONL or CSV file."""

_HASH_BLOCK = 1 << 20


@dataclasses.dataclass(frozen=True)
class Piece:
    """One unit of input: a whole file, or a byte range of a large JSONL or CSV file.

    Attributes:
        path: Where to read the file (as given, may be relative to the working folder).
        rel: The file's path relative to the corpus root (the documents' source_path).
        kind: ``file`` (read whole, any format), ``jsonl`` or ``csv`` (a byte range),
            or ``outside`` (a link leading out of the corpus, quarantined unread).
        digest: SHA-256 of the whole file's bytes (empty for ``outside``).
        start: First byte of the range.
        end: Byte after the range (-1: to the end of the file).
        first: Number of the range's first line (JSONL) or row (CSV).
    """

    path: str
    rel: str
    kind: str
    digest: str
    start: int = 0
    end: int = -1
    first: int = 1

    @property
    def key(self) -> str:
        """A stable name of this piece's content: file path, content hash and range."""
        raw = f"{self.rel}\0{self.kind}\0{self.digest}\0{self.start}\0{self.end}\0{self.first}"
        return hashlib.sha256(raw.encode("utf-8", "backslashreplace")).hexdigest()[:24]


def plan(
    paths: str | os.PathLike[str] | Sequence[str | os.PathLike[str]],
    *,
    manifest: str | os.PathLike[str] | bool | None = None,
    piece_bytes: int = PIECE_BYTES,
    max_bytes: int = DEFAULT_MAX_BYTES,
) -> tuple[Path, list[Piece]]:
    """List the input pieces of files and folders, in the order :func:`load_corpus` reads them.

    Args:
        paths: A file or folder, or several.
        manifest: As for :func:`load_corpus`; it is checked here, before anything is read.
        piece_bytes: Target size of a piece of a large JSONL or CSV file.
        max_bytes: Files larger than this that cannot be cut into pieces are quarantined
            as too_large when read.

    Returns:
        The corpus root (relative paths are taken from it) and the pieces.

    Raises:
        FileNotFoundError: If a path does not exist.
        SourceError: If the manifest is invalid.
        ValueError: If ``paths`` is empty or ``piece_bytes`` is below 1.
    """
    roots = [Path(p) for p in ([paths] if isinstance(paths, str | os.PathLike) else paths)]
    if not roots:
        raise ValueError("paths is empty: give at least one file or folder")
    if piece_bytes < 1:
        raise ValueError(f"piece_bytes must be >= 1, got {piece_bytes!r}")
    for root in roots:
        if not root.exists():
            raise FileNotFoundError(f"source path not found: {root}")
    base = _base(roots)
    skip = {m.resolve() for m in _manifest.load_for(roots, base, manifest).files}
    pieces: list[Piece] = []
    for file in _discover(roots, skip):
        rel, inside = _relative(file, base)
        if not inside:
            pieces.append(Piece(str(file), rel, "outside", ""))
            continue
        pieces.extend(_file_pieces(file, rel, piece_bytes=piece_bytes))
    return base, pieces


def read_pieces(
    pieces: Sequence[Piece],
    *,
    root: str | os.PathLike[str],
    roots: Sequence[str | os.PathLike[str]] | None = None,
    manifest: str | os.PathLike[str] | bool | None = None,
    fields: Mapping[str, str] | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
    max_chars: int = DEFAULT_MAX_CHARS,
) -> Corpus:
    """Read pieces into a corpus (documents, quarantine, removed), as :func:`load_corpus` would.

    Args:
        pieces: Pieces from :func:`plan`.
        root: The corpus root :func:`plan` returned (relative paths are taken from it).
        roots: The files and folders given to :func:`plan` (manifests are looked for in
            these folders); default: ``root``.
        manifest: As for :func:`load_corpus`.
        fields: As for :func:`load_corpus`.
        max_bytes: Whole files larger than this are quarantined as too_large.
        max_chars: Longer articles are quarantined as too_long.

    Returns:
        A Corpus of these pieces' documents.
    """
    base = Path(root)
    overrides = _manifest.load_for([Path(r) for r in roots or [base]], base, manifest)
    rels = {piece.rel for piece in pieces}  # rows for files of other batches are not this batch's to match
    overrides.rows = {key: row for key, row in overrides.rows.items() if key[0] in rels}
    names = record_fields(fields)
    batch = Batch(max_chars=max_chars)
    for piece in pieces:
        if piece.kind == "outside":
            batch.quarantine(piece.rel, "outside_corpus", f"a link to {Path(piece.path).resolve()}, outside the "
                             f"corpus folder {base}; it is not read (give that path itself to read it)")
        elif piece.kind == "file":
            _read_safely(Path(piece.path), piece.rel, batch, fields=names, max_bytes=max_bytes)
        else:
            _read_range(piece, batch, fields=names)
    return _manifest.apply(batch.to_corpus(), overrides)


def _read_range(piece: Piece, batch: Batch, *, fields: dict[str, list[str]]) -> None:
    with open(piece.path, "rb") as handle:
        head = handle.readline() if piece.kind == "csv" else b""
        handle.seek(piece.start)
        data = handle.read(piece.end - piece.start)
    text = data.decode("utf-8")
    if piece.kind == "jsonl":
        readers.read_jsonl(text, piece.rel, batch, fields=fields, encoding="utf-8", first_line=piece.first)
    else:
        header = head.decode("utf-8-sig")
        readers.read_csv(header + text, piece.rel, batch, fields=fields, encoding="utf-8", first_row=piece.first)


def _file_pieces(file: Path, rel: str, *, piece_bytes: int) -> list[Piece]:
    """One piece for the file, or several byte ranges for a large UTF-8 JSONL or CSV file."""
    try:
        size = file.stat().st_size
        digest = _digest(file)
    except OSError:
        return [Piece(str(file), rel, "file", "")]  # unreadable: quarantined with its reason when read
    suffix = file.suffix.lower()
    kind = {".jsonl": "jsonl", ".ndjson": "jsonl", ".csv": "csv"}.get(suffix)
    if kind is None or size <= piece_bytes or not file.is_file() or not _is_utf8(file):
        return [Piece(str(file), rel, "file", digest)]
    cuts = _jsonl_cuts(file, piece_bytes) if kind == "jsonl" else _csv_cuts(file, piece_bytes)
    if not cuts:
        return [Piece(str(file), rel, "file", digest)]
    return [Piece(str(file), rel, kind, digest, start, end, first) for start, end, first in cuts]


def _digest(file: Path) -> str:
    sha = hashlib.sha256()
    with open(file, "rb") as handle:
        while block := handle.read(_HASH_BLOCK):
            sha.update(block)
    return sha.hexdigest()


def _is_utf8(file: Path) -> bool:
    decoder = codecs.getincrementaldecoder("utf-8")()
    try:
        with open(file, "rb") as handle:
            while block := handle.read(_HASH_BLOCK):
                decoder.decode(block)
        decoder.decode(b"", final=True)
    except UnicodeDecodeError:
        return False
    return True


def _jsonl_cuts(file: Path, piece_bytes: int) -> list[tuple[int, int, int]]:
    """Byte ranges of about ``piece_bytes`` that start at line starts, with their first line number."""
    cuts, start, line, first = [], 0, 1, 1
    offset = 0
    with open(file, "rb") as handle:
        for raw in handle:
            offset += len(raw)
            line += 1
            if offset - start >= piece_bytes:
                cuts.append((start, offset, first))
                start, first = offset, line
    if offset > start or not cuts:
        cuts.append((start, offset, first))
    return cuts


def _csv_cuts(file: Path, piece_bytes: int) -> list[tuple[int, int, int]]:
    """Byte ranges of about ``piece_bytes`` that start at row starts (after the header), with their first row."""
    offsets: list[int] = []

    def lines():
        position = 0
        with open(file, "rb") as handle:
            for raw in handle:
                position += len(raw)
                offsets.append(position)
                yield raw.decode("utf-8-sig" if position == len(raw) else "utf-8")

    limit = csv.field_size_limit()
    csv.field_size_limit(max(limit, file.stat().st_size))
    try:
        reader = csv.reader(lines())
        next(reader, None)  # the header
        start = offsets[-1] if offsets else 0
        cuts, row, first = [], 0, 1
        for _ in reader:
            row += 1
            end = offsets[reader.line_num - 1]
            if end - start >= piece_bytes:
                cuts.append((start, end, first))
                start, first = end, row + 1
    except csv.Error:
        return []  # a malformed file is read whole, where its bad rows are quarantined with their numbers
    finally:
        csv.field_size_limit(limit)
    end = offsets[-1] if offsets else 0
    if end > start or not cuts:
        cuts.append((start, end, first))
    return cuts
