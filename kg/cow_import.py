"""Import the Correlates of War IGO data (v3) as membership intervals in the graph's ontology.

COW codes each state's status in each of 534 intergovernmental organizations by calendar year
(every five years before 1965): 1 full member, 2 associate member, 3 observer, 0 not a member,
-1 the state was not in the state system that year, -9 missing. Each run of years with the same
status 1, 2 or 3 becomes one ``org:Membership`` (member, associate, observer) from 1 January of
its first year to 1 January of the year after its last (``psk:startPrecision`` and
``psk:endPrecision`` year), citing COW as its source; 0 and -1 end a run, and so does -9
(missing data is never bridged: the years on each side are separate runs, and nothing is
imported for the missing years). A run that reaches COW's last year (2014) has no end: COW
stops there, and its note says so.

States are mapped from COW numbers to ISO 3166-1 alpha-3 (the graph's own crosswalk first,
then :data:`COW_TO_ISO`, checked against pycountry, whose names label them); states that no
longer exist and have no ISO code get ``COW-`` ids (:data:`HISTORICAL`). Organizations are
those the graph crosswalks (``psk:cowAbbreviation``), else a new one named from COW's
abbreviation and names. Curated facts win: an imported interval that overlaps a curated
membership of the same state in the same organization is left out. The output is a separate
N-Triples file; the import never writes ``data/``.

>>> from kg.cow_import import import_cow, load_combined                    # doctest: +SKIP
>>> report = import_cow("state_year_formatv3.csv.gz", "igo_year_formatv3.csv.gz",
...                     out="cow-igo.nt")                                    # doctest: +SKIP
>>> g = load_combined("cow-igo.nt")                                          # doctest: +SKIP
"""

from __future__ import annotations

import csv
import gzip
import io
import re
import sys
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

import pyoxigraph as ox

from kg.namespaces import BASE, PREFIXES

