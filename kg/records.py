"""The typed records the library returns. All are immutable and compare by value."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date


def partial(day: date | None, precision: str | None) -> str:
    """A stored date as precisely as its source gave it: ``1993-12-03``, ``1993-12`` or ``1993``.

    >>> partial(date(2007, 1, 1), "year")
    '2007'
    """
    if day is None:
        return ""
    iso = day.isoformat()
    return {"month": iso[:7], "year": iso[:4]}.get(precision or "day", iso)


class Rows(list):
    """SPARQL solutions: a list of ``{variable: value}`` dicts (an unbound variable is left
    out of its row) that also knows the query's projected ``variables``, in order."""

    def __init__(self, rows=(), variables: list[str] | tuple[str, ...] = ()):
        super().__init__(rows)
        self.variables = list(variables)


class Triples(list):
    """The triples a CONSTRUCT or DESCRIBE query built (``pyoxigraph.Triple`` objects)."""

    FORMATS = ("turtle", "ntriples")

    def serialize(self, format: str = "turtle") -> str:
        """The triples as Turtle (with the graph's prefixes) or as N-Triples."""
        import pyoxigraph as ox

        from kg.namespaces import PREFIXES

        if format == "ntriples":
            data = ox.serialize(self, format=ox.RdfFormat.N_TRIPLES)
        elif format == "turtle":
            data = ox.serialize(self, format=ox.RdfFormat.TURTLE, prefixes=PREFIXES)
        else:
            raise ValueError(f"unknown format {format!r}: expected turtle or ntriples")
        return data.decode("utf-8")


class LangString(str):
    """A string with a language tag, e.g. ``LangString("独联体", "zh")``; it is a ``str``."""

    lang: str

    def __new__(cls, text: str, lang: str) -> LangString:
        obj = super().__new__(cls, text)
        obj.lang = lang
        return obj

    def __repr__(self) -> str:
        return f"{str.__repr__(self)}@{self.lang}"


@dataclass(frozen=True)
class Source:
    """A page that was read: its URL, its own title, who published it, the day it was read."""

    id: str
    url: str
    title: str
    publisher: str | None = None
    accessed: date | None = field(default=None, compare=False)


@dataclass(frozen=True)
class Entity:
    """A state, organization, person, post, event or place.

    ``type`` is one of ``state``, ``organization``, ``person``, ``post``, ``event``, ``place``.
    """

    id: str
    iri: str
    type: str
    labels: dict[str, str] = field(default_factory=dict, compare=False, hash=False)
    aliases: tuple[LangString, ...] = field(default=(), compare=False, hash=False)

    @property
    def label(self) -> str:
        """The English label (falls back to the id)."""
        return self.labels.get("en", self.id)

    def __str__(self) -> str:
        return f"{self.label} ({self.id})"

    def __repr__(self) -> str:
        return f"<{self.type} {self.id}: {self.label}>"


@dataclass(frozen=True)
class Membership:
    """One state's membership of one organization with one status over one period.
    ``end`` is None while it still holds; the end day itself is no longer covered."""

    state: Entity
    organization: Entity
    status: str
    start: date
    end: date | None
    founding: bool
    signed: date | None
    start_precision: str
    end_precision: str | None
    note: str | None
    sources: tuple[Source, ...]
    iri: str

    def covers(self, day: date) -> bool:
        return self.start <= day and (self.end is None or day < self.end)

    def __repr__(self) -> str:
        return (f"<membership {self.state.id} in {self.organization.id}: {self.status} "
                f"{self.start}..{self.end or ''}>")


@dataclass(frozen=True)
class Tenure:
    """One person's tenure of one post, from assumption of office to the next holder's."""

    person: Entity
    post: Entity
    start: date
    end: date | None
    acting: bool
    note: str | None
    sources: tuple[Source, ...]
    iri: str
    start_precision: str = "day"
    end_precision: str | None = None
    #: the election, appointment or other event that began the tenure, where the sources say
    began_with: Entity | None = None

    def __repr__(self) -> str:
        acting = " (acting)" if self.acting else ""
        return (f"<tenure {self.person.id} as {self.post.id}{acting}: "
                f"{self.start}..{self.end or ''}>")


