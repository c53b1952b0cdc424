"""Measure kg.load() and every named query against raw pyoxigraph and rdflib, in one run, on the
same data, and report ratios (timings on a shared machine are noisy; ratios much less so).
The raw pyoxigraph baseline runs the same query text (parameters already bound) and reads each
solution's terms into a tuple; kg also converts them to Python values and entities.

    python benchmarks/bench_queries.py [--repeat 20]
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from importlib import resources

import pyoxigraph as ox
import rdflib

import kg
from kg.namespaces import sparql_prologue
from kg.sparql import bind_values


def median_seconds(func: Callable[[], object], repeat: int) -> float:
    func()  # warm-up
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        func()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=20)
    args = parser.parse_args()

    path = resources.files("kg") / "_graph" / "postsoviet-kg.nt"
    data = path.read_bytes()

    def raw_load() -> ox.Store:
        store = ox.Store()
        store.bulk_load(data, format=ox.RdfFormat.N_TRIPLES)
        return store

    load_kg = median_seconds(kg.load, max(3, args.repeat // 4))
    load_raw = median_seconds(raw_load, max(3, args.repeat // 4))
    load_rdflib = median_seconds(lambda: rdflib.Graph().parse(data=data, format="nt"), 3)
    print(f"graph: {len(data.splitlines())} triples\n")
    print(f"{'load':<30}{'kg':>10}{'oxigraph':>10}{'rdflib':>10}{'kg/ox':>8}{'rdflib/kg':>11}")
    print(f"{'kg.load()':<30}{load_kg * 1e3:>8.1f}ms{load_raw * 1e3:>8.1f}ms"
          f"{load_rdflib * 1e3:>8.0f}ms{load_kg / load_raw:>8.2f}{load_rdflib / load_kg:>11.1f}")

    g = kg.load()
    store = raw_load()
    rdf = g.rdf
    print(f"\n{'named query':<30}{'kg':>10}{'oxigraph':>10}{'rdflib':>10}{'kg/ox':>8}"
          f"{'rdflib/kg':>11}")
    ratios = []
    for name, query in kg.named_queries().items():
        bindings = g.bind_params(query, query.examples)
        text = sparql_prologue() + bind_values(
            query.text, {k: _term(v) for k, v in bindings.items()})
        t_kg = median_seconds(lambda q=name, e=query.examples: g.named_query(q, **e),
                              args.repeat)
        t_ox = median_seconds(lambda t=text: [tuple(s) for s in store.query(t)], args.repeat)
        t_rdflib = median_seconds(lambda t=text: list(rdf.query(t)), 3)
        ratios.append(t_kg / t_ox)
        print(f"{name:<30}{t_kg * 1e3:>8.2f}ms{t_ox * 1e3:>8.2f}ms{t_rdflib * 1e3:>8.1f}ms"
              f"{t_kg / t_ox:>8.2f}{t_rdflib / t_kg:>11.1f}")
    print(f"\nkg/oxigraph ratio: median {statistics.median(ratios):.2f}, max {max(ratios):.2f} "
          "(target: within 1.3x)")

    def cli() -> None:
        subprocess.run([sys.executable, "-m", "kg.cli", "query", "members-at"], check=True,
                       capture_output=True)

    def python_only() -> None:
        subprocess.run([sys.executable, "-c", "pass"], check=True)

    t_cli, t_python = median_seconds(cli, 5), median_seconds(python_only, 5)
    print(f"`kg query members-at` as a whole process: {t_cli:.2f} s "
          f"(bare Python start-up {t_python:.2f} s; target: under 1.5 s)")
    print(f"kg.load(): {load_kg:.3f} s (target: under 0.5 s)")


def _term(value):
    from kg.terms import to_oxigraph

    return to_oxigraph(value)


if __name__ == "__main__":
    main()
