"""Select crypto sentences and headlines to label for TRAINING the news engine (issue 20).

    .venv/bin/python bench/select_train_sentences.py [CORPUS] [--n 1600] [--titles 400] [--texts DIR]

Kept apart from the domain test set (``bench/data/domain_sentences.csv``), which stays a test set:

* no article that gave a test sentence gives a training item (neither sentence nor title);
* no training item is a near copy of a test sentence (word 4-gram Jaccard >= 0.3 with any test
  sentence; the corpus repeats syndicated stories under other URLs);
* state sentences are chosen by the test set's rule (:func:`select_domain_sentences.candidates`:
  40-400 characters, names a state), all of those in the remaining articles; then ``--general``
  other sentences of those articles (40-400 characters, plausible, distinct after folding; at most
  one per article, by hash key), since the engine scores every sentence of crypto news; headlines
  are the ``title`` of the remaining articles (30-200 characters, distinct after folding), by hash key.

Writes ``bench/data/domain_train.csv`` (item, article_index, url, field, start, end, text_sha1,
label; ``field`` is ``content`` or ``title``; offsets only, never the texts) unless it already
holds labels, and the labellers' files ``DIR/train_texts_<first item>.csv`` (item, text) in chunks of 400.
Deterministic: no randomness.
"""

from __future__ import annotations

import argparse
import hashlib
import re
import sys
from pathlib import Path

import pandas as pd

sys.path.insert(0, str(Path(__file__).resolve().parent))
from domain_set import DEFAULT_CORPUS, REPO, load_articles, text_sha1  # noqa: E402
from select_domain_sentences import _fold, _plausible, candidates, write_texts  # noqa: E402

TEST = REPO / "bench" / "data" / "domain_sentences.csv"
OUT = REPO / "bench" / "data" / "domain_train.csv"
NEAR = 0.3
_WORD = re.compile(r"[a-z0-9]+")


def shingles(text: str, n: int = 4) -> set[tuple[str, ...]]:
    """Word n-grams of a lower-cased text (the text's words if it has fewer than n)."""
    words = _WORD.findall(text.lower())
    return {tuple(words[i : i + n]) for i in range(max(1, len(words) - n + 1))}


def near_test(texts: list[str], test_texts: list[str]) -> list[bool]:
    """Whether each text shares word 4-grams with a test sentence at Jaccard >= NEAR."""
    test = [shingles(t) for t in test_texts]
    index: dict[tuple[str, ...], list[int]] = {}
    for k, sh in enumerate(test):
        for g in sh:
            index.setdefault(g, []).append(k)
    out = []
    for text in texts:
        sh = shingles(text)
        hits = {k for g in sh for k in index.get(g, ())}
        out.append(any(len(sh & test[k]) / len(sh | test[k]) >= NEAR for k in hits))
    return out


