"""The network commands: centrality, centrality-series, export-network."""

import csv
import io
import json

import networkx as nx

from tests.test_cli import run


def test_centrality_table_top(capsys):
    code, out, _ = run(capsys, "centrality", "--measure", "degree", "--network",
                       "state-organization", "--at", "2010-01-01", "--type", "state",
                       "--top", "3")
    assert code == 0
    lines = out.splitlines()
    assert lines[0].split() == ["rank", "id", "label", "type", "value"]
    assert lines[2].split()[:2] == ["1", "BLR"] and lines[3].split()[:2] == ["2", "KAZ"]
    assert "(3 rows)" in out


def test_centrality_json_matches_the_library(capsys, graph):
    code, out, _ = run(capsys, "centrality", "--measure", "betweenness", "--network",
                       "co-membership", "--at", "2022-12-27", "--top", "10", "--format", "json")
    ranking = graph.centrality("betweenness", network="co-membership", at="2022-12-27", top=10)
    assert code == 0
    assert [(r["id"], r["value"]) for r in json.loads(out)] == [
        (s.id, round(s.value, 6)) for s in ranking]


def test_centrality_eigenvector_says_it_is_per_component(capsys):
    code, out, err = run(capsys, "centrality", "--measure", "eigenvector", "--network",
                         "state-organization", "--at", "1991-12-31", "--format", "csv")
    rows = list(csv.DictReader(io.StringIO(out)))
    assert code == 0 and {r["component"] for r in rows} == {"0", "1", "2"}
    assert "connected components" in err  # the note, kept out of the CSV


def test_centrality_before_1991_is_empty_with_a_note(capsys):
    code, out, err = run(capsys, "centrality", "--at", "1985-01-01")
    assert code == 0 and "(0 rows)" in out and "kg: note: no network before 1991-12-08" in err


def test_centrality_bad_measure_and_bad_use(capsys):
    code, _, err = run(capsys, "centrality", "--measure", "fame")
    assert code == 2 and "unknown measure fame" in err
    code, _, err = run(capsys, "centrality", "--measure", "degree,closeness")
    assert code == 2 and "one measure" in err
    code, _, err = run(capsys, "centrality", "--measure", "bipartite-degree", "--network",
                       "co-membership", "--at", "2010-01-01")
    assert code == 2 and "bipartite" in err


def test_centrality_series_to_csv(capsys, tmp_path, graph):
    path = tmp_path / "series.csv"
    code, out, _ = run(capsys, "centrality-series", "--measure", "degree,eigenvector",
                       "--network", "state-organization", "--organization", "CIS",
                       "--from", "1991", "--to", "2010", "--out", str(path))
    rows = list(csv.DictReader(path.open(encoding="utf-8")))
    assert code == 0 and f"wrote {len(rows)} rows" in out
    assert rows[0].keys() >= {"year", "measure", "id", "value", "component", "note"}
    geo = [r for r in rows if r["id"] == "GEO" and r["measure"] == "degree"]
    assert [int(r["year"]) for r in geo] == list(range(1993, 2009))  # joined 1993, left 2009
    assert {r["value"] for r in geo} == {"1.0"}


def test_export_network_formats(capsys, tmp_path):
    for fmt in ("graphml", "gexf", "csv"):
        path = tmp_path / f"cis.{fmt}"
        code, out, _ = run(capsys, "export-network", "--network", "state-organization",
                           "--organization", "CIS", "--at", "2010-01-01", "--format", fmt,
                           "--out", str(path))
        assert code == 0 and "(12 nodes, 11 edges)" in out, out
    assert nx.read_graphml(tmp_path / "cis.graphml").number_of_edges() == 11
    assert nx.read_gexf(tmp_path / "cis.gexf").nodes["KAZ"]["label"] == "Kazakhstan"
    assert len((tmp_path / "cis.csv").read_text(encoding="utf-8").splitlines()) == 12


def test_export_network_dynamic_gexf(capsys, tmp_path):
    path = tmp_path / "cis.gexf"
    code, out, _ = run(capsys, "export-network", "--network", "co-membership",
                       "--organization", "CIS", "--format", "gexf", "--out", str(path),
                       "--measure", "degree")
    G = nx.read_gexf(path)
    assert code == 0 and "dynamic GEXF" in out
    assert G.graph["mode"] == "dynamic"
    assert G.nodes["GEO"]["spells"] == [("1993-12-03", "2009-08-17")]


def test_export_network_whole_history_as_graphml(capsys, tmp_path):
    path = tmp_path / "history.graphml"
    code, out, _ = run(capsys, "export-network", "--network", "state-organization",
                       "--organization", "CIS", "--format", "graphml", "--out", str(path))
    G = nx.read_graphml(path)
    assert code == 0 and "over its whole history" in out
    assert json.loads(G.edges["GEO", "CIS"]["spells"]) == [["1993-12-03", "2009-08-18"]]
    assert json.loads(G.edges["TKM", "CIS"]["status_spells"])[1] == ["associate", "2005-08-26",
                                                                     None]