#: COW state number -> ISO 3166-1 alpha-3 (XKX, Kosovo, is the code in common use; ISO has none).
COW_TO_ISO = {
    2: "USA", 20: "CAN", 31: "BHS", 40: "CUB", 41: "HTI", 42: "DOM", 51: "JAM", 52: "TTO",
    53: "BRB", 54: "DMA", 55: "GRD", 56: "LCA", 57: "VCT", 58: "ATG", 60: "KNA", 70: "MEX",
    80: "BLZ", 90: "GTM", 91: "HND", 92: "SLV", 93: "NIC", 94: "CRI", 95: "PAN", 100: "COL",
    101: "VEN", 110: "GUY", 115: "SUR", 130: "ECU", 135: "PER", 140: "BRA", 145: "BOL",
    150: "PRY", 155: "CHL", 160: "ARG", 165: "URY", 200: "GBR", 205: "IRL", 210: "NLD",
    211: "BEL", 212: "LUX", 220: "FRA", 221: "MCO", 223: "LIE", 225: "CHE", 230: "ESP",
    232: "AND", 235: "PRT", 255: "DEU", 260: "DEU", 265: "DDR", 290: "POL", 305: "AUT",
    310: "HUN", 315: "CSK", 316: "CZE", 317: "SVK", 325: "ITA", 331: "SMR", 338: "MLT",
    339: "ALB", 341: "MNE", 343: "MKD", 344: "HRV", 345: "SRB", 346: "BIH", 347: "XKX",
    349: "SVN", 350: "GRC", 352: "CYP", 355: "BGR", 359: "MDA", 360: "ROU", 365: "RUS",
    366: "EST", 367: "LVA", 368: "LTU", 369: "UKR", 370: "BLR", 371: "ARM", 372: "GEO",
    373: "AZE", 375: "FIN", 380: "SWE", 385: "NOR", 390: "DNK", 395: "ISL", 402: "CPV",
    403: "STP", 404: "GNB", 411: "GNQ", 420: "GMB", 432: "MLI", 433: "SEN", 434: "BEN",
    435: "MRT", 436: "NER", 437: "CIV", 438: "GIN", 439: "BFA", 450: "LBR", 451: "SLE",
    452: "GHA", 461: "TGO", 471: "CMR", 475: "NGA", 481: "GAB", 482: "CAF", 483: "TCD",
    484: "COG", 490: "COD", 500: "UGA", 501: "KEN", 510: "TZA", 516: "BDI", 517: "RWA",
    520: "SOM", 522: "DJI", 530: "ETH", 531: "ERI", 540: "AGO", 541: "MOZ", 551: "ZMB",
    552: "ZWE", 553: "MWI", 560: "ZAF", 565: "NAM", 570: "LSO", 571: "BWA", 572: "SWZ",
    580: "MDG", 581: "COM", 590: "MUS", 591: "SYC", 600: "MAR", 615: "DZA", 616: "TUN",
    620: "LBY", 625: "SDN", 626: "SSD", 630: "IRN", 640: "TUR", 645: "IRQ", 651: "EGY",
    652: "SYR", 660: "LBN", 663: "JOR", 666: "ISR", 670: "SAU", 679: "YEM", 680: "YMD",
    690: "KWT", 692: "BHR", 694: "QAT", 696: "ARE", 698: "OMN", 700: "AFG", 701: "TKM",
    702: "TJK", 703: "KGZ", 704: "UZB", 705: "KAZ", 710: "CHN", 712: "MNG", 713: "TWN",
    731: "PRK", 732: "KOR", 740: "JPN", 750: "IND", 760: "BTN", 770: "PAK", 771: "BGD",
    775: "MMR", 780: "LKA", 781: "MDV", 790: "NPL", 800: "THA", 811: "KHM", 812: "LAO",
    816: "VNM", 820: "MYS", 830: "SGP", 835: "BRN", 840: "PHL", 850: "IDN", 860: "TLS",
    900: "AUS", 910: "PNG", 920: "NZL", 935: "VUT", 940: "SLB", 946: "KIR", 947: "TUV",
    950: "FJI", 955: "TON", 970: "NRU", 983: "MHL", 986: "PLW", 987: "FSM", 990: "WSM",
}
#: COW state number -> (id, English name) for states that ended before ISO 3166 gave them a code.
HISTORICAL = {
    240: ("COW-HAN", "Hanover"), 245: ("COW-BAV", "Bavaria"), 267: ("COW-BAD", "Baden"),
    269: ("COW-SAX", "Saxony"), 271: ("COW-WRT", "Württemberg"),
    273: ("COW-HSE", "Hesse-Kassel (Electoral Hesse)"),
    275: ("COW-HSG", "Hesse-Darmstadt (Grand Ducal Hesse)"),
    280: ("COW-MEC", "Mecklenburg-Schwerin"), 300: ("COW-AUH", "Austria-Hungary"),
    327: ("COW-PAP", "Papal States"), 329: ("COW-SIC", "Two Sicilies"),
    332: ("COW-MOD", "Modena"), 335: ("COW-PMA", "Parma"), 337: ("COW-TUS", "Tuscany"),
    511: ("COW-ZAN", "Zanzibar"), 678: ("COW-YAR", "Yemen Arab Republic (North Yemen)"),
    730: ("COW-KOR", "Korea (to 1905)"), 817: ("COW-RVN", "Republic of Vietnam (South Vietnam)"),
}

COW_STATUS = {"1": "member", "2": "associate", "3": "observer"}
#: COW's first day: kg.network's networks of a combined graph start here (see load_combined).
FIRST_DAY = date(1816, 1, 1)
#: COW's last year: a run that reaches it has no known end.
LAST_YEAR = 2014
SOURCE_ID = "cow-igo-v3"
SOURCE_URL = "https://doi.org/10.1177/0022343319881175"
SOURCE_TITLE = ("Pevehouse, Nordstrom, McManus and Jamison, Tracking Organizations in the World: "
                "The Correlates of War IGO Version 3.0 Datasets, Journal of Peace Research "
                "57(3), 2020, 492-503 (state-year and IGO-year files)")
ONGOING_NOTE = ("Imported from COW IGO v3, which codes statuses by year up to 2014; whether "
                "this status held after 2014 is not known from COW.")
