"""Write a store: read inputs as a stream of batches, annotate each, move each into place whole.

:func:`annotate_to_store` reads its inputs as a stream of pieces (see
:mod:`statecraft.sources.stream`), annotates each batch and writes it into the store as
one folder moved into place whole; memory is bounded by the batch. Batches whose input
pieces are already in the store are skipped, so a killed run resumes where it stopped and
a re-run on unchanged inputs annotates nothing; a batch holding an input that changed or
went away is removed and its other pieces annotated again. On a process pool or a Dask
cluster each worker reads its own batch from the paths it is sent and writes its own
partitions; only small accounting dicts come back to the caller.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import sys
import threading
import time
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any

import pandas as pd

from statecraft import schema
from statecraft.analysis.stories import assign_stories
from statecraft.lifetime import die_with_parent
from statecraft.pipeline import _engines, annotate
from statecraft.store import layout

BATCH_BYTES = 2 * 1024 * 1024
"""Input bytes per batch of a store run (about 1,000 news articles)."""
BATCH_FILES = 1000
"""Most files per batch of a store run."""


def annotate_to_store(
    sources: str | os.PathLike[str] | Sequence[str | os.PathLike[str]],
    out: str | os.PathLike[str],
    *,
    manifest: str | os.PathLike[str] | bool | None = None,
    fields: Mapping[str, str] | None = None,
    sentiment: str | Iterable[str] | None = "textblob",
    workers: int = 1,
    scheduler: str | None = None,
    batch_bytes: int = BATCH_BYTES,
    max_bytes: int | None = None,
    max_chars: int | None = None,
    progress: bool = False,
) -> dict[str, Any]:
    """Annotate sources into a store folder, batch by batch; skip what the store already holds.

    Args:
        sources: Files and folders, as for :func:`statecraft.load_corpus`.
        out: The store folder (created if missing).
        manifest: As for :func:`statecraft.load_corpus`.
        fields: As for :func:`statecraft.load_corpus`.
        sentiment: Engine name, several names, or None.
        workers: Processes; each reads, annotates and writes whole batches.
        scheduler: Address of a Dask scheduler; its workers read their batches from the
            paths they are sent and write into ``out``, which they must all see.
        batch_bytes: Input bytes per batch (memory is bounded by the batch, not the corpus).
        max_bytes: Whole files larger than this are quarantined (large JSONL and CSV files
            are read in pieces instead); default as for :func:`statecraft.load_corpus`.
        max_chars: Longer articles are quarantined as too_long.
        progress: Show a progress bar with articles/s on stderr.

    Returns:
        The accounting of the store (inputs, sources, documents, quarantined, by_reason),
        plus this run's ``annotated`` and ``skipped_unchanged`` document counts, ``batches``
        written and ``removed_batches`` (of inputs that changed or went away).

    Raises:
        StoreError: If another run holds the store, or it was made by another package
            version, schema or set of engines.
        ValueError: If ``workers`` or ``batch_bytes`` is below 1 or an engine is unknown.
    """
    from statecraft.sources import folders, stream

    engines = _engines(sentiment)
    if workers < 1 or batch_bytes < 1:
        raise ValueError(f"workers and batch_bytes must be >= 1, got {workers!r} and {batch_bytes!r}")
    limits = {"max_bytes": max_bytes or folders.DEFAULT_MAX_BYTES, "max_chars": max_chars or folders.DEFAULT_MAX_CHARS}
    roots = [os.path.abspath(p) for p in ([sources] if isinstance(sources, str | os.PathLike) else sources)]
    root, pieces = stream.plan(roots, manifest=manifest, max_bytes=limits["max_bytes"],
                               piece_bytes=min(stream.PIECE_BYTES, batch_bytes))
    folder = Path(out).resolve()
    identity = _identity(engines)
    salt = _salt(root, manifest, fields, limits)
    with layout.locked(folder):
        meta = layout.read_meta(folder)
        _check_identity(meta, identity, folder)
        if not meta:  # written first, so a killed first run is still known as this store and resumes
            layout.write_meta(folder, {**identity, "fields": dict(fields or {}), "inputs": [], "batches": 0,
                                       "account": {}})
        held, removed = _held_pieces(folder, {p.key for p in pieces}, salt)
        todo = [p for p in pieces if p.key not in held]
        jobs = [
            {"store": str(folder), "root": str(root), "roots": roots, "pieces": group, "manifest": manifest,
             "salt": salt, "fields": dict(fields or {}), "engines": engines, **limits}
            for group in _group(todo, batch_bytes)
        ]
        results = _run_batches(jobs, workers=workers, scheduler=scheduler, progress=progress)
        if results or removed or not (folder / layout.STORIES_FILE).exists():
            _write_stories(folder, workers=workers)
        account = layout.account(folder)
        layout.write_meta(folder, {
            **identity,
            "fields": dict(fields or {}),
            "inputs": sorted({(p.rel, p.digest) for p in pieces if p.digest}),
            "batches": len(layout.batch_dirs(folder)),
            "account": account,
        })
    annotated = sum(r["documents"] for r in results)
    return {**account, "annotated": annotated, "skipped_unchanged": account["documents"] - annotated,
            "batches": len(results), "removed_batches": removed}


def prepare(out: str | os.PathLike[str]) -> None:
    """Check that ``out`` may become a store; clear a corpus folder written by ``Corpus.save``.

    Raises:
        StoreError: If ``out`` is a file, or a folder holding files that are neither a
            store nor a saved corpus (they are never replaced).
    """
    folder = Path(out)
    if folder.is_symlink() or (folder.exists() and not folder.is_dir()):
        raise layout.StoreError(f"output {folder} exists and is not a folder; it is not replaced")
    if not folder.is_dir() or layout.is_store(folder) or not any(folder.iterdir()):
        return
    saved = {f"{name}.parquet" for name in schema.FRAME_NAMES} | {"account.json"}
    names = {p.name for p in folder.iterdir()}
    if "account.json" not in names or not names <= saved:
        raise layout.StoreError(f"output folder {folder} holds files but no {layout.STORE_FILE}: it is not a saved "
                                "corpus or store and is not replaced; choose a new or empty folder")
    for name in names:  # a corpus saved by an earlier version: its frames are rebuilt in the store
        (folder / name).unlink()


def discard(out: str | os.PathLike[str]) -> None:
    """Remove a store folder this run created and could not fill."""
    shutil.rmtree(out, ignore_errors=True)


def _identity(engines: tuple[str, ...]) -> dict[str, Any]:
    from statecraft import __version__

    return {"format": layout.FORMAT, "statecraft": __version__, "schema": layout.schema_version(),
            "engines": list(engines)}


def _check_identity(meta: dict[str, Any], identity: dict[str, Any], folder: Path) -> None:
    if not meta:
        if (folder / layout.BATCHES).exists():
            raise layout.StoreError(f"{folder} holds batches but no {layout.STORE_FILE}: not a store this package "
                                   "wrote; choose a new or empty folder")
        return
    differ = {k: (meta.get(k), v) for k, v in identity.items() if meta.get(k) != v}
    if differ:
        said = "; ".join(f"{k}: store has {a!r}, this run {b!r}" for k, (a, b) in sorted(differ.items()))
        raise layout.StoreError(f"store {folder} was made differently ({said}); its frames are not mixed with "
                               "this run's: write to a new folder, or delete this one to rebuild it")


def _salt(root: Path, manifest: Any, fields: Mapping[str, str] | None, limits: dict[str, int]) -> str:
    """Hash of what, besides the input bytes, decides a batch's frames (manifest, fields, limits)."""
    file = Path(manifest) if isinstance(manifest, str | os.PathLike) else root / "manifest.csv"
    used = manifest is not False and file.is_file()
    digest = hashlib.sha256(file.read_bytes()).hexdigest() if used else ""
    raw = json.dumps({"manifest": digest, "fields": dict(fields or {}), **limits}, sort_keys=True)
    return hashlib.sha256(raw.encode()).hexdigest()[:16]


