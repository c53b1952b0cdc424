"""kg.network: the projections, their invariants on the real data, and the measures."""

from datetime import date

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
