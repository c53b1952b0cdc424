"""RDF dumps of the graph (Turtle, N-Triples, N-Quads, compact JSON-LD) and the dataset's VoID
description, which ``kg export`` ships beside the dumps and ``kg serve`` serves.

The JSON-LD is compacted with the project's published context (``context.jsonld``, written
beside it and embedded in it, so the file reads the same offline); its terms are the
prefixes of ``kg.namespaces.PREFIXES``.
"""

from __future__ import annotations

import json
from pathlib import Path

import pyoxigraph as ox

from kg.namespaces import BASE, DATASET_IRI, PREFIXES

GRAPH_NAME = "postsoviet-kg"
#: The named graph that holds the data in an N-Quads dump.
DATA_GRAPH = BASE + "graph"
#: The named graph that holds the VoID description on the endpoint.
VOID_GRAPH = BASE + "void"
#: Where the JSON-LD context is published (and the name of the file beside the dumps).
CONTEXT_IRI = BASE + "context.jsonld"

VOID = "http://rdfs.org/ns/void#"
RDF_FORMATS = {"ttl": "turtle", "nt": "N-Triples", "nq": "N-Quads", "jsonld": "JSON-LD"}
#: Resources a reader can open first; the VoID description names those the graph has.
EXAMPLES = ("organization/CIS", "organization/CSTO", "state/RUS", "state/KAZ",
            "person/vladimir-putin", "event/2022-12-26-cis-informal-summit")


def context() -> dict:
    """The JSON-LD context: the graph's prefixes."""
    return {"@context": dict(PREFIXES)}


def void_triples(graph, dumps: list[str] | None = None,
                 endpoint: str | None = None) -> list[ox.Triple]:
    """The VoID description of the graph: counts, licence, as-of date, example resources,
    the vocabularies it uses, and (when given) its dumps and SPARQL endpoint."""
    node = ox.NamedNode(DATASET_IRI)
    void = lambda name: ox.NamedNode(VOID + name)  # noqa: E731
    dcterms = PREFIXES["dcterms"]

    def count(sparql: str) -> int:
        return int(graph.query(sparql)[0]["n"])

    def integer(value: int) -> ox.Literal:
        return ox.Literal(str(value), datatype=ox.NamedNode(PREFIXES["xsd"] + "integer"))

    triples = [
        ox.Triple(node, ox.NamedNode(PREFIXES["rdf"] + "type"), void("Dataset")),
        ox.Triple(node, ox.NamedNode(dcterms + "title"),
                  ox.Literal("Post-Soviet institutions knowledge graph", language="en")),
        ox.Triple(node, ox.NamedNode(dcterms + "license"),
                  ox.NamedNode("https://creativecommons.org/licenses/by/4.0/")),
        ox.Triple(node, void("uriSpace"), ox.Literal(BASE)),
        ox.Triple(node, void("triples"), integer(len(graph))),
        ox.Triple(node, void("entities"), integer(len(graph.entities()))),
        ox.Triple(node, void("distinctSubjects"),
                  integer(count("SELECT (COUNT(DISTINCT ?s) AS ?n) WHERE { ?s ?p ?o }"))),
        ox.Triple(node, void("properties"),
                  integer(count("SELECT (COUNT(DISTINCT ?p) AS ?n) WHERE { ?s ?p ?o }"))),
        ox.Triple(node, void("classes"),
                  integer(count("SELECT (COUNT(DISTINCT ?c) AS ?n) WHERE { ?s a ?c }"))),
    ]
    if graph.as_of is not None:
        triples.append(ox.Triple(node, ox.NamedNode(dcterms + "modified"), ox.Literal(
            graph.as_of.isoformat(), datatype=ox.NamedNode(PREFIXES["xsd"] + "date"))))
    known = {e.iri for e in graph.entities()}
    for path in EXAMPLES:
        if BASE + path in known:
            triples.append(ox.Triple(node, void("exampleResource"), ox.NamedNode(BASE + path)))
    for prefix in ("org", "schema", "skos", "prov", "dcterms", "foaf", "psk"):
        triples.append(ox.Triple(node, void("vocabulary"),
                                 ox.NamedNode(PREFIXES[prefix])))
    for dump in dumps or ():
        triples.append(ox.Triple(node, void("dataDump"), ox.NamedNode(dump)))
    if endpoint:
        triples.append(ox.Triple(node, void("sparqlEndpoint"), ox.NamedNode(endpoint)))
    return triples


