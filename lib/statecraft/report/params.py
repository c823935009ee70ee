"""Notebook parameters: read each notebook's ``parameters`` cell, check and type the values given.

A parameters cell holds only typed literal assignments with a help comment,
``top_n: int = 15  # countries shown``, which is also what ``papermill --help-notebook``
reads. Values given on the command line arrive as strings and are converted to the
declared type; a name no notebook declares, or a value that does not fit, is an error
that names the valid choices.
"""

from __future__ import annotations

import ast
import datetime
import json
import os
import re
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

TYPES: dict[str, type] = {"str": str, "int": int, "float": float, "bool": bool, "list": list}
_TRUE, _FALSE = {"true", "1", "yes"}, {"false", "0", "no"}
_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
_ALPHA3 = re.compile(r"[A-Z]{3}")
_SLUG = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
_COUNTS = ("min_", "max_", "top_", "n_")


def notebook_parameters(path: str | os.PathLike[str]) -> dict[str, dict[str, Any]]:
    """Read a notebook's parameters cell.

    Args:
        path: The notebook.

    Returns:
        name -> {"type": one of :data:`TYPES`, "default": the literal, "help": the comment}, in cell order.

    Raises:
        ValueError: If the notebook has no cell tagged ``parameters`` or the cell holds
            anything but typed literal assignments of a known type.
    """
    nb = json.loads(Path(path).read_text(encoding="utf-8"))
    cells = [c for c in nb["cells"] if "parameters" in c.get("metadata", {}).get("tags", [])]
    if not cells:
        raise ValueError(f"{path}: no cell tagged 'parameters'")
    source = "".join(cells[0]["source"])
    comments = {i + 1: line.split("#", 1)[1].strip() for i, line in enumerate(source.splitlines()) if "#" in line}
    params = {}
    for node in ast.parse(source).body:
        if not (isinstance(node, ast.AnnAssign) and isinstance(node.target, ast.Name) and node.value is not None):
            raise ValueError(f"{path}: the parameters cell must hold only typed assignments (`name: type = literal`)")
        kind = ast.unparse(node.annotation).split("[")[0]
        if kind not in TYPES:
            raise ValueError(f"{path}: parameter {node.target.id} has type {kind}; use one of {sorted(TYPES)}")
        params[node.target.id] = {
            "type": kind,
            "default": ast.literal_eval(node.value),
            "help": comments.get(node.lineno, ""),
        }
    return params


def coerce(name: str, value: Any, spec: Mapping[str, Any]) -> Any:
    """Convert a parameter value (often a CLI string) to its declared type.

    Args:
        name: The parameter name (for the error message).
        value: A typed value, or a string to parse ("5", "true", "PAK,KGZ", '["PAK"]').
        spec: The parameter's entry from :func:`notebook_parameters`.

    Returns:
        The value with the declared type.

    Raises:
        ValueError: If the value does not fit the type.
    """
    kind = spec["type"]
    if not isinstance(value, str) or kind == "str":
        ok = isinstance(value, TYPES[kind]) and not (kind in ("int", "float") and isinstance(value, bool))
        if kind == "float" and isinstance(value, int) and not isinstance(value, bool):
            return float(value)
        if not ok:
            raise ValueError(f"parameter {name}: expected {kind}, got {value!r}")
        return value
    text = value.strip()
    try:
        if kind == "bool":
            if text.lower() not in _TRUE | _FALSE:
                raise ValueError(text)
            return text.lower() in _TRUE
        if kind == "int":
            return int(text)
        if kind == "float":
            return float(text)
        if text.startswith(("{", '"')):
            raise ValueError(text)
        parsed = json.loads(text) if text.startswith("[") else [v.strip() for v in text.split(",") if v.strip()]
        if not isinstance(parsed, list):
            raise ValueError(text)
        return parsed
    except ValueError:
        raise ValueError(f"parameter {name}: {value!r} is not a valid {kind}") from None


