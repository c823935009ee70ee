"""The statecraft command: annotate writes the frames and prints the account."""

from __future__ import annotations

from statecraft import cli
from statecraft.corpus import Corpus


def test_annotate_writes_frames_and_prints_account(seeds_dir, tmp_path, capsys):
    code = cli.main(["annotate", str(seeds_dir), "--out", str(tmp_path / "out"), "--sentiment", ""])
    assert code == 0
    assert capsys.readouterr().out.strip() == "inputs: 5, documents: 8, quarantined: 0"
    assert len(Corpus.load(tmp_path / "out").documents) == 8


def test_annotate_reports_quarantine_reasons(tmp_path, capsys):
    (tmp_path / "a.txt").write_text("Pakistan studies a Bitcoin reserve, officials said.", encoding="utf-8")
    (tmp_path / "b.txt").write_bytes(b"")
    code = cli.main(["annotate", str(tmp_path), "--out", str(tmp_path / "out"), "--sentiment", ""])
    assert code == 0
    assert capsys.readouterr().out.strip() == "inputs: 2, documents: 1, quarantined: 1 (empty: 1)"


def test_annotate_with_nothing_readable_fails(tmp_path, capsys):
    (tmp_path / "src").mkdir()
    (tmp_path / "src" / "b.txt").write_bytes(b"")
    code = cli.main(["annotate", str(tmp_path / "src"), "--out", str(tmp_path / "out")])
    assert code == 1
    assert "nothing could be processed" in capsys.readouterr().err
    assert not (tmp_path / "out").exists()


def test_missing_source_is_a_usage_error(tmp_path, capsys):
    code = cli.main(["annotate", str(tmp_path / "missing"), "--out", str(tmp_path / "out")])
    assert code == 2
    assert "source path not found" in capsys.readouterr().err
