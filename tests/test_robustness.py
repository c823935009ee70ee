"""Bad-input matrix (issue 7): every bad input ends as a clear error or a quarantine row.

Each case puts one bad input beside a good article and checks that the good article
still loads, that the account balances (every input is documents or one quarantine row)
and how the bad one was handled. Cases already covered in test_sources.py (empty file,
PNG/PDF/ZIP, NUL bytes, broken JSON, unsafe feeds, manifest ``../``) are not repeated.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import pandas as pd
import pytest

import statecraft as sc
from statecraft import cli
from statecraft.cleaning import datelines
from statecraft.cleaning import sentences as segment
from statecraft.sources import readers
from statecraft.sources.records import SourceError
from statecraft.timexes import extractor as timexes

GOOD = "Pakistan and Binance signed an agreement on crypto regulation. The deal was announced on Friday."
SCRIPT = "<script>alert(1)</script>"
IMG = "<img src=x onerror=alert(1)>"


def _load(path: Path, **kwargs) -> sc.Corpus:
    corpus = sc.load_corpus(path, **kwargs)
    acc = corpus.account
    assert acc["inputs"] == acc["sources"] + acc["quarantined"], acc
    return corpus


def _with_good(folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "good.txt").write_text(GOOD, encoding="utf-8")
    return folder


def _outcome(corpus: sc.Corpus, name: str) -> list[tuple]:
    """How input ``name`` was handled: its quarantine reasons, else its documents' encodings."""
    q = corpus.quarantine[corpus.quarantine["source_path"] == name]
    if len(q):
        return [("quarantine", r) for r in q["reason"]]
    docs = corpus.documents[corpus.documents["source_path"] == name]
    return [("document", e) for e in docs["encoding"]]


# --- files that are not text, or text in an unusual encoding --------------------------------------

FILE_CASES = [
    ("nbsp-only.txt", "\u00a0\u3000\n\u2003 \n".encode(), [("quarantine", "empty")]),
    ("bom-only.txt", b"\xef\xbb\xbf \r\n", [("quarantine", "empty")]),
    ("utf16-bom-blank.txt", "  \n ".encode("utf-16"), [("quarantine", "empty")]),
    ("photo.jpg", b"\xff\xd8\xff\xe0" + bytes(range(256)) * 4, [("quarantine", "binary")]),
    ("anim.gif", b"GIF89a" + bytes(range(256)) * 4, [("quarantine", "binary")]),
    ("page.html.gz", b"\x1f\x8b\x08\x00" + bytes(range(256)) * 4, [("quarantine", "binary")]),
    ("frame.parquet", b"PAR1" + bytes(range(256)) * 4 + b"PAR1", [("quarantine", "binary")]),
    ("db.txt", b"SQLite format 3\x00" + bytes(64), [("quarantine", "binary")]),
    ("noise.dat", bytes(range(256)) * 16, [("quarantine", "binary")]),
    ("utf16be-nobom.txt", GOOD.encode("utf-16-be"), [("document", "utf-16-be")]),
    ("utf16le-cut.txt", GOOD.encode("utf-16-le") + b"P", [("document", "utf-16-le")]),
    ("nul-in-json.json", json.dumps([{"text": "Pakistan\u0000 plans a reserve, officials said."}]).encode(),
     [("document", "utf-8")]),
]


@pytest.mark.parametrize(("name", "data", "expected"), FILE_CASES, ids=[c[0] for c in FILE_CASES])
def test_bad_files_are_quarantined_or_decoded(tmp_path, name, data, expected):
    (_with_good(tmp_path) / name).write_bytes(data)
    corpus = _load(tmp_path)
    assert _outcome(corpus, name) == expected
    assert _outcome(corpus, "good.txt") == [("document", "utf-8")]
    assert not corpus.documents["text"].str.contains("\x00", regex=False).any()


