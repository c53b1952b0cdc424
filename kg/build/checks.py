"""Checks across rows: ids, references, date order, duplicates and overlaps in time."""

from __future__ import annotations

import difflib
import re
from collections import defaultdict
from collections.abc import Iterable
from datetime import date

import pycountry

from kg.build.history import check_history
from kg.build.tables import Row
from kg.namespaces import ROLES_BY_KIND
from kg.problems import Problem

Rows = dict[str, list[Row]]

_FAR_FUTURE = date.max
NO_INDEPENDENCE = "No independence date"


def entity_registry(tables: Rows, problems: list[Problem]) -> dict[str, dict[str, Row]]:
    """Map entity kind -> id -> defining row; report duplicate ids (entity ids are unique
    graph-wide, so that a short id names one thing in the API and CLI; source ids are a
    namespace of their own)."""
    registry: dict[str, dict[str, Row]] = defaultdict(dict)
    seen: dict[str, Row] = {}
    for rows in tables.values():
        for row in rows:
            kind, ident = row.table.entity, row["id"]
            if kind is None or ident is None:
                continue
            key = f"source:{ident}" if kind == "source" else ident.casefold()
            if key in seen:
                first = seen[key]
                problems.append(row.at(f"duplicate id {ident!r}: already defined at "
                                       f"{first.file}:{first.line}"))
                continue
            seen[key] = row
            registry[kind][ident] = row
    return registry


def check_references(tables: Rows, registry: dict[str, dict[str, Row]],
                     problems: list[Problem], unreadable: set[str]) -> None:
    """Every reference names a defined id; references into a table that could not be read at
    all are not reported again, one by one. Every source must be cited by some row."""
    cited: set[str] = set()
    for rows in tables.values():
        for row in rows:
            for column in row.table.columns:
                value = row[column.name]
                if column.kind.startswith("ref:") and value is not None:
                    kinds = column.kind[4:].split("|")
                    if not any(value in registry[k] or k in unreadable for k in kinds):
                        problems.append(row.at(_unknown(value, kinds, registry)))
                elif column.kind.startswith("refs:"):
                    kinds = column.kind[5:].split("|")
                    for item in value or []:
                        if not any(item in registry[k] or k in unreadable for k in kinds):
                            problems.append(row.at(f"{column.name}: "
                                                   f"{_unknown(item, kinds, registry)}"))
                elif column.kind == "sources":
                    for source in value or []:
                        cited.add(source)
                        if source not in registry["source"] and "source" not in unreadable:
                            problems.append(row.at(_unknown(source, ["source"], registry)))
    # A source no row cites is left over from an edit: it documents nothing. Not judged while
    # some table is unreadable, since its rows' citations are unknown.
    for row in [] if unreadable else tables.get("sources", []):
        if row["id"] is not None and row["id"] not in cited:
            problems.append(row.at(f"source {row['id']!r} is cited by no row"))


def _unknown(value: str, kinds: list[str], registry: dict[str, dict[str, Row]]) -> str:
    candidates = [i for k in kinds for i in registry[k]]
    near = difflib.get_close_matches(value, candidates, n=3, cutoff=0.6)
    hint = f" (did you mean {', '.join(near)}?)" if near else ""
    return f"unknown {' or '.join(kinds)} id {value!r}{hint}"


def check_date_order(tables: Rows, problems: list[Problem]) -> None:
    """End after start, for every kind of row that has both."""
    pairs = {"memberships": ("start", "end", True), "tenures": ("start", "end", True),
             "events": ("start", "end", False), "organizations": ("founded", "dissolved", True),
             "states": ("independence", "dissolved", True),
             "treaties": ("signed", "in_force", False), "bases": ("start", "end", True),
             "chairmanships": ("start", "end", True), "names": ("start", "end", True)}
    for table, (first, last, strict) in pairs.items():
        for row in tables.get(table, []):
            start, end = row[first], row[last]
            if start is None or end is None:
                continue
            if end.value < start.value or (strict and end.value == start.value):
                problems.append(row.at(f"end before start: {last} {end} is not after "
                                       f"{first} {start}"))
                row.bad.add(last)


def _span(row: Row) -> tuple[date, date]:
    end = row["end"] if "end" not in row.bad else None
    return row["start"].value, end.value if end else _FAR_FUTURE


def _dated(row: Row) -> bool:
    """Usable in overlap checks: a start, and no date already reported as bad."""
    return row["start"] is not None and not {"start", "end"} & row.bad


