"""How complete the record of meetings is: for each body and decade, the meetings the graph
knows and those whose attendance is complete (every state expected at the meeting has a row
saying it hosted, attended or stayed away).

A state is expected at a meeting of a body when, on the meeting's first day, it held one of the
statuses :data:`EXPECTED_STATUSES` in the body (the same rule the validator and docs/data.md
use). Observers and guests are recorded where the sources name them but are not expected.

>>> import kg
>>> from kg.coverage import meeting_coverage
>>> rows = meeting_coverage(kg.load())
>>> cis_2020s = next(r for r in rows if r.organization == "CIS" and r.decade == "2020s")
>>> cis_2020s.meetings >= cis_2020s.complete > 0
True
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from kg.namespaces import EXPECTED_STATUSES

#: Roles that record whether an expected state came.
RECORDING_ROLES = ("host", "attendee", "absent")


@dataclass(frozen=True)
class MeetingRecord:
    """One meeting: the states expected at it and those of them with no row (``missing``)."""

    event: str
    organization: str
    start: str
    expected: tuple[str, ...]
    missing: tuple[str, ...]

    @property
    def complete(self) -> bool:
        return not self.missing


@dataclass(frozen=True)
class CoverageRow:
    """Meetings of one body in one decade, and how many have complete attendance."""

    organization: str
    decade: str
    meetings: int
    complete: int

    @property
    def share(self) -> float:
        return self.complete / self.meetings if self.meetings else 0.0


def meeting_records(g, organization: str | None = None) -> list[MeetingRecord]:
    """Every summit of every body (or of one ``organization``), oldest first, with the states
    expected at it and those missing a row."""
    records = []
    for event in g.events(kind="summit", organization=organization):
        if event.organization is None:
            continue
        expected = sorted({m.state.id for m in g.memberships(organization=event.organization,
                                                            at=event.start)
                           if m.status in EXPECTED_STATUSES})
        present = {(p.state or p.participant).id for p in g.participants(event)
                   if p.role in RECORDING_ROLES}
        missing = tuple(s for s in expected if s not in present)
        records.append(MeetingRecord(event.id, event.organization.id, event.start.isoformat(),
                                     tuple(expected), missing))
    return records


def meeting_coverage(g, records: Iterable[MeetingRecord] | None = None) -> list[CoverageRow]:
    """Per body and decade: meetings known and meetings with complete attendance, sorted by
    body then decade."""
    counts: dict[tuple[str, str], list[int]] = defaultdict(lambda: [0, 0])
    for record in meeting_records(g) if records is None else records:
        decade = f"{record.start[:3]}0s"
        tally = counts[(record.organization, decade)]
        tally[0] += 1
        tally[1] += record.complete
    return [CoverageRow(org, decade, n, complete)
            for (org, decade), (n, complete) in sorted(counts.items())]


def coverage_markdown(g) -> str:
    """The coverage table and the list of gaps, as Markdown (docs/coverage.md)."""
    records = meeting_records(g)
    rows = meeting_coverage(g, records)
    lines = ["| body | decade | meetings | complete attendance | share |",
             "|---|---|---:|---:|---:|"]
    lines += [f"| {r.organization} | {r.decade} | {r.meetings} | {r.complete} | "
              f"{r.share:.0%} |" for r in rows]
    total = sum(r.meetings for r in rows)
    complete = sum(r.complete for r in rows)
    lines.append(f"| **all** | | **{total}** | **{complete}** | "
                 f"**{complete / total if total else 0:.0%}** |")
    gaps = [r for r in records if not r.complete]
    lines += ["", f"Meetings with a gap ({len(gaps)}): the states expected and without a row; "
              "each event's note says why (`kg show EVENT`).", ""]
    lines += [f"- `{r.event}`: {', '.join(r.missing)}" for r in gaps]
    return "\n".join(lines) + "\n"
