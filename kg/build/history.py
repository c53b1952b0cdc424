"""Checks and links for the institutions' history (issue 11): meetings have participants who
belong to the body, events fall within their organization's lifetime, each step of an
accession or withdrawal is tied to the membership it changed, capacities fit the posts held,
and dated names are in order."""

from __future__ import annotations

from collections import defaultdict
from datetime import date

from kg.build.tables import Row
from kg.namespaces import MEMBERSHIP_EVENT_KINDS
from kg.problems import Problem

Rows = dict[str, list[Row]]
Registry = dict[str, dict[str, Row]]

#: Roles at a meeting that a state may hold only while it belongs to the body in some status
#: (a host may be a venue country from outside, such as an EU presidency hosting a summit).
BELONGING_ROLES = ("attendee", "absent", "observer")
#: A capacity for each post role (posts.role).
CAPACITY_OF_POST_ROLE = {"head-of-state": "head-of-state",
                         "head-of-government": "head-of-government", "other": "envoy"}


def _covers(row: Row, day: date) -> bool:
    start, end = row["start"], row["end"] if "end" not in row.bad else None
    return (start is not None and start.value <= day
            and (end is None or day < end.value))


def memberships_by_state_org(tables: Rows) -> dict[tuple[str, str], list[Row]]:
    by_pair: dict[tuple[str, str], list[Row]] = defaultdict(list)
    for row in tables.get("memberships", []):
        if row["start"] is not None:
            by_pair[(row["state"], row["organization"])].append(row)
    return by_pair


def belongs(by_pair: dict[tuple[str, str], list[Row]], state: str, org: str, day: date,
            statuses: tuple[str, ...] | None = None) -> bool:
    """``state`` held a membership row of ``org`` covering ``day`` (in one of ``statuses``)."""
    return any(_covers(m, day) and (statuses is None or m["status"] in statuses)
               for m in by_pair.get((state, org), ()))


def subject_states(tables: Rows, registry: Registry) -> dict[str, list[Row]]:
    """event id -> its participation rows of role ``subject`` that name a state."""
    subjects: dict[str, list[Row]] = defaultdict(list)
    for row in tables.get("participations", []):
        if row["role"] == "subject" and (row["state"] or row["participant"]) in registry["state"]:
            subjects[row["event"]].append(row)
    return subjects


def changed_membership(event: Row, state: str,
                       by_pair: dict[tuple[str, str], list[Row]]) -> Row | None:
    """The membership an accession, withdrawal or status-change step (``event``) changed: for an
    accession or status change, the first membership of ``state`` in the event's organization
    that starts on or after the step (a status change is the start of the new status); for a
    withdrawal, the first that ends on or after the step, or else the one the step falls in."""
    rows = by_pair.get((state, event["organization"]), [])
    day = event["start"].value
    if event["kind"] == "withdrawal":
        ending = sorted((m for m in rows if m["end"] is not None and "end" not in m.bad
                         and m["end"].value >= day), key=lambda m: m["end"].value)
        if ending:
            return ending[0]
        covering = [m for m in rows if _covers(m, day)]
        return covering[0] if covering else None
    starting = sorted((m for m in rows if m["start"].value >= day),
                      key=lambda m: m["start"].value)
    return starting[0] if starting else None


def check_history(tables: Rows, registry: Registry, problems: list[Problem]) -> None:
    by_pair = memberships_by_state_org(tables)
    _check_meetings(tables, registry, by_pair, problems)
    _check_event_lifetimes(tables, registry, problems)
    _check_membership_steps(tables, registry, by_pair, problems)
    _check_event_links(tables, registry, problems)
    _check_capacities(tables, registry, problems)


def _check_meetings(tables: Rows, registry: Registry,
                    by_pair: dict[tuple[str, str], list[Row]], problems: list[Problem]) -> None:
    """A summit has participation rows; a state that did not belong to the body that day (in
    any status) can only be a guest."""
    with_rows = {row["event"] for row in tables.get("participations", [])}
    for row in tables.get("events", []):
        if row["kind"] == "summit" and row["id"] not in with_rows:
            problems.append(row.at(f"summit {row['id']} has no participation rows: add one for "
                                   "each member state (host, attendee or absent)"))
    for row in tables.get("participations", []):
        event = registry["event"].get(row["event"])
        if (event is None or event["kind"] != "summit" or event["organization"] is None
                or event["start"] is None or row["role"] not in BELONGING_ROLES):
            continue
        state = row["state"] or row["participant"]
        if state not in registry["state"]:
            continue
        org, day = event["organization"], event["start"].value
        if not belongs(by_pair, state, org, day):
            problems.append(row.at(f"{state} was not a member, observer or other participant of "
                                   f"{org} on {day}: role {row['role']!r} needs a membership row; "
                                   "a state from outside the body attends as 'guest'"))


