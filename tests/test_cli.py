"""The CLI, through its entry point, and once as a real process."""

import csv
import io
import json
import re
import subprocess
import sys

from kg.cli import main


def run(capsys, *argv):
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_members_table(capsys):
    code, out, _ = run(capsys, "members", "CSTO", "--at", "2010-01-01")
    assert code == 0
    assert "Uzbekistan (UZB)" in out and "(7 rows)" in out


def test_members_csv_with_status_any(capsys):
    code, out, _ = run(capsys, "members", "集安组织", "--at", "2025-01-01", "--status", "any",
                       "--format", "csv")
    rows = list(csv.DictReader(io.StringIO(out)))
    assert code == 0
    assert {(r["state"], r["status"]) for r in rows if r["state"] in ("ARM", "UZB")} == {
        ("ARM", "frozen"), ("UZB", "suspended")}


def test_named_query_json_with_param(capsys):
    code, out, _ = run(capsys, "query", "founding-members", "--param", "org=EAEU",
                       "--format", "json")
    assert code == 0
    assert json.loads(out) == [{"state": "BLR"}, {"state": "KAZ"}, {"state": "RUS"}]


def test_inline_query_and_rq_file(capsys, tmp_path):
    text = "SELECT ?id WHERE { ?s a psk:FormerState ; dcterms:identifier ?id }"
    code, out, _ = run(capsys, "query", text, "--format", "csv")
    assert (code, out) == (0, "id\nSUN\n")
    path = tmp_path / "former.rq"
    path.write_text(text, encoding="utf-8")
    code, out, _ = run(capsys, "query", str(path), "--format", "csv", "--engine", "rdflib")
    assert (code, out) == (0, "id\nSUN\n")


def test_bad_inline_query_prints_position_and_fails(capsys):
    code, out, err = run(capsys, "query", "SELECT ?x WHERE { ?x ?y }")
    assert code == 1 and out == ""
    assert "SPARQL syntax error" in err and "line 1, column" in err


def test_bad_rq_file_fails_without_traceback(tmp_path):
    path = tmp_path / "broken.rq"
    path.write_text("SELECT ?x WHERE {\n  ?x psk:status \n}\n", encoding="utf-8")
    result = subprocess.run([sys.executable, "-m", "kg.cli", "query", str(path)],
                            capture_output=True, text=True)
    assert result.returncode == 1
    assert "SPARQL syntax error" in result.stderr and "line 3" in result.stderr
    assert "Traceback" not in result.stderr


def test_unknown_query_name_suggests(capsys):
    code, _, err = run(capsys, "query", "members-at-date")
    assert code == 2 and "did you mean members-at" in err


def test_unknown_entity_suggests(capsys):
    code, _, err = run(capsys, "show", "Kazakstan")
    assert code == 2 and "no entity 'Kazakstan'; did you mean" in err and "KAZ" in err


def test_show(capsys):
    code, out, _ = run(capsys, "show", "独联体")
    assert code == 0
    assert out.startswith("Commonwealth of Independent States [organization CIS]")
    assert "headquarters: Minsk (minsk)" in out
    assert "working language: ru" in out


def test_stats(capsys):
    code, out, _ = run(capsys, "stats", "--format", "json")
    stats = json.loads(out)
    assert code == 0 and stats["facts_without_source"] == 0
    assert stats["counts"]["states"] >= 16 and stats["as_of"] == "2026-11-26"
    # 4: two earlier ones + two CSTO chairmanships of Russia whose handover day is unchecked
    assert stats["flagged_unverified"] == 4
    code, out, _ = run(capsys, "stats")
    assert "  unverified           4  (notes beginning UNVERIFIED)" in out.splitlines()


def test_head_of_state(capsys):
    code, out, _ = run(capsys, "head-of-state", "KAZ", "--at", "2022-12-27")
    assert (code, out) == (0, "Kassym-Jomart Tokayev (kassym-jomart-tokayev)\n")


def test_bad_date_is_a_clear_error(capsys):
    code, _, err = run(capsys, "members", "CIS", "--at", "2010-13-01")
    assert code == 2 and "bad date '2010-13-01'" in err


def test_queries_lists_every_named_query(capsys):
    code, out, _ = run(capsys, "queries", "--format", "csv")
    assert code == 0 and len(out.splitlines()) - 1 >= 15


def test_chairs_documents_and_the_new_participation_columns(capsys):
    code, out, _ = run(capsys, "chairs", "CIS", "--at", "2023-06-01", "--format", "csv")
    assert code == 0 and out.splitlines()[1].startswith("CIS,KGZ,2023,2024,")
    code, out, _ = run(capsys, "documents", "--event",
                       "2022-11-23-csto-collective-security-council", "--format", "json")
    assert code == 0 and {d["refused"] for d in json.loads(out)} == {"ARM"}
    code, out, _ = run(capsys, "participants", "2021-09-16-csto-collective-security-council",
                       "--format", "json")
    rows = {r["participant"]: r for r in json.loads(out)}
    assert rows["vladimir-putin"]["attendance"] == "video"
    assert rows["emomali-rahmon"]["attendance"] == "in-person"
    code, out, _ = run(capsys, "events", "--meeting-format", "informal", "--from", "2022-10-01",
                       "--to", "2022-10-31", "--format", "csv")
    assert out.splitlines()[1].startswith("2022-10-07-cis-informal-summit,")
    assert ",konstantinovsky-palace,CIS," in out


def test_show_lists_chairmanships_and_documents(capsys):
    _, out, _ = run(capsys, "show", "CSTO", "--format", "json")
    chairs = json.loads(out)["chairmanships"]
    assert {(c["state"], c["start"], c["end"]) for c in chairs} >= {
        ("ARM", "2021-09-16", "2022-11-23"), ("KGZ", "2018-11-08", "2019-11-28")}
    _, out, _ = run(capsys, "show", "2022-10-14-cis-council-of-heads-of-state")
    assert "cis-programme-against-terrorism-and-extremism-2023-2025" in out
    (lebedev,) = [line for line in out.splitlines() if line.startswith("Sergei Lebedev")]
    assert re.search(r"\(CIS\)\s+official\s", lebedev)


def test_a_reader_that_stops_early_gets_no_traceback():
    """`kg show CIS | head -1`: the pipe closes while kg still writes."""
    kg = subprocess.Popen([sys.executable, "-m", "kg.cli", "show", "CIS"],
                          stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    first = kg.stdout.readline()
    kg.stdout.close()  # what `head -1` does after its line
    stderr = kg.stderr.read().decode()
    kg.wait(timeout=60)
    assert first.startswith(b"Commonwealth of Independent States")
    assert "Traceback" not in stderr and "BrokenPipe" not in stderr
