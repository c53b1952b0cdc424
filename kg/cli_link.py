"""`kg link ARTICLE`: read a news article against the graph (see :mod:`kg.link`)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path


def cmd_link(args: argparse.Namespace) -> int:
    from kg.cli import _graph
    from kg.link import MissingExtraError, require

    try:
        require()
    except MissingExtraError as err:
        print(f"kg: error: {err}", file=sys.stderr)
        return 2
    path = Path(args.article)
    try:
        text = sys.stdin.read() if args.article == "-" else path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as err:
        print(f"kg: error: cannot read {args.article}: {getattr(err, 'strerror', None) or err}",
              file=sys.stderr)
        return 2
    graph = _graph(args)
    result = graph.link(text, lang=None if args.lang == "auto" else args.lang, date=args.date)
    if args.format == "json":
        out = result.to_json() + "\n"
    elif args.format == "md":
        out = result.to_markdown()
    else:
        out = result.to_html(graph)
    if args.out:
        Path(args.out).write_text(out, encoding="utf-8")
    else:
        sys.stdout.write(out)
    return 0


def register(add) -> None:
    """Add `kg link` to the CLI (``add`` is make_parser's helper)."""
    p = add("link", cmd_link, "Read a news article (Chinese, Russian or English) against the "
            "graph: every mention of a state, organization, person or city with its offsets "
            "and id, every date as an interval, the graph event(s) it reports, ranked, and its "
            "checkable claims (attendance, offices, memberships, founding dates, seats) each "
            "with a verdict and the graph facts and sources behind it. Needs the link extra.",
            fmt=False)
    p.add_argument("article", help="a UTF-8 text or Markdown file, or - for standard input")
    p.add_argument("--lang", choices=("auto", "zh", "ru", "en"), default="auto",
                   help="the article's language (default: auto, by its script)")
    p.add_argument("--date", metavar="YYYY-MM-DD", help="the publication date: resolves "
                   "'yesterday', dates without a year and who held an office then")
    p.add_argument("--format", choices=("json", "md", "html"), default="json",
                   help="output format (default: json)")
    p.add_argument("--out", metavar="FILE", help="write here (default: standard output)")
