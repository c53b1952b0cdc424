"""The build: deterministic output, and bad input refused with file:line, writing nothing."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

import kg
from kg.build import DataError, build, check
from kg.cli import main
from tests.conftest import FIXTURE, ROOT, edit_csv


def test_fixture_builds_with_every_artifact(tmp_path):
    report = build(FIXTURE, ROOT / "ontology", tmp_path)
    assert sorted(p.name for p in report.written) == [
        "postsoviet-kg.jsonld", "postsoviet-kg.nt", "postsoviet-kg.ttl", "stats.json"]
    assert report.stats["counts"]["tenures"] == 2
    assert report.stats["facts_without_source"] == 0
    assert report.stats["flagged_unverified"] == 0
    lines = (tmp_path / "postsoviet-kg.nt").read_text(encoding="utf-8").splitlines()
    assert lines == sorted(lines)


def test_a_note_beginning_unverified_flags_the_fact(minimal_data, tmp_path):
    edit_csv(minimal_data / "tenures.csv", "2019-03-20,,,,enwiki-presidents-kaz,",
             "2019-03-20,,,,enwiki-presidents-kaz,UNVERIFIED after 2026: a test note")
    report = build(minimal_data, ROOT / "ontology", tmp_path)
    assert report.stats["flagged_unverified"] == 1
    triples = (tmp_path / "postsoviet-kg.nt").read_text(encoding="utf-8")
    assert ("<https://w3id.org/postsoviet-kg/tenure/kassym-jomart-tokayev-president-of-kazakhstan-"
            "2019-03-20> <https://w3id.org/postsoviet-kg/ontology#unverified> "
            '"true"^^<http://www.w3.org/2001/XMLSchema#boolean>') in triples


def test_build_is_byte_identical_across_processes(tmp_path):
    """Python's string hashing differs per process; the artifacts must not."""
    outputs = []
    for seed in ("1", "2"):
        out = tmp_path / seed
        env = {**os.environ, "PYTHONHASHSEED": seed}
        subprocess.run([sys.executable, "-m", "kg.cli", "build", "--data", str(FIXTURE),
                        "--ontology", str(ROOT / "ontology"), "--out", str(out)],
                       check=True, env=env, capture_output=True)
        outputs.append({p.name: p.read_bytes() for p in sorted(out.iterdir())})
    assert outputs[0] == outputs[1]
    assert len(outputs[0]) == 5  # .nt .ttl .jsonld stats.json, and the page (kg.viz)


def problems_of(data: Path) -> list[str]:
    with pytest.raises(DataError) as caught:
        check(data, ROOT / "ontology")
    return [str(p) for p in caught.value.problems]


def _loc(data: Path, name: str) -> str:
    return str(data / name)


def test_bad_date(minimal_data):
    edit_csv(minimal_data / "memberships.csv", "KAZ,CIS,member,yes,1991-12-21",
             "KAZ,CIS,member,yes,1991-12-32")
    assert problems_of(minimal_data) == [
        f"{_loc(minimal_data, 'memberships.csv')}:2: start: bad date '1991-12-32': "
        "day is out of range for month"]


def test_unknown_state_id_suggests_near_match(minimal_data):
    edit_csv(minimal_data / "memberships.csv", "KAZ,CIS,member,yes", "KAX,CIS,member,yes")
    assert problems_of(minimal_data) == [
        f"{_loc(minimal_data, 'memberships.csv')}:2: unknown state id 'KAX' (did you mean KAZ?)"]


def test_end_before_start(minimal_data):
    edit_csv(minimal_data / "tenures.csv", "1990-04-24,2019-03-20", "1990-04-24,1989-03-20")
    assert problems_of(minimal_data) == [
        f"{_loc(minimal_data, 'tenures.csv')}:2: end before start: end 1989-03-20 is not after "
        "start 1990-04-24"]


