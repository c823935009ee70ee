"""Shared by the tools/make_*_notebook.py builders: write a notebook with stable cell ids and kernel python3."""

from pathlib import Path

import nbformat
from nbformat.v4 import new_notebook

NOTEBOOKS = Path(__file__).resolve().parents[1] / "notebooks"

COLUMN_PARAMETERS = (
    'text_column: str = ""  # text column/key of CSV/JSON records; "" maps it automatically\n'
    'title_column: str = ""  # title column/key of records; "" maps it automatically\n'
    'date_column: str = ""  # publication date column/key of records; "" maps it automatically'
)
"""Every notebook reads the corpus the same way; `statecraft report --text-column ...` sets these."""

LOAD = (
    "ann = sc.load_annotated(sources, text_column=text_column or None, title_column=title_column or None,\n"
    "                        date_column=date_column or None{extra})"
)
"""The load call of every notebook: a store is read, sources are annotated (``extra``: more keyword
arguments, e.g. the manifest or the sentiment engines)."""

LEFT_OUT = "## What this report leaves out\n\nInputs, languages, dates and countries it could not use, and why."


def write_notebook(name: str, cells: list) -> Path:
    """Write notebooks/<name> from ``cells`` (ids c00, c01, ... so rebuilding gives the same file)."""
    for number, cell in enumerate(cells):
        cell["id"] = f"c{number:02d}"
    nb = new_notebook(cells=cells)
    nb.metadata["kernelspec"] = {"display_name": "Python 3 (ipykernel)", "language": "python", "name": "python3"}
    nb.metadata["language_info"] = {"name": "python"}
    path = NOTEBOOKS / name
    path.write_text(nbformat.writes(nb) + "\n", encoding="utf-8")
    return path

FINDINGS = ("## Findings\n\nWhat the data shows, in a few sentences with the numbers they rest on "
            "(`analysis.findings`: countries count where a sentence names them as subject).")
"""The heading of every notebook's findings, shown right after its summary line."""


def findings_code(engine: str = "engine") -> str:
    """The findings cell: ``engine`` is the expression naming the sentiment engine of the notebook."""
    return (f'analysis.note_list(list(analysis.findings(ann, engine={engine})["finding"]),\n'
            '                   none="No findings: no country is named in this corpus.")')
