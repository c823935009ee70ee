"""Formats, encodings and bad inputs: every input becomes documents or a quarantine row."""

from __future__ import annotations

import json

import pandas as pd
import pytest

import statecraft as sc
from statecraft.sources.records import SourceError

ARTICLE = "Pakistan and Binance signed an agreement on crypto regulation. The deal was announced on Friday."


def _load(path, **kwargs):
    corpus = sc.load_corpus(path, **kwargs)
    acc = corpus.account
    assert acc["inputs"] == acc["sources"] + acc["quarantined"], acc
    return corpus


def _reasons(corpus) -> list[tuple[str, str]]:
    return list(zip(corpus.quarantine["source_path"], corpus.quarantine["reason"], strict=True))


@pytest.mark.parametrize(
    ("name", "data", "encoding"),
    [
        ("plain.txt", ARTICLE.encode("utf-8"), "utf-8"),
        ("bom.txt", b"\xef\xbb\xbf" + ARTICLE.encode("utf-8"), "utf-8-sig"),
        ("utf16.txt", ARTICLE.encode("utf-16"), "utf-16"),
        ("utf16le-nobom.txt", ARTICLE.encode("utf-16-le"), "utf-16-le"),
        ("cp1252.txt", "Binance’s deal with Pakistan – signed.".encode("cp1252"), "cp1252"),
        ("latin1.txt", b"Caf\xe9 in Pakistan \x81 and Binance deal.", "latin-1"),
        ("notes.md", ("# Notes\n\n" + ARTICLE).encode(), "utf-8"),
    ],
)
def test_text_encodings_are_detected_and_recorded(tmp_path, name, data, encoding):
    (tmp_path / name).write_bytes(data)
    docs = _load(tmp_path).documents
    assert list(docs["encoding"]) == [encoding]
    assert "Pakistan" in docs["text"].iloc[0]


def test_cp1252_apostrophe_is_decoded(tmp_path):
    (tmp_path / "a.txt").write_bytes("Binance’s deal".encode("cp1252"))
    assert _load(tmp_path).documents["text"].iloc[0] == "Binance’s deal"


@pytest.mark.parametrize(
    ("name", "data", "reason"),
    [
        ("empty.txt", b"", "empty"),
        ("blank.txt", b"  \n\t\n ", "empty"),
        ("image.png", b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4, "binary"),
        ("doc.pdf", b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj", "binary"),
        ("archive.zip", b"PK\x03\x04" + b"\x00" * 100, "binary"),
        ("noise.txt", bytes(range(1, 9)) * 200, "binary"),
        ("mostly-nul.txt", b"abc" + b"\x00" * 100 + b"def" * 3, "binary"),
        ("broken.json", b'[{"text": "a"', "bad_json"),
        ("odd-utf16.txt", b"\xff\xfeP\x00a\x00k", "undecodable"),
        ("boiler.txt", b"Top\nView All\nLoading\n", "empty_after_cleaning"),
    ],
)
def test_unreadable_files_are_quarantined_with_a_reason(tmp_path, name, data, reason):
    (tmp_path / name).write_bytes(data)
    (tmp_path / "good.txt").write_text(ARTICLE, encoding="utf-8")
    corpus = _load(tmp_path)
    assert _reasons(corpus) == [(name, reason)]
    assert list(corpus.documents["source_path"]) == ["good.txt"]
    assert corpus.quarantine["detail"].str.len().min() > 5


def test_oversized_file_is_quarantined(tmp_path):
    (tmp_path / "big.txt").write_text(ARTICLE * 100, encoding="utf-8")
    corpus = _load(tmp_path, max_bytes=1000)
    assert _reasons(corpus) == [("big.txt", "too_large")]


def test_nul_bytes_inside_text_are_dropped(tmp_path):
    (tmp_path / "a.txt").write_bytes(b"Pakistan\x00 and Binance signed an agreement on regulation today.")
    text = _load(tmp_path).documents["text"].iloc[0]
    assert "\x00" not in text and text.startswith("Pakistan and Binance")


def test_missing_path_is_a_clear_error(tmp_path):
    with pytest.raises(FileNotFoundError, match="source path not found"):
        sc.load_corpus(tmp_path / "nope")


def test_folders_are_read_recursively_in_sorted_order(tmp_path):
    for rel in ["b/2.txt", "a/z.txt", "a/sub/1.txt", "c.txt", ".hidden/x.txt", "README.md"]:
        (tmp_path / rel).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / rel).write_text(ARTICLE, encoding="utf-8")
    docs = _load(tmp_path).documents
    assert list(docs["source_path"]) == ["a/sub/1.txt", "a/z.txt", "b/2.txt", "c.txt"]


