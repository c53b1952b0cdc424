"""Rotating chairmanships and the documents adopted at meetings, over the public graph API.

>>> import kg
>>> g = kg.load()
>>> g.chair("CIS", at="2022-06-01").id, g.chair("CIS", at="2023-06-01").id
('KAZ', 'KGZ')
"""

from __future__ import annotations

from collections import defaultdict
from typing import TYPE_CHECKING, Any

from kg.dates import as_date
from kg.guards import check_as_of, expect
from kg.namespaces import PREFIXES
from kg.records import Chairmanship, Document, Entity
from kg.terms import PRECISION, plain

if TYPE_CHECKING:
    from kg.graph import KnowledgeGraph

PSK = PREFIXES["psk"]

_CHAIRS = """
    SELECT ?c ?org ?state ?start ?end ?sp ?ep ?decision ?note WHERE {
      ?c a psk:Chairmanship ; psk:chairedBody ?org ; psk:chair ?state ;
         schema:startDate ?start ; psk:startPrecision ?sp .
      OPTIONAL { ?c schema:endDate ?end ; psk:endPrecision ?ep }
      OPTIONAL { ?c psk:decidedAt ?decision }
      OPTIONAL { ?c rdfs:comment ?note }
    } ORDER BY ?start"""


def chairs(g: KnowledgeGraph, body: str | Entity) -> list[Chairmanship]:
    """The chairmanships of one organization, oldest first."""
    org = expect(g, body, "organization")
    rows = g.query(_CHAIRS, org=org)
    return [Chairmanship(row["org"], row["state"], row["start"], row.get("end"),
                         row.get("decision"), plain(row.get("note")), g._sources_of(row["c"]),
                         row["c"], PRECISION[row["sp"]], PRECISION.get(row.get("ep")))
            for row in rows]


def chairmanships_of(g: KnowledgeGraph, state: str | Entity) -> list[Chairmanship]:
    """Every chairmanship ``state`` held, of any organization, oldest first."""
    state = expect(g, state, "state")
    bodies = [row["org"] for row in g.query(
        "SELECT DISTINCT ?org WHERE { ?c psk:chair ?s ; psk:chairedBody ?org }", s=state)]
    found = [c for body in bodies for c in chairs(g, body) if c.state == state]
    return sorted(found, key=lambda c: (c.start, c.organization.id))


def chair(g: KnowledgeGraph, body: str | Entity, at: Any) -> Entity | None:
    """The state that chaired ``body`` on the day ``at``, or None if the graph records none
    then (a day after the data's as-of date warns)."""
    day = as_date(at)
    check_as_of(g, day)
    found = [c for c in chairs(g, body) if c.covers(day)]
    return found[0].state if found else None


_DOCUMENTS = """
    SELECT ?d ?kind ?date ?dp ?event ?org ?note WHERE {
      ?d a psk:Document ; psk:documentKind/skos:notation ?kind .
      OPTIONAL { ?d schema:dateCreated ?date ; psk:datePrecision ?dp }
      OPTIONAL { ?d psk:signedDate ?date ; psk:signedDatePrecision ?dp }
      OPTIONAL { ?d psk:adoptedAt ?event }
      OPTIONAL { ?d psk:organization|psk:establishes ?org }
      OPTIONAL { ?d rdfs:comment ?note }
      %s
    } ORDER BY ?date ?d"""


def documents(g: KnowledgeGraph, event: str | Entity | None = None,
              signatory: str | Entity | None = None) -> list[Document]:
    """Documents (declarations, statements, programmes, agreements, decisions and treaties),
    oldest first: those adopted at ``event``, or signed by the state ``signatory``."""
    where, bindings = [], {}
    if event is not None:
        bindings["at_event"] = expect(g, event, "event")
        where.append("FILTER(?event = ?at_event)")
    if signatory is not None:
        bindings["signer"] = expect(g, signatory, "state", role="signatory")
        where.append("?d psk:signatory ?signer .")
    rows = g.query(_DOCUMENTS % "\n".join(where), **bindings)
    parties: dict[str, dict[str, list[Entity]]] = defaultdict(lambda: defaultdict(list))
    for row in g.query("""SELECT ?d ?p ?state WHERE {
                            VALUES ?p { psk:signatory psk:refusedToSign } ?d ?p ?state }"""):
        parties[row["d"].iri][row["p"]].append(row["state"])
    found, seen = [], set()
    for row in rows:
        entity: Entity = row["d"]
        if entity.iri in seen:
            continue
        seen.add(entity.iri)
        signed = parties[entity.iri]
        found.append(Document(
            entity.id, entity.iri, entity.label, row["kind"], row.get("date"),
            row.get("event"), row.get("org"),
            tuple(sorted(signed[PSK + "signatory"], key=lambda e: e.id)),
            tuple(sorted(signed[PSK + "refusedToSign"], key=lambda e: e.id)),
            plain(row.get("note")), g._sources_of(entity.iri), entity.labels,
            PRECISION.get(row.get("dp"), "day")))
    return found
