"""``kg``: the command line, a thin shell over the library.

Every command prints its result to standard output; problems go to standard error with a
non-zero exit status (1: the data or query is bad, 2: the command was used wrongly).
"""

from __future__ import annotations

import argparse
import csv
import io
import json
import os
import re
import sys
import warnings
from collections.abc import Sequence
from datetime import date
from pathlib import Path
from typing import Any

from kg.cli_link import register as register_link
from kg.cli_serve import add_commands
from kg.dates import as_date
from kg.frames import COLUMNS, records
from kg.graph import KnowledgeGraph, QueryError, UnknownEntityError, load
from kg.guards import statuses
from kg.namespaces import EVENT_CLASS_NAMES, MEETING_FORMATS
from kg.notices import KGWarning
from kg.problems import DataError
from kg.queries import NamedQuery, named_queries, read_query_file
from kg.records import (
    Chairmanship,
    Document,
    Entity,
    Membership,
    Participation,
    Source,
    Tenure,
    Triples,
    partial,
)
from kg.stats import compute_stats

FORMATS = ("table", "csv", "json")
CHAIR_COLUMNS = ("organization", "state", "start", "end", "decision", "sources")
DOCUMENT_COLUMNS = ("document", "kind", "date", "label", "signatories", "refused")


class UsageError(Exception):
    """The command line asks for something impossible; the message says what."""


# ---------------------------------------------------------------------- output


def _cell(value: Any, for_table: bool) -> Any:
    if isinstance(value, Entity):
        return str(value) if for_table else value.id
    if isinstance(value, Source):
        return value.url
    if isinstance(value, date):
        return value.isoformat()
    if value is None:
        return "" if for_table else None
    if isinstance(value, bool):
        return ("yes" if value else "no") if for_table else value
    if isinstance(value, list | tuple):
        return "; ".join(str(_cell(v, for_table)) for v in value)
    return str(value) if for_table else value


#: Longest cell a table shows; CSV and JSON always hold the whole value.
TABLE_CELL = 60


def _shorten(text: str) -> str:
    return text if len(text) <= TABLE_CELL else text[:TABLE_CELL - 1] + "…"


def _csv_cell(value: Any) -> Any:
    """CSV's one null is the empty cell; booleans are written as JSON writes them."""
    value = _cell(value, False)
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    return value


def render(rows: list[dict[str, Any]], fmt: str, columns: Sequence[str] | None = None) -> str:
    """Rows as an aligned table, CSV or JSON (entities as ids in CSV and JSON)."""
    columns = list(columns or getattr(rows, "variables", None)
                   or dict.fromkeys(k for row in rows for k in row))
    if fmt == "json":
        data = [{c: _cell(row.get(c), False) for c in columns} for row in rows]
        return json.dumps(data, ensure_ascii=False, indent=2) + "\n"
    if fmt == "csv":
        out = io.StringIO()
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow(columns)
        for row in rows:
            writer.writerow([_csv_cell(row.get(c)) for c in columns])
        return out.getvalue()
    table = [[_shorten(str(_cell(row.get(c), True))) for c in columns] for row in rows]
    widths = [max([len(c), *(len(r[i]) for r in table)]) for i, c in enumerate(columns)]
    lines = ["  ".join(c.ljust(w) for c, w in zip(columns, widths, strict=True)).rstrip(),
             "  ".join("-" * w for w in widths)]
    lines += ["  ".join(v.ljust(w) for v, w in zip(r, widths, strict=True)).rstrip()
              for r in table]
    lines.append(f"({len(rows)} row{'s' if len(rows) != 1 else ''})")
    return "\n".join(lines) + "\n"


MEMBERSHIP_COLUMNS = ("state", "organization", "status", "founding", "start", "end", "signed",
                      "sources")
TENURE_COLUMNS = ("person", "post", "start", "end", "acting", "began_with")
PARTICIPATION_COLUMNS = ("participant", "state", "role", "note")


