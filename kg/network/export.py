"""Write networks for Gephi and other tools: GraphML, GEXF (static or dynamic) and CSV edge
lists.

* GraphML holds only strings, numbers and booleans: ``None`` becomes ``""``, a date its ISO
  string, and a list or dict its JSON text (e.g. ``labels``, ``sources``, ``spells``).
* A static GEXF (a network at a date or over a period) is flattened the same way; ``start``
  and ``end`` are renamed ``start_date`` and ``end_date`` so that they stay plain attributes.
* A dynamic GEXF (:func:`dynamic_gexf`, from :func:`kg.network.timeline`) has
  ``timeformat="date"``: every node and edge carries its spells, membership edges their
  status over time, co-membership and co-attendance edges their weight over time
  (``dynamic_weight``), and every node its yearly centrality values, so that Gephi's timeline
  animates the whole history. GEXF intervals include both ends, so a spell's ``end`` there is
  the last day it holds (the day before the end of the networkx spell); a yearly value holds
  from that year's snapshot day to the day before the next one (co-attendance: over its
  year).
"""

from __future__ import annotations

import csv
import io
import json
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import networkx as nx

from kg.network.build import START, timeline
from kg.network.measures import BIPARTITE
from kg.network.series import centrality_series

FORMATS = ("graphml", "gexf", "csv")
DEFAULT_MEASURES = ("degree", "betweenness", "eigenvector")


def flat(value: Any) -> str | int | float | bool:
    """A value GraphML can hold: numbers, booleans and strings as they are, ``None`` as ``""``,
    a date as ISO, anything else as JSON.

    >>> flat(None), flat(date(2010, 1, 1)), flat(["KAZ", "RUS"]), flat({"en": "CIS"})
    ('', '2010-01-01', '["KAZ", "RUS"]', '{"en": "CIS"}')
    """
    if value is None:
        return ""
    if isinstance(value, bool | int | float | str):
        return value
    if isinstance(value, date):
        return value.isoformat()
    return json.dumps(value, ensure_ascii=False, default=str)


_RENAMED = {"start": "start_date", "end": "end_date"}


def flattened(G: nx.Graph, keep: frozenset[str] = frozenset()) -> nx.Graph:
    """A copy of ``G`` whose attributes are all :func:`flat` (except those in ``keep``),
    with ``start``/``end`` renamed ``start_date``/``end_date``."""
    H = nx.Graph()
    H.graph.update({k: flat(v) for k, v in G.graph.items()})

    def convert(data: dict[str, Any]) -> dict[str, Any]:
        return {_RENAMED.get(k, k): v if k in keep else flat(v) for k, v in data.items()}

    H.add_nodes_from((n, convert(d)) for n, d in G.nodes(data=True))
    H.add_edges_from((u, v, convert(d)) for u, v, d in G.edges(data=True))
    return H


def write_graphml(G: nx.Graph, path: str | Path) -> None:
    """``G`` as GraphML, every attribute flattened (see :func:`flat`).

    >>> import kg, tempfile, os
    >>> from kg.network import network
    >>> path = os.path.join(tempfile.mkdtemp(), "cis.graphml")
    >>> write_graphml(network(kg.load(), "state-organization", at="2010-01-01",
    ...                       organizations=["CIS"]), path)
    >>> nx.read_graphml(path).nodes["KAZ"]["label"]
    'Kazakhstan'
    """
    nx.write_graphml(flattened(G), path)


def write_gexf(G: nx.Graph, path: str | Path) -> None:
    """A network at a date or over a period as a static GEXF, attributes flattened."""
    nx.write_gexf(flattened(G), path)


def _last_day(end: str | None) -> str | None:
    return None if end is None else (date.fromisoformat(end) - timedelta(days=1)).isoformat()


def _closed(spells) -> list[tuple]:
    """networkx spells ``(start, end)`` (end excluded) as GEXF's, whose end is included."""
    return [(*rest, start, _last_day(end)) for *rest, start, end in spells]


