"""Sources: files, folders, feeds and records in; a Corpus of documents and quarantine rows out.

Modules, in the order an input passes through them: ``folders`` (discovery, the public
:func:`load_corpus` and :func:`from_records`), ``decoding`` (bytes to text), ``readers``
(HTML, JSON, JSONL, CSV, RSS/Atom), ``records`` (fields of a record, the accounting
:class:`Batch`), ``manifest`` (per-file overrides) and ``language`` (the language flag).
"""

from statecraft.sources.decoding import DecodeError, decode
from statecraft.sources.folders import DEFAULT_MAX_BYTES, DEFAULT_MAX_CHARS, SourceError, from_records, load_corpus
from statecraft.sources.language import detect
from statecraft.sources.manifest import Manifest
from statecraft.sources.records import Batch, record_fields

__all__ = [
    "DEFAULT_MAX_BYTES",
    "DEFAULT_MAX_CHARS",
    "Batch",
    "DecodeError",
    "Manifest",
    "SourceError",
    "decode",
    "detect",
    "from_records",
    "load_corpus",
    "record_fields",
]
