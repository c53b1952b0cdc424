"""Time yearly centrality series (1991-2026, every measure) with kg.network against a naive
baseline that rebuilds each year's graph from SPARQL, and report the ratios.

kg.network fetches every fact once through the library and filters it in Python per year; the
baseline runs one SPARQL query per year (the memberships held on that day), builds the
networkx graph from the rows and computes the same measures with the same networkx functions.
Both start from a freshly loaded graph (loading is not timed), so kg.network's one-off fetch
is counted. "graphs only" times the yearly graphs without the measures; "kg warm" the same
once the facts are fetched (a second series on the same graph). The baseline covers
the two membership networks (state-organization and co-membership); the full and
co-attendance networks are timed for kg.network alone.

    python benchmarks/bench_network.py [--repeat 3] [--graph PATH]

``--graph`` runs on another built graph. The worldwide Correlates of War import (1816-2014,
``kg import-cow --combined all.nt``) runs with ``--graph all.nt --from 1816 --to 2014``.
"""

from __future__ import annotations

import argparse
import statistics
import time
import warnings
from collections.abc import Callable
from datetime import date
from itertools import combinations

import networkx as nx

import kg
from kg.network import KINDS, MEASURES, centrality_series, network
from kg.network.measures import BIPARTITE, scores
from kg.notices import KGWarning

YEARS = range(1991, 2027)

NAIVE_QUERY = """
SELECT ?sid ?slabel ?oid ?olabel ?status WHERE {
  ?m a org:Membership ; org:member ?s ; org:organization ?o ;
     psk:status/skos:notation ?status ; schema:startDate ?start .
  OPTIONAL { ?m schema:endDate ?end }
  FILTER(?start <= ?at && (!BOUND(?end) || ?end > ?at))
  ?s dcterms:identifier ?sid ; skos:prefLabel ?slabel . FILTER(lang(?slabel) = "en")
  ?o dcterms:identifier ?oid ; skos:prefLabel ?olabel . FILTER(lang(?olabel) = "en")
}"""


def measures_for(kind: str) -> list[str]:
    return [m for m in MEASURES if kind == "state-organization" or m not in BIPARTITE]


def naive_series(g, kind: str, measures: bool = True) -> int:
    """The baseline: per year, one SPARQL query, a new networkx graph, every measure (or,
    with ``measures=False``, only the graphs)."""
    rows = 0
    for year in YEARS:
        day = date(year, 12, 31)
        G = nx.Graph(kind=kind)
        found = g.query(NAIVE_QUERY, at=day) if day >= kg.network.START else []
        if kind == "state-organization":
            for r in found:
                G.add_node(r["sid"], label=str(r["slabel"]), type="state", bipartite=0)
                G.add_node(r["oid"], label=str(r["olabel"]), type="organization", bipartite=1)
                G.add_edge(r["sid"], r["oid"], status=r["status"])
        else:
            by_org: dict[str, set[str]] = {}
            for r in found:
                G.add_node(r["sid"], label=str(r["slabel"]), type="state")
                by_org.setdefault(r["oid"], set()).add(r["sid"])
            for members in by_org.values():
                for u, v in combinations(sorted(members), 2):
                    weight = G.edges[u, v]["weight"] + 1 if G.has_edge(u, v) else 1.0
                    G.add_edge(u, v, weight=weight)
        for measure in measures_for(kind) if measures else ():
            rows += len(scores(G, measure))
    return rows


def our_graphs(g, kind: str) -> int:
    """kg.network's graphs alone, one per year."""
    return sum(len(network(g, kind, at=date(year, 12, 31))) for year in YEARS)


def seconds(make: Callable[[], object], load: Callable[[], object], repeat: int) -> float:
    """The median time of ``make(g)`` on a freshly loaded graph ``g`` (loading not timed)."""
    times = []
    for _ in range(repeat):
        g = load()
        start = time.perf_counter()
        make(g)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--graph", metavar="PATH", help="a built graph (default: the bundled)")
    parser.add_argument("--from", dest="first", type=int, default=1991, help="first year")
    parser.add_argument("--to", dest="last", type=int, default=2026, help="last year")
    parser.add_argument("--kinds", default=",".join(KINDS),
                        help="networks to time, comma-separated (default: all four)")
    parser.add_argument("--workers", type=int, default=1, help="processes for the measures "
                        "(default: 1, as the library and the naive baseline)")
    args = parser.parse_args()
    warnings.simplefilter("ignore", KGWarning)  # the as-of note for 2026-12-31, once per run

    global YEARS
    YEARS = range(args.first, args.last + 1)

    def load():
        graph = kg.load(args.graph) if args.graph else kg.load()
        if args.first < 1991:  # a worldwide graph (kg import-cow --combined): networks from 1816
            graph.network_start = date(1816, 1, 1)
        return graph

    g = load()
    print(f"graph: {len(g)} triples; years {YEARS.start}-{YEARS.stop - 1}; "
          f"median of {args.repeat} runs, each on a freshly loaded graph; measures on "
          f"{args.workers} process(es)\n")
    print(f"{'network':<20}{'measures':>9}{'rows':>8}{'kg.network':>12}{'naive':>10}"
          f"{'naive/kg':>10}{'graphs only: kg':>17}{'naive':>9}{'naive/kg':>10}"
          f"{'kg warm':>9}")
    total = 0.0
    for kind in args.kinds.split(","):
        measures = measures_for(kind)
        rows = len(centrality_series(g, measures, kind, YEARS, workers=args.workers))
        ours = seconds(lambda g, k=kind, m=measures: centrality_series(
            g, m, k, YEARS, workers=args.workers), load, args.repeat)
        total += ours
        graphs = seconds(lambda g, k=kind: our_graphs(g, k), load, args.repeat)
        our_graphs(g, kind)  # g's facts are now fetched
        warm = seconds(lambda h, k=kind: our_graphs(h, k), lambda: g, args.repeat)
        if kind in ("state-organization", "co-membership"):
            naive = seconds(lambda g, k=kind: naive_series(g, k), load, args.repeat)
            naive_graphs = seconds(lambda g, k=kind: naive_series(g, k, False), load,
                                   args.repeat)
            baseline = (f"{naive:>9.2f}s{naive / ours:>10.1f}{graphs:>16.2f}s"
                        f"{naive_graphs:>8.2f}s{naive_graphs / graphs:>10.1f}")
        else:
            baseline = f"{'-':>10}{'-':>10}{graphs:>16.2f}s{'-':>9}{'-':>10}"
        print(f"{kind:<20}{len(measures):>9}{rows:>8}{ours:>11.2f}s{baseline}{warm:>8.2f}s")
    print(f"\nthese networks, every measure, {args.first}-{args.last}: {total:.2f} s with "
          "kg.network (target on the bundled graph, 1991-2026, all four: under 5 s)")
    print("the worldwide COW graph: kg import-cow ... --combined all.nt, then --graph all.nt "
          "--from 1816 --to 2014 (figures in docs/network.md)")


if __name__ == "__main__":
    main()