def test_missing_source(minimal_data):
    edit_csv(minimal_data / "posts.csv", "head-of-state,,enwiki-presidents-kaz", "head-of-state,,")
    assert problems_of(minimal_data) == [
        f"{_loc(minimal_data, 'posts.csv')}:2: missing source: column 'sources' must not be empty"]


def test_duplicate_id(minimal_data):
    with (minimal_data / "places.csv").open("a", encoding="utf-8") as handle:
        handle.write("Astana,Astana,Астана,阿斯塔纳,,KAZ,,,,,enwiki-presidents-kaz\n")
    assert problems_of(minimal_data) == [
        f"{_loc(minimal_data, 'places.csv')}:4: id: bad id 'Astana': must match "
        "^[a-z0-9]+(-[a-z0-9]+)*$"]
    edit_csv(minimal_data / "places.csv", "Astana,Astana", "astana,Astana")
    assert problems_of(minimal_data) == [
        f"{_loc(minimal_data, 'places.csv')}:4: duplicate id 'astana': already defined at "
        f"{_loc(minimal_data, 'places.csv')}:2"]


def test_overlapping_tenures_of_a_single_holder_post(minimal_data):
    edit_csv(minimal_data / "tenures.csv", "president-of-kazakhstan,2019-03-20,,",
             "president-of-kazakhstan,2019-03-19,,")
    assert problems_of(minimal_data) == [
        f"{_loc(minimal_data, 'tenures.csv')}:3: overlapping tenures of single-holder post "
        f"president-of-kazakhstan: overlaps the row at {_loc(minimal_data, 'tenures.csv')}:2"]


def test_shacl_violation_is_located_at_its_row(minimal_data):
    with (minimal_data / "states.csv").open("a", encoding="utf-8") as handle:
        handle.write("XAB,partially-recognized,Abkhazia,Абхазия,阿布哈兹,,,,astana,1999-10-12,,ab,,,"
                     "enwiki-presidents-kaz,\n")
    problems = problems_of(minimal_data)
    assert len(problems) == 1
    assert problems[0].startswith(f"{_loc(minimal_data, 'states.csv')}:4: SHACL violation on "
                                  "psk:iso3166Alpha2: an ISO 3166-1 alpha-2 code is two capital")


def test_current_state_needs_capital_and_independence_or_a_reason(minimal_data):
    edit_csv(minimal_data / "states.csv", "astana,1991-12-16,,KZ,,,enwiki-presidents-kaz,",
             ",,,KZ,,,enwiki-presidents-kaz,")
    states = _loc(minimal_data, "states.csv")
    assert problems_of(minimal_data) == [
        f"{states}:2: KAZ has no capital",
        f"{states}:2: KAZ has no independence date and its note does not say "
        "'No independence date' (and why)"]
    edit_csv(minimal_data / "states.csv", ",,,KZ,,,enwiki-presidents-kaz,",
             "astana,,,KZ,,,enwiki-presidents-kaz,No independence date: a test of the rule.")
    check(minimal_data, ROOT / "ontology")


def test_language_codes_are_iso_639_1_or_639_3_only_without_a_639_1(minimal_data):
    edit_csv(minimal_data / "people.csv", "Назарбаев,kk,", "Назарбаев,kaz,")
    assert problems_of(minimal_data) == [
        f"{_loc(minimal_data, 'people.csv')}:2: native_lang: bad language 'kaz': expected an "
        "ISO 639-1 code such as 'ru' (or ISO 639-3, such as 'cnr', for a language without one)"]
    edit_csv(minimal_data / "people.csv", "Назарбаев,kaz,", "Назарбаев,cnr,")
    check(minimal_data, ROOT / "ontology")


