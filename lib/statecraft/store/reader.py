"""Read a store: DuckDB views over its Parquet partitions; frames and Corpus slices by filter."""

from __future__ import annotations

import os
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import pandas as pd

from statecraft import schema
from statecraft.corpus import Corpus
from statecraft.store.layout import (
    COUNTING_ROLE,
    FORMAT,
    STORE_FILE,
    STORIES_FILE,
    StoreError,
    account,
    batch_dirs,
    is_store,
    read_meta,
    schema_version,
)


class Store:
    """A store opened for reading: DuckDB views over its Parquet files.

    Attributes:
        path: The store folder.
        meta: Its ``store.json``.
    """

    def __init__(self, path: str | os.PathLike[str]) -> None:
        import duckdb

        self.path = Path(path)
        if not is_store(self.path):
            raise StoreError(f"{self.path} is not a statecraft store (no {STORE_FILE}); make one with "
                             "`statecraft annotate SOURCES --out STORE`")
        self.meta = read_meta(self.path)
        if self.meta.get("format") != FORMAT or self.meta.get("schema") != schema_version():
            raise StoreError(f"store {self.path} was written in format {self.meta.get('format')} with schema "
                             f"{self.meta.get('schema')} by statecraft {self.meta.get('statecraft')}; this "
                             f"package reads format {FORMAT}, schema {schema_version()}: annotate it again")
        self.con = duckdb.connect()
        batches = batch_dirs(self.path)
        for name in schema.FRAME_NAMES:
            if batches:
                files = [str(d / f"{name}.parquet") for d in batches]
                self.con.execute(f"create view {name}_raw as select * from read_parquet({files!r})")
            else:
                self.con.register(f"{name}_raw", schema.frame(name))
            if name != "documents":
                self.con.execute(f"create view {name} as select * from {name}_raw")
        stories = self.path / STORIES_FILE
        if stories.is_file():
            self.con.execute(f"create view stories as select * from read_parquet({str(stories)!r})")
        else:
            self.con.register("stories", pd.DataFrame({"doc_id": pd.Series(dtype="string"),
                                                       "story_id": pd.Series(dtype="string")}))
        columns = ", ".join("s.story_id" if c == "story_id" else f"d.{c}" for c in schema.SCHEMAS["documents"])
        self.con.execute(f"create view documents as select {columns} from documents_raw d "
                         "left join stories s using (doc_id)")

    def sql(self, query: str, params: Sequence[Any] | None = None) -> pd.DataFrame:
        """Run a DuckDB query over the views (documents, sentences, mentions, ...); return a frame."""
        return self.con.execute(query, params or []).df()

    def frame(
        self,
        name: str,
        *,
        countries: Sequence[str] | None = None,
        start: str | None = None,
        end: str | None = None,
        stories: Sequence[str] | None = None,
    ) -> pd.DataFrame:
        """Return one frame, restricted to the documents that pass the filters, typed and sorted.

        Args:
            name: A frame name (documents, sentences, mentions, timexes, sentiment, quarantine, removed).
            countries: Keep documents with a counting mention of one of these ISO alpha-3 codes.
            start: Keep documents published on or after this ISO date (undated ones drop out).
            end: Keep documents published on or before this ISO date.
            stories: Keep documents of these story ids.

        Returns:
            The frame, conformed to its schema.
        """
        if name not in schema.FRAME_NAMES:
            raise ValueError(f"unknown frame {name!r}; valid names: {', '.join(schema.FRAME_NAMES)}")
        where, params = self._document_filter(countries=countries, start=start, end=end, stories=stories)
        if name == "quarantine":
            data = self.sql("select * from quarantine") if not where else schema.frame("quarantine")
        elif name == "documents":
            data = self.sql(f"select * from documents d {('where ' + where) if where else ''}", params)
        else:
            sub = f"where doc_id in (select d.doc_id from documents d where {where})" if where else ""
            data = self.sql(f"select * from {name} {sub}", params)
        return schema.conform(name, data)

    def corpus(self, *, engines: Sequence[str] | None = None, **filters: Any) -> Corpus:
        """Return a pandas Corpus of the whole store, or of the documents that pass the filters.

        Args:
            engines: Sentiment engines whose rows to read (None: every engine the store holds;
                an empty list: none).
            **filters: ``countries``, ``start``, ``end``, ``stories`` as for :meth:`frame`.

        Returns:
            A Corpus. Unfiltered, it holds the quarantine and the store's input count; a
            filtered slice holds no quarantine and counts its own sources as inputs.

        Raises:
            StoreError: If an engine asked for is not in the store.
        """
        held = list(self.meta.get("engines", []))
        missing = sorted(set(engines or ()) - set(held))
        if missing:
            raise StoreError(f"store {self.path} holds sentiment of {held}, not {missing}: annotate it with "
                             f"--sentiment {','.join(sorted(set(held) | set(missing)))} into a new folder")
        frames = {name: self.frame(name, **filters) for name in schema.FRAME_NAMES if name != "sentiment"}
        scores = self.frame("sentiment", **filters) if engines is None or engines else schema.frame("sentiment")
        frames["sentiment"] = scores if engines is None else scores[scores["engine"].isin(list(engines))]
        frames["sentiment"] = frames["sentiment"].reset_index(drop=True)
        filtered = any(v is not None for v in filters.values())
        corpus = Corpus(**frames, inputs=0)
        if filtered:
            return corpus.replace(inputs=corpus.account["sources"])
        whole = account(self.path)
        return corpus.replace(inputs=whole["inputs"], columns=whole["columns"])

    def _document_filter(
        self, *, countries: Sequence[str] | None, start: str | None, end: str | None, stories: Sequence[str] | None
    ) -> tuple[str, list[Any]]:
        clauses, params = [], []
        if start is not None:
            clauses.append("d.published_date >= ?")
            params.append(str(start))
        if end is not None:
            clauses.append("d.published_date <= ?")
            params.append(str(end))
        if stories is not None:
            clauses.append("d.story_id in (select unnest(?))")
            params.append([str(s) for s in stories])
        if countries is not None:
            clauses.append("d.doc_id in (select doc_id from mentions where entity_type = 'country' and role = "
                           f"'{COUNTING_ROLE}' and entity_id in (select unnest(?)))")
            params.append([str(c).upper() for c in countries])
        return " and ".join(clauses), params

    def __repr__(self) -> str:
        acc = self.meta.get("account", {})
        return (f"Store({self.path.name!r}: {acc.get('documents', 0)} documents from {acc.get('inputs', 0)} inputs, "
                f"{len(batch_dirs(self.path))} batches, engines {self.meta.get('engines')})")