NOTE = "Imported from COW IGO v3, which codes statuses by year (dates are years)."

XSD, PSK = PREFIXES["xsd"], PREFIXES["psk"]
RDF_TYPE = ox.NamedNode(PREFIXES["rdf"] + "type")


class CowFormatError(ValueError):
    """A COW file that is not in COW's format; the message names the file and line."""


@dataclass
class Interval:
    state: str          # the state's id
    column: str         # COW's lower-case abbreviation
    status: str         # member, associate, observer
    first: int          # first year
    last: int           # last year with this status
    ongoing: bool       # reaches COW's last year


@dataclass
class ImportReport:
    organizations: int = 0
    states: int = 0
    memberships: int = 0
    kept_curated: int = 0               # imported intervals left out: a curated fact overlaps
    new_organizations: int = 0
    new_states: int = 0
    triples: int = 0
    out: Path | None = None
    skipped: dict[str, int] = field(default_factory=dict)


def _open(path: str | Path):
    path = Path(path)
    if not path.is_file():
        raise FileNotFoundError(f"no COW file at {path}")
    if path.suffix == ".gz":
        return gzip.open(path, "rt", encoding="utf-8", newline="")
    return open(path, encoding="utf-8", newline="")


def _progress(iterable, total: int | None, what: str, show: bool | None):
    try:
        from tqdm import tqdm
    except ImportError:  # pragma: no cover - tqdm is a dependency
        return iterable
    return tqdm(iterable, total=total, desc=what, unit=" rows", file=sys.stderr,
                disable=None if show is None else not show, leave=False)


def read_state_years(path: str | Path, show_progress: bool | None = None):
    """(columns, {state number: {year: {column: code}}}, {state number: COW name}) from COW's
    state-year file (``state_year_formatv3.csv``, optionally gzipped)."""
    with _open(path) as handle:
        text = handle.read()
    reader = csv.reader(io.StringIO(text))
    header = next(reader, None)
    if not header or header[:3] != ["ccode", "year", "state"]:
        raise CowFormatError(f"{path}:1: expected COW's state-year header "
                             "ccode,year,state,<igo>,...")
    columns = header[3:]
    years: dict[int, dict[int, list[str]]] = defaultdict(dict)
    names: dict[int, str] = {}
    total = text.count("\n")
    for line, row in enumerate(_progress(reader, total, "reading COW state-years",
                                         show_progress), start=2):
        if not row:
            continue
        if len(row) != len(header):
            raise CowFormatError(f"{path}:{line}: {len(row)} cells, the header has "
                                 f"{len(header)}")
        try:
            code, year = int(row[0]), int(row[1])
        except ValueError:
            raise CowFormatError(f"{path}:{line}: ccode and year must be numbers") from None
        bad = next((c for c in row[3:] if c not in _CODES), None)
        if bad is not None:
            raise CowFormatError(f"{path}:{line}: status {bad!r} is not a COW code "
                                 "(1, 2, 3, 0, -1, -9)")
        years[code][year] = row[3:]
        names[code] = row[2]
    return columns, years, names


_CODES = {"1", "2", "3", "0", "-1", "-9"}


def read_igos(path: str | Path) -> dict[str, dict[str, str]]:
    """{lower-case abbreviation: {ioname, orgname, longorgname, sdate, deaddate}} from COW's
    IGO-year file."""
    found: dict[str, dict[str, str]] = {}
    with _open(path) as handle:
        reader = csv.DictReader(handle)
        if not reader.fieldnames or "ioname" not in reader.fieldnames:
            raise CowFormatError(f"{path}:1: expected COW's IGO-year header ioname,orgname,...")
        for row in reader:
            found.setdefault(row["ioname"].lower(), {k: row.get(k) or "" for k in (
                "ioname", "orgname", "longorgname", "sdate", "deaddate")})
    return found


