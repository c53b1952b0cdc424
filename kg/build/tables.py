"""The curated tables: their columns, the kind of value each column holds, and a reader that
turns each CSV row into typed values, reporting every bad cell at ``file:line``."""

from __future__ import annotations

import csv
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pycountry

from kg.dates import PartialDate
from kg.namespaces import (
    ATTENDANCE,
    CAPACITIES,
    COMPOSITIONS,
    DOCUMENT_KINDS,
    EVENT_CLASS_NAMES,
    FOUNDING_ACTS,
    MEETING_FORMATS,
    MEMBERSHIP_STEPS,
    ROLES,
)
from kg.problems import Problem

STATE_ID = r"^[A-Z]{3}$"
ORG_ID = r"^[A-Z][A-Za-z0-9]*(-[A-Za-z0-9]+)*$"
SLUG = r"^[a-z0-9]+(-[a-z0-9]+)*$"
# The leading date is the start as precisely as it is known (checks.check_event_ids).
EVENT_ID = r"^\d{4}(-\d{2}){0,2}-[a-z0-9]+(-[a-z0-9]+)*$"


@dataclass(frozen=True)
class Column:
    """One column: its name, the kind of value (see ``_parse_cell``) and whether it may be empty."""

    name: str
    kind: str
    required: bool = False


@dataclass(frozen=True)
class Table:
    """One curated table; ``entity`` names the kind of entity its ``id`` column defines."""

    name: str
    columns: tuple[Column, ...]
    entity: str | None = None
    id_pattern: str | None = None

    @property
    def filename(self) -> str:
        return f"{self.name}.csv"

    @property
    def header(self) -> list[str]:
        return [c.name for c in self.columns]


def _labels() -> tuple[Column, ...]:
    return (Column("en", "text", True), Column("ru", "text", True), Column("zh", "text", True))


TABLES: tuple[Table, ...] = (
    Table("sources", (
        Column("id", "id", True), Column("url", "url", True), Column("title", "text", True),
        Column("publisher", "text"), Column("accessed", "date"),
    ), entity="source", id_pattern=SLUG),
    Table("states", (
        Column("id", "id", True),
        Column("kind", "enum:recognized|partially-recognized|former", True),
        *_labels(), Column("native", "text"), Column("native_lang", "lang"),
        Column("aliases", "aliases"), Column("capital", "ref:place"),
        Column("independence", "date"), Column("dissolved", "date"),
        Column("iso_alpha2", "text"), Column("cow_code", "integer"),
        Column("wikidata", "wikidata"), Column("sources", "sources", True), Column("note", "text"),
    ), entity="state", id_pattern=STATE_ID),
    Table("places", (
        Column("id", "id", True), *_labels(), Column("aliases", "aliases"),
        Column("state", "ref:state", True), Column("lat", "latitude"),
        Column("lon", "longitude"), Column("wikidata", "wikidata"),
        Column("within", "ref:place"), Column("sources", "sources", True),
    ), entity="place", id_pattern=SLUG),
    Table("organizations", (
        Column("id", "id", True), *_labels(), Column("aliases", "aliases"),
        Column("founded", "date", True), Column("founded_by", "enum:" + "|".join(FOUNDING_ACTS)),
        Column("dissolved", "date"),
        Column("headquarters", "ref:place"), Column("languages", "langs"),
        Column("predecessor", "ref:organization"), Column("parent", "ref:organization"),
        Column("cow_abbr", "text"), Column("wikidata", "wikidata"),
        Column("sources", "sources", True), Column("note", "text"),
    ), entity="organization", id_pattern=ORG_ID),
    Table("treaties", (
        Column("id", "id", True), *_labels(), Column("signed", "date", True),
        Column("in_force", "date"), Column("location", "ref:place"),
        Column("establishes", "ref:organization"), Column("event", "ref:event"),
        Column("sources", "sources", True), Column("note", "text"),
    ), entity="treaty", id_pattern=SLUG),
    Table("people", (
        Column("id", "id", True), *_labels(), Column("native", "text"),
        Column("native_lang", "lang"), Column("aliases", "aliases"), Column("born", "date"),
        Column("birthplace", "ref:place"), Column("wikidata", "wikidata"),
        Column("sources", "sources", True),
    ), entity="person", id_pattern=SLUG),
    Table("posts", (
        Column("id", "id", True), *_labels(),
        Column("jurisdiction", "ref:state|organization", True),
        Column("role", "enum:head-of-state|head-of-government|other", True),
        Column("collective", "flag"), Column("sources", "sources", True),
    ), entity="post", id_pattern=SLUG),
    Table("events", (
        Column("id", "id", True),
        Column("kind", "enum:" + "|".join(EVENT_CLASS_NAMES), True),
        *_labels(), Column("start", "date", True), Column("end", "date"),
        Column("location", "ref:place"), Column("venue", "ref:place"),
        Column("organization", "ref:organization"),
        Column("format", "enum:" + "|".join(MEETING_FORMATS)),
        Column("composition", "set:" + "|".join(COMPOSITIONS)),
        Column("step", "enum:" + "|".join(MEMBERSHIP_STEPS)),
        Column("part_of", "ref:event"), Column("led_to", "refs:event"),
        Column("sources", "sources", True), Column("note", "text"),
    ), entity="event", id_pattern=EVENT_ID),
    Table("documents", (
        Column("id", "id", True), Column("kind", "enum:" + "|".join(DOCUMENT_KINDS), True),
        *_labels(), Column("date", "date", True), Column("event", "ref:event"),
        Column("organization", "ref:organization"), Column("signatories", "refs:state"),
        Column("refused", "refs:state"), Column("sources", "sources", True),
        Column("note", "text"),
    ), entity="document", id_pattern=SLUG),
    Table("bases", (
        Column("id", "id", True), *_labels(), Column("host", "ref:state", True),
        Column("city", "ref:place"), Column("operator", "ref:state", True),
        Column("start", "date"), Column("end", "date"), Column("sources", "sources", True),
        Column("note", "text"),
    ), entity="base", id_pattern=SLUG),
    Table("memberships", (
        Column("state", "ref:state", True), Column("organization", "ref:organization", True),
        Column("status", "enum:member|associate|observer|participant|partner|suspended|frozen",
               True),
        Column("founding", "flag"), Column("start", "date", True), Column("end", "date"),
        Column("signed", "date"), Column("sources", "sources", True), Column("note", "text"),
    )),
    Table("tenures", (
        Column("person", "ref:person", True), Column("post", "ref:post", True),
        Column("start", "date", True), Column("end", "date"), Column("acting", "flag"),
        Column("began_with", "ref:event"),
        Column("sources", "sources", True), Column("note", "text"),
    )),
    Table("chairmanships", (
        Column("organization", "ref:organization", True), Column("state", "ref:state", True),
        Column("start", "date", True), Column("end", "date"), Column("decision", "ref:event"),
        Column("sources", "sources", True), Column("note", "text"),
    )),
    Table("participations", (
        Column("event", "ref:event", True), Column("participant", "ref:person|state", True),
        Column("state", "ref:state"), Column("organization", "ref:organization"),
        Column("role", "enum:" + "|".join(ROLES), True),
        Column("capacity", "enum:" + "|".join(CAPACITIES)),
        Column("attendance", "enum:" + "|".join(ATTENDANCE)),
        Column("composition", "enum:" + "|".join(COMPOSITIONS)),
        Column("sources", "sources", True), Column("note", "text"),
    )),
    Table("names", (
        Column("entity", "ref:state|organization|place", True), Column("lang", "lang", True),
        Column("name", "text", True), Column("start", "date"), Column("end", "date"),
        Column("sources", "sources", True), Column("note", "text"),
    )),
)

