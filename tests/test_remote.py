"""The library API over a SPARQL endpoint gives the same answers as the embedded graph, on two
real engines started here on loopback with the graph loaded: Oxigraph's server and OpenLink
Virtuoso (Debian's virtuoso-opensource). Every named query, and every API call below."""

from __future__ import annotations

import os
import re
import warnings
from datetime import date

import pytest

import kg
from kg.queries import _shipped_queries
from kg.remote import EndpointError, SparqlEndpoint, inline_literal_values
from kg.server import Server
from tests import virtuoso

ENGINES = ("oxigraph", "virtuoso")
pytestmark = pytest.mark.filterwarnings("ignore::kg.KGWarning")


@pytest.fixture(scope="module", params=ENGINES)
def remote(request, tmp_path_factory):
    """(engine name, a KnowledgeGraph over that engine's endpoint)."""
    if request.param == "oxigraph":
        with Server(port=0) as server:
            yield "oxigraph", kg.connect(server.query_url)
        return
    if not virtuoso.available():
        message = "Virtuoso is not installed: apt-get install virtuoso-opensource"
        if os.environ.get("CI"):
            pytest.fail(message)  # .ci/run installs it: in CI it must run
        pytest.skip(message)
    with virtuoso.Virtuoso(tmp_path_factory.mktemp("virtuoso")) as server:
        server.load(kg.graph.resources.files("kg") / "_graph" / "postsoviet-kg.nt")
        yield "virtuoso", kg.connect(server.query_url, default_graph=virtuoso.GRAPH)


def order_keys(text: str) -> list[str]:
    match = re.search(r"ORDER\s+BY\s+(.*)$", text.strip(), re.IGNORECASE | re.DOTALL)
    return re.findall(r"\?(\w+)", match.group(1)) if match else []


def same_answers(remote_rows, local_rows, keys: list[str]) -> bool:
    """The same rows; in the same order wherever ORDER BY decides it (rows that tie on every
    ORDER BY key may come in any order, on any engine)."""
    if remote_rows == local_rows:
        return True
    as_set = lambda rows: sorted(map(repr, rows))  # noqa: E731
    project = lambda rows: [tuple(repr(r.get(k)) for k in keys) for r in rows]  # noqa: E731
    return as_set(remote_rows) == as_set(local_rows) and project(remote_rows) == project(
        local_rows)


def test_dialect_is_detected(remote):
    engine, graph = remote
    assert graph.store.dialect == ("virtuoso" if engine == "virtuoso" else "standard")
    assert len(graph) == len(kg.load())
    assert {e.id for e in graph.entities()} == {e.id for e in kg.load().entities()}


@pytest.mark.parametrize("name", sorted(_shipped_queries()))
def test_every_named_query_gives_the_same_answers(remote, graph, name):
    _, remote_graph = remote
    query = _shipped_queries()[name]
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", kg.KGWarning)
        local = graph.named_query(name, **query.examples)
        answer = remote_graph.named_query(name, **query.examples)
    assert same_answers(answer, local, order_keys(query.text)), name
    assert answer.variables == local.variables


DAYS = ("1992-05-15", "2003-01-01", "2010-01-01", "2022-12-27")


def test_members_and_membership(remote, graph):
    _, remote_graph = remote
    assert [s.id for s in remote_graph.members("CSTO", at="2010-01-01")] == [
        "ARM", "BLR", "KAZ", "KGZ", "RUS", "TJK", "UZB"]
    for org in ("CIS", "CSTO", "EAEU", "SCO", "GUAM", "NATO", "EU"):
        for day in DAYS:
            for status in ("member", None):
                assert (remote_graph.members(org, at=day, status=status)
                        == graph.members(org, at=day, status=status)), (org, day)
    for state in ("TKM", "GEO", "UKR", "MDA", "ARM"):
        assert remote_graph.memberships(state=state) == graph.memberships(state=state)
        for day in DAYS:
            assert (remote_graph.membership(state, "CIS", at=day)
                    == graph.membership(state, "CIS", at=day))
    m = remote_graph.membership("TKM", "CIS", at="2010-01-01")
    assert (m.status, m.start, m.founding) == ("associate", date(2005, 8, 26), False)


def test_heads_of_state_and_tenures(remote, graph):
    _, remote_graph = remote
    assert remote_graph.head_of_state("KAZ", at="2022-12-27").id == "kassym-jomart-tokayev"
    for state in ("RUS", "KAZ", "UKR", "GEO", "ARM", "BLR"):
        for day in DAYS:
            assert (remote_graph.head_of_state(state, at=day)
                    == graph.head_of_state(state, at=day)), (state, day)
    assert remote_graph.tenures(person="vladimir-putin") == graph.tenures(person="vladimir-putin")
    assert (remote_graph.office_holders("president-of-kazakhstan")
            == graph.office_holders("president-of-kazakhstan"))


def test_events_and_participants(remote, graph):
    _, remote_graph = remote
    assert remote_graph.events() == graph.events()
    for kind in ("summit", "armed-conflict", "unrest"):
        assert remote_graph.events(kind=kind) == graph.events(kind=kind)
    between = ("2022-01-01", "2022-12-31")
    assert remote_graph.events(between=between) == graph.events(between=between)
    assert (remote_graph.events(participant="RUS", organization="CSTO")
            == graph.events(participant="RUS", organization="CSTO"))
    summit = "2022-12-26-cis-informal-summit"
    assert remote_graph.participants(summit) == graph.participants(summit)
    assert remote_graph.event(summit) == graph.event(summit)


