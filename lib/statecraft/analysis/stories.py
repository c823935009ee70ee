"""Group rewrites of the same story across outlets into stories.

Outlets rewrite a story in their own words, so shingle overlap (MinHash) only finds
copies. What rewrites keep is the story's vocabulary in the headline and lead: the
actors, the country, the act ("tokenize national assets", "Bitcoin reserve"). So each
article is reduced to its *lead* (title plus the first :data:`LEAD_WORDS` words of its
text), the lead's words are folded to their first :data:`PREFIX` letters (a
dependency-free stemmer: "tokenization", "tokenize", "tokens" all become "token"),
English stop words are dropped, and leads are compared by TF-IDF cosine (sublinear term
frequency, IDF from the corpus being grouped).

Articles are grouped by complete-linkage clustering: every two articles of one story
have a lead similarity of at least :data:`MIN_SIMILARITY`, so a story never grows by
chaining (A like B, B like C, A unlike C). Two articles whose publication dates are both
known and more than :data:`MAX_DAYS` apart are never the same story.

The threshold was set on the seeds: the two rewrite pairs (000/001 and 002/004) score
0.41 and 0.27, the most similar unrelated pair 0.16; 0.22 sits between them.

A story is named by the smallest doc_id among its articles, so ids are stable across
runs and readable.

The grouping never builds the N x N matrix. Only pairs whose similarity clears the
threshold can share a story, and only dated articles within :data:`MAX_DAYS` of each
other (or pairs with an undated article) can clear it, so candidate pairs come from a
sparse product of the lead vectors, one date window at a time, keeping the pairs above
the threshold. Complete linkage then runs on that sparse graph: two clusters merge, the
closest first, only when every pair between them is a candidate. The merges below the
threshold are the ones all-pairs complete linkage makes (it makes them closest first too,
and a cluster pair with any pair below the threshold is never a candidate for it), so the
stories are the same; each pair's similarity is the same sum in the same order, so the
same floats. One case has no single answer: when two merges tie exactly (a copy of an
article dated more than :data:`MAX_DAYS` from the original, both as similar to a third
article), complete linkage may take either, and scipy's all-pairs run took the one its
walk through the whole N x N matrix reached first. Here ties go to the pair with the
smallest doc_ids, so the result never depends on the row order.
``bench/bench_stories.py`` compares both on the crypto corpus and generated corpora.
"""

from __future__ import annotations

import heapq
import logging
import re

import numpy as np
import pandas as pd
from scipy import sparse

from statecraft.analysis import search

log = logging.getLogger(__name__)

LEAD_WORDS = 100
"""Words of the text (after the title) that make an article's lead."""
PREFIX = 5
"""Letters a word is cut to before comparing (prefix stemming)."""
MIN_SIMILARITY = 0.22
"""Lowest lead cosine similarity between any two articles of one story."""
MAX_DAYS = 3
"""Most days between two dated articles of one story (rewrites follow within days)."""

_WORD = re.compile(r"[^\W\d_][\w'’-]*")
_CUT_SLACK = 1e-9  # the cut sits this far above 1 - min_similarity (as it always has)
_MARGIN = 1e-6  # candidate pairs are kept from this far below min_similarity: float slack
_BLOCK = 1000  # dated rows per date window


