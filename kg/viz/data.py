"""A networkx graph (in kg.network's shape) as the page's data: plain JSON, no markup.

Nodes and edges are built with pyvis (its ``Network.add_node``/``add_edge`` give the
vis-network dicts and its ``Options`` the base options); positions come from a seeded
networkx layout, so the page never runs physics and nodes stay put when the date changes.
Labels, aliases and tooltips are data: the page's script puts them in the DOM as text.
"""

from __future__ import annotations

import json
import math
from collections.abc import Iterable, Mapping
from datetime import date
from typing import Any

import networkx as nx
from pyvis.network import Network

LANGS = ("en", "ru", "zh")

#: Colour, shape and legend text of each node class.
CLASS_STYLE: dict[str, dict[str, str]] = {
    "state": {"color": "#2b6cb0", "shape": "dot", "name": "state"},
    "organization": {"color": "#c53030", "shape": "square", "name": "organization"},
    "person": {"color": "#2f855a", "shape": "triangle", "name": "person"},
    "event": {"color": "#dd6b20", "shape": "diamond", "name": "event"},
    "other": {"color": "#718096", "shape": "dot", "name": "other"},
}

#: Line style of membership edges by status, and of the other relations.
EDGE_STYLE: dict[str, dict[str, Any]] = {
    "member": {"color": "#4a5568", "dashes": False, "width": 2.0},
    "associate": {"color": "#805ad5", "dashes": [8, 4], "width": 1.6},
    "observer": {"color": "#3182ce", "dashes": [2, 4], "width": 1.6},
    "participant": {"color": "#38a169", "dashes": [10, 4, 2, 4], "width": 1.6},
    "partner": {"color": "#00a3c4", "dashes": [2, 2], "width": 1.4},
    "suspended": {"color": "#e53e3e", "dashes": [6, 6], "width": 1.6},
    "frozen": {"color": "#d69e2e", "dashes": [4, 8], "width": 1.6},
    "participation": {"color": "#cbd5e0", "dashes": False, "width": 0.6},
    "tenure": {"color": "#9ae6b4", "dashes": False, "width": 1.0},
    "event-organization": {"color": "#fbd38d", "dashes": False, "width": 0.8},
    "other": {"color": "#a0aec0", "dashes": False, "width": 1.0},
}

#: Node size (px) and label size (px) by class, from the least to the most central node.
SIZE_RANGE = {"state": ((9, 30), (13, 26)), "organization": ((10, 32), (13, 26)),
              "person": ((5, 14), (9, 13)), "event": ((4, 10), (8, 11)),
              "other": ((5, 14), (9, 13))}

FONT_FACE = ("system-ui, -apple-system, 'Segoe UI', 'Noto Sans', 'Noto Sans CJK SC', "
             "'PingFang SC', 'Microsoft YaHei', 'DejaVu Sans', Arial, sans-serif")


def label_in(attrs: Mapping[str, Any], lang: str, fallback: str) -> str:
    """The node's label in ``lang``, falling back to English, then to ``fallback``."""
    labels = attrs.get("labels") or {}
    return str(labels.get(lang) or labels.get("en") or attrs.get("label") or fallback)


def _script(text: str) -> str | None:
    """The language a text's script suggests: Cyrillic ru, CJK zh, plain ASCII en."""
    if any("\u0400" <= c <= "\u04ff" for c in text):
        return "ru"
    if any("\u4e00" <= c <= "\u9fff" for c in text):
        return "zh"
    return "en" if text.isascii() else None


def short_labels(aliases: Iterable[Any], labels: Mapping[str, str]) -> dict[str, str]:
    """For a label longer than 24 characters, the shortest alias in the same script (an
    acronym such as CSTO, ОДКБ, 集安组织) to draw on the canvas, or for one longer than 32
    without such an alias its first 30 characters; the full label stays in the tooltip, the
    details panel and the search."""
    found = {}
    for lang, label in labels.items():
        same = [str(a) for a in aliases if 2 <= len(str(a)) < 24
                and (getattr(a, "lang", None) or _script(str(a))) == lang]
        if len(label) > 24 and same:
            found[lang] = min(same, key=lambda a: (len(a), a))
        elif len(label) > 32:
            found[lang] = label[:30].rstrip() + "…"
    return found


def _spells(value: Any) -> list[list[str | None]] | None:
    if value is None:
        return None
    return [[_iso(start), _iso(end)] for start, end in value]


def _iso(value: Any) -> str | None:
    if value is None:
        return None
    if isinstance(value, date):
        return value.isoformat()
    return str(value)[:10]


