"""KnowledgeGraph: the built graph in Oxigraph, with typed look-ups and SPARQL.

SPARQL is answered by Oxigraph (``pyoxigraph``); ``g.rdf`` gives an rdflib ``Graph`` of the same
triples for users' own rdflib code, and ``g.query(..., engine="rdflib")`` answers with rdflib's
engine, for comparison.
"""

from __future__ import annotations

import difflib
from collections import defaultdict
from collections.abc import Iterable
from datetime import date
from functools import cached_property
from importlib import resources
from pathlib import Path
from typing import Any

import pyoxigraph as ox

from kg import institutions
from kg.dates import as_date
from kg.guards import check_as_of, check_lifetime, expect, statuses
from kg.names import NameIndex, surname
from kg.namespaces import EVENT_CLASS_NAMES, MEETING_FORMATS, PREFIXES, sparql_prologue
from kg.notices import DefaultUsedWarning, notice
from kg.queries import NamedQuery, _shipped_queries, named_queries
from kg.records import (
    Chairmanship,
    Document,
    Entity,
    Event,
    LangString,
    Membership,
    Participation,
    Rows,
    Source,
    Tenure,
    Triples,
)
from kg.sparql import bind_values
from kg.terms import (
    LITERALS,
    PRECISION,
    curie,
    from_rdflib,
    identity,
    plain,
    sort_key,
    syntax_message,
    to_oxigraph,
)

XSD = PREFIXES["xsd"]
PSK = PREFIXES["psk"]

#: The class that decides an entity's ``type``, most specific first.
ENTITY_TYPES = {
    PSK + "State": "state",
    PSK + "IntergovernmentalOrganization": "organization",
    "http://xmlns.com/foaf/0.1/Person": "person",
    "http://www.w3.org/ns/org#Post": "post",
    "https://schema.org/Event": "event",
    PSK + "City": "place",
    PSK + "Venue": "place",
    PSK + "Treaty": "treaty",
    PSK + "Document": "document",
    PSK + "MilitaryBase": "base",
}

#: The order participants are listed in, by role.
PARTICIPATION_ORDER = ("host", "attendee", "guest", "observer", "official", "absent",
                       "belligerent", "contributor", "territory", "subject")

#: Event kind by its class IRI.
EVENT_KINDS = {PSK + name: kind for kind, name in EVENT_CLASS_NAMES.items()}

_FORMATS = {".nt": ox.RdfFormat.N_TRIPLES, ".ttl": ox.RdfFormat.TURTLE,
            ".jsonld": ox.RdfFormat.JSON_LD, ".nq": ox.RdfFormat.N_QUADS}

PACKAGED_GRAPH = "postsoviet-kg.nt"


class UnknownEntityError(KeyError):
    """No entity has this id, acronym or label. ``suggestions`` lists near matches."""

    def __init__(self, ref: str, suggestions: list[str], ambiguous: bool = False,
                 how: str = "name", dated: bool = False):
        self.ref, self.suggestions = ref, suggestions
        if ambiguous:
            what = "surname" if how == "surname" else "name"
            pick = ("; none or several of them were there on that day: use an id" if dated else
                    "; use an id, or give a day (at=...) to pick the one there then")
            message = f"{ref!r} is ambiguous: the {what} of {', '.join(suggestions)}{pick}"
        else:
            hint = f"; did you mean {', '.join(suggestions)}?" if suggestions else ""
            message = f"no entity {ref!r}{hint}"
        super().__init__(message)

    def __str__(self) -> str:
        return self.args[0]


class GraphFileError(ValueError):
    """A graph file that cannot be read: missing, of an unknown kind, or not valid RDF."""


def _default_graph_of(store: ox.Store) -> ox.Store:
    """N-Quads may name graphs; the library reads the union of them as one graph."""
    merged = ox.Store()
    merged.bulk_extend(ox.Quad(q.subject, q.predicate, q.object) for q in store)
    return merged


class MissingParameterError(ValueError):
    """A named query was run without a parameter it requires."""


class QueryError(ValueError):
    """A SPARQL query could not be parsed or evaluated; the message gives the position."""


def _normalize(text: str) -> str:
    return " ".join(text.casefold().split())