def test_a_source_cited_by_no_row_is_reported(minimal_data):
    with (minimal_data / "sources.csv").open("a", encoding="utf-8") as handle:
        handle.write("left-over,https://example.org/left-over,Left over,Example,2026-11-26\n")
    sources = _loc(minimal_data, "sources.csv")
    assert problems_of(minimal_data) == [f"{sources}:{_line_count(minimal_data / 'sources.csv')}:"
                                         " source 'left-over' is cited by no row"]
    edit_csv(minimal_data / "memberships.csv", "state,organization,", "state,org,")
    assert not any("cited by no row" in p for p in problems_of(minimal_data))


def _line_count(path: Path) -> int:
    return len(path.read_text(encoding="utf-8").splitlines())


def test_event_id_begins_with_its_start_as_precisely_as_known(minimal_data):
    edit_csv(minimal_data / "events.csv", "2022-10-14,2022-10-14,astana",
             "2022-10,2022-10-14,astana")
    assert problems_of(minimal_data) == [
        f"{_loc(minimal_data, 'events.csv')}:2: event id '2022-10-14-cis-summit-astana' must "
        "begin with its start date as written (2022-10-...)"]
    for name in ("events.csv", "participations.csv"):
        edit_csv(minimal_data / name, "2022-10-14-cis-summit-astana", "2022-10-cis-summit-astana",
                 every=True)
    check(minimal_data, ROOT / "ontology")


def test_every_problem_is_reported_at_once(minimal_data):
    edit_csv(minimal_data / "memberships.csv", "KAZ,CIS,member,yes,1991-12-21",
             "KAZ,CIS,membr,yes,1991-12-21")
    edit_csv(minimal_data / "people.csv", "1940-07-06", "1940-7-6")
    edit_csv(minimal_data / "participations.csv", "kassym-jomart-tokayev,KAZ",
             "kassym-jomart-tokayev,KZ")
    problems = problems_of(minimal_data)
    assert [p.split(": ", 1)[0] for p in problems] == [
        f"{_loc(minimal_data, 'memberships.csv')}:2",
        f"{_loc(minimal_data, 'participations.csv')}:2",
        f"{_loc(minimal_data, 'people.csv')}:2",
    ]


def test_wrong_header_is_reported_at_line_1(minimal_data):
    edit_csv(minimal_data / "events.csv", "id,kind,", "id,type,")
    problems = problems_of(minimal_data)
    assert problems == [f"{_loc(minimal_data, 'events.csv')}:1: header must be exactly: "
                        "id,kind,en,ru,zh,start,end,location,venue,organization,format,"
                        "composition,step,part_of,led_to,sources,note"]


def test_attendee_must_hold_office_on_the_day(minimal_data):
    edit_csv(minimal_data / "events.csv", "2022-10-14,2022-10-14,astana",
             "2018-10-14,2018-10-14,astana")
    edit_csv(minimal_data / "events.csv", "2022-10-14-cis", "2018-10-14-cis")
    for name in ("participations.csv",):
        path = minimal_data / name
        path.write_text(path.read_text().replace("2022-10-14-cis", "2018-10-14-cis"))
    problems = problems_of(minimal_data)
    assert problems == [f"{_loc(minimal_data, 'participations.csv')}:2: kassym-jomart-tokayev "
                        "held no post of KAZ on 2018-10-14 (no tenure covers the event's date)"]


def test_failed_build_writes_nothing_and_keeps_good_artifacts(minimal_data, tmp_path, capsys):
    out = tmp_path / "out"
    build(minimal_data, ROOT / "ontology", out)
    before = {p.name: p.read_bytes() for p in out.iterdir()}
    edit_csv(minimal_data / "memberships.csv", "1991-12-21", "1991-21-12")
    code = main(["build", "--data", str(minimal_data), "--ontology", str(ROOT / "ontology"),
                 "--out", str(out)])
    captured = capsys.readouterr()
    assert code == 1
    assert "memberships.csv:2: start: bad date '1991-21-12'" in captured.err
    assert "nothing was written" in captured.err
    assert {p.name: p.read_bytes() for p in out.iterdir()} == before