def _sources(value: Iterable[Any] | None, table: dict[str, list[str]]) -> list[str]:
    """The ids of the sources, each put once in ``table`` (id -> [url, title])."""
    ids = []
    for source in value or ():
        get = source.get if isinstance(source, Mapping) else (
            lambda k, s=source: getattr(s, k, None))  # a kg.Source record
        url, title = str(get("url") or ""), str(get("title") or "")
        key = str(get("id") or url or title)
        table.setdefault(key, [url, title])
        ids.append(key)
    return ids


# Keys a node or edge may leave out when empty: page.js reads a missing one as empty. The full
# graph's page must stay under 2 MB, and empty defaults on thousands of items add up.
# (``spells`` only when None: an empty list means "never in the graph", not "always".)
_OPTIONAL = {"kind", "aliases", "short", "src", "start", "end", "arrows", "dashes", "status",
             "statusSpells"}


def _compact(items: list[dict[str, Any]], index: dict[str, int]) -> list[dict[str, Any]]:
    """Items without their empty optional keys, their sources as numbers into the page's
    source list (a source cited by hundreds of edges is written once)."""
    out = []
    for item in items:
        item = {k: v for k, v in item.items()
                if not ((k in _OPTIONAL and v in (None, "", False, [], {}))
                        or (k == "spells" and v is None))}
        if "src" in item:
            item["src"] = [index[s] for s in item["src"]]
        out.append(item)
    return out


def layout(graph: nx.Graph, seed: int = 7) -> dict[Any, tuple[float, float]]:
    """Seeded positions in pixels: the same graph always gets the same layout.

    Each connected component is laid out on its own (networkx's spring layout), the largest
    in the middle and the others in a column at its right, so that a few small islands do
    not squeeze the main component into a corner."""
    components = sorted((sorted(c, key=str) for c in nx.connected_components(
        nx.Graph(graph) if graph.is_directed() else graph)), key=lambda c: (-len(c), str(c[0])))
    positions: dict[Any, tuple[float, float]] = {}
    right = top = 0.0
    column_x = None
    for number, nodes in enumerate(components):
        sub = nx.Graph()
        sub.add_nodes_from(nodes)
        sub.add_edges_from(sorted(((u, v) for u, v in graph.subgraph(nodes).edges() if u != v),
                                  key=lambda e: (str(e[0]), str(e[1]))))
        n = len(nodes)
        scale = 55.0 * math.sqrt(n) + (40.0 if n > 1 else 0.0)
        if n == 1:
            placed = {nodes[0]: (0.0, 0.0)}
        else:
            placed = nx.spring_layout(sub, k=2.4 / math.sqrt(n), seed=seed, scale=scale,
                                      iterations=200 if n <= 1000 else 30)
        xs = [float(p[0]) for p in placed.values()]
        ys = [float(p[1]) for p in placed.values()]
        if number == 0:
            dx, dy = 0.0, 0.0
            right, top = max(xs) + 120.0, min(ys)
        else:
            if column_x is None:
                column_x = right
            dx, dy = column_x - min(xs), top - min(ys)
            top += (max(ys) - min(ys)) + 90.0
        for node, (x, y) in placed.items():
            positions[node] = (round(float(x) + dx, 1), round(float(y) + dy, 1))
    return positions


def node_sizes(graph: nx.Graph, measure: str = "degree") -> dict[Any, float]:
    """Each node's centrality on the graph shown, by one of kg.network's measures (each
    networkx's own function)."""
    from kg.network import scores

    return scores(graph, measure)


