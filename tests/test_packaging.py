"""The project's front door stays true: pins agree, the README tree exists, CI calls make test."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]


def _pyproject() -> dict:
    return tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))


def test_environment_yml_has_the_same_pins_as_pyproject():
    project = _pyproject()["project"]
    wanted = set(project["dependencies"]) | set(project["optional-dependencies"]["dev"])
    env = yaml.safe_load((ROOT / "environment.yml").read_text(encoding="utf-8"))
    pip = next(d["pip"] for d in env["dependencies"] if isinstance(d, dict))
    assert set(pip) - {"-e .[dev]"} == wanted
    assert "-e .[dev]" in pip


def test_notebook_stack_and_pandas_are_pinned_exactly():
    deps = {re.split(r"[=<>]", d)[0]: d for d in _pyproject()["project"]["dependencies"]}
    for name in ("pandas", "matplotlib", "jupyterlab", "nbval", "papermill", "nbconvert", "nbformat", "ipykernel"):
        assert "==" in deps[name], deps[name]
    for name, spec in deps.items():
        assert "<" in spec or "==" in spec, f"{name} has no tested upper pin"


def test_readme_tree_matches_the_project():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    tree = readme.split("## Layout", 1)[1].split("```")[1]
    parent = None
    for line in tree.strip().splitlines():
        name = line.split()[0]
        if line.startswith("  "):
            assert (ROOT / parent / name).exists(), f"README tree lists {parent}{name}, which does not exist"
        else:
            parent = name if name.endswith("/") else ""
            assert (ROOT / name).exists(), f"README tree lists {name}, which does not exist"


def test_readme_shows_the_two_commands_and_ci_calls_make_test():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert readme.index("make report") < readme.index("## Use from Python")
    assert "make test" in readme
    assert "make test" in (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    for target in ("report", "test", "lab", "notebooks", "bench", "lint"):
        assert re.search(rf"^{target}:", makefile, re.M), target


def test_seeds_are_the_shared_seeds_unchanged():
    shared = ROOT.parent / "shared" / "seeds"
    files = sorted(p.name for p in (ROOT / "seeds").glob("*.txt"))
    assert len(files) == 5
    for name in files:
        assert (ROOT / "seeds" / name).read_bytes() == (shared / name).read_bytes(), name
