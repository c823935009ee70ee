"""Crash safety (issue 7): a run killed or failing midway leaves the previous output intact."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pandas as pd
import pytest

import statecraft as sc
from statecraft import atomic, schema

ROOT = Path(__file__).resolve().parents[1]
WORDS = ("Pakistan", "Binance", "Kyrgyzstan", "signed", "a", "reserve", "deal", "on", "Friday", "last", "month",
         "the", "regulator", "said", "crypto", "exchange", "in", "April", "Bhutan", "mining")


def _articles(folder: Path, n: int, *, seed: int) -> Path:
    """Write ``n`` synthetic articles as one JSONL file (fast to write, slow enough to annotate)."""
    folder.mkdir(parents=True, exist_ok=True)
    lines = []
    for i in range(n):
        words = [WORDS[(i * 7 + k * (seed + 3)) % len(WORDS)] for k in range(60)]
        text = " ".join(words[:30]) + ". " + " ".join(words[30:]) + "."
        lines.append(json.dumps({"text": text, "published": f"2025-{1 + i % 12:02d}-{1 + i % 28:02d}"}))
    (folder / "articles.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return folder


def _cli(*args: str) -> list[str]:
    return [sys.executable, "-m", "statecraft.cli", "annotate", *args, "--sentiment", ""]


def _env() -> dict[str, str]:
    return {**os.environ, "PYTHONHASHSEED": "0"}


def _assert_same(a: sc.Corpus, b: sc.Corpus) -> None:
    for name in schema.FRAME_NAMES:
        pd.testing.assert_frame_equal(getattr(a, name), getattr(b, name))
    assert a.account == b.account


def _wait_until_busy(pid: int, *, cpu_seconds: float, timeout: float = 60) -> None:
    """Wait until process ``pid`` has used ``cpu_seconds`` of CPU (Linux /proc), else wall time."""
    stat_file, tick = Path(f"/proc/{pid}/stat"), os.sysconf("SC_CLK_TCK")
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if not stat_file.exists():
            time.sleep(cpu_seconds)
            return
        fields = stat_file.read_text().rsplit(")", 1)[1].split()
        if (int(fields[11]) + int(fields[12])) / tick >= cpu_seconds:
            return
        time.sleep(0.05)


def _visible(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if not p.name.startswith("."))


def _batches(store: Path) -> int:
    folder = store / "batches"
    return len([d for d in folder.iterdir() if (d / "batch.json").exists()]) if folder.is_dir() else 0


@pytest.mark.slow
@pytest.mark.parametrize("after", [0, 2])
def test_a_store_run_killed_midway_resumes_to_the_same_store(tmp_path, after):
    src = _articles(tmp_path / "src", 600, seed=2)
    small = ("--batch-bytes", "15000", "--quiet")
    whole = tmp_path / "whole"
    subprocess.run(_cli(str(src), "--out", str(whole), *small), check=True, env=_env(), capture_output=True,
                   timeout=300)
    total = _batches(whole)
    out = tmp_path / "out"
    proc = subprocess.Popen(_cli(str(src), "--out", str(out), *small), env=_env(), stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE)
    try:
        deadline = time.monotonic() + 120
        while _batches(out) < after and proc.poll() is None and time.monotonic() < deadline:
            time.sleep(0.01)
        _wait_until_busy(proc.pid, cpu_seconds=0.3) if after == 0 else None
        assert proc.poll() is None, "the run finished before it could be killed"
        proc.send_signal(signal.SIGKILL)  # mid-batch: a batch folder is being written in .staging
        proc.wait(timeout=30)
    finally:
        if proc.poll() is None:
            proc.kill()
    held = _batches(out)
    assert held < total
    resumed = subprocess.run(_cli(str(src), "--out", str(out), *small), env=_env(), capture_output=True, text=True,
                             timeout=300)
    assert resumed.returncode == 0, resumed.stderr
    assert f"{total - held} batches written" in resumed.stderr
    _assert_same(sc.Corpus.load(out), sc.Corpus.load(whole))
    again = subprocess.run(_cli(str(src), "--out", str(out), *small), check=True, env=_env(), capture_output=True,
                           text=True, timeout=300)
    assert "0 documents annotated, 600 unchanged skipped, 0 batches written" in again.stderr


SAVE_THEN_DIE = textwrap.dedent("""
    import os, sys, time
    from pathlib import Path
    import pandas as pd
    import statecraft as sc

    corpus = sc.annotate(sc.load_corpus(sys.argv[1]), sentiment=None)
    ready, written = Path(sys.argv[3]), []
    original = pd.DataFrame.to_parquet

    def slow_to_parquet(self, path, *args, **kwargs):
        original(self, path, *args, **kwargs)
        written.append(path)
        if len(written) == 3:  # half the frames are in the temporary folder: signal, then hang
            ready.write_text(str(path))
            time.sleep(60)

    pd.DataFrame.to_parquet = slow_to_parquet
    corpus.save(sys.argv[2])
