"""The write-or-check step shared by the tools that regenerate parts of a doc from the graph."""
from __future__ import annotations

import sys
from pathlib import Path


def write_or_check(doc: Path, new: str, argv: list[str], command: str) -> int:
    """Write ``new`` to ``doc``; with ``--check`` in ``argv``, only say (exit 1) if it differs."""
    if "--check" in argv:
        if new != doc.read_text(encoding="utf-8"):
            print(f"{doc} is stale: run {command}", file=sys.stderr)
            return 1
        return 0
    doc.write_text(new, encoding="utf-8")
    return 0
