"""``kg coverage``: how complete the record of meetings is, per body and decade, and which
meetings lack a row for an expected state. A thin shell over :mod:`kg.coverage`."""

from __future__ import annotations

import argparse
import json
from dataclasses import asdict


def cmd_coverage(args: argparse.Namespace) -> int:
    from kg.cli import _graph
    from kg.coverage import coverage_markdown, meeting_coverage, meeting_records

    graph = _graph(args)
    if args.markdown:
        text = coverage_markdown(graph)
        if args.out:
            with open(args.out, "w", encoding="utf-8") as handle:
                handle.write(text)
            print(f"wrote {args.out}")
        else:
            print(text, end="")
        return 0
    records = meeting_records(graph, organization=args.organization)
    if args.gaps:
        rows = [asdict(r) for r in records if not r.complete]
        if args.format == "json":
            print(json.dumps(rows, indent=2, ensure_ascii=False))
        else:
            for r in rows:
                print(f"{r['event']:<55} missing: {', '.join(r['missing'])}")
        return 0
    table = meeting_coverage(graph, records)
    if args.format == "json":
        print(json.dumps([{**asdict(r), "share": round(r.share, 3)} for r in table], indent=2))
        return 0
    print(f"{'body':<16}{'decade':<8}{'meetings':>9}{'complete':>10}{'share':>7}")
    for r in table:
        print(f"{r.organization:<16}{r.decade:<8}{r.meetings:>9}{r.complete:>10}{r.share:>7.0%}")
    return 0


def register(add) -> None:
    """Add `kg coverage` to the CLI (``add`` is make_parser's helper)."""
    p = add("coverage", cmd_coverage, "Meetings known per body and decade, and how many have "
            "complete attendance: a row (host, attendee or absent) for every state that was a "
            "member, participant, associate or frozen member of the body that day.", fmt=False)
    p.add_argument("--organization", help="only this body's meetings, e.g. CIS")
    p.add_argument("--gaps", action="store_true",
                   help="list the meetings with a gap and the states without a row")
    p.add_argument("--format", choices=("table", "json"), default="table",
                   help="output format (default: table)")
    p.add_argument("--markdown", action="store_true",
                   help="the table and every gap as Markdown (docs/coverage.md)")
    p.add_argument("--out", metavar="FILE", help="with --markdown: write here")
