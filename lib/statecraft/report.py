"""Run the notebooks with papermill, render them as HTML reports, write index pages.

Parameters are checked against each notebook's ``parameters`` cell before anything
runs (papermill itself only warns about unknown names): an unknown name or a value
that does not fit the declared type is a clear error naming the valid choices.
"""

from __future__ import annotations

import ast
import html
import json
import logging
import os
import re
import shutil
import tempfile
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from statecraft import resources

log = logging.getLogger(__name__)

_TYPES = {"str": str, "int": int, "float": float, "bool": bool, "list": list}


def project_dir() -> Path:
    """Return the project folder (the parent of ``data/``)."""
    return resources.data_dir().parent


def notebook_paths(folder: str | os.PathLike[str] | None = None) -> list[Path]:
    """Return the notebooks to run, sorted by name."""
    return sorted(Path(folder or project_dir() / "notebooks").glob("[0-9]*.ipynb"))


def notebook_parameters(path: str | os.PathLike[str]) -> dict[str, dict[str, Any]]:
    """Read a notebook's parameters cell: name -> {type, default, help}.

    Raises:
        ValueError: If the notebook has no cell tagged ``parameters`` or it holds
            anything but typed literal assignments.
    """
    nb = json.loads(Path(path).read_text(encoding="utf-8"))
    cells = [c for c in nb["cells"] if "parameters" in c.get("metadata", {}).get("tags", [])]
    if not cells:
        raise ValueError(f"{path}: no cell tagged 'parameters'")
    source = "".join(cells[0]["source"])
    comments = {i + 1: line.split("#", 1)[1].strip() for i, line in enumerate(source.splitlines()) if "#" in line}
    params = {}
    for node in ast.parse(source).body:
        if not (isinstance(node, ast.AnnAssign) and isinstance(node.target, ast.Name)):
            raise ValueError(f"{path}: the parameters cell must hold only typed assignments (`name: type = literal`)")
        kind = ast.unparse(node.annotation).split("[")[0]
        if kind not in _TYPES:
            raise ValueError(f"{path}: parameter {node.target.id} has type {kind}; use one of {sorted(_TYPES)}")
        params[node.target.id] = {
            "type": kind,
            "default": ast.literal_eval(node.value),
            "help": comments.get(node.lineno, ""),
        }
    return params


def coerce(name: str, value: Any, spec: Mapping[str, Any]) -> Any:
    """Convert a parameter value (often a CLI string) to its declared type.

    Raises:
        ValueError: If the value does not fit the type.
    """
    kind = spec["type"]
    if not isinstance(value, str) or kind == "str":
        ok = isinstance(value, _TYPES[kind]) and not (kind == "int" and isinstance(value, bool))
        if not ok:
            raise ValueError(f"parameter {name}: expected {kind}, got {value!r}")
        return value
    text = value.strip()
    try:
        if kind == "bool":
            if text.lower() not in {"true", "false", "1", "0", "yes", "no"}:
                raise ValueError(text)
            return text.lower() in {"true", "1", "yes"}
        if kind == "int":
            return int(text)
        if kind == "float":
            return float(text)
        parsed = json.loads(text) if text.startswith("[") else [v.strip() for v in text.split(",") if v.strip()]
        if not isinstance(parsed, list):
            raise ValueError(text)
        return parsed
    except ValueError:
        raise ValueError(f"parameter {name}: {value!r} is not a valid {kind}") from None


def check_parameters(params: Mapping[str, Any], notebooks: Sequence[Path]) -> dict[Path, dict[str, Any]]:
    """Check ``params`` against every notebook's parameters; return each notebook's share.

    Raises:
        ValueError: If a name is declared by no notebook or a value has the wrong type.
    """
    declared = {nb: notebook_parameters(nb) for nb in notebooks}
    names = sorted({n for spec in declared.values() for n in spec})
    unknown = sorted(set(params) - set(names))
    if unknown:
        raise ValueError(f"unknown parameter(s) {unknown}; valid parameters: {', '.join(names)}")
    out = {}
    for nb, spec in declared.items():
        out[nb] = {k: coerce(k, v, spec[k]) for k, v in params.items() if k in spec}
        _validate_values(out[nb])
    return out


def run_reports(
    *,
    sources: str | os.PathLike[str] | None = None,
    out: str | os.PathLike[str] = "reports",
    params: Mapping[str, Any] | None = None,
    per_country: str | Sequence[str] | None = None,
    run: str | None = None,
    notebooks: Sequence[Path] | None = None,
    progress: bool = True,
) -> Path:
    """Execute every notebook on ``sources`` into ``out/<run>/`` and render HTML reports.

    Args:
        sources: Corpus path (default: the bundled seeds).
        out: Reports folder; ``out/index.html`` lists the runs.
        params: Notebook parameters (names are checked before anything runs).
        per_country: Alpha-3 codes: the comparison notebook runs once per country.
        run: Run name (default: derived from the sources and parameters).
        notebooks: Notebooks to run (default: every numbered notebook).
        progress: Show a progress bar on the terminal.

    Returns:
        The run folder.

    Raises:
        ValueError: On a bad parameter, before anything runs.
        papermill.PapermillExecutionError: If a notebook fails (its HTML is still written).
    """
    import papermill
    from tqdm import tqdm

    nbs = list(notebooks or notebook_paths())
    nb_dir = nbs[0].parent.resolve()
    params = dict(params or {})
    if sources is not None:
        if not Path(sources).exists():
            raise FileNotFoundError(f"sources not found: {sources}")
        params["sources"] = os.path.relpath(Path(sources).resolve(), nb_dir)
    jobs = _jobs(nbs, check_parameters(params, nbs), per_country)
    run_name = run or _run_name(sources, params, per_country)
    run_dir = Path(out) / run_name
    tmp = Path(tempfile.mkdtemp(prefix=f".{run_name}.", dir=_mkdir(Path(out))))
    entries, failure = [], None
    for nb, name, nb_params in tqdm(jobs, desc="reports", unit="notebook", disable=not progress):
        executed = tmp / f"{name}.ipynb"
        try:
            papermill.execute_notebook(str(nb), str(executed), parameters=nb_params, kernel_name="python3",
                                       cwd=str(nb_dir), progress_bar=False, log_output=False)
        except papermill.PapermillExecutionError as err:
            failure = failure or err
        _render(executed, tmp / f"{name}.html")
        entries.append({"name": name, "notebook": nb.name, "params": nb_params})
    _write_run_index(tmp / "index.html", run_name, entries, params, sources)
    if run_dir.exists():
        shutil.rmtree(run_dir)
    os.replace(tmp, run_dir)
    write_runs_index(Path(out))
    if failure:
        raise failure
    return run_dir


