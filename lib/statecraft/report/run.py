"""Run the notebooks with papermill, render them as HTML reports, write index pages.

Parameters are checked against each notebook's ``parameters`` cell before anything
runs (papermill itself only warns about unknown names): an unknown name or a value
that does not fit the declared type is a clear error naming the valid choices.

A run writes ``<out>/<run>/``: one executed notebook and one HTML report per job (code
cells hidden, figures embedded as PNG, article text HTML-escaped), each table of a report
as ``<report>.<table>.csv`` beside it (linked from the report; see
:func:`statecraft.analysis.show`) and an ``index.html``
with the run's parameters, a corpus summary and a link per report; ``<out>/index.html``
lists the runs. The run folder is built beside its target and moved into place at the
end, so an interrupted run leaves the previous one intact.
"""

from __future__ import annotations

import logging
import os
import re
import shutil
import sys
import tempfile
from collections.abc import Mapping, Sequence
from concurrent.futures import ProcessPoolExecutor, as_completed
from pathlib import Path
from typing import Any

from statecraft import atomic, resources
from statecraft.lifetime import die_with_parent
from statecraft.report.pages import write_run_index, write_runs_index
from statecraft.report.params import check_parameters, coerce, notebook_parameters

log = logging.getLogger(__name__)

__all__ = [
    "ReportError", "check_parameters", "coerce", "notebook_parameters", "notebook_paths", "project_dir",
    "run_reports", "write_runs_index",
]  # fmt: skip

KERNEL_ARGUMENTS = ["--log-level=CRITICAL"]
"""Kernel command-line flags: keep the kernel's start-up warnings off the terminal."""
KERNEL_STARTS = 3
"""Kernel start-ups tried per notebook when a kernel dies before it answers (a port race, see execute_notebook)."""
_KERNEL_START_FAILURES = ("Kernel died before replying to kernel_info", "Kernel didn't respond in")
COMPARISON_STEM = "comparison"
"""Notebooks whose name holds this word are the ones a per-country sweep repeats."""


# JupyterLab's look without the scripts it fetches from a CDN (require.js, MathJax, Mermaid): the reports
# hold no widgets, formulas or diagrams, and open offline.
_TEMPLATE_NAME = "statecraft_report.html.j2"
_TEMPLATE = {_TEMPLATE_NAME: (
    "{%- extends 'index.html.j2' -%}\n"
    "{%- block html_head_js_requirejs -%}{%- endblock html_head_js_requirejs -%}\n"
    "{%- block html_head_js_mathjax -%}{%- endblock html_head_js_mathjax -%}\n"
    "{%- block html_head_js_mermaidjs -%}{%- endblock html_head_js_mermaidjs -%}\n"
)}


class ReportError(RuntimeError):
    """One or more notebooks failed; their HTML reports (with the error) were still written."""


def project_dir() -> Path:
    """Return the project folder (the parent of ``data/``)."""
    return resources.data_dir().parent


def notebook_paths(folder: str | os.PathLike[str] | None = None) -> list[Path]:
    """Return the notebooks to run (``[0-9]*.ipynb``), sorted by name."""
    return sorted(Path(folder or project_dir() / "notebooks").glob("[0-9]*.ipynb"))


