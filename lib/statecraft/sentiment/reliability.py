"""How far to trust an engine's labels: its stored cross-dataset and domain-set figures.

``bench/eval_sentiment.py --cross --write-reliability`` measures every engine on news it
was not trained on and stores two tables in ``data/sentiment/``:

* ``reliability.csv``: engine, test, train, n, accuracy, macro_f1, f1_negative,
  f1_neutral, f1_positive; one row per engine and test. Tests (:data:`TESTS`):
  ``sentfin->finentity`` and ``finentity->sentfin`` (trained on one labelled source,
  scored on the other; the lexicon engines need no training) and ``domain`` (crypto-news
  sentences naming a state, labelled by the project; a test set only);
* ``confusion.csv``: engine, test, gold, predicted, n; the confusion matrices of the
  best engine.

The ranking (:func:`engine_ranking`) orders engines by the mean macro-F1 over the tests
they were measured on (cross-dataset and domain alike: the domain set is the product's own
news). These functions only read those files; they never score anything.
"""

from __future__ import annotations

import functools
import logging
from pathlib import Path

import pandas as pd

from statecraft import resources

log = logging.getLogger(__name__)

RELIABILITY_PATH = resources.data_dir() / "sentiment" / "reliability.csv"
CONFUSION_PATH = resources.data_dir() / "sentiment" / "confusion.csv"
TESTS: tuple[str, ...] = ("sentfin->finentity", "finentity->sentfin", "domain")
TEST_NAMES: dict[str, str] = {
    "sentfin->finentity": "FinEntity news sentences, model trained on SEntFiN headlines",
    "finentity->sentfin": "SEntFiN headlines, model trained on FinEntity sentences",
    "domain": "crypto-news sentences naming a state (project-labelled test set)",
}
LABELS: tuple[str, ...] = ("negative", "neutral", "positive")
DIGITS = 3
_COLUMNS = ["engine", "test", "train", "n", "accuracy", "macro_f1", "f1_negative", "f1_neutral", "f1_positive"]


@functools.lru_cache(maxsize=4)
def _read(path: str, columns: tuple[str, ...]) -> pd.DataFrame:
    table = pd.read_csv(path, keep_default_na=False)
    missing = sorted(set(columns) - set(table.columns))
    if missing:
        raise ValueError(f"{path}: missing column(s) {missing}; rebuild with bench/eval_sentiment.py --cross "
                         "--write-reliability")  # fmt: skip
    bad = sorted(set(table["test"]) - set(TESTS))
    if bad:
        raise ValueError(f"{path}: unknown test(s) {bad}; valid tests: {', '.join(TESTS)}")
    return table[list(columns)]


def read_reliability(path: Path | str = RELIABILITY_PATH) -> pd.DataFrame:
    """Read the stored figures, one row per engine and test.

    Args:
        path: ``reliability.csv``.

    Returns:
        Columns engine, test, train, n, accuracy, macro_f1, f1_negative, f1_neutral,
        f1_positive; sorted by engine and test order.

    Raises:
        ValueError: If a column is missing or a test is unknown.
    """
    table = _read(str(path), tuple(_COLUMNS)).copy()
    table["_order"] = table["test"].map(TESTS.index)
    table = table.sort_values(["engine", "_order"], kind="mergesort").drop(columns="_order")
    return table.reset_index(drop=True)


def read_confusion(path: Path | str = CONFUSION_PATH) -> pd.DataFrame:
    """Read the stored confusion matrices (engine, test, gold, predicted, n).

    Args:
        path: ``confusion.csv``.

    Returns:
        The long table as stored.

    Raises:
        ValueError: If a column is missing or a test is unknown.
    """
    return _read(str(path), ("engine", "test", "gold", "predicted", "n")).copy()


def engine_ranking(table: pd.DataFrame | None = None) -> tuple[str, ...]:
    """Order engines from the most to the least reliable on this product's news.

    The crypto-news sentences naming a state (test ``domain``) are the news the country and
    actor tables score, so they rank first; the mean macro-F1 over every test breaks ties
    and ranks engines without a domain figure.

    Args:
        table: From :func:`read_reliability`; None reads the stored one.

    Returns:
        Engine names; remaining ties broken by name.
    """
    table = read_reliability() if table is None else table
    means = table.groupby("engine")["macro_f1"].mean().round(4)
    domain = table[table["test"] == "domain"].set_index("engine")["macro_f1"].round(4)
    order = sorted(means.items(), key=lambda item: (-domain.get(item[0], -1.0), -item[1], item[0]))
    return tuple(str(engine) for engine, _ in order)


