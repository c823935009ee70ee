"""Corpus: the frames together; save/load as Parquet; a DuckDB view."""

from __future__ import annotations

import dataclasses
import json
import logging
import os
import shutil
import tempfile
from pathlib import Path
from typing import Any

import pandas as pd

from statecraft import atomic, schema

log = logging.getLogger(__name__)

_ACCOUNT_FILE = "account.json"


@dataclasses.dataclass(frozen=True)
class Corpus:
    """The frames of one corpus. Every frame follows :mod:`statecraft.schema`.

    Attributes:
        documents: One row per article.
        sentences: One row per sentence.
        mentions: One row per tagged span.
        timexes: One row per temporal expression.
        sentiment: One row per sentence and engine.
        quarantine: One row per input that could not be read.
        removed: One row per piece of text removed by cleaning.
        inputs: How many input items (files, records, lines) were read.
        columns: Per records file (CSV, JSON, JSONL): the columns used for each field
            (text, title, published, url, publisher), the ignored ones and notes.
    """

    documents: pd.DataFrame
    sentences: pd.DataFrame
    mentions: pd.DataFrame
    timexes: pd.DataFrame
    sentiment: pd.DataFrame
    quarantine: pd.DataFrame
    removed: pd.DataFrame
    inputs: int = 0
    columns: dict[str, dict[str, Any]] = dataclasses.field(default_factory=dict)

    @classmethod
    def empty(cls, **frames: Any) -> Corpus:
        """Make a corpus with the given frames and empty ones for the rest."""
        values: dict[str, Any] = {name: schema.frame(name) for name in schema.FRAME_NAMES}
        values.update(frames)
        return cls(**values)

    def replace(self, **changes: Any) -> Corpus:
        """Return a copy with some frames replaced (each conformed to its schema)."""
        for name, value in changes.items():
            if name in schema.SCHEMAS:
                changes[name] = schema.conform(name, value)
        return dataclasses.replace(self, **changes)

    @property
    def account(self) -> dict[str, Any]:
        """Count inputs, documents and quarantined items, with quarantine reasons.

        Every input item either gives at least one document or one quarantine row, so
        ``inputs == sources + quarantined`` where ``sources`` counts the distinct items
        that gave documents.
        """
        reasons = self.quarantine["reason"].value_counts().sort_index()
        return {
            "inputs": int(self.inputs),
            "sources": _count_sources(self.documents),
            "documents": len(self.documents),
            "quarantined": len(self.quarantine),
            "by_reason": {str(k): int(v) for k, v in reasons.items()},
            "columns": self.columns,
        }

    def summary(self) -> str:
        """Return the one-line account printed by the CLI."""
        return self.summary_line(self.account)

    @staticmethod
    def summary_line(account: dict[str, Any]) -> str:
        """Return the one-line account of an accounting dict (inputs, documents, quarantined, by_reason)."""
        reasons = ", ".join(f"{k}: {v}" for k, v in account["by_reason"].items())
        line = f"inputs: {account['inputs']}, documents: {account['documents']}, quarantined: {account['quarantined']}"
        return f"{line} ({reasons})" if reasons else line

    def save(self, path: str | os.PathLike[str]) -> Path:
        """Write every frame as Parquet into folder ``path``, atomically.

        The frames are written to a temporary folder beside ``path`` that is then moved
        into place (on Linux, swapped with the previous output in one atomic step), so a
        run killed midway leaves any previous output intact. Only a folder written by
        ``save`` (it holds ``account.json``) or an empty folder is ever replaced.

        Args:
            path: The output folder (created or replaced).

        Returns:
            The output folder.

        Raises:
            FileExistsError: If ``path`` is a file, or a folder that is not a saved corpus.
        """
        out = Path(path)
        _check_replaceable(out)
        out.parent.mkdir(parents=True, exist_ok=True)
        tmp = Path(tempfile.mkdtemp(prefix=f".{out.name}.", dir=out.parent))
        try:
            for name in schema.FRAME_NAMES:
                getattr(self, name).to_parquet(tmp / f"{name}.parquet", index=False)
            account = json.dumps(self.account, indent=1, sort_keys=True)
            (tmp / _ACCOUNT_FILE).write_text(account + "\n", encoding="utf-8")
            atomic.swap_into_place(tmp, out)
        finally:
            if tmp.exists():
                shutil.rmtree(tmp, ignore_errors=True)
        log.info("saved corpus to %s", out)
        return out

    @classmethod
    def load(cls, path: str | os.PathLike[str]) -> Corpus:
        """Read a folder written by :meth:`save`, or a whole store (``statecraft annotate --out``).

        Raises:
            FileNotFoundError: If ``path`` or one of its frames is missing.
        """
        folder = Path(path)
        if not folder.is_dir():
            raise FileNotFoundError(f"corpus folder not found: {folder}")
        from statecraft import store  # the store reads into a Corpus, so it is imported here

        if store.is_store(folder):
            return store.open_store(folder).corpus()
        frames = {}
        for name in schema.FRAME_NAMES:
            file = folder / f"{name}.parquet"
            if not file.exists():
                raise FileNotFoundError(f"corpus folder {folder} has no {file.name}")
            data = pd.read_parquet(file)
            if name == "documents" and "title_source" not in data.columns:  # saved before title_source
                data = data.assign(title_source=pd.NA)
            frames[name] = schema.conform(name, data)
        account = json.loads((folder / _ACCOUNT_FILE).read_text(encoding="utf-8"))
        return cls(**frames, inputs=int(account["inputs"]), columns=account.get("columns", {}))

    def duckdb(self):  # noqa: ANN201 - duckdb is imported lazily
        """Return an in-memory DuckDB connection with every frame registered as a view."""
        import duckdb

        con = duckdb.connect()
        for name in schema.FRAME_NAMES:
            con.register(name, getattr(self, name))
        return con


def _count_sources(documents: pd.DataFrame) -> int:
    """Count the input items that gave documents (a page split in parts is one item)."""
    if documents.empty:
        return 0
    is_page = documents["source_format"].isin(["txt", "html"])
    pages = documents.loc[is_page, "source_path"].nunique()
    records = len(documents.loc[~is_page, ["source_path", "part"]].drop_duplicates())
    return int(pages + records)


def _check_replaceable(out: Path) -> None:
    if out.is_symlink() or (out.exists() and not out.is_dir()):
        raise FileExistsError(f"output {out} exists and is not a folder; it is not replaced")
    if out.is_dir() and any(out.iterdir()) and not (out / _ACCOUNT_FILE).is_file():
        raise FileExistsError(f"output folder {out} holds files but no {_ACCOUNT_FILE}: it is not a saved "
                              "corpus and is not replaced; choose a new or empty folder")
