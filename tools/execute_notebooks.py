"""Re-execute notebooks in place with their default parameters and store outputs deterministically.

Used by `make notebooks`. Runs each notebook with nbclient (kernel python3, working
directory: the notebook's folder, PYTHONHASHSEED=0), without timing metadata, then
normalises the JSON (no execution timestamps, no widget state, no papermill metadata,
a fixed kernelspec and language_info, a final newline) so two runs in a row give
byte-identical files; tests/test_notebooks.py checks this.

    python tools/execute_notebooks.py [NOTEBOOK...]          # default: notebooks/[0-9]*.ipynb
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

import nbformat
from nbclient import NotebookClient

KERNELSPEC = {"display_name": "Python 3 (ipykernel)", "language": "python", "name": "python3"}
WIDGET_VIEW = "application/vnd.jupyter.widget-view+json"
WIDGET_NOTE = "The interactive explorer needs a live kernel: run this cell in JupyterLab (make lab)."
KERNEL_ARGUMENTS = ["--log-level=CRITICAL"]  # keep the kernel's start-up warnings off the terminal


def execute(path: Path, target: Path | None = None, *, timeout: int = 1200) -> Path:
    """Execute notebook `path` with its default parameters; write it to `target` (default: in place)."""
    os.environ.setdefault("PYTHONHASHSEED", "0")  # the kernel inherits it: set iteration order
    nb = nbformat.read(path, as_version=4)
    nb.metadata["kernelspec"] = dict(KERNELSPEC)
    client = NotebookClient(nb, kernel_name="python3", timeout=timeout, record_timing=False,
                            extra_arguments=KERNEL_ARGUMENTS, resources={"metadata": {"path": str(path.parent)}})
    client.execute()
    normalise(nb)
    text = nbformat.writes(nb, version=4)
    out = target or path
    out.write_text(text if text.endswith("\n") else text + "\n", encoding="utf-8")
    return out


def normalise(nb: nbformat.NotebookNode) -> None:
    """Drop what changes from run to run but says nothing about the results."""
    for cell in nb.cells:
        cell.metadata.pop("execution", None)
        cell.metadata.pop("papermill", None)
        if cell.cell_type == "code":
            for output in cell.outputs:
                output.get("metadata", {}).pop("execution", None)
                if WIDGET_VIEW in output.get("data", {}):  # its model id is random and its state is dropped
                    output["data"] = {"text/plain": WIDGET_NOTE}
    for key in ("widgets", "papermill", "toc"):
        nb.metadata.pop(key, None)
    nb.metadata["language_info"] = {"name": "python"}


def main(paths: list[str]) -> int:
    targets = [Path(p) for p in paths] or sorted(Path("notebooks").glob("[0-9]*.ipynb"))
    for path in targets:
        sys.stderr.write(f"executing {path}\n")
        execute(path)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
