"""networkx graphs from the knowledge graph: four projections, at a date, over a period, or
over the whole history (:func:`timeline`).

Every fact the graphs are made of is first turned into a *timed edge*: two node ids, a
relation and the half-open interval ``[start, end)`` during which the fact holds (``end`` None:
it still holds). A network at a date or over a period keeps the timed edges that overlap it;
the timeline keeps them all and merges each pair's intervals into *spells*. One list of timed
edges, fetched once per graph, serves every date, which is what makes yearly series fast.

Networks
--------
``state-organization``
    Bipartite. Nodes: states (``bipartite=0``) and organizations (``bipartite=1``). An edge:
    the state held a membership of the organization (any status) on the date, or at some time
    in the period. ``status`` is that membership's status (over a period, the strongest one
    held; ``statuses`` lists them all); ``weight`` = :data:`STATUS_WEIGHT` of the status:
    member 1, associate 0.5, observer / participant / partner 0.25, and suspended / frozen
    0.25 with ``inactive=True``.
``co-membership``
    Nodes: the states of the state-organization network (a state with no co-member is an
    isolated node). An edge: the two states belonged to at least one organization at the same
    time; ``organizations`` lists them; ``weight`` = how many (with ``status_weighted=True``,
    the sum over the organizations of the weaker of the two memberships' weights).
``full``
    Heterogeneous. Nodes: states, organizations, people and events. Edges: ``membership``
    (state-organization, as above), ``tenure`` (a person and the state or organization whose
    post they held; ``posts`` lists the posts), ``participation`` (a person or a state that
    hosted or attended an event; absentees are not linked) and ``event-organization`` (an
    event and the organization that held it). All weights 1 except memberships'.
``co-attendance``
    Nodes: the people (``by="person"``) or states (``by="state"``) that hosted or attended a
    summit in the period. An edge: both were at the same summit; ``events`` lists the summits,
    ``weight`` = how many.

Time
----
A membership or tenure covers its start day and not its end day; an event covers its start to
its end day inclusive (an event without an end lasts one day unless it is ongoing). The graph
describes the post-Soviet institutional space from the Belovezha Accords, 1991-12-08
(:data:`START`): a network on an earlier date is empty (with a note in ``G.graph["note"]``),
and spells are clipped to start no earlier. A state or organization is a node only while it
has an edge of the network: a state that did not exist yet, or held no membership of the
organizations considered, is **absent**, never a node with zero centrality.
"""

from __future__ import annotations

import weakref
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date, timedelta
from functools import cached_property
from itertools import combinations
from typing import Any

import networkx as nx

from kg.dates import as_date
from kg.notices import DefaultUsedWarning, OutsideDataWarning, notice
from kg.records import Entity, Event, Source

#: The first day of any network: the Belovezha Accords (8 December 1991).
START = date(1991, 12, 8)

KINDS = ("state-organization", "co-membership", "full", "co-attendance")

#: The weight of a membership edge by status; suspended and frozen ones are also marked
#: ``inactive``.
STATUS_WEIGHT = {"member": 1.0, "associate": 0.5, "observer": 0.25, "participant": 0.25,
                 "partner": 0.25, "suspended": 0.25, "frozen": 0.25}
#: Which status wins when a pair held several over a period (higher is stronger).
STATUS_RANK = {"member": 4, "associate": 3, "observer": 2, "participant": 2, "partner": 2,
               "suspended": 1, "frozen": 1}
INACTIVE = frozenset({"suspended", "frozen"})

Interval = tuple[date, date | None]  # [start, end); end None: still holds


@dataclass
class TimedEdge:
    """One fact as an edge that holds over ``[start, end)``; ``key`` is what an aggregated
    edge counts (the organization of a co-membership, the event of a co-attendance)."""

    u: str
    v: str
    relation: str
    start: date
    end: date | None
    data: dict[str, Any] = field(default_factory=dict)
    key: str | None = None

    def overlaps(self, first: date, last: date) -> bool:
        return self.start <= last and (self.end is None or self.end > first)


# ---------------------------------------------------------------------- facts, fetched once