def test_html_main_text_title_date_publisher(tmp_path):
    page = """<html><head><title>Ignored</title><meta property="og:site_name" content="CoinDesk">
    <meta property="article:published_time" content="2025-04-07T10:00:00Z">
    <meta property="og:title" content="Binance talks with Pakistan"></head><body>
    <nav>Home News Markets</nav><article><h1>Binance talks with Pakistan</h1>
    <p>Binance CEO Richard Teng said the exchange is working with several governments on reserves.</p>
    <script>document.write('SCRIPT-TEXT')</script><style>.x{color:red}</style>
    <p onclick="steal()">Kyrgyzstan signed a memorandum of understanding with the exchange in April.</p>
    <iframe src="https://evil.example">IFRAME-TEXT</iframe></article></body></html>"""
    (tmp_path / "page.html").write_text(page, encoding="utf-8")
    doc = _load(tmp_path).documents.iloc[0]
    assert doc["title"] == "Binance talks with Pakistan"
    assert doc["published_date"] == "2025-04-07" and doc["published_source"] == "metadata"
    assert doc["publisher"] == "CoinDesk"
    assert "Kyrgyzstan signed a memorandum" in doc["text"]
    for bad in ("SCRIPT-TEXT", "color:red", "IFRAME-TEXT", "steal()"):
        assert bad not in doc["text"]


def test_json_list_and_object_records(tmp_path):
    records = [
        {"title": "One", "content": ARTICLE, "url": "https://x.example/1", "date_publish": "2022-11-28 13:45:00"},
        {"title": "No text", "content": ""},
        {"title": "Wrong type", "content": 42},
        "not an object",
    ]
    (tmp_path / "list.json").write_text(json.dumps(records), encoding="utf-8")
    (tmp_path / "obj.json").write_text(json.dumps({"articles": [{"text": ARTICLE}]}), encoding="utf-8")
    corpus = _load(tmp_path)
    docs = corpus.documents
    assert list(docs["doc_id"]) == ["list.json#0", "obj.json#0"]
    first = docs.iloc[0]
    assert (first["title"], first["published_date"], first["url"]) == ("One", "2022-11-28", "https://x.example/1")
    assert list(corpus.quarantine["reason"]) == ["no_text", "bad_text_type", "bad_record"]
    assert list(corpus.quarantine["item"]) == [1, 2, 3]
    assert corpus.account["inputs"] == 5


