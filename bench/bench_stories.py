"""Story grouping: time and peak memory of the windowed sparse grouping against all-pairs linkage.

    .venv/bin/python bench/bench_stories.py [--sizes 10000 50000] [--old-max 20000] [--seed 0]

Runs ``assign_stories`` (candidate pairs from date windows, sparse complete linkage) and
the reference it replaces (``stories._all_pairs_labels``: the full N x N similarity
matrix and scipy's complete linkage) on the crypto-news corpus (../shared, read in place)
and on generated corpora of the given sizes, and checks that both give the same story id
to every article. The reference runs only up to ``--old-max`` articles (its N x N float
arrays took 2.8 GB at 10,000 articles). Each run is a fresh forked process; peak memory is the rise of its
resident set (VmHWM after the run minus VmRSS before it). Timings vary by machine.

Generated corpora: pseudo-words with Zipf-distributed filler; stories of 1-8 articles
that share a dozen key words in headline and lead (rewrites), ``--copies`` of them exact
copies, publication dates spread up to 5 days after the story's first (so some rewrites
fall outside the 3-day window) and ``--undated`` of the articles without a date. A copy
dated more than 3 days from its original makes an exact tie (both equally similar to a
third article), where complete linkage has two valid answers; differing articles are
then reported with the number of their groups that hold such a tie.
"""

from __future__ import annotations

import argparse
import itertools
import multiprocessing
import random
import sys
import time
from pathlib import Path

import numpy as np
import pandas as pd
from scipy import sparse
from scipy.sparse.csgraph import connected_components

import statecraft as sc
from statecraft.analysis import stories

sys.path.insert(0, str(Path(__file__).resolve().parent))
from frames_snapshot import crypto_records  # noqa: E402


