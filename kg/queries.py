"""Named SPARQL queries: ``kg/queries/NAME.rq`` files, each headed by the question it answers.

Header lines, before the query text::

    # title: Members of an organization at a date
    # question: Which states were full members of ?org on ?at?
    # param: org entity type=organization example=CSTO
    # param: at date default=today example=2010-01-01

A parameter's kind is ``entity`` (an id, acronym or label, resolved by the graph), ``date``,
``integer`` or ``string``. A parameter without ``default=`` is required: running the query
without it is an error, never a silent answer for the example. The only default a date may
have is ``today``. ``example=`` is the value the documentation and the tests use; ``type=``
(``organization``, ``state``, ``person``, ``event``; several as ``state|person``) makes an
entity of another kind an error instead of an empty answer.
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
    example: str
    #: None: required
    default: str | None = None
    #: for an entity: the kind(s) it must be (``organization``, ``state|person``), or None
    type: str | None = None

    def describe(self) -> str:
        """``org (entity, required, e.g. CSTO)``"""
        need = "required" if self.default is None else f"default {self.default}"
        kind = self.type.replace("|", " or ") if self.type else self.kind
        return f"{self.name} ({kind}, {need}, e.g. {self.example})"


@dataclass(frozen=True)
class NamedQuery:
    name: str
    title: str
    question: str
    params: tuple[Param, ...]
    text: str

    @property
    def examples(self) -> dict[str, str]:
        """The example value of every parameter, by name (what the docs and tests run)."""
        return {p.name: p.example for p in self.params}


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
            params.append(_parse_param(name, value))
    if not title or not question:
        raise ValueError(f"{name}.rq: header needs '# title:' and '# question:' lines")
    return NamedQuery(name, title, question, tuple(params), text)


def _parse_param(query: str, text: str) -> Param:
    """``NAME KIND example=VALUE [default=today]``; the older ``NAME KIND VALUE`` reads VALUE
    as the example of a required parameter."""
    words = text.split()
    if len(words) < 3:
        raise ValueError(f"{query}.rq: write '# param: NAME KIND example=VALUE', not {text!r}")
    pname, kind, rest = words[0], words[1], words[2:]
    if kind not in PARAM_KINDS:
        raise ValueError(f"{query}.rq: parameter {pname} has unknown kind {kind!r}")
    options = dict(w.partition("=")[::2] for w in rest if "=" in w)
    example = options.get("example") or next((w for w in rest if "=" not in w), None)
    if example is None:
        raise ValueError(f"{query}.rq: parameter {pname} needs an example=VALUE")
    default = options.get("default")
    entity_type = options.get("type")
    if entity_type is not None and kind != "entity":
        raise ValueError(f"{query}.rq: only an entity parameter has a type, not {pname}")
    if default is not None and kind == "date" and default != "today":
        raise ValueError(f"{query}.rq: a date parameter's only default is 'today', "
                         f"not {default!r}")
    return Param(pname, kind, example, default, entity_type)


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
