"""Centrality measures on the networks, each one networkx's own function, with a defined
answer for the awkward cases.

Measures (``MEASURES``)
-----------------------
``degree``               number of neighbours (networkx ``G.degree``), not normalized
``weighted-degree``      sum of the edges' weights (``G.degree(weight="weight")``)
``betweenness``          ``nx.betweenness_centrality``, normalized by the whole graph's size
``closeness``            ``nx.closeness_centrality`` with Wasserman-Faust scaling
                         (``wf_improved=True``): a node that reaches few others scores low
``eigenvector``          ``nx.eigenvector_centrality_numpy`` computed **per connected
                         component** (``nx.eigenvector_centrality`` for two-node ones)
``pagerank``             ``nx.pagerank`` (damping 0.85)
``k-core``               ``nx.core_number``: the largest k of a k-core holding the node
``bipartite-degree``     ``bipartite.degree_centrality``   (state-organization only)
``bipartite-betweenness`` ``bipartite.betweenness_centrality`` (state-organization only)
``bipartite-closeness``  ``bipartite.closeness_centrality`` (state-organization only)

With ``weighted=True``, eigenvector and PageRank use the edges' ``weight``, and betweenness
and closeness a distance of ``1 / weight`` (a stronger tie is a shorter path); otherwise every
edge counts one. Degree is never weighted; weighted degree always is.

Values are rounded to 12 decimals, so that equal values tie exactly and ties rank by id.

Awkward cases, answered the same way every time
-----------------------------------------------
* An empty network (a date before 1991-12-08, or an organization that did not exist yet)
  gives an empty ranking whose ``note`` says why; never an error.
* A single node scores 0 on every measure except PageRank (1.0); so does every node of a
  bipartite network with only one side present, on the bipartite measures.
* Yearly snapshots are disconnected. Power iteration over the whole graph would not converge
  or would give ~0 outside the main component, so eigenvector centrality is computed within
  each component (components numbered 0, 1, ... by decreasing size) and normalized there:
  values compare within a component, not across. An isolated node scores 0 (no neighbour,
  no centrality). The ranking's ``components`` and ``note`` say so.
* ``bipartite.sets()`` refuses a disconnected graph, so the state side is passed explicitly
  (the nodes whose ``type`` is ``state``). Bipartite closeness is networkx's definition
  (Borgatti and Halgin's normalization times the reachable fraction), which can exceed 1 in a
  disconnected graph.
* A node absent from the network (a state that did not exist yet, or held no membership of
  the organizations considered) has no value at all, never 0.
"""

from __future__ import annotations

import math
from typing import Any, NamedTuple

import networkx as nx
from networkx.algorithms import bipartite

BIPARTITE = ("bipartite-degree", "bipartite-betweenness", "bipartite-closeness")
MEASURES = ("degree", "weighted-degree", "betweenness", "closeness", "eigenvector",
            "pagerank", "k-core", *BIPARTITE)


class Score(NamedTuple):
    """One node's value: ``(id, label, value)``."""

    id: str
    label: str
    value: float


class Ranking(list):
    """A list of :class:`Score`, highest value first (ties by id), with what produced it:
    ``measure``, ``network``, ``first`` and ``last`` (the days covered), ``note`` (why it is
    empty, or how to read it), ``types`` {id: node type} and ``components``
    {id: component number} (eigenvector only)."""

    def __init__(self, scores=(), *, measure: str = "", network: str = "", first=None,
                 last=None, note: str = "", types=None, components=None):
        super().__init__(scores)
        self.measure, self.network, self.first, self.last = measure, network, first, last
        self.note = note
        self.types: dict[str, str] = types or {}
        self.components: dict[str, int] = components or {}


def _check(measure: str, G: nx.Graph) -> None:
    if measure not in MEASURES:
        raise ValueError(f"unknown measure {measure!r}: expected one of {', '.join(MEASURES)}")
    if measure in BIPARTITE and G.graph.get("kind", "state-organization") != "state-organization":
        raise ValueError(f"{measure} needs the bipartite state-organization network, "
                         f"not {G.graph.get('kind')}")


def components(G: nx.Graph) -> dict[str, int]:
    """Each node's connected component: 0 for the largest, then by size (ties by first id).

    >>> components(nx.Graph([("a", "b"), ("c", "d"), ("d", "e")]))
    {'c': 0, 'd': 0, 'e': 0, 'a': 1, 'b': 1}
    """
    found = sorted((sorted(c) for c in nx.connected_components(G)), key=lambda c: (-len(c), c))
    return {n: i for i, nodes in enumerate(found) for n in nodes}


def _eigenvector(G: nx.Graph, weight: str | None) -> dict[Any, float]:
    values: dict[Any, float] = {}
    for nodes in nx.connected_components(G):
        if len(nodes) == 1:
            values[next(iter(nodes))] = 0.0
        elif len(nodes) == 2:  # ARPACK needs three nodes; power iteration is exact here
            values.update(nx.eigenvector_centrality(G.subgraph(nodes), weight=weight))
        else:
            values.update(nx.eigenvector_centrality_numpy(G.subgraph(nodes), weight=weight))
    return values


def _with_distance(G: nx.Graph) -> nx.Graph:
    H = G.copy()
    for _, _, data in H.edges(data=True):
        data["distance"] = 1.0 / data.get("weight", 1.0)
    return H


