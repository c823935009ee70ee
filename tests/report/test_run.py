"""Reports: parameter checks before anything runs, papermill runs, HTML with code hidden, index pages."""

from __future__ import annotations

import json
import os
import stat
from pathlib import Path

import nbformat
import pytest
from nbformat.v4 import new_code_cell, new_notebook

from statecraft import cli
from statecraft.report import run as report
from statecraft.report.params import validate_values

SECRET_CODE = "code_cell_marker_that_must_not_show = 1"


def _notebook(path: Path, params: str, body: str) -> Path:
    nb = new_notebook(cells=[
        new_code_cell(params, metadata={"tags": ["parameters"]}),
        new_code_cell(f"{SECRET_CODE}\n{body}"),
    ])
    nb.metadata["kernelspec"] = {"display_name": "Python 3", "language": "python", "name": "python3"}
    path.parent.mkdir(parents=True, exist_ok=True)
    nbformat.write(nb, path)
    return path


@pytest.fixture()
def notebooks(tmp_path) -> list[Path]:
    folder = tmp_path / "notebooks"
    return [
        _notebook(folder / "01_words.ipynb", 'label: str = "x"  # a label to print\nrepeat: int = 1  # times',
                  "print(label * repeat)"),
        _notebook(folder / "02_comparison.ipynb", "countries: list = []  # alpha-3 codes\nlabel: str = 'x'  # label",
                  "print(sorted(countries), label)"),
    ]


def test_notebook_parameters_reads_type_default_and_help(notebooks):
    assert report.notebook_parameters(notebooks[0]) == {
        "label": {"type": "str", "default": "x", "help": "a label to print"},
        "repeat": {"type": "int", "default": 1, "help": "times"},
    }


@pytest.mark.parametrize(
    ("source", "message"),
    [("x = 1", "typed assignments"), ("x: dict = {}", "use one of"), ("print(1)", "typed assignments")],
)
def test_bad_parameters_cell_is_an_error(tmp_path, source, message):
    path = _notebook(tmp_path / "bad.ipynb", source, "")
    with pytest.raises(ValueError, match=message):
        report.notebook_parameters(path)


def test_every_project_notebook_documents_its_parameters():
    for nb in report.notebook_paths():
        params = report.notebook_parameters(nb)
        assert params["sources"]["default"] == "../seeds", nb.name
        assert all(spec["help"] for spec in params.values()), nb.name


@pytest.mark.parametrize(
    ("kind", "value", "expected"),
    [("int", "5", 5), ("int", 7, 7), ("float", "0.5", 0.5), ("float", 3, 3.0), ("bool", "yes", True),
     ("bool", "False", False), ("list", "PAK, KGZ", ["PAK", "KGZ"]), ("list", '["PAK"]', ["PAK"]),
     ("list", ["CHN"], ["CHN"]), ("str", "5", "5")],
)
def test_coerce(kind, value, expected):
    assert report.coerce("p", value, {"type": kind}) == expected


@pytest.mark.parametrize(
    ("kind", "value"),
    [("int", "five"), ("int", True), ("int", 1.5), ("bool", "maybe"), ("list", '["PAK"'), ("list", '{"a": 1}'),
     ("str", 5)],
)
def test_coerce_rejects(kind, value):
    with pytest.raises(ValueError, match=f"parameter p: .*{kind}"):
        report.coerce("p", value, {"type": kind})


@pytest.mark.parametrize(
    ("params", "message"),
    [({"bogus": "1"}, r"unknown parameter\(s\) \['bogus'\]; valid parameters: countries, label, repeat"),
     ({"repeat": "many"}, "not a valid int"), ({"countries": "Pakistan"}, "alpha-3")],
)
def test_bad_parameters_fail_before_anything_runs(notebooks, tmp_path, params, message):
    with pytest.raises(ValueError, match=message):
        report.run_reports(out=tmp_path / "reports", params=params, notebooks=notebooks, progress=False)
    assert not list((tmp_path / "reports").glob("*/index.html"))


