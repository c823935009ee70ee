"""Statecraft: study, from the news, how states and crypto firms shape each other.

Public API (evaluation scripts depend on it)::

    import statecraft as sc
    corpus = sc.load_corpus("seeds/")
    ann = sc.annotate(corpus, sentiment="textblob", workers=1)
    ann.save("out/"); ann = sc.Corpus.load("out/")

The stages are subpackages, in pipeline order: ``sources``, ``cleaning``, ``tagging``,
``timexes``, ``sentiment``, ``analysis``, ``report``. ``statecraft.segment`` is the
sentence segmenter's name from before the stage layout (now ``cleaning.sentences``).
"""

from statecraft import analysis, cleaning, sentiment, sources, tagging, timexes
from statecraft.cleaning import sentences as segment
from statecraft.corpus import Corpus
from statecraft.pipeline import annotate
from statecraft.sources import from_records, load_corpus

__all__ = [
    "Corpus",
    "analysis",
    "annotate",
    "cleaning",
    "from_records",
    "load_corpus",
    "segment",
    "sentiment",
    "sources",
    "tagging",
    "timexes",
]
__version__ = "0.1.0"
