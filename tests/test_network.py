"""kg.network: the projections, their invariants on the real data, and the measures."""

from datetime import date
from pathlib import Path

import networkx as nx
import pytest

from kg.network import network, timeline
from kg.network.build import START, merge_spells

KINDS = ("state-organization", "co-membership", "full", "co-attendance")


# ---------------------------------------------------------------------- invariants, real data


@pytest.mark.parametrize("day", ["1991-12-31", "1994-07-01", "2005-06-30", "2010-01-01",
                                 "2022-12-27", "2026-01-01"])
def test_state_organization_edges_are_exactly_the_memberships_of_the_day(graph, day):
    G = network(graph, "state-organization", at=day)
    held = {(m.state.id, m.organization.id): m.status for m in graph.memberships(at=day)}
    assert {(u, v) if G.nodes[u]["type"] == "state" else (v, u): d["status"]
            for u, v, d in G.edges(data=True)} == held
    assert nx.is_bipartite(G)
    assert {n for n, d in G.nodes(data=True) if d["bipartite"] == 0} == {s for s, _ in held}


def test_the_cis_had_twelve_participating_states_in_1994_and_eleven_in_2010(graph):
    assert len(network(graph, "state-organization", at="1994-07-01",
                       organizations=["CIS"])["CIS"]) == 12
    assert len(network(graph, "state-organization", at="2010-01-01",
                       organizations="CIS")["CIS"]) == 11


def test_georgia_is_in_the_cis_network_in_2005_and_not_in_2010(graph):
    assert "GEO" in network(graph, "co-membership", at="2005-06-30", organizations=["CIS"])
    assert "GEO" not in network(graph, "co-membership", at="2010-06-30", organizations=["CIS"])


def test_the_eaeu_does_not_exist_before_2015(graph):
    assert "EAEU" not in network(graph, "state-organization", at="2014-12-31")
    assert "EAEU" in network(graph, "state-organization", at="2015-01-01")
    spells = timeline(graph, "state-organization").nodes["EAEU"]["spells"]
    assert spells[0][0] == "2015-01-01"


@pytest.mark.parametrize("kind", KINDS)
def test_before_1991_12_08_every_network_is_empty_with_a_note(graph, kind):
    G = network(graph, kind, at="1991-12-07")
    assert G.number_of_nodes() == 0
    assert "1991-12-08" in G.graph["note"]


def test_a_state_that_did_not_exist_yet_is_absent_not_zero(graph):
    # Artsakh dissolved on 2024-01-01; Kazakhstan's memberships start in December 1991
    assert "KAZ" not in network(graph, "co-membership", at="1991-12-08")
    assert "KAZ" in network(graph, "co-membership", at="1991-12-31")


def test_co_membership_weight_counts_shared_organizations(graph):
    G = network(graph, "co-membership", at="2010-01-01")
    shared = ({m.organization.id for m in graph.memberships(state="KAZ", at="2010-01-01")}
              & {m.organization.id for m in graph.memberships(state="RUS", at="2010-01-01")})
    assert G.edges["KAZ", "RUS"]["organizations"] == sorted(shared)
    assert G.edges["KAZ", "RUS"]["weight"] == len(shared)
    weighted = network(graph, "co-membership", at="2010-01-01", status_weighted=True)
    # Turkmenistan is an associate of the CIS: its tie with Russia counts half there
    assert weighted.edges["RUS", "TKM"]["weight"] == pytest.approx(
        G.edges["RUS", "TKM"]["weight"] - 0.5)


def test_membership_edges_carry_status_weight_and_inactive_mark(graph):
    G = network(graph, "state-organization", at="2013-01-01")
    assert G.edges["UZB", "CSTO"]["status"] == "suspended"
    assert G.edges["UZB", "CSTO"]["inactive"] is True
    assert G.edges["TKM", "CIS"]["weight"] == 0.5
    assert G.edges["KAZ", "CIS"]["weight"] == 1.0
    assert G.edges["KAZ", "CIS"]["sources"][0].keys() == {"id", "url", "title"}