def write_runs_index(out: Path) -> Path:
    """Write ``out/index.html`` listing every run folder that has an index."""
    runs = sorted(p.parent.name for p in out.glob("*/index.html"))
    items = "\n".join(f'<li><a href="{html.escape(r)}/index.html">{html.escape(r)}</a></li>' for r in runs)
    page = _page("Statecraft reports", f"<h1>Statecraft reports</h1>\n<ul>\n{items}\n</ul>")
    (out / "index.html").write_text(page, encoding="utf-8")
    return out / "index.html"


def _jobs(nbs: list[Path], shares: dict[Path, dict[str, Any]], per_country: Any) -> list[tuple[Path, str, dict]]:
    countries = [c.strip().upper() for c in per_country.split(",")] if isinstance(per_country, str) else per_country
    jobs = []
    for nb in nbs:
        declared = notebook_parameters(nb)
        if countries and "countries" in declared and "comparison" in nb.stem:
            for code in countries:
                if not re.fullmatch(r"[A-Z]{3}", code):
                    raise ValueError(f"per_country: {code!r} is not an ISO 3166-1 alpha-3 code")
                jobs.append((nb, f"{nb.stem}-{code}", {**shares[nb], "countries": [code]}))
        else:
            jobs.append((nb, nb.stem, shares[nb]))
    return jobs


def _validate_values(params: Mapping[str, Any]) -> None:
    for key in ("start_date", "end_date"):
        value = params.get(key)
        if value and not re.fullmatch(r"\d{4}-\d{2}-\d{2}", str(value)):
            raise ValueError(f"parameter {key}: {value!r} is not an ISO date (YYYY-MM-DD)")
    if params.get("engine"):
        from statecraft import sentiment

        sentiment.check_engine(params["engine"])


def _run_name(sources: Any, params: Mapping[str, Any], per_country: Any) -> str:
    base = Path(sources).stem if sources else "seeds"
    extra = [f"{k}-{v}" for k, v in sorted(params.items()) if k != "sources"]
    if per_country:
        extra.append(f"per-country-{per_country if isinstance(per_country, str) else '-'.join(per_country)}")
    name = "_".join([base, *extra])
    return re.sub(r"[^A-Za-z0-9._-]+", "-", name)[:120].strip("-") or "run"


def _render(executed: Path, target: Path) -> None:
    import nbformat
    from nbconvert import HTMLExporter

    exporter = HTMLExporter(template_name="lab", exclude_input=True, exclude_input_prompt=True,
                            exclude_output_prompt=True)
    body, _ = exporter.from_notebook_node(nbformat.read(executed, as_version=4))
    target.write_text(body, encoding="utf-8")


def _write_run_index(path: Path, run: str, entries: list[dict], params: Mapping[str, Any], sources: Any) -> None:
    import statecraft as sc

    corpus = sc.load_corpus(sources or project_dir() / "seeds")
    rows = "\n".join(
        f'<tr><td><a href="{html.escape(e["name"])}.html">{html.escape(e["name"])}</a></td>'
        f"<td>{html.escape(e['notebook'])}</td>"
        f"<td><code>{html.escape(json.dumps(e['params'], sort_keys=True, ensure_ascii=False))}</code></td></tr>"
        for e in entries
    )
    shown = {k: v for k, v in sorted(params.items())}
    body = (
        f"<h1>Statecraft run: {html.escape(run)}</h1>\n"
        f"<p>Parameters: <code>{html.escape(json.dumps(shown, sort_keys=True, ensure_ascii=False))}</code></p>\n"
        f"<p>Corpus: {html.escape(corpus.summary())}</p>\n"
        '<table border="1" cellpadding="4"><tr><th>report</th><th>notebook</th><th>parameters</th></tr>\n'
        f"{rows}\n</table>\n<p><a href=\"../index.html\">all runs</a></p>"
    )
    path.write_text(_page(f"Statecraft run {run}", body), encoding="utf-8")


def _page(title: str, body: str) -> str:
    return (
        "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
        f"<title>{html.escape(title)}</title></head>\n<body>\n{body}\n</body></html>\n"
    )


def _mkdir(path: Path) -> Path:
    path.mkdir(parents=True, exist_ok=True)
    return path