def test_jsonl_broken_line_is_quarantined_with_its_number_while_good_lines_load(tmp_path):
    lines = [json.dumps({"text": ARTICLE, "published": "2025-05-29"}), "{broken", "",
             json.dumps({"text": "Malaysia studies a reserve. It said so on Monday."})]
    (tmp_path / "feed.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    corpus = _load(tmp_path)
    assert list(corpus.documents["doc_id"]) == ["feed.jsonl#1", "feed.jsonl#4"]
    q = corpus.quarantine.iloc[0]
    assert (q["reason"], q["item"]) == ("bad_json_line", 2)
    assert q["detail"].startswith("line 2:")


def test_csv_with_configurable_columns_ragged_rows_and_embedded_newlines(tmp_path):
    csv_text = ('headline,body,when,link\n"One","' + ARTICLE + '\nSecond line.",2025-01-02,https://a.example\n'
                'short,row\n"Two","Kyrgyzstan plans a reserve.",2025-13-01,\n')
    (tmp_path / "rows.csv").write_text(csv_text, encoding="utf-8")
    corpus = _load(tmp_path, fields={"text": "body", "title": "headline", "published": "when", "url": "link"})
    docs = corpus.documents
    assert list(docs["title"]) == ["One", "Two"]
    assert docs["text"].iloc[0].endswith("Second line.")
    assert docs["published_date"].iloc[0] == "2025-01-02"
    assert pd.isna(docs["published_date"].iloc[1]) and "bad_date:2025-13-01" in docs["flags"].iloc[1]
    assert list(corpus.quarantine["reason"]) == ["ragged_row"]


def test_csv_without_text_column_is_one_quarantine_row_and_the_rest_is_read(tmp_path):
    (tmp_path / "rows.csv").write_text("headline,when\nOne,2025-01-01\n", encoding="utf-8")
    (tmp_path / "b.txt").write_text(ARTICLE, encoding="utf-8")
    corpus = sc.load_corpus(tmp_path)
    assert list(corpus.documents["source_path"]) == ["b.txt"]
    row = corpus.quarantine.iloc[0]
    assert (row["source_path"], row["reason"]) == ("rows.csv", "no_text_column")
    assert "['headline', 'when']" in row["detail"] and "--text-column" in row["detail"]
    assert corpus.account["inputs"] == corpus.account["sources"] + corpus.account["quarantined"] == 2
    assert corpus.account["columns"]["rows.csv"]["ignored"] == ["headline", "when"]


@pytest.mark.parametrize(
    ("header", "date_key"),
    [("headline,body,pub_date,url", "pub_date"), ("Headline,Body,PublishedAt,Link", "PublishedAt"),
     ("TITLE,Full Text,Publication-Date,URL", "Publication-Date"), ("title,content,created_at,link", "created_at"),
     ("headline,text,publish_date,permalink", "publish_date")],
)
def test_csv_columns_match_synonyms_ignoring_case_and_separators(tmp_path, header, date_key):
    (tmp_path / "rows.csv").write_text(f"{header}\nOne,{ARTICLE},2025-01-02,https://a.example\n", encoding="utf-8")
    corpus = sc.load_corpus(tmp_path)
    doc = corpus.documents.iloc[0]
    assert (doc["title"], doc["published_date"], doc["url"]) == ("One", "2025-01-02", "https://a.example")
    assert corpus.account["columns"]["rows.csv"]["published"] == [date_key]


def test_named_columns_apply_where_they_exist_and_other_files_keep_the_automatic_mapping(tmp_path):
    (tmp_path / "a.csv").write_text(f"Head,Story_Text,When\nOne,{ARTICLE},2025-01-02\n", encoding="utf-8")
    lines = [{"text": ARTICLE, "title": "Two", "date": "2025-02-03"}, {"text": ARTICLE, "title": "Three"}]
    (tmp_path / "b.jsonl").write_text("\n".join(json.dumps(r) for r in lines) + "\n", encoding="utf-8")
    corpus = sc.load_corpus(tmp_path, text_column="story_text", title_column="HEAD", date_column="when")
    assert corpus.quarantine.empty
    docs = corpus.documents.set_index("doc_id")
    assert list(docs["title"]) == ["One", "Two", "Three"]
    assert docs.loc["a.csv#1", "published_date"] == "2025-01-02"
    assert docs.loc["b.jsonl#1", "published_date"] == "2025-02-03"
    columns = corpus.account["columns"]
    assert (columns["a.csv"]["text"], columns["a.csv"]["title"]) == (["Story_Text"], ["Head"])
    assert columns["b.jsonl"]["notes"] == []


def test_a_records_file_without_a_date_column_says_so(tmp_path, caplog):
    (tmp_path / "rows.csv").write_text(f"title,body,author\nOne,{ARTICLE},Ann\n", encoding="utf-8")
    with caplog.at_level("WARNING", logger="statecraft"):
        corpus = sc.load_corpus(tmp_path)
    entry = corpus.account["columns"]["rows.csv"]
    assert entry["ignored"] == ["author"] and entry["published"] == []
    assert "no date column" in entry["notes"][0]
    assert "rows.csv: no date column" in caplog.text


def test_unknown_field_name_is_a_clear_error(tmp_path):
    (tmp_path / "a.txt").write_text(ARTICLE, encoding="utf-8")
    with pytest.raises(ValueError, match="valid fields"):
        sc.load_corpus(tmp_path, fields={"body": "x"})


RSS = """<?xml version="1.0"?><rss version="2.0"><channel><title>Crypto Wire</title>
<item><title>Pakistan reserve</title><link>https://w.example/1</link>
<pubDate>Tue, 27 May 2025 10:00:00 GMT</pubDate>
<description>&lt;p&gt;Pakistan plans a Bitcoin reserve.&lt;/p&gt;
&lt;script&gt;alert(1)&lt;/script&gt;</description></item>
<item><title>Empty</title></item></channel></rss>"""

ATOM = """<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom"><title>Atom Wire</title>
<entry><title>Bhutan mining</title><link href="https://a.example/1"/><updated>2025-06-01T00:00:00Z</updated>
<content type="html">&lt;p&gt;Bhutan expands Bitcoin mining with hydropower.&lt;/p&gt;</content></entry></feed>"""


def test_rss_and_atom_entries(tmp_path):
    (tmp_path / "wire.rss").write_text(RSS, encoding="utf-8")
    (tmp_path / "atom.xml").write_text(ATOM, encoding="utf-8")
    corpus = _load(tmp_path)
    docs = corpus.documents.set_index("doc_id")
    assert docs.loc["wire.rss#0", "text"] == "Pakistan plans a Bitcoin reserve."
    assert docs.loc["wire.rss#0", "published_date"] == "2025-05-27"
    assert docs.loc["wire.rss#0", "publisher"] == "Crypto Wire"
    assert docs.loc["atom.xml#0", "title"] == "Bhutan mining"
    assert list(corpus.quarantine["reason"]) == ["no_text"]


@pytest.mark.parametrize(
    "doctype",
    [
        '<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;">]>',
        '<!DOCTYPE foo [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>',
    ],
    ids=["entity-bomb", "external-entity"],
)
def test_unsafe_feeds_are_refused(tmp_path, doctype):
    feed = f'<?xml version="1.0"?>{doctype}<rss><channel><item><description>&lol2;</description></item></channel></rss>'
    (tmp_path / "bad.rss").write_text(feed, encoding="utf-8")
    corpus = _load(tmp_path)
    assert _reasons(corpus) == [("bad.rss", "unsafe_xml")]


def test_from_records_keeps_text_exactly():
    text = "  Pakistan\u200b and Binance.\r\nPhoto by X on Unsplash  "
    corpus = sc.from_records([{"text": text, "published": "2025-05-29", "doc_id": "a1", "title": "T"}])
    doc = corpus.documents.iloc[0]
    assert doc["text"] == text and doc["doc_id"] == "a1"
    assert (doc["published_date"], doc["published_source"]) == ("2025-05-29", "metadata")


def test_from_records_accounts_for_bad_records():
    corpus = sc.from_records([{"text": "ok"}, {"title": "no text"}, {"text": None}, 7])
    assert list(corpus.documents["doc_id"]) == ["record-0"]
    assert list(corpus.quarantine["reason"]) == ["no_text", "no_text", "bad_record"]
    assert corpus.account["inputs"] == 4


def test_from_records_rejects_duplicate_ids():
    with pytest.raises(ValueError, match="duplicate doc_id"):
        sc.from_records([{"text": "a", "doc_id": "x"}, {"text": "b", "doc_id": "x"}])


def test_manifest_overrides_and_refuses_paths_outside(tmp_path):
    corpus_dir = tmp_path / "c"
    corpus_dir.mkdir()
    (corpus_dir / "a.txt").write_text(ARTICLE, encoding="utf-8")
    (corpus_dir / "manifest.csv").write_text("path,title,publisher,published\na.txt,Deal,Wire,2025-05-29\n",
                                             encoding="utf-8")
    doc = _load(corpus_dir).documents.iloc[0]
    assert (doc["title"], doc["publisher"], doc["published_date"], doc["published_source"]) == (
        "Deal", "Wire", "2025-05-29", "manifest")
    (corpus_dir / "manifest.csv").write_text("path,title\n../../etc/passwd,x\n", encoding="utf-8")
    with pytest.raises(SourceError, match="outside the corpus"):
        sc.load_corpus(corpus_dir)


def test_future_and_impossible_dates_are_flagged():
    records = [{"text": "a", "published": "2999-01-01"}, {"text": "b", "published": "February 30, 2025"}]
    corpus = sc.from_records(records)
    flags = list(corpus.documents["flags"])
    assert flags[0] == "future_date"
    assert flags[1].startswith("bad_date:") and pd.isna(corpus.documents["published_date"].iloc[1])
