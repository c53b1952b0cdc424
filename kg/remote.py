"""The same library API over any SPARQL 1.1 endpoint.

``kg.connect("http://host:port/query")`` gives a :class:`kg.KnowledgeGraph` whose queries go to
a remote endpoint (Oxigraph, Fuseki, QLever, GraphDB, Virtuoso) over the SPARQL 1.1 Protocol
instead of to an in-process Oxigraph store; every method (``members``, ``membership``,
``head_of_state``, ``events``, ``query``, ``named_query``, ``to_frame``, and the network
projections built on them) works unchanged, because they all go through one internal call,
``KnowledgeGraph._select``, which asks ``graph.store.query(text)``.

:class:`SparqlEndpoint` is that store: it answers ``query(text)`` like a pyoxigraph ``Store``
(solutions, a boolean, or triples), ``len()`` and iteration. Before sending, each query is
parsed by Oxigraph locally, so a syntax error is the same one-line message as on the embedded
graph and never reaches the server.

Dialect adaptations (see docs/endpoint.md): results come back as SPARQL JSON (solutions,
booleans) or N-Triples/Turtle (CONSTRUCT, DESCRIBE) and are read into Oxigraph terms, so dates,
booleans and language tags reach the library as on the embedded graph. Virtuoso (detected by
its ``Server`` header, or ``dialect="virtuoso"``) needs more:

- it stores ``xsd:boolean`` literals as integers and returns ``1``/``0`` typed
  ``xsd:integer``: a variable the library reads as a boolean is converted back
  (:data:`BOOLEAN_VARIABLES`), and a boolean constant in the query text is sent as the integer
  Virtuoso compares it with;
- it orders IRIs by internal id, not by their text: ``ORDER BY ?x`` is sent as
  ``ORDER BY STR(?x)`` for variables bound to IRIs... which is also how Oxigraph orders IRIs;
- it caps result sets at ``ResultSetMaxRows`` silently (with an ``X-SPARQL-MaxRows`` header): a
  capped answer is an error here, never a short list;
- it has system graphs: give ``default_graph`` so that queries read only the data's graph.
"""

from __future__ import annotations

import re
from typing import Any

import pyoxigraph as ox

XSD = "http://www.w3.org/2001/XMLSchema#"

#: Variables of the library's own queries that hold an ``xsd:boolean``.
BOOLEAN_VARIABLES = frozenset({"founding", "acting", "unverified"})

_JSON = "application/sparql-results+json"
_TRIPLES = "application/n-triples, text/turtle;q=0.9, text/plain;q=0.5"


class EndpointError(ConnectionError):
    """The endpoint could not be reached, or answered with an error."""