def run_reports(
    *,
    sources: str | os.PathLike[str] | None = None,
    out: str | os.PathLike[str] = "reports",
    params: Mapping[str, Any] | None = None,
    per_country: str | Sequence[str] | None = None,
    run: str | None = None,
    notebooks: Sequence[Path] | None = None,
    progress: bool = True,
    jobs: int = 1,
    timeout: int = 3600,
) -> Path:
    """Execute every notebook on ``sources`` into ``out/<run>/`` and render HTML reports.

    Args:
        sources: Corpus path (default: each notebook's own default, the bundled seeds).
        out: Reports folder; ``out/index.html`` lists the runs.
        params: Notebook parameters, values typed or as CLI strings (checked before anything runs).
        per_country: Alpha-3 codes (list or "PAK,KGZ"): the comparison notebook runs once per country.
        run: Run name (default: derived from the sources and parameters).
        notebooks: Notebooks to run (default: every numbered notebook in ``notebooks/``).
        progress: Show a progress bar on the terminal (only when stderr is a terminal).
        jobs: Notebooks executed at the same time (each in its own kernel).
        timeout: Seconds a single cell may run.

    Returns:
        The run folder.

    Raises:
        ValueError: On a bad parameter, country code or ``jobs``, before anything runs.
        FileNotFoundError: If ``sources`` or a notebook does not exist.
        ReportError: If a notebook failed (every report and the index are still written).
    """
    from tqdm import tqdm

    nbs = [Path(nb) for nb in (notebooks or notebook_paths())]
    if not nbs:
        raise FileNotFoundError("no notebooks to run (notebooks/[0-9]*.ipynb)")
    if jobs < 1:
        raise ValueError(f"jobs must be >= 1, got {jobs!r}")
    nb_dir = Path(os.path.abspath(nbs[0].parent))  # not resolved: keep symlinked layouts readable
    params = dict(params or {})
    if sources is not None and not Path(sources).exists():
        raise FileNotFoundError(f"sources not found: {sources}")
    todo = _jobs(nbs, check_parameters(params, nbs), _countries(per_country))
    declared = {nb: notebook_parameters(nb) for nb in nbs}  # each parameters cell read once
    readers = [nb_params for nb, _, nb_params in todo if "sources" in declared[nb]]
    corpus = None
    if readers:  # every notebook reads the one store (a path relative to notebooks/)
        named = {"text": "text_column", "title": "title_column", "published": "date_column"}
        fields = {field: params[name] for field, name in named.items() if params.get(name)}
        needed = {p.get("engine", declared[nb]["engine"]["default"]) for nb, _, p in todo if "engine" in declared[nb]}
        corpus = _annotated_once(sources, Path(out), manifest=params.get("manifest") or None, fields=fields,
                                 needed=needed, progress=progress)
        for nb_params in readers:
            nb_params["sources"] = os.path.relpath(os.path.abspath(corpus), nb_dir)
            nb_params.pop("manifest", None)
    run_name = run or _run_name(sources, params, per_country)
    run_dir = Path(out) / run_name
    tmp = Path(tempfile.mkdtemp(prefix=f".{run_name}.", dir=_mkdir(Path(out))))
    tasks = [(str(nb), str(tmp / f"{name}.ipynb"), str(tmp / f"{name}.html"), nb_params, str(nb_dir), timeout)
             for nb, name, nb_params in todo]
    errors: dict[str, str] = {}
    bar = tqdm(total=len(tasks), desc=f"reports {run_name}", unit="notebook", disable=None if progress else True)
    try:
        for name, error in _execute_all(tasks, jobs=jobs, bar=bar):
            if error:
                errors[name] = error
                log.error("notebook %s failed: %s", name, error)
    finally:
        bar.close()
    entries = [{"name": name, "notebook": nb.name, "params": nb_params, "error": errors.get(name, "")}
               for nb, name, nb_params in todo]
    columns = {k: str(params[k]) for k in ("text_column", "title_column", "date_column") if params.get(k)}
    corpus_path = sources or (nb_dir / params["sources"] if params.get("sources") else project_dir() / "seeds")
    write_run_index(tmp / "index.html", run_name, entries, params, corpus_path, columns=columns, store=corpus)
    atomic.swap_into_place(tmp, run_dir)  # a killed run leaves the previous run intact
    shutil.rmtree(tmp, ignore_errors=True)
    write_runs_index(Path(out))
    if errors:
        failed = ", ".join(f"{name} ({error})" for name, error in sorted(errors.items()))
        raise ReportError(f"{len(errors)} of {len(tasks)} notebooks failed: {failed}; see {run_dir}/index.html")
    return run_dir