def _overlaps(a: Row, b: Row) -> bool:
    (s1, e1), (s2, e2) = _span(a), _span(b)
    return s1 < e2 and s2 < e1


def _report_overlaps(groups: Iterable[tuple[str, list[Row]]], what: str,
                     problems: list[Problem], across_posts: bool = False) -> None:
    """Report every row that overlaps an earlier one of its group; with ``across_posts``,
    only pairs of rows of different posts (same-post pairs are reported elsewhere)."""
    for key, rows in groups:
        dated = sorted((r for r in rows if _dated(r)), key=_span)
        for i, row in enumerate(dated):
            for other in dated[:i]:
                if across_posts and other["post"] == row["post"]:
                    continue
                if _overlaps(other, row):
                    where = f"{other.file}:{other.line}"
                    problems.append(row.at(what.format(key=key, other=where)))


def check_duplicates_and_overlaps(tables: Rows, registry: dict[str, dict[str, Row]],
                                  problems: list[Problem]) -> None:
    keys = {"memberships": ("state", "organization", "status", "start"),
            "tenures": ("person", "post", "start"),
            "participations": ("event", "participant"),
            "chairmanships": ("organization", "start")}
    for table, columns in keys.items():
        seen: dict[tuple, Row] = {}
        for row in tables.get(table, []):
            key = tuple(str(row[c]) for c in columns)
            if key in seen:
                first = seen[key]
                problems.append(row.at(f"duplicate {table[:-1]} {'/'.join(key)}: already at "
                                       f"{first.file}:{first.line}"))
            else:
                seen[key] = row

    by_post: dict[str, list[Row]] = defaultdict(list)
    heads_by_state: dict[str, list[Row]] = defaultdict(list)
    for row in tables.get("tenures", []):
        post = registry["post"].get(row["post"])
        if post is not None and post["collective"]:
            continue  # a council held jointly: its members' tenures overlap by nature
        by_post[row["post"]].append(row)
        if post is not None and post["role"] == "head-of-state" and not row["acting"]:
            heads_by_state[post["jurisdiction"]].append(row)
    _report_overlaps(by_post.items(), "overlapping tenures of single-holder post {key}: "
                     "overlaps the row at {other}", problems)
    # Different head-of-state posts of one state (e.g. Chairman of the Supreme Soviet, then
    # President) must not overlap either; acting holders are exempt and marked as such.
    _report_overlaps(heads_by_state.items(), "two heads of state of {key} at once: overlaps the "
                     "row at {other} (mark one acting if so)", problems, across_posts=True)

    by_pair: dict[str, list[Row]] = defaultdict(list)
    for row in tables.get("memberships", []):
        by_pair[f"{row['state']} in {row['organization']}"].append(row)
    _report_overlaps(by_pair.items(), "overlapping memberships of {key}: overlaps the row at "
                     "{other}", problems)


def check_lifetimes(tables: Rows, registry: dict[str, dict[str, Row]],
                    problems: list[Problem]) -> None:
    """A membership lies within its organization's lifetime and its state's."""
    for row in tables.get("memberships", []):
        state = registry["state"].get(row["state"])
        if state is not None and row["start"] is not None:
            born, gone = state["independence"], state["dissolved"]
            if born is not None and _before(row["start"], born):
                problems.append(row.at(f"membership starts {row['start']}, before {row['state']}'s "
                                       f"independence ({born})"))
            if gone is not None and (row["end"] is None or _before(gone, row["end"])):
                problems.append(row.at(f"membership runs past {row['state']}'s dissolution "
                                       f"({gone})"))
        org = registry["organization"].get(row["organization"])
        if org is None or row["start"] is None:
            continue
        founded, dissolved = org["founded"], org["dissolved"]
        if founded is not None and _before(row["start"], founded):
            problems.append(row.at(f"membership starts {row['start']}, before "
                                   f"{row['organization']} was founded ({founded})"))
        end = row["end"]
        if dissolved is not None and (end is None or _before(dissolved, end)):
            problems.append(row.at(f"membership runs past {row['organization']}'s dissolution "
                                   f"({dissolved})"))


def _before(a, b) -> bool:
    """a is before b at the coarser of their two precisions."""
    order = {"year": 4, "month": 7, "day": 10}
    width = min(order[a.precision], order[b.precision])
    return a.value.isoformat()[:width] < b.value.isoformat()[:width]


