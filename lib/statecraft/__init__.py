"""Statecraft: study, from the news, how states and crypto firms shape each other.

Public API (evaluation scripts depend on it)::

    import statecraft as sc
    corpus = sc.load_corpus("seeds/")
    ann = sc.annotate(corpus, sentiment="textblob", workers=1)
    ann.save("out/"); ann = sc.Corpus.load("out/")
    sc.annotate_to_store(["seeds/"], "store/")      # or: statecraft annotate seeds/ --out store/
    store = sc.open_store("store/"); store.sql("select ..."); ann = store.corpus(countries=["PAK"])

The stages are subpackages, in pipeline order: ``sources``, ``cleaning``, ``tagging``,
``timexes``, ``sentiment``, ``analysis``, ``report``; ``store`` keeps annotated frames on
disk. ``statecraft.segment`` is the sentence segmenter's name from before the stage layout
(now ``cleaning.sentences``).
"""

from statecraft import analysis, cleaning, sentiment, sources, tagging, timexes
from statecraft.analysis.trends import trends
from statecraft.cleaning import sentences as segment
from statecraft.corpus import Corpus
from statecraft.pipeline import annotate
from statecraft.report.explore import explore
from statecraft.sources import from_records, load_corpus
from statecraft.store import Store, StoreError, annotate_to_store, load_annotated, open_store, scored_engines

__all__ = [
    "Corpus",
    "Store",
    "StoreError",
    "analysis",
    "annotate",
    "annotate_to_store",
    "cleaning",
    "explore",
    "from_records",
    "load_annotated",
    "load_corpus",
    "open_store",
    "scored_engines",
    "segment",
    "sentiment",
    "sources",
    "tagging",
    "timexes",
    "trends",
]
__version__ = "0.1.0"
