"""Re-execute notebooks in place with their default parameters and store outputs deterministically.

Used by `make notebooks`. Runs each notebook with nbclient (kernel python3, working
directory notebooks/), without timing metadata, then normalises the JSON so two runs in
a row give byte-identical files.
"""

from __future__ import annotations

import sys
from pathlib import Path

import nbformat
from nbclient import NotebookClient


def execute(path: Path) -> None:
    nb = nbformat.read(path, as_version=4)
    nb.metadata["kernelspec"] = {"display_name": "Python 3 (ipykernel)", "language": "python", "name": "python3"}
    client = NotebookClient(nb, kernel_name="python3", timeout=1200, record_timing=False,
                            resources={"metadata": {"path": str(path.parent)}})
    client.execute()
    for cell in nb.cells:
        cell.metadata.pop("execution", None)
        if cell.cell_type == "code":
            for output in cell.outputs:
                output.get("metadata", {}).pop("execution", None)
    nb.metadata.pop("widgets", None)
    nb.metadata.pop("papermill", None)
    nb.metadata["language_info"] = {"name": "python"}
    text = nbformat.writes(nb, version=4)
    path.write_text(text if text.endswith("\n") else text + "\n", encoding="utf-8")


def main(paths: list[str]) -> int:
    targets = [Path(p) for p in paths] or sorted(Path("notebooks").glob("[0-9]*.ipynb"))
    for path in targets:
        sys.stderr.write(f"executing {path}\n")
        execute(path)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
