"""Write notebooks/04_trends.ipynb from its cell sources (then tools/execute_notebooks.py executes it)."""

from nbformat.v4 import new_code_cell, new_markdown_cell

from notebook_builder import COLUMN_PARAMETERS, FINDINGS, LEFT_OUT, LOAD, findings_code, write_notebook

cells = [
    new_markdown_cell(
        "# Trends\n\nPer period and country (or actor, organisation, topic): articles, stories, share of voice, "
        "targeted sentiment with its interval and the stance of the sentences, from `sc.trends`; small multiples "
        "of attention and sentiment per key, each spike labelled with its top story; and the keys whose coverage "
        "changed most between the first and the last half of the range, with an evidence sentence each. An "
        "article is dated by its publication date (or its story's), or with `date_by = \"event\"` each sentence "
        "by the date it names. Undated articles get their own row (`is_undated`); periods with no article show "
        "zeros."
    ),
    new_code_cell(
        'sources: str = "../seeds"  # corpus folder or file, relative to notebooks/\n'
        "countries: list = []  # keys to show (alpha-3 codes when by is country); empty for all\n"
        'by: str = "country"  # country, actor, organization or topic\n'
        'freq: str = "auto"  # period: D, W, M, Q or Y; auto takes the finest giving at most 36 periods\n'
        'date_by: str = "published"  # published (article date) or event (the date each sentence names)\n'
        'start_date: str = ""  # ISO date: periods starting before it are left out; "" for no bound\n'
        'end_date: str = ""  # ISO date: periods starting after it are left out; "" for no bound\n'
        "top_n: int = 6  # keys drawn and changes listed, the most articles (or largest change) first; 0 for all\n"
        'engine: str = "news"  # sentiment engine: news (best validated), vader, finance or textblob\n'
        + COLUMN_PARAMETERS,
        metadata={"tags": ["parameters"]},
    ),
    new_code_cell(
        "%matplotlib inline\n"
        "import pandas as pd\n\n"
        "import statecraft as sc\n"
        "from statecraft import analysis\n"
        "from statecraft.report.params import validate_values\n\n"
        'pd.set_option("display.width", 220)\n'
        'pd.set_option("display.max_colwidth", 120)\n'
        'pd.set_option("display.html.use_mathjax", False)  # "$300 million" is money, not maths\n'
        'validate_values({"sources": sources, "countries": countries if by == "country" else [],\n'
        '                 "start_date": start_date, "end_date": end_date, "top_n": top_n, "engine": engine})\n'
        + LOAD.format(extra=", sentiment=engine") + "\n"
        'period = analysis.auto_freq(ann, by=by, date=date_by) if freq == "auto" else freq\n'
        "table = sc.trends(ann, by=by, freq=period, date=date_by, engine=engine)\n"
        "shown = table[table[\"key\"].isin(countries)] if countries else table\n"
        "if start_date:\n"
        '    shown = shown[shown["is_undated"] | (shown["period_start"] >= start_date)]\n'
        "if end_date:\n"
        '    shown = shown[shown["is_undated"] | (shown["period_start"] <= end_date)]\n'
        'colors = analysis.country_colors(ann) if by == "country" else None\n'
        'print(f"{ann.summary()}; period: {period}; trend rows: {len(table)}, shown: {len(shown)}")'
    ),
    new_markdown_cell(FINDINGS),
    new_code_cell(findings_code()),
    new_markdown_cell(LEFT_OUT),
    new_code_cell("analysis.note_list(analysis.coverage_notes(ann, scored=True))"),
    new_markdown_cell("## Attention and sentiment over time, for the keys with the most articles"),
    new_code_cell(
        'dated = shown[~shown["is_undated"]]\n'
        'totals = dated.groupby("key")["n_articles"].sum()\n'
        "keys = [k for k, n in sorted(totals.items(), key=lambda kv: (-kv[1], kv[0])) if n > 0][: top_n or None]\n"
        "stories = analysis.top_stories(ann, by=by, freq=period, date=date_by)\n"
        "(analysis.trend_multiples(dated, stories, keys=keys, freq=period, colors=colors) if keys\n"
        ' else analysis.Note("No dated article names a key within the filters: nothing to draw."))'
    ),
    new_markdown_cell(
        "*Figure:* one row per key (the `top_n` with the most articles). Left: the number of articles with a "
        "sentence naming the key as subject, per period (bars start at the period's first day; undated articles "
        "are not drawn: they are in the table below); the busiest period is labelled with the title of its top "
        "story, the story with the most of those articles. Right: the mean polarity of those sentences by the "
        "chosen engine, with its 95% bootstrap interval, for the periods with a scored sentence."
    ),
    new_markdown_cell(
        "## Biggest changes between the first and last halves of the range\n\nThe range, from the first to the "
        "last day a key sentence is dated, cut into two halves of equal length. Per key: articles and mean "
        "polarity in each half and the change (last minus first); the evidence is the first key sentence of the "
        "largest story of the busier half (its article id and the sentence counts are in the CSV and in `changes`)."
    ),
    new_code_cell(
        "changes = analysis.changes(ann, by=by, date=date_by, engine=engine, keys=countries or None,\n"
        "                           start_date=start_date, end_date=end_date, top_n=top_n)\n"
        "if len(changes):\n"
        '    print(f"first half: {changes[\'first_half\'].iloc[0]}; last half: {changes[\'last_half\'].iloc[0]}")\n'
        'columns = ["key", "n_articles_first", "n_articles_last", "change_articles", "polarity_first",\n'
        '           "polarity_last", "change_polarity", "evidence_date", "evidence"]\n'
        'analysis.show(changes, name="changes", columns=columns,\n'
        '              empty="No change to show: the range is shorter than two days or names no key.")'
    ),
    new_markdown_cell("## Periods with articles\n\nZero rows are left out of this table (they stay in `table`); "
                      "undated articles have an empty `period_start`."),
    new_code_cell(
        'analysis.show(shown[shown["n_articles"] > 0], name="trends", empty="No period has an article.",\n'
        '              columns=["period_start", "key", "n_articles", "n_stories", "share_of_voice", "n_sentences",\n'
        '                       "polarity", "ci_low", "ci_high", "n_engaging", "n_restricting", "is_new"])'
    ),
    new_markdown_cell("## What must hold"),
    new_code_cell(
        'assert table["is_undated"].tolist() == sorted(table["is_undated"].tolist())  # undated rows last\n'
        'dated_rows = table[~table["is_undated"]]\n'
        'keys = ["period_start", "key"]\n'
        'assert dated_rows[keys].equals(dated_rows.sort_values(keys)[keys])\n'
        'assert (table["n_stories"] <= table["n_articles"]).all()\n'
        'busy = table[table["n_mentions"] > 0]\n'
        'voice = busy.groupby("period_start", dropna=False)["share_of_voice"].agg(["sum", "size"])\n'
        '# shares are rounded to 3 decimals: n of them may miss 1 by n x 0.0005\n'
        'assert ((voice["sum"] - 1).abs() <= 0.0005 * voice["size"] + 1e-9).all(), "shares of voice do not add up"\n'
        "pairs = ann.mentions[(ann.mentions[\"entity_type\"] == by) & (ann.mentions[\"role\"] == \"subject\")]\n"
        'if date_by == "published":  # every (article, key) pair is counted exactly once\n'
        '    assert table["n_articles"].sum() == len(pairs[["doc_id", "entity_id"]].drop_duplicates())\n'
        'assert changes["key"].is_unique\n'
        'assert (changes["change_articles"] == changes["n_articles_last"] - changes["n_articles_first"]).all()\n'
        'assert not top_n or len(changes) <= top_n'
    ),
]
write_notebook("04_trends.ipynb", cells)