def assign_stories(
    documents: pd.DataFrame,
    *,
    min_similarity: float = MIN_SIMILARITY,
    max_days: int | None = MAX_DAYS,
    workers: int = 1,
) -> pd.DataFrame:
    """Fill ``story_id``: articles that rewrite the same story share one id.

    Needs documents (doc_id, title, text, published_date). Sets story_id to the
    smallest doc_id of the article's story.

    Args:
        documents: The documents frame.
        min_similarity: Lowest lead similarity between any two articles of a story, in [0, 1].
        max_days: Most days between the publication dates of two articles of a story
            (None: dates are not used).
        workers: Processes for the search of candidate pairs (its blocks are independent;
            the pairs, and so the stories, are the same with any number).

    Returns:
        A new documents frame, same rows and order, with story_id filled.

    Raises:
        ValueError: If ``min_similarity`` is outside [0, 1] or ``max_days`` is negative.
    """
    if not 0.0 <= min_similarity <= 1.0:
        raise ValueError(f"min_similarity must be in [0, 1], got {min_similarity!r}")
    if max_days is not None and max_days < 0:
        raise ValueError(f"max_days must be >= 0 or None, got {max_days!r}")
    out = documents.copy()
    if out.empty:
        out["story_id"] = pd.Series(dtype="string")
        return out
    doc_ids = out["doc_id"].astype(str).to_numpy()
    if min_similarity <= _MARGIN:
        # pairs with no word in common may clear the cut: nothing to prune
        labels = _all_pairs_labels(out, min_similarity, max_days)
    else:
        days = _days(out["published_date"]) if max_days is not None else np.full(len(out), np.nan)
        rows, cols, similarity = _candidate_pairs(_lead_vectors(out), days, max_days, min_similarity - _MARGIN,
                                                  workers=workers)  # fmt: skip
        # items are numbered in doc_id order, so a tie is broken the same way whatever the row order
        rank = np.argsort(np.argsort(doc_ids, kind="stable"), kind="stable")
        cut = 1.0 - min_similarity + _CUT_SLACK
        labels = _sparse_complete_linkage(len(out), rank[rows], rank[cols], 1.0 - similarity, cut)[rank]
    names = pd.Series(doc_ids).groupby(labels).transform("min")
    out["story_id"] = pd.array(names.to_numpy(), dtype="string")
    n_stories = out["story_id"].nunique()
    log.info("grouped %d documents into %d stories", len(out), n_stories)
    return out


def lead_similarity(documents: pd.DataFrame) -> np.ndarray:
    """Return the matrix of lead cosine similarities between documents (TF-IDF).

    Needs documents (title, text). Rows and columns follow the frame's order; the
    diagonal is 1 for a document with any words, 0 for one without.

    Args:
        documents: The documents frame.

    Returns:
        A square float array with values in [0, 1].
    """
    vectors = _lead_vectors(documents)
    return np.clip((vectors @ vectors.T).toarray(), 0.0, 1.0)


def story_table(documents: pd.DataFrame) -> pd.DataFrame:
    """List each story with its articles, publishers and titles.

    Needs documents (doc_id, story_id, title, publisher, published_date).

    Returns:
        One row per story: story_id, n_articles, doc_ids (", "-joined), publishers,
        first_date, title (the first known title); sorted by n_articles (descending)
        then story_id.
    """
    docs = documents[documents["story_id"].notna()].sort_values(["story_id", "doc_id"], kind="mergesort")
    groups: dict[str, list[tuple]] = {}
    columns = [docs[c].tolist() for c in ("story_id", "doc_id", "title", "publisher", "published_date")]
    for story_id, *row in zip(*columns, strict=True):  # plain lists: a year of news has 100,000 stories
        groups.setdefault(story_id, []).append(tuple(row))
    rows = []
    for story_id, members in groups.items():
        titles = [t for _, t, _, _ in members if not pd.isna(t)]
        dates = [d for _, _, _, d in members if not pd.isna(d)]
        rows.append({
            "story_id": story_id,
            "n_articles": len(members),
            "doc_ids": ", ".join(d for d, _, _, _ in members),
            "publishers": ", ".join(sorted({p for _, _, p, _ in members if not pd.isna(p)})),
            "first_date": min(dates) if dates else pd.NA,
            "title": titles[0] if titles else pd.NA,
        })
    out = pd.DataFrame(rows, columns=["story_id", "n_articles", "doc_ids", "publishers", "first_date", "title"])
    out = out.astype({"story_id": "string", "n_articles": "Int64", "doc_ids": "string", "publishers": "string",
                      "first_date": "string", "title": "string"})
    return out.sort_values(["n_articles", "story_id"], ascending=[False, True]).reset_index(drop=True)


def _lead(title: object, text: object) -> str:
    head = "" if pd.isna(title) else str(title)
    body = "" if pd.isna(text) else str(text)
    return head + "\n" + lead_words(body)


