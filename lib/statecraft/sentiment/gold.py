"""Readers for labelled sentiment data and the rules that turn entity labels into sentence labels.

Used by ``tools/train_finance_model.py`` and ``bench/eval_sentiment.py``. The data sets
themselves are never shipped (they live in ``../shared/eval``).

Rules (documented here once):

* **Sentence label from entity labels** (:func:`sentence_label`): if every entity has the
  same label, that label; if the labels are one polar label plus neutral, the polar
  label (the text takes a side about something); if both positive and negative occur,
  no label (the text is dropped: a conflict is not a sentence-level fact).
* **Held-out split** (:func:`is_heldout`): a text is held out when the SHA-1 of its
  lower-cased, whitespace-collapsed form falls in the first ``percent`` of 100 buckets,
  so duplicates and near-copies differing only in case or spacing land on one side,
  and the split never changes between runs or machines.
"""

from __future__ import annotations

import ast
import csv
import hashlib
import json
import logging
import re
from collections.abc import Iterable, Iterator
from pathlib import Path

import pandas as pd

from statecraft.cleaning import sentences as segment

log = logging.getLogger(__name__)

LABELS = ("negative", "neutral", "positive")
SENTFIN_HELDOUT_PERCENT = 20
FINENTITY_HELDOUT_PERCENT = 30
_SENTFIN_PAIR = re.compile(r"""['"](.*?)['"]: '(positive|negative|neutral)'(?=, ['"]|\}$)""")


def sentence_label(labels: Iterable[str]) -> str | None:
    """Derive a sentence label from its entities' labels (see the module docstring).

    Args:
        labels: Entity labels (positive, neutral, negative; any case).

    Returns:
        The sentence label, or None when there are none or both polarities occur.
    """
    found = {str(label).lower() for label in labels}
    if len(found) == 1:
        return found.pop()
    found.discard("neutral")
    return found.pop() if len(found) == 1 else None


def is_heldout(text: str, *, percent: int) -> bool:
    """Return whether ``text`` is in the held-out ``percent`` of the deterministic split.

    Args:
        text: The text (headline, sentence or paragraph).
        percent: Size of the held-out part, 0-100.

    Returns:
        True if held out.
    """
    key = " ".join(text.lower().split()).encode("utf-8")
    return int(hashlib.sha1(key).hexdigest(), 16) % 100 < percent


def read_labelled_csv(path: Path | str) -> pd.DataFrame:
    """Read a ``text,label`` CSV (labels positive/neutral/negative, any case).

    Args:
        path: The CSV file.

    Returns:
        Columns text, label (lower case).

    Raises:
        ValueError: If a column is missing or a label is not one of :data:`LABELS`.
    """
    table = pd.read_csv(path, dtype="string", keep_default_na=False)
    missing = {"text", "label"} - set(table.columns)
    if missing:
        raise ValueError(f"{path}: missing column(s) {sorted(missing)}; it has {list(table.columns)}")
    table = table.assign(label=table["label"].str.strip().str.lower())[["text", "label"]]
    bad = sorted(set(table["label"]) - set(LABELS))
    if bad:
        raise ValueError(f"{path}: unknown label(s) {bad}; valid labels: {', '.join(LABELS)}")
    return table.reset_index(drop=True)


def read_sentfin(path: Path | str) -> pd.DataFrame:
    """Read SEntFiN 1.0 headlines with a sentence label and the held-out flag.

    Args:
        path: ``SEntFiN.csv`` (columns ``Title`` and ``Decisions``, a dict literal).

    Returns:
        Columns text, label, heldout; headlines with conflicting labels are dropped.
    """
    rows = []
    with open(path, encoding="utf-8", newline="") as handle:
        for record in csv.DictReader(handle):
            decisions = _sentfin_decisions(record["Decisions"])
            label = sentence_label(decisions.values())
            if label is not None:
                title = record["Title"]
                heldout = is_heldout(title, percent=SENTFIN_HELDOUT_PERCENT)
                rows.append({"text": title, "label": label, "heldout": heldout})
    log.info("SEntFiN: %d labelled headlines", len(rows))
    return pd.DataFrame(rows, columns=["text", "label", "heldout"])


def read_finentity(path: Path | str) -> list[dict]:
    """Read FinEntity paragraphs with their entity annotations and the held-out flag.

    Args:
        path: ``FinEntity.json``.

    Returns:
        Dicts with ``content``, ``heldout`` and ``entities`` (dicts with start, end,
        entity, label in lower case).
    """
    data = json.loads(Path(path).read_text(encoding="utf-8"))
    return [
        {
            "content": item["content"],
            "heldout": is_heldout(item["content"], percent=FINENTITY_HELDOUT_PERCENT),
            "entities": [
                {"start": a["start"], "end": a["end"], "entity": a["value"], "label": a["label"].lower()}
                for a in item["annotations"]
            ],
        }
        for item in data
    ]


