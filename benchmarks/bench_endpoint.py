"""Load on `kg serve`: N concurrent clients each send M mixed named queries (the shipped
queries with their example parameters, in turn) to Oxigraph's SPARQL server on loopback, over
keep-alive HTTP/1.1 connections, and the run reports errors, dropped connections, throughput
and latency percentiles. Bounded in count (clients x queries) and in time (--deadline).

    python benchmarks/bench_endpoint.py [--clients 8] [--queries 500] [--deadline 300]
"""

from __future__ import annotations

import argparse
import http.client
import statistics
import threading
import time
import urllib.parse
import warnings

import kg
from kg.queries import _shipped_queries
from kg.server import Server


def named_query_texts(graph: kg.KnowledgeGraph) -> list[tuple[str, str]]:
    texts = []
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", kg.KGWarning)
        for name, query in sorted(_shipped_queries().items()):
            bound = graph.bind_params(query, dict(query.examples))
            texts.append((name, graph._prepare(query.text, bound)))
    return texts


def client(host: str, port: int, texts, count: int, offset: int, deadline: float,
           latencies: list[float], errors: list[str], drops: list[str]) -> None:
    connection = http.client.HTTPConnection(host, port, timeout=60)
    for i in range(count):
        if time.monotonic() > deadline:
            errors.append("deadline reached")
            break
        name, text = texts[(offset + i) % len(texts)]
        body = urllib.parse.urlencode({"query": text})
        start = time.perf_counter()
        try:
            connection.request("POST", "/query", body, {
                "Content-Type": "application/x-www-form-urlencoded",
                "Accept": "application/sparql-results+json"})
            response = connection.getresponse()
            data = response.read()
            if response.status != 200 or not data:
                errors.append(f"{name}: HTTP {response.status}")
        except (ConnectionError, http.client.HTTPException, OSError) as err:
            drops.append(f"{name}: {type(err).__name__}: {err}")
            connection.close()
            connection = http.client.HTTPConnection(host, port, timeout=60)
            continue
        latencies.append(time.perf_counter() - start)
    connection.close()


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(p / 100 * (len(ordered) - 1)))]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--clients", type=int, default=8)
    parser.add_argument("--queries", type=int, default=500, help="per client")
    parser.add_argument("--deadline", type=float, default=300, help="seconds, at most")
    args = parser.parse_args()

    graph = kg.load()
    texts = named_query_texts(graph)
    with Server(port=0) as server:
        latencies: list[float] = []
        errors: list[str] = []
        drops: list[str] = []
        deadline = time.monotonic() + args.deadline
        threads = [threading.Thread(target=client, args=(
            server.host, server.port, texts, args.queries, i * 3, deadline, latencies, errors,
            drops)) for i in range(args.clients)]
        start = time.perf_counter()
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        elapsed = time.perf_counter() - start
    total = args.clients * args.queries
    ms = [x * 1000 for x in latencies]
    print(f"{args.clients} clients x {args.queries} queries ({len(texts)} named queries, "
          f"mixed) on {server.url}, {len(graph)} triples")
    print(f"answered {len(latencies)}/{total}, errors {len(errors)}, dropped connections "
          f"{len(drops)}, in {elapsed:.2f} s: {len(latencies) / elapsed:.0f} queries/s")
    if ms:
        print(f"latency ms: p50 {percentile(ms, 50):.1f}  p90 {percentile(ms, 90):.1f}  "
              f"p99 {percentile(ms, 99):.1f}  max {max(ms):.1f}  mean {statistics.mean(ms):.1f}")
    for problem in (errors + drops)[:10]:
        print("  ", problem)
    raise SystemExit(1 if errors or drops or len(latencies) != total else 0)


if __name__ == "__main__":
    main()