def _membership_row(m: Membership) -> dict[str, Any]:
    return {"state": m.state, "organization": m.organization, "status": m.status,
            "founding": m.founding, "start": partial(m.start, m.start_precision),
            "end": partial(m.end, m.end_precision), "signed": m.signed,
            "sources": [s.id for s in m.sources]}


def _tenure_row(t: Tenure) -> dict[str, Any]:
    return {"person": t.person, "post": t.post, "start": partial(t.start, t.start_precision),
            "end": partial(t.end, t.end_precision), "acting": t.acting, "began_with": t.began_with}


def _participation_row(p: Participation) -> dict[str, Any]:
    return {"participant": p.participant, "represents": p.represents, "role": p.role,
            "attendance": p.attendance, "composition": p.composition, "note": p.note}


def _chairmanship_row(c: Chairmanship) -> dict[str, Any]:
    return {"organization": c.organization, "state": c.state,
            "start": partial(c.start, c.start_precision),
            "end": partial(c.end, c.end_precision), "decision": c.decision,
            "sources": [s.id for s in c.sources]}


def _document_row(d: Document) -> dict[str, Any]:
    return {"document": d.id, "kind": d.kind, "date": partial(d.date, d.date_precision),
            "label": d.label,
            "signatories": ";".join(s.id for s in d.signatories),
            "refused": ";".join(s.id for s in d.refused)}


# ---------------------------------------------------------------------- commands


def _graph(args: argparse.Namespace) -> KnowledgeGraph:
    return load(args.graph) if args.graph else load()


def cmd_build(args: argparse.Namespace) -> int:
    from kg.build import build  # rdflib and pyshacl: only the build needs them

    report = build(args.data, args.ontology, args.out)
    _print_stats(report.stats)
    for path in report.written:
        print(f"wrote {path}")
    return 0


def cmd_validate(args: argparse.Namespace) -> int:
    from kg.build import check

    report = check(args.data, args.ontology)
    print(f"valid: {report.stats['triples']} triples, "
          f"{report.stats['facts_without_source']} facts without a source")
    return 0


def _print_stats(stats: dict) -> None:
    print(f"as of {stats['as_of']}: {stats['triples']} triples")
    for name, count in stats["counts"].items():
        print(f"  {name:<15}{count:>7}")
    print(f"  {'without source':<15}{stats['facts_without_source']:>7}")
    print(f"  {'unverified':<15}{stats['flagged_unverified']:>7}  (notes beginning UNVERIFIED)")
    if stats.get("facts_sourced"):
        share = stats["facts_beyond_mirrors"] / stats["facts_sourced"]
        print(f"  {'beyond mirrors':<15}{stats['facts_beyond_mirrors']:>7}  ({share:.1%} of "
              "sourced facts cite a source other than Wikipedia or a copy of it)")


def cmd_stats(args: argparse.Namespace) -> int:
    from kg.coverage import meeting_coverage

    graph = _graph(args)
    stats = compute_stats(graph.store)
    coverage = meeting_coverage(graph)
    if args.format == "json":
        stats["meeting_coverage"] = [{"organization": r.organization, "decade": r.decade,
                                      "meetings": r.meetings, "complete": r.complete}
                                     for r in coverage]
        print(json.dumps(stats, indent=2, ensure_ascii=False))
        return 0
    _print_stats(stats)
    print("meetings with complete attendance (kg coverage --gaps lists the rest):")
    for r in coverage:
        print(f"  {r.organization:<15}{r.decade:<7}{r.complete:>4} of {r.meetings:<4}")
    return 0


def cmd_cow_check(args: argparse.Namespace) -> int:
    from kg.crosscheck import cow_crosscheck

    graph = _graph(args)
    check = cow_crosscheck(graph, args.cow)
    as_of = compute_stats(graph.store)["as_of"]
    markdown = check.to_markdown(as_of)
    if args.out:
        Path(args.out).write_text(markdown, encoding="utf-8")
        agree = sum(c.agrees for c in check.cells)
        print(f"{agree} of {len(check.cells)} state-years agree; "
              f"{len(check.disagreements())} disagreements listed in {args.out}")
    else:
        sys.stdout.write(markdown)
    return 0


