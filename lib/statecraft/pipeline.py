"""annotate(): run every per-document stage and collect the frames.

The per-document stages (segment, tag, timexes, sentiment) are pure functions of a
document's text and publication date, so they run the same in this process, in a
process pool (``workers=N``) or on a Dask cluster (``scheduler=ADDRESS``), and give
identical frames. Corpus-level stages (stories) run afterwards on the collected frames.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from typing import Any

import pandas as pd

from statecraft import schema
from statecraft.analysis.stories import assign_stories
from statecraft.cleaning.sentences import sentence_spans
from statecraft.corpus import Corpus
from statecraft.lifetime import die_with_parent
from statecraft.sentiment.engines import check_engine, score_sentences
from statecraft.sources import language
from statecraft.tagging.tagger import tag_text
from statecraft.timexes.extractor import extract_timexes

log = logging.getLogger(__name__)

_DOC_FRAMES = ("sentences", "mentions", "timexes", "sentiment")
_TAGGED_LANGUAGES = language.COVERED  # other languages are segmented and flagged, not tagged as if English


def annotate(
    corpus: Corpus,
    *,
    sentiment: str | Iterable[str] | None = "textblob",
    workers: int = 1,
    scheduler: str | None = None,
    stories: bool = True,
) -> Corpus:
    """Fill every frame of ``corpus``: sentences, mentions, timexes, sentiment, stories.

    Args:
        corpus: A corpus with documents (from :func:`load_corpus` or :func:`from_records`).
        sentiment: Engine name, several names, or None to skip sentiment scoring.
        workers: Processes to use; 1 runs in this process.
        scheduler: Address of a Dask scheduler; when given, documents are sent there.
        stories: False leaves ``story_id`` empty (a store links stories over all its batches).

    Returns:
        A new Corpus with all frames filled. A document whose annotation raised keeps
        its row, gets no sentences or tags, and is flagged ``annotate_error:<Exception>``
        (the error is logged); the rest of the batch goes on.

    Raises:
        ValueError: If an engine name is unknown or ``workers`` is below 1.
    """
    engines = _engines(sentiment)
    if workers < 1:
        raise ValueError(f"workers must be >= 1, got {workers!r}")
    docs = corpus.documents
    tag = [pd.isna(lang) or str(lang) in _TAGGED_LANGUAGES for lang in docs["language"]]
    tasks = [
        (str(d), str(t), None if pd.isna(p) else str(p), engines, g)
        for d, t, p, g in zip(docs["doc_id"], docs["text"], docs["published_date"], tag, strict=True)
    ]
    results = _run(tasks, workers=workers, scheduler=scheduler)
    rows: dict[str, list[dict[str, Any]]] = {name: [] for name in _DOC_FRAMES}
    errors = {}
    for task, result in zip(tasks, results, strict=True):
        for name in _DOC_FRAMES:
            rows[name].extend(result[name])
        if "error" in result:
            errors[task[0]] = result["error"]
    frames = {name: schema.frame(name, rows[name]) for name in _DOC_FRAMES}
    documents = _flag(docs, errors)
    documents = assign_stories(documents, workers=workers) if stories else documents
    log.info("annotated %d documents", len(docs))
    return corpus.replace(documents=documents, **frames)


def _flag(docs: pd.DataFrame, errors: dict[str, str]) -> pd.DataFrame:
    """Add an ``annotate_error:<Exception>`` flag to the documents whose annotation failed."""
    if not errors:
        return docs
    flags = [
        ";".join(sorted({*filter(None, str(f).split(";")), errors[d]})) if d in errors else f
        for d, f in zip(docs["doc_id"], docs["flags"], strict=True)
    ]
    return docs.assign(flags=flags)


def annotate_document(
    doc_id: str, text: str, published: str | None, engines: tuple[str, ...], tag: bool = True
) -> dict[str, list[dict[str, Any]]]:
    """Run the per-document stages on one document.

    Args:
        doc_id: The document's id, copied into every row.
        text: The document text; every offset refers to it.
        published: ISO publication date, or None.
        engines: Sentiment engine names (may be empty).
        tag: False for a text in another language than English: it is only segmented.

    Returns:
        Row lists for the sentences, mentions, timexes and sentiment frames.
    """
    spans = sentence_spans(text)
    sentences = [
        {"doc_id": doc_id, "sentence_id": i, "start": s, "end": e, "text": text[s:e]}
        for i, (s, e) in enumerate(spans)
    ]
    if not tag:
        return {"sentences": sentences, "mentions": [], "timexes": [], "sentiment": []}
    mentions = [{"doc_id": doc_id, **row} for row in tag_text(text, spans)]
    found = [{"doc_id": doc_id, **row} for row in extract_timexes(text, published, spans)]
    scores = []
    sentence_texts = [text[s:e] for s, e in spans]
    for engine in engines:
        for i, row in enumerate(score_sentences(sentence_texts, engine=engine)):
            scores.append({"doc_id": doc_id, "sentence_id": i, "engine": engine, **row})
    return {"sentences": sentences, "mentions": mentions, "timexes": found, "sentiment": scores}


def _annotate_task(task: tuple[str, str, str | None, tuple[str, ...], bool]) -> dict[str, Any]:
    """Annotate one document; a failure is returned as a flag, so one document never ends a batch."""
    try:
        return annotate_document(*task)
    except Exception as err:  # noqa: BLE001 - any stage failure is reported, not raised
        log.exception("annotating %s failed", task[0])
        return {**{name: [] for name in _DOC_FRAMES}, "error": f"annotate_error:{type(err).__name__}"}


def _engines(value: str | Iterable[str] | None) -> tuple[str, ...]:
    if value is None:
        return ()
    names = (value,) if isinstance(value, str) else tuple(value)
    for name in names:
        check_engine(name)
    return names


def _run(tasks: list, *, workers: int, scheduler: str | None) -> list:
    if scheduler:
        from dask.distributed import Client  # optional: only needed with a cluster

        with Client(scheduler) as client:
            futures = client.map(_annotate_task, tasks, pure=True)
            return client.gather(futures)
    if workers == 1 or len(tasks) < 2:
        return [_annotate_task(t) for t in tasks]
    from concurrent.futures import ProcessPoolExecutor

    chunk = max(1, len(tasks) // (workers * 8))
    with ProcessPoolExecutor(max_workers=workers, initializer=die_with_parent) as pool:
        return list(pool.map(_annotate_task, tasks, chunksize=chunk))

