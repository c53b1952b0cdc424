"""Regenerate the tables of docs/findings.md from the graph.

    python tools/findings_tables.py            # rewrite the tables in docs/findings.md
    python tools/findings_tables.py --check    # exit 1 if the doc's tables have drifted

Each table sits under a heading of its own; this rewrites the table rows under it and leaves
the prose alone (the prose is checked by tests/test_network.py).
"""
from __future__ import annotations

import re
import sys
import warnings
from pathlib import Path

from regenerate import write_or_check

import kg

DOC = Path(__file__).resolve().parents[1] / "docs" / "findings.md"
POST_SOVIET = ["ARM", "AZE", "BLR", "EST", "GEO", "KAZ", "KGZ", "LTU", "LVA", "MDA", "RUS",
               "TJK", "TKM", "UKR", "UZB"]
CENTRAL_ASIA = ["KAZ", "KGZ", "TJK", "TKM", "UZB"]
WIDER = {"EU", "NATO", "EAP", "BSEC"}


def _table(rows: list[dict], states: list[str], years: range | list[int],
           digits: int | None) -> str:
    value = {(r["year"], r["id"]): r["value"] for r in rows}
    lines = ["| year | " + " | ".join(states) + " |",
             "|---|" + "---:|" * len(states)]
    for year in years:
        cells = []
        for s in states:
            v = value.get((year, s))
            cells.append("–" if v is None else (f"{v:.{digits}f}" if digits else f"{v:g}"))
        lines.append(f"| {year} | " + " | ".join(cells) + " |")
    return "\n".join(lines)


def tables(g: kg.KnowledgeGraph) -> dict[str, str]:
    """The heading each table sits under, and the table."""
    regional = [o.id for o in g.entities("organization") if o.id not in WIDER]
    common = dict(organizations=regional, node_type="state")
    years = range(1992, 2027)
    sample = [1995, 2000, 2004, 2005, 2009, 2013, 2015, 2020, 2026]  # the co-membership tables
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # 31 December 2026 is after the as-of date
        bipartite = g.centrality_series("bipartite-betweenness", network="state-organization",
                                        years=years, **common)
        co = g.centrality_series("betweenness", network="co-membership", years=sample,
                                 **common)
        weighted = g.centrality_series("betweenness", network="co-membership", years=sample,
                                       weighted=True, status_weighted=True, **common)
        degree = g.centrality_series("degree", network="state-organization",
                                     years=range(1993, 2014), **common)
    return {
        "### Bipartite betweenness of each post-Soviet state, state-organization network":
            _table(bipartite, POST_SOVIET, years, 3),
        "### Betweenness in the co-membership network (states linked by shared organizations)":
            _table(co, POST_SOVIET, sample, 3),
        "### The same, status-weighted (observer/partner 0.25, associate 0.5; distance 1/weight)":
            _table(weighted, POST_SOVIET, sample, 3),
        "state-organization network, 31 December:":
            _table(degree, CENTRAL_ASIA, range(1993, 2014), None),
    }


def rewrite(text: str, new_tables: dict[str, str]) -> str:
    for heading, table in new_tables.items():
        pattern = re.compile(re.escape(heading) + r"\n\n(\|.*\n)+")
        if not pattern.search(text):
            raise SystemExit(f"docs/findings.md: no table under {heading!r}")
        replacement = f"{heading}\n\n{table}\n"
        text = pattern.sub(lambda _, r=replacement: r, text, count=1)
    return text


def main(argv: list[str]) -> int:
    new = rewrite(DOC.read_text(encoding="utf-8"), tables(kg.load()))
    return write_or_check(DOC, new, argv, "python tools/findings_tables.py")


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
