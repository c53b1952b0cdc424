"""Compile checked rows into RDF triples, remembering which row made each node."""

from __future__ import annotations

import tomllib
from pathlib import Path
from urllib.parse import quote

from rdflib import Graph, Literal, Namespace, URIRef
from rdflib.namespace import DCTERMS, FOAF, ORG, PROV, RDF, RDFS, SKOS, XSD

from kg.build.checks import Rows
from kg.build.history import changed_membership, derived_capacity, memberships_by_state_org
from kg.build.tables import Row
from kg.dates import PartialDate
from kg.namespaces import (
    DATASET_IRI,
    EVENT_CLASS_NAMES,
    MEMBERSHIP_EVENT_KINDS,
    PREFIXES,
    iri,
)

PSK = Namespace(PREFIXES["psk"])
SCHEMA = Namespace(PREFIXES["schema"])
DCAT = Namespace(PREFIXES["dcat"])
GEO = Namespace(PREFIXES["geo"])
WD = Namespace(PREFIXES["wd"])
#: A note that begins with this marks its row's fact as not verified (psk:unverified).
UNVERIFIED_MARK = "UNVERIFIED"

STATE_CLASSES = {"recognized": PSK.RecognizedState,
                 "partially-recognized": PSK.PartiallyRecognizedState,
                 "former": PSK.FormerState}
EVENT_CLASSES = {kind: PSK[name] for kind, name in EVENT_CLASS_NAMES.items()}
POST_CLASSES = {"head-of-state": PSK.HeadOfStatePost,
                "head-of-government": PSK.HeadOfGovernmentPost}
PRECISION = {"day": PSK.precisionDay, "month": PSK.precisionMonth, "year": PSK.precisionYear}

#: The property that records the precision of each other dated property (start and end dates
#: have psk:startPrecision and psk:endPrecision).
PRECISION_OF = {
    SCHEMA.birthDate: PSK.birthDatePrecision, SCHEMA.foundingDate: PSK.foundingDatePrecision,
    SCHEMA.dissolutionDate: PSK.dissolutionDatePrecision,
    PSK.independenceDate: PSK.independenceDatePrecision, PSK.signedDate: PSK.signedDatePrecision,
    PSK.entryIntoForce: PSK.entryIntoForcePrecision,
}


