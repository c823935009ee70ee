"""Reports are safe (issue 7): hostile article text is escaped in every HTML page; bad parameters fail early."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from statecraft.report import run as report
from statecraft.report.run import check_parameters

SCRIPT = "<script>alert(1)</script>"
IMG = "<img src=x onerror=alert(1)>"
SVG = '"><svg onload=alert(2)>'
HOSTILE = (SCRIPT, IMG, SVG, "onerror=alert(1)>", "<svg onload")
ESCAPED = "&lt;script&gt;alert(1)&lt;/script&gt;"
NOTEBOOKS = report.notebook_paths()
OVERVIEW = [nb for nb in NOTEBOOKS if nb.name.startswith("00_")]


@pytest.fixture(scope="module")
def hostile_sources(tmp_path_factory) -> Path:
    src = tmp_path_factory.mktemp("hostile") / "src"
    src.mkdir()
    (src / "hostile.txt").write_text(
        f"{SCRIPT} Pakistan Signs Crypto Deal {IMG}\n\n"
        f"Pakistan and Binance signed an agreement on crypto regulation on Friday. {SCRIPT} was in the page.\n"
        f"Kyrgyzstan said the exchange would comply {IMG} with its rules.", encoding="utf-8")
    (src / f"{IMG}.txt").write_text("Binance met officials in Islamabad last month about a Bitcoin reserve.",
                                    encoding="utf-8")
    (src / "records.json").write_text(json.dumps([{
        "title": f"{IMG} Binance and El Salvador", "publisher": SCRIPT, "url": f"javascript:alert(1)//{SVG}",
        "published": "2025-05-29", "text": f"El Salvador and Binance discussed stablecoins. {SCRIPT} {IMG} {SVG}"}]),
        encoding="utf-8")
    (src / f"{SVG}.png").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(64))  # quarantined under a hostile name
    return src


def _pages(folder: Path) -> dict[str, str]:
    return {str(p.relative_to(folder)): p.read_text(encoding="utf-8") for p in sorted(folder.rglob("*.html"))}


def _run(sources: Path, out: Path, notebooks: list[Path]) -> dict[str, str]:
    try:
        report.run_reports(sources=sources, out=out, notebooks=notebooks, progress=False, run="hostile")
    except report.ReportError as err:  # a failed notebook still writes its HTML; the failure is reported
        pytest.fail(f"a notebook failed on the hostile corpus: {err}")
    pages = _pages(out)
    assert pages, "no HTML written"
    return pages


@pytest.mark.slow
def test_hostile_text_is_escaped_in_the_overview_report(hostile_sources, tmp_path):
    pages = _run(hostile_sources, tmp_path / "reports", OVERVIEW)
    assert {"index.html", "hostile/index.html", "hostile/00_corpus_overview.html"} <= set(pages)
    for name, page in pages.items():
        for raw in HOSTILE:
            assert raw not in page, f"{raw!r} reaches {name} unescaped"
    overview = pages["hostile/00_corpus_overview.html"]
    assert ESCAPED in overview
    assert "&lt;img src=x onerror=alert(1)&gt;" in overview


@pytest.mark.slow
@pytest.mark.parametrize("notebook", [nb for nb in NOTEBOOKS if nb not in OVERVIEW], ids=lambda nb: nb.stem)
def test_hostile_text_is_escaped_in_every_other_report(hostile_sources, tmp_path, notebook):
    for name, page in _run(hostile_sources, tmp_path / "reports", [notebook]).items():
        for raw in HOSTILE:
            assert raw not in page, f"{raw!r} reaches {name} unescaped"


# --- parameters are validated before any work starts -------------------------------------------------------

@pytest.mark.parametrize(
    ("params", "match"),
    [
        ({"nope": 1}, r"unknown parameter.*valid parameters: .*countries"),
        ({"engine": "texblob"}, r"unknown sentiment engine 'texblob'; valid engines: textblob, vader"),
        ({"start_date": "May 1"}, r"start_date: 'May 1' is not an ISO date \(YYYY-MM-DD\)"),
        ({"end_date": "2025/05/01"}, r"end_date: .* is not an ISO date \(YYYY-MM-DD\)"),
        ({"countries": ["PAK", "pk"]}, r"countries: \['pk'\] are not ISO 3166-1 alpha-3 codes"),
        ({"countries": [1, 2]}, r"countries: .*not ISO 3166-1 alpha-3"),
        ({"countries": '["PAK", 3]'}, r"countries: .*not ISO 3166-1 alpha-3"),
        ({"min_mentions": True}, r"min_mentions: expected int"),
        ({"min_mentions": "many"}, r"min_mentions: 'many' is not a valid int"),
        ({"start_date": "2025-13-01"}, r"start_date: '2025-13-01'"),
        ({"start_date": "2025-02-30"}, r"start_date: '2025-02-30'"),
        ({"start_date": "2025-06-01", "end_date": "2025-01-01"}, r"end_date .* before start_date"),
        ({"countries": ["PAK", "XYZ"]}, r"XYZ"),
        ({"actors": [1]}, r"actors"),
        ({"min_sentences": "-1"}, r"min_sentences"),
    ],
    ids=["unknown-name", "engine", "date-words", "date-slashes", "country-case", "country-ints", "country-json",
         "bool-for-int", "word-for-int", "month-13", "february-30", "end-before-start", "unknown-country",
         "actor-not-a-slug", "negative-count"],
)
def test_bad_parameters_are_refused_naming_the_valid_values(params, match):
    with pytest.raises(ValueError, match=match):
        check_parameters(params, NOTEBOOKS)


def test_bad_parameters_stop_a_run_before_any_work(hostile_sources, tmp_path):
    out = tmp_path / "reports"
    with pytest.raises(ValueError, match="valid engines"):
        report.run_reports(sources=hostile_sources, out=out, params={"engine": "nope"}, progress=False)
    with pytest.raises(ValueError, match="alpha-3"):
        report.run_reports(sources=hostile_sources, out=out, per_country="PAK,pakistan", progress=False)
    assert not out.exists()
