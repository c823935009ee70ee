"""Say in words what a notebook could not show for a corpus, and format tables for display.

Every notebook prints these notes near its top, so a small or lopsided corpus gives a
report that says "no mentions of FRA in this corpus" or "no dated events" instead of an
empty table, and never hides what it left out (quarantined inputs, articles in languages
the engines do not cover, undated articles).
"""

from __future__ import annotations

from collections.abc import Sequence

import pandas as pd

from statecraft.corpus import Corpus
from statecraft.sources import language

__all__ = ["Note", "coverage_notes", "covered", "for_display", "missing_countries", "note_list", "show"]


def covered(documents: pd.DataFrame) -> pd.Series:
    """Return, per document, whether its language is one the engines cover (English or undetermined).

    Needs documents.language; a missing language counts as covered (records read by ``from_records``).
    """
    lang = documents["language"].astype("string").fillna("und")
    return lang.isin(language.COVERED).astype(bool)


def check_scored(corpus: Corpus, engine: str | None) -> None:
    """Raise if ``engine`` has no scores although the corpus has sentences it could have scored.

    A corpus with no English sentence (all German, say) has no scores from any engine;
    that is a coverage note, not an error, and the sentiment columns stay empty.

    Raises:
        ValueError: If the corpus was annotated without ``engine`` (naming the engines it has).
    """
    if engine is None:
        return
    engines = sorted(str(e) for e in corpus.sentiment["engine"].dropna().unique())
    english = corpus.documents.loc[covered(corpus.documents), "doc_id"]
    scorable = bool(corpus.sentences["doc_id"].isin(english).any())
    if engine not in engines and (engines or scorable):
        raise ValueError(f"engine {engine!r} has no scores in this corpus; scored engines: {engines or 'none'}")


def coverage_notes(corpus: Corpus, *, scored: bool = False) -> list[str]:
    """Return sentences naming what the analyses leave out of ``corpus`` and why.

    Args:
        corpus: An annotated corpus (documents, quarantine, mentions).
        scored: Whether the notebook shows sentiment (the language note then says "not scored").

    Returns:
        Notes such as "1 article in German not scored, tagged or dated: the engines cover
        English only"; empty when nothing is left out.
    """
    notes = []
    docs = corpus.documents
    if docs.empty:
        notes.append("no documents in this corpus: every input was quarantined")
    quarantine = corpus.quarantine
    if not quarantine.empty:
        reasons = ", ".join(f"{k}: {v}" for k, v in quarantine["reason"].value_counts().sort_index().items())
        notes.append(f"{_n(len(quarantine), 'input')} quarantined ({reasons}): listed with their reasons in "
                     "00_corpus_overview")
    other = docs.loc[~covered(docs), "language"].astype(str).value_counts().sort_index()
    what = "not scored, tagged or dated" if scored else "not tagged or dated"
    for code, n in other.items():
        notes.append(f"{_n(n, 'article')} in {language.name(code)} {what}: the engines cover English only")
    undated = docs.loc[covered(docs) & docs["published_date"].isna(), "doc_id"]
    if len(undated):
        notes.append(f"{_n(len(undated), 'article')} without a publication date: relative dates in "
                     f"{'it' if len(undated) == 1 else 'them'} (\"last month\") are not placed")
    if not docs.empty and corpus.mentions[corpus.mentions["entity_type"] == "country"].empty:
        notes.append("no country mentions in this corpus")
    return notes


def missing_countries(mentions: pd.DataFrame, countries: Sequence[str]) -> list[str]:
    """Return "no mentions of XXX in this corpus" for each asked-for country never named as a subject.

    Needs mentions (entity_type, entity_id, role).
    """
    named = set(mentions.loc[(mentions["entity_type"] == "country") & (mentions["role"] == "subject"), "entity_id"])
    return [f"no mentions of {code} in this corpus" for code in
            sorted({str(c).strip().upper() for c in countries} - named)]


def for_display(table: pd.DataFrame) -> pd.DataFrame:
    """Return a copy of ``table`` for showing: tuples joined with ", ", missing values as "".

    ``("SLV",)`` shows as ``SLV`` and ``<NA>`` as an empty cell; numbers keep their type
    where a column has no missing value.
    """
    out = table.copy()
    for column in out.columns:
        values = out[column]
        if values.map(lambda v: isinstance(v, tuple | list)).any():
            out[column] = values.map(lambda v: ", ".join(map(str, v)) if isinstance(v, tuple | list) else v)
        if out[column].isna().any():
            out[column] = out[column].astype(object).where(out[column].notna(), "")
    return out.reset_index(drop=True)


def _n(count: int, noun: str) -> str:
    return f"{count} {noun}{'' if count == 1 else 's'}"


class Note(str):
    """A sentence shown in a notebook in place of an empty table or figure (Markdown in JupyterLab)."""

    def _repr_markdown_(self) -> str:
        return str(self)

    def __repr__(self) -> str:
        return str(self)


def note_list(notes: Sequence[str], *, none: str = "Nothing left out.") -> Note:
    """Return ``notes`` as a Markdown bullet list (``none`` when there is nothing to say)."""
    return Note("\n".join(f"- {n}" for n in notes) if notes else none)


def show(table: pd.DataFrame, *, empty: str) -> pd.DataFrame | Note:
    """Return ``table`` formatted for display (:func:`for_display`), or the sentence ``empty`` if it has no rows."""
    return for_display(table) if len(table) else Note(empty)