_QUERY_FORM = re.compile(r"^\s*(#[^\n]*\n\s*)*(PREFIX|BASE|SELECT|ASK|CONSTRUCT|DESCRIBE)\b",
                         re.IGNORECASE)


def _resolve_query(text: str) -> NamedQuery:
    """A named query, a path to a .rq file, or inline SPARQL text."""
    queries = named_queries()
    if text in queries:
        return queries[text]
    if text.endswith(".rq"):
        if not Path(text).is_file():
            raise UsageError(f"no such query file: {text}")
        return read_query_file(text)
    if "{" in text or _QUERY_FORM.match(text):
        return NamedQuery("inline", "inline", "", (), text)
    import difflib

    near = difflib.get_close_matches(text, list(queries), n=3)
    hint = f"; did you mean {', '.join(near)}?" if near else "; see `kg queries`"
    raise UsageError(f"{text!r} is not a named query, a .rq file or SPARQL text{hint}")


def _parse_params(pairs: list[str]) -> dict[str, str]:
    params = {}
    for pair in pairs:
        name, sep, value = pair.partition("=")
        if not sep:
            raise UsageError(f"bad --param {pair!r}: write NAME=VALUE")
        params[name.strip()] = value.strip()
    return params


def cmd_query(args: argparse.Namespace) -> int:
    graph = _graph(args)
    query = _resolve_query(args.query)
    params = _parse_params(args.param)
    if query.params:
        result = graph.run(query, params, engine=args.engine)
    else:
        bindings = {name: graph.entity(value) for name, value in params.items()}
        result = graph.query(query.text, engine=args.engine, **bindings)
    sys.stdout.write(_render_result(result, args.format))
    return 0


def _render_result(result: Any, fmt: str) -> str:
    """A query's answer in the format asked for: rows as table/csv/json, an ASK's boolean as
    ``true``/``false`` (JSON as the SPARQL results format has it), triples as Turtle or
    N-Triples."""
    if isinstance(result, Triples):
        if fmt in ("csv", "json"):
            raise UsageError(f"a CONSTRUCT or DESCRIBE query gives triples, not {fmt}: use "
                             "--format turtle (the default for triples) or ntriples")
        return result.serialize("ntriples" if fmt == "ntriples" else "turtle")
    if isinstance(result, bool):
        if fmt == "json":
            return json.dumps({"head": {}, "boolean": result}) + "\n"
        return ("ask\n" if fmt == "csv" else "") + ("true" if result else "false") + "\n"
    if fmt in Triples.FORMATS:
        raise UsageError(f"a SELECT query gives rows, not {fmt}: use --format table, csv or json")
    return render(result, fmt)


def cmd_queries(args: argparse.Namespace) -> int:
    rows = [{"name": q.name, "question": q.question,
             "parameters": "; ".join(p.describe() for p in q.params)}
            for q in named_queries().values()]
    sys.stdout.write(render(rows, args.format))
    return 0


def cmd_members(args: argparse.Namespace) -> int:
    graph = _graph(args)
    wanted = statuses(args.status)
    day = args.at or date.today().isoformat()
    rows = [_membership_row(m) for m in graph.memberships(organization=args.organization, at=day)
            if wanted is None or m.status in wanted]
    sys.stdout.write(render(rows, args.format, MEMBERSHIP_COLUMNS))
    return 0


def cmd_memberships(args: argparse.Namespace) -> int:
    if not args.state and not args.organization:
        raise UsageError("give --state, --organization or both")
    graph = _graph(args)
    rows = [_membership_row(m) for m in graph.memberships(args.state, args.organization)]
    sys.stdout.write(render(rows, args.format, MEMBERSHIP_COLUMNS))
    return 0


def cmd_head_of_state(args: argparse.Namespace) -> int:
    graph = _graph(args)
    person = graph.head_of_state(args.state, at=args.at)
    if person is None:
        print(f"no head of state of {args.state} recorded on {args.at or 'today'}")
        return 0
    print(person)
    return 0


