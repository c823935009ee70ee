"""Write notebooks/01_sentiment.ipynb from its cell sources (then `make notebooks` executes it)."""

from nbformat.v4 import new_code_cell, new_markdown_cell

from notebook_builder import COLUMN_PARAMETERS, FINDINGS, LEFT_OUT, LOAD, findings_code, write_notebook

cells = [
    new_markdown_cell(
        "# Sentiment\n\nSentence sentiment from the chosen engine (by default `news`, the best validated on "
        "news it was not trained on; `finance`, `vader` and `textblob` are scored too and shown beside it), "
        "aggregated per document and per country from the sentences that mention the country. Every number "
        "traces back to its sentences; the section *How reliable is this* at the end says how often the "
        "engine's labels were right on labelled news it never saw. The engines read English only: articles in "
        "other languages are left out and counted below."
    ),
    new_code_cell(
        'sources: str = "../seeds"  # corpus folder or file, relative to notebooks/\n'
        'engine: str = "news"  # sentiment engine: news (best validated), vader, finance or textblob\n'
        "countries: list = []  # ISO alpha-3 codes to show; empty for all\n"
        "actors: list = []  # actor/organisation slugs to show; empty for all\n"
        "min_sentences: int = 2  # countries and actors with fewer scored sentences are left out\n"
        + COLUMN_PARAMETERS,
        metadata={"tags": ["parameters"]},
    ),
    new_code_cell(
        "%matplotlib inline\n"
        "import pandas as pd\n\n"
        "import statecraft as sc\n"
        "from statecraft import analysis, sentiment\n"
        "from statecraft.report.params import validate_values\n\n"
        'pd.set_option("display.max_colwidth", 90)\n'
        'pd.set_option("display.width", 200)\n'
        'validate_values({"sources": sources, "engine": engine, "countries": countries, "actors": actors,\n'
        '                 "min_sentences": min_sentences})\n'
        "countries = [c.strip().upper() for c in countries]\n"
        "engines = sorted({*sc.scored_engines(sources), engine})  # a store compares the engines it holds\n"
        + LOAD.format(extra=", sentiment=engines") + "\n"
        "colors = analysis.country_colors(ann)\n"
        "print(ann.summary())"
    ),
    new_markdown_cell(FINDINGS),
    new_code_cell(findings_code()),
    new_markdown_cell(LEFT_OUT),
    new_code_cell("analysis.note_list(analysis.coverage_notes(ann, scored=True) "
                  "+ analysis.missing_countries(ann.mentions, countries))"),
    new_markdown_cell("## Documents\n\nMean sentence polarity and the length-weighted mean, per document."),
    new_code_cell(
        "doc_scores = sentiment.document_scores(ann.sentiment, ann.sentences)\n"
        'analysis.show(sentiment.document_table(doc_scores, ann.documents, engine=engine), name="documents",\n'
        '              empty="No document was scored.")'
    ),
    new_markdown_cell(
        "## Countries\n\nScores of the sentences that mention each country (role subject), with the number "
        "of sentences, a 95% bootstrap interval (fixed seed) and the engines' agreement: how many engines give "
        "the country the same label (`engines_agree`) and what the others say (`other_engines`)."
    ),
    new_code_cell(
        'pairs = sentiment.target_sentences(ann.sentiment, ann.mentions, entity_type="country")\n'
        "if countries:\n"
        '    pairs = pairs[pairs["entity_id"].isin(countries)]\n'
        "by_country = sentiment.country_table(pairs, engine=engine)\n"
        'by_country = by_country[by_country["n_sentences"] >= min_sentences].reset_index(drop=True)\n'
        "by_country = sentiment.with_engine_agreement(by_country, pairs, engine=engine)\n"
        'analysis.show(by_country, name="countries",\n'
        '              empty=f"No country is named in {min_sentences} or more scored sentences.")'
    ),
    new_code_cell(
        'shown = pairs[pairs["entity_id"].isin(by_country["entity_id"])]\n'
        "(sentiment.plot_country_distribution(shown, engine=engine, colors=colors) if len(shown)\n"
        ' else analysis.Note("No country to draw."))'
    ),
    new_markdown_cell("*Figure:* for each country in the table above (the 12 with the most sentences), the "
                      "polarity of every scored sentence that names it as subject (one dot per sentence, by the "
                      "chosen engine)."),
    new_markdown_cell("## Actors and organisations\n\nThe same table for actors and organisations, with the "
                      "interval and the engines' agreement."),
    new_code_cell(
        "actor_pairs = pd.concat([\n"
        '    sentiment.target_sentences(ann.sentiment, ann.mentions, entity_type="actor"),\n'
        '    sentiment.target_sentences(ann.sentiment, ann.mentions, entity_type="organization"),\n'
        "])\n"
        "if actors:\n"
        '    actor_pairs = actor_pairs[actor_pairs["entity_id"].isin(actors)]\n'
        "by_actor = sentiment.country_table(actor_pairs, engine=engine)\n"
        'by_actor = by_actor[by_actor["n_sentences"] >= min_sentences].reset_index(drop=True)\n'
        "by_actor = sentiment.with_engine_agreement(by_actor, actor_pairs, engine=engine)\n"
        'analysis.show(by_actor, name="actors",\n'
        '              empty=f"No actor or organisation is named in {min_sentences} or more scored sentences.")'
    ),
    new_markdown_cell("## Agreement between engines\n\nCorrelation of sentence polarities across engines."),
    new_code_cell('analysis.show(sentiment.engine_agreement(ann.sentiment), name="engine_agreement",\n'
                  '              empty="No sentence was scored.")'),
    new_code_cell('analysis.show(sentiment.label_agreement(ann.sentiment), name="label_agreement",\n'
                  '              empty="No sentence was scored.")'),
    new_markdown_cell("## Evidence: the most positive and most negative sentences"),
    new_code_cell('analysis.show(sentiment.extreme_sentences(ann.sentiment, ann.sentences, engine=engine, n=5),\n'
                  '              name="extremes", empty="No sentence was scored.")'),
    new_markdown_cell(
        "## How reliable is this\n\nFigures stored in `data/sentiment/` by `bench/eval_sentiment.py --cross`: "
        "macro-F1 (the mean of the three classes' F1; always-neutral scores about 0.16-0.23 here) of every "
        "engine on labelled news it was not trained on: FinEntity sentences for a model trained on SEntFiN "
        "headlines, the reverse, and crypto-news sentences naming a state, labelled by the project. A country "
        "score rests on many sentences, so single-sentence errors partly cancel; a systematic lean does not, "
        "and the confusion matrix below shows where it lies."
    ),
    new_code_cell('for note in sentiment.reliability_notes(engine):\n    print("-", note)'),
    new_code_cell('analysis.show(sentiment.reliability_table(), name="reliability", empty="No figures are stored.")'),
    new_code_cell('print(f"Confusion of {engine} on the crypto sentences naming a state (rows: gold label); "\n'
                  '      f"engines from the best validated: {\', \'.join(sentiment.engine_ranking())}")\n'
                  'analysis.show(sentiment.confusion_table(engine, "domain"), name="confusion",\n'
                  '              empty="No matrix is stored.")'),
    new_markdown_cell("## What must hold"),
    new_code_cell(
        'scored = ann.sentiment[ann.sentiment["engine"] == engine]\n'
        'in_english = ann.documents.loc[analysis.covered(ann.documents), "doc_id"]\n'
        'expected = ann.sentences[ann.sentences["doc_id"].isin(in_english)]\n'
        "assert len(scored) == len(expected), (\n"
        '    f"{engine} scored {len(scored)} sentences; the documents it covers hold {len(expected)}")\n'
        'assert scored["polarity"].between(-1, 1).all(), f"a {engine} polarity is outside [-1, 1]"\n'
        'assert set(scored["label"]) <= {"positive", "neutral", "negative"}, (\n'
        '    f"unknown labels: {set(scored[\'label\'])}")\n'
        'assert (by_country["n_sentences"] >= min_sentences).all(), "a country with too few sentences is shown"\n'
        'assert (by_country["ci_low"] <= by_country["polarity"]).all(), "a polarity lies below its interval"\n'
        'assert (by_country["polarity"] <= by_country["ci_high"]).all(), "a polarity lies above its interval"\n'
        'assert by_country["engines_agree"].str.match(r"^[1-9]\\d*/[1-9]\\d*$").all(), "engines_agree is not k/n"'
    ),
]
write_notebook("01_sentiment.ipynb", cells)
