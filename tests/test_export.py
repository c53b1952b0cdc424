"""RDF dumps (Turtle, N-Triples, N-Quads, compact JSON-LD with the published context) and the
VoID description shipped beside them: each dump reads back as the same graph."""

from __future__ import annotations

import json

import pyoxigraph as ox
import pytest

from kg.cli import main
from kg.export import CONTEXT_IRI, DATA_GRAPH, context, rdf_dump, void_triples

FORMATS = {"ttl": ox.RdfFormat.TURTLE, "nt": ox.RdfFormat.N_TRIPLES, "nq": ox.RdfFormat.N_QUADS}


def triples_of(data: bytes, fmt) -> set[str]:
    return {str(ox.Triple(q.subject, q.predicate, q.object)) for q in ox.parse(data, format=fmt)}


@pytest.fixture(scope="module")
def expected(graph):
    return {str(ox.Triple(q.subject, q.predicate, q.object)) for q in graph.store}


@pytest.mark.parametrize("fmt", sorted(FORMATS))
def test_each_dump_is_the_same_graph(graph, expected, fmt):
    data = rdf_dump(graph, fmt)
    assert triples_of(data, FORMATS[fmt]) == expected
    assert rdf_dump(graph, fmt) == data  # deterministic
    if fmt == "nq":
        assert {q.graph_name.value for q in ox.parse(data, format=ox.RdfFormat.N_QUADS)} == {
            DATA_GRAPH}


def test_jsonld_is_compact_with_the_published_context(graph, expected):
    data = rdf_dump(graph, "jsonld")
    document = json.loads(data)
    assert document["@context"] == context()["@context"]
    assert "psk" in document["@context"] and "@graph" in document
    text = data.decode("utf-8")
    assert '"dcterms:identifier"' in text and "http://purl.org/dc/terms/identifier" not in text
    assert triples_of(data, ox.RdfFormat.JSON_LD) == expected


def test_void_description(graph):
    void = {(str(t.predicate).rsplit("#", 1)[-1].rsplit("/", 1)[-1].rstrip(">"),
             t.object.value) for t in void_triples(graph, endpoint="http://127.0.0.1:7878/query")}
    assert ("triples", str(len(graph))) in void
    assert ("entities", str(len(graph.entities()))) in void
    assert ("license", "https://creativecommons.org/licenses/by/4.0/") in void
    assert ("modified", graph.as_of.isoformat()) in void
    assert ("exampleResource", "https://w3id.org/postsoviet-kg/organization/CIS") in void
    assert ("sparqlEndpoint", "http://127.0.0.1:7878/query") in void


def test_kg_export_writes_the_dump_void_and_context(tmp_path, capsys, expected):
    assert main(["export", "--format", "nt", "--out", str(tmp_path)]) == 0
    printed = capsys.readouterr().out
    assert f"wrote {tmp_path / 'postsoviet-kg.nt'}" in printed and "void.ttl" in printed
    assert triples_of((tmp_path / "postsoviet-kg.nt").read_bytes(),
                      ox.RdfFormat.N_TRIPLES) == expected
    void = (tmp_path / "void.ttl").read_text(encoding="utf-8")
    assert "void:Dataset" in void and "void:dataDump" in void
    assert json.loads((tmp_path / "context.jsonld").read_text()) == context()
    assert CONTEXT_IRI.endswith("context.jsonld")


def test_an_rdf_dump_needs_a_folder(capsys):
    assert main(["export", "--format", "ttl"]) == 2
    assert "give --out DIR" in capsys.readouterr().err