def test_a_period_keeps_the_strongest_status_and_lists_them_all(graph):
    G = network(graph, "state-organization", period=("2004-01-01", "2006-01-01"),
                organizations=["CIS"])
    assert G.edges["TKM", "CIS"]["status"] == "member"
    assert G.edges["TKM", "CIS"]["statuses"] == ["member", "associate"]


def test_full_network_links_people_events_states_and_organizations(graph):
    G = network(graph, "full", at="2022-12-26")
    assert G.nodes["2022-12-26-cis-informal-summit"]["type"] == "event"
    assert G.edges["vladimir-putin", "2022-12-26-cis-informal-summit"]["role"] == "host"
    assert G.edges["vladimir-putin", "RUS"]["relation"] == "tenure"
    assert G.edges["2022-12-26-cis-informal-summit", "CIS"]["relation"] == "event-organization"
    assert "maia-sandu" not in G["2022-12-26-cis-informal-summit"]  # absent: no edge
    assert {d["type"] for _, d in G.nodes(data=True)} == {"state", "organization", "person",
                                                          "event"}


def test_co_attendance_links_leaders_at_the_same_summits(graph):
    G = network(graph, "co-attendance", period=("2022-01-01", "2022-12-31"))
    edge = G.edges["kassym-jomart-tokayev", "vladimir-putin"]
    assert "2022-12-26-cis-informal-summit" in edge["events"]
    assert edge["weight"] == len(edge["events"])
    states = network(graph, "co-attendance", period=("2022-01-01", "2022-12-31"), by="state")
    assert states.nodes["KAZ"]["type"] == "state"


def test_node_attributes_follow_the_contract(graph):
    G = network(graph, "full", at="2022-12-26")
    kaz = G.nodes["KAZ"]
    assert kaz["type"] == "state" and kaz["label"] == "Kazakhstan"
    assert set(kaz["labels"]) >= {"en", "ru"} and isinstance(kaz["aliases"], list)
    summit = G.nodes["2022-12-26-cis-informal-summit"]
    assert summit["kind"] == "summit" and summit["start"] == "2022-12-26"


def test_each_call_gives_a_new_graph(graph):
    G = network(graph, "co-membership", at="2010-01-01")
    G.remove_node("RUS")
    assert "RUS" in network(graph, "co-membership", at="2010-01-01")


def test_bad_arguments_say_what_is_wrong(graph):
    with pytest.raises(ValueError, match="unknown network"):
        network(graph, "friends", at="2010-01-01")
    with pytest.raises(ValueError, match="not both"):
        network(graph, "full", at="2010-01-01", period=("2010-01-01", "2011-01-01"))


# ---------------------------------------------------------------------- timeline


@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize("day", ["1992-06-01", "2005-06-30", "2022-12-26"])
def test_the_timeline_at_a_day_is_the_network_of_that_day(graph, kind, day):
    T = timeline(graph, kind)
    d = date.fromisoformat(day)

    def alive(spells):
        return any(date.fromisoformat(s) <= d and (e is None or d < date.fromisoformat(e))
                   for s, e in spells)

    G = network(graph, kind, at=day)
    assert {n for n, a in T.nodes(data=True) if alive(a["spells"])} == set(G.nodes)
    assert {frozenset((u, v)) for u, v, a in T.edges(data=True) if alive(a["spells"])} == {
        frozenset(e) for e in G.edges}


def test_timeline_spells_start_no_earlier_than_1991_12_08(graph):
    T = timeline(graph, "state-organization")
    assert T.edges["USA", "NATO"]["spells"] == [(START.isoformat(), None)]
    assert T.edges["TKM", "CIS"]["status_spells"] == [
        ("member", "1991-12-26", "2005-08-26"), ("associate", "2005-08-26", None)]


def test_timeline_event_spells_run_to_the_day_after_the_end(graph):
    T = timeline(graph, "full")
    assert graph.event("2022-12-26-cis-informal-summit").end == date(2022, 12, 27)
    assert T.nodes["2022-12-26-cis-informal-summit"]["spells"] == [("2022-12-26", "2022-12-28")]


def test_merge_spells():
    d = date
    assert merge_spells([(d(2001, 1, 1), d(2002, 1, 1)), (d(2000, 1, 1), d(2001, 6, 1)),
                         (d(2003, 1, 1), None), (d(2004, 1, 1), d(2005, 1, 1))]) == [
        (d(2000, 1, 1), d(2002, 1, 1)), (d(2003, 1, 1), None)]


