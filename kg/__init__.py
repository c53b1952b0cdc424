"""The post-Soviet institutions knowledge graph.

>>> import kg
>>> g = kg.load()
>>> g.head_of_state("KAZ", at="2022-12-27").label
'Kassym-Jomart Tokayev'
"""

from kg.graph import (
    KnowledgeGraph,
    MissingParameterError,
    QueryError,
    UnknownEntityError,
    load,
)
from kg.guards import WrongKindError
from kg.notices import DefaultUsedWarning, KGWarning, OutsideDataWarning
from kg.queries import NamedQuery, named_queries
from kg.records import Entity, Event, LangString, Membership, Participation, Source, Tenure

__version__ = "0.1.0"


def connect(url: str, **options):
    """The library API over a SPARQL 1.1 endpoint (Oxigraph, Fuseki, QLever, GraphDB,
    Virtuoso): ``kg.connect("http://127.0.0.1:7878/query")``; see :mod:`kg.remote`."""
    from kg.remote import connect as remote_connect

    return remote_connect(url, **options)

__all__ = [
    "DefaultUsedWarning", "Entity", "Event", "KGWarning", "KnowledgeGraph", "LangString",
    "Membership", "MissingParameterError", "NamedQuery", "OutsideDataWarning", "Participation",
    "QueryError", "Source", "Tenure", "UnknownEntityError", "WrongKindError", "connect", "load",
    "named_queries",
]