def scores(G: nx.Graph, measure: str, weighted: bool = False) -> dict[Any, float]:
    """Every node's value of ``measure`` on ``G`` (any networkx graph; bipartite measures need
    ``type="state"`` on one side or ``bipartite=0``).

    >>> star = nx.star_graph(3)          # 0 is the hub of 1, 2, 3
    >>> scores(star, "degree")[0], scores(star, "betweenness")[0], scores(star, "k-core")[1]
    (3.0, 1.0, 1.0)
    """
    _check(measure, G)
    if G.number_of_nodes() == 0:
        return {}
    weight = "weight" if weighted else None
    if measure == "degree":
        found = dict(G.degree())
    elif measure == "weighted-degree":
        found = dict(G.degree(weight="weight"))
    elif measure == "betweenness":
        H = _with_distance(G) if weighted else G
        found = nx.betweenness_centrality(H, weight="distance" if weighted else None)
    elif measure == "closeness":
        H = _with_distance(G) if weighted else G
        found = nx.closeness_centrality(H, distance="distance" if weighted else None,
                                        wf_improved=True)
    elif measure == "eigenvector":
        found = _eigenvector(G, weight)
    elif measure == "pagerank":
        found = nx.pagerank(G, weight=weight)
    elif measure == "k-core":
        found = nx.core_number(G)
    else:
        states = [n for n, d in G.nodes(data=True)
                  if d.get("type") == "state" or d.get("bipartite") == 0]
        function = {"bipartite-degree": bipartite.degree_centrality,
                    "bipartite-betweenness": bipartite.betweenness_centrality,
                    "bipartite-closeness": bipartite.closeness_centrality}[measure]
        if measure == "bipartite-betweenness" and 0 < len(states) < len(G) and \
                1 in (len(states), len(G) - len(states)):
            found = _star_betweenness(G, states)
        else:
            # one side missing: no affiliation at all, so every node scores 0
            found = (function(G, states) if 0 < len(states) < len(G)
                     else dict.fromkeys(G, 0.0))
    # rounded, so that equal values compare equal and ties fall back to the id; eigenvector
    # values come from ARPACK, which starts from a random vector, so only 9 digits repeat
    digits = 9 if measure == "eigenvector" else 12
    values = {n: round(float(v), digits) for n, v in found.items()}
    bad = [n for n, v in values.items() if not math.isfinite(v)]
    if bad:  # never hand a NaN to the user to guess about
        raise ArithmeticError(f"{measure} is not finite for {', '.join(map(str, bad))}")
    return values


def _star_betweenness(G: nx.Graph, states: list) -> dict:
    """Bipartite betweenness when one side is a single node (one organization in 1816, or one
    state): networkx normalizes each side by the largest betweenness it could have, which is 0
    on the many-node side, and divides 0 by 0. No shortest path passes through a node of that
    side (0); the single node lies on every path between two of its neighbours, which is the
    most it could (1, networkx's own value), or on none if it has fewer than two (0).

    >>> G = nx.Graph([("A", "O"), ("B", "O"), ("C", "O")])
    >>> for n in "ABC": G.nodes[n]["type"] = "state"
    >>> _star_betweenness(G, ["A", "B", "C"])
    {'A': 0.0, 'O': 1.0, 'B': 0.0, 'C': 0.0}
    """
    side = set(states)
    single = next(iter(side)) if len(side) == 1 else next(n for n in G if n not in side)
    return {n: (1.0 if n == single and G.degree(n) >= 2 else 0.0) for n in G}


def rank(G: nx.Graph, measure: str, weighted: bool = False, node_type: str | None = None,
         top: int | None = None) -> Ranking:
    """``scores`` as a :class:`Ranking`: highest first, ties by id; only nodes of
    ``node_type`` if given; the first ``top`` if given.

    >>> G = nx.Graph([("a", "b"), ("b", "c")])
    >>> list(rank(G, "degree"))
    [Score(id='b', label='b', value=2.0), Score(id='a', label='a', value=1.0), Score(id='c', label='c', value=1.0)]
    """  # noqa: E501
    values = scores(G, measure, weighted)
    types = {n: G.nodes[n].get("type", "") for n in G}
    ordered = sorted((n for n in values if node_type is None or types[n] == node_type),
                     key=lambda n: (-values[n], str(n)))[:top]
    # an empty network's note says why; a date after the data's as-of date already warned
    notes = [G.graph.get("note", "") if G.number_of_nodes() == 0 else ""]
    component = {}
    if measure == "eigenvector" and G.number_of_nodes():
        component = components(G)
        count = max(component.values()) + 1
        if count > 1:
            notes.append(f"eigenvector centrality computed within each of {count} connected "
                         "components (0 = largest) and normalized there; isolated nodes score "
                         "0; compare values within a component only")
    return Ranking((Score(str(n), G.nodes[n].get("label", str(n)), values[n]) for n in ordered),
                   measure=measure, network=G.graph.get("kind", ""),
                   first=G.graph.get("first"), last=G.graph.get("last"),
                   note="; ".join(n for n in notes if n),
                   types={n: types[n] for n in ordered},
                   components={n: component[n] for n in ordered if n in component})


def centrality(g, measure: str, network: str = "co-membership", at=None, period=None,
               organizations=None, *, weighted: bool = False, status_weighted: bool = False,
               by: str = "person", node_type: str | None = None,
               top: int | None = None) -> Ranking:
    """Rank the nodes of a network (see :func:`kg.network.network`) by a measure.

    >>> import kg
    >>> r = centrality(kg.load(), "degree", network="state-organization", at="2010-01-01",
    ...                node_type="state", top=1)
    >>> r[0].id, r[0].value
    ('BLR', 9.0)
    """
    from kg.network.build import network as build

    G = build(g, network, at=at, period=period, organizations=organizations,
              status_weighted=status_weighted, by=by)
    _check(measure, G)
    return rank(G, measure, weighted, node_type, top)