def check_parameters(params: Mapping[str, Any], notebooks: Sequence[Path]) -> dict[Path, dict[str, Any]]:
    """Check ``params`` against every notebook's parameters; return each notebook's share.

    Args:
        params: name -> value (typed or CLI strings).
        notebooks: The notebooks that will run.

    Returns:
        notebook -> the typed parameters it declares.

    Raises:
        ValueError: If a name is declared by no notebook, or a value has the wrong type
            or is invalid (dates, country codes, sentiment engine).
    """
    declared = {nb: notebook_parameters(nb) for nb in notebooks}
    names = sorted({n for spec in declared.values() for n in spec})
    unknown = sorted(set(params) - set(names))
    if unknown:
        raise ValueError(f"unknown parameter(s) {unknown}; valid parameters: {', '.join(names)}")
    out = {}
    for nb, spec in declared.items():
        out[nb] = {k: coerce(k, v, spec[k]) for k, v in params.items() if k in spec}
        validate_values(out[nb])
    return out


def validate_values(params: Mapping[str, Any]) -> None:
    """Check the values whose meaning the library knows; every notebook calls this on its parameters.

    The same checks run in ``statecraft report`` before anything executes and in each
    notebook's first cell (so a notebook run by hand, in JupyterLab or with papermill, is
    checked the same way): ``sources`` a non-empty path; ``countries``, ``actors`` and
    ``topics`` lists (not strings); dates real ISO dates with ``start_date <= end_date``;
    countries alpha-3 codes of the codebook; actors codebook slugs; ``min_*``, ``max_*``,
    ``top_*`` and ``n_*`` whole numbers >= 0; a known sentiment engine; ``granularity`` day or month.

    Args:
        params: Typed parameters (names a notebook does not use are ignored).

    Raises:
        ValueError: Naming the parameter, the bad value and what is valid.
    """
    from statecraft.tagging import codebook

    if "sources" in params and not (isinstance(params["sources"], str) and params["sources"].strip()):
        raise ValueError(f"parameter sources: {params['sources']!r} is empty; give a corpus folder or file "
                         "(relative to notebooks/, e.g. ../seeds)")
    for key in ("countries", "actors", "topics"):
        if key in params and not isinstance(params[key], list | tuple):
            raise ValueError(f"parameter {key}: expected a list such as {_EXAMPLES[key]}, got {params[key]!r} "
                             f"(a {type(params[key]).__name__})")
    dates = {key: _date(key, params.get(key)) for key in ("start_date", "end_date")}
    if dates["start_date"] and dates["end_date"] and dates["end_date"] < dates["start_date"]:
        raise ValueError(f"parameter end_date {params['end_date']!r} is before start_date {params['start_date']!r}")
    countries = params.get("countries") or []
    bad = [c for c in countries if not (isinstance(c, str) and _ALPHA3.fullmatch(c.strip().upper()))]
    if bad:
        raise ValueError(f"parameter countries: {bad!r} are not ISO 3166-1 alpha-3 codes (e.g. PAK, KGZ)")
    countries = [c.strip() for c in countries]
    unknown = sorted({c.upper() for c in countries} - set(codebook.table("countries")["alpha_3"]))
    if unknown:
        raise ValueError(f"parameter countries: {unknown} are not in the codebook (data/tagging/countries.csv)")
    actors = params.get("actors") or []
    known = set(codebook.table("actors")["actor_id"])
    strange = [a for a in actors if not (isinstance(a, str) and _SLUG.fullmatch(a) and a in known)]
    if strange:
        raise ValueError(f"parameter actors: {strange!r} are not actor slugs of data/tagging/actors.csv "
                         "(e.g. binance, changpeng-zhao)")
    for key, value in params.items():
        if not key.startswith(_COUNTS):
            continue
        if not isinstance(value, int | float) or isinstance(value, bool):
            raise ValueError(f"parameter {key}: expected a whole number >= 0, got {value!r}")
        if value < 0:
            raise ValueError(f"parameter {key}: {value!r} must be >= 0")
    if params.get("granularity", "day") not in ("day", "month"):
        raise ValueError(f"parameter granularity: {params['granularity']!r}; valid values: day, month")
    for key in ("engine", "sentiment_engine"):
        if params.get(key):
            from statecraft.sentiment import engines as sentiment

            sentiment.check_engine(params[key])


_EXAMPLES = {"countries": '["PAK", "KGZ"]', "actors": '["binance"]', "topics": '["strategic-reserve"]'}


def _date(key: str, value: Any) -> datetime.date | None:
    if value is None or value == "":
        return None
    text = str(value)
    try:
        if not _ISO_DATE.fullmatch(text):
            raise ValueError(text)
        return datetime.date.fromisoformat(text)
    except ValueError:
        raise ValueError(f"parameter {key}: {text!r} is not an ISO date (YYYY-MM-DD) or empty") from None