def test_mixed_encodings_in_one_folder(tmp_path):
    text = "Caf\u00e9 talks: Pakistan\u2019s deal with Binance \u2013 signed in Islamabad."
    files = {
        "a-utf8.txt": (text.encode("utf-8"), "utf-8"),
        "b-bom.txt": (b"\xef\xbb\xbf" + text.encode("utf-8"), "utf-8-sig"),
        "c-cp1252.txt": (text.encode("cp1252"), "cp1252"),
        "d-utf16.txt": (text.encode("utf-16"), "utf-16"),
        "e-utf16le.txt": (text.encode("utf-16-le"), "utf-16-le"),
        "f-latin1.txt": (b"Caf\xe9 in Pakistan \x81 Binance deal signed. It was signed in Islamabad.", "latin-1"),
    }
    for name, (data, _) in files.items():
        (tmp_path / name).write_bytes(data)
    docs = _load(tmp_path).documents.set_index("source_path")
    assert {name: docs.loc[name, "encoding"] for name in files} == {n: e for n, (_, e) in files.items()}
    for name in list(files)[:5]:
        assert docs.loc[name, "text"] == text, name
    assert docs.loc["f-latin1.txt", "text"].startswith("Caf\u00e9 in Pakistan")


# --- size ------------------------------------------------------------------------------------------


def test_ten_megabyte_single_line_file_is_quarantined_as_too_long(tmp_path):
    line = ("Pakistan signed a deal with Binance on Friday " * 230_000)[:10_000_000]
    (_with_good(tmp_path) / "huge.txt").write_text(line, encoding="utf-8")
    corpus = _load(tmp_path)
    assert _outcome(corpus, "huge.txt") == [("quarantine", "too_long")]
    assert "max_chars" in corpus.quarantine["detail"].iloc[0]
    assert list(corpus.documents["source_path"]) == ["good.txt"]


def test_long_article_loads_when_the_limit_is_raised(tmp_path):
    (tmp_path / "long.txt").write_text("Pakistan plans a reserve. " * 100, encoding="utf-8")
    (tmp_path / "rows.jsonl").write_text(json.dumps({"text": "Binance deal. " * 100}) + "\n", encoding="utf-8")
    limited = _load(tmp_path, max_chars=1000)
    assert _reasons(limited) == {"long.txt": "too_long", "rows.jsonl": "too_long"}
    assert len(_load(tmp_path, max_chars=10_000).documents) == 2


def test_csv_cell_longer_than_the_csv_module_default_loads(tmp_path):
    body = "Pakistan plans a Bitcoin reserve, officials said. " * 4000  # 200 k characters > 131072
    (_with_good(tmp_path) / "rows.csv").write_text(f'text,title\n"{body}",Long\n', encoding="utf-8")
    docs = _load(tmp_path).documents.set_index("source_path")
    assert docs.loc["rows.csv", "text"] == body.strip()


# --- HTML -------------------------------------------------------------------------------------------

HOSTILE_HTML = f"""<!DOCTYPE html><html><head><title>Binance and Pakistan</title>
<style>body {{ STYLE-TEXT: 1 }}</style><script>var SCRIPT_TEXT = 1;</script>
<meta http-equiv="refresh" content="0;url=https://evil.example/REFRESH-TEXT">
<link rel="stylesheet" href="https://evil.example/LINK-TEXT.css"><base href="https://evil.example/BASE-TEXT/">
</head><body onload="BODY_ONLOAD()"><article><h1>Binance and Pakistan</h1>
<p>Pakistan and Binance signed an agreement on crypto regulation in Islamabad on Friday, officials said.</p>
<p onmouseover="HANDLER_TEXT()">The finance ministry said the deal covers licensing of exchanges.</p>
<iframe src="https://evil.example/frame">IFRAME-TEXT</iframe><noscript>NOSCRIPT-TEXT</noscript>
<object data="x.swf">OBJECT-TEXT</object><embed src="x.swf"><template>TEMPLATE-TEXT</template>
<svg><script>SVG_SCRIPT_TEXT()</script><text>SVG-TEXT</text></svg><!-- COMMENT-TEXT -->
<form action="https://evil.example"><input value="INPUT-TEXT"><button>BUTTON-TEXT</button></form>
<p>A <a href="javascript:JS_URL_TEXT()">link</a> and an image {IMG.replace('x', 'x.png')} stay inert.</p>
<p>Kyrgyzstan signed a memorandum with the exchange in April, the regulator said.</p></article></body></html>"""
HTML_LEAKS = ("STYLE-TEXT", "SCRIPT_TEXT", "REFRESH-TEXT", "LINK-TEXT", "BASE-TEXT", "BODY_ONLOAD",
              "HANDLER_TEXT", "IFRAME-TEXT", "NOSCRIPT-TEXT", "OBJECT-TEXT", "TEMPLATE-TEXT", "SVG_SCRIPT_TEXT",
              "SVG-TEXT", "COMMENT-TEXT", "INPUT-TEXT", "BUTTON-TEXT", "JS_URL_TEXT", "onerror", "<")