def test_failed_build_into_a_new_folder_creates_nothing(minimal_data, tmp_path):
    edit_csv(minimal_data / "memberships.csv", "1991-12-21", "1991-21-12")
    out = tmp_path / "never"
    with pytest.raises(DataError):
        build(minimal_data, ROOT / "ontology", out)
    assert not out.exists()


def test_missing_data_folder_is_a_clear_error(tmp_path, capsys):
    code = main(["validate", "--data", str(tmp_path / "nope")])
    assert code == 2
    assert "no data directory" in capsys.readouterr().err


def test_membership_outside_the_states_lifetime(minimal_data):
    edit_csv(minimal_data / "memberships.csv", "KAZ,CIS,member,yes,1991-12-21",
             "KAZ,CIS,member,yes,1991-12-10")
    assert problems_of(minimal_data) == [
        f"{_loc(minimal_data, 'memberships.csv')}:2: membership starts 1991-12-10, before KAZ's "
        "independence (1991-12-16)"]


def test_membership_outside_the_organizations_lifetime(minimal_data):
    edit_csv(minimal_data / "memberships.csv", "RUS,CIS,member,yes,1991-12-12,,1991-12-08",
             "RUS,CIS,member,yes,1991-12-12,,1991-12-08")
    edit_csv(minimal_data / "organizations.csv", "1991-12-08,,,moscow", "1991-12-15,,,moscow")
    assert problems_of(minimal_data) == [
        f"{_loc(minimal_data, 'memberships.csv')}:3: membership starts 1991-12-12, before CIS "
        "was founded (1991-12-15)"]


def test_two_heads_of_state_at_once_unless_acting(minimal_data):
    with (minimal_data / "posts.csv").open("a", encoding="utf-8") as handle:
        handle.write("chairman-of-kazakhstan,Chairman,Председатель,主席,KAZ,head-of-state,,"
                     "enwiki-presidents-kaz\n")
    with (minimal_data / "tenures.csv").open("a", encoding="utf-8") as handle:
        handle.write("kassym-jomart-tokayev,chairman-of-kazakhstan,2019-01-01,2019-03-01,,,"
                     "enwiki-presidents-kaz,\n")
    assert problems_of(minimal_data) == [
        f"{_loc(minimal_data, 'tenures.csv')}:4: two heads of state of KAZ at once: overlaps "
        f"the row at {_loc(minimal_data, 'tenures.csv')}:2 (mark one acting if so)"]
    edit_csv(minimal_data / "tenures.csv", "2019-01-01,2019-03-01,,,",
             "2019-01-01,2019-03-01,yes,,")
    check(minimal_data, ROOT / "ontology")  # an acting holder is allowed to overlap


def test_only_an_ongoing_kind_of_event_may_leave_its_end_empty(minimal_data):
    """An empty end means 'still going on': a summit cannot be, a conflict can."""
    edit_csv(minimal_data / "events.csv", "2022-10-14,2022-10-14,astana", "2022-10-14,,astana")
    assert problems_of(minimal_data) == [
        f"{_loc(minimal_data, 'events.csv')}:2: end: missing; an empty end means 'still going "
        "on', which a summit cannot be (only armed-conflict, unrest, deployment); a one-day "
        "event repeats its start (2022-10-14) as its end"]
    edit_csv(minimal_data / "events.csv", ",summit,", ",armed-conflict,")
    # a conflict has belligerents, not hosts, attendees or absentees
    edit_csv(minimal_data / "participations.csv", ",host,", ",belligerent,")
    edit_csv(minimal_data / "participations.csv", ",absent,", ",belligerent,")
    check(minimal_data, ROOT / "ontology")


def test_a_placeholder_source_title_or_missing_read_day_is_an_error(minimal_data):
    sources = minimal_data / "sources.csv"
    lines = sources.read_text(encoding="utf-8").splitlines()
    ident, url, _title, publisher, _accessed = lines[1].split(",")
    lines[1] = ",".join([ident, url, "TODO", publisher, ""])
    sources.write_text("\n".join(lines) + "\n", encoding="utf-8")
    assert problems_of(minimal_data) == [
        f"{_loc(minimal_data, 'sources.csv')}:2: accessed: missing; write the day the page "
        "was read",
        f"{_loc(minimal_data, 'sources.csv')}:2: title: 'TODO' is a placeholder; write the "
        "page's own title"]