TABLES_BY_NAME = {t.name: t for t in TABLES}


@dataclass
class Row:
    """One parsed row: typed values by column (None where empty or unparseable)."""

    table: Table
    file: str
    line: int
    values: dict[str, Any] = field(default_factory=dict)
    #: columns whose cell could not be parsed (already reported)
    bad: set[str] = field(default_factory=set)

    def __getitem__(self, column: str) -> Any:
        return self.values.get(column)

    def at(self, message: str) -> Problem:
        return Problem(self.file, self.line, message)


def read_csv_records(path: Path) -> Iterator[tuple[int, list[str]]]:
    """Yield (line number where the record starts, cells) for each non-blank record."""
    with path.open(newline="", encoding="utf-8") as handle:
        reader = csv.reader(handle)
        next_start = 1
        for cells in reader:
            start, next_start = next_start, reader.line_num + 1
            if cells and any(c.strip() for c in cells):
                yield start, cells


def read_table(table: Table, path: Path, label: str,
               problems: list[Problem]) -> list[Row] | None:
    """Read one table, appending a Problem for every bad header or cell; None if the table
    cannot be read at all (no header, wrong header, not CSV)."""
    records = read_csv_records(path)
    try:
        _, header = next(records)
    except StopIteration:
        problems.append(Problem(label, 1, "empty file: expected a header row"))
        return None
    except (UnicodeDecodeError, csv.Error) as err:
        problems.append(Problem(label, 1, f"cannot read CSV: {err}"))
        return None
    header = [h.strip() for h in header]
    if header != table.header:
        problems.append(Problem(label, 1, f"header must be exactly: {','.join(table.header)}"))
        return None
    rows = []
    try:
        for line, cells in records:
            if len(cells) != len(header):
                problems.append(Problem(label, line,
                                        f"expected {len(header)} cells, found {len(cells)}"))
                continue
            row = Row(table, label, line)
            for column, cell in zip(table.columns, cells, strict=True):
                _parse_cell(row, column, cell.strip(), problems)
            rows.append(row)
    except (UnicodeDecodeError, csv.Error) as err:
        problems.append(Problem(label, 1, f"cannot read CSV: {err}"))
    return rows