def check_attendance(tables: Rows, registry: dict[str, dict[str, Row]],
                     problems: list[Problem]) -> None:
    """A person who hosted or attended an event held a post of the state they represented
    on the event's first day."""
    tenures_by_person: dict[str, list[Row]] = defaultdict(list)
    for row in tables.get("tenures", []):
        tenures_by_person[row["person"]].append(row)
    for row in tables.get("participations", []):
        person, state = row["participant"], row["state"]
        if person not in registry["person"]:
            continue
        if row["role"] == "official" or row["organization"] is not None:
            _check_official(row, registry, tenures_by_person, problems)
            continue
        if state is None:
            problems.append(row.at(f"state is required: which state did {person} represent?"))
            continue
        if state not in registry["state"]:
            continue
        event = registry["event"].get(row["event"])
        # an absent state's leader was not there; an election's subject is not yet in office
        if event is None or event["start"] is None or row["role"] in ("absent", "subject"):
            continue
        day = event["start"].value
        held = [t for t in tenures_by_person[person]
                if _dated(t) and _span(t)[0] <= day < _span(t)[1]
                and t["post"] in registry["post"]
                and registry["post"][t["post"]]["jurisdiction"] == state]
        if not held:
            problems.append(row.at(f"{person} held no post of {state} on {day} "
                                   f"(no tenure covers the event's date)"))


def _organ_of(registry: dict[str, dict[str, Row]], org: str | None, body: str) -> bool:
    """``org`` is ``body`` or one of its organs (parent chain)."""
    seen = set()
    while org is not None and org not in seen:
        if org == body:
            return True
        seen.add(org)
        row = registry["organization"].get(org)
        org = row["parent"] if row is not None else None
    return False


def _check_official(row: Row, registry: dict[str, dict[str, Row]],
                    tenures_by_person: dict[str, list[Row]], problems: list[Problem]) -> None:
    """An official attends as the organization's officer: the row names the organization and no
    state, has the role ``official``, and the person held a post of that organization (or of
    one of its organs) on the event's first day."""
    person, org = row["participant"], row["organization"]
    if row["role"] != "official":
        problems.append(row.at(f"organization {org!r} is given, so role must be 'official' "
                               f"(a person attending as an officer of {org})"))
        return
    if org is None:
        problems.append(row.at(f"organization is required for an official: which "
                               f"organization did {person} represent?"))
        return
    if row["state"] is not None:
        problems.append(row.at(f"an official represents {org}, not a state: leave state empty "
                               f"(found {row['state']!r})"))
    event = registry["event"].get(row["event"])
    if event is None or event["start"] is None or org not in registry["organization"]:
        return
    day = event["start"].value
    held = [t for t in tenures_by_person[person]
            if _dated(t) and _span(t)[0] <= day < _span(t)[1]
            and t["post"] in registry["post"]
            and _organ_of(registry, registry["post"][t["post"]]["jurisdiction"], org)]
    if not held:
        problems.append(row.at(f"{person} held no post of {org} (or of its organs) on {day} "
                               f"(no tenure covers the event's date)"))


def check_roles(tables: Rows, registry: dict[str, dict[str, Row]],
                problems: list[Problem]) -> None:
    """Every participation's role is one its event's kind can have (a belligerent is not an
    attendee, a battlefield is not a host), and an absentee has no attendance."""
    for row in tables.get("participations", []):
        event = registry["event"].get(row["event"])
        role = row["role"]
        if event is None or role is None or event["kind"] is None:
            continue
        allowed = ROLES_BY_KIND.get(event["kind"], ())
        if role not in allowed:
            problems.append(row.at(f"role {role!r} is not valid for a {event['kind']} (event "
                                   f"{row['event']}); use one of {', '.join(allowed)}"))
        if role == "absent" and row["attendance"] is not None:
            problems.append(row.at(f"attendance {row['attendance']!r} given for an absentee: "
                                   "leave it empty"))
        if row["attendance"] is not None and event["kind"] not in ("summit", "treaty-signing"):
            problems.append(row.at(f"attendance is only for meetings, not a {event['kind']}"))
        session = row["composition"]
        if session is not None and session not in (event["composition"] or []):
            problems.append(row.at(f"composition {session!r}: event {row['event']} lists no "
                                   f"{session} session; add it to the event's composition"))


