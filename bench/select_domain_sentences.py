"""Select the crypto domain test set for sentiment (issue 20, item 3): sentences that name a state.

    .venv/bin/python bench/select_domain_sentences.py [CORPUS] [--n 360] [--texts /tmp/domain_texts.csv]

CORPUS is the crypto-news JSON list of {title, content, url, date_publish} (a file, or a
folder holding one ``*.json``); by default ``../shared/corpus/crypto_news`` relative to the
repository. Writes ``bench/data/domain_sentences.csv`` (item, article_index, url, start,
end, text_sha1, label_a, label_b, label) -- offsets only, never the texts, which belong to
their publishers -- and, outside the repository, a texts file for labellers (item, text).

Selection rule (deterministic; no randomness):

1. Each article's ``content`` is split into sentences with
   ``statecraft.cleaning.sentences.sentence_spans``; offsets are into ``content``.
2. A sentence qualifies when it is 40-400 characters long and names a state, found by
   statecraft's tagger (``statecraft.tagging.tag_text`` on the whole article):
   - a country mention whose role is ``subject`` (names, abbreviations, demonyms, state
     institutions such as "the Indian government"; not a venue city, a dateline, a US
     state, a currency, a person's name or part of an organisation's name), or
   - an organisation or actor of sector ``state`` or ``international`` in
     ``data/tagging/actors.csv`` (regulators, central banks, ministries, heads of state,
     the IMF, ...), except state-owned commercial banks (role ``bank``);
   or, for generic wording the tagger does not resolve to a country, the word lists
   ``STATE_WORDS`` and ``STATE_NAMES`` of ``statecraft.sentiment.states`` (government, regulators,
   lawmakers, central bank, federal authorities, Congress, Treasury, ...).
3. Sentences whose text (letters and digits only, lower-cased) already qualified in an earlier
   article are dropped (the corpus repeats syndicated articles), as are sentences with
   fewer than 6 words or mostly non-letters.
4. Each qualifying sentence gets the key sha1("<url>#<start>"); within an article the
   candidates are ranked by key. The set is filled round by round: first every article's
   rank-1 sentence, ordered by key, then rank-2 (at most two per article), until N are
   taken. With enough articles every sentence comes from a different article.
5. Items are numbered 1..N in (article_index, start) order.
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import sys
from pathlib import Path

import pandas as pd

from statecraft.cleaning.sentences import sentence_spans
from statecraft.sentiment.states import state_entities, state_reasons

sys.path.insert(0, str(Path(__file__).resolve().parent))
from domain_set import DEFAULT_CORPUS, REPO, load_articles, text_sha1  # noqa: E402

OUT = REPO / "bench" / "data" / "domain_sentences.csv"
MIN_CHARS, MAX_CHARS, PER_ARTICLE = 40, 400, 2


def _fold(text: str) -> str:
    return "".join(c for c in text.lower() if c.isalnum())


def _plausible(text: str) -> bool:
    letters = sum(c.isalpha() for c in text)
    return len(text.split()) >= 6 and letters >= 0.6 * len(text)


def candidates(articles: list[dict]) -> pd.DataFrame:
    """Every qualifying sentence: article_index, url, start, end, key, why."""
    states = state_entities()
    rows, seen = [], set()
    for index, article in enumerate(articles):
        content = article.get("content") or ""
        if not content.strip():
            continue
        spans = sentence_spans(content)
        url = article.get("url") or f"#{index}"
        for (start, end), why in zip(spans, state_reasons(content, spans, states), strict=True):
            text = content[start:end]
            if not MIN_CHARS <= len(text) <= MAX_CHARS or not _plausible(text) or not why:
                continue
            folded = _fold(text)
            if folded in seen:
                continue
            seen.add(folded)
            key = hashlib.sha1(f"{url}#{start}".encode()).hexdigest()
            rows.append(
                {"article_index": index, "url": url, "start": start, "end": end, "key": key, "why": "|".join(why)}
            )
    return pd.DataFrame(rows)


def select(cands: pd.DataFrame, n: int) -> pd.DataFrame:
    """Round-robin over articles by hash key: rank 1 of every article first, then rank 2."""
    cands = cands.sort_values(["article_index", "key"]).copy()
    cands["rank"] = cands.groupby("article_index").cumcount() + 1
    cands = cands[cands["rank"] <= PER_ARTICLE]
    chosen = cands.sort_values(["rank", "key"]).head(n)
    if len(chosen) < n:
        raise SystemExit(f"only {len(chosen)} sentences qualify, {n} asked")
    chosen = chosen.sort_values(["article_index", "start"]).reset_index(drop=True)
    chosen.insert(0, "item", range(1, len(chosen) + 1))
    return chosen


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("corpus", nargs="?", type=Path, default=DEFAULT_CORPUS)
    ap.add_argument("--n", type=int, default=360)
    ap.add_argument("--out", type=Path, default=OUT)
    ap.add_argument(
        "--texts", type=Path, default=Path("/tmp/domain_texts.csv"), help="texts for labellers (outside the repo)"
    )
    ap.add_argument("--force", action="store_true", help="overwrite an existing --out even if it holds labels")
    args = ap.parse_args(argv)

    articles = load_articles(args.corpus)
    cands = candidates(articles)
    chosen = select(cands, args.n)
    texts = [
        articles[i]["content"][s:e]
        for i, s, e in zip(chosen["article_index"], chosen["start"], chosen["end"], strict=True)
    ]
    chosen["text_sha1"] = [text_sha1(t) for t in texts]

    if args.out.exists() and not args.force:
        old = pd.read_csv(args.out, dtype=str, keep_default_na=False)
        if (old[["label_a", "label_b", "label"]] != "").any().any():
            same = old["text_sha1"].tolist() == chosen["text_sha1"].tolist()
            print(
                f"{args.out} holds labels, not overwritten (--force); "
                f"selection is {'unchanged' if same else 'DIFFERENT'}"
            )
            write_texts(args.texts, chosen["item"], texts)
            return 0 if same else 1
    out = chosen[["item", "article_index", "url", "start", "end", "text_sha1"]].copy()
    for col in ("label_a", "label_b", "label"):
        out[col] = ""
    args.out.parent.mkdir(parents=True, exist_ok=True)
    out.to_csv(args.out, index=False)
    write_texts(args.texts, chosen["item"], texts)
    print(
        f"{len(cands)} qualifying sentences in {cands['article_index'].nunique()} articles; "
        f"{len(out)} selected from {out['article_index'].nunique()} articles -> {args.out}; texts -> {args.texts}"
    )
    return 0


def write_texts(path: Path, items: pd.Series, texts: list[str]) -> None:
    """The labellers' file: item, text (kept outside the repository)."""
    with open(path, "w", newline="", encoding="utf-8") as fh:
        w = csv.writer(fh)
        w.writerow(["item", "text"])
        w.writerows(zip(items, texts, strict=True))


if __name__ == "__main__":
    sys.exit(main())