@pytest.mark.parametrize(
    ("name", "page", "expected_text"),
    [
        ("hostile.html", HOSTILE_HTML, "Kyrgyzstan signed a memorandum"),
        ("truncated.html", "<html><head><title>Pakistan deal</title></head><body><article><p>Pakistan and "
         "Binance signed an agreement on crypto regulation on Friday in Islamabad.</p><p>The finance minis",
         "Pakistan and Binance signed an agreement"),
        ("xhtml.html", '<?xml version="1.0" encoding="utf-8"?>\n<html xmlns="http://www.w3.org/1999/xhtml">'
         "<body><p>Pakistan and Binance signed an agreement on crypto regulation today.</p></body></html>",
         "Pakistan and Binance signed an agreement"),
    ],
    ids=["script-style-handlers-iframes", "truncated", "xml-declaration"],
)
def test_html_pages_give_only_their_visible_text(tmp_path, name, page, expected_text):
    (_with_good(tmp_path) / name).write_text(page, encoding="utf-8")
    corpus = _load(tmp_path)
    doc = corpus.documents.set_index("source_path").loc[name]
    assert expected_text in doc["text"]
    for leak in HTML_LEAKS:
        assert leak not in doc["text"], leak
        assert pd.isna(doc["title"]) or leak not in doc["title"], leak


@pytest.mark.parametrize(
    ("name", "page", "reason"),
    [("comment.html", "<!-- nothing here -->", "bad_html"), ("scripts-only.html",
      "<html><body><script>alert(1)</script><style>p{}</style></body></html>", "empty")],
)
def test_html_without_text_is_quarantined(tmp_path, name, page, reason):
    (_with_good(tmp_path) / name).write_text(page, encoding="utf-8")
    assert _outcome(_load(tmp_path), name) == [("quarantine", reason)]


# --- feeds -----------------------------------------------------------------------------------------

ITEM = "<item><title>Pakistan reserve</title><description>{}</description></item>"


@pytest.mark.parametrize(
    "doctype",
    [
        '<!DOCTYPE r [<!ENTITY a "{}">]>'.format("x" * 10_000),  # quadratic blow-up: one big entity, used often
        '<!DOCTYPE r [<!ENTITY % p SYSTEM "file:///etc/passwd"> %p;]>',  # external parameter entity
        '<!DOCTYPE r [<!ENTITY b SYSTEM "http://127.0.0.1:9/x">]>',  # external entity over the network
    ],
    ids=["quadratic-blowup", "parameter-entity", "network-entity"],
)
def test_more_unsafe_feeds_are_refused(tmp_path, doctype):
    body = "&a;" * 50 if "ENTITY a" in doctype else "&b;"
    feed = f'<?xml version="1.0"?>{doctype}<rss><channel>{ITEM.format(body)}</channel></rss>'
    (_with_good(tmp_path) / "bad.rss").write_text(feed, encoding="utf-8")
    assert _outcome(_load(tmp_path), "bad.rss") == [("quarantine", "unsafe_xml")]


