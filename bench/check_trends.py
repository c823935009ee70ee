"""Check sc.trends monthly counts against DuckDB SQL on the crypto news corpus, for five countries.

    .venv/bin/python bench/check_trends.py [--corpus ../shared/corpus/crypto_news] [--saved DIR]

Annotates the corpus (or loads ``--saved``, written on the first run), computes monthly
articles and stories per country with :func:`statecraft.trends` and, independently, with
DuckDB SQL over the saved Parquet frames, prints both for the five countries with the most
articles, and exits 1 when they differ.
"""

from __future__ import annotations

import argparse
import sys

import duckdb
import pandas as pd

import statecraft as sc
from crypto_annotated import add_arguments, annotated

_SQL = """
with docs as (
    select doc_id, coalesce(story_id, doc_id) as story, published_date from read_parquet('{d}/documents.parquet')
), dated as (
    select doc_id, story, coalesce(published_date, min(published_date) over (partition by story)) as day from docs
), keyed as (
    select distinct doc_id, entity_id from read_parquet('{d}/mentions.parquet')
    where entity_type = 'country' and role = 'subject' and sentence_id is not null
)
select cast(date_trunc('month', cast(day as date)) as timestamp) as period_start, entity_id as key,
       count(distinct doc_id) as n_articles, count(distinct story) as n_stories
from keyed join dated using (doc_id) group by all order by period_start nulls last, key
"""


def main() -> int:
    """Run the check; return the exit status."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    add_arguments(parser)
    args = parser.parse_args()
    ann, saved = annotated(args.corpus, args.saved)
    table = sc.trends(ann, by="country", freq="M")
    table = table[table["n_articles"] > 0]
    sql = duckdb.sql(_SQL.format(d=saved.as_posix())).df()
    top = sql.groupby("key")["n_articles"].sum().sort_values(ascending=False, kind="mergesort").index[:5]
    ours = table[table["key"].isin(top)][["period_start", "key", "n_articles", "n_stories"]].reset_index(drop=True)
    theirs = sql[sql["key"].isin(top)].reset_index(drop=True)
    types = {"period_start": "datetime64[ns]", "key": "object", "n_articles": "int64", "n_stories": "int64"}
    ours = ours.astype(types)
    theirs = theirs.astype(types)
    pd.set_option("display.width", 160)
    print(f"{len(ann.documents)} articles; five countries with the most articles: {', '.join(top)}")
    print("sc.trends:\n" + ours.to_string(index=False))
    print("DuckDB SQL:\n" + theirs.to_string(index=False))
    whole = table[["period_start", "key", "n_articles", "n_stories"]].astype(types)
    same = ours.equals(theirs) and whole.reset_index(drop=True).equals(sql.astype(types))
    print(f"equal (five countries and all {len(sql)} rows): {same}")
    return 0 if same else 1


if __name__ == "__main__":
    sys.exit(main())
