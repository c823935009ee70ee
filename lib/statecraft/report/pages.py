"""The HTML index pages of the reports: one per run, one listing the runs.

Every value that comes from a corpus, a parameter or a file name is HTML-escaped.
"""

from __future__ import annotations

import html
import json
import os
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

_STYLE = (
    "body{font-family:system-ui,sans-serif;margin:2em;max-width:70em}"
    "table{border-collapse:collapse}td,th{border:1px solid #ccc;padding:4px 8px;text-align:left}"
    ".failed{color:#b2182b;font-weight:bold}"
)


def write_run_index(
    path: Path, run: str, entries: Sequence[Mapping[str, Any]], params: Mapping[str, Any],
    sources: str | os.PathLike[str], *, columns: Mapping[str, str] | None = None,
    store: str | os.PathLike[str] | None = None,
) -> Path:
    """Write a run's index page (parameters, corpus summary, one link per report) and its status.

    Beside the page, ``run.json`` records the reports and the failed ones, so the list of
    runs (:func:`write_runs_index`) can mark a run with a failed notebook.

    Args:
        path: The page to write.
        run: The run name.
        entries: One mapping per report: name, notebook, params, error ("" when it ran).
        params: The parameters given to the run.
        sources: The corpus the run read (summarised with :func:`statecraft.load_corpus`).
        columns: Column names given to the run (text_column, title_column, date_column).
        store: The store the notebooks read; its accounting summarises the corpus (a store
            given as ``sources`` is read the same way).

    Returns:
        ``path``.
    """
    summary, account_line = _corpus_summary(sources, columns or {}, store)
    rows = "\n".join(
        f'<tr><td><a href="{_e(e["name"])}.html">{_e(e["name"])}</a></td><td>{_e(e["notebook"])}</td>'
        f"<td><code>{_e(_json(e['params']))}</code></td>"
        + (f'<td class="failed">failed: {_e(e["error"])}</td>' if e.get("error") else "<td>ok</td>")
        + "</tr>"
        for e in entries
    )
    given = "\n".join(
        f"<tr><td>{_e(k)}</td><td><code>{_e(_json(v))}</code></td></tr>" for k, v in sorted(params.items())
    ) or "<tr><td colspan=2>notebook defaults</td></tr>"
    body = (
        f"<h1>Statecraft run: {_e(run)}</h1>\n"
        f"<h2>Parameters</h2>\n<table><tr><th>name</th><th>value</th></tr>\n{given}"
        f"\n</table>\n<h2>Corpus</h2>\n{summary}\n"
        "<h2>Reports</h2>\n<table><tr><th>report</th><th>notebook</th><th>parameters</th><th>status</th></tr>\n"
        f"{rows}\n</table>\n<p><a href=\"../index.html\">all runs</a></p>"
    )
    path.write_text(_page(f"Statecraft run {run}", body), encoding="utf-8")
    status = {"run": run, "corpus": account_line, "reports": [e["name"] for e in entries],
              "failed": {e["name"]: e["error"] for e in entries if e.get("error")}}
    (path.parent / _STATUS).write_text(json.dumps(status, indent=1, sort_keys=True) + "\n", encoding="utf-8")
    return path


def write_runs_index(out: Path) -> Path:
    """Write ``out/index.html`` listing every run folder that has an index page.

    Args:
        out: The reports folder.

    Returns:
        The page written.
    """
    runs = sorted(p.parent.name for p in out.glob("*/index.html"))
    items = "\n".join(f'<li><a href="{_e(r)}/index.html">{_e(r)}</a>{_run_status(out / r)}</li>' for r in runs)
    page = _page("Statecraft reports", f"<h1>Statecraft reports</h1>\n<ul>\n{items}\n</ul>")
    (out / "index.html").write_text(page, encoding="utf-8")
    return out / "index.html"


def _run_status(run_dir: Path) -> str:
    """Say after a run's link whether every notebook ran ("" for runs written before run.json)."""
    try:
        status = json.loads((run_dir / _STATUS).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return ""
    failed = sorted(status.get("failed", {}))
    if not failed:
        return f" <span>{len(status.get('reports', []))} reports, all ran</span>"
    return (f' <span class="failed">FAILED: {len(failed)} of {len(status.get("reports", []))} notebooks '
            f"({_e(', '.join(failed))})</span>")


def _corpus_summary(sources: str | os.PathLike[str], columns: Mapping[str, str],
                    store: str | os.PathLike[str] | None = None) -> tuple[str, str]:  # fmt: skip
    """The corpus section of a run page: from the store the notebooks read, else from the sources."""
    import statecraft as sc
    from statecraft.store import is_store, open_store

    store = store if store is not None else (sources if is_store(sources) else None)
    if store is not None:  # its own accounting: the sources are not read again
        opened = open_store(store)
        line = sc.Corpus.summary_line(opened.meta["account"])
        low, high, undated = opened.sql("select min(published_date), max(published_date), "
                                        "count(*) - count(published_date) from documents").iloc[0]  # fmt: skip
        span = f"{low} to {high}" if isinstance(low, str) else "none"
        undated = int(undated)
    else:
        corpus = sc.load_corpus(sources, **{k: v for k, v in columns.items() if v})
        dates = corpus.documents["published_date"].dropna()
        span = f"{dates.min()} to {dates.max()}" if len(dates) else "none"
        undated = int(corpus.documents["published_date"].isna().sum())
        line = corpus.summary()
    html_text = (
        f"<p>Sources: <code>{_e(os.fspath(sources))}</code></p>\n"
        f"<p>{_e(line)}</p>\n"
        f"<p>Publication dates: {_e(span)} ({undated} undated)</p>"
    )
    return html_text, line


_STATUS = "run.json"


def _json(value: Any) -> str:
    return json.dumps(value, sort_keys=True, ensure_ascii=False)


def _e(value: Any) -> str:
    return html.escape(str(value))


def _page(title: str, body: str) -> str:
    return (
        '<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">'
        f"<title>{_e(title)}</title><style>{_STYLE}</style></head>\n<body>\n{body}\n</body></html>\n"
    )