""")


@pytest.mark.slow
def test_run_killed_while_writing_its_output_leaves_the_previous_output_intact(tmp_path):
    out, ready = tmp_path / "out", tmp_path / "ready.txt"
    first = sc.annotate(sc.load_corpus(_articles(tmp_path / "a", 10, seed=1)), sentiment=None)
    first.save(out)
    proc = subprocess.Popen([sys.executable, "-c", SAVE_THEN_DIE, str(_articles(tmp_path / "b", 30, seed=5)),
                             str(out), str(ready)], env=_env(), stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    try:
        deadline = time.monotonic() + 60
        while not ready.exists() and proc.poll() is None and time.monotonic() < deadline:
            time.sleep(0.02)
        assert ready.exists(), proc.stderr.read().decode() if proc.poll() is not None else "timed out"
        partial = Path(ready.read_text()).parent
        assert partial.name.startswith(".out.") and partial.is_dir()  # the half-written temporary folder
        proc.send_signal(signal.SIGKILL)
        proc.wait(timeout=30)
    finally:
        if proc.poll() is None:
            proc.kill()
    _assert_same(sc.Corpus.load(out), first)
    assert _visible(tmp_path) == ["a", "b", "out", "ready.txt"]


def test_a_save_that_fails_midway_leaves_the_previous_output_and_no_temporary_folder(tmp_path, monkeypatch):
    out = tmp_path / "out"
    first = sc.from_records([{"text": "Pakistan plans a reserve.", "doc_id": "a"}])
    first.save(out)
    calls = []
    original = pd.DataFrame.to_parquet

    def failing(self, path, *args, **kwargs):
        calls.append(path)
        if len(calls) == 4:
            raise OSError(28, "No space left on device")
        return original(self, path, *args, **kwargs)

    monkeypatch.setattr(pd.DataFrame, "to_parquet", failing)
    second = sc.from_records([{"text": "Binance and Kyrgyzstan.", "doc_id": "b"}])
    with pytest.raises(OSError, match="No space left"):
        second.save(out)
    monkeypatch.undo()
    _assert_same(sc.Corpus.load(out), first)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out"]


@pytest.mark.parametrize("exchange", [True, False], ids=["atomic-exchange", "two-renames"])
def test_save_replaces_a_previous_output(tmp_path, monkeypatch, exchange):
    if not exchange:
        monkeypatch.setattr(atomic, "_exchange", lambda a, b: False)
    out = tmp_path / "out"
    sc.from_records([{"text": "first", "doc_id": "a"}]).save(out)
    second = sc.from_records([{"text": "second", "doc_id": "b"}])
    second.save(out)
    _assert_same(sc.Corpus.load(out), second)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out"]


@pytest.mark.parametrize(
    ("make", "match"),
    [
        (lambda out: out.write_text("notes", encoding="utf-8"), "is not a folder"),
        (lambda out: out.mkdir() or (out / "thesis.docx").write_bytes(b"mine"), "not a saved corpus"),
    ],
    ids=["file", "someone-elses-folder"],
)
def test_save_never_replaces_what_it_did_not_write(tmp_path, make, match):
    out = tmp_path / "out"
    make(out)
    before = {p.name: p.stat().st_size for p in tmp_path.rglob("*")}
    with pytest.raises(FileExistsError, match=match):
        sc.from_records([{"text": "x"}]).save(out)
    assert {p.name: p.stat().st_size for p in tmp_path.rglob("*")} == before


def test_save_into_an_empty_folder(tmp_path):
    (tmp_path / "out").mkdir()
    corpus = sc.from_records([{"text": "Pakistan."}])
    corpus.save(tmp_path / "out")
    _assert_same(sc.Corpus.load(tmp_path / "out"), corpus)


def _children(pid: int) -> list[int]:
    """The pids whose parent is ``pid`` (Linux /proc)."""
    found = []
    for stat_file in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat_file.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[1]) == pid:
            found.append(int(stat_file.parent.name))
    return found


def _alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


@pytest.mark.slow
@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="needs Linux /proc to find the workers")
def test_workers_die_with_a_killed_annotate_run(tmp_path):
    big = _articles(tmp_path / "big", 4000, seed=3)
    proc = subprocess.Popen(_cli(str(big), "--out", str(tmp_path / "out"), "--workers", "2", "--batch-bytes", "100000"),
                            env=_env(),
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    workers: list[int] = []
    try:
        deadline = time.monotonic() + 120
        while len(workers) < 2 and time.monotonic() < deadline and proc.poll() is None:
            workers = _children(proc.pid)
            time.sleep(0.2)
        assert len(workers) >= 2, "the pool did not start"
        proc.send_signal(signal.SIGKILL)
        proc.wait(timeout=30)
        deadline = time.monotonic() + 15
        while any(_alive(w) for w in workers) and time.monotonic() < deadline:
            time.sleep(0.2)
        assert not [w for w in workers if _alive(w)], "workers kept running after their parent was killed"
    finally:
        for pid in [proc.pid, *workers]:
            if _alive(pid):
                os.kill(pid, signal.SIGKILL)
