"""The corpus store: frames equal to annotate(), batches resumable and incremental, reads filtered in SQL."""

from __future__ import annotations

import json
import multiprocessing
import shutil
from pathlib import Path

import pandas as pd
import pytest

import statecraft as sc
from statecraft import schema
from statecraft.sources import stream
from statecraft.store import StoreError, layout

COUNTRIES = ("Pakistan", "Kyrgyzstan", "Bhutan", "Malaysia", "China")


def _write_jsonl(path: Path, n: int, *, start: int = 0) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "w", encoding="utf-8") as handle:
        for i in range(start, start + n):
            country = COUNTRIES[i % len(COUNTRIES)]
            text = (f"{country} signed a Bitcoin reserve deal with Binance on Friday, the regulator said. "
                    f"Article {i} adds that last month the central bank of {country} studied stablecoins.")
            day = f"2025-{1 + i % 12:02d}-{1 + i % 27:02d}" if i % 7 else None
            handle.write(json.dumps({"title": f"{country} reserve {i}", "text": text, "published": day}) + "\n")
            if i % 40 == 13:
                handle.write("{broken line\n")
    return path


def _assert_same(a: sc.Corpus, b: sc.Corpus) -> None:
    for name in schema.FRAME_NAMES:
        pd.testing.assert_frame_equal(getattr(a, name), getattr(b, name), obj=name)
    assert a.account == b.account


@pytest.fixture
def mixed(tmp_path, seeds_dir) -> Path:
    src = tmp_path / "src"
    shutil.copytree(seeds_dir, src / "seeds")
    _write_jsonl(src / "feed" / "big.jsonl", 120)
    return src


def test_store_frames_equal_annotate_in_memory(mixed, tmp_path):
    acc = sc.annotate_to_store(mixed, tmp_path / "st", sentiment=["textblob", "vader"], batch_bytes=6000)
    assert acc["batches"] > 3  # the JSONL file was cut into pieces, the seeds grouped
    expected = sc.annotate(sc.load_corpus(mixed), sentiment=["textblob", "vader"])
    _assert_same(sc.open_store(tmp_path / "st").corpus(), expected)
    _assert_same(sc.Corpus.load(tmp_path / "st"), expected)
    assert acc["inputs"] == expected.inputs == acc["sources"] + acc["quarantined"]
    assert acc["by_reason"] == {"bad_json_line": 3}


def test_pieces_of_a_large_file_give_the_ids_of_the_whole_file(tmp_path):
    big = _write_jsonl(tmp_path / "in" / "big.jsonl", 200)
    rows = pd.DataFrame({"headline": [f"h{i}" for i in range(150)],
                         "body": [f"Malaysia acts, line one.\nAnd \"quoted, {i}\" two." for i in range(150)]})
    rows.to_csv(tmp_path / "in" / "rows.csv", index=False)
    root, pieces = stream.plan(tmp_path / "in", piece_bytes=2000)
    assert {p.kind for p in pieces} == {"jsonl", "csv"} and len(pieces) > 10
    assert sum(p.end - p.start for p in pieces if p.kind == "jsonl") == big.stat().st_size
    whole = sc.load_corpus(tmp_path / "in")
    parts = stream.read_pieces(pieces, root=root)
    pd.testing.assert_frame_equal(parts.documents, whole.documents)
    pd.testing.assert_frame_equal(parts.quarantine, whole.quarantine)
    assert parts.inputs == whole.inputs


def test_a_file_over_max_bytes_is_read_in_pieces_not_refused(tmp_path):
    _write_jsonl(tmp_path / "in" / "big.jsonl", 60)
    acc = sc.annotate_to_store(tmp_path / "in", tmp_path / "st", sentiment=None, max_bytes=1000, batch_bytes=3000)
    assert acc["documents"] == 60 and "too_large" not in acc["by_reason"]
    refused = sc.load_corpus(tmp_path / "in", max_bytes=1000)
    assert refused.account["by_reason"] == {"too_large": 1}


