"""The shipped graph is exactly what data/ builds, the data tables are canonical, and the graph
ships in the wheel."""

import csv
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from kg.build import build
from kg.build.tables import TABLES
from tests.conftest import ROOT

GRAPH = ROOT / "kg" / "_graph"

#: The order rows are kept in, so that a diff shows only real changes.
SORT_KEYS = {
    "sources": ("id",), "states": ("id",), "places": ("id",), "organizations": ("id",),
    "people": ("id",), "posts": ("id",), "events": ("id",), "treaties": ("id",), "bases": ("id",),
    "memberships": ("organization", "state", "start"), "tenures": ("post", "start"),
    "participations": ("event", "participant"), "documents": ("id",),
    "chairmanships": ("organization", "start"), "names": ("entity", "lang", "start"),
}


def test_shipped_graph_has_not_drifted_from_data(tmp_path):
    build(ROOT / "data", ROOT / "ontology", tmp_path)
    for artifact in sorted(tmp_path.iterdir()):
        shipped = GRAPH / artifact.name
        assert shipped.read_bytes() == artifact.read_bytes(), (
            f"{shipped} is stale: run `kg build` and commit the result")


@pytest.mark.parametrize("table", [t.name for t in TABLES])
def test_data_tables_are_sorted_and_trimmed(table):
    path = ROOT / "data" / f"{table}.csv"
    with path.open(newline="", encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    keys = [tuple(r[c] for c in SORT_KEYS[table]) for r in rows]
    assert keys == sorted(keys), f"{path.name}: rows must be sorted by {SORT_KEYS[table]}"
    for line, row in enumerate(rows, start=2):
        for column, value in row.items():
            assert value == value.strip(), f"{path.name}:{line}: {column} has stray spaces"


def test_source_urls_are_unique():
    with (ROOT / "data" / "sources.csv").open(newline="", encoding="utf-8") as handle:
        urls = [r["url"] for r in csv.DictReader(handle)]
    assert len(urls) == len(set(urls))


def test_graph_ships_in_the_wheel(tmp_path):
    """Build a wheel, unpack it, and load the graph from it in another directory."""
    subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation",
                    "-q", "-w", str(tmp_path / "wheel"), str(ROOT)], check=True)
    (wheel,) = (tmp_path / "wheel").glob("*.whl")
    names = zipfile.ZipFile(wheel).namelist()
    assert "kg/_graph/postsoviet-kg.nt" in names and "kg/queries/members-at.rq" in names
    zipfile.ZipFile(wheel).extractall(tmp_path / "site")
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    result = subprocess.run(
        [sys.executable, "-c", "import kg; g = kg.load(); print(kg.__file__); print(len(g))"],
        cwd=elsewhere, env={"PYTHONPATH": str(tmp_path / "site"), "PATH": "/usr/bin:/bin"},
        capture_output=True, text=True, check=True)
    location, triples = result.stdout.split()
    assert Path(location).is_relative_to(tmp_path / "site")
    assert int(triples) == len((GRAPH / "postsoviet-kg.nt").read_text().splitlines())