class Compiler:
    """Accumulates triples and the origin (``file:line``) of every node it creates."""

    def __init__(self, registry: dict[str, dict[str, Row]], tables: Rows | None = None):
        self.graph = Graph()
        self.origin: dict[str, tuple[str, int]] = {}
        self.registry = registry
        self.tables = tables or {}
        self.tenures_by_person: dict[str, list[Row]] = {}
        for row in self.tables.get("tenures", []):
            self.tenures_by_person.setdefault(row["person"], []).append(row)

    # ------------------------------------------------------------ helpers
    def add(self, s: URIRef, p: URIRef, o) -> None:
        if o is not None:
            self.graph.add((s, p, o))

    def node(self, kind: str, local_id: str, row: Row) -> URIRef:
        node = URIRef(iri(kind, local_id))
        self.origin.setdefault(str(node), (row.file, row.line))
        return node

    def ref(self, value: str | None, *kinds: str) -> URIRef | None:
        if value is None:
            return None
        for kind in kinds:
            if value in self.registry[kind]:
                return URIRef(iri(kind, value))
        return None

    def date(self, node: URIRef, prop: URIRef, value: PartialDate | None,
             precision_prop: URIRef | None = None) -> None:
        if value is None:
            return
        self.add(node, prop, Literal(value.value.isoformat(), datatype=XSD.date))
        precision_prop = precision_prop or PRECISION_OF.get(prop)
        if precision_prop is not None:
            self.add(node, precision_prop, PRECISION[value.precision])

    def sources(self, node: URIRef, row: Row) -> None:
        for source in row["sources"] or []:
            self.add(node, PROV.wasDerivedFrom, self.ref(source, "source"))

    def labels(self, node: URIRef, row: Row) -> None:
        for lang in ("en", "ru", "zh"):
            if row[lang]:
                self.add(node, SKOS.prefLabel, Literal(row[lang], lang=lang))
        native, native_lang = row["native"], row["native_lang"]
        if native and native_lang:
            self.add(node, PSK.nativeLanguage, Literal(native_lang, datatype=XSD.language))
            if native_lang not in ("en", "ru", "zh"):
                self.add(node, SKOS.prefLabel, Literal(native, lang=native_lang))
            elif native != row[native_lang]:
                self.add(node, SKOS.altLabel, Literal(native, lang=native_lang))
        for lang, text in row["aliases"] or []:
            self.add(node, SKOS.altLabel, Literal(text, lang=lang))

    def entity(self, kind: str, row: Row, *types: URIRef) -> URIRef:
        node = self.node(kind, row["id"], row)
        for rdf_type in types:
            self.add(node, RDF.type, rdf_type)
        self.add(node, DCTERMS.identifier, Literal(row["id"]))
        self.labels(node, row)
        self.sources(node, row)
        self.note(node, row)
        return node

    def wikidata(self, node: URIRef, row: Row) -> None:
        # skos:exactMatch, not owl:sameAs: Wikidata's item may carry statements this graph
        # does not endorse, and sameAs would merge them into ours under OWL reasoning.
        if row["wikidata"]:
            self.add(node, SKOS.exactMatch, WD[row["wikidata"]])

    def note(self, node: URIRef, row: Row) -> None:
        if not row["note"]:
            return
        self.add(node, RDFS.comment, Literal(row["note"], lang="en"))
        # The curators' marker for a fact they could not verify (docs/data.md), made queryable.
        if row["note"].startswith(UNVERIFIED_MARK):
            self.add(node, PSK.unverified, Literal(True))

    # ------------------------------------------------------------ tables
    def sources_table(self, row: Row) -> None:
        node = self.node("source", row["id"], row)
        self.add(node, RDF.type, PSK.Source)
        self.add(node, DCTERMS.identifier, Literal(row["id"]))
        if row["url"]:
            self.add(node, SCHEMA.url, URIRef(row["url"]))
        if row["title"]:
            self.add(node, DCTERMS.title, Literal(row["title"]))
        if row["publisher"]:
            self.add(node, DCTERMS.publisher, Literal(row["publisher"]))
        self.date(node, PSK.accessed, row["accessed"])

    def states(self, row: Row) -> None:
        node = self.entity("state", row, PSK.State, STATE_CLASSES.get(row["kind"], PSK.State))
        self.add(node, PSK.capital, self.ref(row["capital"], "place"))
        self.date(node, PSK.independenceDate, row["independence"])
        if "dissolved" not in row.bad:
            self.date(node, SCHEMA.dissolutionDate, row["dissolved"])
        if row["iso_alpha2"]:
            self.add(node, PSK.iso3166Alpha2, Literal(row["iso_alpha2"]))
        if row["cow_code"] is not None:
            self.add(node, PSK.cowStateNumber, Literal(row["cow_code"], datatype=XSD.integer))
        self.wikidata(node, row)

    def places(self, row: Row) -> None:
        within = self.ref(row["within"], "place")
        node = self.entity("place", row, PSK.Venue if row["within"] else PSK.City)
        # a venue lies in its city, and a city in its state
        self.add(node, SCHEMA.containedInPlace, within or self.ref(row["state"], "state"))
        if row["lat"] is not None and row["lon"] is not None:
            self.add(node, GEO.lat, Literal(f"{row['lat']:.4f}", datatype=XSD.decimal))
            self.add(node, GEO.long, Literal(f"{row['lon']:.4f}", datatype=XSD.decimal))
        self.wikidata(node, row)

    def organizations(self, row: Row) -> None:
        node = self.entity("organization", row, PSK.IntergovernmentalOrganization)
        self.date(node, SCHEMA.foundingDate, row["founded"])
        if row["founded_by"]:
            self.add(node, PSK.foundingAct, PSK[f"founding-{row['founded_by']}"])
        if "dissolved" not in row.bad:
            self.date(node, SCHEMA.dissolutionDate, row["dissolved"])
        self.add(node, PSK.headquarters, self.ref(row["headquarters"], "place"))
        for lang in row["languages"] or []:
            self.add(node, PSK.workingLanguage, Literal(lang, datatype=XSD.language))
        predecessor = self.ref(row["predecessor"], "organization")
        self.add(node, PSK.predecessor, predecessor)
        if predecessor is not None:
            self.add(predecessor, PSK.successor, node)
        self.add(node, ORG.subOrganizationOf, self.ref(row["parent"], "organization"))
        if row["cow_abbr"]:
            self.add(node, PSK.cowAbbreviation, Literal(row["cow_abbr"]))
        self.wikidata(node, row)

    def treaties(self, row: Row) -> None:
        node = self.entity("treaty", row, PSK.Treaty)
        self.date(node, PSK.signedDate, row["signed"])
        if "in_force" not in row.bad:
            self.date(node, PSK.entryIntoForce, row["in_force"])
        self.add(node, SCHEMA.location, self.ref(row["location"], "place"))
        self.add(node, PSK.establishes, self.ref(row["establishes"], "organization"))
        self.add(node, RDF.type, PSK.Document)
        self.add(node, PSK.documentKind, PSK["document-treaty"])
        event = self.ref(row["event"], "event")
        self.add(node, PSK.adoptedAt, event)

    def bases(self, row: Row) -> None:
        node = self.entity("base", row, PSK.MilitaryBase)
        self.add(node, PSK.hostState, self.ref(row["host"], "state"))
        self.add(node, PSK.operatedBy, self.ref(row["operator"], "state"))
        self.add(node, SCHEMA.location, self.ref(row["city"], "place"))
        self.dates(node, row)

    def people(self, row: Row) -> None:
        node = self.entity("person", row, FOAF.Person)
        self.date(node, SCHEMA.birthDate, row["born"])
        self.add(node, SCHEMA.birthPlace, self.ref(row["birthplace"], "place"))
        self.wikidata(node, row)

    def posts(self, row: Row) -> None:
        node = self.entity("post", row, ORG.Post, POST_CLASSES.get(row["role"], ORG.Post))
        self.add(node, PSK.jurisdiction, self.ref(row["jurisdiction"], "state", "organization"))
        self.add(node, PSK.collective, Literal(bool(row["collective"])))

    def events(self, row: Row) -> None:
        node = self.entity("event", row, SCHEMA.Event, EVENT_CLASSES.get(row["kind"], SCHEMA.Event))
        self.date(node, SCHEMA.startDate, row["start"], PSK.startPrecision)
        if "end" not in row.bad:
            self.date(node, SCHEMA.endDate, row["end"], PSK.endPrecision)
        self.add(node, SCHEMA.location, self.ref(row["location"], "place"))
        self.add(node, PSK.venue, self.ref(row["venue"], "place"))
        self.add(node, PSK.organization, self.ref(row["organization"], "organization"))
        if row["format"]:
            self.add(node, PSK.meetingFormat, PSK[f"format-{row['format']}"])
        for session in row["composition"] or []:
            self.add(node, PSK.composition, PSK[f"composition-{session}"])
        if row["kind"] in MEMBERSHIP_EVENT_KINDS:
            self.add(node, PSK.membershipStep, PSK[f"step-{row['step'] or 'effect'}"])
        self.add(node, SCHEMA.superEvent, self.ref(row["part_of"], "event"))
        for later in row["led_to"] or []:
            self.add(node, PSK.resultedIn, self.ref(later, "event"))

    def documents(self, row: Row) -> None:
        node = self.entity("document", row, PSK.Document)
        if row["kind"]:
            self.add(node, PSK.documentKind, PSK[f"document-{row['kind']}"])
        self.date(node, SCHEMA.dateCreated, row["date"], PSK.datePrecision)
        self.add(node, PSK.adoptedAt, self.ref(row["event"], "event"))
        self.add(node, PSK.organization, self.ref(row["organization"], "organization"))
        for state in row["signatories"] or []:
            self.add(node, PSK.signatory, self.ref(state, "state"))
        for state in row["refused"] or []:
            self.add(node, PSK.refusedToSign, self.ref(state, "state"))

    def chairmanships(self, row: Row) -> None:
        local = f"{row['organization']}-{row['state']}-{row['start']}"
        node = self.fact("chairmanship", local, row, PSK.Chairmanship)
        self.add(node, PSK.chairedBody, self.ref(row["organization"], "organization"))
        self.add(node, PSK.chair, self.ref(row["state"], "state"))
        self.add(node, PSK.decidedAt, self.ref(row["decision"], "event"))
        self.dates(node, row)

    def fact(self, kind: str, local_id: str, row: Row, rdf_type: URIRef) -> URIRef:
        node = self.node(kind, local_id, row)
        self.add(node, RDF.type, rdf_type)
        self.sources(node, row)
        self.note(node, row)
        return node

    def dates(self, node: URIRef, row: Row) -> None:
        self.date(node, SCHEMA.startDate, row["start"], PSK.startPrecision)
        if "end" not in row.bad:
            self.date(node, SCHEMA.endDate, row["end"], PSK.endPrecision)

    def memberships(self, row: Row) -> None:
        local = f"{row['state']}-{row['organization']}-{row['status']}-{row['start']}"
        node = self.fact("membership", local, row, ORG.Membership)
        self.add(node, ORG.member, self.ref(row["state"], "state"))
        self.add(node, ORG.organization, self.ref(row["organization"], "organization"))
        if row["status"]:
            self.add(node, PSK.status, PSK[f"status-{row['status']}"])
        self.add(node, PSK.foundingMember, Literal(bool(row["founding"])))
        self.dates(node, row)
        self.date(node, PSK.signedDate, row["signed"])

    def tenures(self, row: Row) -> None:
        local = f"{row['person']}-{row['post']}-{row['start']}"
        node = self.fact("tenure", local, row, PSK.Tenure)
        person, post = self.ref(row["person"], "person"), self.ref(row["post"], "post")
        self.add(node, PSK.holder, person)
        self.add(node, PSK.post, post)
        self.add(node, PSK.acting, Literal(bool(row["acting"])))
        self.add(node, PSK.beganWith, self.ref(row["began_with"], "event"))
        self.dates(node, row)
        if person is not None and post is not None:
            self.add(person, ORG.holds, post)

    def participations(self, row: Row) -> None:
        node = self.fact("participation", f"{row['event']}-{row['participant']}", row,
                         PSK.Participation)
        self.add(node, PSK.event, self.ref(row["event"], "event"))
        self.add(node, PSK.participant, self.ref(row["participant"], "person", "state"))
        self.add(node, PSK.representing, self.ref(row["state"], "state"))
        self.add(node, PSK.representing, self.ref(row["organization"], "organization"))
        if row["role"]:
            self.add(node, PSK.role, PSK[f"role-{row['role']}"])
        if row["attendance"]:
            self.add(node, PSK.attendance, PSK[f"attendance-{row['attendance']}"])
        elif row["role"] == "absent":
            self.add(node, PSK.attendance, PSK["attendance-absent"])
        if row["composition"]:
            self.add(node, PSK.composition, PSK[f"composition-{row['composition']}"])
        capacity = derived_capacity(row, self.registry, self.tenures_by_person)
        if capacity is not None:
            self.add(node, PSK.capacity, PSK[f"capacity-{capacity}"])

    def names(self, row: Row) -> None:
        local = quote(f"{row['entity']}-{row['lang']}-{row['start'] or 'undated'}-{row['name']}",
                      safe="-")
        node = self.fact("name", local, row, PSK.DatedName)
        entity = self.ref(row["entity"], "state", "organization", "place")
        if row["name"] and row["lang"]:
            name = Literal(row["name"], lang=row["lang"])
            self.add(node, RDFS.label, name)
            # a former name is also an alternative label, so that look-ups by it find the entity
            if entity is not None and (entity, SKOS.prefLabel, name) not in self.graph:
                self.add(entity, SKOS.altLabel, name)
        self.add(entity, PSK.historicalName, node)
        self.dates(node, row)

    def membership_changes(self) -> None:
        """Tie each accession, withdrawal or status-change step to the membership it changed."""
        by_pair = memberships_by_state_org(self.tables)
        for row in self.tables.get("participations", []):
            event = self.registry["event"].get(row["event"])
            state = row["state"] or row["participant"]
            if (row["role"] != "subject" or event is None or state not in self.registry["state"]
                    or event["kind"] not in MEMBERSHIP_EVENT_KINDS or event["organization"] is None
                    or event["start"] is None):
                continue
            membership = changed_membership(event, state, by_pair)
            if membership is not None:
                local = (f"{membership['state']}-{membership['organization']}-"
                         f"{membership['status']}-{membership['start']}")
                self.add(URIRef(iri("event", event["id"])), PSK.changedMembership,
                         URIRef(iri("membership", local)))