def void_turtle(graph, dumps: list[str] | None = None, endpoint: str | None = None) -> str:
    prefixes = {"void": VOID, **PREFIXES}
    return ox.serialize(void_triples(graph, dumps, endpoint), format=ox.RdfFormat.TURTLE,
                        prefixes=prefixes).decode("utf-8")


def void_nquads(graph, endpoint: str | None = None) -> str:
    name = ox.NamedNode(VOID_GRAPH)
    quads = [ox.Quad(t.subject, t.predicate, t.object, name)
             for t in void_triples(graph, endpoint=endpoint)]
    return ox.serialize(quads, format=ox.RdfFormat.N_QUADS).decode("utf-8")


def _sorted_triples(graph) -> list[ox.Triple]:
    return sorted((ox.Triple(q.subject, q.predicate, q.object) for q in graph.store),
                  key=lambda t: (str(t.subject), str(t.predicate), str(t.object)))


def rdf_dump(graph, fmt: str) -> bytes:
    """The whole graph in one format: ``ttl``, ``nt``, ``nq`` (in the named graph
    ``DATA_GRAPH``) or ``jsonld`` (compact, with the published context). Deterministic."""
    triples = _sorted_triples(graph)
    if fmt == "nt":
        return ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES)
    if fmt == "ttl":
        return ox.serialize(triples, format=ox.RdfFormat.TURTLE, prefixes=PREFIXES)
    if fmt == "nq":
        name = ox.NamedNode(DATA_GRAPH)
        return ox.serialize((ox.Quad(t.subject, t.predicate, t.object, name) for t in triples),
                            format=ox.RdfFormat.N_QUADS)
    if fmt == "jsonld":
        return compact_jsonld(triples).encode("utf-8")
    raise ValueError(f"unknown RDF format {fmt!r}: expected one of {', '.join(RDF_FORMATS)}")


def compact_jsonld(triples: list[ox.Triple]) -> str:
    """Compact JSON-LD (rdflib's serializer with our context), one node per subject."""
    import rdflib

    data = ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES).decode("utf-8")
    rdf = rdflib.Graph().parse(data=data, format="nt")
    text = rdf.serialize(format="json-ld", context=context()["@context"], auto_compact=True,
                         indent=1, sort_keys=True)
    return text if text.endswith("\n") else text + "\n"


def write_rdf(graph, out: str | Path, formats: list[str],
              endpoint: str | None = None) -> list[tuple[Path, str]]:
    """Write the dumps in ``formats``, ``void.ttl`` and ``context.jsonld`` into ``out``.
    Everything is made before any file is written. Returns (path, what) pairs."""
    out = Path(out)
    files: dict[str, tuple[bytes, str]] = {}
    for fmt in formats:
        files[f"{GRAPH_NAME}.{fmt}"] = (rdf_dump(graph, fmt), f"{RDF_FORMATS[fmt]}, "
                                        f"{len(graph)} triples")
    files["context.jsonld"] = ((json.dumps(context(), indent=2) + "\n").encode("utf-8"),
                               "the JSON-LD context")
    dumps = [BASE + name for name in files if name.startswith(GRAPH_NAME)]
    files["void.ttl"] = (void_turtle(graph, dumps, endpoint).encode("utf-8"),
                         "VoID description")
    out.mkdir(parents=True, exist_ok=True)
    written = []
    for name, (data, what) in files.items():
        (out / name).write_bytes(data)
        written.append((out / name, what))
    return written