def lead_words(text: str) -> str:
    """The first :data:`LEAD_WORDS` runs of non-space characters of ``text``, joined by single spaces."""
    return " ".join(text.split(maxsplit=LEAD_WORDS)[:LEAD_WORDS])


def _terms(text: str) -> list[str]:
    """The lead's terms: words without edge apostrophes or hyphens, 2+ characters, no stop word, cut to PREFIX."""
    from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS

    out = []
    for word in _WORD.findall(text.lower()):
        term = _TERM_OF.get(word)
        if term is None:
            bare = word.strip("'’-")
            term = bare[:PREFIX] if len(bare) > 1 and bare not in ENGLISH_STOP_WORDS else ""
            if len(_TERM_OF) < _TERM_CACHE:
                _TERM_OF[word] = term
        if term:
            out.append(term)
    return out


_TERM_OF: dict[str, str] = {}
"""Each word's term ("" for none), remembered: news repeats its words (bounded by _TERM_CACHE)."""
_TERM_CACHE = 200_000


def _lead_vectors(documents: pd.DataFrame) -> sparse.csr_matrix:
    """Return the TF-IDF vectors of the leads (one row per document; no columns if no words)."""
    from sklearn.feature_extraction.text import TfidfVectorizer

    titles = documents["title"]
    if "title_source" in documents.columns:  # a lead-sentence title would count the lead twice
        titles = titles.mask((documents["title_source"] == "lead_sentence").fillna(False))
    leads = [_lead(title, text) for title, text in zip(titles, documents["text"], strict=True)]
    if not any(_terms(lead) for lead in leads):
        return sparse.csr_matrix((len(leads), 0))
    return TfidfVectorizer(analyzer=_terms, sublinear_tf=True).fit_transform(leads).tocsr()


def _days(dates: pd.Series) -> np.ndarray:
    """Return days since 1970-01-01 per date, NaN where the date is missing or unreadable."""
    parsed = pd.to_datetime(dates.astype("string"), errors="coerce", format="%Y-%m-%d")
    return (parsed - pd.Timestamp("1970-01-01")).dt.days.to_numpy(dtype="float64", na_value=np.nan)


def _far_apart(dates: pd.Series, max_days: int) -> np.ndarray:
    days = _days(dates)
    gap = np.abs(days[:, None] - days[None, :])
    return np.nan_to_num(gap, nan=0.0) > max_days


