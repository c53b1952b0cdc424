"""`kg serve` as a real client uses it: Oxigraph's SPARQL server on loopback, read-only, asked
with SPARQLWrapper and with plain HTTP (GET and POST) in every result format of the SPARQL 1.1
Protocol; and `kg serve` as a command, from its first line to Ctrl-C."""

from __future__ import annotations

import csv
import io
import json
import signal
import subprocess
import sys
import urllib.error
import urllib.parse
import urllib.request
import xml.etree.ElementTree as ET

import pytest
from SPARQLWrapper import CSV, JSON, TSV, TURTLE, XML, SPARQLWrapper

from kg.export import VOID_GRAPH
from kg.server import Server, free_port

CSTO_2010 = ["ARM", "BLR", "KAZ", "KGZ", "RUS", "TJK", "UZB"]
MEMBERS = """
PREFIX org: <http://www.w3.org/ns/org#>
PREFIX schema: <https://schema.org/>
PREFIX dcterms: <http://purl.org/dc/terms/>
PREFIX xsd: <http://www.w3.org/2001/XMLSchema#>
PREFIX psk: <https://w3id.org/postsoviet-kg/ontology#>
SELECT ?id WHERE {
  ?m a org:Membership ; org:organization ?org ; org:member ?state ;
     psk:status psk:status-member ; schema:startDate ?start .
  ?org dcterms:identifier "CSTO" . ?state dcterms:identifier ?id .
  OPTIONAL { ?m schema:endDate ?end }
  FILTER(?start <= "2010-01-01"^^xsd:date && (!BOUND(?end) || ?end > "2010-01-01"^^xsd:date))
} ORDER BY ?id"""
COUNT = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"


@pytest.fixture(scope="module")
def server():
    with Server(port=0) as running:
        yield running


def wrapper(server, fmt) -> SPARQLWrapper:
    client = SPARQLWrapper(server.query_url)
    client.setReturnFormat(fmt)
    return client


def http(url: str, data: bytes | None = None, headers: dict | None = None):
    request = urllib.request.Request(url, data=data, headers=headers or {})
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            return response.status, response.headers.get("Content-Type", ""), response.read()
    except urllib.error.HTTPError as err:
        return err.code, err.headers.get("Content-Type", ""), err.read()


def test_sparqlwrapper_json(server):
    client = wrapper(server, JSON)
    client.setQuery(MEMBERS)
    rows = client.query().convert()["results"]["bindings"]
    assert [r["id"]["value"] for r in rows] == CSTO_2010


def test_sparqlwrapper_xml(server):
    client = wrapper(server, XML)
    client.setQuery(MEMBERS)
    root = ET.fromstring(client.query().convert().toxml())
    ns = {"r": "http://www.w3.org/2005/sparql-results#"}
    assert root.find("r:head/r:variable", ns).get("name") == "id"
    assert [e.text for e in root.iterfind(".//r:literal", ns)] == CSTO_2010


@pytest.mark.parametrize("fmt, delimiter", [(CSV, ","), (TSV, "\t")])
def test_sparqlwrapper_csv_and_tsv(server, fmt, delimiter):
    client = wrapper(server, fmt)
    client.setQuery(MEMBERS)
    text = client.query().convert().decode("utf-8")
    rows = list(csv.reader(io.StringIO(text), delimiter=delimiter))
    values = [r[0].strip('"') for r in rows[1:]]
    assert rows[0][0].lstrip("?") == "id" and values == CSTO_2010


def test_sparqlwrapper_construct_as_turtle(server, graph):
    client = wrapper(server, TURTLE)
    client.setQuery("CONSTRUCT WHERE { <https://w3id.org/postsoviet-kg/state/GEO> ?p ?o }")
    import rdflib

    remote = rdflib.Graph().parse(data=client.query().convert(), format="turtle")
    assert len(remote) == len(graph.query("DESCRIBE state:GEO")) > 10


def test_ask(server):
    client = wrapper(server, JSON)
    client.setQuery('ASK { ?s <http://purl.org/dc/terms/identifier> "CIS" }')
    assert client.query().convert()["boolean"] is True


