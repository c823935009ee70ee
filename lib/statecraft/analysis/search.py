"""The search for candidate story pairs: sparse products of lead vectors, block by block.

:func:`pairs_above` is one block's search; :func:`search_blocks` runs many blocks, in this
process or, when the search is large, in ``workers`` child processes. The children are
fresh interpreters that run this file alone (numpy and SciPy, nothing of the package,
nothing of the caller's memory): a fork would carry the caller's whole memory into each, and
multiprocessing's spawn would import the caller's main script again. They read the vectors
from a temporary folder (``.npz``, no pickle) and write their pairs back there; the parts
are joined in block order, so the result is the same with any number of workers.
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
from pathlib import Path

import numpy as np
from scipy import sparse

PARALLEL_CELLS = 200_000_000
"""Row x column cells of a search above which the workers share it (below, about 4 s of work,
starting them would cost more than they save)."""
CELLS = 2_000_000
"""Most row x column products of one sparse product (bounds its memory)."""
_RUN = "import runpy, sys; sys.argv = sys.argv[1:]; runpy.run_path(sys.argv[0], run_name='__main__')"


def pairs_above(
    vectors: sparse.csr_matrix, rows: np.ndarray, cols: np.ndarray, floor: float
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Return (row, col, similarity) for the pairs of ``rows`` x ``cols`` with similarity >= floor."""
    right = vectors[cols].T.tocsr()
    step = max(1, CELLS // max(1, len(cols)))  # at most CELLS products held at once
    found = [(np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.int64), np.zeros(0))]
    for lo in range(0, len(rows), step):
        part = rows[lo : lo + step]
        block = (vectors[part] @ right).tocoo()
        sims = np.clip(block.data, 0.0, 1.0)
        keep = sims >= floor
        found.append((part[block.row[keep]], cols[block.col[keep]], sims[keep]))
    return tuple(np.concatenate(column) for column in zip(*found, strict=True))


def search_blocks(vectors: sparse.csr_matrix, index: tuple, blocks: np.ndarray, floor: float,
                  workers: int = 1) -> list[tuple]:  # fmt: skip
    """Search every block; return one (rows, cols, similarities) per block, in block order.

    Args:
        vectors: The lead vectors (CSR).
        index: ``(order, dated, undated)``: dated rows in date order, dated rows, undated rows.
        blocks: One row per block, ``(kind, lo, hi, stop)``: kind 0 searches ``order[lo:hi]``
            against ``order[lo:stop]``, kind 1 ``undated[lo:hi]`` against the dated rows and
            ``undated[lo:]``.
        floor: Lowest similarity kept.
        workers: Processes to share a large search.

    Raises:
        RuntimeError: If a worker process fails (its error output is in the message).
    """
    order, dated, undated = index
    cells = [(hi - lo) * (stop - lo if kind == 0 else len(dated) + len(undated) - lo)
             for kind, lo, hi, stop in blocks.tolist()]  # fmt: skip
    if workers < 2 or len(blocks) < 2 or sum(cells) < PARALLEL_CELLS:
        return [_block(vectors, index, block, floor) for block in blocks.tolist()]
    with tempfile.TemporaryDirectory(prefix="statecraft-stories-") as tmp:
        folder = Path(tmp)
        owner = _share(cells, workers)
        np.savez(folder / "input.npz", data=vectors.data, indices=vectors.indices, indptr=vectors.indptr,
                 shape=np.asarray(vectors.shape), order=order, dated=dated, undated=undated, blocks=blocks,
                 owner=owner, floor=np.asarray(floor))  # fmt: skip
        procs = [subprocess.Popen([sys.executable, "-I", "-c", _RUN, __file__, tmp, str(k), str(workers)],
                                  stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
                 for k in range(workers)]  # fmt: skip
        errors = [p.communicate()[1].decode("utf-8", "replace") for p in procs]
        failed = [(k, e) for k, (p, e) in enumerate(zip(procs, errors, strict=True)) if p.returncode]
        if failed:
            k, error = failed[0]
            raise RuntimeError(f"story pair search worker {k} failed: {error.strip()[-2000:]}")
        parts: list[tuple] = [()] * len(blocks)
        for k in range(workers):
            with np.load(folder / f"part-{k}.npz") as part:  # each access reads the array again
                rows, cols, sims, lengths = part["rows"], part["cols"], part["sims"], part["lengths"]
            bounds = np.concatenate([[0], np.cumsum(lengths)])
            for n, b in enumerate(np.flatnonzero(owner == k).tolist()):
                cut = slice(bounds[n], bounds[n + 1])
                parts[b] = (rows[cut], cols[cut], sims[cut])
        return parts


def _share(cells: list[int], workers: int) -> np.ndarray:
    """The worker of each block: the largest blocks first, each to the least loaded worker."""
    load = [0] * workers
    owner = np.zeros(len(cells), dtype=np.int64)
    for b in sorted(range(len(cells)), key=lambda b: (-cells[b], b)):
        k = min(range(workers), key=lambda k: (load[k], k))
        owner[b] = k
        load[k] += cells[b]
    return owner


def _block(vectors: sparse.csr_matrix, index: tuple, block: list[int], floor: float) -> tuple:
    order, dated, undated = index
    kind, lo, hi, stop = block
    if kind == 0:
        return pairs_above(vectors, order[lo:hi], order[lo:stop], floor)
    return pairs_above(vectors, undated[lo:hi], np.concatenate([dated, undated[lo:]]), floor)


def _worker(folder: Path, k: int, workers: int) -> None:
    """Search the blocks of worker ``k`` (in block order) of the input in ``folder``; write ``part-<k>.npz``."""
    with np.load(folder / "input.npz") as data:
        vectors = sparse.csr_matrix((data["data"], data["indices"], data["indptr"]), shape=tuple(data["shape"]))
        index = (data["order"], data["dated"], data["undated"])
        blocks, floor = data["blocks"][data["owner"] == k], float(data["floor"])
    found = [_block(vectors, index, block, floor) for block in blocks.tolist()]
    rows, cols, sims = (np.concatenate([f[i] for f in found] or [np.zeros(0)]) for i in range(3))
    np.savez(folder / f"part-{k}.npz", rows=rows.astype(np.int64), cols=cols.astype(np.int64), sims=sims,
             lengths=np.asarray([len(f[0]) for f in found], dtype=np.int64))  # fmt: skip


def _end_with_parent() -> None:
    """Ask Linux to end this process when its parent ends (as statecraft.lifetime does)."""
    if sys.platform.startswith("linux"):
        import ctypes
        import signal

        try:
            ctypes.CDLL(None, use_errno=True).prctl(1, signal.SIGKILL, 0, 0, 0)  # PR_SET_PDEATHSIG
        except (OSError, AttributeError):
            pass


if __name__ == "__main__":
    _end_with_parent()
    _worker(Path(sys.argv[1]), int(sys.argv[2]), int(sys.argv[3]))
