"""IRIs: one namespace for the ontology, one for the data, and the reused vocabularies.

Plain strings, so that ``import kg`` does not pay for importing rdflib; the build makes rdflib
``Namespace`` objects from them.
"""

from __future__ import annotations

BASE = "https://w3id.org/postsoviet-kg/"

#: The path segment of each kind of entity or fact node below BASE.
SEGMENTS = {
    "state": "state",
    "organization": "organization",
    "treaty": "treaty",
    "base": "base",
    "person": "person",
    "post": "post",
    "event": "event",
    "place": "place",
    "source": "source",
    "membership": "membership",
    "tenure": "tenure",
    "participation": "participation",
    "name": "name",
    "chairmanship": "chairmanship",
    "document": "document",
}

DATASET_IRI = BASE + "dataset"

#: The ontology class (local name in psk:) of each event ``kind`` the data may use. The data
#: format, the build and the library all read the kinds from here.
EVENT_CLASS_NAMES = {
    "summit": "Summit", "treaty-signing": "TreatySigning", "accession": "Accession",
    "withdrawal": "Withdrawal", "status-change": "StatusChange",
    "armed-conflict": "ArmedConflict", "unrest": "Unrest", "deployment": "Deployment",
    "election": "Election",
    "sovereignty-declaration": "SovereigntyDeclaration",
    "independence-declaration": "IndependenceDeclaration",
    "referendum": "Referendum", "coup-attempt": "CoupAttempt", "resignation": "Resignation",
    "dissolution": "Dissolution", "constitutional-change": "ConstitutionalChange",
}
#: Event kinds that change a membership; their rows may name the ``step`` they record.
MEMBERSHIP_EVENT_KINDS = ("accession", "withdrawal", "status-change")
#: The steps of an accession, suspension or withdrawal (``events.step``), in the order they
#: usually come; an empty step is ``effect``, the day the change took effect.
MEMBERSHIP_STEPS = ("announcement", "application", "decision", "parliament-vote", "signature",
                    "ratification", "notification", "effect")
#: Statuses whose holders a body expects at its meetings: a meeting's attendance is complete
#: when each state holding one of them that day has a row (kg.coverage, the validator).
EXPECTED_STATUSES = ("member", "participant", "associate", "frozen")
#: In what capacity a participant represented its state at a meeting
#: (``participations.capacity``; derived from the post a person held when not given).
CAPACITIES = ("head-of-state", "head-of-government", "envoy")

#: How a meeting was held (``events.format``): a statutory meeting of the body, an informal
#: one, an extraordinary one called outside the schedule, or one held wholly by video link.
MEETING_FORMATS = ("regular", "informal", "extraordinary", "online")
#: The sessions of a meeting (``events.composition``, a ';'-list): the restricted session of
#: the heads of delegation, and the extended (expanded, plenary) one with delegations, observers
#: and guests. ``participations.composition`` names the only one a participant joined.
COMPOSITIONS = ("narrow", "extended")
#: How one participant took part (``participations.attendance``); ``absent`` is a role.
ATTENDANCE = ("in-person", "video")
#: Roles, by the kinds of event they are valid for (checks.check_roles).
ROLES_BY_KIND = {
    "summit": ("host", "attendee", "absent", "guest", "observer", "official"),
    "treaty-signing": ("host", "attendee", "absent", "official"),
    "accession": ("subject",),
    "withdrawal": ("subject",),
    "status-change": ("subject",),
    "election": ("subject",),
    "sovereignty-declaration": ("subject",),
    "independence-declaration": ("subject",),
    "referendum": ("subject",),
    "coup-attempt": ("subject",),
    "resignation": ("subject",),
    "dissolution": ("subject",),
    "constitutional-change": ("subject",),
    "armed-conflict": ("belligerent", "territory"),
    "unrest": ("territory",),
    "deployment": ("contributor", "territory"),
}
ROLES = tuple(dict.fromkeys(r for roles in ROLES_BY_KIND.values() for r in roles))
#: The act an organization's founding date stands for (``organizations.founded_by``).
FOUNDING_ACTS = ("signature", "entry-into-force", "first-meeting", "decision")
#: Kinds of document adopted or signed at a meeting (``documents.kind``).
DOCUMENT_KINDS = ("declaration", "statement", "programme", "agreement", "decision")

PREFIXES = {
    "psk": BASE + "ontology#",
    "schema": "https://schema.org/",
    "org": "http://www.w3.org/ns/org#",
    "prov": "http://www.w3.org/ns/prov#",
    "skos": "http://www.w3.org/2004/02/skos/core#",
    "foaf": "http://xmlns.com/foaf/0.1/",
    "dcterms": "http://purl.org/dc/terms/",
    "dcat": "http://www.w3.org/ns/dcat#",
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
    "owl": "http://www.w3.org/2002/07/owl#",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
    "geo": "http://www.w3.org/2003/01/geo/wgs84_pos#",
    "wd": "http://www.wikidata.org/entity/",
    "state": BASE + "state/",
    "organization": BASE + "organization/",
    "treaty": BASE + "treaty/",
    "base": BASE + "base/",
    "person": BASE + "person/",
    "post": BASE + "post/",
    "event": BASE + "event/",
    "place": BASE + "place/",
    "source": BASE + "source/",
    "document": BASE + "document/",
}


def iri(kind: str, local_id: str) -> str:
    """The IRI of an entity or fact node, e.g. ``iri("state", "RUS")``."""
    return f"{BASE}{SEGMENTS[kind]}/{local_id}"


_PROLOGUE = "".join(f"PREFIX {name}: <{ns}>\n" for name, ns in PREFIXES.items())


def sparql_prologue() -> str:
    """PREFIX lines for every prefix above, for queries written by the library."""
    return _PROLOGUE