def test_public_api_the_network_layer_uses(remote, graph):
    """kg.network and kg.viz read only these: they work unchanged over an endpoint."""
    _, remote_graph = remote
    assert remote_graph.entities() == graph.entities()
    assert remote_graph.entities("state") == graph.entities("state")
    assert remote_graph.memberships() == graph.memberships()
    assert remote_graph.tenures() == graph.tenures()
    assert remote_graph.describe("CIS") == graph.describe("CIS")
    assert remote_graph.sources("CIS") == graph.sources("CIS")


def test_query_forms(remote, graph):
    _, remote_graph = remote
    text = "SELECT ?s WHERE { ?m org:organization ?org ; org:member ?s } ORDER BY ?s"
    eaeu = graph.entity("EAEU")
    assert remote_graph.query(text, org=eaeu) == graph.query(text, org=eaeu)
    assert remote_graph.query("ASK { state:GEO ?p ?o }") is True
    assert remote_graph.query("ASK { state:GEO psk:nothing ?o }") is False
    described = remote_graph.query("DESCRIBE state:GEO")
    assert sorted(map(str, described)) == sorted(map(str, graph.query("DESCRIBE state:GEO")))
    built = remote_graph.query("CONSTRUCT { ?s a psk:State } WHERE { ?s a psk:State }")
    assert len(built) == len(graph.entities("state"))


def test_a_syntax_error_is_the_same_message_and_never_sent(remote, graph):
    _, remote_graph = remote
    messages = []
    for g in (remote_graph, graph):
        with pytest.raises(kg.QueryError) as caught:
            g.query("SELECT ?x WHERE { ?x foo:bar ?y }")
        messages.append(str(caught.value))
    assert messages[0] == messages[1] and "unknown prefix foo:" in messages[0]


def test_to_frame_over_an_endpoint(remote, graph):
    _, remote_graph = remote
    local = graph.to_frame("memberships", organization="CIS")
    assert remote_graph.to_frame("memberships", organization="CIS").equals(local)


def test_an_unreachable_endpoint_is_one_clear_error():
    from kg.server import free_port

    with pytest.raises(EndpointError, match="cannot reach the SPARQL endpoint"):
        SparqlEndpoint(f"http://127.0.0.1:{free_port()}/query", timeout=2)


def test_virtuoso_adaptation_writes_bound_literals_into_the_query():
    text = ('SELECT ?s WHERE { VALUES ?org { <urn:o> } VALUES ?at { "2010-01-01"^^<urn:d> }\n'
            '  ?s <urn:p> ?org . FILTER(?at > "?at" && ?atx) } GROUP BY ?at')
    adapted = inline_literal_values(text)
    assert 'FILTER("2010-01-01"^^<urn:d> > "?at" && ?atx)' in adapted
    assert "VALUES ?at {" in adapted and adapted.endswith("GROUP BY ?at")
    assert "?s <urn:p> ?org" in adapted


def test_virtuoso_adaptation_of_inclusive_comparisons():
    from kg.remote import strict_comparisons

    text = 'FILTER(?start <= "1992-05-15"^^<urn:d> && (!BOUND(?end) || ?end >= ?at) && "a<=b")'
    assert strict_comparisons(text) == (
        'FILTER(!(?start > "1992-05-15"^^<urn:d>) && (!BOUND(?end) || !(?end < ?at)) && "a<=b")')


def test_an_answer_cut_by_the_server_is_an_error_not_a_short_list():
    endpoint = SparqlEndpoint.__new__(SparqlEndpoint)
    endpoint.url = "http://127.0.0.1:1/sparql"
    endpoint._check_cap({})
    with pytest.raises(EndpointError, match="cut the answer at 10000 rows"):
        endpoint._check_cap({"x-sparql-maxrows": "10000"})


def test_network_and_centrality_over_an_endpoint(remote, graph):
    """kg.network reads only the public API: the same networks and rankings remotely."""
    _, remote_graph = remote
    for kind in ("co-membership", "state-organization", "full"):
        here = graph.network(kind, at="2010-01-01")
        there = remote_graph.network(kind, at="2010-01-01")
        assert sorted(there.nodes) == sorted(here.nodes), kind
        assert sorted(map(sorted, there.edges)) == sorted(map(sorted, here.edges)), kind
        assert dict(there.nodes(data=True)) == dict(here.nodes(data=True)), kind
    ranking = dict(network="state-organization", at="2010-01-01", node_type="state", top=5)
    assert (remote_graph.centrality("degree", **ranking)
            == graph.centrality("degree", **ranking))
    series = dict(years=range(2005, 2011), workers=1)
    assert (remote_graph.centrality_series("degree", **series)
            == graph.centrality_series("degree", **series))


def test_html_page_of_a_focused_subgraph_over_an_endpoint(remote, graph):
    from kg.viz import page

    _, remote_graph = remote
    here = page(graph, focus="CSTO", depth=1, at="2010-01-01")
    there = page(remote_graph, focus="CSTO", depth=1, at="2010-01-01")
    assert there.html == here.html and "Collective Security Treaty Organization" in there.html


def test_stats_over_an_endpoint(remote, graph):
    from kg.stats import compute_stats

    _, remote_graph = remote
    assert compute_stats(remote_graph.store) == compute_stats(graph.store)