def generate(n: int, *, seed: int = 0, per_day: int = 100, undated: float = 0.03, copies: float = 0.1) -> pd.DataFrame:
    rng = random.Random(seed)
    letters = "abcdefghijklmnopqrstuvwxyz"
    vocab = sorted({"".join(rng.choices(letters, k=rng.randint(6, 10))) for _ in range(30_000)})
    rng.shuffle(vocab)
    weights = list(itertools.accumulate(1.0 / (rank + 1) for rank in range(len(vocab))))
    n_days = max(1, n // per_day)
    rows: list[dict] = []
    while len(rows) < n:
        keys = rng.sample(vocab, 12)
        first_day = rng.randrange(n_days)
        size = rng.choice([1, 1, 1, 1, 2, 2, 2, 3, 3, 4, 5, 6, 8])
        for k in range(min(size, n - len(rows))):
            if k and rng.random() < copies:
                title, text = rows[-1]["title"], rows[-1]["text"]  # a syndicated copy
            else:
                title = " ".join(rng.sample(keys, 5) + rng.choices(vocab, cum_weights=weights, k=3))
                lead = (rng.choice(keys) if rng.random() < 0.3 else None for _ in range(120))
                text = " ".join(w or rng.choices(vocab, cum_weights=weights)[0] for w in lead)
            day = first_day + rng.choice([0, 0, 0, 1, 1, 2, 3, 4, 5])
            date = None if rng.random() < undated else str(pd.Timestamp("2020-01-01") + pd.Timedelta(days=day))[:10]
            rows.append({"title": title, "text": text, "published_date": date})
    docs = pd.DataFrame(rows)
    docs.insert(0, "doc_id", [f"g{i:06d}" for i in range(n)])
    return docs.astype("string")


def old_story_ids(docs: pd.DataFrame) -> np.ndarray:
    labels = stories._all_pairs_labels(docs, stories.MIN_SIMILARITY, stories.MAX_DAYS)
    return pd.Series(docs["doc_id"].astype(str).to_numpy()).groupby(labels).transform("min").to_numpy()


def new_story_ids(docs: pd.DataFrame) -> np.ndarray:
    return stories.assign_stories(docs)["story_id"].astype(str).to_numpy()


def _status(field: str) -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith(field + ":"):
            return int(line.split()[1]) / 1024
    return float("nan")


def _child(func, docs, conn) -> None:
    Path("/proc/self/clear_refs").write_text("5")  # reset the peak resident set to the current one
    before = _status("VmRSS")
    start = time.perf_counter()
    ids = func(docs)
    seconds = time.perf_counter() - start
    conn.send((seconds, _status("VmHWM") - before, ids))
    conn.close()


def measure(func, docs: pd.DataFrame) -> tuple[float, float, np.ndarray]:
    """Run ``func(docs)`` in a forked process; return seconds, peak MB above the start, story ids."""
    ctx = multiprocessing.get_context("fork")
    parent, child = ctx.Pipe(duplex=False)
    proc = ctx.Process(target=_child, args=(func, docs, child))
    proc.start()
    result = parent.recv()
    proc.join()
    return result


def run(name: str, docs: pd.DataFrame, old_max: int) -> bool:
    new_s, new_mb, new_ids = measure(new_story_ids, docs)
    line = f"{name:12s} {len(docs):7d} {new_ids.size and len(set(new_ids)):8d}   new {new_s:7.2f} s {new_mb:8.0f} MB"
    if len(docs) > old_max:
        print(f"{line}   old: not run (one N x N float matrix alone: {8 * len(docs) ** 2 / 1e9:.0f} GB)", flush=True)
        return True
    old_s, old_mb, old_ids = measure(old_story_ids, docs)
    same = bool((old_ids == new_ids).all())
    print(f"{line}   old {old_s:7.2f} s {old_mb:8.0f} MB   {'identical' if same else 'DIFFERENT'}", flush=True)
    if not same:
        explain_differences(docs, old_ids, new_ids)
    return same


def explain_differences(docs: pd.DataFrame, old_ids: np.ndarray, new_ids: np.ndarray) -> None:
    """Print how many articles differ and whether each differing group holds an exact tie.

    A group is the union of the old and new stories of the differing articles. It holds
    a tie when two different pairs of it that clear the threshold have exactly the same
    similarity and share an article: complete linkage then has two valid answers.
    """
    differ = np.flatnonzero(old_ids != new_ids)
    vectors = stories._lead_vectors(docs)
    days = stories._days(docs["published_date"])
    # articles joined by an old or a new story, transitively
    _, old_code = np.unique(old_ids, return_inverse=True)
    _, new_code = np.unique(new_ids, return_inverse=True)
    n = len(docs)
    edges = sparse.coo_matrix((np.ones(2 * n), (np.tile(np.arange(n), 2), np.concatenate([old_code, new_code + n]))),
                              shape=(n, 2 * n))
    _, component = connected_components(sparse.bmat([[None, edges], [edges.T, None]]), directed=False)
    groups = {int(component[i]) for i in differ}
    tied = 0
    for c in groups:
        g = np.flatnonzero(component[:n] == c)
        sim = np.clip((vectors[g] @ vectors[g].T).toarray(), 0.0, 1.0)
        gap = np.abs(days[g][:, None] - days[g][None, :])
        sim[np.nan_to_num(gap, nan=0.0) > stories.MAX_DAYS] = 0.0
        pairs = [(sim[a, b], a, b) for a in range(len(g)) for b in range(a + 1, len(g))
                 if sim[a, b] >= stories.MIN_SIMILARITY]
        tied += any(x == y and {a, b} & {c, d} for (x, a, b), (y, c, d) in itertools.combinations(pairs, 2))
    print(f"    {len(differ)} articles differ, in {len(groups)} groups; {tied} of the groups hold an exact tie")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", type=int, nargs="*", default=[10_000, 50_000], help="generated corpus sizes")
    parser.add_argument("--old-max", type=int, default=20_000, help="largest corpus the all-pairs reference runs on")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--undated", type=float, default=0.03, help="share of generated articles without a date")
    parser.add_argument("--copies", type=float, default=0.1, help="share of generated rewrites that are exact copies")
    parser.add_argument("--no-crypto", action="store_true", help="skip the crypto-news corpus")
    args = parser.parse_args(argv)
    stories.assign_stories(generate(50))  # warm-up: imports
    print(f"{'corpus':12s} {'articles':>7s} {'stories':>8s}")
    corpora = [] if args.no_crypto else [("crypto", lambda: sc.from_records(crypto_records(10**6)).documents)]
    options = {"seed": args.seed, "undated": args.undated, "copies": args.copies}
    corpora += [(f"generated{n}", lambda n=n: generate(n, **options)) for n in args.sizes]
    same = [run(name, make(), args.old_max) for name, make in corpora]
    print("all story ids identical" if all(same) else "story ids DIFFER")
    return 0 if all(same) else 1


if __name__ == "__main__":
    sys.exit(main())
