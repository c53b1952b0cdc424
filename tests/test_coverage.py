"""Meeting coverage (kg.coverage, `kg coverage`, `kg stats`) and the share of facts resting on
more than Wikipedia and its copies (kg.mirrors)."""

import doctest
import json

import pytest

import kg
import kg.coverage
import kg.mirrors
from kg.build import build
from kg.cli import main
from kg.coverage import coverage_markdown, meeting_coverage, meeting_records
from kg.mirrors import is_mirror
from kg.stats import compute_stats
from tests.conftest import ROOT, edit_csv

EVENT = "2022-10-14-cis-summit-astana"


@pytest.fixture
def built(minimal_data, tmp_path):
    def _build():
        out = tmp_path / "out"
        build(minimal_data, ROOT / "ontology", out)
        return kg.load(out / "postsoviet-kg.nt")
    return _build


def test_a_meeting_with_a_row_for_every_member_is_complete(built):
    records = meeting_records(built())
    assert [(r.event, r.expected, r.missing, r.complete) for r in records] == [
        (EVENT, ("KAZ", "RUS"), (), True)]
    assert [(r.organization, r.decade, r.meetings, r.complete)
            for r in meeting_coverage(built())] == [("CIS", "2020s", 1, 1)]


def test_a_member_without_a_row_is_a_gap(minimal_data, built):
    path = minimal_data / "participations.csv"
    path.write_text("".join(line for line in path.read_text(encoding="utf-8")
                            .splitlines(keepends=True) if ",RUS,RUS," not in line),
                    encoding="utf-8")
    graph = built()
    assert [(r.missing, r.complete) for r in meeting_records(graph)] == [(("RUS",), False)]
    assert [(r.meetings, r.complete, r.share) for r in meeting_coverage(graph)] == [(1, 0, 0.0)]
    assert f"- `{EVENT}`: RUS" in coverage_markdown(graph)


def test_an_observer_is_not_expected(minimal_data, built):
    edit_csv(minimal_data / "memberships.csv", "RUS,CIS,member,", "RUS,CIS,observer,")
    edit_csv(minimal_data / "participations.csv", "RUS,RUS,,absent,", "RUS,RUS,,observer,")
    assert [(r.expected, r.missing) for r in meeting_records(built())] == [(("KAZ",), ())]


def test_the_shipped_coverage_doc_is_current():
    assert (ROOT / "docs" / "coverage.md").read_text(encoding="utf-8").endswith(
        coverage_markdown(kg.load())), (
        "docs/coverage.md is stale: run `python tools/coverage_doc.py`")


def test_kg_coverage_cli_lists_gaps_and_the_table(capsys):
    assert main(["coverage", "--format", "json"]) == 0
    rows = json.loads(capsys.readouterr().out)
    assert {"organization", "decade", "meetings", "complete", "share"} <= set(rows[0])
    assert all(r["complete"] <= r["meetings"] for r in rows)
    assert main(["coverage", "--gaps", "--format", "json"]) == 0
    gaps = json.loads(capsys.readouterr().out)
    assert all(g["missing"] for g in gaps)


def test_stats_report_coverage_and_the_share_beyond_mirrors(capsys):
    assert main(["stats", "--format", "json"]) == 0
    stats = json.loads(capsys.readouterr().out)
    assert 0 < stats["facts_beyond_mirrors"] <= stats["facts_sourced"]
    assert sum(r["meetings"] for r in stats["meeting_coverage"]) == len(
        kg.load().events(kind="summit"))


def test_mirrors_are_wikipedia_and_its_copies():
    assert is_mirror("https://zh.wikipedia.org/wiki/独联体")
    assert is_mirror("https://kiwix.lema.org/x", "Emomali Rahmon", "en.wikipedia (kiwix mirror)")
    assert is_mirror("https://example.org/a", "Abkhazia (copy of en.wikipedia)", "example.org")
    assert not is_mirror("https://en.m.wikisource.org/wiki/Independence_Act_of_Ukraine",
                         "Independence Act of Ukraine", "Wikisource")
    assert not is_mirror("http://en.kremlin.ru/events/president/news/1", "CIS summit", "Kremlin")
    assert not is_mirror("https://armeniandiaspora.com/x", "Moldova foreign min announces",
                         "ITAR-TASS via armeniandiaspora.com")


def test_a_fact_citing_only_a_mirror_is_not_beyond_mirrors(minimal_data, tmp_path):
    sources = minimal_data / "sources.csv"
    wikipedia = sources.read_text(encoding="utf-8").splitlines()[1]
    official = ("enwiki-presidents-kaz,https://www.akorda.kz/en/presidents,Presidents of "
                "Kazakhstan,Akorda,2026-11-26")
    edit_csv(sources, wikipedia, official)
    build(minimal_data, ROOT / "ontology", tmp_path / "a")
    before = compute_stats(kg.load(tmp_path / "a" / "postsoviet-kg.nt").store)
    edit_csv(sources, official, wikipedia)
    build(minimal_data, ROOT / "ontology", tmp_path / "b")
    after = compute_stats(kg.load(tmp_path / "b" / "postsoviet-kg.nt").store)
    assert before["facts_beyond_mirrors"] == before["facts_sourced"] == after["facts_sourced"]
    assert before["facts_sourced"] > 0 and after["facts_beyond_mirrors"] == 0


@pytest.mark.parametrize("module", [kg.coverage, kg.mirrors])
def test_docstring_examples(module):
    result = doctest.testmod(module)
    assert result.failed == 0 and result.attempted > 0