class Facts:
    """Every fact the networks need, each kind fetched once, on first use, through the public
    library API (``memberships()``, ``events()``, ``participants()``, ``tenures()``,
    ``entities()``, and ``describe()`` for the posts' jurisdictions)."""

    def __init__(self, g):
        self.graph = g
        self._attrs: dict[str, dict[str, Any]] = {}

    @cached_property
    def entities(self) -> dict[str, Entity]:
        return {e.id: e for e in self.graph.entities()}

    @cached_property
    def memberships(self) -> list:
        return self.graph.memberships()

    @cached_property
    def events(self) -> list[Event]:
        return self.graph.events()

    @cached_property
    def event_by_id(self) -> dict[str, Event]:
        return {e.id: e for e in self.events}

    @cached_property
    def participations(self) -> dict[str, list]:
        return {e.id: self.graph.participants(e.id) for e in self.events}

    @cached_property
    def tenures(self) -> list:
        return self.graph.tenures()

    @cached_property
    def jurisdiction(self) -> dict[str, Entity]:
        """Post id -> the state or organization whose post it is."""
        found = {}
        for post in self.graph.entities("post"):
            places = [x for x in self.graph.describe(post).get("jurisdiction", [])
                      if isinstance(x, Entity)]
            if places:
                found[post.id] = places[0]
        return found

    def sources(self, entity_id: str) -> list[dict[str, str]]:
        if entity_id in self.event_by_id:
            return source_dicts(self.event_by_id[entity_id].sources)
        return source_dicts(self.graph.sources(self.entities[entity_id]))

    def node_attrs(self, node_id: str) -> dict[str, Any]:
        """A node's attributes (see :func:`node_attrs`), a fresh copy on every call."""
        if node_id not in self._attrs:
            self._attrs[node_id] = node_attrs(self, node_id)
        cached = self._attrs[node_id]
        return {**cached, "labels": dict(cached["labels"]), "aliases": list(cached["aliases"]),
                "sources": [dict(s) for s in cached["sources"]]}


_FACTS: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()
_EDGES: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()


def facts(g) -> Facts:
    """The facts of ``g``, fetched on first use and kept while ``g`` lives.

    >>> import kg
    >>> len(facts(kg.load()).memberships) > 200
    True
    """
    if g not in _FACTS:
        _FACTS[g] = Facts(g)
    return _FACTS[g]


def source_dicts(sources: Iterable[Source]) -> list[dict[str, str]]:
    """Sources as ``{"id", "url", "title"}`` dicts, each once, in order of id."""
    unique = {s.id: s for s in sources}
    return [{"id": s.id, "url": s.url, "title": s.title} for _, s in sorted(unique.items())]


def event_interval(event: Event) -> Interval:
    """An event's half-open interval: its start to the day after its end; end None if ongoing.

    >>> from kg.records import Event
    >>> e = Event("x", "iri", "X", "summit", date(2022, 12, 26), date(2022, 12, 27), None, None)
    >>> event_interval(e)
    (datetime.date(2022, 12, 26), datetime.date(2022, 12, 28))
    """
    if getattr(event, "ongoing", False):
        return event.start, None
    return event.start, (event.end or event.start) + timedelta(days=1)


# ---------------------------------------------------------------------- timed edges per kind


def _org_filter(g, organizations: Iterable[str | Entity] | None) -> frozenset[str] | None:
    if organizations is None:
        return None
    if isinstance(organizations, str | Entity):
        organizations = [organizations]
    return frozenset(g.entity(o).id for o in organizations)


def _membership_edges(f: Facts, orgs: frozenset[str] | None) -> Iterator[TimedEdge]:
    for m in f.memberships:
        if orgs is None or m.organization.id in orgs:
            yield TimedEdge(m.state.id, m.organization.id, "membership", m.start, m.end,
                            {"status": m.status, "founding": m.founding,
                             "sources": m.sources})