def check_events_structure(tables: Rows, registry: dict[str, dict[str, Row]],
                           problems: list[Problem]) -> None:
    """A format only on meetings; a venue is a place inside the event's city; a place inside
    another is inside a city, not a venue inside a venue."""
    for row in tables.get("places", []):
        within = registry["place"].get(row["within"]) if row["within"] else None
        if within is not None and within["within"] is not None:
            problems.append(row.at(f"within: {row['within']!r} is itself a venue; a venue lies "
                                   "within a city"))
    for row in tables.get("events", []):
        if row["format"] is not None and row["kind"] not in ("summit", None):
            problems.append(row.at(f"format {row['format']!r} is for meetings; a "
                                   f"{row['kind']} has none"))
        if row["composition"] and row["kind"] not in ("summit", "treaty-signing", None):
            problems.append(row.at(f"composition is for meetings; a {row['kind']} has none"))
        venue = registry["place"].get(row["venue"]) if row["venue"] else None
        if venue is None:
            continue
        if venue["within"] is None:
            problems.append(row.at(f"venue {row['venue']!r} is a city; put the city in "
                                   "location and the palace or hall (a place with 'within') "
                                   "in venue"))
        elif row["location"] is not None and venue["within"] != row["location"]:
            problems.append(row.at(f"venue {row['venue']!r} lies within {venue['within']!r}, "
                                   f"not the event's location {row['location']!r}"))


def _dated_rows_of(rows: list[Row], key: str, value: str) -> list[Row]:
    return [r for r in rows if r[key] == value and _dated(r)]


def check_chairmanships(tables: Rows, registry: dict[str, dict[str, Row]],
                        problems: list[Problem]) -> None:
    """Chairmanships of one body do not overlap, and the chair was a member of the body (or
    a participant, associate...) for the whole time it chaired."""
    by_body: dict[str, list[Row]] = defaultdict(list)
    for row in tables.get("chairmanships", []):
        by_body[row["organization"]].append(row)
    _report_overlaps(by_body.items(), "overlapping chairmanships of {key}: overlaps the row at "
                     "{other}", problems)
    memberships = tables.get("memberships", [])
    for row in tables.get("chairmanships", []):
        if not _dated(row):
            continue
        pair = [m for m in memberships
                if m["state"] == row["state"] and m["organization"] == row["organization"]]
        if any(m.bad for m in pair):
            continue  # a membership row already reported: its dates are unknown
        spans = sorted(_span(m) for m in pair
                       if _dated(m) and m["status"] not in ("suspended", "frozen"))
        start, end = _span(row)
        covered = start
        for first, last in spans:
            if first <= covered < last:
                covered = last
        if covered < end:
            problems.append(row.at(f"{row['state']} was not a member of {row['organization']} "
                                   f"for all of its chairmanship ({row['start']}.."
                                   f"{row['end'] or ''}): no membership covers {covered}"))
        decision = registry["event"].get(row["decision"]) if row["decision"] else None
        if decision is not None and decision["start"] is not None and \
                decision["start"].value > start:
            problems.append(row.at(f"decision {row['decision']!r} is dated after the "
                                   f"chairmanship began ({row['start']})"))


def check_documents(tables: Rows, registry: dict[str, dict[str, Row]],
                    problems: list[Problem]) -> None:
    """A document's signatories and refusers attended its event (or were represented at it),
    no state both signed and refused, and the document is dated within its event."""
    present: dict[str, set[str]] = defaultdict(set)
    for row in tables.get("participations", []):
        if row["role"] in ("host", "attendee") and row["state"]:
            present[row["event"]].add(row["state"])
    for row in tables.get("documents", []):
        event_id = row["event"]
        both = set(row["signatories"] or []) & set(row["refused"] or [])
        for state in sorted(both):
            problems.append(row.at(f"{state} is both a signatory and refused to sign"))
        if (row["signatories"] or row["refused"]) and event_id is None:
            problems.append(row.at("signatories or refused given without an event: name the "
                                   "meeting they attended"))
        event = registry["event"].get(event_id) if event_id else None
        if event is None:
            continue
        for column in ("signatories", "refused"):
            for state in row[column] or []:
                if state in registry["state"] and state not in present[event_id]:
                    problems.append(row.at(f"{column}: {state} did not attend {event_id} "
                                           "(no host or attendee row represents it there)"))
        day, start, end = row["date"], event["start"], event["end"] or event["start"]
        if day is not None and start is not None and end is not None and \
                not start.value <= day.value <= end.value:
            problems.append(row.at(f"date {day} is outside its event {event_id} "
                                   f"({start}..{end})"))


