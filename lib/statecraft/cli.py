"""The ``statecraft`` command: annotate sources, run reports."""

from __future__ import annotations

import argparse
import json
import logging
import sys
from collections.abc import Sequence
from pathlib import Path

log = logging.getLogger(__name__)


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; return the exit code.

    Args:
        argv: Arguments without the program name (default: ``sys.argv[1:]``).

    Returns:
        0 on success; 1 when nothing could be processed, or with ``--strict`` when an input
        was quarantined (the output is still written); 2 on a usage error.
    """
    parser = _parser()
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.WARNING - 10 * args.verbose, format="%(levelname)s %(name)s: %(message)s")
    try:
        return args.handler(args)
    except (OSError, ValueError) as err:
        sys.stderr.write(f"statecraft {args.command}: error: {err}" + "\n")
        return 2


def _annotate(args: argparse.Namespace) -> int:
    import time
    from pathlib import Path

    from statecraft.corpus import Corpus
    from statecraft.store import StoreError, annotate_to_store, writer

    columns = _columns(args)
    named = {"text": "text_column", "title": "title_column", "published": "date_column"}
    fields = {field: columns[flag] for field, flag in named.items() if flag in columns} or None
    engines = [e for e in args.sentiment.split(",") if e] if args.sentiment else None
    out, started = Path(args.out), time.monotonic()
    new = not out.exists()
    try:
        writer.prepare(out)
        acc = annotate_to_store(args.sources, out, manifest=args.manifest, fields=fields, sentiment=engines,
                                workers=args.workers, scheduler=args.scheduler, max_chars=args.max_chars,
                                batch_bytes=args.batch_bytes, progress=not args.quiet)
    except StoreError as err:
        raise ValueError(str(err)) from None
    except BaseException:
        if new:
            writer.discard(out)
        raise
    line = Corpus.summary_line(acc)
    if not acc["documents"]:
        if new:
            writer.discard(out)
        sys.stderr.write(f"statecraft annotate: nothing could be processed ({line})" + "\n")
        return 1
    sys.stdout.write(line + "\n")
    sys.stderr.write(f"statecraft annotate: {acc['annotated']} documents annotated, {acc['skipped_unchanged']} "
                     f"unchanged skipped, {acc['batches']} batches written, {acc['removed_batches']} removed, "
                     f"{time.monotonic() - started:.1f} s; store {out}" + "\n")
    if args.strict and acc["quarantined"]:
        sys.stderr.write(f"statecraft annotate: --strict: {acc['quarantined']} input(s) quarantined; "
                         f"read them with sc.open_store(STORE).frame('quarantine')" + "\n")
        return 1
    return 0


def _columns(args: argparse.Namespace) -> dict[str, str]:
    """Return the column names given on the command line (text_column, title_column, date_column)."""
    names = {"text_column": args.text_column, "title_column": args.title_column, "date_column": args.date_column}
    return {k: v for k, v in names.items() if v}


def _add_column_flags(parser: argparse.ArgumentParser) -> None:
    where = "in CSV/JSON/JSONL records; other files keep the automatic mapping (data/sources/fields.csv)"
    parser.add_argument("--text-column", default=None, help=f"name of the text column/key {where}")
    parser.add_argument("--title-column", default=None, help=f"name of the title column/key {where}")
    parser.add_argument("--date-column", default=None, help=f"name of the publication date column/key {where}")


def _report(args: argparse.Namespace) -> int:
    from statecraft.report import run as report

    params = {**_columns(args), **dict(args.param or [])}
    try:
        run_dir = report.run_reports(
            sources=args.sources, out=args.out, params=params, per_country=args.per_country, run=args.run,
            jobs=args.jobs,
        )
    except report.ReportError as err:
        sys.stderr.write(f"statecraft report: {err}" + "\n")
        return 1
    sys.stdout.write(f"corpus: {_account_line(run_dir)}" + "\n")
    sys.stdout.write(f"reports written to {run_dir}" + "\n")
    return 0


def _account_line(run_dir: Path) -> str:
    """Return the corpus account of a report run (from its run.json)."""
    try:
        return str(json.loads((run_dir / "run.json").read_text(encoding="utf-8")).get("corpus", ""))
    except (OSError, ValueError):
        return "see index.html"


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="statecraft", description=__doc__)
    parser.add_argument("-v", "--verbose", action="count", default=0, help="more logging (-v info, -vv debug)")
    sub = parser.add_subparsers(dest="command", required=True)
    ann = sub.add_parser("annotate", help="read sources, tag them and write the frames as Parquet")
    ann.add_argument("sources", nargs="+", help="files or folders")
    ann.add_argument("--out", required=True, help="the store folder (created, or updated: only new or changed "
                     "inputs are annotated)")
    ann.add_argument("--manifest", default=None, help="manifest CSV (default: manifest.csv in a source folder)")
    ann.add_argument("--workers", type=int, default=1, help="processes to use")
    ann.add_argument("--scheduler", default=None, help="Dask scheduler address (workers read their own batches and "
                     "write into --out, which they must all see)")
    ann.add_argument("--batch-bytes", type=int, default=2 * 1024 * 1024,
                     help="input bytes per batch: memory is bounded by the batch (default 2 MiB, ~1,000 articles)")
    ann.add_argument("--quiet", action="store_true", help="no progress bar")
    ann.add_argument("--sentiment", default="textblob", help="comma-separated engines, or '' for none")
    _add_column_flags(ann)
    ann.add_argument("--strict", action="store_true", help="exit with status 1 when any input was quarantined")
    ann.add_argument("--max-chars", type=int, default=1_000_000, help="longer articles are quarantined (too_long)")
    ann.set_defaults(handler=_annotate)
    rep = sub.add_parser("report", help="run every notebook with papermill and render HTML reports")
    rep.add_argument("--sources", default=None, help="corpus folder or file (default: the bundled seeds)")
    rep.add_argument("--out", default="reports", help="reports folder")
    rep.add_argument("--run", default=None, help="run name (default: derived from the parameters)")
    rep.add_argument("-p", "--param", nargs=2, action="append", metavar=("NAME", "VALUE"), help="notebook parameter")
    rep.add_argument("--per-country", default=None, help="comma-separated alpha-3 codes: one comparison each")
    rep.add_argument("--jobs", type=int, default=1, help="notebooks executed at the same time")
    _add_column_flags(rep)
    rep.set_defaults(handler=_report)
    return parser


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
