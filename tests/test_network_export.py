"""GraphML, GEXF (static and dynamic) and CSV exports, read back with networkx."""

import csv
import io
import json

import networkx as nx
import pytest

from kg.network import centrality_series, network
from kg.network.export import (
    dynamic_gexf_graph,
    edge_list_csv,
    flat,
    write_dynamic_gexf,
    write_gexf,
    write_graphml,
)


@pytest.fixture(scope="module")
def full_2022(graph):
    return network(graph, "full", at="2022-12-26")


def test_graphml_flattens_none_dates_lists_and_dicts(full_2022, tmp_path):
    path = tmp_path / "full.graphml"
    write_graphml(full_2022, path)
    G = nx.read_graphml(path)
    assert set(G.nodes) == set(full_2022.nodes)
    assert G.number_of_edges() == full_2022.number_of_edges()
    kaz = G.nodes["KAZ"]
    assert kaz["label"] == "Kazakhstan" and json.loads(kaz["labels"])["ru"] == "Казахстан"
    assert json.loads(kaz["aliases"]) == full_2022.nodes["KAZ"]["aliases"]
    edge = G.edges["KAZ", "CIS"]
    assert edge["status"] == "member" and edge["weight"] == 1.0
    assert edge["end_date"] == ""  # None -> ""
    assert json.loads(edge["sources"])[0].keys() == {"id", "url", "title"}
    assert G.nodes["2022-12-26-cis-informal-summit"]["start_date"] == "2022-12-26"


def test_flat():
    assert flat(None) == "" and flat(True) is True and flat(2.5) == 2.5
    assert flat([("1991-12-08", None)]) == '[["1991-12-08", null]]'


def test_the_graph_itself_is_not_changed_by_an_export(full_2022, tmp_path):
    before = dict(full_2022.nodes["KAZ"])
    write_graphml(full_2022, tmp_path / "x.graphml")
    write_gexf(full_2022, tmp_path / "x.gexf")
    assert full_2022.nodes["KAZ"] == before


def test_static_gexf_reads_back(full_2022, tmp_path):
    path = tmp_path / "full.gexf"
    write_gexf(full_2022, path)
    G = nx.read_gexf(path)
    assert G.graph["mode"] == "static"
    assert G.nodes["vladimir-putin"]["type"] == "person"
    assert G.edges["vladimir-putin", "2022-12-26-cis-informal-summit"]["role"] == "host"


def test_dynamic_gexf_has_spells_status_and_yearly_centrality(graph, tmp_path):
    path = tmp_path / "cis.gexf"
    write_dynamic_gexf(graph, path, "state-organization", organizations=["CIS"],
                       measures=["degree", "betweenness"], years=range(1991, 2027))
    text = path.read_text(encoding="utf-8")
    assert 'timeformat="date"' in text and 'mode="dynamic"' in text
    G = nx.read_gexf(path)
    assert G.graph["mode"] == "dynamic"
    # GEXF ends are the last day covered; networkx reads an open end back as 'None'
    assert G.nodes["GEO"]["spells"] == [("1993-12-03", "2009-08-17")]
    assert G.edges["TKM", "CIS"]["status"] == [("member", "1991-12-26", "2005-08-25"),
                                               ("associate", "2005-08-26", "None")]
    rows = centrality_series(graph, "degree", "state-organization", range(1991, 2027), ["CIS"])
    kaz = [(r["value"], r["date"]) for r in rows if r["id"] == "KAZ"]
    assert [(v, s) for v, s, _ in G.nodes["KAZ"]["degree"]] == kaz
    assert G.nodes["KAZ"]["degree"][0][2] == "1992-12-30"
    # Georgia has a value only for the years it was in the CIS on 31 December (absent, not 0)
    assert [s[:4] for _, s, _ in G.nodes["GEO"]["degree"]] == [
        str(y) for y in range(1993, 2009)]


def test_dynamic_gexf_of_co_membership_has_weight_over_time(graph):
    D = dynamic_gexf_graph(graph, "co-membership", organizations=["CIS", "CSTO"],
                           measures=[], years=[])
    # the CIS from 1991-12-23 (Kazakhstan's start), the CSTO too from 2003-09-18; the GEXF
    # end is the last day covered
    assert D.edges["KAZ", "RUS"]["dynamic_weight"] == [(1.0, "1991-12-23", "2003-09-17"),
                                                       (2.0, "2003-09-18", None)]
    assert D.edges["KAZ", "RUS"]["weight"] == 2.0


def test_csv_edge_list(graph):
    G = network(graph, "co-membership", at="2010-01-01", organizations=["CSTO"])
    rows = list(csv.DictReader(io.StringIO(edge_list_csv(G))))
    assert len(rows) == G.number_of_edges() == 21  # 7 members: 7 * 6 / 2 pairs
    assert rows[0]["source"] == "ARM" and rows[0]["relation"] == "co-membership"
    assert json.loads(rows[0]["organizations"]) == ["CSTO"]
