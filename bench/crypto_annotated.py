"""The crypto corpus annotated once and kept in a temp folder, for the benches that only read it.

    from crypto_annotated import add_arguments, annotated   # in a bench/ script
"""

from __future__ import annotations

import argparse
import tempfile
from pathlib import Path

import statecraft as sc
from statecraft.sentiment.engines import ENGINES

ROOT = Path(__file__).resolve().parents[1]


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Add --corpus (../shared/corpus/crypto_news) and --saved (the temp folder of the annotated corpus)."""
    parser.add_argument("--corpus", default=str(ROOT.parent / "shared" / "corpus" / "crypto_news"))
    parser.add_argument("--saved", default=str(Path(tempfile.gettempdir()) / "statecraft_crypto_annotated"))


def annotated(corpus: str, saved: str) -> tuple[sc.Corpus, Path]:
    """Return the corpus annotated with every engine and the folder it is saved in (annotated on first use)."""
    folder = Path(saved)
    if (folder / "account.json").is_file():
        return sc.Corpus.load(folder), folder
    ann = sc.annotate(sc.load_corpus(corpus), sentiment=list(ENGINES))
    ann.save(folder)
    return ann, folder
