"""Binding values into SPARQL text, the same way for every engine.

Oxigraph's own substitution only binds variables that the query projects, and rdflib's
``initBindings`` has its own rules; both engines, and any remote endpoint, agree on an inline
``VALUES`` block. It goes first in the outermost group, so that FILTERs of that group, and
``EXISTS`` patterns in them, see the bound values.
"""

from __future__ import annotations

import re

import pyoxigraph as ox

_IRI = re.compile(r"<[^<>\"{}|^`\\\s]*>")


def term_to_sparql(term: ox.NamedNode | ox.Literal) -> str:
    """``<iri>``, ``"text"@lang`` or ``"value"^^<datatype>``."""
    if isinstance(term, ox.NamedNode):
        return f"<{term.value}>"
    text = (term.value.replace("\\", "\\\\").replace('"', '\\"')
            .replace("\n", "\\n").replace("\r", "\\r"))
    if term.language:
        return f'"{text}"@{term.language}'
    return f'"{text}"^^<{term.datatype.value}>'


def _braces(sparql: str):
    """Yield (index, char) for every ``{`` and ``}`` outside comments, strings and IRIs."""
    i, n = 0, len(sparql)
    while i < n:
        char = sparql[i]
        if char == "#":
            end = sparql.find("\n", i)
            i = n if end < 0 else end + 1
        elif char in "'\"":
            quote = char * 3 if sparql.startswith(char * 3, i) else char
            i += len(quote)
            while i < n and not sparql.startswith(quote, i):
                i += 2 if sparql[i] == "\\" else 1
            i += len(quote)
        elif char == "<" and (match := _IRI.match(sparql, i)):
            i = match.end()
        else:
            if char in "{}":
                yield i, char
            i += 1


_CONSTRUCT_TEMPLATE = re.compile(r"\bCONSTRUCT\s*$", re.IGNORECASE)


def outer_group_start(sparql: str) -> int:
    """The index just after the ``{`` that opens the query's outermost group pattern (for a
    CONSTRUCT, the WHERE clause's, not the template's), skipping comments, strings and IRIs.
    Raises ValueError if there is none."""
    depth, in_template = 0, False
    for index, char in _braces(sparql):
        if char == "{":
            if depth == 0 and not in_template and _CONSTRUCT_TEMPLATE.search(sparql[:index]):
                in_template = True
            elif depth == 0 and not in_template:
                return index + 1
            depth += 1
        else:
            depth -= 1
            if depth == 0:
                in_template = False
    raise ValueError("the query has no group pattern { ... } to bind values in")


def bind_values(sparql: str, bindings: dict[str, ox.NamedNode | ox.Literal]) -> str:
    """The query with ``VALUES ?a { ... } VALUES ?b { ... }`` first in its outermost group.

    One block per variable (the same solutions as one ``VALUES (?a ?b)`` row): Virtuoso 7
    fails to compile a multi-variable VALUES row whose variable is used only in a FILTER."""
    if not bindings:
        return sparql
    blocks = " ".join(f"VALUES ?{name} {{ {term_to_sparql(term)} }}"
                      for name, term in bindings.items())
    at = outer_group_start(sparql)
    return f"{sparql[:at]} {blocks} {sparql[at:]}"
