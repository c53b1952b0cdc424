"""The interactive page: file size, and time from load to a stable drawing in headless Chromium,
for the full bundled graph and for a synthetic 2,000-node graph, against pyvis's default output
for the same graph.

    python benchmarks/bench_html.py [--repeat 3] [--pyvis-timeout 180]

Every page is opened from file:// with every request that is not file:, data:, about: or
blob: aborted (and DNS mapped to nothing), as in the tests. pyvis's default page
(``Network()``, ``cdn_resources="local"``, ``from_nx`` on a copy, ``write_html``) loads
vis-network and Bootstrap from CDNs, so offline it draws nothing: the script says so and
counts the requests it tried. To time pyvis's physics anyway, it also opens a copy of that
page whose vis-network links point at the ``lib/`` folder ``write_html`` wrote beside it.
"""

from __future__ import annotations

import argparse
import os
import random
import re
import statistics
import sys
import tempfile
import time
from contextlib import chdir
from datetime import date, timedelta
from pathlib import Path

import networkx as nx

import kg
from kg.network import timeline
from kg.viz import from_networkx, page

CHROMIUM = "/usr/bin/chromium"
ALLOWED = ("file:", "data:", "about:", "blob:")
ARGS = ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync",
        "--host-resolver-rules=MAP * ~NOTFOUND"]


def synthetic(n_nodes: int = 2000, seed: int = 1) -> nx.Graph:
    """A graph in kg.network's timeline shape: 80 states, 40 organizations, 880 people and
    1,000 events, with memberships, tenures, participations and spells."""
    rng = random.Random(seed)
    G = nx.Graph()
    counts = {"state": 80, "organization": 40, "person": 880}
    counts["event"] = n_nodes - sum(counts.values())
    day0 = date(1991, 12, 8)

    def iso(days: int) -> str:
        return (day0 + timedelta(days=days)).isoformat()

    ids = {kind: [f"{kind[:3]}{i}" for i in range(count)] for kind, count in counts.items()}
    for kind, names in ids.items():
        for name in names:
            G.add_node(name, type=kind, label=f"{kind} {name}",
                       labels={"en": f"{kind} {name}", "ru": f"узел {name}",
                               "zh": f"节点{name}"}, aliases=[name.upper()], sources=[])
    for org in ids["organization"]:
        for state in rng.sample(ids["state"], rng.randint(3, 25)):
            start = rng.randint(0, 9000)
            end = None if rng.random() < 0.6 else start + rng.randint(200, 4000)
            G.add_edge(state, org, relation="membership", weight=1.0,
                       status=rng.choice(["member"] * 6 + ["observer", "associate"]),
                       spells=[(iso(start), iso(end) if end else None)], sources=[])
    for person in ids["person"]:
        start = rng.randint(0, 10000)
        G.add_edge(person, rng.choice(ids["state"]), relation="tenure", weight=1.0,
                   spells=[(iso(start), iso(start + rng.randint(300, 3000)))], sources=[])
    for event in ids["event"]:
        start = rng.randint(0, 12000)
        spell = [(iso(start), iso(start + 2))]
        G.nodes[event].update(kind="summit", start=iso(start), spells=spell)
        G.add_edge(event, rng.choice(ids["organization"]), relation="event-organization",
                   weight=1.0, spells=spell, sources=[])
        for person in rng.sample(ids["person"], rng.randint(2, 6)):
            G.add_edge(event, person, relation="participation", weight=1.0, spells=spell,
                       sources=[])
    for node in G:
        if "spells" not in G.nodes[node]:
            spells = [s for _, _, d in G.edges(node, data=True) for s in d["spells"]]
            ends = [e for _, e in spells]
            G.nodes[node]["spells"] = [(min(s for s, _ in spells),
                                        None if None in ends else max(ends))]
    return G


def pyvis_default(graph: nx.Graph, folder: Path) -> Path:
    """pyvis's default page for the graph, as its documentation writes it."""
    from pyvis.network import Network

    net = Network()
    net.from_nx(graph.copy())  # from_nx changes the graph it is given
    with chdir(folder):  # write_html writes lib/ into the current directory
        net.write_html("pyvis.html")
    return folder / "pyvis.html"


def pyvis_local_copy(path: Path) -> Path:
    """The pyvis page with its vis-network CDN links pointed at the lib/ it wrote."""
    text = path.read_text(encoding="utf-8")
    text = re.sub(r'<link rel="stylesheet" href="https://cdnjs[^"]*vis-network[^"]*"[^>]*>',
                  '<link rel="stylesheet" href="lib/vis-9.1.2/vis-network.css">', text)
    text = re.sub(r'<script src="https://cdnjs[^"]*vis-network[^"]*"[^>]*></script>',
                  '<script src="lib/vis-9.1.2/vis-network.min.js"></script>', text)
    local = path.with_name("pyvis-local.html")
    local.write_text(text, encoding="utf-8")
    return local


