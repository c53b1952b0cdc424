"""The graph facts the linker checks against, read once per graph through the public API
and kept in memory, so that linking an article runs no query: memberships, events and
their participants, tenures by post and by person, organizations' founding and seats."""

from __future__ import annotations

import warnings
from collections import defaultdict
from datetime import date

from kg.notices import KGWarning


class Facts:
    def __init__(self, graph, tenures: dict):
        self.graph = graph
        self.tenures_by_person = tenures
        self.tenures_by_post: dict[str, list] = defaultdict(list)
        for items in tenures.values():
            for tenure in items:
                self.tenures_by_post[tenure.post.id].append(tenure)
        self.memberships: dict[tuple[str, str], list] = defaultdict(list)
        for m in graph.memberships():
            self.memberships[(m.state.id, m.organization.id)].append(m)
        self.events = [e for e in graph.events() if e.end is not None]
        self._participants: dict[str, list] = {}
        self._described: dict[str, dict] = {}
        self._sources: dict[str, tuple] = {}

    def participants(self, event: str) -> list:
        if event not in self._participants:
            self._participants[event] = self.graph.participants(event)
        return self._participants[event]

    def describe(self, ident: str) -> dict:
        if ident not in self._described:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore", KGWarning)
                self._described[ident] = self.graph.describe(ident)
        return self._described[ident]

    def sources(self, ident: str) -> tuple:
        if ident not in self._sources:
            self._sources[ident] = self.graph.sources(ident)
        return self._sources[ident]

    def membership(self, state: str, org: str, day: date):
        """The membership that held on ``day`` (the latest if several), or None."""
        found = [m for m in self.memberships.get((state, org), ()) if m.covers(day)]
        return found[-1] if found else None

    def history(self, state: str, org: str) -> list:
        return list(self.memberships.get((state, org), ()))

    def holders(self, post: str, day: date) -> list:
        """Tenures of ``post`` on ``day``, substantive before acting."""
        found = [t for t in self.tenures_by_post.get(post, ())
                 if t.start <= day and (t.end is None or day < t.end)]
        return sorted(found, key=lambda t: t.acting)

    def person_tenures(self, person: str, day: date) -> list:
        return [t for t in self.tenures_by_person.get(person, ())
                if t.start <= day and (t.end is None or day < t.end)]
