"""Scale benchmark: annotate N generated articles into a store with 1 and 2 workers, in one run.

    .venv/bin/python bench/bench_scale.py --n 10000            # add --skip-one at 100,000 to save time

The corpus is generated deterministically from the paragraphs of ../shared/corpus/crypto_news
(each article takes the paragraph count of a real article, its paragraphs drawn from the
whole corpus, a real title, and a date drawn over four years; every 9th article is
undated), written as JSONL files of 1,000 articles. Prints, measured side by side:
articles/s of ``statecraft annotate`` with 1 and 2 workers and their ratio, the peak memory
of all processes together (sampled every 0.1 s with psutil), the time of a re-run on
unchanged inputs and its share of the first run, the time of ``statecraft report --sources
STORE`` (a store annotated with every engine, as the reports compare them) with each
notebook's duration, and the naive pipeline (pycountry regex +
dateparser.search_dates + TextBlob on the whole text) against the full pipeline on 300
real articles on one core.
"""

from __future__ import annotations

import argparse
import json
import random
import re
import resource
import shutil
import subprocess
import sys
import threading
import time
from pathlib import Path

import psutil

from statecraft.sentiment.engines import ENGINES

ROOT = Path(__file__).resolve().parents[1]
CRYPTO = ROOT.parent / "shared" / "corpus" / "crypto_news" / "crypto_news_20221130_20230105.json"
BIN = Path(sys.executable).parent
OUT = ROOT / "bench" / "out"