def _candidate_pairs(
    vectors: sparse.csr_matrix, days: np.ndarray, max_days: int | None, floor: float, *, workers: int = 1
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Return the pairs (i < j) that may share a story, with their clipped lead similarity.

    Dated rows are taken in date order, a block at a time, against the rows dated up to
    ``max_days`` later; undated rows (NaN days, or all rows when ``max_days`` is None)
    against every row. Only pairs with a similarity of at least ``floor`` are kept, so
    memory follows the block and the date window, not N^2. With ``workers`` > 1 and a large
    search the blocks are searched in that many processes (:mod:`statecraft.analysis.search`);
    the parts are joined in block order, so the result is the same.
    """
    n = vectors.shape[0]
    dated = np.flatnonzero(~np.isnan(days)) if max_days is not None else np.zeros(0, dtype=np.int64)
    undated = np.setdiff1d(np.arange(n), dated)
    order = dated[np.argsort(days[dated], kind="stable")]
    sorted_days = days[order]
    blocks = []  # (kind, lo, hi, stop): slices of order (0, dated) or of undated (1)
    for lo in range(0, len(order), _BLOCK):
        hi = min(lo + _BLOCK, len(order))
        stop = int(np.searchsorted(sorted_days, sorted_days[hi - 1] + max_days, side="right"))
        blocks.append((0, lo, hi, stop))
    for lo in range(0, len(undated), _BLOCK):
        blocks.append((1, lo, min(lo + _BLOCK, len(undated)), 0))
    found = [(np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.int64), np.zeros(0))]
    found += search.search_blocks(vectors, (order, dated, undated), np.asarray(blocks, dtype=np.int64).reshape(-1, 4),
                                  floor, workers)  # fmt: skip
    rows, cols, sims = (np.concatenate(part) for part in zip(*found, strict=True))
    if max_days is not None:
        keep = ~(np.abs(days[rows] - days[cols]) > max_days)  # NaN (an undated side) keeps the pair
        rows, cols, sims = rows[keep], cols[keep], sims[keep]
    # a pair found from both sides keeps the smaller similarity, as min(S, S.T) did
    first, second = np.minimum(rows, cols), np.maximum(rows, cols)
    keep = first < second
    keys, sims = first[keep].astype(np.int64) * n + second[keep], sims[keep]
    order = np.lexsort((sims, keys))
    keys, index = np.unique(keys[order], return_index=True)
    return keys // n, keys % n, sims[order][index]


def _sparse_complete_linkage(
    n: int, rows: np.ndarray, cols: np.ndarray, distance: np.ndarray, cut: float
) -> np.ndarray:
    """Label n items by complete linkage cut at ``cut``, given only the pairs that can merge.

    A pair not given is farther apart than ``cut``. Two clusters merge, the closest pair of
    clusters first, when every pair between them is given and the farthest is within
    ``cut``; a cluster pair that misses a pair can never merge, so it is forgotten.

    Returns:
        One label per item: the smallest item of its cluster.
    """
    size = [1] * n
    version = [0] * n
    links: list[dict[int, tuple[float, int]]] = [{} for _ in range(n)]  # other -> (farthest, pairs)
    heap = []
    for i, j, d in zip(rows.tolist(), cols.tolist(), distance.tolist(), strict=True):
        if d <= cut:
            links[i][j] = links[j][i] = (d, 1)
            heap.append((d, min(i, j), max(i, j), 0, 0))
    heapq.heapify(heap)
    label = list(range(n))
    while heap:
        _d, a, b, va, vb = heapq.heappop(heap)
        if version[a] != va or version[b] != vb or not size[a] or not size[b]:
            continue  # a cluster has changed since this entry was made
        del links[a][b], links[b][a]
        merged = {}
        for other in links[a].keys() | links[b].keys():
            far_a, seen_a = links[other].pop(a, (0.0, 0))
            far_b, seen_b = links[other].pop(b, (0.0, 0))
            merged[other] = (max(far_a, far_b), seen_a + seen_b)
        size[a] += size[b]
        size[b] = 0
        version[a] += 1
        links[b] = {}
        links[a] = {}
        for other, (far, seen) in merged.items():
            if seen == size[a] * size[other] and far <= cut:
                links[a][other] = links[other][a] = (far, seen)
                x, y = min(a, other), max(a, other)
                heapq.heappush(heap, (far, x, y, version[x], version[y]))
        label[b] = a
    return np.array([_root(label, i) for i in range(n)])


def _root(parent: list[int], i: int) -> int:
    while parent[i] != i:
        parent[i] = parent[parent[i]]
        i = parent[i]
    return i


def _all_pairs_labels(documents: pd.DataFrame, min_similarity: float, max_days: int | None) -> np.ndarray:
    """Label stories from the full similarity matrix (N^2 memory): the reference algorithm."""
    similarity = lead_similarity(documents)
    if max_days is not None:
        similarity[_far_apart(documents["published_date"], max_days)] = 0.0
    return _complete_linkage(similarity, min_similarity)


def _complete_linkage(similarity: np.ndarray, min_similarity: float) -> np.ndarray:
    n = len(similarity)
    if n == 1:
        return np.zeros(1, dtype=int)
    from scipy.cluster.hierarchy import fcluster, linkage
    from scipy.spatial.distance import squareform

    distance = 1.0 - np.minimum(similarity, similarity.T)
    np.fill_diagonal(distance, 0.0)
    tree = linkage(squareform(distance, checks=False), method="complete")
    return fcluster(tree, t=1.0 - min_similarity + _CUT_SLACK, criterion="distance")
