"""Write notebooks/02_timeline.ipynb from its cell sources (then `make notebooks` executes it)."""

from nbformat.v4 import new_code_cell, new_markdown_cell

from notebook_builder import COLUMN_PARAMETERS, FINDINGS, LEFT_OUT, LOAD, findings_code, write_notebook

cells = [
    new_markdown_cell(
        "# Timeline\n\nEvents by the date they happened, not the date they were reported: sentences holding a "
        "calendar expression resolved against their own article's publication date (\"last month\", \"in "
        "December\", \"April 3\"), with the countries, actors and topics tagged in them. The same event told "
        "by several outlets appears once with all its sources; `lag_days` is the time from the event to its "
        "first report."
    ),
    new_code_cell(
        'sources: str = "../seeds"  # corpus folder or file, relative to notebooks/\n'
        "countries: list = []  # ISO alpha-3 codes to show; empty for all\n"
        "topics: list = []  # topic ids to show (e.g. strategic-reserve, ban-enforcement); empty for all\n"
        'start_date: str = ""  # ISO date: events ending before it are left out; "" for no bound\n'
        'end_date: str = ""  # ISO date: events starting after it are left out; "" for no bound\n'
        'granularity: str = "day"  # day or month: the period events are listed and drawn by\n'
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
        'pd.set_option("display.width", 220)\n'
        'validate_values({"sources": sources, "countries": countries, "topics": topics, "start_date": start_date,\n'
        '                 "end_date": end_date, "granularity": granularity})\n'
        + LOAD.format(extra=", sentiment=\"news\"") + "\n"
        "all_events = analysis.events(ann.documents, ann.sentences, ann.mentions, ann.timexes)\n"
        "events = analysis.select_events(all_events, countries=countries, topics=topics, start_date=start_date,\n"
        "                                end_date=end_date, granularity=granularity)\n"
        "colors = analysis.country_colors(ann)\n"
        'print(f"{ann.summary()}; timexes: {len(ann.timexes)}; events: {len(all_events)}, shown: {len(events)}")'
    ),
    new_markdown_cell(FINDINGS),
    new_code_cell(findings_code('"news"')),
    new_markdown_cell(LEFT_OUT),
    new_code_cell(
        "analysis.note_list(\n"
        "    analysis.coverage_notes(ann) + analysis.missing_countries(ann.mentions, countries)\n"
        '    + (["no dated events: no sentence holds a date that could be placed on the calendar"]\n'
        '       if all_events.empty else [])\n'
        '    + ([f"no dated events match the filters (of {len(all_events)})"] if all_events.size and events.empty '
        "else [])\n"
        ")"
    ),
    new_markdown_cell("## Swimlanes: one lane per country, events coloured by their first topic"),
    new_code_cell(
        'lanes = events[events["countries"].map(len) > 0]\n'
        'since, until = analysis.window(ann.documents)\n'
        '(analysis.swimlane(lanes, date_column="period_start", colors=colors, since=start_date or since,\n'
        '                   until=end_date or until) if len(lanes)\n'
        ' else analysis.Note("No dated events naming a country: nothing to draw."))'
    ),
    new_markdown_cell(
        "*Figure:* one dot per event (a sentence holding a date placed on the calendar and naming a country, "
        "actor or topic; the same event told by several outlets counts once) on the lane of each country it "
        "names, at the date it happened (by `granularity`), for the 20 countries with the most events and, unless"
        " `start_date` and `end_date` are set, from the year before the first article to the year after the last "
        "(the x-axis label says what is left out; the table below lists every event); the dot's colour is the "
        "event's first topic, the lane's colour its country (the same in every report of this run); the label is "
        "its first actor (or topic) and its TIMEX3 value."
    ),
    new_markdown_cell("## Events\n\nDate, granularity, countries, topics, the evidence sentence and its sources."),
    new_code_cell(
        'table = events[["period", "value", "granularity", "countries", "actors", "topics", "n_sources",\n'
        '                "lag_days", "surface", "sentence", "doc_ids"]]\n'
        'analysis.show(table, name="events", empty="No dated events.")'
    ),
    new_markdown_cell("## Temporal expressions that could not be placed\n\nNo publication date to resolve "
                      "against: kept with their reason, never guessed from today's date."),
    new_code_cell(
        'calendar = ann.timexes[ann.timexes["timex_type"].isin(["DATE", "TIME"])]\n'
        'unresolved = calendar[calendar["date_start"].isna()]\n'
        'analysis.show(unresolved[["doc_id", "surface", "timex_type", "value", "rule"]], name="unplaced",\n'
        '              empty="Every date expression was placed.")'
    ),
    new_markdown_cell("## What must hold"),
    new_code_cell(
        'assert events["event_date"].is_monotonic_increasing, "events are not in date order"\n'
        'assert (events["event_date"] <= events["date_end"]).all(), "an event ends before it starts"\n'
        'assert events["event_id"].is_unique, "two events share an event_id"\n'
        "if countries:\n"
        '    assert all(set(c) & set(countries) for c in events["countries"]), "an event names none of the countries"\n'
        "if start_date:\n"
        '    assert (events["date_end"] >= start_date).all(), f"an event ends before start_date {start_date}"\n'
        "if end_date:\n"
        '    assert (events["event_date"] <= end_date).all(), f"an event starts after end_date {end_date}"\n'
        'dated = ann.documents.set_index("doc_id")["published_date"].notna()\n'
        'in_dated = unresolved["doc_id"].map(dated).fillna(False).astype(bool)\n'
        "# in a dated article only vague references (now, recently, the future) stay unplaced\n"
        'vague = unresolved.loc[in_dated, "value"].astype(str)\n'
        'assert vague.str.endswith("_REF").all(), f"dated articles left dates unplaced: {sorted(set(vague))[:5]}"\n'
        'open_values = unresolved.loc[~in_dated, "value"].astype(str)\n'
        'assert open_values.str.contains("X|_REF").all(), (\n'
        '    f"undated articles have unplaced values that look placed: {sorted(set(open_values))[:5]}")'
    ),
]
write_notebook("02_timeline.ipynb", cells)
