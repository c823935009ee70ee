"""Write notebooks/04_trends.ipynb from its cell sources (then tools/execute_notebooks.py executes it)."""

from nbformat.v4 import new_code_cell, new_markdown_cell

from notebook_builder import COLUMN_PARAMETERS, LEFT_OUT, LOAD, write_notebook

cells = [
    new_markdown_cell(
        "# Trends\n\nPer period and country (or actor, organisation, topic): articles, stories, share of voice, "
        "targeted sentiment with its interval and the stance of the sentences, from `sc.trends`. An article is "
        "dated by its publication date (or its story's), or with `date_by = \"event\"` each sentence by the date "
        "it names. Undated articles get their own row (`is_undated`); periods with no article show zeros."
    ),
    new_code_cell(
        'sources: str = "../seeds"  # corpus folder or file, relative to notebooks/\n'
        "countries: list = []  # keys to show (alpha-3 codes when by is country); empty for all\n"
        'by: str = "country"  # country, actor, organization or topic\n'
        'freq: str = "M"  # period: D, W, M, Q or Y\n'
        'date_by: str = "published"  # published (article date) or event (the date each sentence names)\n'
        'start_date: str = ""  # ISO date: periods starting before it are left out; "" for no bound\n'
        'end_date: str = ""  # ISO date: periods starting after it are left out; "" for no bound\n'
        'engine: str = "vader"  # sentiment engine: vader, finance or textblob\n'
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
        'validate_values({"sources": sources, "countries": countries if by == "country" else [],\n'
        '                 "start_date": start_date, "end_date": end_date, "engine": engine})\n'
        + LOAD.format(extra=", sentiment=engine") + "\n"
        "table = sc.trends(ann, by=by, freq=freq, date=date_by, engine=engine)\n"
        "shown = table[table[\"key\"].isin(countries)] if countries else table\n"
        "if start_date:\n"
        '    shown = shown[shown["is_undated"] | (shown["period_start"] >= start_date)]\n'
        "if end_date:\n"
        '    shown = shown[shown["is_undated"] | (shown["period_start"] <= end_date)]\n'
        'print(f"{ann.summary()}; trend rows: {len(table)}, shown: {len(shown)}")'
    ),
    new_markdown_cell(LEFT_OUT),
    new_code_cell("analysis.note_list(analysis.coverage_notes(ann, scored=True))"),
    new_markdown_cell("## Findings\n\nWhat the data shows, with the numbers behind it."),
    new_code_cell('for finding in analysis.findings(ann, engine=engine)["finding"]:\n    print("-", finding)'),
    new_markdown_cell("## Periods with articles\n\nZero rows are left out of this table (they stay in `table`)."),
    new_code_cell('shown[shown["n_articles"] > 0].reset_index(drop=True)'),
    new_markdown_cell("## Articles per period, for the keys with the most articles"),
    new_code_cell(
        'dated = shown[~shown["is_undated"]]\n'
        'top = dated.groupby("key")["n_articles"].sum().sort_values(ascending=False, kind="mergesort").index[:6]\n'
        'wide = dated[dated["key"].isin(top)].pivot_table(index="period_start", columns="key", values="n_articles",\n'
        '                                                  aggfunc="sum")\n'
        "if not wide.empty:  # nothing to draw when the filters leave no dated period or no key\n"
        '    axes = wide.astype("float64").plot(marker="o", figsize=(9, 3.5), ylabel="articles", xlabel="period start")'
    ),
    new_markdown_cell("## What must hold"),
    new_code_cell(
        'assert table["is_undated"].tolist() == sorted(table["is_undated"].tolist())  # undated rows last\n'
        'dated_rows = table[~table["is_undated"]]\n'
        'keys = ["period_start", "key"]\n'
        'assert dated_rows[keys].equals(dated_rows.sort_values(keys)[keys])\n'
        'assert (table["n_stories"] <= table["n_articles"]).all()\n'
        'busy = table[table["n_mentions"] > 0]\n'
        'assert ((busy.groupby("period_start", dropna=False)["share_of_voice"].sum() - 1).abs() < 0.01).all()\n'
        "pairs = ann.mentions[(ann.mentions[\"entity_type\"] == by) & (ann.mentions[\"role\"] == \"subject\")]\n"
        'if date_by == "published":  # every (article, key) pair is counted exactly once\n'
        '    assert table["n_articles"].sum() == len(pairs[["doc_id", "entity_id"]].drop_duplicates())'
    ),
]
write_notebook("04_trends.ipynb", cells)