def _held_pieces(folder: Path, wanted: set[str], salt: str) -> tuple[set[str], int]:
    """Return the pieces the store holds; remove batches holding inputs that changed or went away."""
    held: set[str] = set()
    removed = 0
    for batch in layout.batch_dirs(folder):
        info = json.loads((batch / layout.BATCH_FILE).read_text(encoding="utf-8"))
        if info.get("salt") == salt and set(info["pieces"]) <= wanted:
            held.update(info["pieces"])
            continue
        trash = folder / ".staging" / f"removed-{batch.name}"
        trash.parent.mkdir(exist_ok=True)
        shutil.rmtree(trash, ignore_errors=True)
        os.replace(batch, trash)  # gone from readers in one step; its still-valid pieces are annotated again
        shutil.rmtree(trash, ignore_errors=True)
        removed += 1
    return held, removed


def _group(pieces: list, batch_bytes: int) -> list[list]:
    """Cut the pieces, in order, into batches of about ``batch_bytes`` input bytes."""
    groups: list[list] = []
    size = 0
    for piece in pieces:
        weight = piece.end - piece.start if piece.end >= 0 else _size(piece.path)
        if not groups or size >= batch_bytes or len(groups[-1]) >= BATCH_FILES:
            groups.append([])
            size = 0
        groups[-1].append(piece)
        size += weight
    return groups


def _size(path: str) -> int:
    try:
        return os.stat(path).st_size
    except OSError:
        return 0


