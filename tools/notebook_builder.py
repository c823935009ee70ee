"""Shared by the tools/make_*_notebook.py builders: write a notebook with stable cell ids and kernel python3."""

from pathlib import Path

import nbformat
from nbformat.v4 import new_notebook

NOTEBOOKS = Path(__file__).resolve().parents[1] / "notebooks"


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
