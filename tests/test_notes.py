"""Notes explain; they do not hold facts SPARQL cannot reach. A note that states as prose a fact
with a structured home (a chairmanship, a refusal to sign, attendance by video, a role, a
meeting's format, an official's attendance, a venue) must have that fact in its column too;
each failure names the file, the line and the field to use."""

import re
from collections import defaultdict
from datetime import date

import pytest

from kg.build.tables import read_csv_records
from kg.dates import PartialDate
from tests.conftest import ROOT

DATA = ROOT / "data"


def _rows(table: str) -> list[tuple[int, dict[str, str]]]:
    path = DATA / f"{table}.csv"
    records = read_csv_records(path)
    _, header = next(records)
    return [(line, dict(zip(header, cells, strict=True))) for line, cells in records]


def _span(row: dict[str, str]) -> tuple[date, date]:
    start = PartialDate.parse(row["start"]).value
    end = PartialDate.parse(row["end"]).value if row["end"] else date.max
    return start, end


@pytest.fixture(scope="module")
def data():
    events = {row["id"]: row for _, row in _rows("events")}
    chairs = defaultdict(list)
    for _, row in _rows("chairmanships"):
        chairs[row["organization"]].append(row)
    documents = defaultdict(list)
    for _, row in _rows("documents"):
        documents[row["event"]].append(row)
    participations = defaultdict(list)
    for _, row in _rows("participations"):
        participations[row["event"]].append(row)
    venues = {row["id"]: row for _, row in _rows("places") if row["within"]}
    return events, chairs, documents, participations, venues


def _chaired(chairs, org: str, day: date, state: str | None = None) -> bool:
    return any(_span(c)[0] <= day < _span(c)[1] and (state is None or c["state"] == state)
               for c in chairs.get(org, ()))


VIDEO = re.compile(r"\bby video|video ?link|videoconference|virtually\b", re.IGNORECASE)
CHAIRED = re.compile(r"\bChair(ed)?\b")
CHAIRMANSHIP = re.compile(r"held the \d{4} (?:\w+ )?chairmanship|'s \d{4} chairmanship|"
                          r"\b[A-Z]\w+ chairmanship \d{4}\b")
REFUSED = re.compile(r"refused to sign", re.IGNORECASE)
OFFICIAL = re.compile(r"(?:Secretary[- ]General|Executive Secretary|EEC Board chairman) "
                      r"(?:[A-Z][\w-]+ )?[A-Z][\w-]+ (?:attended|took part|joined)")
NARROW = re.compile(r"\b(?:restricted|narrow|limited-attendance)[- ](?:format|session|meeting)|"
                    r"closed session|restricted,? (?:and|then)\b", re.IGNORECASE)
EXTENDED = re.compile(r"\b(?:expanded|extended|plenary)[- ](?:format|session|meeting|one)|"
                      r"and (?:expanded|plenary)\b", re.IGNORECASE)
HELD_AT = re.compile(r"(?:[Hh]eld|[Mm]eeting|[Ss]ession) (?:at|in) the ([A-Z][^,;.()]+)")


def test_notes_of_participations_state_no_fact_that_has_a_column(data):
    events, chairs, documents, _, _ = data
    problems = []
    for line, row in _rows("participations"):
        note, where = row["note"], f"data/participations.csv:{line}"
        event = events[row["event"]]
        day = PartialDate.parse(event["start"]).value
        if VIDEO.search(note) and row["role"] != "absent" and row["attendance"] != "video":
            problems.append(f"{where}: the note says {row['participant']} took part by video; "
                            "set attendance=video")
        if CHAIRED.search(note) and row["role"] != "host" and not _chaired(
                chairs, event["organization"], day, row["state"]):
            problems.append(f"{where}: the note says {row['participant']} chaired; set "
                            "role=host, or record the chairmanship in data/chairmanships.csv")
        if REFUSED.search(note) and not any(row["state"] in d["refused"].split(";")
                                            for d in documents[row["event"]]):
            problems.append(f"{where}: the note says {row['state']} refused to sign; record the "
                            "document in data/documents.csv with refused=" + row["state"])
        if re.search(r"joined the (expanded|extended)|in the expanded format", note) and \
                event["kind"] in ("summit", "treaty-signing") and row["composition"] != "extended":
            problems.append(f"{where}: the note says {row['participant']} joined the extended "
                            "session only; set composition=extended")
        if note.startswith("observer (") and row["role"] != "observer":
            problems.append(f"{where}: the note says observer; set role=observer")
        if re.match(r"(Invited )?[Gg]uest\b", note) and row["role"] != "guest":
            problems.append(f"{where}: the note says guest; set role=guest")
    assert problems == []


