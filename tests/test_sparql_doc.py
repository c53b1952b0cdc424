"""Every query in docs/sparql.md gives exactly the answer the page shows."""

import re

import pytest

from kg.cli import render
from tests.conftest import ROOT

DOC = (ROOT / "docs" / "sparql.md").read_text(encoding="utf-8")
EXAMPLES = re.findall(r"```sparql\n(.*?)```\n\n```csv\n(.*?)```", DOC, re.DOTALL)


def test_the_page_has_at_least_six_worked_queries():
    assert len(EXAMPLES) >= 6


@pytest.mark.parametrize("query, answer", EXAMPLES, ids=[f"q{i + 1}" for i in
                                                         range(len(EXAMPLES))])
def test_each_worked_query_gives_the_answer_shown(graph, query, answer):
    assert render(graph.query(query), "csv") == answer


def test_every_predeclared_prefix_is_in_the_table():
    from kg.namespaces import PREFIXES

    table = DOC.split("## Prefixes", 1)[1].split("##", 1)[0]
    missing = [p for p in PREFIXES if f"`{p}:`" not in table]
    assert missing == []
