"""``kg html``: the interactive page from the command line; and the page ``kg build`` writes
beside the graph's other artifacts. A thin shell over :mod:`kg.viz`."""

from __future__ import annotations

import argparse
from pathlib import Path

#: The page ``kg build`` writes into its output folder, next to the N-Triples.
BUILD_PAGE = "postsoviet-kg.html"


def cmd_html(args: argparse.Namespace) -> int:
    from kg.graph import load
    from kg.viz import page

    graph = load(args.graph) if args.graph else load()
    result = page(graph, network=args.network, at=args.at, focus=args.focus, depth=args.depth,
                  lang=args.lang, size_by=args.size_by)
    path = result.save(args.out)
    print(f"wrote {path} ({len(result):,} bytes)")
    return 0


def write_build_page(out: str | Path) -> Path:
    """The full-graph page of the graph just built in ``out``, written as ``out``/
    postsoviet-kg.html; byte-identical for the same graph (seeded layout, sorted data)."""
    from kg.graph import load
    from kg.viz import page

    return page(load(out)).save(Path(out) / BUILD_PAGE)


def cmd_build_with_page(args: argparse.Namespace) -> int:
    from kg.cli import cmd_build

    code = cmd_build(args)
    if code == 0:
        print(f"wrote {write_build_page(args.out)}")
    return code


def register(sub, add) -> None:
    """Add ``kg html`` to the parser, and make ``kg build`` also write the full-graph page."""
    from kg.network import MEASURES
    from kg.viz import LANGS, NETWORKS

    build = sub.choices["build"]
    build.set_defaults(func=cmd_build_with_page)
    build.description += (f" Also writes {BUILD_PAGE}, the interactive page of the whole "
                          "graph (see `kg html`).")
    p = add("html", cmd_html, "Write the interactive graph as one self-contained HTML page "
            "that works offline (file://): search in any language, filters, a date control, "
            "tooltips and a details panel with sources.", fmt=False)
    p.add_argument("out", metavar="OUT.html", help="the page to write (UTF-8)")
    p.add_argument("--network", choices=NETWORKS, default="full",
                   help="which network (default: full: states, organizations, people, events)")
    p.add_argument("--at", metavar="YYYY-MM-DD", help="show the network on this day; default: "
                   "the whole history, with a date control to move through it")
    p.add_argument("--focus", metavar="ENTITY", help="keep only what is near this entity "
                   "(id, acronym or label in any language)")
    p.add_argument("--depth", type=int, default=2, help="with --focus: how many steps from "
                   "it (default: 2)")
    p.add_argument("--lang", choices=LANGS, default="en", help="label language (default: en; "
                   "English where a label is missing)")
    p.add_argument("--size-by", choices=MEASURES, default="degree", metavar="MEASURE",
                   help="the centrality measure, on the graph shown, that sizes the nodes: "
                        f"{', '.join(MEASURES)} (default: degree)")
