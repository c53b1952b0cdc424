"""The worldwide workload: the full Correlates of War IGO import (time and peak memory, in a
child process of its own), then members-at-date and named queries on the combined graph
(curated + COW), Oxigraph (kg) against rdflib's in-memory store on the same query text, in one
run; then the yearly centrality series 1816-2014 and the HTML page of a focused subgraph.
Needs the COW files (default ../shared/data/cow-igo-v3).

    python benchmarks/bench_cow.py [--cow DIR] [--repeat 5] [--co-membership]
"""

from __future__ import annotations

import argparse
import resource
import statistics
import subprocess
import sys
import tempfile
import time
import warnings
from pathlib import Path

import kg
from kg.cow_import import load_combined
from kg.queries import _shipped_queries

sys.path.insert(0, str(Path(__file__).parent))
from bench_queries import median_seconds as timed

IMPORT = """
import resource, sys, time
from kg.cow_import import import_cow
start = time.perf_counter()
report = import_cow(sys.argv[1] + "/state_year_formatv3.csv.gz",
                    sys.argv[1] + "/igo_year_formatv3.csv.gz", out=sys.argv[2],
                    show_progress=False)
elapsed = time.perf_counter() - start
peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
print(f"{elapsed:.2f} {peak:.0f} {report.memberships} {report.triples}")
"""

QUERIES = [  # (what, named query or None for g.members, parameters)
    ("members-at UN 2000-06-01", "members-at", {"org": "UN", "at": "2000-06-01"}),
    ("members-at CIS 2010-01-01", "members-at", {"org": "CIS", "at": "2010-01-01"}),
    ("organizations-of-state-at RUS 2010", "organizations-of-state-at",
     {"state": "RUS", "at": "2010-01-01"}),
    ("states-in-n-organizations n=50 2010", "states-in-n-organizations",
     {"n": 50, "at": "2010-01-01"}),
    ("overlapping-memberships UN WMO 2000", "overlapping-memberships",
     {"org1": "UN", "org2": "WMO", "at": "2000-01-01"}),
    ("membership-history RUS", "membership-history", {"state": "RUS"}),
]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cow", default="../shared/data/cow-igo-v3")
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--co-membership", action="store_true",
                        help="also the co-membership series (about 100 s here)")
    args = parser.parse_args()
    cow = Path(args.cow)
    with tempfile.TemporaryDirectory() as scratch:
        out = Path(scratch) / "cow.nt"
        done = subprocess.run([sys.executable, "-c", IMPORT, str(cow), str(out)],
                              capture_output=True, text=True, check=True)
        seconds, peak, memberships, triples = done.stdout.split()
        print(f"full COW import: {float(seconds):.1f} s, peak memory {int(peak)} MiB, "
              f"{memberships} membership intervals, {triples} triples")
        start = time.perf_counter()
        graph = load_combined(out)
        print(f"load_combined: {time.perf_counter() - start:.2f} s, {len(graph)} triples, "
              f"{len(graph.entities('organization'))} organizations")
        start = time.perf_counter()
        graph.rdf  # noqa: B018 - parse once for rdflib's engine
        print(f"rdflib parse of the combined graph: {time.perf_counter() - start:.1f} s")
        print(f"{'query':<40}{'oxigraph':>10}{'rdflib':>10}{'ratio':>8}  rows")
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", kg.KGWarning)
            start = time.perf_counter()
            members = graph.members("UN", at="2000-06-01")
            first = time.perf_counter() - start  # builds the source index once
            again = timed(lambda: graph.members("UN", at="2000-06-01"), args.repeat)
            print(f"{'g.members(UN, 2000-06-01), first call':<40}{first:>9.3f}s")
            print(f"{'g.members(UN, 2000-06-01), again':<40}{again:>9.3f}s"
                  f"{'':>10}{'':>8}  {len(members)}")
            for day in ("1900-01-01", "1950-01-01", "2014-06-01"):
                seconds = timed(lambda d=day: graph.members("UN", at=d, status=None),
                                args.repeat)
                print(f"{'g.members(UN, ' + day + ', any status)':<40}{seconds:>9.3f}s")
            ratios = []
            for what, name, params in QUERIES:
                query = _shipped_queries()[name]
                ox_rows = graph.named_query(name, **params)
                ox_s = timed(lambda n=name, p=params: graph.named_query(n, **p), args.repeat)
                start = time.perf_counter()  # once: rdflib takes seconds a query here
                rdflib_rows = graph.named_query(name, engine="rdflib", **params)
                rd_s = time.perf_counter() - start
                assert sorted(map(repr, ox_rows)) == sorted(map(repr, rdflib_rows)), what
                ratios.append(rd_s / ox_s)
                print(f"{what:<40}{ox_s:>9.3f}s{rd_s:>9.2f}s{rd_s / ox_s:>7.0f}x  "
                      f"{len(ox_rows)}  ({query.name})")
        print(f"rdflib / oxigraph: min {min(ratios):.0f}x, median "
              f"{statistics.median(ratios):.0f}x")
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", kg.KGWarning)
            for network in ("state-organization", "co-membership")[:1 + args.co_membership]:
                start = time.perf_counter()
                rows = graph.centrality_series(
                    "degree", network=network, years=range(1816, 2015),
                    node_type="state" if network == "state-organization" else None)
                print(f"centrality_series(degree, {network}, 1816-2014): "
                      f"{time.perf_counter() - start:.1f} s, {len(rows)} rows")
            start = time.perf_counter()
            from kg.viz import page

            html = page(graph, focus="CIS", depth=1, at="2010-01-01")
            print(f"HTML page of CIS and its neighbours, 2010: "
                  f"{time.perf_counter() - start:.2f} s, {len(html)} bytes")
        print(f"this process's peak memory: "
              f"{resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MiB")


if __name__ == "__main__":
    main()
