"""Locate and read the reference data kept as CSV under ``data/``."""

from __future__ import annotations

import csv
import functools
import os
from pathlib import Path

_ENV = "STATECRAFT_DATA"


def data_dir() -> Path:
    """Return the data folder: ``$STATECRAFT_DATA`` if set, else ``data/`` beside ``lib/``.

    Raises:
        FileNotFoundError: If the folder does not exist.
    """
    env = os.environ.get(_ENV)
    path = Path(env) if env else Path(__file__).resolve().parents[2] / "data"
    if not path.is_dir():
        raise FileNotFoundError(f"statecraft data folder not found at {path}; set {_ENV} to its location")
    return path


@functools.cache
def read_csv(relative: str) -> tuple[dict[str, str], ...]:
    """Read ``data/<relative>`` as a tuple of row dicts (cached; treat as read-only).

    Args:
        relative: Path under the data folder, e.g. "cleaning/boilerplate.csv".

    Returns:
        The rows, in file order, with every value a string.
    """
    with open(data_dir() / relative, encoding="utf-8", newline="") as handle:
        return tuple(dict(row) for row in csv.DictReader(handle))
