"""Counts that describe the graph: entities and facts per class, unsourced facts, facts flagged
unverified, facts resting on more than Wikipedia and its copies, as-of date."""

from __future__ import annotations

import pyoxigraph as ox

from kg.mirrors import is_mirror
from kg.namespaces import PREFIXES, sparql_prologue

#: What is counted, by the name shown to users, and the class it counts.
COUNTED = {
    "states": "psk:State",
    "organizations": "psk:IntergovernmentalOrganization",
    "treaties": "psk:Treaty",
    "bases": "psk:MilitaryBase",
    "people": "foaf:Person",
    "posts": "org:Post",
    "places": "psk:City",
    "venues": "psk:Venue",
    "documents": "psk:Document",
    "events": "schema:Event",
    "memberships": "org:Membership",
    "tenures": "psk:Tenure",
    "participations": "psk:Participation",
    "chairmanships": "psk:Chairmanship",
    "sources": "psk:Source",
}

#: Classes whose every instance must cite a source.
SOURCED = [c for name, c in COUNTED.items() if name != "sources"]


def compute_stats(store: ox.Store) -> dict:
    values = " ".join(COUNTED.values())
    rows = store.query(sparql_prologue() + f"""
        SELECT ?class (COUNT(DISTINCT ?x) AS ?n) WHERE {{
          VALUES ?class {{ {values} }} ?x a ?class }} GROUP BY ?class""")
    by_class = {row["class"].value: int(row["n"].value) for row in rows}
    counts = {name: by_class.get(expand_curie(cls), 0) for name, cls in COUNTED.items()}
    prologue = sparql_prologue()
    sourced_values = " ".join(SOURCED)
    unsourced = store.query(prologue + f"""
        SELECT (COUNT(DISTINCT ?x) AS ?n) WHERE {{
          VALUES ?class {{ {sourced_values} }} ?x a ?class
          FILTER NOT EXISTS {{ ?x prov:wasDerivedFrom ?s }} }}""")
    unverified = store.query(prologue + """
        SELECT (COUNT(DISTINCT ?x) AS ?n) WHERE { ?x psk:unverified true }""")
    sourced_facts = store.query(prologue + f"""
        SELECT ?x ?url ?title ?publisher WHERE {{
          VALUES ?class {{ {sourced_values} }} ?x a ?class ; prov:wasDerivedFrom ?s .
          ?s schema:url ?url . OPTIONAL {{ ?s dcterms:title ?title }}
          OPTIONAL {{ ?s dcterms:publisher ?publisher }} }}""")
    beyond_mirrors: dict[str, bool] = {}
    for row in sourced_facts:
        fact = row["x"].value
        title, publisher = row["title"], row["publisher"]
        other = not is_mirror(row["url"].value, title.value if title else "",
                              publisher.value if publisher else "")
        beyond_mirrors[fact] = beyond_mirrors.get(fact, False) or other
    as_of = list(store.query(prologue + """
        SELECT ?d WHERE { ?ds a dcat:Dataset ; dcterms:modified ?d }"""))
    return {
        "triples": len(store),
        "counts": counts,
        "facts_without_source": int(next(iter(unsourced))["n"].value),
        "flagged_unverified": int(next(iter(unverified))["n"].value),
        # facts citing at least one source that is not Wikipedia or a copy of it (kg.mirrors)
        "facts_beyond_mirrors": sum(beyond_mirrors.values()),
        "facts_sourced": len(beyond_mirrors),
        "as_of": as_of[0]["d"].value if as_of else None,
    }


def expand_curie(curie: str) -> str:
    prefix, local = curie.split(":", 1)
    return PREFIXES[prefix] + local
