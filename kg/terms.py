"""Converting between RDF terms (Oxigraph's and rdflib's) and the Python values the library
returns, and small helpers for SPARQL text and IRIs."""

from __future__ import annotations

import re
from datetime import date
from typing import Any

import pyoxigraph as ox

from kg.dates import as_date
from kg.namespaces import PREFIXES, sparql_prologue
from kg.records import Entity, LangString, Source

XSD = PREFIXES["xsd"]
PSK = PREFIXES["psk"]

#: A date-precision concept's IRI -> the name the records use.
PRECISION = {PSK + "precisionDay": "day", PSK + "precisionMonth": "month",
             PSK + "precisionYear": "year"}

#: Literal datatypes converted to Python values (others stay strings).
LITERALS = {
    XSD + "date": date.fromisoformat,
    XSD + "boolean": lambda text: text in ("true", "1"),
    XSD + "integer": int, XSD + "int": int, XSD + "long": int,
    XSD + "decimal": float, XSD + "double": float, XSD + "float": float,
}


def identity(term: Any) -> Any:
    return term


def to_oxigraph(value: Any) -> ox.NamedNode | ox.Literal:
    """A value to bind in SPARQL: an Entity's IRI, a date as xsd:date, an int as xsd:integer."""
    if isinstance(value, Entity):
        return ox.NamedNode(value.iri)
    if isinstance(value, ox.NamedNode | ox.Literal):
        return value
    if isinstance(value, bool):
        return ox.Literal("true" if value else "false", datatype=ox.NamedNode(XSD + "boolean"))
    if isinstance(value, date) or type(value).__name__ == "datetime64":
        day = as_date(value)  # a datetime binds its day: xsd:dateTime never equals an xsd:date
        return ox.Literal(day.isoformat(), datatype=ox.NamedNode(XSD + "date"))
    if isinstance(value, int):
        return ox.Literal(str(value), datatype=ox.NamedNode(XSD + "integer"))
    if isinstance(value, LangString):
        return ox.Literal(str(value), language=value.lang)
    if isinstance(value, str):
        return ox.Literal(value)
    raise TypeError(f"cannot bind a {type(value).__name__} in SPARQL")


def from_rdflib(term: Any) -> Any:
    import rdflib

    if isinstance(term, rdflib.URIRef):
        return ox.NamedNode(str(term))
    if isinstance(term, rdflib.Literal):
        if term.language:
            return ox.Literal(str(term), language=term.language)
        if term.datatype is not None:
            return ox.Literal(str(term), datatype=ox.NamedNode(str(term.datatype)))
        return ox.Literal(str(term))
    return ox.BlankNode(str(term))


def plain(value: Any) -> str | None:
    return None if value is None else str(value)


def curie(iri: str) -> str:
    for prefix, namespace in PREFIXES.items():
        if iri.startswith(namespace):
            return f"{prefix}:{iri[len(namespace):]}"
    return iri


def sort_key(value: Any) -> tuple[str, str]:
    if isinstance(value, Entity | Source):
        return ("1", value.id)
    if isinstance(value, LangString):
        return ("0", f"{value.lang}:{value}")
    return ("2", str(value))


PROLOGUE_LINES = sparql_prologue().count("\n")


def syntax_message(message: str, user_text: str) -> str:
    """The parser's error as one line, positioned in the user's own text (not after the
    prologue we prepend); an unknown prefix is named."""
    match = re.search(r"\b(\d+):(\d+)\b", message) or re.search(
        r"line (\d+), column (\d+)", message)
    where = ""
    if match:
        line = int(match.group(1)) - PROLOGUE_LINES
        where = f" at line {line}, column {match.group(2)}"
    if "Prefix not found" in message:
        declared = set(PREFIXES) | set(re.findall(r"(?i)PREFIX\s+([\w-]*):", user_text))
        used = [p for p in re.findall(r"(?<![\w<\"'])([A-Za-z][\w-]*):[\w]", user_text)
                if p not in declared]
        name = f" {used[0]}:" if used else ""
        return (f"SPARQL syntax error{where}: unknown prefix{name} (declare it with PREFIX, or "
                f"use one of {', '.join(sorted(PREFIXES))})")
    first = message.split("\n", 1)[0]
    first = re.sub(r"^error at line \d+, column \d+: ", "", first)
    first = re.sub(r"^error at \d+:\d+: ", "", first)
    if len(first) > 160:
        first = first[:157] + "..."
    return f"SPARQL syntax error{where}: {first}"