def general_sentences(articles: list[dict], skip: set[int], taken: set[str]) -> pd.DataFrame:
    """Qualifying sentences of the articles not in ``skip`` that are not in ``taken``, ranked by key per article."""
    from statecraft.cleaning.sentences import sentence_spans

    rows = []
    seen = set(taken)
    for index, article in enumerate(articles):
        content = article.get("content") or ""
        if index in skip or not content.strip():
            continue
        url = article.get("url") or f"#{index}"
        for start, end in sentence_spans(content):
            text = content[start:end]
            folded = _fold(text)
            if not 40 <= len(text) <= 400 or not _plausible(text) or folded in seen:
                continue
            seen.add(folded)
            key = hashlib.sha1(f"{url}#{start}".encode()).hexdigest()
            rows.append({"article_index": index, "url": url, "field": "content", "start": start, "end": end,
                         "key": key, "text": text})  # fmt: skip
    out = pd.DataFrame(rows).sort_values(["article_index", "key"])
    out["rank"] = out.groupby("article_index").cumcount() + 1
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("corpus", nargs="?", type=Path, default=DEFAULT_CORPUS)
    ap.add_argument("--n", type=int, default=2000, help="state sentences (at most)")
    ap.add_argument("--general", type=int, default=600, help="other sentences")
    ap.add_argument("--titles", type=int, default=400)
    ap.add_argument("--texts", type=Path, default=Path("/tmp/lab"))
    ap.add_argument("--chunk", type=int, default=400)
    ap.add_argument("--extend", type=int, default=0,
                    help="keep the labelled set and add up to N new items: more sentences per article, more titles")
    args = ap.parse_args(argv)

    articles = load_articles(args.corpus)
    test = pd.read_csv(TEST, dtype={"url": str})
    test_articles = set(test["article_index"].astype(int))
    test_texts = [articles[int(i)]["content"][int(s) : int(e)] for i, s, e in
                  test[["article_index", "start", "end"]].itertuples(index=False)]  # fmt: skip

    cands = candidates(articles)
    cands = cands[~cands["article_index"].isin(test_articles)].copy()
    cands["field"] = "content"
    cands["text"] = [articles[i]["content"][s:e] for i, s, e in
                     cands[["article_index", "start", "end"]].itertuples(index=False)]  # fmt: skip
    cands = cands[~pd.Series(near_test(cands["text"].tolist(), test_texts), index=cands.index)]
    cands = cands.sort_values("key").head(args.n)
    general = general_sentences(articles, test_articles, set(map(_fold, cands["text"])))
    general = general[~pd.Series(near_test(general["text"].tolist(), test_texts), index=general.index)]
    first = general[general["rank"] == 1].sort_values("key").head(args.general)

    rows, seen = [], set()
    for index, article in enumerate(articles):
        title = (article.get("title") or "").strip()
        if index in test_articles or not 30 <= len(title) <= 200 or not _plausible(title):
            continue
        folded = _fold(title)
        if folded in seen:
            continue
        seen.add(folded)
        url = article.get("url") or f"#{index}"
        raw = article["title"]
        start = raw.index(title)
        key = hashlib.sha1(f"{url}#title".encode()).hexdigest()
        rows.append({"article_index": index, "url": url, "field": "title", "start": start,
                     "end": start + len(title), "key": key, "text": title})  # fmt: skip
    titles = pd.DataFrame(rows)
    titles = titles[~pd.Series(near_test(titles["text"].tolist(), test_texts), index=titles.index)]
    if args.extend:
        return extend(args, general, titles)
    titles = titles.sort_values("key").head(args.titles)

    chosen = pd.concat([cands, first, titles], ignore_index=True).sort_values(["article_index", "field", "start"])
    chosen = chosen.reset_index(drop=True)
    chosen.insert(0, "item", range(1, len(chosen) + 1))
    chosen["text_sha1"] = [text_sha1(t) for t in chosen["text"]]
    out = chosen[["item", "article_index", "url", "field", "start", "end", "text_sha1"]].copy()
    out["label"] = ""
    if OUT.exists() and (pd.read_csv(OUT, dtype=str, keep_default_na=False)["label"] != "").any():
        print(f"{OUT} holds labels, not overwritten")
    else:
        out.to_csv(OUT, index=False)
    write_chunks(args.texts, chosen, args.chunk)
    print(f"{len(cands)} state sentences from {cands['article_index'].nunique()} articles, {len(first)} other "
          f"sentences, {len(titles)} titles "
          f"-> {OUT}; texts -> {args.texts} ({-(-len(chosen) // args.chunk)} files)")  # fmt: skip
    return 0


def write_chunks(folder: Path, items: pd.DataFrame, chunk: int) -> None:
    """Write the labellers' files ``folder/train_texts_<first item>.csv`` (item, text), ``chunk`` rows each."""
    folder.mkdir(parents=True, exist_ok=True)
    for k in range(0, len(items), chunk):
        part = items.iloc[k : k + chunk]
        write_texts(folder / f"train_texts_{int(part['item'].iloc[0]):05d}.csv", part["item"], part["text"].tolist())


def extend(args: argparse.Namespace, general: pd.DataFrame, titles: pd.DataFrame) -> int:
    """Add up to ``args.extend`` items to the labelled set: titles not taken yet, then the other
    sentences of rank 2, 3, ... in each article (by rank, then key). Existing items keep their numbers."""
    old = pd.read_csv(OUT, dtype=str, keep_default_na=False)
    have = set(zip(old["article_index"].astype(int), old["field"], old["start"].astype(int), strict=True))
    pool = pd.concat([titles.sort_values("key").assign(rank=0), general[general["rank"] >= 2]
                      .sort_values(["rank", "key"])], ignore_index=True)  # fmt: skip
    pool = pool[[(i, f, st) not in have for i, f, st in
                 zip(pool["article_index"], pool["field"], pool["start"], strict=True)]].head(args.extend)  # fmt: skip
    pool = pool.sort_values(["article_index", "field", "start"]).reset_index(drop=True)
    pool.insert(0, "item", range(len(old) + 1, len(old) + 1 + len(pool)))
    pool["text_sha1"] = [text_sha1(t) for t in pool["text"]]
    new = pool[["item", "article_index", "url", "field", "start", "end", "text_sha1"]].astype(str).assign(label="")
    pd.concat([old, new], ignore_index=True).to_csv(OUT, index=False)
    write_chunks(args.texts, pool, args.chunk)
    print(f"added {len(pool)} items ({(pool['field'] == 'title').sum()} titles) -> {OUT}; texts -> {args.texts}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
