"""Generated docs are current, and the code is ruff clean."""

import os
import subprocess
import sys

from kg.cli import help_markdown
from tests.conftest import ROOT


def test_cli_reference_is_current(monkeypatch):
    monkeypatch.setenv("COLUMNS", "100")
    assert (ROOT / "docs" / "cli.md").read_text(encoding="utf-8") == help_markdown(), (
        "docs/cli.md is stale: run COLUMNS=100 python -m kg.cli --markdown > docs/cli.md")


def test_ruff_clean():
    result = subprocess.run([sys.executable, "-m", "ruff", "check", "kg", "tests", "benchmarks",
                             "tools"],
                            cwd=ROOT, capture_output=True, text=True,
                            env={**os.environ, "NO_COLOR": "1"})
    assert result.returncode == 0, result.stdout + result.stderr