def check_states(tables: Rows, problems: list[Problem]) -> None:
    """ISO 3166 codes agree with pycountry; every current state has a capital and an
    independence date, or a note saying why it has none."""
    for row in tables.get("states", []):
        ident, kind, alpha2 = row["id"], row["kind"], row["iso_alpha2"]
        if ident is None or kind is None:
            continue
        if kind == "recognized":
            country = pycountry.countries.get(alpha_3=ident)
            if country is None:
                problems.append(row.at(f"{ident} is not an ISO 3166-1 alpha-3 code"))
            elif alpha2 and alpha2 != country.alpha_2:
                problems.append(row.at(f"iso_alpha2 {alpha2!r} does not match ISO 3166-1 "
                                       f"({country.alpha_2}) for {ident}"))
        elif kind == "former" and pycountry.historic_countries.get(alpha_3=ident) is None:
            problems.append(row.at(f"{ident} is not an ISO 3166-3 former country code"))
        if kind == "former" or row["dissolved"]:
            continue
        if not row["capital"]:
            problems.append(row.at(f"{ident} has no capital"))
        # An empty date must be a decision, not a gap: see docs/data.md on independence.
        if not row["independence"] and NO_INDEPENDENCE not in (row["note"] or ""):
            problems.append(row.at(f"{ident} has no independence date and its note does not "
                                   f"say {NO_INDEPENDENCE!r} (and why)"))


def check_event_ids(tables: Rows, problems: list[Problem]) -> None:
    """An event id begins with its start date written exactly as precisely as it is known,
    so ``2006-03-uzbekistan-joins-eurasec`` cannot pose as a fact about 1 March."""
    for row in tables.get("events", []):
        ident, start = row["id"], row["start"]
        if ident is None or start is None:
            continue
        written = str(start)
        if not re.match(rf"{written}-(?!\d\d-)", ident):
            problems.append(row.at(f"event id {ident!r} must begin with its start date as "
                                   f"written ({written}-...)"))


#: Kinds of event that can still be going on; only these may leave ``end`` empty.
ONGOING_KINDS = ("armed-conflict", "unrest", "deployment")

#: Titles that say nothing about the page (a curator's stand-in left behind).
PLACEHOLDER_TITLE = re.compile(r"^(todo|tbd|fixme|xxx+|title|untitled|no title|n/?a|none|page|"
                               r"source|unknown|placeholder|\?+|-+|\.+)$", re.IGNORECASE)


def check_event_ends(tables: Rows, problems: list[Problem]) -> None:
    """An empty ``end`` means the event is still going on, so it is allowed only for the kinds
    that can be ongoing; a one-day event writes its day twice."""
    for row in tables.get("events", []):
        if row["end"] is None and "end" not in row.bad and row["kind"] not in ONGOING_KINDS:
            if row["kind"] is None:
                continue
            problems.append(row.at(
                f"end: missing; an empty end means 'still going on', which a {row['kind']} "
                f"cannot be (only {', '.join(ONGOING_KINDS)}); a one-day event repeats its "
                f"start ({row['start']}) as its end"))


def check_sources(tables: Rows, problems: list[Problem]) -> None:
    """A source names the page it is: a real title (not a stand-in, nor its URL or id) and the
    day it was read."""
    for row in tables.get("sources", []):
        title = (row["title"] or "").strip()
        if title and (PLACEHOLDER_TITLE.match(title) or title in (row["url"], row["id"])):
            problems.append(row.at(f"title: {title!r} is a placeholder; write the page's own "
                                   "title"))
        if row["accessed"] is None and "accessed" not in row.bad:
            problems.append(row.at("accessed: missing; write the day the page was read"))
        elif row["accessed"] is not None and row["accessed"].value > date.today():
            problems.append(row.at(f"accessed: {row['accessed']} is in the future; write the "
                                   "day the page was read"))


def run_all(tables: Rows, problems: list[Problem],
            unreadable: set[str] = frozenset()) -> dict[str, dict[str, Row]]:
    """Every cross-row check; ``unreadable`` names the entity kinds (or fact tables) whose table
    could not be read."""
    registry = entity_registry(tables, problems)
    check_references(tables, registry, problems, set(unreadable))
    check_date_order(tables, problems)
    check_duplicates_and_overlaps(tables, registry, problems)
    check_lifetimes(tables, registry, problems)
    check_attendance(tables, registry, problems)
    check_roles(tables, registry, problems)
    check_events_structure(tables, registry, problems)
    check_chairmanships(tables, registry, problems)
    check_documents(tables, registry, problems)
    check_states(tables, problems)
    check_event_ids(tables, problems)
    check_event_ends(tables, problems)
    check_sources(tables, problems)
    check_history(tables, registry, problems)
    return registry