def _co_membership_edges(f: Facts, orgs: frozenset[str] | None) -> Iterator[TimedEdge]:
    by_org: dict[str, list] = defaultdict(list)
    for m in f.memberships:
        if orgs is None or m.organization.id in orgs:
            by_org[m.organization.id].append(m)
    for org, held in by_org.items():
        for a, b in combinations(held, 2):
            if a.state == b.state:
                continue
            start = max(a.start, b.start)
            ends = [e for e in (a.end, b.end) if e is not None]
            end = min(ends) if ends else None
            if end is not None and end <= start:
                continue
            u, v = sorted((a.state.id, b.state.id))
            yield TimedEdge(u, v, "co-membership", start, end,
                            {"strength": min(STATUS_WEIGHT[a.status], STATUS_WEIGHT[b.status])},
                            key=org)


def _event_edges(f: Facts, orgs: frozenset[str] | None, kinds: set[str] | None = None
                 ) -> Iterator[tuple[Event, Interval, list]]:
    for event in f.events:
        if kinds is not None and event.kind not in kinds:
            continue
        if orgs is not None and (event.organization is None or event.organization.id not in orgs):
            continue
        present = [p for p in f.participations.get(event.id, []) if p.role != "absent"]
        yield event, event_interval(event), present


def _full_edges(f: Facts, orgs: frozenset[str] | None) -> Iterator[TimedEdge]:
    yield from _membership_edges(f, orgs)
    for event, (start, end), present in _event_edges(f, orgs):
        if event.organization is not None:
            yield TimedEdge(event.id, event.organization.id, "event-organization", start, end)
        for p in present:
            yield TimedEdge(p.participant.id, event.id, "participation", start, end,
                            {"role": p.role, "sources": p.sources})
    for t in f.tenures:
        place = f.jurisdiction.get(t.post.id)
        if place is None or (orgs is not None and place.type == "organization"
                             and place.id not in orgs):
            continue
        yield TimedEdge(t.person.id, place.id, "tenure", t.start, t.end,
                        {"post": t.post.id, "acting": t.acting, "sources": t.sources})


def _co_attendance_edges(f: Facts, orgs: frozenset[str] | None, by: str) -> Iterator[TimedEdge]:
    for event, (start, end), present in _event_edges(f, orgs, {"summit"}):
        if by == "state":
            who = {(p.state or p.participant).id for p in present
                   if (p.state or p.participant).type == "state"}
        else:
            who = {p.participant.id for p in present if p.participant.type == "person"}
        for u, v in combinations(sorted(who), 2):
            yield TimedEdge(u, v, "co-attendance", start, end, key=event.id)


def start_of(g) -> date:
    """The first day of ``g``'s networks: :data:`START`, unless the graph says otherwise
    (``g.network_start``: the worldwide COW graph of :func:`kg.cow_import.load_combined`
    starts in 1816)."""
    return getattr(g, "network_start", None) or START


def timed_edges(g, kind: str, organizations=None, by: str = "person") -> list[TimedEdge]:
    """Every fact of network ``kind`` as a :class:`TimedEdge` (cached per graph and arguments).

    >>> import kg
    >>> e = [e for e in timed_edges(kg.load(), "state-organization") if e.u == "GEO"
    ...      and e.v == "CIS"][0]
    >>> e.start, e.end, e.data["status"]
    (datetime.date(1993, 12, 3), datetime.date(2009, 8, 18), 'member')
    """
    if kind not in KINDS:
        raise ValueError(f"unknown network {kind!r}: expected one of {', '.join(KINDS)}")
    if by not in ("person", "state"):
        raise ValueError(f"by must be 'person' or 'state', not {by!r}")
    orgs = _org_filter(g, organizations)
    cache = _EDGES.setdefault(g, {})
    cache_key = (kind, orgs, by if kind == "co-attendance" else None)
    if cache_key not in cache:
        f = facts(g)
        make = {"state-organization": _membership_edges, "co-membership": _co_membership_edges,
                "full": _full_edges}.get(kind)
        found = make(f, orgs) if make else _co_attendance_edges(f, orgs, by)
        start = start_of(g)
        cache[cache_key] = [e for e in found if e.end is None or e.end > start]
    return cache[cache_key]