def generate(n: int, folder: Path, *, seed: int = 17, per_file: int = 1000) -> Path:
    items = [x for x in json.loads(CRYPTO.read_text(encoding="utf-8")) if (x.get("content") or "").strip()]
    paragraphs = [p for x in items for p in x["content"].split("\n") if len(p.split()) >= 5]
    counts = [max(1, sum(1 for p in x["content"].split("\n") if len(p.split()) >= 5)) for x in items]
    titles = [x.get("title") or "" for x in items]
    rng = random.Random(seed)
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    start = 738156  # 2022-01-01 as a proleptic ordinal; four years of dates
    for f in range(0, n, per_file):
        lines = []
        for i in range(f, min(n, f + per_file)):
            k = counts[rng.randrange(len(counts))]
            text = "\n".join(paragraphs[rng.randrange(len(paragraphs))] for _ in range(k))
            day = None if i % 9 == 0 else _iso(start + rng.randrange(4 * 365))
            lines.append(json.dumps({"title": titles[rng.randrange(len(titles))], "text": text, "published": day}))
        (folder / f"part-{f // per_file:05d}.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return folder


def _iso(ordinal: int) -> str:
    import datetime as dt

    return dt.date.fromordinal(ordinal).isoformat()


def measured(cmd: list[str]) -> tuple[float, float, str]:
    """Run ``cmd``; return wall seconds, peak RSS of the process and its children together (MB), stderr.

    The CPU seconds of the command and its children are kept in ``measured.cpu`` (the machine is
    shared: articles per CPU second do not depend on what else runs).
    """
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    peak, done = 0.0, threading.Event()

    def sample() -> None:
        nonlocal peak
        parent = psutil.Process(proc.pid)
        while not done.is_set():
            try:
                procs = [parent, *parent.children(recursive=True)]
                peak = max(peak, sum(p.memory_info().rss for p in procs if p.is_running()) / 2**20)
            except psutil.Error:
                pass
            time.sleep(0.1)

    started = time.monotonic()
    watcher = threading.Thread(target=sample, daemon=True)
    watcher.start()
    out, err = proc.communicate()
    elapsed = time.monotonic() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    measured.cpu = (after.ru_utime + after.ru_stime) - (before.ru_utime + before.ru_stime)
    done.set()
    watcher.join()
    if proc.returncode:
        raise SystemExit(f"{' '.join(cmd)} failed ({proc.returncode}):\n{err[-2000:]}")
    return elapsed, peak, out + err


def naive_vs_full(n: int = 300) -> tuple[float, float]:
    import dateparser.search
    import pycountry
    from textblob import TextBlob

    import statecraft as sc

    items = [x for x in json.loads(CRYPTO.read_text(encoding="utf-8")) if (x.get("content") or "").strip()][:n]
    names = sorted({c.name for c in pycountry.countries}, key=len, reverse=True)
    pattern = re.compile(r"\b(" + "|".join(map(re.escape, names)) + r")\b")
    started = time.process_time()
    for x in items:
        pattern.findall(x["content"])
        dateparser.search.search_dates(x["content"], languages=["en"])
        TextBlob(x["content"]).sentiment  # noqa: B018
    naive = n / (time.process_time() - started)
    records = [{"text": x["content"], "title": x.get("title"), "published": (x.get("date_publish") or "")[:10] or None,
                "doc_id": str(i)} for i, x in enumerate(items)]
    corpus = sc.from_records(records)
    sc.annotate(sc.from_records(records[:20]), sentiment="textblob")  # warm: models and automata built
    started = time.process_time()
    sc.annotate(corpus, sentiment="textblob")
    full = n / (time.process_time() - started)
    return naive, full


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=10_000)
    parser.add_argument("--skip-one", action="store_true", help="only 2 workers (saves time at 100,000)")
    args = parser.parse_args()
    src = generate(args.n, OUT / f"scale-{args.n}" / "src")
    print(f"corpus: {args.n:,} generated articles in {len(list(src.glob('*.jsonl')))} JSONL files, "
          f"{sum(p.stat().st_size for p in src.glob('*.jsonl')) / 2**20:.0f} MB")
    rates = {}
    for workers in ([2] if args.skip_one else [1, 2]):
        store = OUT / f"scale-{args.n}" / f"store-{workers}"
        shutil.rmtree(store, ignore_errors=True)
        cmd = [str(BIN / "statecraft"), "annotate", str(src), "--out", str(store), "--workers", str(workers), "--quiet"]
        seconds, peak, _ = measured(cmd)
        rates[workers] = args.n / seconds
        print(f"annotate, {workers} worker(s): {seconds:.1f} s, {rates[workers]:.0f} articles/s "
              f"({args.n / measured.cpu:.0f} per CPU second), peak memory of all processes {peak:.0f} MB")
        again, _, said = measured(cmd)
        print(f"  re-run on unchanged inputs: {again:.2f} s ({100 * again / seconds:.1f}% of the first run); "
              f"{said.strip().splitlines()[-1]}")
    if 1 in rates:
        print(f"2 workers / 1 worker: {rates[2] / rates[1]:.2f}x")
    store = OUT / f"scale-{args.n}" / "store-all"  # the reports compare every engine
    shutil.rmtree(store, ignore_errors=True)
    seconds, peak, _ = measured([str(BIN / "statecraft"), "annotate", str(src), "--out", str(store), "--workers", "2",
                                 "--quiet", "--sentiment", ",".join(sorted(ENGINES))])
    print(f"annotate, 2 workers, every engine ({', '.join(sorted(ENGINES))}: the reports' store): {seconds:.1f} s, "
          f"{args.n / seconds:.0f} articles/s, peak {peak:.0f} MB")
    reports = OUT / f"scale-{args.n}" / "reports"
    seconds, peak, _ = measured([str(BIN / "statecraft"), "report", "--sources", str(store), "--out", str(reports)])
    print(f"report --sources STORE: {seconds:.1f} s in all, peak {peak:.0f} MB")
    for nb in sorted((reports / "store-all").glob("*.ipynb")):
        meta = json.loads(nb.read_text(encoding="utf-8")).get("metadata", {}).get("papermill", {})
        print(f"  {nb.stem}: {meta.get('duration', float('nan')):.1f} s")
    naive, full = naive_vs_full()
    print(f"one core, 300 real articles: full pipeline {full:.0f} articles/s, naive {naive:.0f} articles/s, "
          f"{full / naive:.1f}x")
    return 0


if __name__ == "__main__":
    sys.exit(main())
