"""Write notebooks/05_explore.ipynb from its cell sources (then tools/execute_notebooks.py executes it)."""

from nbformat.v4 import new_code_cell, new_markdown_cell

from notebook_builder import COLUMN_PARAMETERS, FINDINGS, LEFT_OUT, LOAD, findings_code, write_notebook

cells = [
    new_markdown_cell(
        "# Explore\n\nFilter the sentences by country, actor, organisation, topic, story, date range, sentiment "
        "range and free text; the matching sentences show with their mentions and timexes highlighted, and "
        "choosing a row shows the whole article. The widgets need a live kernel (JupyterLab); the stored output "
        "below the explorer is the same selection as a plain table."
    ),
    new_code_cell(
        'sources: str = "../seeds"  # corpus folder or file, relative to notebooks/\n'
        "countries: list = []  # alpha-3 codes the explorer starts filtered to; empty for all\n"
        'text: str = ""  # words the shown sentences start filtered to contain; "" for all\n'
        'engine: str = "news"  # sentiment engine: news (best validated), vader, finance or textblob\n'
        + COLUMN_PARAMETERS,
        metadata={"tags": ["parameters"]},
    ),
    new_code_cell(
        "import pandas as pd\n\n"
        "import statecraft as sc\n"
        "from statecraft import analysis\n"
        "from statecraft.report.params import validate_values\n\n"
        'pd.set_option("display.max_colwidth", 110)\n'
        'pd.set_option("display.width", 220)\n'
        'validate_values({"sources": sources, "countries": countries, "engine": engine})\n'
        + LOAD.format(extra=", sentiment=engine") + "\n"
        "explorer = sc.explore(ann, engine=engine)\n"
        'known = tuple(c for c in countries if c in explorer.filters["countries"].options)\n'
        'explorer.filters["countries"].value = known\n'
        'explorer.filters["text"].value = text\n'
        "print(ann.summary())"
    ),
    new_markdown_cell(FINDINGS),
    new_code_cell(findings_code()),
    new_markdown_cell(LEFT_OUT),
    new_code_cell("analysis.note_list(analysis.coverage_notes(ann, scored=True))"),
    new_code_cell("explorer", metadata={"tags": ["nbval-ignore-output"]}),
    new_markdown_cell("*The explorer's chart* counts the articles holding a matching sentence per month of their "
                      "date; its counts line says how many sentences, articles and stories match."),
    new_markdown_cell("## The same selection as a table"),
    new_code_cell(
        "selection = analysis.select(ann, countries=list(known) or None, text=text or None, engine=engine)\n"
        'print(", ".join(f"{n:,} {what}" for what, n in selection.counts.items()), "match")\n'
        'analysis.show(selection.sentences[["doc_id", "sentence_id", "article_date", "polarity", "text"]],\n'
        '              name="sentences", max_rows=12, empty="No sentence matches the selection.")'
    ),
    new_markdown_cell("## What must hold"),
    new_code_cell(
        "assert explorer.selection.counts == selection.counts\n"
        'assert selection.sentences["doc_id"].isin(selection.documents["doc_id"]).all()\n'
        "if known:\n"
        '    naming = selection.mentions[selection.mentions["entity_id"].isin(known)]\n'
        '    assert len(naming[["doc_id", "sentence_id"]].drop_duplicates()) == len(selection.sentences)\n'
        'assert "<script" not in explorer.table.value'
    ),
]
write_notebook("05_explore.ipynb", cells)