@pytest.mark.parametrize(
    ("params", "message"),
    [({"start_date": "May 2025"}, "ISO date"), ({"start_date": "2025-02-30"}, "ISO date"),
     ({"start_date": "2025-06-01", "end_date": "2025-01-01"}, "end_date '2025-01-01' is before start_date"),
     ({"countries": "PAK,XYZ"}, r"\['XYZ'\] are not in the codebook"), ({"countries": [3]}, "alpha-3"),
     ({"actors": "binance,nobody"}, "actor slugs"), ({"top_n": "-1"}, "top_n: -1 must be >= 0"),
     ({"engine": "gpt"}, "engine")],
)
def test_project_parameters_are_checked(params, message):
    with pytest.raises(ValueError, match=message):
        report.check_parameters(params, report.notebook_paths())


def test_good_project_parameters_are_typed():
    shares = report.check_parameters({"countries": "pak, KGZ", "top_n": "3", "start_date": ""},
                                     report.notebook_paths())
    comparison = next(v for k, v in shares.items() if "comparison" in k.stem)
    assert comparison == {"countries": ["pak", "KGZ"], "top_n": 3, "start_date": ""}


def test_run_writes_reports_and_indexes(notebooks, tmp_path):
    out = tmp_path / "reports"
    run = report.run_reports(out=out, params={"label": "<b>bold</b>", "repeat": "2"}, notebooks=notebooks,
                             run="demo", progress=False)
    assert run == out / "demo"
    assert sorted(p.name for p in run.iterdir()) == [
        "01_words.html", "01_words.ipynb", "02_comparison.html", "02_comparison.ipynb", "index.html", "run.json"]
    page = (run / "01_words.html").read_text(encoding="utf-8")
    assert "&lt;b&gt;bold&lt;/b&gt;&lt;b&gt;bold&lt;/b&gt;" in page and "<b>bold</b>" not in page
    assert "code_cell_marker_that_must_not_show" not in page
    index = (run / "index.html").read_text(encoding="utf-8")
    assert 'href="01_words.html"' in index and 'href="02_comparison.html"' in index
    assert "inputs: 5, documents: 8, quarantined: 0" in index and "&lt;b&gt;bold" in index
    assert 'href="demo/index.html"' in (out / "index.html").read_text(encoding="utf-8")
    executed = json.loads((run / "02_comparison.ipynb").read_text(encoding="utf-8"))
    assert executed["metadata"]["papermill"]["parameters"] == {"label": "<b>bold</b>"}


def test_per_country_sweep_runs_the_comparison_once_per_country(notebooks, tmp_path):
    run = report.run_reports(out=tmp_path / "reports", per_country="pak,KGZ", notebooks=notebooks, progress=False,
                             jobs=2)
    assert run.name == "seeds_per-country-pak-KGZ"
    assert sorted(p.name for p in run.glob("*.html")) == [
        "01_words.html", "02_comparison-KGZ.html", "02_comparison-PAK.html", "index.html"]
    page = (run / "02_comparison-PAK.html").read_text(encoding="utf-8")
    assert "[&#x27;PAK&#x27;] x" in page or "['PAK'] x" in page


def test_per_country_needs_codes(notebooks, tmp_path):
    with pytest.raises(ValueError, match="alpha-3"):
        report.run_reports(out=tmp_path, per_country="Pakistan", notebooks=notebooks, progress=False)


def test_failing_notebook_still_gets_its_report(tmp_path):
    nbs = [_notebook(tmp_path / "nb" / "01_fails.ipynb", "n: int = 1  # a number", "raise RuntimeError('boom')")]
    with pytest.raises(report.ReportError, match="01_fails .*RuntimeError: boom"):
        report.run_reports(out=tmp_path / "reports", notebooks=nbs, run="r", progress=False)
    assert "boom" in (tmp_path / "reports" / "r" / "01_fails.html").read_text(encoding="utf-8")
    assert "failed: RuntimeError: boom" in (tmp_path / "reports" / "r" / "index.html").read_text(encoding="utf-8")
    runs = (tmp_path / "reports" / "index.html").read_text(encoding="utf-8")
    assert 'class="failed">FAILED: 1 of 1 notebooks (01_fails)' in runs


