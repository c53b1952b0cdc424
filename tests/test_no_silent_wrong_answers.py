"""Requests that used to return a wrong or empty answer with no warning (issue 7)."""

from datetime import date, datetime

import pytest

import kg
from kg.cli import main


def test_an_ongoing_war_overlaps_every_later_period(graph):
    wars = graph.events(kind="armed-conflict", between=("2024-06-01", "2024-06-30"))
    assert [e.id for e in wars] == ["2022-02-24-russian-invasion-of-ukraine"]
    assert wars[0].ongoing and wars[0].end is None


def test_a_one_day_event_is_not_ongoing(graph):
    summit = graph.event("2022-12-26-cis-informal-summit")
    assert not summit.ongoing
    assert summit.end == date(2022, 12, 27)
    accession = graph.event("1993-12-georgia-joins-cis")
    assert (accession.start, accession.end, accession.ongoing) == (
        date(1993, 12, 1), date(1993, 12, 1), False)
    later = graph.events(kind="accession", between=("1994-01-01", "1994-12-31"))
    assert "1993-12-georgia-joins-cis" not in [e.id for e in later]


def test_events_in_period_query_lists_the_ongoing_invasion(graph, capsys):
    rows = graph.named_query("events-in-period", **{"from": "2023-01-01", "to": "2023-12-31"})
    invasion = [r for r in rows if r["event"].id == "2022-02-24-russian-invasion-of-ukraine"]
    assert len(invasion) == 1 and invasion[0]["ongoing"] is True
    assert main(["query", "events-in-period", "-p", "from=2023-01-01", "-p", "to=2023-12-31",
                 "--format", "csv"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("event,start,end,ongoing,location,organization\n")
    assert "\n2022-02-24-russian-invasion-of-ukraine,2022-02-24,,true,,\n" in out


CSTO_2010 = ["ARM", "BLR", "KAZ", "KGZ", "RUS", "TJK", "UZB"]


@pytest.mark.parametrize("day", [
    date(2010, 1, 1), datetime(2010, 1, 1), datetime(2010, 1, 1, 23, 59), "2010-01-01",
    "2010-01-01T08:00:00",
])
def test_every_kind_of_date_gives_the_same_answer(graph, day):
    assert [s.id for s in graph.members("CSTO", at=day)] == CSTO_2010


def test_pandas_and_numpy_dates(graph):
    import numpy as np
    import pandas as pd

    assert [s.id for s in graph.members("CSTO", at=pd.Timestamp("2010-01-01"))] == CSTO_2010
    assert [s.id for s in graph.members("CSTO", at=np.datetime64("2010-01-01"))] == CSTO_2010
    assert [s.id for s in graph.members("CSTO", at=np.datetime64("2010-01-01T10:00"))] == \
        CSTO_2010
    with pytest.raises(ValueError, match="NaT"):
        graph.members("CSTO", at=np.datetime64("NaT"))


def test_a_datetime_bound_in_sparql_is_a_day(graph):
    rows = graph.named_query("members-at", org="CSTO", at=datetime(2010, 1, 1, 15, 0))
    assert sorted(r["state"].id for r in rows) == CSTO_2010
    rows = graph.query("SELECT ?m WHERE { ?m a org:Membership ; schema:startDate ?at }",
                       at=datetime(1949, 8, 24, 10, 0))
    assert len(rows) == 12  # NATO's founding members


@pytest.mark.parametrize("bad, error, message", [
    (20100101, TypeError, "expected a date"),
    ("2010", ValueError, "a day is needed"),
    ("01/01/2010", ValueError, "expected YYYY-MM-DD"),
    (None, ValueError, "no day given"),
])
def test_a_bad_date_is_a_clear_error(graph, bad, error, message):
    with pytest.raises(error, match=message):
        graph.members("CSTO", at=bad) if bad is not None else graph.events(between=(bad, bad))


# ---------------------------------------------------------------- named-query parameters

def test_a_required_parameter_left_out_is_an_error_not_the_example(graph, capsys):
    with pytest.raises(kg.MissingParameterError, match=r"members-at needs org \(organization, "
                       r"required, e.g. CSTO\); give org=CSTO"):
        graph.named_query("members-at", at="2010-01-01")
    assert main(["query", "withdrawals-and-suspensions", "-p", "to=2020-01-01"]) == 2
    assert capsys.readouterr().err == (
        "kg: error: withdrawals-and-suspensions needs from (date, required, e.g. 1999-01-01); "
        "give from=1999-01-01\n")


@pytest.mark.filterwarnings("ignore::kg.notices.OutsideDataWarning")  # today is after as-of
def test_a_defaulted_date_is_today_and_the_answer_says_so(graph, capsys):
    today = date.today()
    with pytest.warns(kg.DefaultUsedWarning, match=f"at not given; using its default, "
                      f"today \\({today.isoformat()}\\)"):
        rows = graph.named_query("members-at", org="CSTO")
    assert sorted(r["state"].id for r in rows) == sorted(
        s.id for s in graph.members("CSTO", at=today, status=None))
    assert main(["query", "members-at", "-p", "org=CSTO"]) == 0
    err = capsys.readouterr().err
    assert f"kg: note: members-at: at not given; using its default, today ({today})" in err


def test_kg_queries_says_which_parameters_are_required(capsys):
    assert main(["queries", "--format", "csv"]) == 0
    out = capsys.readouterr().out
    assert ('members-at,"Which states belonged to ?org on ?at, and with what status?","org '
            '(organization, required, e.g. CSTO); at (date, default today, '
            'e.g. 2010-01-01)"') in out


# ---------------------------------------------------------------- arguments of the wrong kind

@pytest.mark.parametrize("call, message", [
    (lambda g: g.members("Kazakhstan"), "'Kazakhstan' is a state (KAZ), not an organization"),
    (lambda g: g.head_of_state("CSTO"),
     "'CSTO' is an organization (CSTO), not a state"),
    (lambda g: g.participants("vladimir-putin"),
     "'vladimir-putin' is a person (vladimir-putin), not an event"),
    (lambda g: g.memberships(state="CIS"), "'CIS' is an organization (CIS), not a state"),
    (lambda g: g.events(organization="RUS"), "'RUS' is a state (RUS), not an organization"),
    (lambda g: g.events(participant="CIS"),
     "'CIS' is an organization (CIS), not a person or a state for participant"),
    (lambda g: g.tenures(person="KAZ"), "'KAZ' is a state (KAZ), not a person"),
])
def test_an_argument_of_the_wrong_kind_is_an_error(graph, call, message):
    with pytest.raises(kg.WrongKindError) as caught:
        call(graph)
    assert str(caught.value) == message


def test_an_unknown_status_is_an_error(graph):
    with pytest.raises(ValueError, match="unknown membership status 'members': expected "
                       "member, associate, observer, participant, partner, suspended, frozen, "
                       "or any"):
        graph.members("CIS", at="2010-01-01", status="members")


@pytest.mark.parametrize("argv, message", [
    (["members", "Kazakhstan"], "kg: error: 'Kazakhstan' is a state (KAZ), not an organization\n"),
    (["head-of-state", "CSTO"], "kg: error: 'CSTO' is an organization (CSTO), not a state\n"),
    (["members", "CIS", "--status", "members"], "kg: error: unknown membership status "
     "'members': expected member, associate, observer, participant, partner, suspended, "
     "frozen, or any\n"),
])
def test_the_cli_names_what_was_expected(capsys, argv, message):
    assert main(argv) == 2
    captured = capsys.readouterr()
    assert captured.err == message and captured.out == ""


# ---------------------------------------------------------------- days outside the data

def test_a_day_before_an_organization_existed_is_said_next_to_the_empty_answer(graph):
    with pytest.warns(kg.OutsideDataWarning, match=r"Eurasian Economic Union \(EAEU\) was "
                      r"founded on 2015-01-01; 2010-01-01 is before that"):
        assert graph.members("EAEU", at="2010-01-01") == []


def test_a_day_after_the_as_of_date_is_said_even_with_an_answer(graph):
    assert graph.as_of == date(2026, 11, 26)
    with pytest.warns(kg.OutsideDataWarning, match="the data is as of 2026-11-26; facts after "
                      "that day are not in the graph, so the answer for 2030-01-01 may be "
                      "incomplete"):
        assert graph.head_of_state("KAZ", at="2030-01-01").id == "kassym-jomart-tokayev"


def test_a_day_inside_the_data_gives_no_warning(graph):
    import warnings

    with warnings.catch_warnings():
        warnings.simplefilter("error", kg.KGWarning)
        assert len(graph.members("CIS", at="2010-01-01")) == 9  # TKM associate, UKR participant


def test_the_cli_prints_the_warning_as_a_note(capsys):
    assert main(["members", "EAEU", "--at", "2010-01-01", "--format", "csv"]) == 0
    captured = capsys.readouterr()
    assert captured.out == "state,organization,status,founding,start,end,signed,sources\n"
    assert captured.err == ("kg: note: Eurasian Economic Union (EAEU) was founded on "
                            "2015-01-01; 2010-01-01 is before that\n")


# ---------------------------------------------------------------- what the labels say

def test_ukraine_ended_participation_in_the_cis_it_did_not_withdraw(graph):
    rows = graph.named_query("withdrawals-and-suspensions", **{"from": "2018-01-01",
                                                                "to": "2018-12-31"})
    assert [(r["state"].id, r["organization"].id, r["change"]) for r in rows] == [
        ("UKR", "CIS", "ended participation")]
    assert "never became a CIS 'member state'" in graph.membership(
        "UKR", "CIS", at="2018-01-01").note


# ---------------------------------------------------------------- the four query forms

@pytest.mark.parametrize("engine", ["oxigraph", "rdflib"])
def test_ask_construct_and_describe_on_both_engines(graph, engine):
    assert graph.query("ASK { ?s dcterms:identifier 'CSTO' }", engine=engine) is True
    assert graph.query("ASK { ?s dcterms:identifier 'NOPE' }", engine=engine) is False
    built = graph.query("CONSTRUCT { ?s a psk:Former } WHERE { ?s a psk:FormerState }",
                        engine=engine)
    assert built.serialize("ntriples") == (
        "<https://w3id.org/postsoviet-kg/state/SUN> "
        "<http://www.w3.org/1999/02/22-rdf-syntax-ns#type> "
        "<https://w3id.org/postsoviet-kg/ontology#Former> .\n")
    described = graph.query("DESCRIBE ?s WHERE { ?s dcterms:identifier 'SUN' }", engine=engine)
    assert '"Soviet Union"@en' in described.serialize("ntriples")


def test_a_construct_binds_its_where_clause_not_its_template(graph):
    built = graph.query("CONSTRUCT { ?s a psk:Picked } WHERE { ?s a psk:State }",
                        s=graph.entity("KAZ"))
    assert [t.subject.value for t in built] == ["https://w3id.org/postsoviet-kg/state/KAZ"]


@pytest.mark.parametrize("argv, out", [
    (["query", "ASK { ?s a psk:FormerState }"], "true\n"),
    (["query", "ASK { ?s a psk:Nothing }", "--format", "json"],
     '{"head": {}, "boolean": false}\n'),
    (["query", "ASK { ?s a psk:FormerState }", "--format", "csv"], "ask\ntrue\n"),
    (["query", "CONSTRUCT { ?s a psk:Former } WHERE { ?s a psk:FormerState }", "--format",
      "ntriples"], "<https://w3id.org/postsoviet-kg/state/SUN> "
     "<http://www.w3.org/1999/02/22-rdf-syntax-ns#type> "
     "<https://w3id.org/postsoviet-kg/ontology#Former> .\n"),
])
def test_the_cli_prints_each_query_form_conventionally(capsys, argv, out):
    assert main(argv) == 0
    assert capsys.readouterr().out == out


def test_describe_without_braces_prints_turtle(capsys):
    assert main(["query", "DESCRIBE state:SUN"]) == 0
    out = capsys.readouterr().out
    assert "@prefix psk: <https://w3id.org/postsoviet-kg/ontology#> ." in out
    assert "state:SUN" in out and '"Soviet Union"@en' in out


def test_triples_as_csv_is_a_usage_error(capsys):
    assert main(["query", "DESCRIBE state:SUN", "--format", "csv"]) == 2
    assert capsys.readouterr().err.startswith(
        "kg: error: a CONSTRUCT or DESCRIBE query gives triples, not csv")


def test_an_unknown_prefix_is_one_line_at_the_users_own_position(capsys):
    assert main(["query", "SELECT ?x WHERE {\n  ?x foo:bar ?y }"]) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1
    assert err.startswith("kg: SPARQL syntax error at line 2, column ")
    assert ": unknown prefix foo: (declare it with PREFIX, or use one of " in err


def test_other_syntax_errors_are_one_line_too(capsys):
    assert main(["query", "SELECT ?x WHERE {\n ?x a psk:State .\n ?x psk:bad ?y ) }"]) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and err.startswith("kg: SPARQL syntax error at line 3, column ")


# ---------------------------------------------------------------- bad graph files

@pytest.mark.parametrize("name, content, message", [
    ("bad.ttl", '<a> <b> "unterminated .\n', "not valid ttl: Parser error at line 1"),
    ("bad.jsonld", '{"a":\n', "not valid jsonld: Parser error at line 2"),
    ("bad.csv", "a,b\n", "expected one of .nt, .ttl, .jsonld, .nq"),
    ("missing.nt", None, "No such file or directory"),
])
def test_a_bad_graph_file_is_one_clear_line(tmp_path, capsys, name, content, message):
    path = tmp_path / name
    if content is not None:
        path.write_text(content, encoding="utf-8")
    assert main(["members", "CIS", "--graph", str(path)]) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err.startswith(f"kg: error: cannot load {path}: ")
    assert message in captured.err and captured.err.count("\n") == 1
    assert "Traceback" not in captured.err


# ---------------------------------------------------------------- names people use

@pytest.mark.parametrize("name, expected", [
    ("Pashinyan", "nikol-pashinyan"), ("Nazarbayev", "nursultan-nazarbayev"),
    ("Rahmon", "emomali-rahmon"), ("Lukashenka", "alexander-lukashenko"),
    ("Kiev", "kyiv"), ("Nur-Sultan", "astana"), ("KZ", "KAZ"), ("by", "BLR"),
    ("Kirghizia", "KGZ"), ("Belorussia", "BLR"), ("Q159", "RUS"), ("Q649", "moscow"),
    ("Путина", "vladimir-putin"), ("Токаеву", "kassym-jomart-tokayev"),
    ("Казахстаном", "KAZ"), ("России", "RUS"), ("Белоруссии", "BLR"), ("в СНГ", "CIS"),
    ("Москве", "moscow"), ("普京", "vladimir-putin"), ("Пашиняна", "nikol-pashinyan"),
])
def test_surnames_codes_old_names_and_case_forms_resolve(graph, name, expected):
    assert graph.entity(name).id == expected


def test_a_full_name_beats_a_surname_and_a_case_form(graph):
    # 'Georgia' is a state's name; no person's surname can take it over
    assert graph.entity("Georgia").id == "GEO"
    assert graph.entity("Россия").id == "RUS"


@pytest.mark.parametrize("name, at, expected", [
    ("Berdimuhamedow", "2023-01-01", "serdar-berdimuhamedow"),
    ("Berdimuhamedow", "2010-01-01", "gurbanguly-berdimuhamedow"),
    ("Aliyev", "2010-01-01", "ilham-aliyev"), ("Алиеву", "1995-01-01", "heydar-aliyev"),
    ("Aliyev", datetime(2000, 5, 1), "heydar-aliyev"),
])
def test_a_shared_surname_is_chosen_by_date(graph, name, at, expected):
    assert graph.entity(name, at=at).id == expected


def test_a_shared_surname_without_a_date_lists_the_candidates(graph):
    with pytest.raises(kg.UnknownEntityError) as caught:
        graph.entity("Berdimuhamedow")
    assert str(caught.value) == (
        "'Berdimuhamedow' is ambiguous: the surname of gurbanguly-berdimuhamedow (Gurbanguly "
        "Berdimuhamedow, in office 2006–2022), serdar-berdimuhamedow (Serdar Berdimuhamedow, "
        "in office 2022–); use an id, or give a day (at=...) to pick the one there then")
    assert [c.split()[0] for c in caught.value.suggestions] == [
        "gurbanguly-berdimuhamedow", "serdar-berdimuhamedow"]


def test_a_name_not_in_the_graph_is_not_linked_to_someone_else(graph):
    with pytest.raises(kg.UnknownEntityError, match="no entity 'Navalny'"):
        graph.entity("Navalny")


def test_search_lists_matches_of_every_type(graph, capsys):
    hits = graph.search("росс")
    assert hits[0]["id"] == "RUS" and hits[0]["type"] == "state"
    assert {h["type"] for h in hits} >= {"state", "organization", "event"}
    assert graph.search("格鲁")[0] == {"id": "GEO", "type": "state", "label": "Georgia",
                                       "matched": "格鲁吉亚"}
    assert main(["search", "Nazarbayev", "--format", "csv"]) == 0
    assert capsys.readouterr().out == (
        "id,type,label,matched\nnursultan-nazarbayev,person,Nursultan Nazarbayev,Nazarbayev\n"
        "2019-03-19-resignation-of-nursultan-nazarbayev,event,Resignation of Nursultan Nazarbayev"
        " as President of Kazakhstan,2019-03-19-resignation-of-nursultan-nazarbayev\n")
    assert main(["search", "zzzz-nothing", "--format", "json"]) == 0
    assert capsys.readouterr().out == "[]\n"


# ---------------------------------------------------------------- crosswalks and coordinates

def test_cow_state_numbers_agree_with_the_cross_check_table(graph):
    from kg.crosscheck import COW_STATES

    rows = graph.query("SELECT ?id ?code WHERE { ?s psk:cowStateNumber ?code ; "
                       "dcterms:identifier ?id }")
    codes = {r["id"]: r["code"] for r in rows}
    assert {code: state for state, code in codes.items() if code in COW_STATES} == COW_STATES
    assert "SUN" not in codes  # COW numbers the USSR and Russia alike (365): Russia's only
    assert len(codes) == 69  # Syria (652) joined for a birthplace


def test_cow_igo_abbreviations_and_wikidata_ids(graph):
    rows = graph.query("SELECT ?id ?abbr WHERE { ?o psk:cowAbbreviation ?abbr ; "
                       "dcterms:identifier ?id }")
    assert {r["id"]: r["abbr"] for r in rows}["EURASEC"] == "EAEC"
    assert graph.entity("Q159").id == "RUS" and graph.entity("Q649").id == "moscow"
    wikidata = graph.query("SELECT ?wd WHERE { state:RUS skos:exactMatch ?wd }")
    assert wikidata[0]["wd"] == "http://www.wikidata.org/entity/Q159"


def _table(name: str) -> list[dict[str, str]]:
    import csv
    from pathlib import Path

    path = Path(__file__).resolve().parents[1] / "data" / f"{name}.csv"
    with path.open(encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def test_every_place_on_the_map_has_wgs84_coordinates_from_a_source(graph):
    rows = graph.query("""SELECT ?id ?lat ?long WHERE { ?c a psk:City ; dcterms:identifier ?id
                          OPTIONAL { ?c geo:lat ?lat ; geo:long ?long } }""")
    cities = [r for r in _table("places") if not r["within"]]  # venues are not psk:City
    assert len(rows) == len(cities) > 100
    # A capital, seat, meeting place, treaty place, base or venue's city has coordinates; only
    # a village that is nothing but someone's birthplace may lack them (no page read gave them).
    mapped = ({r["capital"] for r in _table("states")}
              | {r["headquarters"] for r in _table("organizations")}
              | {r["location"] for r in _table("events")} | {r["venue"] for r in _table("events")}
              | {r["location"] for r in _table("treaties")} | {r["city"] for r in _table("bases")}
              | {r["within"] for r in _table("places")}) - {""}
    birthplaces = {r["birthplace"] for r in _table("people")}
    without = {r["id"] for r in rows if "lat" not in r or "long" not in r}
    assert not without & mapped
    assert without <= birthplaces and len(without) < len(rows) // 5
    at = {r["id"]: (r["lat"], r["long"]) for r in rows if r["id"] not in without}
    assert at["moscow"] == pytest.approx((55.75, 37.62), abs=0.05)
    assert at["astana"] == pytest.approx((51.17, 71.43), abs=0.05)
    assert at["havana"][1] < 0 and at["ottawa"][1] < 0  # west of Greenwich


def test_a_named_query_refuses_an_entity_of_the_wrong_kind(graph, capsys):
    with pytest.raises(kg.WrongKindError, match="'Kazakhstan' is a state \\(KAZ\\), not an "
                       "organization for members-at's org"):
        graph.named_query("members-at", org="Kazakhstan", at="2010-01-01")
    assert main(["query", "members-at", "-p", "org=Kazakhstan", "-p", "at=2010-01-01"]) == 2
    assert capsys.readouterr().out == ""


def test_a_named_query_says_when_its_day_is_outside_the_data(graph, capsys):
    with pytest.warns(kg.OutsideDataWarning, match="EAEU\\) was founded on 2015-01-01"):
        assert graph.named_query("members-at", org="EAEU", at="2010-01-01") == []
    assert main(["query", "members-at", "-p", "org=EAEU", "-p", "at=2010-01-01",
                 "--format", "csv"]) == 0
    captured = capsys.readouterr()
    assert captured.out == "state,status,start,end\n"
    assert "kg: note: Eurasian Economic Union (EAEU) was founded on 2015-01-01" in captured.err
