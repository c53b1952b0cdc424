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

- ``a <= b`` is sent as ``!(a > b)`` (and ``>=`` alike): Virtuoso 7 loses the inclusive end of
  a date range (:func:`strict_comparisons`);
- each literal the library binds is written into the query body in place of its variable:
  Virtuoso 7 cannot compile a VALUES-fixed variable compared beside an OPTIONAL
  (:func:`inline_literal_values`);
- booleans come back as ``"1"``/``"0"``: they are read back as ``true``/``false``;
- DESCRIBE asks for the concise bounded description, as Oxigraph gives;
- it caps result sets at ``ResultSetMaxRows`` silently (with an ``X-SPARQL-MaxRows`` header): a
  capped answer is an error here, never a short list;
- it has system graphs: give ``default_graph`` so that queries read only the data's graph.
"""

from __future__ import annotations

import re
from typing import Any

import pyoxigraph as ox

XSD = "http://www.w3.org/2001/XMLSchema#"

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
            return [ox.Triple(*(self._term(t) for t in triple)) for triple in triples]
        body, kind, headers = self._post(self.adapt(text), _JSON)
        self._check_cap(headers)
        fmt = _results_format(kind)
        if self.dialect == "virtuoso" and fmt == ox.QueryResultsFormat.JSON:
            body = _canonical_booleans(body)
        return ox.parse_query_results(body, format=fmt)

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
        text = strict_comparisons(inline_literal_values(text))
        if _DESCRIBE.match(_strip_prologue(text)):
            text = 'define sql:describe-mode "CBD" ' + text
        return text

    @staticmethod
    def _term(term: Any) -> Any:
        """Virtuoso writes booleans as ``"1"^^xsd:boolean``: give the canonical form."""
        if (isinstance(term, ox.Literal) and term.datatype.value == XSD + "boolean"
                and term.value in ("0", "1")):
            return ox.Literal("true" if term.value == "1" else "false",
                              datatype=ox.NamedNode(XSD + "boolean"))
        return term

    def _check_cap(self, headers: dict[str, str]) -> None:
        cap = headers.get("x-sparql-maxrows")
        if cap is not None:
            raise EndpointError(f"{self.url} cut the answer at {cap} rows (its "
                                "ResultSetMaxRows): raise that limit, or page with LIMIT/OFFSET")


def _canonical_booleans(body: bytes) -> bytes:
    """Virtuoso's SPARQL JSON writes booleans as ``"1"``/``"0"``: ``"true"``/``"false"``."""
    import json

    if XSD.encode() + b"boolean" not in body:
        return body
    data = json.loads(body)
    for row in data.get("results", {}).get("bindings", []):
        for term in row.values():
            if term.get("datatype") == XSD + "boolean" and term.get("value") in ("0", "1"):
                term["value"] = "true" if term["value"] == "1" else "false"
    return json.dumps(data).encode("utf-8")


def _results_format(content_type: str) -> ox.QueryResultsFormat:
    kind = content_type.split(";")[0].strip().casefold()
    if "xml" in kind:
        return ox.QueryResultsFormat.XML
    if kind == "text/csv":
        return ox.QueryResultsFormat.CSV
    if "tab-separated" in kind:
        return ox.QueryResultsFormat.TSV
    return ox.QueryResultsFormat.JSON


_LITERAL_VALUES = re.compile(
    r'VALUES \?(\w+) \{ ("(?:[^"\\]|\\.)*"(?:\^\^<[^<>\s]*>|@[A-Za-z0-9-]+)?) \}')


def inline_literal_values(text: str) -> str:
    """Write each literal that the library binds (``VALUES ?at { "2010-01-01"^^xsd:date }``)
    into the outermost group pattern in place of its variable, keeping the VALUES block.

    Virtuoso 7 fails to compile a variable fixed by VALUES and compared in a FILTER beside an
    OPTIONAL ("SP031 ... ssg_print_rvr_fixed_val(): no SPART_VARR_FIXED"); with the constant
    written in, it compiles, and the answers are the same."""
    from kg.sparql import _braces, outer_group_start

    literals = dict(_LITERAL_VALUES.findall(text))
    if not literals:
        return text
    try:
        start = outer_group_start(text)
    except ValueError:
        return text
    depth, end = 1, len(text)
    for index, char in _braces(text[start:]):
        depth += 1 if char == "{" else -1
        if depth == 0:
            end = start + index
            break
    body = _LITERAL_VALUES.sub(lambda m: "\0" + m.group(0) + "\0", text[start:end])
    pieces = body.split("\0")
    names = re.compile(r"\?(" + "|".join(map(re.escape, literals)) + r")\b")
    for i in range(0, len(pieces), 2):  # not inside the VALUES blocks themselves
        pieces[i] = _outside_strings(pieces[i], lambda code: names.sub(
            lambda m: literals[m.group(1)], code))
    return text[:start] + "".join(pieces) + text[end:]


_OPERAND = r'(?:\?\w+|"(?:[^"\\]|\\.)*"(?:\^\^<[^<>\s]*>)?|[+-]?\d+(?:\.\d+)?)'
_COMPARISON = re.compile(rf"({_OPERAND})\s*(<=|>=)\s*({_OPERAND})")
_DESCRIBE = re.compile(r"\s*DESCRIBE\b", re.IGNORECASE)
_PROLOGUE = re.compile(r"\s*(?:(?:PREFIX\s+[\w-]*:\s*<[^>]*>|BASE\s+<[^>]*>|#[^\n]*)\s*)*",
                       re.IGNORECASE)


def _strip_prologue(text: str) -> str:
    return text[_PROLOGUE.match(text).end():]


def strict_comparisons(text: str) -> str:
    """``?a <= ?b`` → ``!(?a > ?b)`` and ``?a >= ?b`` → ``!(?a < ?b)``, for a variable,
    literal or number on each side: the same answers, errors included (a comparison with an
    unbound variable is an error either way). Virtuoso 7 answers
    ``?start <= "1992-05-15"^^xsd:date`` with no rows where the same data meets ``<``: its
    range scan on dates loses the inclusive end."""

    def strict(match: re.Match) -> str:
        left, op, right = match.groups()
        return f"!({left} {'>' if op == '<=' else '<'} {right})"

    return _COMPARISON.sub(strict, text)


_STRINGS = re.compile("|".join((
    r'"""[\s\S]*?"""', r"'''[\s\S]*?'''", r'"(?:[^"\\\n]|\\.)*"', r"'(?:[^'\\\n]|\\.)*'",
    r'<[^<>"{}|^`\\\s]*>', r"#[^\n]*")))


def _outside_strings(text: str, change) -> str:
    """Apply ``change`` to the parts of the text outside strings, IRIs and comments."""
    out, last = [], 0
    for match in _STRINGS.finditer(text):
        out += [change(text[last:match.start()]), match.group(0)]
        last = match.end()
    out.append(change(text[last:]))
    return "".join(out)


def connect(url: str, default_graph: str | None = None, dialect: str = "auto",
            timeout: float = 60.0, headers: dict[str, str] | None = None):
    """The library API over a SPARQL 1.1 endpoint: ``kg.connect("http://127.0.0.1:7878/query")``.

    ``default_graph`` names the graph that holds the data, where the endpoint has others
    (Virtuoso's system graphs); ``dialect`` is detected from the server (``auto``) or given
    (``standard``, ``virtuoso``).
    """
    from kg.graph import KnowledgeGraph

    return KnowledgeGraph(SparqlEndpoint(url, default_graph, dialect, timeout, headers))
