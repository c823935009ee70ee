"""Write notebooks/00_corpus_overview.ipynb from its cell sources (run once; then `make notebooks`)."""

from nbformat.v4 import new_code_cell, new_markdown_cell

from notebook_builder import COLUMN_PARAMETERS, FINDINGS, LEFT_OUT, LOAD, findings_code, write_notebook

cells = [
    new_markdown_cell(
        "# Corpus overview\n\nWhat was loaded from the sources, how each document was dated, what cleaning "
        "removed and by which rule, what was quarantined and why, which columns of each records file were "
        "used, and which countries, actors and topics each document mentions."
    ),
    new_code_cell(
        'sources: str = "../seeds"  # corpus folder or file, relative to notebooks/\n'
        'manifest: str = ""  # manifest CSV; "" looks for manifest.csv in the sources folder\n'
        + COLUMN_PARAMETERS,
        metadata={"tags": ["parameters"]},
    ),
    new_code_cell(
        "import pandas as pd\n\n"
        "import statecraft as sc\n"
        "from statecraft import analysis\n"
        "from statecraft.report.params import validate_values\n\n"
        'pd.set_option("display.max_colwidth", 70)\n'
        'pd.set_option("display.width", 200)\n'
        'validate_values({"sources": sources})\n'
        + LOAD.format(extra=", manifest=manifest or None, sentiment=\"news\"") + "\n"
        "print(ann.summary())"
    ),
    new_markdown_cell(FINDINGS),
    new_code_cell(findings_code('"news"')),
    new_markdown_cell(LEFT_OUT),
    new_code_cell("analysis.note_list(analysis.coverage_notes(ann))"),
    new_markdown_cell("## Documents\n\nOne row per article; a page holding several articles gives several rows."),
    new_code_cell('analysis.show(analysis.document_overview(ann), name="documents", empty="No documents.")'),
    new_markdown_cell(
        "## Columns of the records files\n\nFor each CSV, JSON and JSONL file: the columns (or keys) that gave "
        "the text, title, publication date, URL and publisher, and the ones ignored. Name a column with "
        "`statecraft report --text-column NAME` (also `--title-column`, `--date-column`)."
    ),
    new_code_cell(
        'columns = pd.DataFrame.from_dict(ann.account["columns"], orient="index").rename_axis("file").reset_index()\n'
        'analysis.show(columns, name="columns", empty="No CSV, JSON or JSONL files in this corpus.")'
    ),
    new_markdown_cell("## What cleaning removed, by rule"),
    new_code_cell('analysis.show(analysis.removed_by_rule(ann), name="removed_by_rule",\n'
                  '              empty="Cleaning removed nothing.")'),
    new_code_cell(
        'removed = ann.removed.assign(text=ann.removed["text"].str.slice(0, 60))[["doc_id", "rule", "text"]]\n'
        'analysis.show(removed, name="removed", empty="Cleaning removed nothing.")'
    ),
    new_markdown_cell("## Quarantine\n\nInputs that could not be read, with the reason."),
    new_code_cell('analysis.show(ann.quarantine, name="quarantine",\n'
                  '              empty="Nothing was quarantined: every input gave documents.")'),
    new_markdown_cell("## Countries, actors and topics per document"),
    new_code_cell('analysis.show(analysis.document_entities(ann), name="entities", empty="No documents.")'),
    new_markdown_cell("## What must hold"),
    new_code_cell(
        "account = ann.account\n"
        'assert account["inputs"] == account["sources"] + account["quarantined"], (\n'
        '    f"inputs do not add up: {account[\'inputs\']} inputs, {account[\'sources\']} gave documents, "\n'
        '    f"{account[\'quarantined\']} quarantined")\n'
        'assert ann.documents["doc_id"].is_unique, "two documents share a doc_id"\n'
        'assert (ann.sentences["end"] > ann.sentences["start"]).all(), "a sentence span is empty"\n'
        'assert not ann.documents["text"].str.contains("https://", regex=False).any(), (\n'
        '    "cleaning left a URL in an article\'s text")'
    ),
]
write_notebook("00_corpus_overview.ipynb", cells)