def cmd_show(args: argparse.Namespace) -> int:
    graph = _graph(args)
    try:
        entity = graph.entity(args.entity)
    except UnknownEntityError:
        if args.entity not in graph._sources_by_id:
            raise
        return _show_source(graph.source(args.entity), args.format)
    described = graph.describe(entity)
    if args.format == "json":
        data = {k: [_json_value(v) for v in vs] for k, vs in described.items()}
        print(json.dumps({"id": entity.id, "type": entity.type, **data}, ensure_ascii=False,
                         indent=2))
        return 0
    print(f"{entity.label} [{entity.type} {entity.id}]  {entity.iri}")
    nested = {"memberships": _membership_row, "members": _membership_row,
              "tenures": _tenure_row, "participants": _participation_row,
              "chairmanships": _chairmanship_row, "documents": _document_row}
    for key, values in described.items():
        if key in nested:
            continue
        shown = "; ".join(_show_value(v) for v in values)
        print(f"  {key}: {shown}")
    for key, to_row in nested.items():
        if described.get(key):
            print(f"\n{key}:")
            sys.stdout.write(render([to_row(v) for v in described[key]], "table"))
    return 0


def _table(args: argparse.Namespace, table: str, **filters: Any) -> int:
    rows = records(_graph(args), table, **filters)
    sys.stdout.write(render(rows, args.format, COLUMNS[table]))
    return 0


def cmd_events(args: argparse.Namespace) -> int:
    between = (args.from_ or "0001-01-01", args.to or "9999-12-31") \
        if args.from_ or args.to else None
    return _table(args, "events", kind=args.kind, between=between,
                  participant=args.participant, organization=args.organization,
                  format=args.meeting_format)


def cmd_chairs(args: argparse.Namespace) -> int:
    graph = _graph(args)
    chairs = graph.chairs(args.organization)
    if args.at:
        day = as_date(args.at)
        chairs = [c for c in chairs if c.covers(day)]
    rows = [_chairmanship_row(c) for c in chairs]
    sys.stdout.write(render(rows, args.format, CHAIR_COLUMNS))
    return 0


def cmd_documents(args: argparse.Namespace) -> int:
    graph = _graph(args)
    rows = [_document_row(d) for d in graph.documents(event=args.event,
                                                      signatory=args.signatory)]
    sys.stdout.write(render(rows, args.format, DOCUMENT_COLUMNS))
    return 0


def cmd_participants(args: argparse.Namespace) -> int:
    return _table(args, "participations", event=args.event)


def cmd_tenures(args: argparse.Namespace) -> int:
    if not args.person and not args.post:
        raise UsageError("give --person, --post or both")
    return _table(args, "tenures", person=args.person, post=args.post, at=args.at)


def cmd_office_holders(args: argparse.Namespace) -> int:
    return _table(args, "tenures", post=args.post, at=args.at)


def cmd_sources(args: argparse.Namespace) -> int:
    graph = _graph(args)
    if args.entity:
        cited = {s.id for s in graph.sources(args.entity)}
        rows = [r for r in records(graph, "sources") if r["source"] in cited]
    else:
        rows = records(graph, "sources")
    sys.stdout.write(render(rows, args.format, COLUMNS["sources"]))
    return 0


def cmd_export(args: argparse.Namespace) -> int:
    graph = _graph(args)
    if args.format != "csv":
        from kg.export import write_rdf

        if args.out is None or args.table:
            raise UsageError(f"--format {args.format} writes the whole graph: give --out DIR "
                             "(and no --table)")
        if Path(args.out).exists() and not Path(args.out).is_dir():
            raise UsageError(f"--out {args.out} exists and is not a folder")
        for path, what in write_rdf(graph, args.out, [args.format]):
            print(f"wrote {path} ({what})")
        return 0
    tables = [args.table] if args.table else list(COLUMNS)
    if args.out is None:
        if len(tables) != 1:
            raise UsageError("give --table to write one table to standard output, or --out DIR")
        sys.stdout.write(render(records(graph, tables[0]), "csv", COLUMNS[tables[0]]))
        return 0
    out = Path(args.out)
    if out.exists() and not out.is_dir():
        raise UsageError(f"--out {out} exists and is not a folder")
    # every table is rendered before any file is written: a failure leaves the folder as it was
    written = {t: (render(rows, "csv", COLUMNS[t]), len(rows))
               for t in tables for rows in [records(graph, t)]}
    out.mkdir(parents=True, exist_ok=True)
    for table, (text, count) in written.items():
        path = out / f"{table}.csv"
        path.write_text(text, encoding="utf-8")
        print(f"wrote {path} ({count} rows)")
    return 0


