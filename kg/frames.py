"""Tidy tables of the graph, for pandas, R and spreadsheets.

Every table has one row per fact and one column per variable. Dates are real dates, each with
a ``*_precision`` column (``day``, ``month`` or ``year``: a month-precise date is stored as
the first of the month). Entities appear as their ids (``kg show`` and ``g.entity`` resolve
them) beside their English labels; ``sources`` holds the ids of the facts' sources,
``;``-separated, which ``kg show`` and ``g.source`` resolve. Missing values are None here,
``NaT``/``<NA>`` in pandas, empty cells in CSV and ``null`` in JSON: one convention.

>>> import kg
>>> from kg.frames import records
>>> rows = records(kg.load(), "memberships", state="GEO")
>>> rows[1]["organization"], rows[1]["start"], rows[1]["end"]
('CIS', datetime.date(1993, 12, 3), datetime.date(2009, 8, 18))
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import TYPE_CHECKING, Any

from kg.dates import as_date
from kg.records import Entity, Source

if TYPE_CHECKING:
    import pandas

    from kg.graph import KnowledgeGraph

#: Each table's columns, in order, and which of them hold dates.
COLUMNS: dict[str, tuple[str, ...]] = {
    "memberships": ("state", "state_label", "organization", "organization_label", "status",
                    "founding", "start", "start_precision", "end", "end_precision", "signed",
                    "note", "sources"),
    "tenures": ("person", "person_label", "post", "post_label", "start", "start_precision",
                "end", "end_precision", "acting", "began_with", "note", "sources"),
    "events": ("event", "label", "kind", "format", "composition", "start", "start_precision",
               "end", "end_precision", "ongoing", "location", "venue", "organization",
               "sources"),
    "participations": ("event", "event_start", "participant", "participant_label", "state",
                       "represents", "role", "attendance", "composition", "note", "sources"),
    "state-year": ("state", "organization", "year", "status", "cow_status"),
    "sources": ("source", "url", "title", "publisher", "accessed"),
}
DATE_COLUMNS = {"start", "end", "signed", "event_start", "accessed"}

#: COW's numeric codes for the statuses it knows (the graph's others have none).
COW_STATUS = {"member": 1, "frozen": 1, "associate": 2, "observer": 3}


def _id(entity: Entity | None) -> str | None:
    return entity.id if entity is not None else None


def _label(entity: Entity | None) -> str | None:
    return entity.label if entity is not None else None


def _sources(sources: tuple[Source, ...]) -> str | None:
    return ";".join(s.id for s in sources) or None


def _memberships(g: KnowledgeGraph, state=None, organization=None, at=None) -> list[dict]:
    return [{"state": m.state.id, "state_label": m.state.label,
             "organization": m.organization.id, "organization_label": m.organization.label,
             "status": m.status, "founding": m.founding, "start": m.start,
             "start_precision": m.start_precision, "end": m.end,
             "end_precision": m.end_precision, "signed": m.signed, "note": m.note,
             "sources": _sources(m.sources)}
            for m in g.memberships(state=state, organization=organization, at=at)]


def _tenures(g: KnowledgeGraph, person=None, post=None, at=None) -> list[dict]:
    return [{"person": t.person.id, "person_label": t.person.label, "post": t.post.id,
             "post_label": t.post.label, "start": t.start, "start_precision": t.start_precision,
             "end": t.end, "end_precision": t.end_precision, "acting": t.acting,
             "began_with": _id(t.began_with), "note": t.note,
             "sources": _sources(t.sources)}
            for t in g.tenures(person=person, post=post, at=at)]


def _events(g: KnowledgeGraph, kind=None, between=None, participant=None,
            organization=None, format=None) -> list[dict]:
    return [{"event": e.id, "label": e.label, "kind": e.kind, "format": e.format,
             "composition": ";".join(e.composition) or None,
             "start": e.start, "start_precision": e.start_precision, "end": e.end,
             "end_precision": e.end_precision, "ongoing": e.ongoing,
             "location": _id(e.location), "venue": _id(e.venue),
             "organization": _id(e.organization), "sources": _sources(e.sources)}
            for e in g.events(kind=kind, between=between, participant=participant,
                              organization=organization, format=format)]


def _participations(g: KnowledgeGraph, event=None, **filters: Any) -> list[dict]:
    events = [g.event(event)] if event is not None else g.events(**filters)
    return [{"event": e.id, "event_start": e.start, "participant": p.participant.id,
             "participant_label": p.participant.label, "state": _id(p.state),
             "represents": _id(p.represents), "role": p.role, "attendance": p.attendance,
             "composition": p.composition,
             "note": p.note, "sources": _sources(p.sources)}
            for e in events for p in g.participants(e.id)]


def _state_year(g: KnowledgeGraph, organization=None, first: int | None = None,
                last: int | None = None) -> list[dict]:
    """One row per (state, organization, year) from the organization's founding year (or the
    state's first membership) to its end or the as-of year: the status on 31 December, the
    day COW codes, and COW's number for it."""
    found = g.memberships(organization=organization) if organization else g.memberships()
    by_pair: dict[tuple[str, str], list] = {}
    for m in found:
        by_pair.setdefault((m.state.id, m.organization.id), []).append(m)
    as_of_year = (g.as_of or date.today()).year
    rows = []
    for (state, org), spells in sorted(by_pair.items()):
        start = min(m.start for m in spells).year
        ends = [m.end for m in spells]
        end = as_of_year if None in ends else max(ends).year
        for year in range(max(start, first or start), min(end, last or end) + 1):
            day = date(year, 12, 31)
            held = [m for m in spells if m.covers(day)]
            status = held[-1].status if held else None
            rows.append({"state": state, "organization": org, "year": year, "status": status,
                         "cow_status": COW_STATUS.get(status, 0) if status else 0})
    return rows


