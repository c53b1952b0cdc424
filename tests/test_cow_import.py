"""The Correlates of War IGO import: on a small file written by hand in COW's format, and,
where the real COW files are beside the project (../shared/data/cow-igo-v3), the full import
(marked cow_full: it runs whenever the files are there)."""

from __future__ import annotations

import csv
import gzip
import warnings
from datetime import date
from pathlib import Path

import pytest

import kg
from kg.cli import main
from kg.cow_import import (
    COW_TO_ISO,
    CowFormatError,
    import_cow,
    intervals,
    load_combined,
    read_state_years,
)
from tests.conftest import ROOT

FIXTURE = Path(__file__).parent / "fixtures" / "cow-import"
STATES, IGOS = FIXTURE / "state_year_formatv3.csv", FIXTURE / "igo_year_formatv3.csv"
REAL_COW = ROOT.parent / "shared" / "data" / "cow-igo-v3"


@pytest.fixture(scope="module")
def imported(tmp_path_factory):
    out = tmp_path_factory.mktemp("cow") / "cow.nt"
    report = import_cow(STATES, IGOS, out=out, show_progress=False)
    return report, load_combined(out)


def spans(graph, state, org):
    return [(m.status, m.start, m.end) for m in graph.memberships(state=state, organization=org)]


def test_statuses_become_intervals_citing_cow(imported):
    report, graph = imported
    assert (report.organizations, report.new_organizations) == (5, 3)
    assert (report.states, report.new_states) == (5, 1)
    assert (report.memberships, report.kept_curated) == (11, 5)
    # 3 observer, then 1 member: two intervals, years as dates of year precision
    assert spans(graph, "GEO", "WMO") == [("observer", date(1992, 1, 1), date(1994, 1, 1)),
                                          ("member", date(1994, 1, 1), date(1997, 1, 1))]
    m = graph.memberships(state="GEO", organization="WMO")[0]
    assert (m.start_precision, m.end_precision, m.founding) == ("year", "year", False)
    assert [s.id for s in m.sources] == ["cow-igo-v3"]
    assert graph.entity("WMO").label == "World Meteorological Organization"


def test_missing_and_out_of_system_years(imported):
    _, graph = imported
    # -9 in 2013 is never bridged; a run reaching 2014, COW's last year, has no end
    assert spans(graph, "USA", "WMO") == [("member", date(2012, 1, 1), date(2013, 1, 1)),
                                          ("member", date(2014, 1, 1), None)]
    assert "up to 2014" in graph.memberships(state="USA", organization="WMO")[1].note
    # -1 (not in the state system) ends Baden's run; five-yearly years before 1965 continue it
    assert spans(graph, "COW-BAD", "CCNR") == [("member", date(1816, 1, 1), date(1871, 1, 1))]
    assert graph.entity("COW-BAD").label == "Baden"
    # West Germany (260) and Germany (255) are one history: DEU
    assert spans(graph, "DEU", "UN") == [("member", date(1989, 1, 1), date(1992, 1, 1))]


def test_curated_facts_win_where_they_overlap(imported, graph):
    _, combined = imported
    for state, org in (("GEO", "CIS"), ("TKM", "CIS"), ("USA", "NATO"), ("DEU", "NATO")):
        assert combined.memberships(state=state, organization=org) == graph.memberships(
            state=state, organization=org)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", kg.KGWarning)
        assert [s.id for s in combined.members("CIS", at="2010-01-01")] == [
            s.id for s in graph.members("CIS", at="2010-01-01")]
        assert [s.id for s in combined.members("UN", at="1995-06-01")] == ["GEO"]


def test_the_import_never_writes_into_data(tmp_path):
    with pytest.raises(ValueError, match="never writes into data/"):
        import_cow(STATES, IGOS, out=ROOT / "data" / "cow.nt", show_progress=False)
    assert not (ROOT / "data" / "cow.nt").exists()


def test_a_file_not_in_cows_format_is_one_clear_error(tmp_path):
    bad = tmp_path / "bad.csv"
    bad.write_text("ccode,year,state,cis\n372,1995,georgia,7\n", encoding="utf-8")
    with pytest.raises(CowFormatError, match=r"bad.csv:2: status '7' is not a COW code"):
        read_state_years(bad)
    bad.write_text("code,year\n", encoding="utf-8")
    with pytest.raises(CowFormatError, match=r"bad\.csv:1: expected COW's state-year header"):
        read_state_years(bad)