def reliability_table(table: pd.DataFrame | None = None) -> pd.DataFrame:
    """Tabulate macro-F1 per engine (rows, best first) and test (columns), with their mean.

    Args:
        table: From :func:`read_reliability`; None reads the stored one.

    Returns:
        Columns engine, one per test in :data:`TESTS` (macro-F1, 3 decimals), mean.
    """
    table = read_reliability() if table is None else table
    wide = table.pivot_table(index="engine", columns="test", values="macro_f1", aggfunc="first")
    wide = wide.reindex(columns=[t for t in TESTS if t in set(table["test"])])
    wide["mean"] = wide.mean(axis=1)
    wide = wide.loc[list(engine_ranking(table))].round(DIGITS).reset_index()
    wide.columns.name = None
    return wide


def confusion_table(engine: str, test: str, confusion: pd.DataFrame | None = None) -> pd.DataFrame:
    """Return one stored confusion matrix: gold labels (rows) x predicted labels (columns).

    Args:
        engine: An engine whose matrices are stored (the best one).
        test: One of :data:`TESTS`.
        confusion: From :func:`read_confusion`; None reads the stored one.

    Returns:
        Column ``gold``, then one count column per predicted label; rows and columns in
        :data:`LABELS` order.

    Raises:
        ValueError: If no matrix is stored for ``engine`` and ``test``.
    """
    confusion = read_confusion() if confusion is None else confusion
    part = confusion[(confusion["engine"] == engine) & (confusion["test"] == test)]
    if part.empty:
        held = sorted(set(zip(confusion["engine"], confusion["test"], strict=True)))
        raise ValueError(f"no confusion matrix for engine {engine!r}, test {test!r}; stored: {held}")
    matrix = part.pivot_table(index="gold", columns="predicted", values="n", aggfunc="sum")
    matrix = matrix.reindex(index=list(LABELS), columns=list(LABELS), fill_value=0).astype("int64")
    matrix.columns.name = None
    return matrix.rename_axis("gold").reset_index()


ENGINE_NOTES = {
    "news": "news decides the sentences that name a state (those the country and actor tables are made of) with "
    "its encoder model, a fine-tuned sentence encoder, and the other sentences with its static model, about 18 "
    "times faster; the figures above are for the two together (data/sentiment/README.md).",
}
"""What an engine is, said after its figures when the reader needs it to read them."""


def reliability_notes(engine: str, table: pd.DataFrame | None = None) -> list[str]:
    """Say in a few sentences how reliable ``engine``'s labels were on news it never saw.

    Args:
        engine: An engine of the stored table.
        table: From :func:`read_reliability`; None reads the stored one.

    Returns:
        One sentence per test, then how the engine ranks, then :data:`ENGINE_NOTES` for it, if any.

    Raises:
        ValueError: If ``engine`` has no stored figures.
    """
    table = read_reliability() if table is None else table
    rows = table[table["engine"] == engine]
    if rows.empty:
        raise ValueError(f"no stored figures for engine {engine!r}; engines: {', '.join(sorted(set(table['engine'])))}")
    notes = []
    for row in rows.itertuples(index=False):
        name = TEST_NAMES[row.test]
        if str(row.train) == "-":  # a lexicon: nothing was trained
            name = name.split(", model trained")[0] + " (a lexicon: trained on neither)"
        notes.append(
            f"{name} (n={row.n}): macro-F1 {row.macro_f1:.2f} (F1 negative {row.f1_negative:.2f}, "
            f"neutral {row.f1_neutral:.2f}, positive {row.f1_positive:.2f}); "
            f"{row.accuracy:.0%} of labels right."
        )
    ranking = engine_ranking(table)
    notes.append(f"{engine} ranks {ranking.index(engine) + 1} of {len(ranking)} engines by macro-F1 on the crypto "
                 f"sentences naming a state, then by the mean over the tests ({', '.join(ranking)}).")  # fmt: skip
    if engine in ENGINE_NOTES:
        notes.append(ENGINE_NOTES[engine])
    return notes