def cmd_search(args: argparse.Namespace) -> int:
    rows = _graph(args).search(args.text, type=args.type, limit=args.limit)
    sys.stdout.write(render(rows, args.format, ("id", "type", "label", "matched")))
    return 0


def _show_source(source: Source, fmt: str) -> int:
    """A source id, as the tables and exports cite it, resolved to the page it names."""
    data = {"id": source.id, "type": "source", "url": source.url, "title": source.title,
            "publisher": source.publisher, "accessed": source.accessed}
    if fmt == "json":
        print(json.dumps({k: _cell(v, False) for k, v in data.items()}, ensure_ascii=False,
                         indent=2))
        return 0
    print(f"{source.title} [source {source.id}]  {source.url}")
    print(f"  publisher: {source.publisher or ''}")
    print(f"  read on: {_cell(source.accessed, True)}")
    return 0


def _show_value(value: Any) -> str:
    lang = getattr(value, "lang", None)
    if lang:
        return f"{value} ({lang})"
    if isinstance(value, Source):
        return f"{value.title} <{value.url}>"
    return str(_cell(value, True))


def _json_value(value: Any) -> Any:
    for kind, to_row in ((Membership, _membership_row), (Tenure, _tenure_row),
                         (Participation, _participation_row),
                         (Chairmanship, _chairmanship_row), (Document, _document_row)):
        if isinstance(value, kind):
            return {k: _cell(v, False) for k, v in to_row(value).items()}
    if isinstance(value, Source):
        return {"id": value.id, "url": value.url, "title": value.title}
    return _cell(value, False)


# ---------------------------------------------------------------------- parser


