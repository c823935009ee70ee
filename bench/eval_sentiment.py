"""Measure every sentiment engine on labelled data, side by side.

    .venv/bin/python bench/eval_sentiment.py DATA.csv             # columns text,label
    .venv/bin/python bench/eval_sentiment.py --sentfin ../shared/eval/sentfin/SEntFiN.csv
    .venv/bin/python bench/eval_sentiment.py --finentity ../shared/eval/finentity/FinEntity.json

Sentence mode (DATA.csv, --sentfin, and the sentence part of --finentity): accuracy and
macro-F1 of each engine's sentence label; lexicon engines are also run with domain=True
(rows ``textblob+domain``, ``vader+domain``) to measure the domain adjustments.

Entity mode (--finentity): each annotated entity is a target; its label is the
targeted score (statecraft.sentiment_aggregate.targeted: mean polarity of the sentences
that mention it, labelled with the engine's threshold), compared with the gold entity
label; the row ``<engine>/paragraph`` gives every entity its paragraph's mean instead,
a baseline that shows what targeting adds.

SEntFiN and FinEntity figures use the held-out splits of statecraft.sentiment_gold
(the finance model never saw them); --split all scores everything (only fair for the
lexicon engines). The data are read from their shared location and never copied.
"""

from __future__ import annotations

import argparse
import json
import logging
import sys
import time
from collections.abc import Iterable

import pandas as pd
from sklearn.metrics import accuracy_score, f1_score

from statecraft import schema
from statecraft.cleaning import sentences as segment
from statecraft.sentiment import gold
from statecraft.sentiment.aggregate import document_scores, targeted
from statecraft.sentiment.engines import ENGINES, score_sentences

LEXICON = ("textblob", "vader")


def variants(engines: Iterable[str], domain: bool) -> list[tuple[str, str, bool]]:
    out = []
    for engine in engines:
        out.append((engine, engine, False))
        if domain and engine in LEXICON:
            out.append((f"{engine}+domain", engine, True))
    return out


def metrics(gold_labels: list[str], predicted: list[str]) -> dict:
    return {
        "n": len(gold_labels),
        "accuracy": round(float(accuracy_score(gold_labels, predicted)), 4),
        "macro_f1": round(float(f1_score(gold_labels, predicted, average="macro", labels=list(gold.LABELS))), 4),
    }


def eval_sentences(data: pd.DataFrame, engines: Iterable[str], *, domain: bool, name: str) -> list[dict]:
    rows = []
    texts = data["text"].tolist()
    for label, engine, dom in variants(engines, domain):
        start = time.perf_counter()
        predicted = [r["label"] for r in score_sentences(texts, engine=engine, domain=dom)]
        rows.append({"data": name, "engine": label, **metrics(data["label"].tolist(), predicted),
                     "seconds": round(time.perf_counter() - start, 1)})  # fmt: skip
    return rows


def finentity_frames(paragraphs: list[dict]) -> tuple[pd.DataFrame, pd.DataFrame, list[str]]:
    """Build sentences and mentions frames from FinEntity; one target per annotation."""
    sentences, mentions, gold_labels = [], [], []
    for i, para in enumerate(paragraphs):
        doc_id, text = f"p{i:04d}", para["content"]
        spans = segment.sentence_spans(text)
        sentences += [{"doc_id": doc_id, "sentence_id": k, "start": s, "end": e, "text": text[s:e]}
                      for k, (s, e) in enumerate(spans)]  # fmt: skip
        for j, entity in enumerate(para["entities"]):
            sid = next((k for k, (s, e) in enumerate(spans) if s <= entity["start"] < e), None)
            mentions.append({"doc_id": doc_id, "sentence_id": sid, "start": entity["start"], "end": entity["end"],
                             "surface": entity["entity"], "entity_type": "organization", "entity_id": f"e{j:02d}",
                             "alias_kind": "gold", "role": "subject"})  # fmt: skip
            gold_labels.append(entity["label"])
    return schema.frame("sentences", sentences), schema.frame("mentions", mentions), gold_labels


def eval_entities(paragraphs: list[dict], engines: Iterable[str], *, domain: bool, name: str) -> list[dict]:
    sentences, mentions, _ = finentity_frames(paragraphs)
    truth = mentions[["doc_id", "entity_id"]].assign(gold=[e["label"] for p in paragraphs for e in p["entities"]])
    rows = []
    for label, engine, dom in variants(engines, domain):
        scores = score_sentences(sentences["text"].tolist(), engine=engine, domain=dom)
        sentiment = schema.frame("sentiment", [
            {"doc_id": d, "sentence_id": s, "engine": engine, **row}
            for d, s, row in zip(sentences["doc_id"], sentences["sentence_id"], scores, strict=True)
        ])  # fmt: skip
        target = targeted(sentiment, mentions, entity_type="organization")[["doc_id", "entity_id", "label"]]
        joined = truth.merge(target, on=["doc_id", "entity_id"], how="left", validate="1:1")
        predicted = joined["label"].fillna("neutral").tolist()
        rows.append({"data": name, "engine": label, **metrics(joined["gold"].tolist(), predicted)})
        docs = document_scores(sentiment, sentences)[["doc_id", "label"]]
        base = truth.merge(docs, on="doc_id", how="left", validate="m:1")
        rows.append({"data": name, "engine": f"{label}/paragraph",
                     **metrics(base["gold"].tolist(), base["label"].fillna("neutral").tolist())})  # fmt: skip
    return rows


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("data", nargs="*", help="CSV files with columns text,label")
    parser.add_argument("--sentfin", help="SEntFiN.csv (scores the held-out split)")
    parser.add_argument("--finentity", help="FinEntity.json (sentence and entity level, held-out split)")
    parser.add_argument("--split", choices=["heldout", "all"], default="heldout")
    parser.add_argument("--engines", nargs="+", default=list(ENGINES), choices=list(ENGINES))
    parser.add_argument("--no-domain", action="store_true", help="skip the domain=True rows")
    parser.add_argument("--json", help="also write the rows to this JSON file")
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.WARNING)
    if not (args.data or args.sentfin or args.finentity):
        parser.error("give DATA.csv, --sentfin or --finentity")
    domain, rows = not args.no_domain, []
    for path in args.data:
        rows += eval_sentences(gold.read_labelled_csv(path), args.engines, domain=domain, name=path)
    if args.sentfin:
        data = gold.read_sentfin(args.sentfin)
        data = data if args.split == "all" else data[data["heldout"]]
        rows += eval_sentences(data, args.engines, domain=domain, name=f"sentfin:{args.split}")
    if args.finentity:
        paragraphs = gold.read_finentity(args.finentity)
        paragraphs = paragraphs if args.split == "all" else [p for p in paragraphs if p["heldout"]]
        sentences = gold.finentity_texts(paragraphs, unit="sentence")
        rows += eval_sentences(sentences, args.engines, domain=domain, name=f"finentity-sentences:{args.split}")
        rows += eval_entities(paragraphs, args.engines, domain=domain, name=f"finentity-entities:{args.split}")
    table = pd.DataFrame(rows)
    with pd.option_context("display.width", 200, "display.max_rows", 200):
        print(table.drop(columns=["seconds"], errors="ignore").to_string(index=False))
    if args.json:
        with open(args.json, "w", encoding="utf-8") as handle:
            json.dump(rows, handle, indent=2)
    return 0


if __name__ == "__main__":
    sys.exit(main())
