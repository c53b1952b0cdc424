"""Centrality year by year, as a tidy table: one row per (year, measure, node).

Each year is the network on one day of that year (default 31 December, so that 1991 holds the
CIS of the Alma-Ata Protocol; co-attendance: the whole year), built from facts fetched once, so
a series costs one library call per kind of fact plus networkx's time, and gives exactly the
values of the single-date call :func:`kg.network.measures.centrality` on that day.
"""

from __future__ import annotations

import multiprocessing
import os
from collections.abc import Iterable
from concurrent.futures import ProcessPoolExecutor
from datetime import date
from typing import Any

from kg.network import build
from kg.network.measures import MEASURES, rank

COLUMNS = ("year", "date", "measure", "rank", "id", "label", "type", "value", "component",
           "note")


def _measures(measure: str | Iterable[str]) -> list[str]:
    if measure == "all":
        return list(MEASURES)
    return [measure] if isinstance(measure, str) else list(measure)


def centrality_series(g, measure: str | Iterable[str] = "degree",
                      network: str = "co-membership",
                      years: Iterable[int] = range(1991, 2027), organizations=None, *,
                      month_day: tuple[int, int] = (12, 31), whole_year: bool | None = None,
                      weighted: bool = False,
                      status_weighted: bool = False, by: str = "person",
                      node_type: str | None = None, as_frame: bool = False,
                      workers: int | None = None) -> Any:
    """Rows ``{year, date, measure, rank, id, label, type, value, component, note}`` for
    every year, measure (a name, a list, or ``"all"``; bipartite ones only for
    state-organization) and node present that year, ordered by year, then measure in the
    order given, then rank (value descending, ties by id). A year whose network is empty (before
    1991-12-08) has no row; a node absent that year has no row (never a 0). ``component`` is
    the connected component for eigenvector (else None) and ``note`` the ranking's note.
    Each year is the network on ``month_day`` (31 December), or with ``whole_year`` over the
    whole year (the default for co-attendance, whose summits last a day or two); ``date`` is
    then ``YYYY-01-01/YYYY-12-31``. With ``as_frame=True``, a pandas DataFrame (pandas is
    optional). The yearly networks are built here; networkx's measures run on ``workers``
    processes (default: one per CPU; 1 runs them all in this process), which gives the same
    values, in the same order.

    >>> import kg
    >>> rows = centrality_series(kg.load(), "degree", "state-organization", years=[1995],
    ...                          organizations=["CIS"], node_type="state")
    >>> rows[0]["year"], rows[0]["id"], rows[0]["value"], len(rows)
    (1995, 'ARM', 1.0, 12)
    """
    measures = _measures(measure)
    if whole_year is None:
        whole_year = network == "co-attendance"
    snapshots = []
    for year in years:
        day = date(year, *month_day)
        span = {"period": (date(year, 1, 1), date(year, 12, 31))} if whole_year else {"at": day}
        when = f"{year}-01-01/{year}-12-31" if whole_year else day.isoformat()
        G = build.network(g, network, **span, organizations=organizations,
                          status_weighted=status_weighted, by=by)
        snapshots.append((year, when, G))
    jobs = [(G, measures, weighted, node_type) for _, _, G in snapshots]
    rows: list[dict[str, Any]] = []
    for (year, when, _), rankings in zip(snapshots, _rank_all(jobs, workers), strict=True):
        for name, ranking in zip(measures, rankings, strict=True):
            for position, score in enumerate(ranking, 1):
                rows.append({"year": year, "date": when, "measure": name,
                             "rank": position, "id": score.id, "label": score.label,
                             "type": ranking.types[score.id], "value": score.value,
                             "component": ranking.components.get(score.id),
                             "note": ranking.note})
    if as_frame:
        import pandas as pd

        return pd.DataFrame(rows, columns=list(COLUMNS))
    return rows


def _rank_year(job: tuple) -> list:
    G, measures, weighted, node_type = job
    return [rank(G, name, weighted, node_type) for name in measures]


def _rank_all(jobs: list[tuple], workers: int | None) -> list[list]:
    """Each year's rankings, in the years' order: on a pool of forked processes when there is
    more than one CPU to use and more than one year (networkx's measures are pure Python, so
    threads would not run them at once), else here."""
    workers = workers or os.cpu_count() or 1
    if workers < 2 or len(jobs) < 2 or "fork" not in multiprocessing.get_all_start_methods():
        return [_rank_year(job) for job in jobs]
    context = multiprocessing.get_context("fork")
    with ProcessPoolExecutor(max_workers=min(workers, len(jobs)), mp_context=context) as pool:
        # largest first, so that one big year does not finish last on its own
        order = sorted(range(len(jobs)), key=lambda i: -jobs[i][0].number_of_edges())
        done = dict(zip(order, pool.map(_rank_year, [jobs[i] for i in order]), strict=True))
    return [done[i] for i in range(len(jobs))]
