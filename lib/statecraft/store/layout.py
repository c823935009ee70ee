"""The store's layout on disk: its files, format checks and the write lock.

Layout of a store folder::

    store.json                 format, package and schema versions, engines, options, inputs
                               with their content hashes, counts and the accounting of the last run
    batches/<key>/             one folder per annotated batch, moved into place whole (never half-written)
        <frame>.parquet        documents, sentences, mentions, timexes, sentiment, quarantine, removed
        batch.json             the input pieces the batch holds and its input count
    stories.parquet            doc_id -> story_id over the whole store (stories cross batches)
    .lock                      held by the run writing the store
"""

from __future__ import annotations

import contextlib
import errno
import fcntl
import hashlib
import json
import logging
import os
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from statecraft import atomic, schema

log = logging.getLogger(__name__)

FORMAT = 1
"""Version of the store layout; a store of another format is refused, not mixed."""
STORE_FILE = "store.json"
BATCHES = "batches"
STORIES_FILE = "stories.parquet"
BATCH_FILE = "batch.json"
COUNTING_ROLE = "subject"


class StoreError(RuntimeError):
    """A store cannot be used as asked: made by another version, locked, or not a store."""


def schema_version() -> str:
    """Return a short hash of every frame's columns and dtypes (changes when the schema does)."""
    raw = json.dumps({name: schema.SCHEMAS[name] for name in schema.FRAME_NAMES}, sort_keys=True)
    return hashlib.sha256(raw.encode()).hexdigest()[:12]


def is_store(path: str | os.PathLike[str]) -> bool:
    """Tell whether ``path`` is a store folder (it holds ``store.json``)."""
    return (Path(path) / STORE_FILE).is_file()


def read_meta(path: str | os.PathLike[str]) -> dict[str, Any]:
    """Read a store's ``store.json`` (an empty dict for a new folder)."""
    file = Path(path) / STORE_FILE
    return json.loads(file.read_text(encoding="utf-8")) if file.is_file() else {}


def write_meta(path: str | os.PathLike[str], meta: dict[str, Any]) -> None:
    """Write ``store.json`` atomically (a temporary file renamed over the old one)."""
    atomic.write_text(Path(path) / STORE_FILE, json.dumps(meta, indent=1, sort_keys=True) + "\n")


@contextlib.contextmanager
def locked(path: str | os.PathLike[str]) -> Iterator[None]:
    """Hold the store's write lock; a second writer fails at once with a clear error.

    Raises:
        StoreError: If another process holds the lock.
    """
    folder = Path(path)
    folder.mkdir(parents=True, exist_ok=True)
    handle = open(folder / ".lock", "a+", encoding="utf-8")  # noqa: SIM115 - held for the whole block
    try:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError as err:
            if err.errno in (errno.EAGAIN, errno.EACCES):
                handle.seek(0)
                holder = handle.read().strip() or "another process"
                raise StoreError(f"store {folder} is being written by {holder}; wait for that run to end, or "
                                 "write to another folder") from None
            raise
        handle.seek(0)
        handle.truncate()
        handle.write(f"statecraft pid {os.getpid()}")
        handle.flush()
        yield
    finally:
        handle.close()  # closing releases the lock; a killed process releases it too


def batch_dirs(path: str | os.PathLike[str]) -> list[Path]:
    """Return the complete batch folders of a store, sorted by name."""
    folder = Path(path) / BATCHES
    return sorted(d for d in folder.iterdir() if (d / BATCH_FILE).is_file()) if folder.is_dir() else []


def account(folder: Path) -> dict[str, Any]:
    """Add up the accounting of every batch of a store.

    Returns:
        inputs, sources, documents, quarantined, by_reason, and columns: per records file
        the columns used for each field, the ignored ones and notes (a file read in pieces
        over several batches is merged into one entry).
    """
    total: Counter = Counter()
    reasons: Counter = Counter()
    columns: dict[str, dict[str, set[str]]] = {}
    for batch in batch_dirs(folder):
        info = json.loads((batch / BATCH_FILE).read_text(encoding="utf-8"))
        total.update({k: info[k] for k in ("inputs", "sources", "documents", "quarantined")})
        reasons.update(info["by_reason"])
        for path, entry in info.get("columns", {}).items():
            merged = columns.setdefault(path, {})
            for name, values in entry.items():
                merged.setdefault(name, set()).update(values)
    return {**{k: int(total[k]) for k in ("inputs", "sources", "documents", "quarantined")},
            "by_reason": dict(sorted(reasons.items())), "columns": {p: _merged(e) for p, e in sorted(columns.items())}}


def _merged(entry: dict[str, set[str]]) -> dict[str, list[str]]:
    """Return one records file's column entry from its pieces: used columns are not also ignored."""
    used = {v for name, values in entry.items() if name not in ("ignored", "notes") for v in values}
    out = {name: sorted(values) for name, values in entry.items()}
    out["ignored"] = sorted(entry.get("ignored", set()) - used)
    if entry.get("published"):  # a piece that found the date column answers the others' note
        out["notes"] = [n for n in out.get("notes", []) if not n.startswith("no date column")]
    return out
