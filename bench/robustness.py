"""Feed the loader every kind of bad input at once; print how each kind was handled.

Builds a folder in a temporary directory holding one or more files per kind of bad input
(plus a few good articles), loads and annotates it in one batch, and prints one row per
kind: the files tried, how they ended (documents, with flags, or quarantine reasons) and
whether that is the expected handling. Two more kinds (manifests pointing outside the
corpus) must stop the load with a clear error. The account must balance: inputs equal
documents plus quarantine rows (no page here holds several articles).

    .venv/bin/python bench/robustness.py
"""

from __future__ import annotations

import json
import os
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

import statecraft as sc
from statecraft.sources.records import SourceError

GOOD = "Pakistan and Binance signed an agreement on crypto regulation. The deal was announced on Friday."
ACTIVE = ("SCRIPT-TEXT", "STYLE-TEXT", "HANDLER-TEXT", "IFRAME-TEXT", "alert(", "onerror")


@dataclass
class Kind:
    """One kind of bad input: its files and what must become of them."""

    name: str
    files: dict[str, bytes | Callable[[Path], None]]
    expect: list[str]  # per input item, in source order: "document" or "quarantine:<reason>"
    check: Callable[[pd.DataFrame, sc.Corpus], bool] = field(default=lambda docs, ann: True)


def _no_active(docs: pd.DataFrame, ann: sc.Corpus) -> bool:
    return not any(docs["text"].str.contains(a, regex=False).any() for a in ACTIVE)