def timed_nodes(g, kind: str, organizations=None, by: str = "person"
                ) -> list[tuple[str, date, date | None]]:
    """The nodes that belong to network ``kind`` over ``[start, end)`` even without an edge:
    in co-membership every state with a membership (``(state, start, end)`` per membership),
    in the full network every event; none in the other networks.

    >>> import kg
    >>> [n for n in timed_nodes(kg.load(), "co-membership", ["CIS"]) if n[0] == "GEO"]
    [('GEO', datetime.date(1993, 12, 3), datetime.date(2009, 8, 18))]
    """
    if kind == "co-membership":
        return [(e.u, e.start, e.end) for e in timed_edges(g, "state-organization",
                                                           organizations)]
    if kind == "full":
        orgs = _org_filter(g, organizations)
        start = start_of(g)
        return [(event.id, *interval) for event, interval, _ in _event_edges(facts(g), orgs)
                if interval[1] is None or interval[1] > start]
    return []


# ---------------------------------------------------------------------- aggregation


def _edge_attrs(relation: str, edges: list[TimedEdge], status_weighted: bool) -> dict[str, Any]:
    """The attributes of one graph edge made of the timed edges of one pair."""
    sources = source_dicts(s for e in edges for s in e.data.get("sources", ()))
    if relation == "membership":
        statuses = sorted({e.data["status"] for e in edges},
                          key=lambda s: (-STATUS_RANK[s], s))
        status = statuses[0]
        latest = max(edges, key=lambda e: e.start)
        return {"relation": relation, "status": status, "statuses": statuses,
                "weight": STATUS_WEIGHT[status], "inactive": status in INACTIVE,
                "founding": any(e.data["founding"] for e in edges),
                "start": latest.start.isoformat(),
                "end": latest.end.isoformat() if latest.end else None, "sources": sources}
    if relation == "co-membership":
        strength: dict[str, float] = {}
        for e in edges:
            strength[e.key] = max(strength.get(e.key, 0.0), e.data["strength"])
        weight = sum(strength.values()) if status_weighted else float(len(strength))
        return {"relation": relation, "organizations": sorted(strength), "weight": weight,
                "sources": sources}
    if relation == "co-attendance":
        events = sorted({e.key for e in edges})
        return {"relation": relation, "events": events, "weight": float(len(events)),
                "sources": sources}
    attrs: dict[str, Any] = {"relation": relation, "weight": 1.0, "sources": sources}
    if relation == "tenure":
        attrs["posts"] = sorted({e.data["post"] for e in edges})
        attrs["acting"] = all(e.data["acting"] for e in edges)
    elif relation == "participation":
        attrs["role"] = "host" if any(e.data["role"] == "host" for e in edges) else "attendee"
    return attrs


def node_attrs(f: Facts, node_id: str) -> dict[str, Any]:
    """A node's attributes: type, label, labels, aliases, sources; kind/start/end for events.

    >>> import kg
    >>> node_attrs(facts(kg.load()), "KAZ")["label"]
    'Kazakhstan'
    """
    entity = f.entities[node_id]
    attrs: dict[str, Any] = {"type": entity.type, "label": entity.label,
                             "labels": dict(entity.labels),
                             "aliases": [str(a) for a in entity.aliases],
                             "sources": f.sources(node_id)}
    if entity.type == "event":
        event = f.event_by_id[node_id]
        start, end = event_interval(event)
        attrs.update(kind=event.kind, start=start.isoformat(), ongoing=end is None)
        if end is not None:
            attrs["end"] = (end - timedelta(days=1)).isoformat()
    return attrs


def _empty(kind: str, note: str, **graph_attrs: Any) -> nx.Graph:
    G = nx.Graph(kind=kind, note=note, **graph_attrs)
    return G


def window(at=None, period=None) -> tuple[date, date]:
    """The inclusive ``(first, last)`` days a network covers: one day ``at``, a ``period``
    ``(first, last)``, or today.

    >>> window(at="2010-01-01")
    (datetime.date(2010, 1, 1), datetime.date(2010, 1, 1))
    """
    if at is not None and period is not None:
        raise ValueError("give at= or period=, not both")
    if period is not None:
        first, last = (as_date(d) for d in period)
        if last < first:
            raise ValueError(f"period ends ({last}) before it starts ({first})")
        return first, last
    if at is None:
        day = date.today()
        notice(f"no date given: today ({day.isoformat()})", DefaultUsedWarning)
        return day, day
    day = as_date(at)
    return day, day