def test_feed_with_external_dtd_does_not_read_it(tmp_path):
    dtd = tmp_path.parent / f"{tmp_path.name}-evil.dtd"
    dtd.write_text('<!ENTITY leak "LEAKED-FROM-DTD">', encoding="utf-8")
    feed = (f'<?xml version="1.0"?><!DOCTYPE rss SYSTEM "{dtd.as_uri()}"><rss><channel>'
            f'{ITEM.format("Pakistan plans a reserve &amp; more.")}{ITEM.format("Binance: &leak;")}</channel></rss>')
    (_with_good(tmp_path) / "dtd.rss").write_text(feed, encoding="utf-8")
    corpus = _load(tmp_path)
    assert not corpus.documents["text"].str.contains("LEAKED", regex=False).any()
    assert not corpus.quarantine["detail"].str.contains("LEAKED", regex=False).any()
    assert _outcome(corpus, "dtd.rss") == [("quarantine", "bad_xml")]  # &leak; is undefined: not fetched


def test_feed_entries_lose_active_content(tmp_path):
    html = f"&lt;p&gt;Pakistan plans a Bitcoin reserve.&lt;/p&gt;{SCRIPT.replace('<', '&lt;').replace('>', '&gt;')}" \
           f"&lt;iframe src=x&gt;IFRAME-TEXT&lt;/iframe&gt;{IMG.replace('<', '&lt;').replace('>', '&gt;')}"
    feed = f'<?xml version="1.0"?><rss><channel><title>Wire</title>{ITEM.format(html)}</channel></rss>'
    (tmp_path / "wire.rss").write_text(feed, encoding="utf-8")
    text = _load(tmp_path).documents["text"].iloc[0]
    assert text == "Pakistan plans a Bitcoin reserve."


# --- records ----------------------------------------------------------------------------------------

RECORD_CASES = [
    ("deep.json", "[" * 100_000 + "]" * 100_000, [("quarantine", "bad_json")]),
    ("scalar.json", "42", [("quarantine", "bad_json")]),
    ("types.json", '[{"text": NaN}, {"text": ["a"]}, {"text": {"b": 1}}, {"text": true}, {"text": 3.5}]',
     [("quarantine", "bad_text_type")] * 5),
    ("deep.jsonl", '{"text": "Pakistan plans a reserve, officials said."}\n' + "[" * 100_000 + "]" * 100_000 + "\n",
     [("quarantine", "bad_json_line")]),
    ("array-line.jsonl", '["not", "an", "object"]\n', [("quarantine", "bad_record")]),
    ("unclosed.csv", 'text,title\n"Pakistan deal, signed,T\n', [("quarantine", "ragged_row")]),
    ("header-only.csv", "text,title\n", [("quarantine", "empty")]),
]


@pytest.mark.parametrize(("name", "content", "expected"), RECORD_CASES, ids=[c[0] for c in RECORD_CASES])
def test_malformed_record_files(tmp_path, name, content, expected):
    (_with_good(tmp_path) / name).write_text(content, encoding="utf-8")
    corpus = _load(tmp_path)
    assert _outcome(corpus, name) == expected
    assert "good.txt" in set(corpus.documents["source_path"])


def test_lone_surrogate_escape_in_json_is_replaced_and_the_corpus_saves(tmp_path):
    (tmp_path / "s.json").write_text('[{"text": "Pakistan \\ud800 and Binance signed a deal.", "title": "T\\udfff"}]',
                                     encoding="utf-8")
    corpus = _load(tmp_path)
    doc = corpus.documents.iloc[0]
    assert doc["text"] == "Pakistan \ufffd and Binance signed a deal." and doc["title"] == "T\ufffd"
    corpus.save(tmp_path / "out")
    assert sc.Corpus.load(tmp_path / "out").documents["text"].iloc[0] == doc["text"]


@pytest.mark.parametrize(
    ("text", "type_name"),
    [(b"Pakistan", "bytes"), (["Pakistan"], "list"), ({"t": "Pakistan"}, "dict"), (True, "bool"),
     (float("nan"), "float"), (7, "int")],
)
def test_from_records_with_text_of_the_wrong_type(text, type_name):
    corpus = sc.from_records([{"text": GOOD}, {"text": text}])
    assert list(corpus.documents["doc_id"]) == ["record-0"]
    q = corpus.quarantine.iloc[0]
    assert (q["reason"], q["item"], q["detail"]) == ("bad_text_type", 1, f"text is a {type_name}, not a string")
    assert corpus.account["inputs"] == 2


