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


def _readme_tree() -> list[str]:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    tree = readme.split("## Layout", 1)[1].split("```")[1]
    paths, parent = [], ""
    for line in tree.strip().splitlines():
        name = line.split()[0]
        if line.startswith("  "):
            paths.append(parent + name)
        else:
            parent = name if name.endswith("/") else ""
            paths.append(name)
    return paths


def test_readme_tree_lists_only_what_exists():
    for path in _readme_tree():
        assert (ROOT / path).exists(), f"README tree lists {path}, which does not exist"


def test_readme_tree_lists_every_stage_and_top_level_module():
    package = ROOT / "lib" / "statecraft"
    real = {f"lib/statecraft/{p.name}" for p in package.glob("*.py")}
    real |= {f"lib/statecraft/{p.parent.name}/" for p in package.glob("*/__init__.py")}
    assert real == {p for p in _readme_tree() if p.startswith("lib/statecraft/") and p != "lib/statecraft/"}


def test_stage_layout_holds():
    package = ROOT / "lib" / "statecraft"
    assert len(list(package.glob("*.py"))) <= 8
    stages = sorted(p.parent for p in package.glob("*/__init__.py"))
    assert len(stages) >= 6
    for stage in stages:
        init = (stage / "__init__.py").read_text(encoding="utf-8")
        assert "__all__" in init, stage.name
        assert init.startswith('"""') and ":" in init.splitlines()[0], f"{stage.name}: first line says takes and gives"
        for module in stage.glob("*.py"):
            assert not module.stem.startswith(stage.name.rstrip("s")), f"{module} repeats its folder's name"
            if stage.name not in ("timexes", "tagging"):
                lines = module.read_text(encoding="utf-8").count("\n")
                assert lines <= 400, f"{module} has {lines} lines"
    tests = ROOT / "tests"
    for stage in stages:
        assert list((tests / stage.name).glob("test_*.py")), f"tests/{stage.name}/ mirrors lib/statecraft/{stage.name}/"


def test_readme_shows_the_two_commands_and_ci_calls_make_test():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert readme.index("make report") < readme.index("## Use from Python")
    assert "make test" in readme
    assert "make test" in (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    for target in ("report", "test", "lab", "notebooks", "bench", "lint"):
        assert re.search(rf"^{target}:", makefile, re.M), target