def _parse_cell(row: Row, column: Column, cell: str, problems: list[Problem]) -> None:
    name, kind = column.name, column.kind
    if not cell:
        if column.required:
            what = "missing source" if kind == "sources" else f"missing {name}"
            problems.append(row.at(f"{what}: column {name!r} must not be empty"))
            row.bad.add(name)
        empty_list = kind in ("sources", "aliases", "langs") or kind.startswith(("refs:", "set:"))
        row.values[name] = [] if empty_list else None
        return
    try:
        row.values[name] = _convert(row.table, kind, cell)
    except ValueError as err:
        problems.append(row.at(f"{name}: {err}"))
        row.bad.add(name)
        row.values[name] = None


def _convert(table: Table, kind: str, cell: str) -> Any:
    if kind == "id":
        if table.id_pattern and not re.match(table.id_pattern, cell):
            raise ValueError(f"bad id {cell!r}: must match {table.id_pattern}")
        return cell
    if kind == "text":
        return cell
    if kind == "date":
        return PartialDate.parse(cell)
    if kind == "url":
        if not re.match(r"^https?://\S+$", cell):
            raise ValueError(f"bad URL {cell!r}: must be an http(s) URL without spaces")
        return cell
    if kind == "flag":
        if cell != "yes":
            raise ValueError(f"bad flag {cell!r}: write 'yes' or leave empty")
        return True
    if kind.startswith("enum:"):
        allowed = kind[5:].split("|")
        if cell not in allowed:
            raise ValueError(f"bad value {cell!r}: expected one of {', '.join(allowed)}")
        return cell
    if kind.startswith("ref:"):
        return cell
    if kind.startswith("set:"):
        allowed, items = kind[4:].split("|"), [s.strip() for s in cell.split(";")]
        bad = [i for i in items if i not in allowed]
        if bad or len(set(items)) != len(items):
            raise ValueError(f"bad value {cell!r}: expected one or more of "
                             f"{', '.join(allowed)}, separated by ';', each once")
        return items
    if kind.startswith("refs:"):
        ids = [s.strip() for s in cell.split(";")]
        if not all(ids) or len(set(ids)) != len(ids):
            raise ValueError(f"bad list {cell!r}: separate ids with ';', each once")
        return ids
    if kind == "sources":
        ids = [s.strip() for s in cell.split(";")]
        if not all(ids):
            raise ValueError(f"bad source list {cell!r}: separate source ids with ';'")
        return ids
    if kind == "lang":
        return _language(cell)
    if kind == "langs":
        return [_language(code.strip()) for code in cell.split(";")]
    if kind == "aliases":
        return _aliases(cell)
    if kind == "integer":
        if not re.match(r"^[0-9]+$", cell):
            raise ValueError(f"bad number {cell!r}: expected a whole number")
        return int(cell)
    if kind == "wikidata":
        if not re.match(r"^Q[1-9][0-9]*$", cell):
            raise ValueError(f"bad Wikidata id {cell!r}: expected Q followed by digits, e.g. Q159")
        return cell
    if kind in ("latitude", "longitude"):
        return _coordinate(kind, cell)
    raise AssertionError(f"unknown column kind {kind}")


def _coordinate(kind: str, cell: str) -> float:
    """WGS 84 decimal degrees, north and east positive."""
    limit = 90 if kind == "latitude" else 180
    try:
        value = float(cell)
    except ValueError:
        raise ValueError(f"bad {kind} {cell!r}: expected decimal degrees, e.g. 55.7558") from None
    if not -limit <= value <= limit:
        raise ValueError(f"bad {kind} {cell!r}: must be between -{limit} and {limit}")
    return value


def _language(code: str) -> str:
    """A BCP 47 primary language subtag: ISO 639-1, or ISO 639-3 for a language without one."""
    if re.match(r"^[a-z]{2}$", code) and pycountry.languages.get(alpha_2=code) is not None:
        return code
    language = pycountry.languages.get(alpha_3=code) if re.match(r"^[a-z]{3}$", code) else None
    if language is not None and not hasattr(language, "alpha_2"):
        return code
    raise ValueError(f"bad language {code!r}: expected an ISO 639-1 code such as 'ru' "
                     "(or ISO 639-3, such as 'cnr', for a language without one)")


def _aliases(cell: str) -> list[tuple[str, str]]:
    aliases = []
    for item in cell.split("|"):
        lang, sep, text = item.partition(":")
        if not sep or not text.strip():
            raise ValueError(f"bad alias {item!r}: write lang:text, separated by '|'")
        aliases.append((_language(lang.strip()), text.strip()))
    return aliases
