"""Train the ``finance`` sentiment model and write it to data/sentiment/ (deterministic).

    .venv/bin/python tools/train_finance_model.py                # rebuild in place
    .venv/bin/python tools/train_finance_model.py --check        # rebuild to a temp dir, compare bytes

Training data (the held-out parts are never used for training, so the figures stored in
finance_model.json are honest held-out figures for the shipped model):

* SEntFiN 1.0 headlines (MIT), train split (80 %), sentence labels from entity labels;
* FinEntity (ODC-BY), train split (70 % of paragraphs): each syntok sentence holding a
  labelled entity, and each whole paragraph.

Label rules and the split are in statecraft.sentiment_gold. The output is byte-identical
for identical inputs and library versions: the npz is written with fixed zip timestamps
and the JSON with sorted keys; logistic regression (lbfgs) is deterministic.
"""

from __future__ import annotations

import argparse
import hashlib
import io
import json
import logging
import sys
import tempfile
import zipfile
from pathlib import Path

import numpy as np
import pandas as pd
import sklearn
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import accuracy_score, f1_score

from statecraft.sentiment import finance as fin
from statecraft.sentiment import gold
from statecraft.sentiment.engines import normalize_text

log = logging.getLogger("train_finance_model")

ROOT = Path(__file__).resolve().parents[1]
EVAL = ROOT.parent / "shared" / "eval"
PARAMS = {"C": 2.0, "min_df": 3, "lexicon_scale": 1.0, "max_iter": 5000}
CLASSES = ("negative", "neutral", "positive")


def word_analyzer(text: str) -> list[str]:
    return fin.word_grams(fin.preprocess(text))


def char_analyzer(text: str) -> list[str]:
    return fin.char_grams(fin.preprocess(text))


def load_data(sentfin: Path, finentity: Path) -> dict[str, pd.DataFrame]:
    sf = gold.read_sentfin(sentfin)
    paragraphs = gold.read_finentity(finentity)
    fe_sent = gold.finentity_texts(paragraphs, unit="sentence")
    fe_para = gold.finentity_texts(paragraphs, unit="paragraph")
    train = pd.concat(
        [sf[~sf["heldout"]], fe_sent[~fe_sent["heldout"]], fe_para[~fe_para["heldout"]]], ignore_index=True
    )
    return {
        "train": train,
        "sentfin_heldout": sf[sf["heldout"]],
        "finentity_heldout_sentences": fe_sent[fe_sent["heldout"]],
        "finentity_heldout_paragraphs": fe_para[fe_para["heldout"]],
    }


def features(texts: list[str], vectorizers: tuple[TfidfVectorizer, TfidfVectorizer], *, fit: bool):
    from scipy.sparse import csr_matrix, hstack

    blocks = [v.fit_transform(texts) if fit else v.transform(texts) for v in vectorizers]
    lex = fin.lexicon_features(texts) * PARAMS["lexicon_scale"]
    return hstack([*blocks, csr_matrix(lex)]).tocsr()


def fit_arrays(texts: list[str], labels: list[str]) -> tuple[dict[str, np.ndarray], float, tuple[int, int]]:
    """Train on normalised texts; return the arrays, the aggregate threshold and the vocabulary sizes."""
    vectorizers = (
        TfidfVectorizer(analyzer=word_analyzer, min_df=PARAMS["min_df"], sublinear_tf=True),
        TfidfVectorizer(analyzer=char_analyzer, min_df=PARAMS["min_df"], sublinear_tf=True),
    )
    matrix = features(texts, vectorizers, fit=True)
    clf = LogisticRegression(C=PARAMS["C"], class_weight="balanced", max_iter=PARAMS["max_iter"])
    clf.fit(matrix, labels)
    assert tuple(clf.classes_) == CLASSES, clf.classes_
    word_terms, char_terms = (list(v.get_feature_names_out()) for v in vectorizers)
    arrays = {
        "word_terms": np.frombuffer("\n".join(word_terms).encode("utf-8"), dtype=np.uint8),
        "char_terms": np.frombuffer("\n".join(char_terms).encode("utf-8"), dtype=np.uint8),
        "word_idf": vectorizers[0].idf_.astype(np.float32),
        "char_idf": vectorizers[1].idf_.astype(np.float32),
        "coef": clf.coef_.astype(np.float32),
        "intercept": clf.intercept_.astype(np.float32),
    }
    model = fin.model_from_arrays(
        arrays, classes=CLASSES, lexicon_scale=PARAMS["lexicon_scale"], polarity_threshold=0.0
    )
    proba = model.predict_proba(texts)
    reference = clf.predict_proba(matrix)
    gap = float(np.abs(proba - reference).max())
    agree = float((proba.argmax(1) == reference.argmax(1)).mean())
    log.info("numpy vs scikit-learn: max |dp| = %.2e, label agreement %.4f", gap, agree)
    if gap > 1e-4:
        raise RuntimeError(f"numpy inference differs from scikit-learn by {gap}")
    return arrays, _fit_threshold(proba), (len(word_terms), len(char_terms))


