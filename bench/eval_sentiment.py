"""Measure every sentiment engine on labelled data, side by side.

    .venv/bin/python bench/eval_sentiment.py --cross              # the cross-dataset table (issue 20)
    .venv/bin/python bench/eval_sentiment.py --cross --write-reliability   # also store it in data/sentiment/
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

Cross-dataset mode (--cross; the figures that say how an engine holds on news it never saw):
the trained engines (finance, news) are retrained by their tools/ scripts' ``fit`` on one
source and scored on the other (news: ``fit_routed``, its static model and its encoder model's regression
both refitted, the shipped encoder kept as it is; it was fine-tuned on the project's crypto and written
labels, never on SEntFiN or FinEntity): SEntFiN -> FinEntity (trained on all SEntFiN headlines,
scored on every FinEntity sentence holding a labelled entity) and FinEntity -> SEntFiN
(trained on those FinEntity sentences, scored on every SEntFiN headline); the
lexicon engines need no training. Then every engine as shipped scores the crypto domain
set (bench/data/domain_sentences.csv, sentences naming a state, texts rebuilt from
../shared/corpus/crypto_news by bench/domain_set.py; a test set only), or the table says
"domain set missing". Printed: macro-F1 and per-class F1 per engine and test, then the
confusion matrices of the best engine (statecraft.sentiment.reliability.engine_ranking:
the domain set first, since it is the news the country tables score, then the mean over
the tests; no engine was trained or tuned on it). --write-reliability stores
data/sentiment/reliability.csv and data/sentiment/confusion.csv (every engine and test),
which the sentiment notebook reads for its "How reliable is this" section.

SEntFiN and FinEntity figures (other modes) use the held-out splits of statecraft.sentiment_gold
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
from pathlib import Path

import pandas as pd
from sklearn.metrics import accuracy_score, confusion_matrix, f1_score

from statecraft import schema
from statecraft.cleaning import sentences as segment
from statecraft.sentiment import gold, reliability
from statecraft.sentiment.aggregate import document_scores, targeted
from statecraft.sentiment.engines import ENGINES, normalize_text, score_sentences

LEXICON = ("textblob", "vader")
ROOT = Path(__file__).resolve().parents[1]
EVAL = ROOT.parent / "shared" / "eval"
DOMAIN_SET = ROOT / "bench" / "data" / "domain_sentences.csv"
OUT = ROOT / "data" / "sentiment"
TESTS = ("sentfin->finentity", "finentity->sentfin", "domain")
EXTRA = ("sentfin+crypto->finentity", "finentity+crypto->sentfin")
"""news retrained with the crypto texts it learns from added (labelled corpus sentences and written sentences;
printed, not in reliability.csv)."""


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


def _fitters() -> dict:
    sys.path.insert(0, str(ROOT / "tools"))
    import train_finance_model
    import train_news_model

    return {"finance": train_finance_model.fit, "news": train_news_model.fit_routed}


def _predict(engine: str, texts: list[str], model=None) -> list[str]:
    if model is None:
        return [r["label"] for r in score_sentences(texts, engine=engine)]
    proba = model.predict_proba([normalize_text(t) for t in texts])
    if hasattr(model, "labels"):
        return model.labels(proba)
    return [model.classes[i] for i in proba.argmax(axis=1)]


def _figures(engine: str, test: str, train: str, truth: list[str], predicted: list[str]) -> dict:
    per_class = f1_score(truth, predicted, average=None, labels=list(gold.LABELS))
    return {"engine": engine, "test": test, "train": train, **metrics(truth, predicted),
            **{f"f1_{label}": round(float(f), 4) for label, f in zip(gold.LABELS, per_class, strict=True)}}  # fmt: skip


def _confusion(engine: str, test: str, truth: list[str], predicted: list[str]) -> list[dict]:
    matrix = confusion_matrix(truth, predicted, labels=list(gold.LABELS))
    return [{"engine": engine, "test": test, "gold": g, "predicted": p, "n": int(matrix[i, j])}
            for i, g in enumerate(gold.LABELS) for j, p in enumerate(gold.LABELS)]  # fmt: skip


def _crypto_train() -> pd.DataFrame | None:
    """The crypto texts the shipped news model learns from besides the headline sources: the corpus
    sentences labelled for training (bench/data/domain_train.csv) and the sentences the project wrote
    (bench/data/domain_written.csv), with their source; None without the corpus."""
    sys.path.insert(0, str(ROOT / "tools"))
    import train_news_model as tn

    if not tn.CORPUS.exists():
        return None
    labelled = gold.labelled_texts(tn.CRYPTO_TRAIN, gold.read_corpus(tn.CORPUS)).assign(source="crypto")
    return pd.concat([labelled, gold.read_written(tn.WRITTEN).assign(source="written")], ignore_index=True)


def cross_dataset(sentfin: Path, finentity: Path, domain: Path, engines: Iterable[str]) -> tuple[list, list]:
    """Score every engine cross-dataset and on the domain set; return figure rows and confusion rows."""
    sf = gold.read_sentfin(sentfin)
    paragraphs = gold.read_finentity(finentity)
    fe_sent = gold.finentity_texts(paragraphs, unit="sentence")
    splits = {"sentfin->finentity": ("sentfin", sf, fe_sent), "finentity->sentfin": ("finentity", fe_sent, sf)}
    fitters = _fitters()
    rows, predictions = [], {}
    for engine in engines:
        for test, (source, train, target) in splits.items():
            model = fitters[engine](train["text"].tolist(), train["label"].tolist()) if engine in fitters else None
            predicted = _predict(engine, target["text"].tolist(), model)
            rows.append(_figures(engine, test, source if model else "-", target["label"].tolist(), predicted))
            predictions[engine, test] = (target["label"].tolist(), predicted)
    crypto = _crypto_train()
    if crypto is not None and "news" in engines:
        # the shipped news model also learns from crypto sentences labelled for training: the same
        # cross-dataset test with them added to the one headline source (still never the test source)
        for test, (source, train, target) in splits.items():
            both = pd.concat([train.assign(source=source), crypto], ignore_index=True)
            model = fitters["news"](both["text"].tolist(), both["label"].tolist(), sources=both["source"].tolist())
            predicted = _predict("news", target["text"].tolist(), model)
            rows.append(_figures("news", test.replace("->", "+crypto->"), f"{source}+crypto",
                                 target["label"].tolist(), predicted))  # fmt: skip
    if domain.exists():
        sys.path.insert(0, str(ROOT / "bench"))
        import domain_set

        data = domain_set.load(set_path=domain)
        for engine in engines:
            predicted = _predict(engine, data["text"].tolist())
            train = {"news": "sentfin+finentity+crypto", "finance": "sentfin+finentity"}.get(engine, "-")
            rows.append(_figures(engine, "domain", train, data["label"].tolist(), predicted))
            predictions[engine, "domain"] = (data["label"].tolist(), predicted)
    stored = pd.DataFrame([r for r in rows if r["test"] in TESTS])
    best = reliability.engine_ranking(stored)[0]  # the notebooks' order: domain set first
    confusion = [c for (e, t), (g, p) in sorted(predictions.items(), key=lambda kv: (kv[0][0] != best, kv[0]))
                 for c in _confusion(e, t, g, p)]  # every engine's, the best first
    return rows, confusion


def print_cross(rows: list[dict], confusion: list[dict], domain: Path) -> None:
    """Print the cross-dataset table (engines x tests) and the best engine's confusion matrices."""
    table = pd.DataFrame(rows)
    wide = table.pivot_table(index="engine", columns="test", values="macro_f1", aggfunc="first")
    for test in TESTS:
        if test not in wide:
            wide[test] = pd.NA
    wide = wide[list(TESTS) + [t for t in EXTRA if t in wide]]
    wide = wide.assign(cross_mean=wide[list(TESTS[:2])].mean(axis=1).round(4))
    wide = wide.sort_values("cross_mean", ascending=False, kind="mergesort")
    print("macro-F1 (train -> test; domain = crypto sentences naming a state, engines as shipped)")
    print(wide.to_string(na_rep="-"))
    if not domain.exists():
        print(f"domain set missing: {domain} not found")
    print("\nper-class F1")
    cols = ["engine", "test", "train", "n", "accuracy", "macro_f1", "f1_negative", "f1_neutral", "f1_positive"]
    print(table[cols].to_string(index=False))
    best = confusion[0]["engine"]
    frame = pd.DataFrame(confusion)
    for test, group in frame[frame["engine"] == best].groupby("test", sort=False):
        matrix = group.pivot_table(index="gold", columns="predicted", values="n", aggfunc="sum")
        matrix = matrix.loc[list(gold.LABELS), list(gold.LABELS)]
        print(f"\nconfusion of the best engine ({best}), {test} (rows gold, columns predicted)")
        print(matrix.to_string())


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("data", nargs="*", help="CSV files with columns text,label")
    parser.add_argument("--sentfin", help="SEntFiN.csv (scores the held-out split)")
    parser.add_argument("--finentity", help="FinEntity.json (sentence and entity level, held-out split)")
    parser.add_argument("--split", choices=["heldout", "all"], default="heldout")
    parser.add_argument("--engines", nargs="+", default=list(ENGINES), choices=list(ENGINES))
    parser.add_argument("--no-domain", action="store_true", help="skip the domain=True rows")
    parser.add_argument("--json", help="also write the rows to this JSON file")
    parser.add_argument("--cross", action="store_true", help="cross-dataset table and the domain set")
    parser.add_argument("--domain-set", type=Path, default=DOMAIN_SET)
    parser.add_argument("--write-reliability", action="store_true",
                        help="with --cross: store reliability.csv and confusion.csv in data/sentiment/")
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.WARNING)
    if args.cross:
        sentfin = Path(args.sentfin or EVAL / "sentfin" / "SEntFiN.csv")
        finentity = Path(args.finentity or EVAL / "finentity" / "FinEntity.json")
        rows, confusion = cross_dataset(sentfin, finentity, args.domain_set, args.engines)
        print_cross(rows, confusion, args.domain_set)
        if args.write_reliability:
            stored = pd.DataFrame([r for r in rows if r["test"] in TESTS])
            stored.sort_values(["engine", "test"]).to_csv(OUT / "reliability.csv", index=False)
            pd.DataFrame(confusion).to_csv(OUT / "confusion.csv", index=False)
        return 0
    if not (args.data or args.sentfin or args.finentity):
        parser.error("give DATA.csv, --sentfin, --finentity or --cross")
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
