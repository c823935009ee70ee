"""Corpus save/load round trip, atomic writes, the DuckDB view, the account."""

from __future__ import annotations

import pandas as pd
import pytest

import statecraft as sc
from statecraft import schema


def test_save_then_load_gives_equal_frames(seeds_annotated, tmp_path):
    out = seeds_annotated.save(tmp_path / "ann")
    loaded = sc.Corpus.load(out)
    for name in schema.FRAME_NAMES:
        pd.testing.assert_frame_equal(getattr(loaded, name), getattr(seeds_annotated, name), check_dtype=True)
    assert loaded.account == seeds_annotated.account


def test_save_replaces_previous_output_atomically(seeds_annotated, tmp_path):
    out = tmp_path / "ann"
    seeds_annotated.save(out)
    (out / "stale.txt").write_text("old", encoding="utf-8")
    seeds_annotated.save(out)
    assert not (out / "stale.txt").exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["ann"]


def test_load_missing_folder_is_a_clear_error(tmp_path):
    with pytest.raises(FileNotFoundError, match="corpus folder not found"):
        sc.Corpus.load(tmp_path / "missing")


def test_duckdb_view(seeds_annotated):
    con = seeds_annotated.duckdb()
    n = con.execute("select count(*) from documents where published_date is not null").fetchone()[0]
    assert n == 5


def test_frames_are_sorted_with_fresh_index(seeds_annotated):
    for name in schema.FRAME_NAMES:
        frame = getattr(seeds_annotated, name)
        key = schema.KEYS[name]
        assert frame.equals(frame.sort_values(key, kind="mergesort").reset_index(drop=True)), name


def test_unknown_frame_name_is_a_clear_error():
    with pytest.raises(KeyError, match="valid names"):
        schema.frame("nope")
