"""Issue 11's model: the validator's history rules (meetings have participants who belong to
the body, events inside their organization's lifetime, membership steps tied to a membership,
capacities), and what the build makes of steps, event links, capacities and dated names."""

from pathlib import Path

import pytest

from kg.build import DataError, build, check
from tests.conftest import ROOT, edit_csv

EVENT = "2022-10-14-cis-summit-astana"
WITHDRAWAL = ("2022-06-01-russia-announces-exit,withdrawal,Russia announces it leaves the CIS,"
              "Россия объявляет о выходе из СНГ,俄罗斯宣布退出独联体,2022-06-01,2022-06-01,,,CIS,,,"
              "announcement,,,enwiki-presidents-kaz,fixture only")


def problems_of(data: Path) -> list[str]:
    with pytest.raises(DataError) as caught:
        check(data, ROOT / "ontology")
    return [str(p) for p in caught.value.problems]


def append(path: Path, line: str) -> int:
    text = path.read_text(encoding="utf-8")
    path.write_text(text + line + "\n", encoding="utf-8")
    return len(text.splitlines()) + 1


def test_a_summit_without_participation_rows_is_an_error(minimal_data):
    path = minimal_data / "participations.csv"
    path.write_text(path.read_text(encoding="utf-8").splitlines()[0] + "\n", encoding="utf-8")
    assert problems_of(minimal_data) == [
        f"{minimal_data / 'events.csv'}:2: summit {EVENT} has no participation rows: add one "
        "for each member state (host, attendee or absent)"]


def test_a_state_outside_the_body_can_only_be_a_guest(minimal_data):
    # Russia's CIS membership ends before the summit: its 'absent' row is now wrong
    edit_csv(minimal_data / "memberships.csv", "RUS,CIS,member,yes,1991-12-12,,",
             "RUS,CIS,member,yes,1991-12-12,2020-01-01,")
    assert problems_of(minimal_data) == [
        f"{minimal_data / 'participations.csv'}:3: RUS was not a member, observer or other "
        "participant of CIS on 2022-10-14: role 'absent' needs a membership row; a state from "
        "outside the body attends as 'guest'"]
    edit_csv(minimal_data / "participations.csv", "RUS,RUS,,absent,", "RUS,RUS,,guest,")
    check(minimal_data, ROOT / "ontology")


def test_an_event_outside_its_organizations_lifetime_is_an_error(minimal_data):
    edit_csv(minimal_data / "organizations.csv", "独立国家联合体,ru:СНГ|zh:独联体,1991-12-08,,,",
             "独立国家联合体,ru:СНГ|zh:独联体,1991-12-08,,2021-12-31,")
    edit_csv(minimal_data / "memberships.csv", "KAZ,CIS,member,yes,1991-12-21,,",
             "KAZ,CIS,member,yes,1991-12-21,2021-12-31,")
    edit_csv(minimal_data / "memberships.csv", "RUS,CIS,member,yes,1991-12-12,,",
             "RUS,CIS,member,yes,1991-12-12,2021-12-31,")
    edit_csv(minimal_data / "participations.csv", "RUS,RUS,,absent,", "RUS,RUS,,guest,")
    edit_csv(minimal_data / "participations.csv", "KAZ,,host,", "KAZ,,guest,")
    assert problems_of(minimal_data) == [
        f"{minimal_data / 'events.csv'}:2: summit until 2022-10-14 runs past CIS's dissolution "
        "(2021-12-31)"]


def test_a_membership_step_must_fit_a_membership(minimal_data, tmp_path):
    append(minimal_data / "events.csv", WITHDRAWAL)
    line = append(minimal_data / "participations.csv",
                  "2022-06-01-russia-announces-exit,KAZ,KAZ,,subject,,,,enwiki-presidents-kaz,")
    # Kazakhstan's membership does fit (it is current); a state with none does not
    edit_csv(minimal_data / "participations.csv", "2022-06-01-russia-announces-exit,KAZ,KAZ,",
             "2022-06-01-russia-announces-exit,KAZ,KAZ,")
    build(minimal_data, ROOT / "ontology", tmp_path)
    triples = (tmp_path / "postsoviet-kg.nt").read_text(encoding="utf-8")
    event = "<https://w3id.org/postsoviet-kg/event/2022-06-01-russia-announces-exit>"
    assert (f"{event} <https://w3id.org/postsoviet-kg/ontology#changedMembership> "
            "<https://w3id.org/postsoviet-kg/membership/KAZ-CIS-member-1991-12-21> .") in triples
    assert (f"{event} <https://w3id.org/postsoviet-kg/ontology#membershipStep> "
            "<https://w3id.org/postsoviet-kg/ontology#step-announcement> .") in triples
    edit_csv(minimal_data / "memberships.csv", "KAZ,CIS,member,yes,1991-12-21,,",
             "KAZ,CIS,member,yes,1991-12-21,2022-01-01,")
    edit_csv(minimal_data / "participations.csv", "KAZ,,host,", "KAZ,,guest,")
    assert problems_of(minimal_data) == [
        f"{minimal_data / 'participations.csv'}:{line}: no membership of KAZ in CIS that this "
        "withdrawal on 2022-06-01 could have changed: add the membership row, or fix the "
        "event's organization or date"]