def network(g, kind: str, at=None, period=None, organizations=None, *,
            status_weighted: bool = False, by: str = "person") -> nx.Graph:
    """The network ``kind`` on day ``at`` (default today) or over ``period=(first, last)``,
    optionally restricted to some ``organizations``.

    The graph is new on every call (the caller may mutate it). ``G.graph`` holds ``kind``,
    ``first``, ``last``, ``organizations`` and a ``note`` (non-empty when the network is
    empty for a reason the caller should know, e.g. a date before 1991-12-08, or may be
    incomplete because the date is after the data's as-of date, which also warns with an
    ``OutsideDataWarning``). Without ``at`` or ``period`` it is today's network, with a
    ``DefaultUsedWarning``.

    >>> import kg
    >>> G = network(kg.load(), "state-organization", at="2010-01-01", organizations=["CIS"])
    >>> sorted(G["CIS"])
    ['ARM', 'AZE', 'BLR', 'KAZ', 'KGZ', 'MDA', 'RUS', 'TJK', 'TKM', 'UKR', 'UZB']
    >>> G.edges["TKM", "CIS"]["status"], G.nodes["TKM"]["label"]
    ('associate', 'Turkmenistan')
    """
    first, last = window(at, period)
    edges = timed_edges(g, kind, organizations, by)
    orgs = _org_filter(g, organizations)
    meta = {"first": first.isoformat(), "last": last.isoformat(),
            "organizations": sorted(orgs) if orgs is not None else None}
    start = start_of(g)
    if last < start:
        why = ("the graph describes the post-Soviet institutional space from the Belovezha "
               "Accords on" if start == START else "the graph's networks start then")
        return _empty(kind, f"no network before {start.isoformat()}: {why}", **meta)
    first = max(first, start)
    G = _assemble(g, kind, [e for e in edges if e.overlaps(first, last)],
                  [n for n in timed_nodes(g, kind, organizations, by)
                   if n[1] <= last and (n[2] is None or n[2] > first)],
                  status_weighted, meta)
    as_of = getattr(g, "as_of", None)
    if as_of is not None and last > as_of:
        G.graph["note"] = (f"the data is as of {as_of.isoformat()}; facts after that day are "
                           f"not in the graph, so the network on {last.isoformat()} may be "
                           "incomplete")
        notice(G.graph["note"], OutsideDataWarning)
    return G


def _assemble(g, kind: str, edges: list[TimedEdge], standing: list[tuple[str, date, Any]],
              status_weighted: bool, meta: dict[str, Any]) -> nx.Graph:
    f = facts(g)
    by_pair: dict[tuple[str, str], list[TimedEdge]] = defaultdict(list)
    for e in edges:
        by_pair[e.u, e.v].append(e)
    G = nx.Graph(kind=kind, note="" if by_pair else "no edge in this window", **meta)
    nodes = dict.fromkeys(n for pair in by_pair for n in pair)
    nodes.update(dict.fromkeys(n for n, _, _ in standing))
    for n in sorted(nodes):
        attrs = f.node_attrs(n)
        if kind == "state-organization":
            attrs["bipartite"] = 0 if attrs["type"] == "state" else 1
        G.add_node(n, **attrs)
    for (u, v), group in sorted(by_pair.items()):
        G.add_edge(u, v, **_edge_attrs(group[0].relation, group, status_weighted))
    return G


# ---------------------------------------------------------------------- the whole history


def merge_spells(intervals: Iterable[Interval]) -> list[Interval]:
    """Overlapping or touching intervals merged, in order.

    >>> d = date
    >>> merge_spells([(d(2000, 1, 1), d(2001, 1, 1)), (d(2001, 1, 1), None)])
    [(datetime.date(2000, 1, 1), None)]
    """
    merged: list[list] = []
    for start, end in sorted(intervals, key=lambda i: i[0]):
        if merged and (merged[-1][1] is None or start <= merged[-1][1]):
            if merged[-1][1] is not None and (end is None or end > merged[-1][1]):
                merged[-1][1] = end
        else:
            merged.append([start, end])
    return [(s, e) for s, e in merged]


