"""Store: sources in, annotated once into Parquet partitions on disk; frames out, queried many times.

``layout`` defines the folder (``store.json``, ``batches/<key>/<frame>.parquet``,
``stories.parquet``), its format checks and the write lock; ``writer`` annotates inputs
into a store batch by batch (process pool or Dask, resumable); ``reader`` opens a store
as DuckDB views and returns frames and Corpus slices filtered by date, country and story.
"""

from statecraft.store.layout import StoreError, is_store
from statecraft.store.reader import Store, load_annotated, open_store, scored_engines
from statecraft.store.writer import annotate_to_store, write_batch

__all__ = ["Store", "StoreError", "annotate_to_store", "is_store", "load_annotated", "open_store", "scored_engines",
           "write_batch"]