def _run_batches(jobs: list[dict], *, workers: int, scheduler: str | None, progress: bool) -> list[dict]:
    from tqdm.auto import tqdm

    bar = tqdm(total=len(jobs), unit="batch", disable=not progress or not jobs, file=sys.stderr, dynamic_ncols=True)
    started, done, results = time.monotonic(), 0, []
    warm: threading.Thread | None = None

    def finished(info: dict) -> None:
        nonlocal done
        results.append(info)
        done += info["documents"]
        bar.update(1)
        bar.set_postfix(articles=done, articles_s=round(done / max(time.monotonic() - started, 1e-9), 1))

    try:
        if scheduler:
            from dask.distributed import Client, as_completed

            with Client(scheduler) as client:
                futures = [client.submit(write_batch, job, pure=False) for job in jobs]
                warm = _warm_up()
                for future in as_completed(futures):
                    finished(future.result())
        elif workers == 1 or len(jobs) < 2:
            for job in jobs:
                finished(write_batch(job))
        else:
            from concurrent.futures import ProcessPoolExecutor, as_completed

            with ProcessPoolExecutor(max_workers=workers, initializer=die_with_parent) as pool:
                futures = [pool.submit(write_batch, job) for job in jobs]
                warm = _warm_up()  # only now: the pool forks every worker at the first submit, never after
                for future in as_completed(futures):
                    finished(future.result())
    finally:
        bar.close()
        if warm is not None:
            warm.join()
    return sorted(results, key=lambda r: r["key"])


def _warm_up() -> threading.Thread:
    """Import what the stories pass needs (scikit-learn, DuckDB: 1.5 s) while the workers annotate.

    The stories are linked in this process once every batch is written; with workers elsewhere
    it has nothing else to do meanwhile, so the imports cost no time (one worker annotates here:
    there it would only slow the annotation down).
    """

    def imports() -> None:
        import duckdb  # noqa: F401
        import sklearn.feature_extraction.text  # noqa: F401

    thread = threading.Thread(target=imports, name="statecraft-warm-up", daemon=True)
    thread.start()
    return thread


def write_batch(job: dict[str, Any]) -> dict[str, Any]:
    """Read, annotate and write one batch into the store; return its accounting (runs on any worker).

    The frames are written into a staging folder that is then renamed into
    ``batches/<key>`` in one step, so a batch is in the store whole or not at all.
    """
    from statecraft.sources import stream

    folder = Path(job["store"])
    keys = sorted(p.key for p in job["pieces"])
    key = hashlib.sha256("\0".join([job["salt"], *keys]).encode()).hexdigest()[:24]
    corpus = stream.read_pieces(job["pieces"], root=job["root"], roots=job["roots"], manifest=job["manifest"],
                                fields=job["fields"] or None, max_bytes=job["max_bytes"], max_chars=job["max_chars"])
    ann = annotate(corpus, sentiment=job["engines"], workers=1, stories=False)
    account = ann.account
    info = {"key": key, "salt": job["salt"], "pieces": keys, "inputs": account["inputs"],
            "sources": account["sources"], "documents": account["documents"],
            "quarantined": account["quarantined"], "by_reason": account["by_reason"],
            "columns": account["columns"]}
    final = folder / layout.BATCHES / key
    if final.exists():
        return info
    staging = folder / ".staging" / f"{key}.{os.getpid()}"
    shutil.rmtree(staging, ignore_errors=True)
    staging.mkdir(parents=True)
    for name in schema.FRAME_NAMES:
        getattr(ann, name).to_parquet(staging / f"{name}.parquet", index=False)
    (staging / layout.BATCH_FILE).write_text(json.dumps(info, indent=1, sort_keys=True) + "\n", encoding="utf-8")
    final.parent.mkdir(exist_ok=True)
    try:
        os.rename(staging, final)
    except OSError:  # another run wrote the same batch first: same inputs, same frames
        shutil.rmtree(staging, ignore_errors=True)
    return info


def _write_stories(folder: Path, *, workers: int = 1) -> None:
    """Link stories over every document of the store; write doc_id -> story_id atomically.

    ``workers`` processes search the candidate pairs (the same stories with any number).
    """
    import duckdb

    from statecraft.analysis import stories as _stories

    files = [str(d / "documents.parquet") for d in layout.batch_dirs(folder)]
    rows = []
    if files:
        con = duckdb.connect()
        result = con.execute("select doc_id, title, title_source, text, published_date "
                             f"from read_parquet({files!r})")
        while chunk := result.fetchmany(10_000):
            rows.extend((d, t, s, _stories.lead_words(x or ""), p)
                        for d, t, s, x, p in chunk)
    columns = ["doc_id", "title", "title_source", "text", "published_date"]
    docs = pd.DataFrame(rows, columns=columns).astype("string")
    docs = docs.sort_values("doc_id", ignore_index=True)  # the order of the documents frame
    linked = assign_stories(docs, workers=workers)[["doc_id", "story_id"]].sort_values("doc_id").reset_index(drop=True)
    tmp = folder / f".{layout.STORIES_FILE}.{os.getpid()}.tmp"
    linked.to_parquet(tmp, index=False)
    os.replace(tmp, folder / layout.STORIES_FILE)

