"""Tidy tables for pandas and the CLI commands over them (issue 7)."""

import csv
import io
import json
from datetime import date

import pandas as pd
import pytest

from kg.cli import main
from kg.frames import COLUMNS, records


def test_memberships_frame_has_real_dates_a_precision_and_one_null(graph):
    frame = graph.to_frame("memberships", state="GEO")
    assert list(frame.columns) == list(COLUMNS["memberships"])
    cis = frame[frame.organization == "CIS"].iloc[0]
    assert cis.start == pd.Timestamp("1993-12-03") and cis.end == pd.Timestamp("2009-08-18")
    assert str(frame.start.dtype).startswith("datetime64")
    assert cis.start_precision == "day"
    open_ended = frame[frame.organization == "BSEC"].iloc[0]
    assert open_ended.end is pd.NaT and open_ended.end_precision is pd.NA
    assert cis.sources.split(";")[0] in graph._sources_by_id


def test_a_month_precise_date_keeps_its_precision(graph):
    frame = graph.to_frame("events", kind="accession")
    georgia = frame[frame.event == "1993-12-georgia-joins-cis"].iloc[0]
    assert (georgia.start, georgia.start_precision) == (pd.Timestamp("1993-12-01"), "month")


def test_the_ongoing_flag_and_missing_end_agree(graph):
    frame = graph.to_frame("events")
    assert (frame.ongoing == frame.end.isna()).all()
    assert frame[frame.ongoing].event.tolist() == ["2022-02-24-russian-invasion-of-ukraine"]


def test_state_year_panel_matches_the_memberships_on_31_december(graph):
    panel = graph.to_frame("state-year", organization="CIS")
    georgia = panel[panel.state == "GEO"].set_index("year")
    assert georgia.loc[1993, "status"] == "member"   # joined 3 December 1993
    assert georgia.loc[2008, "status"] == "member"
    assert georgia.loc[2009, "status"] is pd.NA and georgia.loc[2009, "cow_status"] == 0
    ukraine = panel[panel.state == "UKR"].set_index("year")
    assert ukraine.loc[2010, "status"] == "participant" and ukraine.loc[2010, "cow_status"] == 0
    turkmenistan = panel[panel.state == "TKM"].set_index("year")
    assert turkmenistan.loc[2010, ["status", "cow_status"]].tolist() == ["associate", 2]
    for year in (1995, 2005, 2015):
        members = set(panel[(panel.year == year) & (panel.cow_status == 1)].state)
        expected = {s.id for s in graph.members("CIS", at=date(year, 12, 31))}
        assert members == expected


def test_every_table_has_its_columns(graph):
    for table, columns in COLUMNS.items():
        rows = records(graph, table)
        assert rows, table
        assert all(list(row) == list(columns) for row in rows), table


def test_an_unknown_table_or_filter_is_an_error(graph):
    with pytest.raises(ValueError, match="unknown table 'member': expected one of memberships"):
        records(graph, "member")
    with pytest.raises(ValueError, match="table 'sources' cannot be filtered that way"):
        records(graph, "sources", state="GEO")


@pytest.mark.parametrize("fmt", ["csv", "json"])
def test_cli_events_in_each_format_have_the_same_columns_and_nulls(capsys, fmt):
    assert main(["events", "--kind", "armed-conflict", "--from", "2024-06-01", "--to",
                 "2024-06-30", "--format", fmt]) == 0
    out = capsys.readouterr().out
    if fmt == "csv":
        rows = list(csv.DictReader(io.StringIO(out)))
        assert rows[0]["end"] == "" and rows[0]["ongoing"] == "true"
    else:
        rows = json.loads(out)
        assert rows[0]["end"] is None and rows[0]["ongoing"] is True
    assert list(rows[0]) == list(COLUMNS["events"])
    assert rows[0]["event"] == "2022-02-24-russian-invasion-of-ukraine"


def test_cli_tables_shorten_long_cells_and_csv_keeps_them_whole(capsys):
    assert main(["participants", "2022-12-26-cis-informal-summit"]) == 0
    table = capsys.readouterr().out
    assert "…" in table and max(len(c.strip()) for line in table.splitlines()
                                for c in line.split("  ")) <= 60
    assert main(["participants", "2022-12-26-cis-informal-summit", "--format", "csv"]) == 0
    rows = list(csv.DictReader(io.StringIO(capsys.readouterr().out)))
    assert len(rows) == 10 and rows[0]["role"] == "host"
    assert max(len(r["sources"]) for r in rows) > 60


def test_cli_office_holders_tenures_and_sources(capsys):
    assert main(["office-holders", "president-of-kazakhstan", "--at", "2022-12-27",
                 "--format", "csv"]) == 0
    rows = list(csv.DictReader(io.StringIO(capsys.readouterr().out)))
    assert [r["person"] for r in rows] == ["kassym-jomart-tokayev"]
    assert main(["tenures", "--person", "Nazarbayev", "--format", "json"]) == 0
    assert json.loads(capsys.readouterr().out)[0]["post"] == "president-of-kazakhstan"
    assert main(["sources", "kyiv", "--format", "csv"]) == 0
    rows = list(csv.DictReader(io.StringIO(capsys.readouterr().out)))
    assert "https://www.dw.com/en/kyiv/t-19162358" in [r["url"] for r in rows]
    assert main(["tenures"]) == 2


def test_kg_show_resolves_a_source_id_from_an_export(capsys):
    assert main(["show", "dw-kyiv-or-kiev", "--format", "json"]) == 0
    assert json.loads(capsys.readouterr().out) == {
        "id": "dw-kyiv-or-kiev", "type": "source", "url": "https://www.dw.com/en/kyiv/t-19162358",
        "title": "Kyiv", "publisher": "Deutsche Welle", "accessed": "2026-12-03"}


def test_export_writes_every_table_and_round_trips_through_pandas(graph, tmp_path, capsys):
    assert main(["export", "--out", str(tmp_path / "tables")]) == 0
    written = sorted(p.name for p in (tmp_path / "tables").iterdir())
    assert written == sorted(f"{t}.csv" for t in COLUMNS)
    frame = pd.read_csv(tmp_path / "tables" / "memberships.csv", parse_dates=["start", "end"])
    assert len(frame) == len(graph.memberships())
    assert frame.end.isna().sum() == sum(m.end is None for m in graph.memberships())
    assert "wrote" in capsys.readouterr().out


def test_export_to_a_file_path_is_refused_and_writes_nothing(tmp_path, capsys):
    target = tmp_path / "taken"
    target.write_text("keep me", encoding="utf-8")
    assert main(["export", "--out", str(target)]) == 2
    assert target.read_text(encoding="utf-8") == "keep me"
    assert "is not a folder" in capsys.readouterr().err
