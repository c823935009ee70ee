"""The encoder half of the ``news`` engine: a fine-tuned sentence encoder run by onnxruntime, and the model over it.

The ``news`` engine scores the sentences that name a state (:func:`statecraft.sentiment.states.names_state`:
the sentences the country and actor tables are made of) with the model of this module, and the others with its
static model (:mod:`statecraft.sentiment.news`, about 8,000 sentences/s on one core). This
model is the news regression (same word n-grams, cues and lexicon scores) with the static word vectors
replaced by the sentence embedding of all-MiniLM-L6-v2 (Apache-2.0) fine-tuned on the project's own labelled
sentences, cut to its first four layers, exported to ONNX and quantized to int8: it scores about 450 sentences/s
on one core, and it is what lifts the crypto domain set from 0.599 to 0.658 macro-F1 (``data/sentiment/README.md``).

Files in ``data/sentiment/`` (built by ``tools/build_encoder_model.py``): ``encoder.onnx`` (int8; input
``ids``, output the last hidden state), ``encoder_tokenizer.json`` (its WordPiece tokenizer, for
the ``tokenizers`` package), ``encoder_model.npz`` and ``encoder_model.json`` (the regression, stored as the
news model is). onnxruntime runs on one thread, so scores do not depend on the number of cores.
"""

from __future__ import annotations

import functools
import logging
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from statecraft.sentiment import finance, lexicon, news

log = logging.getLogger(__name__)

ENCODER_ONNX = lexicon.DATA_DIR / "encoder.onnx"
TOKENIZER_JSON = lexicon.DATA_DIR / "encoder_tokenizer.json"
MODEL_NPZ = lexicon.DATA_DIR / "encoder_model.npz"
MODEL_JSON = lexicon.DATA_DIR / "encoder_model.json"
MAX_TOKENS = 64
"""Word pieces per sentence (with [CLS] and [SEP]); longer sentences are cut, as in fine-tuning."""


@dataclass(frozen=True)
class Encoder:
    """An ONNX sentence encoder with its tokenizer (one onnxruntime thread)."""

    session: Any
    tokenizer: Any
    dims: int

    def embed(self, texts: Sequence[str]) -> np.ndarray:
        """Return the L2-normalised mean of the token outputs of each text (float32, texts x :attr:`dims`).

        Each text runs alone: no padding, and since the int8 model quantizes its activations per call, a text's
        embedding would otherwise depend on the texts batched with it (by up to 0.05 per coordinate). Measured
        with the six-layer encoder on one core: alone 357 sentences/s against 297 in padded batches of 32;
        batches of sentences of equal length ran about 20 % faster than alone, but depend on their batch too.
        """
        out = np.zeros((len(texts), self.dims), np.float32)
        for i, text in enumerate(texts):
            ids = np.array([self.tokenizer.encode(text).ids], np.int64)
            hidden = self.session.run(None, {"ids": ids})[0][0]
            pooled = hidden.mean(axis=0)
            out[i] = pooled / max(float(np.linalg.norm(pooled)), 1e-12)
        return out


@functools.lru_cache(maxsize=2)
def load_encoder(onnx: Path | str = ENCODER_ONNX, tokenizer: Path | str = TOKENIZER_JSON) -> Encoder:
    """Load the encoder (cached).

    Args:
        onnx: The ONNX model.
        tokenizer: Its ``tokenizers`` JSON.

    Returns:
        The encoder.

    Raises:
        FileNotFoundError: If a file is missing (rebuild with tools/build_encoder_model.py).
    """
    import onnxruntime
    from tokenizers import Tokenizer

    for path in (onnx, tokenizer):
        if not Path(path).is_file():
            raise FileNotFoundError(f"sentiment encoder file {path} is missing; run tools/build_encoder_model.py")
    options = onnxruntime.SessionOptions()
    options.intra_op_num_threads = options.inter_op_num_threads = 1
    options.log_severity_level = 3
    session = onnxruntime.InferenceSession(str(onnx), options, providers=["CPUExecutionProvider"])
    tok = Tokenizer.from_file(str(tokenizer))
    tok.no_padding()  # the file pads to a fixed 128 word pieces; each text runs alone, unpadded
    tok.enable_truncation(MAX_TOKENS)
    dims = int(session.get_outputs()[0].shape[-1])
    log.debug("loaded sentiment encoder %s (%d dimensions)", Path(onnx).name, dims)
    return Encoder(session=session, tokenizer=tok, dims=dims)


@functools.lru_cache(maxsize=2)
def load_model(npz: Path | str = MODEL_NPZ, meta: Path | str = MODEL_JSON) -> news.NewsModel:
    """Load the regression over news features and the encoder's embedding (cached).

    Args:
        npz: Arrays file.
        meta: Metadata file.

    Returns:
        A news model whose ``embed`` is :meth:`Encoder.embed` of :func:`load_encoder`.

    Raises:
        FileNotFoundError: If a model file is missing (rebuild with tools/build_encoder_model.py).
    """
    info, arrays = finance.read_model_files(npz, meta, tool="tools/build_encoder_model.py")
    return news.model_from_arrays(arrays, settings=info, embed=load_encoder().embed)