def test_a_step_is_only_for_membership_changes(minimal_data):
    edit_csv(minimal_data / "events.csv", "2022-10-14,2022-10-14,astana,,CIS,,,,",
             "2022-10-14,2022-10-14,astana,,CIS,,,notification,")
    assert problems_of(minimal_data) == [
        f"{minimal_data / 'events.csv'}:2: step 'notification' is for accessions, withdrawals "
        "and status changes, not a summit"]


def test_capacity_is_derived_from_the_post_held_or_given_for_a_state(minimal_data, tmp_path):
    edit_csv(minimal_data / "participations.csv", "RUS,RUS,,absent,,", "RUS,RUS,,attendee,envoy,")
    build(minimal_data, ROOT / "ontology", tmp_path)
    triples = (tmp_path / "postsoviet-kg.nt").read_text(encoding="utf-8")
    base = "<https://w3id.org/postsoviet-kg/participation/2022-10-14-cis-summit-astana-"
    capacity = "<https://w3id.org/postsoviet-kg/ontology#capacity>"
    assert (f"{base}kassym-jomart-tokayev> {capacity} "
            "<https://w3id.org/postsoviet-kg/ontology#capacity-head-of-state> .") in triples
    assert (f"{base}RUS> {capacity} "
            "<https://w3id.org/postsoviet-kg/ontology#capacity-envoy> .") in triples


def test_capacity_is_refused_on_an_absentee(minimal_data):
    edit_csv(minimal_data / "participations.csv", "RUS,RUS,,absent,,", "RUS,RUS,,absent,envoy,")
    assert problems_of(minimal_data) == [
        f"{minimal_data / 'participations.csv'}:3: capacity given for an absent row: it is "
        "for those who attended or hosted; leave it empty"]


def test_an_event_cannot_be_part_of_itself(minimal_data):
    edit_csv(minimal_data / "events.csv", "astana,,CIS,,,,,", f"astana,,CIS,,,,{EVENT},")
    assert problems_of(minimal_data) == [
        f"{minimal_data / 'events.csv'}:2: event {EVENT} links to itself (part_of/led_to)"]


def test_a_dated_name_is_a_searchable_alias_with_its_dates(minimal_data, tmp_path):
    append(minimal_data / "names.csv",
           "astana,en,Nur-Sultan,2019-03-23,2022-09-17,enwiki-presidents-kaz,")
    build(minimal_data, ROOT / "ontology", tmp_path)
    import kg

    g = kg.load(tmp_path / "postsoviet-kg.nt")
    assert g.entity("Nur-Sultan").id == "astana"
    rows = g.query("""SELECT ?name ?start ?end WHERE {
        ?place psk:historicalName ?n . ?n rdfs:label ?name ;
        schema:startDate ?start ; schema:endDate ?end }""", place=g.entity("astana"))
    assert [(r["name"], str(r["start"]), str(r["end"])) for r in rows] == [
        ("Nur-Sultan", "2019-03-23", "2022-09-17")]


def test_a_dated_name_must_end_after_it_starts(minimal_data):
    line = append(minimal_data / "names.csv",
                  "astana,en,Nur-Sultan,2022-09-17,2019-03-23,enwiki-presidents-kaz,")
    assert problems_of(minimal_data) == [
        f"{minimal_data / 'names.csv'}:{line}: end before start: end 2019-03-23 is not after "
        "start 2022-09-17"]


ELECTION = ("2019-06-09-kazakh-presidential-election,election,Kazakh presidential election (2019),"
            "Президентские выборы в Казахстане (2019),2019年哈萨克斯坦总统选举,"
            "2019-06-09,2019-06-09,,,,,,,,,enwiki-presidents-kaz,fixture only")


def test_an_elections_winner_need_not_hold_office_yet_but_an_attendee_must(minimal_data,
                                                                            tmp_path):
    append(minimal_data / "events.csv", ELECTION)
    append(minimal_data / "participations.csv", "2019-06-09-kazakh-presidential-election,"
           "nursultan-nazarbayev,KAZ,,subject,,,,enwiki-presidents-kaz,fixture only")
    edit_csv(minimal_data / "tenures.csv", "kassym-jomart-tokayev,president-of-kazakhstan,"
             "2019-03-20,,,,", "kassym-jomart-tokayev,president-of-kazakhstan,2019-03-20,,,"
             "2019-06-09-kazakh-presidential-election,")
    build(minimal_data, ROOT / "ontology", tmp_path)  # out of office in 2019: still valid
    triples = (tmp_path / "postsoviet-kg.nt").read_text(encoding="utf-8")
    assert ("<https://w3id.org/postsoviet-kg/ontology#beganWith> "
            "<https://w3id.org/postsoviet-kg/event/2019-06-09-kazakh-presidential-election> .") \
        in triples
    edit_csv(minimal_data / "participations.csv", "nursultan-nazarbayev,KAZ,,subject,",
             "nursultan-nazarbayev,KAZ,,attendee,")
    assert any("nursultan-nazarbayev held no post of KAZ on 2019-06-09" in p
               for p in problems_of(minimal_data))