def _sources_table(g: KnowledgeGraph) -> list[dict]:
    return [{"source": s.id, "url": s.url, "title": s.title, "publisher": s.publisher,
             "accessed": s.accessed} for s in sorted(g._sources_by_id.values(),
                                                     key=lambda s: s.id)]


_BUILDERS: dict[str, Callable[..., list[dict]]] = {
    "memberships": _memberships, "tenures": _tenures, "events": _events,
    "participations": _participations, "state-year": _state_year, "sources": _sources_table,
}


def records(g: KnowledgeGraph, table: str, **filters: Any) -> list[dict[str, Any]]:
    """The rows of one tidy table as dicts (Python values: dates, bools, None), filtered by
    the keyword arguments the matching library call takes (e.g. ``state=``, ``at=``,
    ``kind=``, ``between=``; for ``state-year``: ``organization``, ``first``, ``last``)."""
    if table not in _BUILDERS:
        raise ValueError(f"unknown table {table!r}: expected one of {', '.join(_BUILDERS)}")
    if "at" in filters and filters["at"] is not None:
        filters["at"] = as_date(filters["at"])
    try:
        return _BUILDERS[table](g, **filters)
    except TypeError as err:
        raise ValueError(f"table {table!r} cannot be filtered that way: {err}") from None


def to_frame(g: KnowledgeGraph, table: str, **filters: Any) -> pandas.DataFrame:
    """The table as a pandas DataFrame with ``datetime64`` date columns, nullable boolean and
    integer columns, and ``<NA>``/``NaT`` for missing values (pandas is an optional extra:
    ``pip install "postsoviet-kg[pandas]"``).

    >>> import kg
    >>> frame = kg.load().to_frame("memberships", organization="EAEU")
    >>> frame.loc[0, ["state", "start"]].tolist()
    ['BLR', Timestamp('2015-01-01 00:00:00')]
    """
    try:
        import pandas as pd
    except ImportError:
        raise ImportError("to_frame needs pandas: pip install 'postsoviet-kg[pandas]'") from None
    rows = records(g, table, **filters)
    frame = pd.DataFrame(rows, columns=list(COLUMNS[table]))
    for column in frame.columns:
        if column in DATE_COLUMNS:
            frame[column] = pd.to_datetime(frame[column])
        elif column in ("founding", "acting", "ongoing"):
            frame[column] = frame[column].astype("boolean")
        elif column in ("year", "cow_status"):
            frame[column] = frame[column].astype("Int64")
        else:
            frame[column] = frame[column].astype("string")
    return frame