# ---------------------------------------------------------------------- measures, by hand

from networkx.algorithms import bipartite  # noqa: E402

from kg.network import MEASURES, centrality, centrality_series, rank, scores  # noqa: E402


def _disconnected() -> nx.Graph:
    """a - b - c,  d - e,  f alone: n = 6 nodes in three components."""
    G = nx.Graph([("a", "b"), ("b", "c"), ("d", "e")])
    G.add_node("f")
    return G


def test_degree_betweenness_and_k_core_by_hand():
    """degree: b 2; a, c, d, e 1; f 0.
    betweenness: only b lies between two others (a and c): 1 path of the
    (n-1)(n-2)/2 = 10 pairs it could lie on, so 1/10 = 0.1; everyone else 0.
    k-core: every node with an edge is in the 1-core; f is in the 0-core."""
    G = _disconnected()
    assert scores(G, "degree") == {"a": 1, "b": 2, "c": 1, "d": 1, "e": 1, "f": 0}
    assert scores(G, "betweenness") == {"a": 0, "b": 0.1, "c": 0, "d": 0, "e": 0, "f": 0}
    assert scores(G, "k-core") == {"a": 1, "b": 1, "c": 1, "d": 1, "e": 1, "f": 0}


def test_closeness_keeps_wasserman_faust_scaling():
    """Closeness of u = (r / s) * (r / (n - 1)), r = nodes u reaches, s = their total
    distance, n = 6.  b: r = 2, s = 2 -> 1 * 2/5 = 0.4.  a: r = 2, s = 3 -> 2/3 * 2/5 = 4/15.
    d: r = 1, s = 1 -> 1 * 1/5 = 0.2.  f: 0.
    Without the scaling d (in a pair) would score 1.0 like b, the centre of the path."""
    values = scores(_disconnected(), "closeness")
    assert values["b"] == pytest.approx(0.4)
    assert values["a"] == pytest.approx(4 / 15)
    assert values["d"] == pytest.approx(0.2)
    assert values["f"] == 0
    assert nx.closeness_centrality(_disconnected(), wf_improved=False)["d"] == 1.0


def test_eigenvector_is_computed_per_component_and_says_so():
    """Path a-b-c: largest eigenvalue sqrt(2), eigenvector (1, sqrt(2), 1) / 2, so a = c = 0.5
    and b = sqrt(2)/2.  Pair d-e: 1/sqrt(2) each.  f is isolated: 0 by definition.
    Over the whole graph power iteration lets the largest component swamp the others: d
    and e come out near 0, which is why we compute per component."""
    G = _disconnected()
    values = scores(G, "eigenvector")
    assert values["a"] == pytest.approx(0.5) and values["c"] == pytest.approx(0.5)
    assert values["b"] == pytest.approx(2 ** 0.5 / 2)
    assert values["d"] == pytest.approx(2 ** -0.5) and values["e"] == pytest.approx(2 ** -0.5)
    assert values["f"] == 0
    whole = nx.eigenvector_centrality(G, max_iter=1000)
    assert whole["d"] < 0.01
    ranking = rank(G, "eigenvector")
    assert ranking.components == {"a": 0, "b": 0, "c": 0, "d": 1, "e": 1, "f": 2}
    assert "within each of 3 connected components" in ranking.note


def test_pagerank_by_symmetry():
    """Two separate edges: all four nodes are alike, so each has PageRank 1/4."""
    values = scores(nx.Graph([("a", "b"), ("c", "d")]), "pagerank")
    assert values == pytest.approx({"a": 0.25, "b": 0.25, "c": 0.25, "d": 0.25})


