"""Every notebook: papermill smoke runs with params/ci.yml, documented parameters, stored-output hygiene,
deterministic re-execution (`make notebooks`) and an nbval run that fails when a stored number changes."""

from __future__ import annotations

import importlib.util
import re
import shutil
import subprocess
import sys
from pathlib import Path

import nbformat
import pytest
import yaml

from statecraft.report import run as report

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOK_DIR = ROOT / "notebooks"
NOTEBOOKS = sorted(NOTEBOOK_DIR.glob("[0-9]*.ipynb"))
CI_PARAMS = yaml.safe_load((NOTEBOOK_DIR / "params" / "ci.yml").read_text(encoding="utf-8"))
SANITIZE = NOTEBOOK_DIR / "nbval_sanitize.cfg"
CHEAPEST = NOTEBOOK_DIR / "00_corpus_overview.ipynb"
WITH_FIGURES = NOTEBOOK_DIR / "03_country_comparison.ipynb"
IDS = [p.stem for p in NOTEBOOKS]


def _execute_notebooks_tool():
    spec = importlib.util.spec_from_file_location("execute_notebooks", ROOT / "tools" / "execute_notebooks.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_notebooks_are_found():
    assert CHEAPEST in NOTEBOOKS and WITH_FIGURES in NOTEBOOKS


def test_ci_parameters_are_declared_by_some_notebook():
    declared = {name for nb in NOTEBOOKS for name in report.notebook_parameters(nb)}
    assert set(CI_PARAMS) <= declared
    report.check_parameters(CI_PARAMS, NOTEBOOKS)  # types and values fit every notebook that declares them


@pytest.mark.parametrize("path", NOTEBOOKS, ids=IDS)
def test_papermill_smoke_run_with_ci_parameters(path, tmp_path):
    import papermill

    declared = report.notebook_parameters(path)
    params = {k: v for k, v in CI_PARAMS.items() if k in declared}
    out = tmp_path / path.name
    papermill.execute_notebook(str(path), str(out), parameters=params, kernel_name="python3", cwd=str(NOTEBOOK_DIR),
                               progress_bar=False, log_output=False, extra_arguments=report.KERNEL_ARGUMENTS)
    executed = nbformat.read(out, as_version=4)
    assert executed.metadata["papermill"]["parameters"] == params
    errors = [o for c in executed.cells if c.cell_type == "code" for o in c.outputs if o.output_type == "error"]
    assert not errors


@pytest.mark.parametrize("path", NOTEBOOKS, ids=IDS)
def test_help_notebook_lists_parameters_with_type_and_help(path):
    papermill = Path(sys.executable).with_name("papermill")
    result = subprocess.run([str(papermill), "--help-notebook", str(path)], capture_output=True, text=True,
                            timeout=120, check=True)
    flat = " ".join(result.stdout.split())
    for name, spec in report.notebook_parameters(path).items():
        assert f"{name}: {spec['type']}" in flat, name
        assert " ".join(spec["help"].split()) in flat, name


@pytest.mark.parametrize("path", NOTEBOOKS, ids=IDS)
def test_stored_outputs_are_clean(path):
    nb = nbformat.read(path, as_version=4)
    assert nb.metadata["kernelspec"]["name"] == "python3"
    assert "papermill" not in nb.metadata
    code = [c for c in nb.cells if c.cell_type == "code"]
    assert all(c.execution_count is not None for c in code), "run `make notebooks` to store outputs"
    params = [c for c in code if "parameters" in c.metadata.get("tags", [])]
    assert len(params) == 1 and not params[0].outputs
    for cell in code:
        assert "execution" not in cell.metadata
        for output in cell.outputs:
            assert output.output_type != "error", cell.source[:80]
            assert not (output.output_type == "stream" and output.name == "stderr"), output.text[:200]
            text = output.get("text", "") + output.get("data", {}).get("text/plain", "")
            assert "/work/" not in text and "/home/" not in text, "absolute path in a stored output"
    assert not re.search(r"^\s*(def|class) ", "\n".join(c.source for c in code), re.M), "no definitions in notebooks"


def test_make_notebooks_is_deterministic(tmp_path):
    tool = _execute_notebooks_tool()
    first = tool.execute(WITH_FIGURES, tmp_path / "first.ipynb")
    second = tool.execute(WITH_FIGURES, tmp_path / "second.ipynb")
    assert first.read_bytes() == second.read_bytes()
    outputs = [o for c in nbformat.read(first, as_version=4).cells if c.cell_type == "code" for o in c.outputs]
    assert any("image/png" in o.get("data", {}) for o in outputs)


def _mutate_a_number(nb: nbformat.NotebookNode) -> str:
    for cell in nb.cells:
        for output in cell.get("outputs", []):
            key, holder = ("text", output) if output.output_type == "stream" else ("text/plain", output.get("data", {}))
            text = holder.get(key, "")
            match = re.search(r"\d", text)
            if match:
                digit = str((int(match.group()) + 1) % 10)
                holder[key] = text[: match.start()] + digit + text[match.end():]
                return text
    raise AssertionError("no number in any stored output")


def test_nbval_fails_when_a_stored_number_changes(tmp_path):
    (tmp_path / "seeds").symlink_to(ROOT / "seeds")
    folder = tmp_path / "notebooks"
    folder.mkdir()
    shutil.copy(CHEAPEST, folder / "original.ipynb")
    nb = nbformat.read(CHEAPEST, as_version=4)
    _mutate_a_number(nb)
    nbformat.write(nb, folder / "mutated.ipynb")
    result = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "--nbval", "--nbval-current-env",
         "--nbval-sanitize-with", str(SANITIZE), "original.ipynb", "mutated.ipynb"],
        cwd=folder, capture_output=True, text=True, timeout=600,
    )
    summary = result.stdout.strip().splitlines()[-1]
    assert result.returncode == 1, result.stdout[-3000:]
    assert re.search(r"\b1 failed\b", summary), result.stdout[-3000:]
    assert "original.ipynb" not in "\n".join(line for line in result.stdout.splitlines() if "FAILED" in line)
