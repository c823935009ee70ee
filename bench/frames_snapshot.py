"""Save every frame of ``sc.annotate`` on the seeds and on N crypto articles, or compare two saves.

Used to show that a refactoring or a faster path changes no frame::

    python bench/frames_snapshot.py save /tmp/before            # before the change
    python bench/frames_snapshot.py save /tmp/after             # after it
    python bench/frames_snapshot.py compare /tmp/before /tmp/after

``--n`` sets how many crypto articles (300 by default); ``--n 1543`` takes the whole corpus
(1,498 articles with text). Reads ``../shared/corpus/crypto_news`` (never committed; not used by ``make test``).
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

import pandas as pd

import statecraft as sc

ROOT = Path(__file__).resolve().parents[1]
CRYPTO = ROOT.parent / "shared" / "corpus" / "crypto_news" / "crypto_news_20221130_20230105.json"
FRAMES = ("documents", "sentences", "mentions", "timexes", "sentiment", "quarantine", "removed")
ENGINES = ("textblob", "vader", "finance", "news")


def crypto_records(n: int) -> list[dict]:
    items = json.loads(CRYPTO.read_text(encoding="utf-8"))[:n]
    return [
        {
            "doc_id": f"crypto-{i:05d}",
            "title": item.get("title") or None,
            "text": item.get("content") or "",
            "url": item.get("url"),
            "published": (item.get("date_publish") or "")[:10] or None,
        }
        for i, item in enumerate(items)
        if (item.get("content") or "").strip()
    ]


def save(out: Path, n: int) -> None:
    corpora = {"seeds": sc.load_corpus(ROOT / "seeds"), f"crypto{n}": sc.from_records(crypto_records(n))}
    for name, corpus in corpora.items():
        ann = sc.annotate(corpus, sentiment=ENGINES, workers=1)
        ann.save(out / name)
        print(name, {f: len(getattr(ann, f)) for f in FRAMES})


def compare(a: Path, b: Path) -> int:
    bad = 0
    for sub in sorted(p.name for p in a.iterdir() if p.is_dir()):
        left, right = sc.Corpus.load(a / sub), sc.Corpus.load(b / sub)
        for f in FRAMES:
            x, y = getattr(left, f), getattr(right, f)
            same = x.shape == y.shape and list(x.columns) == list(y.columns) and x.equals(y)
            if not same:
                try:
                    pd.testing.assert_frame_equal(x, y)
                except AssertionError as err:
                    print(f"{sub}.{f}: DIFFERENT\n{str(err)[:800]}")
            bad += not same
            print(f"{sub}.{f}: {len(x)} rows, {'identical' if same else 'DIFFERENT'}")
    print("all frames identical" if not bad else f"{bad} frames differ")
    return 1 if bad else 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    sub = parser.add_subparsers(dest="cmd", required=True)
    s = sub.add_parser("save")
    s.add_argument("out", type=Path)
    s.add_argument("--n", type=int, default=300, help="first N crypto articles (1543: all of them)")
    c = sub.add_parser("compare")
    c.add_argument("a", type=Path)
    c.add_argument("b", type=Path)
    args = parser.parse_args(argv)
    if args.cmd == "save":
        save(args.out, args.n)
        return 0
    return compare(args.a, args.b)


if __name__ == "__main__":
    sys.exit(main())
