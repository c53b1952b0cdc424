"""The library API against the real, shipped graph."""

from datetime import date

import pytest

import kg
import kg.records


@pytest.mark.parametrize(("ref", "expected"), [
    ("CIS", "CIS"), ("cis", "CIS"), ("独联体", "CIS"), ("СНГ", "CIS"),
    ("Commonwealth of Independent States", "CIS"), ("kazakhstan", "KAZ"), ("Казахстан", "KAZ"),
    ("哈萨克斯坦", "KAZ"), ("集安组织", "CSTO"), ("ОДКБ", "CSTO"), ("欧亚经济联盟", "EAEU"),
    ("vladimir-putin", "vladimir-putin"), ("普京", "vladimir-putin"),
    ("卢卡申科", "alexander-lukashenko"),
    ("USSR", "SUN"), ("苏联", "SUN"),
])
def test_entity_by_id_acronym_or_label_in_any_language(graph, ref, expected):
    assert graph.entity(ref).id == expected


def test_entity_exposes_id_iri_labels_and_type(graph):
    cis = graph.entity("CIS")
    assert cis.iri == "https://w3id.org/postsoviet-kg/organization/CIS"
    assert cis.type == "organization"
    assert cis.label == "Commonwealth of Independent States"
    assert cis.labels["zh"] == "独立国家联合体"
    assert cis.labels["ru"] == "Содружество Независимых Государств"


def test_unknown_id_is_a_key_error_with_near_matches(graph):
    with pytest.raises(KeyError) as caught:
        graph.entity("Kazakstan")
    assert isinstance(caught.value, kg.UnknownEntityError)
    assert "KAZ" in caught.value.suggestions
    assert "did you mean" in str(caught.value)


def test_members_of_csto_on_2010_01_01(graph):
    members = graph.members("CSTO", at="2010-01-01")
    assert [s.id for s in members] == ["ARM", "BLR", "KAZ", "KGZ", "RUS", "TJK", "UZB"]
    assert graph.members("CSTO", at=date(2010, 1, 1)) == members


def test_members_status_filter(graph):
    assert [s.id for s in graph.members("EAEU", at="2021-01-01", status="observer")] == [
        "CUB", "MDA", "UZB"]
    every = graph.members("CIS", at="2010-01-01", status=None)
    assert "TKM" in [s.id for s in every]
    assert "TKM" not in [s.id for s in graph.members("CIS", at="2010-01-01")]


def test_turkmenistan_is_an_associate_of_the_cis_in_2010(graph):
    membership = graph.membership("TKM", "CIS", at="2010-01-01")
    assert membership.status == "associate"
    assert membership.start == date(2005, 8, 26)
    assert membership.end is None
    assert membership.sources and all(s.url.startswith("http") for s in membership.sources)
    assert graph.membership("EST", "CIS", at="2010-01-01") is None


def test_membership_history_of_georgia(graph):
    history = [(m.organization.id, m.status, m.start, m.end)
               for m in graph.memberships(state="GEO")]
    assert history == [
        ("BSEC", "member", date(1992, 6, 25), None),
        ("CIS", "member", date(1993, 12, 3), date(2009, 8, 18)),
        ("CST", "member", date(1994, 4, 20), date(1999, 4, 20)),
        ("GUAM", "member", date(1997, 10, 10), None),
        ("CDC", "member", date(2005, 12, 2), None),
        ("EAP", "partner", date(2009, 5, 7), None),
    ]


def test_membership_end_day_is_not_covered(graph):
    assert graph.membership("GEO", "CIS", at="2009-08-17") is not None
    assert graph.membership("GEO", "CIS", at="2009-08-18") is None


def test_head_of_state(graph):
    assert graph.head_of_state("KAZ", at="2022-12-27").id == "kassym-jomart-tokayev"
    assert graph.head_of_state("KAZ", at="2019-03-19").id == "nursultan-nazarbayev"
    assert graph.head_of_state("RUS", at="2000-01-01").id == "vladimir-putin"
    assert graph.head_of_state("RUS", at="1999-12-30").id == "boris-yeltsin"


def test_office_holders_of_a_post(graph):
    holders = graph.office_holders("president-of-kazakhstan")
    assert [(t.person.id, t.start, t.end) for t in holders] == [
        ("nursultan-nazarbayev", date(1990, 4, 24), date(2019, 3, 20)),
        ("kassym-jomart-tokayev", date(2019, 3, 20), date(2019, 6, 12)),
        ("kassym-jomart-tokayev", date(2019, 6, 12), None),
    ]
    at = graph.office_holders("prime-minister-of-armenia", at="2022-12-26")
    assert [t.person.id for t in at] == ["nikol-pashinyan"]


def test_events_filtered_by_kind_period_and_participant(graph):
    events = graph.events(kind="summit", between=("2022-01-01", "2022-12-31"), participant="TKM",
                          organization="CIS")
    assert [e.id for e in events] == ["2022-10-07-cis-informal-summit",
                                      "2022-10-14-cis-council-of-heads-of-state",
                                      "2022-12-26-cis-informal-summit"]
    # beyond the CIS: Turkmenistan as a guest of the SCO and an observer of the Turkic states
    assert {e.organization.id for e in graph.events(
        kind="summit", between=("2022-01-01", "2022-12-31"), participant="TKM")} == {
        "CIS", "SCO", "OTS"}
    december = events[-1]
    assert (december.kind, december.start, december.end) == (
        "summit", date(2022, 12, 26), date(2022, 12, 27))
    assert december.location.id == "saint-petersburg"
    # Moldova was absent from every 2022 meeting: absence is not participation
    assert graph.events(kind="summit", between=("2022-01-01", "2022-12-31"),
                        participant="MDA") == []
    csto = graph.events(organization="CSTO", between=("2022-01-01", "2022-12-31"))
    assert csto and all(e.organization.id == "CSTO" for e in csto)
    with pytest.raises(ValueError, match="unknown event kind"):
        graph.events(kind="picnic")


