"""The COW IGO cross-check: on a small hand-written file in COW's format, and, where the real
COW files are present beside the project (../shared/data/cow-igo-v3), the published table."""

import os
from pathlib import Path

import pytest

from kg.cli import main
from kg.crosscheck import cow_crosscheck
from tests.conftest import ROOT

FIXTURE = Path(__file__).parent / "fixtures" / "cow"
REAL_COW = ROOT.parent / "shared" / "data" / "cow-igo-v3"


def test_crosscheck_on_a_small_cow_file(graph):
    check = cow_crosscheck(graph, FIXTURE)
    cells = {(c.organization, c.state, c.year): (c.graph, c.cow) for c in check.cells}
    assert cells == {
        ("CIS", "GEO", 1993): ("member", "none"),   # graph: joined 3 December 1993
        ("CIS", "GEO", 1994): ("member", "none"),
        ("CIS", "GEO", 1995): ("member", "member"),
        ("CIS", "TKM", 2005): ("associate", "associate"),
        ("CIS", "TKM", 2006): ("associate", "member"),
        ("CSTO", "TKM", 2005): ("none", "none"),
    }
    assert check.agreement() == {"CIS": (2, 5), "CSTO": (1, 1)}
    runs = check.disagreements()
    assert [(r[0].state, [c.year for c in r]) for r in runs] == [
        ("GEO", [1993, 1994]), ("TKM", [2006])]
    markdown = check.to_markdown("2026-11-26")
    assert "| CIS | `cis` | 5 | 2 | 40.0% |" in markdown
    assert "**GEO in CIS, 1993–1994**: COW *none*, graph *member*" in markdown
    assert "member from 1993-12-03 to 2009-08-18" in markdown


def test_missing_cow_folder_is_a_clear_error(tmp_path, capsys):
    assert main(["cow-check", "--cow", str(tmp_path)]) == 2
    assert "no COW IGO file" in capsys.readouterr().err


@pytest.mark.skipif(not REAL_COW.is_dir(), reason="optional large-scale check: the real COW "
                    "files are not beside the project")
def test_published_crosscheck_is_current(tmp_path, monkeypatch):
    """docs/cow-crosscheck.md is what the current graph and the real COW data give."""
    out = tmp_path / "cow.md"
    assert main(["cow-check", "--cow", str(REAL_COW), "--out", str(out)]) == 0
    assert out.read_text(encoding="utf-8") == (ROOT / "docs" / "cow-crosscheck.md").read_text(
        encoding="utf-8"), "docs/cow-crosscheck.md is stale: run kg cow-check --out ..."
    assert os.path.getsize(out) > 1000
