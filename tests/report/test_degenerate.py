"""Every notebook on small and lopsided corpora, run as `statecraft report` runs them (papermill).

Each corpus is written by the test: one article naming one country (with a per-country run for a code it
never names), two dated articles, undated articles without any time expression, articles in German only,
and 500 articles. Every notebook must complete and say in words what it could not show.
"""

from __future__ import annotations

import json
from pathlib import Path

import nbformat
import pytest

from statecraft.report import run as report

PAK = ("Pakistan plans a strategic Bitcoin reserve, the finance minister said on Monday. "
       "Pakistan will present the plan to parliament next month.")
KGZ = ("Kyrgyzstan signed a memorandum with Binance on Friday. The president of Kyrgyzstan said the deal "
       "would help the economy.")
UNDATED = ("Pakistan is weighing rules for crypto exchanges. Officials in Pakistan want Binance to register "
           "with the regulator.")
GERMAN = ("Die Bundesregierung in Berlin prüft nach Angaben des Finanzministeriums eine strategische Reserve. "
          "Die Entscheidung soll im Sommer fallen, sagte ein Sprecher der Regierung am Montag in der Hauptstadt.")
COUNTRIES = ["Pakistan", "Kyrgyzstan", "El Salvador", "Bhutan", "China", "India", "Brazil", "Nigeria"]


def _jsonl(folder: Path, rows: list[dict]) -> Path:
    folder.mkdir(parents=True)
    (folder / "items.jsonl").write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    return folder


def _many(n: int) -> list[dict]:
    rows = []
    for i in range(n):
        country = COUNTRIES[i % len(COUNTRIES)]
        rows.append({"title": f"{country} and crypto, part {i}", "published": f"2025-{1 + i % 12:02d}-{1 + i % 28:02d}",
                     "text": f"{country} announced a crypto rule on Monday, number {i}. The central bank of {country} "
                             f"said last month that Binance must register. Story {i} ends here."})
    return rows


CORPORA = {
    "one-article": ([{"title": "Pakistan reserve", "published": "2025-05-26", "text": PAK}],
                    [], "PAK,FRA"),
    "two-articles": ([{"title": "Pakistan reserve", "published": "2025-05-26", "text": PAK},
                      {"title": "Kyrgyzstan deal", "published": "2025-05-02", "text": KGZ}], [], None),
    "undated-no-timex": ([{"title": "Rules", "text": UNDATED}, {"title": "More rules", "text": UNDATED + " Again."}],
                         ["without a publication date", "no dated events"], None),
    "german-only": ([{"title": "Reserve", "published": "2025-05-26", "text": GERMAN},
                     {"title": "Reserve 2", "published": "2025-05-27", "text": GERMAN + " Noch einmal."}],
                    ["2 articles in German not", "no country mentions", "no dated events"], None),
}


def _run(tmp_path: Path, rows: list[dict], per_country: str | None) -> Path:
    sources = _jsonl(tmp_path / "corpus", rows)
    return report.run_reports(sources=sources, out=tmp_path / "reports", per_country=per_country, jobs=4,
                              progress=False)


def _left_out(executed: Path) -> str:
    """The text a notebook printed under 'What this report leaves out'."""
    nb = nbformat.read(executed, as_version=4)
    errors = [o for c in nb.cells if c.cell_type == "code" for o in c.outputs if o.output_type == "error"]
    assert not errors, f"{executed.name}: {errors[0].get('ename')}: {errors[0].get('evalue')}"
    index = next(i for i, c in enumerate(nb.cells) if c.source.startswith("## What this report leaves out"))
    return "".join(o.get("data", {}).get("text/plain", "") for o in nb.cells[index + 1].outputs)


@pytest.mark.slow
@pytest.mark.parametrize("name", list(CORPORA))
def test_every_notebook_completes_and_says_what_it_left_out(tmp_path, name):
    rows, expected, per_country = CORPORA[name]
    run_dir = _run(tmp_path, rows, per_country)  # raises ReportError if a notebook failed
    executed = sorted(run_dir.glob("*.ipynb"))
    assert len(executed) == (5 + len(per_country.split(",")) if per_country else 6)
    texts = {nb.stem: _left_out(nb) for nb in executed}
    for phrase in expected:
        assert any(phrase in text for text in texts.values()), (phrase, texts)
    if name == "german-only":
        assert "2 articles in German not scored" in texts["01_sentiment"]
    if per_country:
        assert "no mentions of FRA in this corpus" in texts["03_country_comparison-FRA"]
        assert "no mentions of" not in texts["03_country_comparison-PAK"]
    if name == "undated-no-timex":
        assert "no dated events" in texts["02_timeline"]
    assert (run_dir / "index.html").is_file()


@pytest.mark.slow
def test_500_articles(tmp_path):
    run_dir = _run(tmp_path, _many(500), None)
    texts = {nb.stem: _left_out(nb) for nb in sorted(run_dir.glob("*.ipynb"))}
    assert set(texts) == {"00_corpus_overview", "01_sentiment", "02_timeline", "03_country_comparison", "04_trends",
                         "05_explore"}
    assert "Nothing left out." in texts["00_corpus_overview"]
