"""Refusing questions that cannot have the answer the caller expects, instead of answering
them with a silent empty list: an argument of the wrong kind, an unknown status, a day outside
the lifetime of what is asked about or after the data's as-of date."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from typing import TYPE_CHECKING

from kg.notices import OutsideDataWarning, notice
from kg.records import Entity

if TYPE_CHECKING:
    from kg.graph import KnowledgeGraph

STATUSES = ("member", "associate", "observer", "participant", "partner", "suspended", "frozen")

_ARTICLE = {"organization": "an organization", "event": "an event", "state": "a state",
            "person": "a person", "post": "a post", "place": "a place", "treaty": "a treaty",
            "base": "a military base", "source": "a source", "document": "a document"}


class WrongKindError(ValueError):
    """An entity of one kind was given where another kind was expected."""


def expect(graph: KnowledgeGraph, ref: str | Entity, *kinds: str, role: str = "") -> Entity:
    """The entity ``ref`` names, which must be of one of ``kinds``; else a WrongKindError
    naming what it is and what was expected.

    >>> import kg
    >>> expect(kg.load(), "Kazakhstan", "organization")
    Traceback (most recent call last):
    ...
    kg.guards.WrongKindError: 'Kazakhstan' is a state (KAZ), not an organization
    """
    entity = graph.entity(ref)
    if entity.type not in kinds:
        wanted = " or ".join(_ARTICLE.get(k, k) for k in kinds)
        name = ref if isinstance(ref, str) else entity.label
        where = f" for {role}" if role else ""
        raise WrongKindError(f"{name!r} is {_ARTICLE.get(entity.type, entity.type)} "
                             f"({entity.id}), not {wanted}{where}")
    return entity


def statuses(status: str | Iterable[str] | None) -> set[str] | None:
    """The membership statuses asked for (None: any); an unknown one is an error."""
    if status is None or status == "any":
        return None
    wanted = {status} if isinstance(status, str) else set(status)
    unknown = sorted(wanted - set(STATUSES))
    if unknown:
        raise ValueError(f"unknown membership status {', '.join(map(repr, unknown))}: expected "
                         f"{', '.join(STATUSES)}, or any")
    return wanted


def check_lifetime(graph: KnowledgeGraph, entity: Entity, day: date) -> None:
    """Warn when ``day`` is before ``entity`` existed or after it ended: an empty answer there
    means "it did not exist", not "none"."""
    lifetime = graph._lifetimes.get(entity.iri)
    if lifetime is None:
        return
    born, ended, what = lifetime
    if born is not None and day < born:
        notice(f"{entity.label} ({entity.id}) {what} on {born.isoformat()}; "
               f"{day.isoformat()} is before that", OutsideDataWarning, stacklevel=4)
    elif ended is not None and day >= ended:
        notice(f"{entity.label} ({entity.id}) ended on {ended.isoformat()}; "
               f"{day.isoformat()} is after that", OutsideDataWarning, stacklevel=4)


def check_as_of(graph: KnowledgeGraph, day: date) -> None:
    """Warn when ``day`` is after the data's as-of date: the answer may miss later facts."""
    as_of = graph.as_of
    if as_of is not None and day > as_of:
        notice(f"the data is as of {as_of.isoformat()}; facts after that day are not in the "
               f"graph, so the answer for {day.isoformat()} may be incomplete",
               OutsideDataWarning, stacklevel=4)