def test_notes_of_events_state_no_fact_that_has_a_column(data):
    _, chairs, documents, participations, venues = data
    names = defaultdict(list)  # a venue's English names, by the city it lies in
    for i, v in venues.items():
        for alias in [f"en:{v['en']}", *filter(None, v["aliases"].split("|"))]:
            lang, _, text = alias.partition(":")
            if lang == "en":
                names[v["within"]].append((text.split(" (")[0].casefold(), i))
    problems = []
    for line, row in _rows("events"):
        note, label, where = row["note"], row["en"], f"data/events.csv:{line}"
        if row["kind"] == "summit":
            for word, fmt in (("informal", "informal"), ("extraordinary", "extraordinary")):
                if word in label.casefold() and row["format"] != fmt:
                    problems.append(f"{where}: the label says {word}; set format={fmt}")
            if "videoconference" in label and row["format"] not in ("online", "extraordinary"):
                problems.append(f"{where}: the label says videoconference; set format=online")
        if row["kind"] in ("summit", "treaty-signing"):
            sessions = row["composition"].split(";")
            for pattern, session in ((NARROW, "narrow"), (EXTENDED, "extended")):
                if pattern.search(note) and session not in sessions:
                    problems.append(f"{where}: the note names a {session} session; add "
                                    f"{session} to composition")
        day = PartialDate.parse(row["start"]).value
        if CHAIRMANSHIP.search(note) and not _chaired(chairs, row["organization"], day):
            problems.append(f"{where}: the note names a chairmanship; record it in "
                            "data/chairmanships.csv")
        if REFUSED.search(note) and not documents[row["id"]]:
            problems.append(f"{where}: the note says a state refused to sign; record the "
                            "document in data/documents.csv with its signatories and refused")
        if OFFICIAL.search(note) and not any(p["role"] == "official"
                                             for p in participations[row["id"]]):
            problems.append(f"{where}: the note names an organization's official who attended; "
                            "add a participation with role=official and organization")
        # a sentence that reports a venue only to doubt it is not a fact
        stated = " ".join(s for s in note.split(". ")
                          if not re.search(r"not confirmed|not found|unconfirmed", s))
        for match in HELD_AT.finditer(stated):
            name = match.group(1).strip().casefold()
            venue = next((v for label_, v in names[row["location"]] if name.startswith(label_)),
                         None)
            if venue is not None and row["venue"] != venue:
                problems.append(f"{where}: the note says it was held at {match.group(1)!r}; "
                                f"set venue={venue}")
    assert problems == []


def test_the_scan_reports_a_fact_left_in_a_note(data):
    """The rules above do fire on the phrasings the curators use."""
    assert VIDEO.search("Took part by video link (self-isolation).")
    assert CHAIRMANSHIP.search("Chaired by Tokayev as Kazakhstan held the 2022 CIS chairmanship")
    assert OFFICIAL.search("CIS Executive Secretary Sergei Lebedev attended")
    assert REFUSED.search("Pashinyan refused to sign the draft CSC declaration")
    assert HELD_AT.search("Held at the Konstantinovsky Palace (Strelna)")
    assert NARROW.search("in restricted then expanded format")
    assert EXTENDED.search("in narrow and plenary format")