def test_weighted_paths_use_distance_one_over_weight():
    """Triangle a-b (weight 1), b-c (1), a-c (0.25). Unweighted, a and c are adjacent and b
    lies between nobody (0). Weighted, a-c has distance 4 > 1 + 1 via b, so b lies on the
    one a-c path: 1 of (n-1)(n-2)/2 = 1 pair -> 1.0."""
    G = nx.Graph()
    G.add_edge("a", "b", weight=1.0)
    G.add_edge("b", "c", weight=1.0)
    G.add_edge("a", "c", weight=0.25)
    assert scores(G, "betweenness")["b"] == 0
    assert scores(G, "betweenness", weighted=True)["b"] == 1.0
    assert scores(G, "weighted-degree") == {"a": 1.25, "b": 2.0, "c": 1.25}


def _state_organization() -> nx.Graph:
    """States s1..s4, organizations o1..o3: the path s1-o1-s2-o2-s3, and s4-o3 apart."""
    G = nx.Graph(kind="state-organization")
    for s in ("s1", "s2", "s3", "s4"):
        G.add_node(s, type="state", bipartite=0)
    for o in ("o1", "o2", "o3"):
        G.add_node(o, type="organization", bipartite=1)
    G.add_edges_from([("s1", "o1"), ("s2", "o1"), ("s2", "o2"), ("s3", "o2"), ("s4", "o3")])
    return G


def test_bipartite_measures_pass_the_state_side_explicitly():
    """bipartite.sets() refuses this disconnected graph; we pass the states (n = 4; m = 3
    organizations).
    degree: a state's organizations / m: s2 = 2/3, s1 = 1/3; an organization's states / n:
    o1 = 2/4.
    betweenness (networkx's bipartite maximum): for states s, t = divmod(n-1, m) = (1, 0),
    max = (m^2 (s+1)^2 + m (s+1)(2t-s-1) - t(2s-t+3)) / 2 = (36 - 12) / 2 = 12; s2 lies on
    the paths s1-o2, s1-s3, o1-o2, o1-s3: 4/12 = 1/3.  For organizations p, r = divmod(m-1,
    n) = (0, 2), max = (16 + 4*3 - 2*1) / 2 = 13; o1 lies on s1-s2, s1-o2, s1-s3: 3/13.
    closeness: (m + 2(n-1)) / total distance, times reachable / (|G|-1): s2: 9/6 * 4/6 = 1;
    s4 reaches only o3: 9/1 * 1/6 = 1.5 (networkx's bipartite closeness can exceed 1 when
    the graph is disconnected)."""
    G = _state_organization()
    with pytest.raises(nx.AmbiguousSolution):
        bipartite.sets(G)
    degree = scores(G, "bipartite-degree")
    assert degree["s2"] == pytest.approx(2 / 3) and degree["s1"] == pytest.approx(1 / 3)
    assert degree["o1"] == pytest.approx(0.5)
    between = scores(G, "bipartite-betweenness")
    assert between["s2"] == pytest.approx(1 / 3) and between["o1"] == pytest.approx(3 / 13)
    close = scores(G, "bipartite-closeness")
    assert close["s2"] == pytest.approx(1.0) and close["s4"] == pytest.approx(1.5)


def test_bipartite_measures_need_the_state_organization_network(graph):
    with pytest.raises(ValueError, match="bipartite state-organization"):
        centrality(graph, "bipartite-degree", network="co-membership", at="2010-01-01")


def test_a_single_node_scores_zero_except_pagerank():
    G = nx.Graph()
    G.add_node("KAZ", type="state", bipartite=0)
    G.graph["kind"] = "state-organization"
    for measure in MEASURES:
        assert scores(G, measure) == {"KAZ": 1.0 if measure == "pagerank" else 0.0}, measure


@pytest.mark.parametrize("measure", MEASURES)
def test_an_empty_date_gives_an_empty_ranking_with_a_note(graph, measure):
    ranking = centrality(graph, measure, network="state-organization", at="1991-01-01")
    assert ranking == [] and "1991-12-08" in ranking.note


def test_unknown_measure(graph):
    with pytest.raises(ValueError, match="unknown measure"):
        centrality(graph, "fame", at="2010-01-01")


# ---------------------------------------------------------------------- measures, real data


