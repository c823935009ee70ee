"""Write notebooks/01_sentiment.ipynb from its cell sources (then `make notebooks` executes it)."""

from nbformat.v4 import new_code_cell, new_markdown_cell

from notebook_builder import write_notebook

cells = [
    new_markdown_cell(
        "# Sentiment\n\nSentence sentiment from the chosen engine (TextBlob by default; `vader`; `finance`, a "
        "model trained on financial news that scores far better on labelled news, see bench/eval_sentiment.py), "
        "aggregated per document and per country from the sentences that mention the country. Every number "
        "traces back to its sentences."
    ),
    new_code_cell(
        'sources: str = "../seeds"  # corpus folder or file, relative to notebooks/\n'
        'engine: str = "textblob"  # sentiment engine: textblob, vader or finance\n'
        "countries: list = []  # ISO alpha-3 codes to show; empty for all\n"
        "actors: list = []  # actor/organisation slugs to show; empty for all\n"
        "min_sentences: int = 2  # countries and actors with fewer scored sentences are left out",
        metadata={"tags": ["parameters"]},
    ),
    new_code_cell(
        "%matplotlib inline\n"
        "import pandas as pd\n\n"
        "import statecraft as sc\n"
        "from statecraft import sentiment\n\n"
        'pd.set_option("display.max_colwidth", 90)\n'
        'pd.set_option("display.width", 200)\n'
        "sentiment.check_engine(engine)\n"
        "engines = sorted(set(sentiment.ENGINES))\n"
        "ann = sc.load_annotated(sources, sentiment=engines)\n"
        "print(ann.summary())"
    ),
    new_markdown_cell("## Documents\n\nMean sentence polarity and the length-weighted mean, per document."),
    new_code_cell(
        "doc_scores = sentiment.document_scores(ann.sentiment, ann.sentences)\n"
        "sentiment.document_table(doc_scores, ann.documents, engine=engine)"
    ),
    new_markdown_cell(
        "## Countries\n\nScores of the sentences that mention each country (role subject), with the number "
        "of sentences and a 95% bootstrap interval (fixed seed)."
    ),
    new_code_cell(
        'pairs = sentiment.target_sentences(ann.sentiment, ann.mentions, entity_type="country")\n'
        "if countries:\n"
        '    pairs = pairs[pairs["entity_id"].isin(countries)]\n'
        "by_country = sentiment.country_table(pairs, engine=engine)\n"
        'by_country = by_country[by_country["n_sentences"] >= min_sentences].reset_index(drop=True)\n'
        "by_country"
    ),
    new_code_cell(
        'shown = pairs[pairs["entity_id"].isin(by_country["entity_id"])]\n'
        "sentiment.plot_country_distribution(shown, engine=engine)"
    ),
    new_markdown_cell("## Actors and organisations"),
    new_code_cell(
        "actor_pairs = pd.concat([\n"
        '    sentiment.target_sentences(ann.sentiment, ann.mentions, entity_type="actor"),\n'
        '    sentiment.target_sentences(ann.sentiment, ann.mentions, entity_type="organization"),\n'
        "])\n"
        "if actors:\n"
        '    actor_pairs = actor_pairs[actor_pairs["entity_id"].isin(actors)]\n'
        "by_actor = sentiment.country_table(actor_pairs, engine=engine)\n"
        'by_actor[by_actor["n_sentences"] >= min_sentences].reset_index(drop=True)'
    ),
    new_markdown_cell("## Agreement between engines\n\nCorrelation of sentence polarities across engines."),
    new_code_cell("sentiment.engine_agreement(ann.sentiment)"),
    new_code_cell("sentiment.label_agreement(ann.sentiment)"),
    new_markdown_cell("## Evidence: the most positive and most negative sentences"),
    new_code_cell("sentiment.extreme_sentences(ann.sentiment, ann.sentences, engine=engine, n=5)"),
    new_markdown_cell("## What must hold"),
    new_code_cell(
        'scored = ann.sentiment[ann.sentiment["engine"] == engine]\n'
        "assert len(scored) == len(ann.sentences)\n"
        'assert scored["polarity"].between(-1, 1).all()\n'
        'assert set(scored["label"]) <= {"positive", "neutral", "negative"}\n'
        'assert (by_country["n_sentences"] >= min_sentences).all()\n'
        'assert (by_country["ci_low"] <= by_country["polarity"]).all()\n'
        'assert (by_country["polarity"] <= by_country["ci_high"]).all()'
    ),
]
write_notebook("01_sentiment.ipynb", cells)
