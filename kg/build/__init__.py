"""Compile the curated tables in ``data/`` and the ontology in ``ontology/`` into one validated
RDF graph, and write its artifacts deterministically — or, on any problem, write nothing.

>>> from kg.build import build                                       # doctest: +SKIP
>>> report = build("data", "ontology", "kg/_graph")                  # doctest: +SKIP
>>> report.stats["counts"]["states"]                                 # doctest: +SKIP
16
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import pyoxigraph as ox
from rdflib import Graph

from kg.build import checks
from kg.build.artifacts import serialize_all, sorted_ntriples, write_atomically
from kg.build.compile import compile_rows, dataset_metadata
from kg.build.shacl import shacl_problems
from kg.build.tables import TABLES, Row, read_table
from kg.problems import DataError, Problem
from kg.stats import compute_stats

__all__ = ["BuildReport", "DataError", "Problem", "build", "check"]

ONTOLOGY_FILES = ("postsoviet.ttl", "vocabularies.ttl")
SHAPES_FILE = "shapes.ttl"
DATASET_FILE = "dataset.toml"


@dataclass
class BuildReport:
    """What a build produced: the graph as sorted N-Triples, its stats, and files written."""

    ntriples: str
    stats: dict
    written: list[Path] = field(default_factory=list)


def _relative(path: Path) -> str:
    try:
        return str(path.resolve().relative_to(Path.cwd().resolve()))
    except ValueError:
        return str(path)


def load_tables(data_dir: Path,
                problems: list[Problem]) -> tuple[dict[str, list[Row]], set[str]]:
    """Every table's rows, and the entity kinds (or, for fact tables, the table names) whose
    table could not be read."""
    tables, unreadable = {}, set()
    for table in TABLES:
        path = data_dir / table.filename
        rows = None
        if path.exists():
            rows = read_table(table, path, _relative(path), problems)
        else:
            problems.append(Problem(_relative(path), 0, "missing table"))
        if rows is None:
            unreadable.add(table.entity or table.name)
        tables[table.name] = rows or []
    return tables, unreadable


def check(data_dir: str | Path = "data", ontology_dir: str | Path = "ontology") -> BuildReport:
    """Compile and validate; raise DataError listing every problem. Writes nothing."""
    data_dir, ontology_dir = Path(data_dir), Path(ontology_dir)
    for folder, what in ((data_dir, "data"), (ontology_dir, "ontology")):
        if not folder.is_dir():
            raise FileNotFoundError(f"no {what} directory at {folder}: run from the project root "
                                    f"or pass --{what}")
    problems: list[Problem] = []
    tables, unreadable = load_tables(data_dir, problems)
    registry = checks.run_all(tables, problems, unreadable)
    compiler = compile_rows(tables, registry)
    graph: Graph = compiler.graph
    for name in ONTOLOGY_FILES:
        try:
            graph.parse(ontology_dir / name, format="turtle")
        except Exception as err:  # a parser error names the position in its message
            problems.append(Problem(_relative(ontology_dir / name), 0, f"cannot parse: {err}"))
    dataset_path = data_dir / DATASET_FILE
    try:
        dataset_metadata(dataset_path, graph)
    except (OSError, KeyError, ValueError) as err:
        problems.append(Problem(_relative(dataset_path), 0, f"bad dataset metadata: {err}"))
    # SHACL on a graph missing a whole table (or the ontology) would only repeat that problem
    if not unreadable and not any(p.file.endswith(".ttl") for p in problems):
        # A row already reported is left out here: its SHACL results would only repeat it.
        located = {(p.file, p.line) for p in problems}
        problems += [p for p in shacl_problems(graph, ontology_dir / SHAPES_FILE, compiler.origin,
                                               _relative(ontology_dir / SHAPES_FILE))
                     if (p.file, p.line) not in located]
    if problems:
        raise DataError(problems)
    ntriples = sorted_ntriples(graph)
    store = ox.Store()
    store.load(ntriples.encode("utf-8"), format=ox.RdfFormat.N_TRIPLES)
    return BuildReport(ntriples, compute_stats(store))


def build(data_dir: str | Path = "data", ontology_dir: str | Path = "ontology",
          out_dir: str | Path = "kg/_graph") -> BuildReport:
    """Check, then write every artifact into ``out_dir``; on any problem raise DataError and
    leave ``out_dir`` untouched."""
    report = check(data_dir, ontology_dir)
    report.written = write_atomically(Path(out_dir), serialize_all(report.ntriples, report.stats))
    return report
