"""Validate the compiled graph against ontology/shapes.ttl and locate each violation at the
row that made the offending node."""

from __future__ import annotations

from pathlib import Path

from rdflib import Graph
from rdflib.namespace import SH

from kg.problems import Problem


def shacl_problems(data: Graph, shapes_path: Path, origin: dict[str, tuple[str, int]],
                   shapes_label: str) -> list[Problem]:
    from pyshacl import validate  # heavy: imported only when a build validates

    shapes = Graph().parse(shapes_path, format="turtle")
    conforms, results, _ = validate(data, shacl_graph=shapes, inference="none",
                                    abort_on_first=False, allow_warnings=True)
    if conforms:
        return []
    problems = []
    for result in results.subjects(SH.resultSeverity, SH.Violation):
        focus = results.value(result, SH.focusNode)
        message = results.value(result, SH.resultMessage)
        path = results.value(result, SH.resultPath)
        value = results.value(result, SH.value)
        file, line = origin.get(str(focus), (shapes_label, 0))
        where = f" on {data.namespace_manager.normalizeUri(path)}" if path is not None else ""
        got = f" (value: {value})" if value is not None else ""
        problems.append(Problem(file, line, f"SHACL violation{where}: {message}{got}"))
    return problems
