"""The network commands of ``kg``: centrality, centrality-series, export-network.

They are registered by :func:`register`, called once from ``kg.cli.make_parser``.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from kg.cli import UsageError, _graph, render

NETWORKS = ("state-organization", "co-membership", "full", "co-attendance")


def _measures(values: list[str]) -> list[str]:
    from kg.network import MEASURES

    names = [m.strip() for value in values for m in value.split(",") if m.strip()]
    if names == ["all"]:
        return list(MEASURES)
    unknown = [m for m in names if m not in MEASURES]
    if unknown:
        raise UsageError(f"unknown measure {', '.join(unknown)}: expected one of "
                         f"{', '.join(MEASURES)} or all")
    return names


def _options(args: argparse.Namespace) -> dict:
    return {"organizations": args.organization or None, "status_weighted": args.status_weighted,
            "by": args.by}


def cmd_centrality(args: argparse.Namespace) -> int:
    from kg.network import centrality

    if args.at and args.period:
        raise UsageError("give --at or --period, not both")
    names = _measures([args.measure])
    if len(names) != 1:
        raise UsageError("centrality takes one measure; centrality-series takes several")
    measure = names[0]
    ranking = centrality(_graph(args), measure, args.network, at=args.at, period=args.period,
                         weighted=args.weighted, node_type=args.type, top=args.top,
                         **_options(args))
    rows = [{"rank": i, "id": s.id, "label": s.label, "type": ranking.types[s.id],
             "value": round(s.value, 6)} for i, s in enumerate(ranking, 1)]
    if ranking.components:
        for row in rows:
            row["component"] = ranking.components[row["id"]]
    columns = ["rank", "id", "label", "type", "value"] + (["component"] if ranking.components
                                                          else [])
    sys.stdout.write(render(rows, args.format, columns))
    if ranking.note:  # on standard error, like the library's other notes
        print(f"kg: note: {ranking.note}", file=sys.stderr)
    return 0


def cmd_centrality_series(args: argparse.Namespace) -> int:
    from kg.network import centrality_series
    from kg.network.series import COLUMNS

    if args.to < args.from_:
        raise UsageError(f"--to {args.to} is before --from {args.from_}")
    rows = centrality_series(_graph(args), _measures(args.measure or ["degree"]), args.network,
                             range(args.from_, args.to + 1), weighted=args.weighted,
                             node_type=args.type, **_options(args))
    fmt = args.format or ("csv" if args.out else "table")
    text = render(rows, fmt, COLUMNS)
    if args.out:
        Path(args.out).write_text(text, encoding="utf-8")
        print(f"wrote {len(rows)} rows to {args.out}")
    else:
        sys.stdout.write(text)
    return 0


def cmd_export_network(args: argparse.Namespace) -> int:
    from kg.network import export, network, timeline

    graph = _graph(args)
    if args.at and args.period:
        raise UsageError("give --at or --period, not both")
    options = _options(args)
    dated = bool(args.at or args.period)
    if args.format == "gexf" and not dated:
        export.write_dynamic_gexf(graph, args.out, args.network, options["organizations"],
                                  _measures(args.measure or list(export.DEFAULT_MEASURES)))
        print(f"wrote the whole history of {args.network} as a dynamic GEXF to {args.out}")
        return 0
    if dated:
        G = network(graph, args.network, at=args.at, period=args.period, **options)
    else:
        G = timeline(graph, args.network, **options)
    if args.format == "graphml":
        export.write_graphml(G, args.out)
    elif args.format == "gexf":
        export.write_gexf(G, args.out)
    else:
        Path(args.out).write_text(export.edge_list_csv(G), encoding="utf-8")
    when = (f"on {args.at}" if args.at else f"over {args.period[0]}..{args.period[1]}"
            if args.period else "over its whole history")
    print(f"wrote {args.network} {when} ({G.number_of_nodes()} nodes, "
          f"{G.number_of_edges()} edges) to {args.out}")
    return 0


def _network_options(p: argparse.ArgumentParser, dated: bool = True) -> None:
    p.add_argument("--network", choices=NETWORKS, default="co-membership",
                   help="which network (default: co-membership); see docs/network.md")
    if dated:
        p.add_argument("--at", metavar="YYYY-MM-DD", help="the day (default: today)")
        p.add_argument("--period", nargs=2, metavar=("FIRST", "LAST"),
                       help="a period instead of one day (both days included)")
    p.add_argument("--organization", action="append", metavar="ORG",
                   help="only this organization's memberships and events; repeatable")
    p.add_argument("--status-weighted", action="store_true",
                   help="co-membership: weight shared organizations by the weaker status")
    p.add_argument("--by", choices=("person", "state"), default="person",
                   help="co-attendance: link people (default) or the states they represent")


def _measure_options(p: argparse.ArgumentParser) -> None:
    p.add_argument("--weighted", action="store_true",
                   help="use edge weights (paths: distance 1/weight)")
    p.add_argument("--type", choices=("state", "organization", "person", "event"),
                   help="only nodes of this type")


def register(add) -> None:
    """Add the network commands with ``add(name, func, help, graph=..., fmt=...)`` (the
    helper of ``kg.cli.make_parser``)."""
    p = add("centrality", cmd_centrality, "Rank the nodes of a network on a day (or over a "
            "period) by a centrality measure: degree, weighted-degree, betweenness, closeness, "
            "eigenvector, pagerank, k-core, bipartite-degree, bipartite-betweenness, "
            "bipartite-closeness.")
    p.add_argument("--measure", default="degree", help="the measure (default: degree)")
    _network_options(p)
    _measure_options(p)
    p.add_argument("--top", type=int, metavar="N", help="only the first N")

    p = add("centrality-series", cmd_centrality_series, "Centrality year by year (each year "
            "on 31 December; co-attendance: over the whole year) as a tidy table: one row per "
            "year, measure and node.", fmt=False)
    p.add_argument("--measure", action="append", default=[], metavar="MEASURE",
                   help="a measure, a comma-separated list, or all; repeatable "
                        "(default: degree)")
    _network_options(p, dated=False)
    _measure_options(p)
    p.add_argument("--from", dest="from_", type=int, default=1991, metavar="YEAR",
                   help="first year (default: 1991)")
    p.add_argument("--to", type=int, default=2026, metavar="YEAR",
                   help="last year (default: 2026)")
    p.add_argument("--out", metavar="FILE", help="write here (CSV unless --format says "
                   "otherwise) instead of standard output")
    p.add_argument("--format", choices=("table", "csv", "json"),
                   help="output format (default: table, or csv with --out)")

    p = add("export-network", cmd_export_network, "Write a network as GraphML, GEXF or a CSV "
            "edge list. Without --at or --period: the whole history; as GEXF it is dynamic "
            "(spells, status and weight over time, yearly centrality), for Gephi's timeline.",
            fmt=False)
    _network_options(p)
    p.add_argument("--format", choices=("graphml", "gexf", "csv"), required=True,
                   help="file format")
    p.add_argument("--out", required=True, metavar="FILE", help="the file to write")
    p.add_argument("--measure", action="append", default=[], metavar="MEASURE",
                   help="dynamic GEXF: yearly centrality measures to include (default: "
                        "degree,betweenness,eigenvector)")
