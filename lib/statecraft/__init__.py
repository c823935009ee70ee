"""Statecraft: study, from the news, how states and crypto firms shape each other.

Public API (evaluation scripts depend on it)::

    import statecraft as sc
    corpus = sc.load_corpus("seeds/")
    ann = sc.annotate(corpus, sentiment="textblob", workers=1)
    ann.save("out/"); ann = sc.Corpus.load("out/")
"""

from statecraft.corpus import Corpus
from statecraft.pipeline import annotate
from statecraft.sources import from_records, load_corpus

__all__ = ["Corpus", "annotate", "from_records", "load_corpus"]
__version__ = "0.1.0"