def test_centrality_ranks_id_label_value(graph):
    ranking = graph.centrality("degree", network="state-organization", at="2010-01-01",
                               node_type="state", top=3)
    # Kazakhstan ties: OTS (2009) and the Turkic summits (to 2010-11) on top of Russia's eight
    # shared ones; ties are ranked by id
    assert [tuple(s) for s in ranking] == [("BLR", "Belarus", 9.0), ("KAZ", "Kazakhstan", 9.0),
                                           ("RUS", "Russia", 9.0)]
    node_id, label, value = ranking[0]
    assert (node_id, label, value) == ("BLR", "Belarus", 9.0)


def test_every_measure_on_every_network_is_finite(graph):
    for kind in KINDS:
        G = network(graph, kind, period=("2022-01-01", "2022-12-31"))
        for measure in MEASURES:
            if measure.startswith("bipartite") and kind != "state-organization":
                continue
            values = rank(G, measure)
            assert len(values) == G.number_of_nodes(), (kind, measure)


# ---------------------------------------------------------------------- series


def test_series_rows_match_single_date_calls_and_are_ordered(graph):
    measures = ["degree", "betweenness", "eigenvector"]
    rows = centrality_series(graph, measures, "co-membership", years=range(1990, 1996),
                             organizations=["CIS", "CSTO", "CST"])
    assert not [r for r in rows if r["year"] < 1991]  # an empty year has no rows
    keys = [(r["year"], r["measure"], r["id"]) for r in rows]
    assert len(keys) == len(set(keys))  # one row per (year, node, measure)
    order = [(r["year"], measures.index(r["measure"]), r["rank"]) for r in rows]
    assert order == sorted(order)
    for year in (1991, 1993, 1995):
        for measure in measures:
            single = centrality(graph, measure, "co-membership", at=f"{year}-12-31",
                                organizations=["CIS", "CSTO", "CST"])
            assert [(r["id"], r["value"]) for r in rows
                    if r["year"] == year and r["measure"] == measure] == [
                (s.id, s.value) for s in single]
    assert rows == centrality_series(graph, measures, "co-membership", years=range(1990, 1996),
                                     organizations=["CIS", "CSTO", "CST"])


def test_series_has_component_and_note_for_eigenvector(graph):
    rows = graph.centrality_series("eigenvector", network="state-organization", years=[1991])
    assert {r["component"] for r in rows} >= {0, 1}
    assert all("connected components" in r["note"] for r in rows)
    assert set(rows[0]) == {"year", "date", "measure", "rank", "id", "label", "type", "value",
                            "component", "note"}


def test_series_as_frame_when_pandas_is_installed(graph):
    pd = pytest.importorskip("pandas")
    frame = graph.centrality_series("degree", years=[2000], as_frame=True)
    assert isinstance(frame, pd.DataFrame) and list(frame.columns)[:3] == ["year", "date",
                                                                           "measure"]


def test_co_attendance_series_covers_whole_years(graph):
    rows = centrality_series(graph, "degree", "co-attendance", years=[2022])
    assert rows and rows[0]["date"] == "2022-01-01/2022-12-31"
    single = centrality(graph, "degree", "co-attendance", period=("2022-01-01", "2022-12-31"))
    assert [(r["id"], r["value"]) for r in rows] == [(s.id, s.value) for s in single]


# ---------------------------------------------------------------------- docs/findings.md