@dataclass(frozen=True)
class Event:
    """An event covers ``start`` to ``end``, both days included; a one-day event has
    ``end == start``, and ``end`` is None only while the event is still going on."""

    id: str
    iri: str
    label: str
    kind: str
    start: date
    end: date | None
    location: Entity | None
    organization: Entity | None
    labels: dict[str, str] = field(default_factory=dict, compare=False, hash=False)
    sources: tuple[Source, ...] = field(default=(), compare=False)
    start_precision: str = "day"
    end_precision: str | None = None
    #: ``regular``, ``informal``, ``extraordinary`` or ``online`` (meetings only), else None
    format: str | None = None
    #: the palace, residence or hall inside ``location`` where it was held, if known
    venue: Entity | None = None
    #: the sessions it was held in, where known: ``("narrow", "extended")``, ``("extended",)``
    composition: tuple[str, ...] = ()
    #: for an accession, withdrawal or status change, the step it records (``announcement``,
    #: ``parliament-vote``, ``notification``, ... or ``effect``); None for other kinds
    step: str | None = None
    #: the larger event this one is part of (a withdrawal's effect, a conflict), if any
    part_of: Entity | None = None
    #: the events this one led to, as the sources say
    led_to: tuple[Entity, ...] = ()

    @property
    def ongoing(self) -> bool:
        """True while the event is still going on (it has no end)."""
        return self.end is None

    def __repr__(self) -> str:
        end = f"..{self.end}" if self.end and self.end != self.start else ""
        end = "..(ongoing)" if self.end is None else end
        return f"<{self.kind} {self.id}: {self.label}, {self.start}{end}>"


@dataclass(frozen=True)
class Participation:
    """``participant`` is a person or a state; ``state`` the state represented (None for an
    official, who represents an organization); ``represents`` the state or organization
    represented. ``role`` is ``host``, ``attendee``, ``absent``, ``guest``, ``observer`` or
    ``official`` at a meeting, ``subject`` of an accession, declaration, referendum and the
    like, ``belligerent``, ``territory`` or ``contributor`` in a conflict,
    unrest or deployment. ``attendance`` is ``in-person``, ``video`` or ``absent`` where known."""

    event: Entity
    participant: Entity
    state: Entity | None
    role: str
    note: str | None
    sources: tuple[Source, ...]
    iri: str
    represents: Entity | None = None
    attendance: str | None = None
    #: ``extended`` (or ``narrow``) when the participant joined only that session
    composition: str | None = None
    #: at a meeting, ``head-of-state``, ``head-of-government`` or ``envoy`` (given, or derived
    #: from the post the person held that day); None where not known or not a meeting
    capacity: str | None = None

    def __repr__(self) -> str:
        who = self.participant.id
        whom = self.represents or self.state
        state = f" for {whom.id}" if whom and whom != self.participant else ""
        video = " by video" if self.attendance == "video" else ""
        return f"<{self.role} {who}{state} at {self.event.id}{video}>"


@dataclass(frozen=True)
class Chairmanship:
    """One state's rotating chairmanship of one organization, from ``start`` to the day the
    next chair took over (``end``, not covered); ``decision`` is the meeting that chose it."""

    organization: Entity
    state: Entity
    start: date
    end: date | None
    decision: Entity | None
    note: str | None
    sources: tuple[Source, ...]
    iri: str
    start_precision: str = "day"
    end_precision: str | None = None

    def covers(self, day: date) -> bool:
        return self.start <= day and (self.end is None or day < self.end)

    def __repr__(self) -> str:
        return (f"<chairmanship of {self.organization.id}: {self.state.id} "
                f"{partial(self.start, self.start_precision)}.."
                f"{partial(self.end, self.end_precision)}>")


@dataclass(frozen=True)
class Document:
    """A declaration, statement, programme, agreement, decision or treaty adopted or signed at
    ``event``; ``signatories`` the states that signed, ``refused`` those present that did not."""

    id: str
    iri: str
    label: str
    kind: str
    date: date | None
    event: Entity | None
    organization: Entity | None
    signatories: tuple[Entity, ...]
    refused: tuple[Entity, ...]
    note: str | None
    sources: tuple[Source, ...]
    labels: dict[str, str] = field(default_factory=dict, compare=False, hash=False)
    date_precision: str = "day"

    def __repr__(self) -> str:
        at = f" at {self.event.id}" if self.event else ""
        return f"<{self.kind} {self.id}: {self.label}{at}>"
