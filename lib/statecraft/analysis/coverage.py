"""Say in words what a notebook could not show for a corpus, and format tables for display.

Every notebook prints these notes near its top, so a small or lopsided corpus gives a
report that says "no mentions of FRA in this corpus" or "no dated events" instead of an
empty table, and never hides what it left out (quarantined inputs, articles in languages
the engines do not cover, undated articles).

:func:`show` is the notebooks' table display: long tables show their first rows and say
how many more there are, and in a report run each named table is also written whole as
CSV beside the report's HTML and linked from it. ``statecraft report`` sets the
environment variable :data:`TABLES_ENV` to the report's path without its suffix
(``<run>/03_country_comparison``), so table ``countries`` becomes
``<run>/03_country_comparison.countries.csv``, linked by its bare file name. Run
interactively (JupyterLab, ``make notebooks``, nbval), the variable is unset and nothing
is written: stored outputs hold no path and no link.
"""

from __future__ import annotations

import html
import os
import re
from collections.abc import Sequence
from pathlib import Path

import pandas as pd

from statecraft.corpus import Corpus
from statecraft.sources import language

__all__ = ["MAX_ROWS", "TABLES_ENV", "Note", "Shown", "coverage_notes", "covered", "for_display",
           "missing_countries", "note_list", "show"]

MAX_ROWS = 25
"""Rows :func:`show` displays before it says how many more there are."""
TABLES_ENV = "STATECRAFT_TABLES"
"""Environment variable: path prefix (report path without suffix) the tables of a report are written to."""
_NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9_-]*")


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

    ``("SLV",)`` shows as ``SLV``, ``<NA>`` and ``NaT`` as an empty cell, a timestamp at
    midnight as its ISO date; numbers keep their type where a column has no missing value.
    """
    out = table.copy()
    for column in out.columns:
        if pd.api.types.is_datetime64_any_dtype(out[column]):
            stamps = out[column]
            midnight = (stamps.dropna() == stamps.dropna().dt.normalize()).all()
            out[column] = stamps.dt.strftime("%Y-%m-%d" if midnight else "%Y-%m-%d %H:%M:%S").astype(object)
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


class Shown:
    """The first rows of a table, with how many more there are and a link to the whole table as CSV."""

    def __init__(self, frame: pd.DataFrame, *, total: int, link: str | None) -> None:
        """Keep ``frame`` (the rows shown), ``total`` (rows in the whole table) and ``link`` (CSV file or None)."""
        self.frame = frame
        self.total = total
        self.link = link

    def _more(self) -> str:
        more = self.total - len(self.frame)
        return f"… and {more:,} more row{'' if more == 1 else 's'}" if more > 0 else ""

    def _whole(self) -> str:
        return "the table" if self.total == 1 else f"all {self.total:,} rows"

    def _repr_html_(self) -> str:
        parts = [html.escape(self._more())] if self._more() else []
        if self.link:
            href, name = html.escape(self.link, quote=True), html.escape(self.link)
            parts.append(f'<a href="{href}">{self._whole()} as CSV ({name})</a>')
        return self.frame._repr_html_() + f"<p>{'; '.join(parts)}</p>"

    def __repr__(self) -> str:
        tail = [self._more()] if self._more() else []
        tail += [f"{self._whole()} as CSV: {self.link}"] if self.link else []
        return repr(self.frame) + ("\n" + "; ".join(tail) if tail else "")


def show(
    table: pd.DataFrame, *, empty: str, name: str | None = None, max_rows: int = MAX_ROWS,
    columns: Sequence[str] | None = None,
) -> pd.DataFrame | Shown | Note:
    """Return ``table`` for display: its first ``max_rows`` rows, how many more, and a CSV link in a report run.

    Formatted with :func:`for_display`. When :data:`TABLES_ENV` is set (``statecraft
    report`` sets it) and ``name`` is given, the whole table is written to
    ``<prefix>.<name>.csv`` and linked by that file's name (relative to the report).

    Args:
        table: The table to show.
        empty: The sentence shown instead when the table has no rows.
        name: The table's file name part (letters, digits, ``_``, ``-``); None writes no CSV.
        max_rows: Rows displayed (0 displays all).
        columns: The columns displayed (default: all); the CSV holds every column.

    Returns:
        The formatted table when it is short and not written; a :class:`Shown` (first rows,
        "… and N more rows", link) when it is cut or written; the :class:`Note` ``empty``
        when it has no rows (no CSV is written then).

    Raises:
        ValueError: If ``name`` holds other characters or ``max_rows`` is negative.
    """
    if name is not None and not _NAME.fullmatch(name):
        raise ValueError(f"name must be letters, digits, '_' or '-' (a file name part); got {name!r}")
    if max_rows < 0:
        raise ValueError(f"max_rows must be 0 (all) or more; got {max_rows!r}")
    if not len(table):
        return Note(empty)
    frame = for_display(table)
    prefix = os.environ.get(TABLES_ENV)
    link = None
    if prefix and name:
        path = Path(f"{prefix}.{name}.csv")
        frame.to_csv(path, index=False, lineterminator="\n")
        link = path.name
    if columns is not None:
        missing = [c for c in columns if c not in frame.columns]
        if missing:
            raise ValueError(f"columns {missing} are not in the table; its columns: {list(frame.columns)}")
        frame = frame[list(columns)]
    if link is None and (not max_rows or len(frame) <= max_rows):
        return frame
    shown = frame.head(max_rows) if max_rows else frame
    return Shown(shown, total=len(frame), link=link)