def test_rerun_annotates_nothing_and_new_files_only_their_documents(mixed, tmp_path):
    out = tmp_path / "st"
    first = sc.annotate_to_store(mixed, out, sentiment=None, batch_bytes=6000)
    again = sc.annotate_to_store(mixed, out, sentiment=None, batch_bytes=6000)
    assert (again["annotated"], again["batches"], again["skipped_unchanged"]) == (0, 0, first["documents"])
    _write_jsonl(mixed / "feed" / "more.jsonl", 10, start=500)
    more = sc.annotate_to_store(mixed, out, sentiment=None, batch_bytes=6000)
    assert (more["annotated"], more["removed_batches"]) == (10, 0)
    _assert_same(sc.Corpus.load(out), sc.annotate(sc.load_corpus(mixed), sentiment=None))


def test_changed_and_removed_inputs_leave_the_store(mixed, tmp_path):
    out = tmp_path / "st"
    sc.annotate_to_store(mixed, out, sentiment=None)
    (mixed / "seeds" / "004_1f0b7ee2a2d9d17c.txt").unlink(missing_ok=True)
    next(iter(sorted((mixed / "seeds").glob("00[0-2]*.txt")))).write_text("Bhutan mines Bitcoin.\n", encoding="utf-8")
    acc = sc.annotate_to_store(mixed, out, sentiment=None)
    assert acc["removed_batches"] >= 1
    _assert_same(sc.Corpus.load(out), sc.annotate(sc.load_corpus(mixed), sentiment=None))


def test_stories_link_across_batches_as_in_memory(tmp_path):
    src = tmp_path / "src"
    _write_jsonl(src / "a.jsonl", 30)
    _write_jsonl(src / "b.jsonl", 30)  # the same articles again: each rewrite is in another batch
    sc.annotate_to_store(src, tmp_path / "st", sentiment=None, batch_bytes=1500)
    stored = sc.open_store(tmp_path / "st").frame("documents")
    expected = sc.annotate(sc.load_corpus(src), sentiment=None).documents
    assert stored["story_id"].tolist() == expected["story_id"].tolist()
    assert stored["story_id"].nunique() < len(stored)


def test_a_store_of_other_engines_is_refused_not_mixed(mixed, tmp_path):
    sc.annotate_to_store(mixed, tmp_path / "st", sentiment="vader")
    with pytest.raises(StoreError, match=r"engines: store has \['vader'\], this run \['textblob'\]"):
        sc.annotate_to_store(mixed, tmp_path / "st", sentiment="textblob")
    meta = json.loads((tmp_path / "st" / "store.json").read_text())
    (tmp_path / "st" / "store.json").write_text(json.dumps({**meta, "schema": "0ld"}))
    with pytest.raises(StoreError, match="annotate it again"):
        sc.open_store(tmp_path / "st")


def _hold_lock(path: str, ready, release) -> None:
    with layout.locked(path):
        ready.set()
        release.wait(30)


def test_a_second_writer_fails_clearly_while_the_first_holds_the_store(mixed, tmp_path):
    out = tmp_path / "st"
    ctx = multiprocessing.get_context("spawn")
    ready, release = ctx.Event(), ctx.Event()
    holder = ctx.Process(target=_hold_lock, args=(str(out), ready, release))
    holder.start()
    try:
        assert ready.wait(60)
        with pytest.raises(StoreError, match=rf"is being written by statecraft pid {holder.pid}"):
            sc.annotate_to_store(mixed, out, sentiment=None)
    finally:
        release.set()
        holder.join(30)
    assert sc.annotate_to_store(mixed, out, sentiment=None)["documents"] == 128