def test_kg_import_cow_command(tmp_path, capsys):
    out, combined = tmp_path / "cow.nt", tmp_path / "all.nt"
    assert main(["import-cow", str(STATES), "--igos", str(IGOS), "--out", str(out),
                 "--combined", str(combined)]) == 0
    printed = capsys.readouterr().out
    assert "5 organizations (3 new), 5 states (1 new), 11 membership intervals" in printed
    assert main(["members", "UN", "--at", "1995-06-01", "--graph", str(combined),
                 "--format", "csv"]) == 0
    assert [line.split(",")[0] for line in capsys.readouterr().out.splitlines()[1:]] == ["GEO"]


def test_every_cow_state_maps_to_an_iso_code_pycountry_knows():
    import pycountry

    for code, iso in COW_TO_ISO.items():
        if iso != "XKX":  # Kosovo: the code in common use; ISO 3166 has none
            assert (pycountry.countries.get(alpha_3=iso)
                    or pycountry.historic_countries.get(alpha_3=iso)), (code, iso)


@pytest.mark.cow_full
@pytest.mark.skipif(not REAL_COW.is_dir(), reason="the COW files are not beside the project")
def test_full_cow_import(tmp_path):
    state_years = REAL_COW / "state_year_formatv3.csv.gz"
    report = import_cow(state_years, REAL_COW / "igo_year_formatv3.csv.gz",
                        out=tmp_path / "cow.nt", show_progress=False)
    assert report.organizations == 534 and report.states == 216
    assert report.memberships > 15000 and report.kept_curated > 50
    combined = load_combined(tmp_path / "cow.nt")
    assert len({e.id for e in combined.entities("organization")}) >= 534
    # no id names two entities (COW's NAM, the Non-Aligned Movement, is not Namibia)
    ids = [e.id for e in combined.entities()]
    assert len(ids) == len(set(ids))
    assert combined.entity("NAM").type == "state"
    assert combined.entity("COW-NAM").type == "organization"
    # the post-Soviet states' CIS statuses, as imported, against the CSV itself
    columns, years, _ = read_state_years(state_years, show_progress=False)
    runs = [r for r in intervals(columns, years, lambda c: str(c)) if r.column == "cis"]
    with gzip.open(state_years, "rt", encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            if int(row["ccode"]) in (365, 369, 370, 372, 701, 705) and row["year"] in (
                    "1992", "1995", "2006", "2010", "2014"):
                held = [r.status for r in runs if r.state == row["ccode"]
                        and r.first <= int(row["year"]) <= r.last]
                expected = {"1": ["member"], "2": ["associate"], "3": ["observer"]}.get(
                    row["cis"], [])
                assert held == expected, (row["state"], row["year"], row["cis"])
    # the whole library on the combined graph
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", kg.KGWarning)
        assert len(combined.members("UN", at="2000-06-01")) > 180
        assert combined.members("CSTO", at="2010-01-01") == kg.load().members(
            "CSTO", at="2010-01-01")


def test_the_combined_graph_served_and_queried_remotely(tmp_path, imported):
    """The combined graph on `kg serve`, through kg.connect: the same answers."""
    from kg.server import Server

    combined = tmp_path / "all.nt"
    import_cow(STATES, IGOS, out=tmp_path / "cow.nt", combined=combined, show_progress=False)
    _, local = imported
    with Server(combined, port=0) as server:
        remote = kg.connect(server.query_url)
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", kg.KGWarning)
            assert [s.id for s in remote.members("UN", at="1995-06-01")] == ["GEO"]
        assert remote.memberships(state="USA") == local.memberships(state="USA")
        assert remote.memberships(organization="WMO") == local.memberships(organization="WMO")


def test_networks_of_the_combined_graph_start_in_1816(imported, graph):
    """Centrality series and the HTML page work on the combined graph, from COW's first year;
    the curated graph's networks still start on 1991-12-08."""
    from kg.viz import page

    _, combined = imported
    rows = combined.centrality_series("degree", network="state-organization",
                                      years=[1820, 1870, 1871], organizations=["CCNR"],
                                      node_type="state", workers=1)
    assert [(r["year"], r["id"]) for r in rows] == [(1820, "COW-BAD"), (1870, "COW-BAD")]
    assert graph.network("state-organization", at="1990-01-01").number_of_nodes() == 0
    html = page(combined, focus="WMO", depth=1, at="1995-06-01").html
    assert "World Meteorological Organization" in html and "Georgia" in html