def make_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="kg", description="The post-Soviet institutions knowledge graph: build it, "
        "validate it, and ask it questions.")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    def add(name: str, func, help_text: str, graph: bool = True, fmt: bool = True):
        p = sub.add_parser(name, help=help_text, description=help_text)
        p.set_defaults(func=func)
        if graph:
            p.add_argument("--graph", metavar="PATH",
                           help="a built graph (.nt/.ttl/.jsonld or a folder); default: the "
                                "graph shipped in the package")
        if fmt:
            p.add_argument("--format", choices=FORMATS, default="table",
                           help="output format (default: table)")
        return p

    for name, func, help_text in (
        ("build", cmd_build, "Compile data/ and ontology/ into RDF, validate, and write the "
                             "artifacts (N-Triples, Turtle, JSON-LD, stats.json); on any problem "
                             "print every one as file:line and write nothing."),
        ("validate", cmd_validate, "Run every check of `kg build` and write nothing."),
    ):
        p = add(name, func, help_text, graph=False, fmt=False)
        p.add_argument("--data", default="data", help="curated tables (default: data)")
        p.add_argument("--ontology", default="ontology", help="ontology and shapes "
                       "(default: ontology)")
        if name == "build":
            p.add_argument("--out", default="kg/_graph", help="where to write the artifacts "
                           "(default: kg/_graph, the graph the package ships)")

    p = add("query", cmd_query, "Run a SPARQL query (SELECT, ASK, CONSTRUCT or DESCRIBE): a "
            "named query (see `kg queries`), a .rq file, or inline text. The graph's prefixes "
            "(psk, org, schema, skos, prov, ...) are predeclared. SELECT prints rows (table, "
            "csv, json); ASK prints true or false; CONSTRUCT and DESCRIBE print Turtle "
            "(or N-Triples with --format ntriples).", fmt=False)
    p.add_argument("--format", choices=(*FORMATS, *Triples.FORMATS), default="table",
                   help="output format (default: table for rows, turtle for triples)")
    p.add_argument("query", help="named query, path to a .rq file, or SPARQL text")
    p.add_argument("--param", "-p", action="append", default=[], metavar="NAME=VALUE",
                   help="bind a parameter (an entity id or label, or a date for date "
                        "parameters); repeatable")
    p.add_argument("--engine", choices=("oxigraph", "rdflib"), default="oxigraph",
                   help="query engine (default: oxigraph)")

    add("queries", cmd_queries, "List the named queries with their questions and parameters.",
        graph=False)

    p = add("members", cmd_members, "The states in an organization on a day.")
    p.add_argument("organization", help="id, acronym or label, e.g. CSTO or 集安组织")
    p.add_argument("--at", metavar="YYYY-MM-DD", help="the day (default: today)")
    p.add_argument("--status", default="member", help="member (default), associate, observer, "
                   "participant, partner, suspended, frozen, or any")

    p = add("memberships", cmd_memberships, "The membership history of a state or an "
            "organization.")
    p.add_argument("--state", help="a state's id or name")
    p.add_argument("--organization", help="an organization's id or name")

    p = add("head-of-state", cmd_head_of_state, "Who was head of state of a state on a day.",
            fmt=False)
    p.add_argument("state", help="a state's id or name")
    p.add_argument("--at", metavar="YYYY-MM-DD", help="the day (default: today)")

    p = add("show", cmd_show, "Everything the graph says about one entity.")
    p.add_argument("entity", help="id, acronym or label in any language")

    p = add("events", cmd_events, "Events, oldest first: summits, treaty signings, accessions, "
            "withdrawals, conflicts, unrest, deployments. An event with no end is ongoing and "
            "counts in every period after its start.")
    p.add_argument("--kind", choices=sorted(EVENT_CLASS_NAMES), help="only this kind")
    p.add_argument("--from", dest="from_", metavar="YYYY-MM-DD",
                   help="only events that overlap the period from this day")
    p.add_argument("--to", metavar="YYYY-MM-DD", help="... to this day (inclusive)")
    p.add_argument("--participant", help="a person or state that took part (absentees do "
                   "not count)")
    p.add_argument("--organization", help="only this organization's events")
    p.add_argument("--meeting-format", choices=MEETING_FORMATS,
                   help="only meetings held in this format")

    p = add("participants", cmd_participants, "Who hosted, attended or was absent from an "
            "event, as what (role), representing which state or organization, in person or by "
            "video.")
    p.add_argument("event", help="an event id, e.g. 2022-12-26-cis-informal-summit")

    p = add("chairs", cmd_chairs, "The rotating chairmanships of an organization, oldest "
            "first, or the chair on one day.")
    p.add_argument("organization", help="an organization's id or name, e.g. CIS")
    p.add_argument("--at", metavar="YYYY-MM-DD", help="only the chairmanship on this day")

    p = add("documents", cmd_documents, "Documents adopted or signed at an event, or signed by "
            "a state: kind, date, signatories, and states present that refused to sign.")
    p.add_argument("--event", help="an event id")
    p.add_argument("--signatory", help="a state that signed")

    p = add("tenures", cmd_tenures, "Tenures of a person or of a post, oldest first.")
    p.add_argument("--person", help="a person's id or name")
    p.add_argument("--post", help="a post's id or name")
    p.add_argument("--at", metavar="YYYY-MM-DD", help="only tenures on this day")

    p = add("office-holders", cmd_office_holders, "Who held a post: every tenure, or with "
            "--at the holder(s) on that day.")
    p.add_argument("post", help="a post's id or name, e.g. president-of-kazakhstan")
    p.add_argument("--at", metavar="YYYY-MM-DD", help="the day")

    p = add("sources", cmd_sources, "The sources: every one, or those an entity's own row "
            "cites (id, URL, title, publisher, day read).")
    p.add_argument("entity", nargs="?", help="an entity's id or name (default: all sources)")

    p = add("export", cmd_export, "Write tidy CSV tables for pandas, R or a spreadsheet: "
            "memberships, tenures, events, participations, state-year (a COW-style panel: "
            "status on 31 December), sources; or, with --format ttl|nt|nq|jsonld, an RDF dump "
            "of the whole graph with its VoID description (void.ttl) and JSON-LD context.",
            fmt=False)
    p.add_argument("--format", choices=("csv", "ttl", "nt", "nq", "jsonld"), default="csv",
                   help="csv tables (default), or an RDF dump: Turtle, N-Triples, N-Quads, "
                        "compact JSON-LD")
    p.add_argument("--table", choices=list(COLUMNS), help="one table (default: all)")
    p.add_argument("--out", metavar="DIR", help="write TABLE.csv files into this folder "
                   "(default: the one --table to standard output)")

    p = add("search", cmd_search, "Find entities of every type whose name (a label or alias in "
            "any language, an id, an ISO or Wikidata code) contains TEXT; exact names first.")
    p.add_argument("text", help="part of a name, e.g. Nazarbayev, росс or 格鲁")
    p.add_argument("--type", choices=("state", "organization", "person", "post", "event",
                                      "place", "treaty", "base"), help="only this type")
    p.add_argument("--limit", type=int, default=50, help="at most this many (default: 50)")

    add_commands(add)

    p = add("stats", cmd_stats, "Counts per class, facts without a source, facts citing more "
            "than Wikipedia and its copies, meetings with complete attendance per body and "
            "decade, and the as-of date.")

    p = add("cow-check", cmd_cow_check, "Compare the graph's memberships, year by year for "
            "1991-2014, with the Correlates of War IGO v3 data, and write the agreement table "
            "with every disagreement and its source (Markdown).", fmt=False)
    p.add_argument("--cow", default="../shared/data/cow-igo-v3", metavar="DIR",
                   help="folder with state_year_formatv3.csv.gz "
                        "(default: ../shared/data/cow-igo-v3)")
    p.add_argument("--out", metavar="FILE", help="write the Markdown here (default: stdout)")

    from kg.cli_network import register  # the network commands (kg.network)

    register(add)
    from kg.cli_html import register as register_html  # kg html; the page kg build writes

    register_html(sub, add)
    register_link(add)
    from kg.cli_history import register as register_history  # kg coverage (kg.coverage)

    register_history(add)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = make_parser()
    args = parser.parse_args(argv)
    with warnings.catch_warnings(record=True) as notes:
        warnings.simplefilter("always", KGWarning)
        try:
            return _run(args)
        finally:
            for note in notes:
                if issubclass(note.category, KGWarning):
                    print(f"kg: note: {note.message}", file=sys.stderr)


