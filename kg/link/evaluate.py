"""Evaluate the linker on hand-annotated articles: mention precision, recall and F1 per
language, date accuracy, event accuracy and claim-verdict accuracy.

    python -m kg.link.evaluate tests/fixtures/articles [--markdown]

Each article is a text file (``.txt`` or ``.md``) beside a ``.json`` annotation written by
hand: its URL, publisher and publication date; the event it reports; its mentions, in
reading order, each as ``[text, entity id or null]`` (null: a name not in the graph); its
dates as ``[text, first, last]``; and its claims with the verdict the graph should give.
A mention's offsets are those of the next occurrence of its text after the previous
mention, so the order of the list fixes them; the loader fails on a text it cannot find.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import defaultdict
from pathlib import Path


def load_article(annotation: Path) -> dict:
    gold = json.loads(annotation.read_text(encoding="utf-8"))
    text_path = next(p for p in (annotation.with_suffix(".txt"), annotation.with_suffix(".md"))
                     if p.is_file())
    text = text_path.read_text(encoding="utf-8")
    gold["name"] = annotation.stem
    gold["text"] = text
    gold["mentions"] = _place(text, gold["mentions"], annotation, "mention")
    gold["dates"] = _place(text, gold["dates"], annotation, "date")
    return gold


def _place(text: str, items: list, where: Path, what: str) -> list[dict]:
    placed, pos = [], 0
    for item in items:
        surface = item[0]
        start = text.find(surface, pos)
        if start < 0:
            raise ValueError(f"{where}: {what} {surface!r} not found after offset {pos}")
        end = start + len(surface)
        placed.append({"start": start, "end": end, "text": surface, "rest": item[1:]})
        pos = end
    return placed


def evaluate(graph, folder: Path) -> dict:
    """Scores per article and per language."""
    from kg.link import link

    articles = []
    for annotation in sorted(folder.glob("*.json")):
        gold = load_article(annotation)
        result = link(graph, gold["text"], lang=gold["lang"], date=gold["published"])
        articles.append(_score(gold, result))
    by_lang: dict[str, dict] = defaultdict(lambda: defaultdict(int))
    for a in articles:
        total = by_lang[a["lang"]]
        for key in ("tp", "predicted", "gold", "dates_right", "dates", "events_right",
                    "claims_right", "claims", "wrong_links_to_unlinked", "articles"):
            total[key] += a[key]
    return {"articles": articles,
            "languages": {lang: _rates(dict(v)) for lang, v in sorted(by_lang.items())}}


def _rates(c: dict) -> dict:
    p = c["tp"] / c["predicted"] if c["predicted"] else 1.0
    r = c["tp"] / c["gold"] if c["gold"] else 1.0
    c["precision"], c["recall"] = round(p, 3), round(r, 3)
    c["f1"] = round(2 * p * r / (p + r), 3) if p + r else 0.0
    c["date_accuracy"] = round(c["dates_right"] / c["dates"], 3) if c["dates"] else 1.0
    c["event_accuracy"] = round(c["events_right"] / c["articles"], 3)
    c["claim_accuracy"] = round(c["claims_right"] / c["claims"], 3) if c["claims"] else 1.0
    return c


def _score(gold: dict, result) -> dict:
    gold_linked = {(m["start"], m["end"], m["rest"][0]) for m in gold["mentions"]
                   if m["rest"][0] is not None}
    gold_null = [(m["start"], m["end"]) for m in gold["mentions"] if m["rest"][0] is None]
    predicted = {(m.start, m.end, m.id) for m in result.mentions}
    tp = gold_linked & predicted
    wrong_null = [p for p in predicted if any(p[0] < e and s < p[1] for s, e in gold_null)]
    dates_right, date_misses = 0, []
    for d in gold["dates"]:
        first, last = d["rest"]
        hit = [p for p in result.dates if p.start < d["end"] and d["start"] < p.end]
        if any(str(p.first) == first and str(p.last) == last for p in hit):
            dates_right += 1
        else:
            date_misses.append({"text": d["text"], "start": d["start"], "expected":
                                [first, last], "got": [[str(p.first), str(p.last)] for p in hit]})
    claims = {(c["kind"], c["subject"], str(c["object"])): c for c in result.checks}
    claims_right, claim_misses = 0, []
    for c in gold["claims"]:
        got = claims.get((c["kind"], c["subject"], str(c["object"])))
        ok = got is not None and got["verdict"] == c["verdict"] and (
            "said" not in c or got.get("said") == c["said"])
        claims_right += ok
        if not ok:
            claim_misses.append({"expected": c, "got": got and {k: got[k] for k in (
                "verdict", "facts", "said") if k in got}})
    gold_keys = {(c["kind"], c["subject"], str(c["object"])) for c in gold["claims"]}
    extra_claims = [k for k in claims if k not in gold_keys]
    top = result.events[0]["id"] if result.events else None
    return {"name": gold["name"], "lang": gold["lang"], "url": gold["url"],
            "published": gold["published"], "articles": 1,
            "tp": len(tp), "predicted": len(predicted), "gold": len(gold_linked),
            "missed": sorted((s, e, i, gold["text"][s:e]) for s, e, i in gold_linked - predicted),
            "spurious": sorted((s, e, i, gold["text"][s:e]) for s, e, i in predicted - gold_linked),
            "wrong_links_to_unlinked": len(wrong_null),
            "dates_right": dates_right, "dates": len(gold["dates"]), "date_misses": date_misses,
            "event": gold["event"], "top_event": top, "events_right": int(top == gold["event"]),
            "claims_right": claims_right, "claims": len(gold["claims"]),
            "claim_misses": claim_misses, "extra_claims": extra_claims}


def markdown(report: dict) -> str:
    lines = ["| language | articles | mentions (gold) | precision | recall | F1 | dates right | "
             "event first | claims right |", "|" + " --- |" * 9]
    for lang, c in report["languages"].items():
        lines.append(f"| {lang} | {c['articles']} | {c['gold']} | {c['precision']:.3f} | "
                     f"{c['recall']:.3f} | {c['f1']:.3f} | {c['dates_right']}/{c['dates']} | "
                     f"{c['events_right']}/{c['articles']} | {c['claims_right']}/{c['claims']} |")
    lines += ["", "| article | published | mentions P / R | dates | event first | claims | "
              "claims not in the gold |", "|" + " --- |" * 7]
    for a in report["articles"]:
        p = a["tp"] / a["predicted"] if a["predicted"] else 1.0
        r = a["tp"] / a["gold"] if a["gold"] else 1.0
        lines.append(f"| {a['name']} | {a['published']} | {p:.3f} / {r:.3f} | "
                     f"{a['dates_right']}/{a['dates']} | {'yes' if a['events_right'] else 'no'} |"
                     f" {a['claims_right']}/{a['claims']} | {len(a['extra_claims'])} |")
    return "\n".join(lines) + "\n"


def main(argv=None) -> int:
    import kg

    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("folder", nargs="?", default="tests/fixtures/articles")
    parser.add_argument("--markdown", action="store_true", help="tables for docs/linking.md")
    parser.add_argument("--details", action="store_true", help="every miss, as JSON")
    args = parser.parse_args(argv)
    report = evaluate(kg.load(), Path(args.folder))
    if args.details:
        print(json.dumps(report, ensure_ascii=False, indent=1, default=str))
    elif args.markdown:
        sys.stdout.write(markdown(report))
    else:
        print(json.dumps(report["languages"], indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