def dynamic_gexf_graph(g, kind: str = "full", organizations=None,
                       measures=DEFAULT_MEASURES, years=None) -> nx.Graph:
    """The timeline of ``kind`` ready for :func:`networkx.write_gexf`: spells and time-stamped
    values as GEXF wants them (ends included), other attributes flattened.

    >>> import kg
    >>> D = dynamic_gexf_graph(kg.load(), "state-organization", organizations=["CIS"],
    ...                        measures=["degree"], years=[1995, 2010])
    >>> D.edges["GEO", "CIS"]["spells"], D.nodes["GEO"]["degree"]
    ([('1993-12-03', '2009-08-17')], [(1.0, '1995-12-31', '1996-12-30')])
    """
    T = timeline(g, kind, organizations)
    years = list(years) if years is not None else list(range(START.year, date.today().year + 1))
    measures = [m for m in measures if kind == "state-organization" or m not in BIPARTITE]
    rows = centrality_series(g, measures, kind, years, organizations) if measures else []
    # a yearly value holds from its snapshot day to the next year's
    values: dict[tuple[str, str], list[tuple[float, str, str | None]]] = {}
    for row in rows:
        first, _, last = row["date"].partition("/")  # a day, or a whole year first/last
        start = date.fromisoformat(first)
        end = (date.fromisoformat(last) if last
               else start.replace(year=start.year + 1) - timedelta(days=1))
        values.setdefault((row["id"], row["measure"]), []).append(
            (row["value"], start.isoformat(), end.isoformat()))
    for n, data in T.nodes(data=True):
        data["spells"] = _closed(data["spells"])
        for measure in measures:
            data[measure] = values.get((n, measure), [])
        for measure in [m for m in measures if not data[m]]:
            del data[measure]  # never had a value: no attribute (not 0)
    for _, _, data in T.edges(data=True):
        data["spells"] = _closed(data["spells"])
        if "status_spells" in data:
            data["status"] = _closed(data.pop("status_spells"))
        if "weight_spells" in data:
            data["dynamic_weight"] = _closed(data.pop("weight_spells"))
    keep = frozenset({"spells", "status", "dynamic_weight", "weight", *measures})
    D = flattened(T, keep)
    D.graph.update(mode="dynamic", timeformat="date")
    return D


def write_dynamic_gexf(g, path: str | Path, kind: str = "full", organizations=None,
                       measures=DEFAULT_MEASURES, years=None) -> None:
    """The whole history of network ``kind`` as a dynamic GEXF (see
    :func:`dynamic_gexf_graph`); read it back with ``nx.read_gexf(path)``."""
    nx.write_gexf(dynamic_gexf_graph(g, kind, organizations, measures, years), path)


def edge_list_csv(G: nx.Graph) -> str:
    """The edges as CSV: source, target, their labels, relation, weight, then every other
    attribute flattened (see :func:`flat`), one row per edge in order of the ids.

    >>> import kg
    >>> from kg.network import network
    >>> G = network(kg.load(), "state-organization", at="2010-01-01", organizations=["CSTO"])
    >>> print(edge_list_csv(G).splitlines()[1][:60])
    ARM,CSTO,Armenia,Collective Security Treaty Organization,mem
    """
    first = ["source", "target", "source_label", "target_label", "relation", "weight"]
    rest = sorted({k for _, _, d in G.edges(data=True) for k in d} - set(first))
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(first + rest)
    for u, v, data in sorted(G.edges(data=True), key=lambda e: tuple(sorted(e[:2]))):
        if G.nodes[u].get("type") != "state" and G.nodes[v].get("type") == "state":
            u, v = v, u  # a state first, then what it is linked to
        row = [u, v, G.nodes[u].get("label", u), G.nodes[v].get("label", v),
               data.get("relation", ""), data.get("weight", "")]
        writer.writerow(row + [flat(data.get(k)) for k in rest])
    return out.getvalue()