def intervals(columns: list[str], years: dict[int, dict[int, list[str]]],
              state_id) -> list[Interval]:
    """Runs of equal status (1, 2, 3) in consecutive observed years, per state and IGO. Two
    COW numbers mapped to one state (West Germany and Germany) are read as one history,
    the stronger status winning in a year both code."""
    by_state: dict[str, dict[int, list[str]]] = defaultdict(dict)
    for code, rows in years.items():
        target = by_state[state_id(code)]
        for year, cells in rows.items():
            if year in target:
                cells = [_stronger(a, b) for a, b in zip(target[year], cells, strict=True)]
            target[year] = cells
    found = []
    for state, rows in sorted(by_state.items()):
        ordered = sorted(rows)
        for index, column in enumerate(columns):
            run: Interval | None = None
            for year in ordered:
                status = COW_STATUS.get(rows[year][index])
                if run is not None and status == run.status:
                    run.last = year
                    continue
                if run is not None:
                    found.append(run)
                run = Interval(state, column, status, year, year, False) if status else None
            if run is not None:
                run.ongoing = run.last >= LAST_YEAR
                found.append(run)
    return found


def _stronger(a: str, b: str) -> str:
    rank = {"1": 5, "2": 4, "3": 3, "0": 2, "-9": 1, "-1": 0}
    return a if rank[a] >= rank[b] else b


def _literal(value: str, datatype: str | None = None, lang: str | None = None) -> ox.Literal:
    if lang:
        return ox.Literal(value, language=lang)
    if datatype:
        return ox.Literal(value, datatype=ox.NamedNode(XSD + datatype))
    return ox.Literal(value)


def _slug(text: str) -> str:
    return re.sub(r"[^A-Za-z0-9]+", "-", text).strip("-").upper()