@pytest.mark.parametrize("records", [{"text": GOOD}, GOOD, GOOD.encode()], ids=["dict", "str", "bytes"])
def test_from_records_refuses_a_single_record_or_a_string(records):
    with pytest.raises(TypeError, match="iterable of mappings"):
        sc.from_records(records)


def test_from_records_quarantines_text_that_cannot_be_stored(tmp_path):
    corpus = sc.from_records([{"text": GOOD}, {"text": "Pakistan \ud800 deal"}, {"text": GOOD, "doc_id": "x\udc80"}])
    assert list(corpus.quarantine["reason"]) == ["bad_unicode", "bad_unicode"]
    sc.annotate(corpus, sentiment=None).save(tmp_path / "out")


# --- language, invisible and fullwidth characters ---------------------------------------------------

FOREIGN = {
    "es": "Pakistán y Binance firmaron el viernes un acuerdo sobre la regulación de las criptomonedas en Islamabad.",
    "fr": "Le Pakistan et Binance ont signé vendredi un accord sur la régulation des cryptomonnaies à Islamabad.",
    "de": "Pakistan und Binance haben am Freitag in Islamabad eine Vereinbarung über die Regulierung unterzeichnet.",
    "ru": "Пакистан и Binance подписали в пятницу соглашение о регулировании криптовалют в Исламабаде.",
    "zh": "巴基斯坦和币安周五在伊斯兰堡签署了一项关于加密货币监管的协议。",
}


def test_non_english_text_is_flagged_and_not_tagged_as_english(tmp_path):
    for lang, text in FOREIGN.items():
        (tmp_path / f"{lang}.txt").write_text(text + "\nEl 3 de marzo de 2025.", encoding="utf-8")
    (tmp_path / "en.txt").write_text(GOOD, encoding="utf-8")
    ann = sc.annotate(_load(tmp_path), sentiment="textblob")
    docs = ann.documents.set_index("source_path")
    for lang in FOREIGN:
        assert docs.loc[f"{lang}.txt", "language"] == lang
        assert f"language:{lang}" in docs.loc[f"{lang}.txt", "flags"].split(";")
    foreign_ids = set(docs.loc[[f"{lang}.txt" for lang in FOREIGN], "doc_id"])
    for frame in ("mentions", "timexes", "sentiment"):
        assert not set(getattr(ann, frame)["doc_id"]) & foreign_ids, frame
    assert foreign_ids <= set(ann.sentences["doc_id"])  # still segmented
    english = docs.loc["en.txt", "doc_id"]
    assert docs.loc["en.txt", "language"] == "en"
    assert english in set(ann.sentiment["doc_id"]) and english in set(ann.mentions["doc_id"])


@pytest.mark.parametrize("name", ["Pak\u200bistan", "Pak\u200distan", "Paki\u00adstan", "Pak\u2060istan",
                                  "\uff30\uff41\uff4b\uff49\uff53\uff54\uff41\uff4e"])
def test_invisible_and_fullwidth_characters_inside_names(tmp_path, name):
    text = f"{name} and Binance signed an agreement on crypto regulation on Friday."
    (tmp_path / "a.txt").write_text(text, encoding="utf-8")
    (tmp_path / "b.json").write_text(json.dumps([{"text": text}]), encoding="utf-8")
    loaded = sc.annotate(_load(tmp_path), sentiment=None)
    assert set(loaded.documents["text"]) == {text.replace(name, "Pakistan")}
    assert len(loaded.mentions.query("entity_id == 'PAK'")) == 2
    raw = sc.annotate(sc.from_records([{"text": text, "doc_id": "r"}]), sentiment=None)  # text kept exactly
    assert raw.documents["text"].iloc[0] == text
    pak = raw.mentions.query("entity_id == 'PAK'")
    assert list(pak["surface"]) == [name] and list(pak["start"]) == [0]


# --- dates ------------------------------------------------------------------------------------------