def test_crosswalk_cells_are_checked(minimal_data):
    edit_csv(minimal_data / "places.csv", "KAZ,,,,,enwiki", "KAZ,91.2,71.4,159,,enwiki")
    places = _loc(minimal_data, "places.csv")
    assert problems_of(minimal_data) == [
        f"{places}:2: lat: bad latitude '91.2': must be between -90 and 90",
        f"{places}:2: wikidata: bad Wikidata id '159': expected Q followed by digits, e.g. Q159"]
    edit_csv(minimal_data / "places.csv", "KAZ,91.2,71.4,159,,enwiki",
             "KAZ,51.1,71.4,Q1520,,enwiki")
    check(minimal_data, ROOT / "ontology")


# --- issue 13: roles, chairmanships, documents, officials, venues -------------------------

def _append(path: Path, line: str) -> int:
    """Append a row; return its line number."""
    text = path.read_text(encoding="utf-8")
    path.write_text(text + line + "\n", encoding="utf-8")
    return len(text.splitlines()) + 1


def test_a_role_must_be_valid_for_its_kind_of_event(minimal_data, tmp_path):
    edit_csv(minimal_data / "participations.csv", ",host,", ",belligerent,")
    assert problems_of(minimal_data) == [
        f"{_loc(minimal_data, 'participations.csv')}:2: role 'belligerent' is not valid for a "
        "summit (event 2022-10-14-cis-summit-astana); use one of host, attendee, absent, guest, "
        "observer, official"]
    with pytest.raises(DataError):
        build(minimal_data, ROOT / "ontology", tmp_path / "out")
    assert not (tmp_path / "out").exists()


def test_an_absentee_has_no_attendance(minimal_data):
    edit_csv(minimal_data / "participations.csv", ",absent,,,", ",absent,,video,")
    assert problems_of(minimal_data) == [
        f"{_loc(minimal_data, 'participations.csv')}:3: attendance 'video' given for an "
        "absentee: leave it empty"]


CHAIR = "CIS,KAZ,2022,2023,,enwiki-presidents-kaz,"
DOCUMENT = ("astana-declaration,declaration,Astana declaration,Астанинская декларация,阿斯塔纳宣言,"
            "2022-10-14,2022-10-14-cis-summit-astana,CIS,KAZ,,enwiki-presidents-kaz,")


def test_the_new_tables_build(minimal_data, tmp_path):
    _append(minimal_data / "chairmanships.csv", CHAIR)
    _append(minimal_data / "documents.csv", DOCUMENT)
    edit_csv(minimal_data / "events.csv", "astana,,CIS,,", "astana,,CIS,regular,")
    assert "astana,,CIS,regular,," in (minimal_data / "events.csv").read_text(encoding="utf-8")
    report = build(minimal_data, ROOT / "ontology", tmp_path)
    assert (report.stats["counts"]["chairmanships"], report.stats["counts"]["documents"]) == (1, 1)
    g = kg.load(tmp_path)
    assert g.chair("CIS", at="2022-10-14").id == "KAZ" and g.chair("CIS", at="2023-01-01") is None
    (document,) = g.documents(event="2022-10-14-cis-summit-astana")
    assert [s.id for s in document.signatories] == ["KAZ"] and document.refused == ()
    assert g.event("2022-10-14-cis-summit-astana").format == "regular"