def folder_size(path: Path) -> int:
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file())


def open_page(context, path: Path, ready: list[str], timeout_s: float) -> dict:
    """Open ``path``; return the ms from navigation start to each of the ``ready``
    expressions becoming true in turn (None once one times out), the requests refused and
    the page errors."""
    tab = context.new_page()
    refused, errors = [], []
    tab.on("pageerror", lambda e: errors.append(str(e)))
    tab.on("console", lambda m: m.type == "error" and errors.append(m.text))

    def route(r):
        if r.request.url.startswith(ALLOWED):
            r.continue_()
        else:
            refused.append(r.request.url)
            r.abort()

    tab.route("**/*", route)
    started = time.perf_counter()
    times: list[float | None] = []
    try:  # a page busy with physics may not fire "load" for minutes
        tab.goto(path.as_uri(), wait_until="commit", timeout=timeout_s * 1000)
        for expression in ready:
            left = timeout_s - (time.perf_counter() - started)
            tab.wait_for_function(f"() => {expression}", timeout=max(left, 0.1) * 1000,
                                  polling=20)
            times.append(tab.evaluate("performance.now()"))
    except Exception:  # timed out, or the page never defined what it waits for
        pass
    times += [None] * (len(ready) - len(times))
    tab.close()
    return {"ms": times, "refused": refused, "errors": errors}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--pyvis-timeout", type=float, default=180.0,
                        help="seconds to wait for pyvis's physics to stabilise")
    args = parser.parse_args()
    if not os.access(CHROMIUM, os.X_OK):
        sys.exit("needs Debian's chromium at /usr/bin/chromium")
    from playwright.sync_api import sync_playwright

    g = kg.load()
    graphs = {"full bundled graph": lambda: (timeline(g), lambda: page(g)),
              "synthetic 2,000 nodes": lambda: (synthetic(), None)}
    ours_ready = "window.kgView && window.kgView.ready !== null"
    pyvis_ready = [  # its loading bar at 100% (the first view), then the nodes at rest
        "document.getElementById('text') && document.getElementById('text').innerHTML === "
        "'100%' || (window.network && network.physics.stabilized === true)",
        "window.network && network.physics.stabilized === true"]
    rows = []
    with tempfile.TemporaryDirectory() as tmp, sync_playwright() as p:
        context = p.chromium.launch_persistent_context(
            str(Path(tmp) / "profile"), executable_path=CHROMIUM, args=ARGS, headless=True,
            viewport={"width": 1400, "height": 900})
        for name, make in graphs.items():
            graph, build = make()
            folder = Path(tmp) / name.split()[0]
            folder.mkdir()
            started = time.perf_counter()
            ours = (build() if build else from_networkx(graph, title=name)).save(
                folder / "ours.html")
            build_s = time.perf_counter() - started
            times = [open_page(context, ours, [ours_ready], 60) for _ in range(args.repeat)]
            assert all(not t["refused"] and not t["errors"] for t in times), times
            default = pyvis_default(graph, folder)
            offline = open_page(context, default, ["window.network !== undefined"], 10)
            local = open_page(context, pyvis_local_copy(default), pyvis_ready,
                              args.pyvis_timeout)
            rows.append({
                "graph": f"{name} ({graph.number_of_nodes()} nodes, "
                         f"{graph.number_of_edges()} edges)",
                "ours_bytes": ours.stat().st_size, "ours_build_s": build_s,
                "ours_ms": statistics.median(t["ms"][0] for t in times),
                "pyvis_bytes": default.stat().st_size,
                "pyvis_lib_bytes": folder_size(folder / "lib"),
                "pyvis_offline_drew": offline["ms"][0] is not None,
                "pyvis_offline_refused": len(offline["refused"]),
                "pyvis_local_ms": local["ms"],
            })
        context.close()
    print("| graph | kg.viz page | kg.viz load to drawn, stable | pyvis default page "
          "(+ lib/ it writes) | pyvis default offline | pyvis default, CDN links pointed at "
          "its lib/: load to first view; to nodes at rest |")
    print("|---|---|---|---|---|---|")
    for r in rows:
        local = "; ".join(f"{ms / 1000:.1f} s" if ms is not None
                          else f"not after {args.pyvis_timeout:.0f} s"
                          for ms in r["pyvis_local_ms"])
        print(f"| {r['graph']} | {r['ours_bytes'] / 1e6:.2f} MB (written in "
              f"{r['ours_build_s']:.1f} s) | {r['ours_ms'] / 1000:.2f} s (median of "
              f"{args.repeat}) | {r['pyvis_bytes'] / 1e6:.2f} MB + {r['pyvis_lib_bytes'] / 1e6:.2f}"
              f" MB | {'drew' if r['pyvis_offline_drew'] else 'draws nothing'}: "
              f"{r['pyvis_offline_refused']} requests to CDNs refused | {local} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