class SparqlEndpoint:
    """A SPARQL 1.1 Protocol endpoint with the part of pyoxigraph's ``Store`` interface the
    library uses: ``query(text)``, ``len()`` and iteration over the triples."""

    def __init__(self, url: str, default_graph: str | None = None, dialect: str = "auto",
                 timeout: float = 60.0, headers: dict[str, str] | None = None):
        if dialect not in ("auto", "standard", "virtuoso"):
            raise ValueError(f"unknown dialect {dialect!r}: expected auto, standard or virtuoso")
        self.url, self.default_graph, self.timeout = url, default_graph, timeout
        self.headers = dict(headers or {})
        self._parser = ox.Store()  # empty: parses (and trivially evaluates) queries locally
        self.server = ""
        self.dialect = dialect
        if dialect == "auto":
            self.dialect = "virtuoso" if "virtuoso" in self.probe().casefold() else "standard"

    def __repr__(self) -> str:
        return f"<SparqlEndpoint {self.url} ({self.dialect})>"

    # ------------------------------------------------------------------ protocol
    def _post(self, text: str, accept: str) -> tuple[bytes, str, dict[str, str]]:
        import urllib.error
        import urllib.parse
        import urllib.request

        fields = [("query", text)]
        if self.default_graph:
            fields.append(("default-graph-uri", self.default_graph))
        request = urllib.request.Request(
            self.url, data=urllib.parse.urlencode(fields).encode("utf-8"), method="POST",
            headers={"Accept": accept, "Content-Type": "application/x-www-form-urlencoded",
                     "User-Agent": "postsoviet-kg", **self.headers})
        try:
            with urllib.request.urlopen(request, timeout=self.timeout) as response:
                headers = {k.casefold(): v for k, v in response.headers.items()}
                return response.read(), headers.get("content-type", ""), headers
        except urllib.error.HTTPError as err:
            body = err.read().decode("utf-8", "replace").strip()
            first = body.splitlines()[0] if body else err.reason
            raise EndpointError(f"{self.url} answered {err.code}: {first[:300]}") from None
        except (urllib.error.URLError, OSError) as err:
            reason = getattr(err, "reason", err)
            raise EndpointError(f"cannot reach the SPARQL endpoint {self.url}: {reason}") from None

    def probe(self) -> str:
        """Ask ``ASK {}``; return the server's ``Server`` header (empty if none)."""
        _, _, headers = self._post("ASK {}", _JSON)
        self.server = headers.get("server", "")
        return self.server

    # ------------------------------------------------------------------ Store interface
    def query(self, text: str) -> Any:
        """Solutions (``pyoxigraph.QuerySolutions``), a ``bool``, or a list of triples."""
        local = self._parser.query(text)  # raises SyntaxError as the embedded graph does
        if isinstance(local, ox.QueryBoolean):
            body, kind, headers = self._post(self.adapt(text), _JSON)
            return bool(ox.parse_query_results(body, format=_results_format(kind)))
        if isinstance(local, ox.QueryTriples):
            body, kind, headers = self._post(self.adapt(text), _TRIPLES)
            fmt = ox.RdfFormat.from_media_type(kind.split(";")[0].strip()) \
                or ox.RdfFormat.N_TRIPLES
            if kind.startswith("text/plain"):
                fmt = ox.RdfFormat.N_TRIPLES
            triples = [q.triple for q in ox.parse(body, format=fmt)]
            return [ox.Triple(*(self._term(None, t) for t in triple)) for triple in triples]
        body, kind, headers = self._post(self.adapt(text), _JSON)
        self._check_cap(headers)
        solutions = ox.parse_query_results(body, format=_results_format(kind))
        if self.dialect != "virtuoso":
            return solutions
        return Solutions(solutions, self._term)

    def __len__(self) -> int:
        rows = self.query("SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }")
        return int(next(iter(rows))[0].value)

    def __iter__(self):
        return iter(self.query("CONSTRUCT WHERE { ?s ?p ?o }"))

    # ------------------------------------------------------------------ dialects
    def adapt(self, text: str) -> str:
        """The query text as this endpoint's dialect needs it."""
        if self.dialect != "virtuoso":
            return text
        text = re.sub(r'"(true|false)"\^\^<' + re.escape(XSD) + r'boolean>',
                      lambda m: "1" if m.group(1) == "true" else "0", text)
        text = re.sub(r"(?<![\w:\"?])(true|false)(?![\w:\"])",
                      lambda m: "1" if m.group(1) == "true" else "0", text)
        return _order_by_text(text)

    def _term(self, name: str | None, term: Any) -> Any:
        if (self.dialect == "virtuoso" and isinstance(term, ox.Literal) and name is not None
                and name in BOOLEAN_VARIABLES and term.value in ("0", "1")):
            return ox.Literal("true" if term.value == "1" else "false",
                              datatype=ox.NamedNode(XSD + "boolean"))
        if (self.dialect == "virtuoso" and isinstance(term, ox.Literal)
                and term.datatype.value == XSD + "integer" and name is None):
            return term
        return term

    def _check_cap(self, headers: dict[str, str]) -> None:
        cap = headers.get("x-sparql-maxrows")
        if cap is not None:
            raise EndpointError(f"{self.url} cut the answer at {cap} rows (its "
                                "ResultSetMaxRows): raise that limit, or page with LIMIT/OFFSET")


class Solutions:
    """Solutions with each term passed through a converter (for dialect adaptations)."""

    def __init__(self, solutions: ox.QuerySolutions, convert):
        self.variables = solutions.variables
        self._names = [v.value for v in self.variables]
        self._rows = [tuple(convert(name, term) if term is not None else None
                            for name, term in zip(self._names, row, strict=True))
                      for row in solutions]

    def __iter__(self):
        return iter(self._rows)


def _results_format(content_type: str) -> ox.QueryResultsFormat:
    kind = content_type.split(";")[0].strip().casefold()
    if "xml" in kind:
        return ox.QueryResultsFormat.XML
    if kind in ("text/csv",):
        return ox.QueryResultsFormat.CSV
    if "tab-separated" in kind:
        return ox.QueryResultsFormat.TSV
    return ox.QueryResultsFormat.JSON


_ORDER_BY = re.compile(r"\bORDER\s+BY\s+((?:(?:ASC|DESC)?\s*\(?\s*\?\w+\s*\)?\s*)+)",
                       re.IGNORECASE)


def _order_by_text(text: str) -> str:
    """``ORDER BY ?a DESC(?b)`` → ordering by each variable's IRI text where it is an IRI and by
    its value otherwise (Virtuoso orders IRIs by internal id)."""

    def keys(match: re.Match) -> str:
        out = []
        for item in re.finditer(r"(ASC|DESC)?\s*\(?\s*\?(\w+)\s*\)?", match.group(1), re.I):
            direction, name = item.group(1), item.group(2)
            key = f"IF(isIRI(?{name}), STR(?{name}), ?{name})"
            out.append(f"{direction.upper()}({key})" if direction else f"ASC({key})")
        return "ORDER BY " + " ".join(out) + " "

    return _ORDER_BY.sub(keys, text)


def connect(url: str, default_graph: str | None = None, dialect: str = "auto",
            timeout: float = 60.0, headers: dict[str, str] | None = None):
    """The library API over a SPARQL 1.1 endpoint: ``kg.connect("http://127.0.0.1:7878/query")``.

    ``default_graph`` names the graph that holds the data, where the endpoint has others
    (Virtuoso's system graphs); ``dialect`` is detected from the server (``auto``) or given
    (``standard``, ``virtuoso``).
    """
    from kg.graph import KnowledgeGraph

    return KnowledgeGraph(SparqlEndpoint(url, default_graph, dialect, timeout, headers))
