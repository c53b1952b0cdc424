"""The interactive HTML graph: one self-contained page, offline, searchable, time-aware.

>>> import kg
>>> from kg.viz import page
>>> p = page(kg.load(), focus="CSTO", depth=1)        # doctest: +SKIP
>>> p.save("csto.html")                               # doctest: +SKIP
>>> p                                                 # in Jupyter: displayed inline

Built from :func:`kg.network.timeline` (the whole history: the page's date control shows
the graph as it stood on any day) or, with ``at``, :func:`kg.network.network` on that day.
pyvis builds the nodes, edges and options; the page is the project's own template with the
vis-network bundle from the pyvis wheel inlined (see :mod:`kg.viz.page`).
"""

from __future__ import annotations

import html
from datetime import date
from pathlib import Path
from typing import Any

import networkx as nx

from kg.dates import as_date
from kg.viz.data import LANGS, page_data
from kg.viz.page import render, write

__all__ = ["LANGS", "NETWORKS", "Page", "from_networkx", "graph_for", "page", "to_html"]

NETWORKS = ("full", "state-organization", "co-membership", "co-attendance")


class Page:
    """An HTML page: ``str(p)`` is its text, ``p.save(path)`` writes it as UTF-8, and in
    Jupyter it displays inline (an ``<iframe srcdoc>`` with scripts allowed and no origin)."""

    def __init__(self, text: str, title: str = "", height: int = 680):
        self.html, self.title, self.height = text, title, height

    def save(self, path: str | Path) -> Path:
        return write(self.html, path)

    def __len__(self) -> int:
        return len(self.html.encode("utf-8"))

    def __repr__(self) -> str:
        return f"<kg.viz.Page {self.title!r}: {len(self):,} bytes>"

    def _repr_html_(self) -> str:
        return (f'<iframe srcdoc="{html.escape(self.html, quote=True)}" '
                f'title="{html.escape(self.title)}" sandbox="allow-scripts allow-downloads" '
                f'style="width:100%;height:{self.height}px;border:1px solid #e2e8f0"></iframe>')


def graph_for(g, network: str = "full", at: str | date | None = None,
              focus: str | None = None, depth: int = 2) -> nx.Graph:
    """The networkx graph a page shows: the whole history of ``network`` (or, with ``at``,
    the network on that day), cut to ``depth`` steps around ``focus`` if given."""
    from kg.network import network as snapshot
    from kg.network import timeline

    if network not in NETWORKS:
        raise ValueError(f"unknown network {network!r}: expected one of {', '.join(NETWORKS)}")
    graph = timeline(g, network) if at is None else snapshot(g, network, at=as_date(at))
    if focus is not None:
        node = g.entity(focus).id
        if node not in graph:
            when = f" on {as_date(at)}" if at is not None else ""
            raise ValueError(f"{node} is not in the {network} network{when}")
        if depth < 0:
            raise ValueError(f"depth must be 0 or more, not {depth}")
        graph = nx.ego_graph(graph, node, radius=depth)
    return graph


def _title(g, network: str, at, focus: str | None, depth: int, lang: str) -> str:
    what = {"full": "states, organizations, people and events",
            "state-organization": "states and organizations",
            "co-membership": "states sharing organizations",
            "co-attendance": "leaders at the same summits"}[network]
    title = f"Post-Soviet institutions: {what}"
    if focus is not None:
        entity = g.entity(focus)
        name = entity.labels.get(lang) or entity.label
        title += f", {depth} step{'s' if depth != 1 else ''} around {name}"
    if at is not None:
        title += f", on {as_date(at).isoformat()}"
    return title


def page(g, network: str = "full", at: str | date | None = None, focus: str | None = None,
         depth: int = 2, lang: str = "en", title: str | None = None,
         size_by: str = "degree") -> Page:
    """The page for a graph ``g`` (a :class:`kg.KnowledgeGraph`); see :func:`to_html`.
    ``size_by``: the centrality measure that sizes nodes (:data:`kg.network.MEASURES`)."""
    if lang not in LANGS:
        raise ValueError(f"unknown language {lang!r}: expected one of {', '.join(LANGS)}")
    graph = graph_for(g, network, at, focus, depth)
    from kg.stats import compute_stats

    title = title or _title(g, network, at, focus, depth, lang)
    until = compute_stats(g.store)["as_of"] if hasattr(g, "store") else None
    focus_id = g.entity(focus).id if focus is not None else None
    return from_networkx(graph, lang=lang, title=title, at=at, until=until, focus=focus_id,
                         size_by=size_by)


def from_networkx(graph: nx.Graph, *, lang: str = "en", title: str = "Knowledge graph",
                  at: str | date | None = None, until: str | date | None = None,
                  focus: str | None = None, sizes: dict[Any, float] | None = None,
                  size_by: str = "degree") -> Page:
    """The page for any networkx graph whose nodes and edges carry kg.network's attributes
    (``type``, ``labels``, ``spells``, ``relation``, ``status``, ``sources``...).
    The graph is not changed. Node size: ``size_by``, a measure of
    :data:`kg.network.MEASURES` computed on the graph shown, or ``sizes`` by node id."""
    data = page_data(graph, lang=lang, title=title, at=at, until=until, sizes=sizes,
                     size_by=size_by, focus=focus)
    return Page(render(data), title)


def to_html(g, path: str | Path, network: str = "full", at: str | date | None = None,
            focus: str | None = None, depth: int = 2, lang: str = "en",
            size_by: str = "degree") -> Path:
    """Write the interactive page of ``g`` to ``path`` (UTF-8) and return the path.

    ``network``: ``full`` (states, organizations, people, events), ``state-organization``,
    ``co-membership`` or ``co-attendance``. Without ``at`` the page holds the whole history
    and its date control moves through it; with ``at`` it shows that day. ``focus`` (an id or
    name) with ``depth`` keeps the nodes within ``depth`` steps of it. ``lang``: ``en``,
    ``ru`` or ``zh`` for labels (English where one is missing). ``size_by``: the centrality
    measure (of :data:`kg.network.MEASURES`, on the graph shown) that sizes the nodes.
    """
    return page(g, network, at, focus, depth, lang, size_by=size_by).save(path)