@pytest.mark.parametrize("value", ["February 30, 2025", "2025-13-01", "2025-02-29", "31 April 2025", "2025/00/10"])
def test_impossible_dates_are_never_rolled_over(tmp_path, value):
    (tmp_path / "r.json").write_text(json.dumps([{"text": GOOD, "published": value}]), encoding="utf-8")
    (tmp_path / "p.txt").write_text(f"Policy\u00b7{value}\nPakistan deal headline here\n{GOOD}", encoding="utf-8")
    docs = _load(tmp_path).documents.set_index("source_path")
    assert pd.isna(docs.loc["r.json", "published_date"])
    assert docs.loc["r.json", "flags"].startswith(("bad_date:", "unreadable_date:"))
    assert pd.isna(docs.loc["p.txt", "published_date"])
    try:
        assert datelines.parse_date(value) is None  # not a known date form ...
    except datelines.BadDate:
        pass  # ... or a known form naming no real day; never a rolled-over date


@pytest.mark.parametrize("text", ["It happened on February 30, 2025.", "Filed 2025-13-01 and 2025-02-30.",
                                  "The 31st of April 2025 passed."])
def test_timexes_of_impossible_dates_are_not_rolled_over(text):
    spans = segment.sentence_spans(text)
    for row in timexes.extract_timexes(text, "2025-05-29", spans):
        assert row["value"] not in {"2025-03-02", "2025-03-01", "2026-01-01", "2025-05-01"}, row
        for key in ("date_start", "date_end"):
            if row[key] is not None and not pd.isna(row[key]):
                assert datelines.parse_date(row[key]) == row[key]


def test_future_publication_dates_are_flagged_from_every_source(tmp_path):
    (tmp_path / "r.json").write_text(json.dumps([{"text": GOOD, "published": "2999-01-01"}]), encoding="utf-8")
    (tmp_path / "m.txt").write_text(GOOD, encoding="utf-8")
    (tmp_path / "manifest.csv").write_text("path,published\nm.txt,2999-12-31\n", encoding="utf-8")
    docs = _load(tmp_path).documents.set_index("source_path")
    assert docs.loc["r.json", "published_date"] == "2999-01-01"
    assert docs.loc["m.txt", "published_date"] == "2999-12-31"
    assert all("future_date" in docs.loc[n, "flags"].split(";") for n in ("r.json", "m.txt"))


# --- paths: manifest, links, special files ------------------------------------------------------------


@pytest.mark.parametrize(
    ("manifest", "match"),
    [
        (b"path,title\n/etc/passwd,x\n", "outside the corpus"),
        (b"path,title\nlink-out.txt,x\n", "outside the corpus"),
        (b"path,title\nsub/../../x.txt,x\n", "outside the corpus"),
        (b"path,title\na\x00b.txt,x\n", "NUL byte"),
        (b"path,title\n,x\n", "empty"),
        ("path,title\ngood.txt,Caf\u00e9\n".encode("cp1252"), "not UTF-8"),
        (b"path,title,part\ngood.txt,x,first\n", "not a whole number"),
        (b"path,published\ngood.txt,2025-02-30\n", "not a real date"),
        (b"title,url\nx,y\n", "needs a 'path' column"),
    ],
    ids=["absolute", "symlink-out", "dotdot-in-subfolder", "nul", "empty-path", "cp1252", "bad-part", "bad-date",
         "no-path-column"],
)
def test_bad_manifests_are_refused_with_a_clear_error(tmp_path, manifest, match):
    corpus_dir = _with_good(tmp_path / "c")
    os.symlink("/etc/hostname", corpus_dir / "link-out.txt")
    (corpus_dir / "manifest.csv").write_bytes(manifest)
    with pytest.raises(SourceError, match=match) as err:
        sc.load_corpus(corpus_dir)
    assert "manifest" in str(err.value)