def open_store(path: str | os.PathLike[str]) -> Store:
    """Open a store written by ``statecraft annotate SOURCES --out STORE`` for reading.

    Raises:
        StoreError: If ``path`` is not a store, or was written by an incompatible version.
    """
    return Store(path)


def load_annotated(
    sources: str | os.PathLike[str],
    *,
    manifest: str | os.PathLike[str] | None = None,
    sentiment: str | Sequence[str] | None = None,
    text_column: str | None = None,
    title_column: str | None = None,
    date_column: str | None = None,
) -> Corpus:
    """Return the annotated corpus of ``sources``: read from a store, or loaded and annotated now.

    The notebooks' one entry point: a store (``statecraft annotate ... --out STORE``) is
    read, not annotated again; a folder or file is loaded and annotated in memory. Both
    give the same frames.

    Args:
        sources: A store folder, or files and folders of sources.
        manifest: A manifest CSV for sources that are not a store.
        sentiment: Engine name(s) whose sentence scores are needed, or None for none.
        text_column: The text column or key of records (as for :func:`statecraft.load_corpus`).
        title_column: The title column or key of records.
        date_column: The publication date column or key of records.

    Returns:
        The annotated Corpus (sentiment rows of the engines asked for only).

    Raises:
        StoreError: If the store lacks an engine asked for, or was annotated with other
            record columns than the ones named.
    """
    from statecraft.pipeline import _engines, annotate
    from statecraft.sources import load_corpus

    engines = list(_engines(sentiment))
    named = {"text": text_column, "title": title_column, "published": date_column}
    if is_store(sources):
        store = open_store(sources)
        used = store.meta.get("fields") or {}
        differ = {f: v for f, v in named.items() if v and used.get(f) != v}
        if differ:
            raise StoreError(f"store {store.path} was annotated with record columns {used or 'mapped automatically'}, "
                             f"not {differ}: annotate the sources again with those columns into a new folder")
        return store.corpus(engines=engines)
    corpus = load_corpus(sources, manifest=manifest, text_column=text_column, title_column=title_column,
                         date_column=date_column)
    return annotate(corpus, sentiment=engines or None)


def scored_engines(sources: str | os.PathLike[str]) -> list[str]:
    """Return the sentiment engines ``sources`` can be read with by :func:`load_annotated`.

    A store holds the engines it was annotated with; any other source is annotated on
    reading, so every engine is available.

    Args:
        sources: A store folder, or files and folders of sources.

    Returns:
        Engine names in the order of :data:`statecraft.sentiment.engines.ENGINES`.
    """
    from statecraft.sentiment.engines import ENGINES

    if is_store(sources):
        held = set(open_store(sources).meta.get("engines", []))
        return [e for e in ENGINES if e in held]
    return list(ENGINES)