def _check_event_lifetimes(tables: Rows, registry: Registry, problems: list[Problem]) -> None:
    """An event of an organization falls within the organization's lifetime. A treaty signing
    may precede it (a founding treaty is signed before the body exists) but not follow it."""
    for row in tables.get("events", []):
        org = registry["organization"].get(row["organization"]) if row["organization"] else None
        if org is None or row["start"] is None:
            continue
        founded, dissolved = org["founded"], org["dissolved"]
        if (row["kind"] != "treaty-signing" and founded is not None
                and _before(row["start"], founded)):
            problems.append(row.at(f"{row['kind']} on {row['start']} is before "
                                   f"{row['organization']} was founded ({founded})"))
        end = row["end"] if "end" not in row.bad and row["end"] is not None else row["start"]
        if dissolved is not None and _before(dissolved, end) and row["kind"] != "withdrawal":
            problems.append(row.at(f"{row['kind']} until {end} runs past "
                                   f"{row['organization']}'s dissolution ({dissolved})"))


def _before(a, b) -> bool:
    """a is before b at the coarser of their two precisions."""
    width = min({"year": 4, "month": 7, "day": 10}[d.precision] for d in (a, b))
    return a.value.isoformat()[:width] < b.value.isoformat()[:width]


def _check_membership_steps(tables: Rows, registry: Registry,
                            by_pair: dict[tuple[str, str], list[Row]],
                            problems: list[Problem]) -> None:
    """A step is only for accessions, withdrawals and status changes; each such event names its
    organization and a subject state, and there is a membership it changed."""
    subjects = subject_states(tables, registry)
    for row in tables.get("events", []):
        if row["kind"] not in MEMBERSHIP_EVENT_KINDS:
            if row["step"] is not None:
                problems.append(row.at(f"step {row['step']!r} is for accessions, withdrawals and "
                                       f"status changes, not a {row['kind']}"))
            continue
        if row["organization"] is None or row["start"] is None:
            continue
        for subject in subjects.get(row["id"], []):
            state = subject["state"] or subject["participant"]
            if changed_membership(row, state, by_pair) is None:
                problems.append(subject.at(
                    f"no membership of {state} in {row['organization']} that this "
                    f"{row['kind']} on {row['start']} could have changed: add the membership "
                    "row, or fix the event's organization or date"))


def _check_event_links(tables: Rows, registry: Registry, problems: list[Problem]) -> None:
    """An event is not part of itself and does not lead to itself; a part does not begin after
    the whole has ended."""
    for row in tables.get("events", []):
        if row["part_of"] == row["id"] or row["id"] in (row["led_to"] or []):
            problems.append(row.at(f"event {row['id']} links to itself (part_of/led_to)"))
        whole = registry["event"].get(row["part_of"]) if row["part_of"] else None
        if (whole is not None and row["start"] is not None and whole["end"] is not None
                and "end" not in whole.bad and _before(whole["end"], row["start"])):
            problems.append(row.at(f"part_of {row['part_of']}: that event ended "
                                   f"({whole['end']}) before this one began ({row['start']})"))


def _check_capacities(tables: Rows, registry: Registry, problems: list[Problem]) -> None:
    """A capacity is given only for those who attended or hosted a meeting (for a person it is
    derived from the post held, so it is given only for a state listed without its
    representative, where a source says at what level it was represented)."""
    for row in tables.get("participations", []):
        event = registry["event"].get(row["event"])
        meeting = event is not None and event["kind"] in ("summit", "treaty-signing")
        if row["capacity"] is not None and not meeting:
            problems.append(row.at("capacity is for meetings (summits, treaty signings)"))
            continue
        if row["capacity"] is not None and row["role"] not in ("host", "attendee"):
            problems.append(row.at(f"capacity given for an {row['role']} row: it is for those "
                                   "who attended or hosted; leave it empty"))


def derived_capacity(row: Row, registry: Registry, tenures_by_person: dict[str, list[Row]],
                     ) -> str | None:
    """The capacity of a meeting participation: as given, or from the post the person held
    for the represented state on the event's first day (the highest, if several)."""
    if row["capacity"] is not None:
        return row["capacity"]
    event = registry["event"].get(row["event"])
    if (event is None or event["start"] is None or row["role"] not in ("host", "attendee")
            or event["kind"] not in ("summit", "treaty-signing")):
        return None
    day, state = event["start"].value, row["state"]
    roles = set()
    for tenure in tenures_by_person.get(row["participant"], []):
        post = registry["post"].get(tenure["post"])
        if post is not None and post["jurisdiction"] == state and _covers(tenure, day):
            roles.add(post["role"])
    for role in ("head-of-state", "head-of-government", "other"):
        if role in roles:
            return CAPACITY_OF_POST_ROLE[role]
    return None