def page_data(graph: nx.Graph, *, lang: str = "en", title: str = "Knowledge graph",
              at: str | date | None = None, until: str | date | None = None,
              sizes: Mapping[Any, float] | None = None,
              positions: Mapping[Any, tuple[float, float]] | None = None,
              focus: str | None = None,
              size_by: str = "degree") -> dict[str, Any]:
    """The page's data as plain JSON-able values. ``graph`` is not changed.

    ``size_by`` names a centrality measure of kg.network (default: degree), computed on the
    graph shown, or ``sizes`` gives each node's value; a node's size and label grow with it,
    within its class;
    ``until`` is the last day of the date control (default: the latest date in the data);
    ``at`` is the day the page opens on (default: the whole history).
    """
    if lang not in LANGS:
        raise ValueError(f"unknown language {lang!r}: expected one of {', '.join(LANGS)}")
    graph = graph.copy()  # never touch the caller's graph
    positions = dict(positions) if positions is not None else layout(graph)
    sizes = dict(sizes) if sizes is not None else node_sizes(graph, size_by)
    net = Network(directed=True)  # directed: pyvis then skips its O(E^2) duplicate check
    net.toggle_physics(False)
    net.inherit_edge_colors(False)

    ids = {node: str(node) for node in graph.nodes}
    types = {node: graph.nodes[node].get("type") if graph.nodes[node].get("type") in CLASS_STYLE
             else "other" for node in graph.nodes}
    top: dict[str, float] = {}
    for node, kind in types.items():
        top[kind] = max(top.get(kind, 0.0), float(sizes.get(node, 0.0)))
    dates: list[str] = []
    sources: dict[str, list[str]] = {}
    organizations = []
    for node in sorted(graph.nodes, key=str):
        attrs = graph.nodes[node]
        kind = types[node]
        style = CLASS_STYLE[kind]
        value = float(sizes.get(node, 0.0))
        share = math.sqrt(value / top[kind]) if top[kind] > 0 else 0.0
        (low, high), (font_low, font_high) = SIZE_RANGE[kind]
        spells = _spells(attrs.get("spells"))
        for spell in spells or ():
            dates.extend(d for d in spell if d)
        x, y = positions.get(node, (0.0, 0.0))
        labels = {k: str(v) for k, v in sorted((attrs.get("labels") or {}).items())}
        if "en" not in labels:
            labels["en"] = str(attrs.get("label") or ids[node])
        label = label_in(attrs, lang, ids[node])
        net.add_node(ids[node], label=label, shape=style["shape"], color=style["color"],
                     x=x, y=y, size=round(low + (high - low) * share, 1),
                     font={"size": round(font_low + (font_high - font_low) * share, 1)},
                     centrality=round(value, 5),
                     type=kind, kind=attrs.get("kind"), labels=labels,
                     aliases=sorted({str(a) for a in attrs.get("aliases") or ()}),
                     short=short_labels(attrs.get("aliases") or (), labels),
                     src=_sources(attrs.get("sources"), sources), spells=spells,
                     start=_iso(attrs.get("start")), end=_iso(attrs.get("end")))
        if kind == "organization":
            organizations.append([ids[node], label])
    if graph.is_multigraph():
        pairs = [(u, v, graph.edges[u, v, k]) for u, v, k in graph.edges(keys=True)]
    else:
        pairs = [(u, v, graph.edges[u, v]) for u, v in graph.edges()]
    pairs.sort(key=lambda e: (str(e[0]), str(e[1])))
    for number, (u, v, attrs) in enumerate(pairs):
        relation = str(attrs.get("relation") or "other")
        status = attrs.get("status")
        status_spells = [[str(s), _iso(a), _iso(b)] for s, a, b in attrs.get("status_spells") or ()]
        if status_spells:  # over the whole history: the latest status (a tie-free choice)
            status = status_spells[-1][0]
        style = EDGE_STYLE.get(status if relation == "membership" else relation,
                               EDGE_STYLE["other"])
        spells = _spells(attrs.get("spells"))
        for spell in spells or ():
            dates.extend(d for d in spell if d)
        net.add_edge(ids[u], ids[v], id=f"e{number}", arrows="", color=style["color"],
                     dashes=style["dashes"], width=style["width"], relation=relation,
                     status=status, spells=spells, src=_sources(attrs.get("sources"), sources),
                     statusSpells=status_spells or None)

    options = json.loads(net.options.to_json())
    options.update({
        "autoResize": True,
        "layout": {"improvedLayout": False, "randomSeed": 7},
        "nodes": {"font": {"face": FONT_FACE, "size": 14, "strokeWidth": 3,
                           "strokeColor": "#ffffff"},
                  "borderWidth": 1,
                  "scaling": {"label": {"enabled": False, "maxVisible": 40,
                                        "drawThreshold": 7}}},
        "edges": {"smooth": False, "color": {"inherit": False}, "selectionWidth": 2,
                  "hoverWidth": 0.5},
        "interaction": {"hover": True, "tooltipDelay": 150, "hideEdgesOnDrag": True,
                        "dragNodes": True, "multiselect": False, "navigationButtons": False},
    })
    options["physics"] = {"enabled": False}
    index = {key: number for number, key in enumerate(sorted(sources))}
    first = min(dates) if dates else None
    last = max([*dates, _iso(until)] if until else dates) if dates else _iso(until)
    return {
        "title": title, "lang": lang, "at": _iso(at), "focus": focus,
        "sizeMeasure": size_by,
        "range": [first, last],
        "classes": {k: v for k, v in CLASS_STYLE.items()},
        "edgeStyles": EDGE_STYLE,
        "organizations": sorted(organizations, key=lambda o: o[1].casefold()),
        # [url, title, id], in id order; nodes and edges cite them by position
        "sources": [[url, title, key] for key, (url, title) in sorted(sources.items())],
        "nodes": _compact(net.nodes, index), "edges": _compact(net.edges, index),
        "options": options,
    }