def test_report_folders_follow_the_umask(notebooks, tmp_path):
    old = os.umask(0o022)
    try:
        run = report.run_reports(out=tmp_path / "reports", notebooks=notebooks[:1], run="r", progress=False)
    finally:
        os.umask(old)
    assert stat.S_IMODE(run.stat().st_mode) == 0o755
    assert stat.S_IMODE((tmp_path / "reports").stat().st_mode) == 0o755
    assert "all ran" in (tmp_path / "reports" / "index.html").read_text(encoding="utf-8")


@pytest.mark.parametrize(
    ("params", "message"),
    [({"sources": ""}, "parameter sources: '' is empty"), ({"countries": "XXX"}, "expected a list"),
     ({"start_date": "2025-06-01", "end_date": "2025-01-01"}, "before start_date"),
     ({"granularity": "week"}, "day, month"), ({"top_n": "5"}, "whole number")],
)
def test_the_notebooks_validator_names_the_bad_value(params, message):
    with pytest.raises(ValueError, match=message):
        validate_values(params)


@pytest.mark.parametrize(
    ("argv", "message"),
    [(["-p", "bogus", "1"], "unknown parameter(s) ['bogus']"), (["-p", "top_n", "ten"], "not a valid int"),
     (["--per-country", "PK"], "alpha-3"), (["--sources", "missing/folder"], "sources not found"),
     (["-p", "sources", ""], "parameter sources: '' is empty")],
)
def test_cli_report_errors(tmp_path, capsys, argv, message):
    code = cli.main(["report", "--out", str(tmp_path / "reports"), *argv])
    assert code == 2
    assert message in capsys.readouterr().err
    assert not (tmp_path / "reports").exists() or not list((tmp_path / "reports").glob("*/index.html"))


@pytest.mark.slow
def test_a_relative_out_folder_gets_its_tables_beside_the_reports(tmp_path, monkeypatch):
    """`make report` runs `statecraft report --out reports`: a path relative to the caller, not to notebooks/."""
    monkeypatch.chdir(tmp_path)
    overview = report.project_dir() / "notebooks" / "00_corpus_overview.ipynb"
    run_dir = report.run_reports(out="reports", notebooks=[overview], progress=False)
    assert run_dir == Path("reports") / "seeds"
    assert (tmp_path / "reports" / "seeds" / "00_corpus_overview.documents.csv").is_file()


@pytest.mark.parametrize("message", ["Kernel died before replying to kernel_info",
                                     "Kernel didn't respond in 60 seconds"])
def test_a_kernel_that_dies_at_start_up_is_started_again(notebooks, tmp_path, monkeypatch, message):
    import papermill

    real, calls = papermill.execute_notebook, []

    def flaky(*args, **kwargs):
        calls.append(args[0])
        if len(calls) == 1:  # what jupyter_client raises when two kernels drew the same port
            raise RuntimeError(message)
        return real(*args, **kwargs)

    monkeypatch.setattr(papermill, "execute_notebook", flaky)
    nb = str(notebooks[0])
    error = report.execute_notebook(nb, str(tmp_path / "out.ipynb"), str(tmp_path / "out.html"), {}, str(tmp_path))
    assert error == "" and calls == [nb, nb] and (tmp_path / "out.html").exists()

    def dead(*args, **kwargs):
        raise RuntimeError("Kernel died before replying to kernel_info")

    monkeypatch.setattr(papermill, "execute_notebook", dead)
    with pytest.raises(RuntimeError, match="kernel_info"):  # not forever: KERNEL_STARTS tries, then the error
        report.execute_notebook(nb, str(tmp_path / "b.ipynb"), str(tmp_path / "b.html"), {}, str(tmp_path))


def test_a_store_given_as_sources_is_summarised_from_its_accounting(notebooks, tmp_path):
    from statecraft.store import annotate_to_store

    account = annotate_to_store(report.project_dir() / "seeds", tmp_path / "store", sentiment=None)
    run = report.run_reports(sources=tmp_path / "store", out=tmp_path / "reports", notebooks=notebooks, run="s",
                             progress=False)  # fmt: skip
    index = (run / "index.html").read_text(encoding="utf-8")
    assert f"inputs: {account['inputs']}, documents: 8, quarantined: {account['quarantined']}" in index
    assert "Publication dates: 2023-07-29 to 2026-01-22 (3 undated)" in index  # not its Parquet files as inputs