def _kinds() -> list[Kind]:
    html = ("<html><head><title>Deal</title><style>p{STYLE-TEXT:1}</style><script>SCRIPT-TEXT()</script></head>"
            "<body><article><p onclick=\"HANDLER-TEXT()\">Pakistan and Binance signed an agreement on crypto "
            "regulation in Islamabad on Friday, officials said.</p><iframe src=x>IFRAME-TEXT</iframe>"
            "<img src=x onerror=alert(1)><embed src=y.swf><p>Kyrgyzstan signed a memorandum in April.</p>"
            "</article></body></html>")
    bomb = ('<?xml version="1.0"?><!DOCTYPE r [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;">'
            '<!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;">]><rss><channel><item><description>&c;</description></item>'
            "</channel></rss>")
    xxe = ('<?xml version="1.0"?><!DOCTYPE r [<!ENTITY x SYSTEM "file:///etc/passwd">]><rss><channel><item>'
           "<description>&x;</description></item></channel></rss>")
    foreign = {"es": "Pakistán y Binance firmaron el viernes un acuerdo sobre la regulación de las criptomonedas.",
               "ru": "Пакистан и Binance подписали в пятницу соглашение о регулировании криптовалют."}

    def link(target: str) -> Callable[[Path], None]:
        return lambda path: os.symlink(target, path)

    def not_tagged(docs: pd.DataFrame, ann: sc.Corpus) -> bool:
        ids = set(docs["doc_id"])
        return all(docs["flags"].str.contains("language:")) and not any(
            ids & set(getattr(ann, f)["doc_id"]) for f in ("mentions", "timexes", "sentiment"))

    return [
        Kind("empty file", {"empty.txt": b""}, ["quarantine:empty"]),
        Kind("whitespace-only file", {"blank.txt": b"  \n\t\r\n "}, ["quarantine:empty"]),
        Kind("Unicode-whitespace-only file", {"nbsp.txt": "\u00a0\u3000\n".encode()}, ["quarantine:empty"]),
        Kind("PNG image", {"image.png": b"\x89PNG\r\n\x1a\n" + bytes(range(256))}, ["quarantine:binary"]),
        Kind("PDF document", {"doc.pdf": b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj"}, ["quarantine:binary"]),
        Kind("ZIP archive", {"archive.zip": b"PK\x03\x04" + bytes(100)}, ["quarantine:binary"]),
        Kind("binary with a text name", {"noise.txt": bytes(range(1, 9)) * 200}, ["quarantine:binary"]),
        Kind("NUL bytes inside text", {"nul.txt": GOOD.replace(" and", "\x00 and").encode()}, ["document"],
             lambda docs, ann: not docs["text"].str.contains("\x00").any()),
        Kind("UTF-16 LE without BOM", {"utf16le.txt": GOOD.encode("utf-16-le")}, ["document"],
             lambda docs, ann: list(docs["encoding"]) == ["utf-16-le"] and docs["text"].iloc[0] == GOOD),
        Kind("UTF-16 BE without BOM, cut short", {"utf16be.txt": GOOD.encode("utf-16-be")[:-1]}, ["document"],
             lambda docs, ann: list(docs["encoding"]) == ["utf-16-be"]),
        Kind("mixed encodings in one folder", {
            "mixed/cp1252.txt": "Binance\u2019s deal with Pakistan \u2013 signed.".encode("cp1252"),
            "mixed/latin1.txt": b"Caf\xe9 in Pakistan \x81 Binance deal signed. It was signed in Islamabad.",
            "mixed/utf8-bom.txt": b"\xef\xbb\xbf" + "Binance\u2019s deal in Islamabad.".encode()},
             ["document"] * 3, lambda docs, ann: list(docs["encoding"]) == ["cp1252", "latin-1", "utf-8-sig"]),
        Kind("10 MB single-line file", {"huge.txt": ("Pakistan signs a deal " * 460_000)[:10_000_000].encode()},
             ["quarantine:too_long"]),
        Kind("truncated HTML", {"truncated.html": html[: html.index("<iframe")].encode()}, ["document"]),
        Kind("HTML with script, style, handlers, iframes", {"active.html": html.encode()}, ["document"],
             lambda docs, ann: _no_active(docs, ann) and "Kyrgyzstan" in docs["text"].iloc[0]),
        Kind("HTML holding only scripts", {"scripts.html": b"<html><body><script>x()</script></body></html>"},
             ["quarantine:empty"]),
        Kind("RSS entity-expansion bomb", {"bomb.rss": bomb.encode()}, ["quarantine:unsafe_xml"]),
        Kind("RSS external entity", {"xxe.rss": xxe.encode()}, ["quarantine:unsafe_xml"]),
        Kind("malformed JSON", {"broken.json": b'[{"text": "a"'}, ["quarantine:bad_json"]),
        Kind("deeply nested JSON", {"deep.json": b"[" * 100_000 + b"]" * 100_000}, ["quarantine:bad_json"]),
        Kind("JSONL with broken lines", {"lines.jsonl": (json.dumps({"text": GOOD}) + "\n{broken\n[1, 2\n").encode()},
             ["document", "quarantine:bad_json_line", "quarantine:bad_json_line"]),
        Kind("CSV with a ragged row and an embedded newline",
             {"rows.csv": f'text,title\n"{GOOD}\nSecond line.",One\nshort\n'.encode()},
             ["document", "quarantine:ragged_row"], lambda docs, ann: "Second line." in docs["text"].iloc[0]),
        Kind("records with text of the wrong type",
             {"types.json": b'[{"text": 42}, {"text": ["a"]}, {"text": null}, {"text": true}, "text"]'},
             ["quarantine:bad_text_type", "quarantine:bad_text_type", "quarantine:no_text",
              "quarantine:bad_text_type", "quarantine:bad_record"]),
        Kind("lone surrogate escape in JSON", {"surrogate.json": b'[{"text": "Pakistan \\ud800 deal."}]'},
             ["document"], lambda docs, ann: docs["text"].iloc[0] == "Pakistan \ufffd deal."),
        Kind("non-English text", {f"{lang}.txt": text.encode() for lang, text in foreign.items()},
             ["document"] * 2, not_tagged),
        Kind("zero-width and fullwidth characters in names",
             {"zw.txt": "Pak\u200bistan and \uff22\uff49\uff4e\uff41\uff4e\uff43\uff45 met on Friday.".encode()},
             ["document"], lambda docs, ann: docs["text"].iloc[0].startswith("Pakistan and Binance")
             and "PAK" in set(ann.mentions.loc[ann.mentions["doc_id"].isin(docs["doc_id"]), "entity_id"])),
        Kind("impossible dates", {"dates.json": json.dumps([{"text": GOOD, "published": "February 30, 2025"},
                                                            {"text": GOOD, "published": "2025-13-01"}]).encode()},
             ["document"] * 2, lambda docs, ann: docs["published_date"].isna().all()
             and docs["flags"].str.startswith("bad_date:").all()),
        Kind("publication date in the future", {"future.json": json.dumps([{"text": GOOD,
                                                                          "published": "2999-01-01"}]).encode()},
             ["document"], lambda docs, ann: docs["flags"].str.contains("future_date").all()),
        Kind("link to a file outside the corpus", {"outside.txt": link("/etc/hostname")},
             ["quarantine:outside_corpus"]),
        Kind("broken link", {"broken-link.txt": link("missing-target.txt")}, ["quarantine:unreadable"]),
        Kind("named pipe", {"pipe.txt": lambda path: os.mkfifo(path)}, ["quarantine:not_a_file"]),
        Kind("Parquet file", {"frame.parquet": b"PAR1" + bytes(range(256)) + b"PAR1"}, ["quarantine:binary"]),
        Kind("page of boilerplate only", {"boiler.txt": b"Top\nView All\nLoading\n"},
             ["quarantine:empty_after_cleaning"]),
    ]


REFUSED = [
    ("manifest path outside the corpus folder", "path,title\n../../etc/passwd,x\n"),
    ("manifest with an absolute path", "path,title\n/etc/passwd,x\n"),
]


def main() -> int:
    kinds = _kinds()
    with tempfile.TemporaryDirectory() as tmp:
        src = Path(tmp) / "src"
        owner: dict[str, str] = {}
        for kind in kinds:
            for rel, data in kind.files.items():
                path = src / rel
                path.parent.mkdir(parents=True, exist_ok=True)
                data(path) if callable(data) else path.write_bytes(data)
                owner[rel] = kind.name
        for i in range(3):
            (src / f"good-{i}.txt").write_text(GOOD, encoding="utf-8")
        t0 = time.perf_counter()
        corpus = sc.load_corpus(src)
        ann = sc.annotate(corpus, sentiment="textblob")
        seconds = time.perf_counter() - t0
        refused = [(name, _refused(src, manifest)) for name, manifest in REFUSED]
    print(f"{'kind of bad input':<48} {'files':>5}  {'handled as':<58} ok")
    handled = 0
    for kind in kinds:
        docs = ann.documents[ann.documents["source_path"].isin(list(kind.files))]
        quarantine = ann.quarantine[ann.quarantine["source_path"].isin(list(kind.files))]
        got = sorted([*(["document"] * len(docs)), *(f"quarantine:{r}" for r in quarantine["reason"])])
        ok = got == sorted(kind.expect) and kind.check(docs.reset_index(drop=True), ann)
        handled += ok
        print(f"{kind.name:<48} {len(kind.files):>5}  {_describe(docs, quarantine):<58} {'yes' if ok else 'NO'}")
    for name, message in refused:
        ok = message is not None
        handled += ok
        print(f"{name:<48} {1:>5}  {'refused: ' + (message or 'NOT REFUSED')[:49]:<58} {'yes' if ok else 'NO'}")
    acc = ann.account
    balanced = acc["inputs"] == acc["documents"] + acc["quarantined"] == acc["sources"] + acc["quarantined"]
    n_kinds = len(kinds) + len(refused)
    print(f"\nkinds of bad input tried: {n_kinds}; handled as expected: {handled}")
    print(f"batch: {ann.summary()}")
    print(f"inputs {acc['inputs']} = documents {acc['documents']} + quarantine rows {acc['quarantined']}: "
          f"{'yes' if balanced else 'NO'}  (load + annotate {seconds:.1f} s)")
    return 0 if handled == n_kinds >= 20 and balanced else 1


def _describe(docs: pd.DataFrame, quarantine: pd.DataFrame) -> str:
    parts = []
    if len(docs):
        flags = sorted({f for fl in docs["flags"] for f in fl.split(";") if f})
        parts.append(f"{len(docs)} document{'s' * (len(docs) > 1)}" + (f" [{', '.join(flags)}]" if flags else ""))
    for reason, n in quarantine["reason"].value_counts().sort_index().items():
        parts.append(f"quarantine {reason}" + (f" x{n}" if n > 1 else ""))
    return "; ".join(parts)[:58]


def _refused(src: Path, manifest: str) -> str | None:
    (src / "manifest.csv").write_text(manifest, encoding="utf-8")
    try:
        sc.load_corpus(src)
    except SourceError as err:
        return str(err).split(": ", 1)[-1]
    finally:
        (src / "manifest.csv").unlink()
    return None


if __name__ == "__main__":
    sys.exit(main())