def fit(texts: list[str], labels: list[str]) -> fin.FinanceModel:
    """Train a finance model on raw texts and labels (used by bench/eval_sentiment.py cross-dataset)."""
    arrays, threshold, _ = fit_arrays([normalize_text(t) for t in texts], labels)
    return fin.model_from_arrays(
        arrays, classes=CLASSES, lexicon_scale=PARAMS["lexicon_scale"], polarity_threshold=threshold
    )


def train(data: dict[str, pd.DataFrame]) -> tuple[dict[str, np.ndarray], dict]:
    texts = [normalize_text(t) for t in data["train"]["text"]]
    labels = data["train"]["label"].tolist()
    arrays, threshold, (n_word, n_char) = fit_arrays(texts, labels)
    model = fin.model_from_arrays(
        arrays, classes=CLASSES, lexicon_scale=PARAMS["lexicon_scale"], polarity_threshold=threshold
    )
    metrics = {}
    for name in ("sentfin_heldout", "finentity_heldout_sentences", "finentity_heldout_paragraphs"):
        frame = data[name]
        pred = [CLASSES[i] for i in model.predict_proba([normalize_text(t) for t in frame["text"]]).argmax(1)]
        metrics[name] = {
            "n": len(frame),
            "macro_f1": round(float(f1_score(frame["label"], pred, average="macro")), 4),
            "accuracy": round(float(accuracy_score(frame["label"], pred)), 4),
        }
        log.info("%s: %s", name, metrics[name])
    meta = {
        "format": 1,
        "classes": list(CLASSES),
        "features": "word 1-2-grams + char_wb 2-5-grams of lower-cased, digit->0 normalised text "
        "(sublinear tf-idf, L2 per block), then TextBlob polarity and VADER compound x lexicon_scale",
        "lexicon_scale": PARAMS["lexicon_scale"],
        "polarity_threshold": threshold,
        "params": PARAMS,
        "n_features": {"word": n_word, "char": n_char, "lexicon": 2},
        "training": {
            "n": len(labels),
            "labels": {k: int(v) for k, v in sorted(pd.Series(labels).value_counts().items())},
            "sources": "SEntFiN 1.0 train split (MIT); FinEntity train split sentences + paragraphs (ODC-BY)",
        },
        "heldout": metrics,
        "versions": {"scikit-learn": sklearn.__version__, "numpy": np.__version__},
    }
    return arrays, meta


def _fit_threshold(proba: np.ndarray) -> float:
    """Pick t so that labelling p_pos - p_neg at +-t best reproduces the argmax labels."""
    polarity = proba[:, 2] - proba[:, 0]
    argmax = proba.argmax(1)
    best = (-1.0, 0.0)
    for t in np.round(np.arange(0.01, 0.61, 0.01), 2):
        labels = np.where(polarity >= t, 2, np.where(polarity <= -t, 0, 1))
        best = max(best, (float((labels == argmax).mean()), -float(t)))
    return -best[1]


def write_npz(path: Path, arrays: dict[str, np.ndarray]) -> None:
    """Write an .npz numpy can load, with fixed timestamps so the bytes are reproducible."""
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        for name in sorted(arrays):
            buffer = io.BytesIO()
            np.lib.format.write_array(buffer, np.ascontiguousarray(arrays[name]), allow_pickle=False)
            info = zipfile.ZipInfo(f"{name}.npy", date_time=(1980, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            archive.writestr(info, buffer.getvalue(), compresslevel=9)


def write_model(out: Path, arrays: dict[str, np.ndarray], meta: dict, inputs: list[Path],
                stem: str = "finance_model") -> None:
    """Write ``<stem>.npz`` and ``<stem>.json`` to ``out`` (the json records the inputs' SHA-256)."""
    meta = {**meta, "inputs": {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in inputs}}
    out.mkdir(parents=True, exist_ok=True)
    write_npz(out / f"{stem}.npz", arrays)
    text = json.dumps(meta, indent=2, sort_keys=True, ensure_ascii=False) + "\n"
    (out / f"{stem}.json").write_text(text, encoding="utf-8")


def write_or_check(out: Path, arrays: dict[str, np.ndarray], meta: dict, inputs: list[Path], *, stem: str,
                   check: bool) -> int:
    """Write the model into ``out``, or with ``check`` rebuild it in a temp dir and compare; return the exit code."""
    if not check:
        write_model(out, arrays, meta, inputs, stem)
        log.info("wrote %s", out)
        return 0
    with tempfile.TemporaryDirectory() as tmp:
        write_model(Path(tmp), arrays, meta, inputs, stem)
        same = all((Path(tmp) / n).read_bytes() == (out / n).read_bytes() for n in (f"{stem}.npz", f"{stem}.json"))
    log.info("rebuild is %s", "byte-identical" if same else "DIFFERENT")
    return 0 if same else 1


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sentfin", type=Path, default=EVAL / "sentfin" / "SEntFiN.csv")
    parser.add_argument("--finentity", type=Path, default=EVAL / "finentity" / "FinEntity.json")
    parser.add_argument("--out", type=Path, default=ROOT / "data" / "sentiment")
    parser.add_argument("--check", action="store_true", help="rebuild to a temp dir and compare with --out")
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(message)s")
    arrays, meta = train(load_data(args.sentfin, args.finentity))
    return write_or_check(args.out, arrays, meta, [args.sentfin, args.finentity], stem="finance_model",
                          check=args.check)


if __name__ == "__main__":
    sys.exit(main())