def test_chairmanships_of_one_body_do_not_overlap_and_the_chair_is_a_member(minimal_data):
    path = minimal_data / "chairmanships.csv"
    _append(path, CHAIR)
    overlap = _append(path, "CIS,RUS,2022-06,2023,,enwiki-presidents-kaz,")
    early = _append(path, "CIS,RUS,1991,1992,,enwiki-presidents-kaz,")
    loc = _loc(minimal_data, "chairmanships.csv")
    assert problems_of(minimal_data) == [
        f"{loc}:{overlap}: overlapping chairmanships of CIS: overlaps the row at {loc}:2",
        f"{loc}:{early}: RUS was not a member of CIS for all of its chairmanship (1991..1992): "
        "no membership covers 1991-01-01"]


def test_a_chairmanship_decided_after_it_began_is_refused(minimal_data):
    _append(minimal_data / "chairmanships.csv", CHAIR)
    edit_csv(minimal_data / "chairmanships.csv", "CIS,KAZ,2022,2023,,",
             "CIS,KAZ,2022,2023,2022-10-14-cis-summit-astana,")
    assert problems_of(minimal_data) == [
        f"{_loc(minimal_data, 'chairmanships.csv')}:2: decision '2022-10-14-cis-summit-astana' "
        "is dated after the chairmanship began (2022)"]


def test_a_documents_signatories_and_refusers_attended_its_event(minimal_data):
    _append(minimal_data / "documents.csv", DOCUMENT)
    edit_csv(minimal_data / "documents.csv", ",CIS,KAZ,,", ",CIS,KAZ;RUS,KAZ,")
    loc = _loc(minimal_data, "documents.csv")
    assert problems_of(minimal_data) == [
        f"{loc}:2: KAZ is both a signatory and refused to sign",
        f"{loc}:2: signatories: RUS did not attend 2022-10-14-cis-summit-astana (no host or "
        "attendee row represents it there)"]


def test_an_official_represents_an_organization_whose_post_they_hold(minimal_data):
    line = _append(minimal_data / "participations.csv",
                   "2022-10-14-cis-summit-astana,nursultan-nazarbayev,,CIS,official,,,,"
                   "enwiki-presidents-kaz,")
    assert problems_of(minimal_data) == [
        f"{_loc(minimal_data, 'participations.csv')}:{line}: nursultan-nazarbayev held no post "
        "of CIS (or of its organs) on 2022-10-14 (no tenure covers the event's date)"]


def test_a_venue_lies_within_the_events_city(minimal_data):
    _append(minimal_data / "places.csv",
            "palace,Palace,Дворец,宫,,RUS,,,,moscow,enwiki-presidents-kaz")
    edit_csv(minimal_data / "events.csv", "astana,,CIS", "astana,palace,CIS")
    assert problems_of(minimal_data) == [
        f"{_loc(minimal_data, 'events.csv')}:2: venue 'palace' lies within 'moscow', not the "
        "event's location 'astana'"]
    edit_csv(minimal_data / "events.csv", "astana,palace,CIS", "astana,moscow,CIS")
    assert problems_of(minimal_data) == [
        f"{_loc(minimal_data, 'events.csv')}:2: venue 'moscow' is a city; put the city in "
        "location and the palace or hall (a place with 'within') in venue"]


def test_a_participant_joins_only_a_session_its_meeting_had(minimal_data):
    edit_csv(minimal_data / "participations.csv", ",host,,,,", ",host,,,extended,")
    assert problems_of(minimal_data) == [
        f"{_loc(minimal_data, 'participations.csv')}:2: composition 'extended': event "
        "2022-10-14-cis-summit-astana lists no extended session; add it to the event's "
        "composition"]
    edit_csv(minimal_data / "events.csv", "astana,,CIS,,,", "astana,,CIS,,narrow;narrow,")
    assert problems_of(minimal_data)[0].endswith(
        "events.csv:2: composition: bad value 'narrow;narrow': expected one or more of "
        "narrow, extended, separated by ';', each once")
    edit_csv(minimal_data / "events.csv", "narrow;narrow", "narrow;extended")
    check(minimal_data, ROOT / "ontology")