def import_cow(state_years: str | Path, igos: str | Path | None = None,
               out: str | Path = "cow-igo.nt", graph=None,
               show_progress: bool | None = None, combined: str | Path | None = None,
               ) -> ImportReport:
    """Read COW's files, write the imported triples to ``out`` (sorted N-Triples) and, with
    ``combined``, the curated graph and the imported triples together to that file. ``graph``
    is the curated graph (default: the one shipped in the package)."""
    from kg.graph import load

    for target in (out, combined):
        if target is not None:
            _refuse_data_dir(Path(target))
    curated = graph if graph is not None else load()
    columns, years, names = read_state_years(state_years, show_progress)
    igo_names = read_igos(igos) if igos else {}

    states = {e.id: e for e in curated.entities("state")}
    cow_states = {int(r["n"]): r["s"] for r in curated.query(
        "SELECT ?s ?n WHERE { ?s psk:cowStateNumber ?n }")}
    cow_orgs: dict[str, list] = defaultdict(list)
    for row in curated.query("SELECT ?o ?a WHERE { ?o psk:cowAbbreviation ?a }"):
        cow_orgs[str(row["a"]).lower()].append(row["o"])
    lifetimes = curated._lifetimes

    def state_id(code: int) -> str:
        if code in cow_states:
            return cow_states[code].id
        if code in COW_TO_ISO:
            return COW_TO_ISO[code]
        if code in HISTORICAL:
            return HISTORICAL[code][0]
        raise CowFormatError(f"{state_years}: COW state number {code} ({names.get(code)}) "
                             "has no mapping: add it to kg.cow_import.COW_TO_ISO")

    runs = intervals(columns, years, state_id)
    triples: list[ox.Triple] = []
    add = lambda s, p, o: triples.append(ox.Triple(s, p, o))  # noqa: E731
    source = ox.NamedNode(BASE + "source/" + SOURCE_ID)
    add(source, RDF_TYPE, ox.NamedNode(PSK + "Source"))
    add(source, ox.NamedNode(PREFIXES["dcterms"] + "identifier"), _literal(SOURCE_ID))
    add(source, ox.NamedNode(PREFIXES["schema"] + "url"), ox.NamedNode(SOURCE_URL))
    add(source, ox.NamedNode(PREFIXES["dcterms"] + "title"), _literal(SOURCE_TITLE))
    add(source, ox.NamedNode(PREFIXES["dcterms"] + "publisher"),
        _literal("Correlates of War Project"))
    derived = ox.NamedNode(PREFIXES["prov"] + "wasDerivedFrom")
    label = ox.NamedNode(PREFIXES["skos"] + "prefLabel")
    alias = ox.NamedNode(PREFIXES["skos"] + "altLabel")
    ident = ox.NamedNode(PREFIXES["dcterms"] + "identifier")

    report = ImportReport()
    # organizations: the curated one(s) of a crosswalked abbreviation, else a new one
    # an abbreviation may be an ISO code too (NAM: the Non-Aligned Movement and Namibia):
    # ids are shared by every kind of entity, so the organization gets a COW- prefix
    curated_ids = {e.id for e in curated.entities()} | {state_id(code) for code in names}
    org_of: dict[str, list] = {}
    for column in columns:
        if column in cow_orgs:
            org_of[column] = sorted(cow_orgs[column], key=lambda e: e.id)
            continue
        info = igo_names.get(column, {})
        ident_text = _slug(info.get("ioname") or column) or column.upper()
        if ident_text in curated_ids:
            ident_text = "COW-" + ident_text
        node = ox.NamedNode(BASE + "organization/" + ident_text)
        org_of[column] = [node]
        report.new_organizations += 1
        add(node, RDF_TYPE, ox.NamedNode(PSK + "IntergovernmentalOrganization"))
        add(node, ident, _literal(ident_text))
        name = info.get("longorgname") or info.get("orgname") or (info.get("ioname") or column)
        add(node, label, _literal(name.strip(), lang="en"))
        add(node, alias, _literal(info.get("ioname") or column.upper(), lang="en"))
        add(node, ox.NamedNode(PSK + "cowAbbreviation"),
            _literal(info.get("ioname") or column.upper(), "string"))
        if info.get("sdate", "").isdigit():
            add(node, ox.NamedNode(PREFIXES["schema"] + "foundingDate"),
                _literal(f"{int(info['sdate']):04d}-01-01", "date"))
        add(node, derived, source)
    report.organizations = len(columns)

    # states not in the curated graph
    seen_states = {run.state for run in runs} | {state_id(c) for c in years}
    import pycountry

    for sid in sorted(seen_states - set(states)):
        node = ox.NamedNode(BASE + "state/" + sid)
        code = next(c for c in years if state_id(c) == sid)
        report.new_states += 1
        add(node, RDF_TYPE, ox.NamedNode(PSK + "State"))
        add(node, ident, _literal(sid))
        add(node, ox.NamedNode(PSK + "cowStateNumber"), _literal(str(code), "integer"))
        add(node, derived, source)
        if sid.startswith("COW-"):
            add(node, RDF_TYPE, ox.NamedNode(PSK + "FormerState"))
            add(node, label, _literal(HISTORICAL[code][1], lang="en"))
            continue
        country = pycountry.countries.get(alpha_3=sid)
        historic = pycountry.historic_countries.get(alpha_3=sid) if country is None else None
        if country is not None:
            add(node, RDF_TYPE, ox.NamedNode(PSK + "RecognizedState"))
            add(node, label, _literal(getattr(country, "common_name", None) or country.name,
                                      lang="en"))
            add(node, ox.NamedNode(PSK + "iso3166Alpha2"), _literal(country.alpha_2))
        elif historic is not None:
            add(node, RDF_TYPE, ox.NamedNode(PSK + "FormerState"))
            add(node, label, _literal(historic.name, lang="en"))
        else:  # XKX
            add(node, RDF_TYPE, ox.NamedNode(PSK + "PartiallyRecognizedState"))
            add(node, label, _literal("Kosovo", lang="en"))
    report.states = len(seen_states)

    # memberships, curated facts first
    held: dict[tuple[str, str], list[tuple]] = defaultdict(list)
    for m in curated.memberships():
        held[(m.state.iri, m.organization.iri)].append((m.start, m.end))
    for run in runs:
        state_iri = BASE + "state/" + run.state
        org = _pick(org_of[run.column], run.first, lifetimes)
        org_iri = org.iri if hasattr(org, "iri") else org.value
        start, end = f"{run.first:04d}-01-01", None if run.ongoing else f"{run.last + 1:04d}-01-01"
        if _overlaps_curated(held, state_iri, org_of[run.column], start, end):
            report.kept_curated += 1
            continue
        node = ox.NamedNode(f"{BASE}membership/COW-{run.state}-{org_iri.rsplit('/', 1)[-1]}-"
                            f"{run.status}-{run.first}")
        add(node, RDF_TYPE, ox.NamedNode(PREFIXES["org"] + "Membership"))
        add(node, ox.NamedNode(PREFIXES["org"] + "member"), ox.NamedNode(state_iri))
        add(node, ox.NamedNode(PREFIXES["org"] + "organization"), ox.NamedNode(org_iri))
        add(node, ox.NamedNode(PSK + "status"), ox.NamedNode(PSK + "status-" + run.status))
        add(node, ox.NamedNode(PREFIXES["schema"] + "startDate"), _literal(start, "date"))
        add(node, ox.NamedNode(PSK + "startPrecision"), ox.NamedNode(PSK + "precisionYear"))
        add(node, ox.NamedNode(PSK + "foundingMember"), _literal("false", "boolean"))
        if end is not None:
            add(node, ox.NamedNode(PREFIXES["schema"] + "endDate"), _literal(end, "date"))
            add(node, ox.NamedNode(PSK + "endPrecision"), ox.NamedNode(PSK + "precisionYear"))
        add(node, ox.NamedNode(PREFIXES["rdfs"] + "comment"),
            _literal(ONGOING_NOTE if run.ongoing else NOTE, lang="en"))
        add(node, derived, source)
        report.memberships += 1

    data = ox.serialize(sorted(set(triples), key=str), format=ox.RdfFormat.N_TRIPLES)
    report.triples = data.count(b"\n")
    out = Path(out)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_bytes(data)
    report.out = out
    if combined is not None:
        whole = ox.serialize(curated.store, format=ox.RdfFormat.N_TRIPLES) + data
        Path(combined).write_bytes(whole)
    return report