def dataset_metadata(path: Path, graph: Graph) -> str:
    """Describe the dataset itself (title, licence, as-of date) from ``data/dataset.toml``;
    return its as-of date."""
    meta = tomllib.loads(path.read_text(encoding="utf-8"))
    node = URIRef(DATASET_IRI)
    graph.add((node, RDF.type, DCAT.Dataset))
    graph.add((node, DCTERMS.title, Literal(meta["title"], lang="en")))
    graph.add((node, DCTERMS.license, URIRef(meta["license"])))
    as_of = str(meta["as_of"])
    graph.add((node, DCTERMS.modified, Literal(as_of, datatype=XSD.date)))
    return as_of


def compile_rows(tables: Rows, registry: dict[str, dict[str, Row]]) -> Compiler:
    compiler = Compiler(registry, tables)
    handlers = {"sources": compiler.sources_table, "states": compiler.states,
                "places": compiler.places, "organizations": compiler.organizations,
                "treaties": compiler.treaties, "people": compiler.people,
                "posts": compiler.posts, "events": compiler.events, "bases": compiler.bases,
                "documents": compiler.documents, "chairmanships": compiler.chairmanships,
                "memberships": compiler.memberships, "tenures": compiler.tenures,
                "participations": compiler.participations, "names": compiler.names}
    for name, rows in tables.items():
        for row in rows:
            handlers[name](row)
    compiler.membership_changes()
    return compiler