def execute_notebook(
    notebook: str, executed: str, html_path: str, params: Mapping[str, Any], cwd: str, timeout: int = 3600
) -> str:
    """Execute one notebook with papermill and render its HTML report.

    Args:
        notebook: The notebook to run.
        executed: Where to write the executed notebook.
        html_path: Where to write the HTML report (written even when the notebook fails).
        params: Parameters injected by papermill (already checked).
        cwd: Working directory of the kernel.
        timeout: Seconds a single cell may run.

    Returns:
        "" on success, else a one-line description of the error.
    """
    import papermill

    from statecraft.analysis.coverage import TABLES_ENV

    error = ""
    before = os.environ.get(TABLES_ENV)
    # the kernel (working directory: notebooks/) writes its tables beside the HTML: an absolute path
    os.environ[TABLES_ENV] = os.path.abspath(Path(html_path).with_suffix(""))
    try:
        for attempt in range(KERNEL_STARTS):
            try:
                papermill.execute_notebook(notebook, executed, parameters=dict(params), kernel_name="python3",
                                           cwd=cwd, progress_bar=False, log_output=False,
                                           execution_timeout=timeout, extra_arguments=KERNEL_ARGUMENTS)  # fmt: skip
                break
            except RuntimeError as err:
                # kernels started at once by parallel workers can draw the same free port (jupyter_client
                # picks ports before binding them): the kernel dies before running any cell, and the client
                # says so or waits for it in vain (nteract/papermill#511, open); start another
                if not any(m in str(err) for m in _KERNEL_START_FAILURES) or attempt == KERNEL_STARTS - 1:
                    raise
                log.warning("the kernel for %s died at start-up (%s); starting another", notebook, err)
    except papermill.PapermillExecutionError as err:
        error = f"{err.ename}: {err.evalue}".splitlines()[0][:300]
    finally:
        if before is None:
            os.environ.pop(TABLES_ENV, None)
        else:
            os.environ[TABLES_ENV] = before
    if Path(executed).exists():
        render_html(Path(executed), Path(html_path))
    return error


def render_html(executed: Path, target: Path) -> Path:
    """Render an executed notebook as an HTML report with the code cells hidden.

    Args:
        executed: The executed notebook.
        target: The HTML file to write.

    Returns:
        ``target``.
    """
    import nbformat
    from jinja2 import DictLoader
    from nbconvert import HTMLExporter

    # nbconvert warns once per report that figures lack alt text, then adds a default one itself
    quiet = logging.getLogger(f"{__name__}.nbconvert")
    quiet.setLevel(logging.ERROR)
    exporter = HTMLExporter(template_name="lab", template_file=_TEMPLATE_NAME, extra_loaders=[DictLoader(_TEMPLATE)],
                            exclude_input=True, exclude_input_prompt=True, exclude_output_prompt=True,
                            embed_images=True, log=quiet)
    body, _ = exporter.from_notebook_node(_without_widgets(nbformat.read(executed, as_version=4)))
    target.write_text(body, encoding="utf-8")
    return target


WIDGET_VIEW = "application/vnd.jupyter.widget-view+json"
WIDGET_NOTE = "The interactive explorer needs a live kernel: open this notebook in JupyterLab (make lab)."


def _without_widgets(nb: Any) -> Any:
    """Drop the widget state and widget views from a notebook before it becomes a static page.

    A static page cannot run widgets, and their state holds corpus text inside a script
    element, where escaping is not HTML escaping; each widget view becomes a plain note.
    """
    nb.metadata.pop("widgets", None)
    for cell in nb.cells:
        for output in cell.get("outputs", []):
            data = output.get("data", {})
            if WIDGET_VIEW in data:
                output["data"] = {"text/plain": WIDGET_NOTE}
    return nb


def _execute_task(task: tuple) -> tuple[str, str]:
    return Path(task[1]).stem, execute_notebook(*task)