class KnowledgeGraph:
    """The post-Soviet institutions graph. Make one with :func:`kg.load`.

    >>> import kg
    >>> g = kg.load()
    >>> g.entity("独联体").id
    'CIS'
    """

    def __init__(self, store: ox.Store, ntriples: bytes | None = None):
        self.store = store
        self._ntriples = ntriples
        self._entities: dict[str, Entity] = {}
        self._by_id: dict[str, Entity] = {}
        self._names = NameIndex()
        self._index_entities()

    # ------------------------------------------------------------------ loading
    @classmethod
    def from_file(cls, path: str | Path) -> KnowledgeGraph:
        path = Path(path)
        if path.is_dir():
            if not (path / PACKAGED_GRAPH).is_file():
                raise GraphFileError(f"cannot load {path}: a folder must hold {PACKAGED_GRAPH} "
                                     "(the output of `kg build`)")
            path = path / PACKAGED_GRAPH
        fmt = _FORMATS.get(path.suffix)
        if fmt is None:
            raise GraphFileError(f"cannot load {path}: expected one of {', '.join(_FORMATS)}")
        try:
            data = path.read_bytes()
        except OSError as err:
            raise GraphFileError(f"cannot load {path}: {err.strerror or err}") from None
        store = ox.Store()
        try:
            store.bulk_load(data, format=fmt)
        except (SyntaxError, ValueError, OSError) as err:
            reason = str(err).split("\n", 1)[0]
            raise GraphFileError(f"cannot load {path}: not valid {path.suffix[1:]}: "
                                 f"{reason}") from None
        if fmt is ox.RdfFormat.N_QUADS:
            store = _default_graph_of(store)
        return cls(store, data if fmt == ox.RdfFormat.N_TRIPLES else None)

    @classmethod
    def from_endpoint(cls, url: str, **options: Any) -> KnowledgeGraph:
        """The same API over a SPARQL 1.1 endpoint; see :func:`kg.remote.connect`."""
        from kg.remote import connect

        return connect(url, **options)

    def __len__(self) -> int:
        return len(self.store)

    def __repr__(self) -> str:
        return f"<KnowledgeGraph: {len(self)} triples, {len(self._entities)} entities>"

    @cached_property
    def rdf(self):
        """An rdflib ``Graph`` of the same triples (parsed on first use)."""
        import rdflib

        graph = rdflib.Graph()
        for prefix, namespace in PREFIXES.items():
            graph.bind(prefix, namespace)
        data = self._ntriples
        if data is None:
            data = ox.serialize(self.store, format=ox.RdfFormat.N_TRIPLES)
        graph.parse(data=data.decode("utf-8"), format="nt")
        return graph

    def _index_entities(self) -> None:
        types = " ".join(f"<{t}>" for t in ENTITY_TYPES)
        rows = self._select(f"""
            SELECT ?x ?id ?class ?label ?alias ?code WHERE {{
              VALUES ?class {{ {types} }}
              ?x a ?class ; dcterms:identifier ?id .
              # a treaty is also a document: its type is the more specific one
              FILTER(?class != psk:Document || NOT EXISTS {{ ?x a psk:Treaty }})
              {{ ?x skos:prefLabel ?label }} UNION {{ ?x skos:altLabel ?alias }}
              UNION {{ ?x psk:iso3166Alpha2 ?code }}
              UNION {{ ?x skos:exactMatch ?code FILTER(STRSTARTS(STR(?code), STR(wd:))) }}
            }}""", convert=False)
        labels: dict[str, dict[str, str]] = defaultdict(dict)
        aliases: dict[str, list[LangString]] = defaultdict(list)
        codes: dict[str, list[str]] = defaultdict(list)
        meta: dict[str, tuple[str, str]] = {}
        for row in rows:
            x = row["x"].value
            meta[x] = (row["id"].value, ENTITY_TYPES[row["class"].value])
            if row.get("label") is not None:
                labels[x][row["label"].language] = row["label"].value
            if row.get("alias") is not None:
                aliases[x].append(LangString(row["alias"].value, row["alias"].language))
            if row.get("code") is not None:
                codes[x].append(row["code"].value.rsplit("/", 1)[-1])
        for x, (ident, kind) in meta.items():
            entity = Entity(ident, x, kind, dict(sorted(labels[x].items())),
                            tuple(sorted(aliases[x], key=lambda a: (a.lang, str(a)))))
            self._entities[x] = entity
            self._by_id[ident] = entity
            names = (*labels[x].values(), *aliases[x])
            family = [n for n in map(surname, names) if n] if kind == "person" else []
            self._names.add(x, (ident, *names, *codes[x]), family)

    # ------------------------------------------------------------------ entities
    def entity(self, ref: str | Entity, at: Any = None) -> Entity:
        """The entity named by an id, an acronym (any case), a label or alias in any language,
        an ISO 3166-1 alpha-2 code, a Wikidata id, a person's surname or a Russian case form
        of a name. A name shared by several entities (two Aliyevs) is an error listing them,
        unless ``at`` (a day) leaves only one that existed, or held office, then.

        >>> import kg
        >>> g = kg.load()
        >>> g.entity("СНГ").id, g.entity("kazakhstan").id, g.entity("KZ").id
        ('CIS', 'KAZ', 'KAZ')
        >>> g.entity("Berdimuhamedow", at="2023-01-01").id
        'serdar-berdimuhamedow'
        """
        if isinstance(ref, Entity):
            return ref
        if isinstance(ref, Event):
            return self._entities[ref.iri]
        if not isinstance(ref, str):
            raise TypeError(f"expected an id, label or Entity, not {type(ref).__name__}")
        if ref in self._by_id:
            return self._by_id[ref]
        found, how = self._names.find(ref)
        if len(found) == 1:
            return self._entities[next(iter(found))]
        if found:
            ids = sorted(self._entities[x].id for x in found)
            # an id match wins over a label match (e.g. 'geo' vs a label 'Geo...')
            exact = [i for i in ids if i.casefold() == ref.casefold()]
            if len(exact) == 1:
                return self.entity(exact[0])
            if at is not None:
                day = as_date(at)
                alive = [x for x in found if self._existed(x, day)]
                if len(alive) == 1:
                    return self._entities[alive[0]]
            raise UnknownEntityError(ref, [self._candidate(x) for x in sorted(
                found, key=lambda x: self._entities[x].id)], ambiguous=True, how=how,
                dated=at is not None)
        suggestions = sorted({self._entities[x].id for x in self._names.near(ref)})
        raise UnknownEntityError(ref, suggestions)

    def _existed(self, iri: str, day: date) -> bool:
        """Whether the entity was there on ``day``: a person in some office, a state or
        organization within its lifetime; other kinds always."""
        entity = self._entities[iri]
        if entity.type == "person":
            return any(t.start <= day and (t.end is None or day < t.end)
                       for t in self._tenures_by_person.get(iri, ()))
        born, ended, _ = self._lifetimes.get(iri, (None, None, ""))
        return (born is None or born <= day) and (ended is None or day < ended)

    @cached_property
    def _tenures_by_person(self) -> dict[str, list[Tenure]]:
        found: dict[str, list[Tenure]] = defaultdict(list)
        for tenure in self._tenures("", None, {}):
            found[tenure.person.iri].append(tenure)
        return found

    def _candidate(self, iri: str) -> str:
        """``id (label, in office 1993–2003)`` for listing the candidates of a name."""
        entity = self._entities[iri]
        spans = self._tenures_by_person.get(iri) if entity.type == "person" else None
        if spans:
            first = min(t.start for t in spans).year
            last = "" if any(t.end is None for t in spans) else max(t.end for t in spans).year
            return f"{entity.id} ({entity.label}, in office {first}–{last})"
        return f"{entity.id} ({entity.label})"

    def search(self, text: str, type: str | None = None, limit: int | None = 50) -> list[dict]:
        """Entities of every type (or one) with a name containing ``text``, in any language:
        ``{"id", "type", "label", "matched"}``, exact names first, then names that start with
        it, then the rest.

        >>> import kg
        >>> [r["id"] for r in kg.load().search("Nazarbayev")]
        ['nursultan-nazarbayev']
        """
        order = {kind: i for i, kind in enumerate(ENTITY_TYPES.values())}
        hits = []
        for iri, matched, rank in self._names.search(text):
            entity = self._entities[iri]
            if type is None or entity.type == type:
                hits.append((rank, order.get(entity.type, 99), entity.id, entity, matched))
        hits.sort(key=lambda h: h[:3])
        return [{"id": e.id, "type": e.type, "label": e.label, "matched": m}
                for *_, e, m in hits[:limit]]

    def entities(self, type: str | None = None) -> list[Entity]:
        """Every entity, or those of one type (``state``, ``organization``, ``person``, ...)."""
        found = [e for e in self._entities.values() if type is None or e.type == type]
        return sorted(found, key=lambda e: e.id)

    def describe(self, ref: str | Entity) -> dict[str, list[Any]]:
        """Everything the graph says about one entity, readable: ``{property label: [values]}``.

        Values are Entities (for things in the graph), dates, booleans, or strings (a
        ``LangString`` where the text has a language). The ``memberships`` and ``members`` keys
        list the entity's memberships, as state or as organization.
        """
        entity = self.entity(ref)
        rows = self._select("""
            SELECT ?p ?plabel ?o ?olabel WHERE {
              ?x ?p ?o . OPTIONAL { ?p rdfs:label ?plabel FILTER(lang(?plabel) = "en") }
              OPTIONAL { ?o rdfs:label|skos:prefLabel ?olabel FILTER(lang(?olabel) = "en") }
            }""", convert=False, x=ox.NamedNode(entity.iri))
        sources = self._source_index[0]
        described: dict[str, list[Any]] = defaultdict(list)
        for row in rows:
            plabel = row.get("plabel")
            key = plabel.value if plabel is not None else curie(row["p"].value)
            value = self._python(row["o"])
            if isinstance(value, str) and value in sources:
                value = sources[value]
            elif isinstance(value, str) and not isinstance(value, LangString) and row.get("olabel"):
                value = row["olabel"].value  # a class or concept: its English label
            if value not in described[key]:
                described[key].append(value)
        for row in self._select("""
                SELECT ?label ?s WHERE {
                  VALUES (?p ?label) { (psk:establishes "founded by treaty")
                                       (org:subOrganizationOf "organs")
                                       (psk:capital "capital of") (psk:headquarters "seat of")
                                       (psk:hostState "foreign military bases")
                                       (psk:operatedBy "military bases abroad")
                                       (psk:venue "venue of") (psk:signatory "signed")
                                       (psk:refusedToSign "refused to sign") }
                  ?s ?p ?x }""", x=entity):
            described[str(row["label"])].append(row["s"])
        if entity.type == "state":
            described["memberships"] = self.memberships(state=entity)
            described["chairmanships"] = institutions.chairmanships_of(self, entity)
        elif entity.type == "organization":
            described["members"] = self.memberships(organization=entity)
            described["chairmanships"] = self.chairs(entity)
        elif entity.type == "person":
            described["tenures"] = self.tenures(person=entity)
        elif entity.type == "event":
            described["participants"] = self.participants(entity)
            described["documents"] = self.documents(event=entity)
        return {key: sorted(values, key=sort_key) if key not in
                ("memberships", "members", "tenures", "participants", "chairmanships",
                 "documents") else values
                for key, values in sorted(described.items())}

    # ------------------------------------------------------------------ memberships
    _MEMBERSHIP = """
        SELECT ?m ?state ?org ?status ?start ?end ?founding ?signed ?sp ?ep ?note WHERE {
          ?m a org:Membership ; org:member ?state ; org:organization ?org ;
             psk:status/skos:notation ?status ; schema:startDate ?start ;
             psk:startPrecision ?sp ; psk:foundingMember ?founding .
          OPTIONAL { ?m schema:endDate ?end ; psk:endPrecision ?ep }
          OPTIONAL { ?m psk:signedDate ?signed }
          OPTIONAL { ?m rdfs:comment ?note }
          %s
        } ORDER BY ?start ?state ?org"""

    def memberships(self, state: str | Entity | None = None,
                    organization: str | Entity | None = None,
                    at: str | date | None = None) -> list[Membership]:
        """The membership history of one state, or of one organization, or of one pair;
        with ``at``, only those that held on that day."""
        bindings: dict[str, Any] = {}
        if state is not None:
            bindings["state"] = expect(self, state, "state")
        if organization is not None:
            bindings["org"] = expect(self, organization, "organization")
        where = ""
        if at is not None:
            bindings["at"] = as_date(at)
            where = "FILTER(?start <= ?at && (!BOUND(?end) || ?end > ?at))"
        rows = self._select(self._MEMBERSHIP % where, **bindings)
        if at is not None:
            check_as_of(self, bindings["at"])
            for entity in (bindings.get("org"), bindings.get("state")):
                if entity is not None and not rows:
                    check_lifetime(self, entity, bindings["at"])
        return [self._membership(row) for row in rows]

    def membership(self, state: str | Entity, organization: str | Entity,
                   at: str | date | None = None) -> Membership | None:
        """The state's membership of the organization on day ``at`` (default: today), or None.

        >>> import kg
        >>> kg.load().membership("TKM", "CIS", at="2010-01-01").status
        'associate'
        """
        day = as_date(at) if at is not None else date.today()
        found = self.memberships(state, organization, at=day)
        return found[-1] if found else None

    def members(self, organization: str | Entity, at: str | date | None = None,
                status: str | Iterable[str] | None = "member") -> list[Entity]:
        """The states that belonged to the organization on day ``at`` (default: today).

        ``status`` filters by membership status: a status, several, or None for any
        (member, associate, observer, participant, partner, suspended, frozen).

        >>> import kg
        >>> [s.id for s in kg.load().members("CSTO", at="2010-01-01")]
        ['ARM', 'BLR', 'KAZ', 'KGZ', 'RUS', 'TJK', 'UZB']
        """
        day = as_date(at) if at is not None else date.today()
        wanted = statuses(status)
        found = {m.state for m in self.memberships(organization=organization, at=day)
                 if wanted is None or m.status in wanted}
        return sorted(found, key=lambda e: e.id)

    def _membership(self, row: dict[str, Any]) -> Membership:
        return Membership(
            state=row["state"], organization=row["org"], status=row["status"],
            start=row["start"], end=row.get("end"), founding=bool(row["founding"]),
            signed=row.get("signed"), start_precision=PRECISION[row["sp"]],
            end_precision=PRECISION.get(row.get("ep")),
            note=plain(row.get("note")), sources=self._sources_of(row["m"]), iri=row["m"])

    # ------------------------------------------------------------------ posts and tenures
    _TENURE = """
        SELECT ?t ?person ?post ?start ?end ?sp ?ep ?acting ?note ?began WHERE {
          ?t a psk:Tenure ; psk:holder ?person ; psk:post ?post ; schema:startDate ?start ;
             psk:startPrecision ?sp ; psk:acting ?acting .
          OPTIONAL { ?t schema:endDate ?end ; psk:endPrecision ?ep }
          OPTIONAL { ?t rdfs:comment ?note }
          OPTIONAL { ?t psk:beganWith ?began }
          %s
        } ORDER BY ?start ?post ?person"""

    def tenures(self, person: str | Entity | None = None, post: str | Entity | None = None,
                at: str | date | None = None) -> list[Tenure]:
        """Tenures of a person or of a post, oldest first; with ``at``, those on that day."""
        bindings: dict[str, Any] = {}
        if person is not None:
            bindings["person"] = expect(self, person, "person")
        if post is not None:
            bindings["post"] = expect(self, post, "post")
        return self._tenures("", at, bindings)

    def _tenures(self, where: str, at: str | date | None, bindings: dict[str, Any]) -> list[Tenure]:
        if at is not None:
            bindings["at"] = as_date(at)
            where += " FILTER(?start <= ?at && (!BOUND(?end) || ?end > ?at))"
        rows = self._select(self._TENURE % where, **bindings)
        return [Tenure(row["person"], row["post"], row["start"], row.get("end"),
                       bool(row["acting"]), plain(row.get("note")), self._sources_of(row["t"]),
                       row["t"], PRECISION[row["sp"]], PRECISION.get(row.get("ep")),
                       row.get("began"))
                for row in rows]

    def office_holders(self, post: str | Entity, at: str | date | None = None) -> list[Tenure]:
        """Who held the post: every tenure in order, or with ``at`` the one(s) on that day."""
        return self.tenures(post=post, at=at)

    def head_of_state(self, state: str | Entity, at: str | date | None = None) -> Entity | None:
        """The person who was head of state on day ``at`` (default: today), or None.

        Where an acting holder overlaps a full one, the full holder is returned.

        >>> import kg
        >>> kg.load().head_of_state("KAZ", at="2022-12-27").id
        'kassym-jomart-tokayev'
        """
        day = as_date(at) if at is not None else date.today()
        entity = expect(self, state, "state")
        found = self._tenures(self._HEAD_OF_STATE, day, {"state": entity})
        check_as_of(self, day)
        if not found:
            check_lifetime(self, entity, day)
        found.sort(key=lambda t: t.acting)
        return found[0].person if found else None

    _HEAD_OF_STATE = "?post a psk:HeadOfStatePost ; psk:jurisdiction ?state ."

    # ------------------------------------------------------------------ events
    _EVENT = """
        SELECT DISTINCT ?e ?class ?start ?end ?sp ?ep ?location ?org ?format ?venue ?step ?whole
        WHERE {
          ?e a schema:Event, ?class ; schema:startDate ?start ; psk:startPrecision ?sp .
          FILTER(?class != schema:Event)
          OPTIONAL { ?e schema:endDate ?end ; psk:endPrecision ?ep }
          OPTIONAL { ?e schema:location ?location }
          OPTIONAL { ?e psk:organization ?org }
          OPTIONAL { ?e psk:meetingFormat/skos:notation ?format }
          OPTIONAL { ?e psk:venue ?venue }
          OPTIONAL { ?e psk:membershipStep/skos:notation ?step }
          OPTIONAL { ?e schema:superEvent ?whole }
          %s
        } ORDER BY ?start ?e"""

    def events(self, kind: str | None = None,
               between: tuple[str | date, str | date] | None = None,
               participant: str | Entity | None = None,
               organization: str | Entity | None = None,
               format: str | None = None) -> list[Event]:
        """Events, oldest first, filtered by kind (``summit``, ``armed-conflict``, ...), by a
        period ``between=(first, last)`` (inclusive; an event counts if it overlaps it, and an
        ongoing event, one with no end, overlaps every period after its start), by
        a participant (a person, or a state represented; absentees do not count), by
        organization, or by meeting format (``regular``, ``informal``, ``extraordinary``,
        ``online``)."""
        bindings: dict[str, Any] = {}
        where = []
        if format is not None:
            if format not in MEETING_FORMATS:
                raise ValueError(f"unknown format {format!r}: expected one of "
                                 f"{', '.join(MEETING_FORMATS)}")
            bindings["given_format"] = format
            where.append("FILTER(BOUND(?format) && ?format = ?given_format)")
        if kind is not None:
            if kind not in EVENT_CLASS_NAMES:
                raise ValueError(f"unknown event kind {kind!r}: expected one of "
                                 f"{', '.join(sorted(EVENT_CLASS_NAMES))}")
            bindings["class"] = ox.NamedNode(PSK + EVENT_CLASS_NAMES[kind])
        if between is not None:
            first, last = (as_date(d) for d in between)
            bindings.update(first=first, last=last)
            # no end: still going on (a one-day event has end = start)
            where.append("FILTER(?start <= ?last && (!BOUND(?end) || ?end >= ?first))")
        if participant is not None:
            bindings["who"] = expect(self, participant, "person", "state", role="participant")
            where.append("""FILTER EXISTS { ?p psk:event ?e ; psk:role ?role .
                              { ?p psk:participant ?who } UNION { ?p psk:representing ?who }
                              FILTER(?role != psk:role-absent) }""")
        if organization is not None:
            bindings["of"] = expect(self, organization, "organization")
            where.append("?e psk:organization ?of .")
        rows = self._select(self._EVENT % "\n".join(where), **bindings)
        return [self._event(row) for row in rows if row["class"] in EVENT_KINDS]

    def event(self, ref: str | Entity) -> Event:
        """One event as an :class:`Event` record."""
        entity = expect(self, ref, "event")
        rows = self._select(self._EVENT % "", e=entity)
        return self._event(next(r for r in rows if r["class"] in EVENT_KINDS))

    def _event(self, row: dict[str, Any]) -> Event:
        entity: Entity = row["e"]
        return Event(entity.id, entity.iri, entity.label, EVENT_KINDS[row["class"]],
                     row["start"], row.get("end"), row.get("location"), row.get("org"),
                     entity.labels, self._sources_of(entity.iri), PRECISION[row["sp"]],
                     PRECISION.get(row.get("ep")), plain(row.get("format")), row.get("venue"),
                     self._compositions.get(entity.iri, ()), plain(row.get("step")),
                     row.get("whole"), self._results.get(entity.iri, ()))

    @cached_property
    def _results(self) -> dict[str, tuple[Entity, ...]]:
        """The events each event led to (psk:resultedIn)."""
        found: dict[str, list[Entity]] = defaultdict(list)
        for row in self._select("SELECT ?e ?later WHERE { ?e psk:resultedIn ?later }"):
            found[row["e"].iri].append(row["later"])
        return {e: tuple(sorted(later, key=lambda x: x.id)) for e, later in found.items()}

    @cached_property
    def _compositions(self) -> dict[str, tuple[str, ...]]:
        """The sessions (narrow, extended) of each meeting that records them."""
        found: dict[str, list[str]] = defaultdict(list)
        for row in self._select("""SELECT ?e ?c WHERE { ?e a schema:Event ;
                                     psk:composition/skos:notation ?c }""", convert=False):
            found[row["e"].value].append(row["c"].value)
        order = {"narrow": 0, "extended": 1}
        return {e: tuple(sorted(c, key=order.get)) for e, c in found.items()}

    def participants(self, event: str | Entity) -> list[Participation]:
        """Who hosted, attended or was absent from an event, and as what (hosts first, then
        attendees, guests, observers, officials, absentees; belligerents, contributors and
        territories of a conflict or deployment), each by the state or organization it
        represented."""
        entity = expect(self, event, "event")
        rows = self._select("""
            SELECT ?p ?who ?whom ?role ?note ?attendance ?session ?capacity WHERE {
              ?p psk:event ?e ; psk:participant ?who ; psk:role/skos:notation ?role .
              OPTIONAL { ?p psk:representing ?whom }
              OPTIONAL { ?p psk:attendance/skos:notation ?attendance }
              OPTIONAL { ?p psk:composition/skos:notation ?session }
              OPTIONAL { ?p psk:capacity/skos:notation ?capacity }
              OPTIONAL { ?p rdfs:comment ?note }
            }""", e=entity)
        order = {role: i for i, role in enumerate(PARTICIPATION_ORDER)}
        found = []
        for row in rows:
            whom = row.get("whom")
            state = whom if isinstance(whom, Entity) and whom.type == "state" else None
            found.append(Participation(entity, row["who"], state, row["role"],
                                       plain(row.get("note")), self._sources_of(row["p"]),
                                       row["p"], whom, plain(row.get("attendance")),
                                       plain(row.get("session")), plain(row.get("capacity"))))
        return sorted(found, key=lambda p: (order.get(p.role, 99),
                                            (p.represents or p.participant).id,
                                            p.participant.id))

    # ------------------------------------------------------------------ SPARQL
    def query(self, sparql: str, engine: str = "oxigraph", **bindings: Any) -> Any:
        """Run a SPARQL query of any form.

        SELECT gives :class:`kg.records.Rows` (``{variable: value}`` dicts that also know the
        projected ``variables``), ASK a ``bool``, CONSTRUCT and DESCRIBE
        :class:`kg.records.Triples` (``.serialize("turtle" | "ntriples")``).

        Keyword arguments bind variables before evaluation: an Entity or id binds its IRI
        (pass ``g.entity(...)``), a date an ``xsd:date``, an int an ``xsd:integer``.
        The graph's prefixes (psk, org, schema, skos, prov, ...) are predeclared.
        ``engine="rdflib"`` answers with rdflib's engine on the same triples.

        >>> import kg
        >>> kg.load().query("ASK { ?s dcterms:identifier 'CSTO' }")
        True
        """
        if engine == "oxigraph":
            return self._select(sparql, **bindings)
        if engine == "rdflib":
            return self._select_rdflib(sparql, **bindings)
        raise ValueError(f"unknown engine {engine!r}: expected 'oxigraph' or 'rdflib'")

    def named_query(self, name: str, engine: str = "oxigraph", **params: Any) -> list[dict]:
        """Run a named query (see ``kg.named_queries()``) with its parameters by keyword.

        A required parameter left out is an error; a date parameter documented with
        ``default=today`` takes today's date and says so with a ``DefaultUsedWarning``.
        ``kg.named_queries()[name].examples`` holds the documented example values.
        """
        query = _shipped_queries().get(name)
        if query is None:
            near = difflib.get_close_matches(name, list(named_queries()), n=3)
            hint = f"; did you mean {', '.join(near)}?" if near else ""
            raise KeyError(f"no named query {name!r}{hint}")
        return self.run(query, params, engine)

    def run(self, query: NamedQuery, params: dict[str, Any], engine: str = "oxigraph") -> Any:
        """Run a named query (shipped or read from a .rq file) with its parameters, and warn,
        as the typed look-ups do, when a day is after the data's as-of date or, for an empty
        answer, outside the life of the organization or state asked about."""
        bound = self.bind_params(query, params)
        result = self.query(query.text, engine=engine, **bound)
        days = [v for p, v in bound.items() if isinstance(v, date) and
                any(q.name == p and q.kind == "date" for q in query.params)]
        for day in days:
            check_as_of(self, day)
            if isinstance(result, list) and not result:
                for value in bound.values():
                    if isinstance(value, Entity) and value.type in ("organization", "state"):
                        check_lifetime(self, value, day)
        return result

    def bind_params(self, query: NamedQuery, given: dict[str, Any]) -> dict[str, Any]:
        """Convert named-query parameters to values for binding; a missing required one
        raises ``MissingParameterError``, a missing defaulted one takes its default."""
        unknown = set(given) - {p.name for p in query.params}
        if unknown:
            raise ValueError(f"{query.name} takes no parameter {', '.join(sorted(unknown))}; "
                             f"it takes: {', '.join(p.name for p in query.params) or 'none'}")
        missing = [p for p in query.params if p.name not in given and p.default is None]
        if missing:
            raise MissingParameterError(
                f"{query.name} needs {', '.join(p.describe() for p in missing)}; give "
                f"{' '.join(f'{p.name}={p.example}' for p in missing)}")
        bound: dict[str, Any] = {}
        for param in query.params:
            value = given.get(param.name)
            if value is None:
                value = date.today() if param.default == "today" else param.default
                notice(f"{query.name}: {param.name} not given; using its default, "
                       f"{param.default} ({value})", DefaultUsedWarning)
            if param.kind == "entity" and param.type:
                bound[param.name] = expect(self, value, *param.type.split("|"),
                                           role=f"{query.name}'s {param.name}")
            elif param.kind == "entity":
                bound[param.name] = self.entity(value)
            elif param.kind == "date":
                bound[param.name] = as_date(value)
            elif param.kind == "integer":
                bound[param.name] = int(value)
            else:
                bound[param.name] = str(value)
        return bound

    def _prepare(self, sparql: str, bindings: dict[str, Any]) -> str:
        try:
            bound = bind_values(sparql, {k: to_oxigraph(v) for k, v in bindings.items()})
        except ValueError as err:
            raise QueryError(str(err)) from None
        return sparql_prologue() + bound

    def _select(self, sparql: str, convert: bool = True, **bindings: Any) -> list[dict[str, Any]]:
        try:
            result = self.store.query(self._prepare(sparql, bindings))
        except SyntaxError as err:
            raise QueryError(syntax_message(str(err), sparql)) from None
        except (OSError, ValueError, RuntimeError) as err:
            raise QueryError(f"SPARQL evaluation error: {err}") from None
        if isinstance(result, ox.QueryBoolean | bool):
            return bool(result)
        if isinstance(result, ox.QueryTriples | list):  # a list: from a remote endpoint
            return Triples(result)
        names = [v.value for v in result.variables]
        to_python = self._python if convert else identity
        return Rows(({name: to_python(term) for name, term in zip(names, solution, strict=True)
                      if term is not None} for solution in result), names)

    def _select_rdflib(self, sparql: str, **bindings: Any) -> list[dict[str, Any]]:
        from pyparsing import ParseException

        prepared = self._prepare(sparql, bindings)
        try:
            result = self.rdf.query(prepared)
        except ParseException as err:
            raise QueryError(f"SPARQL syntax error: {err}") from None
        if result.type == "ASK":
            return bool(result.askAnswer)
        if result.type in ("CONSTRUCT", "DESCRIBE"):
            return Triples(ox.Triple(*(from_rdflib(t) for t in triple)) for triple in result)
        names = [str(v) for v in result.vars]
        rows = Rows((), names)
        for solution in result:
            row = {}
            for name, term in zip(names, solution, strict=True):
                if term is not None:
                    row[name] = self._python(from_rdflib(term))
            rows.append(row)
        return rows

    def _python(self, term: Any) -> Any:
        """An Oxigraph term as a Python value: known IRIs become their Entity."""
        kind = type(term)
        if kind is ox.NamedNode:
            iri = term.value
            return self._entities.get(iri, iri)
        if kind is ox.Literal:
            language = term.language
            if language:
                return LangString(term.value, language)
            convert = LITERALS.get(term.datatype.value)
            return convert(term.value) if convert else term.value
        return str(term)

    @cached_property
    def _source_index(self) -> tuple[dict[str, Source], dict[str, tuple[Source, ...]]]:
        sources = {}
        for row in self._select("""
                SELECT ?s ?id ?url ?title ?publisher ?accessed WHERE {
                  ?s a psk:Source ; dcterms:identifier ?id ; schema:url ?url ;
                     dcterms:title ?title .
                  OPTIONAL { ?s dcterms:publisher ?publisher }
                  OPTIONAL { ?s psk:accessed ?accessed } }""", convert=False):
            publisher, accessed = row.get("publisher"), row.get("accessed")
            sources[row["s"].value] = Source(
                row["id"].value, row["url"].value, row["title"].value,
                publisher.value if publisher else None,
                date.fromisoformat(accessed.value) if accessed else None)
        cited: dict[str, list[Source]] = defaultdict(list)
        for row in self._select("SELECT ?x ?s WHERE { ?x prov:wasDerivedFrom ?s }", convert=False):
            source = sources.get(row["s"].value)
            if source is not None:
                cited[row["x"].value].append(source)
        return sources, {x: tuple(sorted(v, key=lambda s: s.id)) for x, v in cited.items()}

    @cached_property
    def as_of(self) -> date | None:
        """The day the data was last checked against its sources (``data/dataset.toml``)."""
        rows = self._select("SELECT ?d WHERE { ?x a dcat:Dataset ; dcterms:modified ?d }")
        return rows[0]["d"] if rows else None

    @cached_property
    def _lifetimes(self) -> dict[str, tuple[date | None, date | None, str]]:
        """When each organization and state began and ended, for warnings on days outside."""
        rows = self._select("""
            SELECT ?x ?born ?ended ?how WHERE {
              { ?x a psk:IntergovernmentalOrganization ; schema:foundingDate ?born .
                BIND("was founded" AS ?how) }
              UNION { ?x a psk:State ; psk:independenceDate ?born .
                      BIND("became independent" AS ?how) }
              UNION { ?x a psk:State . FILTER NOT EXISTS { ?x psk:independenceDate ?i } }
              OPTIONAL { ?x schema:dissolutionDate ?ended } }""", convert=False)
        return {row["x"].value: (date.fromisoformat(row["born"].value) if "born" in row else None,
                                 date.fromisoformat(row["ended"].value) if "ended" in row else None,
                                 row["how"].value if "how" in row else "")
                for row in rows}

    def _sources_of(self, node: str | Entity) -> tuple[Source, ...]:
        key = node.iri if isinstance(node, Entity) else node
        return self._source_index[1].get(key, ())

    def sources(self, ref: str | Entity) -> tuple[Source, ...]:
        """The sources cited by an entity's own row."""
        return self._sources_of(self.entity(ref))

    def source(self, ident: str) -> Source:
        """One source by its id (as the tables and exports cite it)."""
        found = self._sources_by_id.get(ident)
        if found is None:
            near = difflib.get_close_matches(ident, list(self._sources_by_id), n=3)
            raise UnknownEntityError(ident, near)
        return found

    def to_frame(self, table: str, **filters: Any):
        """A tidy pandas table: ``memberships``, ``tenures``, ``events``, ``participations``,
        ``state-year`` (a COW-style panel) or ``sources``; see :mod:`kg.frames`."""
        from kg.frames import to_frame

        return to_frame(self, table, **filters)

    @cached_property
    def _sources_by_id(self) -> dict[str, Source]:
        return {s.id: s for s in self._source_index[0].values()}

    # --- network analysis (kg.network)
    def network(self, kind: str, at=None, period=None, organizations=None, **options):
        """A networkx graph of this graph at a date or over a period: see kg.network.network."""
        from kg.network import network
        return network(self, kind, at, period, organizations, **options)

    def centrality(self, measure: str, network: str = "co-membership", **options):
        """Nodes ranked by a centrality measure, as (id, label, value): see kg.network."""
        from kg.network import centrality
        return centrality(self, measure, network, **options)

    def centrality_series(self, measure="degree", network: str = "co-membership", **options):
        """A measure year by year as a tidy table: see kg.network.centrality_series."""
        from kg.network import centrality_series
        return centrality_series(self, measure, network, **options)

    # --- interactive page (kg.viz)
    def to_html(self, path: str | Path, network: str = "full", at: str | date | None = None,
                focus: str | Entity | None = None, depth: int = 2, lang: str = "en") -> Path:
        """Write the interactive, offline HTML page of the graph; see :func:`kg.viz.to_html`."""
        from kg.viz import to_html

        return to_html(self, path, network=network, at=at, focus=focus, depth=depth, lang=lang)

    # --- chairmanships and documents (kg.institutions)
    def chair(self, body: str | Entity, at: Any) -> Entity | None:
        """The state chairing ``body`` on ``at`` (or None); see :func:`kg.institutions.chair`."""
        return institutions.chair(self, body, at)

    def chairs(self, body: str | Entity) -> list[Chairmanship]:
        """The chairmanships of ``body``, oldest first; see :func:`kg.institutions.chairs`."""
        return institutions.chairs(self, body)

    def documents(self, event: str | Entity | None = None,
                  signatory: str | Entity | None = None) -> list[Document]:
        """Documents adopted at an event or signed by a state; see
        :func:`kg.institutions.documents`."""
        return institutions.documents(self, event, signatory)

    # --- reading the news (kg.link)
    def link(self, text: str, lang: str | None = None, date: Any = None):
        """Mentions, dates, the event reported and the claims checked: see :mod:`kg.link`."""
        from kg.link import link

        return link(self, text, lang=lang, date=date)


def load(path: str | Path | None = None) -> KnowledgeGraph:
    """Load the built graph shipped in the package (no build step, no network), or the graph
    at ``path`` (a ``.nt``, ``.ttl`` or ``.jsonld`` file, or a folder of artifacts).

    >>> import kg
    >>> len(kg.load()) > 1000
    True
    """
    if path is None:
        packaged = resources.files("kg") / "_graph" / PACKAGED_GRAPH
        if not packaged.is_file():
            raise FileNotFoundError("the package has no built graph: run `kg build` in the "
                                    "project root first")
        path = Path(str(packaged))
    return KnowledgeGraph.from_file(path)
