"""The widgets explorer: filter the sentences of an annotated corpus by hand and read the articles.

``sc.explore(ann)`` shows filters (country, actor, organisation, topic, story, date range,
sentiment range, free text), the matching sentences with their mentions and timexes
highlighted, counts and a small trend chart; choosing a row shows its whole article with
every span highlighted and its metadata. Each change runs
:func:`statecraft.analysis.select.select` once (0.1-0.3 s on 1,500 articles, see
``bench/bench_explore.py``) and re-renders the HTML widgets; the explorer holds no state
beyond its widgets, so it can be built and driven without a browser. ipywidgets is imported
when an explorer is built, not when statecraft is imported.
"""

from __future__ import annotations

import datetime as dt
import html
import logging

import pandas as pd

from statecraft.analysis.select import Selection, select
from statecraft.analysis.trends import default_engine
from statecraft.corpus import Corpus
from statecraft.report import highlight

log = logging.getLogger(__name__)

_ENTITY_FILTERS = {"countries": "country", "actors": "actor", "organizations": "organization", "topics": "topic"}


class Explorer:
    """The explorer's widgets and the last selection (see :func:`explore`).

    Attributes:
        filters: Filter widgets by :func:`select` argument name (countries, actors,
            organizations, topics, stories, start, end, sentiment, text).
        counts, chart, table, article, message: HTML output widgets.
        rows: The row chooser (value: a row number of ``selection.sentences``).
        selection: The current :class:`~statecraft.analysis.select.Selection`.
        widget: The whole layout, displayed by Jupyter.
    """

    def __init__(self, ann: Corpus, *, engine: str | None = None, limit: int = 200) -> None:
        """Build the widgets from the corpus's ids and show every sentence."""
        import ipywidgets as widgets  # imported here so that `import statecraft` stays light

        self.ann, self.limit = ann, limit
        self.engine = engine or default_engine(ann.sentiment)
        self._spans = highlight.spans(ann.mentions, ann.timexes)
        self._docs = ann.documents.set_index("doc_id", drop=False)
        self.filters = self._filters()
        self.counts, self.chart, self.table = widgets.HTML(), widgets.HTML(), widgets.HTML()
        self.article, self.message = widgets.HTML(), widgets.HTML()
        self.rows = widgets.Select(options=[], rows=8, description="row", layout={"width": "100%"})
        for widget in self.filters.values():
            widget.observe(self._changed, names="value")
        self.rows.observe(self._chosen, names="value")
        self.selection: Selection | None = None
        left = widgets.VBox(list(self.filters.values()), layout={"width": "34%"})
        right = widgets.VBox([self.message, self.counts, self.chart], layout={"width": "66%"})
        self.widget = widgets.VBox([widgets.HBox([left, right]), self.table, self.rows, self.article])
        self.update()

    def _repr_mimebundle_(self, **kwargs):  # noqa: ANN202 - Jupyter display protocol
        return self.widget._repr_mimebundle_(**kwargs)

    def _filters(self) -> dict:
        import ipywidgets as widgets

        subject = self.ann.mentions[(self.ann.mentions["role"] == "subject").fillna(False)]
        out: dict = {}
        for name, entity_type in _ENTITY_FILTERS.items():
            ids = sorted(str(i) for i in subject.loc[subject["entity_type"] == entity_type, "entity_id"].unique())
            out[name] = widgets.SelectMultiple(options=ids, rows=4, description=name.replace("_", " "))
        story_sizes = self.ann.documents["story_id"].fillna(self.ann.documents["doc_id"]).value_counts()
        stories = [(f"{s} ({n})", s) for s, n in sorted(story_sizes.items())]
        out["stories"] = widgets.SelectMultiple(options=stories, rows=4, description="stories")
        out["start"] = widgets.DatePicker(description="from")
        out["end"] = widgets.DatePicker(description="to")
        out["sentiment"] = widgets.FloatRangeSlider(value=(-1.0, 1.0), min=-1.0, max=1.0, step=0.05,
                                                    description="sentiment", disabled=self.engine is None)
        out["text"] = widgets.Text(description="text", placeholder="words in the sentence",
                                   continuous_update=False)
        return out

    def arguments(self) -> dict:
        """Return the :func:`select` arguments the filter widgets state now."""
        values = {name: self.filters[name].value for name in self.filters}
        args: dict = {name: list(values[name]) or None for name in [*_ENTITY_FILTERS, "stories"]}
        for name in ("start", "end"):
            value = values[name]
            args[name] = value.isoformat() if isinstance(value, dt.date) else None
        lo, hi = values["sentiment"]
        args["sentiment"] = None if (lo, hi) == (-1.0, 1.0) else (float(lo), float(hi))
        args["text"] = values["text"].strip() or None
        args["engine"] = self.engine
        return args

    def update(self) -> None:
        """Run the selection for the current filters and re-render counts, chart, table and rows."""
        try:
            self.selection = select(self.ann, **self.arguments())
        except ValueError as err:
            self.message.value = f'<b style="color:#b00">{html.escape(str(err))}</b>'
            return
        self.message.value = ""
        found = self.selection.sentences
        counts = self.selection.counts
        self.counts.value = (f"<b>{counts['sentences']}</b> sentences in <b>{counts['articles']}</b> articles "
                             f"(<b>{counts['stories']}</b> stories); sentiment engine: "
                             f"{html.escape(str(self.engine))}")
        self.chart.value = highlight.trend_bars(self.selection.documents["article_date"])
        shown = found.head(self.limit)
        inside = self._spans.merge(shown[["doc_id", "sentence_id"]], on=["doc_id", "sentence_id"], how="inner",
                                   validate="m:1")
        self.table.value = highlight.sentence_table(found, inside, limit=self.limit)
        self.rows.options = [(f"{i}: {d} — {str(t)[:90]}", i)
                             for i, (d, t) in enumerate(zip(shown["doc_id"], shown["text"], strict=True))]
        self.rows.value = None
        self.article.value = ""

    def show(self, doc_id: str) -> None:
        """Show one article, every span highlighted, with its metadata."""
        document = self._docs.loc[doc_id].copy()
        dates = self.selection.documents.set_index("doc_id")["article_date"] if self.selection else pd.Series()
        document["article_date"] = dates.get(doc_id, pd.NA)
        found = self._spans[self._spans["doc_id"] == doc_id]
        self.article.value = highlight.article(document, found)

    def _changed(self, _change: dict) -> None:
        self.update()

    def _chosen(self, change: dict) -> None:
        if change["new"] is not None and self.selection is not None:
            self.show(str(self.selection.sentences.loc[change["new"], "doc_id"]))


def explore(ann: Corpus, *, engine: str | None = None, limit: int = 200) -> Explorer:
    """Build the interactive explorer for an annotated corpus (display it in JupyterLab).

    Args:
        ann: An annotated corpus.
        engine: Sentiment engine for the polarity column and the sentiment filter; None
            picks the best validated one scored.
        limit: Rows shown in the sentence table and the row chooser.

    Returns:
        An :class:`Explorer`; it displays as its widgets.
    """
    return Explorer(ann, engine=engine, limit=limit)