def test_links_pipes_and_odd_names_in_a_folder(tmp_path):
    _with_good(tmp_path)
    outside = tmp_path.parent / f"{tmp_path.name}-secret.txt"
    outside.write_text("SECRET-OUTSIDE-THE-CORPUS", encoding="utf-8")
    os.symlink(outside, tmp_path / "to-outside.txt")
    os.symlink(tmp_path / "missing.txt", tmp_path / "broken.txt")
    os.symlink(tmp_path / "good.txt", tmp_path / "alias.txt")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "inner.txt").write_text("Kyrgyzstan studies a crypto reserve, officials said.")
    os.symlink(tmp_path / "sub", tmp_path / "linked-dir")
    os.mkfifo(tmp_path / "pipe.txt")
    (tmp_path / os.fsdecode(b"bad-\xff-name.txt")).write_text("Bhutan mines Bitcoin with hydropower.")
    corpus = _load(tmp_path)
    assert _reasons(corpus) == {"broken.txt": "unreadable", "linked-dir": "linked_folder",
                                "pipe.txt": "not_a_file", "to-outside.txt": "outside_corpus"}
    assert sorted(corpus.documents["source_path"]) == ["bad-\\xff-name.txt", "good.txt", "sub/inner.txt"]
    assert not corpus.documents["text"].str.contains("SECRET", regex=False).any()
    corpus.save(tmp_path.parent / f"{tmp_path.name}-out")  # names that are not UTF-8 still store


def _reasons(corpus: sc.Corpus) -> dict[str, str]:
    return dict(zip(corpus.quarantine["source_path"], corpus.quarantine["reason"], strict=True))


def test_a_reader_that_fails_is_undone_and_the_batch_goes_on(tmp_path, monkeypatch):
    def failing(text, rel, batch, *, encoding):
        batch.inputs += 1
        batch.add_page("Half-read page about Pakistan.", source_path=rel, source_format="html", encoding=encoding)
        raise RuntimeError("parser exploded")

    monkeypatch.setattr(readers, "read_html", failing)
    (_with_good(tmp_path) / "page.html").write_text("<html><body><p>x</p></body></html>", encoding="utf-8")
    corpus = _load(tmp_path)
    assert _reasons(corpus) == {"page.html": "reader_error"}
    assert corpus.quarantine["detail"].iloc[0] == "RuntimeError: parser exploded"
    assert list(corpus.documents["source_path"]) == ["good.txt"]
    assert not corpus.removed["doc_id"].eq("page.html#0").any()


def test_the_whole_bad_input_folder_annotates_and_saves(tmp_path):
    """Every bad kind above, in one folder: the batch finishes, the account balances, output round-trips."""
    src = _with_good(tmp_path / "src")
    for name, data, _ in FILE_CASES:
        (src / name).write_bytes(data)
    for name, content, _ in RECORD_CASES:
        (src / name).write_text(content, encoding="utf-8")
    (src / "hostile.html").write_text(HOSTILE_HTML, encoding="utf-8")
    for lang, text in FOREIGN.items():
        (src / f"{lang}.txt").write_text(text, encoding="utf-8")
    (src / "zw.txt").write_text("Pak\u200bistan and \uff22\uff49\uff4e\uff41\uff4e\uff43\uff45 met.", encoding="utf-8")
    corpus = _load(src)
    ann = sc.annotate(corpus, sentiment="textblob")
    ann.save(tmp_path / "out")
    loaded = sc.Corpus.load(tmp_path / "out")
    for name in ("documents", "sentences", "mentions", "timexes", "sentiment", "quarantine"):
        pd.testing.assert_frame_equal(getattr(loaded, name), getattr(ann, name))
    acc = loaded.account
    assert acc["inputs"] == acc["documents"] + acc["quarantined"]  # no page here holds several articles


# --- the command line: accounting and exit codes -------------------------------------------------------


def test_annotate_prints_the_account_by_reason(tmp_path, capsys):
    src = _with_good(tmp_path / "src")
    (src / "empty.txt").write_bytes(b"")
    (src / "image.png").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(100))
    (src / "lines.jsonl").write_text('{"text": "Kyrgyzstan plans a reserve."}\n{broken\n{broken\n', encoding="utf-8")
    code = cli.main(["annotate", str(src), "--out", str(tmp_path / "out"), "--sentiment", ""])
    assert code == 0
    assert capsys.readouterr().out.strip() == (
        "inputs: 6, documents: 2, quarantined: 4 (bad_json_line: 2, binary: 1, empty: 1)")


