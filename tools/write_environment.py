"""Write environment.yml from pyproject.toml so conda users get the same pins (run after changing pins)."""

import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
deps = project["dependencies"] + project["optional-dependencies"]["dev"]
lines = [
    "# Conda environment with the same pins as pyproject.toml (written by tools/write_environment.py).",
    "#   conda env create -f environment.yml && conda activate statecraft",
    "name: statecraft",
    "channels:",
    "  - conda-forge",
    "dependencies:",
    "  - python=3.11",
    "  - pip",
    "  - pip:",
    *[f'      - "{d}"' for d in deps],
    '      - "-e .[dev]"',
]
(ROOT / "environment.yml").write_text("\n".join(lines) + "\n", encoding="utf-8")