def _pick(candidates: list, year: int, lifetimes) -> object:
    """Of the curated organizations sharing one COW abbreviation (COW folds predecessors
    into one column), the one that existed in ``year``; else the first."""
    if len(candidates) == 1:
        return candidates[0]
    for org in candidates:
        iri = org.iri if hasattr(org, "iri") else org.value
        born, ended, _ = lifetimes.get(iri, (None, None, ""))
        if (born is None or born.year <= year) and (ended is None or year < ended.year):
            return org
    return candidates[0]


def _overlaps(start: str, end: str | None, a, b) -> bool:
    s, e = date.fromisoformat(start), date.fromisoformat(end) if end else None
    return (e is None or a < e) and (b is None or s < b)


def _overlaps_curated(held, state_iri: str, orgs: list, start: str, end: str | None) -> bool:
    """Whether a curated membership of the state in any organization of this COW column
    overlaps the interval."""
    for org in orgs:
        iri = org.iri if hasattr(org, "iri") else org.value
        if any(_overlaps(start, end, a, b) for a, b in held[(state_iri, iri)]):
            return True
    return False


def _refuse_data_dir(target: Path) -> None:
    data = (Path(__file__).resolve().parent.parent / "data").resolve()
    resolved = target.resolve()
    if resolved == data or data in resolved.parents:
        raise ValueError(f"{target}: the COW import never writes into data/ (the curated "
                         "tables); write it elsewhere")


def load_combined(cow: str | Path, curated: str | Path | None = None):
    """The curated graph (default: the one shipped in the package) and an imported COW file,
    as one :class:`kg.KnowledgeGraph`."""
    from kg.graph import PACKAGED_GRAPH, KnowledgeGraph, resources

    if curated is None:
        curated = Path(str(resources.files("kg") / "_graph" / PACKAGED_GRAPH))
    store = ox.Store()
    for path in (curated, cow):
        store.bulk_load(path=str(path), format=ox.RdfFormat.N_TRIPLES)
    graph = KnowledgeGraph(store)
    graph.network_start = FIRST_DAY  # kg.network: networks from 1816, not from 1991
    return graph