@pytest.mark.parametrize("strict", [False, True])
def test_a_csv_whose_columns_cannot_be_mapped_is_quarantined_and_the_rest_annotated(tmp_path, capsys, strict):
    src = tmp_path / "src"
    src.mkdir()
    (src / "rows.csv").write_text("Headline,Story_Text,pub_date\nOne,Pakistan plans a reserve.,2025-01-02\n")
    (src / "b.jsonl").write_text('{"text": "Kyrgyzstan plans a reserve."}\n{"text": "Bhutan mines."}\n')
    code = cli.main(["annotate", str(src), "--out", str(tmp_path / "out"), "--sentiment", "",
                     *(["--strict"] if strict else [])])
    out = capsys.readouterr()
    assert code == (1 if strict else 0)
    assert out.out.strip() == "inputs: 3, documents: 2, quarantined: 1 (no_text_column: 1)"
    assert sc.Corpus.load(tmp_path / "out").account["columns"]["rows.csv"]["ignored"] == [
        "Headline", "Story_Text", "pub_date"]
    code = cli.main(["annotate", str(src), "--out", str(tmp_path / "out"), "--sentiment", "",
                     "--text-column", "story_text", "--strict"])
    assert code == 0
    assert capsys.readouterr().out.strip() == "inputs: 3, documents: 3, quarantined: 0"
    docs = sc.Corpus.load(tmp_path / "out").documents
    assert list(docs["published_date"].fillna("")) == ["", "", "2025-01-02"]


def test_annotate_with_only_bad_inputs_fails_with_the_reasons(tmp_path, capsys):
    src = tmp_path / "src"
    src.mkdir()
    (src / "a.png").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(100))
    (src / "b.json").write_text("{oops", encoding="utf-8")
    code = cli.main(["annotate", str(src), "--out", str(tmp_path / "out"), "--sentiment", ""])
    err = capsys.readouterr().err
    assert code == 1
    assert "nothing could be processed (inputs: 2, documents: 0, quarantined: 2 (bad_json: 1, binary: 1))" in err
    assert not (tmp_path / "out").exists()


@pytest.mark.parametrize(
    ("setup", "message"),
    [
        (lambda src: (src / "manifest.csv").write_text("path\n../../etc/passwd\n"), "outside the corpus folder"),
        (lambda src: (src.parent / "out").mkdir() or (src.parent / "out" / "notes.md").write_text("mine"),
         "is not a saved corpus"),
        (lambda src: (src.parent / "out").write_text("a file"), "is not a folder"),
    ],
    ids=["manifest-outside", "out-is-someone-elses-folder", "out-is-a-file"],
)
def test_annotate_refuses_with_a_clear_message(tmp_path, capsys, setup, message):
    src = _with_good(tmp_path / "src")
    setup(src)
    before = sorted(p.name for p in tmp_path.rglob("*"))
    code = cli.main(["annotate", str(src), "--out", str(tmp_path / "out"), "--sentiment", ""])
    assert code == 2
    assert message in capsys.readouterr().err
    assert sorted(p.name for p in tmp_path.rglob("*")) == before  # nothing written, nothing replaced


def test_a_document_whose_annotation_fails_is_flagged_and_the_batch_goes_on(monkeypatch):
    from statecraft import pipeline

    real = pipeline.tag_text

    def fragile(text, spans):
        if "BOOM" in text:
            raise RuntimeError("tagger broke")
        return real(text, spans)

    monkeypatch.setattr(pipeline, "tag_text", fragile)
    corpus = sc.from_records([{"text": "Pakistan BOOM.", "doc_id": "bad"}, {"text": "Pakistan acts.", "doc_id": "ok"}])
    ann = pipeline.annotate(corpus, sentiment=None)
    flags = dict(zip(ann.documents["doc_id"], ann.documents["flags"], strict=True))
    assert flags == {"bad": "annotate_error:RuntimeError", "ok": ""}
    assert set(ann.sentences["doc_id"]) == {"ok"}
    assert list(ann.mentions["entity_id"]) == ["PAK"]