def test_participants_of_the_december_2022_summit(graph):
    records = graph.participants("2022-12-26-cis-informal-summit")
    present = {p.state.id: p.participant.id for p in records if p.role != "absent"}
    assert present == {
        "RUS": "vladimir-putin", "ARM": "nikol-pashinyan", "AZE": "ilham-aliyev",
        "BLR": "alexander-lukashenko", "KAZ": "kassym-jomart-tokayev", "KGZ": "sadyr-japarov",
        "TJK": "emomali-rahmon", "TKM": "serdar-berdimuhamedow", "UZB": "shavkat-mirziyoyev"}
    assert [p.role for p in records if p.state.id == "RUS"] == ["host"]
    assert [p.state.id for p in records if p.role == "absent"] == ["MDA"]


def test_describe_is_readable(graph):
    cis = graph.describe("CIS")
    assert cis["headquarters"] == [graph.entity("minsk")]
    assert cis["founded"] == [date(1991, 12, 8)]
    assert cis["working language"] == ["ru"]
    assert "独联体" in cis["alias"]
    assert cis["type"] == ["intergovernmental organization"]
    assert {m.state.id for m in cis["members"]} >= {"RUS", "GEO", "UKR", "TKM"}


def test_query_with_bindings(graph):
    rows = graph.query("""
        SELECT ?state WHERE { ?m org:organization ?org ; org:member ?state ;
                               psk:foundingMember true } ORDER BY ?state""",
                       org=graph.entity("EAEU"))
    assert [r["state"].id for r in rows] == ["BLR", "KAZ", "RUS"]


def test_bad_query_raises_query_error_with_position(graph):
    with pytest.raises(kg.QueryError, match=r"line 2, column \d+"):
        graph.query("SELECT ?x WHERE {\n  ?x ?y }")


def test_rdflib_graph_has_the_same_triples(graph):
    assert len(graph.rdf) == len(graph)


def test_load_from_an_artifact_file(graph, tmp_path):
    from importlib import resources

    ttl = resources.files("kg") / "_graph" / "postsoviet-kg.ttl"
    other = kg.load(str(ttl))
    assert len(other) == len(graph)
    with pytest.raises(ValueError, match="expected one of"):
        kg.load(tmp_path / "graph.csv")


def test_founding_treaties(graph):
    rows = graph.query("""
        SELECT ?org ?signed ?inForce WHERE {
          VALUES ?org { organization:CIS organization:CST organization:CSTO organization:EAEU }
          ?t a psk:Treaty ; psk:establishes ?org ; psk:signedDate ?signed .
          OPTIONAL { ?t psk:entryIntoForce ?inForce } } ORDER BY ?signed""")
    assert [(r["org"].id, r["signed"], r.get("inForce")) for r in rows] == [
        ("CIS", date(1991, 12, 8), date(1991, 12, 10)),  # Belarus and Ukraine first
        ("CST", date(1992, 5, 15), date(1994, 4, 20)),
        ("CSTO", date(2002, 10, 7), date(2003, 9, 18)),
        ("EAEU", date(2014, 5, 29), date(2015, 1, 1))]
    assert graph.describe("eaeu-treaty")["location"] == [graph.entity("astana")]


def test_dates_keep_the_precision_of_their_source(graph):
    (artsakh,) = graph.memberships(state="XNK", organization="CDRN")
    assert (artsakh.start, artsakh.start_precision) == (date(2007, 1, 1), "year")
    assert (artsakh.end, artsakh.end_precision) == (date(2024, 1, 1), "day")
    born = graph.query("SELECT ?p WHERE { ?x psk:birthDatePrecision ?p }",
                       x=graph.entity("ebrahim-raisi"))
    assert born == [{"p": "https://w3id.org/postsoviet-kg/ontology#precisionYear"}]
    assert kg.records.partial(artsakh.start, artsakh.start_precision) == "2007"


def test_chairs_documents_and_the_new_fields_of_events_and_participations(graph):
    # March 2014: Ukraine had given the chairmanship up, Belarus took it in April: None, not a guess
    assert graph.chair("CIS", at="2014-03-15") is None
    with pytest.raises(kg.WrongKindError):
        graph.chair("Kazakhstan", at="2022-06-01")
    chairs = graph.chairs("EAEU")
    assert [c.state.id for c in chairs][:3] == ["BLR", "KAZ", "RUS"]
    assert chairs[0].start_precision == "year" and chairs[0].covers(chairs[0].start)
    assert [d.id for d in graph.documents(signatory="KGZ")] == [
        "bishkek-protocol-1994", "eaeu-customs-code-treaty-2016"]
    with pytest.raises(ValueError, match="unknown format 'casual'"):
        graph.events(format="casual")
    (moldova,) = [p for p in graph.participants("2022-12-26-cis-informal-summit")
                  if p.role == "absent"]
    assert (moldova.attendance, moldova.represents.id) == ("absent", "MDA")
    assert graph.describe("KAZ")["chairmanships"][0].organization.id == "CIS"