def iso_spells(intervals: Iterable[Interval]) -> list[tuple[str, str | None]]:
    return [(s.isoformat(), e.isoformat() if e else None) for s, e in intervals]


def _clip(e: TimedEdge) -> Interval:
    return max(e.start, START), e.end


def _value_spells(edges: list[TimedEdge], value) -> list[tuple[Any, str, str | None]]:
    """A piecewise-constant attribute over time as ``(value, start, end)`` triples: ``value``
    maps the timed edges holding over a stretch to the attribute's value there."""
    points = sorted({p for e in edges for p in _clip(e) if p is not None})
    open_end = any(e.end is None for e in edges)
    spells: list[list] = []
    for i, start in enumerate(points):
        end = points[i + 1] if i + 1 < len(points) else None
        if end is None and not open_end:
            break
        holding = [e for e in edges if e.overlaps(start, start)]
        if not holding:
            continue
        current = value(holding)
        if spells and spells[-1][0] == current and spells[-1][2] == start.isoformat():
            spells[-1][2] = end.isoformat() if end else None
        else:
            spells.append([current, start.isoformat(), end.isoformat() if end else None])
    return [tuple(s) for s in spells]


def timeline(g, kind: str = "full", organizations=None, *, status_weighted: bool = False,
             by: str = "person") -> nx.Graph:
    """The network ``kind`` over its whole history: every node and edge that ever held, each
    with ``spells``, a list of ``(start_iso, end_iso_or_None)``; a spell covers its start and
    excludes its end (None: still holds). Spells start no earlier than 1991-12-08.

    Edge attributes are those of :func:`network` over the whole period, plus, for membership
    edges, ``status_spells`` ``[(status, start, end)]`` and, for co-membership and
    co-attendance, ``weight_spells`` ``[(weight, start, end)]`` (``weight`` is then the
    largest value it took). A node's spells are the union of its edges'.

    >>> import kg
    >>> T = timeline(kg.load(), "state-organization", organizations=["CIS"])
    >>> T.edges["GEO", "CIS"]["spells"]
    [('1993-12-03', '2009-08-18')]
    >>> T.edges["TKM", "CIS"]["status_spells"]
    [('member', '1991-12-26', '2005-08-26'), ('associate', '2005-08-26', None)]
    """
    edges = timed_edges(g, kind, organizations, by)
    orgs = _org_filter(g, organizations)
    meta = {"first": START.isoformat(), "last": None,
            "organizations": sorted(orgs) if orgs is not None else None}
    standing = timed_nodes(g, kind, organizations, by)
    G = _assemble(g, kind, edges, standing, status_weighted, meta)
    G.graph["timeline"] = True
    by_pair: dict[tuple[str, str], list[TimedEdge]] = defaultdict(list)
    for e in edges:
        by_pair[e.u, e.v].append(e)
    node_intervals: dict[str, list[Interval]] = defaultdict(list)
    for (u, v), group in by_pair.items():
        spells = merge_spells(_clip(e) for e in group)
        node_intervals[u] += spells
        node_intervals[v] += spells
        data = G.edges[u, v]
        data["spells"] = iso_spells(spells)
        if data["relation"] == "membership":
            data["status_spells"] = [
                (e.data["status"], *iso_spells([_clip(e)])[0])
                for e in sorted(group, key=lambda e: e.start)]
        elif data["relation"] in ("co-membership", "co-attendance"):
            relation = data["relation"]
            data["weight_spells"] = _value_spells(
                group, lambda held, r=relation: _edge_attrs(r, held, status_weighted)["weight"])
            data["weight"] = max(w for w, _, _ in data["weight_spells"])
    for n, start, end in standing:
        node_intervals[n].append((max(start, START), end))
    for n, intervals in node_intervals.items():
        G.nodes[n]["spells"] = iso_spells(merge_spells(intervals))
    return G