def _execute_all(tasks: list[tuple], *, jobs: int, bar: Any) -> list[tuple[str, str]]:
    results = []
    if jobs == 1 or len(tasks) < 2:
        for task in tasks:
            bar.set_postfix_str(Path(task[1]).stem)
            results.append(_execute_task(task))
            bar.update()
        return results
    with ProcessPoolExecutor(max_workers=min(jobs, len(tasks)), initializer=die_with_parent) as pool:
        for future in as_completed([pool.submit(_execute_task, task) for task in tasks]):
            results.append(future.result())
            bar.update()
    return sorted(results)


def _countries(per_country: str | Sequence[str] | None) -> list[str]:
    items = per_country.split(",") if isinstance(per_country, str) else list(per_country or [])
    codes = [str(c).strip().upper() for c in items if str(c).strip()]
    bad = [c for c in codes if not re.fullmatch(r"[A-Z]{3}", c)]
    if bad:
        raise ValueError(f"per_country: {bad} are not ISO 3166-1 alpha-3 codes (e.g. PAK,KGZ)")
    return codes


def _jobs(nbs: list[Path], shares: dict[Path, dict[str, Any]], countries: list[str]) -> list[tuple[Path, str, dict]]:
    sweep = [nb for nb in nbs if COMPARISON_STEM in nb.stem and "countries" in notebook_parameters(nb)]
    if countries and not sweep:
        raise ValueError(f"per_country: no notebook named *{COMPARISON_STEM}* with a 'countries' parameter")
    jobs = []
    for nb in nbs:
        if countries and nb in sweep:
            jobs += [(nb, f"{nb.stem}-{code}", {**shares[nb], "countries": [code]}) for code in countries]
        else:
            jobs.append((nb, nb.stem, shares[nb]))
    return jobs


def _annotated_once(
    sources: Any, out: Path, *, manifest: Any, fields: dict[str, str], needed: set[str], progress: bool
) -> Path:
    """Return a store of ``sources``: the store itself, or ``out/stores/<name>`` annotated (or updated) now.

    The run's notebooks all read this store, so the corpus is annotated once per report
    run, and a later run on unchanged sources annotates nothing. ``fields`` are the record
    columns named by the run (``--text-column`` ...); a store given as sources is used as is
    when it holds the ``needed`` engines (the notebooks' ``engine`` parameters), else ReportError.
    """
    from statecraft.sentiment.engines import ENGINES
    from statecraft.store import annotate_to_store, is_store, open_store

    if sources is not None and is_store(sources):
        held = set(open_store(sources).meta.get("engines", []))
        if not set(needed) <= held:
            raise ReportError(f"store {sources} holds sentiment of {sorted(held)}; these reports use "
                              f"{', '.join(sorted(needed))}: annotate the sources into a new store with "
                              f"--sentiment {','.join(sorted(held | set(needed)))}, pass -p engine ENGINE, or give "
                              "the source folder")
        return Path(sources)
    src = Path(sources) if sources is not None else project_dir() / "seeds"
    name = re.sub(r"[^A-Za-z0-9._-]+", "-", src.stem or "sources")[:80] or "sources"
    if manifest:
        name += "-manifest-" + re.sub(r"[^A-Za-z0-9._-]+", "-", Path(str(manifest)).stem)[:40]
    store = out / "stores" / name
    annotate_to_store([src], store, manifest=manifest, fields=fields or None, sentiment=ENGINES,
                      progress=progress and sys.stderr.isatty())
    return store


def _run_name(sources: Any, params: Mapping[str, Any], per_country: Any) -> str:
    base = Path(sources).stem if sources else "seeds"
    extra = [f"{k}-{v}" for k, v in sorted(params.items()) if k != "sources"]
    if per_country:
        extra.append(f"per-country-{per_country if isinstance(per_country, str) else '-'.join(per_country)}")
    name = "_".join([base, *extra])
    return re.sub(r"[^A-Za-z0-9._-]+", "-", name)[:120].strip("-") or "run"


def _mkdir(path: Path) -> Path:
    path.mkdir(parents=True, exist_ok=True)
    return path