def test_filters_are_applied_in_sql(mixed, tmp_path):
    sc.annotate_to_store(mixed, tmp_path / "st", sentiment="vader", batch_bytes=6000)
    store = sc.open_store(tmp_path / "st")
    full = store.corpus()
    pak = store.corpus(countries=["PAK"], start="2025-03-01", end="2025-06-30")
    country = full.mentions.query("entity_type == 'country' and role == 'subject' and entity_id == 'PAK'")
    dated = full.documents[full.documents["published_date"].between("2025-03-01", "2025-06-30")]
    expected = sorted(set(country["doc_id"]) & set(dated["doc_id"]))
    assert pak.documents["doc_id"].tolist() == expected and expected
    assert set(pak.sentences["doc_id"]) == set(expected) and set(pak.sentiment["doc_id"]) == set(expected)
    assert pak.quarantine.empty and pak.inputs == len(expected)
    story = full.documents["story_id"].iloc[0]
    assert set(store.frame("documents", stories=[story])["story_id"]) == {story}
    counts = store.sql("select entity_id, count(*) as n from mentions where entity_type = 'country' "
                       "group by 1 order by 2 desc, 1")
    assert counts["n"].sum() == int((full.mentions["entity_type"] == "country").sum())


def test_two_workers_write_the_same_store(mixed, tmp_path):
    sc.annotate_to_store(mixed, tmp_path / "one", sentiment="vader", batch_bytes=6000)
    sc.annotate_to_store(mixed, tmp_path / "two", sentiment="vader", batch_bytes=6000, workers=2)
    _assert_same(sc.Corpus.load(tmp_path / "two"), sc.Corpus.load(tmp_path / "one"))


@pytest.mark.slow
def test_a_dask_local_cluster_of_two_worker_processes_writes_the_same_store(mixed, tmp_path):
    from dask.distributed import LocalCluster

    sc.annotate_to_store(mixed, tmp_path / "one", sentiment="vader", batch_bytes=6000)
    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None) as cluster:
        assert len(cluster.workers) == 2
        acc = sc.annotate_to_store(mixed, tmp_path / "dask", sentiment="vader", batch_bytes=6000,
                                   scheduler=cluster.scheduler_address)
    assert acc["batches"] > 3
    _assert_same(sc.Corpus.load(tmp_path / "dask"), sc.Corpus.load(tmp_path / "one"))


def test_records_columns_are_kept_and_a_store_of_other_columns_is_refused(tmp_path):
    src = tmp_path / "src"
    src.mkdir()
    (src / "rows.csv").write_text("Head,Story Text,released\nA deal,Pakistan signed a deal with Binance.,2025-05-02\n"
                                  "A ban,China banned mining again.,2025-05-03\n", encoding="utf-8")
    store = tmp_path / "store"
    acc = sc.annotate_to_store(src, store, fields={"text": "Story Text", "published": "released"}, progress=False)
    assert acc["documents"] == 2
    assert acc["columns"]["rows.csv"]["text"] == ["Story Text"]
    assert acc["columns"]["rows.csv"]["published"] == ["released"]
    ann = sc.load_annotated(store, text_column="Story Text", date_column="released")
    assert ann.documents["published_date"].astype(str).tolist() == ["2025-05-02", "2025-05-03"]
    assert ann.account["columns"]["rows.csv"]["ignored"] == ["Head"]
    with pytest.raises(StoreError, match="annotated with record columns"):
        sc.load_annotated(store, text_column="Head")


def test_a_report_on_a_store_without_the_notebooks_engine_fails_before_any_notebook(mixed, tmp_path):
    from statecraft.report import run as report

    sc.annotate_to_store(mixed, tmp_path / "store", sentiment="textblob", progress=False)
    assert sc.scored_engines(tmp_path / "store") == ["textblob"]
    with pytest.raises(report.ReportError, match=r"holds sentiment of \['textblob'\]; these reports use news"):
        report.run_reports(sources=tmp_path / "store", out=tmp_path / "reports", progress=False)
    assert not (tmp_path / "reports").exists()


@pytest.mark.slow
def test_a_report_on_a_store_of_some_engines_compares_those(seeds_dir, tmp_path):
    from statecraft.report import run as report

    sc.annotate_to_store(seeds_dir, tmp_path / "store", sentiment=["textblob", "news"], progress=False)
    run = report.run_reports(sources=tmp_path / "store", out=tmp_path / "reports", progress=False,
                             notebooks=[report.project_dir() / "notebooks" / "01_sentiment.ipynb"])
    page = (run / "01_sentiment.html").read_text(encoding="utf-8")
    assert "textblob:" in page and "finance:" not in page  # the other engines' labels beside each country
