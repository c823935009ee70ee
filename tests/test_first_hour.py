"""A newcomer's first hour: a mixed folder of their own, `statecraft report --sources` on it, every report.

The corpus is written here: HTML with a script and an onerror attribute, an RSS feed, a CSV with unusual
column names (its text column named on the command line), JSONL with one broken line and
unusual date keys, latin-1 text, a German article, an empty file and a binary file named .html.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import nbformat
import pandas as pd
import pytest

import statecraft as sc
from statecraft import cli

HTML = """<html><head><title>Pakistan plans a Bitcoin reserve</title><meta name="date" content="2025-05-28">
<script>alert("corpus-script")</script></head><body><article><h1>Pakistan plans a Bitcoin reserve</h1>
<p onclick="steal()">Pakistan said on Wednesday it will set up a strategic Bitcoin reserve, the finance minister
told reporters in Islamabad.</p><img src="x.png" onerror="alert('corpus-onerror')">
<p>The Pakistan Crypto Council met Binance founder Changpeng Zhao last month.</p></article></body></html>"""
RSS = """<?xml version="1.0"?><rss version="2.0"><channel><title>Crypto Wire</title>
<item><title>Kyrgyzstan signs deal with Binance</title><link>https://wire.example/1</link>
<pubDate>Fri, 02 May 2025 10:00:00 GMT</pubDate><description>Kyrgyzstan signed a memorandum with Binance on
Friday. The president said the deal would help the economy.</description></item>
<item><title>El Salvador buys more Bitcoin</title><link>https://wire.example/2</link>
<pubDate>Mon, 05 May 2025 10:00:00 GMT</pubDate><description>El Salvador bought more Bitcoin on Monday.
The purchase was announced by the president.</description></item></channel></rss>"""
CSV = ("Headline,Story Text,PublishedAt,Link\n"
       "China bans mining again,China banned crypto mining in a notice on Tuesday. The rule takes effect next "
       "month.,2025-04-01,https://x.example/3\n"
       "India weighs crypto tax,\"India is weighing a new crypto tax, the finance ministry said on Friday.\","
       "15 March 2025,https://x.example/4\n")
JSONL = [{"text": "Bhutan sold some Bitcoin mined with hydropower, the kingdom said last week.",
          "title": "Bhutan sells Bitcoin", "Publication-Date": "2025-02-10"},
         {"text": "The United States Senate will debate a strategic Bitcoin reserve bill in June.",
          "title": "US reserve bill", "created_at": "2025-01-20"}]
LATIN1 = ("Café owners in France accept Bitcoin\n\nFrench café owners in Paris said on Monday that they now "
          "accept Bitcoin from tourists. The Banque de France warned about the risks.\n")
GERMAN = ("Deutschland prüft eine Bitcoin-Reserve\n\nDie Bundesregierung in Berlin prüft nach Angaben des "
          "Finanzministeriums eine strategische Reserve. Die Entscheidung soll im Sommer fallen, sagte ein "
          "Sprecher am Montag.\n")


def _mixed(folder: Path) -> Path:
    folder.mkdir()
    (folder / "page.html").write_text(HTML, encoding="utf-8")
    (folder / "wire.rss").write_text(RSS, encoding="utf-8")
    (folder / "rows.csv").write_text(CSV, encoding="utf-8")
    lines = [json.dumps(JSONL[0]), '{"text": "a broken line', json.dumps(JSONL[1])]
    (folder / "items.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    (folder / "cafe.txt").write_bytes(LATIN1.encode("latin-1"))
    (folder / "german.txt").write_text(GERMAN, encoding="utf-8")
    (folder / "empty.txt").write_text("", encoding="utf-8")
    (folder / "picture.html").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 8)
    return folder


@pytest.mark.slow
def test_a_mixed_folder_gets_every_report(tmp_path, capsys):
    corpus = _mixed(tmp_path / "my corpus")
    out = tmp_path / "reports"
    code = cli.main(["report", "--sources", str(corpus), "--out", str(out), "--run", "mine", "--jobs", "4",
                     "--text-column", "Story Text"])
    printed = capsys.readouterr()
    assert code == 0, printed.err
    assert "corpus: inputs: 12, documents: 9, quarantined: 3 (bad_json_line: 1, binary: 1, empty: 1)" in printed.out
    run = out / "mine"
    executed = sorted(run.glob("*.ipynb"))
    assert [p.stem for p in executed] == ["00_corpus_overview", "01_sentiment", "02_timeline",
                                          "03_country_comparison", "04_trends", "05_explore"]
    overview = (run / "00_corpus_overview.html").read_text(encoding="utf-8")
    assert '<a href="00_corpus_overview.documents.csv">' in overview  # each table beside its report, linked
    assert len(pd.read_csv(run / "00_corpus_overview.documents.csv")) == 9
    for path in executed:
        nb = nbformat.read(path, as_version=4)
        assert not [o for c in nb.cells if c.cell_type == "code" for o in c.outputs if o.output_type == "error"]
    sentiment = (run / "01_sentiment.html").read_text(encoding="utf-8")
    assert "1 article in German not scored" in sentiment

    loaded = sc.load_corpus(corpus, text_column="Story Text")
    account = loaded.account
    assert account["inputs"] == account["sources"] + account["quarantined"] == 12
    assert account["by_reason"] == {"bad_json_line": 1, "binary": 1, "empty": 1}
    assert f"inputs: 12, documents: {account['documents']}, quarantined: 3" in (run / "index.html").read_text(
        encoding="utf-8")
    dates = loaded.documents.set_index("doc_id")["published_date"]
    assert (dates["rows.csv#1"], dates["rows.csv#2"]) == ("2025-04-01", "2025-03-15")
    assert (dates["items.jsonl#1"], dates["items.jsonl#3"]) == ("2025-02-10", "2025-01-20")
    assert account["columns"]["rows.csv"]["text"] == ["Story Text"]
    assert account["columns"]["rows.csv"]["published"] == ["PublishedAt"]

    for page in [*run.glob("*.html"), out / "index.html"]:
        text = page.read_text(encoding="utf-8")
        assert not re.search(r"<script[^>]*>[^<]*corpus-script", text), page.name
        assert "corpus-onerror" not in text and "onerror=" not in text, page.name
