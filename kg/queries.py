"""Named SPARQL queries: ``kg/queries/NAME.rq`` files, each headed by the question it answers.

Header lines, before the query text::

    # title: Members of an organization at a date
    # question: Which states were full members of ?org on ?at?
    # param: org entity CSTO
    # param: at date 2010-01-01

A parameter's kind is ``entity`` (an id, acronym or label, resolved by the graph), ``date``,
``integer`` or ``string``; the last word is its default.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from importlib import resources
from pathlib import Path


@dataclass(frozen=True)
class Param:
    name: str
    kind: str
    default: str


@dataclass(frozen=True)
class NamedQuery:
    name: str
    title: str
    question: str
    params: tuple[Param, ...]
    text: str


PARAM_KINDS = ("entity", "date", "integer", "string")


def parse_named_query(name: str, text: str) -> NamedQuery:
    title = question = ""
    params = []
    for line in text.splitlines():
        if not line.startswith("#"):
            break
        key, _, value = line.lstrip("# ").partition(":")
        value = value.strip()
        if key == "title":
            title = value
        elif key == "question":
            question = value
        elif key == "param":
            pname, kind, default = value.split(maxsplit=2)
            if kind not in PARAM_KINDS:
                raise ValueError(f"{name}.rq: parameter {pname} has unknown kind {kind!r}")
            params.append(Param(pname, kind, default))
    if not title or not question:
        raise ValueError(f"{name}.rq: header needs '# title:' and '# question:' lines")
    return NamedQuery(name, title, question, tuple(params), text)


def named_queries() -> dict[str, NamedQuery]:
    """Every named query shipped with the package, by name."""
    return dict(_shipped_queries())


@cache
def _shipped_queries() -> dict[str, NamedQuery]:
    folder = resources.files("kg") / "queries"
    found = {}
    for entry in sorted(folder.iterdir(), key=lambda e: e.name):
        if entry.name.endswith(".rq"):
            name = entry.name[:-3]
            found[name] = parse_named_query(name, entry.read_text(encoding="utf-8"))
    return found


def read_query_file(path: str | Path) -> NamedQuery:
    """A ``.rq`` file from anywhere; the header is optional there."""
    path = Path(path)
    text = path.read_text(encoding="utf-8")
    try:
        return parse_named_query(path.stem, text)
    except ValueError:
        return NamedQuery(path.stem, path.stem, "", (), text)
