"""Regenerate the tables of docs/coverage.md from the graph.

    python tools/coverage_doc.py            # rewrite everything below the doc's intro
    python tools/coverage_doc.py --check    # exit 1 if the doc has drifted

The intro (the prose before the first table) is kept; the rest is `kg coverage --markdown`.
"""
from __future__ import annotations

import sys
from pathlib import Path

from regenerate import write_or_check

import kg
from kg.coverage import coverage_markdown

DOC = Path(__file__).resolve().parents[1] / "docs" / "coverage.md"


def regenerated(text: str) -> str:
    return text[:text.index("| body |")] + coverage_markdown(kg.load())


def main(argv: list[str]) -> int:
    new = regenerated(DOC.read_text(encoding="utf-8"))
    return write_or_check(DOC, new, argv, "python tools/coverage_doc.py")


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