def test_plain_http_get_and_post(server):
    query = urllib.parse.urlencode({"query": MEMBERS})
    accept = {"Accept": "application/sparql-results+json"}
    for status, kind, body in (
        http(f"{server.query_url}?{query}", headers=accept),
        http(server.query_url, query.encode(),
             {**accept, "Content-Type": "application/x-www-form-urlencoded"}),
        http(server.query_url, MEMBERS.encode(),
             {**accept, "Content-Type": "application/sparql-query"}),
    ):
        assert status == 200 and kind.startswith("application/sparql-results+json")
        ids = [b["id"]["value"] for b in json.loads(body)["results"]["bindings"]]
        assert ids == CSTO_2010


def test_update_is_refused_and_the_data_is_unchanged(server, graph):
    insert = "INSERT DATA { <urn:x> <urn:y> <urn:z> }"
    for url, data, kind in (
        (server.url + "update", insert.encode(), "application/sparql-update"),
        (server.url + "update", urllib.parse.urlencode({"update": insert}).encode(),
         "application/x-www-form-urlencoded"),
        (server.url + "store?default", b"<urn:x> <urn:y> <urn:z> .", "application/n-triples"),
    ):
        status, _, body = http(url, data, {"Content-Type": kind})
        assert status in (403, 405), (url, status, body)
    status, _, body = http(f"{server.query_url}?{urllib.parse.urlencode({'query': COUNT})}",
                           headers={"Accept": "application/sparql-results+json"})
    count = json.loads(body)["results"]["bindings"][0]["n"]["value"]
    assert int(count) == len(graph)


def test_malformed_query_is_a_400_with_the_parsers_message(server):
    status, _, body = http(f"{server.query_url}?{urllib.parse.urlencode({'query': 'SELEC ?x'})}")
    assert status == 400
    assert "error at 1:" in body.decode("utf-8") and "expected" in body.decode("utf-8")


def test_void_description_is_served(server, graph):
    query = f"""SELECT ?triples ?licence ?modified WHERE {{ GRAPH <{VOID_GRAPH}> {{
      ?d <http://rdfs.org/ns/void#triples> ?triples ;
         <http://purl.org/dc/terms/license> ?licence ;
         <http://purl.org/dc/terms/modified> ?modified }} }}"""
    client = wrapper(server, JSON)
    client.setQuery(query)
    (row,) = client.query().convert()["results"]["bindings"]
    assert int(row["triples"]["value"]) == len(graph)
    assert row["licence"]["value"] == "https://creativecommons.org/licenses/by/4.0/"
    assert row["modified"]["value"] == graph.as_of.isoformat()


def test_kg_serve_prints_its_url_and_stops_on_ctrl_c(tmp_path):
    port = free_port()
    process = subprocess.Popen([sys.executable, "-m", "kg.cli", "serve", "--port", str(port),
                                "--location", str(tmp_path / "store")],
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        first = process.stdout.readline()
        assert first.startswith("SPARQL endpoint (read-only, query timeout 30 s): "
                                f"http://127.0.0.1:{port}/query"), first
        assert f"query page: http://127.0.0.1:{port}/" in process.stdout.readline()
        status, _, page = http(f"http://127.0.0.1:{port}/")
        assert status == 200 and b"<html" in page.lower()
        status, _, _ = http(f"http://127.0.0.1:{port}/query?query=ASK%7B%7D")
        assert status == 200
        process.send_signal(signal.SIGINT)
        out, err = process.communicate(timeout=30)
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()
    assert process.returncode == 0, err
    assert "stopping" in out and "Traceback" not in err
    with pytest.raises(urllib.error.URLError):
        urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=2)
    assert (tmp_path / "store").is_dir()  # --location keeps the store


def test_serve_binds_to_loopback_by_default():
    from kg.cli import make_parser

    args = make_parser().parse_args(["serve"])
    assert (args.host, args.port, args.timeout) == ("127.0.0.1", 7878, 30)


def test_kg_serve_on_a_taken_port_is_one_clear_error(server, capsys):
    from kg.cli import main

    assert main(["serve", "--port", str(server.port)]) == 2
    err = capsys.readouterr().err
    assert err.startswith(f"kg: error: cannot listen on 127.0.0.1:{server.port}: ")
    assert "Traceback" not in err
