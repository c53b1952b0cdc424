"""Requests that used to return a wrong or empty answer with no warning (issue 7)."""

from datetime import date, datetime

import pytest

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