def test_the_claims_of_the_findings_hold(graph):
    """The statements of docs/findings.md, on the current graph."""
    regional = [o.id for o in graph.entities("organization")
                if o.id not in {"EU", "NATO", "EAP", "BSEC"}]
    post_soviet = {"ARM", "AZE", "BLR", "EST", "GEO", "KAZ", "KGZ", "LTU", "LVA", "MDA", "RUS",
                   "TJK", "TKM", "UKR", "UZB"}
    rows = centrality_series(graph, "bipartite-betweenness", "state-organization",
                             range(1992, 2027), regional, node_type="state")
    top: dict[int, str] = {}
    for r in rows:
        if r["id"] in post_soviet:
            top.setdefault(r["year"], r["id"])
    assert all(top[y] in {"KAZ", "KGZ", "UZB"} for y in range(1992, 2004))
    assert top[2001] == "UZB" and top[2004] == "RUS"
    assert {top[y] for y in range(2005, 2012)} == {"MDA"}  # level with Ukraine
    assert {top[y] for y in range(2012, 2015)} == {"UKR"}
    assert {top[y] for y in range(2015, 2027)} == {"AZE"}
    assert not [r for r in rows if r["id"] in ("GEO", "MDA") and r["year"] == 1992]
    assert [r["id"] for r in rows if r["id"] == "AZE" and r["year"] == 1992] == ["AZE"]
    tkm = {r["year"]: r["value"] for r in rows if r["id"] == "TKM"}
    assert all(tkm[y] > 0 for y in range(1992, 2010)) and not any(tkm[y] for y in range(2010, 2021))
    degree = {(r["year"], r["id"]): r["value"] for r in centrality_series(
        graph, "degree", "state-organization", range(1993, 2014), regional, node_type="state")}
    central_asia = ["KAZ", "KGZ", "TJK", "TKM", "UZB"]
    for year in range(2006, 2014):
        ranked = sorted(central_asia, key=lambda s: -degree[year, s])
        assert ranked[0] == "KAZ" and degree[year, "KAZ"] > degree[year, ranked[1]]
        assert degree[year, "TKM"] == (2 if year < 2010 else 1)
    assert all(degree[y, "UZB"] == degree[y, "KGZ"] > degree[y, "TJK"] for y in (2006, 2007, 2008))
    assert all(degree[y, "UZB"] < degree[y, "TJK"] for y in (2005, 2010, 2011, 2012, 2013))
    assert all(degree[y, "KAZ"] == degree[y, "KGZ"] == degree[y, "UZB"] for y in (1993, 1994, 1995))


def test_the_findings_tables_are_current():
    """docs/findings.md's tables are what tools/findings_tables.py computes today."""
    import subprocess
    import sys

    done = subprocess.run([sys.executable, "tools/findings_tables.py", "--check"],
                          cwd=Path(__file__).resolve().parents[1], capture_output=True,
                          text=True)
    assert done.returncode == 0, done.stdout + done.stderr


@pytest.mark.parametrize("name", ["build", "measures", "series", "export"])
def test_the_worked_examples_in_the_docstrings_run(name):
    import doctest
    import importlib

    result = doctest.testmod(importlib.import_module(f"kg.network.{name}"))
    assert result.failed == 0 and result.attempted > 0


def test_a_date_after_the_data_says_so(graph):
    with pytest.warns(UserWarning, match="data is as of"):
        G = network(graph, "co-membership", at="2030-01-01")
    assert "may be incomplete" in G.graph["note"]
    with pytest.warns(UserWarning, match="data is as of"):
        centrality(graph, "degree", at="2030-01-01")


def test_series_on_a_pool_of_processes_gives_the_same_rows_in_the_same_order(graph):
    """The yearly measures may run on several processes; the table must not change."""
    years = range(1992, 2000)
    one = centrality_series(graph, ["betweenness", "eigenvector"], network="co-membership",
                            years=years, workers=1)
    two = centrality_series(graph, ["betweenness", "eigenvector"], network="co-membership",
                            years=years, workers=2)
    assert one == two and len(one) > 50


def test_bipartite_betweenness_when_one_side_is_a_single_node():
    """networkx divides by the largest possible betweenness of each side, which is 0 on the
    many-node side of a star (the worldwide COW graph's early years have one organization):
    the defined answer is 0 there and networkx's own 1 for the centre (it lies on all 3
    shortest paths between its 3 states: 3/3); a lone pair scores 0 and 0."""
    star = nx.Graph([("A", "O"), ("B", "O"), ("C", "O")])
    for n in "ABC":
        star.nodes[n]["type"] = "state"
    star.nodes["O"]["type"] = "organization"
    assert scores(star, "bipartite-betweenness") == {"A": 0.0, "B": 0.0, "C": 0.0, "O": 1.0}
    # the same star with a second organization is networkx's own case: the centre keeps 1
    wider = star.copy()
    wider.add_edge("A", "P")
    wider.nodes["P"]["type"] = "organization"
    assert scores(wider, "bipartite-betweenness")["O"] == 1.0
    pair = nx.Graph([("S", "O")])
    pair.nodes["S"]["type"], pair.nodes["O"]["type"] = "state", "organization"
    assert scores(pair, "bipartite-betweenness") == {"S": 0.0, "O": 0.0}