def _run(args: argparse.Namespace) -> int:
    try:
        return args.func(args)
    except DataError as err:
        for problem in err.problems:
            print(problem, file=sys.stderr)
        print(f"kg: {len(err.problems)} problem(s); nothing was written", file=sys.stderr)
        return 1
    except QueryError as err:
        print(f"kg: {err}", file=sys.stderr)
        return 1
    except (UnknownEntityError, UsageError, ValueError, FileNotFoundError, KeyError) as err:
        message = err.args[0] if isinstance(err, KeyError) and err.args else err
        print(f"kg: error: {message}", file=sys.stderr)
        return 2
    except BrokenPipeError:
        # The reader stopped early (`kg show CIS | head`): not an error worth a traceback.
        # Point stdout at devnull so that flushing it at exit does not fail again.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 1




def help_markdown() -> str:
    """The CLI reference (docs/cli.md), generated from the parsers' own ``--help``."""
    parser = make_parser()
    parts = ["# `kg` command reference\n",
             "Generated from `kg --help` by `python -m kg.cli --markdown > docs/cli.md`; a test "
             "fails when it is stale.\n",
             "```\n" + parser.format_help() + "```\n"]
    subparsers = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
    for name, sub in subparsers.choices.items():
        parts.append(f"## kg {name}\n\n```\n{sub.format_help()}```\n")
    return "\n".join(parts)


if __name__ == "__main__":
    if sys.argv[1:] == ["--markdown"]:
        sys.stdout.write(help_markdown())
        sys.exit(0)
    sys.exit(main())
