"""Deterministic artifacts: sorted N-Triples, Turtle and JSON-LD, written all-or-nothing."""

from __future__ import annotations

import json
import os
import tempfile
from pathlib import Path

import pyoxigraph as ox
from rdflib import Graph

from kg.namespaces import PREFIXES

GRAPH_NAME = "postsoviet-kg"


def sorted_ntriples(graph: Graph) -> str:
    """One triple a line, sorted, so that the same input gives byte-identical output."""
    lines = graph.serialize(format="nt", encoding="utf-8").decode("utf-8").splitlines()
    return "".join(sorted(f"{line}\n" for line in lines if line.strip()))


def serialize_all(ntriples: str, stats: dict) -> dict[str, bytes]:
    """Every artifact's file name and bytes. Turtle and JSON-LD are written by Oxigraph from the
    sorted N-Triples, streaming in that order, so they are deterministic too."""
    triples = list(ox.parse(ntriples.encode("utf-8"), format=ox.RdfFormat.N_TRIPLES))
    turtle = ox.serialize(triples, format=ox.RdfFormat.TURTLE, prefixes=PREFIXES)
    jsonld = ox.serialize(triples, format=ox.RdfFormat.JSON_LD)
    return {
        f"{GRAPH_NAME}.nt": ntriples.encode("utf-8"),
        f"{GRAPH_NAME}.ttl": turtle,
        f"{GRAPH_NAME}.jsonld": jsonld,
        "stats.json": (json.dumps(stats, indent=2, ensure_ascii=False, sort_keys=True) + "\n")
        .encode("utf-8"),
    }


def write_atomically(out_dir: Path, files: dict[str, bytes]) -> list[Path]:
    """Write every file to a temporary name first, then rename each into place, so a failure
    while writing leaves the previous artifacts as they were."""
    out_dir.mkdir(parents=True, exist_ok=True)
    staged: list[tuple[str, Path]] = []
    try:
        for name, content in files.items():
            fd, tmp = tempfile.mkstemp(dir=out_dir, prefix=f".{name}.", suffix=".tmp")
            with os.fdopen(fd, "wb") as handle:
                handle.write(content)
            staged.append((name, Path(tmp)))
    except BaseException:
        for _, tmp in staged:
            tmp.unlink(missing_ok=True)
        raise
    written = []
    for name, tmp in staged:
        target = out_dir / name
        os.replace(tmp, target)
        written.append(target)
    return written