def finentity_texts(paragraphs: list[dict], *, unit: str = "sentence") -> pd.DataFrame:
    """Label FinEntity paragraphs or their sentences with :func:`sentence_label`.

    Args:
        paragraphs: From :func:`read_finentity`.
        unit: ``sentence`` (syntok sentences holding at least one labelled entity) or
            ``paragraph``.

    Returns:
        Columns text, label, heldout (a sentence inherits its paragraph's flag).

    Raises:
        ValueError: If ``unit`` is unknown.
    """
    if unit not in ("sentence", "paragraph"):
        raise ValueError(f"unit must be 'sentence' or 'paragraph', got {unit!r}")
    rows = []
    for para in paragraphs:
        text, entities = para["content"], para["entities"]
        spans = segment.sentence_spans(text) if unit == "sentence" else [(0, len(text))]
        for start, end in spans:
            labels = [e["label"] for e in entities if e["start"] < end and e["end"] > start]
            label = sentence_label(labels) if labels else None
            if label is not None:
                rows.append({"text": text[start:end], "label": label, "heldout": para["heldout"]})
    return pd.DataFrame(rows, columns=["text", "label", "heldout"])


def iter_finentity_targets(paragraphs: list[dict]) -> Iterator[tuple[int, dict]]:
    """Yield ``(paragraph index, entity)`` for every annotated entity, in order."""
    for i, para in enumerate(paragraphs):
        for entity in para["entities"]:
            yield i, entity


def _sentfin_decisions(raw: str) -> dict[str, str]:
    raw = raw.strip()
    try:
        return dict(ast.literal_eval(raw))
    except (SyntaxError, ValueError):
        return dict(_SENTFIN_PAIR.findall(raw))


def read_offset_set(set_path: Path | str, corpus: list[dict]) -> pd.DataFrame:
    """Read a labelled set kept as offsets into a corpus (the texts belong to their publishers).

    Args:
        set_path: CSV with item, article_index, url, start, end, text_sha1, optional ``field``
            (``content``, the default, or ``title``) and label columns (``label``, ``label_a``, ...).
        corpus: The articles (dicts with url and the field), in the order ``article_index`` counts.

    Returns:
        item (int), text, and every label column as stored ("" where not given).

    Raises:
        ValueError: If a text read back by offsets does not match its sha1 or its article's url
            (another version of the corpus), or a label is not one of :data:`LABELS`.
    """
    spec = pd.read_csv(set_path, dtype=str, keep_default_na=False)
    fields = spec["field"] if "field" in spec else pd.Series("content", index=spec.index)
    texts, bad = [], []
    for item, index, url, start, end, sha, field in zip(spec["item"], spec["article_index"], spec["url"],
                                                        spec["start"], spec["end"], spec["text_sha1"], fields,
                                                        strict=True):  # fmt: skip
        i = int(index)
        article = corpus[i] if i < len(corpus) else {}
        text = (article.get(field) or "")[int(start) : int(end)]
        if hashlib.sha1(text.encode("utf-8")).hexdigest()[:12] != sha or (article.get("url") or f"#{i}") != url:
            bad.append(item)
        texts.append(text)
    if bad:
        items = ", ".join(bad[:10]) + (" ..." if len(bad) > 10 else "")
        raise ValueError(f"{len(bad)} of {len(spec)} texts of {set_path} differ from the corpus (items {items}): "
                         "not the corpus the set was built on")  # fmt: skip
    out = pd.DataFrame({"item": spec["item"].astype(int), "text": texts})
    for col in [c for c in spec.columns if c.startswith("label")]:
        wrong = sorted(set(spec[col]) - set(LABELS) - {""})
        if wrong:
            raise ValueError(f"{set_path}: {col} holds {wrong}; labels are {', '.join(LABELS)}")
        out[col] = spec[col].to_numpy()
    return out


def corpus_file(path: Path | str) -> Path:
    """The corpus JSON: ``path`` itself, or the single ``*.json`` in the folder ``path``.

    Raises:
        FileNotFoundError: If a folder does not hold exactly one ``*.json``.
    """
    path = Path(path)
    if path.is_file():
        return path
    files = sorted(path.glob("*.json"))
    if len(files) != 1:
        raise FileNotFoundError(f"{path}: expected one *.json file, found {len(files)}")
    return files[0]


def read_corpus(path: Path | str) -> list[dict]:
    """A corpus of articles (a JSON list; ``path`` is the file or its folder), in file order."""
    return json.loads(corpus_file(path).read_text(encoding="utf-8"))


def labelled_texts(set_path: Path | str, corpus: list[dict]) -> pd.DataFrame:
    """The labelled rows of an offsets set (:func:`read_offset_set`) as text, label."""
    data = read_offset_set(set_path, corpus)
    return data.loc[data["label"] != "", ["text", "label"]].reset_index(drop=True)


def read_written(path: Path | str) -> pd.DataFrame:
    """Sentences written and labelled by the project (``bench/data/domain_written.csv``) as text, label.

    Raises:
        ValueError: If a label is not one of :data:`LABELS` or a text is empty.
    """
    data = pd.read_csv(path, dtype=str, keep_default_na=False)
    bad = data[~data["label"].isin(LABELS) | (data["text"].str.strip() == "")]
    if len(bad):
        raise ValueError(f"{path}: {len(bad)} rows with an empty text or a label outside {LABELS}, "
                         f"first item {bad['item'].iloc[0]!r}")  # fmt: skip
    return data[["text", "label"]].reset_index(drop=True)
