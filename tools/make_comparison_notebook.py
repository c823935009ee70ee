"""Write notebooks/03_country_comparison.ipynb from its cell sources (run once; then `make notebooks`)."""

from nbformat.v4 import new_code_cell, new_markdown_cell

from notebook_builder import COLUMN_PARAMETERS, FINDINGS, LEFT_OUT, LOAD, findings_code, write_notebook

cells = [
    new_markdown_cell(
        "# Country comparison\n\n"
        "How often each state appears in the news (per article and per story: rewrites of one story "
        "across outlets count once as a story), what it appears with (topics, actors), when "
        "(publication and event dates), in what tone (targeted sentiment with an interval) and which "
        "way it leans: *engaging* (strategic reserve, tokenization, advisory, adoption) or "
        "*restricting* (bans and enforcement), each reading with its evidence sentences.\n\n"
        "A country counts in a sentence only as a subject mention: a country word inside an "
        "organisation name, a venue or a currency does not count."
    ),
    new_code_cell(
        'sources: str = "../seeds"  # corpus folder or file, relative to notebooks/\n'
        'countries: list = []  # alpha-3 codes to compare, e.g. ["PAK", "KGZ"]; empty for every country\n'
        'start_date: str = ""  # first article date kept, YYYY-MM-DD; "" for no lower bound\n'
        'end_date: str = ""  # last article date kept, YYYY-MM-DD; "" for no upper bound\n'
        "min_mentions: int = 1  # keep countries with at least this many mentions\n"
        "top_n: int = 15  # countries shown, most articles first; 0 shows all\n"
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
        'pd.set_option("display.max_colwidth", 90)\n'
        'pd.set_option("display.width", 200)\n'
        'pd.set_option("display.max_rows", 80)\n'
        'pd.set_option("display.html.use_mathjax", False)  # "$300 million" is money, not maths\n'
        'validate_values({"sources": sources, "countries": countries, "start_date": start_date, "end_date": end_date,\n'
        '                 "min_mentions": min_mentions, "top_n": top_n, "engine": engine})\n'
        + LOAD.format(extra=", sentiment=engine") + "\n"
        "cmp = analysis.compare_countries(\n"
        "    ann, countries=countries, start_date=start_date, end_date=end_date,\n"
        "    min_mentions=min_mentions, top_n=top_n, engine=engine,\n"
        ")\n"
        "colors = analysis.country_colors(ann)\n"
        "print(ann.summary())\n"
        'print(f"{ann.documents[\'story_id\'].nunique()} stories; {len(cmp.summary)} countries compared")'
    ),
    new_markdown_cell(FINDINGS),
    new_code_cell(findings_code()),
    new_markdown_cell(LEFT_OUT),
    new_code_cell(
        "analysis.note_list(\n"
        "    analysis.coverage_notes(ann, scored=True) + analysis.missing_countries(ann.mentions, countries)\n"
        '    + ([f"no country has {min_mentions} or more mentions in the articles selected"] if cmp.summary.empty '
        "else [])\n"
        ")"
    ),
    new_markdown_cell(
        "## Stories\n\nArticles whose leads (title and first 100 words) are close in TF-IDF cosine are one "
        "story (see `statecraft.stories`); the largest stories first."
    ),
    new_code_cell('analysis.show(analysis.story_table(ann.documents).drop(columns=["doc_ids"]), name="stories",\n'
                  '              max_rows=10, empty="No articles.")'),
    new_markdown_cell(
        "## Countries\n\nArticles, stories, sentences and mentions; share of voice (of all country mentions) "
        "and shares of articles and stories; first and last publication date; first and last event date "
        "(TIMEX3 values of the dated expressions in the country's sentences); the actors seen most with it; "
        "its stance and mean sentiment."
    ),
    new_code_cell(
        'nothing = "No country to compare: see what this report leaves out, above."\n'
        'analysis.show(cmp.summary[["country", "name", "n_articles", "n_stories", "n_sentences", "n_mentions",\n'
        '                           "share_of_voice", "article_share", "story_share"]], name="countries",\n'
        '              empty=nothing)'
    ),
    new_code_cell(
        'analysis.show(cmp.summary[["country", "first_published", "last_published", "first_event", "last_event",\n'
        '                           "stance", "polarity", "actors"]], name="dates",\n'
        '              empty=nothing)'
    ),
    new_code_cell("analysis.share_of_voice_bars(cmp.summary, colors=colors) if len(cmp.summary) "
                  "else analysis.Note(nothing)"),
    new_markdown_cell(
        "*Figure:* per country, three bars in its colour: its share of all country mentions (subject role), of "
        "the articles and of the stories naming some country; shares of articles and stories can sum past 1, "
        "since an article can name several countries."
    ),
    new_markdown_cell("## Topic profile\n\nShare of each country's sentences that mention each topic."),
    new_code_cell(
        'no_topics = "No topic is named in a sentence with a compared country."\n'
        '(analysis.topic_heatmap(cmp.topics, countries=list(cmp.summary["country"]), colors=colors)\n'
        ' if len(cmp.topics)'
        " else analysis.Note(no_topics))"
    ),
    new_markdown_cell(
        "*Figure:* for each compared country (row, in its colour) and topic (column), the share of the sentences "
        "naming the country as subject that also name the topic."
    ),
    new_code_cell(
        'profile = cmp.topics.pivot(index="country", columns="topic", values="share").fillna(0).round(3)\n'
        'analysis.show(profile.rename_axis(columns=None).reset_index(), name="topic_profile", empty=no_topics)'
    ),
    new_markdown_cell(
        "## Actors\n\nActors and organisations named in the same articles as each country (five per country); "
        "`n_sentences` counts sentences naming both."
    ),
    new_code_cell('analysis.show(cmp.actors.groupby("country").head(5), name="actors",\n'
                  '              empty="No actor is named with a compared country.")'),
    new_markdown_cell(
        "## Stance\n\nEach evidence sentence (the country and a stance topic in one sentence) leans the way most "
        "of its stance-topic mentions point; `score = (engaging - restricting) / evidence` over sentences; "
        "|score| >= 0.2 reads as a lean, else mixed."
    ),
    new_code_cell('analysis.show(cmp.stance, name="stance", empty=nothing)'),
    new_markdown_cell("Evidence sentences, the first five per country (all of them are in `cmp.evidence`)."),
    new_code_cell(
        'evidence = cmp.evidence.groupby("country").head(5)\n'
        'analysis.show(evidence.assign(text=evidence["text"].str.slice(0, 160)).drop(columns=["story_id"]),\n'
        '              name="evidence", empty="No sentence names a compared country with a stance topic.")'
    ),
    new_markdown_cell(
        "## Targeted sentiment\n\nMean polarity of the sentences naming each country, with a 95% bootstrap "
        "interval over sentences and the number of sentences, articles and stories behind it."
    ),
    new_code_cell('analysis.show(cmp.sentiment, name="sentiment",\n'
                  '              empty="No scored sentence names a compared country.")'),
    new_code_cell(
        "(analysis.sentiment_dots(cmp.sentiment, stance=cmp.stance, colors=colors) if len(cmp.sentiment)\n"
        ' else analysis.Note("No scored sentence names a compared country."))'
    ),
    new_markdown_cell(
        "*Figure:* per country, the mean polarity of the scored sentences naming it as subject (dot) with its 95% "
        "bootstrap interval (bar) and the number of sentences; the dot's colour is its stance (green engaging, red "
        "restricting, grey mixed or none), the label's colour its country."
    ),
    new_markdown_cell("## What must hold"),
    new_code_cell(
        'assert cmp.summary["country"].is_unique, "a country appears twice in the summary"\n'
        'assert (cmp.summary["n_stories"] <= cmp.summary["n_articles"]).all(), "more stories than articles"\n'
        'assert (cmp.summary["n_mentions"] >= min_mentions).all(), (\n'
        '    f"a country with fewer than {min_mentions} mentions is shown")\n'
        'assert set(cmp.stance["country"]) == set(cmp.summary["country"]), "stance and summary list other countries"\n'
        'assert set(cmp.topics["country"]) <= set(cmp.summary["country"]), "a topic row for a country not compared"\n'
        'assert cmp.evidence["text"].notna().all(), "an evidence sentence has no text"\n'
        'assert not countries or set(cmp.summary["country"]) <= {c.upper() for c in countries}, (\n'
        '    f"countries shown that were not asked for: {sorted(set(cmp.summary[\'country\']))}")\n'
        'assert ((cmp.sentiment["ci_low"] <= cmp.sentiment["polarity"])\n'
        '        & (cmp.sentiment["polarity"] <= cmp.sentiment["ci_high"])).all(), (\n'
        '    "a polarity lies outside its interval")'
    ),
]
write_notebook("03_country_comparison.ipynb", cells)
