"""Write notebooks/00_corpus_overview.ipynb from its cell sources (run once; then `make notebooks`)."""

from nbformat.v4 import new_code_cell, new_markdown_cell

from notebook_builder import write_notebook

cells = [
    new_markdown_cell(
        "# Corpus overview\n\nWhat was loaded from the sources, how each document was dated, what cleaning "
        "removed and by which rule, what was quarantined and why, and which countries, actors and topics "
        "each document mentions."
    ),
    new_code_cell(
        'sources: str = "../seeds"  # corpus folder or file, relative to notebooks/\n'
        'manifest: str = ""  # manifest CSV; "" looks for manifest.csv in the sources folder',
        metadata={"tags": ["parameters"]},
    ),
    new_code_cell(
        "import pandas as pd\n\n"
        "import statecraft as sc\n"
        "from statecraft import analysis\n\n"
        'pd.set_option("display.max_colwidth", 70)\n'
        'pd.set_option("display.width", 200)\n'
        "ann = sc.load_annotated(sources, manifest=manifest or None)\n"
        "print(ann.summary())"
    ),
    new_markdown_cell("## Documents\n\nOne row per article; a page holding several articles gives several rows."),
    new_code_cell("analysis.document_overview(ann)"),
    new_markdown_cell("## What cleaning removed, by rule"),
    new_code_cell("analysis.removed_by_rule(ann)"),
    new_code_cell('ann.removed.assign(text=ann.removed["text"].str.slice(0, 60))[["doc_id", "rule", "text"]].head(40)'),
    new_markdown_cell("## Quarantine\n\nInputs that could not be read, with the reason."),
    new_code_cell("ann.quarantine"),
    new_markdown_cell("## Countries, actors and topics per document"),
    new_code_cell("analysis.document_entities(ann)"),
    new_markdown_cell("## What must hold"),
    new_code_cell(
        "account = ann.account\n"
        'assert account["inputs"] == account["sources"] + account["quarantined"], account\n'
        'assert ann.documents["doc_id"].is_unique\n'
        'assert (ann.sentences["end"] > ann.sentences["start"]).all()\n'
        'assert not ann.documents["text"].str.contains("https://", regex=False).any()'
    ),
]
write_notebook("00_corpus_overview.ipynb", cells)
