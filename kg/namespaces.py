"""IRIs: one namespace for the ontology, one for the data, and the reused vocabularies."""

from __future__ import annotations

from rdflib import Namespace
from rdflib.namespace import DCTERMS, FOAF, ORG, OWL, PROV, RDF, RDFS, SKOS, XSD

BASE = "https://w3id.org/postsoviet-kg/"
PSK = Namespace(BASE + "ontology#")
SCHEMA = Namespace("https://schema.org/")
DCAT = Namespace("http://www.w3.org/ns/dcat#")

#: The path segment of each kind of entity or fact node below BASE.
SEGMENTS = {
    "state": "state",
    "organization": "organization",
    "treaty": "treaty",
    "base": "base",
    "person": "person",
    "post": "post",
    "event": "event",
    "place": "place",
    "source": "source",
    "membership": "membership",
    "tenure": "tenure",
    "participation": "participation",
}

DATASET_IRI = BASE + "dataset"

PREFIXES = {
    "psk": str(PSK),
    "schema": str(SCHEMA),
    "org": str(ORG),
    "prov": str(PROV),
    "skos": str(SKOS),
    "foaf": str(FOAF),
    "dcterms": str(DCTERMS),
    "dcat": str(DCAT),
    "rdf": str(RDF),
    "rdfs": str(RDFS),
    "owl": str(OWL),
    "xsd": str(XSD),
    "state": BASE + "state/",
    "organization": BASE + "organization/",
    "treaty": BASE + "treaty/",
    "base": BASE + "base/",
    "person": BASE + "person/",
    "post": BASE + "post/",
    "event": BASE + "event/",
    "place": BASE + "place/",
    "source": BASE + "source/",
}


def iri(kind: str, local_id: str) -> str:
    """The IRI of an entity or fact node, e.g. ``iri("state", "RUS")``."""
    return f"{BASE}{SEGMENTS[kind]}/{local_id}"


_PROLOGUE = "".join(f"PREFIX {name}: <{ns}>\n" for name, ns in PREFIXES.items())


def sparql_prologue() -> str:
    """PREFIX lines for every prefix above, for queries written by the library."""
    return _PROLOGUE
